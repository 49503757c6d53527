//! The Rust host of the engines: [`EngineSim`] drives the rust-hdl engine ([`super::engine::Engine`])
//! through its bus only, with the hand-driven clock loop of [`super::cycle`] (inputs change on the
//! falling edge); it implements [`HostBus`], as does the Verilator-built emitted engine
//! ([`super::host::VerilatorEngine`]). [`cosim_on`] and [`train_on`] are the one host program both
//! run: side by side with the golden model, comparing the engine's state with golden's.
//!
//! # Host program (bus protocol: [`super::host`])
//! Load W, V of every layer and the LFSR once (from golden's initial network, `--init` or
//! `--resume`). Per step: write X (B×n_0), LABELS, BATCH, ETA/MU/ONE_MINUS_MU/TWO_LAMBDA and CTRL=1
//! as one block, wait for `done`, read CORRECT and the saturation counters (compared with golden's
//! every step). W, V of every layer and the LFSR are read back and compared with golden's after
//! every step ([`Check::EveryStep`], the rtl engine's default and `--check`) or at the end of every
//! epoch and of the run ([`Check::EpochEnd`], the Verilator engine's default).
//! Cycles are counted on the clock; `busy_cycles` counts the cycles the sequencer is busy (the
//! cycle model's `total_cycles`).

use super::engine::Engine;
pub use super::host::Mismatch;
use super::host::{self, HostBus};
use super::regfile::{self, RegMap};
use crate::checkpoint::Progress;
use crate::config::Config;
use crate::data::{self, Dataset};
use crate::golden::train::AfterEpoch;
use crate::golden::{Net, UpdateRegs};
use crate::reference::schedule::lr_at;
use crate::report::{EpochStats, TrainReport};
use rust_hdl::prelude::*;
use std::time::Instant;

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
    /// When `Some`, every bus cycle from then on is appended: the host program as run (the engine
    /// testbench's vectors are checked against it, `engine_tb`).
    pub trace: Option<Vec<BusCycle>>,
    vcd: Option<rust_hdl::core::vcd_probe::VCDProbe<std::io::BufWriter<std::fs::File>>>,
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
}

impl HostBus for EngineSim {
    fn name(&self) -> &'static str {
        "rtl"
    }
    fn map(&self) -> &RegMap {
        &self.map
    }
    /// One clock cycle with these bus inputs; returns `rdata` during the cycle: falling edge with
    /// the new inputs, settle, sample, rising edge (the loop of [`super::cycle`]).
    fn tick(&mut self, addr: u16, wdata: u16, we: bool, re: bool) -> u16 {
        let u = &mut self.uut;
        u.clock.next = Clock::from(false);
        u.addr.next = (addr as u64).into();
        u.wdata.next = (wdata as u64).into();
        u.we.next = we;
        u.re.next = re;
        assert!(simulate(u, 200), "simulation did not settle");
        let (r, busy) = (u.rdata.val().index() as u16, u.seq.busy.val());
        if let Some(t) = self.trace.as_mut() {
            t.push(BusCycle {
                addr,
                wdata,
                we,
                re,
                rdata: r,
                busy: u.busy.val(),
                done: u.done.val(),
            });
        }
        self.probe(self.cycles * 10 + 5);
        self.uut.clock.next = Clock::from(true);
        assert!(simulate(&mut self.uut, 200), "simulation did not settle");
        self.cycles += 1;
        self.probe(self.cycles * 10);
        self.busy_cycles += busy as u64;
        r
    }
    fn rw_collisions(&self) -> u64 {
        self.uut.rw_collisions()
    }
    fn run_until_done(&mut self, max: u64) -> Option<u64> {
        let mut n = 0;
        while !self.uut.done.val() {
            if n == max {
                return None;
            }
            self.tick(0, 0, false, false);
            n += 1;
        }
        Some(n)
    }
    fn cycles(&self) -> u64 {
        self.cycles
    }
    fn busy_cycles(&self) -> u64 {
        self.busy_cycles
    }
}

/// When the engine's W, V and LFSR are read back and compared with golden's (CORRECT and the
/// saturation counters are compared after every step in both modes: 11 words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// After every step (the rtl engine; `train --check`).
    EveryStep,
    /// At the end of every epoch and of the run (the Verilator engine's default).
    EpochEnd,
}

impl Check {
    pub fn name(self) -> &'static str {
        match self {
            Check::EveryStep => "every_step",
            Check::EpochEnd => "epoch_end",
        }
    }
}

/// What a co-simulation runs.
#[derive(Debug, Clone)]
pub struct CosimOpts {
    /// Steps to run (`None`: up to the end of the configured epochs); may go past them.
    pub steps: Option<usize>,
    pub check: Check,
    /// Start from this network and progress (`--init`: progress 0; `--resume`: the file's; `None`:
    /// golden's seeded initial network). Runs start at an epoch boundary.
    pub start: Option<(Net, Progress)>,
}

impl Default for CosimOpts {
    fn default() -> Self {
        CosimOpts {
            steps: None,
            check: Check::EveryStep,
            start: None,
        }
    }
}

/// Result of a co-simulation run.
#[derive(Debug, Clone)]
pub struct CoSim {
    /// Steps run by this call.
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
    /// Simulated clock cycles (bus and busy) of this call, and per wall-clock second (golden's
    /// own stepping time excluded).
    pub sim_cycles: u64,
    pub sim_cycles_per_s: f64,
    /// Samples trained by this call, and per wall-clock second (golden's stepping excluded).
    pub samples: usize,
    pub samples_per_s: f64,
    /// Wall seconds of the whole call, and of golden's steps inside it.
    pub seconds: f64,
    pub golden_seconds: f64,
    pub correct: usize,
    /// The engine's state at the end, read back (equal to golden's when there is no mismatch).
    pub net: Net,
    /// Epochs completed, optimizer steps taken and per-epoch statistics, including those before
    /// the start. Statistics are golden's network's at each epoch end (compared equal to the
    /// engine's there).
    pub progress: Progress,
}

/// Runs mini-batch steps (epoch order of `data::epoch_batches`) on golden and on the engine behind
/// `host`, comparing as `opts.check` says; stops at the first difference. `test` is only used for
/// the per-epoch statistics. `after_epoch(engine_net, progress)` runs after every whole epoch, with
/// the engine's state read back (equal to golden's).
pub fn cosim_on<H: HostBus + ?Sized>(
    host: &mut H,
    cfg: &Config,
    train: &Dataset,
    test: &Dataset,
    opts: CosimOpts,
    mut on_step: impl FnMut(usize, u64),
    after_epoch: &mut AfterEpoch<'_>,
) -> anyhow::Result<CoSim> {
    let (mut net, mut p) = opts
        .start
        .unwrap_or_else(|| (Net::new(cfg), Progress::default()));
    if p.epoch > cfg.train.epochs {
        anyhow::bail!(
            "the run starts after epoch {}, beyond train.epochs = {}",
            p.epoch,
            cfg.train.epochs
        );
    }
    p.history.truncate(p.epoch);
    let t0 = Instant::now();
    host.load_net(&net);
    let xtr = net.quantize_inputs(&train.features);
    let xte = net.quantize_inputs(&test.features);
    let d = train.dim;
    let bsz = cfg.train.batch_size;
    let per_epoch = train.len().div_ceil(bsz);
    let total = opts
        .steps
        .unwrap_or(per_epoch * (cfg.train.epochs - p.epoch));
    let prog = super::program::Program::for_engine(cfg);
    let cm = prog.cycle_model(bsz);
    // A step that takes 4× the model plus 10 k cycles is a hung engine.
    let max_cycles = 4 * cm.total_cycles as u64 + 10_000;
    let (r, c) = (cfg.array.rows, cfg.array.cols);
    let c0 = host.cycles();
    let mut out = CoSim {
        steps: 0,
        mismatch: None,
        cycles: Vec::new(),
        model: Vec::new(),
        model_cycles: cm.total_cycles,
        useful_macs_full: cm.useful_macs,
        pe_utilization: 0.0,
        sim_cycles: 0,
        sim_cycles_per_s: 0.0,
        samples: 0,
        samples_per_s: 0.0,
        seconds: 0.0,
        golden_seconds: 0.0,
        correct: 0,
        net: net.clone(),
        progress: Progress::default(),
    };
    let mut useful = 0usize;
    let mut engine_net: Option<Net> = None;
    let (mut xb, mut lb) = (Vec::new(), Vec::new());
    'outer: for e in p.epoch.. {
        if out.steps >= total {
            break;
        }
        let batches = data::epoch_batches(train.len(), bsz, cfg.train.seed, e);
        let mut loss_sum = 0.0;
        for (it, idx) in batches.iter().enumerate() {
            if out.steps >= total {
                break 'outer;
            }
            let lr = lr_at(&cfg.schedule, cfg.optimizer.lr, e, it, per_epoch);
            let regs = UpdateRegs::new(cfg, lr);
            xb.clear();
            lb.clear();
            for &i in idx {
                xb.extend_from_slice(&xtr[i * d..(i + 1) * d]);
                lb.push(train.labels[i]);
            }
            let tg = Instant::now();
            let st = net.step_regs(&xb, &lb, &regs);
            out.golden_seconds += tg.elapsed().as_secs_f64();
            host.start_step(&xb, &lb, &regs);
            let step = p.step as usize + 1;
            let cyc = host.run_until_done(max_cycles).ok_or_else(|| {
                anyhow::anyhow!(
                    "the {} engine did not finish step {step} within {max_cycles} cycles",
                    host.name()
                )
            })?;
            if host.rw_collisions() > 0 {
                anyhow::bail!(
                    "the {} engine read {} memory word(s) in the cycle it wrote them (by step \
                     {step}): the emitted memories' `(* no_rw_check *)` assumption does not hold \
                     for this config, so synthesized hardware would differ from the simulation \
                     (MLP_RTL_RW_LOG=1 shows where)",
                    host.name(),
                    host.rw_collisions()
                );
            }
            let m = prog.cycle_model(idx.len());
            useful += m.useful_macs;
            out.model.push(m.total_cycles);
            out.cycles.push(cyc);
            out.samples += idx.len();
            out.steps += 1;
            p.step += 1;
            let (correct, sat) = host.step_counters();
            out.correct += correct as usize;
            if correct as usize != st.correct {
                out.mismatch = Some(Mismatch {
                    step,
                    what: "CORRECT".into(),
                    layer: 0,
                    row: 0,
                    col: 0,
                    expected: st.correct as i64,
                    actual: correct as i64,
                });
                break 'outer;
            }
            let gs = [
                st.sat.acc,
                st.sat.act,
                st.sat.err,
                st.sat.mom,
                st.sat.weight,
            ];
            if let Some(k) = (0..5).find(|&k| sat[k] != gs[k]) {
                out.mismatch = Some(Mismatch {
                    step,
                    what: format!("SAT_{}", regfile::SAT_NAMES[k]),
                    layer: 0,
                    row: 0,
                    col: 0,
                    expected: gs[k] as i64,
                    actual: sat[k] as i64,
                });
                break 'outer;
            }
            let epoch_end = it + 1 == batches.len();
            if opts.check == Check::EveryStep || epoch_end || out.steps == total {
                let en = host.read_net(&net);
                if let Some(m) = host::diff(step, &net, &en) {
                    out.mismatch = Some(m);
                    break 'outer;
                }
                engine_net = Some(en);
            } else {
                engine_net = None;
            }
            on_step(out.steps, cyc);
            loss_sum += st.loss;
            if epoch_end {
                p.history.push(EpochStats {
                    epoch: e + 1,
                    loss: loss_sum / batches.len() as f64,
                    train_accuracy: net.accuracy(&xtr, &train.labels),
                    test_accuracy: net.accuracy(&xte, &test.labels),
                    lr,
                });
                p.epoch = e + 1;
                after_epoch(engine_net.as_ref().expect("read at the epoch end"), &p)?;
            }
        }
    }
    let busy: u64 = out.cycles.iter().sum();
    out.pe_utilization = useful as f64 / ((r * c) as f64 * busy.max(1) as f64);
    out.seconds = t0.elapsed().as_secs_f64();
    let engine_secs = (out.seconds - out.golden_seconds).max(1e-9);
    out.sim_cycles = host.cycles() - c0;
    out.sim_cycles_per_s = out.sim_cycles as f64 / engine_secs;
    out.samples_per_s = out.samples as f64 / engine_secs;
    out.net = match engine_net {
        Some(n) if out.mismatch.is_none() => n,
        _ => host.read_net(&net),
    };
    out.progress = p;
    Ok(out)
}

/// Run `steps` mini-batch steps (`None` = every step of the configured epochs) on golden and on
/// the rust-hdl engine, comparing after every step; stops at the first difference.
pub fn cosim(
    cfg: &Config,
    train: &Dataset,
    steps: Option<usize>,
    vcd: Option<&std::path::Path>,
    on_step: impl FnMut(usize, u64),
) -> anyhow::Result<CoSim> {
    let mut sim = EngineSim::new(cfg);
    if let Some(p) = vcd {
        sim.dump_vcd(p)?;
    }
    let opts = CosimOpts {
        steps,
        ..CosimOpts::default()
    };
    cosim_on(&mut sim, cfg, train, train, opts, on_step, &mut |_, _| {
        Ok(())
    })
}

/// Options of [`train_on`].
#[derive(Debug, Clone)]
pub struct TrainOpts {
    pub cosim: CosimOpts,
    /// No progress bar and no summary line on stderr.
    pub quiet: bool,
}

/// `mlp-rtl train --engine rtl|verilator`: [`cosim_on`] with a progress bar, as a report (history
/// per whole epoch, the figures of the engine in `extra`) and the engine's final state. A
/// difference from golden is an error.
pub fn train_on<H: HostBus + ?Sized>(
    host: &mut H,
    engine: crate::Engine,
    cfg: &Config,
    train: &Dataset,
    test: &Dataset,
    opts: TrainOpts,
    after_epoch: &mut AfterEpoch<'_>,
) -> anyhow::Result<(TrainReport, Net)> {
    cfg.validate_for_engine(engine)?;
    crate::reference::train::check_dataset(cfg, train)?;
    crate::reference::train::check_dataset(cfg, test)?;
    if train.is_empty() {
        anyhow::bail!("the training set {} is empty", train.name);
    }
    let start = Instant::now();
    let per_epoch = train.len().div_ceil(cfg.train.batch_size);
    let from = opts.cosim.start.as_ref().map_or(0, |(_, p)| p.epoch);
    let total = opts
        .cosim
        .steps
        .unwrap_or(per_epoch * cfg.train.epochs.saturating_sub(from));
    let check = opts.cosim.check;
    let pb = crate::progress::bar(total as u64, engine.name(), opts.quiet);
    let cs = cosim_on(
        host,
        cfg,
        train,
        test,
        opts.cosim,
        |_, cyc| {
            pb.set_prefix(format!("{cyc} cycles/step"));
            pb.inc(1);
        },
        after_epoch,
    )?;
    pb.finish_and_clear();
    if let Some(m) = &cs.mismatch {
        anyhow::bail!("the {engine} engine differs from golden: {m}");
    }
    let p = &cs.progress;
    let whole = p.epoch > 0 && p.step as usize == per_epoch * p.epoch;
    let (tr_acc, te_acc, final_loss) = match p.history.last() {
        Some(h) if whole => (h.train_accuracy, h.test_accuracy, h.loss),
        _ => (f64::NAN, f64::NAN, f64::NAN),
    };
    let mean = cs.cycles.iter().sum::<u64>() as f64 / cs.cycles.len().max(1) as f64;
    let mut extra = serde_json::Map::new();
    extra.insert("bit_exact_vs_golden".into(), true.into());
    extra.insert("check".into(), check.name().into());
    extra.insert("cycles_per_step".into(), mean.into());
    extra.insert("cycles_per_full_step_model".into(), cs.model_cycles.into());
    extra.insert("pe_utilization".into(), cs.pe_utilization.into());
    extra.insert("sim_cycles".into(), cs.sim_cycles.into());
    extra.insert("sim_cycles_per_second".into(), cs.sim_cycles_per_s.into());
    extra.insert("samples_per_second".into(), cs.samples_per_s.into());
    extra.insert("golden_seconds".into(), cs.golden_seconds.into());
    extra.insert("lfsr_state".into(), cs.net.lfsr.state.into());
    if !opts.quiet {
        eprintln!(
            "{engine}: {} steps bit-exact vs golden (checked {}), {:.0} cycles/step (model {}), PE utilization {:.3}, {:.0} simulated cycles/s",
            cs.steps,
            check.name().replace('_', " "),
            mean,
            cs.model_cycles,
            cs.pe_utilization,
            cs.sim_cycles_per_s
        );
    }
    let report = TrainReport {
        engine: engine.name().into(),
        epochs: p.epoch,
        steps: p.step as usize,
        final_loss,
        train_accuracy: tr_acc,
        test_accuracy: te_acc,
        seconds: start.elapsed().as_secs_f64(),
        seed: cfg.train.seed,
        history: p.history.clone(),
        extra,
    };
    Ok((report, cs.net))
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
    let mut sim = EngineSim::new(cfg);
    if let Some(p) = vcd {
        sim.dump_vcd(p)?;
    }
    let opts = TrainOpts {
        cosim: CosimOpts {
            steps,
            ..CosimOpts::default()
        },
        quiet,
    };
    train_on(
        &mut sim,
        crate::Engine::Rtl,
        cfg,
        train,
        test,
        opts,
        &mut |_, _| Ok(()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Activation, Loss, OptimizerKind};
    use crate::hw::program::Program;
    use crate::hw::regfile::WinKind;

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

    /// A run whose engine reports a same-cycle read and write of a memory word (the assumption
    /// behind the emitted `(* no_rw_check *)`) stops with an error naming it, after that step.
    #[test]
    fn a_memory_read_write_collision_is_an_error() {
        struct Colliding(crate::hw::engine_tb::BusModel);
        impl HostBus for Colliding {
            fn name(&self) -> &'static str {
                "colliding"
            }
            fn map(&self) -> &RegMap {
                self.0.map()
            }
            fn tick(&mut self, addr: u16, wdata: u16, we: bool, re: bool) -> u16 {
                self.0.tick(addr, wdata, we, re)
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
            fn rw_collisions(&self) -> u64 {
                u64::from(self.0.busy_cycles() > 0)
            }
        }
        let cfg = small(&[64, 3, 10], 1, 1, 2);
        let train = digits_train(&cfg);
        let mut h = Colliding(crate::hw::engine_tb::BusModel::new(&cfg));
        let e = crate::hw::engine_tb::program(&mut h, &cfg, &train, 2).unwrap_err();
        let msg = format!("{e:#}");
        assert!(
            msg.contains("no_rw_check") && msg.contains("step 1") && msg.contains("colliding"),
            "{msg}"
        );
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

    /// One host program on an engine: load golden's initial network, a full and a short step with
    /// real digits, CORRECT, the saturation counters, W, V and LFSR read back, STATUS; everything
    /// read, with the cycle counters, in order.
    fn host_program(h: &mut dyn HostBus, cfg: &Config) -> Vec<u64> {
        let train = digits_train(cfg);
        let net = Net::new(cfg);
        let x = net.quantize_inputs(&train.features);
        let d = train.dim;
        let mut t = Vec::new();
        h.load_net(&net);
        for (b0, n, lr) in [(0, cfg.train.batch_size, 0.05), (40, 3, 0.01)] {
            let regs = UpdateRegs::new(cfg, lr);
            h.start_step(&x[b0 * d..(b0 + n) * d], &train.labels[b0..b0 + n], &regs);
            t.push(h.run_until_done(1_000_000).expect("done"));
            let (correct, sat) = h.step_counters();
            t.push(correct as u64);
            t.extend(sat);
            let e = h.read_net(&net);
            for l in &e.layers {
                t.extend(l.w.iter().chain(&l.v).map(|&v| v as u64));
            }
            t.extend([e.lfsr.state as u64, h.read(regfile::STATUS) as u64]);
            t.extend([h.cycles(), h.busy_cycles()]);
        }
        t
    }

    /// HostBus parity: the same host program on the rust-hdl engine and on the emitted engine
    /// through Verilator reads the same words in the same cycles (tiny config).
    #[test]
    fn rusthdl_and_verilator_engines_agree() {
        use crate::flow::verilated::BuildOpts;
        use crate::hw::host::VerilatorEngine;
        let cfg = Config::preset("tiny").unwrap();
        let (design, _) = VerilatorEngine::design(&cfg, &BuildOpts::default())
            .unwrap_or_else(|e| panic!("building the tiny engine in Verilator: {e:#}"));
        let mut v = VerilatorEngine::new(&design, &cfg).unwrap();
        let mut r = EngineSim::new(&cfg);
        let (tv, tr) = (host_program(&mut v, &cfg), host_program(&mut r, &cfg));
        assert_eq!(tv.len(), tr.len());
        if let Some(i) = (0..tv.len()).find(|&i| tv[i] != tr[i]) {
            panic!(
                "word {i} of {}: verilator {} vs rust-hdl {}",
                tv.len(),
                tv[i],
                tr[i]
            );
        }
        let full = Program::for_engine(&cfg).cycle_model(cfg.train.batch_size);
        assert_eq!(
            tv[0], full.total_cycles as u64,
            "busy cycles of a full step"
        );
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

    /// Speed of the emitted engine through Verilator on the default config: model build (or cache
    /// hit), then 20 steps of the host program without golden (bus blocks, run_until on done).
    #[test]
    #[ignore = "benchmark: cargo test --release bench_verilator_engine -- --ignored --nocapture"]
    fn bench_verilator_engine() {
        use crate::flow::verilated::BuildOpts;
        use crate::hw::host::VerilatorEngine;
        let cfg = Config::default();
        let t0 = Instant::now();
        let (mut v, info) = VerilatorEngine::build(&cfg, &BuildOpts::default()).unwrap();
        println!(
            "build {:.1} s (cache hit {}), {}",
            t0.elapsed().as_secs_f64(),
            info.cache_hit,
            info.dir.display()
        );
        let train = digits_train(&cfg);
        let net = Net::new(&cfg);
        let x = net.quantize_inputs(&train.features);
        let regs = UpdateRegs::new(&cfg, cfg.optimizer.lr);
        v.load_net(&net);
        let (c0, t0) = (v.cycles(), Instant::now());
        let mut busy = 0;
        for s in 0..20 {
            let b0 = s * 32;
            v.start_step(
                &x[b0 * 64..(b0 + 32) * 64],
                &train.labels[b0..b0 + 32],
                &regs,
            );
            busy += v.run_until_done(1_000_000).unwrap();
            v.step_counters();
        }
        let dt = t0.elapsed().as_secs_f64();
        let n = v.cycles() - c0;
        println!(
            "20 steps: {busy} busy cycles, {n} cycles in {dt:.3} s = {:.0} cycles/s, {:.1} ms/step",
            n as f64 / dt,
            dt / 20.0 * 1e3
        );
        let t1 = Instant::now();
        v.read_net(&net);
        println!(
            "read back W, V, LFSR: {:.2} ms",
            t1.elapsed().as_secs_f64() * 1e3
        );
    }
}
