//! The preview's search index, brought up to date in a step of its own: a build hands
//! out an [`IndexJob`] that runs anywhere (the preview runs it on a thread of its own,
//! so a save never waits for it), and [`Preview::apply`] puts its files into the site.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{Files, Preview, bytes_of, differs};
use crate::diagnostic::Report;
use crate::link::Linked;
use crate::progress::Progress;
use crate::render::OutputFile;
use crate::search;

/// Bringing the search index up to date with one build: the pages of the index and
/// the site's files. Runs without the [`Preview`] it came from.
pub struct IndexJob {
    pub generation: u64,
    pub(super) listing: Option<search::Listing>,
    pub(super) files: Arc<Files>,
    pub(super) indexer: Arc<Mutex<search::Indexer>>,
}

/// The index's files made by an [`IndexJob`].
pub struct IndexFiles {
    pub generation: u64,
    pub(super) files: Vec<(String, Arc<[u8]>)>,
    pub elapsed: Duration,
}

impl IndexJob {
    pub fn run(self, progress: &dyn Progress) -> Result<IndexFiles, Vec<Report>> {
        let started = Instant::now();
        let mut indexer = self
            .indexer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let made = indexer.site(
            self.listing.as_ref(),
            |path| self.files.get(path).cloned(),
            progress,
        )?;
        let mut files = Vec::with_capacity(made.len());
        for OutputFile { path, contents } in made {
            files.push((path, bytes_of(contents)?));
        }
        Ok(IndexFiles {
            generation: self.generation,
            files,
            elapsed: started.elapsed(),
        })
    }
}

/// What [`Preview::index`] did.
#[derive(Debug, Clone)]
pub enum Indexed {
    /// The index already matched the last good build, or there is none yet.
    Current,
    /// The index changed: the last good site with its new index files.
    Updated {
        files: Arc<Files>,
        elapsed: Duration,
    },
}

impl Preview {
    /// The job that brings the search index up to date with the last good build, if
    /// it is behind.
    pub fn index_job(&self) -> Option<IndexJob> {
        let last = self.last.as_ref().filter(|l| !l.made.indexed)?;
        Some(IndexJob {
            generation: self.generation,
            listing: listing(&last.linked),
            files: Arc::clone(&last.made.files),
            indexer: Arc::clone(&self.indexer),
        })
    }

    /// Puts an index job's files into the last good site, and returns the site when
    /// that changed it. The job may have indexed an earlier build than the last: its
    /// index is still newer than the one served, and the last build's job follows.
    pub fn apply(&mut self, index: IndexFiles) -> Option<Arc<Files>> {
        let last = self.last.as_mut()?;
        if index.generation == self.generation {
            last.made.indexed = true;
        }
        let mut files: Files = (*last.made.files).clone();
        put_index(&mut files, index.files);
        if !differs(&last.made.files, &files) {
            return None;
        }
        last.made.files = Arc::new(files);
        Some(Arc::clone(&last.made.files))
    }

    /// Brings the search index up to date with the last good build, here and now.
    pub fn index(&mut self, progress: &dyn Progress) -> Result<Indexed, Vec<Report>> {
        let Some(job) = self.index_job() else {
            return Ok(Indexed::Current);
        };
        let made = job.run(progress)?;
        let elapsed = made.elapsed;
        Ok(match self.apply(made) {
            Some(files) => Indexed::Updated { files, elapsed },
            None => Indexed::Current,
        })
    }
}

/// The pages of the index, or `None` when the site has search turned off.
pub(super) fn listing(linked: &Linked) -> Option<search::Listing> {
    linked
        .site
        .config
        .search
        .then(|| search::Listing::of(linked))
}

/// Replaces the index's files in `files` with `index`.
pub(super) fn put_index(files: &mut Files, index: Vec<(String, Arc<[u8]>)>) {
    files.retain(|path, _| !search::holds(path));
    files.extend(index);
}
