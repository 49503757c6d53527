//! The skewed bank memory: a logical `rows × cols` matrix of 16-bit words in `P` banks, read `P`
//! consecutive elements at a time along a row **or** along a column, in one cycle.
//!
//! # Layout (the Rust model is [`SkewLayout`])
//! Element `(r, c)` lives in bank `(r + c) mod P` at an in-bank address built from `r` and
//! `q = ⌊c/P⌋`. docs/ENGINE.md gives `r·⌈cols/P⌉ + q`; any address that is injective within a bank
//! works, and this block uses a power-of-two pitch so that no multiplier is needed:
//! - row-major: `addr = (r << s) + q` with `2^s ≥ ⌈cols/P⌉`, or
//! - column-major: `addr = (q << s) + r` with `2^s ≥ rows`,
//!
//! whichever needs the smaller bank depth (`new` picks). In hardware the `+` of the address is an OR
//! (`(r << s) | q`, `(q << s) | r`): for every element inside the matrix the low term is below
//! `2^s` (`q < ⌈cols/P⌉ ≤ 2^s`, `r < rows ≤ 2^s`), so the two are the same number, and the OR needs
//! no carry chain (on the iCE40: no adder between the address mux and the block RAM). Addresses of
//! elements outside the matrix (lanes past `rd_lanes`, whose data is masked to 0) may differ; they
//! are outside the contract either way. `P` is a power of two (`mod P`, `/P` are bit
//! slices); the engine uses `P = max(R, C)` rounded up to a power of two.
//!
//! **Why reads are conflict-free** (P lanes, any start):
//! - along a row: `(r, c0+i)`, `i = 0..P−1` → banks `(r + c0 + i) mod P`: P consecutive integers mod P,
//!   all different — for *any* `c0`, not only multiples of P;
//! - along a column: `(r0+i, c)` → banks `(r0 + i + c) mod P`: likewise all different, for any `r0`.
//!
//! So each bank serves exactly one lane and gets its own address. **Why the address is injective
//! within a bank:** two elements of bank b in the same row have `c ≡ c' (mod P)`; if also `⌊c/P⌋ =
//! ⌊c'/P⌋` then `c = c'`. Rows differ in `r << s` (row-major, `q < 2^s`) — or, column-major, a given
//! `(q, r)` pair appears once. Hence the docs' formula is correct (and so is this variant); no fix needed.
//!
//! # Ports (all synchronous to `clock`)
//! ```text
//!  rd_en,row,col,dir,lanes ─►[per-bank address]──► bank 0..P−1 (RAM, 1R1W) ─┬─►[rotate, gate]──► rd_data[0..P]
//!  wr_en,row,col,mask,data ─►[rotate + address]►[lane_*_q]─┐ ▲ read port   └─►[gate]►[bank_q]─►[rotate]─► rd_data_q[0..P]
//!  word_en,we,row,col,wdata ─►[bank, address]──►[word_*_q]─┴►[2:1]─┘ write port: lane write, else word write
//! ```
//! - **Lane read** (`rd_en`, `rd_row`, `rd_col`, `rd_dir`: 0 = along the row (`(row, col+i)`), 1 = along
//!   the column (`(row+i, col)`), `rd_lanes`): in the next cycle `rd_data[i]` is element i of the run for
//!   `i < rd_lanes`, else 0 (0 on every lane after a cycle without `rd_en`). Latency 1. The same
//!   lanes show on `rd_data_q[i]` one cycle later ([`READ_LATENCY`] = 2): each bank's read data,
//!   gated by "this bank serves a valid lane" (`bank_gate`, from registers), is registered
//!   (`bank_q`, P×16 flip-flops) and only the lane rotation follows the register. The engine
//!   feeds the array's operands from `rd_data_q` (the block-RAM output muxes and the operand
//!   select are in different cycles) and the derivative unit's ACT lanes from `rd_data`.
//! - **Lane write** (`wr_en`, `wr_row`, `wr_col`, `wr_mask`, `wr_data[i]`): writes `(row, col+i) ←
//!   wr_data[i]` for every lane with `wr_mask` bit i (edge tiles clear the lanes outside the matrix).
//!   Along a row only (drains write output rows).
//! - **Writes land one cycle late** ([`WRITE_DELAY`] = 1): a lane or word write presented in cycle
//!   t is decoded per bank (rotation, per-bank address, enable) into registers (`lane_we_q`,
//!   `lane_addr_q`, `lane_data_q` per bank; `word_we_q` per bank, `word_addr_q`, `word_wdata_q`;
//!   `wr_en_q`), and the banks write it at the end of cycle t + 1: a read in cycle t + 1 still sees
//!   the old word, a read from t + 2 on the new one. Each bank's write pins are a 2:1 mux (the
//!   enable an OR) of those registers, so the requesters' muxes and the bank decode end at a
//!   register and the block RAMs' `WCLKE`/`MASK`/`WADDR`/`WDATA` are two levels of logic (the 2:1
//!   mux, Yosys's block-RAM select) from one (ABC stretches short paths towards the design's
//!   deepest to save area: ≤ 4 LUT levels measured in the engine).
//! - **Word port** (`word_en`, `word_we`, `word_row`, `word_col`, `word_wdata` → `word_rdata`): one
//!   element by logical (row, col), for the host and the update unit's read-modify-write. A read
//!   shows its word in the next cycle (0 otherwise). The lane ports have priority: a word read in a
//!   cycle with `rd_en`, or a word write in a cycle with `wr_en`, is ignored (the engine grants the
//!   word port only when the lanes are idle).
//! - A read and a write of the same element in one cycle read the old value — unless the memory
//!   is built with [`SkewMem::set_no_rw_check`] (the engine's memories): then that read is
//!   undefined in the synthesized hardware (the simulators still show the old value), and the
//!   engine never uses such a read ([`SkewMem::rw_check`] counts them in the rust-hdl engine).
//!
//! Contract: a lane read has `rd_lanes ≥ 1` (lane 0 is always read: its valid flag is `rd_en`
//! alone); lanes `i < rd_lanes` and masked write lanes lie inside the matrix, and word accesses
//! too (outside, a bank returns whatever its block RAMs hold at the address bits it decodes, and
//! a write past the depth lands in the block RAMs' unused words or nowhere; the Rust model
//! returns 0 past the depth and writes the Verilog's low address bits).
//!
//! # Banks
//! Each bank is a [`BankRam`] (hand-written Verilog: `reg [15:0] mem[0:depth−1]`, a registered read,
//! a write, optional initial contents), which Yosys infers as a memory (block RAM). Its Rust
//! model keeps a `Vec<u16>`. The initial contents let the engine hold constant columns (the 1.0 of
//! the bias input) without a write (`initial` blocks: fine for simulation and iCE40). The write
//! has no `address < depth` guard (it was AND/OR terms on all 16 address bits, 2–3 LUT levels
//! between the write address mux and every block RAM's `WCLKE`): the bank writes
//! `mem[address[a−1:0]]` (`a` = the bits of the depth), which the simulators ignore past the
//! depth and the block RAMs take into their unused words (or no block RAM); writes past the
//! depth are outside the port contract, and the Rust model does the same. Its read register has no initial value and its
//! read data are not gated (no `address < depth` register and 16 AND gates per bank, one LUT
//! level less between the block RAMs and the next register): every output of the memory is
//! gated by registers that start at 0 (`lane_ok_q`, `bank_gate`, `word_rd_q`), and reads past
//! the depth are outside the port contract (the Rust model shows 0 there).
//!
//! # Timing (iCE40 UP5K, `mlp-rtl synth --unit skew_mem --config preset:up5k`)
//! With the write registers (session 6): 178 LUTs, 123 FFs, 263 logic cells, 5 block RAMs,
//! 56.5 MHz (`skew_mem_w`: 178 LUTs, 53.1 MHz); before: 199 LUTs, 66 FFs, 237 cells, 63.2 / 64.9
//! MHz. Standalone the critical path is now the read-first emulation (block RAMs → 5:1 select →
//! bypass mux → `bank_q`, 17.7 ns), which the engine's memories do not have (`no_rw_check`,
//! below). In the engine (up5k, `synth --no-place --paths`) every block-RAM write pin is ≤ 4 LUT
//! levels from a register (was 5: drain `upd_layer`/`aux_mem` → glue compare → port mux → bank
//! decode / `address < depth` → `WCLKE`, the placed critical path, 24.0 ns): 4 645 → 4 666 cells,
//! placed 41.7 → 47.6 MHz (seed 1), the critical path moving to the loss unit's divider.
//! Session 5 numbers: 212 LUTs, 67 FFs, 249 logic cells, 5 block RAMs, 64.2 MHz (`skew_mem_w`: 212 LUTs, 64.0 MHz);
//! no carry chain left. The unit has both outputs, `rd_data` and `rd_data_q` (+16 FFs for
//! `bank_q`); in the engine only the outputs used remain. Critical path standalone: the
//! (wrapper's) `rd_en` register → read-address mux → the bank's `rd_ok` range check. In the
//! engine (up5k) the block RAMs' read data reach `bank_q` in ≤ 4 LUT levels (read-first bypass,
//! the 5:1 block-RAM select, the gate) and `bank_q` reaches the PE's `SB_MAC16` in 1–3 (the
//! one-hot operand select of the glue): the path that was the engine's critical one (7 LUT levels,
//! 29.6 ns) is cut in two. Before the second stage: 200 / 185 LUTs, 51 FFs, 228 / 213 cells,
//! 63.4 / 64.9 MHz (path: block RAMs → 5:1 mux → gating → `rd_data`). The lane-valid test
//! `i < rd_lanes` is registered per lane (`lane_ok_q`, with `rd_en`); before that (16-bit
//! `rd_lanes_q` and compare chains at the outputs and in the banks): 256 LUTs, 68 FFs, 45
//! carries, 48.8 MHz.
//! Most of the remaining flip-flops (and part of the LUTs) of the standalone unit are Yosys's
//! read-first emulation around the block RAMs (a register of "read address == write address"
//! and of the write data, and a bypass mux after the block RAM), which the port contract's "a
//! read and a write of the same element in one cycle read the old value" requires.
//!
//! # `(* no_rw_check *)` in the engine
//! The engine builds every memory with [`SkewMem::set_no_rw_check`]: the banks' word arrays carry
//! `(* no_rw_check *)`, and Yosys drops the read-first emulation (no address compare between the
//! address muxes and a flip-flop, no bypass mux between the block RAMs and `bank_q`). That is
//! sound because no memory of the engine is read and written at one word in a cycle whose read
//! is used (a lane read whose valid lanes include the bank, or a word read): the rust-hdl engine
//! counts such cycles at every clock edge ([`SkewMem::rw_check`], [`SkewMem::rw_collisions`];
//! `MLP_RTL_RW_LOG=1 mlp-rtl train --engine rtl …` prints the first ones). Every rust-hdl engine run
//! checks it after each step (`driver`: a non-zero count is an error naming the assumption, so
//! `train --engine rtl` on any config tells whether its synthesized memories equal the simulated
//! ones), and the count is 0 over `train --engine rtl` for 20 steps of the default config and 10 of
//! the up5k preset, for ACT, ERR, W and V alike (a raw count, without the "used" condition, is not: idle
//! read addresses meet the write address). The standalone unit keeps the emulation (its proofs
//! write and read the same word in one cycle). Engine (up5k, `synth --no-place`): 4 944 → 4 642
//! cells, and no register-to-register path deeper than 5 LUT levels is left (the memories'
//! `…_RDATA` / `rd_raw` / `WADDR` bypass flip-flops, 6 levels, are gone).

use super::harness::{self, HwUnit, Port, Vectors};
use crate::config::Config;
use proptest::prelude::*;
use rust_hdl::prelude::*;

/// Cycles from a lane read request to its lanes on `rd_data_q` (the operand path; `rd_data`
/// shows them after 1). `program::Timing::engine().read_latency`.
pub const READ_LATENCY: usize = 2;

/// Cycles a write request waits in the memory's write registers before its bank writes: a lane
/// or word write presented in cycle t changes the memory at the end of cycle t + 1 (a read in
/// cycle t + 1 still sees the old word, a read in t + 2 the new one).
/// `program::Timing::engine()` adds it to every sink's latency.
pub const WRITE_DELAY: usize = 1;

/// Where each element lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkewLayout {
    pub rows: usize,
    pub cols: usize,
    /// Banks (a power of two).
    pub p: usize,
    pub log2p: u32,
    /// In-bank address = `(q << shift) + r` if true, `(r << shift) + q` otherwise.
    pub col_major: bool,
    pub shift: u32,
    /// Words per bank.
    pub depth: usize,
}

impl SkewLayout {
    pub fn new(rows: usize, cols: usize, p: usize) -> SkewLayout {
        SkewLayout::try_new(rows, cols, p).unwrap_or_else(|e| panic!("{e}"))
    }
    /// [`SkewLayout::new`], with the shapes it refuses (empty matrix, `P` not a power of two ≤ 16,
    /// more than 2^16 words per bank) as an error.
    pub fn try_new(rows: usize, cols: usize, p: usize) -> Result<SkewLayout, String> {
        if rows < 1 || cols < 1 {
            return Err(format!("empty matrix {rows}×{cols}"));
        }
        if !(p.is_power_of_two() && p <= 16) {
            return Err(format!("P = {p} must be a power of two ≤ 16"));
        }
        let qn = cols.div_ceil(p);
        let s_rm = qn.next_power_of_two().trailing_zeros();
        let s_cm = rows.next_power_of_two().trailing_zeros();
        let d_rm = ((rows - 1) << s_rm) + qn;
        let d_cm = ((qn - 1) << s_cm) + rows;
        let col_major = d_cm < d_rm;
        let (shift, depth) = if col_major {
            (s_cm, d_cm)
        } else {
            (s_rm, d_rm)
        };
        if depth > 1 << 16 {
            return Err(format!("bank depth {depth} exceeds 16-bit addresses"));
        }
        Ok(SkewLayout {
            rows,
            cols,
            p,
            log2p: p.trailing_zeros(),
            col_major,
            shift,
            depth,
        })
    }
    /// The contents of every bank (`p` vectors of `depth` words, bank `b`'s word `a` at
    /// `[b][a]`) holding `elem(r, c)` at [`SkewLayout::locate`]`(r, c)`; addresses that hold no
    /// element are 0. What [`SkewMem::new`] initialises its banks with, and what `export` writes.
    pub fn bank_images(&self, elem: impl Fn(usize, usize) -> u16) -> Vec<Vec<u16>> {
        let mut banks = vec![vec![0u16; self.depth]; self.p];
        for r in 0..self.rows {
            for c in 0..self.cols {
                let (b, a) = self.locate(r, c);
                banks[b][a] = elem(r, c);
            }
        }
        banks
    }
    /// `(bank, in-bank address)` of element `(r, c)` (also for `r`, `c` past the matrix).
    pub fn locate(&self, r: usize, c: usize) -> (usize, usize) {
        let q = c >> self.log2p;
        let a = if self.col_major {
            (q << self.shift) + r
        } else {
            (r << self.shift) + q
        };
        ((r + c) & (self.p - 1), a & 0xffff)
    }
    /// [`SkewLayout::locate`] in words, for manifests and docs, e.g.
    /// `(r, c) -> bank (r + c) mod 4, address (r << 2) + (c >> 2)`.
    pub fn rule(&self) -> String {
        let (p, s, l) = (self.p, self.shift, self.log2p);
        if self.col_major {
            format!("(r, c) -> bank (r + c) mod {p}, address ((c >> {l}) << {s}) + r")
        } else {
            format!("(r, c) -> bank (r + c) mod {p}, address (r << {s}) + (c >> {l})")
        }
    }
    /// The (row, col) of lane `i` of a run starting at `(r, c)`; `dir` true = along the column.
    pub fn lane(r: usize, c: usize, dir: bool, i: usize) -> (usize, usize) {
        if dir {
            (r + i, c)
        } else {
            (r, c + i)
        }
    }
}

/// One bank: a `depth × 16` RAM with one registered read port and one write port.
#[derive(LogicBlock)]
pub struct BankRam {
    pub clock: Signal<In, Clock>,
    pub read_address: Signal<In, Bits<16>>,
    /// `mem[read_address]` of the previous edge. Past the depth: the Rust model shows 0, the
    /// Verilog whatever the block RAMs hold there (not gated: outside every port contract), and
    /// before the first edge the Verilog's is undefined (the memory's lane and word gating, whose
    /// registers start at 0, hide it).
    pub read_data: Signal<Out, Bits<16>>,
    pub write_address: Signal<In, Bits<16>>,
    pub write_data: Signal<In, Bits<16>>,
    pub write_enable: Signal<In, Bit>,
    _mem: Vec<u16>,
    _init: Vec<u16>,
    /// Emit `(* no_rw_check *)` on the word array (see [`SkewMem::set_no_rw_check`]).
    _no_rw_check: bool,
}

impl BankRam {
    pub fn new(init: Vec<u16>) -> BankRam {
        assert!(!init.is_empty() && init.len() <= 1 << 16);
        BankRam {
            clock: Default::default(),
            read_address: Default::default(),
            read_data: Default::default(),
            write_address: Default::default(),
            write_data: Default::default(),
            write_enable: Default::default(),
            _mem: init.clone(),
            _init: init,
            _no_rw_check: false,
        }
    }
}

impl Logic for BankRam {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            let ra = self.read_address.val().index();
            self.read_data.next = Bits::<16>::from(self._mem.get(ra).copied().unwrap_or(0) as u64);
            if self.write_enable.val() {
                // the Verilog's index: the low address bits (a word past the depth is not written)
                let wa = self.write_address.val().index()
                    & (self._mem.len().next_power_of_two().max(2) - 1);
                if wa < self._mem.len() {
                    self._mem[wa] = self.write_data.val().index() as u16;
                }
            }
        }
    }
    fn connect(&mut self) {
        self.read_data.connect();
    }
    fn hdl(&self) -> Verilog {
        let depth = self._init.len();
        let ab = (depth.next_power_of_two().trailing_zeros()).max(1);
        let mut init = String::new();
        if self._init.iter().any(|&v| v != 0) {
            init += "integer i;\ninitial begin\n    for (i = 0; i < DEPTH; i = i + 1) mem[i] = 16'h0;\n";
            for (a, v) in self._init.iter().enumerate().filter(|(_, &v)| v != 0) {
                init += &format!("    mem[{a}] = 16'h{v:04x};\n");
            }
            init += "end\n";
        } else {
            init += "integer i;\ninitial for (i = 0; i < DEPTH; i = i + 1) mem[i] = 16'h0;\n";
        }
        Verilog::Custom(format!(
            "localparam DEPTH = {depth};\n\
             {nrw}reg [15:0] mem [0:DEPTH-1];\n\
             reg [15:0] rd_raw;\n\
             {init}\
             always @(posedge clock) begin\n\
             \x20   if (write_enable) mem[write_address[{a1}:0]] <= write_data;\n\
             \x20   rd_raw <= mem[read_address[{a1}:0]];\n\
             end\n\
             always @(*) read_data = rd_raw;\n",
            a1 = ab - 1,
            nrw = if self._no_rw_check {
                "(* no_rw_check *) "
            } else {
                ""
            },
        ))
    }
}

/// The skewed bank memory (see the module doc).
#[derive(LogicBlock)]
pub struct SkewMem {
    pub clock: Signal<In, Clock>,
    pub rd_en: Signal<In, Bit>,
    pub rd_row: Signal<In, Bits<16>>,
    pub rd_col: Signal<In, Bits<16>>,
    /// 0: along the row (`(row, col+i)`); 1: along the column (`(row+i, col)`).
    pub rd_dir: Signal<In, Bit>,
    /// Lanes `i < rd_lanes` are read; the others show 0.
    pub rd_lanes: Signal<In, Bits<16>>,
    /// Lane i of the previous cycle's lane read (latency 1: the derivative unit's ACT read).
    pub rd_data: Vec<Signal<Out, Bits<16>>>,
    /// Lane i of the lane read two cycles ago ([`READ_LATENCY`] = 2: the array's operands), from
    /// the per-bank read registers `bank_q`.
    pub rd_data_q: Vec<Signal<Out, Bits<16>>>,
    pub wr_en: Signal<In, Bit>,
    pub wr_row: Signal<In, Bits<16>>,
    pub wr_col: Signal<In, Bits<16>>,
    /// Bit i enables lane i.
    pub wr_mask: Signal<In, Bits<16>>,
    pub wr_data: Vec<Signal<In, Bits<16>>>,
    pub word_en: Signal<In, Bit>,
    pub word_we: Signal<In, Bit>,
    pub word_row: Signal<In, Bits<16>>,
    pub word_col: Signal<In, Bits<16>>,
    pub word_wdata: Signal<In, Bits<16>>,
    /// The previous cycle's word read (0 if there was none).
    pub word_rdata: Signal<Out, Bits<16>>,
    banks: Vec<BankRam>,
    // Lane read: start bank, q and c mod P of the start column; bank of each lane; per-bank row/q/address.
    rd_s: Signal<Local, Bits<16>>,
    rd_q: Signal<Local, Bits<16>>,
    rd_m: Signal<Local, Bits<16>>,
    rd_bank_of: Vec<Signal<Local, Bits<16>>>,
    rd_brow: Vec<Signal<Local, Bits<16>>>,
    rd_bq: Vec<Signal<Local, Bits<16>>>,
    rd_addr: Vec<Signal<Local, Bits<16>>>,
    wr_s: Signal<Local, Bits<16>>,
    wr_q: Signal<Local, Bits<16>>,
    wr_m: Signal<Local, Bits<16>>,
    wr_bank_of: Vec<Signal<Local, Bits<16>>>,
    wr_bq: Vec<Signal<Local, Bits<16>>>,
    /// The write request, registered ([`WRITE_DELAY`]): per bank the lane write's enable (`wr_en`
    /// and the lane's mask bit), address and data, and the word write's enable (`word_en`,
    /// `word_we`, no `wr_en`, this bank); the word write's address and data; `wr_en` (which of
    /// the two a bank's address and data come from). The banks' write pins are one 2:1 mux (or
    /// OR) of these, the request's source muxes and bank decode are before the registers.
    lane_we_q: Vec<DFF<Bit>>,
    lane_addr_q: Vec<DFF<Bits<16>>>,
    lane_data_q: Vec<DFF<Bits<16>>>,
    word_we_q: Vec<DFF<Bit>>,
    wr_en_q: DFF<Bit>,
    word_addr_q: DFF<Bits<16>>,
    word_wdata_q: DFF<Bits<16>>,
    word_bank: Signal<Local, Bits<16>>,
    word_q: Signal<Local, Bits<16>>,
    word_addr: Signal<Local, Bits<16>>,
    out_bank_of: Vec<Signal<Local, Bits<16>>>,
    /// Bank b serves a valid lane of the previous cycle's lane read (from registers only).
    bank_gate: Vec<Signal<Local, Bit>>,
    /// Each bank's read data, gated by `bank_gate`, registered: the cut between the block RAMs'
    /// output muxes and the lane rotation / operand select.
    bank_q: Vec<DFF<Bits<16>>>,
    out_bank_of_q: Vec<Signal<Local, Bits<16>>>,
    rd_s_q: DFF<Bits<16>>,
    rd_s_q2: DFF<Bits<16>>,
    /// `rd_en & (i < rd_lanes)` of the previous cycle, per lane: the compare is done before the
    /// register (the output path is a register and one gate, no compare chain).
    lane_ok_q: Vec<DFF<Bit>>,
    word_rd_q: DFF<Bit>,
    word_bank_q: DFF<Bits<16>>,
    mask_c: Constant<Bits<16>>,
    log2p_c: Constant<Bits<16>>,
    p_c: Constant<Bits<16>>,
    one_c: Constant<Bits<16>>,
    zero_c: Constant<Bits<16>>,
    shift_c: Constant<Bits<16>>,
    col_major_c: Constant<Bit>,
    /// `lane_c[i] = i`.
    lane_c: Vec<Constant<Bits<16>>>,
    _layout: SkewLayout,
    _tag: Option<usize>,
    /// Used same-word read+write cycles seen by [`SkewMem::rw_check`].
    _rw_hits: std::cell::Cell<u64>,
}

impl SkewMem {
    /// A `rows × cols` memory in `p` banks, element (r, c) initialised to `init(r, c)`.
    pub fn new(rows: usize, cols: usize, p: usize, init: impl Fn(usize, usize) -> u16) -> SkewMem {
        let lay = SkewLayout::new(rows, cols, p);
        let contents = lay.bank_images(init);
        let bits = |v: usize| Constant::new(Bits::<16>::from(v as u64));
        SkewMem {
            clock: Default::default(),
            rd_en: Default::default(),
            rd_row: Default::default(),
            rd_col: Default::default(),
            rd_dir: Default::default(),
            rd_lanes: Default::default(),
            rd_data: sigs(p),
            rd_data_q: sigs(p),
            wr_en: Default::default(),
            wr_row: Default::default(),
            wr_col: Default::default(),
            wr_mask: Default::default(),
            wr_data: sigs(p),
            word_en: Default::default(),
            word_we: Default::default(),
            word_row: Default::default(),
            word_col: Default::default(),
            word_wdata: Default::default(),
            word_rdata: Default::default(),
            banks: contents.into_iter().map(BankRam::new).collect(),
            rd_s: Default::default(),
            rd_q: Default::default(),
            rd_m: Default::default(),
            rd_bank_of: sigs(p),
            rd_brow: sigs(p),
            rd_bq: sigs(p),
            rd_addr: sigs(p),
            wr_s: Default::default(),
            wr_q: Default::default(),
            wr_m: Default::default(),
            wr_bank_of: sigs(p),
            wr_bq: sigs(p),
            lane_we_q: sigs(p),
            lane_addr_q: sigs(p),
            lane_data_q: sigs(p),
            word_we_q: sigs(p),
            wr_en_q: Default::default(),
            word_addr_q: Default::default(),
            word_wdata_q: Default::default(),
            word_bank: Default::default(),
            word_q: Default::default(),
            word_addr: Default::default(),
            out_bank_of: sigs(p),
            bank_gate: sigs(p),
            bank_q: sigs(p),
            out_bank_of_q: sigs(p),
            rd_s_q: Default::default(),
            rd_s_q2: Default::default(),
            lane_ok_q: sigs(p),
            word_rd_q: Default::default(),
            word_bank_q: Default::default(),
            mask_c: bits(p - 1),
            log2p_c: bits(lay.log2p as usize),
            p_c: bits(p),
            one_c: bits(1),
            zero_c: bits(0),
            shift_c: bits(lay.shift as usize),
            col_major_c: Constant::new(lay.col_major),
            lane_c: (0..p).map(bits).collect(),
            _layout: lay,
            _tag: None,
            _rw_hits: std::cell::Cell::new(0),
        }
    }
    pub fn layout(&self) -> &SkewLayout {
        &self._layout
    }
    /// Tag the memory as kind `t` (0 ACT, 1 ERR, 2 W, 3 V; for the log) and turn on
    /// [`SkewMem::rw_check`] (the Rust model only).
    pub fn set_rw_tag(&mut self, t: usize) {
        self._tag = Some(t);
    }
    /// Call once per rising clock edge, with this edge's (settled) inputs: counts
    /// ([`SkewMem::rw_collisions`]) every bank that writes the word it reads in this cycle while the read is
    /// used — a lane read (`rd_en`) whose valid lanes (`i < rd_lanes`) include the bank, or a
    /// word read (`word_en`, not `word_we`, no `rd_en`) of the bank. Untagged: nothing.
    pub fn rw_check(&self) {
        let Some(t) = self._tag else { return };
        assert!(
            !self.rd_en.val() || self.rd_lanes.val().index() >= 1,
            "kind {t}: a lane read of 0 lanes (the port contract needs rd_lanes >= 1)"
        );
        let p = self.banks.len();
        let lanes = self.rd_lanes.val().index().min(p);
        let s = (self.rd_row.val().index() + self.rd_col.val().index()) % p;
        let wb = (self.word_row.val().index() + self.word_col.val().index()) % p;
        for (b, bank) in self.banks.iter().enumerate() {
            let lane_live = self.rd_en.val() && (b + p - s) % p < lanes;
            let word_live =
                !self.rd_en.val() && self.word_en.val() && !self.word_we.val() && wb == b;
            let (ra, wa) = (
                bank.read_address.val().index(),
                bank.write_address.val().index(),
            );
            if (lane_live || word_live)
                && bank.write_enable.val()
                && ra == wa
                && wa < bank._mem.len()
            {
                let n = self._rw_hits.get();
                self._rw_hits.set(n + 1);
                if n < 5 && std::env::var_os("MLP_RTL_RW_LOG").is_some() {
                    eprintln!("rw collision: kind {t} bank {b} address {wa}");
                }
            }
        }
    }
    /// Emit `(* no_rw_check *)` on every bank's word array: Yosys then drops its read-first
    /// emulation (the bypass registers and the read/write address compare). Only for memories the
    /// engine never reads and writes at one word in one cycle ([`SkewMem::rw_collisions`]).
    pub fn set_no_rw_check(&mut self, on: bool) {
        for b in self.banks.iter_mut() {
            b._no_rw_check = on;
        }
    }
    /// Cycles counted by [`SkewMem::rw_check`] so far.
    pub fn rw_collisions(&self) -> u64 {
        self._rw_hits.get()
    }
}

/// `n` default signals.
fn sigs<T: Default>(n: usize) -> Vec<T> {
    (0..n).map(|_| T::default()).collect()
}

impl Logic for SkewMem {
    // The bank/lane loops must index by loop variable (rust-hdl pitfall 5).
    #[allow(clippy::needless_range_loop)]
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self,
            clock,
            rd_s_q,
            rd_s_q2,
            word_rd_q,
            word_bank_q,
            wr_en_q,
            word_addr_q,
            word_wdata_q
        );
        // ---- lane read: per-bank addresses
        self.rd_s.next = (self.rd_row.val() + self.rd_col.val()) & self.mask_c.val();
        self.rd_q.next = self.rd_col.val() >> self.log2p_c.val();
        self.rd_m.next = self.rd_col.val() & self.mask_c.val();
        for i in 0..self.lane_c.len() {
            self.rd_bank_of[i].next = (self.rd_s.val() + self.lane_c[i].val()) & self.mask_c.val();
        }
        for b in 0..self.banks.len() {
            self.rd_brow[b].next = self.rd_row.val();
            self.rd_bq[b].next = self.rd_q.val();
            for i in 0..self.lane_c.len() {
                if self.rd_bank_of[i].val().index() == b {
                    if self.rd_dir.val() {
                        self.rd_brow[b].next = self.rd_row.val() + self.lane_c[i].val();
                    } else if (self.rd_m.val() + self.lane_c[i].val()) >= self.p_c.val() {
                        self.rd_bq[b].next = self.rd_q.val() + self.one_c.val();
                    }
                }
            }
            if self.col_major_c.val() {
                self.rd_addr[b].next =
                    (self.rd_bq[b].val() << self.shift_c.val()) | self.rd_brow[b].val();
            } else {
                self.rd_addr[b].next =
                    (self.rd_brow[b].val() << self.shift_c.val()) | self.rd_bq[b].val();
            }
        }
        // ---- lane write (along a row): per-bank addresses
        self.wr_s.next = (self.wr_row.val() + self.wr_col.val()) & self.mask_c.val();
        self.wr_q.next = self.wr_col.val() >> self.log2p_c.val();
        self.wr_m.next = self.wr_col.val() & self.mask_c.val();
        for i in 0..self.lane_c.len() {
            self.wr_bank_of[i].next = (self.wr_s.val() + self.lane_c[i].val()) & self.mask_c.val();
        }
        // ---- word port
        self.word_bank.next = (self.word_row.val() + self.word_col.val()) & self.mask_c.val();
        self.word_q.next = self.word_col.val() >> self.log2p_c.val();
        if self.col_major_c.val() {
            self.word_addr.next = (self.word_q.val() << self.shift_c.val()) | self.word_row.val();
        } else {
            self.word_addr.next = (self.word_row.val() << self.shift_c.val()) | self.word_q.val();
        }
        // ---- banks
        for b in 0..self.banks.len() {
            self.banks[b].clock.next = self.clock.val();
            if self.rd_en.val() {
                self.banks[b].read_address.next = self.rd_addr[b].val();
            } else {
                self.banks[b].read_address.next = self.word_addr.val();
            }
            // the lane write request of this bank (registered below; the bank writes next cycle)
            self.wr_bq[b].next = self.wr_q.val();
            self.lane_we_q[b].clock.next = self.clock.val();
            self.lane_data_q[b].clock.next = self.clock.val();
            self.lane_addr_q[b].clock.next = self.clock.val();
            self.word_we_q[b].clock.next = self.clock.val();
            self.lane_we_q[b].d.next = false;
            self.lane_data_q[b].d.next = self.zero_c.val();
            for i in 0..self.lane_c.len() {
                if self.wr_bank_of[i].val().index() == b {
                    if (self.wr_m.val() + self.lane_c[i].val()) >= self.p_c.val() {
                        self.wr_bq[b].next = self.wr_q.val() + self.one_c.val();
                    }
                    self.lane_data_q[b].d.next = self.wr_data[i].val();
                    self.lane_we_q[b].d.next = self.wr_en.val() & self.wr_mask.val().get_bit(i);
                }
            }
            if self.col_major_c.val() {
                self.lane_addr_q[b].d.next =
                    (self.wr_bq[b].val() << self.shift_c.val()) | self.wr_row.val();
            } else {
                self.lane_addr_q[b].d.next =
                    (self.wr_row.val() << self.shift_c.val()) | self.wr_bq[b].val();
            }
            // the word write request of this bank (a lane write in the same cycle wins)
            self.word_we_q[b].d.next = self.word_en.val()
                & self.word_we.val()
                & !self.wr_en.val()
                & (self.word_bank.val().index() == b);
            // the write port: last cycle's request, from registers (lane write, else word write)
            self.banks[b].write_enable.next = self.lane_we_q[b].q.val() | self.word_we_q[b].q.val();
            if self.wr_en_q.q.val() {
                self.banks[b].write_address.next = self.lane_addr_q[b].q.val();
                self.banks[b].write_data.next = self.lane_data_q[b].q.val();
            } else {
                self.banks[b].write_address.next = self.word_addr_q.q.val();
                self.banks[b].write_data.next = self.word_wdata_q.q.val();
            }
        }
        self.wr_en_q.d.next = self.wr_en.val();
        self.word_addr_q.d.next = self.word_addr.val();
        self.word_wdata_q.d.next = self.word_wdata.val();
        // ---- registered read bookkeeping and output rotation
        self.rd_s_q.d.next = self.rd_s.val();
        // `i < rd_lanes` for a lane `i < P`: all lanes if `rd_lanes ≥ P`, else a compare of the
        // low `log2 P` bits — no 16-bit compare chain (Yosys maps `<` to a carry chain).
        for i in 0..self.lane_c.len() {
            self.lane_ok_q[i].clock.next = self.clock.val();
            self.lane_ok_q[i].d.next = self.rd_en.val()
                & (((self.rd_lanes.val() >> self.log2p_c.val()) != self.zero_c.val())
                    | ((self.rd_lanes.val() & self.mask_c.val()) > self.lane_c[i].val()));
        }
        // lane 0 is valid in every lane read (the contract: `rd_lanes ≥ 1` with `rd_en`), so its
        // flag is `rd_en` alone: no `rd_lanes ≠ 0` test (a wide OR after the requesters' lane
        // muxes) before it (one iteration: array indices must be loop variables, pitfall 5)
        for i in 0..1 {
            self.lane_ok_q[i].d.next = self.rd_en.val();
        }
        self.word_rd_q.d.next = self.word_en.val() & !self.word_we.val() & !self.rd_en.val();
        self.word_bank_q.d.next = self.word_bank.val();
        for b in 0..self.banks.len() {
            self.bank_gate[b].next = false;
        }
        for i in 0..self.lane_c.len() {
            self.out_bank_of[i].next =
                (self.rd_s_q.q.val() + self.lane_c[i].val()) & self.mask_c.val();
            self.rd_data[i].next = self.zero_c.val();
            for b in 0..self.banks.len() {
                if (self.out_bank_of[i].val().index() == b) & self.lane_ok_q[i].q.val() {
                    self.rd_data[i].next = self.banks[b].read_data.val();
                    self.bank_gate[b].next = true;
                }
            }
        }
        // ---- the second read stage: each bank's gated read data into a register, then the
        // rotation (lane i = bank (s + i) mod P of the read two cycles ago); no gating after it
        self.rd_s_q2.d.next = self.rd_s_q.q.val();
        for b in 0..self.banks.len() {
            self.bank_q[b].clock.next = self.clock.val();
            self.bank_q[b].d.next = self.zero_c.val();
            if self.bank_gate[b].val() {
                self.bank_q[b].d.next = self.banks[b].read_data.val();
            }
        }
        for i in 0..self.lane_c.len() {
            self.out_bank_of_q[i].next =
                (self.rd_s_q2.q.val() + self.lane_c[i].val()) & self.mask_c.val();
            self.rd_data_q[i].next = self.zero_c.val();
            for b in 0..self.banks.len() {
                if self.out_bank_of_q[i].val().index() == b {
                    self.rd_data_q[i].next = self.bank_q[b].q.val();
                }
            }
        }
        self.word_rdata.next = self.zero_c.val();
        for b in 0..self.banks.len() {
            if self.word_rd_q.q.val() & (self.word_bank_q.q.val().index() == b) {
                self.word_rdata.next = self.banks[b].read_data.val();
            }
        }
    }
}

/// The inputs of one cycle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkewIn {
    pub rd_en: bool,
    pub rd_row: usize,
    pub rd_col: usize,
    pub rd_dir: bool,
    pub rd_lanes: usize,
    pub wr_en: bool,
    pub wr_row: usize,
    pub wr_col: usize,
    pub wr_mask: u16,
    pub wr_data: Vec<u16>,
    pub word_en: bool,
    pub word_we: bool,
    pub word_row: usize,
    pub word_col: usize,
    pub word_wdata: u16,
}

/// The reference: a plain `rows × cols` array with the port semantics of the module doc.
#[derive(Debug, Clone)]
pub struct SkewModel {
    pub p: usize,
    pub data: Vec<Vec<u16>>,
    rd_out: Vec<u16>,
    rd_out_q: Vec<u16>,
    word_out: u16,
    /// The write requested in the previous cycle ([`WRITE_DELAY`] = 1), applied at this edge.
    pending: Option<SkewIn>,
}

impl SkewModel {
    pub fn new(
        rows: usize,
        cols: usize,
        p: usize,
        init: impl Fn(usize, usize) -> u16,
    ) -> SkewModel {
        SkewModel {
            p,
            data: (0..rows)
                .map(|r| (0..cols).map(|c| init(r, c)).collect())
                .collect(),
            rd_out: vec![0; p],
            rd_out_q: vec![0; p],
            word_out: 0,
            pending: None,
        }
    }
    /// Outputs visible in this cycle: (rd_data lanes, rd_data_q lanes, word_rdata).
    pub fn outputs(&self) -> (Vec<u16>, Vec<u16>, u16) {
        (self.rd_out.clone(), self.rd_out_q.clone(), self.word_out)
    }
    /// The rising edge at the end of a cycle with inputs `x`.
    pub fn edge(&mut self, x: &SkewIn) {
        let mut rd = vec![0; self.p];
        if x.rd_en {
            for (i, v) in rd.iter_mut().enumerate().take(x.rd_lanes.min(self.p)) {
                let (r, c) = SkewLayout::lane(x.rd_row, x.rd_col, x.rd_dir, i);
                *v = self.data[r][c];
            }
        }
        self.word_out = if x.word_en && !x.word_we && !x.rd_en {
            self.data[x.word_row][x.word_col]
        } else {
            0
        };
        self.rd_out_q = std::mem::replace(&mut self.rd_out, rd);
        // the previous cycle's write lands now (after this edge's reads); this cycle's waits
        if let Some(w) = self.pending.take() {
            if w.wr_en {
                for i in 0..self.p {
                    if w.wr_mask >> i & 1 == 1 {
                        self.data[w.wr_row][w.wr_col + i] = w.wr_data[i];
                    }
                }
            } else if w.word_en && w.word_we {
                self.data[w.word_row][w.word_col] = w.word_wdata;
            }
        }
        if x.wr_en || (x.word_en && x.word_we) {
            self.pending = Some(x.clone());
        }
    }
}

/// A random cycle respecting the port contract for a `rows × cols` memory with `p` lanes.
pub fn random_cycle(
    r: &mut proptest::test_runner::TestRunner,
    rows: usize,
    cols: usize,
    p: usize,
) -> SkewIn {
    let d = |r: &mut proptest::test_runner::TestRunner, n: usize| harness::draw(r, &(0..n));
    let coin = |r: &mut proptest::test_runner::TestRunner, w: f64| {
        harness::draw(r, &proptest::bool::weighted(w))
    };
    let mut x = SkewIn {
        wr_data: (0..p).map(|_| harness::draw(r, &any::<u16>())).collect(),
        ..Default::default()
    };
    if coin(r, 0.6) {
        x.rd_en = true;
        x.rd_dir = coin(r, 0.5);
        x.rd_row = d(r, rows);
        x.rd_col = d(r, cols);
        let room = if x.rd_dir {
            rows - x.rd_row
        } else {
            cols - x.rd_col
        };
        let full = room.min(p);
        x.rd_lanes = if coin(r, 0.8) { full } else { 1 + d(r, full) };
    } else {
        // Idle lane port: random address bits are harmless.
        x.rd_row = d(r, rows);
        x.rd_col = d(r, cols);
        x.rd_dir = coin(r, 0.5);
        x.rd_lanes = d(r, p + 1);
    }
    x.wr_row = d(r, rows);
    x.wr_col = d(r, cols);
    if coin(r, 0.35) {
        x.wr_en = true;
        let room = (cols - x.wr_col).min(p);
        let m: u16 = harness::draw(r, &any::<u16>());
        x.wr_mask = if coin(r, 0.7) { u16::MAX } else { m } & ((1u32 << room) - 1) as u16;
    }
    x.word_row = d(r, rows);
    x.word_col = d(r, cols);
    x.word_wdata = harness::draw(r, &any::<u16>());
    if coin(r, 0.4) {
        x.word_en = true;
        x.word_we = coin(r, 0.5);
    }
    x
}

/// The skewed memory as a harness unit: one memory shape of the default config.
pub struct SkewMemUnit {
    pub name: &'static str,
    pub rows: usize,
    pub cols: usize,
    pub p: usize,
}

/// Initial contents used by the harness units: the bias column (last) holds 1.0 in Q7.8, the rest a
/// pattern.
pub fn unit_init(cols: usize) -> impl Fn(usize, usize) -> u16 {
    move |r, c| {
        if c + 1 == cols {
            0x0100
        } else {
            (r * 131 + c * 7) as u16
        }
    }
}

impl SkewMemUnit {
    /// `ACT[0]`: batch × (n_0 + 1) (column-major banks).
    pub fn act0(cfg: &Config) -> SkewMemUnit {
        SkewMemUnit {
            name: "skew_mem",
            rows: cfg.train.batch_size,
            cols: cfg.model.layers[0] + 1,
            p: cfg.array.rows.max(cfg.array.cols).next_power_of_two(),
        }
    }
    /// `W[0]`: (n_0 + 1) × n_1 (row-major banks).
    pub fn w0(cfg: &Config) -> SkewMemUnit {
        SkewMemUnit {
            name: "skew_mem_w",
            rows: cfg.model.layers[0] + 1,
            cols: cfg.model.layers[1],
            p: cfg.array.rows.max(cfg.array.cols).next_power_of_two(),
        }
    }
    pub fn build(&self) -> SkewMem {
        let mut m = SkewMem::new(self.rows, self.cols, self.p, unit_init(self.cols));
        m.connect_all();
        m
    }
    fn ports(&self) -> (Vec<Port>, Vec<Port>) {
        let mut i = vec![
            Port::new("rd_en", 1),
            Port::new("rd_row", 16),
            Port::new("rd_col", 16),
            Port::new("rd_dir", 1),
            Port::new("rd_lanes", 16),
            Port::new("wr_en", 1),
            Port::new("wr_row", 16),
            Port::new("wr_col", 16),
            Port::new("wr_mask", 16),
        ];
        i.extend((0..self.p).map(|k| Port::new(format!("wr_data${k}"), 16)));
        i.extend([
            Port::new("word_en", 1),
            Port::new("word_we", 1),
            Port::new("word_row", 16),
            Port::new("word_col", 16),
            Port::new("word_wdata", 16),
        ]);
        let mut o: Vec<Port> = (0..self.p)
            .map(|k| Port::new(format!("rd_data${k}"), 16))
            .collect();
        o.extend((0..self.p).map(|k| Port::new(format!("rd_data_q${k}"), 16)));
        o.push(Port::new("word_rdata", 16));
        (i, o)
    }
    fn pack(x: &SkewIn) -> Vec<u64> {
        let mut v = vec![
            x.rd_en as u64,
            x.rd_row as u64,
            x.rd_col as u64,
            x.rd_dir as u64,
            x.rd_lanes as u64,
            x.wr_en as u64,
            x.wr_row as u64,
            x.wr_col as u64,
            x.wr_mask as u64,
        ];
        v.extend(x.wr_data.iter().map(|&d| d as u64));
        v.extend([
            x.word_en as u64,
            x.word_we as u64,
            x.word_row as u64,
            x.word_col as u64,
            x.word_wdata as u64,
        ]);
        v
    }
}

/// Drive a built memory with input rows (port order of [`SkewMemUnit`]) and sample its outputs.
pub fn run_skew(m: &mut SkewMem, p: usize, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
    fn clk(m: &mut SkewMem) -> &mut Signal<In, Clock> {
        &mut m.clock
    }
    super::cycle(m, clk, |_| {}, |_| ());
    let b = |v: u64| Bits::<16>::from(v & 0xffff);
    inputs
        .iter()
        .map(|x| {
            super::cycle(
                m,
                clk,
                |m| {
                    m.rd_en.next = x[0] != 0;
                    m.rd_row.next = b(x[1]);
                    m.rd_col.next = b(x[2]);
                    m.rd_dir.next = x[3] != 0;
                    m.rd_lanes.next = b(x[4]);
                    m.wr_en.next = x[5] != 0;
                    m.wr_row.next = b(x[6]);
                    m.wr_col.next = b(x[7]);
                    m.wr_mask.next = b(x[8]);
                    for k in 0..p {
                        m.wr_data[k].next = b(x[9 + k]);
                    }
                    let o = 9 + p;
                    m.word_en.next = x[o] != 0;
                    m.word_we.next = x[o + 1] != 0;
                    m.word_row.next = b(x[o + 2]);
                    m.word_col.next = b(x[o + 3]);
                    m.word_wdata.next = b(x[o + 4]);
                },
                |m| {
                    let mut v: Vec<u64> =
                        m.rd_data.iter().map(|s| s.val().index() as u64).collect();
                    v.extend(m.rd_data_q.iter().map(|s| s.val().index() as u64));
                    v.push(m.word_rdata.val().index() as u64);
                    v
                },
            )
        })
        .collect()
}

/// Vectors for a `rows × cols`, `p`-bank memory: `n` random contract-respecting cycles, preceded by
/// a sweep that reads every full row and column run once (both directions, every start).
pub fn skew_vectors(
    rows: usize,
    cols: usize,
    p: usize,
    seed: u64,
    n: usize,
    ports: (Vec<Port>, Vec<Port>),
) -> Vectors {
    let mut r = harness::runner(seed);
    let mut v = Vectors::new(ports.0, ports.1);
    let mut m = SkewModel::new(rows, cols, p, unit_init(cols));
    m.edge(&SkewIn {
        wr_data: vec![0; p],
        ..Default::default()
    });
    let mut stim = Vec::new();
    for dir in [false, true] {
        for row in 0..rows {
            for col in 0..cols {
                let room = if dir { rows - row } else { cols - col };
                if (dir && row % p != 0 && row + p < rows)
                    || (!dir && col % p != 0 && col + p < cols)
                {
                    continue; // every run start that is aligned or near the edge
                }
                stim.push(SkewIn {
                    rd_en: true,
                    rd_row: row,
                    rd_col: col,
                    rd_dir: dir,
                    rd_lanes: room.min(p),
                    wr_data: vec![0; p],
                    ..Default::default()
                });
            }
        }
    }
    while stim.len() < n {
        stim.push(random_cycle(&mut r, rows, cols, p));
    }
    for (k, x) in stim.iter().enumerate() {
        let (lanes, lanes_q, word) = m.outputs();
        let mut exp: Vec<u64> = lanes.iter().map(|&d| d as u64).collect();
        exp.extend(lanes_q.iter().map(|&d| d as u64));
        exp.push(word as u64);
        let checks = vec![true; exp.len()];
        v.push(SkewMemUnit::pack(x), exp, checks, format!("cycle {k}"));
        m.edge(x);
    }
    v
}

impl HwUnit for SkewMemUnit {
    fn name(&self) -> &'static str {
        self.name
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
    }
    fn vectors(&self, seed: u64) -> Vectors {
        skew_vectors(self.rows, self.cols, self.p, seed, 3000, self.ports())
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        run_skew(&mut self.build(), self.p, inputs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_conflict_free_and_injective() {
        for (rows, cols, p) in [
            (32, 65, 4),
            (65, 32, 4),
            (33, 10, 8),
            (7, 3, 2),
            (5, 9, 1),
            (3, 17, 16),
        ] {
            let l = SkewLayout::new(rows, cols, p);
            let mut seen = std::collections::HashSet::new();
            for r in 0..rows {
                for c in 0..cols {
                    let (b, a) = l.locate(r, c);
                    assert!(
                        a < l.depth && seen.insert((b, a)),
                        "{rows}x{cols}/{p}: ({r},{c})"
                    );
                }
            }
            // Any P-run along a row or a column touches P different banks.
            for r in 0..rows + p {
                for c in 0..cols + p {
                    for dir in [false, true] {
                        let banks: std::collections::HashSet<usize> = (0..p)
                            .map(|i| SkewLayout::lane(r, c, dir, i))
                            .map(|(r, c)| l.locate(r, c).0)
                            .collect();
                        assert_eq!(banks.len(), p);
                    }
                }
            }
        }
        // The docs' shapes: ACT[0] picks column-major (544 words/bank), W[0] row-major (520).
        assert_eq!(
            (
                SkewLayout::new(32, 65, 4).col_major,
                SkewLayout::new(32, 65, 4).depth
            ),
            (true, 544)
        );
        assert_eq!(
            (
                SkewLayout::new(65, 32, 4).col_major,
                SkewLayout::new(65, 32, 4).depth
            ),
            (false, 520)
        );
    }

    /// `rule()` states `locate` (both orientations); `bank_images` puts every element at its
    /// `locate` address and 0 elsewhere.
    #[test]
    fn rule_and_bank_images_agree_with_locate() {
        let rm = SkewLayout::new(65, 32, 4);
        assert_eq!(
            rm.rule(),
            "(r, c) -> bank (r + c) mod 4, address (r << 3) + (c >> 2)"
        );
        assert_eq!(rm.locate(1, 5), (2, (1 << 3) + 1));
        let cm = SkewLayout::new(32, 65, 4);
        assert_eq!(
            cm.rule(),
            "(r, c) -> bank (r + c) mod 4, address ((c >> 2) << 5) + r"
        );
        assert_eq!(cm.locate(3, 9), (0, (2 << 5) + 3));
        for lay in [rm, cm, SkewLayout::new(9, 10, 4)] {
            let imgs = lay.bank_images(|r, c| (r * 100 + c + 1) as u16);
            assert_eq!(imgs.len(), lay.p);
            let mut n = 0;
            for r in 0..lay.rows {
                for c in 0..lay.cols {
                    let (b, a) = lay.locate(r, c);
                    assert_eq!(imgs[b][a], (r * 100 + c + 1) as u16);
                }
            }
            for img in &imgs {
                assert_eq!(img.len(), lay.depth);
                n += img.iter().filter(|&&w| w != 0).count();
            }
            assert_eq!(n, lay.rows * lay.cols, "padding is 0");
        }
        assert!(SkewLayout::try_new(4, 4, 32).is_err());
        assert!(SkewLayout::try_new(0, 4, 4).is_err());
    }

    fn check(rows: usize, cols: usize, p: usize, seed: u64, n: usize) {
        let u = SkewMemUnit {
            name: "t",
            rows,
            cols,
            p,
        };
        let v = skew_vectors(rows, cols, p, seed, n, u.ports());
        let r = harness::check_rusthdl(&u, &v);
        assert_eq!(
            r.mismatches,
            0,
            "{rows}x{cols} P={p}:\n{}",
            r.report.join("\n")
        );
    }

    #[test]
    fn rusthdl_equals_model_p1_p2_p4_p8() {
        for (rows, cols, p) in [
            (5, 7, 1),
            (6, 5, 2),
            (9, 13, 4),
            (32, 65, 4),
            (65, 32, 4),
            (11, 19, 8),
            (17, 9, 8),
        ] {
            check(rows, cols, p, 7 + rows as u64, 400);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        #[test]
        fn rusthdl_equals_model_any_shape(rows in 1usize..24, cols in 1usize..24, lp in 0u32..4, seed in any::<u64>()) {
            check(rows, cols, 1 << lp, seed, 150);
        }
    }

    /// `rw_check` counts a bank that writes the word it reads only while the read is used.
    #[test]
    fn rw_check_counts_used_collisions_only() {
        fn set<T: Synth>(s: &mut Signal<In, T>, v: T) {
            s.next = v;
            s.update_all();
        }
        let mut m = SkewMem::new(4, 8, 4, |_, _| 0);
        // kind 1 (ERR): the engine's memories are never read and written at one word
        m.set_rw_tag(1);

        let b16 = |v: u64| Bits::<16>::from(v);
        set(&mut m.rd_row, b16(1));
        set(&mut m.rd_col, b16(0)); // lanes 0..3 in banks 1, 2, 3, 0
        set(&mut m.banks[2].read_address, b16(5));
        set(&mut m.banks[2].write_address, b16(5));
        set(&mut m.banks[2].write_enable, true);
        let n0 = m.rw_collisions();
        m.rw_check(); // no read at all
        set(&mut m.rd_en, true);
        set(&mut m.rd_lanes, b16(1));
        m.rw_check(); // bank 2 serves lane 1 >= rd_lanes: unused
        assert_eq!(m.rw_collisions(), n0);
        set(&mut m.rd_lanes, b16(2));
        m.rw_check(); // bank 2 serves lane 1: used
        assert_eq!(m.rw_collisions(), n0 + 1);
        set(&mut m.rd_en, false);
        set(&mut m.word_en, true);
        set(&mut m.word_row, b16(0));
        set(&mut m.word_col, b16(2));
        m.rw_check(); // word read of bank 2
        assert_eq!(m.rw_collisions(), n0 + 2);
        set(&mut m.banks[2].write_address, b16(6));
        m.rw_check(); // another word
        assert_eq!(m.rw_collisions(), n0 + 2);
    }

    /// All three simulators, lint, Yosys (memories, no latch), corrupted-vector self-test.
    #[test]
    fn skew_mem_three_simulators() {
        let cfg = Config::default();
        assert!(harness::prove_unit(&SkewMemUnit::act0(&cfg)) >= 1000);
        assert!(harness::prove_unit(&SkewMemUnit::w0(&cfg)) >= 1000);
    }
}
