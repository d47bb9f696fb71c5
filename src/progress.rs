//! Progress of a build, for long builds in a terminal. The pipeline's stages say how
//! much work they have and when a piece is done; [`Bar`] draws that on a terminal and
//! [`Quiet`] ignores it (tests, pipes, the preview's rebuilds).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub trait Progress: Sync {
    /// A stage starts with `total` pieces of work.
    fn stage(&self, _name: &'static str, _total: usize) {}
    /// `n` more pieces are done.
    fn advance(&self, _n: usize) {}
    /// The build is over; whatever was drawn goes away before the summary is printed.
    fn finish(&self) {}
}

pub struct Quiet;

impl Progress for Quiet {}

/// A progress bar on standard error, drawn only when that is a terminal and only
/// once a build has taken long enough to be worth watching, so short builds print
/// just their summary.
pub struct Bar {
    bar: ProgressBar,
    started: Instant,
    shown: AtomicBool,
}

const SHOW_AFTER: Duration = Duration::from_millis(300);

impl Bar {
    pub fn stderr() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template("{prefix:>9} [{bar:32}] {pos}/{len} {elapsed}")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Bar {
            bar,
            started: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    fn show_when_slow(&self) {
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= SHOW_AFTER
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            // Hidden by indicatif itself when standard error is not a terminal.
            self.bar
                .set_draw_target(ProgressDrawTarget::stderr_with_hz(10));
        }
    }
}

impl Progress for Bar {
    fn stage(&self, name: &'static str, total: usize) {
        self.bar.set_prefix(name);
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
        self.show_when_slow();
    }

    fn advance(&self, n: usize) {
        self.bar.inc(n as u64);
        self.show_when_slow();
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
