//! `mlp-rtl train --plot FILE`: the picture holds the run's epochs; bad paths fail before training.

mod common;
use common::{run, temp_dir};

/// The number of points of every polyline in a (well-formed) SVG, and all its texts.
fn svg_lines_and_texts(text: &str) -> (Vec<usize>, Vec<String>) {
    let doc = roxmltree::Document::parse(text).expect("well-formed SVG");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let mut lines = Vec::new();
    let mut texts = Vec::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            "polyline" => lines.push(
                n.attribute("points")
                    .unwrap_or("")
                    .split_whitespace()
                    .count(),
            ),
            "text" => texts.push(n.text().unwrap_or("").trim().to_string()),
            _ => {}
        }
    }
    (lines, texts)
}

#[test]
fn float_run_plots_one_point_per_epoch_and_keeps_json_last() {
    let dir = temp_dir("svg");
    let p = dir.join("curves.svg");
    let (code, out, err) = run(&[
        "train",
        "--engine",
        "float",
        "--epochs",
        "3",
        "--json",
        "--plot",
        p.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let j: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(j["epochs"], 3);
    let (lines, texts) = svg_lines_and_texts(&std::fs::read_to_string(&p).unwrap());
    // A loss and a test-accuracy curve, each with the run's 3 epochs.
    assert_eq!(lines.iter().filter(|&&n| n == 3).count(), 2, "{lines:?}");
    assert!(
        texts.iter().any(|t| t.starts_with("float (final")),
        "{texts:?}"
    );
    // The final test accuracy of the report is the one in the legend.
    let acc = j["test_accuracy"].as_f64().unwrap() * 100.0;
    let want = format!("float (final {acc:.2}%)");
    assert!(texts.contains(&want), "{want} in {texts:?}");
    assert!(err.contains("wrote "), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn float_run_plots_png() {
    let dir = temp_dir("png");
    let p = dir.join("curves.png");
    let (code, _, err) = run(&[
        "train",
        "--engine",
        "float",
        "--epochs",
        "2",
        "--plot",
        p.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&p).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&bytes[12..16], b"IHDR");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((w, h), (1000, 760));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_plot_paths_fail_before_training_with_one_line() {
    let dir = temp_dir("bad");
    let missing = dir.join("no/such/dir/c.svg");
    let bad_ext = dir.join("c.pdf");
    for (path, want) in [
        (&missing, "does not exist"),
        (&bad_ext, "unknown picture format '.pdf'"),
        (&dir, "no file extension"),
    ] {
        let (code, out, err) = run(&[
            "train",
            "--engine",
            "float",
            "--plot",
            path.to_str().unwrap(),
        ]);
        assert_ne!(code, 0);
        assert!(err.contains(want), "{want}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(out.is_empty(), "no training ran: {out}");
    }
    assert!(
        std::fs::read_dir(&dir).unwrap().next().is_none(),
        "nothing written"
    );
}

/// `tables --plot DIR`: one well-formed SVG per table, every code within ±1.25·range plotted, and the
/// max error in the title equal to the one `tables --json` reports.
#[test]
fn tables_plot_draws_every_table_with_its_max_error() {
    let dir = temp_dir("tables");
    let (code, out, err) = run(&["tables", "--json", "--plot", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "stderr: {err}");
    let report: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    for (file, name) in [
        ("sigmoid.svg", "sigmoid"),
        ("tanh.svg", "tanh"),
        ("exp2.svg", "exp2 (softmax)"),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let (lines, texts) = svg_lines_and_texts(&text);
        let row = report
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["table"] == name)
            .unwrap();
        let max = format!("{:.3e}", row["max_error"].as_f64().unwrap());
        assert!(
            texts.iter().any(|t| t.contains(&max)),
            "{file}: no title with max error {max} in {texts:?}"
        );
        // Default: act_frac 8, table_range 8 → codes −2560..=2560 (5121 inputs); exp2: 256 entries.
        let n = if name.starts_with("exp2") { 256 } else { 5121 };
        assert!(
            lines.iter().filter(|&&c| c == n).count() >= 3,
            "{file}: expected table, reference and error curves of {n} points, got {lines:?}"
        );
    }
    let (code, _, err) = run(&["tables", "--plot", "/nonexistent-dir/x"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: cannot create plot directory"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `profile --json --plot`: the step's phases, cycles and utilization, and a timeline with one legend
/// entry per phase drawn from those figures.
#[test]
fn profile_reports_the_step_and_draws_its_timeline() {
    let dir = temp_dir("profile");
    let svg = dir.join("timeline.svg");
    let (code, out, err) = run(&["profile", "--json", "--plot", svg.to_str().unwrap()]);
    assert_eq!(code, 0, "stderr: {err}");
    let v: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    let phases = v["phases"].as_array().unwrap();
    // Default 64-32-10: FWD 0, FWD 1, LOSS, DX 1, DW 1, DW 0, END; the docs' 164 480 useful MACs.
    assert_eq!(phases.len(), 7);
    assert_eq!(v["useful_macs"], 164_480);
    let cycles = v["cycles_per_step"].as_f64().unwrap();
    let util = v["pe_utilization"].as_f64().unwrap();
    assert!((util - 164_480.0 / (16.0 * cycles)).abs() < 1e-12);
    let text = std::fs::read_to_string(&svg).unwrap();
    let (_, texts) = svg_lines_and_texts(&text);
    for p in phases {
        let name = p["name"].as_str().unwrap();
        let want = format!("{}–{}", p["start"], p["end"]);
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with(name) && t.contains(&want)),
            "no legend entry '{name} … {want}' in {texts:?}"
        );
    }
    let (code, _, err) = run(&["profile", "--batch", "0"]);
    assert_eq!(code, 1);
    assert!(err.contains("--batch 0 is outside"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
