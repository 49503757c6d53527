//! The Rust host of the engine: [`EngineSim`] drives the rust-hdl engine ([`super::engine::Engine`])
//! through its bus only (register and window reads/writes, start, poll STATUS), with the
//! hand-driven clock loop of [`super::cycle`] (inputs change on the falling edge), and [`train`] runs
//! it side by side with the golden model, comparing W, V and the LFSR after every step.
//!
//! # Bus protocol as driven here (module doc of `regfile`)
//! ```text
//!   cycle   t            t+1            t+2
//!   bus     we/re,addr   re,addr'       idle
//!   rdata   –            word(addr)     word(addr')      (reads pipeline: one word per cycle)
//! ```
//! A step: write X (B×n_0), LABELS, BATCH, ETA/MU/ONE_MINUS_MU/TWO_LAMBDA, CTRL=1, poll STATUS
//! until busy then done, read CORRECT, the saturation counters, W/V of every layer and LFSR_LO/HI
//! (the weights are loaded once).
//! Cycles are counted on the clock; `busy_cycles` counts the cycles the sequencer is busy (the
//! cycle model's `total_cycles`).
//!
//! # One host program, several buses
//! The host's operations are the provided methods of [`Host`], which needs only one bus cycle
//! ([`Host::tick`]) and the register map. [`EngineSim`] is one bus (the rust-hdl engine); the
//! engine testbench's golden bus model (`engine_tb::BusModel`) is another, which is how the
//! testbench's vectors are exactly the cycles this host issues ([`host_init`], [`step_plan`],
//! [`host_step`] are shared by [`cosim`] and the testbench). [`EngineSim::trace`] records every
//! bus cycle of a run.

use super::engine::Engine;
use super::regfile::{self, RegMap, WinKind};
use crate::config::Config;
use crate::data::{self, Dataset};
use crate::golden::{Net, StepStats, UpdateRegs};
use crate::reference::schedule::lr_at;
use crate::report::{EpochStats, TrainReport};
use rust_hdl::prelude::*;
use std::time::Instant;

/// The host's side of the engine bus. Implementors provide one clock cycle and the register map;
/// every host operation (the provided methods) is a sequence of such cycles.
pub trait Host {
    /// One clock cycle with these bus inputs; returns `rdata` during the cycle.
    fn tick(&mut self, addr: u16, wdata: u16, we: bool, re: bool) -> u16;
    /// The register map of the engine behind the bus.
    fn map(&self) -> &RegMap;

    fn write(&mut self, addr: u16, v: u16) {
        self.tick(addr, v, true, false);
    }
    /// Pipelined reads: one address per cycle.
    fn read_many(&mut self, addrs: &[u16]) -> Vec<u16> {
        let mut out = Vec::with_capacity(addrs.len());
        for (i, &a) in addrs.iter().enumerate() {
            let r = self.tick(a, 0, false, true);
            if i > 0 {
                out.push(r);
            }
        }
        if !addrs.is_empty() {
            out.push(self.tick(0, 0, false, false));
        }
        out
    }
    fn read(&mut self, addr: u16) -> u16 {
        self.read_many(&[addr])[0]
    }
    /// The addresses of a window, row-major.
    fn window_addrs(&self, kind: WinKind) -> Vec<u16> {
        let w = self.map().window(kind);
        (0..w.rows)
            .flat_map(|r| (0..w.cols).map(move |c| w.addr(r, c)))
            .collect()
    }
    /// Write a matrix (row-major, raw 16-bit values) into a window.
    fn write_window(&mut self, kind: WinKind, vals: &[i32]) {
        let addrs = self.window_addrs(kind);
        assert!(vals.len() <= addrs.len(), "{kind:?}: too many values");
        for (a, &v) in addrs.iter().zip(vals) {
            self.write(*a, v as u16);
        }
    }
    /// A whole window, row-major, sign-extended.
    fn read_window(&mut self, kind: WinKind) -> Vec<i32> {
        let addrs = self.window_addrs(kind);
        self.read_many(&addrs)
            .into_iter()
            .map(|v| v as i16 as i32)
            .collect()
    }
    /// Load W_aug and V of every layer from a golden net.
    fn load_net(&mut self, net: &Net) {
        for (l, layer) in net.layers.iter().enumerate() {
            self.write_window(WinKind::W(l), &layer.w);
            self.write_window(WinKind::V(l), &layer.v);
        }
    }
    fn set_lfsr(&mut self, state: u32) {
        self.write(regfile::LFSR_LO, state as u16);
        self.write(regfile::LFSR_HI, (state >> 16) as u16);
    }
    fn lfsr(&mut self) -> u32 {
        let v = self.read_many(&[regfile::LFSR_LO, regfile::LFSR_HI]);
        v[0] as u32 | (v[1] as u32) << 16
    }
    fn set_update_regs(&mut self, r: &UpdateRegs) {
        self.write(regfile::ETA, r.eta as u16);
        self.write(regfile::MU, r.mu as u16);
        self.write(regfile::ONE_MINUS_MU, r.g_coef.unwrap_or(0) as u16);
        self.write(regfile::TWO_LAMBDA, r.wd as u16);
    }
    /// Write a mini-batch (inputs already quantized, `labels.len()` samples) and BATCH.
    fn write_batch(&mut self, x: &[i32], labels: &[u8]) {
        self.write_window(WinKind::X, x);
        let l: Vec<i32> = labels.iter().map(|&v| v as i32).collect();
        self.write_window(WinKind::Labels, &l);
        self.write(regfile::BATCH, labels.len() as u16);
    }
    /// Start one step and poll STATUS until busy, then done; one idle cycle after. Returns the
    /// cycles polled.
    fn start_and_wait(&mut self) -> u64 {
        self.write(regfile::CTRL, 1);
        let mut seen_busy = false;
        let mut polls = 0u64;
        loop {
            let st = self.tick(regfile::STATUS, 0, false, true);
            polls += 1;
            if st & 1 == 1 {
                seen_busy = true;
            } else if seen_busy && st & 2 == 2 {
                break;
            }
            assert!(polls < 50_000_000, "engine never finished");
        }
        self.tick(0, 0, false, false);
        polls
    }
    fn correct(&mut self) -> u16 {
        self.read(regfile::CORRECT)
    }
    /// Saturation counters (acc, act, err, mom, weight).
    fn sat(&mut self) -> [u64; 5] {
        let addrs: Vec<u16> = (0..10).map(|k| regfile::SAT_BASE + k).collect();
        let v = self.read_many(&addrs);
        std::array::from_fn(|k| v[2 * k] as u64 | (v[2 * k + 1] as u64) << 16)
    }
}

/// One bus cycle as [`EngineSim::trace`] records it: the inputs and the outputs sampled in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusCycle {
    pub addr: u16,
    pub wdata: u16,
    pub we: bool,
    pub re: bool,
    pub rdata: u16,
    pub busy: bool,
    pub done: bool,
}

/// The simulated engine and its host.
pub struct EngineSim {
    pub uut: Engine,
    pub map: RegMap,
    /// Clock cycles simulated so far.
    pub cycles: u64,
    /// Cycles with the sequencer busy, summed over steps.
    pub busy_cycles: u64,
    /// When `Some`, every bus cycle from then on is appended (the host program as run).
    pub trace: Option<Vec<BusCycle>>,
    layers: Vec<usize>,
    vcd: Option<rust_hdl::core::vcd_probe::VCDProbe<std::io::BufWriter<std::fs::File>>>,
}

/// Where golden and the engine first differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub step: usize,
    /// `W`, `V` or `LFSR`/`CORRECT`.
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
            "step {}: {}{} [{}][{}]: expected {} (golden), got {} (rtl)",
            self.step, self.what, self.layer, self.row, self.col, self.expected, self.actual
        )
    }
}

impl Host for EngineSim {
    fn tick(&mut self, addr: u16, wdata: u16, we: bool, re: bool) -> u16 {
        self.cycle_io(addr, wdata, we, re).rdata
    }
    fn map(&self) -> &RegMap {
        &self.map
    }
}

impl EngineSim {
    pub fn new(cfg: &Config) -> EngineSim {
        let mut uut = Engine::new(cfg);
        uut.connect_all();
        let mut s = EngineSim {
            uut,
            map: RegMap::new(cfg),
            cycles: 0,
            busy_cycles: 0,
            trace: None,
            layers: cfg.model.layers.clone(),
            vcd: None,
        };
        s.tick(0, 0, false, false);
        s
    }

    /// Record every signal of the engine into a VCD file from now on (one timestamp per clock edge,
    /// 10 ps per cycle). Large: all memories' and units' signals, every cycle.
    pub fn dump_vcd(&mut self, path: &std::path::Path) -> anyhow::Result<()> {
        let f = std::fs::File::create(path)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?;
        let mut v = write_vcd_header(std::io::BufWriter::new(f), &self.uut);
        v.timestamp(self.cycles * 10)?;
        self.vcd = Some(write_vcd_dump(v, &self.uut));
        Ok(())
    }

    fn probe(&mut self, ts: u64) {
        if let Some(mut v) = self.vcd.take() {
            v.timestamp(ts).expect("vcd write");
            self.vcd = Some(write_vcd_change(v, &self.uut));
        }
    }

    /// One clock cycle with these bus inputs; returns the bus outputs during the cycle: falling
    /// edge with the new inputs, settle, sample, rising edge (the loop of [`super::cycle`]).
    pub fn cycle_io(&mut self, addr: u16, wdata: u16, we: bool, re: bool) -> BusCycle {
        let u = &mut self.uut;
        u.clock.next = Clock::from(false);
        u.addr.next = (addr as u64).into();
        u.wdata.next = (wdata as u64).into();
        u.we.next = we;
        u.re.next = re;
        assert!(simulate(u, 200), "simulation did not settle");
        let io = BusCycle {
            addr,
            wdata,
            we,
            re,
            rdata: u.rdata.val().index() as u16,
            busy: u.busy.val(),
            done: u.done.val(),
        };
        let busy = u.seq.busy.val();
        self.probe(self.cycles * 10 + 5);
        self.uut.clock.next = Clock::from(true);
        assert!(simulate(&mut self.uut, 200), "simulation did not settle");
        self.cycles += 1;
        self.probe(self.cycles * 10);
        self.busy_cycles += busy as u64;
        if let Some(t) = self.trace.as_mut() {
            t.push(io);
        }
        io
    }
    /// Write a mini-batch and BATCH ([`Host::write_batch`]).
    pub fn write_batch(&mut self, x: &[i32], labels: &[u8]) {
        Host::write_batch(self, x, labels)
    }
    /// Start one step and wait for done; returns the busy cycles of the step.
    pub fn run_step(&mut self) -> u64 {
        let b0 = self.busy_cycles;
        self.start_and_wait();
        self.busy_cycles - b0
    }
    /// Compare W, V of every layer and the LFSR with golden's net; the first difference.
    pub fn compare(&mut self, net: &Net, step: usize) -> Option<Mismatch> {
        for l in 0..self.layers.len() - 1 {
            let n_out = self.layers[l + 1];
            for (what, kind, gold) in [
                ("W", WinKind::W(l), &net.layers[l].w),
                ("V", WinKind::V(l), &net.layers[l].v),
            ] {
                let got = self.read_window(kind);
                if let Some(i) = (0..gold.len()).find(|&i| gold[i] != got[i]) {
                    return Some(Mismatch {
                        step,
                        what: what.into(),
                        layer: l,
                        row: i / n_out,
                        col: i % n_out,
                        expected: gold[i] as i64,
                        actual: got[i] as i64,
                    });
                }
            }
        }
        let s = self.lfsr();
        (s != net.lfsr.state).then(|| Mismatch {
            step,
            what: "LFSR".into(),
            layer: 0,
            row: 0,
            col: 0,
            expected: net.lfsr.state as i64,
            actual: s as i64,
        })
    }
}

/// What the host reads back after a step ([`host_step`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readback {
    pub correct: u16,
    /// Saturation counters (acc, act, err, mom, weight).
    pub sat: [u64; 5],
    /// W_aug of every layer, row-major.
    pub w: Vec<Vec<i32>>,
    /// V of every layer, row-major.
    pub v: Vec<Vec<i32>>,
    pub lfsr: u32,
}

impl Readback {
    /// The first difference from golden after step `step` (1-based): CORRECT, the saturation
    /// counters, W and V layer by layer, the LFSR.
    pub fn first_mismatch(&self, net: &Net, st: &StepStats, step: usize) -> Option<Mismatch> {
        let mm = |what: String, layer, row, col, expected: i64, actual: i64| Mismatch {
            step,
            what,
            layer,
            row,
            col,
            expected,
            actual,
        };
        if self.correct as usize != st.correct {
            return Some(mm(
                "CORRECT".into(),
                0,
                0,
                0,
                st.correct as i64,
                self.correct as i64,
            ));
        }
        let gs = [
            st.sat.acc,
            st.sat.act,
            st.sat.err,
            st.sat.mom,
            st.sat.weight,
        ];
        if let Some(k) = (0..5).find(|&k| self.sat[k] != gs[k]) {
            return Some(mm(
                format!("SAT_{}", regfile::SAT_NAMES[k]),
                0,
                0,
                0,
                gs[k] as i64,
                self.sat[k] as i64,
            ));
        }
        for (l, layer) in net.layers.iter().enumerate() {
            for (what, gold, got) in [("W", &layer.w, &self.w[l]), ("V", &layer.v, &self.v[l])] {
                if let Some(i) = (0..gold.len()).find(|&i| gold[i] != got[i]) {
                    return Some(mm(
                        what.into(),
                        l,
                        i / layer.n_out,
                        i % layer.n_out,
                        gold[i] as i64,
                        got[i] as i64,
                    ));
                }
            }
        }
        (self.lfsr != net.lfsr.state).then(|| {
            mm(
                "LFSR".into(),
                0,
                0,
                0,
                net.lfsr.state as i64,
                self.lfsr as i64,
            )
        })
    }
}

/// The host's start of a run: W and V of every layer and the LFSR from `net`.
pub fn host_init<H: Host + ?Sized>(h: &mut H, net: &Net) {
    h.load_net(net);
    h.set_lfsr(net.lfsr.state);
}

/// One training step as the host runs it: write the batch (X, LABELS, BATCH) and the update
/// registers, start, poll until done, then read CORRECT, the saturation counters, W and V of every
/// layer (`nl` layers) and the LFSR.
pub fn host_step<H: Host + ?Sized>(
    h: &mut H,
    nl: usize,
    x: &[i32],
    labels: &[u8],
    regs: &UpdateRegs,
) -> Readback {
    h.write_batch(x, labels);
    h.set_update_regs(regs);
    h.start_and_wait();
    let correct = h.correct();
    let sat = h.sat();
    let (mut w, mut v) = (Vec::with_capacity(nl), Vec::with_capacity(nl));
    for l in 0..nl {
        w.push(h.read_window(WinKind::W(l)));
        v.push(h.read_window(WinKind::V(l)));
    }
    let lfsr = h.lfsr();
    Readback {
        correct,
        sat,
        w,
        v,
        lfsr,
    }
}

/// One step of a run, in the epoch order of `data::epoch_batches`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedStep {
    pub epoch: usize,
    /// Index of the step in its epoch.
    pub it: usize,
    /// Steps in this epoch.
    pub per_epoch: usize,
    /// Training-set indices of the batch.
    pub idx: Vec<usize>,
    /// Learning rate of the step (`lr_at`).
    pub lr: f64,
}

/// The first `total` steps of training on `n` samples.
pub fn step_plan(cfg: &Config, n: usize, total: usize) -> Vec<PlannedStep> {
    let bsz = cfg.train.batch_size;
    let per_epoch = n.div_ceil(bsz);
    let mut plan = Vec::with_capacity(total);
    let mut e = 0;
    while plan.len() < total && n > 0 {
        for (it, idx) in data::epoch_batches(n, bsz, cfg.train.seed, e)
            .into_iter()
            .enumerate()
        {
            if plan.len() >= total {
                break;
            }
            plan.push(PlannedStep {
                epoch: e,
                it,
                per_epoch,
                idx,
                lr: lr_at(&cfg.schedule, cfg.optimizer.lr, e, it, per_epoch),
            });
        }
        e += 1;
    }
    plan
}

/// The batch of `idx`: quantized inputs (`x`: n × `dim`) and labels, row by row.
pub fn gather(x: &[i32], labels: &[u8], dim: usize, idx: &[usize]) -> (Vec<i32>, Vec<u8>) {
    let mut xb = Vec::with_capacity(idx.len() * dim);
    let mut lb = Vec::with_capacity(idx.len());
    for &i in idx {
        xb.extend_from_slice(&x[i * dim..(i + 1) * dim]);
        lb.push(labels[i]);
    }
    (xb, lb)
}

/// The host program of `steps` training steps on `train` from a fresh `Net::new(cfg)`:
/// [`host_init`], then [`host_step`] for each step of [`step_plan`] — the bus cycles [`cosim`]
/// issues. Returns each step's read-back.
pub fn host_program<H: Host + ?Sized>(
    h: &mut H,
    cfg: &Config,
    train: &Dataset,
    steps: usize,
) -> Vec<Readback> {
    let net = Net::new(cfg);
    host_init(h, &net);
    let xtr = net.quantize_inputs(&train.features);
    let nl = cfg.model.layers.len() - 1;
    step_plan(cfg, train.len(), steps)
        .iter()
        .map(|ps| {
            let regs = UpdateRegs::new(cfg, ps.lr);
            let (xb, lb) = gather(&xtr, &train.labels, train.dim, &ps.idx);
            host_step(h, nl, &xb, &lb, &regs)
        })
        .collect()
}

/// Result of a co-simulation run.
#[derive(Debug, Clone)]
pub struct CoSim {
    pub steps: usize,
    pub mismatch: Option<Mismatch>,
    /// Busy cycles of every step.
    pub cycles: Vec<u64>,
    /// The cycle model's `total_cycles` of every step (its batch size).
    pub model: Vec<usize>,
    /// Cycle model of a full step.
    pub model_cycles: usize,
    pub useful_macs_full: usize,
    pub pe_utilization: f64,
    /// Simulated clock cycles per wall-clock second.
    pub sim_cycles_per_s: f64,
    pub correct: usize,
    pub net: Net,
    /// Every whole epoch run: its golden loss and η, and the network at its end (equal to the
    /// engine's, which was compared after every step).
    pub epoch_ends: Vec<EpochEnd>,
}

/// The end of one whole epoch of a co-simulation.
#[derive(Debug, Clone)]
pub struct EpochEnd {
    /// Mean data loss of the epoch's steps (host-side, from golden's integer logits: the engine's
    /// are the same bits).
    pub loss: f64,
    /// η of the epoch's last step.
    pub lr: f64,
    pub net: Net,
}

/// Run `steps` mini-batch steps (epoch order of `data::epoch_batches`; `None` = every step of the
/// configured epochs) on golden and on the engine, comparing after every step; stops at the first
/// difference. The bus cycles are those of [`host_program`] (shared [`host_init`] / [`host_step`]).
pub fn cosim(
    cfg: &Config,
    train: &Dataset,
    steps: Option<usize>,
    vcd: Option<&std::path::Path>,
    mut on_step: impl FnMut(usize, u64),
) -> anyhow::Result<CoSim> {
    let mut net = Net::new(cfg);
    let mut sim = EngineSim::new(cfg);
    if let Some(p) = vcd {
        sim.dump_vcd(p)?;
    }
    host_init(&mut sim, &net);
    let xtr = net.quantize_inputs(&train.features);
    let bsz = cfg.train.batch_size;
    let per_epoch = train.len().div_ceil(bsz);
    let total = steps.unwrap_or(per_epoch * cfg.train.epochs);
    let nl = cfg.model.layers.len() - 1;
    let prog = sim.uut.program().clone();
    let cm = prog.cycle_model(bsz);
    let (r, c) = (cfg.array.rows, cfg.array.cols);
    let t0 = Instant::now();
    let c0 = sim.cycles;
    let mut out = CoSim {
        steps: 0,
        mismatch: None,
        cycles: Vec::new(),
        model: Vec::new(),
        model_cycles: cm.total_cycles,
        useful_macs_full: cm.useful_macs,
        pe_utilization: 0.0,
        sim_cycles_per_s: 0.0,
        correct: 0,
        net: net.clone(),
        epoch_ends: Vec::new(),
    };
    let mut useful = 0usize;
    let mut loss_sum = 0.0;
    for (k, ps) in step_plan(cfg, train.len(), total).into_iter().enumerate() {
        let step = k + 1;
        if ps.it == 0 {
            loss_sum = 0.0;
        }
        let regs = UpdateRegs::new(cfg, ps.lr);
        let (xb, lb) = gather(&xtr, &train.labels, train.dim, &ps.idx);
        let st = net.step_regs(&xb, &lb, &regs);
        let b0 = sim.busy_cycles;
        let rb = host_step(&mut sim, nl, &xb, &lb, &regs);
        let cyc = sim.busy_cycles - b0;
        let m = prog.cycle_model(ps.idx.len());
        useful += m.useful_macs;
        out.model.push(m.total_cycles);
        out.cycles.push(cyc);
        out.correct += rb.correct as usize;
        out.steps = step;
        if let Some(m) = rb.first_mismatch(&net, &st, step) {
            out.mismatch = Some(m);
            break;
        }
        on_step(step, cyc);
        loss_sum += st.loss;
        if ps.it + 1 == ps.per_epoch {
            out.epoch_ends.push(EpochEnd {
                loss: loss_sum / ps.per_epoch as f64,
                lr: ps.lr,
                net: net.clone(),
            });
        }
    }
    let busy: u64 = out.cycles.iter().sum();
    out.pe_utilization = useful as f64 / ((r * c) as f64 * busy.max(1) as f64);
    out.sim_cycles_per_s = (sim.cycles - c0) as f64 / t0.elapsed().as_secs_f64();
    out.net = net;
    Ok(out)
}

/// `mlp-rtl train --engine rtl`: co-simulation against golden, bit-exact after every step.
pub fn train(
    cfg: &Config,
    train: &Dataset,
    test: &Dataset,
    steps: Option<usize>,
    quiet: bool,
) -> anyhow::Result<TrainReport> {
    train_vcd(cfg, train, test, steps, quiet, None)
}

/// [`train`], optionally recording a VCD of the whole run (`--vcd PATH`).
pub fn train_vcd(
    cfg: &Config,
    train: &Dataset,
    test: &Dataset,
    steps: Option<usize>,
    quiet: bool,
    vcd: Option<&std::path::Path>,
) -> anyhow::Result<TrainReport> {
    train_net_vcd(cfg, train, test, steps, quiet, vcd).map(|(r, _)| r)
}

/// [`train_vcd`], also returning the trained network: the engine's W, V and LFSR, which equal
/// golden's bit for bit (compared after every step), as a golden `Net` (for `--save`).
pub fn train_net_vcd(
    cfg: &Config,
    train: &Dataset,
    test: &Dataset,
    steps: Option<usize>,
    quiet: bool,
    vcd: Option<&std::path::Path>,
) -> anyhow::Result<(TrainReport, Net)> {
    cfg.validate_for_engine(crate::Engine::Rtl)?;
    crate::reference::train::check_dataset(cfg, train)?;
    crate::reference::train::check_dataset(cfg, test)?;
    if train.is_empty() {
        anyhow::bail!("the training set {} is empty", train.name);
    }
    let start = Instant::now();
    let per_epoch = train.len().div_ceil(cfg.train.batch_size);
    let total = steps.unwrap_or(per_epoch * cfg.train.epochs);
    let pb = crate::progress::bar(total as u64, "rtl", quiet);
    let cs = cosim(cfg, train, steps, vcd, |_, cyc| {
        pb.set_prefix(format!("{cyc} cycles/step"));
        pb.inc(1);
    })?;
    pb.finish_and_clear();
    if let Some(m) = &cs.mismatch {
        anyhow::bail!("rtl engine differs from golden: {m}");
    }
    let epochs_done = cs.epoch_ends.len();
    let whole = cs.steps == per_epoch * epochs_done && epochs_done > 0;
    let xtr = cs.net.quantize_inputs(&train.features);
    let xte = cs.net.quantize_inputs(&test.features);
    // One EpochStats per whole epoch, from the network at its end (the engine's bits).
    let history: Vec<EpochStats> = cs
        .epoch_ends
        .iter()
        .enumerate()
        .map(|(i, e)| EpochStats {
            epoch: i + 1,
            loss: e.loss,
            train_accuracy: e.net.accuracy(&xtr, &train.labels),
            test_accuracy: e.net.accuracy(&xte, &test.labels),
            lr: e.lr,
        })
        .collect();
    let (tr_acc, te_acc, final_loss) = match history.last() {
        Some(h) if whole => (h.train_accuracy, h.test_accuracy, h.loss),
        _ => (f64::NAN, f64::NAN, f64::NAN),
    };
    let mean = cs.cycles.iter().sum::<u64>() as f64 / cs.cycles.len().max(1) as f64;
    let mut extra = serde_json::Map::new();
    extra.insert("bit_exact_vs_golden".into(), true.into());
    extra.insert("cycles_per_step".into(), mean.into());
    extra.insert("cycles_per_full_step_model".into(), cs.model_cycles.into());
    extra.insert("pe_utilization".into(), cs.pe_utilization.into());
    extra.insert("sim_cycles_per_second".into(), cs.sim_cycles_per_s.into());
    extra.insert("lfsr_state".into(), cs.net.lfsr.state.into());
    if !quiet {
        eprintln!(
            "rtl: {} steps bit-exact vs golden, {:.0} cycles/step (model {}), PE utilization {:.3}, {:.0} simulated cycles/s",
            cs.steps, mean, cs.model_cycles, cs.pe_utilization, cs.sim_cycles_per_s
        );
    }
    let report = TrainReport {
        engine: "rtl".into(),
        epochs: epochs_done,
        steps: cs.steps,
        final_loss,
        train_accuracy: tr_acc,
        test_accuracy: te_acc,
        seconds: start.elapsed().as_secs_f64(),
        seed: cfg.train.seed,
        history,
        extra,
    };
    Ok((report, cs.net))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Activation, Loss, OptimizerKind};

    fn digits_train(cfg: &Config) -> Dataset {
        let all = data::digits();
        data::split(&all, cfg.data.test_fraction, cfg.data.split_seed).0
    }

    fn check(cfg: &Config, steps: usize) -> CoSim {
        let train = digits_train(cfg);
        let cs = cosim(cfg, &train, Some(steps), None, |_, _| {}).unwrap();
        if let Some(m) = &cs.mismatch {
            panic!("{m}");
        }
        assert_eq!(cs.steps, steps);
        cs
    }

    fn small(layers: &[usize], r: usize, c: usize, batch: usize) -> Config {
        let mut cfg = Config::default();
        cfg.model.layers = layers.to_vec();
        cfg.array.rows = r;
        cfg.array.cols = c;
        cfg.train.batch_size = batch;
        cfg
    }

    /// A digits subset of `n` samples (a short last batch when `n` is not a multiple of the batch).
    fn subset(cfg: &Config, n: usize) -> Dataset {
        let t = digits_train(cfg);
        let idx: Vec<usize> = (0..n).collect();
        t.subset(&idx, "digits-subset")
    }

    fn run_named(name: &str, cfg: &Config, train: &Dataset, steps: usize) -> CoSim {
        let cs = cosim(cfg, train, Some(steps), None, |_, _| {}).unwrap();
        if let Some(m) = &cs.mismatch {
            panic!("{name}: {m}");
        }
        assert_eq!(cs.steps, steps, "{name}: steps");
        let measured: Vec<usize> = cs.cycles.iter().map(|&c| c as usize).collect();
        assert_eq!(measured, cs.model, "{name}: measured cycles vs cycle model");
        cs
    }

    #[test]
    fn vcd_dump_records_the_clock() {
        let cfg = small(&[64, 3, 10], 2, 2, 2);
        let p = std::env::temp_dir().join(format!("mlp-rtl-engine-{}.vcd", std::process::id()));
        let mut s = EngineSim::new(&cfg);
        s.dump_vcd(&p).unwrap();
        s.write(regfile::ETA, 7);
        s.read(regfile::ETA);
        drop(s);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::remove_file(&p).ok();
        assert!(text.contains("$enddefinitions"), "header");
        assert!(text.contains("clock"), "clock signal");
        assert!(text.contains("#30"), "timestamps");
    }

    #[test]
    fn window_round_trip() {
        let cfg = small(&[64, 5, 10], 2, 2, 4);
        let mut s = EngineSim::new(&cfg);
        let w: Vec<i32> = (0..65 * 5).map(|i| i - 100).collect();
        s.write_window(WinKind::W(0), &w);
        assert_eq!(s.read_window(WinKind::W(0)), w);
        s.write(regfile::ETA, 1234);
        assert_eq!(s.read(regfile::ETA), 1234);
    }

    /// Whole epochs on the engine report one history entry per epoch, equal to golden's (the
    /// engine's bits are golden's): the rtl curve of `train --plot` is the real one.
    #[test]
    fn rtl_history_equals_golden_per_epoch() {
        let mut cfg = small(&[64, 6, 10], 2, 2, 8);
        cfg.train.epochs = 2;
        let train = subset(&cfg, 20); // 3 steps an epoch, the last one short
        let test = subset(&cfg, 12);
        let rtl = super::train(&cfg, &train, &test, None, true).unwrap();
        let golden = crate::golden::train(&cfg, &train, &test, true).unwrap();
        assert_eq!(rtl.steps, 6);
        assert_eq!(rtl.epochs, 2);
        assert_eq!(rtl.history, golden.history);
        assert_eq!(rtl.test_accuracy, golden.test_accuracy);
        assert_eq!(rtl.final_loss, golden.final_loss);
        // A run that stops inside an epoch has no whole epoch to report beyond the finished ones.
        let part = super::train(&cfg, &train, &test, Some(4), true).unwrap();
        assert_eq!(part.history, golden.history[..1].to_vec());
        assert!(part.test_accuracy.is_nan());
    }

    #[test]
    fn small_cosim_is_bit_exact() {
        let cs = check(&small(&[64, 6, 10], 2, 2, 4), 2);
        assert_eq!(cs.cycles[0] as usize, cs.model_cycles, "cycle model");
    }

    #[test]
    fn default_config_two_steps_bit_exact_and_fast_enough() {
        let cfg = Config::default();
        let train = digits_train(&cfg);
        let cs = run_named("default", &cfg, &train, 2);
        assert!(
            cs.pe_utilization >= 0.90,
            "PE utilization {:.3} < 0.90",
            cs.pe_utilization
        );
        // The weights moved (the comparison is not vacuous).
        assert_ne!(cs.net.layers[0].w, Net::new(&cfg).layers[0].w);
    }

    #[test]
    fn each_activation_bit_exact() {
        for act in [
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
            Activation::LeakyRelu,
        ] {
            let mut cfg = small(&[64, 6, 10], 4, 4, 8);
            cfg.model.activations = vec![act];
            run_named(&format!("{act:?}"), &cfg, &subset(&cfg, 20), 3);
        }
    }

    #[test]
    fn losses_optimizers_decay_bit_exact() {
        for loss in [Loss::SoftmaxCrossEntropy, Loss::Mse] {
            for kind in [
                OptimizerKind::Sgd,
                OptimizerKind::Momentum,
                OptimizerKind::MomentumEma,
            ] {
                for wd in [0.0, 1e-3] {
                    let mut cfg = small(&[64, 5, 10], 2, 4, 4);
                    cfg.model.loss = loss;
                    cfg.optimizer.kind = kind;
                    cfg.train.weight_decay = wd;
                    let name = format!("{loss:?} {kind:?} wd={wd}");
                    run_named(&name, &cfg, &subset(&cfg, 8), 2);
                }
            }
        }
    }

    /// η changes every step (triangular schedule): the ETA register path.
    #[test]
    fn changing_learning_rate_bit_exact() {
        let mut cfg = small(&[64, 5, 10], 2, 2, 3);
        cfg.schedule = crate::config::Schedule::Triangular {
            lr_min: 0.005,
            half_period: 2,
        };
        run_named("triangular", &cfg, &subset(&cfg, 12), 4);
    }

    #[test]
    fn shapes_bit_exact() {
        // (layers, R, C, batch, samples): narrower than the array, not a multiple of it, three
        // layers, R ≠ C both ways, batch 1, a short last batch (samples % batch ≠ 0).
        let cases: &[(&[usize], usize, usize, usize, usize)] = &[
            (&[64, 3, 10], 4, 4, 5, 12),
            (&[64, 7, 6, 10], 4, 4, 3, 7),
            (&[64, 9, 10], 2, 4, 1, 3),
            (&[64, 5, 10], 4, 2, 6, 14),
            (&[64, 4, 10], 1, 1, 2, 5),
        ];
        for &(layers, r, c, b, n) in cases {
            let cfg = small(layers, r, c, b);
            let steps = n.div_ceil(b);
            let name = format!("{layers:?} {r}×{c} batch {b}");
            run_named(&name, &cfg, &subset(&cfg, n), steps);
        }
    }

    #[test]
    fn a_corrupted_weight_is_reported() {
        let cfg = small(&[64, 4, 10], 2, 2, 2);
        let train = subset(&cfg, 2);
        let mut net = Net::new(&cfg);
        let mut sim = EngineSim::new(&cfg);
        sim.load_net(&net);
        sim.set_lfsr(net.lfsr.state);
        let w = sim.map.window(WinKind::W(1)).addr(2, 3);
        sim.write(w, (net.layers[1].w[2 * 10 + 3] + 1) as u16);
        let x = net.quantize_inputs(&train.features);
        let regs = UpdateRegs::new(&cfg, cfg.optimizer.lr);
        net.step_regs(&x, &train.labels, &regs);
        sim.write_batch(&x, &train.labels);
        sim.set_update_regs(&regs);
        sim.run_step();
        let m = sim.compare(&net, 1).expect("a difference");
        assert_eq!(m.step, 1);
        assert!(m.to_string().contains("expected"), "{m}");
    }

    /// Simulation speed of the engine alone during a default step (the host-bus cycles excluded).
    #[test]
    #[ignore = "benchmark: cargo test --release bench_engine_step -- --ignored --nocapture"]
    fn bench_engine_step() {
        let cfg = Config::default();
        let train = digits_train(&cfg);
        let net = Net::new(&cfg);
        let mut sim = EngineSim::new(&cfg);
        sim.load_net(&net);
        sim.set_lfsr(net.lfsr.state);
        let x = net.quantize_inputs(&train.features[..32 * train.dim]);
        sim.write_batch(&x, &train.labels[..32]);
        sim.set_update_regs(&UpdateRegs::new(&cfg, cfg.optimizer.lr));
        let (c0, t0) = (sim.cycles, Instant::now());
        let busy = sim.run_step();
        let dt = t0.elapsed().as_secs_f64();
        println!(
            "step: {busy} busy cycles, {} simulated cycles in {dt:.2} s = {:.0} cycles/s",
            sim.cycles - c0,
            (sim.cycles - c0) as f64 / dt
        );
    }
}
