//! The MAC processing element (PE): one cell of the output-stationary array.
//!
//! # Math (equal to `fixed::mul` + `fixed::acc_add`, bit for bit)
//! Operands `a`, `b` are 16-bit two's complement (any Q format; the product's fraction bits are the
//! sum of theirs). Each enabled cycle: `acc ← sat_{acc_bits}(base + a·b)` with `base = 0` on `first`
//! (a new tile) and `base = acc` otherwise — saturation after every add, as `fixed::acc_add`.
//! The accumulator is kept sign-extended in a 32-bit register (`acc_bits` ∈ 16..=32).
//!
//! # Pipeline (latency 2 from operands to the shadow value)
//! ```text
//!   a_in ─┐   ┌────────┐  prod_q   ┌─────────────────┐ acc_q
//!         ├──►│ Mul16  ├──►[reg]──►│    SatAdd32     ├──►[reg]──┐ (first & mac_en: ← 0)
//!   b_in ─┘   └────────┘ (32 bit)  │ sat(acc + prod) │  ▲       │
//!   mac_en/last ──►[reg]           └─────────────────┘  └───────┘
//!   (aligned with prod_q)                   │ last_q: ~y       fresh_q
//!                                           └──►[reg] res_q ──┐   │
//!   shift & shadow_in ──────────────────────────►[reg] shadow_q ─┴─►(fresh ? ~res_q : shadow_q)
//!                                                                          ──► shadow_out
//! ```
//! `acc_q` holds the base of the next add: the accumulator, or 0 when `first & mac_en` registers the
//! first product of a tile (so the add reads `acc_q` directly, with no `first` mux before the carry
//! chain; the accumulator it clears would be overwritten by that add anyway).
//! Edge `t` registers the product of the operands presented in cycle `t`; edge `t+1` adds it. On the
//! edge that adds the last term of a tile (`last` was high with that term), the saturated sum is
//! also loaded into `res_q` (complemented) and `fresh_q` set: from then on, until the next `shift`,
//! `shadow_out` is that result (double buffer). `shift` loads `shadow_q ← shadow_in` (the value of
//! the PE below in the column) and clears `fresh_q`, which is how the array drains; a `last` add and
//! a `shift` on one edge: the add wins. Cycle for cycle this is the single shadow register
//! `shadow ← last ? sum : shift ? shadow_in : shadow` it replaces (same values on `shadow_out`).
//! `sat` is high for one cycle after an add that saturated (for the saturation counters).
//!
//! # Timing (iCE40 UP5K, `mlp-rtl synth --unit pe --config preset:up5k`)
//! The loop `acc_q → add → saturate → acc_q` is the critical path: **51.7 MHz** (166 LUTs, 100 FFs,
//! 1 DSP; the 1×1 `mac_array` 54.5 MHz, 165 LUTs); before: 44.2 MHz (101 LUTs, 67 FFs). The path:
//! `acc_q` → a high half's 16-bit carry chain → its sign → the overflow select (one LUT: the low
//! half's carry picks the high half's overflow) → the result LUT in front of `acc_q`/`res_q`.
//! - [`SatAdd32`] is a carry-select adder: the low 16 bits and both versions of the high 16 bits
//!   (carry in 0 and 1) are three parallel chains, the low carry selects (a 32-bit ripple chain
//!   alone was 10 ns of the old 22.6 ns loop). For `acc_bits = 32` the overflow is the equal
//!   operand signs and a differing sum sign, the clamp follows `acc[31]`; for `acc_bits < 32` (no
//!   32-bit overflow possible) equalities on the sum's top bits, never a compare chain.
//! - The tile result goes into `res_q` rather than the drain register: with one shared
//!   `sat(acc + prod)` LUT feeding both `acc_q` and the shadow's `last ? … : shadow_in` mux,
//!   each register needed a pass-through LUT (one more level on the loop, and the old critical
//!   path). `res_q` stores the complement so that Yosys does not merge its input LUTs with
//!   `acc_q`'s: each register's LUT packs with it (+32 LUTs, +33 FFs for `res_q`/`fresh_q` and the
//!   output mux; 47.5 MHz without this split, in a hand-written trial).
//! - The product register is the SB_MAC16's own output register (the critical path's other
//!   operand starts at the DSP output).
//!
//! Tried, not taken: the SB_MAC16's accumulator (it wraps; a saturated step would need the DSP to
//! load `clamp + product`, but its load (`OLOAD`) replaces the sum instead, and nextpnr has no
//! timing through the DSP anyway); other splits of the carry select (12/20: 46 MHz, 14/18: 52.7,
//! 18/14: 53.9, 20/12: 49.2 in hand-written trials — noise of placement around 16/16).
//!
//! The multiplier is a Custom-Verilog block with a Rust model ([`Mul16`]): rust-hdl's built-in
//! signed `*` goes through BigInt and is ~10× slower to simulate, and its product lands in a 32-bit
//! signal (never an inline `$signed(a*b)`, which Verilog sizes to 16 bits). [`SatAdd32`] is
//! Custom Verilog too (its Rust model is `fixed::acc_add`), so rust-hdl's simulation of the PE
//! checks the pipeline and Icarus/Verilator check the adder's Verilog, all against the golden
//! vectors.

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

/// `sat_{acc_bits}(a + b)` of two 32-bit two's complement values (`a` within the `acc_bits` range,
/// |b| ≤ 2^30), and whether it saturated: hand-written Verilog (a carry-select adder, see the
/// module doc) with a Rust model (`fixed::acc_add`).
#[derive(LogicBlock)]
pub struct SatAdd32 {
    pub a: Signal<In, Bits<32>>,
    pub b: Signal<In, Bits<32>>,
    /// The saturated sum (sign-extended to 32 bits).
    pub y: Signal<Out, Bits<32>>,
    /// The sum was outside the `acc_bits` range.
    pub ovf: Signal<Out, Bit>,
    _acc_bits: u32,
}

impl SatAdd32 {
    pub fn new(acc_bits: u32) -> SatAdd32 {
        assert!((16..=32).contains(&acc_bits));
        SatAdd32 {
            a: Default::default(),
            b: Default::default(),
            y: Default::default(),
            ovf: Default::default(),
            _acc_bits: acc_bits,
        }
    }
}

impl Logic for SatAdd32 {
    fn update(&mut self) {
        let v = |x: Bits<32>| x.to_u64() as u32 as i32 as i64;
        let (y, s) = fixed::acc_add(v(self.a.val()), v(self.b.val()), self._acc_bits);
        self.y.next = to_bits(y as u64 & 0xffff_ffff);
        self.ovf.next = s;
    }
    fn connect(&mut self) {
        self.y.connect();
        self.ovf.connect();
    }
    fn hdl(&self) -> Verilog {
        // The low half's carry selects between the two high halves (carry in 0 and 1), which are
        // computed in parallel: two 16-bit chains in the loop instead of one of 32.
        let sum = "wire [16:0] lo = {1'b0, a[15:0]} + {1'b0, b[15:0]};\n\
                   wire [15:0] h0 = a[31:16] + b[31:16];\n\
                   wire [15:0] h1 = a[31:16] - ~b[31:16];\n\
                   wire [31:0] s = {lo[16] ? h1 : h0, lo[15:0]};\n";
        let n = self._acc_bits;
        let sat = if n == 32 {
            // 32-bit overflow: equal operand signs and a sum sign that differs, for either high
            // half (its sign bit is the only late signal: a[31], b[31] are register outputs);
            // the clamp value follows a[31].
            "wire same = a[31] == b[31];\n\
             wire o0 = same & (h0[15] != a[31]);\n\
             wire o1 = same & (h1[15] != a[31]);\n\
             always @(*) begin\n\
             \x20   ovf = lo[16] ? o1 : o0;\n\
             \x20   y = ovf ? {a[31], {31{~a[31]}}} : s;\n\
             end\n"
                .to_string()
        } else {
            // acc_bits < 32: no 32-bit overflow (|a| < 2^30, |b| ≤ 2^30); the sum's bits from
            // acc_bits − 1 up must all equal its sign.
            format!(
                "wire [{w}:0] top = s[31:{lsb}];\n\
                 wire hi = ~s[31] & (|top);\n\
                 wire lw = s[31] & ~(&top);\n\
                 always @(*) begin\n\
                 \x20   ovf = hi | lw;\n\
                 \x20   y = hi ? 32'h{max:08x} : lw ? 32'h{min:08x} : s;\n\
                 end\n",
                w = 32 - n,
                lsb = n - 1,
                max = fixed::max_of(n) as u64 & 0xffff_ffff,
                min = fixed::min_of(n) as u64 & 0xffff_ffff,
            )
        };
        Verilog::Custom(format!("{sum}{sat}"))
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
    /// The drain chain's register (`shift` loads `shadow_in`).
    shadow_q: DFF<Signed<32>>,
    /// The complement of the last tile result (loaded on `last`); `shadow_out` shows it while
    /// `fresh_q` (no `shift` since). Stored complemented so that Yosys keeps its input logic apart
    /// from `acc_q`'s: each is then one LUT packed with its flip-flop (a shared LUT would need
    /// a pass-through LUT in front of each register: one more level on the loop).
    res_q: DFF<Bits<32>>,
    fresh_q: DFF<Bit>,
    sat_q: DFF<Bit>,
    /// `sat(acc_q + prod_q)` and its saturation flag.
    add: SatAdd32,
    zero_c: Constant<Bits<32>>,
}

impl Pe {
    /// A PE with an `acc_bits`-wide saturating accumulator.
    pub fn new(acc_bits: u32) -> Pe {
        assert!(
            (16..=32).contains(&acc_bits),
            "acc_bits {acc_bits} outside 16..=32"
        );
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
            res_q: Default::default(),
            fresh_q: Default::default(),
            sat_q: Default::default(),
            add: SatAdd32::new(acc_bits),
            zero_c: Constant::new(to_bits(0)),
        }
    }
}

impl Logic for Pe {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, prod_q, en_q, last_q, acc_q, shadow_q, res_q, fresh_q, sat_q);
        self.mul.a.next = self.a_in.val();
        self.mul.b.next = self.b_in.val();
        self.prod_q.d.next = unsigned_cast(self.mul.p.val());
        self.en_q.d.next = self.mac_en.val();
        self.last_q.d.next = self.last.val() & self.mac_en.val();
        // Timing (iCE40 UP5K): the loop acc → add → saturate → acc is the PE's critical path, so
        // it carries no mux before the adder (`first` clears acc_q instead), the adder is a carry
        // select (two 16-bit chains deep), and acc_q and res_q each take the result through one
        // LUT of their own.
        self.add.a.next = self.acc_q.q.val();
        self.add.b.next = self.prod_q.q.val();
        self.sat_q.d.next = self.en_q.q.val() & self.add.ovf.val();
        if self.first.val() & self.mac_en.val() {
            self.acc_q.d.next = self.zero_c.val();
        } else if self.en_q.q.val() {
            self.acc_q.d.next = self.add.y.val();
        }
        // The shadow value: the tile result (res_q, complemented) from the edge that adds the
        // last term until the next shift, else the drain chain's shadow_q.
        if self.last_q.q.val() {
            self.res_q.d.next = !self.add.y.val();
            self.fresh_q.d.next = true;
        } else if self.shift.val() {
            self.shadow_q.d.next = self.shadow_in.val();
            self.fresh_q.d.next = false;
        }
        if self.fresh_q.q.val() {
            self.shadow_out.next = signed_cast(!self.res_q.q.val());
        } else {
            self.shadow_out.next = self.shadow_q.q.val();
        }
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

    /// The narrow-accumulator saturation of [`SatAdd32`]'s Verilog (`acc_bits < 32`: range check
    /// on the sum's top bits) in all three simulators.
    #[test]
    fn pe_three_simulators_narrow_acc() {
        for acc_bits in [16, 24, 31] {
            assert!(harness::prove_unit(&unit(acc_bits)) >= 1000);
        }
    }
}
