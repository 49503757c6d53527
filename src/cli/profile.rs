//! `mlp-rtl profile`: where the cycles of one training step go on the generated engine — the
//! sequencer's microprogram (`hw::program`) phase by phase, with MAC-array utilization, as a table,
//! JSON, or a timeline picture (`--plot FILE`).

use clap::Args;
use mlp_rtl::hw::program::Program;
use mlp_rtl::plot::Phase;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ProfileArgs {
    /// Config file (TOML) or `preset:NAME`; default: the embedded default config.
    #[arg(long)]
    pub config: Option<String>,
    /// Samples in the step (default: train.batch_size).
    #[arg(long)]
    pub batch: Option<usize>,
    /// Print one JSON object as the last stdout line.
    #[arg(long)]
    pub json: bool,
    /// Draw the step's timeline (one row per unit, bars shaded by utilization) to FILE (.svg/.png).
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
}

pub fn run(a: ProfileArgs) -> anyhow::Result<()> {
    let cfg = super::load_config(a.config.as_deref())?;
    cfg.validate_for_engine(mlp_rtl::Engine::Rtl)?;
    let batch = a.batch.unwrap_or(cfg.train.batch_size);
    if batch == 0 || batch > cfg.train.batch_size {
        anyhow::bail!(
            "--batch {batch} is outside 1..={} (train.batch_size)",
            cfg.train.batch_size
        );
    }
    if let Some(p) = &a.plot {
        mlp_rtl::plot::check_output(p)?;
    }
    let program = Program::new(&cfg);
    let cm = program.cycle_model(batch);
    let lanes = (cfg.array.rows * cfg.array.cols) as f64;
    let phases: Vec<Phase> = cm
        .phases
        .iter()
        .filter(|p| p.end > p.start)
        .map(|p| {
            let span = (p.end - p.start) as f64;
            Phase::new(
                &p.name,
                &p.unit,
                p.start as u64,
                p.end as u64,
                (p.useful_macs as f64 / (lanes * span)).min(1.0),
            )
        })
        .collect();
    if let Some(p) = &a.plot {
        mlp_rtl::plot::timeline(&phases, p)?;
        eprintln!("wrote {}", p.display());
    }
    if a.json {
        let rows: Vec<_> = cm
            .phases
            .iter()
            .map(|p| {
                serde_json::json!({"name": p.name, "unit": p.unit, "start": p.start, "end": p.end,
                    "tiles": [p.tiles_m, p.tiles_n], "k": p.k, "array_cycles": p.array_cycles,
                    "useful_macs": p.useful_macs, "ideal_utilization": p.ideal_utilization})
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({"batch": batch, "rows": cfg.array.rows, "cols": cfg.array.cols,
                "cycles_per_step": cm.total_cycles, "array_cycles": cm.array_cycles,
                "useful_macs": cm.useful_macs, "pe_utilization": cm.utilization,
                "ideal_utilization": cm.ideal_utilization, "phases": rows})
        );
    } else {
        print!("{}", program.table(batch));
    }
    Ok(())
}
