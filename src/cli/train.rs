//! `mlp-rtl train`: trains on the chosen engine(s) and prints per-epoch figures, or one JSON line.

use anyhow::Context;
use clap::Args;
use mlp_rtl::checkpoint::{self, EngineState, Progress};
use mlp_rtl::flow::verilated::BuildOpts;
use mlp_rtl::golden::{self, Net};
use mlp_rtl::hw::driver::{self, Check, CosimOpts, EngineSim, TrainOpts};
use mlp_rtl::hw::host::VerilatorEngine;
use mlp_rtl::model_io::ModelFile;
use mlp_rtl::reference::train::{train_from, Start};
use mlp_rtl::reference::{Mlp, Trainer};
use mlp_rtl::{data, plot, reference, Config, Engine, TrainReport};
use std::path::{Path, PathBuf};

/// Where `--checkpoint-every` writes when no `--checkpoint` is given (`{engine}` is replaced).
pub const DEFAULT_CHECKPOINT: &str = "target/checkpoints/{engine}.safetensors";

#[derive(Args, Debug)]
pub struct TrainArgs {
    /// Config file (TOML) or `preset:NAME`; default: the embedded default config.
    #[arg(long)]
    pub config: Option<String>,
    /// Engine(s): float, golden, rtl, verilator; a comma list runs several.
    #[arg(long, default_value = "float")]
    pub engine: String,
    /// Data set: digits, csv:PATH or idx:DIR (overrides the config's data.source).
    #[arg(long)]
    pub dataset: Option<String>,
    /// Number of epochs (overrides the config).
    #[arg(long, allow_negative_numbers = true)]
    pub epochs: Option<usize>,
    /// Training seed (overrides the config).
    #[arg(long, allow_negative_numbers = true)]
    pub seed: Option<u64>,
    /// Mini-batch steps to run on the rtl and verilator engines (default: every step of the
    /// configured epochs); other engines of an `--engine` list still train their full epochs.
    #[arg(long)]
    pub steps: Option<usize>,
    /// verilator engine: compare W, V and the LFSR with golden after every step (default: at the end
    /// of every epoch and of the run; CORRECT and the saturation counters are compared every step,
    /// and the rtl engine always compares everything every step).
    #[arg(long)]
    pub check: bool,
    /// rtl engine: record every signal of the engine into a VCD file (large: use few --steps).
    #[arg(long, value_name = "PATH")]
    pub vcd: Option<PathBuf>,
    /// Print one JSON object as the last stdout line (per engine) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Draw loss and test accuracy per epoch of every engine run to FILE (.svg or .png).
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
    /// Write the trained model (weights, optimizer state, progress) to FILE at the end.
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Start from the weights in FILE instead of the seeded Kaiming init (fresh optimizer state).
    #[arg(long, value_name = "FILE", conflicts_with = "resume")]
    pub init: Option<PathBuf>,
    /// Continue the run saved in FILE (weights, optimizer state, epoch, step); the config must match
    /// except train.epochs. Without --config the file's config is used.
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// Write a checkpoint every N epochs (and after the last one).
    #[arg(long, value_name = "N")]
    pub checkpoint_every: Option<usize>,
    /// Checkpoint file (default target/checkpoints/ENGINE.safetensors); implies --checkpoint-every 1
    /// when that is absent.
    #[arg(long, value_name = "FILE")]
    pub checkpoint: Option<PathBuf>,
}

/// The model-file options of one run.
struct Files {
    save: Option<PathBuf>,
    init: Option<(PathBuf, ModelFile)>,
    resume: Option<(PathBuf, ModelFile)>,
    /// (path, every N epochs)
    checkpoint: Option<(PathBuf, usize)>,
}

fn load_model(p: &Path) -> anyhow::Result<ModelFile> {
    ModelFile::load(p)
}

/// Errors unless the directory `path` would be written into exists (checked before training).
fn check_writable_dir(path: &Path, what: &str) -> anyhow::Result<()> {
    if path.is_dir() {
        anyhow::bail!("{what} {} is a directory", path.display());
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        anyhow::bail!(
            "{what} {}: directory {} does not exist",
            path.display(),
            dir.display()
        );
    }
    Ok(())
}

pub fn run(a: TrainArgs) -> anyhow::Result<()> {
    let resume = match &a.resume {
        Some(p) => Some((p.clone(), load_model(p)?)),
        None => None,
    };
    let mut cfg: Config = match (&a.config, &resume) {
        (None, Some((p, mf))) => {
            checkpoint::read_header(mf)
                .with_context(|| p.display().to_string())?
                .config
        }
        _ => super::load_config(a.config.as_deref())?,
    };
    if let Some(d) = a.dataset {
        cfg.data.source = d;
    }
    if let Some(e) = a.epochs {
        cfg.train.epochs = e;
    }
    if let Some(s) = a.seed {
        cfg.train.seed = s;
    }
    let engines = Engine::parse_list(&a.engine).map_err(anyhow::Error::msg)?;
    // Checked before training, so a long run does not fail only at its end.
    if let Some(p) = &a.plot {
        plot::check_output(p)?;
    }
    for &e in &engines {
        cfg.validate_for_engine(e)?;
    }
    let rtl_engines = engines.contains(&Engine::Rtl) || engines.contains(&Engine::Verilator);
    if !rtl_engines && a.steps.is_some() {
        anyhow::bail!("--steps is only available with --engine rtl or verilator");
    }
    if !engines.contains(&Engine::Rtl) && a.vcd.is_some() {
        anyhow::bail!("--vcd is only available with --engine rtl");
    }
    if !engines.contains(&Engine::Verilator) && a.check {
        anyhow::bail!("--check is only available with --engine verilator");
    }
    let uses_files = a.save.is_some()
        || a.init.is_some()
        || resume.is_some()
        || a.checkpoint.is_some()
        || a.checkpoint_every.is_some();
    if uses_files && engines.len() != 1 {
        anyhow::bail!(
            "--save, --init, --resume and --checkpoint need a single --engine (got {})",
            a.engine
        );
    }
    if a.checkpoint_every == Some(0) {
        anyhow::bail!("--checkpoint-every must be at least 1");
    }
    let checkpoint = if a.checkpoint.is_some() || a.checkpoint_every.is_some() {
        let p = match &a.checkpoint {
            Some(p) => p.clone(),
            None => {
                let p = PathBuf::from(DEFAULT_CHECKPOINT.replace("{engine}", engines[0].name()));
                if let Some(d) = p.parent() {
                    std::fs::create_dir_all(d)
                        .with_context(|| format!("cannot create {}", d.display()))?;
                }
                p
            }
        };
        check_writable_dir(&p, "--checkpoint")?;
        Some((p, a.checkpoint_every.unwrap_or(1)))
    } else {
        None
    };
    if let Some(p) = &a.save {
        check_writable_dir(p, "--save")?;
    }
    let files = Files {
        save: a.save.clone(),
        init: match &a.init {
            Some(p) => Some((p.clone(), load_model(p)?)),
            None => None,
        },
        resume,
        checkpoint,
    };
    let source = data::DataSource::parse(&cfg.data.source).map_err(anyhow::Error::msg)?;
    let all = source.load()?;
    reference::train::check_dataset(&cfg, &all)?;
    let (train, test) = data::split(&all, cfg.data.test_fraction, cfg.data.split_seed);
    if train.is_empty() || test.is_empty() {
        anyhow::bail!(
            "data set {} has {} samples: too few for a train/test split with test_fraction {}",
            all.name,
            all.len(),
            cfg.data.test_fraction
        );
    }
    if a.plot.is_some()
        && engines
            .iter()
            .all(|&e| matches!(e, Engine::Rtl | Engine::Verilator))
    {
        let per_epoch = train.len().div_ceil(cfg.train.batch_size);
        if a.steps.is_some_and(|n| n < per_epoch) {
            anyhow::bail!(
                "--plot draws whole epochs, and --steps runs less than one ({per_epoch} steps)"
            );
        }
    }
    let rtl = RtlOpts {
        steps: a.steps,
        vcd: a.vcd.clone(),
        check: a.check,
    };
    let mut reports = Vec::new();
    for &e in &engines {
        let report = if uses_files {
            train_with_files(e, &cfg, &train, &test, a.json, &files, &rtl)?
        } else {
            train_on(e, &cfg, &train, &test, a.json, &rtl)?
        };
        print_report(&report, a.json);
        reports.push(report);
    }
    if let Some(p) = &a.plot {
        // A run of a few --steps has no whole epoch to draw; the other engines' curves still are.
        let whole: Vec<TrainReport> = reports
            .iter()
            .filter(|r| !r.history.is_empty())
            .cloned()
            .collect();
        for r in reports.iter().filter(|r| r.history.is_empty()) {
            eprintln!(
                "note: {} ran no whole epoch; it is not in the picture",
                r.engine
            );
        }
        plot::training_curves(&whole, p)?;
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}

impl Files {
    /// `--resume`: the state and progress in the file, checked engine first, then config (only
    /// `train.epochs` may differ), then tensors, then that the run is not past `--epochs`.
    fn resume<S: EngineState>(
        &self,
        engine: Engine,
        cfg: &Config,
    ) -> anyhow::Result<Option<(S, Progress)>> {
        let Some((p, mf)) = &self.resume else {
            return Ok(None);
        };
        let name = p.display().to_string();
        let h = checkpoint::read_header(mf).with_context(|| name.clone())?;
        if h.engine != engine {
            anyhow::bail!(
                "{name}: written by the {} engine, cannot resume on the {engine} engine",
                h.engine
            );
        }
        checkpoint::check_same_run(&h.config, cfg).with_context(|| name.clone())?;
        let (state, h) = checkpoint::from_model_file::<S>(mf, cfg).with_context(|| name.clone())?;
        if h.progress.epoch > cfg.train.epochs {
            anyhow::bail!(
                "{name}: the run is at epoch {}, beyond --epochs {}",
                h.progress.epoch,
                cfg.train.epochs
            );
        }
        Ok(Some((state, h.progress)))
    }

    /// `--init`: `read` applied to the file, its errors prefixed with the path.
    fn init<T>(
        &self,
        read: impl FnOnce(&ModelFile) -> anyhow::Result<T>,
    ) -> anyhow::Result<Option<T>> {
        self.init
            .as_ref()
            .map(|(p, mf)| read(mf).with_context(|| p.display().to_string()))
            .transpose()
    }

    /// After an epoch: writes the `--checkpoint` when due (every N epochs and after the last).
    fn checkpoint<S: EngineState>(
        &self,
        engine: Engine,
        cfg: &Config,
        state: &S,
        progress: &Progress,
    ) -> anyhow::Result<()> {
        match &self.checkpoint {
            Some((p, every))
                if progress.epoch.is_multiple_of(*every) || progress.epoch == cfg.train.epochs =>
            {
                checkpoint::save(p, state, engine, cfg, progress)
            }
            _ => Ok(()),
        }
    }

    /// At the end: writes `--save` with the progress of `report`.
    fn save<S: EngineState>(
        &self,
        engine: Engine,
        cfg: &Config,
        state: &S,
        report: &TrainReport,
    ) -> anyhow::Result<()> {
        match &self.save {
            Some(p) => checkpoint::save(p, state, engine, cfg, &report_progress(report)),
            None => Ok(()),
        }
    }
}

/// The progress at the end of a run.
fn report_progress(r: &TrainReport) -> Progress {
    Progress {
        epoch: r.history.len(),
        step: r.steps as u64,
        history: r.history.clone(),
    }
}

/// The options of the RTL engines (rtl, verilator).
struct RtlOpts {
    steps: Option<usize>,
    vcd: Option<PathBuf>,
    check: bool,
}

/// One run of an RTL engine through the shared host program (`hw::driver::train_on`): the rust-hdl
/// engine, or the emitted engine built by Verilator (cached under target/verilated).
#[allow(clippy::too_many_arguments)] // the run's inputs
fn train_rtl_engine(
    engine: Engine,
    cfg: &Config,
    train: &data::Dataset,
    test: &data::Dataset,
    quiet: bool,
    o: &RtlOpts,
    start: Option<(Net, Progress)>,
    after: &mut golden::train::AfterEpoch<'_>,
) -> anyhow::Result<(TrainReport, Net)> {
    cfg.validate_for_engine(engine)?;
    let check = if o.check || engine == Engine::Rtl {
        Check::EveryStep
    } else {
        Check::EpochEnd
    };
    let opts = TrainOpts {
        cosim: CosimOpts {
            steps: o.steps,
            check,
            start,
        },
        quiet,
    };
    match engine {
        Engine::Rtl => {
            let mut sim = EngineSim::new(cfg);
            if let Some(p) = &o.vcd {
                sim.dump_vcd(p)?;
            }
            driver::train_on(&mut sim, engine, cfg, train, test, opts, after)
        }
        Engine::Verilator => {
            let (mut sim, info) = VerilatorEngine::build(cfg, &BuildOpts::default())?;
            if !quiet {
                eprintln!(
                    "verilator: engine model {} in {:.1} s ({})",
                    if info.cache_hit {
                        "from the cache"
                    } else {
                        "built"
                    },
                    info.seconds,
                    info.dir.display()
                );
            }
            let (mut r, net) = driver::train_on(&mut sim, engine, cfg, train, test, opts, after)?;
            r.extra
                .insert("verilator_build_seconds".into(), info.seconds.into());
            r.extra
                .insert("verilator_cache_hit".into(), info.cache_hit.into());
            Ok((r, net))
        }
        other => anyhow::bail!("{other} is not an RTL engine"),
    }
}

/// A run with model files: start from `--init`/`--resume`, write checkpoints and `--save`.
/// Adding an engine is one arm: its state implements `mlp_rtl::checkpoint::EngineState` (fixed-point
/// engines: the golden `Net` or a `FixedState`), and its loop calls `Files::resume`, `Files::init`,
/// `Files::checkpoint` after every epoch and `Files::save` at the end.
fn train_with_files(
    engine: Engine,
    cfg: &Config,
    train: &data::Dataset,
    test: &data::Dataset,
    quiet: bool,
    f: &Files,
    rtl: &RtlOpts,
) -> anyhow::Result<TrainReport> {
    match engine {
        Engine::Float => {
            let start = match f.resume::<Trainer<f32>>(engine, cfg)? {
                Some((trainer, p)) => Some(Start {
                    trainer,
                    epoch: p.epoch,
                    history: p.history,
                }),
                None => f
                    .init(|mf| checkpoint::init_layers(mf, cfg))?
                    .map(|layers| Start {
                        trainer: Trainer::from_mlp(Mlp::<f32>::from_init(&layers, cfg), cfg),
                        epoch: 0,
                        history: Vec::new(),
                    }),
            };
            let mut after = |t: &Trainer<f32>, h: &[mlp_rtl::EpochStats]| {
                let p = Progress {
                    epoch: h.len(),
                    step: t.opt.steps,
                    history: h.to_vec(),
                };
                f.checkpoint(engine, cfg, t, &p)
            };
            let (report, tr) = train_from::<f32>(cfg, train, test, quiet, start, &mut after)?;
            f.save(engine, cfg, &tr, &report)?;
            Ok(report)
        }
        // The fixed-point engines share the state (W, V, LFSR as a golden `Net`) and the file
        // format; the RTL engines' state is read back from the engine (equal to golden's).
        Engine::Golden | Engine::Rtl | Engine::Verilator => {
            let start = match f.resume::<Net>(engine, cfg)? {
                Some(s) => Some(s),
                None => f
                    .init(|mf| checkpoint::init_layers_fixed(mf, cfg))?
                    .map(|layers| (Net::from_init(cfg, &layers), Progress::default())),
            };
            let mut after = |n: &Net, p: &Progress| f.checkpoint(engine, cfg, n, p);
            let (report, net) = if engine == Engine::Golden {
                golden::train_from(cfg, train, test, quiet, start, &mut after)?
            } else {
                train_rtl_engine(engine, cfg, train, test, quiet, rtl, start, &mut after)?
            };
            f.save(engine, cfg, &net, &report)?;
            Ok(report)
        }
    }
}

/// One engine's training run. Adding an engine is one arm calling its
/// `xxx::train(cfg, &train, &test, quiet) -> anyhow::Result<TrainReport>`.
fn train_on(
    engine: Engine,
    cfg: &Config,
    train: &data::Dataset,
    test: &data::Dataset,
    quiet: bool,
    rtl: &RtlOpts,
) -> anyhow::Result<TrainReport> {
    // `--steps`, `--vcd` and `--check` concern the RTL engines only (checked up front).
    match engine {
        Engine::Float => reference::train::train(cfg, train, test, quiet),
        Engine::Golden => mlp_rtl::golden::train(cfg, train, test, quiet),
        Engine::Rtl | Engine::Verilator => {
            train_rtl_engine(engine, cfg, train, test, quiet, rtl, None, &mut |_, _| {
                Ok(())
            })
            .map(|(r, _)| r)
        }
    }
}

fn print_report(r: &TrainReport, json: bool) {
    if json {
        println!("{}", r.to_json_line());
        return;
    }
    if r.history.is_empty() {
        println!(
            "{}: {} steps (no whole epoch), seed {}, {:.2} s",
            r.engine, r.steps, r.seed, r.seconds
        );
        return;
    }
    println!("{} engine, seed {}:", r.engine, r.seed);
    println!(
        "{:>6} {:>10} {:>10} {:>10} {:>10}",
        "epoch", "loss", "train acc", "test acc", "lr"
    );
    for h in &r.history {
        println!(
            "{:>6} {:>10.4} {:>10.4} {:>10.4} {:>10.3e}",
            h.epoch, h.loss, h.train_accuracy, h.test_accuracy, h.lr
        );
    }
    println!(
        "{}: {} epochs, loss {:.4}, train acc {:.4}, test acc {:.4}, {:.2} s",
        r.engine, r.epochs, r.final_loss, r.train_accuracy, r.test_accuracy, r.seconds
    );
}
