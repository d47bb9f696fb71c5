//! The one render loop of every run: `build`, `check` and the preview's builds differ
//! only in which pages they render and where the files go ([`Sink`]).
//!
//! Every file of the site is placed first ([`Layout`]), so that a path given twice is
//! found before anything is written and the link check knows every file before the
//! first page. Pages are then rendered a chunk at a time; each is checked for broken links, handed
//! to the search index if the run feeds one, and given to the sink, then dropped. So a
//! run holds one chunk of pages, not the whole site: at 30,000 plans the pages are
//! gigabytes.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use super::cache::Reused;
use super::layout::Layout;
use crate::check::{Checker, Kept, PageScan};
use crate::diagnostic::Report;
use crate::link::Linked;
use crate::progress::Progress;
use crate::render::urls::Route;
use crate::render::{self, Contents, OutputFile, Page, PageRenderer, Planned, Taken};
use crate::search;
use crate::write::{Staging, WriteError};

/// Pages rendered before any is handed on. Enough to keep both cores busy; small
/// enough that a chunk of the largest pages stays in the tens of megabytes.
const CHUNK: usize = 512;

/// Where a run's files go.
pub trait Sink: Sync {
    /// A page or another file made in memory.
    fn bytes(&self, path: &str, bytes: Vec<u8>) -> Result<(), Report>;
    /// Files that are not pages (open data, styles, copied assets), all at once.
    fn files(&self, files: Vec<OutputFile>, progress: &dyn Progress) -> Result<(), Vec<Report>>;
    /// A file of the last build's output, put at `path`.
    fn taken(&self, path: &str, file: &Taken) -> Result<(), Report> {
        self.bytes(path, read(&file.from)?)
    }
}

/// The bytes of a page of the last output.
fn read(from: &std::path::Path) -> Result<Vec<u8>, Report> {
    std::fs::read(from).map_err(|source| {
        Report::new(WriteError::Read {
            path: from.to_path_buf(),
            source,
        })
    })
}

/// `planpub build`: the staging folder, published when the run is over.
impl Sink for Staging {
    fn bytes(&self, path: &str, bytes: Vec<u8>) -> Result<(), Report> {
        self.write_bytes(path, &bytes)
    }

    fn files(&self, files: Vec<OutputFile>, progress: &dyn Progress) -> Result<(), Vec<Report>> {
        self.write_all(&files, progress)
    }

    fn taken(&self, path: &str, file: &Taken) -> Result<(), Report> {
        self.take(path, file)
    }
}

/// `planpub check`: everything is made and checked, nothing is kept.
pub struct Nowhere;

impl Sink for Nowhere {
    fn bytes(&self, _: &str, _: Vec<u8>) -> Result<(), Report> {
        Ok(())
    }

    fn files(&self, _: Vec<OutputFile>, _: &dyn Progress) -> Result<(), Vec<Report>> {
        Ok(())
    }
}

/// The preview: files kept in memory, for the preview to serve.
#[derive(Default)]
pub struct Memory(Mutex<Vec<OutputFile>>);

impl Memory {
    pub fn into_files(self) -> Vec<OutputFile> {
        self.0.into_inner().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, files: impl IntoIterator<Item = OutputFile>) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(files);
    }
}

impl Sink for Memory {
    fn bytes(&self, path: &str, bytes: Vec<u8>) -> Result<(), Report> {
        self.push([OutputFile {
            path: path.to_string(),
            contents: Contents::Bytes(bytes),
        }]);
        Ok(())
    }

    fn files(&self, files: Vec<OutputFile>, _: &dyn Progress) -> Result<(), Vec<Report>> {
        self.push(files);
        Ok(())
    }
}

/// The last build's output, where a build may take pages instead of rendering them
/// ([`super::cache`]).
pub trait Reuse: Sync {
    /// The page at `path` as the last build made it, if it is still good.
    fn page(&self, path: &str) -> Option<Reused>;
    /// Whether the links of the pages taken unread still hold, in a site that has
    /// the files `in_site` says it has and whose pages rendered again have the ids
    /// (hashed) `rendered`.
    fn links_hold(&self, in_site: &dyn Fn(&str) -> bool, rendered: &[(&str, &[u64])]) -> bool;
    /// Another file of the last output, made with a page (its text chunks for search
    /// excerpts), if it was made from what `digest` says and is still good.
    fn file(&self, path: &str, digest: u64) -> Option<Taken>;
}

/// What a run is asked to do.
pub struct Job<'a> {
    pub linked: &'a Linked,
    /// Where every file goes ([`Layout::place`]).
    pub layout: &'a Layout,
    /// The pages to render, by path; `None` renders every page. Pages not rendered keep their
    /// files from an earlier run, which the caller holds.
    pub wanted: Option<&'a HashSet<String>>,
    /// Where a page may be taken from instead of rendered: the last build's output.
    pub reuse: Option<&'a dyn Reuse>,
    /// Fed with every rendered page when the run makes the search index as it goes.
    pub feed: Option<&'a search::Feed>,
    /// The link check's scans of an earlier run, for the pages not rendered again.
    pub kept: Option<&'a Kept>,
}

/// What a run made. Its link check is finished by the caller, once the files made
/// after the pages (the search index) are known.
pub struct Ran {
    /// Pages of the site.
    pub pages: usize,
    /// Pages rendered by this run.
    pub rendered: usize,
    /// Pages taken from an earlier build's output ([`Job::reuse`]) instead.
    pub reused: usize,
    /// Files handed to the sink, pages included.
    pub files: usize,
    /// Each page's ids (hashed), by path, for the build cache.
    pub ids: HashMap<String, Arc<[u64]>>,
    pub links: Links,
}

/// The link check of a run, finished once the files made after the pages (the search
/// index) are known.
pub struct Links {
    checker: Checker,
    /// Pages taken from the last output and not read: their paths and files.
    unread: Vec<(String, std::path::PathBuf)>,
    /// Pages rendered again, with their ids (hashed).
    rendered: Vec<(String, Arc<[u64]>)>,
}

impl Links {
    /// Finishes the check. The links of the pages taken unread held in the last
    /// build; they are read and checked only when those links could have changed
    /// meaning ([`Reuse::links_hold`]), in a site that has `later` as well.
    pub fn finish(
        mut self,
        reuse: Option<&dyn Reuse>,
        later: &[&str],
    ) -> Result<Kept, Vec<Report>> {
        if let Some(reuse) = reuse
            && !self.unread.is_empty()
        {
            let made: HashSet<&str> = later.iter().copied().collect();
            let rendered: Vec<(&str, &[u64])> = self
                .rendered
                .iter()
                .map(|(p, i)| (p.as_str(), &i[..]))
                .collect();
            let checker = &self.checker;
            if !reuse.links_hold(
                &|path| checker.knows(path) || made.contains(path),
                &rendered,
            ) {
                for chunk in self.unread.chunks(CHUNK) {
                    let scans: Vec<Result<PageScan, Report>> = chunk
                        .par_iter()
                        .map(|(path, from)| Ok(self.checker.scan(path, &read(from)?)))
                        .collect();
                    for scan in scans {
                        self.checker.add(scan.map_err(|e| vec![e])?);
                    }
                }
            }
        }
        self.checker.finish(later.iter().copied())
    }
}

/// Renders the pages `job` asks for and makes the files of `others`, placed by
/// `job.layout`.
pub fn run(
    job: &Job,
    others: Vec<Planned>,
    sink: &dyn Sink,
    progress: &dyn Progress,
) -> Result<Ran, Vec<Report>> {
    let linked = job.linked;
    progress.stage("preparing", 0);
    let renderer = PageRenderer::new(linked)?;
    let site_path = render::site_path(&linked.site.config.base_url);
    // The index's files are made last; the search page links to its scripts.
    let mut checker = Checker::over(Arc::clone(job.layout.files()), &site_path)
        .later(&format!("{}/", search::FOLDER));
    if job.kept.is_some() {
        checker = checker.keeping();
    }
    let wanted = |route: &Route| job.wanted.is_none_or(|w| w.contains(&route.file));
    let chosen: Vec<(Page, &Route)> = job
        .layout
        .pages()
        .filter(|(_, route)| wanted(route))
        .collect();
    let mut files = others.len();
    progress.stage("building", chosen.len() + others.len());
    // The open data goes first: at scale it is gigabytes, a tenth of the site.
    make_others(others, sink, progress)?;

    let mut errors: Vec<Report> = Vec::new();
    let mut reused = 0;
    let mut ids = HashMap::new();
    let mut unread: Vec<(String, std::path::PathBuf)> = Vec::new();
    let mut rendered: Vec<(String, Arc<[u64]>)> = Vec::new();
    for chunk in chosen.chunks(CHUNK) {
        let done: Vec<Result<Made, Report>> = chunk
            .par_iter()
            .map(|&(page, route)| {
                let made = one_page(job, &renderer, &checker, sink, page, route);
                progress.advance(1);
                made
            })
            .collect();
        for (result, (_, route)) in done.into_iter().zip(chunk) {
            match result {
                Ok(made) => {
                    let path = route.file.as_str();
                    let scan = match made.scan {
                        Scanned::Read(scan) => {
                            if !made.reused {
                                rendered.push((path.to_string(), Arc::clone(scan.ids())));
                            }
                            scan
                        }
                        // Its ids answer the anchors other pages ask of it; its
                        // links are checked below if they may have changed meaning.
                        Scanned::Unread(page) => {
                            let scan = PageScan::of_ids(path, Arc::clone(&page.ids));
                            unread.push((path.to_string(), page.file.from));
                            scan
                        }
                    };
                    ids.insert(route.file.clone(), Arc::clone(scan.ids()));
                    checker.add(scan);
                    files += made.files;
                    reused += usize::from(made.reused);
                }
                Err(e) => errors.push(e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some(kept) = job.kept {
        let rendered: HashSet<&str> = chosen.iter().map(|(_, r)| r.file.as_str()).collect();
        checker.add_kept(kept, |path| !rendered.contains(path));
    }
    Ok(Ran {
        pages: job.layout.page_count(),
        rendered: chosen.len() - reused,
        reused,
        files,
        ids,
        links: Links {
            checker,
            unread,
            rendered,
        },
    })
}

/// Makes the files that are not pages, one per core at a time, and hands each to the
/// sink as soon as it is made, so no more than a few of them are in memory at once.
fn make_others(
    others: Vec<Planned>,
    sink: &dyn Sink,
    progress: &dyn Progress,
) -> Result<(), Vec<Report>> {
    let errors: Vec<Report> = others
        .into_par_iter()
        .with_max_len(1)
        .flat_map_iter(|planned| {
            let handed = match planned.make() {
                Ok(file) => sink.files(vec![file], progress),
                Err(e) => Err(vec![Report::new(e)]),
            };
            handed.err().unwrap_or_default()
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// One page handed to the sink.
struct Made {
    scan: Scanned,
    /// Files handed on: the page, and its text chunks for search excerpts.
    files: usize,
    /// Taken from an earlier build instead of rendered.
    reused: bool,
}

/// A page's links: read, or, for a page taken from the last output and not read,
/// that page.
enum Scanned {
    Read(PageScan),
    Unread(Reused),
}

/// Renders one page (or takes it from an earlier build), scans its links and hands it,
/// with its text chunks for search excerpts when the run feeds the index, to the sink.
/// A page taken from the last output is not read unless the index needs its HTML.
fn one_page(
    job: &Job,
    renderer: &PageRenderer,
    checker: &Checker,
    sink: &dyn Sink,
    page: Page,
    route: &Route,
) -> Result<Made, Report> {
    let kept = job.reuse.and_then(|reuse| reuse.page(&route.file));
    if let Some(kept) = kept {
        return match take_unread(job, sink, page, &route.file, &kept)? {
            Some(files) => Ok(Made {
                scan: Scanned::Unread(kept),
                files,
                reused: true,
            }),
            None => {
                let html = read(&kept.file.from)?;
                let scan = Scanned::Read(checker.scan(&route.file, &html));
                let chunks = feed_page(job, page, &route.file, &html);
                sink.taken(&route.file, &kept.file)?;
                Ok(Made {
                    scan,
                    files: 1 + write_chunks(sink, chunks)?,
                    reused: true,
                })
            }
        };
    }
    let html = renderer.html(page)?;
    let scan = Scanned::Read(checker.scan(&route.file, &html));
    let chunks = feed_page(job, page, &route.file, &html);
    sink.bytes(&route.file, html)?;
    Ok(Made {
        scan,
        files: 1 + write_chunks(sink, chunks)?,
        reused: false,
    })
}

/// Takes a page of the last output without reading it, with its text chunks when the
/// index lists it: the number of files taken, or `None` when the index needs the
/// page's HTML (the last build kept no analysis of it, or its chunks are gone).
fn take_unread(
    job: &Job,
    sink: &dyn Sink,
    page: Page,
    path: &str,
    kept: &Reused,
) -> Result<Option<usize>, Report> {
    let (feed, reuse) = match (job.feed, job.reuse) {
        (None, _) => return sink.taken(path, &kept.file).map(|()| Some(1)),
        (Some(feed), Some(reuse)) => (feed, reuse),
        (Some(_), None) => return Ok(None),
    };
    let remembered = match feed.taking(page, path) {
        search::Taking::Nothing => return sink.taken(path, &kept.file).map(|()| Some(1)),
        search::Taking::Html => return Ok(None),
        search::Taking::Remembered(r) => r,
    };
    let chunks: Option<Vec<(Taken, String)>> = remembered
        .chunks
        .iter()
        .map(|(last, now)| Some((reuse.file(last, remembered.chunks_by)?, now.clone())))
        .collect();
    let Some(chunks) = chunks else {
        return Ok(None);
    };
    sink.taken(path, &kept.file)?;
    for (file, now) in &chunks {
        sink.taken(now, file)?;
    }
    feed.remembered(path, remembered);
    Ok(Some(1 + chunks.len()))
}

/// The page's text chunks for search excerpts, when the run feeds the index.
fn feed_page(job: &Job, page: Page, path: &str, html: &[u8]) -> Vec<OutputFile> {
    job.feed
        .map(|f| f.page(page, path, html))
        .unwrap_or_default()
}

/// Hands the chunks, made in memory by the feed, to the sink; returns how many.
fn write_chunks(sink: &dyn Sink, chunks: Vec<OutputFile>) -> Result<usize, Report> {
    let count = chunks.len();
    for chunk in chunks {
        if let Contents::Bytes(bytes) = chunk.contents {
            sink.bytes(&chunk.path, bytes)?;
        }
    }
    Ok(count)
}
