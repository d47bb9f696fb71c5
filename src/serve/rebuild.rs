//! Watching the site's folders and building again after each save. Saves arrive in
//! bursts (an editor writes a temporary file, renames it, touches the folder); the
//! debouncer turns a burst into one batch, and each batch is one build.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use tokio::sync::watch;

use super::ServeError;
use super::indexing;
use super::status::Status;
use crate::diagnostic::{Report, to_terminal};
use crate::engine::preview::{Preview, differs};
use crate::progress::{Bar, Progress, Quiet, Timed};

/// Long enough to join an editor's save into one batch, short enough to feel instant.
const DEBOUNCE: Duration = Duration::from_millis(80);

pub type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Builds once, publishes the result, and returns the status it published.
pub fn first_build(preview: &mut Preview, color: bool) -> Status {
    let mut status = Status::default();
    let bar = Bar::stderr();
    let result = preview.build(&bar);
    bar.finish();
    publish(result, &mut status, color, &[]);
    status
}

/// Starts watching `root`; every batch of changes builds again on a thread of its
/// own and replaces the status. Dropping the returned watcher stops both.
pub fn watch(
    root: &Path,
    mut preview: Preview,
    status: watch::Sender<Status>,
    color: bool,
    timings: bool,
) -> Result<Watcher, ServeError> {
    let (tx, rx) = mpsc::channel::<Message>();
    let saves = tx.clone();
    // Batches of saves sent and not yet taken: the site-wide open data, made after a
    // build, gives way to them.
    let queued = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&queued);
    let watch_error = |source| ServeError::Watch {
        path: root.to_path_buf(),
        source,
    };
    let site = root.to_path_buf();
    let mut watcher = new_debouncer(DEBOUNCE, None, move |batch: DebounceEventResult| {
        // Changes the watcher may have missed: the content folder is walked again.
        let missed = || vec!["content".to_string()];
        let paths = match batch {
            Ok(events) if events.iter().any(|e| e.need_rescan()) => missed(),
            Ok(events) => relevant(
                &site,
                events
                    .iter()
                    .filter(|e| is_change(&e.kind))
                    .flat_map(|e| e.paths.iter()),
            ),
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: watching the site: {e}");
                }
                missed()
            }
        };
        if !paths.is_empty() {
            counted.fetch_add(1, Ordering::SeqCst);
            let _ = saves.send(Message::Saved(paths));
        }
    })
    .map_err(watch_error)?;
    // The root itself only for site.yaml: watching the file alone would lose it when
    // an editor saves by renaming a new file over it.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(watch_error)?;
    for dir in ["content", "themes"] {
        let dir = root.join(dir);
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(watch_error)?;
        }
    }
    let indexed = tx;
    let jobs = indexing::start(move |done| {
        let _ = indexed.send(Message::Indexed(done));
    });
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        while let Ok(message) = rx.recv() {
            let paths = match message {
                Message::Saved(paths) => {
                    queued.fetch_sub(1, Ordering::SeqCst);
                    paths
                }
                Message::Indexed(done) => {
                    apply_index(&mut preview, done, &status, color);
                    continue;
                }
            };
            let mut next = status.borrow().clone();
            let timed = Timed::new(&Quiet);
            let changed: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
            let result = preview.build_after(&changed, &timed);
            if timings {
                eprintln!("timings: {}", timed.summary());
            }
            publish(result, &mut next, color, &paths);
            status.send_replace(next);
            // The edited pages are served; the index follows on its own thread.
            if let Some(job) = preview.index_job() {
                let _ = jobs.send(job);
            }
            catch_up(&mut preview, &queued, &status, color);
        }
    });
    Ok(watcher)
}

/// What the preview's thread hears: a batch of saves, or a finished index update.
enum Message {
    /// The site's files a batch of saves changed, relative to its folder.
    Saved(Vec<String>),
    Indexed(indexing::Done),
}

/// Makes the site-wide open data a value edit left out of date, until another save
/// waits, and serves it with the last good build's pages.
fn catch_up(
    preview: &mut Preview,
    queued: &AtomicUsize,
    status: &watch::Sender<Status>,
    color: bool,
) {
    if !preview.behind() {
        return;
    }
    let started = std::time::Instant::now();
    match preview.catch_up(&|| queued.load(Ordering::SeqCst) > 0) {
        Ok(Some(files)) => {
            status.send_if_modified(|s| {
                s.files = Some(files);
                false
            });
            let rest = if preview.behind() {
                "; the rest after the next build"
            } else {
                ""
            };
            println!(
                "open data of every plan updated in {} ms{rest}",
                started.elapsed().as_millis()
            );
        }
        Ok(None) => {}
        Err(reports) => {
            eprint!("{}", to_terminal(&reports, color));
            eprintln!("the open data of every plan failed; it is served as the last build made it");
        }
    }
}

/// Serves a finished index update with the last good build's pages. Those pages have
/// not changed, so open pages are not reloaded.
fn apply_index(
    preview: &mut Preview,
    done: indexing::Done,
    status: &watch::Sender<Status>,
    color: bool,
) {
    match done {
        Ok(index) => {
            let elapsed = index.elapsed;
            if let Some(files) = preview.apply(index) {
                status.send_if_modified(|s| {
                    s.files = Some(files);
                    false
                });
                println!("search index updated in {} ms", elapsed.as_millis());
            }
        }
        Err(reports) => {
            eprint!("{}", to_terminal(&reports, color));
            eprintln!("search index failed; search still finds the text of the build before");
        }
    }
}

/// Whether an event can change what a build reads. The build itself opens and reads
/// every file, which the system reports too; those must not start another build.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any | EventKind::Other => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) => false,
    }
}

/// The changed paths that are part of the site, relative to `root`, in order.
fn relevant<'a>(root: &Path, paths: impl Iterator<Item = &'a PathBuf>) -> Vec<String> {
    let mut out: Vec<String> = paths
        .filter_map(|p| p.strip_prefix(root).ok())
        .filter(|rel| {
            *rel == Path::new("site.yaml")
                || rel.starts_with("content")
                || rel.starts_with("themes")
        })
        .map(|rel| rel.display().to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Turns a build's result into the next status and tells the terminal.
fn publish(
    result: Result<crate::engine::preview::Outcome, Vec<Report>>,
    status: &mut Status,
    color: bool,
    paths: &[String],
) {
    let cause = match paths {
        [] => String::new(),
        [one] => format!(" after a change to {one}"),
        [one, rest @ ..] => format!(" after changes to {one} and {} more", rest.len()),
    };
    match result {
        Ok(outcome) => {
            let changed = status
                .files
                .as_ref()
                .is_none_or(|before| differs(before, &outcome.files));
            let follows = if outcome.behind.is_empty() {
                ""
            } else {
                "; the open data of every plan follows"
            };
            println!(
                "built {} of {} pages in {} ms{cause}{follows}",
                outcome.rendered,
                outcome.pages,
                outcome.elapsed.as_millis()
            );
            if changed || status.prefix != outcome.site_path {
                status.generation += 1;
                status.files = Some(outcome.files);
                status.prefix = outcome.site_path;
            }
            status.errors = Arc::new(Vec::new());
        }
        Err(reports) => {
            eprint!("{}", to_terminal(&reports, color));
            let n = reports.len();
            eprintln!(
                "build failed{cause}: {n} error{}; still serving the last good site",
                if n == 1 { "" } else { "s" }
            );
            status.errors = Arc::new(reports.iter().map(Report::plain).collect());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_site_s_own_files() {
        let root = Path::new("/site");
        let paths: Vec<PathBuf> = [
            "/site/content/plans/a/index.md",
            "/site/site.yaml",
            "/site/output/index.html",
            "/site/themes/default/static/style.css",
            "/site/content/plans/a/index.md",
            "/elsewhere/site.yaml",
            "/site/.git/index",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(
            relevant(root, paths.iter()),
            [
                "content/plans/a/index.md",
                "site.yaml",
                "themes/default/static/style.css"
            ]
        );
    }
}
