//! The link check, fed page by page as pages are rendered. It knows every file of the
//! site before the first page (routes are known before rendering), so a link to a
//! missing page fails as soon as its page arrives; an `#anchor` on a page not read yet
//! waits until that page arrives. Only hashes of ids are kept: at 30,000 plans the
//! pages hold millions.
//!
//! A page's scan ([`PageScan`]) names its targets by path, not by a number in this
//! site's list of files, so the preview can keep every page's scan ([`Kept`]) and add
//! the unchanged ones to the next build's check without reading their HTML again:
//! a page removed since, or an anchor gone from a page rendered again, is found then.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::{CheckError, NO_ANCHOR, NO_PAGE, resolve, scan};
use crate::diagnostic::Report;

/// A file of the site, by its number in [`Checker::new`]'s list.
type FileNo = u32;

/// What one page offers and asks for, made by [`Checker::scan`] on any thread.
#[derive(Debug)]
pub struct PageScan {
    path: String,
    /// Hashes of its ids, sorted; shared with the check that holds it.
    ids: Arc<[u64]>,
    /// Its internal links, once per target and anchor: the target's path, the hash
    /// of the anchor if any, and the link as written.
    links: Vec<(Box<str>, Option<u64>, Box<str>)>,
    /// Links that resolve nowhere whatever the site holds (outside the site, empty).
    errors: Vec<CheckError>,
}

impl PageScan {
    /// A page known only by its ids (hashed as [`Checker::scan`] hashes them), whose
    /// links are known to hold: a page a build takes unread from the last output.
    pub fn of_ids(path: &str, ids: Arc<[u64]>) -> PageScan {
        PageScan {
            path: path.to_string(),
            ids,
            links: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// The hashes of the page's ids, sorted.
    pub fn ids(&self) -> &Arc<[u64]> {
        &self.ids
    }
}

/// Every page's scan, by path: what the preview keeps between builds, with the list of
/// files they were checked against.
#[derive(Debug, Default)]
pub struct Kept {
    scans: HashMap<String, Arc<PageScan>>,
    /// A digest of the site's files, in order, when these scans passed the check.
    files: u64,
}

impl Kept {
    pub fn new() -> Kept {
        Kept::default()
    }

    pub fn len(&self) -> usize {
        self.scans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scans.is_empty()
    }

    /// Records that these scans passed against the files of `list`: those of the check
    /// that made them, then the files made after its pages, which links into them
    /// were checked against ([`Checker::finish`]).
    pub fn passed_against(&mut self, list: &FileList) {
        self.files = list.digest;
    }
}

/// Every file of a site, in order, as the link check knows them: made once per
/// list, and shared by every check of a site with the same files (the preview's saves
/// that change only prose).
#[derive(Debug)]
pub struct FileList {
    files: HashMap<String, FileNo>,
    /// A digest of `paths`, in order: [`Kept::files`].
    digest: u64,
    paths: Vec<String>,
}

impl FileList {
    /// The files `paths` (output paths, `/`-separated), in order.
    pub fn new(paths: impl IntoIterator<Item = String>) -> FileList {
        let paths: Vec<String> = paths.into_iter().collect();
        let mut digest = DefaultHasher::new();
        paths.hash(&mut digest);
        let files = paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i as FileNo))
            .collect();
        FileList {
            files,
            digest: digest.finish(),
            paths,
        }
    }
}

pub struct Checker {
    site_path: String,
    list: Arc<FileList>,
    /// Ids of the pages added so far.
    ids: HashMap<FileNo, Arc<[u64]>>,
    /// Anchors asked for on pages not added yet, once per target and id: the first
    /// page that asked and its link.
    waiting: HashMap<FileNo, HashMap<u64, (FileNo, Box<str>)>>,
    /// A folder whose files are made after the pages (the search index), and the
    /// links into it, checked by [`Checker::finish`]: target, first page and link.
    later_folder: Option<String>,
    later: HashMap<String, (FileNo, Box<str>)>,
    /// Every page's scan, when asked to keep them.
    kept: Option<HashMap<String, Arc<PageScan>>>,
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
        Checker::over(Arc::new(FileList::new(paths)), site_path)
    }

    /// A check of a site made of the files of `list`.
    pub fn over(list: Arc<FileList>, site_path: &str) -> Checker {
        Checker {
            site_path: site_path.to_string(),
            list,
            ids: HashMap::new(),
            waiting: HashMap::new(),
            later_folder: None,
            later: HashMap::new(),
            kept: None,
            errors: Vec::new(),
        }
    }

    /// Files under `folder` (`search-index/`) are made after the pages; links into it are
    /// checked against the files [`Checker::finish`] is given.
    pub fn later(mut self, folder: &str) -> Checker {
        self.later_folder = Some(folder.to_string());
        self
    }

    /// Keeps every page's scan, for [`Checker::finish`] to hand back.
    pub fn keeping(mut self) -> Checker {
        self.kept = Some(HashMap::new());
        self
    }

    /// Reads the page at `path`; runs on any thread.
    pub fn scan(&self, path: &str, html: &[u8]) -> PageScan {
        let found = scan(html);
        let mut ids: Vec<u64> = found.ids.iter().map(|id| hash(id)).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut links = Vec::new();
        let mut asked = HashSet::new();
        let mut errors = Vec::new();
        for href in &found.links {
            match resolve(path, href, &self.site_path) {
                Ok(None) => {}
                Ok(Some((target, fragment))) => {
                    let id = (!fragment.is_empty()).then(|| hash(&fragment));
                    if asked.insert((target.clone(), id)) {
                        links.push((target.into(), id, href.as_str().into()));
                    }
                }
                Err(reason) => errors.push(CheckError::BrokenLink {
                    page: path.to_string(),
                    href: href.clone(),
                    reason,
                }),
            }
        }
        PageScan {
            path: path.to_string(),
            ids: ids.into(),
            links,
            errors,
        }
    }

    /// Whether the site has a file at `path` (given to [`Checker::new`]).
    pub fn knows(&self, path: &str) -> bool {
        self.list.files.contains_key(path)
    }

    /// Takes in a page read by [`Checker::scan`], in any order.
    pub fn add(&mut self, scan: PageScan) {
        self.add_shared(Arc::new(scan));
    }

    /// Takes in the pages of an earlier check that `unchanged` picks: the preview's
    /// pages that were not rendered again, once every other page has been added.
    /// Pages no longer in the site are left out.
    ///
    /// Their links passed that check. When the site has the same files and every page
    /// added since has the ids it had then, each link still leads where it led, so
    /// only their ids are taken in, for the anchors the new pages ask of them: at
    /// 10,000 plans that skips millions of lookups on every save.
    pub fn add_kept(&mut self, kept: &Kept, unchanged: impl Fn(&str) -> bool) {
        let links_hold = kept.files == self.list.digest
            && self.ids.iter().all(|(&no, ids)| {
                let scan = self
                    .list
                    .paths
                    .get(no as usize)
                    .and_then(|p| kept.scans.get(p));
                scan.is_some_and(|k| k.ids == *ids)
            });
        for scan in kept.scans.values() {
            if !unchanged(&scan.path) {
                continue;
            }
            let Some(&page) = self.list.files.get(&scan.path) else {
                continue;
            };
            if links_hold {
                self.arrive(page, Arc::clone(scan));
            } else {
                self.add_shared(Arc::clone(scan));
            }
        }
    }

    fn add_shared(&mut self, scan: Arc<PageScan>) {
        let page = self
            .list
            .files
            .get(&scan.path)
            .copied()
            .unwrap_or(FileNo::MAX);
        self.errors.extend(scan.errors.iter().cloned());
        for (target, id, href) in &scan.links {
            let Some(&no) = self.list.files.get(&**target) else {
                if self
                    .later_folder
                    .as_ref()
                    .is_some_and(|f| target.starts_with(f.as_str()))
                {
                    self.later
                        .entry(target.to_string())
                        .or_insert((page, href.clone()));
                } else {
                    self.errors.push(CheckError::BrokenLink {
                        page: scan.path.clone(),
                        href: href.to_string(),
                        reason: NO_PAGE,
                    });
                }
                continue;
            };
            let Some(id) = *id else { continue };
            match self.ids.get(&no) {
                Some(ids) => {
                    if ids.binary_search(&id).is_err() {
                        self.errors.push(CheckError::BrokenLink {
                            page: scan.path.clone(),
                            href: href.to_string(),
                            reason: NO_ANCHOR,
                        });
                    }
                }
                None => {
                    self.waiting
                        .entry(no)
                        .or_default()
                        .entry(id)
                        .or_insert((page, href.clone()));
                }
            }
        }
        self.arrive(page, scan);
    }

    /// The page `page` offers its ids: to the links that waited for them, and to
    /// those still to come.
    fn arrive(&mut self, page: FileNo, scan: Arc<PageScan>) {
        if let Some(waiting) = self.waiting.remove(&page) {
            for (id, (from, href)) in waiting {
                if scan.ids.binary_search(&id).is_err() {
                    let from = self.path(from);
                    self.errors.push(CheckError::BrokenLink {
                        page: from,
                        href: href.into(),
                        reason: NO_ANCHOR,
                    });
                }
            }
        }
        self.ids.insert(page, Arc::clone(&scan.ids));
        if let Some(kept) = &mut self.kept {
            kept.insert(scan.path.clone(), scan);
        }
    }

    fn path(&self, no: FileNo) -> String {
        self.list
            .paths
            .get(no as usize)
            .cloned()
            .unwrap_or_default()
    }

    /// Every broken link found, in a fixed order; else the pages' scans if asked to
    /// keep them ([`Checker::keeping`]). `made_later` are the files of the folder given
    /// to [`Checker::later`]. Anchors on files that are not HTML pages (never scanned)
    /// are not checked.
    pub fn finish<'a>(
        mut self,
        made_later: impl IntoIterator<Item = &'a str>,
    ) -> Result<Kept, Vec<Report>> {
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
            return Ok(Kept {
                scans: self.kept.unwrap_or_default(),
                files: self.list.digest,
            });
        }
        errors.sort_by_key(|e| e.to_string());
        errors.dedup_by_key(|e| e.to_string());
        Err(errors.into_iter().map(Report::new).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::normalise;

    fn check(pages: &[(&str, &str)], others: &[&str]) -> Vec<String> {
        check_at(pages, others, "/zwgk/ghjh/")
    }

    fn check_at(pages: &[(&str, &str)], others: &[&str], site_path: &str) -> Vec<String> {
        let paths = pages
            .iter()
            .map(|(p, _)| p.to_string())
            .chain(others.iter().map(|p| p.to_string()));
        let mut checker = Checker::new(paths, site_path);
        for (path, html) in pages {
            let scan = checker.scan(path, html.as_bytes());
            checker.add(scan);
        }
        match checker.finish([]) {
            Ok(_) => Vec::new(),
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
    fn resolves_relative_root_relative_and_encoded_links() {
        let index = r##"<a href="plans/a/index.html#%E4%B8%80x">x</a><a href="https://x.gov.cn/">e</a><a href="plans/%E4%B8%AD.html">encoded</a>"##;
        let plan = r##"<h2 id="一x">t</h2><a href="../../index.html">h</a><a href="#一x">s</a>"##;
        let missing =
            r#"<a href="/sub/plans/a/index.html">p</a><a href="/sub/plans/a/">folder</a>"#;
        let pages = [
            ("index.html", index),
            ("plans/a/index.html", plan),
            ("404.html", missing),
        ];
        assert_eq!(
            check_at(&pages, &["plans/中.html"], "/sub/"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn reports_missing_pages_anchors_and_escapes_in_either_order() {
        let a = r##"<a href="b/index.html#gone">later</a><a href="nowhere.html">x</a>"##;
        let b = r##"<h2 id="y">y</h2><a href="../index.html#none">earlier</a><a href="../../up.html">up</a><a href="https://example.org/">ok</a><a href="/elsewhere/x.html">out</a>"##;
        let errors = check(&[("index.html", a), ("b/index.html", b)], &[]);
        assert_eq!(errors.len(), 5, "{errors:#?}");
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
        assert!(
            all.contains("links to `/elsewhere/x.html`, which is outside the site"),
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
            checker
                .finish(made.iter().copied())
                .map(|_| ())
                .map_err(|r| r.len())
        };
        assert_eq!(
            run(&["search-index/meta.json", "search-index/a.json"]),
            Ok(())
        );
        assert_eq!(run(&["search-index/meta.json"]), Err(1));
    }

    /// The preview's way: a later check adds the kept scans of pages not rendered
    /// again, and finds links broken by what changed around them.
    #[test]
    fn kept_scans_are_checked_against_the_next_site() {
        let a = r##"<a href="b/index.html#y">to b</a><a href="c/index.html">to c</a>"##;
        let b = r##"<h2 id="y">y</h2>"##;
        let c = "<p>c</p>";
        let paths = ["index.html", "b/index.html", "c/index.html"].map(String::from);
        let mut first = Checker::new(paths.clone(), "/").keeping();
        for (path, html) in [("index.html", a), ("b/index.html", b), ("c/index.html", c)] {
            let scan = first.scan(path, html.as_bytes());
            first.add(scan);
        }
        let kept = first.finish([]).expect("all links resolve");
        assert_eq!(kept.len(), 3);

        // b is rendered again without its heading, and c is gone.
        let mut next = Checker::new(paths[..2].to_vec(), "/").keeping();
        let scan = next.scan("b/index.html", b"<h2 id=\"z\">z</h2>");
        next.add(scan);
        next.add_kept(&kept, |path| path != "b/index.html");
        let errors: Vec<String> = next
            .finish([])
            .expect_err("two links broke")
            .iter()
            .map(Report::one_line)
            .collect();
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(errors[0].contains("`b/index.html#y`, whose anchor does not exist"));
        assert!(errors[1].contains("`c/index.html`, which does not exist"));
    }

    /// The first check of `kept_scans_…`'s three pages, all of whose links hold.
    fn kept_three() -> (Vec<String>, Kept) {
        let a =
            r##"<h2 id="top">a</h2><a href="b/index.html#y">to b</a><a href="c/index.html">c</a>"##;
        let pages = [
            ("index.html", a),
            ("b/index.html", r#"<h2 id="y">y</h2>"#),
            ("c/index.html", "c"),
        ];
        let paths: Vec<String> = pages.iter().map(|(p, _)| p.to_string()).collect();
        let mut first = Checker::new(paths.clone(), "/").keeping();
        for (path, html) in pages {
            let scan = first.scan(path, html.as_bytes());
            first.add(scan);
        }
        (paths, first.finish([]).expect("all links resolve"))
    }

    /// `b` rendered again in a site of the same files; the result of the next check.
    fn again(b: &str) -> Result<Kept, Vec<String>> {
        let (paths, kept) = kept_three();
        let mut next = Checker::new(paths, "/").keeping();
        let scan = next.scan("b/index.html", b.as_bytes());
        next.add(scan);
        next.add_kept(&kept, |path| path != "b/index.html");
        next.finish([])
            .map_err(|e| e.iter().map(Report::one_line).collect())
    }

    /// With the same files, kept links are checked again only when a page rendered
    /// again lost or gained an id; the new page's own links are always checked.
    #[test]
    fn kept_links_are_taken_as_held_only_while_every_id_is_the_same() {
        let kept = again(r##"<h2 id="y">y2</h2><a href="../index.html#top">a</a>"##)
            .expect("same ids, links hold");
        assert_eq!(kept.len(), 3);

        let errors = again(r#"<h2 id="z">z</h2>"#).expect_err("the anchor a links to is gone");
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(errors[0].contains("`b/index.html#y`, whose anchor does not exist"));

        let errors = again(r##"<h2 id="y">y</h2><a href="../index.html#gone">a</a>"##)
            .expect_err("the new link's anchor is missing on a kept page");
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(errors[0].contains("`../index.html#gone`, whose anchor does not exist"));
    }

    #[test]
    fn normalises_paths() {
        assert_eq!(normalise("plans/a", "../../index.html"), "index.html");
        assert_eq!(normalise("plans/a", "./x/../y.css"), "plans/a/y.css");
        assert_eq!(normalise("", "../x"), "../x");
    }
}
