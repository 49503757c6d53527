//! The engine top: sequencer → skewed memories → R×C MAC array → drain controller (activation,
//! derivative, loss-gradient and update units) → memories, with the register file on the host bus.
//!
//! # Picture
//! ```text
//!  host bus ──► RegFile ──start/batch──► Sequencer (ROM = Program::for_engine)
//!                 │ windows (word ports)     │ A/B lane read requests (a_mem/b_mem select)
//!                 ▼                          ▼
//!   ┌──────── memories (SkewMem, P = 2^⌈log2 max(R,C)⌉ banks each) ────────┐
//!   │ ACT[0..L) (ACT[0] = X, last column = 1.0)  ERR[0..L)  W[0..L)  V[0..L) │
//!   └───┬──────────────────────────────▲────────────────────▲──────────────┘
//!       │ A lanes (R), B lanes (C)      │ lane write (rows)  │ word RMW (update)
//!       ▼                               │                    │
//!   MacArray ──acc_out (C×32)──► Drain: narrow → act / deriv (reads ACT[l]) / loss / update
//! ```
//!
//! # Timing (cycle = between rising edges; the sequencer issues in cycle e)
//! - e: lane read requests (combinational from the sequencer) → memories; e+1: lanes at the array
//!   with `mac_en/first/last` (the drain block registers the A/B memory selects); the shadow
//!   registers load at the end of e+2, so row i of a tile is visible on `acc_out` in cycle x = e+3+i
//!   (row sinks: one row per cycle, `shift` each cycle) or value (i, j) in cycle e+3+i·C+j (update:
//!   one value per cycle, `shift` every C cycles).
//! - A value visible in cycle x: `Narrow` (1 cycle) → `ActUnit` (2 cycles: activation, or
//!   derivative with `a` from ACT[l], whose lane read the drain issues in cycle x) → lane write at
//!   the end of x+3; update: g = `Narrow(act+err−mom)` of lane j (x+1), W/V word reads issued in
//!   cycle x → `UpdateUnit` (4 cycles) → W, V written at the end of x+5 (lane write, mask 1).
//!   `Timing::engine` = sink latencies [3, 1, 3, 5] (act, loss, deriv, update).
//! - Loss: the narrowed logits (end of x+1) fill a logit buffer; a complete sample goes to loss unit
//!   `sample mod R` (`LossGrad`, `3N+18` cycles per sample: start, N logits, …, N errors); its δ row
//!   is written in ⌈N/P⌉ P-lane chunks. `Program::fit_loss_barrier` sizes LOSS's barrier from the
//!   same rules, and the drain asserts that δ_L is never read while the loss units still work.
//!
//! # Arithmetic (bit for bit the golden kernels; proven per unit in the `units` branch)
//! FWD: `narrow(acc, weight_frac)` then `act_forward` (hidden) — logits unchanged (last layer);
//! LOSS: `softmax_ce_grad` / `mse_grad` with `inv_batch(BATCH)`, argmax for CORRECT; DX:
//! `narrow(acc, weight_frac)` → `act_derivative(a = ACT[l])`; DW: `narrow(acc, act+err−mom)` →
//! `update_weight` (bias row without decay), the update unit's LFSR stepped once per stochastic
//! rounding, in drain order = `golden::update_order`.
//!
//! # Implementation status
//! rust-hdl blocks: sequencer, skewed memories, MAC array, `Narrow`, `ActUnit`, `LossGrad`,
//! `UpdateUnit`, `RegFile`, and the drain controller's tile tracker [`DrainTiles`] (`shift`, the
//! ACT / W,V read-aheads, the g lane, update valid / bias, activation kinds) (all `hdl_gen` or
//! Custom Verilog with Rust models, each proven in three simulators). This top's glue is written
//! as a plain `update` (the simulation model) and emitted as Verilog by [`Engine::hdl`]
//! (`Verilog::Custom`, generated from the shape by `engine_glue.rs`: an exact transliteration
//! with the memory ids resolved at generation). The rest of the drain controller [`Drain`] (its
//! own tile queue for the event schedule, write addresses, logit buffer, loss sequencing,
//! counters; its tile-tracker outputs are still driven and recorded as [`DrainTiles`]'s
//! reference, but the glue uses the hdl block's) is a Rust leaf block acting on the rising edge
//! like a set of DFFs (a state change inside a non-leaf `update` would race the sub-blocks' clock
//! edges); its emitted module is empty until it gets its Verilog.

use super::act_unit::{kind_code, ActUnit};
use super::drain::DrainTiles;
use super::loss_unit::LossGrad;
use super::mac_array::MacArray;
use super::narrow::Narrow;
use super::program::{loss_sample_cycles, Mem, Program};
use super::regfile::{RegFile, RegMap, WinKind};
use super::sequencer::Sequencer;
use super::skew_mem::SkewMem;
use super::update_unit::UpdateUnit;
use super::{from_signed, to_signed};
use crate::config::{Config, Loss};
use crate::fixed::SatCounters;
use crate::golden::{ActTables, LossUnit, UpdateRegs};
use rust_hdl::prelude::*;
use std::collections::VecDeque;

/// The glue's Verilog (`Engine::hdl`), generated from the shape.
#[path = "engine_glue.rs"]
mod glue;

/// Sink codes of the ROM (see `program`).
const SINK_ACT: u64 = 1;
const SINK_LOSS: u64 = 2;
const SINK_DERIV: u64 = 3;
const SINK_UPDATE: u64 = 4;

/// Index of a memory in [`Engine::mems`]: kind-major (ACT, ERR, W, V), then layer.
pub fn mem_index(m: Mem, nl: usize) -> usize {
    match m {
        Mem::Act(l) => l,
        Mem::Err(l) => nl + l,
        Mem::W(l) => 2 * nl + l,
        Mem::V(l) => 3 * nl + l,
    }
}

/// The engine's shape, derived from a config.
#[derive(Debug, Clone)]
pub struct Shape {
    pub rows: usize,
    pub cols: usize,
    /// Banks / lanes of every memory.
    pub p: usize,
    pub layers: Vec<usize>,
    pub batch: usize,
}

impl Shape {
    pub fn new(cfg: &Config) -> Shape {
        let (r, c) = (cfg.array.rows, cfg.array.cols);
        Shape {
            rows: r,
            cols: c,
            p: r.max(c).next_power_of_two(),
            layers: cfg.model.layers.clone(),
            batch: cfg.train.batch_size,
        }
    }
    pub fn nl(&self) -> usize {
        self.layers.len() - 1
    }
    /// `(rows, cols)` of a memory.
    pub fn dims(&self, m: Mem) -> (usize, usize) {
        let l = &self.layers;
        match m {
            Mem::Act(i) => (self.batch, l[i] + 1),
            Mem::Err(i) => (self.batch, l[i + 1]),
            Mem::W(i) | Mem::V(i) => (l[i] + 1, l[i + 1]),
        }
    }
    /// All memories in [`mem_index`] order.
    pub fn mems(&self) -> Vec<Mem> {
        let n = self.nl();
        (0..n)
            .map(Mem::Act)
            .chain((0..n).map(Mem::Err))
            .chain((0..n).map(Mem::W))
            .chain((0..n).map(Mem::V))
            .collect()
    }
}

/// A tile waiting for (or in) its drain.
#[derive(Debug, Clone, Copy)]
struct Tile {
    m0: usize,
    n0: usize,
    rows: usize,
    cols: usize,
    sink: u64,
    layer: usize,
    /// First cycle its values are visible on `acc_out`.
    s: u64,
    /// Cycles the drain takes.
    d: u64,
}

/// Where a lane write takes its data.
pub const SRC_DRAIN: u64 = 0;
pub const SRC_ACT_Y: u64 = 1;
pub const SRC_ACT_DELTA: u64 = 2;
pub const SRC_UPDATE: u64 = 3;

/// A lane write (its data from the drain itself or from a datapath unit, `src`).
#[derive(Debug, Clone, Default)]
struct Write {
    mem: usize,
    row: usize,
    col: usize,
    mask: u64,
    src: u64,
    /// Also write V (update: `wr2` takes the unit's v′ at the same (row, col)).
    v_mem: Option<usize>,
    data: Vec<u16>,
}

/// Something the drain samples or does at the edge ending cycle `at`.
#[derive(Debug, Clone)]
enum Ev {
    /// Count the narrowing saturations of lanes `< lanes` (0 = act, 1 = err); for the loss sink
    /// also take the narrowed logits of `sample` at columns `n0..`.
    Narrowed {
        at: u64,
        err: bool,
        lanes: usize,
        loss: Option<(usize, usize)>,
    },
    /// Count the derivative unit's `dsat` of lanes `< lanes`.
    Dsat { at: u64, lanes: usize },
    /// Count the g narrowing's saturation.
    GSat { at: u64 },
    /// Count the update unit's saturations.
    USat { at: u64 },
    /// Drive a lane write in cycle `at`.
    Wr { at: u64, w: Write },
}

impl Ev {
    fn at(&self) -> u64 {
        match self {
            Ev::Narrowed { at, .. }
            | Ev::Dsat { at, .. }
            | Ev::GSat { at }
            | Ev::USat { at }
            | Ev::Wr { at, .. } => *at,
        }
    }
}

/// One loss unit's sample in progress (the hdl `LossGrad` does the arithmetic).
#[derive(Debug, Clone)]
struct LossJob {
    sample: usize,
    /// Cycle of its `start`; logits follow in cycles `y+1 ..= y+N`.
    y: u64,
    /// Errors received so far.
    delta: Vec<i32>,
}

/// Per loss unit: samples waiting, the sample in progress, the first cycle a new start is accepted.
#[derive(Debug, Clone, Default)]
struct LossLane {
    queue: VecDeque<usize>,
    job: Option<LossJob>,
    free: u64,
}

/// Pipeline offsets (cycles after the value is visible on `acc_out`): the narrowing (1), the
/// activation/derivative unit (+2), the update unit (+4 after the g narrowing).
pub const NARROW_LAT: u64 = 1;
/// The activation unit's latency (both paths; `act_unit` module doc).
pub const ACT_LAT: u64 = 2;
pub const UPD_LAT: u64 = super::update_unit::LATENCY as u64;

/// Everything of the drain controller that is not a signal.
struct Core {
    sh: Shape,
    kinds: Vec<u64>,
    code_to_idx: Vec<usize>,
    // ---- state
    cyc: u64,
    tiles: VecDeque<Tile>,
    events: Vec<Ev>,
    a_sel: usize,
    b_sel: usize,
    aux_sel: usize,
    upd_sel: usize,
    batch: usize,
    logits: Vec<i32>,
    filled: Vec<usize>,
    lanes: Vec<LossLane>,
    /// δ rows ready to be written (sample, errors), one P-lane chunk per cycle.
    wq: VecDeque<(usize, usize, Vec<i32>)>,
    /// Loss-unit inputs of the next cycle, per unit: start (label) and logit.
    l_start: Vec<Option<usize>>,
    l_logit: Vec<Option<i32>>,
    correct: usize,
    sat: SatCounters,
    wr1: Option<Write>,
    shift: bool,
    aux: Option<(usize, usize, usize, usize)>,
    upd: Option<(usize, usize, usize)>,
    upd_lane: usize,
    upd_valid: bool,
    upd_bias: bool,
    act_kind: u64,
    act_dkind: u64,
    /// Recorded per cycle when on: the tile tracker's inputs and outputs ([`super::drain`]).
    tile_trace: Option<Vec<(Vec<u64>, Vec<u64>)>>,
}

/// "No memory" in the select registers.
const NONE: usize = usize::MAX;

/// The drain controller (see the module doc): a leaf block with a Rust model acting on the rising
/// edge. It sequences the drains (tile bookkeeping, `shift`, read-ahead of ACT for the derivative and
/// of W/V for the update, write addresses and enables, saturation and correct counters) and runs
/// the loss-gradient model; the arithmetic of the other sinks is in the hdl units of the engine.
#[derive(LogicBlock)]
pub struct Drain {
    pub clock: Signal<In, Clock>,
    // sequencer
    pub rd_en: Signal<In, Bit>,
    pub a_mem: Signal<In, Bits<6>>,
    pub b_mem: Signal<In, Bits<6>>,
    pub mac_en: Signal<In, Bit>,
    pub last: Signal<In, Bit>,
    pub tile_m0: Signal<In, Bits<16>>,
    pub tile_n0: Signal<In, Bits<16>>,
    pub tile_rows: Signal<In, Bits<16>>,
    pub tile_cols: Signal<In, Bits<16>>,
    pub sink: Signal<In, Bits<3>>,
    pub sink_layer: Signal<In, Bits<4>>,
    // register file
    pub start: Signal<In, Bit>,
    pub batch: Signal<In, Bits<16>>,
    pub labels: Vec<Signal<In, Bits<16>>>,
    // array and datapath units
    pub sat_in: Vec<Signal<In, Bit>>,
    pub nw_val: Vec<Signal<In, Signed<16>>>,
    pub nw_sat: Vec<Signal<In, Bit>>,
    pub dsat: Vec<Signal<In, Bit>>,
    pub g_sat: Signal<In, Bit>,
    pub u_valid: Signal<In, Bit>,
    pub u_sat_mom: Signal<In, Bit>,
    pub u_sat_weight: Signal<In, Bit>,
    pub shift: Signal<Out, Bit>,
    // loss units (one per array row)
    pub l_start: Vec<Signal<Out, Bit>>,
    pub l_label: Vec<Signal<Out, Bits<8>>>,
    pub l_in_valid: Vec<Signal<Out, Bit>>,
    pub l_logit: Vec<Signal<Out, Signed<16>>>,
    pub l_batch: Signal<Out, Bits<16>>,
    pub l_out_valid: Vec<Signal<In, Bit>>,
    pub l_out_last: Vec<Signal<In, Bit>>,
    pub l_err: Vec<Signal<In, Signed<16>>>,
    pub l_sat: Vec<Signal<In, Bit>>,
    pub l_correct: Vec<Signal<In, Bit>>,
    /// Registered selects: memory index + 1 of last cycle's A / B / aux lane read, layer + 1 of the
    /// update's W/V word read (0 = none).
    pub a_sel_q: Signal<Out, Bits<8>>,
    pub b_sel_q: Signal<Out, Bits<8>>,
    pub aux_sel_q: Signal<Out, Bits<8>>,
    pub upd_sel_q: Signal<Out, Bits<8>>,
    // aux lane read (derivative unit reads ACT[l] along a row)
    pub aux_en: Signal<Out, Bit>,
    pub aux_mem: Signal<Out, Bits<8>>,
    pub aux_row: Signal<Out, Bits<16>>,
    pub aux_col: Signal<Out, Bits<16>>,
    pub aux_lanes: Signal<Out, Bits<16>>,
    // update word reads of W[l], V[l]; the g lane; the update unit's valid / bias
    pub upd_en: Signal<Out, Bit>,
    pub upd_layer: Signal<Out, Bits<8>>,
    pub upd_row: Signal<Out, Bits<16>>,
    pub upd_col: Signal<Out, Bits<16>>,
    pub upd_lane: Signal<Out, Bits<8>>,
    pub upd_valid: Signal<Out, Bit>,
    pub upd_bias: Signal<Out, Bit>,
    // activation unit kinds for this cycle's narrowed values
    pub act_kind: Signal<Out, Bits<3>>,
    pub act_dkind: Signal<Out, Bits<3>>,
    // lane write 1 (act, deriv, loss, W) and 2 (V, one lane, data = update unit's v′)
    pub wr1_en: Signal<Out, Bit>,
    pub wr1_src: Signal<Out, Bits<2>>,
    pub wr1_mem: Signal<Out, Bits<8>>,
    pub wr1_row: Signal<Out, Bits<16>>,
    pub wr1_col: Signal<Out, Bits<16>>,
    pub wr1_mask: Signal<Out, Bits<16>>,
    pub wr1_data: Vec<Signal<Out, Bits<16>>>,
    pub wr2_en: Signal<Out, Bit>,
    pub wr2_mem: Signal<Out, Bits<8>>,
    // status
    pub correct: Signal<Out, Bits<16>>,
    pub sat: Vec<Signal<Out, Bits<32>>>,
    _core: Box<Core>,
}

fn sigs<T: Default>(n: usize) -> Vec<T> {
    (0..n).map(|_| T::default()).collect()
}

impl Drain {
    pub fn new(cfg: &Config) -> Drain {
        let sh = Shape::new(cfg);
        let nl = sh.nl();
        let mut code_to_idx = vec![NONE; 64];
        for m in sh.mems() {
            code_to_idx[m.code() as usize] = mem_index(m, nl);
        }
        let core = Core {
            kinds: (0..nl.saturating_sub(1))
                .map(|i| kind_code(Some(cfg.hidden_activation(i))))
                .collect(),
            code_to_idx,
            cyc: 0,
            tiles: VecDeque::new(),
            events: Vec::new(),
            a_sel: NONE,
            b_sel: NONE,
            aux_sel: NONE,
            upd_sel: NONE,
            batch: sh.batch,
            logits: vec![0; sh.batch * sh.layers[nl]],
            filled: vec![0; sh.batch],
            lanes: vec![LossLane::default(); sh.rows],
            wq: VecDeque::new(),
            l_start: vec![None; sh.rows],
            l_logit: vec![None; sh.rows],
            correct: 0,
            sat: SatCounters::default(),
            wr1: None,
            shift: false,
            aux: None,
            upd: None,
            upd_lane: 0,
            upd_valid: false,
            upd_bias: false,
            act_kind: 0,
            act_dkind: 0,
            tile_trace: None,
            sh,
        };
        let (r, c, p) = (core.sh.rows, core.sh.cols, core.sh.p);
        Drain {
            clock: Default::default(),
            rd_en: Default::default(),
            a_mem: Default::default(),
            b_mem: Default::default(),
            mac_en: Default::default(),
            last: Default::default(),
            tile_m0: Default::default(),
            tile_n0: Default::default(),
            tile_rows: Default::default(),
            tile_cols: Default::default(),
            sink: Default::default(),
            sink_layer: Default::default(),
            start: Default::default(),
            batch: Default::default(),
            labels: sigs(core.sh.batch),
            sat_in: sigs(r * c),
            nw_val: sigs(c),
            nw_sat: sigs(c),
            dsat: sigs(c),
            g_sat: Default::default(),
            u_valid: Default::default(),
            u_sat_mom: Default::default(),
            u_sat_weight: Default::default(),
            shift: Default::default(),
            l_start: sigs(r),
            l_label: sigs(r),
            l_in_valid: sigs(r),
            l_logit: sigs(r),
            l_batch: Default::default(),
            l_out_valid: sigs(r),
            l_out_last: sigs(r),
            l_err: sigs(r),
            l_sat: sigs(r),
            l_correct: sigs(r),
            a_sel_q: Default::default(),
            b_sel_q: Default::default(),
            aux_sel_q: Default::default(),
            upd_sel_q: Default::default(),
            aux_en: Default::default(),
            aux_mem: Default::default(),
            aux_row: Default::default(),
            aux_col: Default::default(),
            aux_lanes: Default::default(),
            upd_en: Default::default(),
            upd_layer: Default::default(),
            upd_row: Default::default(),
            upd_col: Default::default(),
            upd_lane: Default::default(),
            upd_valid: Default::default(),
            upd_bias: Default::default(),
            act_kind: Default::default(),
            act_dkind: Default::default(),
            wr1_en: Default::default(),
            wr1_src: Default::default(),
            wr1_mem: Default::default(),
            wr1_row: Default::default(),
            wr1_col: Default::default(),
            wr1_mask: Default::default(),
            wr1_data: sigs(p),
            wr2_en: Default::default(),
            wr2_mem: Default::default(),
            correct: Default::default(),
            sat: sigs(5),
            _core: Box::new(core),
        }
    }

    /// Start recording the tile tracker's per-cycle inputs and outputs (see [`super::drain`]).
    pub fn record_tiles(&mut self) {
        self._core.tile_trace = Some(Vec::new());
    }

    /// The recorded rows (inputs, outputs) of every cycle since [`Drain::record_tiles`].
    pub fn take_tile_trace(&mut self) -> Vec<(Vec<u64>, Vec<u64>)> {
        self._core.tile_trace.take().unwrap_or_default()
    }

    /// The rising edge that ends cycle `cyc`.
    fn edge(&mut self) {
        if self._core.tile_trace.is_some() {
            let ins = vec![
                self.mac_en.val() as u64,
                self.last.val() as u64,
                self.tile_m0.val().to_u64(),
                self.tile_n0.val().to_u64(),
                self.tile_rows.val().to_u64(),
                self.tile_cols.val().to_u64(),
                self.sink.val().to_u64(),
                self.sink_layer.val().to_u64(),
            ];
            let outs = vec![
                self.shift.val() as u64,
                self.aux_en.val() as u64,
                self.aux_mem.val().to_u64(),
                self.aux_row.val().to_u64(),
                self.aux_col.val().to_u64(),
                self.aux_lanes.val().to_u64(),
                self.upd_en.val() as u64,
                self.upd_layer.val().to_u64(),
                self.upd_row.val().to_u64(),
                self.upd_col.val().to_u64(),
                self.upd_lane.val().to_u64(),
                self.upd_valid.val() as u64,
                self.upd_bias.val() as u64,
                self.act_kind.val().to_u64(),
                self.act_dkind.val().to_u64(),
            ];
            if let Some(t) = self._core.tile_trace.as_mut() {
                t.push((ins, outs));
            }
        }
        let labels: Vec<usize> = self.labels.iter().map(|l| l.val().index()).collect();
        let nw: Vec<i32> = self
            .nw_val
            .iter()
            .map(|s| from_signed::<16>(s.val()) as i32)
            .collect();
        let nw_sat: Vec<bool> = self.nw_sat.iter().map(|s| s.val()).collect();
        let dsat: Vec<bool> = self.dsat.iter().map(|s| s.val()).collect();
        let (g_sat, u_valid) = (self.g_sat.val(), self.u_valid.val());
        let (u_sm, u_sw) = (self.u_sat_mom.val(), self.u_sat_weight.val());
        let sat_bits = self.sat_in.iter().filter(|s| s.val()).count() as u64;
        let l_valid: Vec<bool> = self.l_out_valid.iter().map(|s| s.val()).collect();
        let l_last: Vec<bool> = self.l_out_last.iter().map(|s| s.val()).collect();
        let l_err: Vec<i32> = self
            .l_err
            .iter()
            .map(|s| from_signed::<16>(s.val()) as i32)
            .collect();
        let l_sat: Vec<bool> = self.l_sat.iter().map(|s| s.val()).collect();
        let l_correct: Vec<bool> = self.l_correct.iter().map(|s| s.val()).collect();
        let k = &mut *self._core;
        let x = k.cyc;
        let nl = k.sh.nl();
        let (cc, p) = (k.sh.cols, k.sh.p);
        let classes = k.sh.layers[nl];
        k.sat.acc += sat_bits;
        if self.start.val() {
            k.batch = self.batch.val().index();
            k.correct = 0;
            k.sat = SatCounters::default();
            k.filled.iter_mut().for_each(|f| *f = 0);
        }
        k.a_sel = if self.rd_en.val() {
            k.code_to_idx[self.a_mem.val().index()]
        } else {
            NONE
        };
        k.b_sel = if self.rd_en.val() {
            k.code_to_idx[self.b_mem.val().index()]
        } else {
            NONE
        };
        // The LOSS barrier must cover the loss units: no read of δ_L while they still work.
        if self.rd_en.val() {
            let err_last = mem_index(Mem::Err(nl - 1), nl);
            if k.a_sel == err_last || k.b_sel == err_last {
                let pending = !k.wq.is_empty()
                    || k.wr1.as_ref().is_some_and(|w| w.mem == err_last)
                    || k.lanes
                        .iter()
                        .any(|l| l.job.is_some() || !l.queue.is_empty());
                assert!(
                    !pending,
                    "cycle {x}: δ_L read before the loss units finished"
                );
            }
        }
        k.aux_sel = k.aux.map_or(NONE, |a| a.0);
        k.upd_sel = k.upd.map_or(NONE, |u| u.0);
        if self.mac_en.val() && self.last.val() {
            let sink = self.sink.val().index() as u64;
            let d = if sink == SINK_UPDATE {
                (k.sh.rows * cc) as u64
            } else {
                k.sh.rows as u64
            };
            k.tiles.push_back(Tile {
                m0: self.tile_m0.val().index(),
                n0: self.tile_n0.val().index(),
                rows: self.tile_rows.val().index(),
                cols: self.tile_cols.val().index(),
                sink,
                layer: self.sink_layer.val().index(),
                s: x + 2,
                d,
            });
        }
        // ---- samples due at this edge
        let mut keep = Vec::with_capacity(k.events.len());
        for ev in std::mem::take(&mut k.events) {
            if ev.at() != x {
                keep.push(ev);
                continue;
            }
            match ev {
                Ev::Narrowed {
                    err, lanes, loss, ..
                } => {
                    let n = nw_sat[..lanes].iter().filter(|&&b| b).count() as u64;
                    if err {
                        k.sat.err += n;
                    } else {
                        k.sat.act += n;
                    }
                    if let Some((smp, n0)) = loss {
                        k.logits[smp * classes + n0..smp * classes + n0 + lanes]
                            .copy_from_slice(&nw[..lanes]);
                        k.filled[smp] += lanes;
                        if k.filled[smp] == classes {
                            let u = smp % k.sh.rows;
                            k.lanes[u].queue.push_back(smp);
                        }
                    }
                }
                Ev::Dsat { lanes, .. } => {
                    k.sat.err += dsat[..lanes].iter().filter(|&&b| b).count() as u64
                }
                Ev::GSat { .. } => k.sat.mom += g_sat as u64,
                Ev::USat { .. } => {
                    assert!(u_valid, "update unit output missing at cycle {x}");
                    k.sat.mom += u_sm as u64;
                    k.sat.weight += u_sw as u64;
                }
                Ev::Wr { .. } => {}
            }
        }
        k.events = keep;
        // ---- the drain position of cycle x: schedule its pipeline
        k.upd_valid = false;
        k.upd_bias = false;
        k.act_kind = 0;
        k.act_dkind = 0;
        if let Some(t) = k.tiles.front().copied() {
            if t.s <= x && x < t.s + t.d {
                let pos = (x - t.s) as usize;
                let full = (1u64 << t.cols) - 1;
                let after = |d: u64| x + d;
                match t.sink {
                    SINK_ACT | SINK_LOSS | SINK_DERIV if pos < t.rows => {
                        let (row, smp) = (t.m0 + pos, t.m0 + pos);
                        k.events.push(Ev::Narrowed {
                            at: after(NARROW_LAT),
                            err: t.sink == SINK_DERIV,
                            lanes: t.cols,
                            loss: (t.sink == SINK_LOSS).then_some((smp, t.n0)),
                        });
                        if t.sink == SINK_ACT {
                            k.act_kind = k.kinds[t.layer - 1];
                            k.events.push(Ev::Wr {
                                at: after(NARROW_LAT + ACT_LAT),
                                w: Write {
                                    mem: mem_index(Mem::Act(t.layer), nl),
                                    row,
                                    col: t.n0,
                                    mask: full,
                                    src: SRC_ACT_Y,
                                    ..Default::default()
                                },
                            });
                        }
                        if t.sink == SINK_DERIV {
                            k.act_dkind = k.kinds[t.layer];
                            k.events.push(Ev::Dsat {
                                at: after(NARROW_LAT + ACT_LAT),
                                lanes: t.cols,
                            });
                            k.events.push(Ev::Wr {
                                at: after(NARROW_LAT + ACT_LAT),
                                w: Write {
                                    mem: mem_index(Mem::Err(t.layer), nl),
                                    row,
                                    col: t.n0,
                                    mask: full,
                                    src: SRC_ACT_DELTA,
                                    ..Default::default()
                                },
                            });
                        }
                    }
                    SINK_UPDATE => {
                        let (i, j) = (pos / cc, pos % cc);
                        if i < t.rows && j < t.cols {
                            let (row, col) = (t.m0 + i, t.n0 + j);
                            k.upd_valid = true;
                            k.upd_bias = row == k.sh.layers[t.layer];
                            k.events.push(Ev::GSat {
                                at: after(NARROW_LAT),
                            });
                            k.events.push(Ev::USat {
                                at: after(NARROW_LAT + UPD_LAT),
                            });
                            k.events.push(Ev::Wr {
                                at: after(NARROW_LAT + UPD_LAT),
                                w: Write {
                                    mem: mem_index(Mem::W(t.layer), nl),
                                    row,
                                    col,
                                    mask: 1,
                                    src: SRC_UPDATE,
                                    v_mem: Some(mem_index(Mem::V(t.layer), nl)),
                                    data: vec![],
                                },
                            });
                        }
                    }
                    _ => {}
                }
                if pos as u64 == t.d - 1 {
                    k.tiles.pop_front();
                }
            } else {
                assert!(x < t.s, "drain of a tile missed (cycle {x}, tile {t:?})");
            }
        }
        // ---- lane write of cycle x+1 (from the pipeline)
        let y = x + 1;
        let mut wr1 = None;
        k.events.retain(|ev| match ev {
            Ev::Wr { at, w } if *at == y => {
                assert!(wr1.is_none(), "two drain writes in cycle {y}");
                wr1 = Some(w.clone());
                false
            }
            _ => true,
        });
        // ---- the loss units (one per array row; sample m goes to unit m mod R)
        let tl = loss_sample_cycles(classes) as u64;
        for u in 0..k.lanes.len() {
            if let Some(j) = &mut k.lanes[u].job {
                if l_valid[u] {
                    j.delta.push(l_err[u]);
                    k.sat.err += l_sat[u] as u64;
                    if l_last[u] {
                        assert_eq!(j.delta.len(), classes, "loss unit {u}: errors");
                        k.correct += l_correct[u] as usize;
                        let j = k.lanes[u].job.take().unwrap();
                        for c0 in (0..classes).step_by(p) {
                            k.wq.push_back((
                                j.sample,
                                c0,
                                j.delta[c0..classes.min(c0 + p)].to_vec(),
                            ));
                        }
                    }
                }
            }
        }
        for u in 0..k.lanes.len() {
            let ln = &mut k.lanes[u];
            k.l_start[u] = None;
            k.l_logit[u] = None;
            if ln.job.is_none() && ln.free <= y {
                if let Some(smp) = ln.queue.pop_front() {
                    ln.job = Some(LossJob {
                        sample: smp,
                        y,
                        delta: Vec::with_capacity(classes),
                    });
                    ln.free = y + tl;
                    k.l_start[u] = Some(labels[smp]);
                }
            }
            if let Some(j) = &ln.job {
                if y > j.y && y <= j.y + classes as u64 {
                    let c = (y - j.y - 1) as usize;
                    k.l_logit[u] = Some(k.logits[j.sample * classes + c]);
                }
            }
        }
        if wr1.is_none() {
            if let Some((smp, c0, d)) = k.wq.pop_front() {
                wr1 = Some(Write {
                    mem: mem_index(Mem::Err(nl - 1), nl),
                    row: smp,
                    col: c0,
                    mask: (1u64 << d.len()) - 1,
                    src: SRC_DRAIN,
                    v_mem: None,
                    data: d.iter().map(|&v| v as u16).collect(),
                });
            }
        } else {
            assert!(k.wq.is_empty(), "loss write collides with a drain write");
        }
        k.wr1 = wr1;
        // ---- reads and shift of cycle x+1 (the value visible in cycle x+1)
        k.shift = false;
        k.aux = None;
        k.upd = None;
        k.upd_lane = 0;
        for t in k.tiles.iter() {
            if t.s <= y && y < t.s + t.d {
                let pos = (y - t.s) as usize;
                k.shift = t.sink != SINK_UPDATE || pos % cc == cc - 1;
                if t.sink == SINK_DERIV && pos < t.rows {
                    k.aux = Some((
                        mem_index(Mem::Act(t.layer + 1), nl),
                        t.m0 + pos,
                        t.n0,
                        t.cols,
                    ));
                }
                if t.sink == SINK_UPDATE {
                    let (i, j) = (pos / cc, pos % cc);
                    k.upd_lane = j;
                    if i < t.rows && j < t.cols {
                        k.upd = Some((t.layer, t.m0 + i, t.n0 + j));
                    }
                }
            }
        }
        k.cyc += 1;
    }

    fn drive(&mut self) {
        let k = &*self._core;
        let sel = |v: usize| Bits::<8>::from(if v == NONE { 0 } else { v as u64 + 1 });
        let b16 = |v: usize| Bits::<16>::from(v as u64);
        self.shift.next = k.shift;
        for u in 0..k.lanes.len() {
            self.l_start[u].next = k.l_start[u].is_some();
            self.l_label[u].next = Bits::<8>::from(k.l_start[u].unwrap_or(0) as u64);
            self.l_in_valid[u].next = k.l_logit[u].is_some();
            self.l_logit[u].next = to_signed(k.l_logit[u].unwrap_or(0) as i64);
        }
        self.l_batch.next = b16(k.batch);
        self.a_sel_q.next = sel(k.a_sel);
        self.b_sel_q.next = sel(k.b_sel);
        self.aux_sel_q.next = sel(k.aux_sel);
        self.upd_sel_q.next = sel(k.upd_sel);
        let (ae, (am, ar, ac, al)) = match k.aux {
            Some(a) => (true, a),
            None => (false, (0, 0, 0, 0)),
        };
        self.aux_en.next = ae;
        self.aux_mem.next = Bits::<8>::from(am as u64);
        self.aux_row.next = b16(ar);
        self.aux_col.next = b16(ac);
        self.aux_lanes.next = b16(al);
        let (ue, (ul, ur, uc)) = match k.upd {
            Some(u) => (true, u),
            None => (false, (0, 0, 0)),
        };
        self.upd_en.next = ue;
        self.upd_layer.next = Bits::<8>::from(ul as u64);
        self.upd_row.next = b16(ur);
        self.upd_col.next = b16(uc);
        self.upd_lane.next = Bits::<8>::from(k.upd_lane as u64);
        self.upd_valid.next = k.upd_valid;
        self.upd_bias.next = k.upd_bias;
        self.act_kind.next = Bits::<3>::from(k.act_kind);
        self.act_dkind.next = Bits::<3>::from(k.act_dkind);
        let w = k.wr1.clone().unwrap_or_default();
        self.wr1_en.next = k.wr1.is_some();
        self.wr1_src.next = Bits::<2>::from(w.src);
        self.wr1_mem.next = Bits::<8>::from(w.mem as u64);
        self.wr1_row.next = b16(w.row);
        self.wr1_col.next = b16(w.col);
        self.wr1_mask.next = Bits::<16>::from(w.mask);
        for (i, s) in self.wr1_data.iter_mut().enumerate() {
            s.next = b16(w.data.get(i).copied().unwrap_or(0) as usize);
        }
        self.wr2_en.next = w.v_mem.is_some();
        self.wr2_mem.next = Bits::<8>::from(w.v_mem.unwrap_or(0) as u64);
        self.correct.next = b16(k.correct);
        let s = &k.sat;
        for (sig, v) in self
            .sat
            .iter_mut()
            .zip([s.acc, s.act, s.err, s.mom, s.weight])
        {
            sig.next = Bits::<32>::from(v.min(u32::MAX as u64));
        }
    }
}

impl Logic for Drain {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            self.edge();
        }
        self.drive();
    }
    fn connect(&mut self) {
        self.shift.connect();
        for u in 0..self.l_start.len() {
            self.l_start[u].connect();
            self.l_label[u].connect();
            self.l_in_valid[u].connect();
            self.l_logit[u].connect();
        }
        self.l_batch.connect();
        self.a_sel_q.connect();
        self.b_sel_q.connect();
        self.aux_sel_q.connect();
        self.upd_sel_q.connect();
        self.aux_en.connect();
        self.aux_mem.connect();
        self.aux_row.connect();
        self.aux_col.connect();
        self.aux_lanes.connect();
        self.upd_en.connect();
        self.upd_layer.connect();
        self.upd_row.connect();
        self.upd_col.connect();
        self.upd_lane.connect();
        self.upd_valid.connect();
        self.upd_bias.connect();
        self.act_kind.connect();
        self.act_dkind.connect();
        self.wr1_en.connect();
        self.wr1_src.connect();
        self.wr1_mem.connect();
        self.wr1_row.connect();
        self.wr1_col.connect();
        self.wr1_mask.connect();
        for s in &mut self.wr1_data {
            s.connect();
        }
        self.wr2_en.connect();
        self.wr2_mem.connect();
        self.correct.connect();
        for s in &mut self.sat {
            s.connect();
        }
    }
}

/// The engine top (see the module doc).
#[derive(LogicBlock)]
pub struct Engine {
    pub clock: Signal<In, Clock>,
    pub addr: Signal<In, Bits<16>>,
    pub wdata: Signal<In, Bits<16>>,
    pub we: Signal<In, Bit>,
    pub re: Signal<In, Bit>,
    pub rdata: Signal<Out, Bits<16>>,
    pub busy: Signal<Out, Bit>,
    pub done: Signal<Out, Bit>,
    pub seq: Sequencer,
    pub mems: Vec<SkewMem>,
    pub array: MacArray,
    /// Output narrowing to the activation / error format, one per array column.
    pub narrow_w: Vec<Narrow>,
    /// Activation / derivative units, one per array column.
    pub acts: Vec<ActUnit>,
    /// dW narrowing to the momentum format (the update unit's g).
    pub narrow_g: Narrow,
    pub update: UpdateUnit,
    /// Loss-gradient units, one per array row.
    pub losses: Vec<LossGrad>,
    pub drain: Drain,
    /// The drain controller's tile tracker in hardware ([`DrainTiles`]): `shift`, the ACT / W,V
    /// read-aheads, the g lane, the update unit's valid / bias and the activation kinds.
    pub tiles: DrainTiles,
    pub regs: RegFile,
    _sh: Shape,
    _prog: Program,
    _code_to_idx: Vec<usize>,
    /// Window index → memory index (labels: NONE).
    _win_mem: Vec<usize>,
    _ema: bool,
    _mse: bool,
}

impl Engine {
    pub fn new(cfg: &Config) -> Engine {
        cfg.validate().expect("config");
        let sh = Shape::new(cfg);
        assert!(
            sh.p <= 16,
            "array {}×{}: at most 16 lanes",
            sh.rows,
            sh.cols
        );
        let nl = sh.nl();
        assert!((1..16).contains(&nl), "{nl} layers");
        let f = &cfg.fixed;
        assert!(
            f.act_frac + f.err_frac >= f.mom_frac,
            "act_frac + err_frac < mom_frac: the dW narrowing would need a left shift"
        );
        let prog = Program::for_engine(cfg);
        let one = 1u16 << f.act_frac;
        let mems: Vec<SkewMem> = sh
            .mems()
            .into_iter()
            .map(|m| {
                let (r, c) = sh.dims(m);
                let bias_col = match m {
                    Mem::Act(_) => Some(c - 1),
                    _ => None,
                };
                SkewMem::new(
                    r,
                    c,
                    sh.p,
                    move |_, cc| {
                        if Some(cc) == bias_col {
                            one
                        } else {
                            0
                        }
                    },
                )
            })
            .collect();
        let mut code_to_idx = vec![NONE; 64];
        for m in sh.mems() {
            code_to_idx[m.code() as usize] = mem_index(m, nl);
        }
        let map = RegMap::new(cfg);
        let win_mem = map
            .windows
            .iter()
            .map(|w| match w.kind {
                WinKind::X => mem_index(Mem::Act(0), nl),
                WinKind::Labels => NONE,
                WinKind::W(l) => mem_index(Mem::W(l), nl),
                WinKind::V(l) => mem_index(Mem::V(l), nl),
            })
            .collect();
        let tables = ActTables::new(cfg);
        let regs0 = UpdateRegs::new(cfg, 0.0);
        Engine {
            clock: Default::default(),
            addr: Default::default(),
            wdata: Default::default(),
            we: Default::default(),
            re: Default::default(),
            rdata: Default::default(),
            busy: Default::default(),
            done: Default::default(),
            seq: Sequencer::new(&prog),
            mems,
            array: MacArray::new(sh.rows, sh.cols, f.acc_bits),
            narrow_w: (0..sh.cols)
                .map(|_| Narrow::new(f.weight_frac, f.rounding))
                .collect(),
            acts: (0..sh.cols).map(|_| ActUnit::new(&tables)).collect(),
            narrow_g: Narrow::new(f.act_frac + f.err_frac - f.mom_frac, f.rounding),
            update: UpdateUnit::new(&regs0),
            losses: (0..sh.rows)
                .map(|_| LossGrad::new(sh.layers[nl], &LossUnit::new(cfg), sh.batch))
                .collect(),
            _mse: cfg.model.loss == Loss::Mse,
            drain: Drain::new(cfg),
            tiles: DrainTiles::new(cfg),
            regs: RegFile::new(cfg),
            _sh: sh,
            _prog: prog,
            _code_to_idx: code_to_idx,
            _win_mem: win_mem,
            _ema: regs0.g_coef.is_some(),
        }
    }
    pub fn program(&self) -> &Program {
        &self._prog
    }
    pub fn shape(&self) -> &Shape {
        &self._sh
    }
}

fn sel_q(b: Bits<8>) -> usize {
    let v = b.index();
    if v == 0 {
        NONE
    } else {
        v - 1
    }
}

impl Logic for Engine {
    fn update(&mut self) {
        let clk = self.clock.val();
        let nl = self._sh.nl();
        let (r, c, p) = (self._sh.rows, self._sh.cols, self._sh.p);
        // ---- clocks
        self.seq.clock.next = clk;
        self.array.clock.next = clk;
        self.drain.clock.next = clk;
        self.tiles.clock.next = clk;
        self.regs.clock.next = clk;
        self.narrow_g.clock.next = clk;
        self.update.clock.next = clk;
        for m in self.mems.iter_mut() {
            m.clock.next = clk;
        }
        for n in self.narrow_w.iter_mut() {
            n.clock.next = clk;
        }
        for a in self.acts.iter_mut() {
            a.clock.next = clk;
        }
        for l in self.losses.iter_mut() {
            l.clock.next = clk;
        }
        // ---- host bus and status
        self.regs.addr.next = self.addr.val();
        self.regs.wdata.next = self.wdata.val();
        self.regs.we.next = self.we.val();
        self.regs.re.next = self.re.val();
        self.rdata.next = self.regs.rdata.val();
        self.busy.next = self.seq.busy.val();
        self.done.next = self.seq.done.val();
        self.regs.busy.next = self.seq.busy.val();
        self.regs.done.next = self.seq.done.val();
        self.regs.correct.next = self.drain.correct.val();
        for k in 0..5 {
            self.regs.sat[k].next = self.drain.sat[k].val();
        }
        self.regs.lfsr_state.next = self.update.lfsr_state.val();
        self.seq.start.next = self.regs.start.val();
        self.seq.batch.next = self.regs.batch.val();
        // ---- drain inputs
        let d = &mut self.drain;
        let s = &self.seq;
        let t = &mut self.tiles;
        t.mac_en.next = s.mac_en.val();
        t.last.next = s.last.val();
        t.tile_m0.next = s.tile_m0.val();
        t.tile_n0.next = s.tile_n0.val();
        t.tile_rows.next = s.tile_rows.val();
        t.tile_cols.next = s.tile_cols.val();
        t.sink.next = s.sink.val();
        t.sink_layer.next = Bits::<8>::from(s.sink_layer.val().index() as u64);
        d.rd_en.next = s.rd_en.val();
        d.a_mem.next = s.a_mem.val();
        d.b_mem.next = s.b_mem.val();
        d.mac_en.next = s.mac_en.val();
        d.last.next = s.last.val();
        d.tile_m0.next = s.tile_m0.val();
        d.tile_n0.next = s.tile_n0.val();
        d.tile_rows.next = s.tile_rows.val();
        d.tile_cols.next = s.tile_cols.val();
        d.sink.next = s.sink.val();
        d.sink_layer.next = s.sink_layer.val();
        let g = &self.regs;
        d.start.next = g.start.val();
        d.batch.next = g.batch.val();
        for (dl, gl) in d.labels.iter_mut().zip(g.labels.iter()) {
            dl.next = gl.val();
        }
        for (ds, a) in d.sat_in.iter_mut().zip(self.array.sat.iter()) {
            ds.next = a.val();
        }
        for j in 0..c {
            d.nw_val[j].next = self.narrow_w[j].value_out.val();
            d.nw_sat[j].next = self.narrow_w[j].sat.val();
            d.dsat[j].next = self.acts[j].dsat.val();
        }
        d.g_sat.next = self.narrow_g.sat.val();
        for (u, l) in self.losses.iter_mut().enumerate() {
            d.l_out_valid[u].next = l.out_valid.val();
            d.l_out_last[u].next = l.out_last.val();
            d.l_err[u].next = l.err.val();
            d.l_sat[u].next = l.sat.val();
            d.l_correct[u].next = l.correct.val();
            l.start.next = d.l_start[u].val();
            l.label.next = d.l_label[u].val();
            l.batch.next = d.l_batch.val();
            l.mse.next = self._mse;
            l.in_valid.next = d.l_in_valid[u].val();
            l.logit.next = d.l_logit[u].val();
        }
        d.u_valid.next = self.update.out_valid.val();
        d.u_sat_mom.next = self.update.sat_mom.val();
        d.u_sat_weight.next = self.update.sat_weight.val();
        // ---- memory requests
        let a_idx = self._code_to_idx[s.a_mem.val().index()];
        let b_idx = self._code_to_idx[s.b_mem.val().index()];
        let rd = s.rd_en.val();
        let aux_idx = if t.aux_en.val() {
            t.aux_mem.val().index()
        } else {
            NONE
        };
        let upd = if t.upd_en.val() {
            let l = t.upd_layer.val().index();
            Some((mem_index(Mem::W(l), nl), mem_index(Mem::V(l), nl)))
        } else {
            None
        };
        let wr1 = if d.wr1_en.val() {
            d.wr1_mem.val().index()
        } else {
            NONE
        };
        let wr2 = if d.wr2_en.val() {
            d.wr2_mem.val().index()
        } else {
            NONE
        };
        let src = d.wr1_src.val().index() as u64;
        let win = if g.win_en.val() {
            self._win_mem[g.win_idx.val().index()]
        } else {
            NONE
        };
        for (mi, m) in self.mems.iter_mut().enumerate() {
            // lane read
            if rd && mi == a_idx {
                assert!(mi != b_idx, "A and B read the same memory");
                m.rd_en.next = true;
                m.rd_row.next = s.a_row.val();
                m.rd_col.next = s.a_col.val();
                m.rd_dir.next = s.a_dir.val();
                m.rd_lanes.next = s.a_lanes.val();
                assert!(mi != aux_idx, "aux read collides with operand A");
            } else if rd && mi == b_idx {
                m.rd_en.next = true;
                m.rd_row.next = s.b_row.val();
                m.rd_col.next = s.b_col.val();
                m.rd_dir.next = s.b_dir.val();
                m.rd_lanes.next = s.b_lanes.val();
                assert!(mi != aux_idx, "aux read collides with operand B");
            } else if mi == aux_idx {
                m.rd_en.next = true;
                m.rd_row.next = t.aux_row.val();
                m.rd_col.next = t.aux_col.val();
                m.rd_dir.next = false;
                m.rd_lanes.next = t.aux_lanes.val();
            } else {
                m.rd_en.next = false;
                m.rd_row.next = 0.into();
                m.rd_col.next = 0.into();
                m.rd_dir.next = false;
                m.rd_lanes.next = 0.into();
            }
            // lane write: wr1 (drain data or a unit's outputs), wr2 (the update unit's v′)
            if mi == wr1 {
                m.wr_en.next = true;
                m.wr_row.next = d.wr1_row.val();
                m.wr_col.next = d.wr1_col.val();
                m.wr_mask.next = d.wr1_mask.val();
                for i in 0..p {
                    m.wr_data[i].next = match src {
                        SRC_ACT_Y if i < c => unsigned_cast(self.acts[i].y.val()),
                        SRC_ACT_DELTA if i < c => unsigned_cast(self.acts[i].delta.val()),
                        SRC_UPDATE if i == 0 => unsigned_cast(self.update.w_out.val()),
                        SRC_DRAIN => d.wr1_data[i].val(),
                        _ => 0.into(),
                    };
                }
            } else if mi == wr2 {
                m.wr_en.next = true;
                m.wr_row.next = d.wr1_row.val();
                m.wr_col.next = d.wr1_col.val();
                m.wr_mask.next = 1.into();
                m.wr_data[0].next = unsigned_cast(self.update.v_out.val());
                for i in 1..p {
                    m.wr_data[i].next = 0.into();
                }
            } else {
                // idle: the memory ignores address and data (driven 0, as the Verilog does)
                m.wr_en.next = false;
                m.wr_row.next = 0.into();
                m.wr_col.next = 0.into();
                m.wr_mask.next = 0.into();
                for i in 0..p {
                    m.wr_data[i].next = 0.into();
                }
            }
            // word port: the update unit first, then the host window
            match upd {
                Some((wi, vi)) if mi == wi || mi == vi => {
                    m.word_en.next = true;
                    m.word_we.next = false;
                    m.word_row.next = t.upd_row.val();
                    m.word_col.next = t.upd_col.val();
                    m.word_wdata.next = 0.into();
                }
                _ if mi == win => {
                    m.word_en.next = true;
                    m.word_we.next = g.win_we.val();
                    m.word_row.next = g.win_row.val();
                    m.word_col.next = g.win_col.val();
                    m.word_wdata.next = g.win_wdata.val();
                }
                _ => {
                    m.word_en.next = false;
                    m.word_we.next = false;
                    m.word_row.next = 0.into();
                    m.word_col.next = 0.into();
                    m.word_wdata.next = 0.into();
                }
            }
        }
        // ---- data back: operands, derivative's ACT lanes, update words, host window
        let a_sel = sel_q(d.a_sel_q.val());
        let b_sel = sel_q(d.b_sel_q.val());
        for i in 0..r {
            self.array.a_in[i].next = if a_sel == NONE {
                to_signed(0)
            } else {
                signed_cast(self.mems[a_sel].rd_data[i].val())
            };
        }
        for j in 0..c {
            self.array.b_in[j].next = if b_sel == NONE {
                to_signed(0)
            } else {
                signed_cast(self.mems[b_sel].rd_data[j].val())
            };
        }
        self.array.mac_en.next = s.mac_en.val();
        self.array.first.next = s.first.val();
        self.array.last.next = s.last.val();
        self.array.shift.next = t.shift.val();
        let aux_sel = sel_q(d.aux_sel_q.val());
        let kind = t.act_kind.val();
        let dkind = t.act_dkind.val();
        for j in 0..c {
            let nw = &mut self.narrow_w[j];
            nw.acc_in.next = self.array.acc_out[j].val();
            nw.rnd.next = 0.into();
            let a = &mut self.acts[j];
            a.x.next = self.narrow_w[j].value_out.val();
            a.kind.next = kind;
            a.da.next = self.narrow_w[j].value_out.val();
            a.dkind.next = dkind;
            a.a.next = if aux_sel == NONE {
                to_signed(0)
            } else {
                signed_cast(self.mems[aux_sel].rd_data[j].val())
            };
        }
        let lane = (t.upd_lane.val().index()).min(c - 1);
        self.narrow_g.acc_in.next = self.array.acc_out[lane].val();
        self.narrow_g.rnd.next = 0.into();
        let u = &mut self.update;
        let upd_sel = sel_q(d.upd_sel_q.val());
        if upd_sel != NONE {
            u.w.next = signed_cast(self.mems[mem_index(Mem::W(upd_sel), nl)].word_rdata.val());
            u.v.next = signed_cast(self.mems[mem_index(Mem::V(upd_sel), nl)].word_rdata.val());
        } else {
            u.w.next = to_signed(0);
            u.v.next = to_signed(0);
        }
        u.g.next = self.narrow_g.value_out.val();
        u.valid.next = t.upd_valid.val();
        u.is_bias.next = t.upd_bias.val();
        u.eta.next = signed_cast(g.eta.val());
        u.mu.next = signed_cast(g.mu.val());
        u.one_minus_mu.next = signed_cast(g.one_minus_mu.val());
        u.wd.next = signed_cast(g.two_lambda.val());
        u.ema.next = self._ema;
        u.lfsr_load.next = g.lfsr_load.val();
        u.lfsr_seed.next = g.lfsr_seed.val();
        let ws = sel_q(self.regs.win_sel_q.val());
        self.regs.win_rdata.next = if ws == NONE || self._win_mem[ws] == NONE {
            0.into()
        } else {
            self.mems[self._win_mem[ws]].word_rdata.val()
        };
    }
    fn connect(&mut self) {
        self.rdata.connect();
        self.busy.connect();
        self.done.connect();
    }
    /// The glue as Verilog, generated from the shape ([`glue`]); rust-hdl adds the stub
    /// declarations and the sub-block instances.
    fn hdl(&self) -> Verilog {
        Verilog::Custom(glue::glue(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memories_and_indices_follow_the_config() {
        let cfg = Config::default();
        let sh = Shape::new(&cfg);
        assert_eq!(sh.p, 4);
        let mems = sh.mems();
        assert_eq!(mems.len(), 4 * sh.nl());
        for (i, &m) in mems.iter().enumerate() {
            assert_eq!(mem_index(m, sh.nl()), i, "{m:?}");
        }
        assert_eq!(sh.dims(Mem::Act(0)), (32, 65));
        assert_eq!(sh.dims(Mem::Err(1)), (32, 10));
        assert_eq!(sh.dims(Mem::W(0)), (65, 32));
        assert_eq!(sh.dims(Mem::V(1)), (33, 10));
        // P is the power of two ≥ max(R, C).
        let mut c = cfg.clone();
        c.array.rows = 3;
        c.array.cols = 5;
        assert_eq!(Shape::new(&c).p, 8);
    }

    #[test]
    fn engine_runs_the_engine_program_and_holds_the_bias_input() {
        let mut cfg = Config::default();
        cfg.model.layers = vec![64, 6, 10];
        cfg.train.batch_size = 4;
        let e = Engine::new(&cfg);
        assert_eq!(e.program(), &Program::for_engine(&cfg));
        assert_eq!(e.mems.len(), 8);
        assert_eq!(e.acts.len(), cfg.array.cols);
        assert_eq!(e.losses.len(), cfg.array.rows);
        // ACT[l]'s last column is 1.0 in the activation format (initial contents).
        let lay = e.mems[0].layout().clone();
        assert_eq!((lay.rows, lay.cols), (4, 65));
    }

    #[test]
    #[should_panic(expected = "act_frac + err_frac < mom_frac")]
    fn refuses_a_dw_narrowing_that_needs_a_left_shift() {
        let mut cfg = Config::default();
        cfg.fixed.act_frac = 4;
        cfg.fixed.err_frac = 8;
        cfg.fixed.mom_frac = 13;
        let _ = Engine::new(&cfg);
    }
}
