//! `mlp-rtl bench`: training throughput of every engine, and simulation speed.
//! - (no flag): every engine on the config (default: the default config) in one run — float and
//!   golden (`--epochs` whole epochs), rtl (rust-hdl, `--rtl-steps` steps) and verilator (the
//!   emitted engine, `--vl-steps` steps, default one epoch), both through the shared host program
//!   (`hw::driver::cosim_on`) and checked bit-exact against golden at the end; Icarus through the
//!   engine testbench when it exists. Samples/s, simulated cycles/s, cycles per step, MAC-array
//!   utilization and ratios vs float and vs rust-hdl (`engines_report`).
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
    /// Training steps of the rtl engine (rust-hdl; ~2.5 s a step on the default config).
    #[arg(long, default_value_t = 2)]
    pub rtl_steps: usize,
    /// Training steps of the verilator engine (default: one epoch).
    #[arg(long)]
    pub vl_steps: Option<usize>,
    /// Training steps of the Icarus run of the engine testbench (`hw::engine_tb`; 0 skips it).
    #[arg(long, default_value_t = 1)]
    pub icarus_steps: usize,
    /// Epochs of the float and golden engines (default: the config's).
    #[arg(long)]
    pub epochs: Option<usize>,
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
    let cfg = super::load_config(a.config.as_deref())?;
    if !a.array && !a.verilator {
        return engines(&a, &cfg);
    }
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

/// A ratio: `12.3x`, `0.012x`, `3.1e-5x`.
fn fmt_ratio(r: f64) -> String {
    if r >= 10.0 {
        format!("{r:.0}x")
    } else if r >= 0.01 {
        format!("{r:.3}x")
    } else {
        format!("{r:.1e}x")
    }
}

/// CPU seconds of this thread since `c0` (a [`cpu_seconds`] reading).
fn cpu_since(c0: Option<f64>) -> Option<f64> {
    cpu_seconds().zip(c0).map(|(c1, c0)| (c1 - c0).max(1e-9))
}

/// CPU seconds used by this thread so far (Linux `/proc/thread-self/schedstat`), if available.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns * 1e-9)
}

/// One engine's figures in the engines benchmark.
#[derive(Debug, Clone, Default)]
struct EngineRun {
    name: &'static str,
    /// Why the engine did not run (`None`: it ran).
    unavailable: Option<String>,
    steps: usize,
    samples: usize,
    seconds: f64,
    samples_per_s: f64,
    /// Simulated clock cycles (bus and busy) and per second; RTL engines only.
    cycles: Option<u64>,
    cycles_per_s: Option<f64>,
    /// CPU seconds of this thread for the run (golden's steps included): the rates per CPU
    /// second do not depend on how busy the shared machine is.
    cpu_seconds: Option<f64>,
    cycles_per_step: Option<f64>,
    pe_utilization: Option<f64>,
    bit_exact_vs_golden: Option<bool>,
}

impl EngineRun {
    fn unavailable(name: &'static str, why: String) -> EngineRun {
        EngineRun {
            name,
            unavailable: Some(why),
            ..EngineRun::default()
        }
    }

    /// A reference engine: whole epochs of `mlp-rtl train`.
    fn reference(
        name: &'static str,
        r: &mlp_rtl::TrainReport,
        samples: usize,
        cpu: Option<f64>,
    ) -> EngineRun {
        EngineRun {
            name,
            cpu_seconds: cpu,
            steps: r.steps,
            samples,
            seconds: r.seconds,
            samples_per_s: samples as f64 / r.seconds.max(1e-9),
            ..EngineRun::default()
        }
    }

    /// An RTL engine: its co-simulation (golden's own stepping excluded from the rates).
    fn rtl(name: &'static str, cs: &mlp_rtl::hw::driver::CoSim, cpu: Option<f64>) -> EngineRun {
        EngineRun {
            name,
            cpu_seconds: cpu,
            unavailable: None,
            steps: cs.steps,
            samples: cs.samples,
            seconds: cs.seconds - cs.golden_seconds,
            samples_per_s: cs.samples_per_s,
            cycles: Some(cs.sim_cycles),
            cycles_per_s: Some(cs.sim_cycles_per_s),
            cycles_per_step: Some(
                cs.cycles.iter().sum::<u64>() as f64 / cs.cycles.len().max(1) as f64,
            ),
            pe_utilization: Some(cs.pe_utilization),
            bit_exact_vs_golden: Some(cs.mismatch.is_none()),
        }
    }
}

/// Icarus through the engine testbench (`hw::engine_tb`: the Rust host's program as vectors, one
/// per clock cycle, expectations from the golden bus model): `steps` training steps. The rates are
/// over the simulation alone (`vvp`; compiling with `iverilog` is reported apart); its cycles are
/// the vectors, bit-exact = no mismatching vector.
fn icarus(cfg: &mlp_rtl::Config, train: &mlp_rtl::data::Dataset, steps: usize) -> EngineRun {
    use mlp_rtl::hw::engine_tb::EngineUnit;
    use mlp_rtl::hw::harness::{self, SimSel};
    let unit = EngineUnit::with(cfg, train.clone(), steps).named("bench_engine");
    let p = match harness::prepare_opt(&unit, harness::DEFAULT_SEED, true) {
        Ok(p) => p,
        Err(e) => return EngineRun::unavailable("icarus", format!("{e:#}").replace('\n', " ")),
    };
    let sel = SimSel {
        rusthdl: false,
        icarus: true,
        verilator: false,
    };
    let v = harness::verify_prepared(&unit, &p, sel);
    let Some(bad) = v.icarus else {
        return EngineRun::unavailable("icarus", v.errors.join("; ").replace('\n', " "));
    };
    let secs = v.seconds.get("icarus").copied().unwrap_or(0.0).max(1e-9);
    let samples = (0..steps)
        .map(|s| {
            let n = train.len();
            let b = cfg.train.batch_size;
            let per_epoch = n.div_ceil(b);
            let i = s % per_epoch;
            (n - i * b).min(b)
        })
        .sum::<usize>();
    let model = mlp_rtl::hw::program::Program::for_engine(cfg).cycle_model(cfg.train.batch_size);
    EngineRun {
        name: "icarus",
        unavailable: None,
        steps,
        samples,
        seconds: secs,
        samples_per_s: samples as f64 / secs,
        cycles: Some(v.vectors as u64),
        cycles_per_s: Some(v.vectors as f64 / secs),
        cpu_seconds: None,
        cycles_per_step: Some(model.total_cycles as f64),
        pe_utilization: None,
        bit_exact_vs_golden: Some(bad == 0 && v.errors.is_empty()),
    }
}

/// `mlp-rtl bench` without `--array`/`--verilator`: every engine on one config.
fn engines(a: &BenchArgs, cfg: &mlp_rtl::Config) -> anyhow::Result<()> {
    use mlp_rtl::hw::driver::{cosim_on, Check, CosimOpts, EngineSim};
    use mlp_rtl::hw::host::VerilatorEngine;
    use mlp_rtl::{data, golden, reference, Engine};

    for e in [Engine::Golden, Engine::Rtl] {
        cfg.validate_for_engine(e)?;
    }
    let epochs = a.epochs.unwrap_or(cfg.train.epochs);
    if epochs == 0 || a.rtl_steps == 0 || a.vl_steps == Some(0) {
        bail!("--epochs, --rtl-steps and --vl-steps must be at least 1");
    }
    let source = data::DataSource::parse(&cfg.data.source).map_err(anyhow::Error::msg)?;
    let all = source.load()?;
    reference::train::check_dataset(cfg, &all)?;
    let (train, test) = data::split(&all, cfg.data.test_fraction, cfg.data.split_seed);
    let per_epoch = train.len().div_ceil(cfg.train.batch_size);
    let mut ecfg = cfg.clone();
    ecfg.train.epochs = epochs;
    let samples = train.len() * epochs;
    let say = |m: String| {
        if !a.json {
            eprintln!("{m}");
        }
    };
    let mut runs = Vec::new();

    say(format!("float: {epochs} epochs…"));
    let c0 = cpu_seconds();
    let r = reference::train::train(&ecfg, &train, &test, true)?;
    runs.push(EngineRun::reference("float", &r, samples, cpu_since(c0)));
    say(format!("golden: {epochs} epochs…"));
    let c0 = cpu_seconds();
    let r = golden::train(&ecfg, &train, &test, true)?;
    runs.push(EngineRun::reference("golden", &r, samples, cpu_since(c0)));

    let opts = |steps: usize| CosimOpts {
        steps: Some(steps),
        check: Check::EpochEnd,
        start: None,
    };
    say(format!("rtl (rust-hdl): {} steps…", a.rtl_steps));
    let mut sim = EngineSim::new(cfg);
    let c0 = cpu_seconds();
    let cs = cosim_on(
        &mut sim,
        cfg,
        &train,
        &test,
        opts(a.rtl_steps),
        |_, _| {},
        &mut |_, _| Ok(()),
    )?;
    if let Some(m) = &cs.mismatch {
        bail!("the rtl engine differs from golden: {m}");
    }
    runs.push(EngineRun::rtl("rtl", &cs, cpu_since(c0)));

    let vl_steps = a.vl_steps.unwrap_or(per_epoch);
    let mut build = None;
    say(format!("verilator: build, then {vl_steps} steps…"));
    match VerilatorEngine::build(cfg, &BuildOpts::default()) {
        Ok((mut v, info)) => {
            let c0 = cpu_seconds();
            let cs = cosim_on(
                &mut v,
                cfg,
                &train,
                &test,
                opts(vl_steps),
                |_, _| {},
                &mut |_, _| Ok(()),
            )?;
            if let Some(m) = &cs.mismatch {
                bail!("the verilator engine differs from golden: {m}");
            }
            runs.push(EngineRun::rtl("verilator", &cs, cpu_since(c0)));
            build = Some(info);
        }
        Err(e) => runs.push(EngineRun::unavailable(
            "verilator",
            format!("{e:#}").replace('\n', " "),
        )),
    }
    if a.icarus_steps == 0 {
        runs.push(EngineRun::unavailable(
            "icarus",
            "skipped (--icarus-steps 0)".into(),
        ));
    } else {
        say(format!(
            "icarus: the engine testbench, {} steps…",
            a.icarus_steps
        ));
        runs.push(icarus(cfg, &train, a.icarus_steps));
    }

    let float = runs[0].samples_per_s;
    let rtl = runs[2].clone();
    let ratio = |x: Option<f64>, y: Option<f64>| x.zip(y).map(|(x, y)| x / y.max(1e-12));
    let util = runs
        .iter()
        .filter(|r| r.unavailable.is_none())
        .find_map(|r| r.pe_utilization);
    if a.json {
        let list: Vec<serde_json::Value> = runs
            .iter()
            .map(|r| {
                let ok = r.unavailable.is_none();
                serde_json::json!({
                    "name": r.name,
                    "available": ok,
                    "reason": r.unavailable,
                    "steps": ok.then_some(r.steps),
                    "samples": ok.then_some(r.samples),
                    "seconds": ok.then_some(r.seconds),
                    "samples_per_s": ok.then_some(r.samples_per_s),
                    "cycles": r.cycles,
                    "cycles_per_s": r.cycles_per_s,
                    "cpu_seconds": r.cpu_seconds,
                    "samples_per_cpu_s": r.cpu_seconds.filter(|_| ok).map(|c| r.samples as f64 / c.max(1e-9)),
                    "cycles_per_cpu_s": r.cycles.zip(r.cpu_seconds).map(|(n, c)| n as f64 / c.max(1e-9)),
                    "cycles_per_step": r.cycles_per_step,
                    "pe_utilization": r.pe_utilization,
                    "bit_exact_vs_golden": r.bit_exact_vs_golden,
                    "samples_per_s_vs_float": ok.then_some(r.samples_per_s / float.max(1e-12)),
                    "samples_per_s_vs_rtl": ok.then(|| ratio(Some(r.samples_per_s), Some(rtl.samples_per_s))).flatten(),
                    "cycles_per_s_vs_rtl": ratio(r.cycles_per_s, rtl.cycles_per_s),
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({
                "config": {"layers": cfg.model.layers, "batch_size": cfg.train.batch_size,
                    "array": [cfg.array.rows, cfg.array.cols], "train_samples": train.len(),
                    "steps_per_epoch": per_epoch},
                "engines": list,
                "pe_utilization": util,
                "verilator_build_seconds": build.as_ref().map(|b| b.seconds),
                "verilator_cache_hit": build.as_ref().map(|b| b.cache_hit),
            })
        );
        return Ok(());
    }
    println!(
        "engines on {:?}, batch {}, {}×{} array ({} training samples, {per_epoch} steps an epoch):",
        cfg.model.layers,
        cfg.train.batch_size,
        cfg.array.rows,
        cfg.array.cols,
        train.len()
    );
    println!(
        "{:<10} {:>6} {:>9} {:>12} {:>10} {:>10} {:>12} {:>12} {:>8} {:>8} {:>9}",
        "engine",
        "steps",
        "seconds",
        "samples/s",
        "vs float",
        "vs rtl",
        "cycles/s",
        "cyc/CPU-s",
        "cyc/step",
        "PE util",
        "bit-exact"
    );
    for r in &runs {
        if let Some(why) = &r.unavailable {
            println!("{:<10} not available: {why}", r.name);
            continue;
        }
        let opt = |x: Option<f64>, f: &dyn Fn(f64) -> String| x.map_or("-".to_string(), f);
        println!(
            "{:<10} {:>6} {:>9.2} {:>12.1} {:>10} {:>10} {:>12} {:>12} {:>8} {:>8} {:>9}",
            r.name,
            r.steps,
            r.seconds,
            r.samples_per_s,
            fmt_ratio(r.samples_per_s / float.max(1e-12)),
            fmt_ratio(r.samples_per_s / rtl.samples_per_s.max(1e-12)),
            opt(r.cycles_per_s, &fmt_rate),
            opt(
                r.cycles
                    .zip(r.cpu_seconds)
                    .map(|(n, c)| n as f64 / c.max(1e-9)),
                &fmt_rate
            ),
            opt(r.cycles_per_step, &|x| format!("{x:.0}")),
            opt(r.pe_utilization, &|x| format!("{x:.3}")),
            r.bit_exact_vs_golden.map_or("-".into(), |b| b.to_string()),
        );
    }
    if let Some(b) = &build {
        println!(
            "verilator model: {} in {:.1} s ({})",
            if b.cache_hit {
                "from the cache"
            } else {
                "built"
            },
            b.seconds,
            b.dir.display()
        );
    }
    Ok(())
}
