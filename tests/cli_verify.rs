//! `mlp-rtl verify --units --json` through the command line: the JSON row format and a zero-mismatch
//! run in all three simulators (the LFSR, the quickest unit; every unit's full proof runs in the
//! library tests through the same harness).

use std::process::Command;

#[test]
fn verify_units_json_reports_three_simulators() {
    let out = Command::new(env!("CARGO_BIN_EXE_mlp-rtl"))
        .args(["verify", "--units", "--only", "lfsr", "--json"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "verify failed: {stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    let units = v["units"].as_array().unwrap();
    assert_eq!(units.len(), 1);
    let u = &units[0];
    assert_eq!(u["name"], "lfsr");
    assert!(u["vectors"].as_u64().unwrap() >= 1000);
    for sim in ["rusthdl", "icarus", "verilator"] {
        assert_eq!(u["mismatches"][sim], 0, "{sim}: {u}");
    }
}

#[test]
fn verify_rejects_an_unknown_unit() {
    let out = Command::new(env!("CARGO_BIN_EXE_mlp-rtl"))
        .args(["verify", "--units", "--only", "no-such-unit"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
}
