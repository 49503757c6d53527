//! Helpers shared by the command-line tests (each test file uses a subset).
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// Runs `mlp-rtl ARGS…`: (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mlp-rtl"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The JSON object on the last stdout line.
pub fn json_of(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout.lines().last().expect("a line")).expect("last line is JSON")
}

/// A fresh, empty directory under the system temp dir (unique per test process and tag).
pub fn temp_dir(tag: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("mlp-rtl-test-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}
