//! `mlp-rtl tables`: the activation and softmax ROMs' worst errors over every 16-bit input, and
//! with `--plot DIR` one picture per table (value and error against the float function).

use anyhow::Context;
use clap::Args;
use mlp_rtl::golden::{table_curves, table_errors, TableCurve};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct TablesArgs {
    /// Config file (TOML) or `preset:NAME`; default: the embedded default config.
    #[arg(long)]
    pub config: Option<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also draw each table against its float function into DIR (`<table>.svg`, or `.png` with
    /// `--png`); DIR is created if its parent exists.
    #[arg(long, value_name = "DIR")]
    pub plot: Option<PathBuf>,
    /// Draw PNG instead of SVG.
    #[arg(long, requires = "plot")]
    pub png: bool,
}

/// The file name of a table's picture: `exp2 (softmax)` → `exp2.svg`.
fn picture_name(c: &TableCurve, png: bool) -> String {
    let stem: String = c.name.split(' ').next().unwrap_or(c.name).to_string();
    format!("{stem}.{}", if png { "png" } else { "svg" })
}

/// Draws the samples within ±1.25·table_range (every 16-bit code there; beyond it the tables are
/// flat and their error only shrinks), so the title's max error is the table's.
fn plot_tables(cfg: &mlp_rtl::Config, dir: &Path, png: bool) -> anyhow::Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        std::fs::create_dir(dir)
            .with_context(|| format!("cannot create plot directory {}", dir.display()))?;
    }
    let lim = 1.25 * cfg.fixed.table_range;
    let mut written = Vec::new();
    for c in table_curves(cfg) {
        let keep: Vec<usize> = (0..c.xs.len()).filter(|&i| c.xs[i].abs() <= lim).collect();
        let pick = |v: &[f64]| keep.iter().map(|&i| v[i]).collect::<Vec<f64>>();
        let path = dir.join(picture_name(&c, png));
        mlp_rtl::plot::table_error(
            c.name,
            &pick(&c.xs),
            &pick(&c.table),
            &pick(&c.reference),
            &path,
        )?;
        written.push(path);
    }
    Ok(written)
}

pub fn run(a: TablesArgs) -> anyhow::Result<()> {
    let cfg = super::load_config(a.config.as_deref())?;
    cfg.validate_for_engine(mlp_rtl::Engine::Golden)?;
    if let Some(dir) = &a.plot {
        for p in plot_tables(&cfg, dir, a.png)? {
            eprintln!("wrote {}", p.display());
        }
    }
    let errs = table_errors(&cfg);
    if a.json {
        let v: Vec<_> = errs
            .iter()
            .map(|e| {
                serde_json::json!({"table": e.name, "entries": e.entries, "max_error": e.max_error,
                    "at": e.at, "target": e.target, "ok": e.max_error <= e.target})
            })
            .collect();
        println!("{}", serde_json::Value::Array(v));
        return Ok(());
    }
    println!(
        "{:<16} {:>8} {:>12} {:>10} {:>10}",
        "table", "entries", "max error", "at x", "target"
    );
    for e in &errs {
        println!(
            "{:<16} {:>8} {:>12.3e} {:>10.4} {:>10.1e}{}",
            e.name,
            e.entries,
            e.max_error,
            e.at,
            e.target,
            if e.max_error <= e.target {
                ""
            } else {
                "  (over target)"
            }
        );
    }
    Ok(())
}
