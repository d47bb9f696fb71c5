//! The index of a full build, fed while the pages are rendered: each page is analysed
//! on the thread that rendered it ([`super::analyse`]), its text chunks are written with
//! it, and only its tokens go to the one thread that gathers them ([`Builder`]). No
//! page waits in memory for the index longer than the queue between them.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use super::builder::{Builder, chunk_files};
use super::{Analysed, Listed, Listing, SearchError, analyse};
use crate::diagnostic::Report;
use crate::link::Linked;
use crate::render::{OutputFile, Page};

/// Pages analysed but not yet gathered. The render waits when it is full.
const QUEUE: usize = 512;

pub struct Feed {
    listed: HashMap<Page, Listed>,
    pages: Option<SyncSender<Analysed>>,
    worker: Option<JoinHandle<Result<Vec<OutputFile>, SearchError>>>,
    cancelled: Arc<AtomicBool>,
}

impl Feed {
    /// Starts gathering; `None` when the site has search turned off.
    pub fn start(linked: &Linked) -> Result<Option<Feed>, Vec<Report>> {
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
        let worker = std::thread::Builder::new()
            .name("planpub-search".into())
            .spawn(move || gather(builder, queue, &stop))
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
        }))
    }

    /// Analyses a rendered page if the index lists it, and returns the files of its
    /// text to write with it. Runs on the rendering thread.
    pub fn page(&self, page: Page, html: &[u8]) -> Vec<OutputFile> {
        let (Some(listed), Some(pages)) = (self.listed.get(&page), &self.pages) else {
            return Vec::new();
        };
        let mut analysed = analyse(listed, html);
        let chunks = chunk_files(analysed.page, std::mem::take(&mut analysed.chunks));
        let _ = pages.send(analysed);
        chunks
    }

    /// Waits for the last page and returns the index's files, in path order.
    pub fn finish(mut self) -> Result<Vec<OutputFile>, Vec<Report>> {
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
    queue: Receiver<Analysed>,
    cancelled: &AtomicBool,
) -> Result<Vec<OutputFile>, SearchError> {
    for page in queue {
        if cancelled.load(Ordering::Relaxed) {
            return Ok(Vec::new());
        }
        builder.add(&page);
    }
    if cancelled.load(Ordering::Relaxed) {
        return Ok(Vec::new());
    }
    builder.finish()
}
