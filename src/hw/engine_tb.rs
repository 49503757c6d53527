//! The whole engine as a harness unit ([`EngineUnit`]): the host bus is its ports, one vector per
//! clock cycle, and the vectors are a complete host program — load W and V of every layer and the
//! LFSR, then for each training step write X, LABELS, BATCH, ETA, MU, ONE_MINUS_MU, TWO_LAMBDA and
//! CTRL, stay idle until `done` (exactly the step's busy cycles of the cycle model), and read back
//! CORRECT, the saturation counters, every W and V word and the LFSR — with the expected bus
//! outputs taken from the golden model.
//!
//! # Ports (in vector order)
//! ```text
//!   inputs   addr[16] wdata[16] we re            (the host drives them on the falling edge)
//!   outputs  rdata[16] busy done                 (compared before the next rising edge)
//! ```
//!
//! # Where the program and the expectations come from
//! - The program is the Rust host's: [`program`] runs [`driver::cosim_on`] — the one host program
//!   of `mlp-rtl train --engine rtl|verilator`, generic over [`HostBus`] — with W, V and the LFSR
//!   read back after every step (`Check::EveryStep`) on a [`BusModel`], which records each bus
//!   cycle as a vector. So the testbench issues exactly the bus cycles the Rust host does; the
//!   batches are the digits training split in `data::epoch_batches` order (seeded by
//!   `train.seed`), the harness's stimulus seed is not used. A test records the same program run
//!   on [`driver::EngineSim`] (`EngineSim::trace`) and checks its cycles equal the vectors' inputs
//!   and its outputs the expectations.
//! - The expectations come from [`BusModel`], a bus-level model of the engine ([`HostBus`]) built
//!   on the golden model, never from a rust-hdl run: register and window writes update its state (W, V of a
//!   `golden::Net`, X, labels, the update registers, the LFSR seed); writing CTRL trains a
//!   `golden::Net` one step (`Net::step_regs` on the written batch and registers) and opens the
//!   busy interval of the cycle model (`Program::for_engine(cfg).cycle_model(BATCH).total_cycles`
//!   cycles, from [`BUSY_DELAY`] cycles after the write; `done` from its end until the next start).
//!   Reads answer from that state: W/V words, CORRECT and the saturation counters of the last
//!   step, the LFSR, STATUS (busy, done).
//! - Checked: `rdata` in every cycle where read data is due (two cycles after a read, bus latency
//!   [`regfile::BUS_LATENCY`] = 2; the word is the engine's one cycle after the read), `busy` and
//!   `done` in every cycle. A vector's note names what is read (`W0[3][17]`, `STATUS`,
//!   `SAT_ACC_LO`, …) and the phase (`step 2 readback`), so a failure message prints the cycle, what
//!   was read (layer, row, column), the expected and the actual value.
//!
//! # Files (the harness's, `target/vectors/engine/`)
//! One vector per line, hex, one clock cycle each, as written by `harness::write_vectors`:
//! - `n.hex`: the number of vectors (8 hex digits).
//! - `in.hex`: `{re, we, wdata[15:0], addr[15:0]}` packed LSB-first (addr in bits 15:0, wdata in
//!   31:16, we bit 32, re bit 33): 9 hex digits.
//! - `exp.hex`: `{done, busy, rdata[15:0]}` (rdata bits 15:0, busy bit 16, done bit 17): 5 digits.
//! - `mask.hex`: which outputs are checked, `{done, busy, rdata}` (bit 0 = rdata): 1 digit.
//!
//! The testbench is the harness's generic one (`testbenches/engine_tb.sv`) plus a waveform block:
//! `+waves=FILE` makes Icarus dump VCD, and a Verilator build with `--trace` / `--trace-fst`
//! dump VCD / FST ([`waves`], `mlp-rtl verify --waves DIR`).
//!
//! # Size (default config: 64-32-10, B = 32, 4×4 array, 2 steps)
//! Load 4 820 words + LFSR; per step 2 048 + 32 + 6 register writes and CTRL, 10 950 busy cycles,
//! 11 counter reads and 4 822 W/V/LFSR reads (each read block + 2 cycles): about 40 500 vectors
//! (at most `harness::MAX_VECTORS` = 65 536, so at most 2 default steps per testbench run).

use super::driver::{self, Check, CoSim, CosimOpts};
use super::engine::Engine;
use super::harness::{self, HwUnit, Port, Vectors};
use super::host::HostBus;
use super::program::Program;
use super::regfile::{self, RegMap, WinKind};
use super::to_bits;
use crate::config::Config;
use crate::data::{self, Dataset};
use crate::golden::{Net, UpdateRegs};
use anyhow::{Context, Result};
use rust_hdl::prelude::*;
use std::path::{Path, PathBuf};

/// Training steps of the engine testbench (the issue asks for ≥ 2 default steps).
pub const STEPS: usize = 2;

/// Cycles from the cycle of the CTRL write to the first busy cycle: the request register takes the
/// write, CTRL's `start` is high in the cycle after (the bus latency, [`regfile::BUS_LATENCY`]),
/// the sequencer's `busy` register sets at its end.
pub const BUSY_DELAY: u64 = regfile::BUS_LATENCY as u64 + 1;

/// The whole engine under the harness.
#[derive(Debug, Clone)]
pub struct EngineUnit {
    /// Unit name: module, file stem and build directory (`engine`; tests of other configs use
    /// their own, so their files never collide).
    pub name: &'static str,
    pub cfg: Config,
    pub train: Dataset,
    pub steps: usize,
}

impl EngineUnit {
    /// [`STEPS`] steps of `cfg` on the digits training split.
    pub fn new(cfg: &Config) -> EngineUnit {
        let all = data::digits();
        let train = data::split(&all, cfg.data.test_fraction, cfg.data.split_seed).0;
        EngineUnit::with(cfg, train, STEPS)
    }
    pub fn with(cfg: &Config, train: Dataset, steps: usize) -> EngineUnit {
        EngineUnit {
            name: "engine",
            cfg: cfg.clone(),
            train,
            steps,
        }
    }
    /// The same unit under another name.
    pub fn named(self, name: &'static str) -> EngineUnit {
        EngineUnit { name, ..self }
    }
    /// The program run on the golden bus model: the vectors and the model (its golden net).
    pub fn model(&self) -> BusModel {
        let mut m = BusModel::new(&self.cfg);
        let cs = program(&mut m, &self.cfg, &self.train, self.steps)
            .unwrap_or_else(|e| panic!("engine testbench program: {e:#}"));
        assert!(
            cs.mismatch.is_none(),
            "the golden bus model differs from golden"
        );
        assert_eq!(cs.steps, self.steps);
        m
    }
}

/// The testbench's host program on any engine: `steps` training steps of `train` from golden's
/// initial network, W, V and the LFSR read back after every step ([`driver::cosim_on`]).
pub fn program<H: HostBus + ?Sized>(
    h: &mut H,
    cfg: &Config,
    train: &Dataset,
    steps: usize,
) -> Result<CoSim> {
    let opts = CosimOpts {
        steps: Some(steps),
        check: Check::EveryStep,
        start: None,
    };
    driver::cosim_on(h, cfg, train, train, opts, |_, _| {}, &mut |_, _| Ok(()))
}

/// The bus ports of the engine.
pub fn ports() -> (Vec<Port>, Vec<Port>) {
    (
        vec![
            Port::new("addr", 16),
            Port::new("wdata", 16),
            Port::new("we", 1),
            Port::new("re", 1),
        ],
        vec![
            Port::new("rdata", 16),
            Port::new("busy", 1),
            Port::new("done", 1),
        ],
    )
}

impl HwUnit for EngineUnit {
    fn name(&self) -> &'static str {
        self.name
    }
    /// rust-hdl's emission of the engine (unchecked, as `flow::engine_verilog`: the top's glue is
    /// custom text, which rust-hdl's connectivity check cannot read); [`harness::emitted`] renames
    /// its `top` to the unit name, so for `engine` it is the text of `engine.v`.
    fn verilog(&self) -> String {
        let mut e = Engine::new(&self.cfg);
        e.connect_all();
        generate_verilog_unchecked(&e)
    }
    fn vectors(&self, _seed: u64) -> Vectors {
        self.model().vectors
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let mut e = Engine::new(&self.cfg);
        e.connect_all();
        fn clk(b: &mut Engine) -> &mut Signal<In, Clock> {
            &mut b.clock
        }
        inputs
            .iter()
            .map(|x| {
                super::cycle(
                    &mut e,
                    clk,
                    |b| {
                        b.addr.next = to_bits(x[0]);
                        b.wdata.next = to_bits(x[1]);
                        b.we.next = x[2] != 0;
                        b.re.next = x[3] != 0;
                    },
                    |b| {
                        vec![
                            b.rdata.val().to_u64(),
                            b.busy.val() as u64,
                            b.done.val() as u64,
                        ]
                    },
                )
            })
            .collect()
    }
    fn testbench(&self, v: &Vectors) -> String {
        testbench_named(self.name, v)
    }
}

/// The engine's testbench: the harness's generic one with the `+waves=FILE` block.
pub fn testbench(v: &Vectors) -> String {
    testbench_named("engine", v)
}

/// [`testbench`] for a DUT module called `name`.
pub fn testbench_named(name: &str, v: &Vectors) -> String {
    let t = harness::testbench(name, v);
    let body = t
        .strip_suffix("endmodule\n")
        .expect("testbench ends with endmodule");
    format!(
        "{body}  // Waveforms: `+waves=FILE` dumps the DUT (Icarus: VCD; Verilator: VCD or FST, as built\n\
         \x20 // with --trace or --trace-fst). Added by src/hw/engine_tb.rs.\n\
         \x20 reg [8*1024-1:0] waves_file;\n\
         \x20 initial begin\n\
         \x20   if ($value$plusargs(\"waves=%s\", waves_file)) begin\n\
         \x20     $dumpfile(waves_file);\n\
         \x20     $dumpvars(0, dut);\n\
         \x20   end\n\
         \x20 end\n\
         endmodule\n"
    )
}

/// A bus-level model of the engine on the golden model: the expected outputs of every cycle the
/// host drives (see the module doc). As a [`HostBus`] it answers reads with golden values and
/// records one [`harness::Vector`] per cycle.
pub struct BusModel {
    cfg: Config,
    map: RegMap,
    prog: Program,
    /// The golden network: W, V and the LFSR as the host wrote them, trained by each start.
    pub net: Net,
    x: Vec<i32>,
    labels: Vec<u8>,
    batch: u16,
    regs: [u16; 4],
    lfsr_lo: u16,
    correct: u16,
    sat: [u64; 5],
    /// Busy intervals `[from, until)` of the steps started so far.
    busy: Vec<(u64, u64)>,
    /// The current cycle (index of the next vector).
    cycle: u64,
    busy_cycles: u64,
    /// Read data due in the next [`regfile::BUS_LATENCY`] cycles (front: the next cycle): value
    /// and what it is.
    pending: std::collections::VecDeque<Option<(u16, String)>>,
    /// Steps started.
    pub steps: usize,
    pub vectors: Vectors,
}

impl BusModel {
    /// A fresh engine (all registers 0) and its first, idle cycle (as `EngineSim::new`).
    pub fn new(cfg: &Config) -> BusModel {
        let map = RegMap::new(cfg);
        let (ins, outs) = ports();
        let n0 = cfg.model.layers[0];
        let b = cfg.train.batch_size;
        let mut net = Net::new(cfg);
        for l in net.layers.iter_mut() {
            l.w.iter_mut().for_each(|w| *w = 0);
            l.v.iter_mut().for_each(|v| *v = 0);
        }
        net.lfsr.state = 0;
        let mut m = BusModel {
            cfg: cfg.clone(),
            map,
            prog: Program::for_engine(cfg),
            net,
            x: vec![0; b * n0],
            labels: vec![0; b],
            batch: 0,
            regs: [0; 4],
            lfsr_lo: 0,
            correct: 0,
            sat: [0; 5],
            busy: Vec::new(),
            cycle: 0,
            busy_cycles: 0,
            pending: vec![None; regfile::BUS_LATENCY].into(),
            steps: 0,
            vectors: Vectors::new(ins, outs),
        };
        m.tick(0, 0, false, false);
        m
    }

    fn busy_at(&self, t: u64) -> bool {
        self.busy.iter().any(|&(a, b)| a <= t && t < b)
    }
    fn done_at(&self, t: u64) -> bool {
        match self.busy.iter().rev().find(|&&(a, _)| a <= t) {
            Some(&(_, until)) => t >= until,
            None => false,
        }
    }
    fn phase(&self) -> String {
        if self.steps == 0 {
            "load".into()
        } else if self.busy_at(self.cycle) {
            format!("step {} busy", self.steps)
        } else if self.done_at(self.cycle) {
            format!("step {} readback", self.steps)
        } else {
            format!("step {} start", self.steps)
        }
    }

    /// The value a read of `addr` issued in the current cycle returns, and its name: the engine's
    /// state one cycle later (the request register), when the register file selects the word.
    fn read_value(&self, addr: u16) -> (u16, String) {
        let t = self.cycle + regfile::BUS_LATENCY as u64 - 1;
        let idle = !self.busy_at(t);
        let sat_word = |k: usize| {
            let v = self.sat[k / 2];
            (if k.is_multiple_of(2) { v } else { v >> 16 }) as u16
        };
        let v = match addr {
            regfile::STATUS => Some((
                self.busy_at(t) as u16 | (self.done_at(t) as u16) << 1,
                "STATUS".to_string(),
            )),
            regfile::ETA..=regfile::TWO_LAMBDA => Some((
                self.regs[(addr - regfile::ETA) as usize],
                ["ETA", "MU", "ONE_MINUS_MU", "TWO_LAMBDA"][(addr - regfile::ETA) as usize].into(),
            )),
            regfile::LFSR_LO if idle => Some((self.net.lfsr.state as u16, "LFSR_LO".into())),
            regfile::LFSR_HI if idle => {
                Some(((self.net.lfsr.state >> 16) as u16, "LFSR_HI".into()))
            }
            regfile::CORRECT if idle => Some((self.correct, "CORRECT".into())),
            a if idle && (regfile::SAT_BASE..regfile::SAT_BASE + 10).contains(&a) => {
                let k = (a - regfile::SAT_BASE) as usize;
                Some((
                    sat_word(k),
                    format!("SAT_{}_{}", regfile::SAT_NAMES[k / 2], ["LO", "HI"][k % 2]),
                ))
            }
            a if idle => self.map.windows.iter().find_map(|w| {
                let (r, c) = w.decode(a)?;
                match w.kind {
                    WinKind::W(l) => {
                        let n = self.net.layers[l].n_out;
                        Some((
                            self.net.layers[l].w[r * n + c] as u16,
                            format!("W{l}[{r}][{c}]"),
                        ))
                    }
                    WinKind::V(l) => {
                        let n = self.net.layers[l].n_out;
                        Some((
                            self.net.layers[l].v[r * n + c] as u16,
                            format!("V{l}[{r}][{c}]"),
                        ))
                    }
                    _ => None,
                }
            }),
            _ => None,
        };
        v.unwrap_or_else(|| {
            panic!(
                "engine bus model: no golden value for a read of 0x{addr:04x} in cycle {t} ({})",
                self.phase()
            )
        })
    }

    /// The effect of a write in the current cycle.
    fn write_reg(&mut self, addr: u16, v: u16) {
        match addr {
            regfile::CTRL if v & 1 == 1 && !self.busy_at(self.cycle) => self.start(),
            regfile::CTRL => {}
            regfile::BATCH => self.batch = v,
            regfile::ETA..=regfile::TWO_LAMBDA => self.regs[(addr - regfile::ETA) as usize] = v,
            regfile::LFSR_LO => self.lfsr_lo = v,
            regfile::LFSR_HI => self.net.lfsr.state = (v as u32) << 16 | self.lfsr_lo as u32,
            a => {
                let hit = self
                    .map
                    .windows
                    .iter()
                    .find_map(|w| w.decode(a).map(|rc| (w.kind, w.cols, rc)));
                let Some((kind, cols, (r, c))) = hit else {
                    panic!("engine bus model: a write to 0x{a:04x} is not modelled");
                };
                let s = v as i16 as i32;
                match kind {
                    WinKind::X => self.x[r * cols + c] = s,
                    WinKind::Labels => self.labels[r] = v as u8,
                    WinKind::W(l) => self.net.layers[l].w[r * cols + c] = s,
                    WinKind::V(l) => self.net.layers[l].v[r * cols + c] = s,
                }
            }
        }
    }

    /// CTRL start: one golden step on the written batch and registers; the busy interval.
    fn start(&mut self) {
        let b = self.batch as usize;
        assert!(
            (1..=self.cfg.train.batch_size).contains(&b),
            "engine bus model: start with BATCH = {b}"
        );
        let s = |v: u16| v as i16 as i32;
        let mut regs = UpdateRegs::new(&self.cfg, 0.0);
        regs.eta = s(self.regs[0]);
        regs.mu = s(self.regs[1]);
        regs.g_coef = regs.g_coef.map(|_| s(self.regs[2]));
        regs.wd = s(self.regs[3]);
        let n0 = self.cfg.model.layers[0];
        let st = self
            .net
            .step_regs(&self.x[..b * n0], &self.labels[..b], &regs);
        self.correct = st.correct as u16;
        self.sat = [
            st.sat.acc,
            st.sat.act,
            st.sat.err,
            st.sat.mom,
            st.sat.weight,
        ]
        .map(|x| x & 0xffff_ffff);
        let from = self.cycle + BUSY_DELAY;
        let n = self.prog.cycle_model(b).total_cycles as u64;
        self.busy.push((from, from + n));
        self.steps += 1;
    }
}

impl HostBus for BusModel {
    fn name(&self) -> &'static str {
        "golden bus model"
    }
    fn tick(&mut self, addr: u16, wdata: u16, we: bool, re: bool) -> u16 {
        let t = self.cycle;
        let due = self.pending.pop_front().flatten();
        let (rdata, check, note) = match &due {
            Some((v, what)) => (*v, true, format!("{}: read {what}", self.phase())),
            None => (0, false, self.phase()),
        };
        self.vectors.push(
            vec![addr as u64, wdata as u64, we as u64, re as u64],
            vec![rdata as u64, self.busy_at(t) as u64, self.done_at(t) as u64],
            vec![check, true, true],
            note,
        );
        assert!(!(we && re), "engine bus model: read and write in cycle {t}");
        let read = re.then(|| self.read_value(addr));
        self.pending.push_back(read);
        if we {
            self.write_reg(addr, wdata);
        }
        self.busy_cycles += self.busy_at(t) as u64;
        self.cycle += 1;
        rdata
    }
    fn map(&self) -> &RegMap {
        &self.map
    }
    fn run_until_done(&mut self, max: u64) -> Option<u64> {
        let mut n = 0;
        while !self.done_at(self.cycle) {
            if n == max {
                return None;
            }
            self.tick(0, 0, false, false);
            n += 1;
        }
        Some(n)
    }
    fn cycles(&self) -> u64 {
        self.cycle
    }
    fn busy_cycles(&self) -> u64 {
        self.busy_cycles
    }
}

// ---------------------------------------------------------------------------------------------
// Waveforms

/// Waveform format of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaveSim {
    /// Icarus, VCD.
    Icarus,
    /// Verilator built with `--trace`, VCD.
    VerilatorVcd,
    /// Verilator built with `--trace-fst`, FST.
    VerilatorFst,
}

impl WaveSim {
    pub fn file_name(self) -> &'static str {
        match self {
            WaveSim::Icarus => "engine_icarus.vcd",
            WaveSim::VerilatorVcd => "engine_verilator.vcd",
            WaveSim::VerilatorFst => "engine_verilator.fst",
        }
    }
}

/// The default waveform directory (`target/waves/`).
pub fn default_waves_dir() -> PathBuf {
    harness::target_dir().join("waves")
}

/// Run the prepared engine testbench in `sim` dumping waveforms into `dir`, on the first `limit`
/// vectors (`None`: all; a full default run dumps hundreds of MB). Returns the waveform file and the
/// testbench's result on those vectors.
pub fn waves(
    p: &harness::Prepared,
    sim: WaveSim,
    dir: &Path,
    limit: Option<usize>,
) -> Result<(PathBuf, harness::SimResult)> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let dir = dir
        .canonicalize()
        .with_context(|| format!("resolving {}", dir.display()))?;
    let file = dir.join(sim.file_name());
    let vecdir = match limit {
        Some(n) if n < p.vectors.len() => {
            let mut v = p.vectors.clone();
            v.vectors.truncate(n);
            let d = p.paths.build.join(format!("vectors_first_{n}"));
            harness::write_vectors(&d, &v)?;
            d
        }
        _ => p.paths.vectors.clone(),
    };
    let plus = format!("+waves={}", file.display());
    let r = match sim {
        WaveSim::Icarus => {
            let vvp = harness::build_icarus(p)?;
            harness::run_icarus_args(&vvp, &vecdir, &[&plus])?
        }
        WaveSim::VerilatorVcd | WaveSim::VerilatorFst => {
            let (flag, sub) = if sim == WaveSim::VerilatorVcd {
                ("--trace", "verilator_vcd")
            } else {
                ("--trace-fst", "verilator_fst")
            };
            let bin = harness::build_verilator_opts(p, sub, &[flag])?;
            harness::run_verilator_args(&bin, &vecdir, &[&plus])?
        }
    };
    Ok((file, r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hw::driver::EngineSim;

    fn small() -> (Config, Dataset) {
        let mut cfg = Config::default();
        cfg.model.layers = vec![64, 6, 10];
        cfg.array.rows = 2;
        cfg.array.cols = 2;
        cfg.train.batch_size = 4;
        let all = data::digits();
        let t = data::split(&all, cfg.data.test_fraction, cfg.data.split_seed).0;
        let idx: Vec<usize> = (0..8).collect();
        (cfg.clone(), t.subset(&idx, "digits-subset"))
    }

    /// The vectors are the cycles the Rust host issues: the same program on the rust-hdl engine
    /// (recorded by `EngineSim::trace`) has the same inputs, and its outputs meet the golden
    /// expectations.
    #[test]
    fn vectors_are_the_rust_hosts_program() {
        let (cfg, train) = small();
        let unit = EngineUnit::with(&cfg, train.clone(), 2);
        let v = unit.vectors(harness::DEFAULT_SEED);
        let mut sim = EngineSim::new(&cfg);
        // EngineSim::new ran vector 0 (idle): record from vector 1 on.
        sim.trace = Some(Vec::new());
        let cs = program(&mut sim, &cfg, &train, 2).unwrap();
        assert!(cs.mismatch.is_none(), "{:?}", cs.mismatch);
        let trace = sim.trace.take().unwrap();
        assert_eq!(trace.len() + 1, v.len(), "cycles of the program");
        for (i, (c, vec)) in trace.iter().zip(&v.vectors[1..]).enumerate() {
            let got = vec![c.addr as u64, c.wdata as u64, c.we as u64, c.re as u64];
            assert_eq!(got, vec.inputs, "vector {} ({}): inputs", i + 1, vec.note);
        }
        let mut actual = vec![vec![0, 0, 0]];
        actual.extend(
            trace
                .iter()
                .map(|c| vec![c.rdata as u64, c.busy as u64, c.done as u64]),
        );
        let r = harness::compare(&v, &actual);
        assert_eq!(r.mismatches, 0, "{}", r.report.join("\n"));
        // Reads were checked (not a vacuous mask), and the model's net is golden's after 2 steps.
        let checked = v.vectors.iter().filter(|x| x.check[0]).count();
        assert!(checked > 2 * 2 * 65 * 6, "{checked} checked reads");
        let m = unit.model();
        assert_eq!(cs.net.layers[0].w, m.net.layers[0].w);
        assert_eq!(cs.net.lfsr.state, m.net.lfsr.state);
        assert_eq!(m.steps, 2);
    }

    /// The default engine, 2 training steps, in rust-hdl's simulator: zero mismatches with golden.
    #[test]
    fn engine_two_default_steps_rusthdl() {
        let unit = EngineUnit::new(&Config::default());
        let v = unit.vectors(harness::DEFAULT_SEED);
        let busy = v.vectors.iter().filter(|x| x.expect[1] == 1).count();
        let model = Program::for_engine(&unit.cfg).cycle_model(32).total_cycles;
        assert_eq!(busy, 2 * model, "busy cycles = 2 × the cycle model");
        assert!(v.len() > 2 * model && v.len() <= harness::MAX_VECTORS);
        let r = harness::check_rusthdl(&unit, &v);
        assert_eq!(
            r.mismatches,
            0,
            "engine rust-hdl vs golden:\n{}",
            r.report.join("\n")
        );
    }

    /// A corrupted expectation is reported with the cycle, what was read, expected and actual.
    #[test]
    fn corrupted_expectation_is_reported_rusthdl() {
        let (cfg, train) = small();
        let unit = EngineUnit::with(&cfg, train, 1);
        let mut v = unit.vectors(harness::DEFAULT_SEED);
        let i = v
            .vectors
            .iter()
            .rposition(|x| x.check[0] && x.note.contains("W1["))
            .unwrap();
        v.vectors[i].expect[0] ^= 1;
        let r = harness::check_rusthdl(&unit, &v);
        assert_eq!(r.mismatches, 1);
        let line = &r.report[0];
        assert!(
            line.contains(&format!("cycle {}", i + 1))
                && line.contains("read W1[")
                && line.contains("expected"),
            "{line}"
        );
    }

    /// `testbenches/engine_tb.sv` is the generated testbench (`UPDATE_TB=1` rewrites it).
    #[test]
    fn engine_testbench_is_committed() {
        let (ins, outs) = ports();
        let generated = testbench(&Vectors::new(ins, outs));
        let path = harness::paths("engine").tb_committed;
        if std::env::var_os("UPDATE_TB").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} differs from the generated testbench; run `UPDATE_TB=1 cargo test --release \
             engine_testbench_is_committed` and commit it",
            path.display()
        );
    }

    /// The default engine, 2 training steps, in Icarus and Verilator (the emitted `engine.v`):
    /// zero mismatches with golden; one corrupted expected value is caught by both.
    #[test]
    fn engine_two_default_steps_icarus_verilator() {
        let unit = EngineUnit::new(&Config::default());
        let p = harness::prepare(&unit, harness::DEFAULT_SEED).expect("prepare engine");
        let n = p.vectors.len();
        let committed = std::fs::read_to_string(&p.paths.tb_committed).unwrap_or_default();
        assert_eq!(
            std::fs::read_to_string(&p.paths.tb).unwrap(),
            committed,
            "the testbench run is the committed one"
        );
        let vvp = harness::build_icarus(&p).unwrap_or_else(|e| panic!("engine: {e:#}"));
        let r = harness::run_icarus(&vvp, &p.paths.vectors).unwrap_or_else(|e| panic!("{e:#}"));
        let notes = |r: &harness::SimResult| {
            r.report
                .iter()
                .map(|l| harness::annotate(&p.vectors, l))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(r.vectors, n, "icarus vector count");
        assert_eq!(r.mismatches, 0, "engine icarus vs golden:\n{}", notes(&r));
        let bin = harness::build_verilator(&p).unwrap_or_else(|e| panic!("engine: {e:#}"));
        let r = harness::run_verilator(&bin, &p.paths.vectors).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(r.vectors, n, "verilator vector count");
        assert_eq!(
            r.mismatches,
            0,
            "engine verilator vs golden:\n{}",
            notes(&r)
        );

        let bad = harness::corrupt_copy(&p).expect("corrupt copy");
        let r = harness::run_icarus(&vvp, &bad).expect("icarus on corrupted vectors");
        assert_eq!(r.mismatches, 1, "icarus missed the corrupted vector");
        let r = harness::run_verilator(&bin, &bad).expect("verilator on corrupted vectors");
        assert_eq!(r.mismatches, 1, "verilator missed the corrupted vector");
    }

    /// `+waves=FILE`: Icarus writes a VCD, Verilator (`--trace-fst`) an FST (a small engine, its
    /// first 300 cycles).
    #[test]
    fn waves_are_written() {
        let (cfg, train) = small();
        let unit = EngineUnit::with(&cfg, train, 1).named("small_engine");
        let p = harness::prepare(&unit, harness::DEFAULT_SEED).expect("prepare engine");
        let dir = harness::target_dir().join("waves").join("test");
        let _ = std::fs::remove_dir_all(&dir);
        for sim in [WaveSim::Icarus, WaveSim::VerilatorFst] {
            let (f, r) = waves(&p, sim, &dir, Some(300)).unwrap_or_else(|e| panic!("{e:#}"));
            assert_eq!((r.vectors, r.mismatches), (300, 0), "{sim:?}");
            let len = std::fs::metadata(&f).map(|m| m.len()).unwrap_or(0);
            assert!(len > 0, "{sim:?}: {} missing or empty", f.display());
        }
        let vcd = std::fs::read_to_string(dir.join(WaveSim::Icarus.file_name())).unwrap();
        assert!(vcd.contains("$enddefinitions") && vcd.contains("rdata"));
    }

    /// The DUT the testbench runs is `engine.v` as `mlp-rtl generate` writes it (`flow::sources`).
    #[test]
    fn emitted_engine_is_flows_engine_v() {
        let (_, train) = small();
        let cfg = Config::default();
        let unit = EngineUnit::with(&cfg, train, 0);
        assert_eq!(harness::emitted(&unit), crate::flow::engine_verilog(&cfg));
    }

    #[test]
    fn testbench_has_the_waves_block() {
        let (ins, outs) = ports();
        let t = testbench(&Vectors::new(ins, outs));
        assert!(t.contains("$dumpvars(0, dut);"));
        assert!(t.contains("module engine_tb;"));
        assert!(t.ends_with("endmodule\n"));
    }
}
