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
//!   flags (registered): iss (= rd_en), klast, k2, row_end, col_end, fin, dok, rdy, GEMM/LOSS/END
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
//! # Implementation (timing: every decision is a register or one LUT of registers; same cycle behaviour)
//! The ROM is not the program's `rom_words` but tables built from the same instructions: entry `p`
//! holds the fields of instruction `p + 1`, pre-decoded (K−1, D−1, the origin of the last column tile
//! minus 2C and its width, the barrier wait, "M ≤ R", "M ≤ 2R", "N ≤ C", "N ∈ (C, 2C]" (in tiles: the
//! column loop starts one step before its end), "K = 1", "K = 2", "D ≤ 1", GEMM, END, operands, sink).
//! When an instruction advances (and at `start`, from constants of instruction 0 and `batch`) those
//! fields are loaded into `cur_*` registers, with BATCH already substituted (K−1, "K = 1", "K = 2" of
//! a "K is BATCH" instruction; M, "M ≤ R", "M ≤ 2R" of an "M is BATCH" one), so the ROM (addressed by
//! `pc_q`) only feeds those loads. The BATCH-dependent values an advance loads ("K = 1", "K = 2",
//! M, "M ≤ R", "M ≤ 2R", `fin`, GEMM & no wait, LOSS & no wait) are registers too, `nxt_*`, for
//! instruction pc+1: second ROMs (`rom_n` flags, `rom_m2` M; entry p = instruction p+2) feed them
//! at each advance, constants of instruction 1 and `batch` at `start` (so `rows_left` loads from a
//! register, not through the ROM and the BATCH mux). The events of a cycle are registers or one LUT of registers:
//! ```text
//!   issue   I = iss (a register: rd_en)            last-term issue  L = I & klast
//!   advance A = fin & rdy & dok = (I & fin) | lr   end              E = be & rdy
//!   start   S = start & !busy
//! ```
//! - `A`: a GEMM advances with its last issue (`fin` implies `klast`, and then `I` = `rdy & dok`);
//!   a LOSS when `lr` (a register: `bl & rdy & dok` of the next cycle, like `iss`; at a load
//!   `LOSS & no wait & D ≤ 1` of the GEMM before it, from `nxt_lr`); END never. So the enables of
//!   the tile-loop registers need no `rdy`/`dok` LUT in front; the row registers (`m0`, `rows_left`,
//!   `re`, `re2`) are written in one `load / row step` block (`ld`, `rstep`: one LUT of registers
//!   each, plus `start`), which keeps them at <= 4 LUT levels in the engine.
//! - `iss` is `bg & rdy & (!klast | dok)` of the next cycle, computed per event from registers (so
//!   `rd_en` and the read requests, gated by it, leave the block one LUT after a register at most):
//!   at S `GEMM(0)`; at A `GEMM & no wait` of the loaded instruction `& (!klast | dok)` after it (`dok`
//!   after a GEMM's advance = its "D ≤ 1", after a LOSS `dok | d1`); at a tile step `!kl0 | D ≤ 1`; at
//!   a k step `!k2 | dok | d1`; otherwise `bg & (rdy | b1) & (!klast | dok | d1)`.
//! - `bg`/`bl`/`be`: the current instruction is a GEMM / LOSS / END (and busy).
//! - `rdy` = `!fresh | (barrier waited)`: loaded at S / A (at S true; at A the instruction's
//!   pre-computed "no wait" flag), set by an issue, else set when `b1` (a flag: `bcnt == 1`, from
//!   `bcnt == 2` the cycle before) says a down-counter `bcnt` (loaded with the wait) reaches 0. The
//!   wait is static: an instruction after a GEMM is entered with `since` = 1 (the GEMM's advance is
//!   its last-term issue), after a LOSS with `since = max(barrier_LOSS, 1) + 1` (a LOSS is entered
//!   after a GEMM and advances as soon as its barrier allows), so `wait = barrier − entry since` is a
//!   ROM field (no `since` register, no compare against a register).
//! - `dok` (`since ≥ dprev`): a down-counter `dcnt` loaded at a last-term issue with D−1 (`dok` =
//!   D ≤ 1), `dok` set when `d1` (`dcnt == 1`, from `dcnt == 2` the cycle before) says it reaches 0.
//!   `b1`/`d1` may stay set while `rdy`/`dok` is; they are reloaded whenever those fall.
//! - `fin`: "the next issue is the instruction's last" for a GEMM (`klast & col_end & row_end`), 1 for
//!   LOSS (LOSS's barrier ≥ the previous drain, asserted, so `rdy` implies `dok` there), 0 for END.
//!   It is computed per event from registers, not from the next values of its parts: at a k step
//!   `k2 & ce & re` (`k2` = "krem = 1", a flag one term ahead of `klast`); at a tile step
//!   `kl0 & (ce ? N≤C & re2 : cen & re)` (`cen` = "the next column step reaches the last column
//!   tile", `re2` = "the next row step reaches the last row tile"); at a load from the loaded flags.
//! - `klast`/`k2` from a down-counter `krem = K−1−k` (at a k step: `klast ← k2`, `k2 ← krem == 2`),
//!   `first` from a flag `k == 0`.
//! - `col_end`/`cen`: at a column step `ce ← cen`, `cen ← (n0 == last column origin − 2C)`;
//!   `b_lanes = col_end ? width of the last column tile : C`.
//! - `row_end`/`re2` from a down-counter `rows_left = M − m0`: at a row step `re ← re2`,
//!   `re2 ← rows_left ≤ 3R` (a compare with a constant); `a_lanes = row_end ? rows_left : R`.
//!   The compares with constants (`≤ R`, `≤ 2R`, `≤ 3R`) are written bit by bit so that Yosys maps
//!   them to LUTs (2 levels on these widths) instead of a carry chain.
//! - BATCH substitution: `start` latches batch, batch−1, batch = 1, batch = 2, batch ≤ R and
//!   batch ≤ 2R, and loads instruction 0's BATCH-dependent fields from `batch` directly.
//!
//! Counters have config-bounded widths: each is masked with `2^w − 1` for the smallest `w` that holds
//! its largest value in the program (the upper bits are constant 0 and Yosys removes them); `pc` is
//! masked to the program length. Ports stay 16 bits wide.

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
    /// Origin of the last column tile minus 2C (saturating; used only when N > 2C).
    nlm2: u64,
    /// Valid columns of the last column tile.
    cvl: u64,
    k1: u64,
    d1: u64,
    /// Cycles the first issue waits after the instruction is entered (see the module doc).
    bw: u64,
    flags: u64,
    /// More flags (`G_*`).
    gflags: u64,
}

/// Flag word bits.
const F_MB: usize = 0; // M is BATCH
const F_MLER: usize = 1; // M ≤ R
const F_NLEC: usize = 2; // N ≤ C
const F_GEMM: usize = 3;
const F_END: usize = 4;
const F_KB: usize = 5; // K is BATCH
const F_K1: usize = 6; // K = 1
const F_DLE1: usize = 8; // drain ≤ 1
const F_MLE2R: usize = 31; // M ≤ 2R
                           // [14:9] A memory, [15] A transposed, [21:16] B memory, [22] B transposed, [25:23] sink,
                           // [29:26] sink layer
/// Second flag word bits.
const G_K2: usize = 0; // K = 2
const G_CEN0: usize = 1; // N ∈ (C, 2C]: the first column step reaches the last column tile
const G_RDY0: usize = 2; // no barrier wait when entered
const G_B1: usize = 3; // a barrier wait of 1 cycle
const G_D2: usize = 4; // drain = 2

/// The flags of an instruction two ahead (`rom_n`, `N_*` bits) and their use (module doc).
const N_G: usize = 0; // GEMM
const N_L: usize = 1; // LOSS
const N_KB: usize = 2;
const N_K1: usize = 3;
const N_K2: usize = 4;
const N_MB: usize = 5;
const N_MLER: usize = 6;
const N_MLE2R: usize = 7;
const N_NLEC: usize = 8;
const N_RDY0: usize = 9;

fn nflags(f: &Fields) -> u64 {
    let bit = |w: u64, at: usize, to: usize| ((w >> at) & 1) << to;
    let loss = f.flags & (1 << F_GEMM | 1 << F_END) == 0;
    bit(f.flags, F_GEMM, N_G)
        | (loss as u64) << N_L
        | bit(f.flags, F_KB, N_KB)
        | bit(f.flags, F_K1, N_K1)
        | bit(f.gflags, G_K2, N_K2)
        | bit(f.flags, F_MB, N_MB)
        | bit(f.flags, F_MLER, N_MLER)
        | bit(f.flags, F_MLE2R, N_MLE2R)
        | bit(f.flags, F_NLEC, N_NLEC)
        | bit(f.gflags, G_RDY0, N_RDY0)
}

/// The fields of instruction `i`, entered after `prev` (`None`: the first one).
fn fields(i: &Instr, prev: Option<&Instr>, r: usize, c: usize) -> Fields {
    // `since` when `i` is entered (module doc): 1 after a GEMM, max(barrier, 1) + 1 after a LOSS.
    let entry = prev.map_or(usize::MAX, |p| {
        if p.phase.is_gemm() {
            1
        } else {
            p.barrier.max(1) + 1
        }
    });
    let bw = i.barrier.saturating_sub(entry);
    let (am, at) = i.a.map_or((0, false), |o| (o.mem.code(), o.transposed));
    let (bm, bt) = i.b.map_or((0, false), |o| (o.mem.code(), o.transposed));
    let (sk, sl) = i
        .sink
        .map_or((0, 0), |s| (s.code(), s.target_layer() as u32));
    let b = |x: bool, at: usize| (x as u64) << at;
    let nlast = c * ((i.n.max(1) - 1) / c);
    let flags = b(i.m_is_batch, F_MB)
        | b(i.m <= r, F_MLER)
        | b(i.n <= c, F_NLEC)
        | b(i.phase.is_gemm(), F_GEMM)
        | b(i.phase == Phase::End, F_END)
        | b(i.k_is_batch, F_KB)
        | b(i.k == 1, F_K1)
        | b(i.drain <= 1, F_DLE1)
        | (am as u64) << 9
        | (at as u64) << 15
        | (bm as u64) << 16
        | (bt as u64) << 22
        | (sk as u64) << 23
        | (sl as u64) << 26
        | b(i.m <= 2 * r, F_MLE2R);
    let gflags = b(i.k == 2, G_K2)
        | b(nlast == c, G_CEN0)
        | b(bw == 0, G_RDY0)
        | b(bw == 1, G_B1)
        | b(i.drain == 2, G_D2);
    Fields {
        m: i.m as u64,
        nlm2: nlast.saturating_sub(2 * c) as u64,
        cvl: i.n.saturating_sub(nlast) as u64,
        k1: i.k.saturating_sub(1) as u64,
        d1: i.drain.saturating_sub(1) as u64,
        bw: bw as u64,
        flags,
        gflags,
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
    /// Entry p: instruction p+2's M (what an advance loads into `nxt_rl`).
    rom_m2: ROM<Bits<16>, 6>,
    /// Entry p: instruction p+1 (last column origin − 2C, its width, K−1, D−1, wait, flags).
    rom_nlm2: ROM<Bits<16>, 6>,
    rom_cvl: ROM<Bits<16>, 6>,
    rom_k1: ROM<Bits<16>, 6>,
    rom_d1: ROM<Bits<16>, 6>,
    rom_bw: ROM<Bits<16>, 6>,
    rom_f: ROM<Bits<32>, 6>,
    rom_g: ROM<Bits<8>, 6>,
    /// Entry p: the flags of instruction p+2 (`N_*`).
    rom_n: ROM<Bits<10>, 6>,
    /// Entry p: phase | layer << 3 of instruction p (the `phase`/`layer` outputs).
    rom_pl: ROM<Bits<7>, 6>,
    busy_q: DFF<Bit>,
    done_q: DFF<Bit>,
    pc_q: DFF<Bits<6>>,
    fresh_q: DFF<Bit>,
    // ---- the current instruction (loaded on advance / start; BATCH substituted)
    cur_nlm2: DFF<Bits<16>>,
    cur_cvl: DFF<Bits<16>>,
    /// K−1, K = 1, K = 2 of the current instruction (a tile's start values of krem, klast, k2).
    cur_kr: DFF<Bits<16>>,
    cur_kl0: DFF<Bit>,
    cur_kl20: DFF<Bit>,
    cur_d1: DFF<Bits<16>>,
    cur_f: DFF<Bits<32>>,
    cur_g: DFF<Bits<8>>,
    /// Instruction pc+1's BATCH-substituted "K = 1", "K = 2", "M ≤ R", "M ≤ 2R", fin, and
    /// GEMM & no barrier wait: what an advance loads into the flags, from registers.
    nxt_kl0: DFF<Bit>,
    nxt_kl20: DFF<Bit>,
    nxt_re0: DFF<Bit>,
    nxt_re20: DFF<Bit>,
    nxt_fin: DFF<Bit>,
    nxt_gr: DFF<Bit>,
    /// Instruction pc+1's BATCH-substituted M (`rows_left` at its load), and "LOSS, no wait".
    nxt_rl: DFF<Bits<16>>,
    nxt_lr: DFF<Bit>,
    // ---- BATCH (latched by start)
    batch_q: DFF<Bits<16>>,
    bm1_q: DFF<Bits<16>>,
    bis1_q: DFF<Bit>,
    bis2_q: DFF<Bit>,
    bler_q: DFF<Bit>,
    bler2_q: DFF<Bit>,
    // ---- tile loop
    k_q: DFF<Bits<16>>,
    kz_q: DFF<Bit>,
    krem_q: DFF<Bits<16>>,
    klast_q: DFF<Bit>,
    /// krem = 1: the next k step reaches the tile's last term.
    k2_q: DFF<Bit>,
    m0_q: DFF<Bits<16>>,
    rl_q: DFF<Bits<16>>,
    re_q: DFF<Bit>,
    /// rows_left ≤ 2R: the next row step reaches the last row tile.
    re2_q: DFF<Bit>,
    n0_q: DFF<Bits<16>>,
    ce_q: DFF<Bit>,
    /// The next column step reaches the last column tile.
    cen_q: DFF<Bit>,
    // ---- timing rules
    /// Cycles to the end of the drain spacing; `dok` = 0 left.
    dcnt_q: DFF<Bits<16>>,
    dok_q: DFF<Bit>,
    /// dcnt = 1 (while `!dok`): `dok` next cycle.
    d1_q: DFF<Bit>,
    /// Cycles to the end of the barrier wait (counts while `!rdy`).
    bcnt_q: DFF<Bits<16>>,
    /// !fresh | barrier waited: the barrier does not hold the next issue (LOSS/END: advance) back.
    rdy_q: DFF<Bit>,
    /// bcnt = 1 (while `!rdy`): `rdy` next cycle.
    b1_q: DFF<Bit>,
    /// The issue decision of this cycle (`rd_en`), computed the cycle before (module doc).
    iss_q: DFF<Bit>,
    /// busy & GEMM, busy & LOSS, busy & END.
    bg_q: DFF<Bit>,
    bl_q: DFF<Bit>,
    be_q: DFF<Bit>,
    /// GEMM: the next issue is the instruction's last (klast & col_end & row_end); LOSS: 1.
    fin_q: DFF<Bit>,
    /// LOSS advances this cycle: `bl & rdy & dok`, computed the cycle before.
    lr_q: DFF<Bit>,
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
    ld_nlm2: Signal<Local, Bits<16>>,
    ld_cvl: Signal<Local, Bits<16>>,
    ld_d1: Signal<Local, Bits<16>>,
    ld_bw: Signal<Local, Bits<16>>,
    ld_f: Signal<Local, Bits<32>>,
    ld_g: Signal<Local, Bits<8>>,
    bin: Signal<Local, Bits<16>>,
    /// BATCH-substituted load values (K−1, K = 1, K = 2, M, M ≤ R, M ≤ 2R), and fin.
    ld_kr: Signal<Local, Bits<16>>,
    ld_kl0: Signal<Local, Bit>,
    ld_kl20: Signal<Local, Bit>,
    ld_rl: Signal<Local, Bits<16>>,
    ld_re0: Signal<Local, Bit>,
    ld_re20: Signal<Local, Bit>,
    ld_fin: Signal<Local, Bit>,
    /// The flags of the instruction after the loaded one, and their BATCH-substituted values.
    nx_n: Signal<Local, Bits<10>>,
    nx_kl0: Signal<Local, Bit>,
    nx_kl20: Signal<Local, Bit>,
    nx_re0: Signal<Local, Bit>,
    nx_re20: Signal<Local, Bit>,
    nx_fin: Signal<Local, Bit>,
    nx_gr: Signal<Local, Bit>,
    nx_rl: Signal<Local, Bits<16>>,
    /// `rd_en` of the cycle after a load, and `dok` after an advance.
    ld_iss: Signal<Local, Bit>,
    dok_adv: Signal<Local, Bit>,
    /// batch ≤ R, batch ≤ 2R, rows_left ≤ 3R (bit by bit: LUTs, not a carry chain).
    b_le_r: Signal<Local, Bit>,
    b_le_r2: Signal<Local, Bit>,
    rl_le_r3: Signal<Local, Bit>,
    can_issue: Signal<Local, Bit>,
    adv: Signal<Local, Bit>,
    /// A load (advance or start), and a row step (the last term of a row's last tile, not the last row).
    ld: Signal<Local, Bit>,
    rstep: Signal<Local, Bit>,
    start_ok: Signal<Local, Bit>,
    rows_valid: Signal<Local, Bits<16>>,
    cols_valid: Signal<Local, Bits<16>>,
    // ---- constants
    f0_m: Constant<Bits<16>>,
    f0_nlm2: Constant<Bits<16>>,
    f0_cvl: Constant<Bits<16>>,
    f0_k1: Constant<Bits<16>>,
    f0_d1: Constant<Bits<16>>,
    f0_f: Constant<Bits<32>>,
    f0_g: Constant<Bits<8>>,
    f1_n: Constant<Bits<10>>,
    f1_m: Constant<Bits<16>>,
    r_c: Constant<Bits<16>>,
    c_c: Constant<Bits<16>>,
    r2_c: Constant<Bits<16>>,
    r3_c: Constant<Bits<16>>,
    one_c: Constant<Bits<16>>,
    two_c: Constant<Bits<16>>,
    zero_c: Constant<Bits<16>>,
    kmask_c: Constant<Bits<16>>,
    mmask_c: Constant<Bits<16>>,
    nmask_c: Constant<Bits<16>>,
    bmask_c: Constant<Bits<16>>,
    dmask_c: Constant<Bits<16>>,
    wmask_c: Constant<Bits<16>>,
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
        // The static barrier wait (see `fields`) needs a LOSS entered after a GEMM, and folding
        // LOSS's advance into `fin & rdy & dok` needs its barrier to cover the previous drain.
        for w in prog.instrs.windows(2) {
            assert!(
                w[0].phase.is_gemm() || w[1].phase.is_gemm() || w[1].phase == Phase::End,
                "a LOSS must follow a GEMM"
            );
            assert!(
                w[1].phase != Phase::Loss || w[1].barrier >= w[0].drain,
                "a LOSS's barrier must cover the previous drain"
            );
        }
        assert!(
            prog.instrs[0].phase.is_gemm(),
            "the first instruction must be a GEMM"
        );
        let f: Vec<Fields> = (0..n)
            .map(|p| {
                fields(
                    &prog.instrs[p],
                    p.checked_sub(1).map(|q| &prog.instrs[q]),
                    r,
                    c,
                )
            })
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
        let dmax = f.iter().map(|x| x.d1).max().unwrap_or(0);
        let wmax = f.iter().map(|x| x.bw).max().unwrap_or(0);
        assert!(wmax < 0xffff, "barrier {wmax} too long");
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
            rom_m2: ROM::from((0..n).map(|p| Bits::<16>::from(f.get(p + 2).map_or(0, |x| x.m)))),
            rom_nlm2: rom16(|x| x.nlm2),
            rom_cvl: rom16(|x| x.cvl),
            rom_k1: rom16(|x| x.k1),
            rom_d1: rom16(|x| x.d1),
            rom_bw: rom16(|x| x.bw),
            rom_f: ROM::from(f[1..].iter().map(|x| Bits::<32>::from(x.flags))),
            rom_g: ROM::from(f[1..].iter().map(|x| Bits::<8>::from(x.gflags))),
            rom_n: ROM::from((0..n).map(|p| Bits::<10>::from(f.get(p + 2).map_or(0, nflags)))),
            rom_pl: ROM::from(
                prog.instrs
                    .iter()
                    .map(|i| Bits::<7>::from((i.phase.code() | (i.layer as u32) << 3) as u64)),
            ),
            busy_q: Default::default(),
            done_q: Default::default(),
            pc_q: Default::default(),
            fresh_q: Default::default(),
            cur_nlm2: Default::default(),
            cur_cvl: Default::default(),
            cur_kr: Default::default(),
            cur_kl0: Default::default(),
            cur_kl20: Default::default(),
            cur_d1: Default::default(),
            cur_f: Default::default(),
            cur_g: Default::default(),
            nxt_kl0: Default::default(),
            nxt_kl20: Default::default(),
            nxt_re0: Default::default(),
            nxt_re20: Default::default(),
            nxt_fin: Default::default(),
            nxt_gr: Default::default(),
            nxt_rl: Default::default(),
            nxt_lr: Default::default(),
            batch_q: Default::default(),
            bm1_q: Default::default(),
            bis1_q: Default::default(),
            bis2_q: Default::default(),
            bler_q: Default::default(),
            bler2_q: Default::default(),
            k_q: Default::default(),
            kz_q: Default::default(),
            krem_q: Default::default(),
            klast_q: Default::default(),
            k2_q: Default::default(),
            m0_q: Default::default(),
            rl_q: Default::default(),
            re_q: Default::default(),
            re2_q: Default::default(),
            n0_q: Default::default(),
            ce_q: Default::default(),
            cen_q: Default::default(),
            dcnt_q: Default::default(),
            dok_q: Default::default(),
            d1_q: Default::default(),
            bcnt_q: Default::default(),
            rdy_q: Default::default(),
            b1_q: Default::default(),
            iss_q: Default::default(),
            bg_q: Default::default(),
            bl_q: Default::default(),
            be_q: Default::default(),
            fin_q: Default::default(),
            lr_q: Default::default(),
            mac_en_q: Default::default(),
            first_q: Default::default(),
            last_q: Default::default(),
            tm0_q: Default::default(),
            tn0_q: Default::default(),
            trows_q: Default::default(),
            tcols_q: Default::default(),
            sink_q: Default::default(),
            sink_layer_q: Default::default(),
            ld_nlm2: Default::default(),
            ld_cvl: Default::default(),
            ld_d1: Default::default(),
            ld_bw: Default::default(),
            ld_f: Default::default(),
            ld_g: Default::default(),
            bin: Default::default(),
            ld_kr: Default::default(),
            ld_kl0: Default::default(),
            ld_kl20: Default::default(),
            ld_rl: Default::default(),
            ld_re0: Default::default(),
            ld_re20: Default::default(),
            ld_fin: Default::default(),
            nx_n: Default::default(),
            nx_kl0: Default::default(),
            nx_kl20: Default::default(),
            nx_re0: Default::default(),
            nx_re20: Default::default(),
            nx_fin: Default::default(),
            nx_gr: Default::default(),
            nx_rl: Default::default(),
            ld_iss: Default::default(),
            dok_adv: Default::default(),
            b_le_r: Default::default(),
            b_le_r2: Default::default(),
            rl_le_r3: Default::default(),
            can_issue: Default::default(),
            adv: Default::default(),
            ld: Default::default(),
            rstep: Default::default(),
            start_ok: Default::default(),
            rows_valid: Default::default(),
            cols_valid: Default::default(),
            f0_m: b16(f0.m),
            f0_nlm2: b16(f0.nlm2),
            f0_cvl: b16(f0.cvl),
            f0_k1: b16(f0.k1),
            f0_d1: b16(f0.d1),
            f0_f: Constant::new(Bits::<32>::from(f0.flags)),
            f0_g: Constant::new(Bits::<8>::from(f0.gflags)),
            f1_n: Constant::new(Bits::<10>::from(nflags(&f[1]))),
            f1_m: b16(f[1].m),
            r_c: b16(r as u64),
            c_c: b16(c as u64),
            r2_c: b16(2 * r as u64),
            r3_c: b16(3 * r as u64),
            one_c: b16(1),
            two_c: b16(2),
            zero_c: b16(0),
            kmask_c: b16(mask_of(kmax.unwrap_or(1))),
            mmask_c: b16(mask_of(mmax.unwrap_or(1))),
            nmask_c: b16(mask_of(nmax.unwrap_or(1))),
            bmask_c: b16(mask_of(full)),
            dmask_c: b16(mask_of(dmax as usize)),
            wmask_c: b16(mask_of(wmax as usize)),
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
            cur_nlm2,
            cur_cvl,
            cur_kr,
            cur_kl0,
            cur_kl20,
            cur_d1,
            cur_f,
            cur_g,
            nxt_kl0,
            nxt_kl20,
            nxt_re0,
            nxt_re20,
            nxt_fin,
            nxt_gr,
            nxt_rl,
            nxt_lr,
            batch_q,
            bm1_q,
            bis1_q,
            bis2_q,
            bler_q,
            bler2_q,
            k_q,
            kz_q,
            krem_q,
            klast_q,
            k2_q,
            m0_q,
            rl_q,
            re_q,
            re2_q,
            n0_q,
            ce_q,
            cen_q,
            dcnt_q,
            dok_q,
            d1_q,
            bcnt_q,
            rdy_q,
            b1_q,
            iss_q,
            bg_q,
            bl_q,
            be_q,
            fin_q,
            lr_q,
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
        self.rom_m2.address.next = self.pc_q.q.val();
        self.rom_nlm2.address.next = self.pc_q.q.val();
        self.rom_cvl.address.next = self.pc_q.q.val();
        self.rom_k1.address.next = self.pc_q.q.val();
        self.rom_d1.address.next = self.pc_q.q.val();
        self.rom_bw.address.next = self.pc_q.q.val();
        self.rom_f.address.next = self.pc_q.q.val();
        self.rom_g.address.next = self.pc_q.q.val();
        self.rom_n.address.next = self.pc_q.q.val();
        self.rom_pl.address.next = self.pc_q.q.val();

        // `batch` at its config-bounded width (short compares at start)
        self.bin.next = self.batch.val() & self.bmask_c.val();
        // x ≤ c from the LSB up: x[i:0] ≤ c[i:0] = (c_i & !x_i) | (x_i == c_i & x[i−1:0] ≤ c[i−1:0])
        self.b_le_r.next = true;
        self.b_le_r2.next = true;
        self.rl_le_r3.next = true;
        for i in 0..16 {
            self.b_le_r.next = (self.r_c.val().get_bit(i) & !self.bin.val().get_bit(i))
                | (!(self.r_c.val().get_bit(i) ^ self.bin.val().get_bit(i)) & self.b_le_r.val());
            self.b_le_r2.next = (self.r2_c.val().get_bit(i) & !self.bin.val().get_bit(i))
                | (!(self.r2_c.val().get_bit(i) ^ self.bin.val().get_bit(i)) & self.b_le_r2.val());
            self.rl_le_r3.next = (self.r3_c.val().get_bit(i) & !self.rl_q.q.val().get_bit(i))
                | (!(self.r3_c.val().get_bit(i) ^ self.rl_q.q.val().get_bit(i))
                    & self.rl_le_r3.val());
        }
        // ---- what an advance (busy: the next instruction, BATCH as latched) or a start
        // (instruction 0, BATCH from `batch`) loads
        if self.busy_q.q.val() {
            self.ld_nlm2.next = self.rom_nlm2.data.val();
            self.ld_cvl.next = self.rom_cvl.data.val();
            self.ld_d1.next = self.rom_d1.data.val();
            self.ld_bw.next = self.rom_bw.data.val();
            self.ld_f.next = self.rom_f.data.val();
            self.ld_g.next = self.rom_g.data.val();
            if self.rom_f.data.val().get_bit(5) {
                self.ld_kr.next = self.bm1_q.q.val();
            } else {
                self.ld_kr.next = self.rom_k1.data.val();
            }
            self.ld_rl.next = self.nxt_rl.q.val();
            self.ld_kl0.next = self.nxt_kl0.q.val();
            self.ld_kl20.next = self.nxt_kl20.q.val();
            self.ld_re0.next = self.nxt_re0.q.val();
            self.ld_re20.next = self.nxt_re20.q.val();
            // the instruction after it: from the ROM, BATCH as latched
            self.nx_n.next = self.rom_n.data.val();
            if self.nx_n.val().get_bit(2) {
                self.nx_kl0.next = self.bis1_q.q.val();
                self.nx_kl20.next = self.bis2_q.q.val();
            } else {
                self.nx_kl0.next = self.nx_n.val().get_bit(3);
                self.nx_kl20.next = self.nx_n.val().get_bit(4);
            }
            if self.nx_n.val().get_bit(5) {
                self.nx_re0.next = self.bler_q.q.val();
                self.nx_re20.next = self.bler2_q.q.val();
            } else {
                self.nx_re0.next = self.nx_n.val().get_bit(6);
                self.nx_re20.next = self.nx_n.val().get_bit(7);
            }
            if self.nx_n.val().get_bit(5) {
                self.nx_rl.next = self.batch_q.q.val();
            } else {
                self.nx_rl.next = self.rom_m2.data.val();
            }
        } else {
            self.ld_nlm2.next = self.f0_nlm2.val();
            self.ld_cvl.next = self.f0_cvl.val();
            self.ld_d1.next = self.f0_d1.val();
            self.ld_bw.next = self.zero_c.val();
            self.ld_f.next = self.f0_f.val();
            self.ld_g.next = self.f0_g.val();
            if self.f0_f.val().get_bit(5) {
                self.ld_kr.next = self.bin.val() - self.one_c.val();
                self.ld_kl0.next = self.bin.val() == self.one_c.val();
                self.ld_kl20.next = self.bin.val() == self.two_c.val();
            } else {
                self.ld_kr.next = self.f0_k1.val();
                self.ld_kl0.next = self.f0_f.val().get_bit(6);
                self.ld_kl20.next = self.f0_g.val().get_bit(0);
            }
            if self.f0_f.val().get_bit(0) {
                self.ld_rl.next = self.bin.val();
                self.ld_re0.next = self.b_le_r.val();
                self.ld_re20.next = self.b_le_r2.val();
            } else {
                self.ld_rl.next = self.f0_m.val();
                self.ld_re0.next = self.f0_f.val().get_bit(1);
                self.ld_re20.next = self.f0_f.val().get_bit(31);
            }
            // instruction 1, BATCH from `batch`
            self.nx_n.next = self.f1_n.val();
            if self.nx_n.val().get_bit(2) {
                self.nx_kl0.next = self.bin.val() == self.one_c.val();
                self.nx_kl20.next = self.bin.val() == self.two_c.val();
            } else {
                self.nx_kl0.next = self.nx_n.val().get_bit(3);
                self.nx_kl20.next = self.nx_n.val().get_bit(4);
            }
            if self.nx_n.val().get_bit(5) {
                self.nx_re0.next = self.b_le_r.val();
                self.nx_re20.next = self.b_le_r2.val();
            } else {
                self.nx_re0.next = self.nx_n.val().get_bit(6);
                self.nx_re20.next = self.nx_n.val().get_bit(7);
            }
            if self.nx_n.val().get_bit(5) {
                self.nx_rl.next = self.bin.val();
            } else {
                self.nx_rl.next = self.f1_m.val();
            }
        }
        self.nx_fin.next = (self.nx_n.val().get_bit(0)
            & self.nx_kl0.val()
            & self.nx_n.val().get_bit(8)
            & self.nx_re0.val())
            | self.nx_n.val().get_bit(1);
        self.nx_gr.next = self.nx_n.val().get_bit(0) & self.nx_n.val().get_bit(9);
        // fin of the loaded instruction: GEMM & klast & col_end & row_end, or LOSS
        if self.busy_q.q.val() {
            self.ld_fin.next = self.nxt_fin.q.val();
        } else {
            self.ld_fin.next = (self.f0_f.val().get_bit(3)
                & self.ld_kl0.val()
                & self.f0_f.val().get_bit(2)
                & self.ld_re0.val())
                | (!self.f0_f.val().get_bit(3) & !self.f0_f.val().get_bit(4));
        }
        // `dok` after an advance: a GEMM's advance is a last-term issue (D of its tiles)
        if self.bg_q.q.val() {
            self.dok_adv.next = self.cur_f.q.val().get_bit(8);
        } else {
            self.dok_adv.next = self.dok_q.q.val() | self.d1_q.q.val();
        }
        if self.busy_q.q.val() {
            self.ld_iss.next = self.nxt_gr.q.val() & (!self.nxt_kl0.q.val() | self.dok_adv.val());
        } else {
            self.ld_iss.next = self.f0_f.val().get_bit(3);
        }

        // ---- the events of this cycle (one LUT of registers each)
        self.can_issue.next = self.iss_q.q.val();
        self.start_ok.next = self.start.val() & !self.busy_q.q.val();
        // fin & rdy & dok: a GEMM's advance is its last issue (fin implies klast, and then
        // `iss` = rdy & dok), a LOSS's is `lr`, END never advances
        self.adv.next = (self.iss_q.q.val() & self.fin_q.q.val()) | self.lr_q.q.val();
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

        // ---- barrier wait and drain spacing: down-counters, each flag set one cycle before 0
        if !self.rdy_q.q.val() {
            self.bcnt_q.d.next = (self.bcnt_q.q.val() - self.one_c.val()) & self.wmask_c.val();
            self.b1_q.d.next = self.bcnt_q.q.val() == self.two_c.val();
        }
        if self.b1_q.q.val() {
            self.rdy_q.d.next = true;
        }
        if !self.dok_q.q.val() {
            self.dcnt_q.d.next = (self.dcnt_q.q.val() - self.one_c.val()) & self.dmask_c.val();
            self.d1_q.d.next = self.dcnt_q.q.val() == self.two_c.val();
        }
        if self.d1_q.q.val() {
            self.dok_q.d.next = true;
        }
        // next cycle's issue when nothing happens this cycle (rdy, dok as updated just above)
        self.iss_q.d.next = self.bg_q.q.val()
            & (self.rdy_q.q.val() | self.b1_q.q.val())
            & (!self.klast_q.q.val() | self.dok_q.q.val() | self.d1_q.q.val());
        // likewise LOSS's advance (a LOSS does not issue; its advance is a load, below)
        self.lr_q.d.next = self.bl_q.q.val()
            & (self.rdy_q.q.val() | self.b1_q.q.val())
            & (self.dok_q.q.val() | self.d1_q.q.val());

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
            self.rdy_q.d.next = true;
            if self.klast_q.q.val() {
                // last term of the tile: next tile (the instruction's end is the load below)
                self.k_q.d.next = self.zero_c.val();
                self.kz_q.d.next = true;
                self.krem_q.d.next = self.cur_kr.q.val();
                self.klast_q.d.next = self.cur_kl0.q.val();
                self.k2_q.d.next = self.cur_kl20.q.val();
                self.dcnt_q.d.next = self.cur_d1.q.val();
                self.dok_q.d.next = self.cur_f.q.val().get_bit(8);
                self.d1_q.d.next = self.cur_g.q.val().get_bit(4);
                self.iss_q.d.next = !self.cur_kl0.q.val() | self.cur_f.q.val().get_bit(8);
                if self.ce_q.q.val() {
                    self.n0_q.d.next = self.zero_c.val();
                    self.ce_q.d.next = self.cur_f.q.val().get_bit(2);
                    self.cen_q.d.next = self.cur_g.q.val().get_bit(1);
                    self.fin_q.d.next =
                        self.cur_kl0.q.val() & self.cur_f.q.val().get_bit(2) & self.re2_q.q.val();
                } else {
                    self.n0_q.d.next = (self.n0_q.q.val() + self.c_c.val()) & self.nmask_c.val();
                    self.ce_q.d.next = self.cen_q.q.val();
                    self.cen_q.d.next = self.n0_q.q.val() == self.cur_nlm2.q.val();
                    self.fin_q.d.next =
                        self.cur_kl0.q.val() & self.cen_q.q.val() & self.re_q.q.val();
                }
            } else {
                self.k_q.d.next = (self.k_q.q.val() + self.one_c.val()) & self.kmask_c.val();
                self.kz_q.d.next = false;
                self.krem_q.d.next = (self.krem_q.q.val() - self.one_c.val()) & self.kmask_c.val();
                self.klast_q.d.next = self.k2_q.q.val();
                self.k2_q.d.next = self.krem_q.q.val() == self.two_c.val();
                self.fin_q.d.next = self.k2_q.q.val() & self.ce_q.q.val() & self.re_q.q.val();
                self.iss_q.d.next = !self.k2_q.q.val() | self.dok_q.q.val() | self.d1_q.q.val();
            }
        }

        // ---- END: wait for the barrier, then done
        if self.be_q.q.val() & self.rdy_q.q.val() {
            self.busy_q.d.next = false;
            self.done_q.d.next = true;
            self.be_q.d.next = false;
        }

        // ---- advance to the next instruction, or start at instruction 0: load its fields
        // ---- the row loop: a load or a row step (written apart so its enable is one LUT of these)
        self.ld.next = self.adv.val() | self.start_ok.val();
        self.rstep.next =
            self.can_issue.val() & self.klast_q.q.val() & self.ce_q.q.val() & !self.re_q.q.val();
        if self.ld.val() {
            self.m0_q.d.next = self.zero_c.val();
            self.rl_q.d.next = self.ld_rl.val() & self.mmask_c.val();
            self.re_q.d.next = self.ld_re0.val();
            self.re2_q.d.next = self.ld_re20.val();
        } else if self.rstep.val() {
            self.m0_q.d.next = (self.m0_q.q.val() + self.r_c.val()) & self.mmask_c.val();
            self.rl_q.d.next = (self.rl_q.q.val() - self.r_c.val()) & self.mmask_c.val();
            self.re_q.d.next = self.re2_q.q.val();
            self.re2_q.d.next = self.rl_le_r3.val();
        }
        if self.ld.val() {
            self.pc_q.d.next = (self.pc_q.q.val() + self.pc_one_c.val()) & self.pcmask_c.val();
            self.fresh_q.d.next = true;
            self.cur_nlm2.d.next = self.ld_nlm2.val() & self.nmask_c.val();
            self.cur_cvl.d.next = self.ld_cvl.val();
            self.cur_kr.d.next = self.ld_kr.val() & self.kmask_c.val();
            self.cur_kl0.d.next = self.ld_kl0.val();
            self.cur_kl20.d.next = self.ld_kl20.val();
            self.cur_d1.d.next = self.ld_d1.val() & self.dmask_c.val();
            self.cur_f.d.next = self.ld_f.val();
            self.cur_g.d.next = self.ld_g.val();
            self.k_q.d.next = self.zero_c.val();
            self.kz_q.d.next = true;
            self.n0_q.d.next = self.zero_c.val();
            self.krem_q.d.next = self.ld_kr.val() & self.kmask_c.val();
            self.klast_q.d.next = self.ld_kl0.val();
            self.k2_q.d.next = self.ld_kl20.val();
            self.ce_q.d.next = self.ld_f.val().get_bit(2);
            self.cen_q.d.next = self.ld_g.val().get_bit(1);
            self.fin_q.d.next = self.ld_fin.val();
            self.bg_q.d.next = self.ld_f.val().get_bit(3);
            self.bl_q.d.next = !self.ld_f.val().get_bit(3) & !self.ld_f.val().get_bit(4);
            self.be_q.d.next = self.ld_f.val().get_bit(4);
            self.rdy_q.d.next = self.ld_g.val().get_bit(2);
            self.bcnt_q.d.next = self.ld_bw.val() & self.wmask_c.val();
            self.b1_q.d.next = self.ld_g.val().get_bit(3);
            self.iss_q.d.next = self.ld_iss.val();
            self.nxt_kl0.d.next = self.nx_kl0.val();
            self.nxt_kl20.d.next = self.nx_kl20.val();
            self.nxt_re0.d.next = self.nx_re0.val();
            self.nxt_re20.d.next = self.nx_re20.val();
            self.nxt_fin.d.next = self.nx_fin.val();
            self.nxt_gr.d.next = self.nx_gr.val();
            self.nxt_rl.d.next = self.nx_rl.val() & self.mmask_c.val();
            self.nxt_lr.d.next = self.nx_n.val().get_bit(1) & self.nx_n.val().get_bit(9);
            // a LOSS is entered after a GEMM's advance (`dok` = that GEMM's "D ≤ 1")
            self.lr_q.d.next =
                self.busy_q.q.val() & self.nxt_lr.q.val() & self.cur_f.q.val().get_bit(8);
        }

        // ---- start
        if self.start_ok.val() {
            self.busy_q.d.next = true;
            self.done_q.d.next = false;
            self.pc_q.d.next = self.z6_c.val();
            self.dcnt_q.d.next = self.zero_c.val();
            self.dok_q.d.next = true;
            self.rdy_q.d.next = true;
            self.bcnt_q.d.next = self.zero_c.val();
            self.b1_q.d.next = false;
            self.d1_q.d.next = false;
            self.batch_q.d.next = self.bin.val();
            self.bm1_q.d.next = (self.bin.val() - self.one_c.val()) & self.bmask_c.val();
            self.bis1_q.d.next = self.bin.val() == self.one_c.val();
            self.bis2_q.d.next = self.bin.val() == self.two_c.val();
            self.bler_q.d.next = self.b_le_r.val();
            self.bler2_q.d.next = self.b_le_r2.val();
        }

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
