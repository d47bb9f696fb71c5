//! Runs the pipeline: load → model → link → render → write, and reports what it did.

pub mod incremental;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::Report;
use crate::progress::Progress;
use crate::{check, link, load, model, render, search, write};

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
    let rendered = render_site(root, progress);
    progress.finish();
    let rendered = rendered?;
    Ok(Summary {
        pages: rendered.pages,
        files: rendered.files.len(),
        bytes: 0,
        elapsed: started.elapsed(),
    })
}

/// Builds the site into `options.output`, replacing it only when all went well.
pub fn build(options: &Options, progress: &dyn Progress) -> Result<Summary, Vec<Report>> {
    let started = Instant::now();
    let result = build_inner(options, progress, started);
    progress.finish();
    result
}

fn build_inner(
    options: &Options,
    progress: &dyn Progress,
    started: Instant,
) -> Result<Summary, Vec<Report>> {
    let rendered = render_site(&options.root, progress)?;
    let protected = [
        options.root.join("content"),
        options.root.join("themes"),
        options.root.join("site.yaml"),
    ];
    let protected: Vec<&Path> = protected.iter().map(PathBuf::as_path).collect();
    let written = write::write(&rendered, &options.output, &protected, progress)?;
    Ok(Summary {
        pages: rendered.pages,
        files: written.files,
        bytes: written.bytes,
        elapsed: started.elapsed(),
    })
}

fn render_site(root: &Path, progress: &dyn Progress) -> Result<render::Rendered, Vec<Report>> {
    let (loaded, mut reports) = load::load(root, progress);
    let site = match model::model(loaded) {
        Ok(site) if reports.is_empty() => site,
        Ok(_) => return Err(sorted(reports)),
        Err(more) => {
            reports.extend(more);
            return Err(sorted(reports));
        }
    };
    let linked = link::link(site).map_err(sorted)?;
    let mut rendered = render::render(&linked, progress).map_err(sorted)?;
    add_search_index(&linked, &mut rendered, progress)?;
    check::links(
        &rendered.files,
        &render::site_path(&linked.site.config.base_url),
        progress,
    )?;
    Ok(rendered)
}

/// Indexes the rendered pages and adds the index to the site's files, in path order.
fn add_search_index(
    linked: &link::Linked,
    rendered: &mut render::Rendered,
    progress: &dyn Progress,
) -> Result<(), Vec<Report>> {
    let files = &rendered.files;
    let index = search::site(
        linked,
        |path| {
            let i = files.binary_search_by(|f| f.path.as_str().cmp(path)).ok()?;
            match &files[i].contents {
                render::Contents::Bytes(b) => Some(b.as_slice()),
                render::Contents::Copy(_) => None,
            }
        },
        progress,
    )?;
    rendered.files.extend(index);
    rendered.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(())
}

/// Errors in file order, so a run's report reads top to bottom and is the same each time.
fn sorted(mut reports: Vec<Report>) -> Vec<Report> {
    reports.sort_by_cached_key(Report::one_line);
    reports
}
