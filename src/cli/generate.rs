//! `mlp-rtl generate [--config F] [--out DIR] [--json]`: the design's Verilog, manifest and FuseSoC
//! core under `--out` (default `hdl_out/`); see `mlp_rtl::flow::generate`.

use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Config file (TOML) or `preset:NAME`; default: the embedded default config.
    #[arg(long)]
    pub config: Option<String>,
    /// Output directory (created if missing; only the files of its manifest are touched).
    #[arg(long, default_value = "hdl_out")]
    pub out: PathBuf,
    /// Print one JSON object as the last stdout line.
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: GenerateArgs) -> anyhow::Result<()> {
    let cfg = super::load_config(a.config.as_deref())?;
    let r = mlp_rtl::flow::generate::generate(&cfg, &a.out)?;
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!(
            "generate: {} (top `{}`): {} written, {} unchanged, {} stale removed",
            r.out.display(),
            r.top,
            r.written.len(),
            r.unchanged.len(),
            r.removed.len()
        );
        for f in &r.written {
            println!("  wrote   {f}");
        }
        for f in &r.removed {
            println!("  removed {f}");
        }
    }
    Ok(())
}
