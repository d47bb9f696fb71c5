//! The index of a full build, fed while the pages are rendered: each page is analysed
//! on the thread that rendered it ([`super::analyse`]), its text chunks are written with
//! it, and only its tokens go to the one thread that gathers them ([`Builder`]). No
//! page waits in memory for the index longer than the queue between them.
//!
//! A build that keeps a cache also writes every page's analysis ([`super::cache`]) as
//! it goes, and a page it takes from the last output is not read when the last build
//! kept its analysis: the analysis is taken from there, its text chunks from the last
//! output.

use std::collections::HashMap;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use super::builder::{Builder, chunk_files};
use super::cache::{self, LastAnalyses, Remembered, Writer, Written};
use super::format;
use super::{Analysed, Listed, Listing, SearchError, analyse};
use crate::diagnostic::Report;
use crate::link::Linked;
use crate::render::{OutputFile, Page};

/// Pages analysed but not yet gathered. The render waits when it is full.
const QUEUE: usize = 512;

pub struct Feed {
    listed: HashMap<Page, Listed>,
    pages: Option<SyncSender<Analysis>>,
    worker: Option<JoinHandle<Result<Fed, SearchError>>>,
    cancelled: Arc<AtomicBool>,
    digests: Option<Arc<HashMap<String, u64>>>,
    last: Option<Arc<LastAnalyses>>,
}

/// What a build keeps of its pages' analyses, and what the last build kept.
pub struct Kept {
    /// Every page's digest, by path.
    pub digests: Arc<HashMap<String, u64>>,
    pub last: Option<Arc<LastAnalyses>>,
    pub writer: io::Result<Writer>,
}

/// The index's files, and what a build's cache keeps of them.
pub struct Fed {
    pub files: Vec<OutputFile>,
    /// Each text chunk's path and the digest the next build takes it by.
    pub chunks: Vec<(String, u64)>,
    /// The pages' analyses, to put in place with the output, when they are kept.
    pub analyses: Option<io::Result<Written>>,
}

/// A page for the index, and what the cache keeps of it: its path and digest.
enum Analysis {
    /// Analysed by this build, with its [`cache::body`] when the cache keeps it.
    Fresh(Analysed, Option<(String, u64, Vec<u8>)>),
    /// As the last build analysed it.
    Remembered(Box<Remembered>, String, u64),
}

/// What the index needs of a page taken from the last output.
pub enum Taking {
    /// Nothing: the index does not list it.
    Nothing,
    /// Its analysis, kept by the last build; its text chunks are to be taken too.
    Remembered(Box<Remembered>),
    /// Its HTML, to analyse.
    Html,
}

impl Feed {
    /// Starts gathering; `None` when the site has search turned off.
    pub fn start(linked: &Linked, kept: Option<Kept>) -> Result<Option<Feed>, Vec<Report>> {
        if !linked.site.config.search {
            return Ok(None);
        }
        let listing = Listing::of(linked);
        let builder = Builder::new(&listing);
        let listed = listing
            .pages
            .into_iter()
            .map(|(page, _, listed)| (page, listed))
            .collect();
        let (pages, queue) = sync_channel(QUEUE);
        let cancelled = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancelled);
        let (digests, last, writer) = match kept {
            Some(k) => (Some(k.digests), k.last, Some(k.writer)),
            None => (None, None, None),
        };
        let worker = std::thread::Builder::new()
            .name("planpub-search".into())
            .spawn(move || gather(builder, queue, &stop, writer))
            .map_err(|e| {
                vec![Report::new(SearchError::Setup {
                    message: e.to_string(),
                })]
            })?;
        Ok(Some(Feed {
            listed,
            pages: Some(pages),
            worker: Some(worker),
            cancelled,
            digests,
            last,
        }))
    }

    /// Analyses the page at `path`, rendered or read, if the index lists it, and
    /// returns the files of its text to write with it. Runs on the rendering thread.
    pub fn page(&self, page: Page, path: &str, html: &[u8]) -> Vec<OutputFile> {
        let (Some(listed), Some(pages)) = (self.listed.get(&page), &self.pages) else {
            return Vec::new();
        };
        let mut analysed = analyse(listed, html);
        let chunks = chunk_files(analysed.page, std::mem::take(&mut analysed.chunks));
        let kept = self.digest(path).map(|digest| {
            let body = cache::body(&analysed);
            (path.to_string(), digest, body)
        });
        let _ = pages.send(Analysis::Fresh(analysed, kept));
        chunks
    }

    /// What the index needs of the page at `path`, taken from the last output.
    pub fn taking(&self, page: Page, path: &str) -> Taking {
        let Some(listed) = self.listed.get(&page) else {
            return Taking::Nothing;
        };
        let remembered = self
            .last
            .as_ref()
            .zip(self.digest(path))
            .and_then(|(last, digest)| last.get(path, digest, listed));
        match remembered {
            Some(r) => Taking::Remembered(Box::new(r)),
            None => Taking::Html,
        }
    }

    /// Adds the page at `path` by the analysis the last build kept, once its text
    /// chunks are taken.
    pub fn remembered(&self, path: &str, remembered: Box<Remembered>) {
        let (Some(pages), Some(digest)) = (&self.pages, self.digest(path)) else {
            return;
        };
        let _ = pages.send(Analysis::Remembered(remembered, path.to_string(), digest));
    }

    fn digest(&self, path: &str) -> Option<u64> {
        self.digests.as_ref()?.get(path).copied()
    }

    /// Waits for the last page and returns the index's files, in path order.
    pub fn finish(mut self) -> Result<Fed, Vec<Report>> {
        self.pages = None;
        let worker = self.worker.take();
        let outcome = match worker.map(JoinHandle::join) {
            Some(Ok(result)) => result,
            _ => Err(SearchError::Build {
                message: "the indexer stopped unexpectedly (see the message above)".into(),
            }),
        };
        outcome.map_err(|e| vec![Report::new(e)])
    }
}

impl Drop for Feed {
    /// A build that failed elsewhere does not wait for an index it will not use.
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
        self.pages = None;
    }
}

fn gather(
    mut builder: Builder,
    queue: Receiver<Analysis>,
    cancelled: &AtomicBool,
    mut writer: Option<io::Result<Writer>>,
) -> Result<Fed, SearchError> {
    let mut chunks = Vec::new();
    for analysis in queue {
        if cancelled.load(Ordering::Relaxed) {
            break;
        }
        let (page, kept) = match &analysis {
            Analysis::Fresh(analysed, kept) => (
                analysed.page,
                kept.as_ref()
                    .map(|(p, d, b)| (p, *d, &b[..], analysed.record.chunks.len())),
            ),
            Analysis::Remembered(r, path, digest) => (
                r.page,
                Some((path, *digest, r.body(), r.record.chunks.len())),
            ),
        };
        if let (Some((path, digest, body, count)), Some(Ok(out))) = (kept, &mut writer) {
            let by = cache::chunk_digest(path, digest);
            chunks.extend((0..count).map(|n| (format::chunk_path(page, n), by)));
            if let Err(e) = out.add(path, digest, page, body) {
                writer = Some(Err(e));
            }
        }
        match analysis {
            Analysis::Fresh(analysed, _) => builder.add(&analysed),
            Analysis::Remembered(r, ..) => {
                builder.add_encoded(r.page, r.record.clone(), r.postings());
            }
        }
    }
    if cancelled.load(Ordering::Relaxed) {
        return Ok(Fed {
            files: Vec::new(),
            chunks: Vec::new(),
            analyses: None,
        });
    }
    let analyses = writer.map(|w| w.and_then(Writer::finish));
    Ok(Fed {
        files: builder.finish()?,
        chunks,
        analyses,
    })
}
