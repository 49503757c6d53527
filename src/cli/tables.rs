//! `mlp-rtl tables`: the activation and softmax ROMs' worst errors over every 16-bit input.

use clap::Args;
use mlp_rtl::golden::table_errors;

#[derive(Args, Debug)]
pub struct TablesArgs {
    /// Config file (TOML) or `preset:NAME`; default: the embedded default config.
    #[arg(long)]
    pub config: Option<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: TablesArgs) -> anyhow::Result<()> {
    let cfg = super::load_config(a.config.as_deref())?;
    cfg.validate_for_engine(mlp_rtl::Engine::Golden)?;
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
