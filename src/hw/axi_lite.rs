//! An AXI4-Lite slave in front of the engine's host bus (`addr wdata we re → rdata`, read latency 2,
//! [`BUS_LATENCY`]; see [`super::regfile`]): how an SoC reaches the register map. `mlp-rtl generate` writes it as
//! `units/axi_lite.v` (module `axi_lite`) and, with the engine, the wrapper `engine_axi.v`
//! ([`engine_axi_verilog`]: `axi_lite` + `engine`, plus `busy` and `irq`).
//!
//! # Protocol mapping
//! - 32-bit data, byte addresses: engine register word `k` is at byte address `4·k`, so the 16-bit
//!   word space is an 18-bit AXI address space (`s_axi_awaddr[17:2]`/`s_axi_araddr[17:2]` is the word
//!   address; bits `[1:0]` are ignored: every access is a whole word).
//! - Reads return the 16-bit word zero-extended (`rdata[31:16] = 0`).
//! - Writes take `wdata[15:0]`; `wdata[31:16]` and `wstrb[3:2]` are ignored (the upper half is
//!   read-as-zero / write-ignored). `wstrb[1:0]`: `11` writes the word; `00` writes nothing and
//!   answers `OKAY` (a write without strobes is legal AXI); `01`/`10` (half a 16-bit register) are
//!   refused with `SLVERR` and write nothing — the bus has no byte enables.
//! - Unmapped words answer `SLVERR` and cause no bus access: a word is mapped when it is a register
//!   (`0x0000..=0x0013`) or an element of a window matrix of the config's [`RegMap`] (window
//!   padding — columns past the matrix, rows past the last — is unmapped). Access types are not
//!   checked: a write to a read-only register is ignored by the register file (`OKAY`), a read of
//!   CTRL returns 0.
//! - One outstanding transaction per channel pair: AW and W are accepted independently, in either
//!   order or together, one of each; the next AW/W is accepted after the B handshake. AR is accepted
//!   when no read is in flight. The write and the read path run concurrently and share the bus: a
//!   write's bus cycle wins, a read issued in the same cycle waits one cycle (a write can use the
//!   bus at most every third cycle, so a read never waits longer).
//! - `bvalid`/`rvalid` with their `bresp`/`rresp`/`rdata` are registers, held until the ready.
//!   The readies depend on registered state (and `s_axi_aresetn`) only, never combinationally on a
//!   valid.
//! - `s_axi_aresetn` (active low, synchronous) clears the channel state; while it is low every
//!   ready and valid is low and the bus is idle. It does not reset the engine. Without a reset
//!   every register starts at 0 (rust-hdl's `initial`), which is the idle state.
//!
//! # Timing (cycles; cycle t = the cycle whose closing rising edge completes a handshake)
//! - Write: the later of the AW and W handshakes in cycle t → `we` on the bus in t+1 → `bvalid`
//!   from t+2. With `bready` high, the next AW/W is accepted in t+3: a write every 3 cycles.
//! - Read: AR handshake in t → `re` on the bus in t+1 (t+2 if a write takes the bus) → the bus's
//!   `rdata` in t+3 (`r_pend`, then `r_pend2`), captured → `rvalid` from t+4. With `rready` high,
//!   the next AR is accepted in t+5: a read every 5 cycles.
//!
//! ```text
//!              ┌──────────────────────────── axi_lite ───────────────────────────┐
//!  AW ────────►│ aw_full, aw_addr[15:0] ──┐                                       │
//!  W  ────────►│ w_full, w_data, w_strb ──┼─► wr_go ─┐      ┌──────────────┐      │──► addr[16]
//!  B  ◄────────│ b_valid, b_resp ◄────────┘          ├─ mux ┤ decode (map) ├─ hit │──► wdata[16]
//!              │                                     │      └──────────────┘      │──► we, re
//!  AR ────────►│ ar_full, ar_addr[15:0] ──► rd_go ───┘                             │
//!  R  ◄────────│ r_valid, r_data, r_resp ◄── r_pend2 ◄── r_pend ◄─────────────────│◄── rdata[16]
//!              └─────────────────────────────────────────────────────────────────┘     (latency 2)
//! ```
//! In iCE40 terms (Yosys `synth_ice40`, default config): 77 flip-flops, 114 LUT4s and 92 carry cells
//! (the window decode's subtractions and compares).

use super::harness::{self, HwUnit, Port, Vectors};
use super::loss_unit::Zext16;
use super::regfile::{RegMap, BUS_LATENCY, SAT_BASE};
use super::to_bits;
use crate::config::Config;
use proptest::prelude::*;
use rust_hdl::prelude::*;
use std::collections::HashMap;

/// AXI address bits: the 16-bit word address plus the byte offset.
pub const AXI_ADDR_BITS: usize = 18;
/// Registers occupy words `0..N_REGS` (CTRL … SAT_WEIGHT_HI).
pub const N_REGS: u16 = SAT_BASE + 10;
/// AXI response codes.
pub const OKAY: u64 = 0b00;
pub const SLVERR: u64 = 0b10;
/// Cycles from the (later of the AW and W) handshake cycle to the first cycle of `bvalid`.
pub const WRITE_LATENCY: usize = 2;
/// Cycles from the AR handshake cycle to the first cycle of `rvalid` (no write in the way): the
/// bus read in the next cycle, its `rdata` [`BUS_LATENCY`] cycles later, captured.
pub const READ_LATENCY: usize = 2 + BUS_LATENCY;

/// The AXI4-Lite slave (see the module doc).
#[derive(LogicBlock)]
pub struct AxiLite {
    pub clock: Signal<In, Clock>,
    pub s_axi_aresetn: Signal<In, Bit>,
    pub s_axi_awaddr: Signal<In, Bits<18>>,
    pub s_axi_awvalid: Signal<In, Bit>,
    pub s_axi_awready: Signal<Out, Bit>,
    pub s_axi_wdata: Signal<In, Bits<32>>,
    pub s_axi_wstrb: Signal<In, Bits<4>>,
    pub s_axi_wvalid: Signal<In, Bit>,
    pub s_axi_wready: Signal<Out, Bit>,
    pub s_axi_bresp: Signal<Out, Bits<2>>,
    pub s_axi_bvalid: Signal<Out, Bit>,
    pub s_axi_bready: Signal<In, Bit>,
    pub s_axi_araddr: Signal<In, Bits<18>>,
    pub s_axi_arvalid: Signal<In, Bit>,
    pub s_axi_arready: Signal<Out, Bit>,
    pub s_axi_rdata: Signal<Out, Bits<32>>,
    pub s_axi_rresp: Signal<Out, Bits<2>>,
    pub s_axi_rvalid: Signal<Out, Bit>,
    pub s_axi_rready: Signal<In, Bit>,
    // ---- the engine's host bus
    pub addr: Signal<Out, Bits<16>>,
    pub wdata: Signal<Out, Bits<16>>,
    pub we: Signal<Out, Bit>,
    pub re: Signal<Out, Bit>,
    pub rdata: Signal<In, Bits<16>>,
    // ---- channel state
    aw_full: DFF<Bit>,
    aw_addr: DFF<Bits<16>>,
    w_full: DFF<Bit>,
    w_data: DFF<Bits<16>>,
    /// `wstrb[1:0]` of the accepted W beat.
    w_strb: DFF<Bits<2>>,
    b_valid: DFF<Bit>,
    b_resp: DFF<Bits<2>>,
    ar_full: DFF<Bit>,
    ar_addr: DFF<Bits<16>>,
    /// A read was issued last cycle (the bus's `rdata` is valid now).
    r_pend: DFF<Bit>,
    /// The read's second bus cycle (bus latency 2): `rdata` is due in the next cycle.
    r_pend2: DFF<Bit>,
    r_perr2: DFF<Bit>,
    /// … and its address was unmapped (no bus read; SLVERR).
    r_perr: DFF<Bit>,
    r_valid: DFF<Bit>,
    r_data: DFF<Bits<16>>,
    r_resp: DFF<Bits<2>>,
    r_ext: Zext16,
    // ---- combinational
    awready_l: Signal<Local, Bit>,
    wready_l: Signal<Local, Bit>,
    arready_l: Signal<Local, Bit>,
    wr_go: Signal<Local, Bit>,
    rd_go: Signal<Local, Bit>,
    bus_addr: Signal<Local, Bits<16>>,
    hit: Signal<Local, Bit>,
    strb_all: Signal<Local, Bit>,
    strb_none: Signal<Local, Bit>,
    off_l: Vec<Signal<Local, Bits<16>>>,
    // ---- constants
    c_nregs: Constant<Bits<16>>,
    c_okay: Constant<Bits<2>>,
    c_slverr: Constant<Bits<2>>,
    c_strb_all: Constant<Bits<2>>,
    c_strb_none: Constant<Bits<2>>,
    z16: Constant<Bits<16>>,
    /// Per window: base, high-bit mask (`!(size − 1)`), row shift, column mask, rows, cols.
    w_base: Vec<Constant<Bits<16>>>,
    w_hmask: Vec<Constant<Bits<16>>>,
    w_shift: Vec<Constant<Bits<16>>>,
    w_cmask: Vec<Constant<Bits<16>>>,
    w_rows: Vec<Constant<Bits<16>>>,
    w_cols: Vec<Constant<Bits<16>>>,
    _map: RegMap,
}

impl AxiLite {
    pub fn new(cfg: &Config) -> AxiLite {
        let map = RegMap::new(cfg);
        assert_eq!(AXI_ADDR_BITS, 16 + 2, "word address + byte offset");
        assert!(!map.windows.is_empty(), "a register map has windows");
        for w in &map.windows {
            assert!(
                w.size.is_power_of_two() && (w.base as usize).is_multiple_of(w.size),
                "window {} aligned to its power-of-two size",
                w.name
            );
            assert!(w.base >= N_REGS, "window {} above the registers", w.name);
            assert!(
                w.rows <= w.size >> w.shift && w.cols <= 1 << w.shift,
                "window {} shape fits its size",
                w.name
            );
        }
        let c16 = |v: u64| Constant::new(Bits::<16>::from(v));
        let c2 = |v: u64| Constant::new(Bits::<2>::from(v));
        let ws = &map.windows;
        AxiLite {
            clock: Default::default(),
            s_axi_aresetn: Default::default(),
            s_axi_awaddr: Default::default(),
            s_axi_awvalid: Default::default(),
            s_axi_awready: Default::default(),
            s_axi_wdata: Default::default(),
            s_axi_wstrb: Default::default(),
            s_axi_wvalid: Default::default(),
            s_axi_wready: Default::default(),
            s_axi_bresp: Default::default(),
            s_axi_bvalid: Default::default(),
            s_axi_bready: Default::default(),
            s_axi_araddr: Default::default(),
            s_axi_arvalid: Default::default(),
            s_axi_arready: Default::default(),
            s_axi_rdata: Default::default(),
            s_axi_rresp: Default::default(),
            s_axi_rvalid: Default::default(),
            s_axi_rready: Default::default(),
            addr: Default::default(),
            wdata: Default::default(),
            we: Default::default(),
            re: Default::default(),
            rdata: Default::default(),
            aw_full: Default::default(),
            aw_addr: Default::default(),
            w_full: Default::default(),
            w_data: Default::default(),
            w_strb: Default::default(),
            b_valid: Default::default(),
            b_resp: Default::default(),
            ar_full: Default::default(),
            ar_addr: Default::default(),
            r_pend: Default::default(),
            r_perr: Default::default(),
            r_pend2: Default::default(),
            r_perr2: Default::default(),
            r_valid: Default::default(),
            r_data: Default::default(),
            r_resp: Default::default(),
            r_ext: Default::default(),
            awready_l: Default::default(),
            wready_l: Default::default(),
            arready_l: Default::default(),
            wr_go: Default::default(),
            rd_go: Default::default(),
            bus_addr: Default::default(),
            hit: Default::default(),
            strb_all: Default::default(),
            strb_none: Default::default(),
            off_l: (0..ws.len()).map(|_| Default::default()).collect(),
            c_nregs: c16(N_REGS as u64),
            c_okay: c2(OKAY),
            c_slverr: c2(SLVERR),
            c_strb_all: c2(0b11),
            c_strb_none: c2(0b00),
            z16: c16(0),
            w_base: ws.iter().map(|w| c16(w.base as u64)).collect(),
            w_hmask: ws
                .iter()
                .map(|w| c16(!(w.size as u64 - 1) & 0xffff))
                .collect(),
            w_shift: ws.iter().map(|w| c16(w.shift as u64)).collect(),
            w_cmask: ws.iter().map(|w| c16((1u64 << w.shift) - 1)).collect(),
            w_rows: ws.iter().map(|w| c16(w.rows as u64)).collect(),
            w_cols: ws.iter().map(|w| c16(w.cols as u64)).collect(),
            _map: map,
        }
    }
    pub fn map(&self) -> &RegMap {
        &self._map
    }
}

impl Logic for AxiLite {
    // The window decode loop indexes by its loop variable (rust-hdl pitfall 5).
    #[allow(clippy::needless_range_loop)]
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, aw_full, aw_addr, w_full, w_data, w_strb, b_valid, b_resp, ar_full,
            ar_addr, r_pend, r_perr, r_pend2, r_perr2, r_valid, r_data, r_resp
        );
        // ---- readies and bus issue: registered state only (and the reset)
        self.awready_l.next =
            self.s_axi_aresetn.val() & !self.aw_full.q.val() & !self.b_valid.q.val();
        self.wready_l.next =
            self.s_axi_aresetn.val() & !self.w_full.q.val() & !self.b_valid.q.val();
        self.arready_l.next = self.s_axi_aresetn.val()
            & !self.ar_full.q.val()
            & !self.r_pend.q.val()
            & !self.r_pend2.q.val()
            & !self.r_valid.q.val();
        self.wr_go.next = self.s_axi_aresetn.val()
            & self.aw_full.q.val()
            & self.w_full.q.val()
            & !self.b_valid.q.val();
        self.rd_go.next = self.s_axi_aresetn.val() & self.ar_full.q.val() & !self.wr_go.val();
        if self.wr_go.val() {
            self.bus_addr.next = self.aw_addr.q.val();
        } else {
            self.bus_addr.next = self.ar_addr.q.val();
        }
        // ---- decode: a register, or an element of a window matrix (bases aligned)
        self.hit.next = self.bus_addr.val() < self.c_nregs.val();
        for w in 0..self.w_base.len() {
            self.off_l[w].next = self.bus_addr.val() - self.w_base[w].val();
            if ((self.bus_addr.val() & self.w_hmask[w].val()) == self.w_base[w].val())
                & ((self.off_l[w].val() >> self.w_shift[w].val()) < self.w_rows[w].val())
                & ((self.off_l[w].val() & self.w_cmask[w].val()) < self.w_cols[w].val())
            {
                self.hit.next = true;
            }
        }
        self.strb_all.next = self.w_strb.q.val() == self.c_strb_all.val();
        self.strb_none.next = self.w_strb.q.val() == self.c_strb_none.val();
        // ---- the host bus
        self.addr.next = self.bus_addr.val();
        self.wdata.next = self.w_data.q.val();
        self.we.next = self.wr_go.val() & self.hit.val() & self.strb_all.val();
        self.re.next = self.rd_go.val() & self.hit.val();
        // ---- AXI outputs
        self.s_axi_awready.next = self.awready_l.val();
        self.s_axi_wready.next = self.wready_l.val();
        self.s_axi_arready.next = self.arready_l.val();
        self.s_axi_bvalid.next = self.s_axi_aresetn.val() & self.b_valid.q.val();
        self.s_axi_bresp.next = self.b_resp.q.val();
        self.s_axi_rvalid.next = self.s_axi_aresetn.val() & self.r_valid.q.val();
        self.s_axi_rresp.next = self.r_resp.q.val();
        self.r_ext.a.next = self.r_data.q.val();
        self.s_axi_rdata.next = self.r_ext.y.val();
        // ---- next state
        if !self.s_axi_aresetn.val() {
            self.aw_full.d.next = false;
            self.w_full.d.next = false;
            self.b_valid.d.next = false;
            self.ar_full.d.next = false;
            self.r_pend.d.next = false;
            self.r_pend2.d.next = false;
            self.r_valid.d.next = false;
        } else {
            if self.awready_l.val() & self.s_axi_awvalid.val() {
                self.aw_full.d.next = true;
                self.aw_addr.d.next = self.s_axi_awaddr.val().get_bits::<16>(2);
            }
            if self.wready_l.val() & self.s_axi_wvalid.val() {
                self.w_full.d.next = true;
                self.w_data.d.next = self.s_axi_wdata.val().get_bits::<16>(0);
                self.w_strb.d.next = self.s_axi_wstrb.val().get_bits::<2>(0);
            }
            if self.wr_go.val() {
                self.aw_full.d.next = false;
                self.w_full.d.next = false;
                self.b_valid.d.next = true;
                if self.hit.val() & (self.strb_all.val() | self.strb_none.val()) {
                    self.b_resp.d.next = self.c_okay.val();
                } else {
                    self.b_resp.d.next = self.c_slverr.val();
                }
            }
            if self.b_valid.q.val() & self.s_axi_bready.val() {
                self.b_valid.d.next = false;
            }
            if self.arready_l.val() & self.s_axi_arvalid.val() {
                self.ar_full.d.next = true;
                self.ar_addr.d.next = self.s_axi_araddr.val().get_bits::<16>(2);
            }
            if self.rd_go.val() {
                self.ar_full.d.next = false;
                self.r_pend.d.next = true;
                self.r_perr.d.next = !self.hit.val();
            }
            if self.r_pend.q.val() {
                self.r_pend.d.next = false;
                self.r_pend2.d.next = true;
                self.r_perr2.d.next = self.r_perr.q.val();
            }
            if self.r_pend2.q.val() {
                self.r_pend2.d.next = false;
                self.r_valid.d.next = true;
                if self.r_perr2.q.val() {
                    self.r_data.d.next = self.z16.val();
                    self.r_resp.d.next = self.c_slverr.val();
                } else {
                    self.r_data.d.next = self.rdata.val();
                    self.r_resp.d.next = self.c_okay.val();
                }
            }
            if self.r_valid.q.val() & self.s_axi_rready.val() {
                self.r_valid.d.next = false;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reference model

/// `word` is a mapped word of `map` (a register or an element of a window matrix).
pub fn mapped(map: &RegMap, word: u16) -> bool {
    word < N_REGS || map.windows.iter().any(|w| w.decode(word).is_some())
}

/// Inputs of one cycle, in [`AxiLiteUnit`]'s port order: aresetn, awaddr, awvalid, wdata, wstrb,
/// wvalid, bready, araddr, arvalid, rready, rdata (the bus's).
pub type AxiInputs = [u64; 11];
/// Index of each input in [`AxiInputs`].
pub mod inp {
    pub const ARESETN: usize = 0;
    pub const AWADDR: usize = 1;
    pub const AWVALID: usize = 2;
    pub const WDATA: usize = 3;
    pub const WSTRB: usize = 4;
    pub const WVALID: usize = 5;
    pub const BREADY: usize = 6;
    pub const ARADDR: usize = 7;
    pub const ARVALID: usize = 8;
    pub const RREADY: usize = 9;
    pub const RDATA: usize = 10;
}
/// Outputs of one cycle: awready, wready, bresp, bvalid, arready, rdata, rresp, rvalid, addr,
/// wdata, we, re.
pub type AxiOutputs = [u64; 12];
/// Index of each output in [`AxiOutputs`].
pub mod out {
    pub const AWREADY: usize = 0;
    pub const WREADY: usize = 1;
    pub const BRESP: usize = 2;
    pub const BVALID: usize = 3;
    pub const ARREADY: usize = 4;
    pub const RDATA: usize = 5;
    pub const RRESP: usize = 6;
    pub const RVALID: usize = 7;
    pub const ADDR: usize = 8;
    pub const WDATA: usize = 9;
    pub const WE: usize = 10;
    pub const RE: usize = 11;
}

/// Cycle model of [`AxiLite`] (the reference of its vectors): [`AxiModel::cycle`] takes one
/// cycle's inputs, returns that cycle's outputs and applies the rising edge.
#[derive(Debug, Clone)]
pub struct AxiModel {
    map: RegMap,
    aw_full: bool,
    aw_addr: u16,
    w_full: bool,
    w_data: u16,
    w_strb: u8,
    b_valid: bool,
    b_resp: u64,
    ar_full: bool,
    ar_addr: u16,
    r_pend: bool,
    r_perr: bool,
    r_pend2: bool,
    r_perr2: bool,
    r_valid: bool,
    r_data: u16,
    r_resp: u64,
}

impl AxiModel {
    pub fn new(cfg: &Config) -> AxiModel {
        AxiModel {
            map: RegMap::new(cfg),
            aw_full: false,
            aw_addr: 0,
            w_full: false,
            w_data: 0,
            w_strb: 0,
            b_valid: false,
            b_resp: 0,
            ar_full: false,
            ar_addr: 0,
            r_pend: false,
            r_perr: false,
            r_pend2: false,
            r_perr2: false,
            r_valid: false,
            r_data: 0,
            r_resp: 0,
        }
    }

    pub fn cycle(&mut self, x: &AxiInputs) -> AxiOutputs {
        let rst_n = x[inp::ARESETN] != 0;
        let awready = rst_n && !self.aw_full && !self.b_valid;
        let wready = rst_n && !self.w_full && !self.b_valid;
        let arready = rst_n && !self.ar_full && !self.r_pend && !self.r_pend2 && !self.r_valid;
        let wr_go = rst_n && self.aw_full && self.w_full && !self.b_valid;
        let rd_go = rst_n && self.ar_full && !wr_go;
        let bus_addr = if wr_go { self.aw_addr } else { self.ar_addr };
        let hit = mapped(&self.map, bus_addr);
        let (strb_all, strb_none) = (self.w_strb == 0b11, self.w_strb == 0);
        let y: AxiOutputs = [
            awready as u64,
            wready as u64,
            self.b_resp,
            (rst_n && self.b_valid) as u64,
            arready as u64,
            self.r_data as u64,
            self.r_resp,
            (rst_n && self.r_valid) as u64,
            bus_addr as u64,
            self.w_data as u64,
            (wr_go && hit && strb_all) as u64,
            (rd_go && hit) as u64,
        ];
        // ---- rising edge
        if !rst_n {
            self.aw_full = false;
            self.w_full = false;
            self.b_valid = false;
            self.ar_full = false;
            self.r_pend = false;
            self.r_pend2 = false;
            self.r_valid = false;
            return y;
        }
        let (b_valid, r_pend, r_valid, r_perr, r_pend2, r_perr2) = (
            self.b_valid,
            self.r_pend,
            self.r_valid,
            self.r_perr,
            self.r_pend2,
            self.r_perr2,
        );
        if awready && x[inp::AWVALID] != 0 {
            self.aw_full = true;
            self.aw_addr = (x[inp::AWADDR] >> 2) as u16;
        }
        if wready && x[inp::WVALID] != 0 {
            self.w_full = true;
            self.w_data = x[inp::WDATA] as u16;
            self.w_strb = (x[inp::WSTRB] & 3) as u8;
        }
        if wr_go {
            self.aw_full = false;
            self.w_full = false;
            self.b_valid = true;
            self.b_resp = if hit && (strb_all || strb_none) {
                OKAY
            } else {
                SLVERR
            };
        }
        if b_valid && x[inp::BREADY] != 0 {
            self.b_valid = false;
        }
        if arready && x[inp::ARVALID] != 0 {
            self.ar_full = true;
            self.ar_addr = (x[inp::ARADDR] >> 2) as u16;
        }
        if rd_go {
            self.ar_full = false;
            self.r_pend = true;
            self.r_perr = !hit;
        }
        if r_pend {
            self.r_pend = false;
            self.r_pend2 = true;
            self.r_perr2 = r_perr;
        }
        if r_pend2 {
            self.r_pend2 = false;
            self.r_valid = true;
            (self.r_data, self.r_resp) = if r_perr2 {
                (0, SLVERR)
            } else {
                (x[inp::RDATA] as u16, OKAY)
            };
        }
        if r_valid && x[inp::RREADY] != 0 {
            self.r_valid = false;
        }
        y
    }
}

/// A register memory behind the host bus (the vectors' bus side): a write stores the word, a read
/// returns it [`BUS_LATENCY`] cycles later (latency 2, as the register file); in a cycle not that
/// far after a read the bus returns junk (the slave must not look at it). Unwritten words hold a
/// pattern of their address.
#[derive(Debug, Clone, Default)]
pub struct BusMemory {
    mem: HashMap<u16, u16>,
    /// The words of the reads of the last [`BUS_LATENCY`] cycles (front: the oldest, due now).
    pending: [Option<u16>; BUS_LATENCY],
}

impl BusMemory {
    pub fn word(&self, a: u16) -> u16 {
        self.mem
            .get(&a)
            .copied()
            .unwrap_or(a.wrapping_mul(0x9e37) ^ 0xa5c3)
    }
    /// `rdata` in this cycle (`junk` unless a read was issued [`BUS_LATENCY`] cycles ago).
    pub fn rdata(&self, junk: u16) -> u16 {
        self.pending[0].unwrap_or(junk)
    }
    /// The rising edge after a cycle with these slave outputs.
    pub fn edge(&mut self, y: &AxiOutputs) {
        let a = y[out::ADDR] as u16;
        assert!(
            y[out::WE] == 0 || y[out::RE] == 0,
            "one bus access per cycle"
        );
        self.pending.rotate_left(1);
        self.pending[BUS_LATENCY - 1] = (y[out::RE] != 0).then(|| self.word(a));
        if y[out::WE] != 0 {
            self.mem.insert(a, y[out::WDATA] as u16);
        }
    }
}

/// A randomized AXI4-Lite master (the vectors' AXI side): independent AW, W and AR streams, each
/// item raised after a random gap (0 = back to back) and held with a stable payload until its
/// handshake; random `bready`/`rready` with stretches held low (back-pressure); rare resets.
struct Master {
    /// Per stream (AW, W, AR): cycles to wait before raising valid, and the payload.
    gap: [u32; 3],
    valid: [bool; 3],
    aw: u64,
    w: (u64, u64),
    ar: u64,
    /// Cycles left of a stretch with bready / rready held low.
    stall_b: u32,
    stall_r: u32,
    reset: u32,
}

/// Word addresses the traffic picks from: every register and the first unmapped word, window
/// corners and paddings, the ends of the space.
pub fn address_pool(map: &RegMap) -> Vec<u16> {
    let mut a: Vec<u16> = (0..=N_REGS).collect();
    a.extend([0x0fff, 0xffff, 0x0100]);
    for w in &map.windows {
        a.extend([
            w.base,
            w.addr(0, w.cols - 1),
            w.addr(w.rows - 1, w.cols - 1),
            w.base + (1 << w.shift) - 1,
            (w.base as usize + w.size - 1) as u16,
        ]);
    }
    a
}

/// The seeded traffic (`n` cycles) as vectors, expectations from [`AxiModel`] and the bus side from
/// [`BusMemory`].
pub fn traffic(cfg: &Config, seed: u64, n: usize) -> Vectors {
    let ins = vec![
        Port::new("s_axi_aresetn", 1),
        Port::new("s_axi_awaddr", 18),
        Port::new("s_axi_awvalid", 1),
        Port::new("s_axi_wdata", 32),
        Port::new("s_axi_wstrb", 4),
        Port::new("s_axi_wvalid", 1),
        Port::new("s_axi_bready", 1),
        Port::new("s_axi_araddr", 18),
        Port::new("s_axi_arvalid", 1),
        Port::new("s_axi_rready", 1),
        Port::new("rdata", 16),
    ];
    let outs = vec![
        Port::new("s_axi_awready", 1),
        Port::new("s_axi_wready", 1),
        Port::new("s_axi_bresp", 2),
        Port::new("s_axi_bvalid", 1),
        Port::new("s_axi_arready", 1),
        Port::new("s_axi_rdata", 32),
        Port::new("s_axi_rresp", 2),
        Port::new("s_axi_rvalid", 1),
        Port::new("addr", 16),
        Port::new("wdata", 16),
        Port::new("we", 1),
        Port::new("re", 1),
    ];
    let nout = outs.len();
    let mut v = Vectors::new(ins, outs);
    let map = RegMap::new(cfg);
    let mut r = harness::runner(seed);
    let word_s = prop_oneof![
        6 => prop::sample::select(address_pool(&map)),
        1 => any::<u16>(),
    ];
    let off_s = prop_oneof![3 => Just(0u64), 1 => 0u64..4];
    let gap_s = prop_oneof![4 => Just(0u32), 3 => 1u32..3, 1 => 3u32..8];
    let strb_s = prop_oneof![
        6 => Just(0xfu64),
        1 => Just(0x3u64),
        1 => prop::sample::select(vec![0x0u64, 0x1, 0x2, 0xc, 0x7, 0xe]),
    ];
    let ready_s = proptest::bool::weighted(0.6);
    let stall_s = proptest::bool::weighted(0.03);
    let stall_len_s = 2u32..12;
    let reset_s = proptest::bool::weighted(0.002);
    let any32 = any::<u32>();
    let any16 = any::<u16>();
    let mut m = AxiModel::new(cfg);
    let mut mem = BusMemory::default();
    let mut ms = Master {
        gap: [0; 3],
        valid: [false; 3],
        aw: 0,
        w: (0, 0xf),
        ar: 0,
        stall_b: 0,
        stall_r: 0,
        reset: 0,
    };
    let draw_addr = |r: &mut proptest::test_runner::TestRunner| {
        (harness::draw(r, &word_s) as u64) << 2 | harness::draw(r, &off_s)
    };
    for c in 0..n {
        let mut x: AxiInputs = [0; 11];
        if ms.reset == 0 && c > 0 && harness::draw(&mut r, &reset_s) {
            ms.reset = 1 + (c as u32 % 3);
        }
        if ms.reset > 0 {
            // Reset: the master drops every valid and restarts its streams afterwards.
            ms.reset -= 1;
            ms.valid = [false; 3];
            ms.gap = [0; 3];
        } else {
            x[inp::ARESETN] = 1;
            for s in 0..3 {
                if !ms.valid[s] {
                    if ms.gap[s] > 0 {
                        ms.gap[s] -= 1;
                    } else {
                        ms.valid[s] = true;
                        match s {
                            0 => ms.aw = draw_addr(&mut r),
                            1 => {
                                ms.w = (
                                    harness::draw(&mut r, &any32) as u64,
                                    harness::draw(&mut r, &strb_s),
                                )
                            }
                            _ => ms.ar = draw_addr(&mut r),
                        }
                    }
                }
            }
            if ms.stall_b == 0 && harness::draw(&mut r, &stall_s) {
                ms.stall_b = harness::draw(&mut r, &stall_len_s);
            }
            if ms.stall_r == 0 && harness::draw(&mut r, &stall_s) {
                ms.stall_r = harness::draw(&mut r, &stall_len_s);
            }
            let rb = harness::draw(&mut r, &ready_s);
            let rr = harness::draw(&mut r, &ready_s);
            x[inp::BREADY] = (ms.stall_b == 0 && rb) as u64;
            x[inp::RREADY] = (ms.stall_r == 0 && rr) as u64;
            ms.stall_b = ms.stall_b.saturating_sub(1);
            ms.stall_r = ms.stall_r.saturating_sub(1);
        }
        // Payloads are driven (stale or random) even without valid: the slave must ignore them.
        x[inp::AWADDR] = ms.aw;
        x[inp::AWVALID] = ms.valid[0] as u64;
        x[inp::WDATA] = ms.w.0;
        x[inp::WSTRB] = ms.w.1;
        x[inp::WVALID] = ms.valid[1] as u64;
        x[inp::ARADDR] = ms.ar;
        x[inp::ARVALID] = ms.valid[2] as u64;
        x[inp::RDATA] = mem.rdata(harness::draw(&mut r, &any16)) as u64;
        let y = m.cycle(&x);
        mem.edge(&y);
        for (s, (vi, ri)) in [
            (inp::AWVALID, out::AWREADY),
            (inp::WVALID, out::WREADY),
            (inp::ARVALID, out::ARREADY),
        ]
        .into_iter()
        .enumerate()
        {
            if x[vi] != 0 && y[ri] != 0 {
                ms.valid[s] = false;
                ms.gap[s] = harness::draw(&mut r, &gap_s);
            }
        }
        v.push(
            x.to_vec(),
            y.to_vec(),
            vec![true; nout],
            format!("cycle {c}"),
        );
    }
    v
}

/// What the AXI traffic of a trace exercised (counted by [`monitor`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub writes: usize,
    pub reads: usize,
    /// AW accepted before W, W before AW, both in one cycle.
    pub aw_first: usize,
    pub w_first: usize,
    pub aw_w_together: usize,
    /// Cycles with bvalid (rvalid) high and bready (rready) low.
    pub b_stalled: usize,
    pub r_stalled: usize,
    /// AW (AR) valid already high when its ready rose (back-to-back traffic waiting).
    pub aw_waiting: usize,
    pub ar_waiting: usize,
    pub write_errors: usize,
    pub read_errors: usize,
    /// Writes without a bus write (strobes 00, OKAY).
    pub empty_writes: usize,
    pub resets: usize,
    /// Cycles a read waited for the bus behind a write.
    pub read_waits: usize,
}

/// Check a trace (a [`Vectors`] of [`traffic`], with its expectations as the slave's outputs)
/// against the AXI4-Lite rules and the intended mapping, independently of [`AxiModel`]'s code:
/// - a valid (bvalid, rvalid) once high stays high with a stable payload until its ready;
/// - each write (AW + W) causes exactly one bus write with its word address and data if mapped
///   with strobes `11`, none otherwise, then one B with the documented response;
/// - each read (AR) causes one bus read of its word if mapped, then one R whose data is the bus's
///   `rdata` [`BUS_LATENCY`] cycles after the read (zero-extended), or 0 with SLVERR;
/// - no bus access outside a transaction, never `we` and `re` together; the response latencies are
///   [`WRITE_LATENCY`] and [`READ_LATENCY`] (+1 cycle when the read waited for the bus).
///
/// Returns the coverage, or the first violation.
pub fn monitor(cfg: &Config, v: &Vectors) -> Result<Coverage, String> {
    let map = RegMap::new(cfg);
    let mut cov = Coverage::default();
    // Write transaction state: accepted AW / W (cycle, payload); issued (cycle, expected resp).
    let mut aw: Option<(usize, u16)> = None;
    let mut w: Option<(usize, u16, u64)> = None;
    let mut b_due: Option<(usize, u64)> = None;
    let mut ar: Option<(usize, u16)> = None;
    let mut r_read: Option<usize> = None;
    let mut r_due: Option<(usize, u64, u64)> = None;
    let mut prev: Option<(&[u64], &[u64])> = None;
    for (c, vec) in v.vectors.iter().enumerate() {
        let (x, y) = (&vec.inputs[..], &vec.expect[..]);
        let err = |what: String| Err(format!("cycle {c}: {what}"));
        if x[inp::ARESETN] == 0 {
            if y[out::BVALID] | y[out::RVALID] | y[out::WE] | y[out::RE] != 0 {
                return err("valid or bus access in reset".into());
            }
            if c > 0 && v.vectors[c - 1].inputs[inp::ARESETN] != 0 {
                cov.resets += 1;
            }
            (aw, w, b_due, ar, r_read, r_due) = (None, None, None, None, None, None);
            prev = None;
            continue;
        }
        // Stability of B and R until their ready.
        if let Some((px, py)) = prev {
            for (valid, ready, payload) in [
                (out::BVALID, inp::BREADY, &[out::BRESP][..]),
                (out::RVALID, inp::RREADY, &[out::RDATA, out::RRESP][..]),
            ] {
                if py[valid] != 0 && px[ready] == 0 {
                    if y[valid] == 0 {
                        return err(format!("output {valid} dropped before its ready"));
                    }
                    if payload.iter().any(|&k| y[k] != py[k]) {
                        return err("payload changed while waiting for ready".into());
                    }
                }
            }
            if px[inp::AWVALID] != 0 && py[out::AWREADY] == 0 && y[out::AWREADY] != 0 {
                cov.aw_waiting += 1;
            }
            if px[inp::ARVALID] != 0 && py[out::ARREADY] == 0 && y[out::ARREADY] != 0 {
                cov.ar_waiting += 1;
            }
        }
        if y[out::WE] != 0 && y[out::RE] != 0 {
            return err("we and re together".into());
        }
        // Bus accesses.
        let (bus_w, bus_r) = (y[out::WE] != 0, y[out::RE] != 0);
        let mut wrote = false;
        if let (Some((ca, a)), Some((cw, d, s))) = (aw, w) {
            let last = ca.max(cw);
            if c == last + 1 {
                let ok_map = mapped(&map, a);
                let do_write = ok_map && s & 3 == 3;
                if do_write != bus_w {
                    return err(format!(
                        "bus write {bus_w}, expected {do_write} (word {a:#x})"
                    ));
                }
                if do_write && (y[out::ADDR] as u16 != a || y[out::WDATA] as u16 != d) {
                    return err("bus write address or data".into());
                }
                cov.empty_writes += (ok_map && s & 3 == 0) as usize;
                let resp = if ok_map && (s & 3 == 3 || s & 3 == 0) {
                    OKAY
                } else {
                    SLVERR
                };
                cov.write_errors += (resp == SLVERR) as usize;
                b_due = Some((c + 1, resp));
                (aw, w) = (None, None);
                wrote = true;
            }
        }
        if !wrote && bus_w {
            return err("bus write outside a write transaction".into());
        }
        if let Some((ca, a)) = ar {
            let slot = if c == ca + 1 && wrote { None } else { Some(c) };
            if c == ca + 1 && wrote {
                cov.read_waits += 1;
                if bus_r {
                    return err("read issued in a write's bus cycle".into());
                }
            }
            if let Some(c_issue) = slot {
                if c_issue > ca + 2 {
                    return err("read waited more than one cycle".into());
                }
                let ok_map = mapped(&map, a);
                if ok_map != bus_r {
                    return err(format!("bus read {bus_r}, expected {ok_map} (word {a:#x})"));
                }
                if ok_map && y[out::ADDR] as u16 != a {
                    return err("bus read address".into());
                }
                r_read = Some(c);
                ar = None;
                if !ok_map {
                    cov.read_errors += 1;
                    r_due = Some((c + 1 + BUS_LATENCY, 0, SLVERR));
                }
            }
        } else if bus_r {
            return err("bus read outside a read transaction".into());
        }
        if let Some(cr) = r_read {
            if c == cr + BUS_LATENCY {
                if r_due.is_none() {
                    r_due = Some((c + 1, x[inp::RDATA], OKAY));
                }
                r_read = None;
            }
        }
        // Responses.
        if let Some((due, resp)) = b_due {
            if c >= due {
                if y[out::BVALID] == 0 || y[out::BRESP] != resp {
                    return err(format!("expected B {resp:#b} from cycle {due}"));
                }
                if x[inp::BREADY] != 0 {
                    b_due = None;
                    cov.writes += 1;
                } else {
                    cov.b_stalled += 1;
                }
            } else if y[out::BVALID] != 0 {
                return err("B early".into());
            }
        } else if y[out::BVALID] != 0 {
            return err("B without a write".into());
        }
        if let Some((due, data, resp)) = r_due {
            if c >= due {
                if y[out::RVALID] == 0 || y[out::RDATA] != data || y[out::RRESP] != resp {
                    return err(format!("expected R {data:#x}/{resp:#b} from cycle {due}"));
                }
                if x[inp::RREADY] != 0 {
                    r_due = None;
                    cov.reads += 1;
                } else {
                    cov.r_stalled += 1;
                }
            } else if y[out::RVALID] != 0 {
                return err("R early".into());
            }
        } else if y[out::RVALID] != 0 {
            return err("R without a read".into());
        }
        // Handshakes (complete at this cycle's edge).
        let aw_hs = x[inp::AWVALID] != 0 && y[out::AWREADY] != 0;
        let w_hs = x[inp::WVALID] != 0 && y[out::WREADY] != 0;
        if aw_hs {
            if aw.is_some() || b_due.is_some() {
                return err("second AW accepted".into());
            }
            aw = Some((c, (x[inp::AWADDR] >> 2) as u16));
        }
        if w_hs {
            if w.is_some() || b_due.is_some() {
                return err("second W accepted".into());
            }
            w = Some((c, x[inp::WDATA] as u16, x[inp::WSTRB]));
        }
        match (aw_hs, w_hs) {
            (true, true) => cov.aw_w_together += 1,
            (true, false) if w.is_none() => cov.aw_first += 1,
            (false, true) if aw.is_none() => cov.w_first += 1,
            _ => {}
        }
        if x[inp::ARVALID] != 0 && y[out::ARREADY] != 0 {
            if ar.is_some() || r_read.is_some() || r_due.is_some() {
                return err("second AR accepted".into());
            }
            ar = Some((c, (x[inp::ARADDR] >> 2) as u16));
        }
        prev = Some((x, y));
    }
    Ok(cov)
}

/// The slave as a harness unit (proven in rust-hdl, Icarus and Verilator).
pub struct AxiLiteUnit {
    pub cfg: Config,
}

impl AxiLiteUnit {
    pub fn new(cfg: &Config) -> AxiLiteUnit {
        AxiLiteUnit { cfg: cfg.clone() }
    }
    fn build(&self) -> AxiLite {
        let mut b = AxiLite::new(&self.cfg);
        b.connect_all();
        b
    }
}

/// Vectors of the unit.
pub const VECTORS: usize = 6000;

impl HwUnit for AxiLiteUnit {
    fn name(&self) -> &'static str {
        "axi_lite"
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
    }
    fn vectors(&self, seed: u64) -> Vectors {
        traffic(&self.cfg, seed, VECTORS)
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let mut b = self.build();
        fn clk(b: &mut AxiLite) -> &mut Signal<In, Clock> {
            &mut b.clock
        }
        super::cycle(&mut b, clk, |_| {}, |_| ());
        inputs
            .iter()
            .map(|x| {
                super::cycle(
                    &mut b,
                    clk,
                    |b| {
                        b.s_axi_aresetn.next = x[inp::ARESETN] != 0;
                        b.s_axi_awaddr.next = to_bits(x[inp::AWADDR]);
                        b.s_axi_awvalid.next = x[inp::AWVALID] != 0;
                        b.s_axi_wdata.next = to_bits(x[inp::WDATA]);
                        b.s_axi_wstrb.next = to_bits(x[inp::WSTRB]);
                        b.s_axi_wvalid.next = x[inp::WVALID] != 0;
                        b.s_axi_bready.next = x[inp::BREADY] != 0;
                        b.s_axi_araddr.next = to_bits(x[inp::ARADDR]);
                        b.s_axi_arvalid.next = x[inp::ARVALID] != 0;
                        b.s_axi_rready.next = x[inp::RREADY] != 0;
                        b.rdata.next = to_bits(x[inp::RDATA]);
                    },
                    |b| {
                        vec![
                            b.s_axi_awready.val() as u64,
                            b.s_axi_wready.val() as u64,
                            b.s_axi_bresp.val().to_u64(),
                            b.s_axi_bvalid.val() as u64,
                            b.s_axi_arready.val() as u64,
                            b.s_axi_rdata.val().to_u64(),
                            b.s_axi_rresp.val().to_u64(),
                            b.s_axi_rvalid.val() as u64,
                            b.addr.val().to_u64(),
                            b.wdata.val().to_u64(),
                            b.we.val() as u64,
                            b.re.val() as u64,
                        ]
                    },
                )
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// The SoC wrapper

/// Ports of [`engine_axi_verilog`]'s module after `clock`: (name, direction, bits).
pub const ENGINE_AXI_PORTS: [(&str, &str, u32); 20] = [
    ("s_axi_aresetn", "input", 1),
    ("s_axi_awaddr", "input", 18),
    ("s_axi_awvalid", "input", 1),
    ("s_axi_awready", "output", 1),
    ("s_axi_wdata", "input", 32),
    ("s_axi_wstrb", "input", 4),
    ("s_axi_wvalid", "input", 1),
    ("s_axi_wready", "output", 1),
    ("s_axi_bresp", "output", 2),
    ("s_axi_bvalid", "output", 1),
    ("s_axi_bready", "input", 1),
    ("s_axi_araddr", "input", 18),
    ("s_axi_arvalid", "input", 1),
    ("s_axi_arready", "output", 1),
    ("s_axi_rdata", "output", 32),
    ("s_axi_rresp", "output", 2),
    ("s_axi_rvalid", "output", 1),
    ("s_axi_rready", "input", 1),
    ("busy", "output", 1),
    ("irq", "output", 1),
];

/// `engine_axi`: the SoC top — [`AxiLite`] (module `axi_lite`, `units/axi_lite.v`) in front of the
/// engine (module `engine`, `engine.v`). `busy` is the engine's; `irq` is its `done` (a level: high
/// from the end of a step until the next start, i.e. STATUS bit 1), for a level-sensitive
/// interrupt. Written in rust-hdl's declaration style (so the flow reads its ports).
pub fn engine_axi_verilog() -> String {
    let mut names = vec!["clock"];
    names.extend(ENGINE_AXI_PORTS.iter().map(|p| p.0));
    let mut s = format!("module engine_axi({});\n", names.join(","));
    let width = |b: u32| {
        if b == 1 {
            String::from(" ")
        } else {
            format!(" [{}:0] ", b - 1)
        }
    };
    s += "    input wire  clock;\n";
    for (n, d, b) in ENGINE_AXI_PORTS {
        s += &format!("    {d} wire{}{n};\n", width(b));
    }
    s += "    // The engine's host bus between the slave and the engine.\n";
    s += "    wire [15:0] bus_addr;\n    wire [15:0] bus_wdata;\n    wire bus_we;\n    wire bus_re;\n";
    s += "    wire [15:0] bus_rdata;\n    wire done;\n";
    s += "    axi_lite bridge(\n        .clock(clock),\n";
    for (n, _, _) in &ENGINE_AXI_PORTS[..18] {
        s += &format!("        .{n}({n}),\n");
    }
    s += "        .addr(bus_addr),\n        .wdata(bus_wdata),\n        .we(bus_we),\n        .re(bus_re),\n        .rdata(bus_rdata)\n    );\n";
    s += "    engine core(\n        .clock(clock),\n        .addr(bus_addr),\n        .wdata(bus_wdata),\n        .we(bus_we),\n        .re(bus_re),\n        .rdata(bus_rdata),\n        .busy(busy),\n        .done(done)\n    );\n";
    s += "    assign irq = done;\nendmodule // engine_axi\n";
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rusthdl_equals_model() {
        let u = AxiLiteUnit::new(&Config::default());
        let mut v = u.vectors(11);
        v.vectors.truncate(1500);
        let r = harness::check_rusthdl(&u, &v);
        assert_eq!(r.mismatches, 0, "{}", r.report.join("\n"));
    }

    #[test]
    fn axi_lite_three_simulators() {
        let n = harness::prove_unit(&AxiLiteUnit::new(&Config::default()));
        assert!(n >= 1000);
    }

    /// The model's traffic obeys the AXI rules and the documented mapping, and covers every case.
    #[test]
    fn axi_traffic_obeys_the_rules_and_covers() {
        let cfg = Config::default();
        let v = traffic(&cfg, harness::DEFAULT_SEED, VECTORS);
        let c = monitor(&cfg, &v).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("{c:?}");
        assert!(c.writes >= 300 && c.reads >= 300, "{c:?}");
        for (what, n) in [
            ("AW before W", c.aw_first),
            ("W before AW", c.w_first),
            ("AW and W together", c.aw_w_together),
            ("B back-pressure", c.b_stalled),
            ("R back-pressure", c.r_stalled),
            ("AW waiting (back to back)", c.aw_waiting),
            ("AR waiting (back to back)", c.ar_waiting),
            ("write SLVERR", c.write_errors),
            ("read SLVERR", c.read_errors),
            ("strobes 00", c.empty_writes),
            ("reset", c.resets),
            ("read behind a write", c.read_waits),
        ] {
            assert!(n >= 3, "{what}: only {n} ({c:?})");
        }
    }

    /// The monitor can fail: a dropped bvalid, a changed rdata while stalled, a spurious bus write.
    #[test]
    fn axi_monitor_catches_violations() {
        let cfg = Config::default();
        let v = traffic(&cfg, 5, 800);
        assert!(monitor(&cfg, &v).is_ok());
        let find = |f: &dyn Fn(&[u64], &[u64]) -> bool| {
            v.vectors
                .iter()
                .position(|t| f(&t.inputs, &t.expect))
                .expect("case in trace")
        };
        let mut bad = v.clone();
        let i = find(&|x, y| y[out::BVALID] == 1 && x[inp::BREADY] == 0);
        bad.vectors[i + 1].expect[out::BVALID] = 0;
        assert!(monitor(&cfg, &bad).is_err(), "dropped bvalid");
        let mut bad = v.clone();
        let i = find(&|x, y| y[out::RVALID] == 1 && x[inp::RREADY] == 0);
        bad.vectors[i + 1].expect[out::RDATA] ^= 1;
        assert!(monitor(&cfg, &bad).is_err(), "rdata changed");
        let mut bad = v.clone();
        let i = find(&|x, y| x[inp::ARESETN] == 1 && y[out::WE] == 0 && y[out::RE] == 0);
        bad.vectors[i].expect[out::WE] = 1;
        assert!(monitor(&cfg, &bad).is_err(), "spurious write");
    }

    /// The documented latencies, cycle by cycle, on the block itself.
    #[test]
    fn axi_latency_per_transaction() {
        let cfg = Config::default();
        let mut x: AxiInputs = [0; 11];
        x[inp::ARESETN] = 1;
        x[inp::BREADY] = 1;
        x[inp::RREADY] = 1;
        let u = AxiLiteUnit::new(&cfg);
        // Write ETA (word 3) = 0x1234: AW and W in cycle 0.
        let mut w = x;
        (w[inp::AWADDR], w[inp::AWVALID]) = (4 * 3, 1);
        (w[inp::WDATA], w[inp::WSTRB], w[inp::WVALID]) = (0xdead_1234, 0xf, 1);
        let rows = vec![w.to_vec(), x.to_vec(), x.to_vec(), x.to_vec()];
        let y = u.run_rusthdl(&rows);
        assert_eq!((y[0][out::AWREADY], y[0][out::WREADY]), (1, 1));
        assert_eq!(
            (y[1][out::WE], y[1][out::ADDR], y[1][out::WDATA]),
            (1, 3, 0x1234)
        );
        assert_eq!(y[WRITE_LATENCY][out::BVALID], 1);
        assert!((0..WRITE_LATENCY).all(|c| y[c][out::BVALID] == 0));
        assert_eq!(y[3][out::AWREADY], 1, "next write accepted in t+3");
        // Read word 3: AR in cycle 0, the bus read in cycle 1, bus rdata 0xabcd in cycle 3.
        let mut a = x;
        (a[inp::ARADDR], a[inp::ARVALID]) = (4 * 3, 1);
        let mut d = x;
        d[inp::RDATA] = 0xabcd;
        let mut rows = vec![x.to_vec(); READ_LATENCY + 2];
        rows[0] = a.to_vec();
        rows[1 + BUS_LATENCY] = d.to_vec();
        let y = u.run_rusthdl(&rows);
        assert_eq!(y[0][out::ARREADY], 1);
        assert_eq!((y[1][out::RE], y[1][out::ADDR]), (1, 3));
        assert!((0..READ_LATENCY).all(|c| y[c][out::RVALID] == 0));
        assert_eq!(
            (y[READ_LATENCY][out::RVALID], y[READ_LATENCY][out::RDATA]),
            (1, 0xabcd)
        );
        assert_eq!(
            y[READ_LATENCY + 1][out::ARREADY],
            1,
            "next read accepted in t+5"
        );
        assert_eq!(y[READ_LATENCY][out::ARREADY], 0);
    }

    #[test]
    fn wrapper_ports_parse() {
        let v = engine_axi_verilog();
        let p = crate::flow::verilog::ports(&v, "engine_axi").expect("module engine_axi");
        assert_eq!(p.len(), 21);
        assert_eq!((p[0].name.as_str(), p[0].bits), ("clock", 1));
        assert!(p.iter().any(|q| q.name == "s_axi_rdata" && q.bits == 32));
        assert!(p.iter().any(|q| q.name == "irq" && q.bits == 1));
    }

    /// A stand-in for module `engine` (same ports): a 64 K-word register memory behind a request
    /// register (read latency 2, start two cycles after the CTRL write),
    /// STATUS = {done, busy}, and a 20-cycle "step" after a CTRL start. `STUB_BROKEN` flips bit 0 of
    /// every read (the testbench must notice).
    const ENGINE_STUB: &str = "module engine(clock,addr,wdata,we,re,rdata,busy,done);
    input wire clock;
    input wire [15:0] addr;
    input wire [15:0] wdata;
    input wire we;
    input wire re;
    output reg [15:0] rdata;
    output reg busy;
    output reg done;
    reg [15:0] mem [0:65535];
    reg [15:0] a_q;
    reg [15:0] d_q;
    reg we_q;
    reg re_q;
    integer cnt;
    initial begin
        rdata = 16'h0; busy = 1'b0; done = 1'b0; cnt = 0;
        a_q = 16'h0; d_q = 16'h0; we_q = 1'b0; re_q = 1'b0;
    end
    always @(posedge clock) begin
        a_q <= addr; d_q <= wdata; we_q <= we; re_q <= re;
        rdata <= 16'h0;
        if (we_q) begin
            mem[a_q] <= d_q;
            if (a_q == 16'h0 && d_q[0]) begin busy <= 1'b1; done <= 1'b0; cnt <= 20; end
        end else if (re_q) begin
`ifdef STUB_BROKEN
            rdata <= (a_q == 16'h1) ? {14'h0, done, busy} : mem[a_q] ^ 16'h1;
`else
            rdata <= (a_q == 16'h1) ? {14'h0, done, busy} : mem[a_q];
`endif
        end
        if (busy) begin
            if (cnt == 0) begin busy <= 1'b0; done <= 1'b1; end else cnt <= cnt - 1;
        end
    end
endmodule
";

    /// Compile testbenches/engine_axi_tb.sv with the wrapper, the slave and `engine_v` in Icarus
    /// (under target/hwbuild/<dir>/) and run it; returns (checks, errors, wlat, rlat).
    fn run_engine_axi_tb(dir: &str, engine_v: &str, defines: &[&str]) -> [i64; 4] {
        let cfg = Config::default();
        let d = harness::target_dir().join("hwbuild").join(dir);
        std::fs::create_dir_all(&d).unwrap();
        let files = [
            ("engine_axi.v", engine_axi_verilog()),
            ("axi_lite.v", harness::emitted(&AxiLiteUnit::new(&cfg))),
            ("engine.v", engine_v.to_string()),
        ];
        let mut cmd = std::process::Command::new("iverilog");
        cmd.args(["-g2012", "-s", "engine_axi_tb", "-o"])
            .arg(d.join("sim.vvp"));
        for def in defines {
            cmd.arg(format!("-D{def}"));
        }
        cmd.arg(harness::root().join("testbenches").join("engine_axi_tb.sv"));
        for (f, text) in &files {
            std::fs::write(d.join(f), text).unwrap();
            cmd.arg(d.join(f));
        }
        let o = harness::run_tool(&mut cmd, "icarus").unwrap_or_else(|e| panic!("{e:#}"));
        harness::check_ok(&o, "iverilog engine_axi_tb").unwrap_or_else(|e| panic!("{e:#}"));
        let o = harness::run_tool(
            std::process::Command::new("vvp")
                .arg("-n")
                .arg(d.join("sim.vvp")),
            "icarus",
        )
        .unwrap_or_else(|e| panic!("{e:#}"));
        harness::check_ok(&o, "vvp engine_axi_tb").unwrap_or_else(|e| panic!("{e:#}"));
        let out = String::from_utf8_lossy(&o.stdout).to_string();
        let line = out
            .lines()
            .find(|l| l.starts_with("RESULT "))
            .unwrap_or_else(|| panic!("no RESULT line:\n{out}"));
        let field = |k: &str| -> i64 {
            line.split_whitespace()
                .find_map(|f| f.strip_prefix(k))
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{k} in `{line}`"))
        };
        eprintln!("{out}");
        [
            field("checks="),
            field("errors="),
            field("wlat="),
            field("rlat="),
        ]
    }

    /// The wrapper's testbench against the stub engine: every check passes, the latencies are the
    /// documented ones; with a broken stub the testbench reports errors.
    #[test]
    fn engine_axi_tb_with_stub_engine() {
        let [checks, errors, wlat, rlat] = run_engine_axi_tb("engine_axi_stub", ENGINE_STUB, &[]);
        assert_eq!(errors, 0);
        assert!(checks >= 20, "{checks} checks");
        assert_eq!((wlat, rlat), (WRITE_LATENCY as i64, READ_LATENCY as i64));
        let [_, errors, _, _] =
            run_engine_axi_tb("engine_axi_stub_broken", ENGINE_STUB, &["STUB_BROKEN"]);
        assert!(errors > 0, "the testbench missed a broken read path");
    }

    /// The testbench's byte addresses are 4 × the default register map's words.
    #[test]
    fn engine_axi_tb_addresses_follow_the_map() {
        use super::super::regfile::{WinKind, BATCH, CTRL, ETA, STATUS};
        let tb = include_str!("../../testbenches/engine_axi_tb.sv");
        let map = RegMap::new(&Config::default());
        let w = map.window(WinKind::W(0)).addr(1, 2);
        assert!(!mapped(&map, 0x0100));
        for (name, word) in [
            ("CTRL", CTRL),
            ("STATUS", STATUS),
            ("BATCH", BATCH),
            ("ETA", ETA),
            ("W", w),
            ("UNMAPPED", 0x0100),
        ] {
            let line = format!(
                "localparam [17:0] {name}_ADDR = 18'h{:05x};",
                4 * word as u32
            );
            assert!(tb.contains(&line), "testbench lacks `{line}`");
        }
    }

    /// The wrapper's testbench against the generated engine (default config, the text of
    /// `engine.v`): register and window accesses through AXI, STATUS, one training step until `irq`.
    #[test]
    fn engine_axi_tb_with_the_engine() {
        let v = crate::flow::engine_verilog(&Config::default());
        let [checks, errors, wlat, rlat] = run_engine_axi_tb("engine_axi", &v, &[]);
        assert_eq!(errors, 0);
        assert!(checks >= 20, "{checks} checks");
        assert_eq!((wlat, rlat), (WRITE_LATENCY as i64, READ_LATENCY as i64));
    }
}
