//! Builds kept in memory for the preview: the first build renders everything, each
//! later one reads the site again and renders again only the pages whose digest (what
//! they are made from, [`super::digest`]) changed since the last good build. When only
//! plans' prose changed, the last linked site takes the new texts instead of the site
//! being modelled and linked again ([`super::patch`]), and the site has the files it
//! had, so the last build's layout ([`super::layout`]) and the files made from what
//! the site says are kept too. Told what a save changed ([`Preview::build_after`]),
//! the preview walks the content folder only when a file was added or removed.
//! Nothing is written to disk.
//!
//! A failed build changes nothing: the last good site, its texts, its link scans and
//! its pages' digests stay, so the next build is compared with what is being served.
//!
//! After a value edit the site-wide tables of the open data (every plan's rows) are
//! served as the last build made them, and [`Preview::catch_up`] makes them once the
//! pages are served ([`render::Memo::defer_site_files`]); the build's [`Outcome`] names
//! them.
//!
//! The search index is brought up to date in a step of its own ([`index`]). Until then
//! a build keeps the last index's files. The first build indexes at once,
//! since the search page loads them. [`Preview::index`] does both steps in one.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

mod index;

pub use index::{IndexFiles, IndexJob, Indexed};
use index::{listing, put_index};

use super::layout::{Layout, Routes};
use super::patch::Texts;
use super::run::{Job, Memory};
use super::sorted;
use crate::check::Kept;
use crate::diagnostic::Report;
use crate::link::Linked;
use crate::load::Fingerprint;
use crate::model::{PlanIx, Table};
use crate::progress::Progress;
use crate::render::{self, Contents, OutputFile};
use crate::search;
use crate::stamp::Stamp;
use crate::write::WriteError;

/// A built site in memory: every output file by its `/`-separated path.
pub type Files = HashMap<String, Arc<[u8]>>;

/// One file of a site in memory, with its path.
type File = (String, Arc<[u8]>);

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
    /// The site-wide files of the open data served as the last build made them, out of
    /// date: [`Preview::catch_up`] makes them.
    pub behind: Vec<String>,
}

/// The site being previewed and what is needed to build it again in part.
pub struct Preview {
    root: PathBuf,
    last: Option<Last>,
    /// The site's files as last parsed: a save parses only the file it changed.
    parsed: crate::load::ParseCache,
    /// The search index, kept so that an update reads again only the pages that
    /// changed. Shared with the jobs that update it, which run one at a time.
    indexer: Arc<Mutex<search::Indexer>>,
    /// Good builds so far; an index job says which build it indexed.
    generation: u64,
    /// The open data's files, kept so that a save makes again only those whose rows
    /// changed.
    memo: render::Memo,
}

struct Last {
    linked: Linked,
    /// What `linked` was read from, to tell an edit to plans' prose alone.
    fingerprint: Fingerprint,
    made: Made,
}

/// What a build made of its site.
struct Made {
    /// Every page's digest, by path: what it was made from.
    digests: HashMap<String, u64>,
    /// Every page's link scan, so the next build reads again only what it renders.
    links: Kept,
    files: Arc<Files>,
    /// Whether `files` holds the index of these pages, not an earlier build's.
    indexed: bool,
    /// Files copied from the site's folder: where from, and that file's size and time
    /// when it was read, so an unchanged asset is not read again.
    copies: HashMap<String, (PathBuf, Option<Stamp>)>,
    /// The site-wide files of the open data in `files` out of date, by path.
    behind: Vec<String>,
    /// What the open data of this site is made from ([`render::Memo::set_inputs`]).
    inputs: (u64, Table<PlanIx, u64>),
    /// Where each file of the site is.
    layout: Arc<Layout>,
}

/// The last good build, as a build starts from it.
#[derive(Clone, Copy)]
struct Previous<'a> {
    last: &'a Last,
    /// Whether the site has the files it had: only plans' prose changed.
    same_files: bool,
}

impl Preview {
    pub fn new(root: &Path) -> Self {
        Preview {
            root: root.to_path_buf(),
            last: None,
            parsed: crate::load::ParseCache::default(),
            indexer: Arc::default(),
            generation: 0,
            memo: render::Memo::keeping(),
        }
    }

    /// The last good site, if any build has succeeded.
    pub fn files(&self) -> Option<Arc<Files>> {
        self.last.as_ref().map(|l| Arc::clone(&l.made.files))
    }

    /// Reads the site and builds what changed since the last good build.
    pub fn build(&mut self, progress: &dyn Progress) -> Result<Outcome, Vec<Report>> {
        self.parsed.forget_listing();
        self.build_now(progress)
    }

    /// [`Preview::build`] after a save to the files `changed` (a watcher's report of
    /// every change since the last build): the content folder is not walked again
    /// when they add or remove no file.
    pub fn build_after(
        &mut self,
        changed: &[PathBuf],
        progress: &dyn Progress,
    ) -> Result<Outcome, Vec<Report>> {
        self.parsed.changed(&self.root.join("content"), changed);
        self.build_now(progress)
    }

    fn build_now(&mut self, progress: &dyn Progress) -> Result<Outcome, Vec<Report>> {
        let started = Instant::now();
        let (loaded, reports) = crate::load::load_with(&self.root, progress, Some(&self.parsed));
        let fingerprint = Fingerprint::of(&loaded);
        let texts = match &self.last {
            Some(last) if reports.is_empty() => {
                Texts::of(&last.linked, &last.fingerprint, &loaded, &fingerprint)
            }
            _ => None,
        };
        // Only prose changed: the last linked site takes the new texts in place, and
        // gives them back if the build fails.
        if let Some(mut texts) = texts
            && let Some(mut last) = self.last.take()
        {
            drop(loaded);
            texts.swap(&mut last.linked);
            let previous = Previous {
                last: &last,
                same_files: true,
            };
            let rendered = self.render(
                &last.linked,
                Some(previous),
                &fingerprint,
                started,
                progress,
            );
            return match rendered {
                Ok((made, outcome)) => {
                    let old = std::mem::replace(&mut last.made, made);
                    last.fingerprint = fingerprint;
                    self.last = Some(last);
                    self.generation += 1;
                    std::thread::spawn(move || drop((old, texts)));
                    Ok(outcome)
                }
                Err(e) => {
                    texts.swap(&mut last.linked);
                    self.last = Some(last);
                    Err(sorted(e))
                }
            };
        }
        let earlier = self.last.as_ref().map(|l| &l.linked);
        let linked = super::model_and_link(loaded, reports, earlier, progress).map_err(sorted)?;
        let previous = self.last.as_ref().map(|last| Previous {
            last,
            same_files: false,
        });
        let (made, outcome) = self
            .render(&linked, previous, &fingerprint, started, progress)
            .map_err(sorted)?;
        self.generation += 1;
        let old = self.last.replace(Last {
            linked,
            fingerprint,
            made,
        });
        // Freeing the last build's site (tens of thousands of strings at scale) takes
        // tens of milliseconds the edited page need not wait for.
        std::thread::spawn(move || drop(old));
        Ok(outcome)
    }

    /// Renders the pages of `linked` whose digest changed since the last good build,
    /// and puts the site together with the last build's other pages.
    fn render(
        &self,
        linked: &Linked,
        previous: Option<Previous>,
        fingerprint: &Fingerprint,
        started: Instant,
        progress: &dyn Progress,
    ) -> Result<(Made, Outcome), Vec<Report>> {
        progress.stage("preparing", 0);
        // The last build's layout holds for a site with the same files.
        let kept_layout = previous
            .filter(|p| p.same_files)
            .map(|p| &p.last.made.layout);
        let routes = match kept_layout {
            Some(layout) => Arc::clone(&layout.routes),
            None => Arc::new(Routes::of(linked)),
        };
        let previous = previous.map(|p| p.last);
        // A page is rendered again when what it is made from changed, or it is new.
        let super::digest::Digests {
            pages: digests,
            tables,
            rows,
        } = super::digest::digests(linked, &routes, fingerprint);
        self.memo.set_inputs(tables, rows.clone());
        // After a value edit the site-wide tables of the open data wait for the page.
        self.memo.defer_site_files(previous.is_some());
        let wanted: Option<HashSet<String>> = previous.map(|last| {
            digests
                .iter()
                .filter(|&(path, digest)| last.made.digests.get(path) != Some(digest))
                .map(|(path, _)| path.clone())
                .collect()
        });
        // Pages link to the index's scripts: the first build, or one that turns search
        // on, makes the index at once; a later one keeps the last index for now.
        // A build with search on always holds an index, fresh or carried over.
        let carry_index =
            linked.site.config.search && previous.is_some_and(|l| l.linked.site.config.search);
        // In order: the link check takes the last build's scans as they are only
        // for the same list of files.
        let carried: Vec<String> = match (previous, carry_index) {
            (Some(last), true) => {
                let mut carried: Vec<String> = last
                    .made
                    .files
                    .keys()
                    .filter(|p| search::holds(p))
                    .cloned()
                    .collect();
                carried.sort_unstable();
                carried
            }
            _ => Vec::new(),
        };
        // With the same files, those made from what the site says are as the last
        // build made them: only the copied ones may have new bytes.
        let (layout, others) = match kept_layout {
            Some(layout) => (layout.with_extra(&carried), render::copied_files(linked)),
            None => {
                let others = render::other_files(linked, &routes.pages, Some(&self.memo));
                let layout = Layout::place(routes, &others, &carried)?;
                (Arc::new(layout), others)
            }
        };
        let memory = Memory::default();
        let no_scans = Kept::new();
        let job = Job {
            linked,
            layout: &layout,
            wanted: wanted.as_ref(),
            reuse: None,
            feed: None,
            kept: Some(previous.map_or(&no_scans, |l| &l.made.links)),
        };
        let ran = super::run::run(&job, others, &memory, progress);
        let mut behind = self.memo.take_deferred();
        let ran = ran.map_err(sorted)?;

        progress.stage("assembling", 0);
        let made = memory.into_files();
        let mut files: Files = match (previous, kept_layout) {
            // Every file is where it was: the last site, with what this build made.
            (Some(last), Some(_)) => {
                behind.extend(last.made.behind.iter().cloned());
                (*last.made.files).clone()
            }
            _ => HashMap::with_capacity(layout.page_count() + made.len()),
        };
        let mut copies = HashMap::new();
        for OutputFile { path, contents } in made {
            let bytes: Arc<[u8]> = match contents {
                Contents::Bytes(b) => b.into(),
                Contents::Shared(b) => b,
                Contents::Taken(t) => read(&t.from)?,
                Contents::Copy(source) => {
                    let stamp = Stamp::of(&source);
                    let kept = previous.and_then(|l| {
                        let (from, was) = l.made.copies.get(&path)?;
                        (from == &source && stamp.is_some() && *was == stamp)
                            .then(|| l.made.files.get(&path).cloned())
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
        if let Some(last) = previous
            && kept_layout.is_none()
        {
            for (_, route) in layout.pages() {
                if !files.contains_key(&route.file)
                    && let Some(bytes) = last.made.files.get(&route.file)
                {
                    files.insert(route.file.clone(), Arc::clone(bytes));
                }
            }
        }

        let indexed = if carry_index {
            if let Some(last) = previous {
                for path in &carried {
                    if let Some(bytes) = last.made.files.get(path) {
                        files.insert(path.clone(), Arc::clone(bytes));
                    }
                }
            }
            false
        } else {
            let job = IndexJob {
                generation: self.generation + 1,
                listing: listing(linked),
                files: Arc::new(std::mem::take(&mut files)),
                indexer: Arc::clone(&self.indexer),
            };
            let shared = Arc::clone(&job.files);
            let made = job.run(progress)?;
            files = Arc::try_unwrap(shared).unwrap_or_else(|a| (*a).clone());
            put_index(&mut files, made.files);
            true
        };
        let index_paths: Vec<&str> = files
            .keys()
            .map(String::as_str)
            .filter(|p| search::holds(p))
            .collect();
        progress.stage("checking links", 0);
        let mut links = ran.links.finish(None, &index_paths).map_err(sorted)?;
        // The next build carries an index made now: the links into it were checked
        // against its files, so the scans passed against the list that build will have,
        // and its first save need not check every page's links again.
        let layout = if indexed {
            let mut made: Vec<String> = index_paths.iter().map(|p| p.to_string()).collect();
            made.sort_unstable();
            let layout = layout.with_extra(&made);
            links.passed_against(layout.files());
            layout
        } else {
            layout
        };
        progress.stage("keeping", 0);
        let site_path = render::site_path(&linked.site.config.base_url);

        self.memo.keep_only(|path| files.contains_key(path));
        let files = Arc::new(files);
        let outcome = Outcome {
            files: Arc::clone(&files),
            rendered: ran.rendered,
            pages: ran.pages,
            full: ran.rendered == ran.pages,
            elapsed: started.elapsed(),
            site_path,
            behind: behind.clone(),
        };
        let made = Made {
            digests,
            links,
            files,
            indexed,
            copies,
            behind,
            inputs: (tables, rows),
            layout,
        };
        Ok((made, outcome))
    }

    /// Whether the last good site serves site-wide files of the open data out of date.
    pub fn behind(&self) -> bool {
        self.last
            .as_ref()
            .is_some_and(|l| !l.made.behind.is_empty())
    }

    /// Makes the site-wide files of the open data that the last good build served out
    /// of date, a file per core at a time, until `stop` says to stop (another save is
    /// waiting); the rest wait for the next call. Returns the site when that changed it.
    pub fn catch_up(
        &mut self,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<Option<Arc<Files>>, Vec<Report>> {
        let Some(last) = self.last.as_mut() else {
            return Ok(None);
        };
        if last.made.behind.is_empty() {
            return Ok(None);
        }
        // A failed build since set the memo's digests for its own site: back to this one's.
        let (tables, rows) = &last.made.inputs;
        self.memo.set_inputs(*tables, rows.clone());
        self.memo.defer_site_files(false);
        let behind: Vec<render::Planned> = render::site_wide_files(&last.linked, Some(&self.memo))
            .into_iter()
            .filter(|planned| last.made.behind.contains(&planned.path))
            .collect();
        let made: Vec<Result<Option<File>, Vec<Report>>> = behind
            .into_par_iter()
            .with_max_len(1)
            .map(|planned| {
                if stop() {
                    return Ok(None);
                }
                let OutputFile { path, contents } =
                    planned.make().map_err(|e| vec![Report::new(e)])?;
                Ok(Some((path, bytes_of(contents)?)))
            })
            .collect();
        // Nothing changes unless every file was made: the memo keeps those that were.
        let made: Vec<Option<File>> = made.into_iter().collect::<Result<_, _>>()?;
        let mut files: Option<Files> = None;
        for (path, bytes) in made.into_iter().flatten() {
            last.made.behind.retain(|p| p != &path);
            files
                .get_or_insert_with(|| (*last.made.files).clone())
                .insert(path, bytes);
        }
        Ok(files.map(|files| {
            last.made.files = Arc::new(files);
            Arc::clone(&last.made.files)
        }))
    }
}

/// Whether two builds differ in any file; unchanged pages share their bytes.
pub fn differs(a: &Files, b: &Files) -> bool {
    a.len() != b.len()
        || a.iter().any(|(path, bytes)| {
            b.get(path)
                .is_none_or(|other| !Arc::ptr_eq(bytes, other) && bytes != other)
        })
}

/// The bytes of a file made in memory, taken from the last output or copied.
fn bytes_of(contents: Contents) -> Result<Arc<[u8]>, Vec<Report>> {
    match contents {
        Contents::Bytes(b) => Ok(b.into()),
        Contents::Shared(b) => Ok(b),
        Contents::Taken(t) => read(&t.from),
        Contents::Copy(source) => read(&source),
    }
}

fn read(path: &Path) -> Result<Arc<[u8]>, Vec<Report>> {
    fs::read(path).map(Arc::from).map_err(|source| {
        vec![Report::new(WriteError::Read {
            path: path.to_path_buf(),
            source,
        })]
    })
}
