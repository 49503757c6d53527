//! The drain controller [`Drain`]: everything between the MAC array's `acc_out` and the memories'
//! lane write ports except the arithmetic (which is in `Narrow`, `ActUnit`, `LossGrad`,
//! `UpdateUnit`): tile bookkeeping, the registered memory selects, the write-address delay lines,
//! the logit buffer and loss-unit sequencing, the δ-row write queue, CORRECT and the five
//! saturation counters.
//!
//! One block, two descriptions that must agree cycle for cycle:
//! - a cycle-accurate Rust model (`Core`, `Drain::edge`, `Drain::drive`: an event queue acting on the
//!   rising edge), the block's rust-hdl simulation model, which the engine co-simulation runs and
//!   proves bit-exact with golden;
//! - RTL, `Drain::rtl`: Custom Verilog generated from the config (R, C, P, layers, B, classes N,
//!   memory indices), which is what `generate_verilog` emits for the block.
//!
//! They are proven equal by [`DrainCtlUnit`] (units `drain_ctl`, default config, and
//! `drain_ctl_small`, 64-3-7-10 on a 3×5 array): every port of the model recorded every cycle during
//! real engine steps (softmax-CE and MSE, full / short / batch-1 steps, digits data, normal and "hot"
//! nets), replayed in rust-hdl, Icarus and Verilator (`harness::prove_unit`, with lint, the latch
//! check and the corrupted-vector self-test).
//!
//! # Timing (x = a cycle in which a tile position is on `acc_out`; all outputs are registers or
//! combinational from registers; the memory-facing ones (`aux_*`, `upd_*`, `wr1_*`, `wr2_*`, the
//! selects) are registers, except `wr1_data`)
//! - A tile announced in cycle e (`mac_en & last`) waits one cycle and drains from e+2: row sinks
//!   one row per cycle (R positions), the update sink one value per cycle (R·C positions).
//!   `shift` and `upd_lane` (the g narrowing's lane) describe the current position; `aux_*` (ACT
//!   read of the derivative's `a`) and `upd_*` (W/V word reads) the previous one (their data meets
//!   the narrowed value: the narrowing `NarrowPiped` takes NARROW_LAT = 2 cycles); `upd_valid/bias`,
//!   `act_kind/dkind` the one before (the value narrowed now).
//! - Position x → narrowed values and their saturations sampled at the edge ending x+2 (loss sink:
//!   logits into the buffer); the derivative's `dsat` at x+4; the act/deriv lane write driven in
//!   x+4 (`wr1`, data from the activation unit); g's saturation at x+2; the update unit's
//!   saturations at x+2+UPD_LAT and the W/V write in x+2+UPD_LAT (x+11 with the 9-stage update
//!   unit; `wr1` + `wr2`, data from the update unit). The delay lines follow `NARROW_LAT`, `ACT_LAT`
//!   and `UPD_LAT` (the RTL's read and flag stages assume NARROW_LAT = 2).
//! - Loss: a sample whose N logits are in is queued for unit `sample mod R`; a free unit (3N+31
//!   cycles after its last start) starts it (`l_start`, label) the cycle after, then feeds its N
//!   logits one per cycle. Its N errors are buffered; the finished row is written to ERR[L−1] in
//!   ⌈N/P⌉ chunks of P lanes through `wr1` (source = drain data) in cycles with no pipeline write.
//! - `start` loads BATCH (`l_batch`) and clears CORRECT, the counters and the fill counts.
//! - CORRECT and the five saturation counters (`correct`, `sat`) show their counts one cycle
//!   late: the value of the edge before the last (the RTL registers the increments first). A step's
//!   last count (the update unit's saturations of its last position, sampled at the edge ending
//!   x+11) shows from x+13, no later than `done` (END's barrier covers the whole update pipeline,
//!   `program`), so the host reads the same numbers (the engine runs check them every step).
//!
//! # Picture
//! ```text
//!  tile_* ─►[wait]─►[drain: ci cj]──► shift, upd_lane ─►[aux_*, upd_*]   ─►[kinds, valid, bias]²
//!                        │ position x
//!         ┌──────────────┼──────────────────────────┬─────────────────────┐
//!         ▼ 2 stages     ▼ 3 stages + wr1           ▼ 10 stages + wr1     ▼ 2/4/11 stages
//!   nw_val ─► logit banks (C lanes × R copies) ─► l_logit[u]      sat counters (acc, act, err,
//!         │   last tile column ─► queue[u] (head, count) ─► l_start[u]   mom, weight), CORRECT
//!   l_err[u] ─► error banks[u] (P lanes, BRAM) ─► job queue (unit, sample) ─► δ chunks ─┐
//!   act/deriv write address ──────────────────────────────────────────► wr1 ─► memories
//!   W/V write address ────────────────────────────────────────────────► wr1 + wr2
//! ```
//! The model's asserts (two writes in one cycle, δ_L read while loss units work, a missed drain, a
//! loss write meeting a drain write) stay in the model; the RTL ignores those cases. The RTL also
//! relies on program facts the model does not need: tile columns start at multiples of C (logit
//! banks), drains do not overlap (two tile slots), and so (with the 3N+31-cycle spacing) each unit
//! has at most one δ row waiting, whose errors stay in its buffer until written; the sequencer
//! loops row-major over the tiles (n0 ascending within a tile row), so a sample is complete when
//! the last tile column (n0 = (⌈N/C⌉−1)·C) passes its row (the model counts the logits instead),
//! and samples complete (and start) in ascending order, so unit u's next sample is u + R·(its
//! starts since `start`): a register `nx` and a count instead of a FIFO memory; tile rows start at
//! multiples of R (m0 + i and n0 + j are ORs for R, C powers of two). From the loss unit's fixed
//! latency (asserted by the model): its last error arrives 3N+30 cycles after its start and
//! `out_valid` only for a started sample, so a unit is restarted on its 3N+31-cycle timer alone
//! and `out_valid` stands for the job (no job flag, no `out_valid` → start path).
//!
//! RTL structure for the iCE40 (the model's cycle behaviour at every port): the logit banks (B·T2
//! words, T2 = ⌈N/C⌉ rounded up to a power of two, address {sample, tile column}: no multiplier)
//! and the error buffer (P lane banks of ⌈N/P⌉ words per loss unit) have one write and one
//! registered read port each, so they map to block RAM; `wr1_data` is the error bank's read
//! register, gated by the registered lane mask, with a bypass for the error written at the same
//! edge. The W/V write address (valid, layer, row, column of position x, needed UPD_LAT cycles
//! later) goes through a 16-word ring in block RAM instead of UPD_LAT register stages (on the
//! iCE40 a register loaded from a register takes a whole logic cell). The five saturation counters
//! are {high, mid, low} with the low part as wide as the config's largest increment: the
//! increments are registered (hence the one-cycle lag), the low carry is itself a register
//! computed an edge ahead and enables the mid part's +1, the high part adds 1 on carry & a
//! registered "mid part all ones" flag (two short carry chains), and registered "all ones" flags
//! make saturation a 1-bit AND instead of a 33-bit carry. The loss units' "accepts a start" and
//! "logit window" conditions are registered flags, and the next sample's label is a register
//! (a two-stage registered select when a unit has more than 4 samples).
//! The ACT read of the derivative (`aux_*`) and the W/V word reads of the update (`upd_*`) are
//! registers loaded from the position registers (the memories' address decode starts at a
//! flip-flop); their address fields are not zeroed while the enable is low (a zeroing would be a
//! flip-flop reset, routed through a global buffer by nextpnr): the memories ignore them then, and
//! the unit proof does not check them then (the model shows 0).

use super::act_unit::kind_code;
use super::driver::EngineSim;
use super::engine::{mem_index, Shape};
use super::harness::Port;
use super::harness::{HwUnit, Vectors};
use super::host::HostBus;
use super::program::{loss_sample_cycles, Mem};
use super::{from_signed, to_bits, to_signed};
use crate::config::{Config, Loss};
use crate::data;
use crate::fixed::SatCounters;
use crate::golden::{Net, UpdateRegs};
use rust_hdl::prelude::*;
use std::collections::VecDeque;

/// Sink codes of the ROM (see `program`).
const SINK_ACT: u64 = 1;
const SINK_LOSS: u64 = 2;
const SINK_DERIV: u64 = 3;
const SINK_UPDATE: u64 = 4;

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
pub const NARROW_LAT: u64 = super::narrow::PIPED_LATENCY as u64;
/// The activation unit's latency (both paths; `act_unit` module doc).
pub const ACT_LAT: u64 = super::act_unit::LATENCY as u64;
pub const UPD_LAT: u64 = super::update_unit::LATENCY as u64;

/// An ACT lane read of the derivative: memory index, row, column, lanes.
type AuxRead = (usize, usize, usize, usize);
/// A W/V word read of the update: layer, row, column.
type UpdRead = (usize, usize, usize);

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
    /// What the `correct` and `sat` ports show: the counts one cycle behind (the RTL registers
    /// the increments first).
    out_correct: usize,
    out_sat: SatCounters,
    wr1: Option<Write>,
    shift: bool,
    aux: Option<AuxRead>,
    upd: Option<UpdRead>,
    upd_lane: usize,
    upd_valid: bool,
    upd_bias: bool,
    act_kind: u64,
    act_dkind: u64,
    /// The reads (aux, upd) and the narrowed value's flags (upd valid / bias, act kinds) computed
    /// for a position, on their way to the ports (NARROW_LAT − 1 cycles each).
    rd_line: VecDeque<(Option<AuxRead>, Option<UpdRead>)>,
    flag_line: VecDeque<(bool, bool, u64, u64)>,
    /// Recorded per cycle when on: the tile tracker's inputs and outputs ([`super::drain`]).
    tile_trace: Option<Vec<(Vec<u64>, Vec<u64>)>>,
    /// Recorded per cycle when on: every input and output port ([`Drain::port_lists`] order).
    port_trace: Option<Vec<(Vec<u64>, Vec<u64>)>>,
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
            out_correct: 0,
            out_sat: SatCounters::default(),
            wr1: None,
            shift: false,
            aux: None,
            upd: None,
            upd_lane: 0,
            upd_valid: false,
            upd_bias: false,
            act_kind: 0,
            act_dkind: 0,
            rd_line: (1..NARROW_LAT).map(|_| (None, None)).collect(),
            flag_line: (1..NARROW_LAT).map(|_| (false, false, 0, 0)).collect(),
            tile_trace: None,
            port_trace: None,
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

    /// Start recording every port's value per cycle (inputs, outputs; [`Drain::port_lists`]).
    pub fn record_ports(&mut self) {
        self._core.port_trace = Some(Vec::new());
    }

    /// The recorded rows (inputs, outputs) of every cycle since [`Drain::record_ports`].
    pub fn take_port_trace(&mut self) -> Vec<(Vec<u64>, Vec<u64>)> {
        self._core.port_trace.take().unwrap_or_default()
    }

    /// The block's input and output ports in vector order (emitted names, widths).
    pub fn port_lists(&self) -> (Vec<Port>, Vec<Port>) {
        let sh = &self._core.sh;
        let (r, c, p, b) = (sh.rows, sh.cols, sh.p, sh.batch);
        let one = |n: &str, w: u32| vec![Port::new(n, w)];
        let many = |n: &str, k: usize, w: u32| -> Vec<Port> {
            (0..k).map(|i| Port::new(format!("{n}${i}"), w)).collect()
        };
        let ins = [
            one("rd_en", 1),
            one("a_mem", 6),
            one("b_mem", 6),
            one("mac_en", 1),
            one("last", 1),
            one("tile_m0", 16),
            one("tile_n0", 16),
            one("tile_rows", 16),
            one("tile_cols", 16),
            one("sink", 3),
            one("sink_layer", 4),
            one("start", 1),
            one("batch", 16),
            many("labels", b, 16),
            many("sat_in", r * c, 1),
            many("nw_val", c, 16),
            many("nw_sat", c, 1),
            many("dsat", c, 1),
            one("g_sat", 1),
            one("u_valid", 1),
            one("u_sat_mom", 1),
            one("u_sat_weight", 1),
            many("l_out_valid", r, 1),
            many("l_out_last", r, 1),
            many("l_err", r, 16),
            many("l_sat", r, 1),
            many("l_correct", r, 1),
        ]
        .concat();
        let outs = [
            one("shift", 1),
            many("l_start", r, 1),
            many("l_label", r, 8),
            many("l_in_valid", r, 1),
            many("l_logit", r, 16),
            one("l_batch", 16),
            one("a_sel_q", 8),
            one("b_sel_q", 8),
            one("aux_sel_q", 8),
            one("upd_sel_q", 8),
            one("aux_en", 1),
            one("aux_mem", 8),
            one("aux_row", 16),
            one("aux_col", 16),
            one("aux_lanes", 16),
            one("upd_en", 1),
            one("upd_layer", 8),
            one("upd_row", 16),
            one("upd_col", 16),
            one("upd_lane", 8),
            one("upd_valid", 1),
            one("upd_bias", 1),
            one("act_kind", 3),
            one("act_dkind", 3),
            one("wr1_en", 1),
            one("wr1_src", 2),
            one("wr1_mem", 8),
            one("wr1_row", 16),
            one("wr1_col", 16),
            one("wr1_mask", 16),
            many("wr1_data", p, 16),
            one("wr2_en", 1),
            one("wr2_mem", 8),
            one("correct", 16),
            many("sat", 5, 32),
        ]
        .concat();
        (ins, outs)
    }

    /// This cycle's input values ([`Drain::port_lists`] order).
    pub fn input_values(&self) -> Vec<u64> {
        let bit = |s: &Signal<In, Bit>| s.val() as u64;
        let sg = |s: &Signal<In, Signed<16>>| s.val().inner().to_u64();
        let mut v = vec![
            bit(&self.rd_en),
            self.a_mem.val().to_u64(),
            self.b_mem.val().to_u64(),
            bit(&self.mac_en),
            bit(&self.last),
            self.tile_m0.val().to_u64(),
            self.tile_n0.val().to_u64(),
            self.tile_rows.val().to_u64(),
            self.tile_cols.val().to_u64(),
            self.sink.val().to_u64(),
            self.sink_layer.val().to_u64(),
            bit(&self.start),
            self.batch.val().to_u64(),
        ];
        v.extend(self.labels.iter().map(|s| s.val().to_u64()));
        v.extend(self.sat_in.iter().map(bit));
        v.extend(self.nw_val.iter().map(sg));
        v.extend(self.nw_sat.iter().map(bit));
        v.extend(self.dsat.iter().map(bit));
        v.extend([
            bit(&self.g_sat),
            bit(&self.u_valid),
            bit(&self.u_sat_mom),
            bit(&self.u_sat_weight),
        ]);
        v.extend(self.l_out_valid.iter().map(bit));
        v.extend(self.l_out_last.iter().map(bit));
        v.extend(self.l_err.iter().map(sg));
        v.extend(self.l_sat.iter().map(bit));
        v.extend(self.l_correct.iter().map(bit));
        v
    }

    /// Drive the inputs from one row of values ([`Drain::port_lists`] order).
    pub fn set_inputs(&mut self, x: &[u64]) {
        let (r, c, b) = (self.l_start.len(), self.nw_val.len(), self.labels.len());
        let mut it = x.iter().copied();
        let mut nx = move || it.next().expect("an input value per port");
        self.rd_en.next = nx() != 0;
        self.a_mem.next = to_bits(nx());
        self.b_mem.next = to_bits(nx());
        self.mac_en.next = nx() != 0;
        self.last.next = nx() != 0;
        self.tile_m0.next = to_bits(nx());
        self.tile_n0.next = to_bits(nx());
        self.tile_rows.next = to_bits(nx());
        self.tile_cols.next = to_bits(nx());
        self.sink.next = to_bits(nx());
        self.sink_layer.next = to_bits(nx());
        self.start.next = nx() != 0;
        self.batch.next = to_bits(nx());
        for i in 0..b {
            self.labels[i].next = to_bits(nx());
        }
        for i in 0..r * c {
            self.sat_in[i].next = nx() != 0;
        }
        for j in 0..c {
            self.nw_val[j].next = to_signed(nx() as i64);
        }
        for j in 0..c {
            self.nw_sat[j].next = nx() != 0;
        }
        for j in 0..c {
            self.dsat[j].next = nx() != 0;
        }
        self.g_sat.next = nx() != 0;
        self.u_valid.next = nx() != 0;
        self.u_sat_mom.next = nx() != 0;
        self.u_sat_weight.next = nx() != 0;
        for u in 0..r {
            self.l_out_valid[u].next = nx() != 0;
        }
        for u in 0..r {
            self.l_out_last[u].next = nx() != 0;
        }
        for u in 0..r {
            self.l_err[u].next = to_signed(nx() as i64);
        }
        for u in 0..r {
            self.l_sat[u].next = nx() != 0;
        }
        for u in 0..r {
            self.l_correct[u].next = nx() != 0;
        }
    }

    /// This cycle's output values ([`Drain::port_lists`] order).
    pub fn output_values(&self) -> Vec<u64> {
        let bit = |s: &Signal<Out, Bit>| s.val() as u64;
        let mut v = vec![bit(&self.shift)];
        v.extend(self.l_start.iter().map(bit));
        v.extend(self.l_label.iter().map(|s| s.val().to_u64()));
        v.extend(self.l_in_valid.iter().map(bit));
        v.extend(self.l_logit.iter().map(|s| s.val().inner().to_u64()));
        v.extend([
            self.l_batch.val().to_u64(),
            self.a_sel_q.val().to_u64(),
            self.b_sel_q.val().to_u64(),
            self.aux_sel_q.val().to_u64(),
            self.upd_sel_q.val().to_u64(),
            bit(&self.aux_en),
            self.aux_mem.val().to_u64(),
            self.aux_row.val().to_u64(),
            self.aux_col.val().to_u64(),
            self.aux_lanes.val().to_u64(),
            bit(&self.upd_en),
            self.upd_layer.val().to_u64(),
            self.upd_row.val().to_u64(),
            self.upd_col.val().to_u64(),
            self.upd_lane.val().to_u64(),
            bit(&self.upd_valid),
            bit(&self.upd_bias),
            self.act_kind.val().to_u64(),
            self.act_dkind.val().to_u64(),
            bit(&self.wr1_en),
            self.wr1_src.val().to_u64(),
            self.wr1_mem.val().to_u64(),
            self.wr1_row.val().to_u64(),
            self.wr1_col.val().to_u64(),
            self.wr1_mask.val().to_u64(),
        ]);
        v.extend(self.wr1_data.iter().map(|s| s.val().to_u64()));
        v.extend([bit(&self.wr2_en), self.wr2_mem.val().to_u64()]);
        v.push(self.correct.val().to_u64());
        v.extend(self.sat.iter().map(|s| s.val().to_u64()));
        v
    }

    /// The rising edge that ends cycle `cyc`.
    fn edge(&mut self) {
        if self._core.port_trace.is_some() {
            let row = (self.input_values(), self.output_values());
            if let Some(t) = self._core.port_trace.as_mut() {
                t.push(row);
            }
        }
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
        k.out_correct = k.correct;
        k.out_sat = k.sat.clone();
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
        // the flags of position x show NARROW_LAT cycles later (with its narrowed value)
        k.flag_line
            .push_back((k.upd_valid, k.upd_bias, k.act_kind, k.act_dkind));
        (k.upd_valid, k.upd_bias, k.act_kind, k.act_dkind) = k.flag_line.pop_front().unwrap();
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
            // (the RTL keeps no job flag: it takes `l_out_valid` as the job's)
            assert!(
                !l_valid[u] || k.lanes[u].job.is_some(),
                "cycle {x}: loss unit {u} output without a job"
            );
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
            // The RTL starts a unit on its timer alone (3N+31 cycles after the last start): the
            // job's last error must have arrived by then (the loss unit's fixed latency).
            assert!(
                ln.job.is_none() || ln.free > y,
                "cycle {x}: loss unit {u} still busy {tl} cycles after its start"
            );
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
        // the reads of a position are issued NARROW_LAT − 1 cycles after it is on acc_out (their
        // data meets the narrowed value)
        k.rd_line.push_back((k.aux, k.upd));
        (k.aux, k.upd) = k.rd_line.pop_front().unwrap();
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
        self.correct.next = b16(k.out_correct);
        let s = &k.out_sat;
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
    fn hdl(&self) -> Verilog {
        Verilog::Custom(self.rtl())
    }
}

// ---------------------------------------------------------------------------------------------
// The RTL (Custom Verilog, generated from the config)

/// Bits to hold the values `0..=v` (at least 1).
fn width(v: usize) -> usize {
    (usize::BITS - v.leading_zeros()).max(1) as usize
}

/// `e` (of `from` bits) zero-extended to `to` bits.
fn zext(e: &str, from: usize, to: usize) -> String {
    assert!(to >= from, "zext {from} → {to}");
    if to == from {
        e.to_string()
    } else {
        format!("{{{}'d0, {e}}}", to - from)
    }
}

/// Sum of 1-bit terms as a `w`-bit expression (`{w-1'd0, t0} + …`).
fn popsum(terms: &[String], w: usize) -> String {
    if terms.is_empty() {
        return format!("{w}'d0");
    }
    terms
        .iter()
        .map(|t| zext(&format!("({t})"), 1, w))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The sum of bits as a bit-level adder tree: `cols[w]` holds the 1-bit expressions of weight
/// 2^w; full and half adders (XOR/AND/OR wires named `{pre}_*`) reduce every column to one bit.
/// Returns the sum bits listed in `keep` (LSB = 0; carries out of the top column are dropped: the
/// caller bounds the sum) and writes to `v` only the wires they need.
fn bitsum(v: &mut String, pre: &str, mut cols: Vec<Vec<String>>, keep: &[usize]) -> Vec<String> {
    use std::collections::HashSet;
    use std::fmt::Write as _;
    let mut wires: Vec<(String, String)> = Vec::new();
    let top = cols.len();
    for w in 0..top {
        while cols[w].len() > 1 {
            let n = wires.len();
            let a = cols[w].remove(0);
            let b = cols[w].remove(0);
            let (s, cy) = if cols[w].is_empty() {
                (format!("{a} ^ {b}"), format!("{a} & {b}"))
            } else {
                let c = cols[w].remove(0);
                (
                    format!("{a} ^ {b} ^ {c}"),
                    format!("({a} & {b}) | ({a} & {c}) | ({b} & {c})"),
                )
            };
            wires.push((format!("{pre}_s{n}"), s));
            cols[w].push(format!("{pre}_s{n}"));
            if w + 1 < top {
                wires.push((format!("{pre}_c{n}"), cy));
                cols[w + 1].push(format!("{pre}_c{n}"));
            }
        }
    }
    let out: Vec<String> = keep
        .iter()
        .map(|&w| cols[w].first().cloned().unwrap_or_else(|| "1'b0".into()))
        .collect();
    // the wires the kept bits need (identifiers of the expressions, transitively)
    let idents = |e: &str| -> Vec<String> {
        e.split(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect()
    };
    let mut used: HashSet<String> = out.iter().flat_map(|e| idents(e)).collect();
    for (name, e) in wires.iter().rev() {
        if used.contains(name) {
            used.extend(idents(e));
        }
    }
    for (name, e) in &wires {
        if used.contains(name) {
            let _ = writeln!(v, "wire {name} = {e};");
        }
    }
    out
}

/// Sizes of the RTL's structures (each derived in [`Drain::rtl`]'s comments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtlSizes {
    /// Per-unit sample FIFO depth ⌈B/R⌉.
    pub sample_fifo: usize,
    /// δ-row job queue depth (a power of two ≥ max(R, 2)).
    pub job_queue: usize,
    /// Logit buffer words per lane bank and loss unit: B·T2 (T2 = ⌈N/C⌉ rounded up to a power
    /// of two).
    pub logit_words: usize,
    /// δ chunks per row ⌈N/P⌉.
    pub chunks: usize,
}

impl Drain {
    /// The sizes of the generated RTL's bounded structures.
    pub fn rtl_sizes(&self) -> RtlSizes {
        let sh = &self._core.sh;
        let n = sh.layers[sh.nl()];
        RtlSizes {
            sample_fifo: sh.batch.div_ceil(sh.rows),
            job_queue: sh.rows.next_power_of_two().max(2),
            logit_words: sh.batch * n.div_ceil(sh.cols).next_power_of_two(),
            chunks: n.div_ceil(sh.p),
        }
    }

    /// The drain controller's RTL (the body of the module whose ports rust-hdl writes).
    pub fn rtl(&self) -> String {
        use std::fmt::Write as _;
        let k = &*self._core;
        let sh = &k.sh;
        let (r, c, p, b, nl) = (sh.rows, sh.cols, sh.p, sh.batch, sh.nl());
        let n = sh.layers[nl];
        let tl = loss_sample_cycles(n);
        let sz = self.rtl_sizes();
        assert!(b * n < 1 << 16, "logit buffer of {} words", b * n);
        assert!(p.is_power_of_two() && p <= 16 && c <= 16 && r <= 16);
        // Widths: sample index, unit index, job-queue pointer/count, chunk index,
        // sample-FIFO pointer/count, error index, loss-unit occupancy counter.
        let sw = width(b - 1);
        let uw = width(r - 1);
        let jd = sz.job_queue;
        let jpw = jd.trailing_zeros() as usize;
        let jcw = width(jd);
        let nch = sz.chunks;
        let kw = width(nch - 1);
        let qd = sz.sample_fifo;
        let qcw = width(qd);
        let ew = width(n - 1);
        let rmw = width(tl);
        let pp = p.trailing_zeros() as usize;
        // Logit banks: lane j of tile column t (n0 = t·C) holds class t·C + j; T = ⌈N/C⌉ tile
        // columns, T2 = T rounded up to a power of two words per sample; bank address =
        // {sample, t} (sample·T2 + t: no arithmetic; width law = sw + tw).
        let tcn = n.div_ceil(c);
        let t2 = tcn.next_power_of_two();
        let tw = t2.trailing_zeros() as usize;
        let law = sw + tw;
        let lbw = width(c - 1);
        // Tile bookkeeping widths, bounded by the config (the ports stay 16 bits, zero-extended):
        // every GEMM's M and N is a dimension of some memory (batch, n_l + 1 or n_l), so a tile
        // origin m0 / n0 < dmax = max(batch, max n_l + 1): `wm` bits; a tile has rows <= R and
        // cols <= C (the sequencer's min(R, M - m0)): `wtr` / `wtc` bits; the position counters run
        // to R - 1 and C - 1: `wi` / `wj` bits; the row m0 + i and the update column n0 + j stay
        // below dmax + R - 1 and dmax + C - 1 (no wrap even for the padded rows of an edge tile):
        // `wrow` / `wcol` bits.
        let dmax = b.max(sh.layers.iter().copied().max().unwrap_or(1) + 1);
        let wm = width(dmax - 1);
        let wtr = width(r);
        let wtc = width(c);
        let wi = width(r - 1);
        let wj = width(c - 1);
        let wrow = width(dmax + r - 2);
        let wcol = width(dmax + c - 2);
        assert!(wrow <= 16 && wcol <= 16 && sw <= wrow);
        let mut v = String::new();
        macro_rules! w {
            ($($t:tt)*) => { let _ = writeln!(v, $($t)*); };
        }
        w!("// ---- drain controller RTL, generated by src/hw/drain_ctl.rs for R={r} C={c} P={p} B={b} layers={:?}", sh.layers);
        w!("// Sizes: logit buffer B*T2 = {} words per lane bank (T2 = {t2}); per-unit sample FIFO ceil(B/R) = {qd}; delta job queue {jd} (>= R);", b * t2);
        w!("// {nch} delta chunk(s) of P lanes per row; a loss unit is busy 3N+31 = {tl} cycles per sample.");
        // ---------------- packed views of the vector ports
        let cat = |name: &str, cnt: usize| -> String {
            (0..cnt)
                .rev()
                .map(|i| format!("{name}${i}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        w!("wire [{}:0] nw_sat_v = {{{}}};", c - 1, cat("nw_sat", c));
        w!("wire [{}:0] dsat_v = {{{}}};", c - 1, cat("dsat", c));
        // ---------------- tile tracker (as DrainTiles): waiting slot and draining tile
        w!("// ---- tile tracker: the waiting slot (announced tile) and the draining tile with its");
        w!("// position (row ci, lane cj); the position registers describe the current cycle.");
        w!("// Widths from the config: origins {wm} bits (< {dmax}), rows {wtr}, cols {wtc}, i {wi}, j {wj}, row m0+i {wrow}, column n0+j {wcol}.");
        // The layer of a sink that uses it (act 1..L-1, deriv ..L-2, update 0..L-1) is < L: lyw bits.
        let lyw = width(nl - 1);
        w!("reg nv_q; reg [{}:0] n_m0_q, n_n0_q; reg [{}:0] n_rows_q; reg [{}:0] n_cols_q; reg [2:0] n_sink_q; reg [{}:0] n_layer_q;", wm - 1, wtr - 1, wtc - 1, lyw - 1);
        w!("reg cv_q; reg [{}:0] c_m0_q, c_n0_q; reg [{}:0] c_rows_q; reg [{}:0] c_cols_q; reg [{}:0] ci_q; reg [{}:0] cj_q; reg [2:0] c_sink_q; reg [{}:0] c_ly_q;", wm - 1, wtr - 1, wtc - 1, wi - 1, wj - 1, lyw - 1);
        w!("wire [3:0] c_layer_q = {};", zext("c_ly_q", lyw, 4));
        w!("wire rows_ok = {} < c_rows_q;", zext("ci_q", wi, wtr));
        // m0 is a multiple of R and n0 of C (the sequencer's tile origins): for R (C) a power of
        // two, m0 + i (n0 + j) is an OR of disjoint bits, no carry chain
        let op = |pow2: bool| if pow2 { "|" } else { "+" };
        w!(
            "wire [{}:0] row_now = {} {} {};",
            wrow - 1,
            zext("c_m0_q", wm, wrow),
            op(r.is_power_of_two()),
            zext("ci_q", wi, wrow)
        );
        w!(
            "wire [{}:0] col_now = {} {} {};",
            wcol - 1,
            zext("c_n0_q", wm, wcol),
            op(c.is_power_of_two()),
            zext("cj_q", wj, wcol)
        );
        w!("wire is_upd = c_sink_q == 3'd{SINK_UPDATE};");
        w!("wire row_sink = (c_sink_q == 3'd{SINK_ACT}) | (c_sink_q == 3'd{SINK_LOSS}) | (c_sink_q == 3'd{SINK_DERIV});");
        w!("wire row_pos = cv_q & row_sink & rows_ok;          // a row of an act/loss/deriv tile on acc_out");
        w!("wire upd_pos = cv_q & is_upd & rows_ok & ({} < c_cols_q); // a value of an update tile", zext("cj_q", wj, wtc));
        // lanes < cols (cols <= C: lanes j >= C are never valid)
        let cm: Vec<String> = (0..c)
            .rev()
            .map(|j| format!("c_cols_q > {wtc}'d{j}"))
            .collect();
        w!(
            "wire [{}:0] cmask = {{{}}}; // lanes < cols",
            c - 1,
            cm.join(", ")
        );
        w!("reg valid_q, bias_q; reg [2:0] kind_q, dkind_q;");
        // bias row and kinds per layer
        w!("reg bias_row; reg [2:0] kind_n, dkind_n;");
        w!("always @(*) begin");
        w!("    bias_row = 1'b0; kind_n = 3'd0; dkind_n = 3'd0;");
        w!("    case (c_layer_q)");
        for l in 0..nl {
            w!("    4'd{l}: begin");
            w!("        bias_row = row_now == {wrow}'d{};", sh.layers[l]);
            if l >= 1 && l < nl {
                if let Some(&kd) = k.kinds.get(l - 1) {
                    w!("        kind_n = (c_sink_q == 3'd{SINK_ACT}) ? 3'd{kd} : 3'd0;");
                }
            }
            if let Some(&kd) = k.kinds.get(l) {
                w!("        dkind_n = (c_sink_q == 3'd{SINK_DERIV}) ? 3'd{kd} : 3'd0;");
            }
            w!("    end");
        }
        w!("    default: ;");
        w!("    endcase");
        w!("end");
        // the draining tile's layer + 1 / + 2 (adders from the register, beside the enables)
        w!("wire [7:0] layer_p1 = {{4'd0, c_layer_q}} + 8'd1;");
        // The reads of a position (ACT for the derivative, W/V words for the update) are issued
        // NARROW_LAT - 1 = 1 cycle after it is on acc_out, so that their data meets the narrowed
        // value: registers loaded from the position registers, so the memories' address decode
        // starts at a flip-flop. Their address fields are not zeroed while the enable is low (the
        // memories ignore them then; the unit proof does not check them then): a zeroing would be
        // a flip-flop reset, whose net nextpnr routes through a global buffer.
        assert_eq!(
            NARROW_LAT, 2,
            "the RTL's read and flag stages assume a 2-cycle narrowing"
        );
        w!("always @(posedge clock) begin");
        w!("    aux_en <= cv_q & (c_sink_q == 3'd{SINK_DERIV}) & rows_ok;");
        w!("    aux_mem <= layer_p1;");
        w!("    aux_row <= {};", zext("row_now", wrow, 16));
        w!("    aux_col <= {};", zext("c_n0_q", wm, 16));
        w!("    aux_lanes <= {};", zext("c_cols_q", wtc, 16));
        w!("    upd_en <= upd_pos;");
        w!("    upd_layer <= {{4'd0, c_layer_q}};");
        w!("    upd_row <= {};", zext("row_now", wrow, 16));
        w!("    upd_col <= {};", zext("col_now", wcol, 16));
        w!("    // the narrowed value's flags: the position's (valid_q, ...) one edge later");
        w!("    upd_valid <= valid_q; upd_bias <= bias_q; act_kind <= kind_q; act_dkind <= dkind_q;");
        w!("end");
        // combinational outputs of the current position
        w!("always @(*) begin");
        w!("    shift = cv_q & (~is_upd | (cj_q == {wj}'d{}));", c - 1);
        w!(
            "    upd_lane = (cv_q & is_upd) ? {} : 8'd0;",
            zext("cj_q", wj, 8)
        );
        w!("end");
        // ---------------- memory selects
        w!("// ---- memory id (6-bit code) -> memory index + 1 (0: none)");
        w!("function [7:0] msel;");
        w!("    input [5:0] code;");
        w!("    begin");
        w!("        case (code)");
        for (code, &idx) in k.code_to_idx.iter().enumerate() {
            if idx != NONE {
                w!("        6'd{code}: msel = 8'd{};", idx + 1);
            }
        }
        w!("        default: msel = 8'd0;");
        w!("        endcase");
        w!("    end");
        w!("endfunction");
        // ---------------- event delay lines
        w!("// ---- delay lines of the position of cycle x (set at the edge ending x):");
        w!("// narrowed values (sampled at x+2: 2 stages), the derivative unit's dsat (x+4: 4 stages),");
        w!(
            "// the g narrowing's sat (x+2: 2 stages), the update unit's sats (x+{0}: {0} stages); the act/deriv",
            NARROW_LAT + UPD_LAT
        );
        w!(
            "// lane write is driven in x+{} ({} stages + the wr1 register), the update's W/V write in x+{}",
            NARROW_LAT + ACT_LAT,
            ACT_LAT,
            NARROW_LAT + UPD_LAT
        );
        w!("// ({} stages + the wr1 register).", UPD_LAT);
        // n1_am / n1_em / n1_lm (then n2_*, the narrowing's second cycle): per lane, the narrowed
        // value of the position counts as act / err saturation, or is a logit to buffer (valid,
        // sink and lane mask in one register each)
        w!(
            "reg [{0}:0] n1_am, n1_em, n1_lm, n2_am, n2_em, n2_lm; reg [{1}:0] n1_push, n2_push; reg [{2}:0] n1_wa, n2_wa;",
            c - 1,
            r - 1,
            law - 1
        );
        // The activation unit's stages follow its latency (ACT_LAT): the derivative's dsat is
        // sampled at x + NARROW_LAT + ACT_LAT (`ds{ND}_*`), the act/deriv write waits ACT_LAT
        // stages (`w{A}_*`) and the wr1 register.
        let (nd, al) = ((NARROW_LAT + ACT_LAT) as usize, ACT_LAT as usize);
        let dnames = |pre: &str, suf: &str, n: usize| {
            (1..=n)
                .map(|i| format!("{pre}{i}{suf}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        // ds*_m: per lane, the derivative's dsat counts (valid and lane mask in one register)
        w!("reg [{}:0] {};", c - 1, dnames("ds", "_m", nd));
        // The update unit's stages follow its latency (UPD_LAT): the saturations are sampled at
        // x + NARROW_LAT + UPD_LAT (`us{NU}_v`), the W/V write address waits UPD_LAT stages (`u{U}_*`).
        let (nu, ul) = ((NARROW_LAT + UPD_LAT) as usize, UPD_LAT as usize);
        // The W/V write address is not a chain of register stages (a register loaded from a
        // register takes a whole logic cell on the iCE40): it goes through a ring of D >= UPD_LAT
        // words in block RAM, written with the position of cycle x at the edge ending x and read
        // (registered) at the edge ending x+NU-2, so it is `u{NU-1}_*` in cycle x+NU-1 (NU =
        // NARROW_LAT + UPD_LAT) as a chain of stages would be, and the wr1 register drives the
        // write in x+NU. Write and read addresses differ by NU-2 != 0 (mod D): no collision.
        // The word: {valid, layer (lyw bits), row m0+i, column n0+j}; the update unit's
        // saturations are sampled one stage later (`us{NU}_v`).
        let ulx = nu - 1;
        let ud = ul.next_power_of_two();
        assert!(ul >= 2 && nu - 2 < ud, "update delay ring: UPD_LAT {ul}");
        let udw = width(ud - 1);
        let uww = 1 + lyw + wrow + wcol;
        w!("reg g1_v, g2_v, us{nu}_v;");
        w!(
            "(* no_rw_check *) reg [{}:0] udl [0:{}]; reg [{}:0] udq; reg [{}:0] uwp;",
            uww - 1,
            ud - 1,
            uww - 1,
            udw - 1
        );
        w!(
            "wire [{}:0] urp = uwp + {udw}'d{}; // the word written {} edges ago",
            udw - 1,
            (ud - (nu - 2)) % ud,
            nu - 2
        );
        w!("wire u{ulx}_v = udq[{}];", uww - 1);
        w!(
            "wire [3:0] u{ulx}_l = {};",
            zext(&format!("udq[{}:{}]", uww - 2, wrow + wcol), lyw, 4)
        );
        w!(
            "wire [{}:0] u{ulx}_row = udq[{}:{wcol}];",
            wrow - 1,
            wrow + wcol - 1
        );
        w!("wire [{}:0] u{ulx}_col = udq[{}:0];", wcol - 1, wcol - 1);
        // The act/deriv write address likewise: a second ring (same pointer) read ND-2 words
        // behind (ND = NARROW_LAT + ACT_LAT), `w{ND-1}_*` in cycle x+ND-1, the write in x+ND. The
        // word: {valid, act (else deriv), layer, row m0+i (a sample: < B, sw bits), column n0,
        // lane mask}; source and memory follow from act/layer after the read.
        let alx = nd - 1;
        assert!(al >= 2 && nd - 2 < ud, "act delay ring: ACT_LAT {al}");
        let wdw = 2 + lyw + sw + wm + c;
        w!(
            "(* no_rw_check *) reg [{}:0] wdl [0:{}]; reg [{}:0] wdq;",
            wdw - 1,
            ud - 1,
            wdw - 1
        );
        w!(
            "wire [{}:0] wrp = uwp + {udw}'d{}; // the word written {} edges ago",
            udw - 1,
            (ud - (nd - 2)) % ud,
            nd - 2
        );
        let (o_mask, o_col, o_row, o_ly) = (0, c, c + wm, c + wm + sw);
        w!(
            "wire w{alx}_v = wdq[{}]; wire w{alx}_act = wdq[{}];",
            wdw - 1,
            wdw - 2
        );
        w!(
            "wire [3:0] w{alx}_ly = {};",
            zext(&format!("wdq[{}:{o_ly}]", o_ly + lyw - 1), lyw, 4)
        );
        w!("wire [1:0] w{alx}_src = w{alx}_act ? 2'd{SRC_ACT_Y} : 2'd{SRC_ACT_DELTA};");
        w!("wire [7:0] w{alx}_mem = w{alx}_act ? {{4'd0, w{alx}_ly}} : {{4'd0, w{alx}_ly}} + 8'd{nl};");
        w!(
            "wire [{}:0] w{alx}_row = {};",
            wrow - 1,
            zext(&format!("wdq[{}:{o_row}]", o_row + sw - 1), sw, wrow)
        );
        w!(
            "wire [{}:0] w{alx}_col = wdq[{}:{o_col}];",
            wm - 1,
            o_col + wm - 1
        );
        w!(
            "wire [15:0] w{alx}_mask = {};",
            zext(&format!("wdq[{}:{o_mask}]", c - 1), c, 16)
        );
        if tw > 0 {
            w!(
                "reg [{}:0] tc_now; // tile column n0 / C (n0 is a multiple of C)",
                tw - 1
            );
            w!("always @(*) begin");
            w!("    case (c_n0_q)");
            for t in 0..tcn {
                w!("    {wm}'d{}: tc_now = {tw}'d{t};", t * c);
            }
            w!("    default: tc_now = {tw}'d0;");
            w!("    endcase");
            w!("end");
            w!(
                "wire [{}:0] wa_now = {{row_now[{}:0], tc_now}};",
                law - 1,
                sw - 1
            );
        } else {
            w!("wire [{}:0] wa_now = row_now[{}:0];", law - 1, sw - 1);
        }
        // ---------------- logit buffer and per-sample fill counts
        w!("// ---- logit buffer: B x N words as C lane banks of B*T2 words (T2 >= ceil(N/C) tile columns),");
        w!("// one copy per loss unit (1 write + 1 synchronous read port each: block RAM). A sample is");
        w!("// complete when the last tile column (n0 = (T-1)*C) passes its row: the sequencer loops");
        w!("// row-major over the tiles (n0 ascending within a tile row) and drains do not overlap, so");
        w!("// its earlier columns are in by then (the model counts the logits received instead).");
        for j in 0..c {
            for u in 0..r {
                w!(
                    "reg [15:0] lb{j}_{u} [0:{}]; reg [15:0] rd{j}_{u};",
                    b * t2 - 1
                );
            }
        }
        w!("// the sample of the row now (row_now) is complete when this is the last tile column: to unit");
        w!("// row_now mod R, as the registered flags n1_push[u], n2_push[u] (the push when the value is narrowed)");
        w!(
            "wire s_last = row_pos & (c_sink_q == 3'd{SINK_LOSS}) & (c_n0_q == {wm}'d{});",
            (tcn - 1) * c
        );
        w!("reg [{}:0] s_unit;", uw - 1);
        w!("always @(*) begin");
        w!("    case (row_now[{}:0])", sw - 1);
        for s in 0..b {
            w!("    {sw}'d{s}: s_unit = {uw}'d{};", s % r);
        }
        w!("    default: s_unit = {uw}'d0;");
        w!("    endcase");
        w!("end");
        // ---------------- loss units
        w!("// ---- loss-unit sequencing, per unit u: the samples waiting (unit u gets samples u, u+R, ...");
        w!("// of one step, complete and start in that order, and the queue is empty at the end of a step:");
        w!("// so the queue is its head nx = u + R * (starts since `start`), a register, and the count cnt,");
        w!("// at most ceil(B/R), with cz = (cnt != 0) as a registered flag), the job (sample,");
        w!("// logit read address, errors received), rem = cycles until a new start is accepted");
        w!("// (3N+31 after a start), and the error buffer (N words) the delta row is written from.");
        let tln = tl - n;
        let (mut lab_regs, mut lab_init) = (Vec::new(), Vec::new());
        for u in 0..r {
            w!(
                "reg [{}:0] nx{u}; reg [{}:0] cnt{u}; reg cz{u};",
                sw - 1,
                qcw - 1
            );
            w!("reg [{}:0] js{u}; reg [{}:0] la{u}; reg [{}:0] lk{u}; reg lv{u}; reg [{}:0] lks{u};", sw - 1, law - 1, lbw - 1, lbw - 1);
            w!("reg [{}:0] rem{u}; reg [{}:0] ec{u};", rmw - 1, ew - 1);
            // the error buffer as P lane banks of ceil(N/P) words (word k of lane i = error k*P+i),
            // each with one write and one registered read port (block RAM)
            for i in 0..p {
                w!(
                    "reg [15:0] eb{u}_{i} [0:{}]; reg [15:0] er{u}_{i};",
                    nch - 1
                );
            }
            // out_valid comes only for a started sample (the model asserts it): no job flag
            w!("wire ev{u} = l_out_valid${u};                     // an error of the job arrives");
            w!("wire fin{u} = ev{u} & l_out_last${u};               // ... its last one");
            w!(
                "wire [{0}:0] rc{u} = (rem{u} == {1}'d0) ? {1}'d0 : rem{u} - {1}'d1;",
                rmw - 1,
                rmw
            );
            w!("wire push{u} = n2_push[{u}];");
            // registered flags of rem (set at a start, rem counts down from 3N+31 to 0 and stays):
            // rz = (rem <= 1), i.e. rc == 0; lw = (rc in [3N+31-N, 3N+30]), the N logit cycles
            w!("reg rz{u}, lw{u}; // rc == 0; rc in [{tln}, {}]", tl - 1);
            // no `~mid` term: a job's last error arrives in the cycle rem = 1 (3N+30 cycles after
            // its start, the loss unit's fixed latency; the model asserts it), so whenever rz is
            // set the job is done or finishes at this edge, and go need not wait for `out_valid`
            w!("wire go{u} = rz{u} & (cz{u} | push{u});");
            // the logit window lies inside the job (its errors come 2N+31 cycles after its last
            // logit): no `mid` term
            w!("wire lgo{u} = lw{u};");
            w!("always @(*) begin");
            w!("    l_in_valid${u} = lv{u};");
            w!("    case (lks{u})");
            for j in 0..c {
                w!("    {lbw}'d{j}: l_logit${u} = lv{u} ? rd{j}_{u} : 16'd0;");
            }
            w!("    default: l_logit${u} = 16'd0;");
            w!("    endcase");
            w!("end");
            // the next sample's label, registered (lq): nx changes at a start of the unit (the next
            // start comes 3N+31 cycles later) or at `start` (no sample is complete yet), and the
            // labels stay while a step runs, so lq is current whenever go uses it. Unit u's samples
            // are u + p*R; with R a power of two and more than 4 of them, the select is two
            // registered 4:1 stages (lg: p's low 2 bits, then its high bits), lq two cycles behind.
            let smp: Vec<usize> = (u..b).step_by(r).collect();
            w!("reg [7:0] lab{u}; reg [7:0] lq{u};");
            if r.is_power_of_two() && smp.len() > 4 {
                let rl = r.trailing_zeros() as usize;
                let ng = smp.len().div_ceil(4);
                for g in 0..ng {
                    w!("reg [7:0] lg{u}_{g}, lgn{u}_{g};");
                    w!("always @(*) begin");
                    w!("    case (nx{u}[{}:{rl}])", rl + 1);
                    for i in 0..4 {
                        if let Some(&sm) = smp.get(4 * g + i) {
                            w!("    2'd{i}: lgn{u}_{g} = labels${sm}[7:0];");
                        }
                    }
                    w!("    default: lgn{u}_{g} = 8'd0;");
                    w!("    endcase");
                    w!("end");
                    lab_regs.push(format!("lg{u}_{g} <= lgn{u}_{g};"));
                    lab_init.push(format!("lg{u}_{g} = 0;"));
                }
                let hw2 = sw - rl - 2;
                w!("always @(*) begin");
                w!("    case (nx{u}[{}:{}])", sw - 1, rl + 2);
                for g in 0..ng {
                    w!("    {hw2}'d{g}: lab{u} = lg{u}_{g};");
                }
                w!("    default: lab{u} = 8'd0;");
                w!("    endcase");
                w!("end");
            } else {
                w!("always @(*) begin");
                w!("    case (nx{u})");
                for &sm in &smp {
                    w!("    {sw}'d{sm}: lab{u} = labels${sm}[7:0];");
                }
                w!("    default: lab{u} = 8'd0;");
                w!("    endcase");
                w!("end");
            }
        }
        // unused bits, collected (Verilator's default unused-regexp is *unused*)
        let mut unused = vec!["1'b0".to_string(), "u_valid".to_string()];
        for s in 0..b {
            unused.push(format!("labels${s}[15:8]"));
        }
        if lyw < 4 {
            unused.push(format!("sink_layer[3:{lyw}]"));
        }
        for (port, w) in [
            ("tile_m0", wm),
            ("tile_n0", wm),
            ("tile_rows", wtr),
            ("tile_cols", wtc),
        ] {
            if w < 16 {
                unused.push(format!("{port}[15:{w}]"));
            }
        }
        w!("// Not needed by the RTL: u_valid (the model only asserts it), the labels' high bytes, the tile\n// ports' bits above the config's bounds.");
        w!("wire unused_ok = &{{{}}};", unused.join(", "));
        // ---------------- δ job queue
        w!("// ---- delta rows waiting for their writes: a queue of (unit, sample) jobs in finish order");
        w!("// (several units may finish in one edge: lowest unit first). Depth {jd} >= R: a unit's next");
        w!("// job finishes 3N+31 cycles after its last, and a row's chunks leave one per cycle");
        w!("// (never blocked: the model asserts that no pipeline write meets a waiting chunk), so each");
        w!("// unit has at most one job queued. The errors stay in the unit's buffer until written.");
        w!(
            "reg [{}:0] jq [0:{}]; reg [{}:0] jrp, jwp; reg [{}:0] jcnt; reg [{}:0] hk;",
            uw + sw - 1,
            jd - 1,
            jpw - 1,
            jcw - 1,
            kw - 1
        );
        let fins: Vec<String> = (0..r).map(|u| format!("fin{u}")).collect();
        w!("wire [{}:0] nfin = {};", jcw - 1, popsum(&fins, jcw));
        for u in 0..r {
            // position of unit u's job among this edge's finishes (< R <= depth: no wrap needed)
            w!(
                "wire [{}:0] jpos{u} = {};",
                jpw - 1,
                popsum(&fins[..u], jpw)
            );
        }
        w!("reg [{}:0] ff;", uw + sw - 1);
        w!("always @(*) begin");
        w!("    ff = {}'d0;", uw + sw);
        for u in (0..r).rev() {
            w!("    if (fin{u}) ff = {{{uw}'d{u}, js{u}}};");
        }
        w!("end");
        w!("wire javail = (jcnt != {jcw}'d0) | (nfin != {jcw}'d0);");
        w!(
            "wire [{}:0] hj = (jcnt != {jcw}'d0) ? jq[jrp] : ff;",
            uw + sw - 1
        );
        w!("wire [{}:0] hu = hj[{}:{}];", uw - 1, uw + sw - 1, sw);
        w!("wire [{}:0] hs = hj[{}:0];", sw - 1, sw - 1);
        w!("wire pipe_w = w{alx}_v | u{ulx}_v;");
        w!("wire emit = javail & ~pipe_w;");
        w!("wire jpop = emit & (hk == {kw}'d{});", nch - 1);
        // the chunk's lane mask (lanes k*P+i < N), and per lane whether the error arriving this
        // cycle is the one read (its buffer word is written at the same edge: bypass). Only with
        // one chunk per row (N <= P): a job's first chunk may be read in its `fin` cycle, whose
        // error N-1 is in the last chunk, and its later chunks are read after its last error.
        let byp = nch == 1;
        w!("reg [15:0] chm;");
        if byp {
            w!("reg [{}:0] cbyp; reg [15:0] lerr;", p - 1);
        }
        if pp > 0 {
            // the lane of error index ec: its low pp bits (ec zero-extended if narrower)
            for u in 0..r {
                let lane = if ew >= pp {
                    format!("ec{u}[{}:0]", pp - 1)
                } else {
                    zext(&format!("ec{u}"), ew, pp)
                };
                w!("wire [{}:0] ecx{u} = {lane};", pp - 1);
            }
        }
        w!("always @(*) begin");
        w!("    chm = 16'd0;");
        w!("    case (hk)");
        for kk in 0..nch {
            let lanes = p.min(n - kk * p);
            w!("    {kw}'d{kk}: chm = 16'd{};", (1u32 << lanes) - 1);
        }
        w!("    default: ;");
        w!("    endcase");
        if byp {
            w!("    cbyp = {p}'d0; lerr = 16'd0;");
            w!("    case (hu)");
        }
        let cw = ew.max(kw + pp);
        for u in (0..r).filter(|_| byp) {
            w!("    {uw}'d{u}: begin");
            w!("        lerr = l_err${u};");
            for i in 0..p {
                let idx = if pp == 0 {
                    "hk".to_string()
                } else {
                    format!("{{hk, {pp}'d{i}}}")
                };
                w!(
                    "        cbyp[{i}] = ev{u} & ({} == {});",
                    zext(&format!("ec{u}"), ew, cw),
                    zext(&idx, kw + pp, cw)
                );
            }
            w!("    end");
        }
        if byp {
            w!("    default: ;");
            w!("    endcase");
        }
        w!("end");
        // registered at the edge ending the emit cycle: lane valid, bypass, the unit, its error
        w!("reg [{}:0] em_q; reg [{}:0] hu_q;", p - 1, uw - 1);
        if byp {
            w!("reg [{}:0] byp_q; reg [15:0] lerr_q;", p - 1);
        }
        w!("always @(*) begin");
        for i in 0..p {
            w!("    case (hu_q)");
            for u in 0..r {
                if byp {
                    w!("    {uw}'d{u}: wr1_data${i} = ~em_q[{i}] ? 16'd0 : byp_q[{i}] ? lerr_q : er{u}_{i};");
                } else {
                    w!("    {uw}'d{u}: wr1_data${i} = ~em_q[{i}] ? 16'd0 : er{u}_{i};");
                }
            }
            w!("    default: wr1_data${i} = 16'd0;");
            w!("    endcase");
        }
        w!("end");
        // ---------------- counters
        // increments bounded by the config: acc R*C flags, act C, err 2C+R, mom 2, weight 1
        let imax = [r * c, c, 2 * c + r, 2, 1];
        let iw: Vec<usize> = imax.iter().map(|&m| width(m)).collect();
        // low part of counter k: the increment's width (at least 2), high part the rest
        let lw: Vec<usize> = iw.iter().map(|&x| x.max(2)).collect();
        w!("// ---- saturation counters (32-bit, saturating) and CORRECT. Counter k is {{sh_k, sm_k, sl_k}}:");
        w!("// the low part (as wide as the increment, widths {lw:?}) adds the increment (carry cl), the");
        w!("// high part {{sh, sm}} adds 1 with cl as its enable (from the registers, in parallel) in two");
        w!("// carry chains (sm + 1 on cl, sh + 1 on cl & smf, the registered flag sm all ones); cl itself");
        w!("// is a register (cuq_k, computed at the edge before from the low part's next value and the next");
        w!("// increment). The sum overflows 2^32 only if the high part is all ones, snr_k = shf_k & smf_k");
        w!("// (shf: sh all ones, registered), so saturation is snr_k & cl and needs no 33-bit carry. sat$0 is cleared by");
        w!("// start after the add, sat$1..4 before it (as the model's SatCounters). The counters run one");
        w!("// cycle behind: the increments (tq_k, popcounts of the 1-bit terms), the correct flags (cq) and start (st_q) are");
        w!("// registered first, so CORRECT and sat$k show the counts one cycle later (the model's outputs");
        w!("// too) and the low sum starts from registers only. Increment bounds:");
        w!(
            "// acc R*C = {}, act C = {}, err 2C+R = {}, mom 2, weight 1.",
            imax[0],
            imax[1],
            imax[2]
        );
        // The low part's sum (low part + the increment's 1-bit terms) as a bit-level adder tree
        // (`bitsum`: plain XOR/AND logic, no carry chains: a few LUT levels from the registers and
        // the saturation inputs to the carry cl = sls_k[l], the high part's enable).
        let sat_in: Vec<String> = (0..r * c).map(|i| format!("sat_in${i}")).collect();
        let nw = |m: &str| -> Vec<String> {
            (0..c)
                .map(|j| format!("nw_sat_v[{j}] & {m}[{j}]"))
                .collect()
        };
        let mut err_terms = nw("n2_em");
        err_terms.extend((0..c).map(|j| format!("dsat_v[{j}] & ds{nd}_m[{j}]")));
        err_terms.extend((0..r).map(|u| format!("ev{u} & l_sat${u}")));
        let terms: [Vec<String>; 5] = [
            sat_in,
            nw("n2_am"),
            err_terms,
            vec!["g2_v & g_sat".into(), format!("us{nu}_v & u_sat_mom")],
            vec![format!("us{nu}_v & u_sat_weight")],
        ];
        let cs: Vec<String> = (0..r).map(|u| format!("cq[{u}]")).collect();
        w!("reg st_q; reg [{}:0] cq;", r - 1);
        w!("wire [15:0] inc_cor = {};", popsum(&cs, 16));
        for (k, t) in terms.iter().enumerate() {
            // this cycle's increment (popcount of the terms), registered as tq_k
            let mut cols: Vec<Vec<String>> = vec![Vec::new(); iw[k]];
            cols[0].extend(t.iter().map(|x| format!("({x})")));
            let keep: Vec<usize> = (0..iw[k]).collect();
            let bits = bitsum(&mut v, &format!("pc{k}"), cols, &keep);
            let cat: Vec<String> = bits.iter().rev().cloned().collect();
            w!("wire [{}:0] inc{k} = {{{}}};", iw[k] - 1, cat.join(", "));
            w!("reg [{}:0] tq{k};", iw[k] - 1);
        }
        w!("reg [4:0] smf, shf, cuq; wire [4:0] snr = smf & shf;");
        // the high part's halves: sm (mid, hm bits) and sh (top, ht bits)
        let hsplit = |l: usize| -> (usize, usize) {
            let hm = (32 - l) / 2;
            (hm, 32 - l - hm)
        };
        for (k, &l) in lw.iter().enumerate() {
            let (hm, ht) = hsplit(l);
            w!(
                "reg [{}:0] sh{k}; reg [{}:0] sm{k}; reg [{}:0] sl{k};",
                ht - 1,
                hm - 1,
                l - 1
            );
            // sm / sh = all ones - 1: the flag smf / shf is set with their next increment
            w!(
                "wire sme{k} = sm{k} == {hm}'d{}; wire she{k} = sh{k} == {ht}'d{};",
                (1u64 << hm) - 2,
                (1u64 << ht) - 2
            );
        }
        w!("always @(*) begin");
        for k in 0..5 {
            w!("    sat${k} = {{sh{k}, sm{k}, sl{k}}};");
        }
        w!("end");
        for (k, t) in terms.iter().enumerate() {
            assert!(t.len() == imax[k], "counter {k}: {} terms", t.len());
            // clear before the add (1..4): the low part starts from 0 and nothing saturates
            let l = lw[k];
            // (the low sum mod 2^l: its carry is cuq's)
            let mut cols: Vec<Vec<String>> = vec![Vec::new(); l];
            for (i, col) in cols.iter_mut().enumerate() {
                col.push(if k == 0 {
                    format!("sl{k}[{i}]")
                } else {
                    format!("(sl{k}[{i}] & ~st_q)")
                });
            }
            for (i, col) in cols.iter_mut().enumerate().take(iw[k]) {
                col.push(format!("tq{k}[{i}]"));
            }
            let keep: Vec<usize> = (0..l).collect();
            let bits = bitsum(&mut v, &format!("sa{k}"), cols, &keep);
            let cat: Vec<String> = bits.iter().rev().cloned().collect();
            w!("wire [{}:0] sls{k} = {{{}}};", l - 1, cat.join(", "));
            w!("wire sov{k} = snr[{k}] & cuq[{k}] & ~st_q;");
            // the low part's next value, and the carry of the next edge: (next low part) + (next
            // increment) >= 2^l, registered as cuq_k (start resets the high part anyway)
            let ones = (1u64 << l) - 1;
            if k == 0 {
                w!(
                    "wire [{}:0] sln{k} = st_q ? {l}'d0 : sov{k} ? {l}'d{ones} : sls{k}[{}:0];",
                    l - 1,
                    l - 1
                );
            } else {
                w!(
                    "wire [{}:0] sln{k} = sov{k} ? {l}'d{ones} : sls{k}[{}:0];",
                    l - 1,
                    l - 1
                );
            }
            let mut cols: Vec<Vec<String>> = vec![Vec::new(); l + 1];
            for (i, col) in cols.iter_mut().enumerate().take(l) {
                col.push(format!("sln{k}[{i}]"));
            }
            for (i, col) in cols.iter_mut().enumerate().take(iw[k]) {
                col.push(format!("inc{k}[{i}]"));
            }
            let bits = bitsum(&mut v, &format!("cn{k}"), cols, &[l]);
            w!("wire cun{k} = {};", bits[0]);
        }
        let term_regs: Vec<String> = (0..5).map(|k| format!("tq{k} <= inc{k};")).collect();
        let cor_reg: Vec<String> = (0..r)
            .rev()
            .map(|u| format!("(fin{u} & l_correct${u})"))
            .collect();
        // ---------------- initial values
        w!("integer i;");
        w!("initial begin");
        for reg in [
            "nv_q",
            "n_m0_q",
            "n_n0_q",
            "n_rows_q",
            "n_cols_q",
            "n_sink_q",
            "n_layer_q",
            "cv_q",
            "c_m0_q",
            "c_n0_q",
            "c_rows_q",
            "c_cols_q",
            "ci_q",
            "cj_q",
            "c_sink_q",
            "c_ly_q",
            "valid_q",
            "bias_q",
            "kind_q",
            "dkind_q",
            "n1_am",
            "n1_em",
            "n1_lm",
            "n1_push",
            "n1_wa",
            "g1_v",
            "g2_v",
            "n2_am",
            "n2_em",
            "n2_lm",
            "n2_push",
            "n2_wa",
            "jrp",
            "jwp",
            "jcnt",
            "hk",
            "a_sel_q",
            "b_sel_q",
            "aux_sel_q",
            "upd_sel_q",
            "upd_valid",
            "upd_bias",
            "act_kind",
            "act_dkind",
            "aux_en",
            "aux_mem",
            "aux_row",
            "aux_col",
            "aux_lanes",
            "upd_en",
            "upd_layer",
            "upd_row",
            "upd_col",
            "wr1_en",
            "wr1_src",
            "wr1_mem",
            "wr1_row",
            "wr1_col",
            "wr1_mask",
            "wr2_en",
            "wr2_mem",
            "correct",
            "em_q",
            "hu_q",
            "smf",
            "shf",
            "cuq",
            "st_q",
            "cq",
        ] {
            w!("    {reg} = 0;");
        }
        w!("    us{nu}_v = 0; udq = 0; uwp = 0;");
        w!("    for (i = 0; i < {ud}; i = i + 1) udl[i] = {uww}'d0;");
        for i in 1..=nd {
            w!("    ds{i}_m = 0;");
        }
        w!("    wdq = 0;");
        w!("    for (i = 0; i < {ud}; i = i + 1) wdl[i] = {wdw}'d0;");
        w!("    l_batch = 16'd{b};");
        if byp {
            w!("    byp_q = 0; lerr_q = 0;");
        }
        for k in 0..5 {
            w!("    tq{k} = 0;");
        }
        for s in 0..5 {
            w!("    sh{s} = 0; sm{s} = 0; sl{s} = 0;");
        }
        for u in 0..r {
            w!("    nx{u} = {sw}'d{u}; cnt{u} = 0; cz{u} = 0; js{u} = 0; la{u} = 0; rem{u} = 0; ec{u} = 0; rz{u} = 1; lw{u} = 0;");
            w!("    lk{u} = 0; lv{u} = 0; lks{u} = 0; lq{u} = 0;");
            w!("    l_start${u} = 1'b0; l_label${u} = 8'd0;");
            for j in 0..c {
                w!("    rd{j}_{u} = 16'd0;");
                w!(
                    "    for (i = 0; i < {}; i = i + 1) lb{j}_{u}[i] = 16'd0;",
                    b * t2
                );
            }
            for i in 0..p {
                w!("    er{u}_{i} = 16'd0;");
                w!("    for (i = 0; i < {nch}; i = i + 1) eb{u}_{i}[i] = 16'd0;");
            }
        }
        for reg in &lab_init {
            w!("    {reg}");
        }
        w!(
            "    for (i = 0; i < {jd}; i = i + 1) jq[i] = {}'d0;",
            uw + sw
        );
        w!("end");
        // ---------------- the edge
        w!("always @(posedge clock) begin");
        w!("    // tile tracker");
        w!("    nv_q <= mac_en & last;");
        w!("    if (mac_en & last) begin");
        w!(
            "        n_m0_q <= tile_m0[{}:0]; n_n0_q <= tile_n0[{}:0]; n_rows_q <= tile_rows[{}:0]; n_cols_q <= tile_cols[{}:0];",
            wm - 1,
            wm - 1,
            wtr - 1,
            wtc - 1
        );
        w!(
            "        n_sink_q <= sink; n_layer_q <= sink_layer[{}:0];",
            lyw - 1
        );
        w!("    end");
        w!("    if (nv_q) begin");
        w!("        cv_q <= 1'b1; c_m0_q <= n_m0_q; c_n0_q <= n_n0_q; c_rows_q <= n_rows_q; c_cols_q <= n_cols_q;");
        w!("        c_sink_q <= n_sink_q; c_ly_q <= n_layer_q; ci_q <= {wi}'d0; cj_q <= {wj}'d0;");
        w!("    end else if (cv_q) begin");
        w!(
            "        if (is_upd & (cj_q != {wj}'d{})) cj_q <= cj_q + {wj}'d1;",
            c - 1
        );
        w!("        else begin");
        w!("            cj_q <= {wj}'d0;");
        w!(
            "            if (ci_q == {wi}'d{}) cv_q <= 1'b0; else ci_q <= ci_q + {wi}'d1;",
            r - 1
        );
        w!("        end");
        w!("    end");
        w!("    valid_q <= upd_pos;");
        w!("    bias_q <= upd_pos & bias_row;");
        w!("    kind_q <= (cv_q & rows_ok) ? kind_n : 3'd0;");
        w!("    dkind_q <= (cv_q & rows_ok) ? dkind_n : 3'd0;");
        w!("    // selects of last cycle's reads");
        w!("    a_sel_q <= rd_en ? msel(a_mem) : 8'd0;");
        w!("    b_sel_q <= rd_en ? msel(b_mem) : 8'd0;");
        w!("    aux_sel_q <= aux_en ? aux_mem + 8'd1 : 8'd0;");
        w!("    upd_sel_q <= upd_en ? upd_layer + 8'd1 : 8'd0;");
        w!("    // delay lines");
        w!(
            "    n1_am <= (row_pos & (c_sink_q != 3'd{SINK_DERIV})) ? cmask[{0}:0] : {1}'d0;",
            c - 1,
            c
        );
        w!(
            "    n1_em <= (row_pos & (c_sink_q == 3'd{SINK_DERIV})) ? cmask[{0}:0] : {1}'d0;",
            c - 1,
            c
        );
        w!(
            "    n1_lm <= (row_pos & (c_sink_q == 3'd{SINK_LOSS})) ? cmask[{0}:0] : {1}'d0; n1_wa <= wa_now;",
            c - 1,
            c
        );
        for u in 0..r {
            w!("    n1_push[{u}] <= s_last & (s_unit == {uw}'d{u});");
        }
        w!("    // the narrowing's second cycle");
        w!("    n2_am <= n1_am; n2_em <= n1_em; n2_lm <= n1_lm; n2_push <= n1_push; n2_wa <= n1_wa;");
        w!(
            "    ds1_m <= (row_pos & (c_sink_q == 3'd{SINK_DERIV})) ? cmask[{}:0] : {}'d0;",
            c - 1,
            c
        );
        for i in 2..=nd {
            w!("    ds{i}_m <= ds{0}_m;", i - 1);
        }
        w!("    g1_v <= upd_pos; g2_v <= g1_v;");
        w!("    us{nu}_v <= u{ulx}_v;");
        w!("    wdl[uwp] <= {{row_pos & ((c_sink_q == 3'd{SINK_ACT}) | (c_sink_q == 3'd{SINK_DERIV})), c_sink_q == 3'd{SINK_ACT}, c_ly_q, row_now[{}:0], c_n0_q, cmask[{}:0]}};", sw - 1, c - 1);
        w!("    wdq <= wdl[wrp];");
        w!(
            "    udl[uwp] <= {{upd_pos, c_ly_q[{}:0], row_now, col_now}}; udq <= udl[urp]; uwp <= uwp + {udw}'d1;",
            lyw - 1
        );
        w!("    // logits and fill counts");
        for j in 0..c {
            for u in 0..r {
                w!("    if (n2_lm[{j}]) lb{j}_{u}[n2_wa] <= nw_val${j};");
                w!("    rd{j}_{u} <= lb{j}_{u}[la{u}];");
            }
        }
        w!("    // loss units");
        for u in 0..r {
            w!("    if (ev{u}) begin");
            for i in 0..p {
                // lane i of the error index, word = index / P (a one-word bank: word 0)
                let lane_ok = if pp == 0 {
                    "1'b1".to_string()
                } else {
                    format!("ecx{u} == {pp}'d{i}")
                };
                let word = if nch == 1 {
                    "0".to_string()
                } else {
                    format!("ec{u}[{}:{pp}]", ew - 1)
                };
                w!("        if ({lane_ok}) eb{u}_{i}[{word}] <= l_err${u};");
            }
            w!("        ec{u} <= fin{u} ? {ew}'d0 : ec{u} + {ew}'d1;");
            w!("    end");
            // the next sample of unit u: u after `start`, + R after each of its starts
            w!(
                "    if (go{u}) nx{u} <= nx{u} + {sw}'d{}; else if (start) nx{u} <= {sw}'d{u};",
                r % (1 << sw)
            );
            w!("    if (push{u} & ~go{u}) begin cnt{u} <= cnt{u} + {qcw}'d1; cz{u} <= 1'b1; end");
            w!("    else if (go{u} & ~push{u}) begin cnt{u} <= cnt{u} - {qcw}'d1; cz{u} <= cnt{u} != {qcw}'d1; end");
            w!("    if (go{u}) begin");
            w!("        js{u} <= nx{u}; rem{u} <= {rmw}'d{tl}; rz{u} <= 1'b0; lw{u} <= 1'b1;");
            w!(
                "        la{u} <= {}; lk{u} <= {lbw}'d0;",
                if tw > 0 {
                    format!("{{nx{u}, {tw}'d0}}")
                } else {
                    format!("nx{u}")
                }
            );
            w!("        l_start${u} <= 1'b1; l_label${u} <= lq{u};");
            w!("    end else begin");
            w!("        rem{u} <= rc{u};");
            w!(
                "        rz{u} <= rz{u} | (rem{u} == {rmw}'d2); lw{u} <= lw{u} & (rem{u} != {rmw}'d{});",
                tln + 1
            );
            w!("        if (lgo{u}) begin");
            w!("            if (lk{u} == {lbw}'d{}) begin lk{u} <= {lbw}'d0; la{u} <= la{u} + {law}'d1; end", c - 1);
            w!("            else lk{u} <= lk{u} + {lbw}'d1;");
            w!("        end");
            w!("        l_start${u} <= 1'b0; l_label${u} <= 8'd0;");
            w!("    end");
            w!("    lv{u} <= lgo{u}; lks{u} <= lk{u}; lq{u} <= lab{u};");
        }
        for reg in &lab_regs {
            w!("    {reg}");
        }
        w!("    // delta job queue");
        for u in 0..r {
            w!("    if (fin{u}) jq[jwp + jpos{u}] <= {{{uw}'d{u}, js{u}}};");
        }
        w!("    jwp <= jwp + nfin[{}:0];", jpw - 1);
        w!("    if (jpop) jrp <= jrp + {jpw}'d1;");
        w!("    jcnt <= jcnt + nfin - {{{}'d0, jpop}};", jcw - 1);
        w!("    if (emit) hk <= jpop ? {kw}'d0 : hk + {kw}'d1;");
        w!("    // lane write 1 (and 2): pipeline writes first, else a delta chunk");
        w!("    wr1_en <= pipe_w | emit;");
        w!("    wr2_en <= ~w{alx}_v & u{ulx}_v;");
        w!("    if (w{alx}_v) begin");
        w!(
            "        wr1_src <= w{alx}_src; wr1_mem <= w{alx}_mem; wr1_row <= {}; wr1_col <= {}; wr1_mask <= w{alx}_mask;",
            zext(&format!("w{alx}_row"), wrow, 16),
            zext(&format!("w{alx}_col"), wm, 16)
        );
        w!("        wr2_mem <= 8'd0;");
        w!("    end else if (u{ulx}_v) begin");
        w!("        wr1_src <= 2'd{SRC_UPDATE}; wr1_mem <= {{4'd0, u{ulx}_l}} + 8'd{}; wr1_row <= {}; wr1_col <= {};", 2 * nl, zext(&format!("u{ulx}_row"), wrow, 16), zext(&format!("u{ulx}_col"), wcol, 16));
        w!(
            "        wr1_mask <= 16'd1; wr2_mem <= {{4'd0, u{ulx}_l}} + 8'd{};",
            3 * nl
        );
        w!("    end else if (emit) begin");
        w!(
            "        wr1_src <= 2'd{SRC_DRAIN}; wr1_mem <= 8'd{}; wr1_row <= {};",
            2 * nl - 1,
            zext("hs", sw, 16)
        );
        let col = if pp == 0 {
            "hk".to_string()
        } else {
            format!("{{hk, {pp}'d0}}")
        };
        w!(
            "        wr1_col <= {}; wr1_mask <= chm; wr2_mem <= 8'd0;",
            zext(&col, kw + pp, 16)
        );
        w!("    end else begin");
        w!("        wr1_src <= 2'd0; wr1_mem <= 8'd0; wr1_row <= 16'd0; wr1_col <= 16'd0; wr1_mask <= 16'd0;");
        w!("        wr2_mem <= 8'd0;");
        w!("    end");
        for i in 0..p {
            w!("    em_q[{i}] <= emit & chm[{i}];");
            if byp {
                w!("    byp_q[{i}] <= emit & cbyp[{i}];");
            }
            for u in 0..r {
                w!("    er{u}_{i} <= eb{u}_{i}[hk];");
            }
        }
        w!("    hu_q <= hu;");
        if byp {
            w!("    lerr_q <= lerr;");
        }
        w!("    // counters");
        w!("    if (start) l_batch <= batch;");
        w!("    st_q <= start; cq <= {{{}}};", cor_reg.join(", "));
        for t in &term_regs {
            w!("    {t}");
        }
        // (the clear as a mux after the adder: the carry chain starts from registers)
        w!("    correct <= st_q ? inc_cor : correct + inc_cor;");
        for (k, &l) in lw.iter().enumerate() {
            // the low carry as the enable: sm + 1 and sh + 1 run from the registers, in parallel
            let (hm, ht) = hsplit(l);
            w!("    if (st_q) begin sm{k} <= {hm}'d0; smf[{k}] <= 1'b0; end");
            w!("    else if (cuq[{k}] & ~snr[{k}]) begin sm{k} <= sm{k} + {hm}'d1; smf[{k}] <= sme{k}; end");
            w!("    if (st_q) begin sh{k} <= {ht}'d0; shf[{k}] <= 1'b0; end");
            w!("    else if (cuq[{k}] & ~snr[{k}] & smf[{k}]) begin sh{k} <= sh{k} + {ht}'d1; shf[{k}] <= she{k}; end");
            w!("    sl{k} <= sln{k}; cuq[{k}] <= cun{k};");
        }
        w!("end");
        v
    }
}

// ---------------------------------------------------------------------------------------------
// The harness unit

/// Idle cycles recorded after each step (the update write leaves 5 cycles after the last drain,
/// so the block is idle again well within them).
const FLUSH: usize = 8;

/// The harness unit: the [`Drain`] block (its Custom Verilog in Icarus and Verilator, its Rust
/// model in rust-hdl) against every port recorded every cycle from the Rust model during real
/// engine steps on digits data (the engine's golden-initialized net, the config's seed).
pub struct DrainCtlUnit {
    name: &'static str,
    cfg: Config,
    /// The recorded runs: loss, the batch sizes of consecutive steps of one engine, and whether
    /// its net is "hot" ([`record_steps`]).
    runs: Vec<(Loss, Vec<usize>, bool)>,
}

impl DrainCtlUnit {
    /// `cfg`'s block: softmax-CE steps with the full batch, a short batch and batch 1, then an
    /// MSE step with a short batch on a fresh engine with a hot net.
    pub fn new(cfg: &Config) -> DrainCtlUnit {
        let b = cfg.train.batch_size;
        let short = (b / 2 + 1).min(b);
        DrainCtlUnit {
            name: "drain_ctl",
            cfg: cfg.clone(),
            runs: vec![
                (Loss::SoftmaxCrossEntropy, vec![b, short, 1], false),
                (Loss::Mse, vec![(b / 4 + 1).min(b)], true),
            ],
        }
    }

    /// A small block with R ≠ C, three layers and a hidden layer narrower than the array
    /// (64-3-7-10 on a 3×5 array, P = 8, B = 6): CE steps of batch 6, 4, 1; CE steps of 6, 6 and an
    /// MSE step of 6 with hot nets.
    pub fn small(cfg: &Config) -> DrainCtlUnit {
        let mut c = cfg.clone();
        c.model.layers = vec![64, 3, 7, 10];
        c.array.rows = 3;
        c.array.cols = 5;
        c.train.batch_size = 6;
        DrainCtlUnit {
            name: "drain_ctl_small",
            cfg: c,
            runs: vec![
                (Loss::SoftmaxCrossEntropy, vec![6, 4, 1], false),
                (Loss::SoftmaxCrossEntropy, vec![6, 6], true),
                (Loss::Mse, vec![6], true),
            ],
        }
    }

    fn build(&self) -> Drain {
        let mut d = Drain::new(&self.cfg);
        d.connect_all();
        d
    }
}

/// Consecutive engine steps of `cfg` with batches of `batches` samples (digits training data in
/// order, the golden-initialized net, η of the config): the drain model's port trace of each step
/// and [`FLUSH`] idle cycles after it. The block's state carries over from step to step (the host
/// cycles in between, not recorded, leave it unchanged: its inputs are idle then).
/// A `hot` net has W and V scaled by 64 (saturated to 16 bits), so that every saturation counter
/// of the block moves.
pub fn record_steps(cfg: &Config, batches: &[usize], hot: bool) -> Vec<(Vec<u64>, Vec<u64>)> {
    let all = data::digits();
    let train = data::split(&all, cfg.data.test_fraction, cfg.data.split_seed).0;
    let mut net = Net::new(cfg);
    if hot {
        for l in net.layers.iter_mut() {
            let w: Vec<i32> = l.w.iter().map(|&x| (x * 64).clamp(-32768, 32767)).collect();
            l.v = w.clone();
            l.w = w;
        }
    }
    let x = net.quantize_inputs(&train.features);
    let d = train.dim;
    assert_eq!(d, cfg.model.layers[0], "digits features");
    let mut sim = EngineSim::new(cfg);
    sim.load_net(&net);
    sim.set_lfsr(net.lfsr.state);
    sim.set_update_regs(&UpdateRegs::new(cfg, cfg.optimizer.lr));
    let mut rows = Vec::new();
    let mut off = 0;
    for &bs in batches {
        sim.write_batch(&x[off * d..(off + bs) * d], &train.labels[off..off + bs]);
        off += bs;
        sim.uut.drain.record_ports();
        sim.run_step();
        for _ in 0..FLUSH {
            sim.tick(0, 0, false, false);
        }
        rows.extend(sim.uut.drain.take_port_trace());
    }
    rows
}

impl HwUnit for DrainCtlUnit {
    fn name(&self) -> &'static str {
        self.name
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
    }
    fn vectors(&self, _seed: u64) -> Vectors {
        let (ins, outs) = self.build().port_lists();
        let nout = outs.len();
        // Outputs that a fresh block shows before its first start (a later run starts from a fresh
        // engine, the replay from the previous run's end): unchecked until that run's first start
        // shows in them (l_batch the cycle after it, CORRECT and the counters, one cycle behind,
        // the cycle after that).
        let pick = |f: &dyn Fn(&str) -> bool| -> Vec<usize> {
            outs.iter()
                .enumerate()
                .filter(|(_, p)| f(&p.name))
                .map(|(i, _)| i)
                .collect()
        };
        let fresh1 = pick(&|n| n == "l_batch");
        let fresh2 = pick(&|n| n == "correct" || n.starts_with("sat$"));
        let start = ins.iter().position(|p| p.name == "start").unwrap();
        // The aux / update read addresses are unchecked while their enable is low (the RTL keeps
        // the next position's values there, the model shows 0; the memories ignore them).
        let gated: Vec<(usize, Vec<usize>)> = [
            (
                "aux_en",
                &["aux_mem", "aux_row", "aux_col", "aux_lanes"][..],
            ),
            ("upd_en", &["upd_layer", "upd_row", "upd_col"][..]),
        ]
        .iter()
        .map(|(en, deps)| (pick(&|n| n == *en)[0], pick(&|n| deps.contains(&n))))
        .collect();
        let mut v = Vectors::new(ins, outs);
        for (k, (loss, batches, hot)) in self.runs.iter().enumerate() {
            let mut cfg = self.cfg.clone();
            cfg.model.loss = *loss;
            // cycles since the run's first start (the start cycle itself still shows the old
            // values: outputs are registered)
            let mut since = if k == 0 { Some(2) } else { None };
            for (n, (i, o)) in record_steps(&cfg, batches, *hot).into_iter().enumerate() {
                let mut check = vec![true; nout];
                if since.is_none() {
                    fresh1.iter().for_each(|&f| check[f] = false);
                }
                if since.is_none_or(|s| s < 1) {
                    fresh2.iter().for_each(|&f| check[f] = false);
                }
                for (en, deps) in &gated {
                    if o[*en] == 0 {
                        deps.iter().for_each(|&f| check[f] = false);
                    }
                }
                since = match since {
                    Some(s) => Some(s + 1),
                    None => (i[start] != 0).then_some(0),
                };
                v.push(
                    i,
                    o,
                    check,
                    format!("run {k} ({loss:?} {batches:?} hot {hot}) cycle {n}"),
                );
            }
        }
        v
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let mut b = self.build();
        fn clk(b: &mut Drain) -> &mut Signal<In, Clock> {
            &mut b.clock
        }
        inputs
            .iter()
            .map(|x| super::cycle(&mut b, clk, |b| b.set_inputs(x), |b| b.output_values()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hw::harness;

    #[test]
    fn drain_ctl_rusthdl_replays_the_recording() {
        let u = DrainCtlUnit::small(&Config::default());
        let v = u.vectors(0);
        let r = harness::check_rusthdl(&u, &v);
        assert_eq!(r.mismatches, 0, "{}", r.report.join("\n"));
    }

    /// The recorded vectors exercise every path of the block (counted over both units; each
    /// unit's counts are printed).
    #[test]
    fn drain_ctl_vectors_cover_the_paths() {
        let mut total: Vec<(&str, usize)> = Vec::new();
        for u in [
            DrainCtlUnit::small(&Config::default()),
            DrainCtlUnit::new(&Config::default()),
        ] {
            let v = u.vectors(0);
            let at = |name: &str| v.outputs.iter().position(|p| p.name == name).unwrap();
            let ports = |pre: &str| -> Vec<usize> {
                (0..v.outputs.len())
                    .filter(|&i| v.outputs[i].name.starts_with(pre))
                    .collect()
            };
            let (st, iv) = (ports("l_start$"), ports("l_in_valid$"));
            let (en, src, mask, wr2) = (at("wr1_en"), at("wr1_src"), at("wr1_mask"), at("wr2_en"));
            let sat = ports("sat$");
            let count =
                |f: &dyn Fn(&[u64]) -> bool| v.vectors.iter().filter(|x| f(&x.expect)).count();
            let p = u.build().wr1_data.len() as u64;
            let full = (1u64 << p) - 1;
            let mut seen = vec![
                ("loss start", count(&|o| st.iter().any(|&i| o[i] == 1))),
                (
                    "two units fed at once",
                    count(&|o| iv.iter().filter(|&&i| o[i] == 1).count() >= 2),
                ),
                ("delta chunk", count(&|o| o[en] == 1 && o[src] == SRC_DRAIN)),
                (
                    "partial delta chunk",
                    count(&|o| o[en] == 1 && o[src] == SRC_DRAIN && o[mask] != full),
                ),
                ("act write", count(&|o| o[en] == 1 && o[src] == SRC_ACT_Y)),
                (
                    "deriv write",
                    count(&|o| o[en] == 1 && o[src] == SRC_ACT_DELTA),
                ),
                (
                    "update write",
                    count(&|o| o[en] == 1 && o[src] == SRC_UPDATE && o[wr2] == 1),
                ),
                ("correct > 0", count(&|o| o[at("correct")] > 0)),
                ("l_batch short", count(&|o| o[at("l_batch")] == 1)),
            ];
            for (k, &i) in sat.iter().enumerate() {
                seen.push((
                    ["sat acc", "sat act", "sat err", "sat mom", "sat weight"][k],
                    count(&|o| o[i] > 0),
                ));
            }
            println!("{}: {} vectors: {seen:?}", u.name(), v.len());
            if total.is_empty() {
                total = seen;
            } else {
                total.iter_mut().zip(seen).for_each(|(t, s)| t.1 += s.1);
            }
        }
        for (what, n) in total {
            assert!(n > 0, "no vector with {what}");
        }
    }

    #[test]
    fn drain_ctl_three_simulators() {
        let n = harness::prove_unit(&DrainCtlUnit::new(&Config::default()));
        println!("drain_ctl: {n} vectors");
    }

    #[test]
    fn drain_ctl_small_three_simulators() {
        let n = harness::prove_unit(&DrainCtlUnit::small(&Config::default()));
        println!("drain_ctl_small: {n} vectors");
    }
}
