//! A parallel map that hands results back in input order through a bounded window.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex};

struct Shared<R> {
    next_index: usize,
    exhausted: bool,
    next_emit: usize,
    done: BTreeMap<usize, R>,
    panicked: bool,
}

/// Maps `work` over `items` on `jobs` threads and calls `emit` with the results in input
/// order. At most `window` results wait for an earlier one, so a slow file holds back memory
/// for at most `window` reports, not for the whole run. One job runs on the calling thread:
/// a worker would only hand each result back to it (and a run of one resume would start a
/// thread to wait for it).
pub fn map_ordered<T, R, I, W, E>(items: I, jobs: usize, window: usize, work: W, mut emit: E)
where
    I: Iterator<Item = T> + Send,
    T: Send,
    R: Send,
    W: Fn(T) -> R + Sync,
    E: FnMut(R) -> bool,
{
    if jobs <= 1 {
        for item in items {
            if !emit(work(item)) {
                break;
            }
        }
        return;
    }
    let window = window.max(jobs).max(1);
    // The source has a lock of its own: pulling an item can block (a stdin line not yet
    // written), and it must not hold up the writer of results that are already done.
    let source = Mutex::new(items);
    let shared: Mutex<Shared<R>> =
        Mutex::new(Shared { next_index: 0, exhausted: false, next_emit: 0, done: BTreeMap::new(), panicked: false });
    let changed = Condvar::new();
    let lock = || shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| loop {
                {
                    let mut s = lock();
                    while !s.exhausted && !s.panicked && s.next_index >= s.next_emit + window {
                        s = changed.wait(s).unwrap_or_else(|p| p.into_inner());
                    }
                    if s.exhausted || s.panicked {
                        return;
                    }
                }
                let (index, item) = {
                    let mut items = source.lock().unwrap_or_else(|p| p.into_inner());
                    if lock().exhausted {
                        return;
                    }
                    let next = items.next();
                    // Indexes are given out under the source's lock, so they follow its order.
                    let mut s = lock();
                    match next {
                        Some(item) => {
                            s.next_index += 1;
                            (s.next_index - 1, item)
                        }
                        None => {
                            s.exhausted = true;
                            changed.notify_all();
                            return;
                        }
                    }
                };
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(item)));
                let mut s = lock();
                match result {
                    Ok(r) => {
                        s.done.insert(index, r);
                    }
                    Err(_) => s.panicked = true,
                }
                changed.notify_all();
            });
        }
        // The calling thread writes results in order as they become ready.
        loop {
            let ready = {
                let mut s = lock();
                loop {
                    let next = s.next_emit;
                    if let Some(r) = s.done.remove(&next) {
                        s.next_emit += 1;
                        changed.notify_all();
                        break Some(r);
                    }
                    if s.panicked || (s.exhausted && s.next_emit >= s.next_index) {
                        break None;
                    }
                    s = changed.wait(s).unwrap_or_else(|p| p.into_inner());
                }
            };
            match ready {
                Some(r) => {
                    if !emit(r) {
                        // The reader went away (a closed pipe): stop handing out work.
                        let mut s = lock();
                        s.exhausted = true;
                        changed.notify_all();
                        break;
                    }
                }
                None => break,
            }
        }
    });
    if lock().panicked {
        // A bug, not bad input: the pipeline turns every input problem into an error value.
        panic!("a batch worker panicked");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_job_runs_on_the_calling_thread_in_order_and_stops_when_told() {
        let caller = std::thread::current().id();
        let mut out = Vec::new();
        map_ordered(
            0..10u64,
            1,
            4,
            |i| {
                assert_eq!(std::thread::current().id(), caller);
                i * 2
            },
            |r| {
                out.push(r);
                r < 6
            },
        );
        assert_eq!(out, [0, 2, 4, 6]);
    }

    #[test]
    fn results_come_back_in_input_order_whatever_the_timing() {
        let items = (0..200u64).collect::<Vec<_>>();
        let mut out = Vec::new();
        map_ordered(
            items.clone().into_iter(),
            4,
            8,
            |i| {
                // Later items finish first.
                std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                i * 2
            },
            |r| {
                out.push(r);
                true
            },
        );
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_result_is_emitted_while_the_source_waits_for_its_next_item() {
        // Like stdin: the second item only comes after the first result is out. Were the
        // source pulled under the results' lock, the first result would wait for the
        // second item, which waits for it.
        let (send, receive) = std::sync::mpsc::channel::<()>();
        let mut given = 0;
        let waited_in_vain = std::sync::atomic::AtomicBool::new(false);
        let flag = &waited_in_vain;
        let source = std::iter::from_fn(move || {
            given += 1;
            match given {
                1 => Some(1),
                2 => {
                    if receive.recv_timeout(std::time::Duration::from_secs(20)).is_err() {
                        flag.store(true, std::sync::atomic::Ordering::SeqCst);
                    }
                    Some(2)
                }
                _ => None,
            }
        });
        let mut out = Vec::new();
        map_ordered(
            source,
            1,
            4,
            |i| i * 10,
            |r| {
                out.push(r);
                let _ = send.send(());
                true
            },
        );
        assert_eq!(out, vec![10, 20]);
        assert!(!waited_in_vain.load(std::sync::atomic::Ordering::SeqCst), "the first result was held back");
    }

    #[test]
    fn emit_returning_false_stops_the_run() {
        let mut seen = 0;
        map_ordered(
            0..10_000u32,
            2,
            4,
            |i| i,
            |_| {
                seen += 1;
                seen < 5
            },
        );
        assert_eq!(seen, 5);
    }
}
