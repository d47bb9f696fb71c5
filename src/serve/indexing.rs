//! The preview's search index, updated on a thread of its own so that a save never
//! waits for it: each good build sends a job, the thread runs only the newest job
//! waiting (several saves in a row make one update), at a lower priority than the
//! builds, on a thread pool of its own so a build's pages are never queued behind it.

use std::sync::mpsc::{Receiver, Sender, channel};

use crate::diagnostic::Report;
use crate::engine::preview::{IndexFiles, IndexJob};
use crate::progress::Quiet;

/// A finished update, for the thread that owns the preview.
pub type Done = Result<IndexFiles, Vec<Report>>;

/// Starts the thread; jobs go in the returned sender, results come out through
/// `done`. The thread ends when the sender is dropped.
pub fn start(done: impl Fn(Done) + Send + 'static) -> Sender<IndexJob> {
    let (jobs, queue) = channel::<IndexJob>();
    std::thread::spawn(move || work(&queue, &done));
    jobs
}

fn work(queue: &Receiver<IndexJob>, done: &dyn Fn(Done)) {
    lower_priority();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .thread_name(|i| format!("planpub-index-{i}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok();
    while let Ok(mut job) = queue.recv() {
        // Only the newest build matters: the others' pages are gone already.
        while let Ok(newer) = queue.try_recv() {
            job = newer;
        }
        let result = match &pool {
            Some(pool) => pool.install(|| job.run(&Quiet)),
            None => job.run(&Quiet),
        };
        done(result);
    }
}

/// Makes the calling thread yield to the builds when both want the processor.
#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: gettid and setpriority only read their arguments; a failure leaves the
    // thread at its priority, which is harmless.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 10);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}
