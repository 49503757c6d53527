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
    /// Discarded bits `x & (2^shift − 1)` (32 bits).
    rem: Signal<Local, Bits<32>>,
    /// Stochastic: discarded bits aligned to 16 (`rem >> max(shift−16,0)`) and the random threshold.
    rem_top: Signal<Local, Bits<32>>,
    rthr: Signal<Local, Bits<32>>,
    up: Signal<Local, Bit>,
    /// `q + up` (32 bits, no overflow).
    rounded: Signal<Local, Bits<32>>,
    /// `rounded` with the sign bit flipped (signed order as unsigned order).
    biased: Signal<Local, Bits<32>>,
    /// The saturated 16-bit result.
    res: Signal<Local, Bits<16>>,
    shift_c: Constant<Bits<32>>,
    /// `!(0xFFFF_FFFF >> shift)`: sign fill of the arithmetic shift.
    fill_c: Constant<Bits<32>>,
    rem_mask_c: Constant<Bits<32>>,
    half_c: Constant<Bits<32>>,
    rshift_c: Constant<Bits<32>>,
    rmask_c: Constant<Bits<32>>,
    one_c: Constant<Bits<32>>,
    sign_c: Constant<Bits<32>>,
    /// 32767 ^ sign, (−32768) ^ sign.
    max_biased_c: Constant<Bits<32>>,
    min_biased_c: Constant<Bits<32>>,
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
        let sign = 0x8000_0000u64;
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
            rem: Default::default(),
            rem_top: Default::default(),
            rthr: Default::default(),
            up: Default::default(),
            rounded: Default::default(),
            biased: Default::default(),
            res: Default::default(),
            shift_c: Constant::new(to_bits(shift as u64)),
            fill_c: Constant::new(to_bits(!(0xFFFF_FFFFu64 >> shift))),
            rem_mask_c: Constant::new(to_bits(super::mask(shift))),
            half_c: Constant::new(to_bits(if shift > 0 { 1 << (shift - 1) } else { 0 })),
            rshift_c: Constant::new(to_bits(shift.saturating_sub(16) as u64)),
            rmask_c: Constant::new(to_bits(super::mask(rbits))),
            one_c: Constant::new(to_bits(1)),
            sign_c: Constant::new(to_bits(sign)),
            max_biased_c: Constant::new(to_bits(32767 ^ sign)),
            min_biased_c: Constant::new(to_bits((-32768i64 as u64) ^ sign)),
            max16_c: Constant::new(to_bits(32767)),
            min16_c: Constant::new(to_bits(0x8000)),
            nearest_c: Constant::new(shift > 0 && mode == Rounding::Nearest),
            stochastic_c: Constant::new(shift > 0 && mode == Rounding::Stochastic),
        }
    }
}

impl Logic for Narrow {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, value_q, sat_q);
        self.x_bits.next = unsigned_cast(self.acc_in.val());
        if self.x_bits.val().get_bit(31) {
            self.q.next = (self.x_bits.val() >> self.shift_c.val()) | self.fill_c.val();
        } else {
            self.q.next = self.x_bits.val() >> self.shift_c.val();
        }
        self.rem.next = self.x_bits.val() & self.rem_mask_c.val();
        self.rem_top.next = self.rem.val() >> self.rshift_c.val();
        self.rthr.next = self.rnd.val() & self.rmask_c.val();
        if self.nearest_c.val() {
            self.up.next = (self.rem.val() > self.half_c.val())
                | ((self.rem.val() == self.half_c.val()) & self.q.val().get_bit(0));
        } else if self.stochastic_c.val() {
            self.up.next = self.rem_top.val() > self.rthr.val();
        } else {
            self.up.next = false;
        }
        if self.up.val() {
            self.rounded.next = self.q.val() + self.one_c.val();
        } else {
            self.rounded.next = self.q.val();
        }
        self.biased.next = self.rounded.val() ^ self.sign_c.val();
        self.sat_q.d.next = true;
        if self.biased.val() > self.max_biased_c.val() {
            self.res.next = self.max16_c.val();
        } else if self.biased.val() < self.min_biased_c.val() {
            self.res.next = self.min16_c.val();
        } else {
            self.res.next = self.rounded.val().get_bits::<16>(0);
            self.sat_q.d.next = false;
        }
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
}

impl NarrowUnit {
    /// The forward/backward narrowing of the default config: `shift = weight_frac`,
    /// `fixed.rounding`.
    pub fn new(cfg: &Config) -> NarrowUnit {
        NarrowUnit {
            name: "narrow",
            shift: cfg.fixed.weight_frac,
            mode: cfg.fixed.rounding,
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
        }
    }
    fn build(&self) -> Narrow {
        let mut b = Narrow::new(self.shift, self.mode);
        b.connect_all();
        b
    }
}

impl HwUnit for NarrowUnit {
    fn name(&self) -> &'static str {
        self.name
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
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
        let mut prev = (0i32, false); // registers start at 0
        for n in 0..3000 {
            let x = harness::draw(&mut r, &x_s);
            let rnd = harness::draw(&mut r, &rnd_s);
            v.push(
                vec![x as u64, rnd as u64],
                vec![prev.0 as u64, prev.1 as u64],
                vec![true, true],
                format!("cycle {n}"),
            );
            prev = fixed::narrow(x, s, self.mode, rnd);
        }
        v
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
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
        ) {
            let u = NarrowUnit { name: "narrow", shift, mode };
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
    fn narrow_update_three_simulators() {
        harness::prove_unit(&NarrowUnit::update(&Config::default()));
    }
}
