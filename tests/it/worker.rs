//! The PDF worker's limits, shown with stand-in workers that hang or crash the way a bad PDF
//! can make the real extractor hang or crash.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gap_check::error::ReadError;
use gap_check::ingest::worker::{extract_ahead, extract_bytes, WorkerConfig};

fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn config(program: PathBuf, timeout: Duration) -> WorkerConfig {
    WorkerConfig { program, program_args: Vec::new(), timeout, memory_limit: 1 << 30 }
}

// The cases run one after another in a single test: a script written while another test
// thread forks can be inherited open for writing by that child, and exec then fails with
// "text file busy".
#[test]
fn stand_in_workers_that_hang_crash_or_babble() {
    a_worker_that_hangs_is_stopped_at_the_timeout();
    a_worker_asked_ahead_that_hangs_is_stopped_at_the_timeout();
    a_worker_that_hangs_is_stopped_at_the_callers_deadline();
    a_worker_that_aborts_is_an_error_not_a_crash();
    a_worker_that_answers_garbage_is_an_error();
}

fn a_worker_that_hangs_is_stopped_at_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let program = script(dir.path(), "hang", "exec sleep 30");
    let started = Instant::now();
    let result = extract_bytes(b"%PDF-1.4 stand-in", &config(program, Duration::from_secs(1)));
    assert_eq!(result, Err(ReadError::Timeout(1)));
    // Generous bound: the point is that it did not wait the full 30 s.
    assert!(started.elapsed() < Duration::from_secs(20));
}

fn a_worker_asked_ahead_that_hangs_is_stopped_at_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let program = script(dir.path(), "hang-ahead", "exec sleep 30");
    let cfg = config(program, Duration::from_secs(1));
    let started = Instant::now();
    extract_ahead(b"%PDF-1.4 stand-in".to_vec(), &cfg);
    assert!(started.elapsed() < Duration::from_secs(1), "asking ahead waited: {:?}", started.elapsed());
    assert_eq!(extract_bytes(b"%PDF-1.4 stand-in", &cfg), Err(ReadError::Timeout(1)));
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// An HTTP request gives the worker the time left on the request, not the worker's own
/// limit: the wait ends at the deadline and the worker is stopped there, so no extraction
/// goes on for a request already answered.
fn a_worker_that_hangs_is_stopped_at_the_callers_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let program = script(dir.path(), "hang-long", "exec sleep 60");
    let started = Instant::now();
    let result = {
        let _deadline = gap_check::deadline::Guard::start(Some(Duration::from_secs(1)));
        extract_bytes(b"%PDF-1.4 stand-in", &config(program.clone(), Duration::from_secs(60)))
    };
    assert_eq!(result, Err(ReadError::Timeout(60)));
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    // Past the deadline, nothing is sent at all.
    let _passed = gap_check::deadline::Guard::start(Some(Duration::ZERO));
    let started = Instant::now();
    assert_eq!(
        extract_bytes(b"%PDF-1.4 stand-in", &config(program, Duration::from_secs(60))),
        Err(ReadError::Timeout(60))
    );
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
}

fn a_worker_that_aborts_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let program = script(dir.path(), "abort", "kill -ABRT $$");
    let result = extract_bytes(b"%PDF-1.4 stand-in", &config(program, Duration::from_secs(10)));
    match result {
        Err(ReadError::ExtractorCrashed(why)) => assert!(why.contains("aborted"), "{why}"),
        other => panic!("expected a crash error, got {other:?}"),
    }
}

fn a_worker_that_answers_garbage_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let program = script(dir.path(), "garbage", "echo not-json");
    let result = extract_bytes(b"%PDF-1.4 stand-in", &config(program, Duration::from_secs(10)));
    assert!(matches!(result, Err(ReadError::ExtractorCrashed(_))), "{result:?}");
}

fn exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_gap-check"))
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name)).unwrap()
}

#[test]
fn the_real_worker_reads_a_pdf() {
    let lines =
        extract_bytes(&fixture_bytes("resumes/senior-mle-team-lead.pdf"), &config(exe(), Duration::from_secs(30)))
            .unwrap()
            .lines;
    assert!(lines.iter().any(|l| l.contains("Kubernetes")), "{lines:?}");
}

/// The pid of this thread's worker: the one child of this process running gap-check.
fn worker_pids() -> Vec<u32> {
    let me = std::process::id();
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        // "pid (comm) state ppid ...": the fields after the last ')'.
        let fields: Vec<&str> =
            stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if fields.get(1) == Some(&me.to_string().as_str())
            && fields.first() != Some(&"Z")
            && cmdline.windows(13).any(|w| w == b"__extract-pdf")
        {
            pids.push(pid);
        }
    }
    pids
}

#[test]
fn one_worker_reads_many_files_and_a_bad_one_is_replaced() {
    // Runs on its own thread, so that the thread's worker is this test's alone.
    std::thread::spawn(|| {
        let cfg = config(exe(), Duration::from_secs(30));
        let good = fixture_bytes("resumes/senior-mle-team-lead.pdf");
        extract_bytes(&good, &cfg).unwrap();
        let first = worker_pids();
        extract_bytes(&fixture_bytes("resumes/two-column.pdf"), &cfg).unwrap();
        // A page of noise: OCR finds no words (or, without Tesseract, cannot run), and the
        // worker goes on.
        let scan = extract_bytes(&fixture_bytes("broken/scan.pdf"), &cfg);
        assert!(matches!(scan, Err(ReadError::ScanWithoutText | ReadError::OcrUnavailable(_))), "{scan:?}");
        extract_bytes(&good, &cfg).unwrap();
        let later = worker_pids();
        let mine: Vec<&u32> = later.iter().filter(|p| first.contains(p)).collect();
        assert!(!mine.is_empty(), "the worker of the first file did not read the later ones: {first:?} then {later:?}");
    })
    .join()
    .unwrap();
}

/// The service gives every request its own deadline; the worker is still the same one, as
/// in a batch (it used to be started anew for each request, doubling a PDF's CPU).
#[test]
fn requests_with_different_deadlines_share_one_worker() {
    std::thread::spawn(|| {
        let cfg = config(exe(), Duration::from_secs(30));
        let good = fixture_bytes("resumes/senior-mle-team-lead.pdf");
        let mut seen = Vec::new();
        for seconds in [25, 20, 15] {
            let _deadline = gap_check::deadline::Guard::start(Some(Duration::from_secs(seconds)));
            extract_bytes(&good, &cfg).unwrap();
            seen.push(worker_pids());
        }
        let first = &seen[0];
        assert!(
            seen.iter().all(|pids| pids.iter().any(|p| first.contains(p))),
            "a new worker for a new deadline: {seen:?}"
        );
    })
    .join()
    .unwrap();
}

/// A one-PDF run asks its worker for the file before it builds its taxonomy; reading the
/// file then takes that answer (one worker, the same lines as asking then), and asking for
/// other bytes gets their own answer, never the one asked for ahead.
#[test]
fn an_answer_asked_for_ahead_is_given_only_for_the_same_bytes() {
    std::thread::spawn(|| {
        let cfg = config(exe(), Duration::from_secs(30));
        let good = fixture_bytes("resumes/senior-mle-team-lead.pdf");
        let other = fixture_bytes("resumes/two-column.pdf");
        let direct = extract_bytes(&good, &cfg).unwrap().lines;
        let before = worker_pids();

        extract_ahead(good.clone(), &cfg);
        let ahead = extract_bytes(&good, &cfg).unwrap().lines;
        assert_eq!(ahead, direct);
        // The idle worker of the first file took the request asked ahead.
        let after = worker_pids();
        assert!(after.iter().any(|p| before.contains(p)), "a new worker: {before:?} then {after:?}");

        let other_direct = extract_bytes(&other, &cfg).unwrap().lines;
        assert_ne!(other_direct, direct);
        extract_ahead(good.clone(), &cfg);
        assert_eq!(extract_bytes(&other, &cfg).unwrap().lines, other_direct, "the answer asked ahead was given");
        // And the worker that was asked for the other bytes is not left holding an answer.
        assert_eq!(extract_bytes(&good, &cfg).unwrap().lines, direct);
    })
    .join()
    .unwrap();
}

#[test]
fn a_worker_dies_with_its_parent() {
    // A shell stands in for gap-check as the worker's parent: it starts a real worker with
    // stdin still open (held by this test, so end of input cannot be what stops it), prints
    // its pid, and is then killed.
    let mut parent = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec 3<&0; \"$0\" __extract-pdf 1073741824 30 - $$ <&3 & echo $!; wait")
        .arg(exe())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Held until the end: `Child::wait` would otherwise close it.
    let held_stdin = parent.stdin.take();
    let mut line = String::new();
    use std::io::BufRead;
    std::io::BufReader::new(parent.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let worker: u32 = line.trim().parse().unwrap();
    let state = |pid: u32| {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|s| s.rsplit_once(')').and_then(|(_, rest)| rest.trim_start().chars().next()))
    };
    let running = |pid: u32| state(pid).is_some_and(|s| s != 'Z' && s != 'X');
    // Wait until the worker is up and asleep on its stdin, waiting for a PDF: from then on
    // only the parent's death can end it.
    let started = Instant::now();
    while !(state(worker) == Some('S')
        && std::fs::read(format!("/proc/{worker}/cmdline"))
            .unwrap_or_default()
            .windows(13)
            .any(|w| w == b"__extract-pdf"))
    {
        assert!(started.elapsed() < Duration::from_secs(20), "the worker did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(state(worker), Some('S'));
    parent.kill().unwrap();
    parent.wait().unwrap();
    let killed = Instant::now();
    while running(worker) && killed.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let outlived = running(worker);
    if outlived {
        // SAFETY: kill takes a pid and a signal; the pid is the worker this test started.
        unsafe { libc::kill(worker as i32, libc::SIGKILL) };
    }
    assert!(!outlived, "the worker {worker} outlived its parent");
    drop(held_stdin);
}

#[test]
fn a_panic_in_pdf_extract_is_an_error_reply() {
    // This PDF's page has no MediaBox: pdf-extract panics on it (gap-check's own extractor
    // reads it, see broken.rs). Forced onto pdf-extract, the worker still answers.
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/broken/extractor-panic.pdf");
    let out = std::process::Command::new(exe())
        .args(["__extract-pdf", "1073741824", "30"])
        .arg(&pdf)
        .arg("pdf-extract")
        .output()
        .unwrap();
    assert!(out.status.success());
    let reply: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let crashed = reply["Failed"]["ExtractorCrashed"].as_str().unwrap_or_else(|| panic!("{reply}"));
    assert!(crashed.contains("MediaBox"), "{crashed}");
}
