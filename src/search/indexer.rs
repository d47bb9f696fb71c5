//! The index kept by the preview between builds: each page's analysis is kept, and a
//! page is analysed again only when its HTML changed, so an update reads the pages an
//! edit touched and gathers the rest from memory.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use super::builder::{Builder, chunk_files};
use super::{Analysed, Listed, Listing, SearchError, analyse};
use crate::diagnostic::Report;
use crate::progress::Progress;
use crate::render::OutputFile;

/// Each indexed page's analysis, by output path, with a hash of the HTML it was made
/// from and the listing it was made for.
#[derive(Default)]
pub struct Indexer {
    pages: HashMap<String, (u64, Listed, Analysed)>,
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

impl Indexer {
    /// Brings the index up to date with the site's pages and returns its files: none
    /// when the site has search turned off.
    /// `listing` is `None` when the site has search turned off.
    pub fn site<'a>(
        &mut self,
        listing: Option<&Listing>,
        html: impl Fn(&str) -> Option<&'a [u8]> + Sync,
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
        let hashes: Vec<u64> = wanted.par_iter().map(|(_, _, b)| hash(b)).collect();
        let mut old = std::mem::take(&mut self.pages);
        let mut fresh: Vec<(String, (u64, Listed, Analysed))> = Vec::with_capacity(wanted.len());
        let mut todo = Vec::new();
        for ((file, listed, bytes), h) in wanted.into_iter().zip(hashes) {
            match old.remove(file) {
                Some(entry) if entry.0 == h && &entry.1 == listed => {
                    fresh.push((file.to_string(), entry));
                }
                _ => todo.push((file, listed, bytes, h)),
            }
        }
        progress.advance(fresh.len());
        let done: Vec<(String, (u64, Listed, Analysed))> = todo
            .into_par_iter()
            .map(|(file, listed, bytes, h)| {
                let analysed = analyse(listed, bytes);
                progress.advance(1);
                (file.to_string(), (h, listed.clone(), analysed))
            })
            .collect();
        fresh.extend(done);
        let mut builder = Builder::new(listing);
        let mut files = Vec::new();
        for (_, (_, _, analysed)) in &fresh {
            builder.add(analysed);
            files.extend(chunk_files(analysed.page, analysed.chunks.clone()));
        }
        self.pages = fresh.into_iter().collect();
        files.extend(builder.finish().map_err(|e| vec![Report::new(e)])?);
        Ok(files)
    }
}
