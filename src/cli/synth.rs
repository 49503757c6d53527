//! `mlp-rtl synth`: Yosys (+ nextpnr on iCE40) of one design — the config's design (the training
//! engine), a unit of the registry or a MAC array shape — or `--sweep` over array sizes 1×1, 2×2,
//! 4×4, 8×8: the whole engine of the config with its array resized (`--sweep`, `--sweep engine`) or
//! the MAC array alone (`--sweep array`). One table row per design, or JSON.

use anyhow::{bail, Result};
use clap::Args;
use mlp_rtl::flow::synth::{self, SynthOptions, SynthReport, Target};
use mlp_rtl::flow::DesignSel;
use std::time::Duration;

#[derive(Args, Debug)]
pub struct SynthArgs {
    /// ice40-up5k (Yosys synth_ice40 -dsp + nextpnr-ice40, sg48) or generic (Yosys synth, counts only).
    #[arg(long, default_value = "ice40-up5k")]
    pub target: String,
    /// Config file (TOML) or `preset:NAME`; default: the embedded default config.
    #[arg(long)]
    pub config: Option<String>,
    /// Synthesize this unit of the registry (pe, mac_array, narrow, narrow_update, lfsr).
    #[arg(long, conflicts_with_all = ["array", "sweep"])]
    pub unit: Option<String>,
    /// Synthesize a MAC array of this shape, RxC (e.g. 2x2).
    #[arg(long, conflicts_with = "sweep")]
    pub array: Option<String>,
    /// Sweep array sizes 1x1, 2x2, 4x4, 8x8: the whole engine (`engine`, the default) or the MAC
    /// array alone (`array`).
    #[arg(long, value_name = "WHAT", num_args = 0..=1, default_missing_value = "engine")]
    pub sweep: Option<String>,
    /// With --sweep: draw area (LUTs, FFs, DSPs) against array size, with Fmax, to FILE (.svg/.png).
    #[arg(long, value_name = "FILE", requires = "sweep")]
    pub plot: Option<std::path::PathBuf>,
    /// iCE40: stop after synthesis and packing (no nextpnr placement, no Fmax; seconds instead of
    /// minutes for the engine): counts, packed cells and the logic-depth estimate.
    #[arg(long)]
    pub no_place: bool,
    /// Print the N deepest register-to-register paths (LUT levels, carry bits, estimated ns, one
    /// per endpoint register) after the table; `--json` always has the deepest max(N, 40)
    /// (`deep_paths`).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub paths: usize,
    /// Limit of each tool run, seconds.
    #[arg(long, default_value_t = 900)]
    pub timeout: u64,
    /// Print one JSON object as the last stdout line.
    #[arg(long)]
    pub json: bool,
}

/// The shapes of `--sweep`.
pub const SWEEP: &[(usize, usize)] = &[(1, 1), (2, 2), (4, 4), (8, 8)];

pub fn run(a: SynthArgs) -> Result<()> {
    let target: Target = a.target.parse()?;
    let cfg = super::load_config(a.config.as_deref())?;
    if let Some(p) = &a.plot {
        mlp_rtl::plot::check_output(p)?;
    }
    let sweep = a.sweep.is_some();
    let sels: Vec<DesignSel> = if let Some(what) = &a.sweep {
        let engine = match what.as_str() {
            "engine" => true,
            "array" => false,
            o => bail!("--sweep `{o}`: expected engine or array"),
        };
        SWEEP
            .iter()
            .map(|&(rows, cols)| {
                if engine {
                    DesignSel::Engine { rows, cols }
                } else {
                    DesignSel::Array { rows, cols }
                }
            })
            .collect()
    } else if let Some(u) = &a.unit {
        vec![DesignSel::Unit(u.clone())]
    } else if let Some(s) = &a.array {
        vec![DesignSel::parse_array(s)?]
    } else {
        vec![DesignSel::Default]
    };
    let opts = SynthOptions {
        timeout: Duration::from_secs(a.timeout.max(1)),
        place: !a.no_place,
        deep_paths: a.paths.max(synth::DEEP_PATHS),
        ..Default::default()
    };
    // iCE40: yosys, pack, wrapper (when the pins need it), nextpnr.
    let steps = if target == Target::Generic { 1 } else { 4 };
    let pb = mlp_rtl::progress::bar((sels.len() * steps) as u64, "synth", a.json);
    let mut reports = Vec::new();
    for sel in &sels {
        pb.set_prefix(format!("{sel:?}"));
        let d = sel.emit(&cfg)?;
        let work = synth::work_dir(&format!("{}-{}", d.name, target.name()));
        std::fs::create_dir_all(&work)?;
        let src = work.join(format!("{}.v", d.name));
        std::fs::write(&src, &d.verilog)?;
        let base = pb.position();
        let mut n = 0;
        let r = synth::synth(&[src], &d.top, target, &work, &opts, &mut |s| {
            pb.set_prefix(format!("{} {s}", d.name));
            pb.set_position(base + n.min(steps as u64 - 1));
            n += 1;
        });
        pb.set_position(base + steps as u64);
        let mut r = r?;
        r.design = d.name;
        reports.push(r);
    }
    pb.finish_and_clear();
    if let Some(p) = &a.plot {
        let points: Vec<mlp_rtl::plot::AreaPoint> = SWEEP
            .iter()
            .zip(&reports)
            .map(|(&(rows, cols), r)| mlp_rtl::plot::AreaPoint {
                label: format!("{rows}x{cols}"),
                pes: rows * cols,
                luts: r.luts,
                ffs: r.ffs,
                dsps: r.dsps,
                brams: r.brams,
                fmax_mhz: r.fmax_mhz,
            })
            .collect();
        let (luts, dsps) = match target {
            Target::Ice40Up5k => (Some(5280), Some(8)),
            Target::Generic => (None, None),
        };
        mlp_rtl::plot::area_sweep(&points, target.name(), luts, dsps, p)?;
        eprintln!("wrote {}", p.display());
    }

    if a.json {
        let rows: Vec<serde_json::Value> = reports.iter().map(row_json).collect();
        let j = if sweep {
            serde_json::json!({"target": target.name(), "sweep": rows})
        } else {
            rows.into_iter().next().expect("one design")
        };
        println!("{j}");
    } else {
        println!("{}", table_header());
        for r in &reports {
            println!("{}", table_row(r));
        }
        for r in &reports {
            for n in &r.notes {
                eprintln!("{}: {n}", r.design);
            }
        }
        for r in reports.iter().filter(|_| a.paths > 0) {
            if r.deep_paths.is_empty() {
                println!("{}: no path depths (iCE40 only)", r.design);
                continue;
            }
            println!(
                "{}: deepest register-to-register paths (estimated ns for the nearly full UP5K; \
                 ≤ 4 LUT levels for 50 MHz)",
                r.design
            );
            for p in r.deep_paths.iter().take(a.paths) {
                println!("{}", path_row(p));
            }
        }
    }
    if !sweep && reports.iter().any(|r| r.target == "generic" && !r.fits) {
        bail!("synthesis failed");
    }
    Ok(())
}

fn path_row(p: &mlp_rtl::flow::depth::DeepPath) -> String {
    format!(
        "  {:>5.1} ns {:>2} LUT {:>3} carry  {:<12} {}  <- {}",
        p.est_ns, p.levels, p.carry_bits, p.endpoint_cell, p.endpoint, p.source
    )
}

fn row_json(r: &SynthReport) -> serde_json::Value {
    let mut j = serde_json::to_value(r).expect("report serializes");
    j["logs"] = serde_json::json!(r
        .logs
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>());
    j
}

fn table_header() -> String {
    format!(
        "{:<16} {:<11} {:>6} {:>6} {:>6} {:>5} {:>6} {:>10} {:>5} {:>5}",
        "design", "target", "LUTs", "cells", "FFs", "DSPs", "BRAMs", "Fmax MHz", "fits", "pins"
    )
}

fn table_row(r: &SynthReport) -> String {
    format!(
        "{:<16} {:<11} {:>6} {:>6} {:>6} {:>5} {:>6} {:>10} {:>5} {:>5}",
        r.design,
        r.target,
        r.luts,
        r.lcs.map_or("-".to_string(), |c| c.to_string()),
        r.ffs,
        r.dsps,
        r.brams,
        r.fmax_mhz.map_or("-".to_string(), |f| format!("{f:.1}")),
        if r.fits { "yes" } else { "no" },
        r.pins.map_or("?".to_string(), |p| p.to_string()),
    )
}
