//! `mlp-rtl verify --units [--json]`: every hardware unit in rust-hdl's simulator, Icarus and
//! Verilator against the golden model, one row per unit; non-zero exit on any mismatch or tool error.

use anyhow::bail;
use clap::Args;
use mlp_rtl::hw::{self, harness};

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// Verify the unit blocks (the registry in `hw::units`).
    #[arg(long)]
    pub units: bool,
    /// Only the units whose name contains this.
    #[arg(long)]
    pub only: Option<String>,
    /// Config file (TOML) or `preset:NAME`; default: the embedded default config.
    #[arg(long)]
    pub config: Option<String>,
    /// Stimulus seed (default: the harness's fixed seed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Print one JSON object as the last stdout line.
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: VerifyArgs) -> anyhow::Result<()> {
    if !a.units {
        bail!("nothing to verify: pass --units");
    }
    let cfg = super::load_config(a.config.as_deref())?;
    let seed = a.seed.unwrap_or(harness::DEFAULT_SEED);
    let all = hw::units(&cfg);
    let known: Vec<&str> = all.iter().map(|u| u.name()).collect();
    let known = known.join(", ");
    let units: Vec<_> = all
        .into_iter()
        .filter(|u| a.only.as_deref().is_none_or(|s| u.name().contains(s)))
        .collect();
    if units.is_empty() {
        bail!(
            "no unit matches --only '{}' (units: {known})",
            a.only.as_deref().unwrap_or("")
        );
    }
    let pb = mlp_rtl::progress::bar(units.len() as u64, "verify", a.json);
    let mut verdicts = Vec::new();
    for u in &units {
        pb.set_prefix(u.name().to_string());
        verdicts.push(harness::verify_unit(u.as_ref(), seed));
        pb.inc(1);
    }
    pb.finish_and_clear();

    let show = |m: Option<usize>| m.map_or("error".to_string(), |m| m.to_string());
    if !a.json {
        println!(
            "{:<14} {:>8} {:>9} {:>9} {:>10}",
            "unit", "vectors", "rusthdl", "icarus", "verilator"
        );
    }
    let mut ok = true;
    for v in &verdicts {
        ok &= v.ok();
        if !a.json {
            println!(
                "{:<14} {:>8} {:>9} {:>9} {:>10}",
                v.name,
                v.vectors,
                show(v.rusthdl),
                show(v.icarus),
                show(v.verilator)
            );
        }
        for l in v.report.iter().chain(&v.errors) {
            eprintln!("{}: {l}", v.name);
        }
    }
    let json = serde_json::json!({
        "units": verdicts.iter().map(|v| serde_json::json!({
            "name": v.name,
            "vectors": v.vectors,
            "mismatches": {"rusthdl": v.rusthdl, "icarus": v.icarus, "verilator": v.verilator},
            "errors": v.errors,
        })).collect::<Vec<_>>()
    });
    if a.json {
        println!("{json}");
    }
    if !ok {
        bail!("unit verification failed (mismatches or tool errors above)");
    }
    Ok(())
}
