//! The sequencer: the tile-loop FSM that runs the microprogram ([`super::program`]) out of a ROM and
//! tells the memories and the array what to do in every cycle.
//!
//! # What it does
//! For each instruction (addressed by `pc`), it loops row-major over the output tiles `(m0, n0)`
//! (`m0` steps by R, `n0` by C) and, inside a tile, over `k = 0..K−1`, issuing one `(tile, k)` per
//! cycle unless a timing rule of the program holds it back (module doc of `program`):
//! - **drain spacing**: the last term of a tile waits until `since ≥ dprev` (`since` = cycles since the
//!   previous last-term issue, `dprev` = that tile's drain time D);
//! - **barrier**: the first term of an instruction waits until `since ≥ barrier`;
//! - LOSS waits for its barrier (one cycle at least); END waits for its barrier and raises `done`.
//!
//! BATCH: `start` latches `batch`; instructions flagged "M is BATCH" (FWD, DX) or "K is BATCH" (DW)
//! use it, so a short last batch shrinks M or K (edge tiles, fewer terms).
//!
//! # Outputs, per cycle
//! ```text
//!   pc ──► next-instruction ROM ──(load on advance / start)──► cur_* registers
//!   flags (registered): klast, row_end, col_end, dok (since ≥ dprev), bok (since ≥ barrier)
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
//!   and the sink code / layer that the drain of this tile goes to.
//! - `busy` from the cycle after `start` to END's cycle; `done` from then until the next `start`
//!   (`start` while busy is ignored). `pc`, `phase`, `layer` show the current instruction.
//!
//! The reference is `Program::schedule` (one entry per busy cycle), so the busy cycles of a step equal
//! the cycle model's `total_cycles`.
//!
//! # Implementation (timing: every decision is a registered flag; same cycle behaviour)
//! The ROM is not the program's `rom_words` but tables built from the same instructions: entry `p`
//! holds the fields of instruction `p + 1`, pre-decoded (K−1, D−1, barrier−1, the origin of the last
//! column tile minus C and its width, "M ≤ R", "M ≤ 2R", "N ≤ C", "K = 1", "D ≤ 1", "barrier ≤ 1",
//! GEMM, END, operands, sink, and for LOSS the next barrier). When an instruction advances (and at
//! `start`, from constants of instruction 0) those fields are loaded into `cur_*` registers, so the
//! ROM (addressed by `pc_q`) only feeds those loads. Per cycle only registered flags decide:
//! - `klast` (k = K−1) from a down-counter `krem = K−1−k` (next flag: `krem == 1`), `first` from a
//!   flag `k == 0`.
//! - `col_end`: the equality `n0 == origin of the last column tile − C` at each column step;
//!   `b_lanes = col_end ? width of the last column tile : C`.
//! - `row_end` from a down-counter `rows_left = M − m0` and a flag one row step ahead
//!   (`rows_left ≤ 2R`, so the compare with a constant feeds only that flag);
//!   `a_lanes = row_end ? rows_left : R`.
//! - `dok` (since ≥ dprev), `bok` (since ≥ barrier) and, for LOSS, `lge` (since + 1 ≥ the next
//!   instruction's barrier): set when loaded if already true, else set by the equalities
//!   `since == dprev−1`, `since == barrier−1`, `since == next barrier−2` (`since` counts up by one
//!   between the events that reload them; a LOSS must follow a GEMM, asserted, so it starts with
//!   `since` = 1).
//! - `busy & GEMM`, `busy & LOSS`, `busy & END`, `!fresh | bok` and `klast & col_end & row_end` are
//!   registered too (from the next values of their parts): the issue decision and the advance are
//!   one or two LUT levels.
//! - BATCH substitution: `start` latches batch, batch−1, batch = 1, batch ≤ R and batch ≤ 2R, and
//!   loads instruction 0's BATCH-dependent counters from `batch` directly.
//!
//! Counters have config-bounded widths: each is masked with `2^w − 1` for the smallest `w` that holds
//! its largest value in the program (the upper bits are constant 0 and Yosys removes them); `since`
//! saturates at the mask of the largest barrier / drain time (every compare it takes part in is
//! against a smaller value, so it behaves as the unbounded count); `pc` is masked to the program
//! length. Ports stay 16 bits wide.

use super::harness::{self, HwUnit, Port, Vectors};
use super::program::{Instr, Issue, Phase, Program};
use crate::config::Config;
use rust_hdl::prelude::*;

/// Smallest `2^w − 1 ≥ x`.
fn mask_of(x: usize) -> u64 {
    ((x as u64) + 1).next_power_of_two() - 1
}

/// The pre-decoded fields of one instruction (a ROM entry; see the module doc).
struct Fields {
    m: u64,
    /// Origin of the last column tile minus C (`n0` equals it one tile before the last).
    nlm: u64,
    /// Valid columns of the last column tile.
    cvl: u64,
    k1: u64,
    d1: u64,
    b1: u64,
    /// `max(barrier − 2, 0)` of the instruction after this one (LOSS: when may it advance).
    b2n: u64,
    flags: u64,
}

/// Flag word bits.
const F_MB: usize = 0; // M is BATCH
const F_MLER: usize = 1; // M ≤ R
const F_NLEC: usize = 2; // N ≤ C
const F_GEMM: usize = 3;
const F_END: usize = 4;
const F_KB: usize = 5; // K is BATCH
const F_K1: usize = 6; // K = 1
const F_BLE1: usize = 7; // barrier ≤ 1
const F_DLE1: usize = 8; // drain ≤ 1
const F_NBLE2: usize = 30; // the next instruction's barrier ≤ 2
const F_MLE2R: usize = 31; // M ≤ 2R
                           // [14:9] A memory, [15] A transposed, [21:16] B memory, [22] B transposed, [25:23] sink,
                           // [29:26] sink layer

fn fields(i: &Instr, next: Option<&Instr>, r: usize, c: usize) -> Fields {
    let nbar = next.map_or(0, |x| x.barrier);
    let (am, at) = i.a.map_or((0, false), |o| (o.mem.code(), o.transposed));
    let (bm, bt) = i.b.map_or((0, false), |o| (o.mem.code(), o.transposed));
    let (sk, sl) = i
        .sink
        .map_or((0, 0), |s| (s.code(), s.target_layer() as u32));
    let b = |x: bool, at: usize| (x as u64) << at;
    let flags = b(i.m_is_batch, F_MB)
        | b(i.m <= r, F_MLER)
        | b(i.n <= c, F_NLEC)
        | b(i.phase.is_gemm(), F_GEMM)
        | b(i.phase == Phase::End, F_END)
        | b(i.k_is_batch, F_KB)
        | b(i.k == 1, F_K1)
        | b(i.barrier <= 1, F_BLE1)
        | b(i.drain <= 1, F_DLE1)
        | (am as u64) << 9
        | (at as u64) << 15
        | (bm as u64) << 16
        | (bt as u64) << 22
        | (sk as u64) << 23
        | (sl as u64) << 26
        | b(nbar <= 2, F_NBLE2)
        | b(i.m <= 2 * r, F_MLE2R);
    let nlast = c * ((i.n.max(1) - 1) / c);
    Fields {
        m: i.m as u64,
        nlm: nlast.saturating_sub(c) as u64,
        cvl: i.n.saturating_sub(nlast) as u64,
        k1: i.k.saturating_sub(1) as u64,
        d1: i.drain.saturating_sub(1) as u64,
        b1: i.barrier.saturating_sub(1) as u64,
        b2n: nbar.saturating_sub(2) as u64,
        flags,
    }
}

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
    /// Entry p: instruction p+1 (M, N, K−1, D−1, barrier−1, flags).
    rom_m: ROM<Bits<16>, 6>,
    rom_nlm: ROM<Bits<16>, 6>,
    rom_cvl: ROM<Bits<16>, 6>,
    rom_k1: ROM<Bits<16>, 6>,
    rom_d1: ROM<Bits<16>, 6>,
    rom_b1: ROM<Bits<16>, 6>,
    rom_b2n: ROM<Bits<16>, 6>,
    rom_f: ROM<Bits<32>, 6>,
    /// Entry p: phase | layer << 3 of instruction p (the `phase`/`layer` outputs).
    rom_pl: ROM<Bits<7>, 6>,
    busy_q: DFF<Bit>,
    done_q: DFF<Bit>,
    pc_q: DFF<Bits<6>>,
    fresh_q: DFF<Bit>,
    // ---- the current instruction (loaded on advance / start)
    cur_nlm: DFF<Bits<16>>,
    cur_cvl: DFF<Bits<16>>,
    cur_k1: DFF<Bits<16>>,
    cur_d1: DFF<Bits<16>>,
    cur_b1: DFF<Bits<16>>,
    cur_b2n: DFF<Bits<16>>,
    cur_f: DFF<Bits<32>>,
    // ---- BATCH (latched by start)
    batch_q: DFF<Bits<16>>,
    bm1_q: DFF<Bits<16>>,
    bis1_q: DFF<Bit>,
    bler_q: DFF<Bit>,
    bler2_q: DFF<Bit>,
    // ---- tile loop
    k_q: DFF<Bits<16>>,
    kz_q: DFF<Bit>,
    krem_q: DFF<Bits<16>>,
    klast_q: DFF<Bit>,
    m0_q: DFF<Bits<16>>,
    rl_q: DFF<Bits<16>>,
    re_q: DFF<Bit>,
    n0_q: DFF<Bits<16>>,
    /// rows_left ≤ 2R: the next row step reaches the last row tile.
    re2_q: DFF<Bit>,
    ce_q: DFF<Bit>,
    // ---- timing rules
    since_q: DFF<Bits<16>>,
    dpm1_q: DFF<Bits<16>>,
    dok_q: DFF<Bit>,
    bok_q: DFF<Bit>,
    /// LOSS: since ≥ barrier − 1 of the next instruction (it may advance).
    lge_q: DFF<Bit>,
    // ---- composites of the above, registered (computed from their next values)
    /// busy & GEMM, busy & LOSS, busy & END.
    bg_q: DFF<Bit>,
    bl_q: DFF<Bit>,
    be_q: DFF<Bit>,
    /// !fresh | bok: the barrier does not hold the next issue back.
    rdy_q: DFF<Bit>,
    /// klast & col_end & row_end: the next issue is the instruction's last.
    fin_q: DFF<Bit>,
    // ---- array controls (one cycle after the issue)
    mac_en_q: DFF<Bit>,
    first_q: DFF<Bit>,
    last_q: DFF<Bit>,
    tm0_q: DFF<Bits<16>>,
    tn0_q: DFF<Bits<16>>,
    trows_q: DFF<Bits<16>>,
    tcols_q: DFF<Bits<16>>,
    sink_q: DFF<Bits<3>>,
    sink_layer_q: DFF<Bits<4>>,
    // ---- locals
    ld_m: Signal<Local, Bits<16>>,
    ld_nlm: Signal<Local, Bits<16>>,
    ld_cvl: Signal<Local, Bits<16>>,
    ld_k1: Signal<Local, Bits<16>>,
    ld_d1: Signal<Local, Bits<16>>,
    ld_b1: Signal<Local, Bits<16>>,
    ld_b2n: Signal<Local, Bits<16>>,
    ld_f: Signal<Local, Bits<32>>,
    bin: Signal<Local, Bits<16>>,
    ld_batch: Signal<Local, Bits<16>>,
    ld_bm1: Signal<Local, Bits<16>>,
    ld_bis1: Signal<Local, Bit>,
    ld_bler: Signal<Local, Bit>,
    ld_bler2: Signal<Local, Bit>,
    can_issue: Signal<Local, Bit>,
    adv: Signal<Local, Bit>,
    start_ok: Signal<Local, Bit>,
    rows_valid: Signal<Local, Bits<16>>,
    cols_valid: Signal<Local, Bits<16>>,
    // ---- constants
    f0_m: Constant<Bits<16>>,
    f0_nlm: Constant<Bits<16>>,
    f0_cvl: Constant<Bits<16>>,
    f0_k1: Constant<Bits<16>>,
    f0_d1: Constant<Bits<16>>,
    f0_b1: Constant<Bits<16>>,
    f0_b2n: Constant<Bits<16>>,
    f0_f: Constant<Bits<32>>,
    r_c: Constant<Bits<16>>,
    c_c: Constant<Bits<16>>,
    r2_c: Constant<Bits<16>>,
    r3_c: Constant<Bits<16>>,
    one_c: Constant<Bits<16>>,
    zero_c: Constant<Bits<16>>,
    kmask_c: Constant<Bits<16>>,
    mmask_c: Constant<Bits<16>>,
    nmask_c: Constant<Bits<16>>,
    bmask_c: Constant<Bits<16>>,
    smask_c: Constant<Bits<16>>,
    pcmask_c: Constant<Bits<6>>,
    pc_one_c: Constant<Bits<6>>,
    z6_c: Constant<Bits<6>>,
    z4_c: Constant<Bits<4>>,
    z3_c: Constant<Bits<3>>,
}

impl Sequencer {
    pub fn new(prog: &Program) -> Sequencer {
        let n = prog.instrs.len();
        assert!(n <= 64, "program longer than the 6-bit pc");
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
        let (r, c) = (prog.rows, prog.cols);
        // `lge` (see `update`) is exact only for a LOSS entered with `since` = 1 or at start.
        for w in prog.instrs.windows(2) {
            assert!(
                w[0].phase.is_gemm() || w[1].phase.is_gemm() || w[1].phase == Phase::End,
                "a LOSS must follow a GEMM"
            );
        }
        let f: Vec<Fields> = (0..n)
            .map(|p| fields(&prog.instrs[p], prog.instrs.get(p + 1), r, c))
            .collect();
        // Entry p = instruction p+1 (the last instruction, END, never advances).
        let rom16 =
            |g: fn(&Fields) -> u64| ROM::from(f[1..].iter().map(|x| Bits::<16>::from(g(x))));
        // Largest values of the counters (BATCH fields take the full batch).
        let gemm = || prog.instrs.iter().filter(|i| i.phase.is_gemm());
        let full = prog.batch;
        let kmax = gemm().map(|i| if i.k_is_batch { full } else { i.k }).max();
        let mmax = gemm().map(|i| if i.m_is_batch { full } else { i.m }).max();
        let nmax = gemm().map(|i| i.n).max();
        let smax = prog
            .instrs
            .iter()
            .map(|i| i.barrier.max(i.drain))
            .max()
            .unwrap_or(0)
            .max(1);
        assert!(smax < 0xffff, "barrier / drain time {smax} too long");
        let b16 = |v: u64| Constant::new(Bits::<16>::from(v));
        let f0 = &f[0];
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
            rom_m: rom16(|x| x.m),
            rom_nlm: rom16(|x| x.nlm),
            rom_cvl: rom16(|x| x.cvl),
            rom_k1: rom16(|x| x.k1),
            rom_d1: rom16(|x| x.d1),
            rom_b1: rom16(|x| x.b1),
            rom_b2n: rom16(|x| x.b2n),
            rom_f: ROM::from(f[1..].iter().map(|x| Bits::<32>::from(x.flags))),
            rom_pl: ROM::from(
                prog.instrs
                    .iter()
                    .map(|i| Bits::<7>::from((i.phase.code() | (i.layer as u32) << 3) as u64)),
            ),
            busy_q: Default::default(),
            done_q: Default::default(),
            pc_q: Default::default(),
            fresh_q: Default::default(),
            cur_nlm: Default::default(),
            cur_cvl: Default::default(),
            cur_k1: Default::default(),
            cur_d1: Default::default(),
            cur_b1: Default::default(),
            cur_b2n: Default::default(),
            cur_f: Default::default(),
            batch_q: Default::default(),
            bm1_q: Default::default(),
            bis1_q: Default::default(),
            bler_q: Default::default(),
            bler2_q: Default::default(),
            k_q: Default::default(),
            kz_q: Default::default(),
            krem_q: Default::default(),
            klast_q: Default::default(),
            m0_q: Default::default(),
            rl_q: Default::default(),
            re_q: Default::default(),
            n0_q: Default::default(),
            re2_q: Default::default(),
            ce_q: Default::default(),
            since_q: Default::default(),
            dpm1_q: Default::default(),
            dok_q: Default::default(),
            bok_q: Default::default(),
            lge_q: Default::default(),
            bg_q: Default::default(),
            bl_q: Default::default(),
            be_q: Default::default(),
            rdy_q: Default::default(),
            fin_q: Default::default(),
            mac_en_q: Default::default(),
            first_q: Default::default(),
            last_q: Default::default(),
            tm0_q: Default::default(),
            tn0_q: Default::default(),
            trows_q: Default::default(),
            tcols_q: Default::default(),
            sink_q: Default::default(),
            sink_layer_q: Default::default(),
            ld_m: Default::default(),
            ld_nlm: Default::default(),
            ld_cvl: Default::default(),
            ld_k1: Default::default(),
            ld_d1: Default::default(),
            ld_b1: Default::default(),
            ld_b2n: Default::default(),
            ld_f: Default::default(),
            bin: Default::default(),
            ld_batch: Default::default(),
            ld_bm1: Default::default(),
            ld_bis1: Default::default(),
            ld_bler: Default::default(),
            ld_bler2: Default::default(),
            can_issue: Default::default(),
            adv: Default::default(),
            start_ok: Default::default(),
            rows_valid: Default::default(),
            cols_valid: Default::default(),
            f0_m: b16(f0.m),
            f0_nlm: b16(f0.nlm),
            f0_cvl: b16(f0.cvl),
            f0_k1: b16(f0.k1),
            f0_d1: b16(f0.d1),
            f0_b1: b16(f0.b1),
            f0_b2n: b16(f0.b2n),
            f0_f: Constant::new(Bits::<32>::from(f0.flags)),
            r_c: b16(r as u64),
            c_c: b16(c as u64),
            r2_c: b16(2 * r as u64),
            r3_c: b16(3 * r as u64),
            one_c: b16(1),
            zero_c: b16(0),
            kmask_c: b16(mask_of(kmax.unwrap_or(1))),
            mmask_c: b16(mask_of(mmax.unwrap_or(1))),
            nmask_c: b16(mask_of(nmax.unwrap_or(1))),
            bmask_c: b16(mask_of(full)),
            smask_c: b16(mask_of(smax)),
            pcmask_c: Constant::new(Bits::<6>::from(mask_of(n - 1))),
            pc_one_c: Constant::new(Bits::<6>::from(1u64)),
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
            cur_nlm,
            cur_cvl,
            cur_k1,
            cur_d1,
            cur_b1,
            cur_b2n,
            cur_f,
            batch_q,
            bm1_q,
            bis1_q,
            bler_q,
            bler2_q,
            k_q,
            kz_q,
            krem_q,
            klast_q,
            m0_q,
            rl_q,
            re_q,
            n0_q,
            re2_q,
            ce_q,
            since_q,
            dpm1_q,
            dok_q,
            bok_q,
            lge_q,
            bg_q,
            bl_q,
            be_q,
            rdy_q,
            fin_q,
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
        self.rom_m.address.next = self.pc_q.q.val();
        self.rom_nlm.address.next = self.pc_q.q.val();
        self.rom_cvl.address.next = self.pc_q.q.val();
        self.rom_k1.address.next = self.pc_q.q.val();
        self.rom_d1.address.next = self.pc_q.q.val();
        self.rom_b1.address.next = self.pc_q.q.val();
        self.rom_b2n.address.next = self.pc_q.q.val();
        self.rom_f.address.next = self.pc_q.q.val();
        self.rom_pl.address.next = self.pc_q.q.val();

        // `batch` at its config-bounded width (short compares at start)
        self.bin.next = self.batch.val() & self.bmask_c.val();
        // ---- what an advance (busy: the next instruction) or a start (instruction 0) loads
        if self.busy_q.q.val() {
            self.ld_m.next = self.rom_m.data.val();
            self.ld_nlm.next = self.rom_nlm.data.val();
            self.ld_cvl.next = self.rom_cvl.data.val();
            self.ld_k1.next = self.rom_k1.data.val();
            self.ld_d1.next = self.rom_d1.data.val();
            self.ld_b1.next = self.rom_b1.data.val();
            self.ld_b2n.next = self.rom_b2n.data.val();
            self.ld_f.next = self.rom_f.data.val();
        } else {
            self.ld_m.next = self.f0_m.val();
            self.ld_nlm.next = self.f0_nlm.val();
            self.ld_cvl.next = self.f0_cvl.val();
            self.ld_k1.next = self.f0_k1.val();
            self.ld_d1.next = self.f0_d1.val();
            self.ld_b1.next = self.f0_b1.val();
            self.ld_b2n.next = self.f0_b2n.val();
            self.ld_f.next = self.f0_f.val();
        }

        // BATCH as latched (at start the start block below loads from `batch` itself)
        self.ld_batch.next = self.batch_q.q.val();
        self.ld_bm1.next = self.bm1_q.q.val();
        self.ld_bis1.next = self.bis1_q.q.val();
        self.ld_bler.next = self.bler_q.q.val();
        self.ld_bler2.next = self.bler2_q.q.val();

        // ---- the decisions of this cycle (registered flags only)
        self.can_issue.next =
            self.bg_q.q.val() & self.rdy_q.q.val() & (!self.klast_q.q.val() | self.dok_q.q.val());
        self.start_ok.next = self.start.val() & !self.busy_q.q.val();
        self.adv.next =
            (self.bg_q.q.val() & self.rdy_q.q.val() & self.fin_q.q.val() & self.dok_q.q.val())
                | (self.bl_q.q.val() & self.bok_q.q.val());
        if self.re_q.q.val() {
            self.rows_valid.next = self.rl_q.q.val();
        } else {
            self.rows_valid.next = self.r_c.val();
        }
        if self.ce_q.q.val() {
            self.cols_valid.next = self.cur_cvl.q.val();
        } else {
            self.cols_valid.next = self.c_c.val();
        }

        // ---- cycles since the last last-term issue (saturating), and the flags that follow it
        if self.since_q.q.val() != self.smask_c.val() {
            self.since_q.d.next = (self.since_q.q.val() + self.one_c.val()) & self.smask_c.val();
        }
        if self.since_q.q.val() == self.dpm1_q.q.val() {
            self.dok_q.d.next = true;
        }
        if self.since_q.q.val() == self.cur_b1.q.val() {
            self.bok_q.d.next = true;
        }
        if self.since_q.q.val() == self.cur_b2n.q.val() {
            self.lge_q.d.next = true;
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
        self.first_q.d.next = self.can_issue.val() & self.kz_q.q.val();
        self.last_q.d.next = self.can_issue.val() & self.klast_q.q.val();
        if self.can_issue.val() {
            self.a_mem.next = self.cur_f.q.val().get_bits::<6>(9);
            if self.cur_f.q.val().get_bit(15) {
                self.a_row.next = self.k_q.q.val();
                self.a_col.next = self.m0_q.q.val();
            } else {
                self.a_row.next = self.m0_q.q.val();
                self.a_col.next = self.k_q.q.val();
                self.a_dir.next = true;
            }
            self.a_lanes.next = self.rows_valid.val();
            self.b_mem.next = self.cur_f.q.val().get_bits::<6>(16);
            if self.cur_f.q.val().get_bit(22) {
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
            self.sink_q.d.next = self.cur_f.q.val().get_bits::<3>(23);
            self.sink_layer_q.d.next = self.cur_f.q.val().get_bits::<4>(26);
            self.fresh_q.d.next = false;
            if self.klast_q.q.val() {
                // last term of the tile: next tile (the instruction's end is the load below)
                self.k_q.d.next = self.zero_c.val();
                self.kz_q.d.next = true;
                if self.cur_f.q.val().get_bit(5) {
                    self.krem_q.d.next = self.bm1_q.q.val() & self.kmask_c.val();
                    self.klast_q.d.next = self.bis1_q.q.val();
                } else {
                    self.krem_q.d.next = self.cur_k1.q.val() & self.kmask_c.val();
                    self.klast_q.d.next = self.cur_f.q.val().get_bit(6);
                }
                self.since_q.d.next = self.one_c.val();
                self.dpm1_q.d.next = self.cur_d1.q.val() & self.smask_c.val();
                self.dok_q.d.next = self.cur_f.q.val().get_bit(8);
                if self.ce_q.q.val() {
                    self.n0_q.d.next = self.zero_c.val();
                    self.ce_q.d.next = self.cur_f.q.val().get_bit(2);
                    if !self.re_q.q.val() {
                        self.m0_q.d.next =
                            (self.m0_q.q.val() + self.r_c.val()) & self.mmask_c.val();
                        self.rl_q.d.next =
                            (self.rl_q.q.val() - self.r_c.val()) & self.mmask_c.val();
                        self.re_q.d.next = self.re2_q.q.val();
                        self.re2_q.d.next = self.rl_q.q.val() <= self.r3_c.val();
                    }
                } else {
                    self.n0_q.d.next = (self.n0_q.q.val() + self.c_c.val()) & self.nmask_c.val();
                    self.ce_q.d.next = self.n0_q.q.val() == self.cur_nlm.q.val();
                }
            } else {
                self.k_q.d.next = (self.k_q.q.val() + self.one_c.val()) & self.kmask_c.val();
                self.kz_q.d.next = false;
                self.krem_q.d.next = (self.krem_q.q.val() - self.one_c.val()) & self.kmask_c.val();
                self.klast_q.d.next = self.krem_q.q.val() == self.one_c.val();
            }
        }

        // ---- END: wait for the barrier, then done
        if self.be_q.q.val() & self.bok_q.q.val() {
            self.busy_q.d.next = false;
            self.done_q.d.next = true;
        }

        // ---- advance to the next instruction, or start at instruction 0: load its fields
        if self.adv.val() | self.start_ok.val() {
            self.pc_q.d.next = (self.pc_q.q.val() + self.pc_one_c.val()) & self.pcmask_c.val();
            self.fresh_q.d.next = true;
            self.cur_nlm.d.next = self.ld_nlm.val() & self.nmask_c.val();
            self.cur_cvl.d.next = self.ld_cvl.val();
            self.cur_k1.d.next = self.ld_k1.val();
            self.cur_d1.d.next = self.ld_d1.val();
            self.cur_b1.d.next = self.ld_b1.val();
            self.cur_b2n.d.next = self.ld_b2n.val();
            self.cur_f.d.next = self.ld_f.val();
            self.k_q.d.next = self.zero_c.val();
            self.kz_q.d.next = true;
            self.m0_q.d.next = self.zero_c.val();
            self.n0_q.d.next = self.zero_c.val();
            if self.ld_f.val().get_bit(5) {
                self.krem_q.d.next = self.ld_bm1.val() & self.kmask_c.val();
                self.klast_q.d.next = self.ld_bis1.val();
            } else {
                self.krem_q.d.next = self.ld_k1.val() & self.kmask_c.val();
                self.klast_q.d.next = self.ld_f.val().get_bit(6);
            }
            if self.ld_f.val().get_bit(0) {
                self.rl_q.d.next = self.ld_batch.val() & self.mmask_c.val();
                self.re_q.d.next = self.ld_bler.val();
                self.re2_q.d.next = self.ld_bler2.val();
            } else {
                self.rl_q.d.next = self.ld_m.val() & self.mmask_c.val();
                self.re_q.d.next = self.ld_f.val().get_bit(1);
                self.re2_q.d.next = self.ld_f.val().get_bit(31);
            }
            self.ce_q.d.next = self.ld_f.val().get_bit(2);
            // barrier: a GEMM advance restarts `since` at 1 (so does `lge`'s reference); LOSS keeps
            // counting, and `lge` says whether since + 1 ≥ barrier already
            self.bok_q.d.next =
                self.ld_f.val().get_bit(7) | (!self.cur_f.q.val().get_bit(3) & self.lge_q.q.val());
            self.lge_q.d.next = self.ld_f.val().get_bit(30);
        }

        // ---- start
        if self.start_ok.val() {
            self.busy_q.d.next = true;
            self.done_q.d.next = false;
            self.pc_q.d.next = self.z6_c.val();
            self.since_q.d.next = self.smask_c.val();
            self.dpm1_q.d.next = self.zero_c.val();
            self.dok_q.d.next = true;
            self.bok_q.d.next = true;
            self.lge_q.d.next = true;
            self.batch_q.d.next = self.bin.val();
            self.bm1_q.d.next = (self.bin.val() - self.one_c.val()) & self.bmask_c.val();
            self.bis1_q.d.next = self.bin.val() == self.one_c.val();
            self.bler_q.d.next = self.bin.val() <= self.r_c.val();
            self.bler2_q.d.next = self.bin.val() <= self.r2_c.val();
            // instruction 0's BATCH fields from `batch` directly (the load above took batch_q)
            if self.f0_f.val().get_bit(5) {
                self.krem_q.d.next = (self.bin.val() - self.one_c.val()) & self.kmask_c.val();
                self.klast_q.d.next = self.bin.val() == self.one_c.val();
            }
            if self.f0_f.val().get_bit(0) {
                self.rl_q.d.next = self.bin.val() & self.mmask_c.val();
                self.re_q.d.next = self.bin.val() <= self.r_c.val();
                self.re2_q.d.next = self.bin.val() <= self.r2_c.val();
            }
        }

        // ---- the registered composites, from the next values
        self.bg_q.d.next = self.busy_q.d.val() & self.cur_f.d.val().get_bit(3);
        self.bl_q.d.next =
            self.busy_q.d.val() & !self.cur_f.d.val().get_bit(3) & !self.cur_f.d.val().get_bit(4);
        self.be_q.d.next = self.busy_q.d.val() & self.cur_f.d.val().get_bit(4);
        self.rdy_q.d.next = !self.fresh_q.d.val() | self.bok_q.d.val();
        self.fin_q.d.next = self.klast_q.d.val() & self.ce_q.d.val() & self.re_q.d.val();

        // ---- outputs
        self.busy.next = self.busy_q.q.val();
        self.done.next = self.done_q.q.val();
        self.pc.next = self.pc_q.q.val();
        self.phase.next = self.rom_pl.data.val().get_bits::<3>(0);
        self.layer.next = self.rom_pl.data.val().get_bits::<4>(3);
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
