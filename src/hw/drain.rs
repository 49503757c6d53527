//! The drain controller's tile tracker as an `hdl_gen` block (first part of the drain controller
//! conversion, docs/ENGINE.md "what is left" 1): the tile FIFO (depth 2: the tile waiting for its
//! drain and the tile draining), the row / lane position counters, and the per-cycle outputs that
//! follow from them — `shift` and the g lane (`upd_lane`); one cycle later (registered, so that
//! their data meets the value narrowed by the 2-cycle `NarrowPiped`) the ACT read of the derivative
//! sink (`aux_*`) and the W/V word read of the update sink (`upd_*`); two cycles later (for the
//! value narrowed then) the update unit's valid / bias-row flags and the activation unit's kinds.
//!
//! Equal, cycle for cycle, to the tile bookkeeping of the Rust model [`super::engine::Drain`]: its
//! vectors are that model's inputs and outputs recorded during real engine steps.
//!
//! # Timing
//! A tile announced in cycle x (`mac_en & last`, descriptor on `tile_*`, `sink`, `sink_layer`) is
//! latched at the end of x into the waiting slot and becomes the draining tile at the end of x+1,
//! so its first position is driven in cycle x+2 (= the first cycle its values are on `acc_out`).
//! `shift` and `upd_lane` are combinational from registers only (latency 1 from the announcement's
//! edge); the reads are registers one cycle behind, the flags two.
//! Row sinks (act, loss, deriv) drain R positions, one row per cycle, `shift` each cycle; the update
//! sink drains R·C positions (i, j), one value per cycle, `shift` when j = C−1.
//!
//! # Picture
//! ```text
//!  mac_en&last ─► [waiting: m0 n0 rows cols sink layer] ──► [draining: … | i (row) | j (lane)]
//!                                                               │
//!        shift = draining & (sink≠UPD | j=C−1)  ◄───────────────┤   upd_lane = j (update)
//!        ──[DFF]─► aux = deriv & i<rows: ACT[l+1] row m0+i, col n0, lanes cols
//!        ──[DFF]─► upd = update & i<rows & j<cols: W/V[l] (m0+i, n0+j)
//!        ──[DFF]─[DFF]─► upd_valid, upd_bias (row m0+i = in-features of l),
//!                        act_kind (act: kind[l−1]), act_dkind (deriv: kind[l])
//! ```
//! Ports mirror the model's; `sink_layer` is 8 bits wide here (the model's 4-bit port zero-extended)
//! and `upd_lane` 16 bits, so that no widening cast is needed inside `hdl_gen`.

use super::act_unit::kind_code;
use super::driver::EngineSim;
use super::harness::{HwUnit, Port, Vectors};
use super::host::HostBus;
use super::to_bits;
use crate::config::Config;
use rust_hdl::prelude::*;

/// Sink codes of the sequencer (`engine.rs`).
const SINK_ACT: u64 = 1;
const SINK_DERIV: u64 = 3;
const SINK_UPDATE: u64 = 4;

/// The tile tracker (see the module doc).
#[derive(LogicBlock)]
pub struct DrainTiles {
    pub clock: Signal<In, Clock>,
    pub mac_en: Signal<In, Bit>,
    pub last: Signal<In, Bit>,
    pub tile_m0: Signal<In, Bits<16>>,
    pub tile_n0: Signal<In, Bits<16>>,
    pub tile_rows: Signal<In, Bits<16>>,
    pub tile_cols: Signal<In, Bits<16>>,
    pub sink: Signal<In, Bits<3>>,
    pub sink_layer: Signal<In, Bits<8>>,
    pub shift: Signal<Out, Bit>,
    pub aux_en: Signal<Out, Bit>,
    pub aux_mem: Signal<Out, Bits<8>>,
    pub aux_row: Signal<Out, Bits<16>>,
    pub aux_col: Signal<Out, Bits<16>>,
    pub aux_lanes: Signal<Out, Bits<16>>,
    pub upd_en: Signal<Out, Bit>,
    pub upd_layer: Signal<Out, Bits<8>>,
    pub upd_row: Signal<Out, Bits<16>>,
    pub upd_col: Signal<Out, Bits<16>>,
    pub upd_lane: Signal<Out, Bits<16>>,
    /// Of last cycle's position (the value narrowed in this cycle): update valid / bias row, and
    /// the activation unit's kinds (forward, derivative).
    pub upd_valid: Signal<Out, Bit>,
    pub upd_bias: Signal<Out, Bit>,
    pub act_kind: Signal<Out, Bits<3>>,
    pub act_dkind: Signal<Out, Bits<3>>,
    // waiting slot
    nv: DFF<Bit>,
    n_m0: DFF<Bits<16>>,
    n_n0: DFF<Bits<16>>,
    n_rows: DFF<Bits<16>>,
    n_cols: DFF<Bits<16>>,
    n_sink: DFF<Bits<3>>,
    n_layer: DFF<Bits<8>>,
    // draining tile and its position
    cv: DFF<Bit>,
    c_m0: DFF<Bits<16>>,
    c_n0: DFF<Bits<16>>,
    c_rows: DFF<Bits<16>>,
    c_cols: DFF<Bits<16>>,
    c_sink: DFF<Bits<3>>,
    c_layer: DFF<Bits<8>>,
    ci: DFF<Bits<16>>,
    cj: DFF<Bits<16>>,
    // last cycle's position outputs
    valid_q: DFF<Bit>,
    bias_q: DFF<Bit>,
    kind_q: DFF<Bits<3>>,
    dkind_q: DFF<Bits<3>>,
    // the same, the narrowing's second cycle
    valid_q2: DFF<Bit>,
    bias_q2: DFF<Bit>,
    kind_q2: DFF<Bits<3>>,
    dkind_q2: DFF<Bits<3>>,
    // last cycle's position reads (issued one cycle after the position, for the 2-cycle narrowing)
    aux_en_q: DFF<Bit>,
    aux_mem_q: DFF<Bits<8>>,
    aux_row_q: DFF<Bits<16>>,
    aux_col_q: DFF<Bits<16>>,
    aux_lanes_q: DFF<Bits<16>>,
    upd_en_q: DFF<Bit>,
    upd_layer_q: DFF<Bits<8>>,
    upd_row_q: DFF<Bits<16>>,
    upd_col_q: DFF<Bits<16>>,
    row_l: Signal<Local, Bits<16>>,
    rows_ok: Signal<Local, Bit>,
    // constants
    k_last_row: Constant<Bits<16>>,
    k_last_col: Constant<Bits<16>>,
    k_one16: Constant<Bits<16>>,
    k_one8: Constant<Bits<8>>,
    k_z16: Constant<Bits<16>>,
    k_z8: Constant<Bits<8>>,
    k_deriv: Constant<Bits<3>>,
    k_update: Constant<Bits<3>>,
    k_act: Constant<Bits<3>>,
    k_z3: Constant<Bits<3>>,
    /// Per layer l: l and its bias row (in-features); per hidden layer its activation kind.
    k_layer: Vec<Constant<Bits<8>>>,
    /// l + 1 per hidden layer l (array indices are loop variables only in `hdl_gen`).
    k_layer1: Vec<Constant<Bits<8>>>,
    k_bias_row: Vec<Constant<Bits<16>>>,
    k_kind: Vec<Constant<Bits<3>>>,
}

impl DrainTiles {
    /// A tracker for `cfg`'s R×C array and layers.
    pub fn new(cfg: &Config) -> DrainTiles {
        let (rows, cols) = (cfg.array.rows, cfg.array.cols);
        let layers = &cfg.model.layers;
        let nl = layers.len() - 1;
        assert!(rows >= 1 && cols >= 1, "array {rows}×{cols}");
        assert!(rows < 1 << 16 && cols < 1 << 16, "positions fit 16 bits");
        assert!((1..255).contains(&nl), "{nl} layers");
        assert!(
            layers.iter().all(|&n| n < 1 << 16),
            "layer widths fit 16 bits"
        );
        DrainTiles {
            clock: Default::default(),
            mac_en: Default::default(),
            last: Default::default(),
            tile_m0: Default::default(),
            tile_n0: Default::default(),
            tile_rows: Default::default(),
            tile_cols: Default::default(),
            sink: Default::default(),
            sink_layer: Default::default(),
            shift: Default::default(),
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
            nv: Default::default(),
            n_m0: Default::default(),
            n_n0: Default::default(),
            n_rows: Default::default(),
            n_cols: Default::default(),
            n_sink: Default::default(),
            n_layer: Default::default(),
            cv: Default::default(),
            c_m0: Default::default(),
            c_n0: Default::default(),
            c_rows: Default::default(),
            c_cols: Default::default(),
            c_sink: Default::default(),
            c_layer: Default::default(),
            ci: Default::default(),
            cj: Default::default(),
            k_last_row: Constant::new(((rows - 1) as u64).into()),
            k_last_col: Constant::new(((cols - 1) as u64).into()),
            k_one16: Constant::new(1u64.into()),
            k_one8: Constant::new(1u64.into()),
            k_z16: Constant::new(0u64.into()),
            k_z8: Constant::new(0u64.into()),
            k_deriv: Constant::new(SINK_DERIV.into()),
            k_update: Constant::new(SINK_UPDATE.into()),
            k_act: Constant::new(SINK_ACT.into()),
            k_z3: Constant::new(0u64.into()),
            k_layer: (0..nl).map(|l| Constant::new((l as u64).into())).collect(),
            k_layer1: (1..nl).map(|l| Constant::new((l as u64).into())).collect(),
            k_bias_row: (0..nl)
                .map(|l| Constant::new((layers[l] as u64).into()))
                .collect(),
            k_kind: (0..nl.saturating_sub(1))
                .map(|i| Constant::new(kind_code(Some(cfg.hidden_activation(i))).into()))
                .collect(),
            upd_valid: Default::default(),
            upd_bias: Default::default(),
            act_kind: Default::default(),
            act_dkind: Default::default(),
            valid_q: Default::default(),
            bias_q: Default::default(),
            kind_q: Default::default(),
            dkind_q: Default::default(),
            valid_q2: Default::default(),
            bias_q2: Default::default(),
            kind_q2: Default::default(),
            dkind_q2: Default::default(),
            aux_en_q: Default::default(),
            aux_mem_q: Default::default(),
            aux_row_q: Default::default(),
            aux_col_q: Default::default(),
            aux_lanes_q: Default::default(),
            upd_en_q: Default::default(),
            upd_layer_q: Default::default(),
            upd_row_q: Default::default(),
            upd_col_q: Default::default(),
            row_l: Default::default(),
            rows_ok: Default::default(),
        }
    }
}

impl Logic for DrainTiles {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self,
            clock,
            nv,
            n_m0,
            n_n0,
            n_rows,
            n_cols,
            n_sink,
            n_layer,
            cv,
            c_m0,
            c_n0,
            c_rows,
            c_cols,
            c_sink,
            c_layer,
            ci,
            cj,
            valid_q,
            bias_q,
            kind_q,
            dkind_q,
            valid_q2,
            bias_q2,
            kind_q2,
            dkind_q2,
            aux_en_q,
            aux_mem_q,
            aux_row_q,
            aux_col_q,
            aux_lanes_q,
            upd_en_q,
            upd_layer_q,
            upd_row_q,
            upd_col_q
        );
        // ---- the waiting slot: an announced tile, for one cycle
        self.nv.d.next = self.mac_en.val() & self.last.val();
        if self.mac_en.val() & self.last.val() {
            self.n_m0.d.next = self.tile_m0.val();
            self.n_n0.d.next = self.tile_n0.val();
            self.n_rows.d.next = self.tile_rows.val();
            self.n_cols.d.next = self.tile_cols.val();
            self.n_sink.d.next = self.sink.val();
            self.n_layer.d.next = self.sink_layer.val();
        }
        // ---- the draining tile: take the waiting one, or step the position
        if self.nv.q.val() {
            self.cv.d.next = true;
            self.c_m0.d.next = self.n_m0.q.val();
            self.c_n0.d.next = self.n_n0.q.val();
            self.c_rows.d.next = self.n_rows.q.val();
            self.c_cols.d.next = self.n_cols.q.val();
            self.c_sink.d.next = self.n_sink.q.val();
            self.c_layer.d.next = self.n_layer.q.val();
            self.ci.d.next = self.k_z16.val();
            self.cj.d.next = self.k_z16.val();
        } else if self.cv.q.val() {
            if (self.c_sink.q.val() == self.k_update.val())
                & (self.cj.q.val() != self.k_last_col.val())
            {
                self.cj.d.next = self.cj.q.val() + self.k_one16.val();
            } else {
                self.cj.d.next = self.k_z16.val();
                if self.ci.q.val() == self.k_last_row.val() {
                    self.cv.d.next = false;
                } else {
                    self.ci.d.next = self.ci.q.val() + self.k_one16.val();
                }
            }
        }
        // ---- this position's update valid / bias and kinds, registered for the next cycle
        self.row_l.next = self.c_m0.q.val() + self.ci.q.val();
        self.rows_ok.next = self.ci.q.val() < self.c_rows.q.val();
        self.valid_q.d.next = false;
        self.bias_q.d.next = false;
        self.kind_q.d.next = self.k_z3.val();
        self.dkind_q.d.next = self.k_z3.val();
        if self.cv.q.val()
            & (self.c_sink.q.val() == self.k_update.val())
            & self.rows_ok.val()
            & (self.cj.q.val() < self.c_cols.q.val())
        {
            self.valid_q.d.next = true;
            for l in 0..self.k_layer.len() {
                if (self.c_layer.q.val() == self.k_layer[l].val())
                    & (self.row_l.val() == self.k_bias_row[l].val())
                {
                    self.bias_q.d.next = true;
                }
            }
        }
        if self.cv.q.val() & self.rows_ok.val() {
            for i in 0..self.k_kind.len() {
                // forward of layer i+1 (hidden activation i), derivative of layer i
                if (self.c_sink.q.val() == self.k_act.val())
                    & (self.c_layer.q.val() == self.k_layer1[i].val())
                {
                    self.kind_q.d.next = self.k_kind[i].val();
                }
                if (self.c_sink.q.val() == self.k_deriv.val())
                    & (self.c_layer.q.val() == self.k_layer[i].val())
                {
                    self.dkind_q.d.next = self.k_kind[i].val();
                }
            }
        }
        self.valid_q2.d.next = self.valid_q.q.val();
        self.bias_q2.d.next = self.bias_q.q.val();
        self.kind_q2.d.next = self.kind_q.q.val();
        self.dkind_q2.d.next = self.dkind_q.q.val();
        self.upd_valid.next = self.valid_q2.q.val();
        self.upd_bias.next = self.bias_q2.q.val();
        self.act_kind.next = self.kind_q2.q.val();
        self.act_dkind.next = self.dkind_q2.q.val();
        // ---- outputs of this cycle's position
        self.shift.next = self.cv.q.val()
            & ((self.c_sink.q.val() != self.k_update.val())
                | (self.cj.q.val() == self.k_last_col.val()));
        self.aux_en_q.d.next = false;
        self.aux_mem_q.d.next = self.k_z8.val();
        self.aux_row_q.d.next = self.k_z16.val();
        self.aux_col_q.d.next = self.k_z16.val();
        self.aux_lanes_q.d.next = self.k_z16.val();
        if self.cv.q.val()
            & (self.c_sink.q.val() == self.k_deriv.val())
            & (self.ci.q.val() < self.c_rows.q.val())
        {
            self.aux_en_q.d.next = true;
            self.aux_mem_q.d.next = self.c_layer.q.val() + self.k_one8.val();
            self.aux_row_q.d.next = self.c_m0.q.val() + self.ci.q.val();
            self.aux_col_q.d.next = self.c_n0.q.val();
            self.aux_lanes_q.d.next = self.c_cols.q.val();
        }
        self.upd_en_q.d.next = false;
        self.upd_layer_q.d.next = self.k_z8.val();
        self.upd_row_q.d.next = self.k_z16.val();
        self.upd_col_q.d.next = self.k_z16.val();
        self.upd_lane.next = self.k_z16.val();
        if self.cv.q.val() & (self.c_sink.q.val() == self.k_update.val()) {
            self.upd_lane.next = self.cj.q.val();
            if (self.ci.q.val() < self.c_rows.q.val()) & (self.cj.q.val() < self.c_cols.q.val()) {
                self.upd_en_q.d.next = true;
                self.upd_layer_q.d.next = self.c_layer.q.val();
                self.upd_row_q.d.next = self.c_m0.q.val() + self.ci.q.val();
                self.upd_col_q.d.next = self.c_n0.q.val() + self.cj.q.val();
            }
        }
        self.aux_en.next = self.aux_en_q.q.val();
        self.aux_mem.next = self.aux_mem_q.q.val();
        self.aux_row.next = self.aux_row_q.q.val();
        self.aux_col.next = self.aux_col_q.q.val();
        self.aux_lanes.next = self.aux_lanes_q.q.val();
        self.upd_en.next = self.upd_en_q.q.val();
        self.upd_layer.next = self.upd_layer_q.q.val();
        self.upd_row.next = self.upd_row_q.q.val();
        self.upd_col.next = self.upd_col_q.q.val();
    }
}

/// The harness unit: [`DrainTiles`] against the recorded tile bookkeeping of the engine's Rust
/// drain model (one engine step on each of a few small configs with zero data: the bookkeeping
/// depends on the program only).
pub struct DrainTilesUnit {
    cfg: Config,
}

/// Batch sizes of the short steps recorded before `cfg`'s own (the block's constants are `cfg`'s
/// array and layers, so only the batch varies).
const RECORDED: &[usize] = &[4, 3, 1];

impl DrainTilesUnit {
    pub fn new(cfg: &Config) -> DrainTilesUnit {
        DrainTilesUnit { cfg: cfg.clone() }
    }

    fn build(&self) -> DrainTiles {
        let mut b = DrainTiles::new(&self.cfg);
        b.connect_all();
        b
    }

    /// The configs recorded: `cfg` with the short batches, then `cfg` itself.
    fn configs(&self) -> Vec<Config> {
        let mut v: Vec<Config> = RECORDED
            .iter()
            .map(|&batch| {
                let mut c = self.cfg.clone();
                c.train.batch_size = batch;
                c
            })
            .collect();
        v.push(self.cfg.clone());
        v
    }
}

/// One engine step of `cfg` (zero inputs and weights); the drain model's tile trace.
pub fn record_step(cfg: &Config) -> Vec<(Vec<u64>, Vec<u64>)> {
    let mut sim = EngineSim::new(cfg);
    let b = cfg.train.batch_size;
    let x = vec![0i32; b * cfg.model.layers[0]];
    let labels = vec![0u8; b];
    sim.write_batch(&x, &labels);
    sim.uut.drain.record_tiles();
    sim.run_step();
    sim.uut.drain.take_tile_trace()
}

impl HwUnit for DrainTilesUnit {
    fn name(&self) -> &'static str {
        "drain_tiles"
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
    }
    fn vectors(&self, _seed: u64) -> Vectors {
        let ins = vec![
            Port::new("mac_en", 1),
            Port::new("last", 1),
            Port::new("tile_m0", 16),
            Port::new("tile_n0", 16),
            Port::new("tile_rows", 16),
            Port::new("tile_cols", 16),
            Port::new("sink", 3),
            Port::new("sink_layer", 8),
        ];
        let outs = vec![
            Port::new("shift", 1),
            Port::new("aux_en", 1),
            Port::new("aux_mem", 8),
            Port::new("aux_row", 16),
            Port::new("aux_col", 16),
            Port::new("aux_lanes", 16),
            Port::new("upd_en", 1),
            Port::new("upd_layer", 8),
            Port::new("upd_row", 16),
            Port::new("upd_col", 16),
            Port::new("upd_lane", 16),
            Port::new("upd_valid", 1),
            Port::new("upd_bias", 1),
            Port::new("act_kind", 3),
            Port::new("act_dkind", 3),
        ];
        let nout = outs.len();
        let mut v = Vectors::new(ins, outs);
        for (k, c) in self.configs().iter().enumerate() {
            // Each recording starts from reset; a quiet gap separates them (the tracker is idle
            // after a step, as the model is).
            for (n, (i, o)) in record_step(c).into_iter().enumerate() {
                v.push(i, o, vec![true; nout], format!("config {k} cycle {n}"));
            }
        }
        v
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let mut b = self.build();
        fn clk(b: &mut DrainTiles) -> &mut Signal<In, Clock> {
            &mut b.clock
        }
        inputs
            .iter()
            .map(|x| {
                super::cycle(
                    &mut b,
                    clk,
                    |b| {
                        b.mac_en.next = x[0] != 0;
                        b.last.next = x[1] != 0;
                        b.tile_m0.next = to_bits(x[2]);
                        b.tile_n0.next = to_bits(x[3]);
                        b.tile_rows.next = to_bits(x[4]);
                        b.tile_cols.next = to_bits(x[5]);
                        b.sink.next = to_bits(x[6]);
                        b.sink_layer.next = to_bits(x[7]);
                    },
                    |b| {
                        vec![
                            b.shift.val() as u64,
                            b.aux_en.val() as u64,
                            b.aux_mem.val().to_u64(),
                            b.aux_row.val().to_u64(),
                            b.aux_col.val().to_u64(),
                            b.aux_lanes.val().to_u64(),
                            b.upd_en.val() as u64,
                            b.upd_layer.val().to_u64(),
                            b.upd_row.val().to_u64(),
                            b.upd_col.val().to_u64(),
                            b.upd_lane.val().to_u64(),
                            b.upd_valid.val() as u64,
                            b.upd_bias.val() as u64,
                            b.act_kind.val().to_u64(),
                            b.act_dkind.val().to_u64(),
                        ]
                    },
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hw::harness;

    #[test]
    fn drain_tiles_rusthdl_equals_model() {
        let u = DrainTilesUnit::new(&Config::default());
        let v = u.vectors(7);
        assert!(v.len() >= 1000, "{} vectors", v.len());
        let r = harness::check_rusthdl(&u, &v);
        assert_eq!(r.mismatches, 0, "{}", r.report.join("\n"));
    }

    /// The recorded vectors exercise every path: announcements, row drains with and without the
    /// ACT read-ahead, update drains with valid and padding positions, and non-shift cycles.
    #[test]
    fn drain_tiles_vectors_cover_the_paths() {
        let v = DrainTilesUnit::new(&Config::default()).vectors(0);
        let count = |f: &dyn Fn(&[u64], &[u64]) -> bool| {
            v.vectors.iter().filter(|x| f(&x.inputs, &x.expect)).count()
        };
        let announce = count(&|i, _| i[0] == 1 && i[1] == 1);
        let shift = count(&|_, o| o[0] == 1);
        let aux = count(&|_, o| o[1] == 1);
        let upd = count(&|_, o| o[6] == 1);
        let upd_pad = count(&|_, o| o[6] == 0 && o[10] != 0);
        let upd_noshift = count(&|_, o| o[6] == 1 && o[0] == 0);
        let bias = count(&|_, o| o[12] == 1);
        let kind = count(&|_, o| o[13] != 0);
        let dkind = count(&|_, o| o[14] != 0);
        println!(
            "{} vectors: announce {announce} shift {shift} aux {aux} upd {upd} pad {upd_pad}",
            v.len()
        );
        for (n, c) in [
            ("announce", announce),
            ("shift", shift),
            ("aux", aux),
            ("upd", upd),
            ("upd_noshift", upd_noshift),
            ("upd_pad", upd_pad),
            ("upd_bias", bias),
            ("act_kind", kind),
            ("act_dkind", dkind),
        ] {
            assert!(c > 0, "no {n} vector");
        }
    }

    #[test]
    fn drain_tiles_three_simulators() {
        harness::prove_unit(&DrainTilesUnit::new(&Config::default()));
    }
}
