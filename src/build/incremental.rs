//! Builds kept in memory for the preview: the first build renders everything, each
//! later one reads the site again, finds what changed since the last good build and
//! renders again only the pages that show it. Nothing is written to disk.
//!
//! A failed build changes nothing: the last good site, its link index and its
//! fingerprint stay, so the next build is compared with what is being served.
//!
//! The search index is brought up to date in a step of its own, [`Incremental::index`],
//! because Pagefind takes far longer than the pages an edit touches: the preview shows
//! the edited pages first and the index follows them. Until then a build keeps the last
//! index's files. The first build indexes at once, since the search page loads them.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use super::sorted;
use crate::check::LinkIndex;
use crate::diagnostic::Report;
use crate::link::{self, Linked};
use crate::load::{self, Change, Fingerprint};
use crate::model;
use crate::progress::Progress;
use crate::render::{self, Contents, OutputFile};
use crate::search;
use crate::write::WriteError;

/// A built site in memory: every output file by its `/`-separated path.
pub type Files = HashMap<String, Arc<[u8]>>;

/// What one build did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub files: Arc<Files>,
    /// Pages rendered by this build (all of them on a full build).
    pub rendered: usize,
    /// Pages of the site.
    pub pages: usize,
    pub full: bool,
    pub elapsed: Duration,
    /// The path part of the site's address (`/zwgk/ghjh/`), where it is served.
    pub site_path: String,
}

/// The site being previewed and what is needed to build it again in part.
pub struct Incremental {
    root: PathBuf,
    last: Option<Last>,
    /// The search index, kept so that a build reads again only the pages it changed.
    indexer: search::Indexer,
}

/// What [`Incremental::index`] did.
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

struct Last {
    fingerprint: Fingerprint,
    linked: Linked,
    links: LinkIndex,
    files: Arc<Files>,
    /// Whether `files` holds the index of these pages, not an earlier build's.
    indexed: bool,
    /// Files copied from the site's folder: where from, and that file's size and time
    /// when it was read, so an unchanged asset is not read again.
    copies: HashMap<String, (PathBuf, Stamp)>,
}

type Stamp = Option<(u64, SystemTime)>;

impl Incremental {
    pub fn new(root: &Path) -> Self {
        Incremental {
            root: root.to_path_buf(),
            last: None,
            indexer: search::Indexer::default(),
        }
    }

    /// The last good site, if any build has succeeded.
    pub fn files(&self) -> Option<Arc<Files>> {
        self.last.as_ref().map(|l| Arc::clone(&l.files))
    }

    /// Reads the site and builds what changed since the last good build.
    pub fn build(&mut self, progress: &dyn Progress) -> Result<Outcome, Vec<Report>> {
        let started = Instant::now();
        let (loaded, reports) = load::load(&self.root, progress);
        let fingerprint = Fingerprint::of(&loaded);
        let site = match model::model(loaded) {
            Ok(site) if reports.is_empty() => site,
            Ok(_) => return Err(sorted(reports)),
            Err(more) => return Err(sorted(reports.into_iter().chain(more).collect())),
        };
        let linked = link::link(site).map_err(sorted)?;

        let change = match &self.last {
            Some(last) => last.fingerprint.change_to(&fingerprint),
            None => Change::Everything,
        };
        let partial = match (&change, &self.last) {
            (Change::Plans(ids), Some(last)) => {
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                let wanted = render::affected::pages(&last.linked, &linked, &ids);
                render::render_selected(&linked, |p| wanted.contains(p), progress)
            }
            _ => render::render_selected(&linked, |_| true, progress),
        }
        .map_err(sorted)?;

        let previous = self.last.as_ref();
        let mut files: Files = HashMap::with_capacity(partial.paths.len() + partial.files.len());
        let mut copies = HashMap::new();
        let mut fresh: Vec<(String, Arc<[u8]>)> = Vec::new();
        for OutputFile { path, contents } in partial.files {
            let bytes: Arc<[u8]> = match contents {
                Contents::Bytes(b) => {
                    let b: Arc<[u8]> = b.into();
                    fresh.push((path.clone(), Arc::clone(&b)));
                    b
                }
                Contents::Copy(source) => {
                    let stamp = stamp(&source);
                    let kept = previous.and_then(|l| {
                        let (from, was) = l.copies.get(&path)?;
                        (from == &source && stamp.is_some() && *was == stamp)
                            .then(|| l.files.get(&path).cloned())
                            .flatten()
                    });
                    let bytes = match kept {
                        Some(b) => b,
                        None => read(&source)?,
                    };
                    copies.insert(path.clone(), (source, stamp));
                    bytes
                }
            };
            files.insert(path, bytes);
        }
        // Pages not rendered this time are the same as in the last good build.
        if let Some(last) = previous {
            for path in &partial.paths {
                if !files.contains_key(path)
                    && let Some(bytes) = last.files.get(path)
                {
                    files.insert(path.clone(), Arc::clone(bytes));
                }
            }
        }

        // Pages link to the index's scripts: the first build, or one that turns search
        // on, makes the index at once; a later one keeps the last index for now.
        // A build with search on always holds an index, fresh or carried over.
        let has_index = previous.is_some_and(|l| l.linked.site.config.search);
        let indexed = if linked.site.config.search && has_index {
            if let Some(last) = previous {
                for (path, bytes) in last.files.iter().filter(|(p, _)| search::holds(p)) {
                    files.insert(path.clone(), Arc::clone(bytes));
                }
            }
            false
        } else {
            add_index(&mut self.indexer, &linked, &mut files, progress)?;
            true
        };

        let changed: Vec<(&str, &[u8])> = fresh.iter().map(|(p, b)| (p.as_str(), &b[..])).collect();
        let paths = files.keys().map(String::as_str);
        let links = match previous {
            Some(last) => last.links.updated(paths, &changed, progress),
            None => LinkIndex::default().updated(paths, &changed, progress),
        };
        let site_path = render::site_path(&linked.site.config.base_url);
        links.verify(&site_path)?;

        let files = Arc::new(files);
        let outcome = Outcome {
            files: Arc::clone(&files),
            rendered: partial.rendered_pages,
            pages: partial.paths.len(),
            full: change == Change::Everything,
            elapsed: started.elapsed(),
            site_path,
        };
        self.last = Some(Last {
            fingerprint,
            linked,
            links,
            files,
            indexed,
            copies,
        });
        Ok(outcome)
    }

    /// Brings the search index up to date with the last good build. Only pages whose
    /// HTML changed are read again; the result is what a full build writes.
    pub fn index(&mut self, progress: &dyn Progress) -> Result<Indexed, Vec<Report>> {
        let started = Instant::now();
        let Some(last) = self.last.as_mut().filter(|l| !l.indexed) else {
            return Ok(Indexed::Current);
        };
        let mut files: Files = (*last.files).clone();
        add_index(&mut self.indexer, &last.linked, &mut files, progress)?;
        last.indexed = true;
        if !differs(&last.files, &files) {
            return Ok(Indexed::Current);
        }
        last.files = Arc::new(files);
        Ok(Indexed::Updated {
            files: Arc::clone(&last.files),
            elapsed: started.elapsed(),
        })
    }
}

/// Replaces the index's files in `files` with an index of the pages in `files` (none
/// when the site has search turned off).
fn add_index(
    indexer: &mut search::Indexer,
    linked: &Linked,
    files: &mut Files,
    progress: &dyn Progress,
) -> Result<(), Vec<Report>> {
    let index = indexer.site(linked, |path| files.get(path).map(|b| &b[..]), progress)?;
    files.retain(|path, _| !search::holds(path));
    for OutputFile { path, contents } in index {
        let bytes: Arc<[u8]> = match contents {
            Contents::Bytes(b) => b.into(),
            Contents::Copy(source) => read(&source)?,
        };
        files.insert(path, bytes);
    }
    Ok(())
}

/// Whether two builds differ in any file; unchanged pages share their bytes.
pub fn differs(a: &Files, b: &Files) -> bool {
    a.len() != b.len()
        || a.iter().any(|(path, bytes)| {
            b.get(path)
                .is_none_or(|other| !Arc::ptr_eq(bytes, other) && bytes != other)
        })
}

fn stamp(path: &Path) -> Stamp {
    let meta = fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

fn read(path: &Path) -> Result<Arc<[u8]>, Vec<Report>> {
    fs::read(path).map(Arc::from).map_err(|source| {
        vec![Report::new(WriteError::Read {
            path: path.to_path_buf(),
            source,
        })]
    })
}
