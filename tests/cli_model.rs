//! Model files through the CLI: `train --save/--init/--resume/--checkpoint` and `export`.

mod common;
use common::{run, temp_dir};

use mlp_rtl::checkpoint::{self, FixedState, Progress};
use mlp_rtl::golden::Net;
use mlp_rtl::model_io::{ModelFile, TensorData};
use mlp_rtl::reference::train::{train_from, Start};
use mlp_rtl::reference::{Mlp, Trainer};
use mlp_rtl::{data, Config, Engine};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_mlp-rtl");

fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// Fails with exactly one stderr line, which is returned.
fn fails(args: &[&str]) -> String {
    let (code, _, err) = run(args);
    assert_eq!(code, 1, "{args:?} should fail: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("error: "), "{err}");
    err.trim_end().to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn json_without_time(stdout: &str) -> serde_json::Value {
    let mut j: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    j["seconds"] = 0.into();
    j
}

#[test]
fn resume_reaches_the_same_bits_as_an_uninterrupted_run() {
    let d = temp_dir("resume");
    // Adam (moments and step count), dropout (its RNG) and a schedule that depends on the epoch.
    let adam = d.join("adam.toml");
    std::fs::write(
        &adam,
        "[model]\nlayers = [64, 16, 10]\n[train]\ndropout = 0.2\nbatch_size = 16\n\
         [optimizer]\nkind = \"adam\"\nlr = 0.003\n\
         [schedule]\nkind = \"sgdr\"\nt0 = 2\nt_mult = 2\nlr_min = 0.0001\n",
    )
    .unwrap();
    for (tag, config) in [("default", None), ("adam", Some(s(&adam)))] {
        let with_config = |args: &[&str]| -> Vec<String> {
            let mut v: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            if let Some(c) = config {
                v.extend(["--config".to_string(), c.to_string()]);
            }
            v
        };
        let full = d.join(format!("{tag}-full.safetensors"));
        let ck = d.join(format!("{tag}-ck.safetensors"));
        let res = d.join(format!("{tag}-res.safetensors"));
        let a = with_config(&["train", "--epochs", "5", "--json", "--save", s(&full)]);
        let out_full = ok(&a.iter().map(String::as_str).collect::<Vec<_>>());
        // Interrupted after 2 epochs (a checkpoint every epoch, the last one at epoch 2).
        let b = with_config(&[
            "train",
            "--epochs",
            "2",
            "--checkpoint",
            s(&ck),
            "--checkpoint-every",
            "1",
        ]);
        ok(&b.iter().map(String::as_str).collect::<Vec<_>>());
        let ckf = ModelFile::load(&ck).unwrap();
        assert_eq!(ckf.metadata["epoch"], "2");
        // Resume without --config: the file's config is used, --epochs extends it.
        let out_res = ok(&[
            "train",
            "--resume",
            s(&ck),
            "--epochs",
            "5",
            "--json",
            "--save",
            s(&res),
        ]);
        let (fa, fb) = (std::fs::read(&full).unwrap(), std::fs::read(&res).unwrap());
        assert_eq!(
            ModelFile::from_bytes(&fa, "full").unwrap(),
            ModelFile::from_bytes(&fb, "res").unwrap(),
            "{tag}"
        );
        assert!(fa == fb, "{tag}: the files are byte-identical");
        assert_eq!(json_without_time(&out_full), json_without_time(&out_res));
        // With the same --config it works too; a different one is refused, naming the field.
        let c = with_config(&["train", "--resume", s(&ck), "--epochs", "3"]);
        ok(&c.iter().map(String::as_str).collect::<Vec<_>>());
        let e = fails(&["train", "--resume", s(&ck), "--seed", "9"]);
        assert!(
            e.contains("config differs from this run's at train.seed (file 1, run 9)"),
            "{e}"
        );
        let e = fails(&["train", "--resume", s(&ck), "--epochs", "1"]);
        assert!(e.contains("at epoch 2, beyond --epochs 1"), "{e}");
    }
    let e = fails(&[
        "train",
        "--resume",
        s(&d.join("default-ck.safetensors")),
        "--config",
        "preset:tiny",
    ]);
    assert!(
        e.contains("at model.layers (file [64,32,10], run [64,8,10])"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&d);
}

/// `--init` with a fixed-point file: the float engine starts from raw · 2^-frac. The CLI run equals
/// the same run done with the library.
#[test]
fn init_from_a_fixed_point_file_converts_raw_values() {
    let d = temp_dir("init");
    let cfg = Config::preset("tiny").unwrap();
    let init = mlp_rtl::reference::init::kaiming(&cfg.model.layers, 42);
    let mut st = FixedState::from_layers(&init, &cfg);
    st.layers[0].w_aug[3] = -4096; // -1.0
    let gf = d.join("golden.safetensors");
    checkpoint::save(&gf, &st, Engine::Golden, &cfg, &Progress::default()).unwrap();
    let out = d.join("out.safetensors");
    ok(&[
        "train",
        "--config",
        "preset:tiny",
        "--epochs",
        "1",
        "--init",
        s(&gf),
        "--save",
        s(&out),
    ]);
    let (cli, _): (Trainer<f32>, _) = checkpoint::load(&out, &cfg).unwrap();
    // The same by hand.
    let layers = checkpoint::init_layers(&ModelFile::load(&gf).unwrap(), &cfg).unwrap();
    assert_eq!(layers[0].w[3], -1.0);
    let mut c1 = cfg.clone();
    c1.train.epochs = 1;
    let (tr, te) = data::split(&data::digits(), 0.2, 0);
    let start = Start {
        trainer: Trainer::from_mlp(Mlp::<f32>::from_init(&layers, &c1), &c1),
        epoch: 0,
        history: vec![],
    };
    let (_, lib) = train_from::<f32>(&c1, &tr, &te, true, Some(start), &mut |_, _| Ok(())).unwrap();
    assert_eq!(cli.mlp, lib.mlp);
    // A fixed-point file cannot be resumed on the float engine.
    let e = fails(&["train", "--resume", s(&gf)]);
    assert!(
        e.contains("written by the golden engine, cannot resume on the float engine"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn interrupted_runs_leave_a_loadable_checkpoint() {
    let d = temp_dir("kill");
    let ck = d.join("ck.safetensors");
    // A leftover temp file of an earlier crash is harmless.
    std::fs::write(d.join(".ck.safetensors.tmp-999999"), b"torn").unwrap();
    let mut child = Command::new(BIN)
        .args([
            "train",
            "--config",
            "preset:tiny",
            "--epochs",
            "1000000",
            "--checkpoint",
            s(&ck),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let t = Instant::now();
    while !ck.exists() {
        assert!(t.elapsed() < Duration::from_secs(60), "no checkpoint");
        std::thread::sleep(Duration::from_millis(5));
    }
    // While the run overwrites it every epoch, every read sees a whole checkpoint.
    let mut cfg = Config::preset("tiny").unwrap();
    cfg.train.epochs = 1_000_000;
    let mut epochs = Vec::new();
    for _ in 0..40 {
        let (_, h): (Trainer<f32>, _) = checkpoint::load(&ck, &cfg).expect("a whole checkpoint");
        epochs.push(h.progress.epoch);
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(epochs.windows(2).all(|w| w[0] <= w[1]), "{epochs:?}");
    assert!(
        epochs.last() > epochs.first(),
        "the run advanced: {epochs:?}"
    );
    // After the kill: the last checkpoint loads and resumes.
    let (_, h): (Trainer<f32>, _) = checkpoint::load(&ck, &cfg).unwrap();
    let n = h.progress.epoch;
    let before = std::fs::read(&ck).unwrap();
    let next = (n + 1).to_string();
    ok(&["train", "--resume", s(&ck), "--epochs", &next]);
    // A save that cannot happen fails before training and leaves the checkpoint as it was.
    let e = fails(&[
        "train",
        "--resume",
        s(&ck),
        "--epochs",
        &next,
        "--checkpoint",
        s(&d.join("missing/ck.safetensors")),
    ]);
    assert!(e.contains("does not exist"), "{e}");
    let e = fails(&[
        "train",
        "--resume",
        s(&ck),
        "--epochs",
        &next,
        "--save",
        s(&d),
    ]);
    assert!(e.contains("is a directory"), "{e}");
    assert_eq!(std::fs::read(&ck).unwrap(), before);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn bad_files_give_one_line_errors_and_overwrite_nothing() {
    let d = temp_dir("bad");
    let good = d.join("good.safetensors");
    ok(&[
        "train",
        "--config",
        "preset:tiny",
        "--epochs",
        "1",
        "--save",
        s(&good),
    ]);
    let bytes = std::fs::read(&good).unwrap();
    let target = d.join("target.safetensors");
    std::fs::write(&target, b"keep me").unwrap();
    let write = |name: &str, b: &[u8]| {
        let p = d.join(name);
        std::fs::write(&p, b).unwrap();
        p
    };
    let trunc = write("trunc.safetensors", &bytes[..bytes.len() - 100]);
    let garbage = write(
        "garbage.safetensors",
        b"\x05\x00\x00\x00\x00\x00\x00\x00{\"a\":",
    );
    let mf = ModelFile::from_bytes(&bytes, "good").unwrap();
    let mut m = mf.clone();
    m.push("layers.0.bias", &[8], TensorData::I32(vec![0; 8]));
    let dtype = write("dtype.safetensors", &m.to_bytes().unwrap());
    let mut m = mf.clone();
    m.tensors.retain(|t| t.name != "optim.0.weight.momentum");
    let missing = write("missing.safetensors", &m.to_bytes().unwrap());
    let mut m = mf.clone();
    m.metadata.insert("engine".into(), "rtl".into());
    let engine = write("engine.safetensors", &m.to_bytes().unwrap());
    let nope = d.join("nope.safetensors");
    let cases: Vec<([&str; 2], String)> = vec![
        (
            ["--resume", s(&trunc)],
            format!("{}: not a valid safetensors file", trunc.display()),
        ),
        (
            ["--resume", s(&garbage)],
            "not a valid safetensors file".into(),
        ),
        (
            ["--resume", s(&dtype)],
            "tensor 'layers.0.bias' has dtype I32, expected F32".into(),
        ),
        (
            ["--resume", s(&missing)],
            "tensor 'optim.0.weight.momentum' is missing".into(),
        ),
        (
            ["--resume", s(&engine)],
            "written by the rtl engine, cannot resume on the float engine".into(),
        ),
        (
            ["--init", s(&good)],
            "tensor 'layers.0.weight' has shape [64, 8], the config needs [64, 32]".into(),
        ),
        (["--init", s(&nope)], "cannot read model".into()),
    ];
    for (args, want) in cases {
        let mut a = vec!["train", "--epochs", "1"];
        a.extend_from_slice(&args);
        a.extend_from_slice(&["--save", s(&target)]);
        let e = fails(&a);
        assert!(e.contains(&want), "{args:?}: {e}");
        assert_eq!(std::fs::read(&target).unwrap(), b"keep me", "{args:?}");
    }
    let e = fails(&["export", "--model", s(&trunc), "--out", s(&d.join("ex"))]);
    assert!(e.contains("not a valid safetensors file"), "{e}");
    assert!(!d.join("ex").exists(), "nothing written");
    let e = fails(&["train", "--engine", "float,golden", "--save", s(&target)]);
    assert!(e.contains("need a single --engine"), "{e}");
    let _ = std::fs::remove_dir_all(&d);
}

/// Reads a saved model with nothing but the file format: header length, JSON header, raw bytes.
#[test]
fn independent_reader_sees_the_saved_model() {
    let d = temp_dir("reader");
    let p = d.join("m.safetensors");
    ok(&["train", "--epochs", "2", "--save", s(&p)]);
    let bytes = std::fs::read(&p).unwrap();
    let n = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    assert_eq!((8 + n) % 8, 0, "data starts 8-aligned");
    let header: serde_json::Value = serde_json::from_slice(&bytes[8..8 + n]).unwrap();
    let data = &bytes[8 + n..];
    let meta = &header["__metadata__"];
    assert_eq!(meta["mlp_rtl.format_version"], "1");
    assert_eq!(meta["engine"], "float");
    assert_eq!(meta["format"], "f32");
    assert_eq!(meta["epoch"], "2");
    assert_eq!(meta["layers"], "[64,32,10]");
    assert_eq!(meta["optimizer"], "momentum");
    let cfg = Config::from_toml_str(meta["config"].as_str().unwrap()).unwrap();
    assert_eq!(cfg.train.epochs, 2);
    let (lib, h): (Trainer<f32>, _) = checkpoint::load(&p, &cfg).unwrap();
    assert_eq!(meta["step"], h.progress.step.to_string());
    let want = [
        ("layers.0.weight", vec![64, 32], &lib.mlp.layers[0].w),
        ("layers.0.bias", vec![32], &lib.mlp.layers[0].b),
        ("layers.1.weight", vec![32, 10], &lib.mlp.layers[1].w),
        ("layers.1.bias", vec![10], &lib.mlp.layers[1].b),
        ("optim.0.weight.momentum", vec![64, 32], &lib.opt.w[0].m),
        ("optim.0.bias.momentum", vec![32], &lib.opt.b[0].m),
        ("optim.1.weight.momentum", vec![32, 10], &lib.opt.w[1].m),
        ("optim.1.bias.momentum", vec![10], &lib.opt.b[1].m),
    ];
    let mut covered = 0;
    for (name, shape, values) in want {
        let t = &header[name];
        assert_eq!(t["dtype"], "F32", "{name}");
        assert_eq!(t["shape"], serde_json::json!(shape), "{name}");
        let (a, b) = (
            t["data_offsets"][0].as_u64().unwrap() as usize,
            t["data_offsets"][1].as_u64().unwrap() as usize,
        );
        let got: Vec<u32> = data[a..b]
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
            .collect();
        let want: Vec<u32> = values.iter().map(|x| x.to_bits()).collect();
        assert_eq!(got, want, "{name}");
        covered += b - a;
    }
    assert_eq!(covered, data.len(), "no other tensor data");
    assert_eq!(header.as_object().unwrap().len(), 9, "8 tensors + metadata");
    // Weight (0, 1) connects input 0 to hidden unit 1: row-major [n_in, n_out].
    assert_eq!(lib.mlp.layers[0].w.len(), 64 * 32);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn export_writes_readmemh_images_and_a_manifest() {
    let d = temp_dir("export");
    let p = d.join("m.safetensors");
    ok(&["train", "--epochs", "1", "--save", s(&p)]);
    let out = d.join("mem");
    let stdout = ok(&["export", "--model", s(&p), "--out", s(&out)]);
    assert!(stdout.contains("layer0.hex"), "{stdout}");
    let man: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(man["layout"], "w_aug_row_major");
    assert_eq!(man["engine"], "float");
    let mut cfg = Config::default();
    cfg.train.epochs = 1;
    let (lib, _): (Trainer<f32>, _) = checkpoint::load(&p, &cfg).unwrap();
    for (i, l) in lib.mlp.layers.iter().enumerate() {
        let m = &man["layers"][i];
        assert_eq!(m["file"], format!("layer{i}.hex"));
        assert_eq!(m["rows"], l.n_in + 1);
        assert_eq!(m["cols"], l.n_out);
        assert_eq!(m["frac"], 12);
        assert_eq!(m["format"], "Q3.12");
        let text = std::fs::read_to_string(out.join(format!("layer{i}.hex"))).unwrap();
        let words: Vec<i16> = text
            .lines()
            .map(|w| {
                assert_eq!(w.len(), 4, "{w}");
                u16::from_str_radix(w, 16).unwrap() as i16
            })
            .collect();
        assert_eq!(words.len(), (l.n_in + 1) * l.n_out);
        let q = |x: f32| mlp_rtl::fixed::quantize(x as f64, 12).0 as i16;
        let want: Vec<i16> = l.w.iter().chain(&l.b).map(|&x| q(x)).collect();
        assert_eq!(words, want, "layer {i}");
    }
    // Exporting again overwrites in place; a file as --out is refused.
    ok(&["export", "--model", s(&p), "--out", s(&out)]);
    let e = fails(&["export", "--model", s(&p), "--out", s(&p)]);
    assert!(e.contains("is a file, not a directory"), "{e}");
    let _ = std::fs::remove_dir_all(&d);
}

/// `export` of a trained golden model also writes the engine's bank images: `w{l}_bank{b}.hex` and
/// `v{l}_bank{b}.hex`, listed in the manifest with their bank arrays, each holding the model's W_aug
/// (momentum V) at the layout's (bank, address) and 0 elsewhere. A bad model file: one-line error,
/// nothing written.
#[test]
fn export_writes_engine_bank_images() {
    use mlp_rtl::hw::skew_mem::SkewLayout;
    let d = temp_dir("export-banks");
    let p = d.join("g.safetensors");
    ok(&[
        "train",
        "--config",
        "preset:tiny",
        "--engine",
        "golden",
        "--epochs",
        "1",
        "--save",
        s(&p),
    ]);
    let out = d.join("mem");
    let stdout = ok(&["export", "--model", s(&p), "--out", s(&out)]);
    assert!(
        stdout.contains("w0_bank*.hex: W0 in 4 banks x 130 words (Q3.12, raw)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("v1_bank*.hex: V1 in 4 banks x 35 words (Q2.13, raw)"),
        "{stdout}"
    );
    let man: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(man["engine_layout"], "skew_banks");
    let cfg = Config::preset("tiny").unwrap();
    let (net, _): (Net, _) = checkpoint::load(&p, &cfg).unwrap();
    let st = net.to_state();
    let mut listed = std::collections::BTreeSet::new();
    for (l, layer) in st.layers.iter().enumerate() {
        let e = &man["layers"][l]["engine"];
        let lay = SkewLayout::new(layer.n_in + 1, layer.n_out, 4);
        assert_eq!(e["banks"], 4);
        assert_eq!(e["depth"], lay.depth);
        assert_eq!(e["rule"], lay.rule());
        for (key, vals, prefix, mem) in
            [("w", &layer.w_aug, "w", 4 + l), ("v", &layer.v, "v", 6 + l)]
        {
            let m = &e[key];
            let mut banks = Vec::new();
            for b in 0..4 {
                let f = format!("{prefix}{l}_bank{b}.hex");
                assert_eq!(m["files"][b], f.as_str());
                assert_eq!(m["paths"][b], format!("mems${mem}.banks${b}.mem"));
                listed.insert(f.clone());
                let words: Vec<i32> = std::fs::read_to_string(out.join(&f))
                    .unwrap()
                    .lines()
                    .map(|w| u16::from_str_radix(w, 16).unwrap() as i16 as i32)
                    .collect();
                assert_eq!(words.len(), lay.depth, "{f}");
                banks.push(words);
            }
            let mut seen = 0;
            for r in 0..lay.rows {
                for c in 0..lay.cols {
                    let (b, a) = lay.locate(r, c);
                    assert_eq!(banks[b][a], vals[r * lay.cols + c], "{prefix}{l} ({r},{c})");
                    seen += (banks[b][a] != 0) as usize;
                }
            }
            let nonzero: usize = banks.iter().flatten().filter(|&&w| w != 0).count();
            assert_eq!(nonzero, seen, "{prefix}{l}: padding words are 0");
            assert!(
                nonzero > 0,
                "{prefix}{l}: a trained model has nonzero W and V"
            );
        }
    }
    let on_disk: std::collections::BTreeSet<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("_bank"))
        .collect();
    assert_eq!(on_disk, listed);
    assert_eq!(listed.len(), 16);

    // A bad model: one line, nothing written.
    let bad = d.join("bad.safetensors");
    std::fs::write(&bad, &std::fs::read(&p).unwrap()[..100]).unwrap();
    let ex = d.join("ex");
    let e = fails(&["export", "--model", s(&bad), "--out", s(&ex)]);
    assert!(e.contains("not a valid safetensors file"), "{e}");
    assert!(!ex.exists(), "nothing written");
    // Momentum for the weights but not for the biases of layer 1: refused before any file.
    let mut mf = ModelFile::load(&p).unwrap();
    mf.tensors.retain(|t| t.name != "optim.1.bias.momentum");
    let half = d.join("half.safetensors");
    mf.save(&half).unwrap();
    let e = fails(&["export", "--model", s(&half), "--out", s(&ex)]);
    assert!(
        e.contains("tensor 'optim.1.bias.momentum' is missing"),
        "{e}"
    );
    assert!(!ex.exists(), "nothing written");
    let _ = std::fs::remove_dir_all(&d);
}

/// Writes a golden config whose weights saturate (Q1.14, high rate) and whose rate changes within
/// every epoch (SGDR), so the counters and the schedule are part of what a resume must reproduce.
fn saturating_golden_config(d: &Path) -> PathBuf {
    let p = d.join("sat.toml");
    std::fs::write(
        &p,
        "[model]\nlayers = [64, 16, 10]\n[train]\nbatch_size = 16\n[optimizer]\nlr = 0.5\n\
         [schedule]\nkind = \"sgdr\"\nt0 = 2\nt_mult = 2\nlr_min = 0.01\n[fixed]\nweight_frac = 14\n",
    )
    .unwrap();
    p
}

#[test]
fn golden_resume_reaches_the_same_bits_as_an_uninterrupted_run() {
    let d = temp_dir("gresume");
    let sat = saturating_golden_config(&d);
    for (tag, config) in [("default", "preset:default"), ("sat", s(&sat))] {
        let full = d.join(format!("{tag}-full.safetensors"));
        let ck = d.join(format!("{tag}-ck.safetensors"));
        let res = d.join(format!("{tag}-res.safetensors"));
        let g = ["train", "--engine", "golden", "--config", config];
        let with = |rest: &[&str]| ok(&[&g[..], rest].concat());
        let out_full = with(&["--epochs", "5", "--json", "--save", s(&full)]);
        // Interrupted after 3 epochs, checkpoints every 2 (and after the last): the file is at 3.
        with(&[
            "--epochs",
            "3",
            "--checkpoint",
            s(&ck),
            "--checkpoint-every",
            "2",
        ]);
        assert_eq!(ModelFile::load(&ck).unwrap().metadata["epoch"], "3");
        // Resume without --config: the file's config is used.
        let out_res = ok(&[
            "train",
            "--engine",
            "golden",
            "--resume",
            s(&ck),
            "--epochs",
            "5",
            "--json",
            "--save",
            s(&res),
        ]);
        let (fa, fb) = (std::fs::read(&full).unwrap(), std::fs::read(&res).unwrap());
        assert!(fa == fb, "{tag}: the files are byte-identical");
        let (jf, jr) = (json_without_time(&out_full), json_without_time(&out_res));
        assert_eq!(jf, jr, "{tag}");
        let sats = jf["saturations"]["weight"].as_u64().unwrap();
        assert_eq!(tag == "sat", sats > 0, "{tag}: {sats} weight saturations");
        let mf = ModelFile::load(&full).unwrap();
        assert_eq!(
            mf.metadata["saturations"],
            jf["saturations"].to_string(),
            "{tag}"
        );
        assert_eq!(mf.metadata["step"], jf["steps"].to_string());
        let TensorData::U32(l) = &mf.get("lfsr_state", &[1], "U32").unwrap() else {
            unreachable!()
        };
        assert_eq!(jf["lfsr_state"], l[0], "{tag}");
        // Engines must match: golden files do not resume on float and vice versa.
        let e = fails(&["train", "--resume", s(&ck)]);
        assert_eq!(
            e,
            format!(
                "error: {}: written by the golden engine, cannot resume on the float engine",
                ck.display()
            )
        );
        let e = fails(&[
            "train",
            "--resume",
            s(&ck),
            "--engine",
            "golden",
            "--seed",
            "9",
        ]);
        assert!(e.contains("at train.seed (file 1, run 9)"), "{e}");
    }
    let fl = d.join("float.safetensors");
    ok(&["train", "--epochs", "1", "--save", s(&fl)]);
    let e = fails(&["train", "--engine", "golden", "--resume", s(&fl)]);
    assert!(
        e.ends_with("written by the float engine, cannot resume on the golden engine"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&d);
}

/// `--init` on golden: a float file is quantized (round to nearest, as a fresh run's Kaiming init), a
/// fixed-point file is used raw (its fraction bits must be the config's). Bad files name the tensor.
#[test]
fn golden_init_and_bad_golden_files() {
    let d = temp_dir("ginit");
    let (tr, te) = data::split(&data::digits(), 0.2, 0);
    let mut cfg = Config::preset("tiny").unwrap();
    cfg.train.epochs = 1;
    let fl = d.join("float.safetensors");
    let gl = d.join("golden.safetensors");
    let out = d.join("out.safetensors");
    let tiny = ["--config", "preset:tiny", "--epochs", "1"];
    ok(&[&["train"], &tiny[..], &["--save", s(&fl)]].concat());
    ok(&[
        &["train", "--engine", "golden"],
        &tiny[..],
        &["--save", s(&gl)],
    ]
    .concat());
    for (file, fixed) in [(&fl, false), (&gl, true)] {
        ok(&[
            &["train", "--engine", "golden"],
            &tiny[..],
            &["--init", s(file), "--save", s(&out)],
        ]
        .concat());
        let (cli, h): (Net, _) = checkpoint::load(&out, &cfg).unwrap();
        assert_eq!((h.progress.epoch, h.engine), (1, Engine::Golden));
        // The same by hand.
        let mf = ModelFile::load(file).unwrap();
        let start = if fixed {
            let (g, _): (FixedState, _) = checkpoint::from_model_file(&mf, &cfg).unwrap();
            let mut s = g.clone();
            s.lfsr_state = cfg.fixed.lfsr_seed;
            s.layers.iter_mut().for_each(|l| l.v.fill(0));
            Net::from_state(&cfg, &s).unwrap()
        } else {
            Net::from_init(&cfg, &checkpoint::init_layers(&mf, &cfg).unwrap())
        };
        let (_, lib) = mlp_rtl::golden::train_from(
            &cfg,
            &tr,
            &te,
            true,
            Some((start, Progress::default())),
            &mut |_, _| Ok(()),
        )
        .unwrap();
        assert_eq!(cli.to_state(), lib.to_state(), "fixed: {fixed}");
        assert_eq!(cli.sat, lib.sat);
    }
    // Wrong fraction bits for the config, on --init and on --resume.
    let q10 = d.join("q10.toml");
    std::fs::write(
        &q10,
        "[model]\nlayers = [64, 8, 10]\n[fixed]\nweight_frac = 10\n",
    )
    .unwrap();
    let e = fails(&[
        "train",
        "--engine",
        "golden",
        "--config",
        s(&q10),
        "--init",
        s(&gl),
    ]);
    assert_eq!(
        e,
        format!(
            "error: {}: tensor 'layers.0.weight' has 12 fraction bits (frac.layers.0.weight), the config needs 10",
            gl.display()
        )
    );
    let mut mf = ModelFile::load(&gl).unwrap();
    mf.metadata
        .insert("frac.optim.1.bias.momentum".into(), "11".into());
    let bad = d.join("frac.safetensors");
    mf.save(&bad).unwrap();
    let e = fails(&["train", "--engine", "golden", "--resume", s(&bad)]);
    assert!(
        e.ends_with("tensor 'optim.1.bias.momentum' has 11 fraction bits (frac.optim.1.bias.momentum), the config needs 13"),
        "{e}"
    );
    // Mis-shaped for the config (--init into the default 64-32-10 net), or in the file itself.
    let e = fails(&["train", "--engine", "golden", "--init", s(&gl)]);
    assert!(
        e.ends_with("tensor 'layers.0.weight' has shape [64, 8], the config needs [64, 32]"),
        "{e}"
    );
    let mut mf = ModelFile::load(&gl).unwrap();
    mf.push("layers.1.bias", &[9], TensorData::I16(vec![0; 9]));
    mf.save(&bad).unwrap();
    let e = fails(&["train", "--engine", "golden", "--resume", s(&bad)]);
    assert!(
        e.ends_with("tensor 'layers.1.bias' has shape [9], the config needs [10]"),
        "{e}"
    );
    let mut mf = ModelFile::load(&gl).unwrap();
    mf.push("layers.1.bias", &[10], TensorData::F32(vec![0.0; 10]));
    mf.save(&bad).unwrap();
    let e = fails(&["train", "--engine", "golden", "--resume", s(&bad)]);
    assert!(
        e.ends_with("tensor 'layers.1.bias' has dtype F32, expected I16"),
        "{e}"
    );
    let mut mf = ModelFile::load(&gl).unwrap();
    mf.metadata.insert("saturations".into(), "{".into());
    mf.save(&bad).unwrap();
    let e = fails(&["train", "--engine", "golden", "--resume", s(&bad)]);
    assert!(e.contains("metadata 'saturations' is not valid"), "{e}");
    let _ = std::fs::remove_dir_all(&d);
}

/// A golden file read with nothing but the file format: I16 tensors with `frac.*` metadata (raw ·
/// 2^-frac are the network's reals), the LFSR as U32; `export` writes the raw words.
#[test]
fn independent_reader_and_export_see_a_golden_model() {
    let d = temp_dir("greader");
    let p = d.join("g.safetensors");
    ok(&[
        "train",
        "--engine",
        "golden",
        "--epochs",
        "2",
        "--save",
        s(&p),
    ]);
    let bytes = std::fs::read(&p).unwrap();
    let n = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    let header: serde_json::Value = serde_json::from_slice(&bytes[8..8 + n]).unwrap();
    let data = &bytes[8 + n..];
    let meta = &header["__metadata__"];
    assert_eq!(meta["engine"], "golden");
    assert_eq!(meta["format"], "fixed16");
    let cfg = Config::from_toml_str(meta["config"].as_str().unwrap()).unwrap();
    let (net, _): (Net, _) = checkpoint::load(&p, &cfg).unwrap();
    let st = net.to_state();
    let reals = net.to_layers_f64();
    let raw = |name: &str, shape: Vec<usize>| -> Vec<i16> {
        let t = &header[name];
        assert_eq!(t["dtype"], "I16", "{name}");
        assert_eq!(t["shape"], serde_json::json!(shape), "{name}");
        let (a, b) = (
            t["data_offsets"][0].as_u64().unwrap() as usize,
            t["data_offsets"][1].as_u64().unwrap() as usize,
        );
        data[a..b]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes(c.try_into().unwrap()))
            .collect()
    };
    let frac = |name: &str| -> i32 {
        meta[format!("frac.{name}")]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    for (i, l) in st.layers.iter().enumerate() {
        let (ni, no) = (l.n_in, l.n_out);
        let w = raw(&format!("layers.{i}.weight"), vec![ni, no]);
        let b = raw(&format!("layers.{i}.bias"), vec![no]);
        let vw = raw(&format!("optim.{i}.weight.momentum"), vec![ni, no]);
        let vb = raw(&format!("optim.{i}.bias.momentum"), vec![no]);
        let as_i32 = |v: &[i16]| v.iter().map(|&x| x as i32).collect::<Vec<_>>();
        assert_eq!([as_i32(&w), as_i32(&b)].concat(), l.w_aug, "layer {i}");
        assert_eq!([as_i32(&vw), as_i32(&vb)].concat(), l.v, "layer {i}");
        assert_eq!(frac(&format!("layers.{i}.weight")), 12);
        assert_eq!(frac(&format!("optim.{i}.bias.momentum")), 13);
        // The README's Python: real = raw * 2**-frac.
        let f = frac(&format!("layers.{i}.weight"));
        let real: Vec<f64> = w.iter().map(|&x| x as f64 * 2f64.powi(-f)).collect();
        assert_eq!(real, reals[i].w, "layer {i}");
    }
    assert_eq!(header["lfsr_state"]["dtype"], "U32");
    assert_eq!(
        header.as_object().unwrap().len(),
        10,
        "9 tensors + metadata"
    );
    // export writes the raw W_aug words.
    let out = d.join("mem");
    ok(&["export", "--model", s(&p), "--out", s(&out)]);
    for (i, l) in st.layers.iter().enumerate() {
        let text = std::fs::read_to_string(out.join(format!("layer{i}.hex"))).unwrap();
        let words: Vec<i32> = text
            .lines()
            .map(|w| u16::from_str_radix(w, 16).unwrap() as i16 as i32)
            .collect();
        assert_eq!(words, l.w_aug, "layer {i}");
    }
    let man: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(man["engine"], "golden");
    let _ = std::fs::remove_dir_all(&d);
}

/// `--save` on the rtl engine: the file holds the engine's weights, momentum and LFSR, equal to the
/// golden engine's after the same run (the engine is compared with golden after every step), and
/// records the rtl engine.
#[test]
fn rtl_save_equals_golden_save() {
    let d = temp_dir("rtl-save");
    let digits = mlp_rtl::data::digits();
    let mut csv = String::new();
    for i in 0..20 {
        let px: Vec<String> = digits
            .row(i)
            .iter()
            .map(|x| format!("{}", (x * 16.0).round()))
            .collect();
        csv += &format!("{},{}\n", px.join(","), digits.labels[i]);
    }
    std::fs::write(d.join("small.csv"), csv).unwrap();
    std::fs::write(
        d.join("cfg.toml"),
        "[model]\nlayers = [64, 6, 10]\n[train]\nepochs = 1\nbatch_size = 4\n[array]\nrows = 2\ncols = 2\n\
         [data]\ntest_fraction = 0.25\n",
    )
    .unwrap();
    let data = format!("csv:{}", d.join("small.csv").display());
    let cfg = d.join("cfg.toml");
    let mut files = Vec::new();
    for engine in ["golden", "rtl"] {
        let out = d.join(format!("{engine}.safetensors"));
        let (code, _, err) = run(&[
            "train",
            "--engine",
            engine,
            "--config",
            s(&cfg),
            "--dataset",
            &data,
            "--save",
            s(&out),
            "--json",
        ]);
        assert_eq!(code, 0, "{engine}: {err}");
        files.push(ModelFile::load(&out).unwrap());
    }
    assert_eq!(
        files[0].tensors, files[1].tensors,
        "rtl and golden weights differ"
    );
    assert_eq!(files[0].meta("engine").unwrap(), "golden");
    assert_eq!(files[1].meta("engine").unwrap(), "rtl");
    let _ = std::fs::remove_dir_all(&d);
}

/// The RTL engines' model files (issue 9): `--checkpoint-every`, `--resume` and `--init` on rtl
/// (and verilator once the engine's Verilog is emitted) through the shared host program. A run
/// resumed after 2 of 3 epochs writes the same file, byte for byte, as the uninterrupted run on
/// the same engine (weights, momentum, LFSR, progress, history); the saved state loads back as the
/// golden run's network bit for bit; `--init` from a fixed-point file equals golden's `--init`.
#[test]
fn rtl_engines_resume_checkpoint_and_init() {
    let d = temp_dir("rtl-resume");
    let digits = mlp_rtl::data::digits();
    let mut csv = String::new();
    for i in 0..40 {
        let px: Vec<String> = digits
            .row(i)
            .iter()
            .map(|x| format!("{}", (x * 16.0).round()))
            .collect();
        csv += &format!("{},{}\n", px.join(","), digits.labels[i]);
    }
    std::fs::write(d.join("small.csv"), csv).unwrap();
    let data = format!("csv:{}", d.join("small.csv").display());
    // The tiny preset (3 epochs, batch 8, 64-8-10 on the 4×4 array): the Verilator model is the
    // one `cli_train` builds too (the cache key is the Verilog, which depends on the config only).
    let cfg_name = "preset:tiny";
    let cfg = Config::load(cfg_name).unwrap();
    let mut engines = vec!["rtl"];
    if mlp_rtl::flow::sources(&cfg).1 == "engine" {
        engines.push("verilator");
    }
    // Golden's run: the reference state.
    let gold = d.join("golden.safetensors");
    let base = |e: &'static str| {
        vec![
            "train",
            "--engine",
            e,
            "--config",
            cfg_name,
            "--dataset",
            &data,
        ]
    };
    ok(&[&base("golden")[..], &["--save", s(&gold)]].concat());
    let (gnet, gh) = checkpoint::load::<Net>(&gold, &cfg).unwrap();
    for engine in engines {
        let full = d.join(format!("{engine}-full.safetensors"));
        let ck = d.join(format!("{engine}-ck.safetensors"));
        let res = d.join(format!("{engine}-res.safetensors"));
        let with = |rest: &[&str]| ok(&[&base(engine)[..], rest].concat());
        let out_full = with(&["--json", "--save", s(&full)]);
        // Interrupted after 2 epochs, a checkpoint after each.
        with(&[
            "--epochs",
            "2",
            "--checkpoint",
            s(&ck),
            "--checkpoint-every",
            "1",
        ]);
        let mf = ModelFile::load(&ck).unwrap();
        assert_eq!(mf.metadata["epoch"], "2", "{engine}");
        assert_eq!(mf.metadata["engine"], engine);
        let out_res = with(&["--resume", s(&ck), "--json", "--save", s(&res)]);
        let (fa, fb) = (std::fs::read(&full).unwrap(), std::fs::read(&res).unwrap());
        assert!(
            fa == fb,
            "{engine}: resumed file differs from the uninterrupted run's"
        );
        let (jf, jr) = (json_without_time(&out_full), json_without_time(&out_res));
        for k in [
            "steps",
            "epochs",
            "history",
            "test_accuracy",
            "lfsr_state",
            "bit_exact_vs_golden",
        ] {
            assert_eq!(jf[k], jr[k], "{engine}: {k}");
        }
        assert_eq!(jf["epochs"], 3);
        assert_eq!(jf["history"].as_array().unwrap().len(), 3);
        // Save → load round trip: the engine's state is golden's, bit for bit.
        let (net, h) = checkpoint::load::<Net>(&full, &cfg).unwrap();
        for (a, b) in net.layers.iter().zip(&gnet.layers) {
            assert_eq!(a.w, b.w, "{engine}: W");
            assert_eq!(a.v, b.v, "{engine}: V");
        }
        assert_eq!(net.lfsr.state, gnet.lfsr.state, "{engine}: LFSR");
        assert_eq!(h.progress, gh.progress, "{engine}: progress");
        // A checkpoint of one engine does not resume on another.
        let e = fails(&[&base("golden")[..], &["--resume", s(&ck)]].concat());
        assert!(
            e.ends_with(&format!(
                "written by the {engine} engine, cannot resume on the golden engine"
            )),
            "{e}"
        );
        // --init from a fixed-point file (the golden run's end state): equal to golden's --init run.
        let gi = d.join(format!("{engine}-ginit.safetensors"));
        let ei = d.join(format!("{engine}-init.safetensors"));
        ok(&[
            &base("golden")[..],
            &["--epochs", "1", "--init", s(&gold), "--save", s(&gi)],
        ]
        .concat());
        with(&["--epochs", "1", "--init", s(&gold), "--save", s(&ei)]);
        let (a, b) = (ModelFile::load(&gi).unwrap(), ModelFile::load(&ei).unwrap());
        assert_eq!(a.tensors, b.tensors, "{engine}: --init");
        assert_ne!(
            a.tensors,
            ModelFile::load(&gold).unwrap().tensors,
            "the init run trained"
        );
    }
    let _ = std::fs::remove_dir_all(&d);
}
