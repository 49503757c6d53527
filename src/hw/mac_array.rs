//! The R×C MAC array: output-stationary, broadcast (not systolic), double-buffered.
//!
//! # Math (each PE equals `fixed::mul` + `fixed::acc_add`, see [`crate::hw::pe`])
//! Each cycle with `mac_en`, row `i` receives `a_i` and column `j` receives `b_j` (16-bit each), and
//! PE(i,j) does `acc ← sat_{acc_bits}(acc + a_i·b_j)` (`first`: `acc ← sat(0 + a_i·b_j)`). Over a
//! tile of `k` enabled cycles the array computes one R×C block of `A·B` with `A` R×k (streamed by
//! columns) and `B` k×C (streamed by rows), saturating after every add as the golden model does.
//!
//! # The three training GEMMs (k = the reduction length)
//! - Forward `Y = X·W` (X: batch×in, W: in×out): rows = batch samples, cols = output neurons,
//!   k = inputs; cycle `t` presents `a_i = X[s_i][t]`, `b_j = W[t][n_j]`.
//! - Backward `dX = δ·Wᵀ` (δ: batch×out): rows = batch samples, cols = input neurons, k = output
//!   neurons; `a_i = δ[s_i][t]`, `b_j = W[n_j][t]` — W read transposed by addressing, no copy.
//! - Gradient `dW = Xᵀ·δ`: rows = inputs, cols = output neurons, k = batch samples;
//!   `a_i = X[t][r_i]`, `b_j = δ[t][n_j]`.
//!
//! # Timing, fill and drain
//! - PE result latency [`RESULT_LATENCY`](super::pe::RESULT_LATENCY) = 5: a tile whose `last` term
//!   is presented in cycle `t` shows its result on the shadows from cycle `t + 5` (the PE adds the
//!   terms in two skewed lanes with a lazy clamp, see [`crate::hw::pe`]). A tile of `k` terms occupies the
//!   inputs for `k` cycles; the fill cost is paid once per stream (back-to-back tiles overlap:
//!   `first` of the next tile may follow `last` directly).
//! - Double buffer: on `last` every PE copies its final sum into `shadow_q`. Drain = a shift chain
//!   per column: `acc_out[j]` shows row 0's shadow; each `shift` cycle moves every row up by one
//!   (row R−1 takes 0). Draining a tile takes R cycles (R rows of C values, C values per cycle) and
//!   runs while the next tile accumulates, so it is free when `k ≥ R` (the next `last` must not
//!   arrive before the drain ends: a load wins over a shift).
//! - Steady state: an R×C×k tile costs `max(k, R)` cycles; R·C MACs per cycle.
//!
//! ```text
//!          b_0      b_1   …  b_{C-1}        (broadcast down the columns)
//!           │        │          │
//!   a_0 ──►PE00 ───►PE01 ─ … ─►PE0,C-1      (a_i broadcast along row i)
//!           ▲        ▲          ▲   shadow chain: acc_out[j] = PE(0,j).shadow,
//!   a_1 ──►PE10 ───►PE11 ─ … ─►PE1,C-1            PE(i,j).shadow_in = PE(i+1,j).shadow
//!           ▲        ▲          ▲
//!           …        …          …
//! ```
//! Outputs: `acc_out[j]` (C × 32 bits, the drained row) and `sat[i·C+j]` (one bit per PE: a pulse
//! per saturated add, a few cycles after it; the engine's counter adds them).

use super::harness::{self, HwUnit, Port, Vectors};
use super::pe::{Pe, PeIn, PeModel};
use super::{from_signed, to_signed};
use crate::config::Config;
use rust_hdl::prelude::*;

#[derive(LogicBlock)]
pub struct MacArray {
    pub clock: Signal<In, Clock>,
    /// Row operands `a_i` (R × 16 bits).
    pub a_in: Vec<Signal<In, Signed<16>>>,
    /// Column operands `b_j` (C × 16 bits).
    pub b_in: Vec<Signal<In, Signed<16>>>,
    pub mac_en: Signal<In, Bit>,
    pub first: Signal<In, Bit>,
    pub last: Signal<In, Bit>,
    /// Drain one row (shift the shadow chain up).
    pub shift: Signal<In, Bit>,
    /// The drained row: PE(0,j)'s shadow (C × 32 bits).
    pub acc_out: Vec<Signal<Out, Signed<32>>>,
    /// Per-PE saturation pulse, index `i·C + j`.
    pub sat: Vec<Signal<Out, Bit>>,
    /// PE(i,j) at `i·C + j`.
    pes: Vec<Pe>,
    /// 0 fed into the bottom of the drain chain.
    zero_c: Constant<Signed<32>>,
    _rows: usize,
    _cols: usize,
}

impl MacArray {
    pub fn new(rows: usize, cols: usize, acc_bits: u32) -> MacArray {
        assert!(
            rows >= 1 && cols >= 1,
            "array {rows}×{cols}: rows, cols ≥ 1"
        );
        MacArray {
            clock: Default::default(),
            a_in: (0..rows).map(|_| Default::default()).collect(),
            b_in: (0..cols).map(|_| Default::default()).collect(),
            mac_en: Default::default(),
            first: Default::default(),
            last: Default::default(),
            shift: Default::default(),
            acc_out: (0..cols).map(|_| Default::default()).collect(),
            sat: (0..rows * cols).map(|_| Default::default()).collect(),
            pes: (0..rows * cols).map(|_| Pe::new(acc_bits)).collect(),
            zero_c: Constant::new(to_signed(0)),
            _rows: rows,
            _cols: cols,
        }
    }
}

impl Logic for MacArray {
    // hdl_gen loops must index (`self.pes[..]`); emitted array indices may only use loop variables,
    // hence the one-iteration loop binding `c` = cols (rust-hdl notes, pitfall 5).
    #[allow(clippy::needless_range_loop)]
    #[hdl_gen]
    fn update(&mut self) {
        for c in self._cols..(self._cols + 1) {
            for i in 0..self._rows {
                for j in 0..self._cols {
                    self.pes[i * c + j].clock.next = self.clock.val();
                    self.pes[i * c + j].a_in.next = self.a_in[i].val();
                    self.pes[i * c + j].b_in.next = self.b_in[j].val();
                    self.pes[i * c + j].mac_en.next = self.mac_en.val();
                    self.pes[i * c + j].first.next = self.first.val();
                    self.pes[i * c + j].last.next = self.last.val();
                    self.pes[i * c + j].shift.next = self.shift.val();
                    self.sat[i * c + j].next = self.pes[i * c + j].sat.val();
                }
            }
            for i in 0..(self._rows - 1) {
                for j in 0..self._cols {
                    self.pes[i * c + j].shadow_in.next = self.pes[(i + 1) * c + j].shadow_out.val();
                }
            }
            for i in (self._rows - 1)..self._rows {
                for j in 0..self._cols {
                    self.pes[i * c + j].shadow_in.next = self.zero_c.val();
                }
            }
            for j in 0..self._cols {
                self.acc_out[j].next = self.pes[j].shadow_out.val();
            }
        }
    }
}

/// Cycle model of the array: a grid of [`PeModel`]s (arithmetic by `fixed::mul`/`fixed::acc_add`)
/// with the shadow chain.
pub struct ArrayModel {
    pub rows: usize,
    pub cols: usize,
    pub pes: Vec<PeModel>,
}

impl ArrayModel {
    pub fn new(rows: usize, cols: usize, acc_bits: u32) -> ArrayModel {
        ArrayModel {
            rows,
            cols,
            pes: (0..rows * cols).map(|_| PeModel::new(acc_bits)).collect(),
        }
    }
    /// Outputs of this cycle: acc_out (C) then sat (R·C).
    pub fn outputs(&self) -> Vec<u64> {
        let mut o: Vec<u64> = (0..self.cols)
            .map(|j| self.pes[j].outputs().0 as u64)
            .collect();
        o.extend(self.pes.iter().map(|p| p.outputs().1 as u64));
        o
    }
    /// The rising edge after a cycle with these inputs.
    pub fn edge(&mut self, a: &[i32], b: &[i32], en: bool, first: bool, last: bool, shift: bool) {
        let shadows: Vec<i64> = self.pes.iter().map(|p| p.outputs().0).collect();
        for i in 0..self.rows {
            for j in 0..self.cols {
                let below = if i + 1 < self.rows {
                    shadows[(i + 1) * self.cols + j]
                } else {
                    0
                };
                self.pes[i * self.cols + j].edge(&PeIn {
                    a: a[i],
                    b: b[j],
                    mac_en: en,
                    first,
                    last,
                    shift,
                    shadow_in: below,
                });
            }
        }
    }
}

/// The MAC array as a harness unit.
pub struct MacArrayUnit {
    pub rows: usize,
    pub cols: usize,
    pub acc_bits: u32,
}

impl MacArrayUnit {
    pub fn new(cfg: &Config) -> MacArrayUnit {
        MacArrayUnit {
            rows: cfg.array.rows,
            cols: cfg.array.cols,
            acc_bits: cfg.fixed.acc_bits,
        }
    }
    pub fn build(&self) -> MacArray {
        let mut a = MacArray::new(self.rows, self.cols, self.acc_bits);
        a.connect_all();
        a
    }
    fn ports(&self) -> (Vec<Port>, Vec<Port>) {
        let mut i: Vec<Port> = (0..self.rows)
            .map(|r| Port::labelled(format!("a_in${r}"), 16, format!("row {r} a_in")))
            .collect();
        i.extend(
            (0..self.cols)
                .map(|c| Port::labelled(format!("b_in${c}"), 16, format!("col {c} b_in"))),
        );
        for n in ["mac_en", "first", "last", "shift"] {
            i.push(Port::new(n, 1));
        }
        let mut o: Vec<Port> = (0..self.cols)
            .map(|c| {
                Port::labelled(
                    format!("acc_out${c}"),
                    32,
                    format!("PE(0,{c}) shadow (acc_out {c})"),
                )
            })
            .collect();
        for r in 0..self.rows {
            for c in 0..self.cols {
                o.push(Port::labelled(
                    format!("sat${}", r * self.cols + c),
                    1,
                    format!("PE({r},{c}) sat"),
                ));
            }
        }
        (i, o)
    }
    /// Run `cycles` clock cycles of a fresh array in rust-hdl's simulator with changing inputs
    /// (the benchmark, stimulus [`MacArrayUnit::bench_row`]); returns a checksum of the drained
    /// outputs (wrapping sum of `acc_out[0]`'s bits sampled in every cycle).
    pub fn bench_cycles(&self, cycles: usize) -> u64 {
        let mut arr = self.build();
        let mut sum = 0u64;
        let mut x = BENCH_SEED;
        for t in 0..cycles {
            x = bench_next(x);
            let row = self.bench_row(t, x);
            sum = sum.wrapping_add(super::cycle(
                &mut arr,
                clk,
                |a| apply_row(a, &row),
                |a| a.acc_out[0].val().inner().to_u64(),
            ));
        }
        sum
    }

    /// The benchmark's inputs in cycle `t` for xorshift state `x` ([`bench_next`]), in the port
    /// order of [`HwUnit::vectors`] (`a_in…`, `b_in…`, `mac_en`, `first`, `last`, `shift`): every
    /// simulator of the benchmark (rust-hdl here, Verilator in `mlp-rtl bench --verilator`) drives
    /// these rows and must give the same checksum.
    pub fn bench_row(&self, t: usize, x: u32) -> Vec<u64> {
        let mut row = Vec::with_capacity(self.rows + self.cols + 4);
        self.bench_row_into(t, x, &mut row);
        row
    }

    /// [`MacArrayUnit::bench_row`] into a reused buffer (cleared first).
    pub fn bench_row_into(&self, t: usize, x: u32, row: &mut Vec<u64>) {
        row.clear();
        row.extend((0..self.rows).map(|r| (x >> r) as u16 as u64));
        row.extend((0..self.cols).map(|c| (x >> (c + 8)) as u16 as u64));
        row.extend([
            1,
            t.is_multiple_of(64) as u64,
            (t % 64 == 63) as u64,
            (t % 64 < 8) as u64,
        ]);
    }
}

/// Initial xorshift state of the benchmark stimulus.
pub const BENCH_SEED: u32 = 0x1234_5678;

/// One xorshift32 step (the benchmark's stimulus generator).
#[inline]
pub fn bench_next(mut x: u32) -> u32 {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    x
}

/// Drive the array's inputs from one row in [`HwUnit::vectors`] port order.
fn apply_row(a: &mut MacArray, x: &[u64]) {
    let (rows, cols) = (a.a_in.len(), a.b_in.len());
    for (s, v) in a.a_in.iter_mut().zip(&x[..rows]) {
        s.next = to_signed(*v as i64);
    }
    for (s, v) in a.b_in.iter_mut().zip(&x[rows..rows + cols]) {
        s.next = to_signed(*v as i64);
    }
    let f = &x[rows + cols..];
    a.mac_en.next = f[0] != 0;
    a.first.next = f[1] != 0;
    a.last.next = f[2] != 0;
    a.shift.next = f[3] != 0;
}

fn clk(a: &mut MacArray) -> &mut Signal<In, Clock> {
    &mut a.clock
}

impl HwUnit for MacArrayUnit {
    fn name(&self) -> &'static str {
        "mac_array"
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
    }
    fn vectors(&self, seed: u64) -> Vectors {
        let mut r = harness::runner(seed);
        let (i, o) = self.ports();
        let nout = o.len();
        let mut v = Vectors::new(i, o);
        let stream = super::pe::tile_stream(&mut r, self.rows, self.cols, 3000);
        let shift_s = proptest::bool::weighted(0.35);
        let mut m = ArrayModel::new(self.rows, self.cols, self.acc_bits);
        m.edge(
            &vec![0; self.rows],
            &vec![0; self.cols],
            false,
            false,
            false,
            false,
        );
        for (n, (a, b, en, first, last)) in stream.into_iter().enumerate() {
            let shift = harness::draw(&mut r, &shift_s);
            let mut ins: Vec<u64> = a.iter().map(|&x| x as u64).collect();
            ins.extend(b.iter().map(|&x| x as u64));
            ins.extend([en as u64, first as u64, last as u64, shift as u64]);
            v.push(ins, m.outputs(), vec![true; nout], format!("cycle {n}"));
            m.edge(&a, &b, en, first, last, shift);
        }
        v
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let mut arr = self.build();
        super::cycle(&mut arr, clk, |_| {}, |_| ());
        inputs
            .iter()
            .map(|x| {
                super::cycle(
                    &mut arr,
                    clk,
                    |a| apply_row(a, x),
                    |a| {
                        let mut o: Vec<u64> = a
                            .acc_out
                            .iter()
                            .map(|s| from_signed(s.val()) as u64)
                            .collect();
                        o.extend(a.sat.iter().map(|s| s.val() as u64));
                        o
                    },
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        /// rust-hdl vs golden on random shapes and accumulator widths.
        #[test]
        fn rusthdl_equals_golden(seed in any::<u64>(), rows in 1usize..=4, cols in 1usize..=5, acc_bits in 16u32..=32) {
            let u = MacArrayUnit { rows, cols, acc_bits };
            let mut v = u.vectors(seed);
            v.vectors.truncate(400);
            let r = harness::check_rusthdl(&u, &v);
            prop_assert_eq!(r.mismatches, 0, "{}", r.report.join("\n"));
        }
    }

    #[test]
    fn mac_array_three_simulators() {
        harness::prove_unit(&MacArrayUnit::new(&Config::default()));
    }

    /// A plain GEMM through the array equals the golden accumulation (drained row by row).
    #[test]
    fn gemm_tile_drains_in_rows() {
        let (rows, cols, k) = (4, 4, 70);
        let u = MacArrayUnit {
            rows,
            cols,
            acc_bits: 32,
        };
        let mut arr = u.build();
        let a: Vec<Vec<i32>> = (0..rows)
            .map(|i| {
                (0..k)
                    .map(|t| ((i * 7919 + t * 104729) % 65536) as i32 - 32768)
                    .collect()
            })
            .collect();
        let b: Vec<Vec<i32>> = (0..k)
            .map(|t| {
                (0..cols)
                    .map(|j| ((t * 31 + j * 1009) % 200) as i32 - 100)
                    .collect()
            })
            .collect();
        super::super::cycle(&mut arr, clk, |_| {}, |_| ());
        let mut drained = vec![];
        // the result is in the shadows from cycle t0 on (the PE's result latency after the last
        // term); one row per shift
        let t0 = k - 1 + super::super::pe::RESULT_LATENCY;
        for t in 0..t0 + rows {
            let out = super::super::cycle(
                &mut arr,
                clk,
                |x| {
                    for (s, ai) in x.a_in.iter_mut().zip(&a) {
                        s.next = to_signed(if t < k { ai[t] as i64 } else { 0 });
                    }
                    for (j, s) in x.b_in.iter_mut().enumerate() {
                        s.next = to_signed(if t < k { b[t][j] as i64 } else { 0 });
                    }
                    x.mac_en.next = t < k;
                    x.first.next = t == 0;
                    x.last.next = t + 1 == k;
                    x.shift.next = t >= t0;
                },
                |x| {
                    x.acc_out
                        .iter()
                        .map(|s| from_signed(s.val()))
                        .collect::<Vec<_>>()
                },
            );
            if t >= t0 && drained.len() < rows {
                drained.push(out);
            }
        }
        for i in 0..rows {
            for j in 0..cols {
                let mut acc = 0;
                for t in 0..k {
                    acc = crate::fixed::acc_add(acc, crate::fixed::mul(a[i][t], b[t][j]), 32).0;
                }
                assert_eq!(drained[i][j], acc, "C[{i}][{j}]");
            }
        }
    }
}
