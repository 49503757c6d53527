//! `mlp-rtl train`: trains on the chosen engine(s) and prints per-epoch figures, or one JSON line.

use clap::Args;
use mlp_rtl::{data, reference, Config, Engine, TrainReport};

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
    /// Print one JSON object as the last stdout line (per engine) instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: TrainArgs) -> anyhow::Result<()> {
    let mut cfg: Config = super::load_config(a.config.as_deref())?;
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
    for &e in &engines {
        cfg.validate_for_engine(e)?;
    }
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
    for &e in &engines {
        let report = train_on(e, &cfg, &train, &test, a.json)?;
        print_report(&report, a.json);
    }
    Ok(())
}

/// One engine's training run. Adding an engine is one arm calling its
/// `xxx::train(cfg, &train, &test, quiet) -> anyhow::Result<TrainReport>`.
fn train_on(
    engine: Engine,
    cfg: &Config,
    train: &data::Dataset,
    test: &data::Dataset,
    quiet: bool,
) -> anyhow::Result<TrainReport> {
    match engine {
        Engine::Float => reference::train::train(cfg, train, test, quiet),
        Engine::Golden => mlp_rtl::golden::train(cfg, train, test, quiet),
        other => anyhow::bail!("the {other} engine is not available yet"),
    }
}

fn print_report(r: &TrainReport, json: bool) {
    if json {
        println!("{}", r.to_json_line());
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
