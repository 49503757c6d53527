//! The loss-gradient unit: one sample's logits in, its output errors out (softmax + cross-entropy
//! gradient, or MSE gradient), with the argmax-correct flag.
//!
//! # Math (equal to `golden::kernels::{softmax_ce_grad, mse_grad, argmax}`, bit for bit)
//! Softmax (`mse` low), logits `z_j` (act format):
//! ```text
//! m = max z (first maximum: argmax, lowest index on ties)           [while the logits stream in]
//! E_j = exp_neg(m − z_j): u = min(m − z_j, 32767); t = min(round_nearest(u·23637 >> (act+6)), 32767)
//!       E_j = t ≥ 15·256 ? 0 : EXP2[t & 255] >> (t >> 8)               [EXP2 = golden's exp2_table()]
//! S = Σ E_j;   r = ⌊2^28 / S⌋                                       [sequential divider, 15 cycles]
//! s_j = narrow(E_j·r, 14);  d_j = s_j − 2^14·[j = label]
//! e_j = narrow(d_j·invB, 28 + c − err_frac)       with (invB, 14 + c) = golden::inv_batch(B)
//! ```
//! MSE (`mse` high): `d_j = sat16(z_j − 2^act·[j = label])`, `e_j = narrow(d_j·invB, act + 14 + c −
//! err_frac)`. Every narrowing uses `fixed.rounding` (the exp's `t` always rounds to nearest).
//! `invB = ⌊(2^(14+c) + ⌊B/2⌋) / B⌋`, `c = ⌈log2 B⌉` is computed from the `batch` input at `start` by a
//! second divider (running while the logits stream in); `batch = 0` acts as 1 (as golden).
//! `sat` of an error = the MSE difference or the final narrowing saturated (golden's count is the
//! number of errors with `sat`).
//!
//! # Protocol and timing (N = classes, a parameter)
//! ```text
//!  start (label, batch, mse sampled; ignored while busy) ─► In: N logits, one per cycle with in_valid
//!  (gaps allowed) ─► Exp: N cycles (E_j, S) ─► Div: 15 cycles (r) ─► Out: N cycles (+2 pipeline)
//! ```
//! With the N-th logit in cycle L, error `j` is on `err` with `out_valid` in cycle `L + N + 18 + j`
//! (`out_last` with j = N−1; `correct` = argmax == label and `sat` valid with each error), and
//! `busy` is high from the cycle after `start` through `L + 2N + 17`. So a sample occupies the unit
//! `3N + 18` cycles when its logits come back to back (48 cycles for 10 classes); the next `start` is
//! accepted in the cycle after `busy` falls.
//! ```text
//!   logit ─► [buf: N×16 shift/rotate register] ─► buf[0] ─► m − z ─► ×log2e (Mul16) ─► round ─► EXP2 ROM ─► >>n ─► E
//!                    ▲ E (softmax) / z (MSE) ◄──────────────────────────────────────────────────────────┘   │ S += E
//!   Out: buf[0] ─► E·r (Mul16) ─► round>>14 ─► −2^14[j=y] ─►[d] ─► d·invB (Mul16) ─► round>>sh ─► sat16 ─►[err]
//! ```
//! The EXP2 ROM (256×16) is combinational (rust-hdl `ROM`, a case table). Both dividers are
//! restoring, one quotient bit per cycle ([`Div15`]).

use super::harness::{self, HwUnit, Port, Vectors};
use super::pe::{Mul16, Sext16};
use super::{from_signed, to_bits, to_signed};
use crate::config::{Config, Rounding};
use crate::fixed::{mul, requantize, saturate, OPERAND_BITS};
use crate::golden::kernels::{
    argmax, inv_batch, mse_grad, softmax_ce_grad, softmax_probs, LossUnit, LOG2E_Q14, PROB_FRAC,
    RECIP_BITS,
};
use crate::golden::tables::EXP2_INDEX_BITS;
use proptest::prelude::*;
use rust_hdl::prelude::*;

/// Cycles of a division ([`Div15`]): one per quotient bit.
pub const DIV_CYCLES: usize = 15;

/// Zero extension 16 → 32 bits (hand-written Verilog with a Rust model: a widening cast in
/// `#[hdl_gen]` emits a WIDTH warning).
#[derive(LogicBlock, Default)]
pub struct Zext16 {
    pub a: Signal<In, Bits<16>>,
    pub y: Signal<Out, Bits<32>>,
}

impl Logic for Zext16 {
    fn update(&mut self) {
        self.y.next = to_bits(self.a.val().to_u64());
    }
    fn connect(&mut self) {
        self.y.connect();
    }
    fn hdl(&self) -> Verilog {
        Verilog::Custom("always @(*) y = {16'h0000, a};".into())
    }
}

/// Bit length of a 16-bit value (`16 − leading_zeros`; so `⌈log2 B⌉` of `x = B − 1`), hand-written
/// Verilog (a priority chain) with a Rust model.
#[derive(LogicBlock, Default)]
pub struct BitLen16 {
    pub x: Signal<In, Bits<16>>,
    pub n: Signal<Out, Bits<5>>,
}

impl Logic for BitLen16 {
    fn update(&mut self) {
        let x = self.x.val().to_u64() as u16;
        self.n.next = to_bits((16 - x.leading_zeros()) as u64);
    }
    fn connect(&mut self) {
        self.n.connect();
    }
    fn hdl(&self) -> Verilog {
        let mut s = String::from("always @(*) begin\n    n = 5'd0;\n");
        for i in 0..16 {
            s.push_str(&format!("    if (x[{i}]) n = 5'd{};\n", i + 1));
        }
        s.push_str("end");
        Verilog::Custom(s)
    }
}

/// Sequential restoring divider for quotients below 2^15: `q = ⌊num / den⌋`, valid
/// [`DIV_CYCLES`] edges after the edge that saw `start` (then held until the next `start`).
/// Precondition: `num >> 15 < den` (the quotient fits 15 bits).
#[derive(LogicBlock)]
pub struct Div15 {
    pub clock: Signal<In, Clock>,
    pub start: Signal<In, Bit>,
    pub num: Signal<In, Bits<32>>,
    pub den: Signal<In, Bits<32>>,
    pub q: Signal<Out, Bits<16>>,
    rem_q: DFF<Bits<32>>,
    nsh_q: DFF<Bits<32>>,
    den_q: DFF<Bits<32>>,
    q_q: DFF<Bits<16>>,
    cnt_q: DFF<Bits<5>>,
    r2: Signal<Local, Bits<32>>,
    fifteen_c: Constant<Bits<5>>,
    zero5_c: Constant<Bits<5>>,
    one5_c: Constant<Bits<5>>,
    zero16_c: Constant<Bits<16>>,
    one16_c: Constant<Bits<16>>,
}

impl Div15 {
    pub fn new() -> Div15 {
        Div15 {
            clock: Default::default(),
            start: Default::default(),
            num: Default::default(),
            den: Default::default(),
            q: Default::default(),
            rem_q: Default::default(),
            nsh_q: Default::default(),
            den_q: Default::default(),
            q_q: Default::default(),
            cnt_q: Default::default(),
            r2: Default::default(),
            fifteen_c: Constant::new(to_bits(DIV_CYCLES as u64)),
            zero5_c: Constant::new(to_bits(0)),
            one5_c: Constant::new(to_bits(1)),
            zero16_c: Constant::new(to_bits(0)),
            one16_c: Constant::new(to_bits(1)),
        }
    }
}

impl Default for Div15 {
    fn default() -> Self {
        Self::new()
    }
}

impl Logic for Div15 {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, rem_q, nsh_q, den_q, q_q, cnt_q);
        self.r2.next = (self.rem_q.q.val() << 1) | (self.nsh_q.q.val() >> 31);
        if self.start.val() {
            self.rem_q.d.next = self.num.val() >> 15;
            self.nsh_q.d.next = self.num.val() << 17;
            self.den_q.d.next = self.den.val();
            self.q_q.d.next = self.zero16_c.val();
            self.cnt_q.d.next = self.fifteen_c.val();
        } else if self.cnt_q.q.val() != self.zero5_c.val() {
            if self.r2.val() >= self.den_q.q.val() {
                self.rem_q.d.next = self.r2.val() - self.den_q.q.val();
                self.q_q.d.next = (self.q_q.q.val() << 1) | self.one16_c.val();
            } else {
                self.rem_q.d.next = self.r2.val();
                self.q_q.d.next = self.q_q.q.val() << 1;
            }
            self.nsh_q.d.next = self.nsh_q.q.val() << 1;
            self.cnt_q.d.next = self.cnt_q.q.val() - self.one5_c.val();
        }
        self.q.next = self.q_q.q.val();
    }
}

/// FSM states.
const S_IDLE: u64 = 0;
const S_IN: u64 = 1;
const S_EXP: u64 = 2;
const S_DIV: u64 = 3;
const S_OUT: u64 = 4;

/// The loss-gradient unit (see the module doc).
#[derive(LogicBlock)]
pub struct LossGrad {
    pub clock: Signal<In, Clock>,
    /// Start a sample (ignored while busy): `label`, `batch`, `mse` are sampled with it.
    pub start: Signal<In, Bit>,
    pub label: Signal<In, Bits<8>>,
    pub batch: Signal<In, Bits<16>>,
    pub mse: Signal<In, Bit>,
    /// One logit (act format) per cycle with `in_valid`, classes in ascending order.
    pub in_valid: Signal<In, Bit>,
    pub logit: Signal<In, Signed<16>>,
    pub busy: Signal<Out, Bit>,
    /// One error (err format) per cycle with `out_valid`, classes in ascending order.
    pub out_valid: Signal<Out, Bit>,
    pub out_last: Signal<Out, Bit>,
    pub err: Signal<Out, Signed<16>>,
    pub sat: Signal<Out, Bit>,
    /// argmax(logits) == label (valid with `out_valid`).
    pub correct: Signal<Out, Bit>,
    buf: Vec<DFF<Bits<16>>>,
    state_q: DFF<Bits<3>>,
    cnt_q: DFF<Bits<8>>,
    label_q: DFF<Bits<8>>,
    mse_q: DFF<Bit>,
    c_q: DFF<Bits<5>>,
    m_q: DFF<Bits<16>>,
    am_q: DFF<Bits<8>>,
    s_q: DFF<Bits<32>>,
    d_q: DFF<Bits<16>>,
    s1_q: DFF<Bit>,
    last1_q: DFF<Bit>,
    v1_q: DFF<Bit>,
    err_q: DFF<Bits<16>>,
    sat_q: DFF<Bit>,
    last_q: DFF<Bit>,
    ov_q: DFF<Bit>,
    // batch → (c, invB)
    bitlen: BitLen16,
    b_ext: Zext16,
    div_b: Div15,
    div_s: Div15,
    beff: Signal<Local, Bits<16>>,
    // exp
    m_ext: Sext16,
    z_ext: Sext16,
    mul_e: Mul16,
    exp_rom: ROM<Bits<16>, 8>,
    e_ext: Zext16,
    u: Signal<Local, Bits<32>>,
    pe: Signal<Local, Bits<32>>,
    t: Signal<Local, Bits<32>>,
    e32: Signal<Local, Bits<32>>,
    // buffer control
    shift_en: Signal<Local, Bit>,
    buf_in: Signal<Local, Bits<16>>,
    start_ok: Signal<Local, Bit>,
    // out stage A / B
    mul_r: Mul16,
    mul_b: Mul16,
    a_ext: Sext16,
    pr: Signal<Local, Bits<32>>,
    pq: Signal<Local, Bits<32>>,
    eq: Signal<Local, Bits<32>>,
    is_label: Signal<Local, Bit>,
    sd: Signal<Local, Bits<32>>,
    sq: Signal<Local, Bits<32>>,
    dm: Signal<Local, Bits<32>>,
    p2: Signal<Local, Bits<32>>,
    sh: Signal<Local, Bits<5>>,
    q2: Signal<Local, Bits<32>>,
    rem2: Signal<Local, Bits<32>>,
    half2: Signal<Local, Bits<32>>,
    r2: Signal<Local, Bits<32>>,
    st_idle: Constant<Bits<3>>,
    st_in: Constant<Bits<3>>,
    st_exp: Constant<Bits<3>>,
    st_div: Constant<Bits<3>>,
    st_out: Constant<Bits<3>>,
    nm1_c: Constant<Bits<8>>,
    div_last_c: Constant<Bits<8>>,
    zero8_c: Constant<Bits<8>>,
    one8_c: Constant<Bits<8>>,
    zero16_c: Constant<Bits<16>>,
    one16_c: Constant<Bits<16>>,
    sign16_c: Constant<Bits<16>>,
    zero32_c: Constant<Bits<32>>,
    one32_c: Constant<Bits<32>>,
    ones32_c: Constant<Bits<32>>,
    sign_c: Constant<Bits<32>>,
    max16_32_c: Constant<Bits<32>>,
    max16_biased_c: Constant<Bits<32>>,
    min16_biased_c: Constant<Bits<32>>,
    max16_c: Constant<Bits<16>>,
    min16_c: Constant<Bits<16>>,
    log2e_c: Constant<Signed<16>>,
    recip_num_c: Constant<Bits<32>>,
    /// exp: `t` rounding shift (act+6), its mask and half; n ≥ 15 → 0.
    esh_c: Constant<Bits<32>>,
    emask_c: Constant<Bits<32>>,
    ehalf_c: Constant<Bits<32>>,
    e_idx_c: Constant<Bits<32>>,
    n_limit_c: Constant<Bits<32>>,
    /// s = narrow(E·r, 14): mask, half; 2^14; 2^act (MSE target).
    pmask_c: Constant<Bits<32>>,
    phalf_c: Constant<Bits<32>>,
    psh_c: Constant<Bits<32>>,
    one_prob_c: Constant<Bits<32>>,
    one_act_c: Constant<Bits<32>>,
    fb_base_c: Constant<Bits<5>>,
    sh_sm_c: Constant<Bits<5>>,
    sh_mse_c: Constant<Bits<5>>,
    nearest_c: Constant<Bit>,
    _n: usize,
}

impl LossGrad {
    /// The unit for `n` classes with the formats of `lu`; batches up to `max_batch`.
    pub fn new(n: usize, lu: &LossUnit, max_batch: usize) -> LossGrad {
        assert!((2..=255).contains(&n), "{n} classes outside 2..=255");
        assert!(
            lu.rounding != Rounding::Stochastic,
            "fixed.rounding stochastic"
        );
        let cmax = 64 - (max_batch.max(1) as u64 - 1).leading_zeros();
        let sh_sm = (PROB_FRAC + 14) as i64 - lu.err_frac as i64;
        let sh_mse = (lu.act_frac + 14) as i64 - lu.err_frac as i64;
        assert!(
            sh_sm >= 1 && sh_mse >= 1 && sh_sm + cmax as i64 <= 31 && sh_mse + cmax as i64 <= 31,
            "error narrowing shifts {sh_sm}/{sh_mse} + {cmax} outside 1..=31"
        );
        let esh = lu.act_frac + 14 - EXP2_INDEX_BITS;
        assert!((1..=31).contains(&esh));
        let sign = 0x8000_0000u64;
        let psh = RECIP_BITS - PROB_FRAC;
        LossGrad {
            clock: Default::default(),
            start: Default::default(),
            label: Default::default(),
            batch: Default::default(),
            mse: Default::default(),
            in_valid: Default::default(),
            logit: Default::default(),
            busy: Default::default(),
            out_valid: Default::default(),
            out_last: Default::default(),
            err: Default::default(),
            sat: Default::default(),
            correct: Default::default(),
            buf: (0..n).map(|_| Default::default()).collect(),
            state_q: Default::default(),
            cnt_q: Default::default(),
            label_q: Default::default(),
            mse_q: Default::default(),
            c_q: Default::default(),
            m_q: Default::default(),
            am_q: Default::default(),
            s_q: Default::default(),
            d_q: Default::default(),
            s1_q: Default::default(),
            last1_q: Default::default(),
            v1_q: Default::default(),
            err_q: Default::default(),
            sat_q: Default::default(),
            last_q: Default::default(),
            ov_q: Default::default(),
            bitlen: Default::default(),
            b_ext: Default::default(),
            div_b: Div15::new(),
            div_s: Div15::new(),
            beff: Default::default(),
            m_ext: Default::default(),
            z_ext: Default::default(),
            mul_e: Default::default(),
            exp_rom: ROM::from(lu.exp2.iter().map(|&v| to_bits::<16>(v as u64))),
            e_ext: Default::default(),
            u: Default::default(),
            pe: Default::default(),
            t: Default::default(),
            e32: Default::default(),
            shift_en: Default::default(),
            buf_in: Default::default(),
            start_ok: Default::default(),
            mul_r: Default::default(),
            mul_b: Default::default(),
            a_ext: Default::default(),
            pr: Default::default(),
            pq: Default::default(),
            eq: Default::default(),
            is_label: Default::default(),
            sd: Default::default(),
            sq: Default::default(),
            dm: Default::default(),
            p2: Default::default(),
            sh: Default::default(),
            q2: Default::default(),
            rem2: Default::default(),
            half2: Default::default(),
            r2: Default::default(),
            st_idle: Constant::new(to_bits(S_IDLE)),
            st_in: Constant::new(to_bits(S_IN)),
            st_exp: Constant::new(to_bits(S_EXP)),
            st_div: Constant::new(to_bits(S_DIV)),
            st_out: Constant::new(to_bits(S_OUT)),
            nm1_c: Constant::new(to_bits(n as u64 - 1)),
            div_last_c: Constant::new(to_bits(DIV_CYCLES as u64 - 1)),
            zero8_c: Constant::new(to_bits(0)),
            one8_c: Constant::new(to_bits(1)),
            zero16_c: Constant::new(to_bits(0)),
            one16_c: Constant::new(to_bits(1)),
            sign16_c: Constant::new(to_bits(0x8000)),
            zero32_c: Constant::new(to_bits(0)),
            one32_c: Constant::new(to_bits(1)),
            ones32_c: Constant::new(to_bits(0xFFFF_FFFF)),
            sign_c: Constant::new(to_bits(sign)),
            max16_32_c: Constant::new(to_bits(32767)),
            max16_biased_c: Constant::new(to_bits(32767 ^ sign)),
            min16_biased_c: Constant::new(to_bits((-32768i64 as u64) ^ sign)),
            max16_c: Constant::new(to_bits(32767)),
            min16_c: Constant::new(to_bits(0x8000)),
            log2e_c: Constant::new(to_signed(LOG2E_Q14 as i64)),
            recip_num_c: Constant::new(to_bits(1 << RECIP_BITS)),
            esh_c: Constant::new(to_bits(esh as u64)),
            emask_c: Constant::new(to_bits((1 << esh) - 1)),
            ehalf_c: Constant::new(to_bits(1 << (esh - 1))),
            e_idx_c: Constant::new(to_bits(EXP2_INDEX_BITS as u64)),
            n_limit_c: Constant::new(to_bits(15)),
            pmask_c: Constant::new(to_bits((1 << psh) - 1)),
            phalf_c: Constant::new(to_bits(1 << (psh - 1))),
            psh_c: Constant::new(to_bits(psh as u64)),
            one_prob_c: Constant::new(to_bits(1 << PROB_FRAC)),
            one_act_c: Constant::new(to_bits(1 << lu.act_frac)),
            fb_base_c: Constant::new(to_bits(14)),
            sh_sm_c: Constant::new(to_bits(sh_sm as u64)),
            sh_mse_c: Constant::new(to_bits(sh_mse as u64)),
            nearest_c: Constant::new(lu.rounding == Rounding::Nearest),
            _n: n,
        }
    }
}

impl Logic for LossGrad {
    // hdl_gen loops must index (`self.buf[i]`).
    #[allow(clippy::needless_range_loop)]
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, state_q, cnt_q, label_q, mse_q, c_q, m_q, am_q, s_q, d_q, s1_q, last1_q,
            v1_q, err_q, sat_q, last_q, ov_q
        );
        clock!(self, clock, div_b, div_s);
        for i in 0..self._n {
            self.buf[i].clock.next = self.clock.val();
            self.buf[i].d.next = self.buf[i].q.val();
        }
        // ---- batch → c = ⌈log2 B⌉ and invB = ⌊(2^(14+c) + ⌊B/2⌋) / B⌋ (divider started with `start`)
        if self.batch.val() == self.zero16_c.val() {
            self.beff.next = self.one16_c.val();
        } else {
            self.beff.next = self.batch.val();
        }
        self.bitlen.x.next = self.beff.val() - self.one16_c.val();
        self.b_ext.a.next = self.beff.val();
        self.div_b.num.next = (self.one32_c.val() << (self.bitlen.n.val() + self.fb_base_c.val()))
            + (self.b_ext.y.val() >> 1);
        self.div_b.den.next = self.b_ext.y.val();
        self.start_ok.next = self.start.val()
            & (self.state_q.q.val() == self.st_idle.val())
            & !self.v1_q.q.val()
            & !self.ov_q.q.val();
        self.div_b.start.next = self.start_ok.val();
        // ---- exp_neg(m − buf[0]) (combinational)
        self.m_ext.a.next = signed_cast(self.m_q.q.val());
        self.z_ext.a.next = signed_cast(self.buf[0].q.val());
        self.u.next = unsigned_cast(self.m_ext.y.val()) - unsigned_cast(self.z_ext.y.val());
        if self.u.val() > self.max16_32_c.val() {
            self.mul_e.a.next = signed_cast(self.max16_c.val());
        } else {
            self.mul_e.a.next = signed_cast(self.u.val().get_bits::<16>(0));
        }
        self.mul_e.b.next = self.log2e_c.val();
        self.pe.next = unsigned_cast(self.mul_e.p.val());
        self.eq.next = self.pe.val() >> self.esh_c.val();
        if ((self.pe.val() & self.emask_c.val()) > self.ehalf_c.val())
            | (((self.pe.val() & self.emask_c.val()) == self.ehalf_c.val())
                & self.eq.val().get_bit(0))
        {
            self.t.next = self.eq.val() + self.one32_c.val();
        } else {
            self.t.next = self.eq.val();
        }
        // t ≥ 32768 only when n = t >> 8 ≥ 15 anyway, where E = 0: no separate min(t, 32767).
        self.exp_rom.address.next = self.t.val().get_bits::<8>(0);
        self.e_ext.a.next = self.exp_rom.data.val();
        if (self.t.val() >> self.e_idx_c.val()) >= self.n_limit_c.val() {
            self.e32.next = self.zero32_c.val();
        } else {
            self.e32.next = self.e_ext.y.val() >> (self.t.val() >> self.e_idx_c.val());
        }
        // ---- buffer: shift in (In), rotate with E (Exp, softmax) or unchanged (Exp MSE, Out)
        self.shift_en.next = false;
        self.buf_in.next = self.buf[0].q.val();
        self.div_s.start.next = false;
        self.div_s.num.next = self.recip_num_c.val();
        self.div_s.den.next = self.s_q.q.val() + self.e32.val();
        self.v1_q.d.next = false;
        if self.state_q.q.val() == self.st_idle.val() {
            if self.start_ok.val() {
                self.state_q.d.next = self.st_in.val();
                self.cnt_q.d.next = self.zero8_c.val();
                self.label_q.d.next = self.label.val();
                self.mse_q.d.next = self.mse.val();
                self.c_q.d.next = self.bitlen.n.val();
            }
        } else if self.state_q.q.val() == self.st_in.val() {
            if self.in_valid.val() {
                self.shift_en.next = true;
                self.buf_in.next = unsigned_cast(self.logit.val());
                if (self.cnt_q.q.val() == self.zero8_c.val())
                    | ((unsigned_cast(self.logit.val()) ^ self.sign16_c.val())
                        > (self.m_q.q.val() ^ self.sign16_c.val()))
                {
                    self.m_q.d.next = unsigned_cast(self.logit.val());
                    self.am_q.d.next = self.cnt_q.q.val();
                }
                if self.cnt_q.q.val() == self.nm1_c.val() {
                    self.state_q.d.next = self.st_exp.val();
                    self.cnt_q.d.next = self.zero8_c.val();
                    self.s_q.d.next = self.zero32_c.val();
                } else {
                    self.cnt_q.d.next = self.cnt_q.q.val() + self.one8_c.val();
                }
            }
        } else if self.state_q.q.val() == self.st_exp.val() {
            self.shift_en.next = true;
            if !self.mse_q.q.val() {
                self.buf_in.next = self.e32.val().get_bits::<16>(0);
            }
            self.s_q.d.next = self.s_q.q.val() + self.e32.val();
            if self.cnt_q.q.val() == self.nm1_c.val() {
                self.state_q.d.next = self.st_div.val();
                self.cnt_q.d.next = self.zero8_c.val();
                self.div_s.start.next = true;
            } else {
                self.cnt_q.d.next = self.cnt_q.q.val() + self.one8_c.val();
            }
        } else if self.state_q.q.val() == self.st_div.val() {
            if self.cnt_q.q.val() == self.div_last_c.val() {
                self.state_q.d.next = self.st_out.val();
                self.cnt_q.d.next = self.zero8_c.val();
            } else {
                self.cnt_q.d.next = self.cnt_q.q.val() + self.one8_c.val();
            }
        } else if self.state_q.q.val() == self.st_out.val() {
            self.shift_en.next = true;
            self.v1_q.d.next = true;
            if self.cnt_q.q.val() == self.nm1_c.val() {
                self.state_q.d.next = self.st_idle.val();
                self.cnt_q.d.next = self.zero8_c.val();
            } else {
                self.cnt_q.d.next = self.cnt_q.q.val() + self.one8_c.val();
            }
        } else {
            self.state_q.d.next = self.st_idle.val();
        }
        if self.shift_en.val() {
            for i in 0..(self._n - 1) {
                self.buf[i].d.next = self.buf[i + 1].q.val();
            }
            for i in (self._n - 1)..self._n {
                self.buf[i].d.next = self.buf_in.val();
            }
        }
        // ---- Out stage A: d = narrow(E·r, 14) − 2^14[j = y]  or  sat16(a − 2^act[j = y])
        self.mul_r.a.next = signed_cast(self.buf[0].q.val());
        self.mul_r.b.next = signed_cast(self.div_s.q.val());
        self.pr.next = unsigned_cast(self.mul_r.p.val());
        self.pq.next = self.pr.val() >> self.psh_c.val();
        if self.nearest_c.val()
            & (((self.pr.val() & self.pmask_c.val()) > self.phalf_c.val())
                | (((self.pr.val() & self.pmask_c.val()) == self.phalf_c.val())
                    & self.pq.val().get_bit(0)))
        {
            self.sq.next = self.pq.val() + self.one32_c.val();
        } else {
            self.sq.next = self.pq.val();
        }
        self.is_label.next = self.cnt_q.q.val() == self.label_q.q.val();
        if self.is_label.val() {
            self.sd.next = self.sq.val() - self.one_prob_c.val();
        } else {
            self.sd.next = self.sq.val();
        }
        self.a_ext.a.next = signed_cast(self.buf[0].q.val());
        if self.is_label.val() {
            self.dm.next = unsigned_cast(self.a_ext.y.val()) - self.one_act_c.val();
        } else {
            self.dm.next = unsigned_cast(self.a_ext.y.val());
        }
        self.s1_q.d.next = false;
        if self.mse_q.q.val() {
            if (self.dm.val() ^ self.sign_c.val()) > self.max16_biased_c.val() {
                self.d_q.d.next = self.max16_c.val();
                self.s1_q.d.next = true;
            } else if (self.dm.val() ^ self.sign_c.val()) < self.min16_biased_c.val() {
                self.d_q.d.next = self.min16_c.val();
                self.s1_q.d.next = true;
            } else {
                self.d_q.d.next = self.dm.val().get_bits::<16>(0);
            }
        } else {
            self.d_q.d.next = self.sd.val().get_bits::<16>(0);
        }
        self.last1_q.d.next = self.cnt_q.q.val() == self.nm1_c.val();
        // ---- Out stage B: e = sat16(round(d·invB >> sh)), sh = base + c
        self.mul_b.a.next = signed_cast(self.d_q.q.val());
        self.mul_b.b.next = signed_cast(self.div_b.q.val());
        self.p2.next = unsigned_cast(self.mul_b.p.val());
        if self.mse_q.q.val() {
            self.sh.next = self.sh_mse_c.val() + self.c_q.q.val();
        } else {
            self.sh.next = self.sh_sm_c.val() + self.c_q.q.val();
        }
        if self.p2.val().get_bit(31) {
            self.q2.next =
                (self.p2.val() >> self.sh.val()) | !(self.ones32_c.val() >> self.sh.val());
        } else {
            self.q2.next = self.p2.val() >> self.sh.val();
        }
        self.rem2.next = self.p2.val() & !(self.ones32_c.val() << self.sh.val());
        self.half2.next = (self.one32_c.val() << self.sh.val()) >> 1;
        if self.nearest_c.val()
            & ((self.rem2.val() > self.half2.val())
                | ((self.rem2.val() == self.half2.val()) & self.q2.val().get_bit(0)))
        {
            self.r2.next = self.q2.val() + self.one32_c.val();
        } else {
            self.r2.next = self.q2.val();
        }
        self.sat_q.d.next = self.s1_q.q.val();
        if (self.r2.val() ^ self.sign_c.val()) > self.max16_biased_c.val() {
            self.err_q.d.next = self.max16_c.val();
            self.sat_q.d.next = true;
        } else if (self.r2.val() ^ self.sign_c.val()) < self.min16_biased_c.val() {
            self.err_q.d.next = self.min16_c.val();
            self.sat_q.d.next = true;
        } else {
            self.err_q.d.next = self.r2.val().get_bits::<16>(0);
        }
        self.ov_q.d.next = self.v1_q.q.val();
        self.last_q.d.next = self.last1_q.q.val();
        // ---- outputs
        self.busy.next =
            (self.state_q.q.val() != self.st_idle.val()) | self.v1_q.q.val() | self.ov_q.q.val();
        self.out_valid.next = self.ov_q.q.val();
        self.out_last.next = self.last_q.q.val() & self.ov_q.q.val();
        self.err.next = signed_cast(self.err_q.q.val());
        self.sat.next = self.sat_q.q.val();
        self.correct.next = self.am_q.q.val() == self.label_q.q.val();
    }
}

/// Golden errors of one sample with per-error saturation flags (the golden functions return only
/// the count; the per-error flags repeat their last step, and the count is checked against them).
pub fn golden_sample(
    z: &[i32],
    label: usize,
    batch: usize,
    mse: bool,
    lu: &LossUnit,
) -> (Vec<i32>, Vec<bool>, bool) {
    let (ib, fb) = inv_batch(batch);
    let (e, sats) = if mse {
        mse_grad(z, label, batch, lu)
    } else {
        softmax_ce_grad(z, label, batch, lu)
    };
    let flags: Vec<bool> = if mse {
        z.iter()
            .enumerate()
            .map(|(j, &a)| {
                let y = if j == label { 1i64 << lu.act_frac } else { 0 };
                let (d, s1) = saturate(a as i64 - y, OPERAND_BITS);
                let s2 = requantize(
                    mul(d as i32, ib),
                    lu.act_frac + fb,
                    lu.err_frac,
                    lu.rounding,
                    0,
                )
                .1;
                s1 || s2
            })
            .collect()
    } else {
        softmax_probs(z, lu)
            .iter()
            .enumerate()
            .map(|(j, &s)| {
                let d = s - if j == label { 1 << PROB_FRAC } else { 0 };
                requantize(mul(d, ib), PROB_FRAC + fb, lu.err_frac, lu.rounding, 0).1
            })
            .collect()
    };
    assert_eq!(flags.iter().filter(|&&f| f).count() as u64, sats);
    (e, flags, argmax(z) == label)
}

/// The loss unit as a harness unit.
pub struct LossUnitHw {
    pub classes: usize,
    pub lu: LossUnit,
    pub max_batch: usize,
}

impl LossUnitHw {
    pub fn new(cfg: &Config) -> LossUnitHw {
        LossUnitHw {
            classes: *cfg.model.layers.last().unwrap(),
            lu: LossUnit::new(cfg),
            max_batch: cfg.train.batch_size,
        }
    }
    fn build(&self) -> LossGrad {
        let mut b = LossGrad::new(self.classes, &self.lu, self.max_batch);
        b.connect_all();
        b
    }
}

fn ports() -> (Vec<Port>, Vec<Port>) {
    (
        vec![
            Port::new("start", 1),
            Port::new("label", 8),
            Port::new("batch", 16),
            Port::new("mse", 1),
            Port::new("in_valid", 1),
            Port::new("logit", 16),
        ],
        vec![
            Port::new("busy", 1),
            Port::new("out_valid", 1),
            Port::new("out_last", 1),
            Port::new("err", 16),
            Port::new("sat", 1),
            Port::new("correct", 1),
        ],
    )
}

impl HwUnit for LossUnitHw {
    fn name(&self) -> &'static str {
        "loss_unit"
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
    }
    fn vectors(&self, seed: u64) -> Vectors {
        let n = self.classes;
        let mut r = harness::runner(seed);
        let (i, o) = ports();
        let mut v = Vectors::new(i, o);
        let one = 1i32 << self.lu.act_frac;
        let z_s = prop_oneof![
            4 => -8 * one..8 * one,
            1 => harness::operand(),
            1 => -one..one,
        ];
        let mode_s = 0u8..8;
        let batch_s = prop_oneof![
            4 => 1usize..=self.max_batch,
            1 => Just(self.max_batch),
            1 => prop::sample::select(vec![0usize, 1, 2, 3]),
        ];
        let gap_s = 0usize..3;
        let bubble_s = proptest::bool::weighted(0.2);
        let junk_s = proptest::bool::weighted(0.1);
        let any16 = any::<u16>();
        // Rows: inputs; expectations indexed by cycle (busy, and the errors).
        let mut rows: Vec<Vec<u64>> = Vec::new();
        let mut busy: Vec<bool> = Vec::new();
        let mut outs: Vec<Option<(i32, bool, bool, bool)>> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        let idle = |r: &mut proptest::test_runner::TestRunner, junk: bool| -> Vec<u64> {
            // Ignored inputs: a logit with in_valid (outside In), start (while busy) when `junk`.
            let j = junk && harness::draw(r, &junk_s);
            vec![
                j as u64,
                harness::draw(r, &any16) as u64,
                harness::draw(r, &any16) as u64,
                harness::draw(r, &junk_s) as u64,
                j as u64,
                harness::draw(r, &any16) as u64,
            ]
        };
        let mut sample = 0usize;
        while rows.len() < 12000 {
            let mode = harness::draw(&mut r, &mode_s);
            let mut z: Vec<i32> = (0..n).map(|_| harness::draw(&mut r, &z_s)).collect();
            match mode {
                0 => {
                    // ties for the maximum (argmax: lowest index)
                    let m = z[0].max(z[n - 1]);
                    z[n / 2] = m;
                    z[n - 1] = m;
                }
                1 => {
                    let z0 = z[0];
                    z.iter_mut().for_each(|x| *x = z0); // all equal
                }
                2 => {
                    // extremes: distances beyond 32767 and n ≥ 15 (E = 0)
                    for (j, x) in z.iter_mut().enumerate() {
                        *x = if j % 3 == 0 { 32767 } else { -32768 + j as i32 };
                    }
                }
                _ => {}
            }
            let label = harness::draw(&mut r, &(0..n));
            let batch = harness::draw(&mut r, &batch_s);
            let mse = harness::draw(&mut r, &proptest::bool::weighted(0.3));
            let (e, flags, correct) = golden_sample(&z, label, batch, mse, &self.lu);
            for _ in 0..harness::draw(&mut r, &gap_s) {
                rows.push(idle(&mut r, false));
            }
            let s = rows.len();
            rows.push(vec![1, label as u64, batch as u64, mse as u64, 0, 0]);
            for (j, &zj) in z.iter().enumerate() {
                while harness::draw(&mut r, &bubble_s) {
                    let mut x = idle(&mut r, true);
                    x[4] = 0;
                    rows.push(x);
                }
                let mut x = idle(&mut r, true);
                x[4] = 1;
                x[5] = zj as u16 as u64;
                rows.push(x);
                let _ = j;
            }
            let l = rows.len() - 1;
            let end = l + 2 * n + 17;
            while rows.len() <= end {
                rows.push(idle(&mut r, true));
            }
            busy.resize(rows.len(), false);
            outs.resize(rows.len(), None);
            notes.resize(rows.len(), String::new());
            for c in s + 1..=end {
                busy[c] = true;
                notes[c] = format!("sample {sample} (started cycle {s}, last logit cycle {l})");
            }
            for j in 0..n {
                let c = l + n + 18 + j;
                outs[c] = Some((e[j], flags[j], correct, j == n - 1));
                notes[c] = format!(
                    "sample {sample} error {j} ({}, label {label}, batch {batch}, logits {z:?})",
                    if mse { "mse" } else { "softmax" }
                );
            }
            sample += 1;
        }
        for (c, x) in rows.into_iter().enumerate() {
            let (exp, check) = match outs[c] {
                Some((e, f, ok, last)) => (
                    vec![
                        busy[c] as u64,
                        1,
                        last as u64,
                        e as u16 as u64,
                        f as u64,
                        ok as u64,
                    ],
                    vec![true; 6],
                ),
                None => (
                    vec![busy[c] as u64, 0, 0, 0, 0, 0],
                    vec![true, true, false, false, false, false],
                ),
            };
            v.push(x, exp, check, format!("cycle {c}: {}", notes[c]));
        }
        v
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let mut b = self.build();
        fn clk(b: &mut LossGrad) -> &mut Signal<In, Clock> {
            &mut b.clock
        }
        super::cycle(&mut b, clk, |_| {}, |_| ());
        inputs
            .iter()
            .map(|x| {
                super::cycle(
                    &mut b,
                    clk,
                    |b| {
                        b.start.next = x[0] != 0;
                        b.label.next = to_bits(x[1]);
                        b.batch.next = to_bits(x[2]);
                        b.mse.next = x[3] != 0;
                        b.in_valid.next = x[4] != 0;
                        b.logit.next = to_signed(x[5] as i16 as i64);
                    },
                    |b| {
                        vec![
                            b.busy.val() as u64,
                            b.out_valid.val() as u64,
                            b.out_last.val() as u64,
                            from_signed(b.err.val()) as u64,
                            b.sat.val() as u64,
                            b.correct.val() as u64,
                        ]
                    },
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn div15_divides() {
        let mut d = Div15::new();
        d.connect_all();
        for (num, den) in [
            (1u64 << 28, 16384u64),
            (1 << 28, 16385),
            (1 << 28, 163840),
            ((1 << 19) + 16, 32),
            ((1 << 14), 1),
            ((1 << 30) + 32767, 65535),
        ] {
            d.clock.next = Clock::from(false);
            d.start.next = true;
            d.num.next = to_bits(num);
            d.den.next = to_bits(den);
            simulate(&mut d, 50);
            d.clock.next = Clock::from(true);
            simulate(&mut d, 50);
            d.start.next = false;
            for _ in 0..DIV_CYCLES + 3 {
                d.clock.next = Clock::from(false);
                simulate(&mut d, 50);
                d.clock.next = Clock::from(true);
                simulate(&mut d, 50);
            }
            assert_eq!(d.q.val().to_u64(), num / den, "{num} / {den}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10))]
        /// rust-hdl vs golden across class counts, formats, batch sizes and rounding.
        #[test]
        fn rusthdl_equals_golden(
            seed in any::<u64>(),
            classes in prop::sample::select(vec![2usize, 3, 10, 17]),
            act_frac in prop::sample::select(vec![6u32, 8, 10]),
            err_frac in 12u32..=15,
            batch in prop::sample::select(vec![1usize, 7, 32, 100]),
            nearest in any::<bool>(),
        ) {
            let mut cfg = Config::default();
            cfg.model.layers = vec![8, classes];
            cfg.fixed.act_frac = act_frac;
            cfg.fixed.err_frac = err_frac;
            cfg.train.batch_size = batch;
            cfg.fixed.rounding = if nearest { Rounding::Nearest } else { Rounding::Truncate };
            let u = LossUnitHw::new(&cfg);
            let mut v = u.vectors(seed);
            v.vectors.truncate(1500);
            let r = harness::check_rusthdl(&u, &v);
            prop_assert_eq!(r.mismatches, 0, "{:?}\n{}", cfg.fixed, r.report.join("\n"));
        }
    }

    /// All three simulators, lint, latch check, corrupted-vector self-test (default config).
    #[test]
    fn loss_unit_three_simulators() {
        let n = harness::prove_unit(&LossUnitHw::new(&Config::default()));
        assert!(n >= 1000);
    }
}
