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
//!         ├──►│ Mul16  ├──►[reg]──►│ sat(base + prod)├──►[reg]──┐    [reg] ──► shadow_out
//!   b_in ─┘   └────────┘ (32 bit)  └─────────────────┘          │      ▲
//!   mac_en/first/last ──►[reg] (aligned with prod_q)      last ──┴──────┤ (parallel load)
//!                                              shift & shadow_in ───────┘ (drain chain)
//! ```
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
    prod_q: DFF<Signed<32>>,
    en_q: DFF<Bit>,
    first_q: DFF<Bit>,
    last_q: DFF<Bit>,
    /// Accumulator, `acc_bits` significant, sign-extended to 32.
    acc_q: DFF<Signed<32>>,
    shadow_q: DFF<Signed<32>>,
    sat_q: DFF<Bit>,
    /// `0` (on `first`) or `acc_q`, as bits (32).
    base_bits: Signal<Local, Bits<32>>,
    /// `prod_q` as bits (32).
    prod_bits: Signal<Local, Bits<32>>,
    /// `base + prod_q` modulo 2^32 (exact unless acc_bits = 32 overflows).
    sum_bits: Signal<Local, Bits<32>>,
    zero_c: Constant<Bits<32>>,
    acc_max_c: Constant<Signed<32>>,
    acc_min_c: Constant<Signed<32>>,
    /// 0x8000_0000: xor with it maps signed order onto unsigned order.
    sign_c: Constant<Bits<32>>,
    /// `acc_max ^ sign` and `acc_min ^ sign` (biased bounds).
    max_biased_c: Constant<Bits<32>>,
    min_biased_c: Constant<Bits<32>>,
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
            first_q: Default::default(),
            last_q: Default::default(),
            acc_q: Default::default(),
            shadow_q: Default::default(),
            sat_q: Default::default(),
            base_bits: Default::default(),
            prod_bits: Default::default(),
            sum_bits: Default::default(),
            zero_c: Constant::new(to_bits(0)),
            acc_max_c: Constant::new(to_signed(hi)),
            acc_min_c: Constant::new(to_signed(lo)),
            sign_c: Constant::new(to_bits(0x8000_0000)),
            max_biased_c: Constant::new(to_bits(hi as u64 ^ 0x8000_0000)),
            min_biased_c: Constant::new(to_bits(lo as u64 ^ 0x8000_0000)),
        }
    }
}

impl Logic for Pe {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, prod_q, en_q, first_q, last_q, acc_q, shadow_q, sat_q);
        self.mul.a.next = self.a_in.val();
        self.mul.b.next = self.b_in.val();
        self.prod_q.d.next = self.mul.p.val();
        self.en_q.d.next = self.mac_en.val();
        self.first_q.d.next = self.first.val();
        self.last_q.d.next = self.last.val();
        // Few combinational levels on purpose: rust-hdl's simulator re-runs the whole tree once
        // per level, so every Local in a chain costs a full pass (simulation speed).
        if self.first_q.q.val() {
            self.base_bits.next = self.zero_c.val();
        } else {
            self.base_bits.next = unsigned_cast(self.acc_q.q.val());
        }
        self.prod_bits.next = unsigned_cast(self.prod_q.q.val());
        self.sum_bits.next = self.base_bits.val() + self.prod_bits.val();
        // Above the range: 32-bit overflow of two non-negatives, or above acc_max (acc_bits < 32).
        // Below: overflow of two negatives, or below acc_min. (Written out twice: no extra Local.)
        self.sat_q.d.next = false;
        if self.en_q.q.val() {
            if (!self.base_bits.val().get_bit(31)
                & !self.prod_bits.val().get_bit(31)
                & self.sum_bits.val().get_bit(31))
                | ((self.sum_bits.val() ^ self.sign_c.val()) > self.max_biased_c.val())
            {
                self.acc_q.d.next = self.acc_max_c.val();
                self.sat_q.d.next = true;
            } else if (self.base_bits.val().get_bit(31)
                & self.prod_bits.val().get_bit(31)
                & !self.sum_bits.val().get_bit(31))
                | ((self.sum_bits.val() ^ self.sign_c.val()) < self.min_biased_c.val())
            {
                self.acc_q.d.next = self.acc_min_c.val();
                self.sat_q.d.next = true;
            } else {
                self.acc_q.d.next = signed_cast(self.sum_bits.val());
            }
        }
        if self.en_q.q.val() & self.last_q.q.val() {
            if (!self.base_bits.val().get_bit(31)
                & !self.prod_bits.val().get_bit(31)
                & self.sum_bits.val().get_bit(31))
                | ((self.sum_bits.val() ^ self.sign_c.val()) > self.max_biased_c.val())
            {
                self.shadow_q.d.next = self.acc_max_c.val();
            } else if (self.base_bits.val().get_bit(31)
                & self.prod_bits.val().get_bit(31)
                & !self.sum_bits.val().get_bit(31))
                | ((self.sum_bits.val() ^ self.sign_c.val()) < self.min_biased_c.val())
            {
                self.shadow_q.d.next = self.acc_min_c.val();
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
