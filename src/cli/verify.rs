//! `mlp-rtl verify [--units | --engine] [--sim rusthdl,icarus,verilator|all] [--waves [DIR]] [--json]`:
//! every hardware unit and the whole engine (its host-program testbench, `hw::engine_tb`) in the
//! chosen simulators against the golden model, one row per unit and one `engine` row; non-zero exit
//! on any mismatch or tool error. A missing simulator is a one-line error naming the install script.
//! `--waves` dumps the engine testbench's waveforms (Icarus: VCD; Verilator: VCD, or FST with
//! `--fst`) into DIR (default `target/waves/`).

use anyhow::bail;
use clap::{Args, ValueEnum};
use mlp_rtl::hw::{self, engine_tb, harness};
use std::path::PathBuf;

/// A simulator `--sim` selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sim {
    Rusthdl,
    Icarus,
    Verilator,
    All,
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// Only the unit blocks (the registry in `hw::units`).
    #[arg(long, conflicts_with = "engine")]
    pub units: bool,
    /// Only the whole engine (its host-program testbench: 2 training steps on digits).
    #[arg(long)]
    pub engine: bool,
    /// Only the units (or `engine`) whose name contains this.
    #[arg(long)]
    pub only: Option<String>,
    /// Simulators, comma-separated (default: all = rusthdl, icarus, verilator).
    #[arg(long, value_enum, value_delimiter = ',', default_value = "all")]
    pub sim: Vec<Sim>,
    /// Dump the engine testbench's waveforms into DIR (default: target/waves/): Icarus VCD,
    /// Verilator VCD (FST with --fst).
    #[arg(long, value_name = "DIR", num_args = 0..=1)]
    pub waves: Option<Option<PathBuf>>,
    /// Verilator waveforms as FST instead of VCD.
    #[arg(long, requires = "waves")]
    pub fst: bool,
    /// Dump waveforms of the first N cycles only (default: the whole run, hundreds of MB).
    #[arg(long, value_name = "N", requires = "waves")]
    pub waves_cycles: Option<usize>,
    /// Config file (TOML) or `preset:NAME`; default: the embedded default config.
    #[arg(long)]
    pub config: Option<String>,
    /// Stimulus seed of the units (default: the harness's fixed seed; the engine trains on the
    /// config's batches).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Print one JSON object as the last stdout line.
    #[arg(long)]
    pub json: bool,
}

fn selection(sims: &[Sim]) -> harness::SimSel {
    let all = sims.contains(&Sim::All);
    harness::SimSel {
        rusthdl: all || sims.contains(&Sim::Rusthdl),
        icarus: all || sims.contains(&Sim::Icarus),
        verilator: all || sims.contains(&Sim::Verilator),
    }
}

fn mismatches_json(v: &harness::UnitVerdict) -> serde_json::Value {
    serde_json::json!({"rusthdl": v.rusthdl, "icarus": v.icarus, "verilator": v.verilator})
}

pub fn run(a: VerifyArgs) -> anyhow::Result<()> {
    let cfg = super::load_config(a.config.as_deref())?;
    let seed = a.seed.unwrap_or(harness::DEFAULT_SEED);
    let sel = selection(&a.sim);
    if a.waves.is_some() && !(sel.icarus || sel.verilator) {
        bail!("--waves needs an outside simulator (--sim icarus, verilator or all)");
    }
    let matches = |name: &str| a.only.as_deref().is_none_or(|s| name.contains(s));
    let all_units = if a.engine { vec![] } else { hw::units(&cfg) };
    let all_designs = if a.units { vec![] } else { hw::designs(&cfg) };
    let known: Vec<&str> = all_units
        .iter()
        .chain(&all_designs)
        .map(|u| u.name())
        .collect();
    let known = known.join(", ");
    let units: Vec<_> = all_units.iter().filter(|u| matches(u.name())).collect();
    let designs: Vec<_> = all_designs.iter().filter(|u| matches(u.name())).collect();
    if units.is_empty() && designs.is_empty() {
        bail!(
            "no unit matches --only '{}' (units: {known})",
            a.only.as_deref().unwrap_or("")
        );
    }
    sel.check_tools()?;

    let pb = mlp_rtl::progress::bar((units.len() + designs.len()) as u64, "verify", a.json);
    let mut verdicts = Vec::new();
    for u in &units {
        pb.set_prefix(u.name().to_string());
        verdicts.push(harness::verify_unit_sel(u.as_ref(), seed, sel));
        pb.inc(1);
    }
    let mut engine = None;
    let mut waves = Vec::new();
    for d in &designs {
        pb.set_prefix(d.name().to_string());
        let t = std::time::Instant::now();
        let mut v = match harness::prepare_opt(d.as_ref(), seed, sel.icarus || sel.verilator) {
            Ok(p) => {
                let dt = t.elapsed().as_secs_f64();
                let mut v = harness::verify_prepared(d.as_ref(), &p, sel);
                v.seconds.insert("vectors".into(), dt);
                if let Some(dir) = &a.waves {
                    let dir = dir.clone().unwrap_or_else(engine_tb::default_waves_dir);
                    let mut kinds = Vec::new();
                    if sel.icarus {
                        kinds.push(engine_tb::WaveSim::Icarus);
                    }
                    if sel.verilator {
                        kinds.push(if a.fst {
                            engine_tb::WaveSim::VerilatorFst
                        } else {
                            engine_tb::WaveSim::VerilatorVcd
                        });
                    }
                    for k in kinds {
                        match engine_tb::waves(&p, k, &dir, a.waves_cycles) {
                            Ok((f, _)) => waves.push(f),
                            Err(e) => v.errors.push(format!("waves: {e:#}")),
                        }
                    }
                }
                v
            }
            Err(e) => harness::UnitVerdict {
                name: d.name().to_string(),
                vectors: 0,
                rusthdl: None,
                icarus: None,
                verilator: None,
                errors: vec![format!("{e:#}")],
                report: vec![],
                seconds: Default::default(),
            },
        };
        v.name = d.name().to_string();
        engine = Some(v);
        pb.inc(1);
    }
    pb.finish_and_clear();

    let show = |m: Option<usize>, on: bool, errs: bool| match m {
        Some(m) => m.to_string(),
        None if on && errs => "error".to_string(),
        None => "-".to_string(),
    };
    if !a.json {
        println!(
            "{:<14} {:>8} {:>9} {:>9} {:>10}",
            "unit", "vectors", "rusthdl", "icarus", "verilator"
        );
    }
    let mut ok = true;
    for v in verdicts.iter().chain(&engine) {
        ok &= v.ok();
        let errs = !v.errors.is_empty();
        if !a.json {
            println!(
                "{:<14} {:>8} {:>9} {:>9} {:>10}",
                v.name,
                v.vectors,
                show(v.rusthdl, sel.rusthdl, errs),
                show(v.icarus, sel.icarus, errs),
                show(v.verilator, sel.verilator, errs)
            );
        }
        for l in v.report.iter().chain(&v.errors) {
            eprintln!("{}: {l}", v.name);
        }
    }
    if !a.json {
        for f in &waves {
            println!("waves: {}", f.display());
        }
    }
    let json = serde_json::json!({
        "units": verdicts.iter().map(|v| serde_json::json!({
            "name": v.name,
            "vectors": v.vectors,
            "mismatches": mismatches_json(v),
            "errors": v.errors,
            "seconds": v.seconds,
        })).collect::<Vec<_>>(),
        "engine": engine.as_ref().map(|v| {
            let rate = |k: &str| v.seconds.get(k).map(|s| v.vectors as f64 / s.max(1e-9));
            serde_json::json!({
                "steps": engine_tb::STEPS,
                "vectors": v.vectors,
                "mismatches": mismatches_json(v),
                "errors": v.errors,
                "seconds": v.seconds,
                "cycles_per_second": {
                    "rusthdl": rate("rusthdl"),
                    "icarus": rate("icarus"),
                    "verilator": rate("verilator"),
                },
            })
        }),
        "waves": waves.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
    });
    if a.json {
        println!("{json}");
    }
    if !ok {
        bail!("verification failed (mismatches or tool errors above)");
    }
    Ok(())
}
