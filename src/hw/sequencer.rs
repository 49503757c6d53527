//! The sequencer: the tile-loop FSM that runs the microprogram ([`super::program`]) out of a ROM and
//! tells the memories and the array what to do in every cycle.
//!
//! # What it does
//! For each instruction (ROM words addressed by `pc`), it loops row-major over the output tiles
//! `(m0, n0)` (`m0` steps by R, `n0` by C) and, inside a tile, over `k = 0..K−1`, issuing one `(tile,
//! k)` per cycle unless a timing rule of the program holds it back (module doc of `program`):
//! - **drain spacing**: the last term of a tile waits until `since ≥ dprev` (`since` = cycles since the
//!   previous last-term issue, `dprev` = that tile's drain time D);
//! - **barrier**: the first term of an instruction waits until `since ≥ barrier` (ROM field);
//! - LOSS waits for its barrier (one cycle at least); END waits for its barrier and raises `done`.
//!
//! BATCH: `start` latches `batch`; instructions flagged "M is BATCH" (FWD, DX) or "K is BATCH" (DW)
//! use it, so a short last batch shrinks M or K (edge tiles, fewer terms).
//!
//! # Outputs, per cycle
//! ```text
//!   pc ──► ROM (3×32 bit, combinational) ──► decode ──► tile counters (m0, n0, k), since, dprev
//!                                                    │
//!   issue cycle t:  rd_en, a_{mem,row,col,dir,lanes}, b_{…}      ──► skewed memories (latency 1)
//!   cycle t+1:      mac_en, first, last, tile_{m0,n0,rows,cols}, sink, sink_layer ──► array / drain
//! ```
//! - Read requests (cycle of issue; all 0 when `rd_en` is low). A operand (R lanes, index m):
//!   not transposed → along the column at `(m0, k)` (`dir` 1), transposed → along the row at
//!   `(k, m0)` (`dir` 0); B operand (C lanes, index n): not transposed → along the row at `(k, n0)`,
//!   transposed → along the column at `(n0, k)`. `a_lanes = min(R, M−m0)`, `b_lanes = min(C, N−n0)`
//!   (the memories return 0 on the other lanes, so edge tiles compute zeros).
//! - Array controls and tile description, **one cycle later** (aligned with the lanes coming out of the
//!   1-cycle memories): `mac_en`, `first` (k = 0), `last` (k = K−1), the tile origin and valid size,
//!   and the sink code / layer (ROM fields) that the drain of this tile goes to.
//! - `busy` from the cycle after `start` to END's cycle; `done` from then until the next `start`
//!   (`start` while busy is ignored). `pc`, `phase`, `layer` show the current instruction.
//!
//! The reference is `Program::schedule` (one entry per busy cycle), so the busy cycles of a step equal
//! the cycle model's `total_cycles`. All counters are 16 bits (rust-hdl's fast path); `since`
//! saturates at 0xFFFF.

use super::harness::{self, HwUnit, Port, Vectors};
use super::program::{Issue, Phase, Program};
use crate::config::Config;
use rust_hdl::prelude::*;

/// The sequencer for one program.
#[derive(LogicBlock)]
pub struct Sequencer {
    pub clock: Signal<In, Clock>,
    /// Start one step (ignored while busy).
    pub start: Signal<In, Bit>,
    /// Samples in this step (1..=batch), latched by `start`.
    pub batch: Signal<In, Bits<16>>,
    pub busy: Signal<Out, Bit>,
    pub done: Signal<Out, Bit>,
    pub pc: Signal<Out, Bits<6>>,
    pub phase: Signal<Out, Bits<3>>,
    pub layer: Signal<Out, Bits<4>>,
    /// Issue: read the A and B lanes of `(tile, k)` this cycle.
    pub rd_en: Signal<Out, Bit>,
    pub a_mem: Signal<Out, Bits<6>>,
    pub a_row: Signal<Out, Bits<16>>,
    pub a_col: Signal<Out, Bits<16>>,
    pub a_dir: Signal<Out, Bit>,
    pub a_lanes: Signal<Out, Bits<16>>,
    pub b_mem: Signal<Out, Bits<6>>,
    pub b_row: Signal<Out, Bits<16>>,
    pub b_col: Signal<Out, Bits<16>>,
    pub b_dir: Signal<Out, Bit>,
    pub b_lanes: Signal<Out, Bits<16>>,
    /// Array controls, one cycle after the issue.
    pub mac_en: Signal<Out, Bit>,
    pub first: Signal<Out, Bit>,
    pub last: Signal<Out, Bit>,
    pub tile_m0: Signal<Out, Bits<16>>,
    pub tile_n0: Signal<Out, Bits<16>>,
    pub tile_rows: Signal<Out, Bits<16>>,
    pub tile_cols: Signal<Out, Bits<16>>,
    pub sink: Signal<Out, Bits<3>>,
    pub sink_layer: Signal<Out, Bits<4>>,
    rom0: ROM<Bits<32>, 6>,
    rom1: ROM<Bits<32>, 6>,
    rom2: ROM<Bits<32>, 6>,
    busy_q: DFF<Bit>,
    done_q: DFF<Bit>,
    pc_q: DFF<Bits<6>>,
    fresh_q: DFF<Bit>,
    k_q: DFF<Bits<16>>,
    m0_q: DFF<Bits<16>>,
    n0_q: DFF<Bits<16>>,
    since_q: DFF<Bits<16>>,
    dprev_q: DFF<Bits<16>>,
    batch_q: DFF<Bits<16>>,
    mac_en_q: DFF<Bit>,
    first_q: DFF<Bit>,
    last_q: DFF<Bit>,
    tm0_q: DFF<Bits<16>>,
    tn0_q: DFF<Bits<16>>,
    trows_q: DFF<Bits<16>>,
    tcols_q: DFF<Bits<16>>,
    sink_q: DFF<Bits<3>>,
    sink_layer_q: DFF<Bits<4>>,
    w0: Signal<Local, Bits<32>>,
    w1: Signal<Local, Bits<32>>,
    w2: Signal<Local, Bits<32>>,
    m_eff: Signal<Local, Bits<16>>,
    n_eff: Signal<Local, Bits<16>>,
    k_eff: Signal<Local, Bits<16>>,
    phase_l: Signal<Local, Bits<3>>,
    drain_l: Signal<Local, Bits<16>>,
    barrier_l: Signal<Local, Bits<16>>,
    is_gemm: Signal<Local, Bit>,
    is_last_k: Signal<Local, Bit>,
    barrier_ok: Signal<Local, Bit>,
    can_issue: Signal<Local, Bit>,
    rows_left: Signal<Local, Bits<16>>,
    cols_left: Signal<Local, Bits<16>>,
    rows_valid: Signal<Local, Bits<16>>,
    cols_valid: Signal<Local, Bits<16>>,
    row_end: Signal<Local, Bit>,
    col_end: Signal<Local, Bit>,
    r_c: Constant<Bits<16>>,
    c_c: Constant<Bits<16>>,
    one_c: Constant<Bits<16>>,
    zero_c: Constant<Bits<16>>,
    max_c: Constant<Bits<16>>,
    ph_loss_c: Constant<Bits<3>>,
    ph_end_c: Constant<Bits<3>>,
    pc_one_c: Constant<Bits<6>>,
    /// 0x0FFF: a 12-bit ROM field taken as 16 bits (a widening `bit_cast` emits a WIDTH warning).
    mask12_c: Constant<Bits<16>>,
    z6_c: Constant<Bits<6>>,
    z4_c: Constant<Bits<4>>,
    z3_c: Constant<Bits<3>>,
}

impl Sequencer {
    pub fn new(prog: &Program) -> Sequencer {
        assert!(prog.instrs.len() <= 64, "program longer than the 6-bit pc");
        assert!(
            prog.rows <= 16 && prog.cols <= 16,
            "array {}×{} wider than 16 lanes",
            prog.rows,
            prog.cols
        );
        assert_eq!(
            prog.instrs.last().map(|i| i.phase),
            Some(Phase::End),
            "program must end with END"
        );
        let words = prog.rom_words();
        let rom = |j: usize| ROM::from(words.iter().map(|w| Bits::<32>::from(w[j] as u64)));
        let b16 = |v: u64| Constant::new(Bits::<16>::from(v));
        Sequencer {
            clock: Default::default(),
            start: Default::default(),
            batch: Default::default(),
            busy: Default::default(),
            done: Default::default(),
            pc: Default::default(),
            phase: Default::default(),
            layer: Default::default(),
            rd_en: Default::default(),
            a_mem: Default::default(),
            a_row: Default::default(),
            a_col: Default::default(),
            a_dir: Default::default(),
            a_lanes: Default::default(),
            b_mem: Default::default(),
            b_row: Default::default(),
            b_col: Default::default(),
            b_dir: Default::default(),
            b_lanes: Default::default(),
            mac_en: Default::default(),
            first: Default::default(),
            last: Default::default(),
            tile_m0: Default::default(),
            tile_n0: Default::default(),
            tile_rows: Default::default(),
            tile_cols: Default::default(),
            sink: Default::default(),
            sink_layer: Default::default(),
            rom0: rom(0),
            rom1: rom(1),
            rom2: rom(2),
            busy_q: Default::default(),
            done_q: Default::default(),
            pc_q: Default::default(),
            fresh_q: Default::default(),
            k_q: Default::default(),
            m0_q: Default::default(),
            n0_q: Default::default(),
            since_q: Default::default(),
            dprev_q: Default::default(),
            batch_q: Default::default(),
            mac_en_q: Default::default(),
            first_q: Default::default(),
            last_q: Default::default(),
            tm0_q: Default::default(),
            tn0_q: Default::default(),
            trows_q: Default::default(),
            tcols_q: Default::default(),
            sink_q: Default::default(),
            sink_layer_q: Default::default(),
            w0: Default::default(),
            w1: Default::default(),
            w2: Default::default(),
            m_eff: Default::default(),
            n_eff: Default::default(),
            k_eff: Default::default(),
            phase_l: Default::default(),
            drain_l: Default::default(),
            barrier_l: Default::default(),
            is_gemm: Default::default(),
            is_last_k: Default::default(),
            barrier_ok: Default::default(),
            can_issue: Default::default(),
            rows_left: Default::default(),
            cols_left: Default::default(),
            rows_valid: Default::default(),
            cols_valid: Default::default(),
            row_end: Default::default(),
            col_end: Default::default(),
            r_c: b16(prog.rows as u64),
            c_c: b16(prog.cols as u64),
            one_c: b16(1),
            zero_c: b16(0),
            max_c: b16(0xffff),
            ph_loss_c: Constant::new(Bits::<3>::from(Phase::Loss.code() as u64)),
            ph_end_c: Constant::new(Bits::<3>::from(Phase::End.code() as u64)),
            pc_one_c: Constant::new(Bits::<6>::from(1u64)),
            mask12_c: b16(0xfff),
            z6_c: Constant::new(Bits::<6>::from(0u64)),
            z4_c: Constant::new(Bits::<4>::from(0u64)),
            z3_c: Constant::new(Bits::<3>::from(0u64)),
        }
    }
}

impl Logic for Sequencer {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self,
            clock,
            busy_q,
            done_q,
            pc_q,
            fresh_q,
            k_q,
            m0_q,
            n0_q,
            since_q,
            dprev_q,
            batch_q,
            mac_en_q,
            first_q,
            last_q,
            tm0_q,
            tn0_q,
            trows_q,
            tcols_q,
            sink_q,
            sink_layer_q
        );
        // ---- decode the current instruction
        self.rom0.address.next = self.pc_q.q.val();
        self.rom1.address.next = self.pc_q.q.val();
        self.rom2.address.next = self.pc_q.q.val();
        self.w0.next = self.rom0.data.val();
        self.w1.next = self.rom1.data.val();
        self.w2.next = self.rom2.data.val();
        if self.w0.val().get_bit(31) {
            self.m_eff.next = self.batch_q.q.val();
        } else {
            self.m_eff.next = self.w0.val().get_bits::<16>(0) & self.mask12_c.val();
        }
        self.n_eff.next = self.w0.val().get_bits::<16>(12) & self.mask12_c.val();
        if self.w1.val().get_bit(12) {
            self.k_eff.next = self.batch_q.q.val();
        } else {
            self.k_eff.next = self.w1.val().get_bits::<16>(0) & self.mask12_c.val();
        }
        self.phase_l.next = self.w0.val().get_bits::<3>(24);
        self.drain_l.next = self.w2.val().get_bits::<16>(0) & self.mask12_c.val();
        self.barrier_l.next = self.w2.val().get_bits::<16>(12);
        self.is_gemm.next = (self.phase_l.val() != self.ph_loss_c.val())
            & (self.phase_l.val() != self.ph_end_c.val());
        self.is_last_k.next = (self.k_q.q.val() + self.one_c.val()) == self.k_eff.val();
        self.barrier_ok.next = self.since_q.q.val() >= self.barrier_l.val();
        self.can_issue.next = self.busy_q.q.val()
            & self.is_gemm.val()
            & (!self.fresh_q.q.val() | self.barrier_ok.val())
            & (!self.is_last_k.val() | (self.since_q.q.val() >= self.dprev_q.q.val()));
        self.rows_left.next = self.m_eff.val() - self.m0_q.q.val();
        self.cols_left.next = self.n_eff.val() - self.n0_q.q.val();
        if self.rows_left.val() < self.r_c.val() {
            self.rows_valid.next = self.rows_left.val();
        } else {
            self.rows_valid.next = self.r_c.val();
        }
        if self.cols_left.val() < self.c_c.val() {
            self.cols_valid.next = self.cols_left.val();
        } else {
            self.cols_valid.next = self.c_c.val();
        }
        self.row_end.next = (self.m0_q.q.val() + self.r_c.val()) >= self.m_eff.val();
        self.col_end.next = (self.n0_q.q.val() + self.c_c.val()) >= self.n_eff.val();

        // ---- cycles since the last last-term issue (saturating)
        if self.since_q.q.val() != self.max_c.val() {
            self.since_q.d.next = self.since_q.q.val() + self.one_c.val();
        }

        // ---- issue
        self.rd_en.next = self.can_issue.val();
        self.a_mem.next = self.z6_c.val();
        self.a_row.next = self.zero_c.val();
        self.a_col.next = self.zero_c.val();
        self.a_dir.next = false;
        self.a_lanes.next = self.zero_c.val();
        self.b_mem.next = self.z6_c.val();
        self.b_row.next = self.zero_c.val();
        self.b_col.next = self.zero_c.val();
        self.b_dir.next = false;
        self.b_lanes.next = self.zero_c.val();
        self.tm0_q.d.next = self.zero_c.val();
        self.tn0_q.d.next = self.zero_c.val();
        self.trows_q.d.next = self.zero_c.val();
        self.tcols_q.d.next = self.zero_c.val();
        self.sink_q.d.next = self.z3_c.val();
        self.sink_layer_q.d.next = self.z4_c.val();
        self.mac_en_q.d.next = self.can_issue.val();
        self.first_q.d.next = self.can_issue.val() & (self.k_q.q.val() == self.zero_c.val());
        self.last_q.d.next = self.can_issue.val() & self.is_last_k.val();
        if self.can_issue.val() {
            self.a_mem.next = self.w1.val().get_bits::<6>(13);
            if self.w1.val().get_bit(19) {
                self.a_row.next = self.k_q.q.val();
                self.a_col.next = self.m0_q.q.val();
            } else {
                self.a_row.next = self.m0_q.q.val();
                self.a_col.next = self.k_q.q.val();
                self.a_dir.next = true;
            }
            self.a_lanes.next = self.rows_valid.val();
            self.b_mem.next = self.w1.val().get_bits::<6>(20);
            if self.w1.val().get_bit(26) {
                self.b_row.next = self.n0_q.q.val();
                self.b_col.next = self.k_q.q.val();
                self.b_dir.next = true;
            } else {
                self.b_row.next = self.k_q.q.val();
                self.b_col.next = self.n0_q.q.val();
            }
            self.b_lanes.next = self.cols_valid.val();
            self.tm0_q.d.next = self.m0_q.q.val();
            self.tn0_q.d.next = self.n0_q.q.val();
            self.trows_q.d.next = self.rows_valid.val();
            self.tcols_q.d.next = self.cols_valid.val();
            self.sink_q.d.next = self.w1.val().get_bits::<3>(27);
            self.sink_layer_q.d.next = self.w2.val().get_bits::<4>(28);
            self.fresh_q.d.next = false;
            if self.is_last_k.val() {
                self.k_q.d.next = self.zero_c.val();
                self.since_q.d.next = self.one_c.val();
                self.dprev_q.d.next = self.drain_l.val();
                if self.col_end.val() {
                    self.n0_q.d.next = self.zero_c.val();
                    if self.row_end.val() {
                        self.m0_q.d.next = self.zero_c.val();
                        self.pc_q.d.next = self.pc_q.q.val() + self.pc_one_c.val();
                        self.fresh_q.d.next = true;
                    } else {
                        self.m0_q.d.next = self.m0_q.q.val() + self.r_c.val();
                    }
                } else {
                    self.n0_q.d.next = self.n0_q.q.val() + self.c_c.val();
                }
            } else {
                self.k_q.d.next = self.k_q.q.val() + self.one_c.val();
            }
        }

        // ---- LOSS / END: wait for the barrier
        if self.busy_q.q.val() & !self.is_gemm.val() & self.barrier_ok.val() {
            if self.phase_l.val() == self.ph_end_c.val() {
                self.busy_q.d.next = false;
                self.done_q.d.next = true;
            } else {
                self.pc_q.d.next = self.pc_q.q.val() + self.pc_one_c.val();
                self.fresh_q.d.next = true;
            }
        }

        // ---- start
        if self.start.val() & !self.busy_q.q.val() {
            self.busy_q.d.next = true;
            self.done_q.d.next = false;
            self.pc_q.d.next = self.z6_c.val();
            self.fresh_q.d.next = true;
            self.k_q.d.next = self.zero_c.val();
            self.m0_q.d.next = self.zero_c.val();
            self.n0_q.d.next = self.zero_c.val();
            self.since_q.d.next = self.max_c.val();
            self.dprev_q.d.next = self.zero_c.val();
            self.batch_q.d.next = self.batch.val();
        }

        // ---- outputs
        self.busy.next = self.busy_q.q.val();
        self.done.next = self.done_q.q.val();
        self.pc.next = self.pc_q.q.val();
        self.phase.next = self.phase_l.val();
        self.layer.next = self.w0.val().get_bits::<4>(27);
        self.mac_en.next = self.mac_en_q.q.val();
        self.first.next = self.first_q.q.val();
        self.last.next = self.last_q.q.val();
        self.tile_m0.next = self.tm0_q.q.val();
        self.tile_n0.next = self.tn0_q.q.val();
        self.tile_rows.next = self.trows_q.q.val();
        self.tile_cols.next = self.tcols_q.q.val();
        self.sink.next = self.sink_q.q.val();
        self.sink_layer.next = self.sink_layer_q.q.val();
    }
}

/// Output ports in the order of [`expected_outputs`].
pub fn output_ports() -> Vec<Port> {
    [
        ("busy", 1),
        ("done", 1),
        ("pc", 6),
        ("phase", 3),
        ("layer", 4),
        ("rd_en", 1),
        ("a_mem", 6),
        ("a_row", 16),
        ("a_col", 16),
        ("a_dir", 1),
        ("a_lanes", 16),
        ("b_mem", 6),
        ("b_row", 16),
        ("b_col", 16),
        ("b_dir", 1),
        ("b_lanes", 16),
        ("mac_en", 1),
        ("first", 1),
        ("last", 1),
        ("tile_m0", 16),
        ("tile_n0", 16),
        ("tile_rows", 16),
        ("tile_cols", 16),
        ("sink", 3),
        ("sink_layer", 4),
    ]
    .into_iter()
    .map(|(n, b)| Port::new(n, b))
    .collect()
}

/// The sequencer's outputs in one cycle, from the program's schedule: current `pc`, `busy`/`done`,
/// this cycle's issue and the previous cycle's issue (the delayed array controls).
pub fn expected_outputs(
    prog: &Program,
    pc: usize,
    busy: bool,
    done: bool,
    now: Option<&Issue>,
    prev: Option<&Issue>,
) -> Vec<u64> {
    let ins = &prog.instrs[pc];
    let mut v = vec![
        busy as u64,
        done as u64,
        pc as u64,
        ins.phase.code() as u64,
        ins.layer as u64,
    ];
    match now {
        Some(i) => {
            let a = prog.instrs[i.pc].a.unwrap();
            let b = prog.instrs[i.pc].b.unwrap();
            let (ar, ac, ad) = if a.transposed {
                (i.k, i.m0, 0)
            } else {
                (i.m0, i.k, 1)
            };
            let (br, bc, bd) = if b.transposed {
                (i.n0, i.k, 1)
            } else {
                (i.k, i.n0, 0)
            };
            v.extend([
                1,
                a.mem.code() as u64,
                ar as u64,
                ac as u64,
                ad,
                i.rows as u64,
            ]);
            v.extend([b.mem.code() as u64, br as u64, bc as u64, bd, i.cols as u64]);
        }
        None => v.extend([0; 11]),
    }
    match prev {
        Some(i) => {
            let s = prog.instrs[i.pc].sink.unwrap();
            v.extend([
                1,
                i.first as u64,
                i.last as u64,
                i.m0 as u64,
                i.n0 as u64,
                i.rows as u64,
                i.cols as u64,
            ]);
            v.extend([s.code() as u64, s.target_layer() as u64]);
        }
        None => v.extend([0; 9]),
    }
    v
}

/// Vectors: for each batch in `batches`, a few idle cycles (with a `start` pulse sometimes held for
/// several cycles, and `start` pulses while busy, which must be ignored), then the whole step.
pub fn seq_vectors(prog: &Program, batches: &[usize], seed: u64) -> Vectors {
    let mut r = harness::runner(seed);
    let inputs = vec![Port::new("start", 1), Port::new("batch", 16)];
    let mut v = Vectors::new(inputs, output_ports());
    let (mut pc, mut done) = (0usize, false);
    let mut prev: Option<Issue> = None;
    let mut n = 0usize;
    for &b in batches {
        let idle = harness::draw(&mut r, &(1usize..4));
        for _ in 0..idle {
            let other = harness::draw(&mut r, &(0u64..0x10000));
            v.push(
                vec![0, other],
                expected_outputs(prog, pc, false, done, None, prev.as_ref()),
                vec![true; 25],
                format!("idle {n}"),
            );
            prev = None;
            n += 1;
        }
        // The start cycle (still idle outputs).
        v.push(
            vec![1, b as u64],
            expected_outputs(prog, pc, false, done, None, prev.as_ref()),
            vec![true; 25],
            format!("start batch {b}"),
        );
        prev = None;
        let sched = prog.schedule(b);
        for (t, c) in sched.iter().enumerate() {
            // Random start pulses and batch changes while busy: ignored.
            let st = harness::draw(&mut r, &proptest::bool::weighted(0.02)) as u64;
            let other = harness::draw(&mut r, &(0u64..0x10000));
            v.push(
                vec![st, other],
                expected_outputs(prog, c.pc, true, false, c.issue.as_ref(), prev.as_ref()),
                vec![true; 25],
                format!("batch {b} step cycle {t} pc {}", c.pc),
            );
            prev = c.issue;
        }
        pc = prog.instrs.len() - 1;
        done = true;
    }
    // Trailing idle cycles.
    for _ in 0..3 {
        v.push(
            vec![0, 0],
            expected_outputs(prog, pc, false, done, None, prev.as_ref()),
            vec![true; 25],
            "tail".into(),
        );
        prev = None;
    }
    v
}

/// Drive a sequencer with (start, batch) rows and sample all outputs.
pub fn run_sequencer(s: &mut Sequencer, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
    fn clk(s: &mut Sequencer) -> &mut Signal<In, Clock> {
        &mut s.clock
    }
    super::cycle(s, clk, |_| {}, |_| ());
    inputs
        .iter()
        .map(|x| {
            super::cycle(
                s,
                clk,
                |s| {
                    s.start.next = x[0] != 0;
                    s.batch.next = Bits::<16>::from(x[1]);
                },
                |s| {
                    let b = |x: bool| x as u64;
                    vec![
                        b(s.busy.val()),
                        b(s.done.val()),
                        s.pc.val().index() as u64,
                        s.phase.val().index() as u64,
                        s.layer.val().index() as u64,
                        b(s.rd_en.val()),
                        s.a_mem.val().index() as u64,
                        s.a_row.val().index() as u64,
                        s.a_col.val().index() as u64,
                        b(s.a_dir.val()),
                        s.a_lanes.val().index() as u64,
                        s.b_mem.val().index() as u64,
                        s.b_row.val().index() as u64,
                        s.b_col.val().index() as u64,
                        b(s.b_dir.val()),
                        s.b_lanes.val().index() as u64,
                        b(s.mac_en.val()),
                        b(s.first.val()),
                        b(s.last.val()),
                        s.tile_m0.val().index() as u64,
                        s.tile_n0.val().index() as u64,
                        s.tile_rows.val().index() as u64,
                        s.tile_cols.val().index() as u64,
                        s.sink.val().index() as u64,
                        s.sink_layer.val().index() as u64,
                    ]
                },
            )
        })
        .collect()
}

/// The sequencer of the default config as a harness unit.
pub struct SequencerUnit {
    pub prog: Program,
}

impl SequencerUnit {
    pub fn new(cfg: &Config) -> SequencerUnit {
        SequencerUnit {
            prog: Program::new(cfg),
        }
    }
    pub fn build(&self) -> Sequencer {
        let mut s = Sequencer::new(&self.prog);
        s.connect_all();
        s
    }
}

impl HwUnit for SequencerUnit {
    fn name(&self) -> &'static str {
        "sequencer"
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
    }
    /// Steps of batch 1, a short batch, and the full batch.
    fn vectors(&self, seed: u64) -> Vectors {
        let full = self.prog.batch;
        seq_vectors(&self.prog, &[1, (full / 2).max(1), full], seed)
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        run_sequencer(&mut self.build(), inputs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hw::program::Timing;
    use proptest::prelude::*;

    fn check(prog: &Program, batches: &[usize], seed: u64) {
        let v = seq_vectors(prog, batches, seed);
        let out = run_sequencer(
            &mut {
                let mut s = Sequencer::new(prog);
                s.connect_all();
                s
            },
            &v.input_rows(),
        );
        let r = harness::compare(&v, &out);
        assert_eq!(r.mismatches, 0, "{}", r.report.join("\n"));
        // Busy cycles per step equal the cycle model.
        let busy: usize = out.iter().filter(|o| o[0] == 1).count();
        let want: usize = batches
            .iter()
            .map(|&b| prog.cycle_model(b).total_cycles)
            .sum();
        assert_eq!(busy, want);
    }

    #[test]
    fn default_program_full_and_short_batches() {
        let p = Program::new(&Config::default());
        check(&p, &[32, 1, 7], 1);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10))]
        /// Any depth, edge tiles, R ≠ C, batch 1.
        #[test]
        fn rusthdl_equals_schedule_any(
            layers in proptest::collection::vec(1usize..20, 2..5),
            rows in 1usize..6, cols in 1usize..6, full in 1usize..12, seed in any::<u64>(),
        ) {
            let p = Program::build(&layers, full, rows, cols, Timing::for_array(rows, *layers.last().unwrap()));
            check(&p, &[full, 1, full.div_ceil(2)], seed);
        }
    }

    /// All three simulators, lint, Yosys (no latch), corrupted-vector self-test.
    #[test]
    fn sequencer_three_simulators() {
        assert!(harness::prove_unit(&SequencerUnit::new(&Config::default())) >= 1000);
    }
}
