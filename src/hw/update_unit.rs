//! The weight-update unit: one weight per cycle, `(w, v, g) → (w′, v′)`, with its own LFSR.
//!
//! # Math (equal to `golden::kernels::update_weight`, bit for bit)
//! Registers (16-bit, formats of `golden::UpdateRegs`): `η` (Q.`eta_frac`), `μ` and `1−μ`
//! (Q.`mu_frac`), `wd` = 2λ or (1−μ)·2λ (Q.`mu_frac + mom_frac − weight_frac`); `ema` selects the
//! EMA form (`UpdateRegs::g_coef` is `Some`); SGD is the heavy-ball form with `μ = 0`.
//! ```text
//! V  = sat32(sat32(μ·v + T_g) + T_d)     T_g = ema ? (1−μ)·g : g·2^mu_frac;  T_d = is_bias ? 0 : wd·w
//! v′ = narrow(V, mu_frac, rounding)                                   (velocity, mom format)
//! Δ  = narrow(η·v′, eta_frac + mom_frac − weight_frac, update_rounding, LFSR word)
//! w′ = sat16(w − Δ)
//! sat_mom = V sums or v′ saturated;  sat_weight = Δ or w′ saturated
//! ```
//! `w` is in weight format, `v`, `g` and `v′` in mom format (`g` straight from the dW drain's
//! narrowing). All products are 16×16 → 32 ([`Mul16`], 32-bit signals).
//!
//! # LFSR
//! The unit contains the stochastic-rounding LFSR ([`LfsrBlock`]): it advances exactly once per
//! valid weight, in the cycle that weight's Δ is rounded, when `update_rounding` is stochastic
//! (never otherwise) — golden's consumption (`Lfsr::next_word` per `update_weight` call), so feeding
//! the weights in `golden::update_order` reproduces golden's LFSR stream. `lfsr_load` loads
//! `lfsr_seed` (0 → 1; `lfsr_seed_zero` must be `lfsr_seed == 0` whenever `lfsr_load` is high: the
//! register file keeps that flag as a flip-flop, so no 32-bit zero test sits in front of the LFSR);
//! it must not coincide with a weight in stage 7.
//!
//! # Pipeline: latency 9, one weight per cycle, no stall
//! Every multiplier has registered operands and a registered product (SB_MAC16 input and output
//! registers: nextpnr has no timing arcs through the DSP, so an unregistered one would hide its delay).
//! ```text
//!  cycle t    operand registers (μ, v | 1−μ or 0, g | wd, w or 0); v, g = −32768 flags   ─►[...]
//!  cycle t+1  μ·v, (1−μ)·g, wd·w (3× Mul16); gsh = g·2^mu_frac | 0 (EMA) | 2^31−1 (corr) ─►[p_mv, p_cg, p_td, gsh]
//!  cycle t+2  carry-save: μ·v + (p_cg ^ gsh) + T_d, sign-extended to 33 bits            ─►[x, y]
//!  cycle t+3  s = x + y (exact; carry-select: bits 0..15 | 16..32 for carry-in 0 and 1)  ─►[s]
//!  cycle t+4  q = s >> mu_frac; q + up (incrementer from s, `up` muxes after it); saturate ─►[q+up, sat, sign]
//!  cycle t+5  v′ = sat ? bound : q + up (one LUT; v′ is the η multiplier's B register)    ─►[v′]
//!  cycle t+6  η·v′ (Mul16)                                                               ─►[p_η]
//!  cycle t+7  Narrow(η+mom−weight, rnd = ~nw_q, the registered ~word; LFSR advances)      ─►[Δ]
//!  cycle t+8  sat16(w − Δ) = ~(~w + Δ) (16-bit sum from registers, and its overflow)      ─►[w′, v′, sat_mom, sat_weight, out_valid]
//!  cycle t+9  outputs
//! ```
//! `sat32(sat32(μv + T_g) + T_d)`: the first `sat32` acts only at exactly 2^31 (EMA, μ = v = 1−μ
//! = g = −32768, `corr`), where `gsh` = 2^31 − 1 turns T_g into `2^30 ^ (2^31 − 1)` = 2^30 − 1, so
//! one three-operand sum remains; the second `sat32` is not needed before the narrowing (out of the
//! 32-bit range the narrowing saturates anyway, `mu_frac ≤ 15`), so v′ is narrowed from the exact
//! 33-bit sum and `sat_mom` = corr | v′ saturated.
//! Timing (iCE40, up5k preset): every carry chain starts at flip-flops (no inverting LUT in
//! front): the v′ incrementer at `s_q`, the stochastic compare `rem′ + ~word` at `pe_q` and `nw_q`
//! (a register that always holds `~step(state)` of the LFSR, fed from the LFSR's next state), the
//! `w − Δ` chain at `w7_q` (which holds ~w) and Δ; the 33-bit sum is a 16-bit chain and two
//! 17-bit chains (carry-in 0 / 1) selected by the low carry. `nw_q` is the LFSR's next state (load:
//! `lfsr_seed | lfsr_seed_zero`, else the word or the state) stepped: at most three LUT levels from
//! the seed registers (a 32-bit zero test of the seed there made it five in the up5k engine).
//! The registers `η, μ, 1−μ, wd, ema` are read in stages 0 (μ, 1−μ, wd, ema), 1 (ema) and 5 (η): keep them
//! stable while weights are in flight (the engine writes them only between steps). Outputs in cycles
//! without `out_valid` are don't-care.

use super::fabric_dff::FabricDff;
use super::harness::{self, HwUnit, Port, Vectors};
use super::lfsr::LfsrBlock;
use super::narrow::Narrow;
use super::pe::{Mul16, Sext16};
use super::{from_signed, to_bits, to_signed};
use crate::config::{Config, Rounding};
use crate::fixed::lfsr::Lfsr;
use crate::golden::kernels::{update_weight, UpdateRegs};
use proptest::prelude::*;
use rust_hdl::prelude::*;

/// Sign extension 32 → 33 bits (hand-written Verilog with a Rust model: a widening cast in
/// `#[hdl_gen]` emits WIDTH warnings).
#[derive(LogicBlock, Default)]
pub struct Sext33 {
    pub a: Signal<In, Bits<32>>,
    pub y: Signal<Out, Bits<33>>,
}

impl Logic for Sext33 {
    fn update(&mut self) {
        let a = self.a.val().to_u64();
        self.y.next = to_bits(a | ((a >> 31) << 32));
    }
    fn connect(&mut self) {
        self.y.connect();
    }
    fn hdl(&self) -> Verilog {
        Verilog::Custom("always @(*) y = {a[31], a};".into())
    }
}

/// Pipeline latency (cycles from inputs to outputs).
pub const LATENCY: usize = 9;

/// The update unit (see the module doc).
#[derive(LogicBlock)]
pub struct UpdateUnit {
    pub clock: Signal<In, Clock>,
    /// A weight is presented this cycle.
    pub valid: Signal<In, Bit>,
    /// Weight (weight format), velocity and gradient (mom format).
    pub w: Signal<In, Signed<16>>,
    pub v: Signal<In, Signed<16>>,
    pub g: Signal<In, Signed<16>>,
    /// The weight is a bias (no decay).
    pub is_bias: Signal<In, Bit>,
    /// Registers.
    pub eta: Signal<In, Signed<16>>,
    pub mu: Signal<In, Signed<16>>,
    pub one_minus_mu: Signal<In, Signed<16>>,
    pub wd: Signal<In, Signed<16>>,
    pub ema: Signal<In, Bit>,
    /// LFSR load (priority over advancing) and seed.
    pub lfsr_load: Signal<In, Bit>,
    pub lfsr_seed: Signal<In, Bits<32>>,
    /// `lfsr_seed == 0` (required whenever `lfsr_load` is high).
    pub lfsr_seed_zero: Signal<In, Bit>,
    /// Results, `LATENCY` cycles after the inputs.
    pub out_valid: Signal<Out, Bit>,
    pub w_out: Signal<Out, Signed<16>>,
    pub v_out: Signal<Out, Signed<16>>,
    pub sat_mom: Signal<Out, Bit>,
    pub sat_weight: Signal<Out, Bit>,
    /// The LFSR's state register (the engine's LFSR_LO/HI registers read it).
    pub lfsr_state: Signal<Out, Bits<32>>,
    mul_mv: Mul16,
    mul_cg: Mul16,
    mul_wd: Mul16,
    mul_eta: Mul16,
    g_ext: Sext16,
    a_ext: Sext33,
    b_ext: Sext33,
    c_ext: Sext33,
    narrow_d: Narrow,
    pub lfsr: LfsrBlock,
    // ---- stage 0: the multipliers' input registers (SB_MAC16 A/B registers)
    mva_q: DFF<Signed<16>>,
    /// V word → `mul_mv` B: a [`FabricDff`], not the DSP's B register (see its doc).
    mvb_q: FabricDff<Signed<16>>,
    cga_q: DFF<Signed<16>>,
    cgb_q: DFF<Signed<16>>,
    wda_q: DFF<Signed<16>>,
    wdb_q: DFF<Signed<16>>,
    /// EMA with μ = 1−μ = −32768; v = −32768; g = −32768 (together: `corr`, `μ·v + (1−μ)·g =
    /// 2^31`, the only case in which the first sum `sat32(μ·v + T_g)` saturates).
    rc0_q: DFF<Bit>,
    vm0_q: DFF<Bit>,
    gm0_q: DFF<Bit>,
    g0_q: DFF<Signed<16>>,
    w0_q: DFF<Signed<16>>,
    val0_q: DFF<Bit>,
    // ---- stage 1: the products (SB_MAC16 output registers) and T_g's other form
    pmv_q: DFF<Bits<32>>,
    pcg_q: DFF<Bits<32>>,
    ptd_q: DFF<Bits<32>>,
    /// `g·2^mu_frac` (heavy ball, SGD), 0 (EMA), 2^31 − 1 (`corr`: then T_g = (1−μ)·g ^ gsh =
    /// 2^30 ^ (2^31 − 1) = 2^30 − 1, and μ·v + T_g = 2^31 − 1 = sat32(2^31)).
    gsh_q: DFF<Bits<32>>,
    corr1_q: DFF<Bit>,
    w1_q: DFF<Signed<16>>,
    val1_q: DFF<Bit>,
    // ---- stage 2: the three-operand sum as a carry-save pair (33 bits)
    x_q: DFF<Bits<33>>,
    y_q: DFF<Bits<33>>,
    corr2_q: DFF<Bit>,
    w2_q: DFF<Signed<16>>,
    val2_q: DFF<Bit>,
    // ---- stage 3: the exact sum (33 bits, one carry chain)
    s_q: DFF<Bits<33>>,
    corr3_q: DFF<Bit>,
    w3_q: DFF<Signed<16>>,
    val3_q: DFF<Bit>,
    // ---- stage 4: q + up (16 bits, v′ before saturation), saturate, sign
    q4_q: DFF<Bits<16>>,
    sat4_q: DFF<Bit>,
    sgn4_q: DFF<Bit>,
    corr4_q: DFF<Bit>,
    w4_q: DFF<Signed<16>>,
    val4_q: DFF<Bit>,
    // ---- stage 5: v′ = sat ? bound : q + up (also the η multiplier's B register)
    v5_q: DFF<Signed<16>>,
    sv5_q: DFF<Bit>,
    w5_q: DFF<Signed<16>>,
    val5_q: DFF<Bit>,
    // ---- stage 6: η·v′ (SB_MAC16 A register `etaa_q`, output register `pe_q`)
    etaa_q: DFF<Signed<16>>,
    pe_q: DFF<Bits<32>>,
    v6_q: DFF<Signed<16>>,
    sv6_q: DFF<Bit>,
    w6_q: DFF<Signed<16>>,
    val6_q: DFF<Bit>,
    // ---- stage 7: Δ (in `narrow_d`)
    v7_q: DFF<Signed<16>>,
    sv7_q: DFF<Bit>,
    /// `~w` (complemented: `w − Δ = ~(~w + Δ)`, a plain sum, no inverting LUT before the chain).
    w7_q: DFF<Bits<16>>,
    val7_q: DFF<Bit>,
    // ---- stage 8: outputs
    wo_q: DFF<Signed<16>>,
    vo_q: DFF<Signed<16>>,
    smo_q: DFF<Bit>,
    swo_q: DFF<Bit>,
    valo_q: DFF<Bit>,
    /// The LFSR's next state, and `~step(state)` registered (the complemented word; its reset
    /// value 0 differs from `~step(0)` for the first cycle only; the LFSR is loaded before use).
    lns: Signal<Local, Bits<32>>,
    /// `lfsr_seed_zero` as bit 0 of a word (the seed loads as `lfsr_seed | lzb`).
    lzb: Signal<Local, Bits<32>>,
    nw_q: DFF<Bits<32>>,
    taps_c: Constant<Bits<32>>,
    one32_c: Constant<Bits<32>>,
    corr1: Signal<Local, Bit>,
    slo: Signal<Local, Bits<33>>,
    shi0: Signal<Local, Bits<33>>,
    shi1: Signal<Local, Bits<33>>,
    mlo_c: Constant<Bits<33>>,
    slo_c: Constant<Bits<33>>,
    one33_c: Constant<Bits<33>>,
    /// The products and T_g's other form sign-extended to 33 bits.
    a33: Signal<Local, Bits<33>>,
    b33: Signal<Local, Bits<33>>,
    c33: Signal<Local, Bits<33>>,
    /// v′ = narrow(s, mu_frac) from the 33-bit sum: `sat32` first changes nothing (out of the
    /// 32-bit range the narrowing saturates anyway, mu_frac ≤ 15). `hb` = s's bits above q's 15
    /// (mu_frac+15..32), `c15` = `q + up` carries into bit 15 (Nearest: the half bit and q's low
    /// 15 bits all ones).
    hb: Signal<Local, Bits<33>>,
    qsh: Signal<Local, Bits<33>>,
    up: Signal<Local, Bit>,
    c15: Signal<Local, Bit>,
    sat_hi: Signal<Local, Bit>,
    sat_lo: Signal<Local, Bit>,
    inc: Signal<Local, Bits<16>>,
    /// `w − Δ` (16 bits) and its overflow.
    dw: Signal<Local, Bits<16>>,
    wovf: Signal<Local, Bit>,
    mu_shift_c: Constant<Bits<32>>,
    /// −32768 as bits.
    m32768_c: Constant<Bits<16>>,
    /// 2^31 − 1 (`gsh` in the `corr` case).
    corr_b_c: Constant<Bits<32>>,
    zero16_c: Constant<Signed<16>>,
    zero32_c: Constant<Bits<32>>,
    mu33_c: Constant<Bits<33>>,
    zero33_c: Constant<Bits<33>>,
    /// Bits mu+15..32; bit mu+15; bits mu..mu+14; bit mu; bit mu−1 (half); bits 0..mu−2.
    hmask_c: Constant<Bits<33>>,
    hlow_c: Constant<Bits<33>>,
    qlow15_c: Constant<Bits<33>>,
    q0_c: Constant<Bits<33>>,
    half_c: Constant<Bits<33>>,
    below_c: Constant<Bits<33>>,
    nearest_c: Constant<Bit>,
    one16_c: Constant<Bits<16>>,
    max16_c: Constant<Signed<16>>,
    min16_c: Constant<Signed<16>>,
    stochastic_c: Constant<Bit>,
}

impl UpdateUnit {
    /// The unit for the formats and rounding modes of `regs` (the register values are inputs).
    pub fn new(regs: &UpdateRegs) -> UpdateUnit {
        assert!(regs.mu_frac <= 15, "mu_frac {} > 15", regs.mu_frac);
        assert!(
            regs.eta_frac + regs.mom_frac >= regs.weight_frac,
            "eta_frac + mom_frac < weight_frac: Δ would need a left shift"
        );
        assert!(
            regs.rounding != Rounding::Stochastic,
            "fixed.rounding stochastic"
        );
        assert!(regs.mu_frac >= 1, "mu_frac 0");
        let m = regs.mu_frac as u64;
        UpdateUnit {
            clock: Default::default(),
            valid: Default::default(),
            w: Default::default(),
            v: Default::default(),
            g: Default::default(),
            is_bias: Default::default(),
            eta: Default::default(),
            mu: Default::default(),
            one_minus_mu: Default::default(),
            wd: Default::default(),
            ema: Default::default(),
            lfsr_load: Default::default(),
            lfsr_seed: Default::default(),
            lfsr_seed_zero: Default::default(),
            out_valid: Default::default(),
            w_out: Default::default(),
            v_out: Default::default(),
            sat_mom: Default::default(),
            sat_weight: Default::default(),
            lfsr_state: Default::default(),
            mul_mv: Default::default(),
            mul_cg: Default::default(),
            mul_wd: Default::default(),
            mul_eta: Default::default(),
            g_ext: Default::default(),
            a_ext: Default::default(),
            b_ext: Default::default(),
            c_ext: Default::default(),
            narrow_d: Narrow::new(
                regs.eta_frac + regs.mom_frac - regs.weight_frac,
                regs.update_rounding,
            ),
            lfsr: LfsrBlock::new(),
            mva_q: Default::default(),
            mvb_q: Default::default(),
            cga_q: Default::default(),
            cgb_q: Default::default(),
            wda_q: Default::default(),
            wdb_q: Default::default(),
            rc0_q: Default::default(),
            vm0_q: Default::default(),
            gm0_q: Default::default(),
            g0_q: Default::default(),
            w0_q: Default::default(),
            val0_q: Default::default(),
            pmv_q: Default::default(),
            pcg_q: Default::default(),
            ptd_q: Default::default(),
            gsh_q: Default::default(),
            corr1_q: Default::default(),
            w1_q: Default::default(),
            val1_q: Default::default(),
            x_q: Default::default(),
            y_q: Default::default(),
            corr2_q: Default::default(),
            w2_q: Default::default(),
            val2_q: Default::default(),
            s_q: Default::default(),
            corr3_q: Default::default(),
            w3_q: Default::default(),
            val3_q: Default::default(),
            q4_q: Default::default(),
            sat4_q: Default::default(),
            sgn4_q: Default::default(),
            corr4_q: Default::default(),
            w4_q: Default::default(),
            val4_q: Default::default(),
            v5_q: Default::default(),
            sv5_q: Default::default(),
            w5_q: Default::default(),
            val5_q: Default::default(),
            etaa_q: Default::default(),
            pe_q: Default::default(),
            v6_q: Default::default(),
            sv6_q: Default::default(),
            w6_q: Default::default(),
            val6_q: Default::default(),
            v7_q: Default::default(),
            sv7_q: Default::default(),
            w7_q: Default::default(),
            val7_q: Default::default(),
            wo_q: Default::default(),
            vo_q: Default::default(),
            smo_q: Default::default(),
            swo_q: Default::default(),
            valo_q: Default::default(),
            lns: Default::default(),
            lzb: Default::default(),
            nw_q: Default::default(),
            taps_c: Constant::new(to_bits(crate::fixed::lfsr::TAPS as u64)),
            one32_c: Constant::new(to_bits(1)),
            corr1: Default::default(),
            slo: Default::default(),
            shi0: Default::default(),
            shi1: Default::default(),
            mlo_c: Constant::new(to_bits(0xFFFF)),
            slo_c: Constant::new(to_bits(16)),
            one33_c: Constant::new(to_bits(1)),
            a33: Default::default(),
            b33: Default::default(),
            c33: Default::default(),
            hb: Default::default(),
            qsh: Default::default(),
            up: Default::default(),
            c15: Default::default(),
            sat_hi: Default::default(),
            sat_lo: Default::default(),
            inc: Default::default(),
            dw: Default::default(),
            wovf: Default::default(),
            mu_shift_c: Constant::new(to_bits(regs.mu_frac as u64)),
            m32768_c: Constant::new(to_bits(0x8000)),
            corr_b_c: Constant::new(to_bits((1 << 31) - 1)),
            zero16_c: Constant::new(to_signed(0)),
            zero32_c: Constant::new(to_bits(0)),
            mu33_c: Constant::new(to_bits(m)),
            zero33_c: Constant::new(to_bits(0)),
            hmask_c: Constant::new(to_bits(((1u64 << 33) - 1) & !((1u64 << (m + 15)) - 1))),
            hlow_c: Constant::new(to_bits(1 << (m + 15))),
            qlow15_c: Constant::new(to_bits(0x7FFF << m)),
            q0_c: Constant::new(to_bits(1 << m)),
            half_c: Constant::new(to_bits(1 << (m - 1))),
            below_c: Constant::new(to_bits((1 << (m - 1)) - 1)),
            nearest_c: Constant::new(regs.rounding == Rounding::Nearest),
            one16_c: Constant::new(to_bits(1)),
            max16_c: Constant::new(to_signed(32767)),
            min16_c: Constant::new(to_signed(-32768)),
            stochastic_c: Constant::new(regs.update_rounding == Rounding::Stochastic),
        }
    }
}

impl Logic for UpdateUnit {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, mva_q, mvb_q, cga_q, cgb_q, wda_q, wdb_q, rc0_q, vm0_q, gm0_q, g0_q, w0_q,
            val0_q, pmv_q, pcg_q, ptd_q, gsh_q, corr1_q, w1_q, val1_q, x_q, y_q, corr2_q, w2_q,
            val2_q, s_q, corr3_q, w3_q, val3_q, q4_q, sat4_q, sgn4_q, corr4_q, w4_q, val4_q, v5_q,
            sv5_q, w5_q, val5_q, etaa_q, pe_q, v6_q, sv6_q, w6_q, val6_q, v7_q, sv7_q, w7_q,
            val7_q, wo_q, vo_q, smo_q, swo_q, valo_q, nw_q
        );
        clock!(self, clock, narrow_d, lfsr);
        // ---- stage 0: operand registers. T_d's operand is 0 for a bias; (1−μ)·g's is 0 unless
        // EMA, and in the `corr` case (then T_g = 2^30 − 1 comes from `gsh_q`, so that
        // μ·v + T_g = 2^31 − 1 = sat32(2^31)).
        self.rc0_q.d.next = self.ema.val()
            & (unsigned_cast(self.mu.val()) == self.m32768_c.val())
            & (unsigned_cast(self.one_minus_mu.val()) == self.m32768_c.val());
        self.vm0_q.d.next = unsigned_cast(self.v.val()) == self.m32768_c.val();
        self.gm0_q.d.next = unsigned_cast(self.g.val()) == self.m32768_c.val();
        self.mva_q.d.next = self.mu.val();
        self.mvb_q.d.next = self.v.val();
        self.cga_q.d.next = self.one_minus_mu.val();
        if !self.ema.val() {
            self.cga_q.d.next = self.zero16_c.val();
        }
        self.cgb_q.d.next = self.g.val();
        self.wda_q.d.next = self.wd.val();
        self.wdb_q.d.next = self.w.val();
        if self.is_bias.val() {
            self.wdb_q.d.next = self.zero16_c.val();
        }
        self.g0_q.d.next = self.g.val();
        self.w0_q.d.next = self.w.val();
        self.val0_q.d.next = self.valid.val();
        // ---- stage 1: the products
        self.mul_mv.a.next = self.mva_q.q.val();
        self.mul_mv.b.next = self.mvb_q.q.val();
        self.mul_cg.a.next = self.cga_q.q.val();
        self.mul_cg.b.next = self.cgb_q.q.val();
        self.mul_wd.a.next = self.wda_q.q.val();
        self.mul_wd.b.next = self.wdb_q.q.val();
        self.pmv_q.d.next = unsigned_cast(self.mul_mv.p.val());
        self.pcg_q.d.next = unsigned_cast(self.mul_cg.p.val());
        self.ptd_q.d.next = unsigned_cast(self.mul_wd.p.val());
        self.g_ext.a.next = self.g0_q.q.val();
        self.corr1.next = self.rc0_q.q.val() & self.vm0_q.q.val() & self.gm0_q.q.val();
        if self.corr1.val() {
            self.gsh_q.d.next = self.corr_b_c.val();
        } else if self.ema.val() {
            self.gsh_q.d.next = self.zero32_c.val();
        } else {
            self.gsh_q.d.next = unsigned_cast(self.g_ext.y.val()) << self.mu_shift_c.val();
        }
        self.corr1_q.d.next = self.corr1.val();
        self.w1_q.d.next = self.w0_q.q.val();
        self.val1_q.d.next = self.val0_q.q.val();
        // ---- stage 2: μ·v + T_g + T_d as a carry-save pair (T_g = (1−μ)·g ^ gsh: one is 0 but for corr);
        // sign-extended to 33 bits, which hold the exact sum (|each| ≤ 2^30).
        self.a_ext.a.next = self.pmv_q.q.val();
        self.b_ext.a.next = self.pcg_q.q.val() ^ self.gsh_q.q.val();
        self.c_ext.a.next = self.ptd_q.q.val();
        self.a33.next = self.a_ext.y.val();
        self.b33.next = self.b_ext.y.val();
        self.c33.next = self.c_ext.y.val();
        self.x_q.d.next = self.a33.val() ^ self.b33.val() ^ self.c33.val();
        self.y_q.d.next = ((self.a33.val() & self.b33.val())
            | (self.a33.val() & self.c33.val())
            | (self.b33.val() & self.c33.val()))
            << 1;
        self.corr2_q.d.next = self.corr1_q.q.val();
        self.w2_q.d.next = self.w1_q.q.val();
        self.val2_q.d.next = self.val1_q.q.val();
        // ---- stage 3: the sum s (33 bits, exact)
        // (carry-select: the low 16 bits in one chain, the top 17 twice, for carry-in 0 and 1)
        self.slo.next =
            (self.x_q.q.val() & self.mlo_c.val()) + (self.y_q.q.val() & self.mlo_c.val());
        self.shi0.next =
            (self.x_q.q.val() >> self.slo_c.val()) + (self.y_q.q.val() >> self.slo_c.val());
        self.shi1.next = (self.x_q.q.val() >> self.slo_c.val())
            + (self.y_q.q.val() >> self.slo_c.val())
            + self.one33_c.val();
        if self.slo.val().get_bit(16) {
            self.s_q.d.next =
                (self.shi1.val() << self.slo_c.val()) | (self.slo.val() & self.mlo_c.val());
        } else {
            self.s_q.d.next =
                (self.shi0.val() << self.slo_c.val()) | (self.slo.val() & self.mlo_c.val());
        }
        self.corr3_q.d.next = self.corr2_q.q.val();
        self.w3_q.d.next = self.w2_q.q.val();
        self.val3_q.d.next = self.val2_q.q.val();
        // ---- stage 4: v′ = narrow(s, mu_frac) decided: q = s >> mu_frac (16 bits), up, saturate
        // (q's bits above 15 not all equal to the sign, or `q + up` carries into bit 15).
        self.hb.next = self.s_q.q.val() & self.hmask_c.val();
        self.up.next = self.nearest_c.val()
            & ((self.s_q.q.val() & self.half_c.val()) != self.zero33_c.val())
            & (((self.s_q.q.val() & self.below_c.val()) != self.zero33_c.val())
                | ((self.s_q.q.val() & self.q0_c.val()) != self.zero33_c.val()));
        self.c15.next = self.nearest_c.val()
            & ((self.s_q.q.val() & self.half_c.val()) != self.zero33_c.val())
            & ((self.s_q.q.val() & self.qlow15_c.val()) == self.qlow15_c.val());
        self.sat_hi.next = !self.s_q.q.val().get_bit(32)
            & ((self.hb.val() != self.zero33_c.val()) | self.c15.val());
        self.sat_lo.next = self.s_q.q.val().get_bit(32)
            & (self.hb.val() != self.hmask_c.val())
            & !((self.hb.val() == (self.hmask_c.val() ^ self.hlow_c.val())) & self.c15.val());
        self.qsh.next = self.s_q.q.val() >> self.mu33_c.val();
        // q + up: an incrementer straight from `s_q` (the chain does not wait for `up`), then a
        // 2:1 mux per bit by `up` (one LUT after the chain)
        self.inc.next = self.qsh.val().get_bits::<16>(0) + self.one16_c.val();
        if self.up.val() {
            self.q4_q.d.next = self.inc.val();
        } else {
            self.q4_q.d.next = self.qsh.val().get_bits::<16>(0);
        }
        self.sat4_q.d.next = self.sat_hi.val() | self.sat_lo.val();
        self.sgn4_q.d.next = self.s_q.q.val().get_bit(32);
        self.corr4_q.d.next = self.corr3_q.q.val();
        self.w4_q.d.next = self.w3_q.q.val();
        self.val4_q.d.next = self.val3_q.q.val();
        // ---- stage 5: v′ = sat ? bound : q + up (one LUT per bit: `v5_q` is the η multiplier's B
        // register, inside the SB_MAC16)
        if self.sat4_q.q.val() {
            if self.sgn4_q.q.val() {
                self.v5_q.d.next = self.min16_c.val();
            } else {
                self.v5_q.d.next = self.max16_c.val();
            }
        } else {
            self.v5_q.d.next = signed_cast(self.q4_q.q.val());
        }
        self.sv5_q.d.next = self.corr4_q.q.val() | self.sat4_q.q.val();
        self.w5_q.d.next = self.w4_q.q.val();
        self.val5_q.d.next = self.val4_q.q.val();
        // ---- stage 6: η·v′
        self.etaa_q.d.next = self.eta.val();
        self.mul_eta.a.next = self.etaa_q.q.val();
        self.mul_eta.b.next = self.v5_q.q.val();
        self.pe_q.d.next = unsigned_cast(self.mul_eta.p.val());
        self.v6_q.d.next = self.v5_q.q.val();
        self.sv6_q.d.next = self.sv5_q.q.val();
        self.w6_q.d.next = self.w5_q.q.val();
        self.val6_q.d.next = self.val5_q.q.val();
        // ---- stage 7: Δ = narrow(η·v′, η+mom−weight, update_rounding, LFSR word; LFSR advances)
        self.narrow_d.acc_in.next = signed_cast(self.pe_q.q.val());
        // The word comes complemented from a register (`nw_q`, see below): the narrowing's
        // compare chain `rem′ + ~word` then starts at flip-flops on both sides.
        self.narrow_d.rnd.next = !self.nw_q.q.val();
        self.lfsr.load.next = self.lfsr_load.val();
        self.lfsr.seed.next = self.lfsr_seed.val();
        self.lfsr.seed_zero.next = self.lfsr_seed_zero.val();
        self.lfsr.advance.next = self.val6_q.q.val() & self.stochastic_c.val();
        // `nw_q` = ~step(state) always: the LFSR's next state (as `LfsrBlock` computes it: load,
        // else advance, else hold) stepped and complemented, registered beside `state_q`.
        self.lzb.next = self.zero32_c.val();
        if self.lfsr_seed_zero.val() {
            self.lzb.next = self.one32_c.val();
        }
        if self.lfsr_load.val() {
            self.lns.next = self.lfsr_seed.val() | self.lzb.val();
        } else if self.val6_q.q.val() & self.stochastic_c.val() {
            self.lns.next = self.lfsr.word.val();
        } else {
            self.lns.next = self.lfsr.state.val();
        }
        if self.lns.val().get_bit(0) {
            self.nw_q.d.next = !((self.lns.val() >> 1) ^ self.taps_c.val());
        } else {
            self.nw_q.d.next = !(self.lns.val() >> 1);
        }
        self.v7_q.d.next = self.v6_q.q.val();
        self.sv7_q.d.next = self.sv6_q.q.val();
        self.w7_q.d.next = !unsigned_cast(self.w6_q.q.val());
        self.val7_q.d.next = self.val6_q.q.val();
        // ---- stage 8: w′ = sat16(w − Δ): 16-bit difference, out of range iff w and Δ differ in
        // sign and the difference's sign is not w's (then the bound has w's sign)
        // (`w7_q` holds ~w: w − Δ = ~(~w + Δ), and w's sign is `!w7_q[15]`)
        self.dw.next = !(self.w7_q.q.val() + unsigned_cast(self.narrow_d.value_out.val()));
        self.wovf.next = (!self.w7_q.q.val().get_bit(15)
            ^ self.narrow_d.value_out.val().get_bit(15))
            & (self.dw.val().get_bit(15) ^ !self.w7_q.q.val().get_bit(15));
        self.swo_q.d.next = self.narrow_d.sat.val() | self.wovf.val();
        if self.wovf.val() {
            if !self.w7_q.q.val().get_bit(15) {
                self.wo_q.d.next = self.min16_c.val();
            } else {
                self.wo_q.d.next = self.max16_c.val();
            }
        } else {
            self.wo_q.d.next = signed_cast(self.dw.val());
        }
        self.vo_q.d.next = self.v7_q.q.val();
        self.smo_q.d.next = self.sv7_q.q.val();
        self.valo_q.d.next = self.val7_q.q.val();
        self.out_valid.next = self.valo_q.q.val();
        self.w_out.next = self.wo_q.q.val();
        self.v_out.next = self.vo_q.q.val();
        self.sat_mom.next = self.smo_q.q.val();
        self.sat_weight.next = self.swo_q.q.val();
        self.lfsr_state.next = self.lfsr.state.val();
    }
}

/// The update unit as a harness unit.
pub struct UpdateUnitHw {
    /// Formats and rounding modes (the register values of the stimulus are drawn per step).
    pub regs: UpdateRegs,
    pub seed: u32,
}

impl UpdateUnitHw {
    pub fn new(cfg: &Config) -> UpdateUnitHw {
        UpdateUnitHw {
            regs: UpdateRegs::new(cfg, cfg.optimizer.lr),
            seed: cfg.fixed.lfsr_seed,
        }
    }
    fn build(&self) -> UpdateUnit {
        let mut b = UpdateUnit::new(&self.regs);
        b.connect_all();
        b
    }
}

fn ports() -> (Vec<Port>, Vec<Port>) {
    (
        vec![
            Port::new("valid", 1),
            Port::new("w", 16),
            Port::new("v", 16),
            Port::new("g", 16),
            Port::new("is_bias", 1),
            Port::new("eta", 16),
            Port::new("mu", 16),
            Port::new("one_minus_mu", 16),
            Port::new("wd", 16),
            Port::new("ema", 1),
            Port::new("lfsr_load", 1),
            Port::new("lfsr_seed", 32),
            Port::new("lfsr_seed_zero", 1),
        ],
        vec![
            Port::new("out_valid", 1),
            Port::new("w_out", 16),
            Port::new("v_out", 16),
            Port::new("sat_mom", 1),
            Port::new("sat_weight", 1),
            Port::new("lfsr_state", 32),
        ],
    )
}

impl HwUnit for UpdateUnitHw {
    fn name(&self) -> &'static str {
        "update_unit"
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
    }
    fn vectors(&self, seed: u64) -> Vectors {
        let base = self.regs;
        let mut r = harness::runner(seed);
        let (i, o) = ports();
        let mut v = Vectors::new(i, o);
        // Register sets: the config's own (SGD, heavy ball, EMA), random, and extremes.
        let reg_s = prop_oneof![
            2 => 0i32..=32767,
            1 => harness::operand(),
            1 => prop::sample::select(vec![0, 1, 32767, 16384, 3277, 29491]),
        ];
        let data_s = prop_oneof![
            3 => harness::operand(),
            2 => -2048i32..2048,
        ];
        let bubble_s = proptest::bool::weighted(0.1);
        let bias_s = proptest::bool::weighted(0.15);
        let seed_s = prop_oneof![3 => any::<u32>(), 1 => Just(self.seed), 1 => Just(0u32)];
        let mut lfsr = Lfsr { state: 0 }; // the register's reset value
                                          // One row per cycle: inputs, and the golden result it will produce LATENCY cycles later.
        type Row = (Vec<u64>, Option<(i32, i32, bool, bool)>);
        let mut rows: Vec<Row> = Vec::new();
        let idle = |regs: &UpdateRegs, ema: bool, load: bool, s: u32| -> Vec<u64> {
            vec![
                0,
                0,
                0,
                0,
                0,
                regs.eta as u64,
                regs.mu as u64,
                regs.g_coef.unwrap_or(0) as u64,
                regs.wd as u64,
                ema as u64,
                load as u64,
                s as u64,
                (s == 0) as u64,
            ]
        };
        let mut step = 0;
        while rows.len() < 6000 {
            let mut regs = base;
            let form = step % 4;
            let (eta, mu, c, wd) = (
                harness::draw(&mut r, &reg_s),
                harness::draw(&mut r, &reg_s),
                harness::draw(&mut r, &reg_s),
                harness::draw(&mut r, &reg_s),
            );
            match form {
                0 => {} // the config's own registers
                1 => {
                    // SGD: heavy ball with μ = 0
                    regs.eta = eta;
                    regs.mu = 0;
                    regs.g_coef = None;
                    regs.wd = wd;
                }
                2 => {
                    regs.eta = eta;
                    regs.mu = mu;
                    regs.g_coef = None;
                    regs.wd = wd;
                }
                _ => {
                    regs.eta = eta;
                    regs.mu = mu;
                    regs.g_coef = Some(c);
                    regs.wd = wd;
                }
            }
            // Every eighth step: the one case in which the first velocity sum saturates
            // (EMA, μ = 1−μ = −32768 and some weights with v = g = −32768: μv + (1−μ)g = 2^31).
            let corner = step % 8 == 3;
            if corner {
                regs.mu = -32768;
                regs.g_coef = Some(-32768);
            }
            let ema = regs.g_coef.is_some();
            // Two idle cycles with the new registers; sometimes reload the LFSR.
            let load = step == 0 || harness::draw(&mut r, &proptest::bool::weighted(0.2));
            let s = harness::draw(&mut r, &seed_s);
            for k in 0..2 {
                let l = load && k == 1;
                rows.push((idle(&regs, ema, l, s), None));
                if l {
                    lfsr = Lfsr::new(s);
                }
            }
            let burst = 40 + (step * 37) % 260;
            for k in 0..burst {
                while harness::draw(&mut r, &bubble_s) {
                    rows.push((idle(&regs, ema, false, 0), None));
                }
                let (w, mut vv, mut g) = (
                    harness::draw(&mut r, &data_s),
                    harness::draw(&mut r, &data_s),
                    harness::draw(&mut r, &data_s),
                );
                if corner && k % 3 == 0 {
                    (vv, g) = (-32768, -32768);
                }
                let b = harness::draw(&mut r, &bias_s);
                let (w2, v2, sat) = update_weight(w, vv, g, &regs, b, &mut lfsr);
                let mut x = idle(&regs, ema, false, 0);
                x[0] = 1;
                x[1] = w as u64;
                x[2] = vv as u64;
                x[3] = g as u64;
                x[4] = b as u64;
                rows.push((x, Some((w2, v2, sat.mom, sat.weight))));
            }
            // Drain the pipeline before the registers change.
            for _ in 0..LATENCY {
                rows.push((idle(&regs, ema, false, 0), None));
            }
            step += 1;
        }
        // The LFSR state register as the hardware holds it: loaded at the edge of a load cycle,
        // advanced at the edge of stage 7 of a weight (seven cycles after it was presented) when the
        // update rounds stochastically.
        let stochastic = self.regs.update_rounding == Rounding::Stochastic;
        let mut st = Lfsr { state: 0 };
        for n in 0..rows.len() {
            let src = n.checked_sub(LATENCY).map(|m| (m, rows[m].1));
            let (mut e, mut check, note) = match src {
                Some((m, Some((w2, v2, sm, sw)))) => (
                    vec![1, w2 as u64, v2 as u64, sm as u64, sw as u64],
                    vec![true; 5],
                    format!("cycle {n}: weight presented in cycle {m}"),
                ),
                _ => (
                    vec![0; 5],
                    vec![true, false, false, false, false],
                    format!("cycle {n}: no weight"),
                ),
            };
            e.push(st.state as u64);
            check.push(true);
            v.push(rows[n].0.clone(), e, check, note);
            if rows[n].0[10] != 0 {
                st = Lfsr::new(rows[n].0[11] as u32);
            } else if stochastic && n >= 7 && rows[n - 7].0[0] != 0 {
                st.next_word();
            }
        }
        v
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let mut b = self.build();
        fn clk(b: &mut UpdateUnit) -> &mut Signal<In, Clock> {
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
                        b.valid.next = x[0] != 0;
                        b.w.next = to_signed(x[1] as i64);
                        b.v.next = to_signed(x[2] as i64);
                        b.g.next = to_signed(x[3] as i64);
                        b.is_bias.next = x[4] != 0;
                        b.eta.next = to_signed(x[5] as i64);
                        b.mu.next = to_signed(x[6] as i64);
                        b.one_minus_mu.next = to_signed(x[7] as i64);
                        b.wd.next = to_signed(x[8] as i64);
                        b.ema.next = x[9] != 0;
                        b.lfsr_load.next = x[10] != 0;
                        b.lfsr_seed.next = to_bits(x[11]);
                        b.lfsr_seed_zero.next = x[12] != 0;
                    },
                    |b| {
                        vec![
                            b.out_valid.val() as u64,
                            from_signed(b.w_out.val()) as u64,
                            from_signed(b.v_out.val()) as u64,
                            b.sat_mom.val() as u64,
                            b.sat_weight.val() as u64,
                            b.lfsr_state.val().to_u64(),
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
    use crate::config::OptimizerKind;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        /// rust-hdl vs golden across formats and rounding modes.
        #[test]
        fn rusthdl_equals_golden(
            seed in any::<u64>(),
            mom_frac in 11u32..=15,
            weight_frac in 8u32..=13,
            update_rounding in prop::sample::select(
                vec![Rounding::Stochastic, Rounding::Nearest, Rounding::Truncate]),
            nearest in any::<bool>(),
            kind in prop::sample::select(
                vec![OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::MomentumEma]),
        ) {
            let mut cfg = Config::default();
            cfg.fixed.mom_frac = mom_frac;
            cfg.fixed.weight_frac = weight_frac;
            cfg.fixed.update_rounding = update_rounding;
            cfg.fixed.rounding = if nearest { Rounding::Nearest } else { Rounding::Truncate };
            cfg.optimizer.kind = kind;
            let u = UpdateUnitHw::new(&cfg);
            let mut v = u.vectors(seed);
            v.vectors.truncate(700);
            let r = harness::check_rusthdl(&u, &v);
            prop_assert_eq!(r.mismatches, 0, "{:?}\n{}", cfg.fixed, r.report.join("\n"));
        }
    }

    /// All three simulators, lint, latch check, corrupted-vector self-test (default config).
    #[test]
    fn update_unit_three_simulators() {
        let n = harness::prove_unit(&UpdateUnitHw::new(&Config::default()));
        assert!(n >= 1000);
    }
}
