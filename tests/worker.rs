//! The PDF worker's limits, shown with stand-in workers that hang or crash the way a bad PDF
//! can make the real extractor hang or crash.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gap_check::error::ReadError;
use gap_check::ingest::worker::{extract_in_worker, WorkerConfig};

fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn config(program: PathBuf, timeout: Duration) -> WorkerConfig {
    WorkerConfig { program, timeout, memory_limit: 1 << 30 }
}

// The cases run one after another in a single test: a script written while another test
// thread forks can be inherited open for writing by that child, and exec then fails with
// "text file busy".
#[test]
fn stand_in_workers_that_hang_crash_or_babble() {
    a_worker_that_hangs_is_stopped_at_the_timeout();
    a_worker_that_aborts_is_an_error_not_a_crash();
    a_worker_that_answers_garbage_is_an_error();
}

fn a_worker_that_hangs_is_stopped_at_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let program = script(dir.path(), "hang", "exec sleep 30");
    let started = Instant::now();
    let result = extract_in_worker(Path::new("x.pdf"), &config(program, Duration::from_secs(1)));
    assert_eq!(result, Err(ReadError::Timeout(1)));
    // Generous bound: the point is that it did not wait the full 30 s.
    assert!(started.elapsed() < Duration::from_secs(20));
}

fn a_worker_that_aborts_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let program = script(dir.path(), "abort", "kill -ABRT $$");
    let result = extract_in_worker(Path::new("x.pdf"), &config(program, Duration::from_secs(10)));
    match result {
        Err(ReadError::ExtractorCrashed(why)) => assert!(why.contains("aborted"), "{why}"),
        other => panic!("expected a crash error, got {other:?}"),
    }
}

fn a_worker_that_answers_garbage_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let program = script(dir.path(), "garbage", "echo not-json");
    let result = extract_in_worker(Path::new("x.pdf"), &config(program, Duration::from_secs(10)));
    assert!(matches!(result, Err(ReadError::ExtractorCrashed(_))), "{result:?}");
}

#[test]
fn the_real_worker_reads_a_pdf() {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_gap-check"));
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/resumes/senior-mle-team-lead.pdf");
    let lines = extract_in_worker(&pdf, &config(exe, Duration::from_secs(30))).unwrap();
    assert!(lines.iter().any(|l| l.contains("Kubernetes")), "{lines:?}");
}
