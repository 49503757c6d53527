//! The microprogram of one training step: one instruction per GEMM or phase, its cycle model, and its
//! encoding as the sequencer's ROM words (pure Rust, no hardware).
//!
//! # Instructions (docs/ENGINE.md, "Order of one training step")
//! For layer widths `n_0 … n_L` (L layers), array `R × C`, batch `B`:
//! ```text
//!   FWD 0 … FWD L−1 │ LOSS │ DX L−1, DW L−1, DX L−2, DW L−2, …, DW 0 (no DX 0) │ END
//! ```
//! Every GEMM computes an `M × N` output as `R × C` tiles (row-major over tiles), each the sum of `K`
//! outer products of an A column (R lanes, indexed by m) and a B row (C lanes, indexed by n):
//!
//! | instr | M | N | K | A(m,k) | B(k,n) | sink (drain goes to) |
//! |---|---|---|---|---|---|---|
//! | FWD l | batch | n_{l+1} | n_l+1 | ACT[l](m,k) | W[l](k,n) | activation unit → ACT[l+1] (last layer: loss unit) |
//! | LOSS | – | – | – | – | – | loss unit finishes δ_L → ERR[L−1] |
//! | DX l | batch | n_l | n_{l+1} | ERR[l](m,k) | W[l](n,k) (transposed) | derivative unit (reads ACT[l]) → ERR[l−1] |
//! | DW l | n_l+1 | n_{l+1} | batch | ACT[l](k,m) (transposed) | ERR[l](k,n) | update unit → W[l], V[l] |
//!
//! `ACT[0]` is the input X; `ACT[l]` is `batch × (n_l+1)` with column `n_l` holding 1.0 (the bias
//! input), `W[l]`/`V[l]` are `(n_l+1) × n_{l+1}` (row `n_l` = bias), `ERR[l]` is `batch × n_{l+1}`
//! (δ at the output of layer l). "Transposed" means the operand is read across the memory's other
//! dimension — a skewed memory reads both ways (`skew_mem`). A short batch (BATCH register) shrinks M of
//! FWD/DX and K of DW: those fields are flagged `*_is_batch` and the sequencer substitutes BATCH.
//!
//! # Timing rules (what the sequencer does, and so what the cycle model counts)
//! One *issue* per cycle: the sequencer presents the A and B read requests of one `(tile, k)`; the
//! operands arrive `read_latency` cycles later and the PE adds them `pe_latency` cycles after the
//! issue (the shadow register is loaded at the end of cycle `e + read_latency + pe_latency − 1` for
//! a tile whose last term issued in cycle `e`). Let `e` be the cycle of the most recent *last-term*
//! issue and `D` the drain time of that tile's sink (`R` cycles for the row sinks — one array row of C
//! values per cycle — and `R·C` for the serial update unit). Then:
//! 1. **Drain spacing**: a tile's last term issues only when `cycle − e ≥ D` (the shadow registers are
//!    free again). Within a GEMM a tile therefore takes `max(K, D)` cycles; when `K < D` the bubble sits
//!    just before the last term (the accumulators hold while `mac_en` is low).
//! 2. **Barrier**: an instruction with `barrier = Bd > 0` issues its first term only when
//!    `cycle − e ≥ Bd`. `Bd = read_latency + pe_latency + D_prev + S_max` (the last drain of the
//!    previous instruction is written to its memory, `S_max` = slowest sink pipeline); for LOSS also
//!    `+ loss_tail`. An instruction gets a barrier iff a memory it reads (operands) or uses (its sink)
//!    is used by the sink of an instruction issued since the last barrier (data or port hazard), or
//!    when such a sink has a longer pipeline than its own (`sink_latency`: the two sinks' writes
//!    could meet on the drain's one write port — DW l → DX l−1 with the engine's 10-cycle update).
//!    Otherwise GEMMs follow each other with no gap (e.g. DX l → DW l, DW l → DW l−1).
//! 3. LOSS and END issue nothing: each waits for its barrier and takes one cycle; END raises `done`.
//!
//! The engine top runs [`Program::for_engine`]: the measured sink latencies ([`Timing::engine`]) and
//! a LOSS barrier fitted to its loss units ([`Program::fit_loss_barrier`]); `Program::new` keeps the
//! original assumptions (the docs table). The cycle model below (`Program::cycle_model`) is the
//! closed form of these rules; `Program::schedule`
//! is the cycle-by-cycle iterator the hardware sequencer is tested against (a test pins that both agree).
//! The "array cycles" of the docs table are `Σ tiles·K` (ideal: no bubbles, no barriers).
//!
//! # ROM format (three 32-bit words per instruction, `Program::rom_words`)
//! ```text
//! word0: [11:0] M   [23:12] N   [26:24] phase (0 FWD, 1 LOSS, 2 DX, 3 DW, 4 END)
//!        [30:27] layer   [31] M is BATCH
//! word1: [11:0] K   [12] K is BATCH   [18:13] A memory   [19] A transposed
//!        [25:20] B memory   [26] B transposed   [29:27] sink (0 none, 1 act, 2 loss, 3 deriv, 4 update)
//! word2: [11:0] D (drain cycles per tile)   [27:12] barrier   [31:28] sink memory layer
//! memory id (6 bits): [5:4] kind (0 ACT, 1 ERR, 2 W, 3 V), [3:0] layer
//! ```
//! Sink memory layer: the layer index of the memory the sink writes (ACT[l+1] for FWD l, ERR[l−1] for
//! DX l, W/V[l] for DW l, ERR[L−1] for the loss unit).

use crate::config::Config;
use std::collections::BTreeSet;

/// What an instruction does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Fwd,
    Loss,
    Dx,
    Dw,
    End,
}

impl Phase {
    pub fn code(self) -> u32 {
        match self {
            Phase::Fwd => 0,
            Phase::Loss => 1,
            Phase::Dx => 2,
            Phase::Dw => 3,
            Phase::End => 4,
        }
    }
    pub fn from_code(c: u32) -> Phase {
        match c {
            0 => Phase::Fwd,
            1 => Phase::Loss,
            2 => Phase::Dx,
            3 => Phase::Dw,
            4 => Phase::End,
            _ => panic!("bad phase code {c}"),
        }
    }
    pub fn is_gemm(self) -> bool {
        matches!(self, Phase::Fwd | Phase::Dx | Phase::Dw)
    }
}

/// A logical memory of the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mem {
    /// Activations entering layer l (`ACT[0]` = X), `batch × (n_l + 1)`, last column 1.0.
    Act(usize),
    /// δ at the output of layer l, `batch × n_{l+1}`.
    Err(usize),
    /// Augmented weights of layer l, `(n_l + 1) × n_{l+1}`.
    W(usize),
    /// Momentum of layer l, same shape as W.
    V(usize),
}

impl Mem {
    /// 6-bit id: kind in [5:4], layer in [3:0].
    pub fn code(self) -> u32 {
        let (k, l) = match self {
            Mem::Act(l) => (0, l),
            Mem::Err(l) => (1, l),
            Mem::W(l) => (2, l),
            Mem::V(l) => (3, l),
        };
        assert!(l < 16, "layer {l} does not fit the 4-bit memory id");
        (k << 4) | l as u32
    }
    pub fn from_code(c: u32) -> Mem {
        let l = (c & 15) as usize;
        match (c >> 4) & 3 {
            0 => Mem::Act(l),
            1 => Mem::Err(l),
            2 => Mem::W(l),
            _ => Mem::V(l),
        }
    }
}

/// A GEMM operand: which memory, and whether it is read across its other dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operand {
    pub mem: Mem,
    pub transposed: bool,
}

/// Where the drained output tiles go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sink {
    /// Narrow + activation → `ACT[l]`.
    Act(usize),
    /// Logits → softmax/MSE gradient unit → `ERR[l]` (l = L−1).
    Loss(usize),
    /// Narrow + derivative (reads `ACT[l]`) → `ERR[l−1]`.
    Deriv(usize),
    /// Momentum update of `W[l]`, `V[l]` (read-modify-write).
    Update(usize),
}

impl Sink {
    pub fn code(self) -> u32 {
        match self {
            Sink::Act(_) => 1,
            Sink::Loss(_) => 2,
            Sink::Deriv(_) => 3,
            Sink::Update(_) => 4,
        }
    }
    /// Layer index of the memory the sink writes.
    pub fn target_layer(self) -> usize {
        match self {
            Sink::Act(l) | Sink::Loss(l) | Sink::Update(l) => l,
            Sink::Deriv(l) => l - 1,
        }
    }
    pub fn from_code(c: u32, target: usize) -> Option<Sink> {
        match c {
            0 => None,
            1 => Some(Sink::Act(target)),
            2 => Some(Sink::Loss(target)),
            3 => Some(Sink::Deriv(target + 1)),
            4 => Some(Sink::Update(target)),
            _ => panic!("bad sink code {c}"),
        }
    }
    /// Memories the sink reads or writes while draining.
    pub fn mems(self) -> Vec<Mem> {
        match self {
            Sink::Act(l) => vec![Mem::Act(l)],
            Sink::Loss(l) => vec![Mem::Err(l)],
            Sink::Deriv(l) => vec![Mem::Act(l), Mem::Err(l - 1)],
            Sink::Update(l) => vec![Mem::W(l), Mem::V(l)],
        }
    }
    pub fn unit(self) -> &'static str {
        match self {
            Sink::Act(_) => "activation",
            Sink::Loss(_) => "loss",
            Sink::Deriv(_) => "derivative",
            Sink::Update(_) => "update",
        }
    }
}

/// Pipeline assumptions of the cycle model (the sequencer hard-codes none of them: they reach it
/// through the ROM's `D` and `barrier` fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timing {
    /// Issue → operands at the array (the skewed memories' synchronous read).
    pub read_latency: usize,
    /// Operands at the array → shadow register loaded (registered product, then the add).
    pub pe_latency: usize,
    /// Bottom-row value out of the array → written to its memory, per sink
    /// `[act, loss, deriv, update]` (assumed; the integration sets the units' real latencies).
    pub sink_latency: [usize; 4],
    /// Cycles the loss unit needs after the last logit row arrives to finish δ_L (assumed
    /// `2·classes·R`: two passes over the last row-tile's logits).
    pub loss_tail: usize,
}

impl Timing {
    pub fn for_array(rows: usize, classes: usize) -> Timing {
        Timing {
            read_latency: crate::hw::skew_mem::READ_LATENCY,
            pe_latency: crate::hw::pe::RESULT_LATENCY,
            sink_latency: [2, 2, 2, 4],
            loss_tail: 2 * classes * rows,
        }
    }
    /// The engine's measured pipeline: 2-cycle operand reads (the skewed memories' `rd_data_q`,
    /// `skew_mem::READ_LATENCY`), the PE's `pe::RESULT_LATENCY` (5) cycles; a value visible on
    /// the array output in cycle x is narrowed (`narrow::PIPED_LATENCY` = 2 cycles) and presented
    /// to the memories by the activation and derivative units (`act_unit::LATENCY` = 2 cycles)
    /// in cycle x+4, by the update unit (`update_unit::LATENCY` = 9 cycles) in cycle x+11; the
    /// memories' write registers (`skew_mem::WRITE_DELAY` = 1) write them at the end of x+5
    /// (x+12). The loss unit takes the narrowed logits at the end of x+2.
    /// The loss tail is fitted per program ([`Program::fit_loss_barrier`]).
    pub fn engine() -> Timing {
        Timing {
            read_latency: crate::hw::skew_mem::READ_LATENCY,
            pe_latency: crate::hw::pe::RESULT_LATENCY,
            sink_latency: [
                NARROW + crate::hw::act_unit::LATENCY + WRITE_DELAY,
                NARROW,
                NARROW + crate::hw::act_unit::LATENCY + WRITE_DELAY,
                NARROW + crate::hw::update_unit::LATENCY + WRITE_DELAY,
            ],
            loss_tail: 0,
        }
    }
    fn s_max(&self) -> usize {
        *self.sink_latency.iter().max().unwrap()
    }
}

/// The engine's output narrowing (`narrow::NarrowPiped`): cycles from a value visible on the
/// array output to its narrowed value.
const NARROW: usize = crate::hw::narrow::PIPED_LATENCY;

/// The memories' write registers (`skew_mem::WRITE_DELAY`): a write presented in cycle t lands
/// at the end of cycle t + 1.
const WRITE_DELAY: usize = crate::hw::skew_mem::WRITE_DELAY;

/// Cycles from a logit row visible on the array output to the loss unit taking it (the narrowing).
pub const LOSS_INPUT_DELAY: usize = NARROW;

/// Cycles one engine loss unit (`hw::loss_unit::LossGrad`) is occupied by a sample: start, N
/// logits (+2: the max pipeline), N exps (+5 pipeline), the 15-cycle divider, N errors (+8
/// pipeline) = `3N + 31` ([`SAMPLE_OVERHEAD`](super::loss_unit::SAMPLE_OVERHEAD) = 31); the last
/// error leaves in its last cycle.
pub fn loss_sample_cycles(classes: usize) -> usize {
    3 * classes + super::loss_unit::SAMPLE_OVERHEAD
}

/// One microprogram instruction (dimensions at the full batch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instr {
    pub phase: Phase,
    pub layer: usize,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    /// M is the BATCH register (FWD, DX).
    pub m_is_batch: bool,
    /// K is the BATCH register (DW).
    pub k_is_batch: bool,
    pub a: Option<Operand>,
    pub b: Option<Operand>,
    pub sink: Option<Sink>,
    /// Cycles one tile's drain occupies the shadow registers (0 for LOSS/END).
    pub drain: usize,
    /// Minimum distance from the last last-term issue before this instruction starts (0 = none).
    pub barrier: usize,
}

impl Instr {
    /// `(M, N, K)` for a step of `batch` samples.
    pub fn dims(&self, batch: usize) -> (usize, usize, usize) {
        (
            if self.m_is_batch { batch } else { self.m },
            self.n,
            if self.k_is_batch { batch } else { self.k },
        )
    }
    /// Short name for tables and timelines (`FWD 0`, `LOSS`, `DW 1`, `END`).
    pub fn name(&self) -> String {
        match self.phase {
            Phase::Fwd => format!("FWD {}", self.layer),
            Phase::Loss => "LOSS".into(),
            Phase::Dx => format!("DX {}", self.layer),
            Phase::Dw => format!("DW {}", self.layer),
            Phase::End => "END".into(),
        }
    }
    fn operand_mems(&self) -> Vec<Mem> {
        self.a.iter().chain(self.b.iter()).map(|o| o.mem).collect()
    }
}

/// The microprogram of one training step for one config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// Array rows R (tile rows, A lanes) and columns C (tile cols, B lanes).
    pub rows: usize,
    pub cols: usize,
    /// Full batch (train.batch_size); a step may run with 1..=batch samples.
    pub batch: usize,
    pub layers: Vec<usize>,
    pub timing: Timing,
    pub instrs: Vec<Instr>,
}

/// One issue: the `(tile, k)` whose operands are requested in this cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Issue {
    pub pc: usize,
    /// First output row / column of the tile (m0 = tile row · R, n0 = tile col · C).
    pub m0: usize,
    pub n0: usize,
    pub k: usize,
    pub first: bool,
    pub last: bool,
    /// Valid rows / cols of the tile (edge tiles are smaller).
    pub rows: usize,
    pub cols: usize,
}

/// What the sequencer does in one cycle of a step (cycle 0 = the first busy cycle).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepCycle {
    /// Instruction being executed in this cycle.
    pub pc: usize,
    pub issue: Option<Issue>,
}

/// Cycle-model figures of one instruction.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseStats {
    pub name: String,
    /// Unit doing the work: `array→activation`, `loss`, `array→update`, …
    pub unit: String,
    pub tiles_m: usize,
    pub tiles_n: usize,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    /// `tiles·K`: cycles with an issue.
    pub array_cycles: usize,
    pub useful_macs: usize,
    /// `useful_macs / (R·C·array_cycles)`.
    pub ideal_utilization: f64,
    /// First and one-past-last cycle of the phase (GEMM: its issues incl. stalls; LOSS: the loss
    /// unit's tail; END: the final drain), in cycles after start.
    pub start: usize,
    pub end: usize,
}

/// The cycle model of one step.
#[derive(Debug, Clone, PartialEq)]
pub struct CycleModel {
    pub phases: Vec<PhaseStats>,
    /// Σ tiles·K over the GEMMs (the docs' "array cycles").
    pub array_cycles: usize,
    pub useful_macs: usize,
    /// `useful_macs / (R·C·array_cycles)`.
    pub ideal_utilization: f64,
    /// Busy cycles from start to done (barriers, drain bubbles, final drain included).
    pub total_cycles: usize,
    /// `useful_macs / (R·C·total_cycles)`.
    pub utilization: f64,
}

/// ROM field limits.
pub const DIM_BITS: u32 = 12;
pub const BARRIER_BITS: u32 = 16;
/// Most instructions the sequencer's ROM holds (6-bit pc).
pub const MAX_INSTRS: usize = 64;

impl Program {
    /// The program of `cfg` (layers, batch, array shape) with the default timing assumptions.
    pub fn new(cfg: &Config) -> Program {
        let layers = cfg.model.layers.clone();
        let timing = Timing::for_array(cfg.array.rows, *layers.last().unwrap());
        Program::build(
            &layers,
            cfg.train.batch_size,
            cfg.array.rows,
            cfg.array.cols,
            timing,
        )
    }

    /// The program the engine top runs ([`crate::hw::engine`]): the measured sink latencies
    /// ([`Timing::engine`]) and the LOSS barrier fitted to the loss unit ([`Program::fit_loss_barrier`]).
    pub fn for_engine(cfg: &Config) -> Program {
        let layers = cfg.model.layers.clone();
        let mut p = Program::build(
            &layers,
            cfg.train.batch_size,
            cfg.array.rows,
            cfg.array.cols,
            Timing::engine(),
        );
        p.fit_loss_barrier(cfg.array.rows.max(cfg.array.cols).next_power_of_two());
        p
    }

    /// Set LOSS's barrier to what the engine's loss units need, for every batch size: a sample
    /// is complete when the narrowed row holding its last logits is taken (the edge ending cycle
    /// `e + read_latency + pe_latency + i + LOSS_INPUT_DELAY` for row i of a tile whose last term issued in cycle `e`); it goes
    /// to loss unit `sample mod R`, which starts it the cycle after (or when the unit is free:
    /// [`loss_sample_cycles`] per sample); its δ row is ready at the edge ending its last cycle and
    /// written in `⌈N/P⌉` P-lane chunks, one per cycle, first come first served (each lands
    /// `skew_mem::WRITE_DELAY` cycles later). DX L−1 (the first reader of δ_L) must issue after
    /// the last write.
    pub fn fit_loss_barrier(&mut self, p: usize) {
        let li = self
            .instrs
            .iter()
            .position(|i| i.phase == Phase::Loss)
            .expect("LOSS");
        let classes = *self.layers.last().unwrap();
        let t = loss_sample_cycles(classes);
        let chunks = classes.div_ceil(p);
        let base = self.instrs[li].barrier - self.timing.loss_tail;
        let mut need = base;
        for b in 1..=self.batch {
            let sched = self.schedule(b);
            let nn = self.instrs[li - 1].n;
            let mut e = 0;
            let mut free = vec![0usize; self.rows];
            let mut ready = Vec::new();
            for (cyc, sc) in sched.iter().enumerate() {
                if sc.pc >= li {
                    break;
                }
                if let Some(is) = sc.issue {
                    if is.last {
                        e = cyc;
                        if is.pc == li - 1 && is.n0 + is.cols >= nn {
                            for i in 0..is.rows {
                                // visible on acc_out read + PE latency cycles after the issue
                                let c = cyc
                                    + self.timing.read_latency
                                    + self.timing.pe_latency
                                    + i
                                    + LOSS_INPUT_DELAY;
                                let u = (is.m0 + i) % self.rows;
                                let y = (c + 1).max(free[u]);
                                free[u] = y + t;
                                ready.push(y + t - 1);
                            }
                        }
                    }
                }
            }
            ready.sort_unstable();
            let mut last_w = 0usize;
            for r in ready {
                for _ in 0..chunks {
                    last_w = (r + 1).max(last_w + 1);
                }
            }
            // the memory's write registers: the last chunk lands WRITE_DELAY cycles later
            need = need.max((last_w + WRITE_DELAY).saturating_sub(e));
        }
        self.instrs[li].barrier = need;
        self.timing.loss_tail = need - base;
        self.check_fields();
    }

    /// The program for explicit dimensions.
    pub fn build(
        layers: &[usize],
        batch: usize,
        rows: usize,
        cols: usize,
        timing: Timing,
    ) -> Program {
        assert!(layers.len() >= 2, "need at least one layer");
        assert!(layers.iter().all(|&w| w >= 1), "empty layer in {layers:?}");
        assert!(batch >= 1 && rows >= 1 && cols >= 1);
        let nl = layers.len() - 1;
        assert!(
            nl < 16,
            "{nl} layers: at most 15 fit the 4-bit layer fields"
        );
        let (r, c) = (rows, cols);
        let mut v = Vec::new();
        let gemm = |phase, layer, m, n, k, mb, kb, a, at, b, bt, sink: Sink| Instr {
            phase,
            layer,
            m,
            n,
            k,
            m_is_batch: mb,
            k_is_batch: kb,
            a: Some(Operand {
                mem: a,
                transposed: at,
            }),
            b: Some(Operand {
                mem: b,
                transposed: bt,
            }),
            sink: Some(sink),
            drain: if matches!(sink, Sink::Update(_)) {
                r * c
            } else {
                r
            },
            barrier: 0,
        };
        let marker = |phase| Instr {
            phase,
            layer: 0,
            m: 0,
            n: 0,
            k: 0,
            m_is_batch: false,
            k_is_batch: false,
            a: None,
            b: None,
            sink: None,
            drain: 0,
            barrier: 0,
        };
        for l in 0..nl {
            let sink = if l + 1 == nl {
                Sink::Loss(l)
            } else {
                Sink::Act(l + 1)
            };
            #[rustfmt::skip]
            v.push(gemm(Phase::Fwd, l, batch, layers[l + 1], layers[l] + 1, true, false,
                        Mem::Act(l), false, Mem::W(l), false, sink));
        }
        let mut loss = marker(Phase::Loss);
        loss.layer = nl - 1;
        v.push(loss);
        for l in (0..nl).rev() {
            if l > 0 {
                #[rustfmt::skip]
                v.push(gemm(Phase::Dx, l, batch, layers[l], layers[l + 1], true, false,
                            Mem::Err(l), false, Mem::W(l), true, Sink::Deriv(l)));
            }
            #[rustfmt::skip]
            v.push(gemm(Phase::Dw, l, layers[l] + 1, layers[l + 1], batch, false, true,
                        Mem::Act(l), true, Mem::Err(l), false, Sink::Update(l)));
        }
        v.push(marker(Phase::End));

        // Barriers (module doc, rule 2).
        let tm = &timing;
        let fb = |d: usize| tm.read_latency + tm.pe_latency + d + tm.s_max();
        let mut window: Vec<Sink> = Vec::new();
        let mut d_prev = 0;
        for ins in v.iter_mut() {
            match ins.phase {
                Phase::Loss => {
                    ins.barrier = fb(d_prev) + tm.loss_tail;
                    window.clear();
                }
                Phase::End => ins.barrier = fb(d_prev),
                _ => {
                    let mut used: BTreeSet<Mem> = ins.operand_mems().into_iter().collect();
                    used.extend(ins.sink.unwrap().mems());
                    // A sink slower than this one (the update unit after DW, then a DX's
                    // derivative) would meet its writes on the drain's one write port: a barrier.
                    let lat = |s: Sink| tm.sink_latency[s.code() as usize - 1];
                    let sink = ins.sink.unwrap();
                    let hazard = window
                        .iter()
                        .any(|s| s.mems().iter().any(|m| used.contains(m)) || lat(*s) > lat(sink));
                    if hazard {
                        ins.barrier = fb(d_prev);
                        window.clear();
                    }
                    window.push(ins.sink.unwrap());
                    d_prev = ins.drain;
                }
            }
        }
        let p = Program {
            rows,
            cols,
            batch,
            layers: layers.to_vec(),
            timing,
            instrs: v,
        };
        p.check_fields();
        p
    }

    fn check_fields(&self) {
        assert!(self.instrs.len() <= MAX_INSTRS, "program too long");
        for i in &self.instrs {
            for x in [i.m, i.n, i.k, i.drain, self.batch] {
                assert!(
                    x < 1 << DIM_BITS,
                    "{}: {x} does not fit {DIM_BITS} bits",
                    i.name()
                );
            }
            assert!(
                i.barrier < 1 << BARRIER_BITS,
                "{}: barrier too long",
                i.name()
            );
        }
    }

    /// `(tiles_m, tiles_n)` of an instruction for `batch`.
    pub fn tiles(&self, ins: &Instr, batch: usize) -> (usize, usize) {
        let (m, n, _) = ins.dims(batch);
        (m.div_ceil(self.rows), n.div_ceil(self.cols))
    }

    /// The cycle-by-cycle schedule of one step of `batch` samples: exactly what the sequencer does
    /// (one entry per busy cycle; the last entry is END's cycle).
    pub fn schedule(&self, batch: usize) -> Vec<StepCycle> {
        assert!(
            (1..=self.batch).contains(&batch),
            "batch {batch} not in 1..={}",
            self.batch
        );
        let (r, c) = (self.rows, self.cols);
        let mut out = Vec::new();
        let mut since = usize::MAX; // cycles since the last last-term issue
        let mut d_prev = 0;
        let (mut pc, mut fresh, mut k, mut m0, mut n0) = (0usize, true, 0usize, 0usize, 0usize);
        loop {
            let ins = &self.instrs[pc];
            let mut cyc = StepCycle { pc, issue: None };
            let mut next_since = since.saturating_add(1);
            let mut finished = false;
            if ins.phase.is_gemm() {
                let (mm, nn, kk) = ins.dims(batch);
                let is_last = k == kk - 1;
                if (!fresh || since >= ins.barrier) && (!is_last || since >= d_prev) {
                    cyc.issue = Some(Issue {
                        pc,
                        m0,
                        n0,
                        k,
                        first: k == 0,
                        last: is_last,
                        rows: r.min(mm - m0),
                        cols: c.min(nn - n0),
                    });
                    fresh = false;
                    if is_last {
                        k = 0;
                        next_since = 1;
                        d_prev = ins.drain;
                        if n0 + c >= nn {
                            n0 = 0;
                            if m0 + r >= mm {
                                m0 = 0;
                                pc += 1;
                                fresh = true;
                            } else {
                                m0 += r;
                            }
                        } else {
                            n0 += c;
                        }
                    } else {
                        k += 1;
                    }
                }
            } else if since >= ins.barrier {
                if ins.phase == Phase::End {
                    finished = true;
                } else {
                    pc += 1;
                    fresh = true;
                }
            }
            since = next_since;
            out.push(cyc);
            if finished {
                return out;
            }
        }
    }

    /// The closed-form cycle model of one step of `batch` samples (module doc, timing rules).
    pub fn cycle_model(&self, batch: usize) -> CycleModel {
        let (r, c) = (self.rows, self.cols);
        let rc = (r * c) as f64;
        let mut phases = Vec::new();
        // e: cycle of the last last-term issue (None = long ago), t_free: first free cycle.
        let mut e: Option<usize> = None;
        let mut d_prev = 0usize;
        let mut t_free = 0usize;
        let after = |e: Option<usize>, d: usize| e.map_or(0, |e| e + d);
        let mut total = 0;
        for ins in &self.instrs {
            let (mm, nn, kk) = ins.dims(batch);
            let start = if ins.barrier > 0 {
                t_free.max(after(e, ins.barrier))
            } else {
                t_free
            };
            match ins.phase {
                Phase::Loss => {
                    phases.push(PhaseStats {
                        name: ins.name(),
                        unit: "loss".into(),
                        tiles_m: 0,
                        tiles_n: 0,
                        m: batch,
                        n: *self.layers.last().unwrap(),
                        k: 0,
                        array_cycles: 0,
                        useful_macs: 0,
                        ideal_utilization: 0.0,
                        start: start + 1 - self.timing.loss_tail.min(start + 1),
                        end: start + 1,
                    });
                    t_free = start + 1;
                }
                Phase::End => {
                    phases.push(PhaseStats {
                        name: ins.name(),
                        unit: "final drain".into(),
                        tiles_m: 0,
                        tiles_n: 0,
                        m: 0,
                        n: 0,
                        k: 0,
                        array_cycles: 0,
                        useful_macs: 0,
                        ideal_utilization: 0.0,
                        start: t_free,
                        end: start + 1,
                    });
                    total = start + 1;
                }
                _ => {
                    let (tm, tn) = self.tiles(ins, batch);
                    let tiles = tm * tn;
                    let e0 = (start + kk - 1).max(after(e, d_prev));
                    let e_last = e0 + (tiles - 1) * kk.max(ins.drain);
                    let useful = mm * nn * kk;
                    let arr = tiles * kk;
                    phases.push(PhaseStats {
                        name: ins.name(),
                        unit: format!("array→{}", ins.sink.unwrap().unit()),
                        tiles_m: tm,
                        tiles_n: tn,
                        m: mm,
                        n: nn,
                        k: kk,
                        array_cycles: arr,
                        useful_macs: useful,
                        ideal_utilization: useful as f64 / (rc * arr as f64),
                        // First issue (with K = 1 the first term is a last term and may stall).
                        start: if kk == 1 { e0 } else { start },
                        end: e_last + 1,
                    });
                    e = Some(e_last);
                    d_prev = ins.drain;
                    t_free = e_last + 1;
                }
            }
        }
        let array_cycles: usize = phases.iter().map(|p| p.array_cycles).sum();
        let useful_macs: usize = phases.iter().map(|p| p.useful_macs).sum();
        CycleModel {
            phases,
            array_cycles,
            useful_macs,
            ideal_utilization: useful_macs as f64 / (rc * array_cycles as f64),
            total_cycles: total,
            utilization: useful_macs as f64 / (rc * total as f64),
        }
    }

    /// The ROM image: three 32-bit words per instruction (module doc).
    pub fn rom_words(&self) -> Vec<[u32; 3]> {
        self.instrs
            .iter()
            .map(|i| {
                let w0 = i.m as u32
                    | (i.n as u32) << 12
                    | i.phase.code() << 24
                    | (i.layer as u32) << 27
                    | (i.m_is_batch as u32) << 31;
                let (am, at) = i.a.map_or((0, false), |o| (o.mem.code(), o.transposed));
                let (bm, bt) = i.b.map_or((0, false), |o| (o.mem.code(), o.transposed));
                let (sk, sl) = i
                    .sink
                    .map_or((0, 0), |s| (s.code(), s.target_layer() as u32));
                let w1 = i.k as u32
                    | (i.k_is_batch as u32) << 12
                    | am << 13
                    | (at as u32) << 19
                    | bm << 20
                    | (bt as u32) << 26
                    | sk << 27;
                let w2 = i.drain as u32 | (i.barrier as u32) << 12 | sl << 28;
                [w0, w1, w2]
            })
            .collect()
    }

    /// Decode ROM words back into instructions (the inverse of [`Program::rom_words`]).
    pub fn decode(words: &[[u32; 3]]) -> Vec<Instr> {
        words
            .iter()
            .map(|&[w0, w1, w2]| {
                let phase = Phase::from_code((w0 >> 24) & 7);
                let gemm = phase.is_gemm();
                let op = |code: u32, t: u32| {
                    gemm.then_some(Operand {
                        mem: Mem::from_code(code & 63),
                        transposed: t & 1 == 1,
                    })
                };
                Instr {
                    phase,
                    layer: ((w0 >> 27) & 15) as usize,
                    m: (w0 & 0xfff) as usize,
                    n: ((w0 >> 12) & 0xfff) as usize,
                    k: (w1 & 0xfff) as usize,
                    m_is_batch: w0 >> 31 == 1,
                    k_is_batch: (w1 >> 12) & 1 == 1,
                    a: op(w1 >> 13, w1 >> 19),
                    b: op(w1 >> 20, w1 >> 26),
                    sink: Sink::from_code((w1 >> 27) & 7, ((w2 >> 28) & 15) as usize),
                    drain: (w2 & 0xfff) as usize,
                    barrier: ((w2 >> 12) & 0xffff) as usize,
                }
            })
            .collect()
    }

    /// The phase table as text (name, unit, tiles, K, array cycles, useful MACs, utilization,
    /// start/end cycle).
    pub fn table(&self, batch: usize) -> String {
        let cm = self.cycle_model(batch);
        let mut s = format!(
            "{:<7} {:<18} {:>7} {:>5} {:>8} {:>9} {:>6} {:>7} {:>7}\n",
            "phase", "unit", "tiles", "K", "arr.cyc", "MACs", "util", "start", "end"
        );
        for p in &cm.phases {
            s += &format!(
                "{:<7} {:<18} {:>7} {:>5} {:>8} {:>9} {:>6.3} {:>7} {:>7}\n",
                p.name,
                p.unit,
                format!("{}x{}", p.tiles_m, p.tiles_n),
                p.k,
                p.array_cycles,
                p.useful_macs,
                p.ideal_utilization,
                p.start,
                p.end
            );
        }
        s += &format!(
            "total: array cycles {}, useful MACs {}, ideal utilization {:.3}; \
             step {} cycles, utilization {:.3}\n",
            cm.array_cycles, cm.useful_macs, cm.ideal_utilization, cm.total_cycles, cm.utilization
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn default_config_reproduces_the_docs_table() {
        let p = Program::new(&Config::default());
        let names: Vec<String> = p.instrs.iter().map(|i| i.name()).collect();
        assert_eq!(
            names,
            ["FWD 0", "FWD 1", "LOSS", "DX 1", "DW 1", "DW 0", "END"]
        );
        let cm = p.cycle_model(32);
        let row = |n: &str| cm.phases.iter().find(|p| p.name == n).unwrap().clone();
        for (n, tiles, k, cyc, macs) in [
            ("FWD 0", (8, 8), 65, 4160, 66_560),
            ("FWD 1", (8, 3), 33, 792, 10_560),
            ("DX 1", (8, 8), 10, 640, 10_240),
            ("DW 1", (9, 3), 32, 864, 10_560),
            ("DW 0", (17, 8), 32, 4352, 66_560),
        ] {
            let r = row(n);
            assert_eq!(
                ((r.tiles_m, r.tiles_n), r.k, r.array_cycles, r.useful_macs),
                (tiles, k, cyc, macs),
                "{n}"
            );
        }
        assert_eq!(cm.array_cycles, 10_808);
        assert_eq!(cm.useful_macs, 164_480);
        assert_eq!(format!("{:.3}", cm.ideal_utilization), "0.951");
        assert!((row("FWD 1").ideal_utilization - 0.833).abs() < 1e-3);
        assert!((row("DW 1").ideal_utilization - 0.764).abs() < 1e-3);
        // With the default timing assumptions: barriers before FWD 1, LOSS, DW 1 and END.
        let barriers: Vec<bool> = p.instrs.iter().map(|i| i.barrier > 0).collect();
        assert_eq!(barriers, [false, true, true, false, true, false, true]);
        // (10 942 with 1-cycle reads and the 2-cycle PE; the 5-cycle PE adds 12 at the barriers,
        // the 2-cycle operand read 4.)
        assert_eq!(cm.total_cycles, 10_958, "\n{}", p.table(32));
        assert!(cm.utilization > 0.93);
    }

    #[test]
    fn operands_and_sinks_follow_the_docs() {
        let p = Program::new(&Config::default());
        let i = &p.instrs;
        let op = |m, t| {
            Some(Operand {
                mem: m,
                transposed: t,
            })
        };
        assert_eq!(
            (i[0].a, i[0].b, i[0].sink),
            (
                op(Mem::Act(0), false),
                op(Mem::W(0), false),
                Some(Sink::Act(1))
            )
        );
        assert_eq!(i[1].sink, Some(Sink::Loss(1)));
        assert_eq!(
            (i[3].a, i[3].b, i[3].sink),
            (
                op(Mem::Err(1), false),
                op(Mem::W(1), true),
                Some(Sink::Deriv(1))
            )
        );
        assert_eq!(
            (i[4].a, i[4].b, i[4].sink),
            (
                op(Mem::Act(1), true),
                op(Mem::Err(1), false),
                Some(Sink::Update(1))
            )
        );
        assert_eq!(i[3].dims(32), (32, 32, 10));
        assert_eq!(i[5].dims(7), (65, 32, 7));
        assert_eq!(i[0].dims(7), (7, 32, 65));
    }

    #[test]
    fn rom_round_trip() {
        for layers in [vec![64, 32, 10], vec![784, 100, 50, 10], vec![3, 1]] {
            let p = Program::build(&layers, 17, 4, 2, Timing::for_array(4, 10));
            assert_eq!(Program::decode(&p.rom_words()), p.instrs);
        }
    }

    fn check_schedule(p: &Program, batch: usize) {
        let s = p.schedule(batch);
        let cm = p.cycle_model(batch);
        assert_eq!(
            s.len(),
            cm.total_cycles,
            "schedule length vs closed form\n{}",
            p.table(batch)
        );
        // Each GEMM: every (tile, k) issued exactly once, in order; phase spans agree.
        for (pc, ins) in p.instrs.iter().enumerate() {
            let iss: Vec<(usize, Issue)> = s
                .iter()
                .enumerate()
                .filter_map(|(t, c)| c.issue.filter(|i| i.pc == pc).map(|i| (t, i)))
                .collect();
            if !ins.phase.is_gemm() {
                assert!(iss.is_empty());
                continue;
            }
            let (m, n, k) = ins.dims(batch);
            let mut want = Vec::new();
            for m0 in (0..m).step_by(p.rows) {
                for n0 in (0..n).step_by(p.cols) {
                    for kk in 0..k {
                        want.push((m0, n0, kk));
                    }
                }
            }
            let got: Vec<_> = iss.iter().map(|(_, i)| (i.m0, i.n0, i.k)).collect();
            assert_eq!(got, want, "{}", ins.name());
            let ph = &cm.phases[pc];
            assert_eq!(
                (iss[0].0, iss.last().unwrap().0 + 1),
                (ph.start, ph.end),
                "{}",
                ins.name()
            );
            let macs: usize = iss.iter().map(|(_, i)| i.rows * i.cols).sum();
            assert_eq!(macs, m * n * k);
        }
        // Drain spacing: consecutive last-term issues ≥ D of the earlier tile apart.
        let lasts: Vec<(usize, usize)> = s
            .iter()
            .enumerate()
            .filter_map(|(t, c)| {
                c.issue
                    .filter(|i| i.last)
                    .map(|i| (t, p.instrs[i.pc].drain))
            })
            .collect();
        for w in lasts.windows(2) {
            assert!(w[1].0 - w[0].0 >= w[0].1);
        }
    }

    /// The engine's program (real latencies, fitted LOSS barrier): the sequencer's schedule is the
    /// closed form, and the default step takes the cycles the co-simulation measures
    /// (`hw::driver` tests check measured == model on every step).
    #[test]
    fn engine_program_schedule_equals_closed_form() {
        let cfg = Config::default();
        let p = Program::for_engine(&cfg);
        for b in [1, 5, 32] {
            check_schedule(&p, b);
        }
        let cm = p.cycle_model(32);
        // 10 918 with the 3N+18-cycle loss unit and 4-stage update unit; the 3N+31-cycle loss unit,
        // the 9-stage update unit and 8-stage activation unit (iCE40 timing) add to it (10 946),
        // the PE's pipelined accumulator (result latency 5 instead of 2) 12 more, the 2-cycle
        // operand read (`skew_mem::READ_LATENCY`) one cycle per barrier, 4 more, and the 2-cycle
        // output narrowing 4 more (10 966), the memories' registered writes
        // (`skew_mem::WRITE_DELAY`) one cycle per barrier, 4 more.
        assert_eq!(cm.total_cycles, 10970);
        assert!(cm.utilization >= 0.90, "{}", cm.utilization);
    }

    #[test]
    fn schedule_equals_closed_form_default() {
        let p = Program::new(&Config::default());
        for b in [1, 2, 5, 31, 32] {
            check_schedule(&p, b);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any depth, widths not multiples of R/C, R ≠ C, short batches, batch 1.
        #[test]
        fn schedule_equals_closed_form_any(
            layers in proptest::collection::vec(1usize..40, 2..6),
            rows in 1usize..7, cols in 1usize..7, full in 1usize..20, frac in 0.0f64..1.0,
        ) {
            let p = Program::build(&layers, full, rows, cols, Timing::for_array(rows, *layers.last().unwrap()));
            let b = 1 + ((full - 1) as f64 * frac) as usize;
            check_schedule(&p, b);
            prop_assert_eq!(Program::decode(&p.rom_words()), p.instrs.clone());
        }
    }
}
