//! `cargo bench --bench golden_vs_float`: the golden (bit-accurate integer) engine against the f32
//! reference on the default config (30 epochs on digits), min wall time of N runs each, interleaved.
//! `GOLDEN_BENCH_RUNS` sets N (default 7).

use mlp_rtl::{data, golden, reference, Config};

fn main() {
    let runs: usize = std::env::var("GOLDEN_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let cfg = Config::default();
    let all = data::digits();
    let (train, test) = data::split(&all, cfg.data.test_fraction, cfg.data.split_seed);
    let (mut g, mut f) = (f64::INFINITY, f64::INFINITY);
    let (mut ga, mut fa) = (0.0, 0.0);
    for _ in 0..runs {
        let r = golden::train(&cfg, &train, &test, true).expect("golden trains");
        g = g.min(r.seconds);
        ga = r.test_accuracy;
        let r = reference::train(&cfg, &train, &test, true).expect("float trains");
        f = f.min(r.seconds);
        fa = r.test_accuracy;
    }
    println!(
        "default config, {} epochs, min of {runs}: golden {:.4} s (test acc {:.4}), float f32 {:.4} s (test acc {:.4}), golden/float = {:.2}",
        cfg.train.epochs,
        g,
        ga,
        f,
        fa,
        g / f
    );
}
