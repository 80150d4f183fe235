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

/// The engine of the embedded taxonomy, compiled once for every in-process test.
pub fn engine() -> &'static gap_check::Engine {
    static ENGINE: std::sync::LazyLock<gap_check::Engine> = std::sync::LazyLock::new(|| {
        gap_check::Engine::new(gap_check::taxonomy::Taxonomy::embedded().expect("embedded taxonomy"))
    });
    &ENGINE
}

/// What `gap-check FILE --as-of AS_OF [--target T] --format FORMAT` prints for one file, and
/// its exit code, made in this process through the library's one entry ([`Engine::run`],
/// the call the CLI makes) and the CLI's renderer. A sweep over many fixtures spends its
/// time reading them instead of starting the debug binary and compiling the taxonomy once
/// per file; `tests/it/snapshots.rs`, `cli.rs` and the other CLI tests prove the binary's
/// own path. Only `--target T` may be in `extra`.
///
/// [`Engine::run`]: gap_check::Engine::run
pub fn in_process(file: &Path, extra: &[&str], format: gap_check::render::Format) -> (Vec<u8>, i32) {
    use gap_check::ingest::{worker::WorkerConfig, IngestOptions, PdfExtraction, DEFAULT_MEMORY_LIMIT};
    use gap_check::render::{text::Style, Renderer};
    use gap_check::report::Record;
    use gap_check::{AnalysisOptions, Options, Source, Target};

    let as_of: gap_check::calendar::Date = AS_OF.parse().expect("AS_OF is a date");
    // The CLI's defaults (src/cli/config.rs): PDFs are read by the binary's worker process.
    let timeout = gap_check::ingest::DEFAULT_TIMEOUT;
    let ingest = IngestOptions {
        max_size: gap_check::ingest::DEFAULT_MAX_SIZE,
        timeout: Some(timeout),
        pdf: PdfExtraction::Worker(WorkerConfig {
            program: PathBuf::from(env!("CARGO_BIN_EXE_gap-check")),
            program_args: Vec::new(),
            timeout,
            memory_limit: DEFAULT_MEMORY_LIMIT,
        }),
    };
    let target = match extra {
        [] => Target::BestFit,
        ["--target", given] => engine().target_named(given, &ingest, Some(as_of)).expect("the target resolves"),
        _ => panic!("in_process takes `--target T` only, not {extra:?}"),
    };
    let options = Options::new(AnalysisOptions { target, as_of: Some(as_of), keep_non_resumes: false }, ingest);
    let record = engine().run(&Source::File(file), &options);
    // With stdout captured the CLI does not colour, and tests see the default width.
    let style = Style { color: false, width: gap_check::render::text::DEFAULT_WIDTH };
    let renderer = Renderer::new(format, false, engine().taxonomy(), style);
    let mut out = renderer.prefix();
    out.extend(renderer.chunk(&record).unwrap_or_default());
    out.extend(renderer.suffix());
    let code = match record {
        Record::Report(_) => 0,
        Record::Error(_) => 1,
    };
    (out, code)
}

/// [`json_report`] in this process (see [`in_process`]): the record and the exit code.
pub fn json_record(file: &Path, extra: &[&str]) -> (Value, i32) {
    let (out, code) = in_process(file, extra, gap_check::render::Format::Json);
    let value = serde_json::from_slice(&out)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e}):\n{}", file.display(), String::from_utf8_lossy(&out)));
    (value, code)
}

/// [`text_report`]'s stdout, in this process (see [`in_process`]).
pub fn text_record(file: &Path, extra: &[&str]) -> String {
    String::from_utf8(in_process(file, extra, gap_check::render::Format::Text).0).expect("UTF-8")
}
