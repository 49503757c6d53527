//! The narrowing unit: accumulator (`acc_bits` ≤ 32, sign-extended to 32) → 16-bit operand.
//!
//! # Math (equal to `fixed::narrow(x, shift, mode, rnd)`, bit for bit)
//! `q = x >> shift` (arithmetic), `rem = x & (2^shift − 1)`, then `q + up` with
//! - `Truncate`: `up = 0` (floor);
//! - `Nearest`: `up = rem > half || (rem == half && q odd)` (ties to even), `half = 2^(shift−1)`;
//! - `Stochastic`: `up = rem' > (rnd & (2^min(shift,16) − 1))`, `rem' = rem >> max(shift − 16, 0)`,
//!   `rnd` one LFSR word ([`crate::hw::lfsr::LfsrBlock::word`]; the consumer advances the LFSR in the
//!   cycle it presents a value);
//!
//! then saturation to [−32768, 32767] with the flag `sat` (for the saturation counters).
//! Q formats: a value with `f_in` fraction bits leaves with `f_in − shift` (e.g. forward: acc Q.20
//! = act Q.8 × weight Q.12, `shift = weight_frac = 12` gives act Q.8). `shift` ∈ 0..=31 and the mode
//! are parameters (constants in the emitted Verilog). `q + up` never overflows 32 bits for `shift ≥ 1`.
//!
//! # Latency: 1 (the result and flag are registered)
//! ```text
//!  acc_in[32] ─►┬─ >>shift (sign fill) ─ q ─┐
//!               └─ & (2^shift−1) ── rem ─┐  ├─► q + up ─► sat16 ─►[value_q]─► value_out[16]
//!  rnd[32] ────────────────────────► up? ┘──┘                   └─►[sat_q]──► sat
//! ```
//! Timing (iCE40): `q + 1` is an incrementer beside the mux (the chain does not wait for `up`);
//! saturation comes from equalities on q's top bits, never a magnitude compare, and the bound is
//! selected by the sign (a mux with a non-constant input: no flip-flop set/reset, which nextpnr
//! would route through a global buffer). Nearest: `up & q's low 15 bits all ones` is the half bit
//! and those bits (q odd), so saturation does not wait for `up`. Stochastic: `rem′ > thr` is the
//! carry of `rem′ + (~rnd & mask)` (the complement on the LFSR side: the chain starts at `acc_in`),
//! and both outcomes (`q` / `q + 1`, each already saturated) are ready before `up` selects.

use super::harness::{self, HwUnit, Port, Vectors};
use super::{from_signed, to_bits, to_signed};
use crate::config::{Config, Rounding};
use crate::fixed;
use proptest::prelude::*;
use rust_hdl::prelude::*;

#[derive(LogicBlock)]
pub struct Narrow {
    pub clock: Signal<In, Clock>,
    /// Accumulator value (sign-extended to 32 bits).
    pub acc_in: Signal<In, Signed<32>>,
    /// One LFSR word (stochastic mode only; ignored otherwise).
    pub rnd: Signal<In, Bits<32>>,
    /// `sat16(round_shift(acc_in, shift))`, one cycle later.
    pub value_out: Signal<Out, Signed<16>>,
    /// The value saturated, one cycle later.
    pub sat: Signal<Out, Bit>,
    value_q: DFF<Signed<16>>,
    sat_q: DFF<Bit>,
    x_bits: Signal<Local, Bits<32>>,
    /// Arithmetic `x >> shift` (32 bits).
    q: Signal<Local, Bits<32>>,
    /// Stochastic: discarded bits aligned to 16 (`rem >> max(shift−16,0)`) and the random threshold.
    rem_top: Signal<Local, Bits<32>>,
    rthr: Signal<Local, Bits<32>>,
    rsum: Signal<Local, Bits<32>>,
    up: Signal<Local, Bit>,
    /// `q + 1` (low 16 bits), q's low 15 bits all ones, and saturation without / with `up`.
    inc: Signal<Local, Bits<16>>,
    low15: Signal<Local, Bit>,
    sat_n: Signal<Local, Bit>,
    sat_u: Signal<Local, Bit>,
    /// The result without / with `up`.
    res_n: Signal<Local, Bits<16>>,
    res_u: Signal<Local, Bits<16>>,
    /// Nearest / Truncate: saturation (with `up` = the half bit where it matters).
    sat_nr: Signal<Local, Bit>,
    /// The saturation value for the sign of `x` (32767 or −32768).
    fill: Signal<Local, Bits<16>>,
    /// The saturated 16-bit result.
    res: Signal<Local, Bits<16>>,
    shift_c: Constant<Bits<32>>,
    /// `!(0xFFFF_FFFF >> shift)`: sign fill of the arithmetic shift.
    fill_c: Constant<Bits<32>>,
    rem_mask_c: Constant<Bits<32>>,
    /// Nearest: `2^(shift−1)` (the half bit of the discarded bits) and `2^(shift−1) − 1` (below it).
    half_c: Constant<Bits<32>>,
    below_half_c: Constant<Bits<32>>,
    rshift_c: Constant<Bits<32>>,
    rmask_c: Constant<Bits<32>>,
    /// `2^rbits` (the carry of the stochastic compare).
    rbit_c: Constant<Bits<32>>,
    zero_c: Constant<Bits<32>>,
    one16_c: Constant<Bits<16>>,
    /// `q >> 15` (logical) when `q` is 0..=32767 (0), −32768..=−1 (`0x1FFFF`), or
    /// −65536..=−32769 (`0x1FFFE`), and the low 15 bits of `q` all ones (`+ up` carries into bit 15).
    h_ones_c: Constant<Bits<32>>,
    h_m2_c: Constant<Bits<32>>,
    low15_c: Constant<Bits<32>>,
    max16_c: Constant<Bits<16>>,
    min16_c: Constant<Bits<16>>,
    /// shift > 0 and mode Nearest / Stochastic.
    nearest_c: Constant<Bit>,
    stochastic_c: Constant<Bit>,
}

impl Narrow {
    /// A narrowing unit for a right shift by `shift` (0..=31) with rounding `mode`.
    pub fn new(shift: u32, mode: Rounding) -> Narrow {
        assert!(shift <= 31, "shift {shift} > 31");
        let rbits = shift.min(16);
        let half = if shift > 0 { 1u64 << (shift - 1) } else { 0 };
        Narrow {
            clock: Default::default(),
            acc_in: Default::default(),
            rnd: Default::default(),
            value_out: Default::default(),
            sat: Default::default(),
            value_q: Default::default(),
            sat_q: Default::default(),
            x_bits: Default::default(),
            q: Default::default(),
            rem_top: Default::default(),
            rthr: Default::default(),
            rsum: Default::default(),
            up: Default::default(),
            inc: Default::default(),
            low15: Default::default(),
            sat_n: Default::default(),
            sat_u: Default::default(),
            res_n: Default::default(),
            res_u: Default::default(),
            sat_nr: Default::default(),
            fill: Default::default(),
            res: Default::default(),
            shift_c: Constant::new(to_bits(shift as u64)),
            fill_c: Constant::new(to_bits(!(0xFFFF_FFFFu64 >> shift))),
            rem_mask_c: Constant::new(to_bits(super::mask(shift))),
            half_c: Constant::new(to_bits(half)),
            below_half_c: Constant::new(to_bits(half.saturating_sub(1))),
            rshift_c: Constant::new(to_bits(shift.saturating_sub(16) as u64)),
            rmask_c: Constant::new(to_bits(super::mask(rbits))),
            rbit_c: Constant::new(to_bits(1u64 << rbits)),
            zero_c: Constant::new(to_bits(0)),
            one16_c: Constant::new(to_bits(1)),
            h_ones_c: Constant::new(to_bits(0x1FFFF)),
            h_m2_c: Constant::new(to_bits(0x1FFFE)),
            low15_c: Constant::new(to_bits(0x7FFF)),
            max16_c: Constant::new(to_bits(32767)),
            min16_c: Constant::new(to_bits(0x8000)),
            nearest_c: Constant::new(shift > 0 && mode == Rounding::Nearest),
            stochastic_c: Constant::new(shift > 0 && mode == Rounding::Stochastic),
        }
    }
}

impl Logic for Narrow {
    // Timing (iCE40): no magnitude compare but the stochastic threshold's. `rem > half` and
    // `rem == half` are the half bit and an OR of the bits below it; saturation is decided from
    // equalities on `q`'s top bits (`q + up` overflows 16 bits only through `q`'s top 17 bits or
    // a carry out of its low 15), in parallel with the 16-bit incrementer.
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, value_q, sat_q);
        self.x_bits.next = unsigned_cast(self.acc_in.val());
        if self.x_bits.val().get_bit(31) {
            self.q.next = (self.x_bits.val() >> self.shift_c.val()) | self.fill_c.val();
        } else {
            self.q.next = self.x_bits.val() >> self.shift_c.val();
        }
        self.rem_top.next = (self.x_bits.val() & self.rem_mask_c.val()) >> self.rshift_c.val();
        // rem′ > thr ⟺ rem′ + (2^rbits − 1 − thr) carries into bit rbits: the complement is on the
        // LFSR side, so the carry chain starts right at `acc_in` (no inverting LUT before it).
        self.rthr.next = !self.rnd.val() & self.rmask_c.val();
        self.rsum.next = self.rem_top.val() + self.rthr.val();
        if self.nearest_c.val() {
            // rem > half, or rem == half and q odd
            self.up.next = ((self.x_bits.val() & self.half_c.val()) != self.zero_c.val())
                & (((self.x_bits.val() & self.below_half_c.val()) != self.zero_c.val())
                    | self.q.val().get_bit(0));
        } else if self.stochastic_c.val() {
            self.up.next = (self.rsum.val() & self.rbit_c.val()) != self.zero_c.val();
        } else {
            self.up.next = false;
        }
        // Both outcomes of `up` are prepared without it — the incremented and the plain q, each
        // already replaced by the bound when it saturates (`sat_u`, `sat_n`) — and `up` selects
        // last: the rounding decision (the stochastic compare chain) is one LUT from the register.
        // q ≥ 0: above the range unless q's bits 31..15 are 0 and `+ up` does not carry into
        // bit 15. q < 0: below unless bits 31..15 are all ones, or they read −2 and `+ up` carries.
        self.inc.next = self.q.val().get_bits::<16>(0) + self.one16_c.val();
        self.low15.next = (self.q.val() & self.low15_c.val()) == self.low15_c.val();
        self.sat_n.next = (!self.x_bits.val().get_bit(31)
            & ((self.q.val() >> 15) != self.zero_c.val()))
            | (self.x_bits.val().get_bit(31) & ((self.q.val() >> 15) != self.h_ones_c.val()));
        self.sat_u.next = (!self.x_bits.val().get_bit(31)
            & (((self.q.val() >> 15) != self.zero_c.val()) | self.low15.val()))
            | (self.x_bits.val().get_bit(31)
                & ((self.q.val() >> 15) != self.h_ones_c.val())
                & !(((self.q.val() >> 15) == self.h_m2_c.val()) & self.low15.val()));
        // The bound by the sign (a mux with a non-constant input, so synthesis does not turn the
        // saturation into a flip-flop set/reset, which nextpnr routes through a global buffer).
        if self.x_bits.val().get_bit(31) {
            self.fill.next = self.min16_c.val();
        } else {
            self.fill.next = self.max16_c.val();
        }
        if self.sat_u.val() {
            self.res_u.next = self.fill.val();
        } else {
            self.res_u.next = self.inc.val();
        }
        if self.sat_n.val() {
            self.res_n.next = self.fill.val();
        } else {
            self.res_n.next = self.q.val().get_bits::<16>(0);
        }
        if self.stochastic_c.val() {
            if self.up.val() {
                self.res.next = self.res_u.val();
                self.sat_q.d.next = self.sat_u.val();
            } else {
                self.res.next = self.res_n.val();
                self.sat_q.d.next = self.sat_n.val();
            }
        } else {
            // Nearest / Truncate: `up` is two LUT levels deep, and `up & low15 all ones` is the
            // half bit and the low 15 bits all ones (q odd, so `up` = the half bit): saturation
            // does not wait for `up`, and one mux after the incrementer is cheaper.
            self.sat_nr.next = (self.nearest_c.val()
                & ((self.x_bits.val() & self.half_c.val()) != self.zero_c.val()))
                & self.sat_u.val()
                | !(self.nearest_c.val()
                    & ((self.x_bits.val() & self.half_c.val()) != self.zero_c.val()))
                    & self.sat_n.val();
            self.sat_q.d.next = self.sat_nr.val();
            if self.sat_nr.val() {
                self.res.next = self.fill.val();
            } else if self.up.val() {
                self.res.next = self.inc.val();
            } else {
                self.res.next = self.q.val().get_bits::<16>(0);
            }
        }
        self.value_q.d.next = signed_cast(self.res.val());
        self.value_out.next = self.value_q.q.val();
        self.sat.next = self.sat_q.q.val();
    }
}

/// [`Narrow`] (Nearest / Truncate only) with a bypass: `use_alt` high gives `alt` and `sat` low
/// one cycle later, else `sat16(round_shift(acc_in, shift))` and its flag as [`Narrow`]. The
/// activation unit's δ narrowing: δ = `narrow(dA·f′, 14)` for sigmoid/tanh, `pass` (dA′, exact)
/// for the other kinds, so that the multiplier serves sigmoid/tanh alone. In an engine whose
/// layers use no sigmoid/tanh, `use_alt` is a constant 1 and synthesis removes the multiplier
/// and the narrowing (the engine's δ is `pass`, one LUT level); where they are used, the bypass
/// costs no LUT level (the bound mux takes `alt`: `sel = use_alt | sat`, `fillx = use_alt ? alt :
/// bound`, `res = sel ? fillx : (up ? q + 1 : q)`, the same depth as [`Narrow`]'s select).
#[derive(LogicBlock)]
pub struct NarrowBypass {
    pub clock: Signal<In, Clock>,
    pub acc_in: Signal<In, Signed<32>>,
    /// The value to pass instead (with `use_alt`).
    pub alt: Signal<In, Signed<16>>,
    pub use_alt: Signal<In, Bit>,
    /// `use_alt ? alt : sat16(round_shift(acc_in, shift))`, one cycle later.
    pub value_out: Signal<Out, Signed<16>>,
    /// `!use_alt` and the value saturated, one cycle later.
    pub sat: Signal<Out, Bit>,
    value_q: DFF<Signed<16>>,
    sat_q: DFF<Bit>,
    x_bits: Signal<Local, Bits<32>>,
    q: Signal<Local, Bits<32>>,
    up: Signal<Local, Bit>,
    inc: Signal<Local, Bits<16>>,
    low15: Signal<Local, Bit>,
    sat_n: Signal<Local, Bit>,
    sat_u: Signal<Local, Bit>,
    sat_nr: Signal<Local, Bit>,
    sel: Signal<Local, Bit>,
    fill: Signal<Local, Bits<16>>,
    res: Signal<Local, Bits<16>>,
    shift_c: Constant<Bits<32>>,
    fill_c: Constant<Bits<32>>,
    half_c: Constant<Bits<32>>,
    below_half_c: Constant<Bits<32>>,
    zero_c: Constant<Bits<32>>,
    one16_c: Constant<Bits<16>>,
    h_ones_c: Constant<Bits<32>>,
    h_m2_c: Constant<Bits<32>>,
    low15_c: Constant<Bits<32>>,
    max16_c: Constant<Bits<16>>,
    min16_c: Constant<Bits<16>>,
    nearest_c: Constant<Bit>,
}

impl NarrowBypass {
    /// A bypassable narrowing for a right shift by `shift` (0..=31), rounding Nearest or Truncate.
    pub fn new(shift: u32, mode: Rounding) -> NarrowBypass {
        assert!(shift <= 31, "shift {shift} > 31");
        assert!(
            mode != Rounding::Stochastic,
            "NarrowBypass: stochastic rounding"
        );
        let half = if shift > 0 { 1u64 << (shift - 1) } else { 0 };
        NarrowBypass {
            clock: Default::default(),
            acc_in: Default::default(),
            alt: Default::default(),
            use_alt: Default::default(),
            value_out: Default::default(),
            sat: Default::default(),
            value_q: Default::default(),
            sat_q: Default::default(),
            x_bits: Default::default(),
            q: Default::default(),
            up: Default::default(),
            inc: Default::default(),
            low15: Default::default(),
            sat_n: Default::default(),
            sat_u: Default::default(),
            sat_nr: Default::default(),
            sel: Default::default(),
            fill: Default::default(),
            res: Default::default(),
            shift_c: Constant::new(to_bits(shift as u64)),
            fill_c: Constant::new(to_bits(!(0xFFFF_FFFFu64 >> shift))),
            half_c: Constant::new(to_bits(half)),
            below_half_c: Constant::new(to_bits(half.saturating_sub(1))),
            zero_c: Constant::new(to_bits(0)),
            one16_c: Constant::new(to_bits(1)),
            h_ones_c: Constant::new(to_bits(0x1FFFF)),
            h_m2_c: Constant::new(to_bits(0x1FFFE)),
            low15_c: Constant::new(to_bits(0x7FFF)),
            max16_c: Constant::new(to_bits(32767)),
            min16_c: Constant::new(to_bits(0x8000)),
            nearest_c: Constant::new(shift > 0 && mode == Rounding::Nearest),
        }
    }
}

impl Logic for NarrowBypass {
    // [`Narrow`]'s Nearest / Truncate datapath; the bypass rides on the bound mux.
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, value_q, sat_q);
        self.x_bits.next = unsigned_cast(self.acc_in.val());
        if self.x_bits.val().get_bit(31) {
            self.q.next = (self.x_bits.val() >> self.shift_c.val()) | self.fill_c.val();
        } else {
            self.q.next = self.x_bits.val() >> self.shift_c.val();
        }
        if self.nearest_c.val() {
            self.up.next = ((self.x_bits.val() & self.half_c.val()) != self.zero_c.val())
                & (((self.x_bits.val() & self.below_half_c.val()) != self.zero_c.val())
                    | self.q.val().get_bit(0));
        } else {
            self.up.next = false;
        }
        self.inc.next = self.q.val().get_bits::<16>(0) + self.one16_c.val();
        self.low15.next = (self.q.val() & self.low15_c.val()) == self.low15_c.val();
        self.sat_n.next = (!self.x_bits.val().get_bit(31)
            & ((self.q.val() >> 15) != self.zero_c.val()))
            | (self.x_bits.val().get_bit(31) & ((self.q.val() >> 15) != self.h_ones_c.val()));
        self.sat_u.next = (!self.x_bits.val().get_bit(31)
            & (((self.q.val() >> 15) != self.zero_c.val()) | self.low15.val()))
            | (self.x_bits.val().get_bit(31)
                & ((self.q.val() >> 15) != self.h_ones_c.val())
                & !(((self.q.val() >> 15) == self.h_m2_c.val()) & self.low15.val()));
        // as `Narrow`: `up & low15 all ones` is the half bit and q odd, so saturation does not
        // wait for `up`
        self.sat_nr.next = (self.nearest_c.val()
            & ((self.x_bits.val() & self.half_c.val()) != self.zero_c.val()))
            & self.sat_u.val()
            | !(self.nearest_c.val()
                & ((self.x_bits.val() & self.half_c.val()) != self.zero_c.val()))
                & self.sat_n.val();
        self.sel.next = self.use_alt.val() | self.sat_nr.val();
        if self.use_alt.val() {
            self.fill.next = unsigned_cast(self.alt.val());
        } else if self.x_bits.val().get_bit(31) {
            self.fill.next = self.min16_c.val();
        } else {
            self.fill.next = self.max16_c.val();
        }
        if self.sel.val() {
            self.res.next = self.fill.val();
        } else if self.up.val() {
            self.res.next = self.inc.val();
        } else {
            self.res.next = self.q.val().get_bits::<16>(0);
        }
        self.sat_q.d.next = !self.use_alt.val() & self.sat_nr.val();
        self.value_q.d.next = signed_cast(self.res.val());
        self.value_out.next = self.value_q.q.val();
        self.sat.next = self.sat_q.q.val();
    }
}

/// The engine's output narrowing (`narrow_w`, `narrow_g`): [`Narrow`]'s math in two stages,
/// latency 2. Stage 1 (from `acc_in`, which in the engine comes from the array's output mux) keeps
/// q's low 16 bits, the sign, the rounding decision `up` and the flags saturation is decided from
/// (q's top 17 bits not all zeros / all ones / −2 as `q >> 15`, q's low 15 bits all ones; all
/// registers start at 0, the state of an input of 0); stage 2
/// (from those registers) selects `q`, `q + 1` or the bound:
/// ```text
///  acc_in[32] ─► q, up, top-bit flags ─►[q16 sign up nz ho hm2 low15]─► sat / q+up / bound
///                                                                    ─►[value_q]─► value_out[16]
///                                                                    ─►[sat_q]──► sat
/// ```
/// Timing (iCE40): stage 1 is the narrowing's deep part (the `up` decision: an OR tree of the
/// discarded bits or the stochastic compare chain; the flags: AND/OR trees), one LUT level less
/// than [`Narrow`] after its input mux; stage 2 is `q16 + up` (the registered `up` as the low
/// addend, so the carry chain computes the rounded value and no `up ? q + 1 : q` mux follows it)
/// and one select LUT (the bound or the sum): two LUT levels and the chain (the engine's
/// `value_q` was 3 levels and 13 carries, 18.5 ns estimated; now 2 and 14, 15.2 ns).
/// Saturation is `up ? sat_u : sat_n` (the saturation of `q + up`, `up` being a register).
/// Cost: 22 flip-flops more than [`Narrow`] (most packed with the LUT before them).
/// [`NarrowPiped`]'s latency.
pub const PIPED_LATENCY: usize = 2;

#[derive(LogicBlock)]
pub struct NarrowPiped {
    pub clock: Signal<In, Clock>,
    /// Accumulator value (sign-extended to 32 bits).
    pub acc_in: Signal<In, Signed<32>>,
    /// One LFSR word (stochastic mode only; ignored otherwise).
    pub rnd: Signal<In, Bits<32>>,
    /// `sat16(round_shift(acc_in, shift))`, two cycles later.
    pub value_out: Signal<Out, Signed<16>>,
    /// The value saturated, two cycles later.
    pub sat: Signal<Out, Bit>,
    // stage 1
    q16_q: DFF<Bits<16>>,
    sign_q: DFF<Bit>,
    up_q: DFF<Bit>,
    nz_q: DFF<Bit>,
    ho_q: DFF<Bit>,
    hm2_q: DFF<Bit>,
    low15_q: DFF<Bit>,
    // stage 2
    value_q: DFF<Signed<16>>,
    sat_q: DFF<Bit>,
    x_bits: Signal<Local, Bits<32>>,
    q: Signal<Local, Bits<32>>,
    rem_top: Signal<Local, Bits<32>>,
    rthr: Signal<Local, Bits<32>>,
    rsum: Signal<Local, Bits<32>>,
    /// `up` as a 16-bit addend; `q16 + up16`.
    up16: Signal<Local, Bits<16>>,
    inc: Signal<Local, Bits<16>>,
    sat_n: Signal<Local, Bit>,
    sat_u: Signal<Local, Bit>,
    sat_s: Signal<Local, Bit>,
    fill: Signal<Local, Bits<16>>,
    res: Signal<Local, Bits<16>>,
    shift_c: Constant<Bits<32>>,
    fill_c: Constant<Bits<32>>,
    rem_mask_c: Constant<Bits<32>>,
    half_c: Constant<Bits<32>>,
    below_half_c: Constant<Bits<32>>,
    rshift_c: Constant<Bits<32>>,
    rmask_c: Constant<Bits<32>>,
    rbit_c: Constant<Bits<32>>,
    zero_c: Constant<Bits<32>>,
    zero16_c: Constant<Bits<16>>,
    one16_c: Constant<Bits<16>>,
    h_ones_c: Constant<Bits<32>>,
    h_m2_c: Constant<Bits<32>>,
    low15_c: Constant<Bits<32>>,
    max16_c: Constant<Bits<16>>,
    min16_c: Constant<Bits<16>>,
    nearest_c: Constant<Bit>,
    stochastic_c: Constant<Bit>,
}

impl NarrowPiped {
    /// A two-stage narrowing unit for a right shift by `shift` (0..=31) with rounding `mode`.
    pub fn new(shift: u32, mode: Rounding) -> NarrowPiped {
        assert!(shift <= 31, "shift {shift} > 31");
        let rbits = shift.min(16);
        let half = if shift > 0 { 1u64 << (shift - 1) } else { 0 };
        NarrowPiped {
            clock: Default::default(),
            acc_in: Default::default(),
            rnd: Default::default(),
            value_out: Default::default(),
            sat: Default::default(),
            q16_q: Default::default(),
            sign_q: Default::default(),
            up_q: Default::default(),
            nz_q: Default::default(),
            ho_q: Default::default(),
            hm2_q: Default::default(),
            low15_q: Default::default(),
            value_q: Default::default(),
            sat_q: Default::default(),
            x_bits: Default::default(),
            q: Default::default(),
            rem_top: Default::default(),
            rthr: Default::default(),
            rsum: Default::default(),
            up16: Default::default(),
            inc: Default::default(),
            sat_n: Default::default(),
            sat_u: Default::default(),
            sat_s: Default::default(),
            fill: Default::default(),
            res: Default::default(),
            shift_c: Constant::new(to_bits(shift as u64)),
            fill_c: Constant::new(to_bits(!(0xFFFF_FFFFu64 >> shift))),
            rem_mask_c: Constant::new(to_bits(super::mask(shift))),
            half_c: Constant::new(to_bits(half)),
            below_half_c: Constant::new(to_bits(half.saturating_sub(1))),
            rshift_c: Constant::new(to_bits(shift.saturating_sub(16) as u64)),
            rmask_c: Constant::new(to_bits(super::mask(rbits))),
            rbit_c: Constant::new(to_bits(1u64 << rbits)),
            zero_c: Constant::new(to_bits(0)),
            zero16_c: Constant::new(to_bits(0)),
            one16_c: Constant::new(to_bits(1)),
            h_ones_c: Constant::new(to_bits(0x1FFFF)),
            h_m2_c: Constant::new(to_bits(0x1FFFE)),
            low15_c: Constant::new(to_bits(0x7FFF)),
            max16_c: Constant::new(to_bits(32767)),
            min16_c: Constant::new(to_bits(0x8000)),
            nearest_c: Constant::new(shift > 0 && mode == Rounding::Nearest),
            stochastic_c: Constant::new(shift > 0 && mode == Rounding::Stochastic),
        }
    }
}

impl Logic for NarrowPiped {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, q16_q, sign_q, up_q, nz_q, ho_q, hm2_q, low15_q, value_q, sat_q);
        // ---- stage 1: from acc_in
        self.x_bits.next = unsigned_cast(self.acc_in.val());
        if self.x_bits.val().get_bit(31) {
            self.q.next = (self.x_bits.val() >> self.shift_c.val()) | self.fill_c.val();
        } else {
            self.q.next = self.x_bits.val() >> self.shift_c.val();
        }
        self.rem_top.next = (self.x_bits.val() & self.rem_mask_c.val()) >> self.rshift_c.val();
        self.rthr.next = !self.rnd.val() & self.rmask_c.val();
        self.rsum.next = self.rem_top.val() + self.rthr.val();
        if self.nearest_c.val() {
            self.up_q.d.next = ((self.x_bits.val() & self.half_c.val()) != self.zero_c.val())
                & (((self.x_bits.val() & self.below_half_c.val()) != self.zero_c.val())
                    | self.q.val().get_bit(0));
        } else if self.stochastic_c.val() {
            self.up_q.d.next = (self.rsum.val() & self.rbit_c.val()) != self.zero_c.val();
        } else {
            self.up_q.d.next = false;
        }
        self.q16_q.d.next = self.q.val().get_bits::<16>(0);
        self.sign_q.d.next = self.x_bits.val().get_bit(31);
        // (q >> 15) != 0, not == 0: the registers start at 0, as for an input of 0
        self.nz_q.d.next = (self.q.val() >> 15) != self.zero_c.val();
        self.ho_q.d.next = (self.q.val() >> 15) == self.h_ones_c.val();
        self.hm2_q.d.next = (self.q.val() >> 15) == self.h_m2_c.val();
        self.low15_q.d.next = (self.q.val() & self.low15_c.val()) == self.low15_c.val();
        // ---- stage 2: q + up saturated (as `Narrow`: sat_n without, sat_u with the +1). `up` is
        // the sum's low addend (a register), so the chain's sum LUT is the last LUT before the
        // saturation mux (no `up ? q + 1 : q` mux after the chain).
        if self.up_q.q.val() {
            self.up16.next = self.one16_c.val();
        } else {
            self.up16.next = self.zero16_c.val();
        }
        self.inc.next = self.q16_q.q.val() + self.up16.val();
        self.sat_n.next =
            (!self.sign_q.q.val() & self.nz_q.q.val()) | (self.sign_q.q.val() & !self.ho_q.q.val());
        self.sat_u.next = (!self.sign_q.q.val() & (self.nz_q.q.val() | self.low15_q.q.val()))
            | (self.sign_q.q.val()
                & !self.ho_q.q.val()
                & !(self.hm2_q.q.val() & self.low15_q.q.val()));
        if self.up_q.q.val() {
            self.sat_s.next = self.sat_u.val();
        } else {
            self.sat_s.next = self.sat_n.val();
        }
        if self.sign_q.q.val() {
            self.fill.next = self.min16_c.val();
        } else {
            self.fill.next = self.max16_c.val();
        }
        if self.sat_s.val() {
            self.res.next = self.fill.val();
        } else {
            self.res.next = self.inc.val();
        }
        self.sat_q.d.next = self.sat_s.val();
        self.value_q.d.next = signed_cast(self.res.val());
        self.value_out.next = self.value_q.q.val();
        self.sat.next = self.sat_q.q.val();
    }
}

/// The narrowing unit as a harness unit.
pub struct NarrowUnit {
    pub name: &'static str,
    pub shift: u32,
    pub mode: Rounding,
    /// The two-stage [`NarrowPiped`] (latency 2) instead of [`Narrow`].
    pub piped: bool,
}

impl NarrowUnit {
    /// The forward/backward narrowing of the default config: `shift = weight_frac`,
    /// `fixed.rounding`.
    pub fn new(cfg: &Config) -> NarrowUnit {
        NarrowUnit {
            name: "narrow",
            shift: cfg.fixed.weight_frac,
            mode: cfg.fixed.rounding,
            piped: false,
        }
    }
    /// The engine's output narrowing ([`NarrowPiped`]) as `narrow_w` uses it: `shift =
    /// weight_frac`, `fixed.rounding`.
    pub fn piped(cfg: &Config) -> NarrowUnit {
        NarrowUnit {
            name: "narrow_piped",
            piped: true,
            ..NarrowUnit::new(cfg)
        }
    }
    /// `fixed.update_rounding` (stochastic by default) at a shift above 16
    /// (`weight_frac + mom_frac`, 25 by default), exercising the `rem >> (shift − 16)` path of
    /// stochastic rounding. (The update datapath's own Δ narrowing, shift
    /// `eta_frac + mom_frac − weight_frac`, is proven with the update unit.)
    pub fn update(cfg: &Config) -> NarrowUnit {
        NarrowUnit {
            name: "narrow_update",
            shift: cfg.fixed.weight_frac + cfg.fixed.mom_frac,
            mode: cfg.fixed.update_rounding,
            piped: false,
        }
    }
    fn build(&self) -> Narrow {
        let mut b = Narrow::new(self.shift, self.mode);
        b.connect_all();
        b
    }
    fn build_piped(&self) -> NarrowPiped {
        let mut b = NarrowPiped::new(self.shift, self.mode);
        b.connect_all();
        b
    }
    /// The unit's latency (registered result).
    pub fn latency(&self) -> usize {
        if self.piped {
            PIPED_LATENCY
        } else {
            1
        }
    }
}

impl HwUnit for NarrowUnit {
    fn name(&self) -> &'static str {
        self.name
    }
    fn verilog(&self) -> String {
        if self.piped {
            generate_verilog(&self.build_piped())
        } else {
            generate_verilog(&self.build())
        }
    }
    fn vectors(&self, seed: u64) -> Vectors {
        let mut r = harness::runner(seed);
        let mut v = Vectors::new(
            vec![Port::new("acc_in", 32), Port::new("rnd", 32)],
            vec![Port::new("value_out", 16), Port::new("sat", 1)],
        );
        let s = self.shift;
        // Around the saturation edges (±32768·2^s), exact ties, the 32-bit extremes, anything.
        let edge = (32768i64 << s).min(1 << 31);
        let x_s = prop_oneof![
            3 => any::<i32>().prop_map(|x| x as i64),
            2 => -(1i64 << 20)..(1i64 << 20),
            1 => (-3i64..=3, prop::bool::ANY).prop_map(move |(d, neg)| {
                let e = if neg { -edge } else { edge - 1 };
                (e + (d << s.saturating_sub(1))).clamp(i32::MIN as i64, i32::MAX as i64)
            }),
            1 => (-(1i64 << 14)..(1i64 << 14)).prop_map(move |k| {
                // an exact tie: k + 0.5 ulp
                ((k << s) + if s > 0 { 1 << (s - 1) } else { 0 })
                    .clamp(i32::MIN as i64, i32::MAX as i64)
            }),
            1 => prop::sample::select(vec![i32::MIN as i64, i32::MAX as i64, 0, -1, 1]),
        ];
        let rnd_s = any::<u32>();
        // results in flight (registers start at 0), the oldest first
        let mut prev = std::collections::VecDeque::from(vec![(0i32, false); self.latency()]);
        for n in 0..3000 {
            let x = harness::draw(&mut r, &x_s);
            let rnd = harness::draw(&mut r, &rnd_s);
            let out = prev.pop_front().unwrap();
            v.push(
                vec![x as u64, rnd as u64],
                vec![out.0 as u64, out.1 as u64],
                vec![true, true],
                format!("cycle {n}"),
            );
            prev.push_back(fixed::narrow(x, s, self.mode, rnd));
        }
        v
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        if self.piped {
            let mut b = self.build_piped();
            fn clk(b: &mut NarrowPiped) -> &mut Signal<In, Clock> {
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
                            b.acc_in.next = to_signed(x[0] as i64);
                            b.rnd.next = to_bits(x[1]);
                        },
                        |b| vec![from_signed(b.value_out.val()) as u64, b.sat.val() as u64],
                    )
                })
                .collect()
        } else {
            let mut b = self.build();
            fn clk(b: &mut Narrow) -> &mut Signal<In, Clock> {
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
                            b.acc_in.next = to_signed(x[0] as i64);
                            b.rnd.next = to_bits(x[1]);
                        },
                        |b| vec![from_signed(b.value_out.val()) as u64, b.sat.val() as u64],
                    )
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]
        /// rust-hdl vs golden for every mode and shift.
        #[test]
        fn rusthdl_equals_golden(
            seed in any::<u64>(),
            shift in prop_oneof![Just(0u32), Just(1), Just(16), Just(17), Just(31), 0u32..=31],
            mode in prop::sample::select(vec![Rounding::Truncate, Rounding::Nearest, Rounding::Stochastic]),
            piped in prop::bool::ANY,
        ) {
            let u = NarrowUnit { name: "narrow", shift, mode, piped };
            let mut v = u.vectors(seed);
            v.vectors.truncate(400);
            let r = harness::check_rusthdl(&u, &v);
            prop_assert_eq!(r.mismatches, 0, "shift {} {:?}\n{}", shift, mode, r.report.join("\n"));
        }
    }

    #[test]
    fn narrow_three_simulators() {
        harness::prove_unit(&NarrowUnit::new(&Config::default()));
    }

    #[test]
    fn narrow_piped_three_simulators() {
        harness::prove_unit(&NarrowUnit::piped(&Config::default()));
    }

    #[test]
    fn narrow_update_three_simulators() {
        harness::prove_unit(&NarrowUnit::update(&Config::default()));
    }
}
