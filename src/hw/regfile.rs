//! The host interface of the engine: a 16-bit register bus, the register map of docs/ENGINE.md and
//! memory windows onto the skewed memories' word ports.
//!
//! # Bus (synchronous to `clock`; latency [`BUS_LATENCY`] = 2)
//! ```text
//!   addr[16] wdata[16] we re ──► decode ──► request register ──┬─► registers (CTRL, BATCH, ETA, …) ──► rd_q ──► rdata
//!                                (stage 1)                      ├─► label registers ─────────────────┘
//!                                                               └─► window port ──► word port of X / W[l] / V[l] ──► rdata
//!   cycle:                       t                              t+1                                  t+2
//! ```
//! - Write: `we` with `addr`/`wdata` in cycle t; the register (or memory word) holds the value from
//!   the edge closing cycle t+1 on. Writing CTRL bit 0 in cycle t raises `start` for exactly one
//!   cycle, t+2.
//! - Read: `re` with `addr` in cycle t; `rdata` shows the value in cycle t+2 (latency 2, registers
//!   and windows alike): the word as it is in cycle t+1. `rdata` is 0 two cycles after a cycle
//!   without a read. Reads and writes pipeline (one per cycle).
//! - Windows are for the host while the engine is idle: the update unit owns the W/V word ports while
//!   it drains, and a host access then is undefined (the engine gives the update unit priority).
//!
//! The request register is why the latency is 2: nothing but registers sits between the bus pins'
//! decode and the engine (the window port, the register strobes and the read select are flip-flops
//! loaded by the cycle-t request), so the host's address path ends at the register file's
//! stage-1 registers and no longer runs through the memories' word-port address into the block
//! RAMs (which limited the up5k engine to 25.8 MHz). Behaviourally the block is the former
//! latency-1 register file behind a register on `addr`, `wdata`, `we`, `re` ([`RegModel`] is exactly
//! that); it is built with the register after the decode instead (retimed), because a register
//! on the raw bus would cost 34 cells of its own and leave the whole decode in front of the memory
//! ports, while decode LUT outputs pack with their flip-flops.
//!
//! # Register map (16-bit words)
//! | addr | name | access | meaning |
//! |---|---|---|---|
//! | 0x0000 | CTRL | W | bit 0: start one training step |
//! | 0x0001 | STATUS | R | bit 0 busy, bit 1 done (cleared by start) |
//! | 0x0002 | BATCH | RW | samples in this step (1..=train.batch_size) |
//! | 0x0003 | ETA | RW | η (Q.eta_frac) |
//! | 0x0004 | MU | RW | μ (Q.mu_frac) |
//! | 0x0005 | ONE_MINUS_MU | RW | 1−μ (EMA form; Q.mu_frac) |
//! | 0x0006 | TWO_LAMBDA | RW | weight-decay register (golden `UpdateRegs::wd`) |
//! | 0x0007/8 | LFSR_LO/HI | RW | writing HI loads the LFSR with {HI, LO}; reads show the LFSR state |
//! | 0x0009 | CORRECT | R | correct predictions of the last step |
//! | 0x000A..0x0013 | SAT_{ACC,ACT,ERR,MOM,WEIGHT}_{LO,HI} | R | 32-bit saturation counters of the last step |
//!
//! Windows (from 0x1000, generated from the config by [`RegMap::new`]): a window of a `rows × cols`
//! matrix has a power-of-two row pitch `2^s ≥ cols`; element (r, c) is at `base + (r << s) + c`, and
//! every base is aligned to its window's power-of-two size (decoding is a compare on the high bits).
//! X is `B × n_0` (the bias column is a constant of the memory and not visible), LABELS is `B × 1`,
//! and every layer has W (`(n_l+1) × n_{l+1}`, bias = last row) and V (same shape).
//! [`RegMap::describe`] prints the map of a config (manifest, README, `--json` reports).
//!
//! # Implementation
//! An `hdl_gen` block in two stages: DFF registers, the window decode as constant compares on the
//! address (base aligned to the window's power-of-two size, then row = offset >> shift, col =
//! offset & mask), B label registers; the engine connects its window port to the memories' word
//! ports. BATCH resets to 0: the host writes it before the first start.
//!
//! - Stage 1 (the request cycle t, from the bus): windows, SAT words and labels occupy disjoint
//!   addresses, so each window selects its row / column / index (or 0) and the selections are ORed
//!   (a balanced tree after synthesis) into the window-port registers (`wen_q`, `wwe_q`, `widx_q`,
//!   `wrow_q`, `wcol_q`; `wrd1_q` for a read); `wdata_q` takes the data; every register has a
//!   write strobe (`st_q` for CTRL's start, `wb_q` … `wh_q`), every label a write and a read strobe
//!   (`lw_q`, `ls_q`), and every readable register word a read select (`rs_q`, one-hot).
//!   The window port is built for depth (at most three LUT levels from the bus on the UP5K):
//!   - `win_en` / `win_we` / `wrd1_q` are the aligned-block compare of the memory windows (the
//!     high address bits, padding included) with `we` / `re`: two levels.
//!   - A padding address (in a memory window's block, outside its matrix: an OR of equality terms
//!     on constant masks, [`padding_terms`], rows past the last and columns past the last as
//!     aligned blocks, no `<` compare) sets the index to the label window's instead of gating the
//!     enable: the label window has no memory, so the engine neither writes nor reads a memory
//!     word (`word_en` = `win_en` and the index naming that memory), and a read returns 0 (the
//!     engine's `win_rdata` for the label window). An in-matrix test in the enable was four LUT
//!     levels (five in the up5k engine).
//!   - Row, column and index matter only with `win_en`: they are selected by compares on the few
//!     address bits that tell the memory windows' blocks apart ([`select_terms`]; e.g. three bits
//!     for the up5k map), not by the full block compare: one or two levels.
//!   - The seed flags (below) take `wdata != 0` as one more stage-1 flip-flop (`wdnz_q`).
//! - Stage 2 (cycle t+1): the strobes load the registers from `wdata_q` and raise `start` /
//!   `lfsr_load` for the next cycle; LFSR_LO / LFSR_HI writes also update flip-flops "LO ≠ 0",
//!   "HI ≠ 0" and "{HI, LO} ≠ 0" (from `wdnz_q`), so `lfsr_seed_zero` is a register and the LFSR
//!   load needs no 32-bit zero test; the window port drives the memory's word port (its read word
//!   arrives in t+2, selected by `win_sel_q`); a register read is an AND-OR of the words with
//!   their one-hot selects (engine-driven words — STATUS, LFSR, CORRECT, SAT — as they are in
//!   t+1, host-written ones as the writes before the read left them; a read is `re & !we`) and
//!   the selected label, into `rd_q`: no address decode after the register, so the read path is
//!   three LUT levels with up to 13 labels (19 words + B labels, two LUT inputs each, ≤ 64 inputs)
//!   and four with the up5k preset's 16 (a 5-bit `case` index there was four, 51.5 MHz standalone
//!   on the UP5K). Splitting it into a register tree and a label tree ORed at `rdata` (three
//!   levels each) cost 48 cells in the engine and did not keep `rd_q` below five levels there;
//!   neither did STATUS … MU into a second register (41 cells).
//!
//! Standalone on the UP5K (`synth --unit regfile --config preset:up5k`, batch 4): 354 LUTs,
//! 272 FFs, 557 cells, 74.5 MHz (before the window-port rework: 356 LUTs, 268 FFs, 559 cells,
//! 66.8 MHz; the latency-1 block: 407 LUTs, 206 FFs, 598 cells, 45.0 MHz); every
//! register-to-register path is at most three LUT levels (`--no-place --paths`), the critical
//! path the register strobe decode (bus → three LUTs → `wb_q`).

use super::harness::{self, HwUnit, Port, Vectors};
use super::loss_unit::Zext16;
use super::to_bits;
use crate::config::Config;
use proptest::prelude::*;
use rust_hdl::prelude::*;

pub const CTRL: u16 = 0x0000;
pub const STATUS: u16 = 0x0001;
pub const BATCH: u16 = 0x0002;
pub const ETA: u16 = 0x0003;
pub const MU: u16 = 0x0004;
pub const ONE_MINUS_MU: u16 = 0x0005;
pub const TWO_LAMBDA: u16 = 0x0006;
pub const LFSR_LO: u16 = 0x0007;
pub const LFSR_HI: u16 = 0x0008;
pub const CORRECT: u16 = 0x0009;
/// First saturation counter word; counter `k` (acc, act, err, mom, weight) is at `SAT_BASE + 2k` (LO)
/// and `SAT_BASE + 2k + 1` (HI).
pub const SAT_BASE: u16 = 0x000A;
pub const SAT_NAMES: [&str; 5] = ["ACC", "ACT", "ERR", "MOM", "WEIGHT"];
pub const WINDOW_BASE: u16 = 0x1000;
/// Readable register words: STATUS (1) … SAT_WEIGHT_HI (19), read through one-hot selects.
const N_RWORDS: usize = 19;
/// Bus latency in cycles: a read issued in cycle t returns its word in cycle t + `BUS_LATENCY`;
/// a write (or CTRL's start) acts at the same edge later (the request is registered first).
pub const BUS_LATENCY: usize = 2;
// The read mux of `RegFile::update` takes register word `k + 1` as `rw[k]` in this order.
const _: () = assert!(
    STATUS == 1
        && BATCH == 2
        && ETA == 3
        && MU == 4
        && ONE_MINUS_MU == 5
        && TWO_LAMBDA == 6
        && LFSR_LO == 7
        && LFSR_HI == 8
        && CORRECT == 9
        && SAT_BASE == 10
);

/// What a window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WinKind {
    /// Inputs X (the engine memory ACT[0] without its bias column).
    X,
    Labels,
    W(usize),
    V(usize),
}

/// One memory window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub kind: WinKind,
    pub name: String,
    pub base: u16,
    pub rows: usize,
    pub cols: usize,
    /// Row pitch = `1 << shift`.
    pub shift: u32,
    /// Words the window occupies (a power of two).
    pub size: usize,
}

impl Window {
    pub fn addr(&self, r: usize, c: usize) -> u16 {
        assert!(
            r < self.rows && c < self.cols,
            "{}[{r}][{c}] outside",
            self.name
        );
        self.base + ((r << self.shift) + c) as u16
    }
    /// `(row, col)` of `addr` if it lies in this window's aligned block (padding included).
    pub fn block(&self, addr: u16) -> Option<(usize, usize)> {
        let (a, b) = (addr as usize, self.base as usize);
        (b..b + self.size)
            .contains(&a)
            .then(|| ((a - b) >> self.shift, (a - b) & ((1 << self.shift) - 1)))
    }
    /// `(row, col)` of `addr` if it hits this window's matrix.
    pub fn decode(&self, addr: u16) -> Option<(usize, usize)> {
        let a = addr as usize;
        let b = self.base as usize;
        if a < b || a >= b + self.size {
            return None;
        }
        let off = a - b;
        let (r, c) = (off >> self.shift, off & ((1 << self.shift) - 1));
        (r < self.rows && c < self.cols).then_some((r, c))
    }
}

/// The register map of a config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegMap {
    pub windows: Vec<Window>,
}

impl RegMap {
    pub fn new(cfg: &Config) -> RegMap {
        let l = &cfg.model.layers;
        let b = cfg.train.batch_size;
        let mut shapes = vec![
            (WinKind::X, "X".to_string(), b, l[0]),
            (WinKind::Labels, "LABELS".to_string(), b, 1),
        ];
        for i in 0..l.len() - 1 {
            shapes.push((WinKind::W(i), format!("W{i}"), l[i] + 1, l[i + 1]));
            shapes.push((WinKind::V(i), format!("V{i}"), l[i] + 1, l[i + 1]));
        }
        let mut next = WINDOW_BASE as usize;
        let mut windows = Vec::new();
        for (kind, name, rows, cols) in shapes {
            let shift = cols.next_power_of_two().trailing_zeros();
            let size = (rows << shift).next_power_of_two();
            let base = next.div_ceil(size) * size;
            assert!(
                base + size <= 1 << 16,
                "window {name} ({rows}×{cols}) does not fit the 16-bit address space"
            );
            next = base + size;
            windows.push(Window {
                kind,
                name,
                base: base as u16,
                rows,
                cols,
                shift,
                size,
            });
        }
        RegMap { windows }
    }
    pub fn window(&self, kind: WinKind) -> &Window {
        self.windows
            .iter()
            .find(|w| w.kind == kind)
            .expect("window")
    }
    /// The map as JSON (the generate manifest's `register_map`): registers by name, windows with
    /// base, shape and row pitch.
    pub fn to_json(&self) -> serde_json::Value {
        let mut regs = serde_json::Map::new();
        for (n, a) in [
            ("CTRL", CTRL),
            ("STATUS", STATUS),
            ("BATCH", BATCH),
            ("ETA", ETA),
            ("MU", MU),
            ("ONE_MINUS_MU", ONE_MINUS_MU),
            ("TWO_LAMBDA", TWO_LAMBDA),
            ("LFSR_LO", LFSR_LO),
            ("LFSR_HI", LFSR_HI),
            ("CORRECT", CORRECT),
        ] {
            regs.insert(n.into(), a.into());
        }
        for (k, n) in SAT_NAMES.iter().enumerate() {
            regs.insert(format!("SAT_{n}_LO"), (SAT_BASE + 2 * k as u16).into());
            regs.insert(format!("SAT_{n}_HI"), (SAT_BASE + 2 * k as u16 + 1).into());
        }
        let windows: Vec<serde_json::Value> = self
            .windows
            .iter()
            .map(|w| {
                serde_json::json!({
                    "name": w.name,
                    "base": w.base,
                    "rows": w.rows,
                    "cols": w.cols,
                    "row_pitch": 1usize << w.shift,
                })
            })
            .collect();
        serde_json::json!({ "registers": regs, "windows": windows })
    }
    /// The map as a text table (registers and the config's windows).
    pub fn describe(&self) -> String {
        let mut s = String::from("addr    name           access  meaning\n");
        let regs = [
            (CTRL, "CTRL", "W", "bit 0: start one training step"),
            (STATUS, "STATUS", "R", "bit 0 busy, bit 1 done"),
            (BATCH, "BATCH", "RW", "samples in this step"),
            (ETA, "ETA", "RW", "eta register"),
            (MU, "MU", "RW", "mu register"),
            (ONE_MINUS_MU, "ONE_MINUS_MU", "RW", "1-mu (EMA form)"),
            (TWO_LAMBDA, "TWO_LAMBDA", "RW", "weight-decay register"),
            (LFSR_LO, "LFSR_LO", "RW", "LFSR state bits 15:0"),
            (
                LFSR_HI,
                "LFSR_HI",
                "RW",
                "LFSR state bits 31:16 (write loads)",
            ),
            (
                CORRECT,
                "CORRECT",
                "R",
                "correct predictions of the last step",
            ),
        ];
        for (a, n, acc, m) in regs {
            s += &format!("0x{a:04X}  {n:<14} {acc:<7} {m}\n");
        }
        for (k, n) in SAT_NAMES.iter().enumerate() {
            let a = SAT_BASE + 2 * k as u16;
            let name = format!("SAT_{n}_LO/HI");
            s += &format!("0x{a:04X}  {name:<14} R       saturation counter (32 bit)\n");
        }
        for w in &self.windows {
            s += &format!(
                "0x{:04X}  {:<14} RW      {}×{} window, element (r,c) at base + r·{} + c\n",
                w.base,
                w.name,
                w.rows,
                w.cols,
                1usize << w.shift
            );
        }
        s
    }
}

/// Aligned blocks `(start, log2 length)` exactly covering `[lo, hi)`, largest first from `lo`.
fn aligned_blocks(mut lo: usize, hi: usize) -> Vec<(usize, u32)> {
    let mut v = Vec::new();
    while lo < hi {
        let mut k = if lo == 0 { 31 } else { lo.trailing_zeros() };
        while (1usize << k) > hi - lo {
            k -= 1;
        }
        v.push((lo, k));
        lo += 1 << k;
    }
    v
}

/// The padding of window `w` (offsets in its aligned block outside the matrix) as `(mask, value)`
/// pairs: an offset `o` is padding iff `o & mask == value` for some pair (rows past the last, then
/// columns past the last).
pub fn padding_terms(w: &Window) -> Vec<(u16, u16)> {
    let omask = w.size - 1;
    let cmask = (1usize << w.shift) - 1;
    let mut t: Vec<(u16, u16)> = aligned_blocks(w.rows, w.size >> w.shift)
        .into_iter()
        .map(|(r, k)| {
            let m = omask & !((1usize << (k + w.shift)) - 1);
            (m as u16, (r << w.shift) as u16)
        })
        .collect();
    t.extend(
        aligned_blocks(w.cols, 1 << w.shift)
            .into_iter()
            .map(|(c, k)| ((cmask & !((1usize << k) - 1)) as u16, c as u16)),
    );
    t
}

/// Padding terms per window in [`RegFile`]'s flat term tables (a window's terms, then never-matching
/// fillers `(0, 1)`): at most one per row-index bit and one per column bit of the 16-bit offset.
const PAD_TERMS: usize = 16;
// `RegFile::update` spells PAD_TERMS (16) and PAD_TERMS + 1 (17) as literals in its term indices.
const _: () = assert!(PAD_TERMS == 16);

/// [`RegFile`]'s padding term tables (masks, values): `PAD_TERMS` per window.
fn pad_tables(map: &RegMap) -> (Vec<Constant<Bits<16>>>, Vec<Constant<Bits<16>>>) {
    let (mut m, mut v) = (Vec::new(), Vec::new());
    for w in &map.windows {
        let mut t = padding_terms(w);
        assert!(
            t.len() <= PAD_TERMS,
            "{}: {} padding terms",
            w.name,
            t.len()
        );
        t.resize(PAD_TERMS, (0, 1));
        for (a, b) in t {
            m.push(Constant::new(Bits::<16>::from(a as u64)));
            v.push(Constant::new(Bits::<16>::from(b as u64)));
        }
    }
    (m, v)
}

/// The window-select compares of [`RegFile`]'s window port (row, column, index), per window
/// `(mask, value)`: a memory window `w` is selected iff `addr & mask == value`. The masks keep only
/// the address bits ([`distinguishing_bits`]) that tell the memory windows' blocks apart, so the
/// compare is right whenever the address is in one of them — exactly when the port's row, column
/// and index matter (`win_en`); elsewhere they are don't-care. The label window (no memory) never
/// matches: `(0, 1)`.
pub fn select_terms(map: &RegMap) -> Vec<(u16, u16)> {
    let bits = distinguishing_bits(map);
    map.windows
        .iter()
        .map(|w| {
            if w.kind == WinKind::Labels {
                (0, 1)
            } else {
                let m = bits & !(w.size as u16).wrapping_sub(1);
                (m, w.base & m)
            }
        })
        .collect()
}

/// A small set of address bits (a mask) on which every two memory windows' aligned blocks differ
/// (greedy set cover over the pairs; a bit counts for a pair if it is above both blocks' offsets).
pub fn distinguishing_bits(map: &RegMap) -> u16 {
    let mw: Vec<&Window> = map
        .windows
        .iter()
        .filter(|w| w.kind != WinKind::Labels)
        .collect();
    let mut pairs: Vec<u16> = Vec::new();
    for (i, u) in mw.iter().enumerate() {
        for w in &mw[i + 1..] {
            let common = !(u.size.max(w.size) as u16).wrapping_sub(1);
            let d = (u.base ^ w.base) & common;
            assert!(d != 0, "windows {} and {} overlap", u.name, w.name);
            pairs.push(d);
        }
    }
    let mut bits = 0u16;
    while !pairs.is_empty() {
        let best = (0..16u32)
            .rev()
            .max_by_key(|&b| pairs.iter().filter(|&&d| d >> b & 1 == 1).count())
            .expect("bit");
        bits |= 1 << best;
        pairs.retain(|&d| d >> best & 1 == 0);
    }
    bits
}

/// The register file block (see the module doc).
#[derive(LogicBlock)]
pub struct RegFile {
    pub clock: Signal<In, Clock>,
    // ---- host bus
    pub addr: Signal<In, Bits<16>>,
    pub wdata: Signal<In, Bits<16>>,
    pub we: Signal<In, Bit>,
    pub re: Signal<In, Bit>,
    pub rdata: Signal<Out, Bits<16>>,
    // ---- engine status in
    pub busy: Signal<In, Bit>,
    pub done: Signal<In, Bit>,
    pub correct: Signal<In, Bits<16>>,
    /// Saturation counters (acc, act, err, mom, weight).
    pub sat: Vec<Signal<In, Bits<32>>>,
    pub lfsr_state: Signal<In, Bits<32>>,
    // ---- registers out
    pub start: Signal<Out, Bit>,
    pub batch: Signal<Out, Bits<16>>,
    pub eta: Signal<Out, Bits<16>>,
    pub mu: Signal<Out, Bits<16>>,
    pub one_minus_mu: Signal<Out, Bits<16>>,
    pub two_lambda: Signal<Out, Bits<16>>,
    /// One-cycle pulse: load the LFSR with `lfsr_seed`.
    pub lfsr_load: Signal<Out, Bit>,
    pub lfsr_seed: Signal<Out, Bits<32>>,
    /// `lfsr_seed == 0` (a flip-flop, updated with LFSR_LO / LFSR_HI: the LFSR's load needs no
    /// 32-bit zero test).
    pub lfsr_seed_zero: Signal<Out, Bit>,
    pub labels: Vec<Signal<Out, Bits<16>>>,
    // ---- window port (registered request; the engine routes it to a word port)
    /// A read or write in a memory window's aligned block (padding included).
    pub win_en: Signal<Out, Bit>,
    pub win_we: Signal<Out, Bit>,
    /// Window index into [`RegMap::windows`]; the label window's (no memory: no access) for a
    /// padding address. Index, row and column are don't-care without `win_en`.
    pub win_idx: Signal<Out, Bits<8>>,
    pub win_row: Signal<Out, Bits<16>>,
    pub win_col: Signal<Out, Bits<16>>,
    pub win_wdata: Signal<Out, Bits<16>>,
    /// Window read last cycle: its index + 1 (0 = none); the engine returns that memory's word.
    pub win_sel_q: Signal<Out, Bits<8>>,
    /// The word read through the window (the selected memory's `word_rdata`).
    pub win_rdata: Signal<In, Bits<16>>,
    // ---- the request register (stage 1: the decoded request, written at the request's edge)
    /// The write data of the request (register and window writes use it one cycle later).
    wdata_q: DFF<Bits<16>>,
    /// The write data is not 0 (for the seed flags below).
    wdnz_q: DFF<Bit>,
    /// The window port of the request: enable, write, window index, row, column.
    wen_q: DFF<Bit>,
    wwe_q: DFF<Bit>,
    widx_q: DFF<Bits<8>>,
    wrow_q: DFF<Bits<16>>,
    wcol_q: DFF<Bits<16>>,
    /// A read of a memory window (its index is `widx_q`).
    wrd1_q: DFF<Bit>,
    /// Write strobes of the request: CTRL bit 0 (start), BATCH, ETA, MU, ONE_MINUS_MU,
    /// TWO_LAMBDA, LFSR_LO, LFSR_HI.
    st_q: DFF<Bit>,
    wb_q: DFF<Bit>,
    we_q: DFF<Bit>,
    wm_q: DFF<Bit>,
    wo_q: DFF<Bit>,
    wt_q: DFF<Bit>,
    wl_q: DFF<Bit>,
    wh_q: DFF<Bit>,
    /// A read of register word `k + 1` (STATUS … SAT_WEIGHT_HI), one-hot.
    rs_q: Vec<DFF<Bit>>,
    /// Write / read strobe of label i.
    lw_q: Vec<DFF<Bit>>,
    ls_q: Vec<DFF<Bit>>,
    // ---- registers (stage 2)
    batch_q: DFF<Bits<16>>,
    eta_q: DFF<Bits<16>>,
    mu_q: DFF<Bits<16>>,
    omm_q: DFF<Bits<16>>,
    tl_q: DFF<Bits<16>>,
    lo_q: DFF<Bits<16>>,
    hi_q: DFF<Bits<16>>,
    /// LFSR_LO / LFSR_HI / the seed {HI, LO} is not 0 (all start at 0 with their registers).
    lonz_q: DFF<Bit>,
    hinz_q: DFF<Bit>,
    snz_q: DFF<Bit>,
    start_q: DFF<Bit>,
    load_q: DFF<Bit>,
    rd_q: DFF<Bits<16>>,
    wsel_q: DFF<Bits<8>>,
    labels_q: Vec<DFF<Bits<16>>>,
    // ---- decode (windows and label/SAT addresses are disjoint: each selects its value or 0, and
    // the selections are ORed — a balanced tree after synthesis, not a priority chain)
    off_l: Vec<Signal<Local, Bits<16>>>,
    /// The address is in window w's aligned block (padding included).
    bh: Vec<Signal<Local, Bit>>,
    /// The window is selected for row, column and index (right whenever `addr` is in a memory
    /// window's block; see [`select_terms`]).
    bd: Vec<Signal<Local, Bit>>,
    /// Per window `w`, term `j` at `w·PAD_TERMS + j`: the offset is padding by this term, running
    /// OR (`p_acc[w·(PAD_TERMS+1) + j]` = terms before j; the last of a window is its padding).
    p_acc: Vec<Signal<Local, Bit>>,
    s_row: Vec<Signal<Local, Bits<16>>>,
    s_col: Vec<Signal<Local, Bits<16>>>,
    s_idx: Vec<Signal<Local, Bits<8>>>,
    s_win: Vec<Signal<Local, Bit>>,
    /// Running ORs over the windows (`a_*[w]` = windows before w; the last is the result).
    a_row: Vec<Signal<Local, Bits<16>>>,
    a_col: Vec<Signal<Local, Bits<16>>>,
    a_idx: Vec<Signal<Local, Bits<8>>>,
    a_win: Vec<Signal<Local, Bit>>,
    /// Label i's word if `addr` is its address, else 0; running OR.
    s_lab: Vec<Signal<Local, Bits<16>>>,
    a_lab: Vec<Signal<Local, Bits<16>>>,
    /// The registers' and SAT words' read value (0 elsewhere).
    r_fix: Signal<Local, Bits<16>>,
    /// A read this cycle (`re & !we`).
    rd_en: Signal<Local, Bit>,
    /// STATUS's busy and done bits.
    st_b: Signal<Local, Bits<16>>,
    st_d: Signal<Local, Bits<16>>,
    /// Register word `k + 1`, that word if `rs_q[k]` (else 0), running OR (`a_rw[k]` = words
    /// before k; the last is the result).
    rw: Vec<Signal<Local, Bits<16>>>,
    s_rw: Vec<Signal<Local, Bits<16>>>,
    a_rw: Vec<Signal<Local, Bits<16>>>,
    any_hit: Signal<Local, Bit>,
    win_i: Signal<Local, Bits<8>>,
    row_l: Signal<Local, Bits<16>>,
    col_l: Signal<Local, Bits<16>>,
    lab_l: Signal<Local, Bits<16>>,
    /// Zero extensions of LFSR_HI / LFSR_LO to 32 bits (no widening cast in `hdl_gen`).
    seed_hi: Zext16,
    seed_lo: Zext16,
    // ---- constants
    c_ctrl: Constant<Bits<16>>,
    c_batch: Constant<Bits<16>>,
    c_eta: Constant<Bits<16>>,
    c_mu: Constant<Bits<16>>,
    c_omm: Constant<Bits<16>>,
    c_tl: Constant<Bits<16>>,
    c_lo: Constant<Bits<16>>,
    c_hi: Constant<Bits<16>>,
    /// Per window: base, high-bit mask (`!(size − 1)`), row shift, column mask, index (the
    /// in-matrix tests are the padding terms `t_mask`/`t_val`).
    w_base: Vec<Constant<Bits<16>>>,
    w_hmask: Vec<Constant<Bits<16>>>,
    /// Per window: the select compare of the window port's row, column and index
    /// ([`select_terms`]).
    w_dmask: Vec<Constant<Bits<16>>>,
    w_dval: Vec<Constant<Bits<16>>>,
    /// Per window: the offset mask `size − 1` (the base is aligned to the power-of-two size, so on
    /// a hit `addr − base = addr & (size − 1)`: no subtractor on the host address path).
    w_omask: Vec<Constant<Bits<16>>>,
    w_shift: Vec<Constant<Bits<16>>>,
    w_cmask: Vec<Constant<Bits<16>>>,
    w_idx: Vec<Constant<Bits<8>>>,
    /// The label window's index: the window port's index for a padding address (no memory).
    c_labidx: Constant<Bits<8>>,
    /// Padding terms ([`padding_terms`], `PAD_TERMS` per window): an offset `o` is padding iff
    /// `o & t_mask == t_val` for one of its window's terms (equality on constant masks only — no
    /// carry chain: a `<` compare there was an SB_CARRY chain in the middle of the host address
    /// path).
    t_mask: Vec<Constant<Bits<16>>>,
    t_val: Vec<Constant<Bits<16>>>,
    /// Per window: it is a memory window (not the label window).
    w_mem: Vec<Constant<Bit>>,
    /// Address of label i.
    lab_a: Vec<Constant<Bits<16>>>,
    z16: Constant<Bits<16>>,
    z8: Constant<Bits<8>>,
    c1_8: Constant<Bits<8>>,
    st1: Constant<Bits<16>>,
    /// Address of register word `k + 1`.
    rs_a: Vec<Constant<Bits<16>>>,
    st2: Constant<Bits<16>>,
    sh16: Constant<Bits<32>>,
    _map: RegMap,
}

impl RegFile {
    pub fn new(cfg: &Config) -> RegFile {
        let map = RegMap::new(cfg);
        let b = cfg.train.batch_size;
        assert!((1..1 << 16).contains(&b), "batch {b}");
        assert!(
            map.windows.len() < 255,
            "too many windows for the 8-bit index"
        );
        let c16 = |v: u64| Constant::new(Bits::<16>::from(v));
        let sigs = |n: usize| -> Vec<Signal<Local, Bits<16>>> {
            (0..n).map(|_| Default::default()).collect()
        };
        let nw = map.windows.len();
        let sigs8 = |n: usize| -> Vec<Signal<Local, Bits<8>>> {
            (0..n).map(|_| Default::default()).collect()
        };
        let bits =
            |n: usize| -> Vec<Signal<Local, Bit>> { (0..n).map(|_| Default::default()).collect() };
        let lab_w = map.window(WinKind::Labels).clone();
        RegFile {
            clock: Default::default(),
            addr: Default::default(),
            wdata: Default::default(),
            we: Default::default(),
            re: Default::default(),
            rdata: Default::default(),
            busy: Default::default(),
            done: Default::default(),
            correct: Default::default(),
            sat: (0..5).map(|_| Default::default()).collect(),
            lfsr_state: Default::default(),
            start: Default::default(),
            batch: Default::default(),
            eta: Default::default(),
            mu: Default::default(),
            one_minus_mu: Default::default(),
            two_lambda: Default::default(),
            lfsr_load: Default::default(),
            lfsr_seed: Default::default(),
            lfsr_seed_zero: Default::default(),
            labels: (0..b).map(|_| Default::default()).collect(),
            win_en: Default::default(),
            win_we: Default::default(),
            win_idx: Default::default(),
            win_row: Default::default(),
            win_col: Default::default(),
            win_wdata: Default::default(),
            win_sel_q: Default::default(),
            win_rdata: Default::default(),
            wdata_q: Default::default(),
            wdnz_q: Default::default(),
            wen_q: Default::default(),
            wwe_q: Default::default(),
            widx_q: Default::default(),
            wrow_q: Default::default(),
            wcol_q: Default::default(),
            wrd1_q: Default::default(),
            st_q: Default::default(),
            wb_q: Default::default(),
            we_q: Default::default(),
            wm_q: Default::default(),
            wo_q: Default::default(),
            wt_q: Default::default(),
            wl_q: Default::default(),
            wh_q: Default::default(),
            rs_q: (0..N_RWORDS).map(|_| Default::default()).collect(),
            lw_q: (0..b).map(|_| Default::default()).collect(),
            batch_q: Default::default(),
            eta_q: Default::default(),
            mu_q: Default::default(),
            omm_q: Default::default(),
            tl_q: Default::default(),
            lo_q: Default::default(),
            hi_q: Default::default(),
            lonz_q: Default::default(),
            hinz_q: Default::default(),
            snz_q: Default::default(),
            start_q: Default::default(),
            load_q: Default::default(),
            rd_q: Default::default(),
            wsel_q: Default::default(),
            labels_q: (0..b).map(|_| Default::default()).collect(),
            ls_q: (0..b).map(|_| Default::default()).collect(),
            off_l: sigs(nw),
            bh: bits(nw),
            bd: bits(nw),
            p_acc: bits(nw * (PAD_TERMS + 1)),
            s_row: sigs(nw),
            s_col: sigs(nw),
            s_idx: sigs8(nw),
            s_win: bits(nw),
            a_row: sigs(nw + 1),
            a_col: sigs(nw + 1),
            a_idx: sigs8(nw + 1),
            a_win: bits(nw + 1),
            s_lab: sigs(b),
            a_lab: sigs(b + 1),
            r_fix: Default::default(),
            rd_en: Default::default(),
            st_b: Default::default(),
            st_d: Default::default(),
            rw: sigs(N_RWORDS),
            s_rw: sigs(N_RWORDS),
            a_rw: sigs(N_RWORDS + 1),
            any_hit: Default::default(),
            win_i: Default::default(),
            row_l: Default::default(),
            col_l: Default::default(),
            lab_l: Default::default(),
            seed_hi: Default::default(),
            seed_lo: Default::default(),
            c_ctrl: c16(CTRL as u64),
            c_batch: c16(BATCH as u64),
            c_eta: c16(ETA as u64),
            c_mu: c16(MU as u64),
            c_omm: c16(ONE_MINUS_MU as u64),
            c_tl: c16(TWO_LAMBDA as u64),
            c_lo: c16(LFSR_LO as u64),
            c_hi: c16(LFSR_HI as u64),
            w_base: map.windows.iter().map(|w| c16(w.base as u64)).collect(),
            w_hmask: map
                .windows
                .iter()
                .map(|w| c16(!(w.size as u64 - 1) & 0xffff))
                .collect(),
            w_dmask: select_terms(&map)
                .iter()
                .map(|&(m, _)| c16(m as u64))
                .collect(),
            w_dval: select_terms(&map)
                .iter()
                .map(|&(_, v)| c16(v as u64))
                .collect(),
            w_omask: map.windows.iter().map(|w| c16(w.size as u64 - 1)).collect(),
            w_shift: map.windows.iter().map(|w| c16(w.shift as u64)).collect(),
            w_cmask: map
                .windows
                .iter()
                .map(|w| c16((1u64 << w.shift) - 1))
                .collect(),
            t_mask: pad_tables(&map).0,
            t_val: pad_tables(&map).1,
            w_idx: (0..nw)
                .map(|i| Constant::new(Bits::<8>::from(i as u64)))
                .collect(),
            c_labidx: Constant::new(Bits::<8>::from(
                map.windows
                    .iter()
                    .position(|w| w.kind == WinKind::Labels)
                    .expect("label window") as u64,
            )),
            w_mem: map
                .windows
                .iter()
                .map(|w| Constant::new(w.kind != WinKind::Labels))
                .collect(),
            lab_a: (0..b).map(|i| c16(lab_w.addr(i, 0) as u64)).collect(),
            z16: c16(0),
            z8: Constant::new(Bits::<8>::from(0u64)),
            c1_8: Constant::new(Bits::<8>::from(1u64)),
            st1: c16(1),
            rs_a: (1..=N_RWORDS).map(|k| c16(k as u64)).collect(),
            st2: c16(2),
            sh16: Constant::new(Bits::<32>::from(16u64)),
            _map: map,
        }
    }
    pub fn map(&self) -> &RegMap {
        &self._map
    }
}

impl Logic for RegFile {
    // Loops over windows / labels / counters index by loop variable (rust-hdl pitfall 5).
    #[allow(clippy::needless_range_loop)]
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, wdata_q, wdnz_q, wen_q, wwe_q, widx_q, wrow_q, wcol_q, wrd1_q, st_q, wb_q,
            we_q, wm_q, wo_q, wt_q, wl_q, wh_q, batch_q, eta_q, mu_q, omm_q, tl_q, lo_q, hi_q,
            lonz_q, hinz_q, snz_q, start_q, load_q, rd_q, wsel_q
        );
        // ======== stage 1: decode the bus request into the request register ========
        self.wdata_q.d.next = self.wdata.val();
        self.wdnz_q.d.next = self.wdata.val() != self.z16.val();
        // ---- window decode (bases aligned to their power-of-two sizes; windows are disjoint).
        // Enable, write and read come from the memory windows' block compares (equality on the
        // high bits, padding included); row, column and index from the reduced select compares
        // (`bd`, right whenever the address is in a memory window's block), and a padding address
        // (the OR of its window's padding terms) takes the label window's index: no memory.
        for w in 0..self.w_base.len() {
            // = addr − base whenever the block compare passes (base aligned to size)
            self.off_l[w].next = self.addr.val() & self.w_omask[w].val();
            self.bh[w].next = (self.addr.val() & self.w_hmask[w].val()) == self.w_base[w].val();
            self.bd[w].next = (self.addr.val() & self.w_dmask[w].val()) == self.w_dval[w].val();
            self.p_acc[w * 17].next = false;
            for j in 0..16 {
                self.p_acc[w * 17 + j + 1].next = self.p_acc[w * 17 + j].val()
                    | ((self.off_l[w].val() & self.t_mask[w * 16 + j].val())
                        == self.t_val[w * 16 + j].val());
            }
            self.s_row[w].next = self.z16.val();
            self.s_col[w].next = self.z16.val();
            self.s_idx[w].next = self.z8.val();
            if self.bd[w].val() {
                self.s_row[w].next = self.off_l[w].val() >> self.w_shift[w].val();
                self.s_col[w].next = self.off_l[w].val() & self.w_cmask[w].val();
                self.s_idx[w].next = self.w_idx[w].val();
                if self.p_acc[w * 17 + 16].val() {
                    self.s_idx[w].next = self.c_labidx.val();
                }
            }
            self.s_win[w].next = self.bh[w].val() & self.w_mem[w].val();
        }
        self.a_row[0].next = self.z16.val();
        self.a_col[0].next = self.z16.val();
        self.a_idx[0].next = self.z8.val();
        self.a_win[0].next = false;
        for w in 0..self.w_base.len() {
            self.a_row[w + 1].next = self.a_row[w].val() | self.s_row[w].val();
            self.a_col[w + 1].next = self.a_col[w].val() | self.s_col[w].val();
            self.a_idx[w + 1].next = self.a_idx[w].val() | self.s_idx[w].val();
            self.a_win[w + 1].next = self.a_win[w].val() | self.s_win[w].val();
        }
        // the last running OR (a one-iteration loop: emitted indices must be loop variables)
        for w in self.w_base.len()..self.a_row.len() {
            self.row_l.next = self.a_row[w].val();
            self.col_l.next = self.a_col[w].val();
            self.win_i.next = self.a_idx[w].val();
            self.any_hit.next = self.a_win[w].val();
        }
        self.rd_en.next = self.re.val() & !self.we.val();
        self.wen_q.d.next = self.any_hit.val() & (self.we.val() | self.re.val());
        self.wwe_q.d.next = self.any_hit.val() & self.we.val();
        self.wrd1_q.d.next = self.any_hit.val() & self.rd_en.val();
        self.widx_q.d.next = self.win_i.val();
        self.wrow_q.d.next = self.row_l.val();
        self.wcol_q.d.next = self.col_l.val();
        // ---- register writes: one strobe each
        self.st_q.d.next =
            self.we.val() & (self.addr.val() == self.c_ctrl.val()) & self.wdata.val().get_bit(0);
        self.wb_q.d.next = self.we.val() & (self.addr.val() == self.c_batch.val());
        self.we_q.d.next = self.we.val() & (self.addr.val() == self.c_eta.val());
        self.wm_q.d.next = self.we.val() & (self.addr.val() == self.c_mu.val());
        self.wo_q.d.next = self.we.val() & (self.addr.val() == self.c_omm.val());
        self.wt_q.d.next = self.we.val() & (self.addr.val() == self.c_tl.val());
        self.wl_q.d.next = self.we.val() & (self.addr.val() == self.c_lo.val());
        self.wh_q.d.next = self.we.val() & (self.addr.val() == self.c_hi.val());
        // ---- register reads: one select per word (the value is selected in stage 2)
        for k in 0..self.rs_q.len() {
            self.rs_q[k].clock.next = self.clock.val();
            self.rs_q[k].d.next = self.rd_en.val() & (self.addr.val() == self.rs_a[k].val());
        }
        // ---- labels: each is one address (the label window has one column)
        for i in 0..self.labels_q.len() {
            self.lw_q[i].clock.next = self.clock.val();
            self.ls_q[i].clock.next = self.clock.val();
            self.lw_q[i].d.next = self.we.val() & (self.addr.val() == self.lab_a[i].val());
            self.ls_q[i].d.next =
                self.re.val() & !self.we.val() & (self.addr.val() == self.lab_a[i].val());
        }
        // ======== stage 2: the request acts (registers, pulses, window port, read data) ========
        self.a_lab[0].next = self.z16.val();
        for i in 0..self.labels_q.len() {
            self.labels_q[i].clock.next = self.clock.val();
            self.labels_q[i].d.next = self.labels_q[i].q.val();
            if self.lw_q[i].q.val() {
                self.labels_q[i].d.next = self.wdata_q.q.val();
            }
            self.labels[i].next = self.labels_q[i].q.val();
            self.s_lab[i].next = self.z16.val();
            if self.ls_q[i].q.val() {
                self.s_lab[i].next = self.labels_q[i].q.val();
            }
            self.a_lab[i + 1].next = self.a_lab[i].val() | self.s_lab[i].val();
        }
        for i in self.labels_q.len()..self.a_lab.len() {
            self.lab_l.next = self.a_lab[i].val();
        }
        self.start_q.d.next = self.st_q.q.val();
        self.load_q.d.next = self.wh_q.q.val();
        if self.wb_q.q.val() {
            self.batch_q.d.next = self.wdata_q.q.val();
        }
        if self.we_q.q.val() {
            self.eta_q.d.next = self.wdata_q.q.val();
        }
        if self.wm_q.q.val() {
            self.mu_q.d.next = self.wdata_q.q.val();
        }
        if self.wo_q.q.val() {
            self.omm_q.d.next = self.wdata_q.q.val();
        }
        if self.wt_q.q.val() {
            self.tl_q.d.next = self.wdata_q.q.val();
        }
        if self.wl_q.q.val() {
            self.lo_q.d.next = self.wdata_q.q.val();
            self.lonz_q.d.next = self.wdnz_q.q.val();
            self.snz_q.d.next = self.wdnz_q.q.val() | self.hinz_q.q.val();
        }
        if self.wh_q.q.val() {
            self.hi_q.d.next = self.wdata_q.q.val();
            self.hinz_q.d.next = self.wdnz_q.q.val();
            self.snz_q.d.next = self.wdnz_q.q.val() | self.lonz_q.q.val();
        }
        // ---- reads: the selected word, an AND-OR over the one-hot selects (no address decode
        // after the register: three LUT levels), labels ORed in (disjoint addresses). The
        // host-written words read here are those of every write before the read (a read is
        // `re & !we`, and a write of the cycle before it lands at this stage's edge); the
        // engine-driven ones (STATUS, LFSR, CORRECT, SAT) are this cycle's.
        self.st_b.next = self.z16.val();
        if self.busy.val() {
            self.st_b.next = self.st1.val();
        }
        self.st_d.next = self.z16.val();
        if self.done.val() {
            self.st_d.next = self.st2.val();
        }
        self.rw[0].next = self.st_b.val() | self.st_d.val();
        self.rw[1].next = self.batch_q.q.val();
        self.rw[2].next = self.eta_q.q.val();
        self.rw[3].next = self.mu_q.q.val();
        self.rw[4].next = self.omm_q.q.val();
        self.rw[5].next = self.tl_q.q.val();
        self.rw[6].next = self.lfsr_state.val().get_bits::<16>(0);
        self.rw[7].next = self.lfsr_state.val().get_bits::<16>(16);
        self.rw[8].next = self.correct.val();
        for k in 0..self.sat.len() {
            self.rw[9 + 2 * k].next = self.sat[k].val().get_bits::<16>(0);
            self.rw[10 + 2 * k].next = self.sat[k].val().get_bits::<16>(16);
        }
        self.a_rw[0].next = self.z16.val();
        for k in 0..self.rs_q.len() {
            self.s_rw[k].next = self.z16.val();
            if self.rs_q[k].q.val() {
                self.s_rw[k].next = self.rw[k].val();
            }
            self.a_rw[k + 1].next = self.a_rw[k].val() | self.s_rw[k].val();
        }
        for k in self.rs_q.len()..self.a_rw.len() {
            self.r_fix.next = self.a_rw[k].val();
        }
        self.rd_q.d.next = self.r_fix.val() | self.lab_l.val();
        self.wsel_q.d.next = self.z8.val();
        if self.wrd1_q.q.val() {
            self.wsel_q.d.next = self.widx_q.q.val() + self.c1_8.val();
        }
        // ---- outputs
        self.start.next = self.start_q.q.val();
        self.lfsr_load.next = self.load_q.q.val();
        self.batch.next = self.batch_q.q.val();
        self.eta.next = self.eta_q.q.val();
        self.mu.next = self.mu_q.q.val();
        self.one_minus_mu.next = self.omm_q.q.val();
        self.two_lambda.next = self.tl_q.q.val();
        self.seed_hi.a.next = self.hi_q.q.val();
        self.seed_lo.a.next = self.lo_q.q.val();
        self.lfsr_seed.next = (self.seed_hi.y.val() << self.sh16.val()) | self.seed_lo.y.val();
        self.lfsr_seed_zero.next = !self.snz_q.q.val();
        self.win_sel_q.next = self.wsel_q.q.val();
        if self.wsel_q.q.val() != self.z8.val() {
            self.rdata.next = self.win_rdata.val();
        } else {
            self.rdata.next = self.rd_q.q.val();
        }
        self.win_en.next = self.wen_q.q.val();
        self.win_we.next = self.wwe_q.q.val();
        self.win_idx.next = self.widx_q.q.val();
        self.win_row.next = self.wrow_q.q.val();
        self.win_col.next = self.wcol_q.q.val();
        self.win_wdata.next = self.wdata_q.q.val();
    }
}

/// Cycle model of [`RegFile`] (the reference of its vectors): one call per cycle with the bus and
/// status inputs returns the outputs of that cycle, then applies the rising edge.
#[derive(Debug, Clone)]
pub struct RegModel {
    map: RegMap,
    regs: [u16; 16],
    labels: Vec<u16>,
    start: bool,
    load: bool,
    rd_q: u16,
    wsel: u8,
    /// The request register: addr, wdata, we, re of the previous cycle.
    req: [u64; 4],
}

/// Inputs of one cycle, in [`RegFileUnit`]'s port order: addr, wdata, we, re, busy, done, correct,
/// sat0..4, lfsr_state, win_rdata.
pub type RegInputs = [u64; 14];

impl RegModel {
    pub fn new(cfg: &Config) -> RegModel {
        RegModel {
            map: RegMap::new(cfg),
            regs: [0; 16],
            labels: vec![0; cfg.train.batch_size],
            start: false,
            load: false,
            rd_q: 0,
            wsel: 0,
            req: [0; 4],
        }
    }
    /// Outputs: rdata, start, batch, eta, mu, one_minus_mu, two_lambda, lfsr_load, lfsr_seed,
    /// lfsr_seed_zero,
    /// labels…, win_en, win_we, win_idx, win_row, win_col, win_wdata, win_sel_q.
    ///
    /// The block is the bus-latency-1 register file of old behind the request register: this
    /// cycle's request is registered, last cycle's request acts.
    pub fn cycle(&mut self, x: &RegInputs) -> Vec<u64> {
        let mut x = *x;
        for (k, r) in self.req.iter_mut().enumerate() {
            std::mem::swap(&mut x[k], r);
        }
        let (addr, wdata, we, re) = (x[0] as u16, x[1] as u16, x[2] != 0, x[3] != 0);
        let hit = self
            .map
            .windows
            .iter()
            .enumerate()
            .find_map(|(i, w)| w.decode(addr).map(|rc| (i, w.kind == WinKind::Labels, rc)));
        let r = |a: u16| self.regs[a as usize] as u64;
        let mut out = vec![
            if self.wsel != 0 {
                x[13]
            } else {
                self.rd_q as u64
            },
            self.start as u64,
            r(BATCH),
            r(ETA),
            r(MU),
            r(ONE_MINUS_MU),
            r(TWO_LAMBDA),
            self.load as u64,
            r(LFSR_HI) << 16 | r(LFSR_LO),
            (r(LFSR_HI) | r(LFSR_LO) == 0) as u64,
        ];
        out.extend(self.labels.iter().map(|&v| v as u64));
        // The window port: a memory window's aligned block (padding included) with its row,
        // column and index; a padding address selects the label window (no memory) instead.
        // Index, row and column are don't-care without `win_en` (0 here, not checked).
        let lab_idx = self
            .map
            .windows
            .iter()
            .position(|w| w.kind == WinKind::Labels)
            .expect("label window") as u64;
        let blk = self
            .map
            .windows
            .iter()
            .enumerate()
            .filter(|(_, w)| w.kind != WinKind::Labels)
            .find_map(|(i, w)| {
                w.block(addr).map(|(r, c)| {
                    let inside = w.decode(addr).is_some();
                    (if inside { i as u64 } else { lab_idx }, r as u64, c as u64)
                })
            });
        let win = blk.is_some();
        let (idx, row, col) = blk.unwrap_or((0, 0, 0));
        out.extend([
            (win && (we || re)) as u64,
            (win && we) as u64,
            idx,
            row,
            col,
            wdata as u64,
            self.wsel as u64,
        ]);
        // ---- rising edge
        self.start = we && addr == CTRL && wdata & 1 == 1;
        self.load = we && addr == LFSR_HI;
        if we {
            match addr {
                BATCH | ETA | MU | ONE_MINUS_MU | TWO_LAMBDA | LFSR_LO | LFSR_HI => {
                    self.regs[addr as usize] = wdata
                }
                _ => {}
            }
            if let Some((_, true, (rr, _))) = hit {
                self.labels[rr] = wdata;
            }
        }
        self.rd_q = 0;
        self.wsel = 0;
        if re && !we {
            let sat = |k: usize| x[7 + k];
            self.rd_q = match addr {
                STATUS => x[4] | x[5] << 1,
                BATCH | ETA | MU | ONE_MINUS_MU | TWO_LAMBDA => self.regs[addr as usize] as u64,
                LFSR_LO => x[12] & 0xffff,
                LFSR_HI => x[12] >> 16,
                CORRECT => x[6],
                a if (SAT_BASE..SAT_BASE + 10).contains(&a) => {
                    let k = (a - SAT_BASE) as usize;
                    (sat(k / 2) >> (16 * (k % 2))) & 0xffff
                }
                _ => 0,
            } as u16;
            if let Some((_, true, (rr, _))) = hit {
                self.rd_q = self.labels[rr];
            }
            if win {
                self.wsel = idx as u8 + 1;
            }
        }
        out
    }
}

/// The register file as a harness unit (proven in rust-hdl, Icarus and Verilator).
pub struct RegFileUnit {
    pub cfg: Config,
}

impl RegFileUnit {
    /// The default config with a batch of 4 (4 label registers; the windows of 64-32-10).
    pub fn new(cfg: &Config) -> RegFileUnit {
        let mut cfg = cfg.clone();
        cfg.train.batch_size = cfg.train.batch_size.min(4);
        RegFileUnit { cfg }
    }
    fn build(&self) -> RegFile {
        let mut r = RegFile::new(&self.cfg);
        r.connect_all();
        r
    }
}

impl HwUnit for RegFileUnit {
    fn name(&self) -> &'static str {
        "regfile"
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
    }
    fn vectors(&self, seed: u64) -> Vectors {
        let b = self.cfg.train.batch_size;
        let mut ins = vec![
            Port::new("addr", 16),
            Port::new("wdata", 16),
            Port::new("we", 1),
            Port::new("re", 1),
            Port::new("busy", 1),
            Port::new("done", 1),
            Port::new("correct", 16),
        ];
        ins.extend((0..5).map(|k| Port::new(format!("sat${k}"), 32)));
        ins.push(Port::new("lfsr_state", 32));
        ins.push(Port::new("win_rdata", 16));
        let mut outs = vec![
            Port::new("rdata", 16),
            Port::new("start", 1),
            Port::new("batch", 16),
            Port::new("eta", 16),
            Port::new("mu", 16),
            Port::new("one_minus_mu", 16),
            Port::new("two_lambda", 16),
            Port::new("lfsr_load", 1),
            Port::new("lfsr_seed", 32),
            Port::new("lfsr_seed_zero", 1),
        ];
        outs.extend((0..b).map(|i| Port::new(format!("labels${i}"), 16)));
        for (n, w) in [
            ("win_en", 1),
            ("win_we", 1),
            ("win_idx", 8),
            ("win_row", 16),
            ("win_col", 16),
            ("win_wdata", 16),
            ("win_sel_q", 8),
        ] {
            outs.push(Port::new(n, w));
        }
        let nout = outs.len();
        let pos = |n: &str| outs.iter().position(|p| p.name == n).expect("port");
        let (p_en, p_dc) = (
            pos("win_en"),
            [pos("win_idx"), pos("win_row"), pos("win_col")],
        );
        let mut v = Vectors::new(ins, outs);
        let map = RegMap::new(&self.cfg);
        // Addresses: every register, SAT words, unmapped ones, and window elements and padding.
        let mut addrs: Vec<u16> = (0..0x16).collect();
        addrs.extend([0x0fff, 0xffff, 0x1000 - 1]);
        for w in &map.windows {
            addrs.extend([
                w.base,
                w.addr(w.rows - 1, w.cols - 1),
                w.base + (1 << w.shift) - 1,
                (w.base as usize + w.size - 1) as u16,
            ]);
        }
        let mut r = harness::runner(seed);
        let pick = prop::sample::select(addrs);
        let any16 = any::<u16>();
        let any32 = any::<u32>();
        let bit = proptest::bool::weighted(0.4);
        let mut m = RegModel::new(&self.cfg);
        for n in 0..3000 {
            let mut x: RegInputs = [0; 14];
            x[0] = harness::draw(&mut r, &pick) as u64;
            x[1] = harness::draw(&mut r, &any16) as u64;
            x[2] = harness::draw(&mut r, &bit) as u64;
            x[3] = harness::draw(&mut r, &bit) as u64;
            x[4] = harness::draw(&mut r, &bit) as u64;
            x[5] = harness::draw(&mut r, &bit) as u64;
            x[6] = harness::draw(&mut r, &any16) as u64;
            for k in 0..5 {
                x[7 + k] = harness::draw(&mut r, &any32) as u64;
            }
            x[12] = harness::draw(&mut r, &any32) as u64;
            x[13] = harness::draw(&mut r, &any16) as u64;
            let y = m.cycle(&x);
            // the window port's index, row and column matter only with `win_en`
            let mut check = vec![true; nout];
            if y[p_en] == 0 {
                for p in p_dc {
                    check[p] = false;
                }
            }
            v.push(x.to_vec(), y, check, format!("cycle {n}"));
        }
        v
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let mut b = self.build();
        fn clk(b: &mut RegFile) -> &mut Signal<In, Clock> {
            &mut b.clock
        }
        inputs
            .iter()
            .map(|x| {
                super::cycle(
                    &mut b,
                    clk,
                    |b| {
                        b.addr.next = to_bits(x[0]);
                        b.wdata.next = to_bits(x[1]);
                        b.we.next = x[2] != 0;
                        b.re.next = x[3] != 0;
                        b.busy.next = x[4] != 0;
                        b.done.next = x[5] != 0;
                        b.correct.next = to_bits(x[6]);
                        for k in 0..5 {
                            b.sat[k].next = to_bits(x[7 + k]);
                        }
                        b.lfsr_state.next = to_bits(x[12]);
                        b.win_rdata.next = to_bits(x[13]);
                    },
                    |b| {
                        let mut o = vec![
                            b.rdata.val().to_u64(),
                            b.start.val() as u64,
                            b.batch.val().to_u64(),
                            b.eta.val().to_u64(),
                            b.mu.val().to_u64(),
                            b.one_minus_mu.val().to_u64(),
                            b.two_lambda.val().to_u64(),
                            b.lfsr_load.val() as u64,
                            b.lfsr_seed.val().to_u64(),
                            b.lfsr_seed_zero.val() as u64,
                        ];
                        o.extend(b.labels.iter().map(|l| l.val().to_u64()));
                        o.extend([
                            b.win_en.val() as u64,
                            b.win_we.val() as u64,
                            b.win_idx.val().to_u64(),
                            b.win_row.val().to_u64(),
                            b.win_col.val().to_u64(),
                            b.win_wdata.val().to_u64(),
                            b.win_sel_q.val().to_u64(),
                        ]);
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

    #[test]
    fn default_map_windows_are_disjoint_and_aligned() {
        let cfg = Config::default();
        let m = RegMap::new(&cfg);
        assert_eq!(m.windows.len(), 2 + 2 * (cfg.model.layers.len() - 1));
        for (i, w) in m.windows.iter().enumerate() {
            assert_eq!(w.base as usize % w.size, 0, "{} aligned", w.name);
            assert!(w.base >= WINDOW_BASE);
            for v in &m.windows[i + 1..] {
                assert!(
                    w.base as usize + w.size <= v.base as usize,
                    "{} / {}",
                    w.name,
                    v.name
                );
            }
            let a = w.addr(w.rows - 1, w.cols - 1);
            assert_eq!(w.decode(a), Some((w.rows - 1, w.cols - 1)));
        }
        assert!(m.describe().contains("W0"));
        let j = m.to_json();
        assert_eq!(j["registers"]["LFSR_HI"], 8);
        assert_eq!(j["windows"][0]["name"], "X");
    }

    /// The window port's select compares pick exactly the memory window whose block holds the
    /// address, for every address of every memory window (presets and some odd shapes); the label
    /// window never matches.
    #[test]
    fn select_terms_pick_the_memory_window() {
        let mut cfgs: Vec<Config> = crate::config::PRESETS
            .iter()
            .map(|p| Config::preset(p).unwrap())
            .collect();
        for (layers, b) in [(vec![3, 5, 7, 2], 3), (vec![100, 1, 9], 7), (vec![2, 2], 1)] {
            let mut c = Config::default();
            c.model.layers = layers;
            c.train.batch_size = b;
            cfgs.push(c);
        }
        for cfg in &cfgs {
            let map = RegMap::new(cfg);
            let t = select_terms(&map);
            for (i, w) in map.windows.iter().enumerate() {
                if w.kind == WinKind::Labels {
                    assert_eq!(t[i], (0, 1));
                    continue;
                }
                for a in w.base as usize..w.base as usize + w.size {
                    let hits: Vec<usize> = t
                        .iter()
                        .enumerate()
                        .filter(|(_, &(m, v))| a as u16 & m == v)
                        .map(|(k, _)| k)
                        .collect();
                    assert_eq!(
                        hits,
                        vec![i],
                        "{:?}: {} at {a:#06x}",
                        cfg.model.layers,
                        w.name
                    );
                }
            }
        }
    }

    /// The padding terms mark exactly the offsets outside the matrix, for many shapes.
    #[test]
    fn padding_terms_are_exact() {
        for rows in 1usize..40 {
            for cols in 1usize..20 {
                let shift = cols.next_power_of_two().trailing_zeros();
                let size = (rows << shift as usize).next_power_of_two();
                let w = Window {
                    kind: WinKind::X,
                    name: "T".into(),
                    base: 0x4000,
                    rows,
                    cols,
                    shift,
                    size,
                };
                let t = padding_terms(&w);
                for off in 0..size {
                    let pad = t.iter().any(|&(m, v)| off as u16 & m == v);
                    let inside = w.decode(w.base + off as u16).is_some();
                    assert_eq!(pad, !inside, "{rows}x{cols} offset {off}");
                }
            }
        }
    }

    #[test]
    fn rusthdl_equals_model() {
        let u = RegFileUnit::new(&Config::default());
        let v = u.vectors(7);
        let r = harness::check_rusthdl(&u, &v);
        assert_eq!(r.mismatches, 0, "{}", r.report.join("\n"));
    }

    #[test]
    fn regfile_three_simulators() {
        harness::prove_unit(&RegFileUnit::new(&Config::default()));
    }

    /// The block emits Verilog (rust-hdl's generator accepts every construct used).
    #[test]
    fn emits_verilog() {
        let mut cfg = Config::default();
        cfg.train.batch_size = 4;
        let mut rf = RegFile::new(&cfg);
        rf.connect_all();
        let v = generate_verilog(&rf);
        assert!(v.contains("module top"), "{}", &v[..200.min(v.len())]);
        assert!(v.contains("win_rdata"));
        if let Ok(p) = std::env::var("MLP_RTL_DUMP_REGFILE") {
            std::fs::write(p, &v).unwrap();
        }
    }

    /// docs/ENGINE.md shows the default register map exactly as the generator describes it.
    #[test]
    fn engine_doc_shows_the_default_map() {
        let doc = include_str!("../../docs/ENGINE.md");
        let map = RegMap::new(&Config::default()).describe();
        assert!(
            doc.contains(map.trim_end()),
            "docs/ENGINE.md's register map is stale; the generator describes:\n{map}"
        );
    }

    /// The block alone: register writes and reads (latency 2), the start and LFSR-load pulses, labels,
    /// and the window port decode.
    #[test]
    fn block_registers_pulses_and_window_decode() {
        let mut cfg = Config::default();
        cfg.train.batch_size = 4;
        let mut rf = RegFile::new(&cfg);
        rf.connect_all();
        let map = rf.map().clone();
        let tick = |rf: &mut RegFile, a: u16, d: u16, we: bool, re: bool| {
            crate::hw::cycle(
                rf,
                |r| &mut r.clock,
                |r| {
                    r.addr.next = (a as u64).into();
                    r.wdata.next = (d as u64).into();
                    r.we.next = we;
                    r.re.next = re;
                },
                |r| {
                    (
                        r.rdata.val().index() as u16,
                        r.start.val(),
                        r.lfsr_load.val(),
                        r.win_en.val(),
                        r.win_idx.val().index(),
                        r.win_row.val().index(),
                        r.win_col.val().index(),
                    )
                },
            )
        };
        let idle = |rf: &mut RegFile| tick(rf, 0, 0, false, false);
        tick(&mut rf, ETA, 0x1234, true, false);
        tick(&mut rf, ETA, 0, false, true);
        assert_eq!(idle(&mut rf).0, 0, "read latency 2");
        assert_eq!(idle(&mut rf).0, 0x1234);
        assert_eq!(idle(&mut rf).0, 0, "0 after no read");
        tick(&mut rf, CTRL, 1, true, false);
        assert!(!idle(&mut rf).1, "start two cycles after the write");
        assert!(idle(&mut rf).1, "start pulse");
        assert!(!idle(&mut rf).1, "one cycle only");
        tick(&mut rf, LFSR_LO, 0xbeef, true, false);
        tick(&mut rf, LFSR_HI, 0xdead, true, false);
        idle(&mut rf);
        assert!(idle(&mut rf).2, "load pulse");
        assert_eq!(rf.lfsr_seed.val().index(), 0xdead_beef);
        let lab = map.window(WinKind::Labels).addr(2, 0);
        tick(&mut rf, lab, 7, true, false);
        idle(&mut rf);
        idle(&mut rf);
        assert_eq!(rf.labels[2].val().index(), 7);
        tick(&mut rf, lab, 0, false, true);
        idle(&mut rf);
        assert_eq!(idle(&mut rf).0, 7);
        let w = map.window(WinKind::W(1));
        let a = w.addr(3, 5);
        // the window port shows the request one cycle later (registered)
        assert!(!tick(&mut rf, a, 0, false, true).3);
        let (_, _, _, en, idx, row, col) = idle(&mut rf);
        assert!(en);
        assert_eq!((map.windows[idx].kind, row, col), (WinKind::W(1), 3, 5));
        // A padding address of a window (column past the matrix) selects the label window, which
        // has no memory: no access.
        let pad = w.base + (1 << w.shift) - 1;
        tick(&mut rf, pad, 0, false, true);
        let (_, _, _, en, idx, _, _) = idle(&mut rf);
        assert!(en);
        assert_eq!(map.windows[idx].kind, WinKind::Labels);
    }
}
