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

/// Another progress that also notes when each stage starts, for `--timings`: where a
/// build's time goes, stage by stage, on the machine it runs on.
pub struct Timed<'a> {
    inner: &'a dyn Progress,
    stages: std::sync::Mutex<Vec<(&'static str, Instant)>>,
}

impl<'a> Timed<'a> {
    pub fn new(inner: &'a dyn Progress) -> Self {
        Timed {
            inner,
            stages: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Each stage and how long it took, until now; a stage named twice in a row (the
    /// search index is announced before and as it runs) counts once.
    pub fn stages(&self) -> Vec<(&'static str, Duration)> {
        let now = Instant::now();
        let stages = self
            .stages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut out: Vec<(&'static str, Duration)> = Vec::new();
        for (i, &(name, started)) in stages.iter().enumerate() {
            let ended = stages.get(i + 1).map_or(now, |&(_, t)| t);
            match out.last_mut() {
                Some((last, took)) if *last == name => *took += ended - started,
                _ => out.push((name, ended - started)),
            }
        }
        out
    }

    /// `reading 1.20 s, modelling 0.31 s, …`: each stage and how long it took.
    pub fn summary(&self) -> String {
        let stages: Vec<String> = self
            .stages()
            .iter()
            .map(|(name, took)| format!("{name} {:.3} s", took.as_secs_f64()))
            .collect();
        stages.join(", ")
    }
}

impl Progress for Timed<'_> {
    fn stage(&self, name: &'static str, total: usize) {
        self.stages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((name, Instant::now()));
        self.inner.stage(name, total);
    }

    fn advance(&self, n: usize) {
        self.inner.advance(n);
    }

    fn finish(&self) {
        self.inner.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timed_stages_are_in_order_and_a_repeated_stage_counts_once() {
        let timed = Timed::new(&Quiet);
        timed.stage("reading", 3);
        timed.stage("linking", 0);
        timed.stage("indexing", 0);
        timed.stage("indexing", 5);
        let names: Vec<&str> = timed.stages().iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["reading", "linking", "indexing"]);
    }
}
