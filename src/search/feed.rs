//! The index of a full build, fed page by page while the pages are still being
//! rendered: Pagefind reads pages one at a time, so it runs on a thread of its own
//! beside the render instead of after it, and no page waits in memory for it longer
//! than the queue between them.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use super::SearchError;
use super::indexer::{Input, State, runtime};
use crate::diagnostic::Report;
use crate::link::Linked;
use crate::render::OutputFile;

/// Pages rendered but not yet read by Pagefind. The render waits when it is full.
const QUEUE: usize = 256;

/// A page for the index: output path (for errors), URL from the site's root, HTML.
type Page = (String, String, Vec<u8>);

pub struct Feed {
    pages: Option<SyncSender<Page>>,
    worker: Option<JoinHandle<Result<Vec<OutputFile>, SearchError>>>,
    cancelled: Arc<AtomicBool>,
}

impl Feed {
    /// Starts the indexer; `None` when the site has search turned off. Pages must be
    /// given in the order of [`super::routes`], as the index depends on it.
    pub fn start(linked: &Linked) -> Result<Option<Feed>, Vec<Report>> {
        if !linked.site.config.search {
            return Ok(None);
        }
        let language = linked.site.config.language.to_lowercase();
        let (pages, queue) = sync_channel(QUEUE);
        let cancelled = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancelled);
        let worker = std::thread::Builder::new()
            .name("planpub-search".into())
            .spawn(move || index(language, queue, &stop))
            .map_err(|e| {
                vec![Report::new(SearchError::Setup {
                    message: e.to_string(),
                })]
            })?;
        Ok(Some(Feed {
            pages: Some(pages),
            worker: Some(worker),
            cancelled,
        }))
    }

    /// Queues one page. If the indexer has stopped on an error, the page is dropped
    /// and [`Feed::finish`] reports the error.
    pub fn add(&self, file: String, url: String, html: Vec<u8>) {
        if let Some(pages) = &self.pages {
            let _ = pages.send((file, url, html));
        }
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

fn index(
    language: String,
    queue: Receiver<Page>,
    cancelled: &AtomicBool,
) -> Result<Vec<OutputFile>, SearchError> {
    runtime()?.block_on(async {
        let mut state = State::new(language)?;
        for (file, url, html) in queue {
            if cancelled.load(Ordering::Relaxed) {
                return Ok(Vec::new());
            }
            state
                .add(&Input {
                    file,
                    url,
                    html: &html,
                })
                .await?;
        }
        if cancelled.load(Ordering::Relaxed) {
            return Ok(Vec::new());
        }
        state.files().await
    })
}
