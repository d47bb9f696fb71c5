//! Where every file of a site goes, worked out before the first is made: each page
//! and its route, the other files' paths, and the list of files the link check knows.
//! A path given twice is found here, so a run never writes one file over another.
//!
//! A save that changes only plans' prose leaves all of it as it was (the same pages,
//! routes and other files), so the preview keeps the last build's layout instead of
//! routing tens of thousands of pages again ([`Layout::with_extra`]).

use std::sync::Arc;

use crate::check::FileList;
use crate::diagnostic::Report;
use crate::link::Linked;
use crate::render::{self, Page, Planned, urls::Route};

/// Every page of a site, with its route, in the order the run renders them.
pub struct Routes {
    pub pages: Vec<Page>,
    pub routes: Vec<Route>,
}

impl Routes {
    pub fn of(linked: &Linked) -> Routes {
        let pages = render::pages(linked);
        let routes = pages.iter().map(|&p| render::route(linked, p)).collect();
        Routes { pages, routes }
    }
}

/// Every file of a site, placed.
pub struct Layout {
    pub routes: Arc<Routes>,
    /// The paths of the files that are not pages, in the order they were planned.
    others: Vec<String>,
    /// Files of the site made outside the run (the search index the preview carries).
    extra: Vec<String>,
    /// Every path above, in that order, for the link check.
    files: Arc<FileList>,
}

impl Layout {
    /// Places the pages of `routes`, the files of `others` and the files `extra` made
    /// outside the run; a path given twice is an error.
    pub fn place(
        routes: Arc<Routes>,
        others: &[Planned],
        extra: &[String],
    ) -> Result<Layout, Vec<Report>> {
        let collisions = render::path_collisions(&routes.routes, others);
        if !collisions.is_empty() {
            return Err(collisions);
        }
        let others = others.iter().map(|f| f.path.clone()).collect();
        Ok(Layout::new(routes, others, extra.to_vec()))
    }

    fn new(routes: Arc<Routes>, others: Vec<String>, extra: Vec<String>) -> Layout {
        let files = FileList::new(
            routes
                .routes
                .iter()
                .map(|r| r.file.clone())
                .chain(others.iter().cloned())
                .chain(extra.iter().cloned()),
        );
        Layout {
            routes,
            others,
            extra,
            files: Arc::new(files),
        }
    }

    /// The same pages and other files, with the files `extra` made outside the run:
    /// this layout when they are the same.
    pub fn with_extra(self: &Arc<Self>, extra: &[String]) -> Arc<Layout> {
        if self.extra == extra {
            return Arc::clone(self);
        }
        Arc::new(Layout::new(
            Arc::clone(&self.routes),
            self.others.clone(),
            extra.to_vec(),
        ))
    }

    /// Every file of the site, for the link check.
    pub fn files(&self) -> &Arc<FileList> {
        &self.files
    }

    /// The pages and their routes.
    pub fn pages(&self) -> impl Iterator<Item = (Page, &Route)> {
        self.routes.pages.iter().copied().zip(&self.routes.routes)
    }

    /// How many pages the site has.
    pub fn page_count(&self) -> usize {
        self.routes.pages.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Checker;

    fn knows(layout: &Layout, path: &str) -> bool {
        Checker::over(Arc::clone(layout.files()), "/").knows(path)
    }

    #[test]
    fn a_layout_is_kept_while_the_files_made_outside_the_run_are_the_same() {
        let routes = Arc::new(Routes {
            pages: Vec::new(),
            routes: Vec::new(),
        });
        let others = [Planned::ready(render::OutputFile {
            path: "data/targets.csv".into(),
            contents: render::Contents::Bytes(Vec::new()),
        })];
        let index = ["search-index/a.js".to_string()];
        let layout = Arc::new(Layout::place(routes, &others, &index).expect("placed"));
        assert!(knows(&layout, "data/targets.csv") && knows(&layout, "search-index/a.js"));

        assert!(Arc::ptr_eq(&layout.with_extra(&index), &layout));
        let next = layout.with_extra(&["search-index/b.js".to_string()]);
        assert!(!Arc::ptr_eq(&next, &layout));
        assert!(knows(&next, "data/targets.csv") && knows(&next, "search-index/b.js"));
        assert!(!knows(&next, "search-index/a.js"));
    }

    #[test]
    fn a_path_given_twice_is_found_when_placed() {
        let routes = Arc::new(Routes {
            pages: Vec::new(),
            routes: Vec::new(),
        });
        let file = || {
            Planned::ready(render::OutputFile {
                path: "robots.txt".into(),
                contents: render::Contents::Bytes(Vec::new()),
            })
        };
        assert!(Layout::place(routes, &[file(), file()], &[]).is_err());
    }
}
