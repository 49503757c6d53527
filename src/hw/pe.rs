//! The MAC processing element (PE): one cell of the output-stationary array.
//!
//! # Math (equal to `fixed::mul` + `fixed::acc_add`, bit for bit)
//! Operands `a`, `b` are 16-bit two's complement (any Q format; the product's fraction bits are the
//! sum of theirs). Each enabled cycle: `acc ← sat_{acc_bits}(base + a·b)` with `base = 0` on `first`
//! (a new tile) and `base = acc` otherwise — saturation after every add, as `fixed::acc_add`.
//! The accumulator is kept sign-extended in a 32-bit register (`acc_bits` ∈ 16..=32).
//!
//! # Pipeline (latency 2 from operands to the shadow register)
//! ```text
//!   a_in ─┐   ┌────────┐  prod_q   ┌─────────────────┐ acc_q       shadow_q
//!         ├──►│ Mul16  ├──►[reg]──►│ sat(acc + prod) ├──►[reg]──┐    [reg] ──► shadow_out
//!   b_in ─┘   └────────┘ (32 bit)  └─────────────────┘  ▲ first │      ▲
//!   mac_en/last ──►[reg] (aligned with prod_q)   & mac_en: ←0 ──┘      │
//!                                        last ─► sat(acc + prod) ─────┤ (parallel load)
//!                                        shift & shadow_in ────────────┘ (drain chain)
//! ```
//! `acc_q` holds the base of the next add: the accumulator, or 0 when `first & mac_en` registers the
//! first product of a tile (so the add reads `acc_q` directly, with no `first` mux before the carry
//! chain; the accumulator it clears would be overwritten by that add anyway).
//!
//! # Timing (iCE40 UP5K, `mlp-rtl synth --unit pe`)
//! The loop `acc_q → 32-bit add → saturate → acc_q` is the critical path: 44 MHz (101 LUTs) — a
//! register, the carry chain, one LUT for the sum's sign, one for the saturating select (the range
//! check of `acc_bits < 32` is equalities on the sum's top bits, never a compare chain). Before
//! this layout (a `first` mux in front of the adder, biased 32-bit compares after it): 26 MHz.
//! Edge `t` registers the product of the operands presented in cycle `t`; edge `t+1` adds it. On the
//! edge that adds the last term of a tile (`last` was high with that term), the saturated sum is also
//! copied into `shadow_q` (double buffer); otherwise `shift` loads `shadow_q ← shadow_in` (the PE
//! below in the column), which is how the array drains. `sat` is high for one cycle after an add that
//! saturated (for the saturation counters).
//!
//! The multiplier is a Custom-Verilog block with a Rust model ([`Mul16`]): rust-hdl's built-in
//! signed `*` goes through BigInt and is ~10× slower to simulate, and its product lands in a 32-bit
//! signal (never an inline `$signed(a*b)`, which Verilog sizes to 16 bits).
//! Saturation is computed on `Bits` (sign bits and a sign-biased unsigned compare) because
//! rust-hdl's `Signed` compares go through BigInt too.

use super::harness::{self, HwUnit, Port, Vectors};
use super::{from_signed, to_bits, to_signed};
use crate::config::Config;
use crate::fixed;
use proptest::prelude::*;
use rust_hdl::prelude::*;

/// Signed 16×16 → 32 combinational multiplier, hand-written Verilog with a Rust model.
#[derive(LogicBlock, Default)]
pub struct Mul16 {
    pub a: Signal<In, Signed<16>>,
    pub b: Signal<In, Signed<16>>,
    /// Exact product (|a·b| ≤ 2^30 fits 32 bits).
    pub p: Signal<Out, Signed<32>>,
}

impl Logic for Mul16 {
    fn update(&mut self) {
        self.p.next = to_signed::<32>(from_signed(self.a.val()) * from_signed(self.b.val()));
    }
    fn connect(&mut self) {
        self.p.connect();
    }
    fn hdl(&self) -> Verilog {
        // Both operands signed, result context 32 bits: a full-width signed product.
        Verilog::Custom(
            "wire signed [31:0] a_ext = {{16{a[15]}}, a};\n\
             wire signed [31:0] b_ext = {{16{b[15]}}, b};\n\
             always @(*) p = a_ext * b_ext;"
                .into(),
        )
    }
}

/// Sign extension 16 → 32 bits, hand-written Verilog with a Rust model (a widening cast in
/// `#[hdl_gen]` emits a WIDTH warning). Used by the activation, update and loss units.
#[derive(LogicBlock, Default)]
pub struct Sext16 {
    pub a: Signal<In, Signed<16>>,
    /// `a`, sign-extended.
    pub y: Signal<Out, Signed<32>>,
}

impl Logic for Sext16 {
    fn update(&mut self) {
        self.y.next = to_signed::<32>(from_signed(self.a.val()));
    }
    fn connect(&mut self) {
        self.y.connect();
    }
    fn hdl(&self) -> Verilog {
        Verilog::Custom("always @(*) y = {{16{a[15]}}, a};".into())
    }
}

/// One processing element (see the module doc).
#[derive(LogicBlock)]
pub struct Pe {
    pub clock: Signal<In, Clock>,
    /// Row operand (16-bit, e.g. an activation).
    pub a_in: Signal<In, Signed<16>>,
    /// Column operand (16-bit, e.g. a weight).
    pub b_in: Signal<In, Signed<16>>,
    /// Accumulate the product of this cycle's operands.
    pub mac_en: Signal<In, Bit>,
    /// This term starts a new tile (`acc ← sat(0 + a·b)`).
    pub first: Signal<In, Bit>,
    /// This term ends the tile (copy the result into the shadow register).
    pub last: Signal<In, Bit>,
    /// Drain: `shadow_q ← shadow_in` (unless a tile result is being loaded).
    pub shift: Signal<In, Bit>,
    /// Shadow value of the PE below (drain chain).
    pub shadow_in: Signal<In, Signed<32>>,
    /// This PE's finished-tile result (double buffer).
    pub shadow_out: Signal<Out, Signed<32>>,
    /// The previous add saturated.
    pub sat: Signal<Out, Bit>,
    mul: Mul16,
    /// Registered product (32 bits: |a·b| ≤ 2^30).
    prod_q: DFF<Bits<32>>,
    en_q: DFF<Bit>,
    /// `last & mac_en` of the term in `prod_q`.
    last_q: DFF<Bit>,
    /// The base of the next add: the accumulator (`acc_bits` significant, sign-extended to 32), or
    /// 0 when the term in `prod_q` starts a tile (`first & mac_en` clears it as the product is
    /// registered, so the adder reads a register directly, with no `first` mux in front).
    acc_q: DFF<Bits<32>>,
    shadow_q: DFF<Signed<32>>,
    sat_q: DFF<Bit>,
    /// `acc_q + prod_q` modulo 2^32 (exact unless acc_bits = 32 overflows).
    sum_bits: Signal<Local, Bits<32>>,
    /// The sum is above `acc_max` / below `acc_min` (32-bit overflow, or outside `acc_bits`).
    sat_hi: Signal<Local, Bit>,
    sat_lo: Signal<Local, Bit>,
    zero_c: Constant<Bits<32>>,
    acc_max_c: Constant<Bits<32>>,
    acc_min_c: Constant<Bits<32>>,
    /// `acc_bits − 1`: `sum >> hi_shift` are the bits that must all equal the sign bit.
    hi_shift_c: Constant<Bits<32>>,
    /// `2^(33 − acc_bits) − 1`: those bits all ones.
    hi_ones_c: Constant<Bits<32>>,
    /// `acc_bits < 32` (the range check exists; at 32 bits only the 32-bit overflow saturates,
    /// and the check is left out of the emitted logic by constant folding).
    narrow_c: Constant<Bit>,
}

impl Pe {
    /// A PE with an `acc_bits`-wide saturating accumulator.
    pub fn new(acc_bits: u32) -> Pe {
        assert!(
            (16..=32).contains(&acc_bits),
            "acc_bits {acc_bits} outside 16..=32"
        );
        let (lo, hi) = (fixed::min_of(acc_bits), fixed::max_of(acc_bits));
        Pe {
            clock: Default::default(),
            a_in: Default::default(),
            b_in: Default::default(),
            mac_en: Default::default(),
            first: Default::default(),
            last: Default::default(),
            shift: Default::default(),
            shadow_in: Default::default(),
            shadow_out: Default::default(),
            sat: Default::default(),
            mul: Default::default(),
            prod_q: Default::default(),
            en_q: Default::default(),
            last_q: Default::default(),
            acc_q: Default::default(),
            shadow_q: Default::default(),
            sat_q: Default::default(),
            sum_bits: Default::default(),
            sat_hi: Default::default(),
            sat_lo: Default::default(),
            zero_c: Constant::new(to_bits(0)),
            acc_max_c: Constant::new(to_bits(hi as u64)),
            acc_min_c: Constant::new(to_bits(lo as u64)),
            hi_shift_c: Constant::new(to_bits((acc_bits - 1) as u64)),
            hi_ones_c: Constant::new(to_bits(super::mask(33 - acc_bits))),
            narrow_c: Constant::new(acc_bits < 32),
        }
    }
}

impl Logic for Pe {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, prod_q, en_q, last_q, acc_q, shadow_q, sat_q);
        self.mul.a.next = self.a_in.val();
        self.mul.b.next = self.b_in.val();
        self.prod_q.d.next = unsigned_cast(self.mul.p.val());
        self.en_q.d.next = self.mac_en.val();
        self.last_q.d.next = self.last.val() & self.mac_en.val();
        // Timing (iCE40 UP5K): the loop acc → add → saturate → acc is the PE's critical path, so
        // it carries no mux before the carry chain (`first` clears acc_q instead) and no compare
        // chains after it: the range check is equality on the sum's top bits (LUT trees), the
        // 32-bit overflow three sign bits. Few combinational levels also keep rust-hdl's
        // simulator fast (it re-runs the whole tree once per level).
        self.sum_bits.next = self.acc_q.q.val() + self.prod_q.q.val();
        // Above the range: 32-bit overflow of two non-negatives, or (acc_bits < 32) a non-negative
        // sum with a set bit at or above acc_bits − 1. Below: overflow of two negatives, or a
        // negative sum with a clear bit there. (No 32-bit overflow is possible for acc_bits < 32.)
        self.sat_hi.next = (!self.acc_q.q.val().get_bit(31)
            & !self.prod_q.q.val().get_bit(31)
            & self.sum_bits.val().get_bit(31))
            | (self.narrow_c.val()
                & !self.sum_bits.val().get_bit(31)
                & ((self.sum_bits.val() >> self.hi_shift_c.val()) != self.zero_c.val()));
        self.sat_lo.next = (self.acc_q.q.val().get_bit(31)
            & self.prod_q.q.val().get_bit(31)
            & !self.sum_bits.val().get_bit(31))
            | (self.narrow_c.val()
                & self.sum_bits.val().get_bit(31)
                & ((self.sum_bits.val() >> self.hi_shift_c.val()) != self.hi_ones_c.val()));
        self.sat_q.d.next = self.en_q.q.val() & (self.sat_hi.val() | self.sat_lo.val());
        if self.first.val() & self.mac_en.val() {
            self.acc_q.d.next = self.zero_c.val();
        } else if self.en_q.q.val() {
            if self.sat_hi.val() {
                self.acc_q.d.next = self.acc_max_c.val();
            } else if self.sat_lo.val() {
                self.acc_q.d.next = self.acc_min_c.val();
            } else {
                self.acc_q.d.next = self.sum_bits.val();
            }
        }
        if self.last_q.q.val() {
            if self.sat_hi.val() {
                self.shadow_q.d.next = signed_cast(self.acc_max_c.val());
            } else if self.sat_lo.val() {
                self.shadow_q.d.next = signed_cast(self.acc_min_c.val());
            } else {
                self.shadow_q.d.next = signed_cast(self.sum_bits.val());
            }
        } else if self.shift.val() {
            self.shadow_q.d.next = self.shadow_in.val();
        }
        self.shadow_out.next = self.shadow_q.q.val();
        self.sat.next = self.sat_q.q.val();
    }
}

/// Cycle model of one PE: the pipeline timing, with all arithmetic done by `fixed::mul` and
/// `fixed::acc_add` (the golden rules). Shared by the PE and the array tests.
#[derive(Debug, Clone, Default)]
pub struct PeModel {
    pub acc_bits: u32,
    prod: i64,
    en: bool,
    first: bool,
    last: bool,
    acc: i64,
    shadow: i64,
    sat: bool,
}

/// Inputs of one PE in one cycle.
#[derive(Debug, Clone, Copy, Default)]
pub struct PeIn {
    pub a: i32,
    pub b: i32,
    pub mac_en: bool,
    pub first: bool,
    pub last: bool,
    pub shift: bool,
    pub shadow_in: i64,
}

impl PeModel {
    pub fn new(acc_bits: u32) -> PeModel {
        PeModel {
            acc_bits,
            ..Default::default()
        }
    }
    /// Outputs visible in this cycle: (shadow_out, sat).
    pub fn outputs(&self) -> (i64, bool) {
        (self.shadow, self.sat)
    }
    /// The rising edge at the end of a cycle with inputs `x`.
    pub fn edge(&mut self, x: &PeIn) {
        if self.en {
            let base = if self.first { 0 } else { self.acc };
            let (next, s) = fixed::acc_add(base, self.prod, self.acc_bits);
            self.acc = next;
            self.sat = s;
            if self.last {
                self.shadow = next;
            } else if x.shift {
                self.shadow = x.shadow_in;
            }
        } else {
            self.sat = false;
            if x.shift {
                self.shadow = x.shadow_in;
            }
        }
        self.prod = fixed::mul(x.a, x.b);
        self.en = x.mac_en;
        self.first = x.first;
        self.last = x.last;
    }
}

/// One cycle of a tile schedule: row operands, column operands, mac_en, first, last.
pub type TileCycle = (Vec<i32>, Vec<i32>, bool, bool, bool);

/// A random tile schedule: for each tile, `k` terms (some ≥ 64), operands weighted to extremes,
/// random bubbles (mac_en low) between terms. Yields per-cycle (a, b, mac_en, first, last) for
/// `rows` × `cols` operands.
pub fn tile_stream(
    r: &mut proptest::test_runner::TestRunner,
    rows: usize,
    cols: usize,
    min_cycles: usize,
) -> Vec<TileCycle> {
    let k_s = prop_oneof![3 => 1usize..=20, 1 => 64usize..=90];
    let ops_a = proptest::collection::vec(harness::operand(), rows);
    let ops_b = proptest::collection::vec(harness::operand(), cols);
    let bubble = proptest::bool::weighted(0.15);
    // Some tiles use only one extreme pair so that long runs saturate.
    let mode = 0u8..4;
    let mut out = Vec::new();
    while out.len() < min_cycles {
        let k = harness::draw(r, &k_s);
        let m = harness::draw(r, &mode);
        let fixed_a = harness::draw(r, &ops_a);
        let fixed_b = harness::draw(r, &ops_b);
        for t in 0..k {
            while harness::draw(r, &bubble) {
                out.push((vec![0; rows], vec![0; cols], false, false, false));
            }
            let (a, b) = if m == 0 {
                (fixed_a.clone(), fixed_b.clone())
            } else {
                (harness::draw(r, &ops_a), harness::draw(r, &ops_b))
            };
            out.push((a, b, true, t == 0, t == k - 1));
        }
    }
    out
}

/// The PE as a harness unit.
pub struct PeUnit {
    pub acc_bits: u32,
}

impl PeUnit {
    pub fn new(cfg: &Config) -> PeUnit {
        PeUnit {
            acc_bits: cfg.fixed.acc_bits,
        }
    }
    fn build(&self) -> Pe {
        let mut pe = Pe::new(self.acc_bits);
        pe.connect_all();
        pe
    }
}

fn pe_ports() -> (Vec<Port>, Vec<Port>) {
    (
        vec![
            Port::new("a_in", 16),
            Port::new("b_in", 16),
            Port::new("mac_en", 1),
            Port::new("first", 1),
            Port::new("last", 1),
            Port::new("shift", 1),
            Port::new("shadow_in", 32),
        ],
        vec![Port::new("shadow_out", 32), Port::new("sat", 1)],
    )
}

impl HwUnit for PeUnit {
    fn name(&self) -> &'static str {
        "pe"
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
    }
    fn vectors(&self, seed: u64) -> Vectors {
        let mut r = harness::runner(seed);
        let (i, o) = pe_ports();
        let mut v = Vectors::new(i, o);
        let stream = tile_stream(&mut r, 1, 1, 3000);
        let shift_s = proptest::bool::weighted(0.3);
        let shadow_s = any::<i32>();
        let mut m = PeModel::new(self.acc_bits);
        m.edge(&PeIn::default()); // the leading all-zero edge
        for (n, (a, b, en, first, last)) in stream.into_iter().enumerate() {
            let x = PeIn {
                a: a[0],
                b: b[0],
                mac_en: en,
                first,
                last,
                shift: harness::draw(&mut r, &shift_s),
                shadow_in: harness::draw(&mut r, &shadow_s) as i64,
            };
            let (sh, sat) = m.outputs();
            v.push(
                vec![
                    x.a as u64,
                    x.b as u64,
                    x.mac_en as u64,
                    x.first as u64,
                    x.last as u64,
                    x.shift as u64,
                    x.shadow_in as u64,
                ],
                vec![sh as u64, sat as u64],
                vec![true, true],
                format!("cycle {n}"),
            );
            m.edge(&x);
        }
        v
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let mut pe = self.build();
        fn clk(p: &mut Pe) -> &mut Signal<In, Clock> {
            &mut p.clock
        }
        super::cycle(&mut pe, clk, |_| {}, |_| ());
        inputs
            .iter()
            .map(|x| {
                super::cycle(
                    &mut pe,
                    clk,
                    |p| {
                        p.a_in.next = to_signed(x[0] as i64);
                        p.b_in.next = to_signed(x[1] as i64);
                        p.mac_en.next = x[2] != 0;
                        p.first.next = x[3] != 0;
                        p.last.next = x[4] != 0;
                        p.shift.next = x[5] != 0;
                        p.shadow_in.next = to_signed(x[6] as i64);
                    },
                    |p| vec![p.shadow_out.val().inner().to_u64(), p.sat.val() as u64],
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn unit(acc_bits: u32) -> PeUnit {
        let mut cfg = Config::default();
        cfg.fixed.acc_bits = acc_bits;
        PeUnit::new(&cfg)
    }

    #[test]
    fn mul16_extremes() {
        let mut m = Mul16::default();
        m.connect_all();
        for (a, b) in [
            (-32768, -32768),
            (-32768, 32767),
            (32767, 32767),
            (-1, 1),
            (0, -32768),
        ] {
            m.a.next = to_signed(a);
            m.b.next = to_signed(b);
            simulate(&mut m, 10);
            assert_eq!(from_signed(m.p.val()), fixed::mul(a as i32, b as i32));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// rust-hdl vs golden on short random schedules, any accumulator width.
        #[test]
        fn rusthdl_equals_golden(seed in any::<u64>(), acc_bits in 16u32..=32) {
            let u = unit(acc_bits);
            let mut v = u.vectors(seed);
            v.vectors.truncate(300);
            let r = harness::check_rusthdl(&u, &v);
            prop_assert_eq!(r.mismatches, 0, "{}", r.report.join("\n"));
        }
    }

    /// All three simulators, lint, latch check, corrupted-vector self-test (default config).
    #[test]
    fn pe_three_simulators() {
        let n = harness::prove_unit(&unit(32));
        assert!(n >= 1000);
    }
}
