//! `mlp-rtl train`: trains on the chosen engine(s) and prints per-epoch figures, or one JSON line.

use clap::Args;
use mlp_rtl::{data, plot, Config, Engine, TrainReport};
use std::path::PathBuf;

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
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Training seed (overrides the config).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Print one JSON object as the last stdout line (per engine) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Draw loss and test accuracy per epoch of every engine run to FILE (.svg or .png).
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
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
    // Checked before training, so a long run does not fail only at its end.
    if let Some(p) = &a.plot {
        plot::check_output(p)?;
    }
    for &e in &engines {
        cfg.validate_for_engine(e)?;
    }
    let source = data::DataSource::parse(&cfg.data.source).map_err(anyhow::Error::msg)?;
    let all = source.load()?;
    let (train, test) = data::split(&all, cfg.data.test_fraction, cfg.data.split_seed);
    let mut reports = Vec::new();
    for &e in &engines {
        let report: TrainReport = match e {
            other => anyhow::bail!("the {other} engine is not available yet"),
        };
        #[allow(unreachable_code)]
        print_report(&report, a.json);
        reports.push(report);
    }
    if let Some(p) = &a.plot {
        plot::training_curves(&reports, p)?;
        eprintln!("wrote {}", p.display());
    }
    let _ = (train, test);
    Ok(())
}

fn print_report(r: &TrainReport, json: bool) {
    if json {
        println!("{}", r.to_json_line());
    } else {
        println!(
            "{}: {} epochs, loss {:.4}, train acc {:.4}, test acc {:.4}, {:.2} s",
            r.engine, r.epochs, r.final_loss, r.train_accuracy, r.test_accuracy, r.seconds
        );
    }
}
