//! The engine: runs the pipeline, load → model → link → render → write, for every
//! command that builds. `build`, `check` and the preview (`serve`) read the site through
//! the same [`linked`] and render it through the same loop ([`run`]); they differ only
//! in which pages are rendered and where the files go: the staging folder that
//! replaces the output, nowhere, or memory ([`preview`]).

pub mod preview;
mod run;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::Report;
use crate::progress::Progress;
use crate::{link, load, model, search, write};
use run::{Job, Sink};

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub output: PathBuf,
}

#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// Everything but writing: every error a build would meet, templates included.
pub fn check(root: &Path, progress: &dyn Progress) -> Result<Summary, Vec<Report>> {
    let started = Instant::now();
    let result = linked(root, progress).and_then(|linked| whole(&linked, &run::Nowhere, progress));
    progress.finish();
    let ran = result.map_err(sorted)?;
    Ok(Summary {
        pages: ran.pages,
        files: ran.files,
        bytes: 0,
        elapsed: started.elapsed(),
    })
}

/// [`check`] of a site read already: every page and file made, linked and indexed, and
/// nothing kept. Returns the number of pages. For benchmarks of the render alone.
pub fn check_linked(linked: &link::Linked, progress: &dyn Progress) -> Result<usize, Vec<Report>> {
    whole(linked, &run::Nowhere, progress).map(|w| w.pages)
}

/// Builds the site into `options.output`, replacing it only when all went well.
pub fn build(options: &Options, progress: &dyn Progress) -> Result<Summary, Vec<Report>> {
    let started = Instant::now();
    let result = build_inner(options, progress);
    progress.finish();
    let (pages, written) = result.map_err(sorted)?;
    Ok(Summary {
        pages,
        files: written.files,
        bytes: written.bytes,
        elapsed: started.elapsed(),
    })
}

fn build_inner(
    options: &Options,
    progress: &dyn Progress,
) -> Result<(usize, write::Written), Vec<Report>> {
    let linked = linked(&options.root, progress)?;
    let protected = [
        options.root.join("content"),
        options.root.join("themes"),
        options.root.join("site.yaml"),
    ];
    let protected: Vec<&Path> = protected.iter().map(PathBuf::as_path).collect();
    let staging = write::Staging::create(&options.output, &protected)?;
    let ran = whole(&linked, &staging, progress)?;
    progress.stage("publishing", 0);
    Ok((ran.pages, staging.publish()?))
}

/// Every page and file of the site, with its search index made as the pages are
/// rendered, handed to `sink`, and every link checked.
fn whole(
    linked: &link::Linked,
    sink: &dyn Sink,
    progress: &dyn Progress,
) -> Result<Whole, Vec<Report>> {
    let feed = search::Feed::start(linked)?;
    let job = Job {
        linked,
        wanted: None,
        feed: feed.as_ref(),
        extra: &[],
        kept: None,
    };
    let ran = run::run(&job, sink, progress)?;
    let index = match feed {
        Some(feed) => {
            progress.stage("indexing", 0);
            feed.finish()?
        }
        None => Vec::new(),
    };
    ran.checker.finish(index.iter().map(|f| f.path.as_str()))?;
    let files = ran.files + index.len();
    sink.files(index, progress)?;
    Ok(Whole {
        pages: ran.pages,
        files,
    })
}

/// What a whole run made.
struct Whole {
    pages: usize,
    files: usize,
}

/// Load, model and link: the site, ready to render. The one way every run reads it.
pub fn linked(root: &Path, progress: &dyn Progress) -> Result<link::Linked, Vec<Report>> {
    read(root, progress, |_| ()).map(|(linked, ())| linked)
}

/// [`linked`], with the fingerprint of what was read, for the preview to compare
/// with its last build's.
fn linked_with_fingerprint(
    root: &Path,
    progress: &dyn Progress,
) -> Result<(link::Linked, load::Fingerprint), Vec<Report>> {
    read(root, progress, load::Fingerprint::of)
}

fn read<T>(
    root: &Path,
    progress: &dyn Progress,
    of_loaded: impl FnOnce(&load::Loaded) -> T,
) -> Result<(link::Linked, T), Vec<Report>> {
    let (loaded, mut reports) = load::load(root, progress);
    let seen = of_loaded(&loaded);
    progress.stage("modelling", 0);
    let site = match model::model(loaded) {
        Ok(site) if reports.is_empty() => site,
        Ok(_) => return Err(reports),
        Err(more) => {
            reports.extend(more);
            return Err(reports);
        }
    };
    progress.stage("linking", 0);
    Ok((link::link(site)?, seen))
}

/// Errors in file order, so a run's report reads top to bottom and is the same each time.
fn sorted(mut reports: Vec<Report>) -> Vec<Report> {
    reports.sort_by_cached_key(Report::one_line);
    reports
}
