//! The MAC processing element (PE): one cell of the output-stationary array.
//!
//! # Math (equal to `fixed::mul` + `fixed::acc_add` per term, bit for bit, saturation flags too)
//! Operands `a`, `b` are 16-bit two's complement; each enabled term does
//! `acc ← sat_A(base + a·b)` with `base = 0` on `first` (a new tile) — saturation after every add,
//! as `fixed::acc_add` (A = `acc_bits` ∈ 16..=32, L = −2^(A−1), H = 2^(A−1)−1, |a·b| ≤ 2^30).
//!
//! The loop holds `v = u + 2^(A−1)` (33 bits, two's complement), u = x + p the unclamped sum of
//! the last term: u is in range exactly when `v[32:A] = 0` (for A = 32: the single bit `v[32]`).
//! The clamp is *lazy*: a term whose predecessor's `v` is out of range (known only after it was
//! summed) **loads** its exact value instead of adding —
//! `v = L + p + 2^(A−1) = p` after a low overflow, `v = H + p + 2^(A−1) = (p − 1) + 2^A` after a
//! high one, `v = p + 2^(A−1)` on `first` — so no clamp mux sits in the loop. The `−1` comes from
//! the operand: every term's operand is `P = p − m` with the carry-in `m` restoring `p` when it is
//! added, where `m` = 1 exactly when a load would follow a *high* overflow (an overflow has the
//! sign of its product, so `m` is the previous product's sign, known a cycle ahead).
//! Bubbles (`mac_en` low) are terms with `p = 0` (`P = −m`): they never overflow and keep `v`.
//!
//! # Pipeline (result latency [`RESULT_LATENCY`] = 5: last term in cycle c → `shadow_out` from c+5)
//! ```text
//!  c  : a,b ─►[Mul16 → prod_q]  (the SB_MAC16's output register), flags, sign of the previous p
//!  c+1: O1: P[13:0] = p − m (14-bit chain, borrow b) │ p[32:14] → ph            (feed-forward)
//!  c+2: O2: P[32:14] = ph − m + b (+2^(A−1) on first) │ lo lane: lo ← lo' + P[13:0] + m, k ← carry
//!  c+3: hi lane: hi ← load ? P[32:14] (+2^A after a high overflow) : hi + P[32:14] + k
//!  c+4: result: res ← ovf ? (L | H) : v − 2^(A−1)  (on `last`)         then fresh ? res : shadow_q
//! ```
//! The two lanes are skewed: the lo lane (bits 0–13) sums term t in the cycle the hi lane (bits
//! 14–32) sums term t−1, so the hi lane takes the lo lane's carry `k` registered and is exact;
//! `ovf` (v of the term the hi lane just summed is out of range) is a hi-lane bit. The hi lane
//! reacts to `ovf` at once (`load`, the sum LUT's spare input, no extra level); the lo lane has
//! already summed the next term speculatively, so it takes the loaded term's `lo(P)` (`pd`, the
//! operand one cycle late) instead of its own register for the term after (`lo' = ovf ? pd : lo`,
//! one LUT in front of its chain). The carry out of each lane's chain is a sum bit of one more chain
//! cell (a constant-0 `z` register Yosys cannot fold) so that it packs with its flip-flop.
//! `sat` is `ovf`: one pulse per saturated term, 4 cycles after it.
//!
//! # Timing (iCE40 UP5K, `mlp-rtl synth --unit pe --config preset:up5k`)
//! **75.5 MHz** (72.0–75.5 over seeds 1–3), 156 LUTs, 192 FFs, 249 packed cells, 1 DSP. Before: the
//! single-cycle loop `acc → 16-bit carry-select adder → overflow select → clamp → acc`, 51.7 MHz,
//! 166 LUTs, 100 FFs, 203 cells; the two-cycle pair loop of branch `s4-pe` 47–50 MHz, 492 cells (57
//! with its pre-stage made free: its 34-bit stage-A chain). Critical path (13.2 ns): `ovf` (the hi
//! lane's top bit, fanout ~35) → the `lo'` LUT → the lo lane's 14-bit chain → `k`; the hi lane's
//! 19-bit chain (registered carry in, the load select in its sum LUTs) and O2's 19-bit chain are
//! about as long. What it takes on this device (measured): a bare 33-bit accumulator `acc += p` is
//! 61.9 MHz, split 17 + 16 with the carry registered 71.9 MHz — the carry leaving its chain through
//! an extra cell and a net costs ~4 ns — and 92.6 MHz when that carry is the sum of one more chain
//! cell (the `z` trick) that packs with its flip-flop; every LUT level with a 30-fanout net costs
//! ~4–5 ns, so a clamp mux (or a carry select) after a chain in the loop cannot reach 75 MHz.

//! The PE is hand-written Verilog ([`Pe::rtl`]) with a Rust model ([`PeModel`]: golden arithmetic
//! per term and the pipeline's delays, which is also the unit's rust-hdl simulation); Icarus and
//! Verilator check the Verilog against the model's vectors. [`Mul16`] and [`Sext16`] serve the
//! other units.

use super::harness::{self, HwUnit, Port, Vectors};
use super::{from_signed, to_signed};
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

/// Cycles from a tile's last term at the PE's inputs to its result on `shadow_out`: the result is
/// visible from cycle `c + RESULT_LATENCY` for a last term presented in cycle `c`
/// (`program::Timing::pe_latency` = `RESULT_LATENCY`).
pub const RESULT_LATENCY: usize = 5;

/// Width of the lo lane (bits 0..LO of `v`); the hi lane is bits LO..=32.
const LO: u32 = 14;

/// One processing element (see the module doc): hand-written Verilog ([`Pe::rtl`]) with a Rust
/// model ([`PeModel`]).
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
    /// This term ends the tile (its result goes to the shadow register).
    pub last: Signal<In, Bit>,
    /// Drain: `shadow_q ← shadow_in` (unless a tile result is being loaded).
    pub shift: Signal<In, Bit>,
    /// Shadow value of the PE below (drain chain).
    pub shadow_in: Signal<In, Signed<32>>,
    /// This PE's finished-tile result (double buffer).
    pub shadow_out: Signal<Out, Signed<32>>,
    /// Saturation pulses: one cycle per saturated add.
    pub sat: Signal<Out, Bit>,
    _m: PeModel,
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
            _m: PeModel::new(acc_bits),
        }
    }

    /// The PE's Verilog body for an `acc_bits`-wide accumulator (see the module doc).
    pub fn rtl(acc_bits: u32) -> String {
        let n = acc_bits;
        let lo = LO;
        let m = 33 - lo; // hi lane width
        let f = n - 1 - lo; // 2^(A-1) in the hi lane
        let g = n - lo; // 2^A in the hi lane
        let hmax = fixed::max_of(n) as u64 & 0xffff_ffff;
        let lmin = fixed::min_of(n) as u64 & 0xffff_ffff;
        // the first term's hi operand: -m (all m) or, on first (m = 0), 2^(A-1)
        let ph_c = format!("{{{{{}{{m_o}}}}, fst_o | m_o, {{{f}{{m_o}}}}}}", m - 1 - f);
        // hi-lane operand: after a high overflow (ovf & mh) the load takes P + 2^A (bits >= A only)
        let i2 = if g == m - 1 {
            "{(ovf & mh) ? ~phi[@M1@] : phi[@M1@], phi[@M2@:0]}".to_string()
        } else {
            format!(
                "{{(ovf & mh) ? phh[@M1@:{g}] : phi[@M1@:{g}], phi[{}:0]}}",
                g - 1
            )
        };
        // the result: v - 2^(A-1) on A bits, sign-extended; the overflow direction: low when v < 0
        let v = "{hi, rlo}";
        let (xs, dir) = if n == 32 {
            ("{~vv[31], vv[30:0]}".to_string(), "vv[31]".to_string())
        } else {
            (
                format!(
                    "{{{{{}{{~vv[{}]}}}}, ~vv[{}], vv[{}:0]}}",
                    32 - n,
                    n - 1,
                    n - 1,
                    n - 2
                ),
                "vv[32]".to_string(),
            )
        };
        let t = r#"// ---- the product (SB_MAC16 output register), flags, the previous product's sign
wire signed [31:0] a_ext = {{16{a_in[15]}}, a_in};
wire signed [31:0] b_ext = {{16{b_in[15]}}, b_in};
wire [31:0] prod = a_ext * b_ext;
// z: a constant 0 Yosys cannot fold, the top cell of a lane's chain, whose sum is the lane's carry
(* keep *) reg z;
reg [31:0] prod_q; reg en_d, fst_d, lst_d, neg_q;
// O1: P[LO-1:0] = p - m; m = 1: a load here would follow a high overflow (previous p >= 0)
reg [@LO1@:0] plo; reg b; reg [@M1@:0] ph; reg en_o, fst_o, lst_o, m_o;
// O2: P[32:LO] (phi), and the lo lane's copy of P[LO-1:0] one cycle late (pd)
reg [@M1@:0] phi; reg [@LO1@:0] pd; reg fst_h, lst_h, mh;
// the lanes: v = {hi, lo} (skewed: hi holds the term before lo's), k = lo's carry
reg [@LO1@:0] lo; reg k; reg [@M1@:0] hi;
// the result: lo(v) of the last term (hi(v) stays in hi for a cycle), then the clamped value
reg rl; reg [@LO1@:0] rlo;
reg [31:0] res, shadow_q; reg fresh;
initial begin
    z = 0; prod_q = 0; en_d = 0; fst_d = 0; lst_d = 0; neg_q = 0;
    plo = 0; b = 0; ph = 0; en_o = 0; fst_o = 0; lst_o = 0; m_o = 0;
    phi = 0; pd = 0; fst_h = 0; lst_h = 0; mh = 0;
    lo = 0; k = 0; hi = 0; rl = 0; rlo = 0; res = 0; shadow_q = 0; fresh = 0;
end
wire m = ~fst_d & ~neg_q;
wire [@LO@:0] plo_s = {z, prod_q[@LO1@:0]} + {z, {@LO@{m}}};
wire [@M1@:0] ph_c = @PHC@;
wire [@M1@:0] phi_s = ph + ph_c + {{@M1@{1'b0}}, b};
/* verilator lint_off UNUSEDSIGNAL */
wire [@M1@:0] phh = phi + @PHH@;
/* verilator lint_on UNUSEDSIGNAL */
// the hi lane's term before: v out of range (its term saturated)
wire ovf = |hi[@M1@:@GL@];
(* keep *) wire load = ovf | fst_h;
wire [@LO1@:0] lo_in = ovf ? pd : lo;
wire [@LO@:0] lo_s = {z, lo_in} + {z, plo} + {{@LO@{1'b0}}, m_o};
wire [@M1@:0] i2 = @I2@;
wire [@M1@:0] hi_s = hi + i2 + {{@M1@{1'b0}}, k};
wire [@M1@:0] hi_n = load ? i2 : hi_s;
/* verilator lint_off UNUSEDSIGNAL */
wire [32:0] vv = @V@;
/* verilator lint_on UNUSEDSIGNAL */
always @(posedge clock) begin
    z <= z & mac_en;
    prod_q <= prod; en_d <= mac_en; fst_d <= first & mac_en; lst_d <= last & mac_en;
    neg_q <= en_d & prod_q[31];
    plo <= en_d ? plo_s[@LO1@:0] : {@LO@{m}}; b <= en_d & plo_s[@LO@];
    ph <= {prod_q[31], prod_q[31:@LO@]}; en_o <= en_d; fst_o <= fst_d; lst_o <= lst_d; m_o <= m;
    phi <= en_o ? phi_s : ph_c; pd <= plo; fst_h <= fst_o; lst_h <= lst_o; mh <= m_o;
    lo <= fst_o ? plo : lo_s[@LO1@:0]; k <= ~fst_o & lo_s[@LO@];
    hi <= hi_n;
    rl <= lst_h; rlo <= lo_in;
    if (rl) begin
        res <= ovf ? (@DIR@ ? 32'h@LMIN@ : 32'h@HMAX@) : @XS@;
        fresh <= 1'b1;
    end else if (shift) begin
        shadow_q <= shadow_in; fresh <= 1'b0;
    end
end
always @(*) begin
    shadow_out = fresh ? res : shadow_q;
    sat = ovf;
end
"#;
        t.replace("@PHC@", &ph_c)
            .replace("@I2@", &i2)
            .replace("@V@", v)
            .replace("@XS@", &xs)
            .replace("@DIR@", &dir)
            .replace("@LMIN@", &format!("{lmin:08x}"))
            .replace("@HMAX@", &format!("{hmax:08x}"))
            .replace("@LO1@", &(lo - 1).to_string())
            .replace("@LO@", &lo.to_string())
            .replace("@M1@", &(m - 1).to_string())
            .replace("@M2@", &(m - 2).to_string())
            .replace("@GL@", &g.to_string())
            .replace("@PHH@", &format!("{m}'h{:x}", 1u64 << g))
    }
}

impl Logic for Pe {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            let x = PeIn {
                a: from_signed(self.a_in.val()) as i32,
                b: from_signed(self.b_in.val()) as i32,
                mac_en: self.mac_en.val(),
                first: self.first.val(),
                last: self.last.val(),
                shift: self.shift.val(),
                shadow_in: from_signed(self.shadow_in.val()),
            };
            self._m.edge(&x);
        }
        let (sh, sat) = self._m.outputs();
        self.shadow_out.next = to_signed(sh);
        self.sat.next = sat;
    }
    fn connect(&mut self) {
        self.shadow_out.connect();
        self.sat.connect();
    }
    fn hdl(&self) -> Verilog {
        Verilog::Custom(Pe::rtl(self._m.acc_bits))
    }
}

/// One term's golden outcome in the model's delay line.
#[derive(Debug, Clone, Copy, Default)]
struct Term {
    sat: bool,
    last: bool,
    acc: i64,
}

/// Cycle model of one PE: golden arithmetic per term (`fixed::mul`, `fixed::acc_add`) and the
/// pipeline's delays (`sat` 4 cycles after the term, the result loaded 4 edges after the last
/// term's). Shared by the PE and the array tests, and the PE's rust-hdl simulation model.
#[derive(Debug, Clone, Default)]
pub struct PeModel {
    pub acc_bits: u32,
    acc: i64,
    /// The last 4 terms, newest first.
    line: [Term; 4],
    shadow: i64,
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
        (self.shadow, self.line[3].sat)
    }
    /// The rising edge at the end of a cycle with inputs `x`.
    pub fn edge(&mut self, x: &PeIn) {
        let due = self.line[3];
        if due.last {
            self.shadow = due.acc;
        } else if x.shift {
            self.shadow = x.shadow_in;
        }
        let t = if x.mac_en {
            let base = if x.first { 0 } else { self.acc };
            let (y, s) = fixed::acc_add(base, fixed::mul(x.a, x.b), self.acc_bits);
            self.acc = y;
            Term {
                sat: s,
                last: x.last,
                acc: y,
            }
        } else {
            Term::default()
        };
        self.line.rotate_right(1);
        self.line[0] = t;
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

    /// The model's delays: a tile's result from cycle c + RESULT_LATENCY, a saturated term's pulse
    /// in cycle c + 4, for a term in cycle c.
    #[test]
    fn model_latencies() {
        let mut m = PeModel::new(32);
        let mut seen = vec![];
        for c in 0..12 {
            seen.push(m.outputs());
            let x = PeIn {
                a: -32768,
                b: -32768,
                mac_en: c < 3,
                first: c == 0,
                last: c == 2,
                ..Default::default()
            };
            m.edge(&x);
        }
        // p = 2^30: the 2nd and 3rd terms saturate (pulses in cycles 5, 6), the result H from 7
        let pulses: Vec<bool> = seen.iter().map(|o| o.1).collect();
        assert_eq!(&pulses[3..9], [false, false, true, true, false, false]);
        assert_eq!(seen[2 + RESULT_LATENCY - 1].0, 0);
        assert_eq!(seen[2 + RESULT_LATENCY].0, fixed::max_of(32));
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

    /// All three simulators, lint, latch check, corrupted-vector self-test: the default 32-bit
    /// accumulator and narrow ones (the general range check `v[32:A] = 0`, the loads' `2^A`).
    /// One test, run in sequence: every run of unit `pe` uses the same build directory.
    #[test]
    fn pe_three_simulators() {
        for acc_bits in [32, 16, 24, 31] {
            assert!(
                harness::prove_unit(&unit(acc_bits)) >= 1000,
                "acc_bits {acc_bits}"
            );
        }
    }
}
