//! Runs the pipeline: load → model → link → render → write, and reports what it did.

pub mod incremental;
mod stream;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::Report;
use crate::progress::Progress;
use crate::{link, load, model, write};

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
    let result = linked(root, progress).and_then(|linked| stream::build(&linked, None, progress));
    progress.finish();
    let streamed = result.map_err(sorted)?;
    Ok(Summary {
        pages: streamed.pages,
        files: streamed.files,
        bytes: 0,
        elapsed: started.elapsed(),
    })
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
    let streamed = stream::build(&linked, Some(&staging), progress)?;
    Ok((streamed.pages, staging.publish()?))
}

/// Load, model and link: the site, ready to render.
fn linked(root: &Path, progress: &dyn Progress) -> Result<link::Linked, Vec<Report>> {
    let (loaded, mut reports) = load::load(root, progress);
    let site = match model::model(loaded) {
        Ok(site) if reports.is_empty() => site,
        Ok(_) => return Err(reports),
        Err(more) => {
            reports.extend(more);
            return Err(reports);
        }
    };
    link::link(site)
}

/// Errors in file order, so a run's report reads top to bottom and is the same each time.
fn sorted(mut reports: Vec<Report>) -> Vec<Report> {
    reports.sort_by_cached_key(Report::one_line);
    reports
}
