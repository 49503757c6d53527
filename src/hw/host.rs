//! The engine's host interface as a trait, [`HostBus`], so one host program (load the weights, write
//! a batch, start, wait for `done`, read back) drives every RTL engine: the rust-hdl simulation
//! ([`super::driver::EngineSim`]) and the emitted Verilog through Verilator ([`VerilatorEngine`]).
//! [`super::driver`]'s co-simulation and training loop are generic over it.
//!
//! # Bus protocol (module doc of [`super::regfile`]; read latency [`regfile::BUS_LATENCY`] = 2)
//! ```text
//!   cycle   t            t+1            t+2            t+3
//!   bus     re,addr      re,addr'       idle           idle
//!   rdata   –            –              word(addr)     word(addr')   (reads pipeline: one word per cycle)
//! ```
//! - [`HostBus::tick`]: one clock cycle with these bus inputs (applied with the falling edge);
//!   returns `rdata` sampled during the cycle, before the rising edge.
//! - A write is one cycle; `N` pipelined reads take `N + 2` cycles ([`HostBus::read_many`]).
//! - A step: the batch, the update registers and `CTRL = 1` ([`HostBus::start_step`], one
//!   [`HostBus::write_many`]), two idle cycles (the request register, then start reaches the
//!   sequencer), then
//!   [`HostBus::run_until_done`]: the cycles until the `done` output rises, which are exactly the
//!   sequencer's busy cycles (`busy` rises in the cycle after start, `done` with the edge that
//!   clears `busy`; `sequencer` module doc).
//!
//! Both implementations count the same cycles for the same program ([`HostBus::cycles`],
//! [`HostBus::busy_cycles`]), so the counters are part of what the parity tests compare.
//!
//! # Verilator (`VerilatorEngine`)
//! The emitted engine (`flow::sources(cfg)`, top `engine`, ports `clock addr[16] wdata[16] we re
//! rdata[16] busy done`) is built by [`crate::flow::verilated`] (our own dlopen'ed shim; the module
//! doc there says why not `marlin`) and cached under `target/verilated/` keyed on the Verilog text
//! and the build options. The host side costs one FFI call per *block*, never per word: a block of
//! writes is one [`Script`] (one row per cycle), a block of reads is one script sampling `rdata`,
//! and a step's busy cycles are one [`Sim::run_until`] on `done`.

use super::regfile::{self, RegMap, WinKind};
use crate::config::Config;
use crate::flow::verilated::{self, BuildOpts, Script, Sim, VerilatedDesign};
use crate::golden::{Net, UpdateRegs};
use anyhow::{anyhow, bail, Context, Result};
use std::time::Instant;

/// Where golden and an engine first differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub step: usize,
    /// `W`, `V`, `LFSR`, `CORRECT` or `SAT_*`.
    pub what: String,
    pub layer: usize,
    pub row: usize,
    pub col: usize,
    pub expected: i64,
    pub actual: i64,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "step {}: {}{} [{}][{}]: expected {} (golden), got {} (engine)",
            self.step, self.what, self.layer, self.row, self.col, self.expected, self.actual
        )
    }
}

impl Mismatch {
    fn scalar(step: usize, what: &str, expected: i64, actual: i64) -> Mismatch {
        Mismatch {
            step,
            what: what.into(),
            layer: 0,
            row: 0,
            col: 0,
            expected,
            actual,
        }
    }
}

/// The first difference of W, V (every layer, row-major) and the LFSR between golden's network and
/// an engine's (read back with [`HostBus::read_net`]).
pub fn diff(step: usize, golden: &Net, engine: &Net) -> Option<Mismatch> {
    for (l, (g, e)) in golden.layers.iter().zip(&engine.layers).enumerate() {
        for (what, gv, ev) in [("W", &g.w, &e.w), ("V", &g.v, &e.v)] {
            if let Some(i) = (0..gv.len()).find(|&i| gv[i] != ev[i]) {
                return Some(Mismatch {
                    step,
                    what: what.into(),
                    layer: l,
                    row: i / g.n_out,
                    col: i % g.n_out,
                    expected: gv[i] as i64,
                    actual: ev[i] as i64,
                });
            }
        }
    }
    (golden.lfsr.state != engine.lfsr.state).then(|| {
        Mismatch::scalar(
            step,
            "LFSR",
            golden.lfsr.state as i64,
            engine.lfsr.state as i64,
        )
    })
}

/// The host's view of an engine: its bus, one cycle at a time or in blocks, and `done`.
///
/// Implementors provide [`HostBus::tick`], [`HostBus::run_until_done`], the counters and the
/// register map; they may override [`HostBus::write_many`] and [`HostBus::read_many`] with batched
/// versions (same cycles, same data). Everything else is a host program on top, shared by every
/// engine.
pub trait HostBus {
    /// Short name for reports (`rtl`, `verilator`).
    fn name(&self) -> &'static str;
    /// The register map the engine was generated with.
    fn map(&self) -> &RegMap;
    /// One clock cycle with these bus inputs; `rdata` sampled during the cycle.
    fn tick(&mut self, addr: u16, wdata: u16, we: bool, re: bool) -> u16;
    /// Idle cycles until the `done` output is 1 (checked before each cycle), at most `max`;
    /// `Some(cycles run)` (0 if it already is), `None` if it did not rise.
    fn run_until_done(&mut self, max: u64) -> Option<u64>;
    /// Clock cycles simulated so far.
    fn cycles(&self) -> u64;
    /// Cycles with the sequencer busy so far.
    fn busy_cycles(&self) -> u64;
    /// Cycles so far in which a memory read a word in the cycle it wrote it (the assumption behind
    /// the emitted memories' `(* no_rw_check *)`); only the rust-hdl engine can tell (0 elsewhere).
    fn rw_collisions(&self) -> u64 {
        0
    }

    fn write(&mut self, addr: u16, v: u16) {
        self.tick(addr, v, true, false);
    }
    /// One write per cycle, in order.
    fn write_many(&mut self, w: &[(u16, u16)]) {
        for &(a, v) in w {
            self.write(a, v);
        }
    }
    /// Pipelined reads: one address per cycle, then [`regfile::BUS_LATENCY`] idle cycles for the
    /// last words.
    fn read_many(&mut self, addrs: &[u16]) -> Vec<u16> {
        if addrs.is_empty() {
            return Vec::new();
        }
        let mut all = Vec::with_capacity(addrs.len() + regfile::BUS_LATENCY);
        for &a in addrs {
            all.push(self.tick(a, 0, false, true));
        }
        for _ in 0..regfile::BUS_LATENCY {
            all.push(self.tick(0, 0, false, false));
        }
        all.split_off(regfile::BUS_LATENCY)
    }
    fn read(&mut self, addr: u16) -> u16 {
        self.read_many(&[addr])[0]
    }

    /// Every address of a window, row-major.
    fn window_addrs(&self, kind: WinKind) -> Vec<u16> {
        let w = self.map().window(kind);
        (0..w.rows)
            .flat_map(|r| (0..w.cols).map(move |c| w.addr(r, c)))
            .collect()
    }
    /// Write a matrix (row-major, raw 16-bit values) into a window.
    fn write_window(&mut self, kind: WinKind, vals: &[i32]) {
        let w = window_writes(self.map(), kind, vals);
        self.write_many(&w);
    }
    /// A whole window, row-major, sign-extended.
    fn read_window(&mut self, kind: WinKind) -> Vec<i32> {
        let addrs = self.window_addrs(kind);
        self.read_many(&addrs)
            .into_iter()
            .map(|v| v as i16 as i32)
            .collect()
    }
    /// Load W_aug and V of every layer and the LFSR state from a golden net (one block of writes).
    fn load_net(&mut self, net: &Net) {
        let mut w = Vec::new();
        for (l, layer) in net.layers.iter().enumerate() {
            w.extend(window_writes(self.map(), WinKind::W(l), &layer.w));
            w.extend(window_writes(self.map(), WinKind::V(l), &layer.v));
        }
        w.extend(lfsr_writes(net.lfsr.state));
        self.write_many(&w);
    }
    /// The engine's state (W, V of every layer, LFSR) as a copy of `template` (one block of reads).
    fn read_net(&mut self, template: &Net) -> Net {
        let mut addrs = Vec::new();
        for l in 0..template.layers.len() {
            addrs.extend(self.window_addrs(WinKind::W(l)));
            addrs.extend(self.window_addrs(WinKind::V(l)));
        }
        addrs.extend([regfile::LFSR_LO, regfile::LFSR_HI]);
        let v = self.read_many(&addrs);
        let mut net = template.clone();
        let mut k = 0;
        for layer in &mut net.layers {
            for m in [&mut layer.w, &mut layer.v] {
                for x in m.iter_mut() {
                    *x = v[k] as i16 as i32;
                    k += 1;
                }
            }
        }
        net.lfsr.state = v[k] as u32 | (v[k + 1] as u32) << 16;
        net
    }
    fn set_lfsr(&mut self, state: u32) {
        self.write_many(&lfsr_writes(state));
    }
    fn lfsr(&mut self) -> u32 {
        let v = self.read_many(&[regfile::LFSR_LO, regfile::LFSR_HI]);
        v[0] as u32 | (v[1] as u32) << 16
    }
    fn set_update_regs(&mut self, r: &UpdateRegs) {
        self.write_many(&update_reg_writes(r));
    }
    /// Write a mini-batch (inputs already quantized, `labels.len()` samples) and BATCH.
    fn write_batch(&mut self, x: &[i32], labels: &[u8]) {
        let w = batch_writes(self.map(), x, labels);
        self.write_many(&w);
    }
    /// Batch, update registers and `CTRL = 1` as one block of writes, then the
    /// [`regfile::BUS_LATENCY`] idle cycles in which start reaches the sequencer.
    /// [`HostBus::run_until_done`] follows.
    fn start_step(&mut self, x: &[i32], labels: &[u8], regs: &UpdateRegs) {
        let mut w = batch_writes(self.map(), x, labels);
        w.extend(update_reg_writes(regs));
        w.push((regfile::CTRL, 1));
        self.write_many(&w);
        self.settle_start();
    }
    /// The idle cycles after a CTRL write until start reaches the sequencer (the bus latency).
    fn settle_start(&mut self) {
        for _ in 0..regfile::BUS_LATENCY {
            self.tick(0, 0, false, false);
        }
    }
    /// Start one step (batch and registers already written) and wait for done; the step's busy
    /// cycles. Panics if the engine does not finish within 50 M cycles.
    fn run_step(&mut self) -> u64 {
        self.write(regfile::CTRL, 1);
        self.settle_start();
        self.run_until_done(50_000_000)
            .expect("the engine never raised done")
    }
    fn correct(&mut self) -> u16 {
        self.read(regfile::CORRECT)
    }
    /// Saturation counters (acc, act, err, mom, weight) of the last step.
    fn sat(&mut self) -> [u64; 5] {
        let addrs: Vec<u16> = (0..10).map(|k| regfile::SAT_BASE + k).collect();
        let v = self.read_many(&addrs);
        std::array::from_fn(|k| v[2 * k] as u64 | (v[2 * k + 1] as u64) << 16)
    }
    /// CORRECT and the saturation counters of the last step in one block of reads.
    fn step_counters(&mut self) -> (u16, [u64; 5]) {
        let mut addrs = vec![regfile::CORRECT];
        addrs.extend((0..10).map(|k| regfile::SAT_BASE + k));
        let v = self.read_many(&addrs);
        let sat = std::array::from_fn(|k| v[1 + 2 * k] as u64 | (v[2 + 2 * k] as u64) << 16);
        (v[0], sat)
    }
    /// Compare W, V of every layer and the LFSR with golden's net; the first difference.
    fn compare(&mut self, net: &Net, step: usize) -> Option<Mismatch> {
        let e = self.read_net(net);
        diff(step, net, &e)
    }
}

/// The writes of a window's values (row-major, raw 16-bit).
pub fn window_writes(map: &RegMap, kind: WinKind, vals: &[i32]) -> Vec<(u16, u16)> {
    let w = map.window(kind);
    assert!(vals.len() <= w.rows * w.cols, "{kind:?}: too many values");
    vals.iter()
        .enumerate()
        .map(|(i, &v)| (w.addr(i / w.cols, i % w.cols), v as u16))
        .collect()
}

fn lfsr_writes(state: u32) -> Vec<(u16, u16)> {
    vec![
        (regfile::LFSR_LO, state as u16),
        (regfile::LFSR_HI, (state >> 16) as u16),
    ]
}

fn update_reg_writes(r: &UpdateRegs) -> Vec<(u16, u16)> {
    vec![
        (regfile::ETA, r.eta as u16),
        (regfile::MU, r.mu as u16),
        (regfile::ONE_MINUS_MU, r.g_coef.unwrap_or(0) as u16),
        (regfile::TWO_LAMBDA, r.wd as u16),
    ]
}

/// X, LABELS and BATCH.
fn batch_writes(map: &RegMap, x: &[i32], labels: &[u8]) -> Vec<(u16, u16)> {
    let mut w = window_writes(map, WinKind::X, x);
    let l: Vec<i32> = labels.iter().map(|&v| v as i32).collect();
    w.extend(window_writes(map, WinKind::Labels, &l));
    w.push((regfile::BATCH, labels.len() as u16));
    w
}

// ---------------------------------------------------------------------------------------------
// Verilator

/// The top module of the emitted engine and the bus ports a host needs.
pub const ENGINE_TOP: &str = "engine";
const BUS_PORTS: [&str; 7] = ["addr", "wdata", "we", "re", "rdata", "busy", "done"];

/// How the Verilator model was obtained.
#[derive(Debug, Clone)]
pub struct BuildInfo {
    /// Seconds spent in [`VerilatorEngine::design`] (tool runs, or the cache lookup and dlopen).
    pub seconds: f64,
    /// The library came from `target/verilated/` (no tool ran).
    pub cache_hit: bool,
    /// The cache directory (library, generated C++, logs).
    pub dir: std::path::PathBuf,
}

/// The emitted engine simulated by Verilator, driven through its bus ports.
pub struct VerilatorEngine {
    sim: Sim,
    map: RegMap,
    /// Port indices: addr, wdata, we, re, done (`rdata` is sampled by `rd`).
    addr: usize,
    wdata: usize,
    we: usize,
    re: usize,
    done: usize,
    busy_cycles: u64,
    /// Writes only (nothing sampled); reads (sampling `rdata`). Reused between calls.
    wr: Script,
    rd: Script,
    out: Vec<u64>,
}

impl VerilatorEngine {
    /// Verilate (or take from the cache) the engine of `cfg`: its top module's file from
    /// [`crate::flow::sources`]. The tools are checked first, so a missing `verilator`, `make` or
    /// `g++` is a one-line error naming the install script whatever else is missing.
    pub fn design(cfg: &Config, opts: &BuildOpts) -> Result<(VerilatedDesign, BuildInfo)> {
        let t0 = Instant::now();
        verilated::check_tools(opts)?;
        let (sources, top) = crate::flow::sources(cfg);
        if top != ENGINE_TOP {
            bail!(
                "the engine's Verilog is not available yet (flow::sources emits top `{top}`, not \
                 `{ENGINE_TOP}`): --engine verilator needs the emitted engine top"
            );
        }
        let src = sources
            .iter()
            .find(|s| s.top == top)
            .ok_or_else(|| anyhow!("flow::sources lists no file with module `{top}`"))?;
        let d = VerilatedDesign::build_text(&src.verilog, &src.path, &top, opts)
            .context("building the Verilator model of the engine")?;
        let info = BuildInfo {
            seconds: t0.elapsed().as_secs_f64(),
            cache_hit: d.cache_hit(),
            dir: d.dir().to_path_buf(),
        };
        Ok((d, info))
    }

    /// A fresh engine of `design` (generated for `cfg`): one idle cycle run, as
    /// [`super::driver::EngineSim::new`] does.
    pub fn new(design: &VerilatedDesign, cfg: &Config) -> Result<VerilatorEngine> {
        for p in BUS_PORTS {
            let k = design.port(p)?;
            let bits = design.ports()[k].bits;
            let want = if matches!(p, "addr" | "wdata" | "rdata") {
                16
            } else {
                1
            };
            if bits != want {
                bail!(
                    "`{}`: port `{p}` is {bits} bits, expected {want}",
                    design.top()
                );
            }
        }
        let port = |n: &str| design.port(n).expect("checked above");
        let (addr, wdata, we, re, rdata) = (
            port("addr"),
            port("wdata"),
            port("we"),
            port("re"),
            port("rdata"),
        );
        let mut e = VerilatorEngine {
            sim: design.instantiate()?,
            map: RegMap::new(cfg),
            addr,
            wdata,
            we,
            re,
            done: port("done"),
            busy_cycles: 0,
            wr: Script::new(&[addr, wdata, we, re], &[]),
            rd: Script::new(&[addr, wdata, we, re], &[rdata]),
            out: Vec::new(),
        };
        e.tick(0, 0, false, false);
        Ok(e)
    }

    /// [`VerilatorEngine::design`] and [`VerilatorEngine::new`].
    pub fn build(cfg: &Config, opts: &BuildOpts) -> Result<(VerilatorEngine, BuildInfo)> {
        let (d, info) = Self::design(cfg, opts)?;
        Ok((Self::new(&d, cfg)?, info))
    }
}

impl HostBus for VerilatorEngine {
    fn name(&self) -> &'static str {
        "verilator"
    }
    fn map(&self) -> &RegMap {
        &self.map
    }
    fn tick(&mut self, addr: u16, wdata: u16, we: bool, re: bool) -> u16 {
        self.rd.clear();
        self.rd
            .push(&[addr as u64, wdata as u64, we as u64, re as u64]);
        self.sim.run_script_into(&self.rd, &mut self.out);
        self.out[0] as u16
    }
    fn write_many(&mut self, w: &[(u16, u16)]) {
        if w.is_empty() {
            return;
        }
        self.wr.clear();
        for &(a, v) in w {
            self.wr.push(&[a as u64, v as u64, 1, 0]);
        }
        self.sim.run_script_into(&self.wr, &mut self.out);
    }
    fn read_many(&mut self, addrs: &[u16]) -> Vec<u16> {
        if addrs.is_empty() {
            return Vec::new();
        }
        self.rd.clear();
        for &a in addrs {
            self.rd.push(&[a as u64, 0, 0, 1]);
        }
        for _ in 0..regfile::BUS_LATENCY {
            self.rd.push(&[0, 0, 0, 0]);
        }
        self.sim.run_script_into(&self.rd, &mut self.out);
        self.out[regfile::BUS_LATENCY..]
            .iter()
            .map(|&v| v as u16)
            .collect()
    }
    fn run_until_done(&mut self, max: u64) -> Option<u64> {
        // Idle bus while the engine runs (the last script row's inputs would otherwise repeat).
        for p in [self.addr, self.wdata, self.we, self.re] {
            self.sim.set(p, 0);
        }
        let n = self.sim.run_until(self.done, 1, max);
        // Counted also when `done` did not rise: those cycles were busy.
        self.busy_cycles += n.unwrap_or(max);
        n
    }
    fn cycles(&self) -> u64 {
        self.sim.cycles()
    }
    fn busy_cycles(&self) -> u64 {
        self.busy_cycles
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for the emitted engine with the same bus ports and protocol: a 64 Ki-word memory
    /// behind the bus request register (read latency 2, STATUS = {done, busy}), and a "step" that is busy for
    /// `3·BATCH + 5` cycles and then writes CORRECT = BATCH + ETA and increments the LFSR_LO word.
    /// It tests the Verilator host's mechanics (scripts, read latency, run_until on done, counters)
    /// against [`MockEngine`], its cycle-accurate Rust twin, while the real engine's Verilog is not
    /// emitted yet.
    const MOCK_V: &str = "module engine(clock,addr,wdata,we,re,rdata,busy,done);
    input wire clock;
    input wire [15:0] addr;
    input wire [15:0] wdata;
    input wire we;
    input wire re;
    output reg [15:0] rdata;
    output reg busy;
    output reg done;
    reg [15:0] mem [0:65535];
    reg start;
    reg [15:0] count;
    reg [15:0] a_q;
    reg [15:0] d_q;
    reg we_q;
    reg re_q;
    integer i;
    initial begin
        for (i = 0; i < 65536; i = i + 1) mem[i] = 16'h0;
        rdata = 16'h0; busy = 1'b0; done = 1'b0; start = 1'b0; count = 16'h0;
        a_q = 16'h0; d_q = 16'h0; we_q = 1'b0; re_q = 1'b0;
    end
    always @(posedge clock) begin
        a_q <= addr; d_q <= wdata; we_q <= we; re_q <= re;
        start <= we_q && a_q == 16'h0 && d_q[0];
        if (we_q && a_q != 16'h0) mem[a_q] <= d_q;
        rdata <= re_q ? (a_q == 16'h1 ? {14'h0, done, busy} : mem[a_q]) : 16'h0;
        if (start && !busy) begin
            busy <= 1'b1; done <= 1'b0; count <= 3 * mem[2] + 5;
        end else if (busy) begin
            if (count == 16'h1) begin
                busy <= 1'b0; done <= 1'b1;
                mem[9] <= mem[2] + mem[3];
                mem[7] <= mem[7] + 16'h1;
            end
            count <= count - 16'h1;
        end
    end
endmodule
";

    /// [`MOCK_V`] in Rust, cycle for cycle.
    struct MockEngine {
        map: RegMap,
        mem: Vec<u16>,
        rdata: u16,
        busy: bool,
        done: bool,
        start: bool,
        count: u16,
        /// The bus request register: addr, wdata, we, re.
        req: (u16, u16, bool, bool),
        cycles: u64,
        busy_cycles: u64,
    }

    impl MockEngine {
        fn new(cfg: &Config) -> MockEngine {
            let mut m = MockEngine {
                map: RegMap::new(cfg),
                mem: vec![0; 65536],
                rdata: 0,
                busy: false,
                done: false,
                start: false,
                count: 0,
                req: (0, 0, false, false),
                cycles: 0,
                busy_cycles: 0,
            };
            m.tick(0, 0, false, false);
            m
        }
    }

    impl HostBus for MockEngine {
        fn name(&self) -> &'static str {
            "mock"
        }
        fn map(&self) -> &RegMap {
            &self.map
        }
        fn tick(&mut self, addr: u16, wdata: u16, we: bool, re: bool) -> u16 {
            let (addr, wdata, we, re) = std::mem::replace(&mut self.req, (addr, wdata, we, re));
            let r = self.rdata;
            let a = addr as usize;
            self.busy_cycles += self.busy as u64;
            let start = we && addr == 0 && wdata & 1 == 1;
            let mut mem_w: Vec<(usize, u16)> = Vec::new();
            if we && addr != 0 {
                mem_w.push((a, wdata));
            }
            self.rdata = if re {
                if addr == 1 {
                    (self.done as u16) << 1 | self.busy as u16
                } else {
                    self.mem[a]
                }
            } else {
                0
            };
            let (mut busy, mut done, mut count) = (self.busy, self.done, self.count);
            if self.start && !self.busy {
                busy = true;
                done = false;
                count = 3u16.wrapping_mul(self.mem[2]).wrapping_add(5);
            } else if self.busy {
                if self.count == 1 {
                    busy = false;
                    done = true;
                    mem_w.push((9, self.mem[2].wrapping_add(self.mem[3])));
                    mem_w.push((7, self.mem[7].wrapping_add(1)));
                }
                count = self.count.wrapping_sub(1);
            }
            for (k, v) in mem_w {
                self.mem[k] = v;
            }
            (self.busy, self.done, self.count, self.start) = (busy, done, count, start);
            self.cycles += 1;
            r
        }
        fn run_until_done(&mut self, max: u64) -> Option<u64> {
            for n in 0..=max {
                if self.done {
                    return Some(n);
                }
                if n < max {
                    self.tick(0, 0, false, false);
                }
            }
            None
        }
        fn cycles(&self) -> u64 {
            self.cycles
        }
        fn busy_cycles(&self) -> u64 {
            self.busy_cycles
        }
    }

    /// One host program: windows, registers, two steps, reads; the trace of everything read and
    /// the counters after each part.
    fn program(h: &mut dyn HostBus) -> Vec<u64> {
        let mut t = Vec::new();
        let w: Vec<i32> = (0..65 * 32).map(|i| (i * 37 % 2001) - 1000).collect();
        h.write_window(WinKind::W(0), &w);
        let back = h.read_window(WinKind::W(0));
        assert_eq!(back, w, "{}: window round trip", h.name());
        t.extend(back.iter().map(|&v| v as u64));
        t.extend([h.cycles(), h.busy_cycles()]);
        let mut regs = UpdateRegs::new(&Config::default(), 0.01);
        (regs.eta, regs.mu, regs.g_coef, regs.wd) = (123, 7, Some(9), 3);
        for batch in [5usize, 32] {
            let x: Vec<i32> = (0..batch * 64).map(|i| i as i32).collect();
            let labels: Vec<u8> = (0..batch).map(|i| (i % 10) as u8).collect();
            h.start_step(&x, &labels, &regs);
            let busy = h.run_until_done(1000).expect("done");
            t.extend([busy, h.cycles(), h.busy_cycles()]);
            let (correct, sat) = h.step_counters();
            t.push(correct as u64);
            t.extend(sat);
            t.push(h.read(regfile::STATUS) as u64);
        }
        t.push(h.lfsr() as u64);
        h.set_lfsr(0xdead_beef);
        t.push(h.lfsr() as u64);
        h.write(regfile::BATCH, 1);
        t.push(h.run_step());
        t.extend([h.cycles(), h.busy_cycles()]);
        t
    }

    fn mock_design() -> VerilatedDesign {
        VerilatedDesign::build_verilog(MOCK_V, ENGINE_TOP, &BuildOpts::default())
            .unwrap_or_else(|e| panic!("{e:#}"))
    }

    /// The batched Verilator host (scripts, run_until) and a cycle-by-cycle Rust host give the same
    /// read data and cycle counts for the same program; the mock's step timing is what it says.
    #[test]
    fn verilator_host_matches_its_rust_twin() {
        let cfg = Config::default();
        let d = mock_design();
        let mut v = VerilatorEngine::new(&d, &cfg).unwrap();
        let mut m = MockEngine::new(&cfg);
        assert_eq!(v.cycles(), 1);
        let tv = program(&mut v);
        let tm = program(&mut m);
        assert_eq!(tv.len(), tm.len());
        if let Some(i) = (0..tv.len()).find(|&i| tv[i] != tm[i]) {
            panic!(
                "trace differs at {i}: verilator {} vs rust {}",
                tv[i], tm[i]
            );
        }
        // Step of batch 5: 3·5 + 5 busy cycles; CORRECT = BATCH + ETA; STATUS = done.
        let k = 65 * 32 + 2;
        assert_eq!(tv[k], 20);
        assert_eq!(tv[k + 3], 5 + 123);
        assert_eq!(tv[k + 9], 2);
        // The LFSR_LO word counted the three steps; the load took.
        let n = tv.len();
        assert_eq!(tv[n - 5], 2);
        assert_eq!(tv[n - 4], 0xdead_beef);
        assert_eq!(tv[n - 3], 3 + 5);
        assert_eq!(v.busy_cycles(), 20 + 101 + 8);
    }

    /// The same program on the batched host and on its per-cycle default methods (the trait's
    /// provided `write_many`/`read_many` through `tick`) agree: batching changes no cycle.
    #[test]
    fn batched_and_per_cycle_verilator_hosts_agree() {
        struct PerCycle(VerilatorEngine);
        impl HostBus for PerCycle {
            fn name(&self) -> &'static str {
                "per-cycle"
            }
            fn map(&self) -> &RegMap {
                self.0.map()
            }
            fn tick(&mut self, a: u16, d: u16, we: bool, re: bool) -> u16 {
                self.0.tick(a, d, we, re)
            }
            fn run_until_done(&mut self, max: u64) -> Option<u64> {
                self.0.run_until_done(max)
            }
            fn cycles(&self) -> u64 {
                self.0.cycles()
            }
            fn busy_cycles(&self) -> u64 {
                self.0.busy_cycles()
            }
        }
        let cfg = Config::default();
        let d = mock_design();
        let mut a = VerilatorEngine::new(&d, &cfg).unwrap();
        let mut b = PerCycle(VerilatorEngine::new(&d, &cfg).unwrap());
        assert_eq!(program(&mut a), program(&mut b));
    }

    #[test]
    fn run_until_done_gives_up_after_max() {
        let cfg = Config::default();
        let d = mock_design();
        let mut v = VerilatorEngine::new(&d, &cfg).unwrap();
        v.write(regfile::BATCH, 100);
        v.write(regfile::CTRL, 1);
        v.settle_start();
        assert_eq!(v.run_until_done(50), None);
        assert_eq!(v.run_until_done(1000), Some(305 - 50));
        assert_eq!(v.busy_cycles(), 305);
    }

    #[test]
    fn missing_tools_are_one_line_errors() {
        let opts = BuildOpts {
            path_env: Some("/nonexistent-mlp-rtl-path".into()),
            ..BuildOpts::default()
        };
        let e = VerilatorEngine::design(&Config::default(), &opts).expect_err("no tools");
        let msg = format!("{e:#}");
        assert!(msg.contains("verilator"), "{msg}");
        assert!(msg.contains("bash scripts/install-tools.sh"), "{msg}");
        assert_eq!(msg.lines().count(), 1, "{msg}");
    }
}
