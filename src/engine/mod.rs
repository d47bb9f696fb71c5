//! The engine: runs the pipeline, load → model → link → render → write, for every
//! command that builds. `build`, `check` and the preview (`serve`) read the site through
//! the same [`linked`] and render it through the same loop ([`run`]); they differ only
//! in which pages are rendered and where the files go: the staging folder that
//! replaces the output, nowhere, or memory ([`preview`]). A build takes the pages whose
//! digest did not change from the last output ([`cache`]), as the preview keeps them;
//! the preview also keeps what model and link made of the site when only plans'
//! prose changed ([`patch`]).

pub mod cache;
mod digest;
mod layout;
mod patch;
pub mod preview;
mod run;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostic::Report;
use crate::progress::Progress;
use crate::{link, load, model, render, search, write};
use run::{Job, Sink};

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Take unchanged pages from the last output ([`cache`]); off renders every page.
    /// The cache is written either way, for the next build.
    pub cache: bool,
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    /// Pages taken from the last output instead of rendered.
    pub reused: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    /// Why the build's cache could not be written, if it could not: the site is
    /// published all the same, and the next build renders every page.
    pub cache_warning: Option<String>,
}

/// Everything but writing: every error a build would meet, templates included.
pub fn check(root: &Path, progress: &dyn Progress) -> Result<Summary, Vec<Report>> {
    let started = Instant::now();
    let result = linked(root, progress).and_then(|linked| {
        progress.stage("preparing", 0);
        let routes = Arc::new(layout::Routes::of(&linked));
        whole(&linked, routes, &run::Nowhere, None, None, None, progress)
    });
    progress.finish();
    let ran = result.map_err(sorted)?;
    Ok(Summary {
        pages: ran.pages,
        reused: 0,
        files: ran.files,
        bytes: 0,
        elapsed: started.elapsed(),
        cache_warning: None,
    })
}

/// [`check`] of a site read already: every page and file made, linked and indexed, and
/// nothing kept. Returns the number of pages. For benchmarks of the render alone.
pub fn check_linked(linked: &link::Linked, progress: &dyn Progress) -> Result<usize, Vec<Report>> {
    let routes = Arc::new(layout::Routes::of(linked));
    whole(linked, routes, &run::Nowhere, None, None, None, progress).map(|w| w.pages)
}

/// Builds the site into `options.output`, replacing it only when all went well.
pub fn build(options: &Options, progress: &dyn Progress) -> Result<Summary, Vec<Report>> {
    let started = Instant::now();
    let result = build_inner(options, progress);
    progress.finish();
    let built = result.map_err(sorted)?;
    Ok(Summary {
        pages: built.pages,
        reused: built.reused,
        files: built.written.files,
        bytes: built.written.bytes,
        elapsed: started.elapsed(),
        cache_warning: built.cache_warning,
    })
}

struct Built {
    pages: usize,
    reused: usize,
    written: write::Written,
    cache_warning: Option<String>,
}

fn build_inner(options: &Options, progress: &dyn Progress) -> Result<Built, Vec<Report>> {
    let root = &options.root;
    let (linked, fingerprint) = linked_with_fingerprint(root, progress, None)?;
    progress.stage("preparing", 0);
    let routes = Arc::new(layout::Routes::of(&linked));
    let digest::Digests {
        pages: digests,
        tables,
        rows,
    } = digest::digests(&linked, &routes, &fingerprint);
    let digests = Arc::new(digests);
    let output = std::path::absolute(&options.output).unwrap_or_else(|_| options.output.clone());
    let previous = if options.cache {
        cache::Previous::read(root, &output).map(Arc::new)
    } else {
        None
    };
    let reuse = previous.clone().map(|p| cache::FromLast::new(p, &digests));
    // The search index keeps each page's analysis for the next build.
    let analyses = cache::analyses_file(root, &output);
    let kept = cache::identity(&output).map(|identity| search::Kept {
        digests: Arc::clone(&digests),
        last: previous
            .as_ref()
            .and_then(|_| search::cache::LastAnalyses::read(&analyses, &identity)),
        writer: search::cache::Writer::create(&analyses, &identity),
    });
    // The open data is taken from the last output where its rows did not change.
    let memo = render::Memo::for_build(previous.map(|p| p as Arc<dyn render::Earlier>));
    memo.set_inputs(tables, rows);
    let protected = [
        root.join("content"),
        root.join("themes"),
        root.join("site.yaml"),
    ];
    let protected: Vec<&Path> = protected.iter().map(PathBuf::as_path).collect();
    let mut staging = write::Staging::create(&options.output, &protected)?;
    let reuse = reuse.as_ref().map(|r| r as &dyn run::Reuse);
    let ran = whole(
        &linked,
        routes,
        &staging,
        reuse,
        Some(&memo),
        kept,
        progress,
    )?;
    progress.stage("flushing", 0);
    staging.flush()?;
    progress.stage("publishing", 0);
    // The cache goes before the output it describes, and comes back with the new one.
    cache::forget(root, &output).map_err(|source| {
        vec![Report::new(write::WriteError::Io {
            path: root.join(cache::FOLDER),
            source,
        })]
    })?;
    let written = staging.publish()?;
    let mut files = memo.digests();
    files.extend(ran.chunks);
    let kept = match ran.analyses {
        Some(analyses) => analyses.and_then(search::cache::Written::keep),
        None => Ok(()),
    };
    let cache_warning = kept
        .and_then(|()| cache::write(root, &output, &digests, &ran.ids, &files))
        .err()
        .map(|e| {
            let folder = root.join(cache::FOLDER);
            format!(
                "the build cache in {} could not be written: {e}",
                folder.display()
            )
        });
    Ok(Built {
        pages: ran.pages,
        reused: ran.reused,
        written,
        cache_warning,
    })
}

/// Every page and file of the site, with its search index made as the pages are
/// rendered, handed to `sink`, and every link checked. Pages `reuse` gives are taken
/// as they are instead of rendered.
fn whole(
    linked: &link::Linked,
    routes: Arc<layout::Routes>,
    sink: &dyn Sink,
    reuse: Option<&dyn run::Reuse>,
    memo: Option<&render::Memo>,
    kept: Option<search::Kept>,
    progress: &dyn Progress,
) -> Result<Whole, Vec<Report>> {
    let feed = search::Feed::start(linked, kept)?;
    let others = render::other_files(linked, &routes.pages, memo);
    let layout = layout::Layout::place(routes, &others, &[])?;
    let job = Job {
        linked,
        layout: &layout,
        wanted: None,
        reuse,
        feed: feed.as_ref(),
        kept: None,
    };
    let ran = run::run(&job, others, sink, progress)?;
    let fed = match feed {
        Some(feed) => {
            progress.stage("indexing", 0);
            Some(feed.finish()?)
        }
        None => None,
    };
    let (index, chunks, analyses) = match fed {
        Some(fed) => (fed.files, fed.chunks, fed.analyses),
        None => (Vec::new(), Vec::new(), None),
    };
    // The index's files, and the text chunks written with the pages.
    let later: Vec<&str> = index
        .iter()
        .map(|f| f.path.as_str())
        .chain(chunks.iter().map(|(path, _)| path.as_str()))
        .collect();
    ran.links.finish(reuse, &later)?;
    let files = ran.files + index.len();
    sink.files(index, progress)?;
    Ok(Whole {
        pages: ran.pages,
        reused: ran.reused,
        files,
        ids: ran.ids,
        chunks,
        analyses,
    })
}

/// What a whole run made.
struct Whole {
    pages: usize,
    reused: usize,
    files: usize,
    /// Every page's ids (hashed), by path, for the build cache.
    ids: HashMap<String, std::sync::Arc<[u64]>>,
    /// The search index's text chunks, by path, with the digest the build cache
    /// keeps them by.
    chunks: Vec<(String, u64)>,
    /// The pages' search analyses, to put in place with the output.
    analyses: Option<std::io::Result<search::cache::Written>>,
}

/// Load, model and link: the site, ready to render. The one way every run reads it.
pub fn linked(root: &Path, progress: &dyn Progress) -> Result<link::Linked, Vec<Report>> {
    read(root, progress, None, |_| ()).map(|(linked, ())| linked)
}

/// [`linked`], with the fingerprint of what was read, for the pages' digests. Files
/// whose text `cache` parsed before are not parsed again.
fn linked_with_fingerprint(
    root: &Path,
    progress: &dyn Progress,
    cache: Option<&load::ParseCache>,
) -> Result<(link::Linked, load::Fingerprint), Vec<Report>> {
    read(root, progress, cache, load::Fingerprint::of)
}

fn read<T>(
    root: &Path,
    progress: &dyn Progress,
    cache: Option<&load::ParseCache>,
    of_loaded: impl FnOnce(&load::Loaded) -> T,
) -> Result<(link::Linked, T), Vec<Report>> {
    let (loaded, reports) = load::load_with(root, progress, cache);
    let seen = of_loaded(&loaded);
    Ok((model_and_link(loaded, reports, None, progress)?, seen))
}

/// Model and link of a site read with the load errors `reports`, taking from
/// `earlier`, the same site linked before an edit, what the edit left as it was
/// ([`model::model_after`], [`link::link_after`]).
fn model_and_link(
    loaded: load::Loaded,
    mut reports: Vec<Report>,
    earlier: Option<&link::Linked>,
    progress: &dyn Progress,
) -> Result<link::Linked, Vec<Report>> {
    progress.stage("modelling", 0);
    let site = match model::model_after(loaded, earlier.map(|l| &l.site)) {
        Ok(site) if reports.is_empty() => site,
        Ok(_) => return Err(reports),
        Err(more) => {
            reports.extend(more);
            return Err(reports);
        }
    };
    progress.stage("linking", 0);
    link::link_after(site, earlier)
}

/// Errors in file order, so a run's report reads top to bottom and is the same each time.
fn sorted(mut reports: Vec<Report>) -> Vec<Report> {
    reports.sort_by_cached_key(Report::one_line);
    reports
}
