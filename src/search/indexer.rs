//! The index kept by the preview between builds: each page's analysis is kept, and a
//! page is analysed again only when its HTML changed, so an update reads the pages an
//! edit touched and gathers the rest from memory.
//!
//! The preview shares a page's bytes from one build to the next while the page is not
//! rendered again, so a page whose bytes are the very ones analysed last time is known
//! unchanged without reading it; a page rendered again is compared byte for byte.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::builder::Builder;
use super::format::chunk_path;
use super::{Analysed, Listed, Listing, SearchError, analyse};
use crate::diagnostic::Report;
use crate::progress::Progress;
use crate::render::{Contents, OutputFile};

/// Each indexed page's analysis, by output path, with the HTML it was made from and
/// the listing it was made for; its text chunks are shared with the files handed out.
#[derive(Default)]
pub struct Indexer {
    pages: HashMap<String, Kept>,
}

struct Kept {
    html: Arc<[u8]>,
    listed: Listed,
    analysed: Analysed,
    chunks: Vec<Arc<[u8]>>,
}

impl Kept {
    fn made_from(&self, html: &Arc<[u8]>, listed: &Listed) -> bool {
        &self.listed == listed && (Arc::ptr_eq(&self.html, html) || self.html[..] == html[..])
    }
}

impl Indexer {
    /// Brings the index up to date with the site's pages and returns its files.
    /// `listing` is `None` when the site has search turned off: then there are none.
    pub fn site(
        &mut self,
        listing: Option<&Listing>,
        html: impl Fn(&str) -> Option<Arc<[u8]>> + Sync,
        progress: &dyn Progress,
    ) -> Result<Vec<OutputFile>, Vec<Report>> {
        let Some(listing) = listing else {
            self.pages.clear();
            return Ok(Vec::new());
        };
        progress.stage("indexing", listing.pages.len());
        let mut missing = Vec::new();
        let mut wanted = Vec::with_capacity(listing.pages.len());
        for (_, route, listed) in &listing.pages {
            match html(&route.file) {
                Some(bytes) => wanted.push((route.file.as_str(), listed, bytes)),
                None => missing.push(route.file.clone()),
            }
        }
        if let Some(page) = missing.into_iter().next() {
            return Err(vec![Report::new(SearchError::Page {
                page,
                message: "the page was not rendered".into(),
            })]);
        }
        let mut old = std::mem::take(&mut self.pages);
        let mut fresh: Vec<(String, Kept)> = Vec::with_capacity(wanted.len());
        let mut todo = Vec::new();
        for (file, listed, bytes) in wanted {
            match old.remove(file) {
                Some(kept) if kept.made_from(&bytes, listed) => {
                    fresh.push((file.to_string(), kept));
                }
                _ => todo.push((file, listed, bytes)),
            }
        }
        progress.advance(fresh.len());
        let done: Vec<(String, Kept)> = todo
            .into_par_iter()
            .map(|(file, listed, html)| {
                let mut analysed = analyse(listed, &html);
                let chunks = std::mem::take(&mut analysed.chunks)
                    .into_iter()
                    .map(Arc::from)
                    .collect();
                progress.advance(1);
                let kept = Kept {
                    html,
                    listed: listed.clone(),
                    analysed,
                    chunks,
                };
                (file.to_string(), kept)
            })
            .collect();
        fresh.extend(done);
        let mut builder = Builder::new(listing);
        let mut files = Vec::new();
        for (_, kept) in &fresh {
            builder.add(&kept.analysed);
            files.extend(kept.chunks.iter().enumerate().map(|(n, bytes)| OutputFile {
                path: chunk_path(kept.analysed.page, n),
                contents: Contents::Shared(Arc::clone(bytes)),
            }));
        }
        self.pages = fresh.into_iter().collect();
        files.extend(builder.finish().map_err(|e| vec![Report::new(e)])?);
        Ok(files)
    }
}
