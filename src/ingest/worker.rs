//! PDF extraction and OCR in child processes, so that no PDF or image can take the run down.
//!
//! pdf-extract panics on malformed input by design, and `catch_unwind` does not stop an
//! abort, a stack overflow, runaway memory or an endless loop in any extractor. The binary
//! therefore runs itself as `gap-check __extract-pdf MEMORY CPU - PARENT_PID`: a long-lived
//! worker under an address-space limit that reads PDFs from its stdin and answers each with
//! its lines on stdout, under a fresh CPU-time budget per file. The parent gives each file a
//! wall-clock limit and replaces a worker that crashes, times out or answers garbage.
//!
//! Each thread that extracts PDFs keeps one worker (a batch on N threads runs N workers),
//! so a folder of PDFs costs N process starts, not one per file. The file's bytes, already
//! read and hashed by the parent, are sent to the worker; it never opens the file itself.
//! A worker dies with its parent: on Linux the kernel kills it when the thread that started
//! it ends (`PR_SET_PDEATHSIG`), it checks that its parent is still the one that started it,
//! and it exits when its stdin closes.
//!
//! Frames on both pipes: an 8-byte little-endian length, then that many bytes (the PDF, or
//! the JSON of a [`WorkerReply`]).
//!
//! `gap-check __extract-pdf MEMORY CPU FILE [auto|lopdf|pdf-extract]` extracts one file and
//! answers with the JSON alone (used by `scripts/compare_extractors.py`).

use std::cell::RefCell;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, Once};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use wait_timeout::ChildExt;

use super::Extracted;
use crate::calendar::Date;
use crate::error::ReadError;

/// The hidden first argument that turns the binary into an extraction worker.
pub const WORKER_ARG: &str = "__extract-pdf";

/// A reply larger than this is not a reply: the worker is writing garbage.
const MAX_FRAME: u64 = 1 << 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerConfig {
    /// The executable that understands [`WORKER_ARG`]: normally the running binary.
    pub program: PathBuf,
    /// Arguments before [`WORKER_ARG`]: empty for the binary; `-m gap_check._worker` when
    /// `program` is the Python interpreter of the Python package.
    pub program_args: Vec<std::ffi::OsString>,
    pub timeout: Duration,
    pub memory_limit: u64,
}

impl WorkerConfig {
    fn cpu_seconds(&self) -> u64 {
        self.timeout.as_secs().max(1) + 1
    }
}

#[derive(Debug, Serialize, Deserialize)]
enum WorkerReply {
    /// The one-file mode's answer (read by `scripts/compare_extractors.py`).
    Lines(Vec<String>),
    /// Lines read by OCR, with the mean word confidence.
    Ocr {
        lines: Vec<String>,
        confidence: f64,
    },
    /// A text PDF's lines and the date it carries in its metadata.
    Dated {
        lines: Vec<String>,
        date: Option<String>,
    },
    Failed(ReadError),
}

impl WorkerReply {
    fn from_extracted(result: Result<Extracted, ReadError>) -> WorkerReply {
        match result {
            Ok(Extracted { lines, ocr_confidence: Some(confidence), .. }) => WorkerReply::Ocr { lines, confidence },
            Ok(Extracted { lines, ocr_confidence: None, date }) => {
                WorkerReply::Dated { lines, date: date.map(|d| d.to_string()) }
            }
            Err(reason) => WorkerReply::Failed(reason),
        }
    }
}

thread_local! {
    /// This thread's worker, kept between files.
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

/// Pids of the workers alive now. A thread's worker is ended when the thread ends, but the
/// process may exit first (thread-local destructors race with the end of `main`); at exit the
/// remaining ones are ended and waited for, so that no worker outlives the run and their CPU
/// time is counted with the parent's.
static LIVE: Mutex<Vec<u32>> = Mutex::new(Vec::new());
static AT_EXIT: Once = Once::new();

fn register(pid: u32) {
    #[cfg(unix)]
    AT_EXIT.call_once(|| {
        // SAFETY: registers a plain extern "C" function with no captured state.
        unsafe {
            libc::atexit(end_live_workers);
        }
    });
    #[cfg(not(unix))]
    AT_EXIT.call_once(|| {});
    LIVE.lock().unwrap_or_else(|p| p.into_inner()).push(pid);
}

fn unregister(pid: u32) {
    LIVE.lock().unwrap_or_else(|p| p.into_inner()).retain(|&p| p != pid);
}

#[cfg(unix)]
extern "C" fn end_live_workers() {
    // try_lock: a thread stopped in the middle of registering must not hang the exit.
    let Ok(mut live) = LIVE.try_lock() else {
        return;
    };
    for pid in live.drain(..) {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            continue;
        };
        // SAFETY: kill and waitpid on a pid this process started and has not reaped yet
        // (Worker::stop unregisters it once reaped).
        unsafe {
            libc::kill(pid, libc::SIGKILL);
            libc::waitpid(pid, std::ptr::null_mut(), 0);
        }
    }
}

/// Extracts the lines of a PDF or an image (its bytes; see [`super::extract_visual`]) in this
/// thread's worker process, starting one if there is none or the last one was lost, with the
/// date a PDF carries in its metadata.
///
/// The wait for the answer ends at the worker's timeout or at the current thread's deadline
/// ([`crate::deadline`]), whichever comes first; past the deadline nothing is sent.
pub fn extract_bytes(bytes: &[u8], config: &WorkerConfig) -> Result<Extracted, ReadError> {
    if crate::deadline::expired() {
        return Err(ReadError::Timeout(config.timeout.as_secs()));
    }
    WORKER.with(|slot| {
        let mut slot = slot.borrow_mut();
        let mut kept = slot.take().filter(|w| w.config == *config);
        // The answer to these bytes, asked for ahead, is only waited for. A worker busy with
        // other bytes asked for ahead is ended (dropped) rather than waited for.
        if let Some(mut worker) = kept.take_if(|w| w.ahead.as_deref() == Some(bytes)) {
            worker.ahead = None;
            let answer = worker.wait();
            return worker.settle(answer, &mut slot);
        }
        let reused = kept.filter(|w| w.ahead.is_none()).and_then(Worker::alive);
        let was_reused = reused.is_some();
        let mut worker = match reused {
            Some(worker) => worker,
            None => Worker::spawn(config)?,
        };
        match worker.request(bytes) {
            // A reused worker that died while idle (killed from outside, say) loses the
            // request without a word: one more try with a fresh worker, so that the file is
            // not blamed for it. A file that really crashes the extractor crashes it twice.
            Err(Lost::BeforeRequest | Lost::Closed) if was_reused => {
                drop(worker);
                let mut fresh = Worker::spawn(config)?;
                let answer = fresh.request(bytes);
                fresh.settle(answer, &mut slot)
            }
            answer => worker.settle(answer, &mut slot),
        }
    })
}

/// Sends a document to this thread's worker (starting one) without waiting for its answer:
/// [`extract_bytes`], asked for the same bytes with the same settings, then only waits for
/// it. A one-PDF run asks before it builds its taxonomy, so the worker's start and the
/// extraction run beside that build instead of after it. Nothing is reported here: a worker
/// that cannot start, or dies, is met again, and reported, when the file is read.
pub fn extract_ahead(bytes: Vec<u8>, config: &WorkerConfig) {
    WORKER.with(|slot| {
        let mut slot = slot.borrow_mut();
        let idle = slot.take().filter(|w| w.config == *config && w.ahead.is_none()).and_then(Worker::alive);
        let Some(mut worker) = idle.or_else(|| Worker::spawn(config).ok()) else {
            return;
        };
        if worker.send(&bytes).is_ok() {
            worker.ahead = Some(bytes);
            *slot = Some(worker);
        }
    });
}

/// Why a worker can no longer be used.
enum Lost {
    /// It had exited before the request could be written.
    BeforeRequest,
    Timeout,
    /// Its stdout closed without an answer.
    Closed,
    /// It answered something that is not a reply.
    Garbage,
}

struct Worker {
    config: WorkerConfig,
    child: Child,
    requests: Sender<Vec<u8>>,
    replies: Receiver<Option<Vec<u8>>>,
    /// The bytes of a request sent ahead ([`extract_ahead`]) whose answer is not read yet.
    ahead: Option<Vec<u8>>,
}

impl Worker {
    fn spawn(config: &WorkerConfig) -> Result<Worker, ReadError> {
        let mut child = Command::new(&config.program)
            .args(&config.program_args)
            .arg(WORKER_ARG)
            .arg(config.memory_limit.to_string())
            .arg(config.cpu_seconds().to_string())
            .arg("-")
            .arg(std::process::id().to_string())
            // The binary's allocator (mimalloc) reserves address space a gibibyte at a time,
            // all of which the worker's address-space limit would count: OCR then could not
            // start a thread. In the worker it reserves a little at a time.
            .env("MIMALLOC_ARENA_RESERVE", "32MiB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| ReadError::ExtractorCrashed(format!("cannot start the extraction worker: {e}")))?;
        register(child.id());
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            unregister(child.id());
            let _ = child.kill();
            let _ = child.wait();
            return Err(ReadError::ExtractorCrashed("cannot talk to the extraction worker".into()));
        };
        // Writing and reading run on their own threads: a worker that stops reading or
        // writes a huge reply must not block the parent past its time limit.
        let (requests, to_write) = mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || write_frames(stdin, to_write));
        let (send_reply, replies) = mpsc::channel();
        std::thread::spawn(move || read_frames(stdout, send_reply));
        Ok(Worker { config: config.clone(), child, requests, replies, ahead: None })
    }

    /// The worker, if it is still running.
    fn alive(mut self) -> Option<Worker> {
        matches!(self.child.try_wait(), Ok(None)).then_some(self)
    }

    fn request(&mut self, bytes: &[u8]) -> Result<Result<Extracted, ReadError>, Lost> {
        self.send(bytes)?;
        self.wait()
    }

    fn send(&mut self, bytes: &[u8]) -> Result<(), Lost> {
        let mut frame = Vec::with_capacity(bytes.len() + 8);
        frame.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        frame.extend_from_slice(bytes);
        self.requests.send(frame).map_err(|_| Lost::BeforeRequest)
    }

    /// The answer to the request sent last.
    fn wait(&mut self) -> Result<Result<Extracted, ReadError>, Lost> {
        // The worker's own limit, or less when the caller's deadline comes first (an HTTP
        // request's): the worker is then stopped at that deadline, not left extracting for
        // nobody. The deadline is per request, not part of the worker's settings, so one
        // worker serves every request of its thread.
        let wait = crate::deadline::remaining().map_or(self.config.timeout, |left| left.min(self.config.timeout));
        match self.replies.recv_timeout(wait) {
            Ok(Some(body)) => match serde_json::from_slice::<WorkerReply>(&body) {
                Ok(WorkerReply::Lines(lines)) => Ok(Ok(Extracted::text(lines))),
                Ok(WorkerReply::Ocr { lines, confidence }) => {
                    Ok(Ok(Extracted { lines, ocr_confidence: Some(confidence), date: None }))
                }
                // The worker checked the date; a date that does not parse here is none.
                Ok(WorkerReply::Dated { lines, date }) => {
                    let date = date.and_then(|d| Date::from_document(&d, Date::today()));
                    Ok(Ok(Extracted { lines, ocr_confidence: None, date }))
                }
                Ok(WorkerReply::Failed(reason)) => Ok(Err(reason)),
                Err(_) => Err(Lost::Garbage),
            },
            Ok(None) => Err(Lost::Garbage),
            Err(RecvTimeoutError::Timeout) => Err(Lost::Timeout),
            Err(RecvTimeoutError::Disconnected) => Err(Lost::Closed),
        }
    }

    /// The file's result from this worker's answer: the worker is kept in `slot` for the
    /// next file when it answered, and ended when it was lost.
    fn settle(
        self,
        answer: Result<Result<Extracted, ReadError>, Lost>,
        slot: &mut Option<Worker>,
    ) -> Result<Extracted, ReadError> {
        match answer {
            Ok(result) => {
                *slot = Some(self);
                result
            }
            Err(lost) => Err(self.lost(lost)),
        }
    }

    /// Ends a worker that failed and says why, as the file's error.
    fn lost(mut self, lost: Lost) -> ReadError {
        match lost {
            Lost::Timeout => {
                self.stop();
                ReadError::Timeout(self.config.timeout.as_secs())
            }
            Lost::Garbage => {
                self.stop();
                ReadError::ExtractorCrashed("the extraction worker gave no answer".into())
            }
            Lost::Closed | Lost::BeforeRequest => {
                // Its output closed: it has exited or is about to; give it a moment.
                let status = match self.child.wait_timeout(Duration::from_secs(2)) {
                    Ok(Some(status)) => Some(status),
                    _ => {
                        self.stop();
                        None
                    }
                };
                match status {
                    Some(status) if !status.success() => ReadError::ExtractorCrashed(describe_exit(&status)),
                    _ => ReadError::ExtractorCrashed("the extraction worker gave no answer".into()),
                }
            }
        }
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        unregister(self.child.id());
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Idle workers exit when their stdin closes; killing is the same, and certain.
        self.stop();
    }
}

fn write_frames(mut stdin: ChildStdin, frames: Receiver<Vec<u8>>) {
    for frame in frames {
        if stdin.write_all(&frame).and_then(|_| stdin.flush()).is_err() {
            return;
        }
    }
}

/// Sends each reply body; `None` for a frame that cannot be one. Ends when stdout closes.
fn read_frames(mut stdout: impl Read, replies: Sender<Option<Vec<u8>>>) {
    loop {
        let mut header = [0u8; 8];
        if stdout.read_exact(&mut header).is_err() {
            return;
        }
        let len = u64::from_le_bytes(header);
        if len > MAX_FRAME {
            let _ = replies.send(None);
            return;
        }
        let mut body = vec![0u8; len as usize];
        if stdout.read_exact(&mut body).is_err() {
            let _ = replies.send(None);
            return;
        }
        if replies.send(Some(body)).is_err() {
            return;
        }
    }
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
    let (Some(memory), Some(cpu), Some(target)) = (args.first(), args.get(1), args.get(2)) else {
        return 2;
    };
    let memory: u64 = memory.to_str().and_then(|s| s.parse().ok()).unwrap_or(crate::ingest::DEFAULT_MEMORY_LIMIT);
    let cpu: u64 = cpu.to_str().and_then(|s| s.parse().ok()).unwrap_or(31);
    if target == "-" {
        let parent = args.get(3).and_then(|p| p.to_str()).and_then(|p| p.parse().ok());
        return serve(memory, cpu, parent);
    }
    limit_memory(memory);
    cpu_budget(cpu);
    let extractor = args
        .get(3)
        .and_then(|a| a.to_str())
        .and_then(pdf_lines::Extractor::from_name)
        .unwrap_or(pdf_lines::Extractor::Auto);
    let reply = match std::fs::read(target) {
        Ok(bytes) => reply_for(&bytes, extractor),
        Err(e) => WorkerReply::Failed(ReadError::from_io(&e)),
    };
    let mut stdout = std::io::stdout().lock();
    match serde_json::to_writer(&mut stdout, &reply).and_then(|_| stdout.flush().map_err(serde_json::Error::io)) {
        Ok(()) => 0,
        Err(_) => 3,
    }
}

fn reply_for(bytes: &[u8], extractor: pdf_lines::Extractor) -> WorkerReply {
    match pdf_lines::extract_lines_with(bytes, extractor) {
        Ok(lines) => WorkerReply::Lines(lines),
        Err(reason) => WorkerReply::Failed(reason.into()),
    }
}

/// The long-lived worker: one PDF in, one reply out, until stdin closes or the parent is gone.
fn serve(memory: u64, cpu: u64, parent: Option<u32>) -> i32 {
    die_with_parent();
    let parent_alive = || parent.is_none_or(|p| parent_pid() == Some(p));
    if !parent_alive() {
        return 0;
    }
    limit_memory(memory);
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    loop {
        let mut header = [0u8; 8];
        if stdin.read_exact(&mut header).is_err() {
            return 0;
        }
        let len = u64::from_le_bytes(header);
        if len > MAX_FRAME {
            return 2;
        }
        let mut bytes = vec![0u8; len as usize];
        if stdin.read_exact(&mut bytes).is_err() || !parent_alive() {
            return 0;
        }
        cpu_budget(cpu);
        let reply = WorkerReply::from_extracted(super::extract_visual(&bytes));
        drop(bytes);
        let Ok(body) = serde_json::to_vec(&reply) else {
            return 3;
        };
        let written = stdout
            .write_all(&(body.len() as u64).to_le_bytes())
            .and_then(|_| stdout.write_all(&body))
            .and_then(|_| stdout.flush());
        if written.is_err() {
            return 3;
        }
    }
}

#[cfg(target_os = "linux")]
fn die_with_parent() {
    // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number and no pointers.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
    }
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent() {}

#[cfg(unix)]
fn parent_pid() -> Option<u32> {
    // SAFETY: getppid has no arguments and cannot fail.
    u32::try_from(unsafe { libc::getppid() }).ok()
}

#[cfg(not(unix))]
fn parent_pid() -> Option<u32> {
    None
}

#[cfg(unix)]
fn limit_memory(memory: u64) {
    let limit = libc::rlimit { rlim_cur: memory as libc::rlim_t, rlim_max: memory as libc::rlim_t };
    // SAFETY: setrlimit only reads the struct we pass; failure leaves the old limit.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn limit_memory(_memory: u64) {}

/// Allows `seconds` more CPU time from now: the soft limit moves past what this process has
/// used so far, so each file gets the same budget however many came before. Past it the
/// kernel sends SIGXCPU, which ends the worker.
#[cfg(unix)]
fn cpu_budget(seconds: u64) {
    // SAFETY: getrusage and getrlimit write into the structs we own; setrlimit only reads.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return;
        }
        let used = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec).max(0) as u64 + 1;
        let mut limit: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_CPU, &mut limit) != 0 {
            return;
        }
        let mut soft = (used + seconds) as libc::rlim_t;
        if limit.rlim_max != libc::RLIM_INFINITY {
            soft = soft.min(limit.rlim_max);
        }
        limit.rlim_cur = soft;
        libc::setrlimit(libc::RLIMIT_CPU, &limit);
    }
}

#[cfg(not(unix))]
fn cpu_budget(_seconds: u64) {}
