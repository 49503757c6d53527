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
//! - e: lane read requests (combinational from the sequencer) → memories; e+1: the block RAMs'
//!   read data, into each memory's bank registers (`bank_q`); e+2: lanes (`rd_data_q`,
//!   `skew_mem::READ_LATENCY` = 2) at the array with `mac_en/first/last` (the sequencer aligns
//!   them with 1-cycle memories; the glue delays them [`CONTROL_DELAY`] = 1 cycle) and the A/B
//!   memory selects (the drain's registered `a_sel_q`/`b_sel_q`, registered once more in the glue
//!   as one-hot bits); the PE's result latency is `pe::RESULT_LATENCY` = 5 cycles (operand
//!   stages, two skewed lanes, the clamp), so the shadow registers load at the end of e+6 and row i
//!   of a tile is visible on `acc_out` in cycle x = e+7+i (row sinks: one row per cycle, `shift`
//!   each cycle) or value (i, j) in cycle e+7+i·C+j (update: one value per cycle, `shift` every C
//!   cycles). The drain controller expects a tile's values 2 cycles after its announcement
//!   (`mac_en & last` with the tile fields), so the glue delays the announcement by
//!   [`ANNOUNCE_DELAY`] = [`CONTROL_DELAY`] + `pe::RESULT_LATENCY` − 2 = 4 cycles.
//! - A value visible in cycle x: `NarrowPiped` (2 cycles) → `ActUnit` (2 cycles: activation, or
//!   derivative with `a` from ACT[l], whose lane read the drain issues in cycle x+1, from the
//!   memory's 1-cycle `rd_data`) → lane write presented in x+4; update: g = `NarrowPiped(act+err−mom)` of lane j (x+2), W/V word reads
//!   issued in cycle x+1 → `UpdateUnit` (9 cycles) → W, V lane writes (mask 1) presented in x+11.
//!   The memories register every write request (`skew_mem::WRITE_DELAY` = 1): the words change at
//!   the end of x+5 (x+12). `Timing::engine` = sink latencies [5, 2, 5, 12] (act, loss, deriv,
//!   update), from the units' `LATENCY` constants and `WRITE_DELAY`.
//! - Loss: the narrowed logits (end of x+2) fill a logit buffer; a complete sample goes to loss unit
//!   `sample mod R` (`LossGrad`, `3N+31` cycles per sample: start, N logits, …, N errors); its δ row
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
//! rust-hdl blocks: sequencer, skewed memories, MAC array, `NarrowPiped`, `ActUnit`, `LossGrad`,
//! `UpdateUnit`, `RegFile` and the drain controller
//! [`Drain`] (`drain_ctl.rs`: write addresses and delay lines, logit buffer, loss sequencing, δ-row
//! queue, counters). All `hdl_gen` or Custom Verilog with Rust models, each proven in three
//! simulators; `Drain`'s Custom Verilog is generated from the config and proven against its Rust
//! model's ports recorded during real engine steps (`DrainCtlUnit`), and that Rust model is what
//! this top simulates in rust-hdl. The glue takes the tile-position outputs (`shift`, the ACT / W,V
//! read-aheads, the g lane, update valid / bias, activation kinds) from [`Drain`]: the separate tile
//! tracker `DrainTiles` (src/hw/drain.rs, proven against the same model outputs) is no longer
//! instantiated here, because a second copy of the tracker cost ~450 LUTs on the iCE40 for identical
//! signals. This top's glue is written as a plain `update` (the simulation model) and emitted as
//! Verilog by [`Engine::hdl`] (`Verilog::Custom`, generated from the shape by `engine_glue.rs`: an
//! exact transliteration with the memory ids resolved at generation). The whole `engine.v` is proven
//! against golden over two default training steps in Icarus and Verilator (`engine_tb.rs`) and
//! trains bit-exactly through Verilator (`--engine verilator`).

use super::act_unit::ActUnit;
pub use super::drain_ctl::{
    Drain, ACT_LAT, NARROW_LAT, SRC_ACT_DELTA, SRC_ACT_Y, SRC_DRAIN, SRC_UPDATE, UPD_LAT,
};
use super::loss_unit::LossGrad;
use super::mac_array::MacArray;
use super::narrow::NarrowPiped;
use super::program::{Mem, Program};
use super::regfile::{RegFile, RegMap, WinKind};
use super::sequencer::Sequencer;
use super::skew_mem::SkewMem;
use super::update_unit::UpdateUnit;
use super::{to_bits, to_signed};
use crate::config::{Config, Loss};
use crate::golden::{ActTables, LossUnit, UpdateRegs};
use rust_hdl::prelude::*;

/// Cycles the array's controls (`mac_en`, `first`, `last`) and the registered operand selects
/// (`a_sel_q`, `b_sel_q`) are delayed in the glue, so that they meet the operands: the sequencer
/// aligns its controls with 1-cycle memories, the operands come from the memories' `rd_data_q`
/// ([`super::skew_mem::READ_LATENCY`] = 2 cycles after the issue).
pub const CONTROL_DELAY: usize = super::skew_mem::READ_LATENCY - 1;

/// Cycles the sequencer's tile announcement (`mac_en & last` and the tile fields) is delayed on
/// its way to the drain controller, which expects a tile's values on `acc_out` 2 cycles after the
/// announcement: the controls' delay plus the PE's result latency beyond 2
/// (`pe::RESULT_LATENCY` cycles after the last term).
pub const ANNOUNCE_DELAY: usize = CONTROL_DELAY + super::pe::RESULT_LATENCY - 2;

/// The announced signals (drain input = sequencer output) and their widths, in the delay line's order.
pub const ANNOUNCE: [(&str, usize); 8] = [
    ("mac_en", 1),
    ("last", 1),
    ("tile_m0", 16),
    ("tile_n0", 16),
    ("tile_rows", 16),
    ("tile_cols", 16),
    ("sink", 3),
    ("sink_layer", 4),
];

/// A delay line of `n` registers in the glue's Rust model: [`Delay::step`] is called on every
/// `update` with the line's input and returns its output (the oldest stage; the input itself when
/// `n = 0`). On the rising edge it returns the pre-edge output, as a register does, then shifts.
#[derive(Debug, Clone)]
struct Delay {
    line: Vec<Vec<u64>>,
    clk: bool,
}

impl Delay {
    fn new(n: usize, width: usize) -> Delay {
        Delay {
            line: vec![vec![0; width]; n],
            clk: false,
        }
    }
    fn step(&mut self, clk: bool, now: Vec<u64>) -> Vec<u64> {
        let out = match self.line.last() {
            None => now.clone(),
            Some(o) => o.clone(),
        };
        if clk && !self.clk && !self.line.is_empty() {
            self.line.rotate_right(1);
            self.line[0] = now;
        }
        self.clk = clk;
        out
    }
}

/// The glue's Verilog (`Engine::hdl`), generated from the shape.
#[path = "engine_glue.rs"]
mod glue;

/// Index of a memory in [`Engine::mems`]: kind-major (ACT, ERR, W, V), then layer.
pub fn mem_index(m: Mem, nl: usize) -> usize {
    match m {
        Mem::Act(l) => l,
        Mem::Err(l) => nl + l,
        Mem::W(l) => 2 * nl + l,
        Mem::V(l) => 3 * nl + l,
    }
}

/// The hierarchical name, relative to module `engine` of the emitted Verilog, of bank `b`'s word
/// array (`reg [15:0] mem [0:DEPTH-1]` of a [`super::skew_mem::BankRam`]) in memory `m` of an
/// engine with `nl` layers. rust-hdl names an instance after its field plus `$index` for a `Vec`
/// (`mems$4`, `banks$0`); `$` is legal after an identifier's first character, so these are plain
/// identifiers (no escaping): e.g. `$readmemh("w0_bank0.hex", tb.dut.mems$4.banks$0.mem)`.
/// Pinned by `export`'s Icarus test, which loads the arrays by these names.
pub fn bank_array_path(m: Mem, nl: usize, b: usize) -> String {
    format!("mems${}.banks${b}.mem", mem_index(m, nl))
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

/// "No memory" in the select registers.
const NONE: usize = usize::MAX;

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
    pub narrow_w: Vec<NarrowPiped>,
    /// Activation / derivative units, one per array column.
    pub acts: Vec<ActUnit>,
    /// dW narrowing to the momentum format (the update unit's g).
    pub narrow_g: NarrowPiped,
    pub update: UpdateUnit,
    /// Loss-gradient units, one per array row.
    pub losses: Vec<LossGrad>,
    pub drain: Drain,
    pub regs: RegFile,
    _sh: Shape,
    _prog: Program,
    _code_to_idx: Vec<usize>,
    /// Window index → memory index (labels: NONE).
    _win_mem: Vec<usize>,
    _ema: bool,
    _mse: bool,
    /// The tile announcement to the drain, [`ANNOUNCE_DELAY`] registers.
    _ann: Delay,
    /// The array's `mac_en, first, last` and the drain's `a_sel_q, b_sel_q`, [`CONTROL_DELAY`]
    /// registers.
    _ctl: Delay,
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
        let mut mems: Vec<SkewMem> = sh
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
        // No kind of memory is ever read and written at one word in a cycle whose read is used
        // (`SkewMem::rw_collisions` stays 0 over training runs of both configs, and the driver
        // checks it after every rust-hdl step), so no bank needs
        // Yosys's read-first emulation.
        for (m, sm) in sh.mems().into_iter().zip(mems.iter_mut()) {
            sm.set_no_rw_check(true);
            sm.set_rw_tag(match m {
                Mem::Act(_) => 0,
                Mem::Err(_) => 1,
                Mem::W(_) => 2,
                Mem::V(_) => 3,
            });
        }
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
                .map(|_| NarrowPiped::new(f.weight_frac, f.rounding))
                .collect(),
            acts: (0..sh.cols).map(|_| ActUnit::new(&tables)).collect(),
            narrow_g: NarrowPiped::new(f.act_frac + f.err_frac - f.mom_frac, f.rounding),
            update: UpdateUnit::new(&regs0),
            losses: (0..sh.rows)
                .map(|_| LossGrad::new(sh.layers[nl], &LossUnit::new(cfg), sh.batch))
                .collect(),
            _mse: cfg.model.loss == Loss::Mse,
            _ann: Delay::new(ANNOUNCE_DELAY, ANNOUNCE.len()),
            _ctl: Delay::new(CONTROL_DELAY, 5),
            drain: Drain::new(cfg),
            regs: RegFile::new(cfg),
            _sh: sh,
            _prog: prog,
            _code_to_idx: code_to_idx,
            _win_mem: win_mem,
            _ema: regs0.g_coef.is_some(),
        }
    }
    /// Cycles so far in which a memory read a word in the cycle it wrote it, with the read used
    /// ([`SkewMem::rw_check`]): must stay 0, since the emitted banks carry `(* no_rw_check *)`.
    pub fn rw_collisions(&self) -> u64 {
        self.mems.iter().map(|m| m.rw_collisions()).sum()
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
        self.regs.clock.next = clk;
        self.narrow_g.clock.next = clk;
        self.update.clock.next = clk;
        for m in self.mems.iter_mut() {
            m.clock.next = clk;
        }
        if self.clock.pos_edge() {
            for m in self.mems.iter() {
                m.rw_check();
            }
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
        d.rd_en.next = s.rd_en.val();
        d.a_mem.next = s.a_mem.val();
        d.b_mem.next = s.b_mem.val();
        // the tile announcement, ANNOUNCE_DELAY cycles late (a delay line of registers)
        let a = self._ann.step(
            clk.clk,
            vec![
                s.mac_en.val() as u64,
                s.last.val() as u64,
                s.tile_m0.val().to_u64(),
                s.tile_n0.val().to_u64(),
                s.tile_rows.val().to_u64(),
                s.tile_cols.val().to_u64(),
                s.sink.val().to_u64(),
                s.sink_layer.val().to_u64(),
            ],
        );
        d.mac_en.next = a[0] != 0;
        d.last.next = a[1] != 0;
        d.tile_m0.next = to_bits(a[2]);
        d.tile_n0.next = to_bits(a[3]);
        d.tile_rows.next = to_bits(a[4]);
        d.tile_cols.next = to_bits(a[5]);
        d.sink.next = to_bits(a[6]);
        d.sink_layer.next = to_bits(a[7]);
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
        let aux_idx = if d.aux_en.val() {
            d.aux_mem.val().index()
        } else {
            NONE
        };
        let upd = if d.upd_en.val() {
            let l = d.upd_layer.val().index();
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
            } else {
                // the derivative unit's ACT read; idle (rd_en low: the memory ignores the
                // address) keeps the same address, as the Verilog glue does (one mux, no zeroing)
                m.rd_en.next = mi == aux_idx;
                m.rd_row.next = d.aux_row.val();
                m.rd_col.next = d.aux_col.val();
                m.rd_dir.next = false;
                m.rd_lanes.next = d.aux_lanes.val();
            }
            // lane write: wr1 (drain data or a unit's outputs), wr2 (the update unit's v′, V[l]
            // only). Row and column are wr1's in both cases; address, mask and data are not zeroed
            // while wr_en is low (the memory ignores them), as in the Verilog glue.
            let is_v = matches!(self._sh.mems()[mi], Mem::V(_));
            m.wr_en.next = mi == wr1 || (is_v && mi == wr2);
            m.wr_row.next = d.wr1_row.val();
            m.wr_col.next = d.wr1_col.val();
            for i in 0..p {
                m.wr_data[i].next = match src {
                    SRC_ACT_Y if i < c => unsigned_cast(self.acts[i].y.val()),
                    SRC_ACT_DELTA if i < c => unsigned_cast(self.acts[i].delta.val()),
                    SRC_UPDATE if i == 0 => unsigned_cast(self.update.w_out.val()),
                    SRC_DRAIN => d.wr1_data[i].val(),
                    _ => 0.into(),
                };
            }
            if is_v && mi != wr1 {
                m.wr_mask.next = 1.into();
                m.wr_data[0].next = unsigned_cast(self.update.v_out.val());
            } else {
                m.wr_mask.next = d.wr1_mask.val();
            }
            // word port: the update unit first, then the host window; idle keeps the window's (or,
            // for a W/V memory without a window, the update's) address
            let mm = self._sh.mems()[mi];
            let upd_mem = matches!(mm, Mem::W(_) | Mem::V(_));
            let has_win = self._win_mem.contains(&mi);
            match upd {
                Some((wi, vi)) if mi == wi || mi == vi => {
                    m.word_en.next = true;
                    m.word_we.next = false;
                    m.word_row.next = d.upd_row.val();
                    m.word_col.next = d.upd_col.val();
                    m.word_wdata.next = if has_win { g.win_wdata.val() } else { 0.into() };
                }
                _ if has_win => {
                    m.word_en.next = mi == win;
                    m.word_we.next = mi == win && g.win_we.val();
                    m.word_row.next = g.win_row.val();
                    m.word_col.next = g.win_col.val();
                    m.word_wdata.next = g.win_wdata.val();
                }
                _ if upd_mem => {
                    m.word_en.next = false;
                    m.word_we.next = false;
                    m.word_row.next = d.upd_row.val();
                    m.word_col.next = d.upd_col.val();
                    m.word_wdata.next = 0.into();
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
        // ---- data back: operands (the memories' rd_data_q, with the selects and the array's
        // controls CONTROL_DELAY cycles late), derivative's ACT lanes, update words, host window
        let k = self._ctl.step(
            clk.clk,
            vec![
                s.mac_en.val() as u64,
                s.first.val() as u64,
                s.last.val() as u64,
                d.a_sel_q.val().to_u64(),
                d.b_sel_q.val().to_u64(),
            ],
        );
        let a_sel = sel_q(to_bits(k[3]));
        let b_sel = sel_q(to_bits(k[4]));
        for i in 0..r {
            self.array.a_in[i].next = if a_sel == NONE {
                to_signed(0)
            } else {
                signed_cast(self.mems[a_sel].rd_data_q[i].val())
            };
        }
        for j in 0..c {
            self.array.b_in[j].next = if b_sel == NONE {
                to_signed(0)
            } else {
                signed_cast(self.mems[b_sel].rd_data_q[j].val())
            };
        }
        self.array.mac_en.next = k[0] != 0;
        self.array.first.next = k[1] != 0;
        self.array.last.next = k[2] != 0;
        self.array.shift.next = d.shift.val();
        let aux_sel = sel_q(d.aux_sel_q.val());
        let kind = d.act_kind.val();
        let dkind = d.act_dkind.val();
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
        let lane = (d.upd_lane.val().index()).min(c - 1);
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
        u.valid.next = d.upd_valid.val();
        u.is_bias.next = d.upd_bias.val();
        u.eta.next = signed_cast(g.eta.val());
        u.mu.next = signed_cast(g.mu.val());
        u.one_minus_mu.next = signed_cast(g.one_minus_mu.val());
        u.wd.next = signed_cast(g.two_lambda.val());
        u.ema.next = self._ema;
        u.lfsr_load.next = g.lfsr_load.val();
        u.lfsr_seed.next = g.lfsr_seed.val();
        u.lfsr_seed_zero.next = g.lfsr_seed_zero.val();
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
