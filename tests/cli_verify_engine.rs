//! `mlp-rtl verify --sim … --json` through the command line: the simulator selection, the engine
//! entry (2 training steps of the default config in Verilator against golden; the library test
//! `engine_two_default_steps_icarus_verilator` runs both outside simulators, Icarus taking minutes)
//! and the one-line error when a simulator is missing.

mod common;
use common::{json_of, run, temp_dir};

#[test]
fn verify_sim_selects_the_simulators() {
    let (code, out, err) = run(&["verify", "--only", "lfsr", "--sim", "icarus", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v = json_of(&out);
    let u = &v["units"][0];
    assert_eq!(u["name"], "lfsr");
    assert_eq!(u["mismatches"]["icarus"], 0, "{u}");
    assert!(u["mismatches"]["rusthdl"].is_null(), "{u}");
    assert!(u["mismatches"]["verilator"].is_null(), "{u}");
    assert!(
        v["engine"].is_null(),
        "--only lfsr excludes the engine: {v}"
    );
    // The table: a row per unit, `-` for the simulators not run.
    let (code, out, err) = run(&["verify", "--only", "lfsr", "--sim", "icarus"]);
    assert_eq!(code, 0, "{err}");
    let row = out
        .lines()
        .find(|l| l.starts_with("lfsr"))
        .expect("lfsr row");
    let f: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(f[2..], ["-", "0", "-"], "{out}");
}

#[test]
fn verify_engine_in_verilator_json() {
    let (code, out, err) = run(&["verify", "--engine", "--sim", "verilator", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v = json_of(&out);
    let e = &v["engine"];
    assert_eq!(e["steps"], 2, "{e}");
    assert!(e["vectors"].as_u64().unwrap() > 2 * 10_918, "{e}");
    assert_eq!(e["mismatches"]["verilator"], 0, "{e}");
    assert!(e["mismatches"]["icarus"].is_null(), "{e}");
    assert!(e["mismatches"]["rusthdl"].is_null(), "{e}");
    assert_eq!(
        v["units"].as_array().unwrap().len(),
        0,
        "--engine: no unit rows"
    );
}

#[test]
fn verify_names_a_missing_simulator_in_one_line() {
    let empty = temp_dir("no-tools");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mlp-rtl"))
        .args(["verify", "--only", "lfsr", "--sim", "verilator"])
        .env("PATH", &empty)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: verilator: `verilator` not found")
            && stderr.contains("bash scripts/install-tools.sh"),
        "{stderr}"
    );
}
