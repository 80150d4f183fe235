//! Shared helpers for the integration tests: run the real binary on real files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// The fixed "today" every fixture expectation was written for.
pub const AS_OF: &str = "2026-11-01";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

pub fn gap_check() -> Command {
    let mut cmd = Command::cargo_bin("gap-check").expect("binary builds");
    // The text report wraps to COLUMNS when set: tests see the default width.
    cmd.env_remove("NO_COLOR").env_remove("COLUMNS");
    cmd
}

/// Runs `gap-check FILE --format json --as-of AS_OF [extra…]` and parses stdout.
pub fn json_report(file: &Path, extra: &[&str]) -> (Value, Output) {
    let output = gap_check()
        .arg(file)
        .args(["--format", "json", "--as-of", AS_OF])
        .args(extra)
        .output()
        .expect("gap-check runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let value: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "{}: stdout is not JSON ({e}):\n{stdout}\nstderr: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (value, output)
}

pub fn text_report(file: &Path, extra: &[&str]) -> Output {
    gap_check().arg(file).args(["--as-of", AS_OF]).args(extra).output().expect("gap-check runs")
}

pub fn skill_ids(report: &Value) -> Vec<String> {
    report["skills"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["id"].as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// The binary as a plain `std::process::Command`, for tests that drive its pipes.
pub fn gap_check_process() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_gap-check"));
    cmd.env_remove("NO_COLOR").env_remove("COLUMNS");
    cmd
}
