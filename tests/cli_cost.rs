//! `mlp-rtl cost`: the JSON figures and one-line errors.

mod common;
use common::{json_of, run};

#[test]
fn lecture_example_json() {
    let (code, out, err) = run(&[
        "cost", "--layers", "2,3", "--batch", "4", "--bits", "32", "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let j = json_of(&out);
    assert_eq!(j["macs"], 24);
    assert_eq!(j["weight_bits"], 192);
    assert_eq!(j["bias_bits"], 96);
    assert_eq!(j["activation_bits"], 640);
    assert_eq!(j["layers"].as_array().unwrap().len(), 1);
    assert_eq!(j["training"]["forward_macs"], 24);
    assert_eq!(j["training"]["backward_macs"], 24);
    assert_eq!(j["training"]["update_ops"], 9);
}

#[test]
fn default_config_and_text_mode() {
    let (code, out, _) = run(&["cost", "--json"]);
    assert_eq!(code, 0);
    let j = json_of(&out);
    // 64-32-10, batch 32, 16 bits.
    assert_eq!(j["macs"], 32 * (64 * 32 + 32 * 10));
    assert_eq!(j["layers"].as_array().unwrap().len(), 2);
    assert_eq!(
        j["training"]["backward_macs"],
        32 * 64 * 32 + 2 * 32 * 32 * 10
    );
    let (code, out, _) = run(&["cost", "--config", "preset:tiny", "--bits", "8"]);
    assert_eq!(code, 0);
    assert!(out.contains("64x8") && out.contains("total"), "{out}");
}

#[test]
fn bad_input_is_one_line_on_stderr() {
    for (args, want) in [
        (&["cost", "--layers", "2,x"][..], "'x' is not a layer width"),
        (&["cost", "--layers", "2,0,3"][..], "zero width"),
        (
            &["cost", "--layers", "2"][..],
            "at least an input and an output",
        ),
        (&["cost", "--layers", ""][..], "--layers"),
        (&["cost", "--batch", "0"][..], "--batch must be at least 1"),
        (&["cost", "--batch", "-3"][..], "--batch"),
        (&["cost", "--bits", "0"][..], "--bits"),
        (
            &["cost", "--config", "/nonexistent/c.toml"][..],
            "/nonexistent/c.toml",
        ),
        (
            &["cost", "--layers", "99999999999,99999999999,99999999999"][..],
            "overflows",
        ),
    ] {
        let (code, out, err) = run(args);
        assert_ne!(code, 0, "{args:?}");
        assert!(out.is_empty(), "{args:?}: stdout {out}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: want {want:?} in {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}
