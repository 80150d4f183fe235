//! The time limit of one resume (`--timeout`), checked cooperatively.
//!
//! Each resume runs on one thread from start to end (PDF extraction, the one step that can
//! hang inside a library, runs in a child process with its own limit). When the pipeline
//! starts a resume it sets a deadline for the current thread; the long loops of the stages
//! (one line of text, one XML event batch) call [`expired`] and stop early once it has
//! passed, and the pipeline checks it between stages and turns a passed deadline into a
//! `took longer than N s` error. Nothing else reads the partial results.
//!
//! Why not run the analysis on a thread and abandon it at the limit: an abandoned thread
//! keeps its CPU and memory until it ends by itself, so a batch of many slow files would
//! pile them up without bound. A cooperative check has no such leak, and because every
//! loop body is bounded (lines are cut at `ingest::MAX_LINE_BYTES`, per-line work is
//! bounded by the line's length) the time past the limit is small.

use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Whether the current thread's deadline has passed. `false` when none is set (library
/// callers that did not ask for a limit).
pub fn expired() -> bool {
    DEADLINE.with(|d| d.get()).is_some_and(|at| Instant::now() >= at)
}

/// The time left before the current thread's deadline: `None` when none is set, zero once
/// it has passed. A wait inside a stage (the PDF worker's answer) waits no longer than this.
pub fn remaining() -> Option<Duration> {
    DEADLINE.with(|d| d.get()).map(|at| at.saturating_duration_since(Instant::now()))
}

/// Sets the current thread's deadline for as long as the guard lives; the previous one
/// comes back when it is dropped.
pub struct Guard {
    previous: Option<Instant>,
}

impl Guard {
    /// `None` sets no limit.
    pub fn start(limit: Option<Duration>) -> Guard {
        Guard::until(limit.and_then(|l| Instant::now().checked_add(l)))
    }

    /// A deadline at a given instant (an HTTP request's, set before its body arrived);
    /// `None` sets no limit.
    pub fn until(at: Option<Instant>) -> Guard {
        Guard { previous: DEADLINE.with(|d| d.replace(at)) }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(self.previous));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_passes_and_is_cleared_with_its_guard() {
        assert!(!expired());
        assert_eq!(remaining(), None);
        {
            let _guard = Guard::start(Some(Duration::ZERO));
            assert!(expired());
            assert_eq!(remaining(), Some(Duration::ZERO));
            {
                let _inner = Guard::start(Some(Duration::from_secs(3600)));
                assert!(!expired());
                assert!(remaining().is_some_and(|left| left > Duration::from_secs(3500)));
            }
            assert!(expired());
        }
        assert!(!expired());
        let _none = Guard::start(None);
        assert!(!expired());
    }
}
