//! `mlp-rtl bench --array`: rust-hdl simulation speed of the MAC array (simulated clock cycles per
//! second, hand-driven loop, Custom-Verilog multipliers), for the configured array shape.

use anyhow::bail;
use clap::Args;
use mlp_rtl::hw::mac_array::MacArrayUnit;
use std::time::Instant;

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Benchmark the MAC array.
    #[arg(long)]
    pub array: bool,
    /// Simulated clock cycles.
    #[arg(long, default_value_t = 50_000)]
    pub cycles: usize,
    /// Config file (TOML) or `preset:NAME`; default: the embedded default config.
    #[arg(long)]
    pub config: Option<String>,
    /// Print one JSON object as the last stdout line.
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: BenchArgs) -> anyhow::Result<()> {
    if !a.array {
        bail!("nothing to benchmark: pass --array");
    }
    let cfg = super::load_config(a.config.as_deref())?;
    let u = MacArrayUnit::new(&cfg);
    u.bench_cycles(1000); // warm-up
    let (t, cpu0) = (Instant::now(), cpu_seconds());
    let sum = u.bench_cycles(a.cycles);
    let secs = t.elapsed().as_secs_f64();
    let rate = a.cycles as f64 / secs;
    // CPU time of this thread: the figure that does not depend on how busy the machine is.
    let cpu_rate = cpu_seconds()
        .zip(cpu0)
        .map(|(c1, c0)| a.cycles as f64 / (c1 - c0).max(1e-9));
    if a.json {
        println!(
            "{}",
            serde_json::json!({"rows": u.rows, "cols": u.cols, "cycles": a.cycles,
                "seconds": secs, "cycles_per_s": rate, "cycles_per_cpu_s": cpu_rate,
                "checksum": sum})
        );
    } else {
        println!(
            "mac_array {}x{} (acc {} bits): {} cycles in {:.2} s = {:.0} cycles/s wall, {} cycles/s CPU \
             (rust-hdl, hand-driven loop)",
            u.rows,
            u.cols,
            u.acc_bits,
            a.cycles,
            secs,
            rate,
            cpu_rate.map_or("?".to_string(), |r| format!("{r:.0}"))
        );
    }
    Ok(())
}

/// CPU seconds used by this thread so far (Linux `/proc/thread-self/schedstat`), if available.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns * 1e-9)
}
