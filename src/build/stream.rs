//! A full build that writes as it renders. Pages are rendered a chunk at a time; each
//! page is checked for broken links, queued for the search index and written to the
//! staging folder, then dropped. So a build holds one chunk of pages, not the whole
//! site: at 30,000 plans the pages are gigabytes. The output is replaced only when
//! every page rendered, every link resolved and every file was written.

use rayon::prelude::*;

use crate::check::{Checker, PageScan};
use crate::diagnostic::Report;
use crate::link::Linked;
use crate::progress::Progress;
use crate::render::urls::Route;
use crate::render::{self, Contents, Page, PageRenderer};
use crate::search;
use crate::write::Staging;

/// Pages rendered before any is written. Enough to keep both cores busy; small
/// enough that a chunk of the largest pages stays in the tens of megabytes.
const CHUNK: usize = 512;

/// One rendered page once written: its links, and how many files it wrote (the page
/// and the chunks of its text for search excerpts).
struct Done {
    scan: PageScan,
    files: usize,
}

/// What a streamed build made.
pub struct Streamed {
    pub pages: usize,
    pub files: usize,
}

/// Renders, checks and indexes the whole site, and writes it into `staging` when
/// given (else only checks it, for `planpub check`). The caller publishes it.
pub fn build(
    linked: &Linked,
    staging: Option<&Staging>,
    progress: &dyn Progress,
) -> Result<Streamed, Vec<Report>> {
    let all = render::pages(linked);
    let routes: Vec<Route> = all.iter().map(|&p| render::route(linked, p)).collect();
    let renderer = PageRenderer::new(linked)?;
    let others = render::other_files(linked, &all);
    let collisions = render::path_collisions(&routes, &others);
    if !collisions.is_empty() {
        return Err(collisions);
    }
    let paths = routes
        .iter()
        .map(|r| r.file.clone())
        .chain(others.iter().map(|f| f.path.clone()));
    let site_path = render::site_path(&linked.site.config.base_url);
    // The index's files are made last; the search page links to its scripts.
    let mut checker = Checker::new(paths, &site_path).later(&format!("{}/", search::FOLDER));
    let feed = search::Feed::start(linked)?;
    let mut errors: Vec<Report> = Vec::new();
    let mut files = 0;

    progress.stage("building", all.len() + others.len());
    // The open data is written first and let go: at scale it is a tenth of the site.
    if let Some(staging) = staging {
        staging.write_all(&others, progress)?;
    }
    files += others.len();
    drop(others);
    let pages: Vec<(Page, &Route)> = all.iter().copied().zip(&routes).collect();
    for chunk in pages.chunks(CHUNK) {
        let done: Vec<Result<Done, Report>> = chunk
            .par_iter()
            .map(|&(page, route)| {
                let html = renderer.html(page)?;
                let scan = checker.scan(&route.file, &html);
                let chunks = feed
                    .as_ref()
                    .map(|f| f.page(page, &html))
                    .unwrap_or_default();
                if let Some(staging) = staging {
                    staging.write_bytes(&route.file, &html)?;
                    for chunk in &chunks {
                        if let Contents::Bytes(bytes) = &chunk.contents {
                            staging.write_bytes(&chunk.path, bytes)?;
                        }
                    }
                }
                progress.advance(1);
                Ok(Done {
                    scan,
                    files: 1 + chunks.len(),
                })
            })
            .collect();
        for result in done {
            match result {
                Ok(Done {
                    scan,
                    files: written,
                }) => {
                    checker.add(scan);
                    files += written;
                }
                Err(e) => errors.push(e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let index = match feed {
        Some(feed) => {
            progress.stage("indexing", 0);
            feed.finish()?
        }
        None => Vec::new(),
    };
    checker.finish(index.iter().map(|f| f.path.as_str()))?;
    files += index.len();
    if let Some(staging) = staging {
        staging.write_all(&index, progress)?;
    }
    Ok(Streamed {
        pages: all.len(),
        files,
    })
}
