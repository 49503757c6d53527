//! The loss-gradient unit: one sample's logits in, its output errors out (softmax + cross-entropy
//! gradient, or MSE gradient), with the argmax-correct flag.
//!
//! # Math (equal to `golden::kernels::{softmax_ce_grad, mse_grad, inv_batch, argmax}`, bit for bit)
//! Softmax (`mse` low), logits `z_j` (act format):
//! ```text
//! m = max z (first maximum: argmax, lowest index on ties)           [while the logits stream in]
//! E_j = exp_neg(m − z_j): u = min(m − z_j, 32767); t = round_nearest(u·23637 >> (act+6))
//!       E_j = EXP2[t & 255] >> min(t >> 8, 15)                       [EXP2 = golden's exp2_table()]
//! S = Σ E_j;   r = ⌊2^28 / S⌋                                       [sequential divider, 15 cycles]
//! s_j = narrow(E_j·r, 14);  d_j = s_j − 2^14·[j = label]
//! e_j = narrow(d_j·invB, 28 + c − err_frac)       with (invB, 14 + c) = golden::inv_batch(B)
//! ```
//! (EXP2 entries are ≤ 2^14, 15 bits, so a shift by 15 gives golden's `n ≥ 15 → 0`; `t > 32767`
//! only when `t >> 8 ≥ 15` anyway, so golden's `min(t, 32767)` needs no hardware.)
//! MSE (`mse` high): `d_j = sat16(z_j − 2^act·[j = label])`, `e_j = narrow(d_j·invB, act + 14 + c −
//! err_frac)`. Every narrowing uses `fixed.rounding` (the exp's `t` always rounds to nearest).
//! `invB = ⌊(2^(14+c) + ⌊B/2⌋) / B⌋`, `c = ⌈log2 B⌉` come from the `batch` input sampled with `start`
//! (`batch = 0` acts as 1, as golden): `c` is registered the cycle after, then a small divider
//! (remainder `bits(max_batch)+1` wide, 15 cycles) runs while the logits stream in.
//! Precondition: `batch ≤ max_batch` (the constructor's bound; the engine's BATCH is
//! `1..=train.batch_size`).
//!
//! # Protocol and timing (N = classes, a parameter)
//! ```text
//!  start (label, batch, mse sampled; ignored while busy) ─► In: N logits, one per cycle with in_valid
//!  (gaps allowed), +2 cycles (max pipeline) ─► Exp: N+5 cycles (E_j, S) ─► Div: 15 cycles (r)
//!  ─► Out: N+8 cycles
//! ```
//! With the N-th logit in cycle L, error `j` is on `err` with `out_valid` in cycle
//! `L + N + 31 + j` ([`OUT_DELAY`] = 31; `out_last` with j = N−1; `correct` = argmax == label and
//! `sat` valid with each error), and `busy` (a register) is high from the cycle after `start`
//! through `L + 2N + 30`. So a sample occupies the unit `3N + `[`SAMPLE_OVERHEAD`]` = 3N + 31`
//! cycles when its logits come back to back (61 cycles for 10 classes;
//! `program::loss_sample_cycles`); the next `start` is accepted in the cycle after `busy` falls.
//! (The combinational 3N+18-cycle unit this replaces: 1 542 LUTs, 15.5 MHz on the UP5K; one more
//! cycle per sample costs one cycle per step per sample a unit runs after the array is done, +13
//! cycles per step on the default config and on the up5k preset.)
//!
//! # Pipeline (every `[..]` is a register; DSP = SB_MAC16 with registered inputs and output)
//! ```text
//!  buf:  one block RAM, 256×16 (entries ≥ N unused), registered read [rd]; read address cnt
//!        (softmax Out: cnt − 1, MSE Out: cnt − 2), write port fed by lgn (In) or E (Exp)
//!  In:   logit ─►[lgn] (the complement of offset binary) ─► buf[k] (logit k), [pl] (the
//!        previous logit); stage A: carries of m + ~lg + 1, pl + ~lg + 1 ─►[c1, c2]; stage B
//!        (gated by lv a cycle later): m, argmax ← pl (uq picks c2 when stage B updated m in the
//!        cycle before, else c1); zmin ← [z_label < −32768 + 2^act] (MSE saturation)
//!  Exp:  buf[cnt] ─►[rd] ─► m + ~z + 1, clamp ─►[ua] ─► ×23637 + 2^(act+5) (DSP) ─►[pe], [tie]
//!        ─► t = pe >> (act+6), bit 0 cleared on a tie; t ≥ 3840 ─► EXP2 block RAM (registered
//!        read) ─►[rom], [n = min(t>>8, 15)] ─► rom >> n ─►[E] ─► S += E;
//!        E_j ─► buf[j] (at cnt j + 5: buf ends holding E_0..E_N−1)
//!  Div:  S ─► non-restoring divider (remainder in [−S, S), its sign's complement [subr] picks
//!        the next step's ±S, one adder into the register) ─► one quotient bit (= subr) per cycle,
//!        shifted into r a cycle later ─► r (15 bits, final from Out's cycle 1, stable through Out)
//!  Out:  buf[cnt − 1] ─►[rd] ─► a·r + 2^13 (DSP, r straight from the divider) ─►[pr] ─► >>14,
//!        bit 0 cleared on a tie ─►[s] ─► −2^14[j=y] ─►[d] ─► d·invB + 2^(base+c−1) (DSP, invB
//!        straight from its divider, the half [hv] from c and mse) ─►[p2] ─► >> (base + c − 1),
//!        sticky ─►[y] ─► fits 16, bit 0 cleared on a tie, sat16 ─►[err]
//!        out_valid, out_last: from cnt (error j leaves OUT_PIPE cycles after cnt = j)
//!  MSE:  buf[cnt − 2] ─►[rd] (~z_j at cnt j + 3) ─► ~z + 2^act[j=y], zmin ─►[dm] ─► d
//!  batch ─►[B] ─► ⌈log2 B⌉ ─►[c] ─► divider (num 2^(14+c) + ⌊B/2⌋, den B) ─► invB
//! ```
//! In MSE mode the buffer keeps the logits through Exp (no E is written; the exp pipeline runs
//! on, unused). The sample buffer was an N×16 flip-flop shift register (160 FFs for N = 10), the
//! exp and s roundings had a register stage each of copied DSP bits, the DSP input `a` copied the
//! buffer: in the block RAM the reads take those stages (the latency is unchanged), 568 → 342 FFs,
//! 928 → 726 packed cells on the UP5K.
//!
//! # Timing (iCE40 UP5K, `mlp-rtl synth --unit loss_unit --config preset:up5k`)
//! **65.4 MHz**, 474 LUTs, 315 FFs, 642 packed cells (before: 48.0 MHz, 527 LUTs, 342 FFs, 726
//! cells), same latency. What it took:
//! - Round half to even without a carry chain: each DSP's own adder adds the half, a tie
//!   clears bit 0 of the shifted result. The tie is the low bits of the sum all 0 (s), a registered
//!   compare of `ua` (exp: 23637 is odd, so `ua·23637` is a tie exactly when `ua` is), or guard and
//!   sticky 0 (errors). The error stage then has no incrementer and no overflow term: the range
//!   check is on the rounded value (which is `fixed::narrow`'s order).
//! - The phase ends, the `S` enable and `out_valid` are registered flags set a cycle early from
//!   `cnt`; the divider's sign and the MSE saturation flag are registers of their own; the fits-16
//!   check moved into the last stage (the shifter's stage had no room); the half `hv` of the error
//!   rounding is a register in front of the DSP.
//! - No inverter LUT in front of a carry chain: the buffer and `lgn` hold the complemented logits,
//!   so `m − z` and the strict compares are sums of registers (the `+1` as a low bit `1 + 1`).
//! - `(* no_rw_check *)` on the buffer (no cycle reads and writes one address and uses the read)
//!   and no `initial` on the block RAMs' read registers (Yosys emulated both with logic).
//!
//! Session 6 (logic depth in the engine, `synth --no-place --paths`): the error rounding's sticky
//! `st_q` (the bits of `p2` below the variable position `base − 1 + c`) was one OR through a
//! `c`-decoded mask, 4 LUT levels standalone, 5 in the engine; now the mask is a register `sm_q`
//! (one LUT of `mse_q`, `c_q` per bit, static in a sample) and the OR is split into registers of
//! ≤ 16 LUT inputs each (`st_q[k]`, 2 levels; 2 groups at the presets). The `invB` divider's
//! difference `r2b − B` takes a register `nb_q = ~b_q` (no inverter LUT before its chain): 3 LUT
//! levels + 6 carries (18.9 ns est.) → 2 + 6 (15.3). `batch = 0 → 1` tests zero on bit 0 alone
//! (the other bits are 0 then). Standalone 472 LUTs, 330 FFs, 649 cells, 67.0 MHz at seed 1
//! (critical path `p2_q` → the `>>> c` shifter → `y_q`, 3 LUTs; an earlier build of the same
//! logic placed at 62.1 with the exp shifter `rom_q` → `e_q` critical: placement noise); every
//! path ≤ 4 LUT levels (standalone and in the engine), same latency.
//!
//! # Implementation
//! One block, two descriptions that must agree cycle for cycle (as the drain controller):
//! a cycle-accurate Rust model ([`LossGrad`]'s `edge`/`drive`, the block's rust-hdl simulation
//! model) and RTL ([`LossGrad::rtl`], Custom Verilog generated with widths from the config: the
//! sum `S` and the `r` divider are `bits(N·2^14)` wide, the `invB` divider `bits(max_batch)`).
//! Every register starts at 0 (`initial`, fine for simulation and iCE40) except the block RAMs'
//! read registers `rd_q`, `rom_q` (defined from the first edge; nothing reads them before); the
//! RTL lints clean under `verilator -Wall` (bits that are copies of others are gathered in `unused_ok`).
//! [`LossUnitHw`] proves both against golden in rust-hdl, Icarus and Verilator.

use super::harness::{self, HwUnit, Port, Vectors};
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

/// Cycles of a division: one per quotient bit.
pub const DIV_CYCLES: usize = 15;
/// Exp pass beyond its N reads: the exp pipeline (rd, ua, pe, rom, E) before `S` takes the last E.
pub const EXP_PIPE: usize = 5;
/// Out pipeline: buf read (at cnt j + 1) → rd → pr → s → d → p2 → y → err.
pub const OUT_PIPE: usize = 8;
/// Cycles a sample occupies the unit beyond `3N` (start, DIV, the pipelines, the state changes):
/// `loss_sample_cycles(N) = 3N + SAMPLE_OVERHEAD`.
pub const SAMPLE_OVERHEAD: usize = 3 + EXP_PIPE + DIV_CYCLES + OUT_PIPE;
/// Cycles from the last logit (cycle L) to error 0 on `err`, minus N: error j is out in
/// `L + N + OUT_DELAY + j`.
pub const OUT_DELAY: usize = 2 + EXP_PIPE + 1 + DIV_CYCLES + OUT_PIPE;

/// Zero extension 16 → 32 bits (hand-written Verilog with a Rust model: a widening cast in
/// `#[hdl_gen]` emits a WIDTH warning). Used by the register file and the AXI-Lite slave.
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

/// Bits to hold the values `0..=v` (at least 1).
fn width(v: u64) -> u32 {
    (64 - v.leading_zeros()).max(1)
}

/// Mask of the low `b` bits.
fn mask(b: u32) -> u64 {
    if b >= 64 {
        u64::MAX
    } else {
        (1u64 << b) - 1
    }
}

/// The unit's parameters (from the constructor) and derived widths.
#[derive(Debug, Clone)]
struct Params {
    n: u64,
    act_frac: u32,
    nearest: bool,
    exp2: Vec<u64>,
    /// Batch register width (`bits(max(max_batch, 2))`), `c` range `0..=cmax`, `c` width.
    bw: u32,
    cmax: u64,
    ccw: u32,
    /// Width of S and of the `r` divider's remainder.
    ws: u32,
    /// Exp rounding shift (act + 6).
    esh: u32,
    /// Error narrowing shift without `c`: softmax, MSE.
    base_sm: u32,
    base_mse: u32,
    /// Counter width.
    cw: u32,
}

/// One sample's registers (all start at 0, as the RTL's `initial` block).
#[derive(Debug, Clone, Default)]
struct Regs {
    st_in: bool,
    st_exp: bool,
    st_div: bool,
    st_out: bool,
    cnt: u64,
    label_q: u64,
    mse_q: bool,
    b_q: u64,
    c_q: u64,
    bph1: bool,
    bph2: bool,
    bcnt: u64,
    rem_b: u64,
    nsh_b: u64,
    q_b: u64,
    lg_q: u64,
    lv_q: bool,
    ka_q: u64,
    c1_q: bool,
    c2_q: bool,
    kb_q: u64,
    uq: bool,
    m_q: u64,
    am_q: u64,
    /// The sample buffer (one block RAM, 256×16; entries ≥ N never written), its registered read
    /// and the previous logit.
    mem: Vec<u64>,
    rd_q: u64,
    pl_q: u64,
    ua_q: u64,
    pe_q: u64,
    /// The exp rounding's tie (ua ≡ 2^(esh−1) mod 2^esh), aligned with pe_q.
    tie_q: bool,
    rom_q: u64,
    n_q: u64,
    e_q: u64,
    s_q: u64,
    /// Non-restoring remainder, in [−S, S).
    rem_r: i64,
    q_r: u64,
    pr_q: u64,
    s15_q: u64,
    /// j = label, stages 1..=4 (index 0 = stage 1).
    lab: [bool; 4],
    dm_q: u64,
    s1m_q: bool,
    d_q: u64,
    /// MSE saturation at stages 3, 4, 5.
    s1p: [bool; 3],
    p2_q: u64,
    y_q: u64,
    ok_q: bool,
    sg_q: bool,
    st_q: bool,
    out_valid: bool,
    out_last: bool,
    err: u64,
    sat: bool,
    correct: bool,
}

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
    _p: Params,
    _r: Box<Regs>,
}

impl LossGrad {
    /// The unit for `n` classes with the formats of `lu`; batches up to `max_batch`.
    pub fn new(n: usize, lu: &LossUnit, max_batch: usize) -> LossGrad {
        assert!((2..=255).contains(&n), "{n} classes outside 2..=255");
        assert!(
            lu.rounding != Rounding::Stochastic,
            "fixed.rounding stochastic"
        );
        assert!(
            (1..1 << 16).contains(&max_batch),
            "max batch {max_batch} outside 1..2^16"
        );
        assert_eq!(EXP2_INDEX_BITS, 8);
        assert_eq!(lu.exp2.len(), 256);
        assert!(
            lu.exp2.iter().all(|&v| (0..1 << 15).contains(&v)),
            "EXP2 entries must fit 15 bits"
        );
        assert_eq!(lu.exp2[0], 1 << PROB_FRAC, "EXP2[0] = 2^14 (so S ≥ 2^14)");
        assert_eq!((RECIP_BITS, PROB_FRAC), (28, 14));
        let mb = max_batch.max(2) as u64;
        let bw = width(mb);
        let cmax = width(mb - 1) as u64;
        let ccw = width(cmax);
        let base_sm = (PROB_FRAC + 14) as i64 - lu.err_frac as i64;
        let base_mse = (lu.act_frac + 14) as i64 - lu.err_frac as i64;
        let cm = cmax as i64;
        assert!(
            base_sm >= 1 && base_mse >= 1 && base_sm + cm <= 31 && base_mse + cm <= 31,
            "error narrowing shifts {base_sm}/{base_mse} + {cm} outside 1..=31"
        );
        let esh = lu.act_frac + 14 - EXP2_INDEX_BITS;
        assert!((6..=21).contains(&esh), "exp shift {esh}");
        let n64 = n as u64;
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
            _p: Params {
                n: n64,
                act_frac: lu.act_frac,
                nearest: lu.rounding == Rounding::Nearest,
                exp2: lu.exp2.iter().map(|&v| v as u64).collect(),
                bw,
                cmax,
                ccw,
                ws: width(n64 << PROB_FRAC),
                esh,
                base_sm: base_sm as u32,
                base_mse: base_mse as u32,
                cw: width((n64 + OUT_PIPE as u64 - 1).max(DIV_CYCLES as u64 - 1)),
            },
            _r: Box::new(Regs {
                mem: vec![0; 256],
                ..Default::default()
            }),
        }
    }

    /// The rising edge: every register's next value from the current registers and inputs.
    fn edge(&mut self) {
        let p = &self._p;
        let r = &*self._r;
        let mut x = r.clone();
        let n = p.n;
        let start = self.start.val();
        let label = self.label.val().to_u64();
        let batch = self.batch.val().to_u64();
        let mse = self.mse.val();
        let in_valid = self.in_valid.val();
        let logit = from_signed(self.logit.val()) as u16 as u64;
        let idle = !(r.st_in || r.st_exp || r.st_div || r.st_out);
        // ---- logits: input register, stage A (compare), stage B (update m, argmax)
        // (logits in offset binary from lg_q on: unsigned compares; m − z is unchanged)
        let acc = in_valid && r.st_in && r.cnt < n;
        x.lg_q = logit ^ 0x8000;
        x.lv_q = acc;
        x.ka_q = r.cnt & 255;
        x.c1_q = r.lv_q && r.lg_q > r.m_q;
        x.c2_q = r.lv_q && r.lg_q > r.pl_q;
        if r.lv_q {
            x.pl_q = r.lg_q;
        }
        x.kb_q = r.ka_q;
        let upd = if r.uq { r.c2_q } else { r.c1_q };
        x.uq = upd;
        if idle {
            x.m_q = 0;
            x.am_q = 0;
        } else if upd {
            x.m_q = r.pl_q;
            x.am_q = r.kb_q;
        }
        // ---- batch → c → invB
        if start && idle {
            x.b_q = if batch == 0 { 1 } else { batch & mask(p.bw) };
            x.bph1 = true;
        } else {
            x.bph1 = false;
        }
        x.bph2 = r.bph1;
        if r.bph1 {
            let bm1 = r.b_q.wrapping_sub(1) & mask(p.bw);
            x.c_q = (width(bm1) as u64 * (bm1 != 0) as u64).min(p.cmax);
        }
        if r.bph2 {
            x.rem_b = if r.c_q == 0 { 0 } else { 1 << (r.c_q - 1) };
            x.nsh_b = if r.c_q == 0 { 1 << 14 } else { r.b_q >> 1 };
            x.bcnt = DIV_CYCLES as u64;
        } else if r.bcnt != 0 {
            let r2 = (r.rem_b << 1) | (r.nsh_b >> 14);
            let ge = r2 >= r.b_q;
            x.rem_b = if ge { r2 - r.b_q } else { r2 };
            x.nsh_b = (r.nsh_b << 1) & mask(15);
            x.q_b = ((r.q_b << 1) | ge as u64) & mask(15);
            x.bcnt = r.bcnt - 1;
        }
        // ---- exp pipeline (free-running)
        let u16v = r.m_q.wrapping_sub(r.rd_q) & 0xFFFF;
        x.ua_q = if u16v >> 15 != 0 { 0x7FFF } else { u16v };
        // the DSP adds the half: pe = ua·23637 + 2^(esh−1); round half to even = (pe >> esh) with
        // bit 0 cleared on a tie, and (23637 odd) the product is a tie exactly when ua is
        x.pe_q = r.ua_q * LOG2E_Q14 as u64 + (1 << (p.esh - 1));
        x.tie_q = p.esh <= 15 && r.ua_q & mask(p.esh) == 1 << (p.esh - 1);
        // t on tw = min(30 − esh, 12) bits; t ≥ 3840 (n ≥ 15) flagged aside
        let tw = (30 - p.esh).min(12);
        let tq = r.pe_q >> p.esh;
        let big = tq >= 3840;
        let t = tq & mask(tw) & !(r.tie_q as u64);
        x.rom_q = p.exp2[(t & 255) as usize];
        x.n_q = if big { 15 } else { t >> 8 };
        x.e_q = r.rom_q >> r.n_q;
        // ---- r divider
        if r.st_div {
            let s = r.s_q as i64;
            let nr = if r.rem_r >= 0 {
                2 * r.rem_r - s
            } else {
                2 * r.rem_r + s
            };
            x.rem_r = nr;
            x.q_r = ((r.q_r << 1) | (nr >= 0) as u64) & mask(15);
        }
        // ---- control, buffer, max
        if idle {
            if start {
                x.st_in = true;
                x.cnt = 0;
                x.label_q = label;
                x.mse_q = mse;
            }
        } else if r.st_in {
            if acc || r.cnt == n {
                x.cnt = r.cnt + 1;
            } else if r.cnt == n + 1 {
                x.st_in = false;
                x.st_exp = true;
                x.cnt = 0;
                x.s_q = 0;
            }
        } else if r.st_exp {
            if r.cnt >= EXP_PIPE as u64 {
                x.s_q = (r.s_q + r.e_q) & mask(p.ws);
            }
            if r.cnt == n + EXP_PIPE as u64 - 1 {
                x.st_exp = false;
                x.st_div = true;
                x.cnt = 0;
                x.rem_r = 1 << 13;
            } else {
                x.cnt = r.cnt + 1;
            }
        } else if r.st_div {
            if r.cnt == DIV_CYCLES as u64 - 1 {
                x.st_div = false;
                x.st_out = true;
                x.cnt = 0;
            } else {
                x.cnt = r.cnt + 1;
            }
        } else {
            if r.cnt == n + OUT_PIPE as u64 - 1 {
                x.st_out = false;
                x.cnt = 0;
            } else {
                x.cnt = r.cnt + 1;
            }
        }
        // buffer: logit k written at k (In), E_j at j when E_j leaves the exp pipeline (Exp, cnt =
        // j + EXP_PIPE); read at cnt (Exp, softmax Out: rd_q holds entry j at cnt j + 1), or at
        // cnt − 2 (MSE Out: rd_q holds z_j at cnt j + 3, out stage 3); reads see the old contents
        let ra = if r.st_out && r.mse_q {
            (r.cnt + 254) & 255
        } else if r.st_out {
            (r.cnt + 255) & 255
        } else {
            r.cnt & 255
        };
        x.rd_q = r.mem[ra as usize];
        if r.lv_q {
            x.mem[r.ka_q as usize] = r.lg_q;
        } else if r.st_exp && !r.mse_q && r.cnt >= EXP_PIPE as u64 {
            x.mem[((r.cnt + 256 - EXP_PIPE as u64) & 255) as usize] = r.e_q;
        }
        // ---- out pipeline
        let lab0 = r.cnt == r.label_q;
        // r and invB are stable through Out: the DSPs take them straight from the dividers
        // (the DSP adds the rounding half)
        x.pr_q = ((r.rd_q & 0x7FFF) * r.q_r + if p.nearest { 1 << 13 } else { 0 }) & mask(29);
        x.lab = [lab0, r.lab[0], r.lab[1], r.lab[2]];
        // MSE difference (stage 3 → 4)
        let z = (r.rd_q ^ 0x8000) as u16 as i16 as i64;
        let dmx = z - if r.lab[2] { 1i64 << p.act_frac } else { 0 };
        x.s1m_q = dmx < -32768;
        x.dm_q = (dmx.max(-32768) as u64) & 0xFFFF;
        // softmax: s = narrow(E·r, 14) (stages 2 → 3 → 4), d (stage 4 → 5)
        let ties = p.nearest && r.pr_q & mask(14) == 0;
        x.s15_q = (r.pr_q >> 14) & mask(15) & !(ties as u64);
        let s15 = r.s15_q;
        let dsm = if r.lab[3] {
            if s15 >> 14 != 0 {
                0
            } else {
                0xC000 | (s15 & 0x3FFF)
            }
        } else {
            s15
        };
        x.d_q = if r.mse_q { r.dm_q } else { dsm };
        x.s1p = [r.mse_q && r.s1m_q, r.s1p[0], r.s1p[1]];
        // d·invB + the rounding half 2^(base + c − 1) (stage 3 → 4, the DSP's adder), 32-bit
        let d = r.d_q as u16 as i16 as i64;
        let base = if r.mse_q { p.base_mse } else { p.base_sm };
        let sv = base - 1 + r.c_q as u32;
        let half = if p.nearest { 1i64 << sv } else { 0 };
        x.p2_q = ((d * r.q_b as i64 + half) as u64) & mask(32);
        // shift (stage 4 → 5)
        let pv = r.p2_q as u32 as i32 as i64; // sign-extend 32 bits
        let yv = pv >> sv; // arithmetic
        x.y_q = (yv as u64) & mask(17);
        let q = yv >> 1;
        x.ok_q = (-32768..=32767).contains(&q);
        x.sg_q = pv < 0;
        x.st_q = (pv as u64) & mask(sv) != 0;
        // round (a tie clears bit 0: half to even), saturate (stage 5 → 6)
        let y = r.y_q;
        let tie = p.nearest && y & 1 == 0 && !r.st_q;
        let r16 = (y >> 1) & 0xFFFF & !(tie as u64);
        x.err = if !r.ok_q {
            if r.sg_q {
                0x8000
            } else {
                0x7FFF
            }
        } else {
            r16
        };
        x.sat = !r.ok_q || r.s1p[2];
        // error j leaves the pipeline OUT_PIPE cycles after Out's cycle cnt = j
        let op = OUT_PIPE as u64 - 1;
        x.out_valid = r.st_out && r.cnt >= op && r.cnt < n + op;
        x.out_last = r.st_out && r.cnt == n - 1 + op;
        x.correct = r.am_q == r.label_q;
        *self._r = x;
    }

    /// Outputs from the registers.
    fn drive(&mut self) {
        let r = &*self._r;
        self.busy.next = r.st_in || r.st_exp || r.st_div || r.st_out;
        self.out_valid.next = r.out_valid;
        self.out_last.next = r.out_last;
        self.err.next = to_signed(r.err as u16 as i16 as i64);
        self.sat.next = r.sat;
        self.correct.next = r.correct;
    }

    /// The RTL (the body of the module whose ports rust-hdl writes).
    pub fn rtl(&self) -> String {
        use std::fmt::Write as _;
        let p = &self._p;
        let mut s = String::new();
        macro_rules! w {
            ($($a:tt)*) => {{ let _ = writeln!(s, $($a)*); }};
        }
        let n = p.n;
        let (bw, ccw, ws, cw, esh) = (p.bw, p.ccw, p.ws, p.cw, p.esh);
        let qw = 30 - esh; // bits of pe >> esh
        let tw = qw.min(12); // bits of t kept (t >= 3840 is flagged by big_q)
        let lo = p.base_sm.min(p.base_mse) - 1;
        let wy = (32 - lo).max(17);
        w!("// ---- loss unit RTL, generated by src/hw/loss_unit.rs for N={n} classes, act_frac={}, rounding={}, B<={} (widths: S {ws}, batch {bw}, c {ccw}, counter {cw})",
            p.act_frac, if p.nearest { "nearest" } else { "truncate" }, mask(bw));
        w!("localparam NEAREST = 1'b{};", p.nearest as u8);
        w!("// ---- state (one-hot, idle = none), counter, sampled inputs");
        w!("reg st_in, st_exp, st_div, st_out;");
        w!("reg [{}:0] cnt;", cw - 1);
        w!("reg [7:0] label_q; reg mse_q;");
        w!("reg bsy;  // st_in | st_exp | st_div | st_out, as one register");
        w!("wire idle = ~bsy;");
        w!("wire go = start & idle;");
        w!("// the phase ends and the S enable are registered flags, set one cycle early from cnt (in_done:");
        w!("// st_in & cnt = N+1; exp_done: st_exp & cnt = N+4; div_done: st_div & cnt = 14; out_done =");
        w!("// out_last: st_out & cnt = N+7; sq_en: st_exp & cnt >= 5)");
        w!("reg in_done, exp_done, div_done, sq_en;");
        w!("wire out_done = out_last;");
        w!("always @(*) busy = ~idle;");
        w!("// ---- batch -> c = ceil(log2 B) -> invB = floor((2^(14+c) + floor(B/2)) / B), restoring, 15 cycles");
        w!(
            "reg [{}:0] b_q, nb_q; reg [{}:0] c_q; reg bph1, bph2; reg [3:0] bcnt;",
            bw - 1,
            ccw - 1
        );
        w!("// nb_q = ~b_q: the divider's difference r2b - B is a sum of registers (no inverter LUT");
        w!("// before its carry chain; the +1 as a low bit 1 + 1)");
        w!(
            "reg [{}:0] rem_b; reg [14:0] nsh_b; reg [14:0] q_b;",
            bw - 1
        );
        w!("// (batch == 0) ? 1 : batch, with the zero test on bit 0 alone (the other bits are 0 then)");
        w!(
            "wire [{}:0] bsel = {{batch[{}:1], batch[0] | (batch == 16'd0)}};",
            bw - 1,
            bw - 1
        );
        w!("wire [{}:0] bm1 = b_q - {bw}'d1;", bw - 1);
        w!("reg [{}:0] bl;", ccw - 1);
        w!("always @(*) begin");
        w!("    bl = {ccw}'d0;");
        for i in 0..bw as u64 {
            w!("    if (bm1[{i}]) bl = {ccw}'d{};", (i + 1).min(p.cmax));
        }
        w!("end");
        w!("reg [{}:0] rb_init;", bw - 1);
        w!("always @(*) begin");
        w!("    case (c_q)");
        for c in 1..=p.cmax {
            w!("    {ccw}'d{c}: rb_init = {bw}'d{};", 1u64 << (c - 1));
        }
        w!("    default: rb_init = {bw}'d0;");
        w!("    endcase");
        w!("end");
        w!("wire [{bw}:0] r2b = {{rem_b, nsh_b[14]}};");
        w!(
            "wire [{}:0] db2 = {{1'b0, r2b, 1'b1}} + {{2'b11, nb_q, 1'b1}};",
            bw + 2
        );
        w!("wire [{}:0] db = db2[{}:1];", bw + 1, bw + 2);
        w!("wire geb = ~db[{}];", bw + 1);
        w!("// ---- logit buffer and max");
        w!("// one block RAM (256x16, registered read): logit k at k (In), E_j at j (Exp, cnt = j + {EXP_PIPE});");
        w!("// read at cnt + 1 (Exp, softmax Out: rd_q = entry j at cnt j), at cnt - 2 (MSE Out: rd_q = z_j at");
        w!("// cnt j + 3); pl_q = the previous logit. The logits are written complemented (lgn_q = ~offset");
        w!("// binary): m - z and the compares are then sums of registers, no inverter LUT before a chain");
        w!("// (no_rw_check: the buffer is never read and written at one address in a cycle whose read");
        w!("// is used: In reads are discarded, Exp reads cnt and writes cnt - {EXP_PIPE}, Out does not write)");
        w!("(* no_rw_check *) reg [15:0] lb [0:255]; reg [15:0] rd_q, pl_q;");
        let cnt8 = if cw >= 8 {
            "cnt[7:0]".to_string()
        } else {
            format!("{{{}'d0, cnt}}", 8 - cw)
        };
        w!("wire [7:0] cnt8 = {cnt8};");
        w!("wire lb_we = lv_q | (sq_en & ~mse_q);");
        w!("wire [7:0] lb_wa = lv_q ? ka_q : cnt8 - 8'd{EXP_PIPE};");
        w!("wire [15:0] lb_wd = lv_q ? lgn_q : {{1'b0, e_q}};");
        w!("wire [7:0] lb_ra = st_out ? cnt8 - (mse_q ? 8'd2 : 8'd1) : cnt8;");
        w!("reg [15:0] lgn_q, m_q; reg lv_q, lvd_q, c1_q, c2_q, uq; reg [7:0] ka_q, kb_q, am_q;");
        w!("reg acc_en;  // st_in and fewer than N logits taken");
        w!("wire acc = in_valid & acc_en;");
        w!("// c1: m < lg, c2: pl < lg (strict): no carry out of m + ~lg + 1 (the +1 as a low bit 1 + 1)");
        w!("wire [17:0] gt1 = {{1'b0, m_q, 1'b1}} + {{1'b0, lgn_q, 1'b1}};");
        w!("wire [17:0] gt2 = {{1'b0, pl_q, 1'b1}} + {{1'b0, lgn_q, 1'b1}};");
        w!("wire upd = lvd_q & (uq ? c2_q : c1_q);");
        w!("// ---- exp pipeline: [ua] -> DSP -> [pe] -> round -> block-RAM read [rom], [n] -> shift [E] -> S");
        w!("reg [14:0] ua_q; reg [29:0] pe_q; reg tie_q; reg [31:0] hv_q; reg [14:0] rom_q; reg [3:0] n_q; reg [14:0] e_q; reg [{}:0] s_q;", ws - 1);
        w!("reg [14:0] rom [0:255];");
        w!("// u = m - z = m + ~z + 1 (the buffer holds ~z)");
        w!("wire [16:0] u17 = {{m_q, 1'b1}} + {{rd_q, 1'b1}};");
        w!("wire [15:0] u16 = u17[16:1];");
        w!("wire [14:0] ua = u16[15] ? 15'h7fff : u16[14:0];");
        w!("// round half to even: the DSP adds the half, a tie clears bit 0; 23637 is odd, so the product");
        w!(
            "// is a tie exactly when ua = 2^{} mod 2^{esh} (tie_q, from ua_q, aligned with pe_q)",
            esh - 1
        );
        w!(
            "wire [29:0] pe = {{15'd0, ua_q}} * 30'd{} + 30'd{};",
            LOG2E_Q14,
            1u64 << (esh - 1)
        );
        if esh <= 15 {
            w!(
                "wire tie = ua_q[{}:0] == {esh}'d{};",
                esh - 1,
                1u64 << (esh - 1)
            );
        } else {
            w!("wire tie = 1'b0;");
        }
        w!(
            "wire [{}:0] t = {{pe_q[{}:{}], pe_q[{esh}] & ~tie_q}};",
            tw - 1,
            esh + tw - 1,
            esh + 1
        );
        w!(
            "wire big = {};",
            if qw > 12 {
                format!(
                    "(|pe_q[29:{}]) | (&pe_q[{}:{}])",
                    esh + 12,
                    esh + 11,
                    esh + 8
                )
            } else if qw == 12 {
                format!("&pe_q[{}:{}]", esh + 11, esh + 8)
            } else {
                "1'b0".to_string()
            }
        );
        let n4 = if tw == 12 {
            "t[11:8]".to_string()
        } else {
            format!("{{{}'d0, t[{}:8]}}", 12 - tw, tw - 1)
        };
        w!("wire [3:0] n4 = big ? 4'd15 : {n4};");
        w!("// ---- r = floor(2^28 / S): non-restoring (remainder in [-S, S), its sign picks +S or -S for the");
        w!("// next step, so one adder straight into the register), one quotient bit per DIV cycle; the");
        w!("// bits equal the restoring ones (q = new remainder >= 0). S is stable through DIV.");
        w!("reg [{ws}:0] rem_r; reg [14:0] q_r; reg div_d;");
        w!("reg subr;  // ~rem_r[{ws}] (the next step subtracts), a register of its own");
        w!(
            "wire [{}:0] nr = {{rem_r, subr}} + ({{2'b00, s_q}} ^ {{{}{{subr}}}});",
            ws + 1,
            ws + 2
        );
        w!("// ---- out pipeline: [a] -> DSP -> [pr] -> [d] -> DSP -> [p2] -> shift [y] -> round, sat16 [err]");
        w!("reg [28:0] pr_q; reg [3:0] lab;");
        w!("reg [14:0] s15_q;");
        w!("reg [15:0] dm_q; reg s1m_q; reg [15:0] d_q; reg [2:0] s1p;");
        w!("reg [31:0] p2_q; reg [{}:0] y_q;", wy - 1);
        let lw = cw.max(8);
        let pad = |v: &str, wv: u32| {
            if wv < lw {
                format!("{{{}'d0, {v}}}", lw - wv)
            } else {
                v.to_string()
            }
        };
        let op = OUT_PIPE as u64 - 1;
        w!("// error j leaves the pipeline {OUT_PIPE} cycles after Out's cycle cnt = j");
        w!("// (out_valid: set at cnt = {op}, cleared after out_last)");
        w!("wire v7 = (st_out & (cnt == {cw}'d{op})) | (out_valid & ~out_last);");
        w!("wire lab0 = {} == {};", pad("cnt", cw), pad("label_q", 8));
        w!("wire last7 = st_out & (cnt == {cw}'d{});", n - 1 + op);
        w!("// r and invB are stable through Out: the DSPs take them straight from the dividers");
        w!("// s = narrow(E r, 14): the DSP adds the half (nearest), a tie (low 14 bits 0) clears bit 0");
        w!("wire [28:0] pr = {{14'd0, rd_q[14:0]}} * {{14'd0, q_r}} + (NEAREST ? 29'd8192 : 29'd0);");
        w!("wire [14:0] s15 = {{pr_q[28:15], pr_q[14] & ~(NEAREST & (pr_q[13:0] == 14'd0))}};");
        w!("wire [15:0] dsm = lab[3] ? (s15_q[14] ? 16'd0 : {{2'b11, s15_q[13:0]}}) : {{1'b0, s15_q}};");
        w!(
            "wire [15:0] dmxn = {{~rd_q[15], rd_q[14:0]}} + (lab[2] ? 16'd{} : 16'd0);  // ~(z - 2^act [j = y])",
            1u64 << p.act_frac
        );
        w!("// below -32768 exactly when the label's z is in [-32768, -32768 + 2^act): zmin_q, sampled as");
        w!("// the label's logit comes in");
        w!("reg zmin_q;");
        w!("wire dml = lab[2] & zmin_q;");
        w!("// d invB + the rounding half 2^(base + c - 1) (nearest), in the DSP's adder");
        w!(
            "wire [31:0] hv = NEAREST ? ((mse_q ? 32'd{} : 32'd{}) << c_q) : 32'd0;",
            1u64 << (p.base_mse - 1),
            1u64 << (p.base_sm - 1)
        );
        w!("wire signed [31:0] p2 = $signed({{{{16{{d_q[15]}}}}, d_q}}) * $signed({{16'd0, q_b}}) + $signed(hv_q);");
        // The narrowing: y = p2 >>> (base - 1 + c) on wy bits, sticky = the bits below.
        let xvec = |base: u32| -> String {
            let xl = base - 1;
            let bits = 32 - xl;
            if wy > bits {
                format!("{{{{{}{{p2_q[31]}}}}, p2_q[31:{xl}]}}", wy - bits)
            } else {
                format!("p2_q[31:{xl}]")
            }
        };
        let (xs, xmv) = (xvec(p.base_sm), xvec(p.base_mse));
        w!("wire [{}:0] xm = mse_q ? {xmv} : {xs};", wy - 1);
        w!("wire [{}:0] yv = $signed(xm) >>> c_q;", wy - 1);
        // The sticky: bits 0..lo of p2 are below the rounding position in both modes and for
        // every c; bits lo..shi are when the registered mask `sm_q` (from mse_q, c_q: static in a
        // sample) says so. The OR is split into groups of <= 16 LUT inputs (a plain bit counts
        // 1, a masked bit 2: two LUT levels each), one register per group.
        let shi = p.base_sm.max(p.base_mse) - 1 + p.cmax as u32;
        let smw = shi - lo;
        let mut terms: Vec<(String, u32)> = (0..lo).map(|i| (format!("p2_q[{i}]"), 1)).collect();
        terms.extend((lo..shi).map(|i| (format!("(p2_q[{i}] & sm_q[{}])", i - lo), 2)));
        let mut groups: Vec<Vec<String>> = vec![vec![]];
        let mut used = 0;
        for (t, c) in terms {
            if used + c > 16 {
                groups.push(vec![]);
                used = 0;
            }
            used += c;
            groups.last_mut().unwrap().push(t);
        }
        let ng = groups.len();
        w!("// sticky mask: sm_q[i] = bit lo + i (lo = {lo}) is below the rounding position base - 1 + c");
        w!("reg [{}:0] sm_q; reg [{}:0] st_q;", smw - 1, ng - 1);
        // bit i is below base - 1 + c iff c >= i + 2 - base: one LUT of mse_q and c_q per bit
        let ge = |i: u32, base: u32| -> String {
            let k = i as i64 + 2 - base as i64;
            if k <= 0 {
                "1'b1".to_string()
            } else if k > p.cmax as i64 {
                "1'b0".to_string()
            } else {
                format!("(c_q >= {ccw}'d{k})")
            }
        };
        w!("wire [{}:0] sm;", smw - 1);
        for i in lo..shi {
            w!(
                "assign sm[{}] = mse_q ? {} : {};",
                i - lo,
                ge(i, p.base_mse),
                ge(i, p.base_sm)
            );
        }
        for (k, g) in groups.iter().enumerate() {
            w!("wire stg{k} = {};", g.join(" | "));
        }
        w!("// fits 16 bits: y_q's bits from 16 up equal its sign (the shifter's stage has no room for it)");
        if wy > 17 {
            w!(
                "wire ok = (y_q[{0}:16] == {{{1}{{1'b0}}}}) | (y_q[{0}:16] == {{{1}{{1'b1}}}});",
                wy - 1,
                wy - 16
            );
        } else {
            w!("wire ok = 1'b1;");
        }
        w!("// the half is already added: a tie (guard and sticky 0) clears bit 0; no carry chain");
        w!("wire [15:0] r16 = {{y_q[16:2], y_q[1] & ~(NEAREST & ~y_q[0] & ~(|st_q))}};");
        w!("// Bits that are copies of others: the invB divider's bit below the sign is 0 whenever its");
        w!("// difference is taken; the r divider's top sum bit repeats its sign (the remainder fits).");
        w!("// pe_q's bits below the rounding position are not needed (the tie comes from ua_q).");
        w!("// The compares and u use only their carries / top bits.");
        w!(
            "wire unused_ok = &{{1'b0, db[{bw}], db2[0], nr[{}], pe_q[{}:0], gt1[16:0], gt2[16:0], u17[0]}};",
            ws + 1,
            esh - 1
        );
        w!("// ---- registers start at 0 (simulation and iCE40), but the block RAMs' read registers rd_q and");
        w!("// rom_q (no initial value: Yosys would emulate one with a mux per bit; they hold a defined read");
        w!("// from the first edge on, and nothing reads them before)");
        w!("initial begin");
        for r in [
            "st_in",
            "st_exp",
            "st_div",
            "st_out",
            "in_done",
            "exp_done",
            "div_done",
            "sq_en",
            "tie_q",
            "acc_en",
            "cnt",
            "label_q",
            "mse_q",
            "b_q",
            "nb_q",
            "c_q",
            "bph1",
            "bph2",
            "bcnt",
            "rem_b",
            "nsh_b",
            "q_b",
            "bsy",
            "lgn_q",
            "lvd_q",
            "subr",
            "zmin_q",
            "hv_q",
            "div_d",
            "lv_q",
            "c1_q",
            "c2_q",
            "uq",
            "ka_q",
            "kb_q",
            "m_q",
            "am_q",
            "ua_q",
            "pe_q",
            "n_q",
            "e_q",
            "s_q",
            "rem_r",
            "q_r",
            "pl_q",
            "pr_q",
            "s15_q",
            "lab",
            "dm_q",
            "s1m_q",
            "d_q",
            "s1p",
            "p2_q",
            "y_q",
            "st_q",
            "sm_q",
            "out_valid",
            "out_last",
            "err",
            "sat",
            "correct",
        ] {
            w!("    {r} = 0;");
        }
        for i in 0..256 {
            w!("    lb[{i}] = 16'd0;");
        }
        for (i, v) in p.exp2.iter().enumerate() {
            w!("    rom[{i}] = 15'd{v};");
        }
        w!("end");
        w!("// ---- the EXP2 ROM: one block RAM, registered read");
        w!("always @(posedge clock) rom_q <= rom[t[7:0]];");
        w!("// ---- the sample buffer: one block RAM, registered read (old contents on a same-address write)");
        w!("always @(posedge clock) begin");
        w!("    if (lb_we) lb[lb_wa] <= lb_wd;");
        w!("    rd_q <= lb[lb_ra];");
        w!("end");
        w!("always @(posedge clock) begin");
        w!("    // batch -> c -> invB");
        w!("    bph1 <= go;");
        w!("    bph2 <= bph1;");
        w!("    if (go) b_q <= bsel;");
        w!("    if (go) nb_q <= ~bsel;");
        w!("    if (bph1) c_q <= bl;");
        w!("    if (bph2) begin");
        w!("        rem_b <= rb_init;");
        w!(
            "        nsh_b <= (c_q == {ccw}'d0) ? 15'h4000 : {};",
            if bw > 15 {
                "b_q[15:1]".to_string()
            } else {
                format!("{{{}'d0, b_q[{}:1]}}", 15 - (bw - 1), bw - 1)
            }
        );
        w!("        bcnt <= 4'd15;");
        w!("    end else if (bcnt != 4'd0) begin");
        w!(
            "        rem_b <= geb ? db[{}:0] : r2b[{}:0];",
            bw - 1,
            bw - 1
        );
        w!("        nsh_b <= {{nsh_b[13:0], 1'b0}};");
        w!("        q_b <= {{q_b[13:0], geb}};");
        w!("        bcnt <= bcnt - 4'd1;");
        w!("    end");
        w!("    // exp pipeline (free-running)");
        w!("    ua_q <= ua;");
        w!("    pe_q <= pe; tie_q <= tie; hv_q <= hv;  // (hv_q: c_q, mse_q are static in a sample)");
        w!("    n_q <= n4;");
        w!("    e_q <= rom_q >> n_q;");
        w!("    // r divider");
        w!(
            "    if (exp_done) begin rem_r <= {}'d8192; subr <= 1'b1; end",
            ws + 1
        );
        w!("    else if (st_div) begin rem_r <= nr[{ws}:0]; subr <= ~nr[{ws}]; end");
        w!("    // quotient bit i = subr after step i: shifted in one cycle later (the last in Out's cycle 0;");
        w!("    // the DSP first needs r in Out's cycle 2)");
        w!("    div_d <= st_div;");
        w!("    if (div_d) q_r <= {{q_r[13:0], subr}};");
        w!("    // control, buffer, max (the logits pass one input register)");
        w!("    // input register; stage A compares with m and with the previous logit (pl_q), stage B");
        w!("    // updates m from whichever is current (uq: stage B updated m in the previous cycle)");
        w!("    // (logits in offset binary from lg_q on: unsigned compares; m - z is unchanged; m starts at");
        w!("    // the minimum with argmax 0 (held while idle), which is what the first logit gives under a");
        w!("    // strict >)");
        w!(
            "    lgn_q <= {{logit[15], ~logit[14:0]}}; lv_q <= acc; ka_q <= {};",
            if cw >= 8 {
                "cnt[7:0]".to_string()
            } else {
                format!("{{{}'d0, cnt}}", 8 - cw)
            }
        );
        w!("    // (c1_q, c2_q: straight from the carries; upd gates them with lvd_q, lv_q a cycle later)");
        w!("    c1_q <= ~gt1[17]; c2_q <= ~gt2[17]; lvd_q <= lv_q; if (lv_q) pl_q <= ~lgn_q;");
        w!(
            "    if (lv_q & (ka_q == label_q)) zmin_q <= &lgn_q[15:{}];",
            p.act_frac
        );
        w!("    kb_q <= ka_q; uq <= upd;");
        w!("    if (idle) begin m_q <= 16'd0; am_q <= 8'd0; end");
        w!("    else if (upd) begin m_q <= pl_q; am_q <= kb_q; end");
        w!("    // state: one-hot, flat transitions");
        w!("    if (go) begin label_q <= label; mse_q <= mse; end");
        w!(
            "    acc_en <= go | (acc_en & ~(in_valid & (cnt == {cw}'d{})));",
            n - 1
        );
        w!("    bsy <= go | (bsy & ~out_done);");
        w!("    st_in <= go | (st_in & ~in_done);");
        w!("    st_exp <= in_done | (st_exp & ~exp_done);");
        w!("    st_div <= exp_done | (st_div & ~div_done);");
        w!("    st_out <= div_done | (st_out & ~out_done);");
        w!("    in_done <= st_in & (cnt == {cw}'d{n});");
        w!(
            "    exp_done <= st_exp & (cnt == {cw}'d{});",
            n + EXP_PIPE as u64 - 2
        );
        w!(
            "    div_done <= st_div & (cnt == {cw}'d{});",
            DIV_CYCLES - 2
        );
        w!(
            "    sq_en <= (st_exp & (cnt == {cw}'d{})) | (sq_en & ~exp_done);",
            EXP_PIPE - 1
        );
        w!("    if (go | in_done | exp_done | div_done | out_done) cnt <= {cw}'d0;");
        w!("    // counting: each taken logit, then every cycle (acc_en falls with the N-th logit)");
        w!("    else if (acc | (bsy & ~acc_en)) cnt <= cnt + {cw}'d1;");
        w!("    if (in_done) s_q <= {ws}'d0;");
        w!("    else if (sq_en) s_q <= s_q + {{{}'d0, e_q}};", ws - 15);
        w!("    // out pipeline");
        w!("    pr_q <= pr; s15_q <= s15;");
        w!("    lab <= {{lab[2:0], lab0}};");
        w!("    dm_q <= dml ? 16'h8000 : ~dmxn; s1m_q <= dml;");
        w!("    d_q <= mse_q ? dm_q : dsm;");
        w!("    s1p <= {{s1p[1:0], mse_q & s1m_q}};");
        w!("    p2_q <= p2;");
        w!("    y_q <= yv; sm_q <= sm;");
        w!(
            "    st_q <= {{{}}};",
            (0..ng)
                .rev()
                .map(|k| format!("stg{k}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        w!(
            "    err <= ~ok ? (y_q[{}] ? 16'h8000 : 16'h7fff) : r16;",
            wy - 1
        );
        w!("    sat <= ~ok | s1p[2];");
        w!("    out_valid <= v7; out_last <= last7;");
        w!("    correct <= am_q == label_q;");
        w!("end");
        s
    }
}

impl Logic for LossGrad {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            self.edge();
        }
        self.drive();
    }
    fn connect(&mut self) {
        self.busy.connect();
        self.out_valid.connect();
        self.out_last.connect();
        self.err.connect();
        self.sat.connect();
        self.correct.connect();
    }
    fn hdl(&self) -> Verilog {
        Verilog::Custom(self.rtl())
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
            1 => prop::sample::select(
                [0usize, 1, 2, 3]
                    .into_iter()
                    .filter(|&b| b <= self.max_batch)
                    .collect::<Vec<_>>()
            ),
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
            let end = l + 2 * n + OUT_DELAY - 1;
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
                let c = l + n + OUT_DELAY + j;
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

    /// All three simulators, lint, latch check, corrupted-vector self-test (default config, then
    /// other widths).
    #[test]
    fn loss_unit_three_simulators() {
        let n = harness::prove_unit(&LossUnitHw::new(&Config::default()));
        assert!(n >= 1000);
        // The generated RTL at other widths: 3 classes, act_frac 10 (exp shift 16), err_frac 12,
        // truncation, batches up to 100 (in this test: both use the unit's build directory).
        let mut cfg = Config::default();
        cfg.model.layers = vec![8, 3];
        cfg.fixed.act_frac = 10;
        cfg.fixed.err_frac = 12;
        cfg.train.batch_size = 100;
        cfg.fixed.rounding = Rounding::Truncate;
        let n = harness::prove_unit(&LossUnitHw::new(&cfg));
        assert!(n >= 1000);
    }
}
