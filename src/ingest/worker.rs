//! PDF extraction in a child process, so that no PDF can take the run down.
//!
//! pdf-extract panics on malformed input by design, and `catch_unwind` does not stop an
//! abort, a stack overflow, runaway memory or an endless loop. The binary therefore runs
//! itself as `gap-check __extract-pdf FILE` under an address-space and CPU-time limit, and the
//! parent kills it when the wall-clock limit passes. The child answers with one JSON value
//! on stdout: the extracted lines or the reason it could not read the file.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use wait_timeout::ChildExt;

use crate::error::ReadError;

/// The hidden first argument that turns the binary into an extraction worker.
pub const WORKER_ARG: &str = "__extract-pdf";

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// The executable that understands [`WORKER_ARG`]: normally the running binary.
    pub program: PathBuf,
    pub timeout: Duration,
    pub memory_limit: u64,
}

#[derive(Debug, Serialize, Deserialize)]
enum WorkerReply {
    Lines(Vec<String>),
    Failed(ReadError),
}

pub fn extract_in_worker(path: &Path, config: &WorkerConfig) -> Result<Vec<String>, ReadError> {
    let cpu_seconds = config.timeout.as_secs().max(1) + 1;
    let mut child = Command::new(&config.program)
        .arg(WORKER_ARG)
        .arg(config.memory_limit.to_string())
        .arg(cpu_seconds.to_string())
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| ReadError::ExtractorCrashed(format!("cannot start the extraction worker: {e}")))?;
    // Read stdout on another thread: a large reply would otherwise fill the pipe and the
    // child would block forever waiting for us to wait for it.
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(out) = stdout.as_mut() {
            let _ = out.read_to_end(&mut buf);
        }
        buf
    });
    let status = match child.wait_timeout(config.timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            let _ = reader.join();
            return Err(ReadError::Timeout(config.timeout.as_secs()));
        }
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(ReadError::ExtractorCrashed(format!("lost the extraction worker: {e}")));
        }
    };
    let output = reader.join().unwrap_or_default();
    if status.success() {
        return match serde_json::from_slice::<WorkerReply>(&output) {
            Ok(WorkerReply::Lines(lines)) => Ok(lines),
            Ok(WorkerReply::Failed(reason)) => Err(reason),
            Err(_) => Err(ReadError::ExtractorCrashed("the extraction worker gave no answer".into())),
        };
    }
    Err(ReadError::ExtractorCrashed(describe_exit(&status)))
}

fn describe_exit(status: &std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return match signal {
                libc::SIGABRT => "aborted (out of memory or an internal error)".to_string(),
                libc::SIGSEGV => "segmentation fault (stack overflow?)".to_string(),
                libc::SIGXCPU | libc::SIGKILL => "stopped after using too much CPU time".to_string(),
                other => format!("killed by signal {other}"),
            };
        }
    }
    format!("exited with {status}")
}

/// Entry point of the worker process. Returns the process exit code.
pub fn worker_main(args: &[std::ffi::OsString]) -> i32 {
    std::panic::set_hook(Box::new(|_| {}));
    let (Some(memory), Some(cpu), Some(path)) = (args.first(), args.get(1), args.get(2)) else {
        return 2;
    };
    let memory: u64 = memory.to_str().and_then(|s| s.parse().ok()).unwrap_or(crate::ingest::DEFAULT_MEMORY_LIMIT);
    let cpu: u64 = cpu.to_str().and_then(|s| s.parse().ok()).unwrap_or(31);
    apply_limits(memory, cpu);
    let extractor = args
        .get(3)
        .and_then(|a| a.to_str())
        .and_then(super::pdf::Extractor::from_name)
        .unwrap_or(super::pdf::Extractor::Auto);
    let reply = match std::fs::read(path) {
        Ok(bytes) => match super::pdf::extract_lines_with(&bytes, extractor) {
            Ok(lines) => WorkerReply::Lines(lines),
            Err(reason) => WorkerReply::Failed(reason),
        },
        Err(e) => WorkerReply::Failed(ReadError::from_io(&e)),
    };
    let mut stdout = std::io::stdout().lock();
    match serde_json::to_writer(&mut stdout, &reply).and_then(|_| stdout.flush().map_err(serde_json::Error::io)) {
        Ok(()) => 0,
        Err(_) => 3,
    }
}

#[cfg(unix)]
fn apply_limits(memory: u64, cpu_seconds: u64) {
    let set = |resource, value: u64| {
        let limit = libc::rlimit { rlim_cur: value as libc::rlim_t, rlim_max: value as libc::rlim_t };
        // SAFETY: setrlimit only reads the struct we pass; failure leaves the old limit.
        unsafe {
            libc::setrlimit(resource, &limit);
        }
    };
    set(libc::RLIMIT_AS, memory);
    set(libc::RLIMIT_CPU, cpu_seconds);
}

#[cfg(not(unix))]
fn apply_limits(_memory: u64, _cpu_seconds: u64) {}
