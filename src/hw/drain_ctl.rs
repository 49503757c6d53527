//! The drain controller (DOC PLACEHOLDER)

use super::act_unit::kind_code;
use super::engine::{mem_index, Shape};
use super::program::{loss_sample_cycles, Mem};
use super::{from_signed, to_signed};
use crate::config::Config;
use crate::fixed::SatCounters;
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
