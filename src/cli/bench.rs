//! `mlp-rtl bench`: simulation speed (simulated clock cycles per second) of the configured MAC array.
//! - `--array`: rust-hdl's simulator (hand-driven loop, Custom-Verilog multipliers).
//! - `--verilator`: the same array's emitted Verilog through the Verilator binding
//!   (`flow::verilated`), measured side by side with rust-hdl in one run on the same stimulus
//!   (`MacArrayUnit::bench_row`, checksums must agree), reported as a ratio.

use anyhow::{bail, Context};
use clap::Args;
use mlp_rtl::flow::verilated::{BuildOpts, Script, VerilatedDesign};
use mlp_rtl::hw::harness;
use mlp_rtl::hw::mac_array::{bench_next, MacArrayUnit, BENCH_SEED};
use std::time::Instant;

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Benchmark the MAC array in rust-hdl.
    #[arg(long)]
    pub array: bool,
    /// Benchmark the MAC array through the Verilator binding, side by side with rust-hdl.
    #[arg(long)]
    pub verilator: bool,
    /// Simulated clock cycles (rust-hdl).
    #[arg(long, default_value_t = 50_000)]
    pub cycles: usize,
    /// Simulated clock cycles of each Verilator measurement.
    #[arg(long, default_value_t = 5_000_000)]
    pub vl_cycles: usize,
    /// Config file (TOML) or `preset:NAME`; default: the embedded default config.
    #[arg(long)]
    pub config: Option<String>,
    /// Print one JSON object as the last stdout line.
    #[arg(long)]
    pub json: bool,
}

/// One measurement: cycles, wall seconds, CPU seconds of this thread (if known).
#[derive(Debug, Clone, Copy)]
struct Rate {
    cycles: usize,
    secs: f64,
    cpu: Option<f64>,
}

impl Rate {
    fn measure(cycles: usize, f: impl FnOnce()) -> Rate {
        let (t, c0) = (Instant::now(), cpu_seconds());
        f();
        let secs = t.elapsed().as_secs_f64();
        let cpu = cpu_seconds().zip(c0).map(|(c1, c0)| (c1 - c0).max(1e-9));
        Rate { cycles, secs, cpu }
    }
    fn wall(&self) -> f64 {
        self.cycles as f64 / self.secs.max(1e-9)
    }
    /// Cycles per CPU second (the figure that does not depend on how busy the machine is), wall
    /// when unknown.
    fn best(&self) -> f64 {
        self.cpu.map_or(self.wall(), |c| self.cycles as f64 / c)
    }
    fn json(&self) -> serde_json::Value {
        serde_json::json!({"cycles": self.cycles, "seconds": self.secs,
            "cycles_per_s": self.wall(), "cycles_per_cpu_s": self.cpu.map(|c| self.cycles as f64 / c)})
    }
    fn show(&self) -> String {
        format!(
            "{} cycles in {:.3} s = {} cycles/s wall, {} cycles/s CPU",
            self.cycles,
            self.secs,
            fmt_rate(self.wall()),
            self.cpu
                .map_or("?".to_string(), |c| fmt_rate(self.cycles as f64 / c))
        )
    }
}

fn fmt_rate(r: f64) -> String {
    if r >= 1e6 {
        format!("{:.2} M", r / 1e6)
    } else if r >= 1e3 {
        format!("{:.1} k", r / 1e3)
    } else {
        format!("{r:.0}")
    }
}

pub fn run(a: BenchArgs) -> anyhow::Result<()> {
    if !a.array && !a.verilator {
        bail!("nothing to benchmark: pass --array and/or --verilator");
    }
    let cfg = super::load_config(a.config.as_deref())?;
    let u = MacArrayUnit::new(&cfg);
    u.bench_cycles(1000); // warm-up
    let mut sum = 0;
    let hdl = Rate::measure(a.cycles, || sum = u.bench_cycles(a.cycles));
    let shape = format!("mac_array {}x{} (acc {} bits)", u.rows, u.cols, u.acc_bits);
    if !a.verilator {
        if a.json {
            println!(
                "{}",
                serde_json::json!({"rows": u.rows, "cols": u.cols, "cycles": a.cycles,
                    "seconds": hdl.secs, "cycles_per_s": hdl.wall(),
                    "cycles_per_cpu_s": hdl.cpu.map(|c| a.cycles as f64 / c), "checksum": sum})
            );
        } else {
            println!("{shape}: {} (rust-hdl, hand-driven loop)", hdl.show());
        }
        return Ok(());
    }

    // Verilator: build (or take from target/verilated/) the same array's emitted Verilog.
    let t = Instant::now();
    let d =
        VerilatedDesign::build_verilog(&harness::emitted(&u), "mac_array", &BuildOpts::default())
            .context("building the Verilator model of the MAC array")?;
    let build_secs = t.elapsed().as_secs_f64();
    // The inputs in `bench_row` order.
    let names = (0..u.rows)
        .map(|r| format!("a_in${r}"))
        .chain((0..u.cols).map(|c| format!("b_in${c}")))
        .chain(["mac_en", "first", "last", "shift"].map(String::from));
    let set: Vec<usize> = names.map(|p| d.port(&p)).collect::<anyhow::Result<_>>()?;
    let acc0 = d.port("acc_out$0")?;
    let n = a.vl_cycles.max(a.cycles);

    // 1. Batched script (the way a driver feeds many cycles): stimulus made in Rust in chunks.
    let mut sim = d.instantiate()?;
    let (mut vl_sum, mut vl_sum_at) = (0u64, None);
    let script = Rate::measure(n, || {
        let mut s = Script::new(&set, &[acc0]);
        let mut out = Vec::new();
        let (mut x, mut row) = (BENCH_SEED, Vec::new());
        let mut t = 0;
        while t < n {
            s.clear();
            let k = (n - t).min(8192);
            for i in 0..k {
                x = bench_next(x);
                u.bench_row_into(t + i, x, &mut row);
                s.push(&row);
            }
            sim.run_script_into(&s, &mut out);
            for (i, o) in out.iter().enumerate() {
                if t + i == a.cycles {
                    vl_sum_at = Some(vl_sum);
                }
                vl_sum = vl_sum.wrapping_add(*o);
            }
            t += k;
        }
    });
    let vl_sum = vl_sum_at.unwrap_or(vl_sum);
    if vl_sum != sum {
        bail!(
            "checksums differ after {} cycles: rust-hdl {sum:#x}, Verilator {vl_sum:#x}",
            a.cycles
        );
    }
    // 1b. The same script pre-built (the binding's cost without the stimulus generation).
    let mut sim = d.instantiate()?;
    let pre_n = n.min(1 << 20);
    let mut pre = Script::new(&set, &[acc0]);
    let (mut x, mut row) = (BENCH_SEED, Vec::new());
    for t in 0..pre_n {
        x = bench_next(x);
        u.bench_row_into(t, x, &mut row);
        pre.push(&row);
    }
    let mut pre_out = Vec::new();
    let prebuilt = Rate::measure(pre_n, || sim.run_script_into(&pre, &mut pre_out));
    drop(pre);
    // 2. One FFI call per port access and per cycle (set every input, sample, step 1).
    let mut sim = d.instantiate()?;
    let m = (n / 10).max(a.cycles);
    let mut call_sum = 0u64;
    let calls = Rate::measure(m, || {
        let (mut x, mut row) = (BENCH_SEED, Vec::new());
        for t in 0..m {
            x = bench_next(x);
            u.bench_row_into(t, x, &mut row);
            for (&p, &val) in set.iter().zip(&row) {
                sim.set(p, val);
            }
            if t < a.cycles {
                call_sum = call_sum.wrapping_add(sim.get(acc0));
            }
            sim.step(1);
        }
    });
    if call_sum != sum {
        bail!("per-call checksum differs: rust-hdl {sum:#x}, Verilator {call_sum:#x}");
    }
    // 3. Free-running clock (inputs held): Verilator's eval() alone.
    let mut sim = d.instantiate()?;
    let free = Rate::measure(n, || sim.step(n as u64));

    let ratio = script.best() / hdl.best();
    if a.json {
        println!(
            "{}",
            serde_json::json!({"rows": u.rows, "cols": u.cols, "checksum": sum,
                "rusthdl": hdl.json(), "verilator_script": script.json(),
                "verilator_script_prebuilt": prebuilt.json(), "verilator_calls": calls.json(), "verilator_step": free.json(),
                "build_seconds": build_secs, "cache_hit": d.cache_hit(),
                "ratio": ratio})
        );
    } else {
        println!(
            "{shape}, checksums equal over {} cycles:\n\
             \x20 rust-hdl (hand-driven loop):        {}\n\
             \x20 Verilator, batched script:          {}\n\
             \x20 Verilator, script rows pre-built:   {}\n\
             \x20 Verilator, one FFI call per access: {}\n\
             \x20 Verilator, free-running step(n):    {}\n\
             \x20 Verilator / rust-hdl (script, CPU): {ratio:.0}x   (model {} in {:.1} s: {})",
            a.cycles,
            hdl.show(),
            script.show(),
            prebuilt.show(),
            calls.show(),
            free.show(),
            if d.cache_hit() { "from cache" } else { "built" },
            build_secs,
            d.dir().display()
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
