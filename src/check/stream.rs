//! The link check of a full build, fed page by page as pages are rendered, so that a
//! build need not hold the whole site in memory. It knows every file of the site
//! before the first page (routes are known before rendering), so a link to a missing
//! page fails at once; an `#anchor` on a page not rendered yet waits until that page
//! arrives. Only ids are kept, as hashes: at 30,000 plans the pages hold millions.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use super::{CheckError, NO_ANCHOR, NO_PAGE, resolve, scan};
use crate::diagnostic::Report;

/// A file of the site, by its number in [`Checker::new`]'s list.
type FileNo = u32;

/// What one page offers and asks for, made by [`Checker::scan`] on any thread.
#[derive(Debug)]
pub struct PageScan {
    page: FileNo,
    /// Hashes of its ids, sorted.
    ids: Vec<u64>,
    /// Anchors it links to: target page, hash of the id, and the link as written.
    anchors: Vec<(FileNo, u64, Box<str>)>,
    /// Links into the folder made last: target path and the link as written.
    later: Vec<(String, Box<str>)>,
    errors: Vec<CheckError>,
}

pub struct Checker {
    site_path: String,
    files: HashMap<String, FileNo>,
    paths: Vec<String>,
    /// Ids of the pages scanned so far.
    ids: HashMap<FileNo, Vec<u64>>,
    /// Anchors asked for on pages not scanned yet, once per target and id: the first
    /// page that asked and its link.
    waiting: HashMap<FileNo, HashMap<u64, (FileNo, Box<str>)>>,
    /// A folder whose files are made after the pages (the search index), and the
    /// links into it, checked by [`Checker::finish`]: target, first page and link.
    later_folder: Option<String>,
    later: HashMap<String, (FileNo, Box<str>)>,
    errors: Vec<CheckError>,
}

fn hash(id: &str) -> u64 {
    let mut h = DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

impl Checker {
    /// A check of a site made of the files `paths` (output paths, `/`-separated).
    /// `site_path` is the path part of the site's address (`/zwgk/ghjh/`).
    pub fn new(paths: impl IntoIterator<Item = String>, site_path: &str) -> Checker {
        let paths: Vec<String> = paths.into_iter().collect();
        let files = paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i as FileNo))
            .collect();
        Checker {
            site_path: site_path.to_string(),
            files,
            paths,
            ids: HashMap::new(),
            waiting: HashMap::new(),
            later_folder: None,
            later: HashMap::new(),
            errors: Vec::new(),
        }
    }

    /// Files under `folder` (`search-index/`) are made after the pages; links into it are
    /// checked against the files [`Checker::finish`] is given.
    pub fn later(mut self, folder: &str) -> Checker {
        self.later_folder = Some(folder.to_string());
        self
    }

    /// Reads the page at `path`. Links to missing pages are errors already; anchors
    /// are checked by [`Checker::add`].
    pub fn scan(&self, path: &str, html: &[u8]) -> PageScan {
        let found = scan(html);
        let mut ids: Vec<u64> = found.ids.iter().map(|id| hash(id)).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut anchors = Vec::new();
        let mut later = Vec::new();
        let mut asked = HashSet::new();
        let mut errors = Vec::new();
        let broken = |href: &str, reason| CheckError::BrokenLink {
            page: path.to_string(),
            href: href.to_string(),
            reason,
        };
        for href in &found.links {
            match resolve(path, href, &self.site_path) {
                Ok(None) => {}
                Ok(Some((target, fragment))) => match self.files.get(target.as_str()) {
                    None if self
                        .later_folder
                        .as_ref()
                        .is_some_and(|f| target.starts_with(f.as_str())) =>
                    {
                        later.push((target, href.as_str().into()));
                    }
                    None => errors.push(broken(href, NO_PAGE)),
                    Some(&no) if !fragment.is_empty() => {
                        let id = hash(&fragment);
                        if asked.insert((no, id)) {
                            anchors.push((no, id, href.as_str().into()));
                        }
                    }
                    Some(_) => {}
                },
                Err(reason) => errors.push(broken(href, reason)),
            }
        }
        PageScan {
            page: self.files.get(path).copied().unwrap_or(FileNo::MAX),
            ids,
            anchors,
            later,
            errors,
        }
    }

    /// Takes in a page read by [`Checker::scan`], in any order.
    pub fn add(&mut self, scan: PageScan) {
        self.errors.extend(scan.errors);
        for (target, href) in scan.later {
            self.later.entry(target).or_insert((scan.page, href));
        }
        for (target, id, href) in scan.anchors {
            match self.ids.get(&target) {
                Some(ids) => {
                    if ids.binary_search(&id).is_err() {
                        let page = self.path(scan.page);
                        self.errors.push(CheckError::BrokenLink {
                            page,
                            href: href.into(),
                            reason: NO_ANCHOR,
                        });
                    }
                }
                None => {
                    self.waiting
                        .entry(target)
                        .or_default()
                        .entry(id)
                        .or_insert((scan.page, href));
                }
            }
        }
        if let Some(waiting) = self.waiting.remove(&scan.page) {
            for (id, (page, href)) in waiting {
                if scan.ids.binary_search(&id).is_err() {
                    let page = self.path(page);
                    self.errors.push(CheckError::BrokenLink {
                        page,
                        href: href.into(),
                        reason: NO_ANCHOR,
                    });
                }
            }
        }
        self.ids.insert(scan.page, scan.ids);
    }

    fn path(&self, no: FileNo) -> String {
        self.paths.get(no as usize).cloned().unwrap_or_default()
    }

    /// Every broken link found, in a fixed order. `made_later` are the files of the
    /// folder given to [`Checker::later`]. Anchors on files that are not HTML pages
    /// (never scanned) are not checked, as in [`super::LinkIndex`].
    pub fn finish<'a>(
        mut self,
        made_later: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), Vec<Report>> {
        let made: HashSet<&str> = made_later.into_iter().collect();
        let later = std::mem::take(&mut self.later);
        for (target, (page, href)) in later {
            if !made.contains(target.as_str()) {
                let page = self.path(page);
                self.errors.push(CheckError::BrokenLink {
                    page,
                    href: href.into(),
                    reason: NO_PAGE,
                });
            }
        }
        let mut errors = self.errors;
        if errors.is_empty() {
            return Ok(());
        }
        errors.sort_by_key(|e| e.to_string());
        errors.dedup_by_key(|e| e.to_string());
        Err(errors.into_iter().map(Report::new).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(pages: &[(&str, &str)], others: &[&str]) -> Vec<String> {
        let paths = pages
            .iter()
            .map(|(p, _)| p.to_string())
            .chain(others.iter().map(|p| p.to_string()));
        let mut checker = Checker::new(paths, "/zwgk/ghjh/");
        for (path, html) in pages {
            let scan = checker.scan(path, html.as_bytes());
            checker.add(scan);
        }
        match checker.finish([]) {
            Ok(()) => Vec::new(),
            Err(reports) => reports.iter().map(Report::one_line).collect(),
        }
    }

    #[test]
    fn anchors_are_checked_on_pages_before_and_after() {
        let a = r##"<h2 id="x">x</h2><a href="b/index.html#y">b</a><a href="#x">self</a>"##;
        let b = r##"<h2 id="y">y</h2><a href="../index.html#x">a</a><a href="../data/t.csv#row">csv</a>"##;
        assert_eq!(
            check(&[("index.html", a), ("b/index.html", b)], &["data/t.csv"]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn reports_missing_pages_anchors_and_escapes_in_either_order() {
        let a = r##"<a href="b/index.html#gone">later</a><a href="nowhere.html">x</a>"##;
        let b = r##"<h2 id="y">y</h2><a href="../index.html#none">earlier</a><a href="../../up.html">up</a><a href="https://example.org/">ok</a>"##;
        let errors = check(&[("index.html", a), ("b/index.html", b)], &[]);
        assert_eq!(errors.len(), 4, "{errors:#?}");
        let all = errors.join("\n");
        assert!(
            all.contains("index.html links to `b/index.html#gone`, whose anchor does not exist"),
            "{all}"
        );
        assert!(
            all.contains("links to `nowhere.html`, which does not exist"),
            "{all}"
        );
        assert!(
            all.contains("b/index.html links to `../index.html#none`, whose anchor does not exist"),
            "{all}"
        );
        assert!(
            all.contains("links to `../../up.html`, which is outside the site"),
            "{all}"
        );
    }

    #[test]
    fn links_into_the_folder_made_last_wait_for_it() {
        let page = r#"<link href="search-index/meta.json"><link href="search-index/a.json">"#;
        let run = |made: &[&str]| {
            let mut checker = Checker::new(["search.html".to_string()], "/").later("search-index/");
            let scan = checker.scan("search.html", page.as_bytes());
            checker.add(scan);
            checker.finish(made.iter().copied()).map_err(|r| r.len())
        };
        assert_eq!(
            run(&["search-index/meta.json", "search-index/a.json"]),
            Ok(())
        );
        assert_eq!(run(&["search-index/meta.json"]), Err(1));
    }

    #[test]
    fn agrees_with_the_link_index() {
        let a = r##"<h2 id="x">x</h2><a href="/zwgk/ghjh/b/#y">root</a><a href="b/index.html#z">bad</a><a href="b/%E4%B8%AD.html">encoded</a>"##;
        let b = r##"<h2 id="y">y</h2>"##;
        let pages = [("index.html", a), ("b/index.html", b)];
        let others = ["b/中.html"];
        let files: Vec<crate::render::OutputFile> = pages
            .iter()
            .map(|(p, h)| crate::render::OutputFile {
                path: p.to_string(),
                contents: crate::render::Contents::Bytes(h.as_bytes().to_vec()),
            })
            .chain(others.iter().map(|p| crate::render::OutputFile {
                path: p.to_string(),
                contents: crate::render::Contents::Copy(p.into()),
            }))
            .collect();
        let index: Vec<String> =
            match super::super::tests::links(&files, "/zwgk/ghjh/", &crate::progress::Quiet) {
                Ok(()) => Vec::new(),
                Err(reports) => reports.iter().map(Report::one_line).collect(),
            };
        assert_eq!(index.len(), 1, "{index:#?}");
        assert_eq!(check(&pages, &others), index);
    }
}
