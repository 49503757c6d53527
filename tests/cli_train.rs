//! `mlp-rtl train`: JSON report, determinism, data sets and one-line errors.

mod common;
use common::{json_of, run, temp_dir};

#[test]
fn default_float_run_reaches_96_percent_and_is_deterministic() {
    let (code, out, err) = run(&["train", "--engine", "float", "--json"]);
    assert_eq!(code, 0, "{err}");
    let j = json_of(&out);
    for key in [
        "engine",
        "epochs",
        "final_loss",
        "train_accuracy",
        "test_accuracy",
        "seconds",
    ] {
        assert!(j.get(key).is_some(), "missing {key}: {j}");
    }
    assert_eq!(j["engine"], "float");
    assert_eq!(j["epochs"], 30);
    let acc = j["test_accuracy"].as_f64().unwrap();
    assert!(acc >= 0.96, "test accuracy {acc}");
    // Same seed, same everything except the wall time.
    let (_, out2, _) = run(&["train", "--engine", "float", "--json"]);
    let mut a = j.clone();
    let mut b = json_of(&out2);
    a["seconds"] = 0.into();
    b["seconds"] = 0.into();
    assert_eq!(a, b);
}

#[test]
fn overrides_and_text_mode() {
    let (code, out, err) = run(&["train", "--epochs", "2", "--seed", "7"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("epoch") && out.contains("test acc"), "{out}");
    assert_eq!(
        out.lines()
            .filter(|l| l.trim_start().starts_with("2 "))
            .count(),
        1,
        "{out}"
    );
    let (_, out, _) = run(&["train", "--epochs", "2", "--seed", "7", "--json"]);
    let j = json_of(&out);
    assert_eq!(j["epochs"], 2);
    assert_eq!(j["seed"], 7);
    let (_, out8, _) = run(&["train", "--epochs", "2", "--seed", "8", "--json"]);
    assert_ne!(j["final_loss"], json_of(&out8)["final_loss"]);
}

#[test]
fn csv_and_idx_data_sets() {
    let dir = temp_dir("data");
    // CSV: 40 samples of 3 features in 2 linearly separable classes.
    let mut csv = String::from("f1,f2,f3,label\n");
    for i in 0..40 {
        let c = i % 2;
        csv += &format!("{},{},{},{c}\n", c * 5 + i % 3, i % 4, 5 - c * 5);
    }
    let cpath = dir.join("d.csv");
    std::fs::write(&cpath, csv).unwrap();
    let cfg = dir.join("small.toml");
    std::fs::write(
        &cfg,
        "[model]\nlayers = [3, 4, 2]\n[train]\nepochs = 3\nbatch_size = 8\n",
    )
    .unwrap();
    let spec = format!("csv:{}", cpath.display());
    let (code, out, err) = run(&[
        "train",
        "--config",
        cfg.to_str().unwrap(),
        "--dataset",
        &spec,
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json_of(&out)["epochs"], 3);
    // The default 64-input model does not fit 3 features.
    let (code, _, err) = run(&["train", "--dataset", &spec]);
    assert_ne!(code, 0);
    assert!(
        err.contains("has 3 features but model.layers[0] is 64"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1);

    // IDX: 20 images of 2×2 pixels.
    let n = 20u32;
    let mut im = Vec::new();
    for x in [0x803u32, n, 2, 2] {
        im.extend_from_slice(&x.to_be_bytes());
    }
    let mut lb = Vec::new();
    for x in [0x801u32, n] {
        lb.extend_from_slice(&x.to_be_bytes());
    }
    for i in 0..n {
        let c = (i % 2) as u8;
        im.extend_from_slice(&[c * 255, 0, (i % 7) as u8, 255 - c * 255]);
        lb.push(c);
    }
    let idir = dir.join("mnist");
    std::fs::create_dir_all(&idir).unwrap();
    std::fs::write(idir.join("train-images-idx3-ubyte"), &im).unwrap();
    std::fs::write(idir.join("train-labels-idx1-ubyte"), &lb).unwrap();
    std::fs::write(
        &cfg,
        "[model]\nlayers = [4, 4, 2]\n[train]\nepochs = 2\nbatch_size = 4\n",
    )
    .unwrap();
    let spec = format!("idx:{}", idir.display());
    let (code, out, err) = run(&[
        "train",
        "--config",
        cfg.to_str().unwrap(),
        "--dataset",
        &spec,
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json_of(&out)["engine"], "float");
    // Truncate the labels: a clear error naming the file.
    std::fs::write(idir.join("train-labels-idx1-ubyte"), &lb[..15]).unwrap();
    let (code, _, err) = run(&[
        "train",
        "--config",
        cfg.to_str().unwrap(),
        "--dataset",
        &spec,
    ]);
    assert_ne!(code, 0);
    assert!(
        err.contains("train-labels-idx1-ubyte: truncated at byte offset 15"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_is_one_line_on_stderr() {
    let dir = temp_dir("bad");
    let bad_cfg = dir.join("bad.toml");
    std::fs::write(&bad_cfg, "[train]\nbatch_size = 0\n").unwrap();
    let zero_cfg = dir.join("zero.toml");
    std::fs::write(&zero_cfg, "[model]\nlayers = [64, 0, 10]\n").unwrap();
    let bad_csv = dir.join("bad.csv");
    std::fs::write(&bad_csv, "1,2,0\n1,oops,1\n").unwrap();
    let bad_csv_spec = format!("csv:{}", bad_csv.display());
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["train", "--engine", "gpu"], "unknown engine 'gpu'"),
        (
            vec!["train", "--engine", "verilator", "--vcd", "x.vcd"],
            "--vcd is only available with --engine rtl",
        ),
        (
            vec!["train", "--engine", "golden,rtl", "--check"],
            "--check is only available with --engine verilator",
        ),
        (
            vec!["train", "--engine", "float", "--steps", "2"],
            "--steps is only available with --engine rtl or verilator",
        ),
        (
            vec!["train", "--config", "/nonexistent/x.toml"],
            "/nonexistent/x.toml",
        ),
        (
            vec!["train", "--config", bad_cfg.to_str().unwrap()],
            "train.batch_size",
        ),
        (
            vec!["train", "--config", zero_cfg.to_str().unwrap()],
            "zero width",
        ),
        (vec!["train", "--config", "preset:nope"], "unknown preset"),
        (
            vec!["train", "--dataset", "csv:/nonexistent/d.csv"],
            "/nonexistent/d.csv",
        ),
        (
            vec!["train", "--dataset", &bad_csv_spec],
            "line 2, column 2: 'oops' is not a number",
        ),
        (
            vec!["train", "--dataset", "idx:/nonexistent"],
            "not a directory",
        ),
        (vec!["train", "--dataset", "mnist"], "unknown data set"),
        (vec!["train", "--epochs", "0"], "train.epochs"),
        (vec!["train", "--epochs", "x"], "--epochs"),
        (vec!["train", "--frobnicate"], "--frobnicate"),
    ];
    for (args, want) in cases {
        let (code, _, err) = run(&args);
        assert_ne!(code, 0, "{args:?}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: want {want:?} in {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn golden_engine_json_line_and_tables_report() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mlp-rtl"))
        .args(["train", "--engine", "golden", "--epochs", "2", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value =
        serde_json::from_str(stdout.trim_end().lines().last().unwrap()).unwrap();
    assert_eq!(v["engine"], "golden");
    assert_eq!(v["epochs"], 2);
    for k in ["final_loss", "train_accuracy", "test_accuracy", "seconds"] {
        assert!(v[k].is_number(), "{k}");
    }
    for k in ["acc", "act", "err", "mom", "weight"] {
        assert!(v["saturations"][k].is_u64(), "saturations.{k}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mlp-rtl"))
        .args(["tables", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tables = v.as_array().unwrap();
    assert_eq!(tables.len(), 3);
    assert!(tables.iter().all(|t| t["ok"] == true), "{v}");
}

#[test]
fn rtl_engine_is_bit_exact_and_reports_cycles() {
    let (code, out, err) = run(&[
        "train",
        "--engine",
        "rtl",
        "--config",
        "preset:tiny",
        "--steps",
        "2",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let j = json_of(&out);
    for key in [
        "engine",
        "steps",
        "bit_exact_vs_golden",
        "cycles_per_step",
        "pe_utilization",
        "test_accuracy",
        "seconds",
    ] {
        assert!(j.get(key).is_some(), "missing {key}: {j}");
    }
    assert_eq!(j["engine"], "rtl");
    assert_eq!(j["steps"], 2);
    assert_eq!(j["bit_exact_vs_golden"], true);
    assert!(j["cycles_per_step"].as_f64().unwrap() > 0.0);
}

/// The README's main job in small: an engine list with `--steps` trains golden whole epochs and the
/// rtl engine the given steps, bit-exact; `--steps` without rtl in the list is refused.
#[test]
fn engine_list_with_steps_runs_rtl_beside_golden() {
    let (code, out, err) = run(&[
        "train",
        "--engine",
        "golden,rtl",
        "--epochs",
        "1",
        "--steps",
        "1",
        "--json",
    ]);
    assert_eq!(code, 0, "stderr: {err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0]["engine"], "golden");
    assert_eq!(lines[0]["epochs"], 1);
    assert_eq!(lines[1]["engine"], "rtl");
    assert_eq!(lines[1]["steps"], 1);
    assert_eq!(lines[1]["bit_exact_vs_golden"], true);
    let (code, _, err) = run(&["train", "--engine", "float,golden", "--steps", "1"]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim(),
        "error: --steps is only available with --engine rtl or verilator"
    );
}

/// Whether the engine's Verilog is emitted yet (`flow::sources` has the `engine` top).
fn engine_emitted() -> bool {
    mlp_rtl::flow::sources(&mlp_rtl::Config::default()).1 == "engine"
}

/// `--engine verilator --steps N --json`: the emitted engine through Verilator, bit-exact with
/// golden (checked at the end of the run, and after every step with `--check`), with the same report
/// keys as the rtl engine. Before the engine top is emitted, a one-line error says so.
#[test]
fn verilator_engine_steps_json_bit_exact() {
    let base = [
        "train",
        "--engine",
        "verilator",
        "--config",
        "preset:tiny",
        "--steps",
        "3",
        "--json",
    ];
    if !engine_emitted() {
        let (code, _, err) = run(&base);
        assert_eq!(code, 1, "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(
            err.contains("engine's Verilog is not available yet"),
            "{err}"
        );
        return;
    }
    let mut rtl = base.to_vec();
    rtl[2] = "rtl";
    let (code, rout, rerr) = run(&rtl);
    assert_eq!(code, 0, "{rerr}");
    let r = json_of(&rout);
    for (extra, check) in [(None, "epoch_end"), (Some("--check"), "every_step")] {
        let mut args = base.to_vec();
        args.extend(extra);
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let j = json_of(&out);
        for key in [
            "engine",
            "steps",
            "bit_exact_vs_golden",
            "cycles_per_step",
            "pe_utilization",
            "test_accuracy",
            "seconds",
            "verilator_cache_hit",
        ] {
            assert!(j.get(key).is_some(), "missing {key}: {j}");
        }
        assert_eq!(j["engine"], "verilator");
        assert_eq!(j["steps"], 3);
        assert_eq!(j["bit_exact_vs_golden"], true);
        assert_eq!(j["check"], check);
        // The rtl engine's cycle count for the same steps (one cycle model for both).
        assert_eq!(j["cycles_per_step"], r["cycles_per_step"]);
        assert_eq!(j["lfsr_state"], r["lfsr_state"]);
    }
}

/// Without `verilator` (or without a C++ compiler) on PATH, `--engine verilator` is one line on
/// stderr naming the missing tool and the install script, exit code 1, no panic.
#[test]
fn verilator_engine_without_tools_is_one_line_error() {
    let dir = temp_dir("no-tools");
    let only_verilator = dir.join("bin");
    std::fs::create_dir_all(&only_verilator).unwrap();
    // verilator and make found, g++ not.
    for tool in ["verilator", "make"] {
        let found = std::process::Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .unwrap();
        let path = String::from_utf8_lossy(&found.stdout).trim().to_string();
        if !path.is_empty() {
            std::os::unix::fs::symlink(&path, only_verilator.join(tool)).unwrap();
        }
    }
    for (path, missing) in [
        (dir.join("empty"), "`verilator` not found"),
        (only_verilator.clone(), "`g++` not found"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mlp-rtl"))
            .args(["train", "--engine", "verilator", "--steps", "1"])
            .env("PATH", &path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.starts_with("error: "), "{err}");
        assert!(err.contains(missing), "{path:?}: want {missing:?} in {err}");
        assert!(err.contains("bash scripts/install-tools.sh"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
