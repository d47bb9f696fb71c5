//! Checks the rendered site before it is published: every internal link and every
//! `#anchor` must lead somewhere. A broken link on a disclosure site sends a citizen
//! to a dead end, so it fails the build like any other error.
//!
//! [`LinkIndex`] keeps every page's links for the preview, which checks again only
//! the pages it rendered again; [`Checker`] checks a full build page by page as it
//! is rendered, keeping only ids and the anchors still to be found.

mod stream;

pub use stream::{Checker, PageScan};

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use html5gum::{Token, Tokenizer};
use percent_encoding::percent_decode_str;
use rayon::prelude::*;

use crate::diagnostic::{Location, Problem, Report};
use crate::progress::Progress;

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{page} links to `{href}`, {reason}")]
    BrokenLink {
        page: String,
        href: String,
        reason: &'static str,
    },
}

impl Problem for CheckError {
    fn location(&self) -> Option<&Location> {
        None
    }

    fn help(&self) -> Option<String> {
        Some(
            "a link in a plan text or a template points at a page or heading that does not exist; \
             links between pages are relative, e.g. ../other-plan/index.html#task-3"
                .into(),
        )
    }

    fn code(&self) -> &'static str {
        "planpub::check::broken_link"
    }
}

/// What one HTML page offers (its ids) and asks for (its links).
#[derive(Debug)]
struct Scan {
    ids: HashSet<String>,
    links: Vec<String>,
}

fn scan(html: &[u8]) -> Scan {
    let mut ids = HashSet::new();
    let mut links = Vec::new();
    for token in Tokenizer::new(html).flatten() {
        if let Token::StartTag(tag) = token {
            for (name, value) in &tag.attributes {
                let value = String::from_utf8_lossy(&value.value).into_owned();
                match name.as_slice() {
                    b"id" => {
                        ids.insert(value);
                    }
                    b"name" if tag.name.as_slice() == b"a" => {
                        ids.insert(value);
                    }
                    b"href" | b"src" => links.push(value),
                    _ => {}
                }
            }
        }
    }
    Scan { ids, links }
}

/// Every page's ids and links, kept between preview builds so that only the pages
/// rendered again are read again.
#[derive(Debug, Default, Clone)]
pub struct LinkIndex {
    scans: HashMap<String, Arc<Scan>>,
    exists: HashSet<String>,
}

impl LinkIndex {
    /// The index for a site of the files `paths`, of which `changed` (path, contents)
    /// are new or rewritten; other HTML pages keep their earlier scan.
    pub fn updated<'a>(
        &self,
        paths: impl Iterator<Item = &'a str>,
        changed: &[(&str, &[u8])],
        progress: &dyn Progress,
    ) -> LinkIndex {
        let exists: HashSet<String> = paths.map(str::to_string).collect();
        let mut scans: HashMap<String, Arc<Scan>> = self
            .scans
            .iter()
            .filter(|(path, _)| exists.contains(path.as_str()))
            .map(|(path, scan)| (path.clone(), Arc::clone(scan)))
            .collect();
        let pages: Vec<&(&str, &[u8])> = changed
            .iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .collect();
        progress.stage("checking", pages.len());
        let fresh: Vec<(String, Arc<Scan>)> = pages
            .par_iter()
            .map(|(path, html)| {
                let scanned = (path.to_string(), Arc::new(scan(html)));
                progress.advance(1);
                scanned
            })
            .collect();
        scans.extend(fresh);
        LinkIndex { scans, exists }
    }

    /// Every internal link of every page, checked. `site_path` is the path part of
    /// the site's address (`/zwgk/ghjh/`), which root-relative links (on 404.html)
    /// start with.
    pub fn verify(&self, site_path: &str) -> Result<(), Vec<Report>> {
        let mut errors: Vec<CheckError> = self
            .scans
            .par_iter()
            .flat_map_iter(|(page, s)| {
                s.links
                    .iter()
                    .filter_map(|href| {
                        check_one(page, href, site_path, &self.exists, &self.scans).err()
                    })
                    .map(|reason| (page.to_string(), reason))
                    .collect::<Vec<_>>()
            })
            .map(|(page, (href, reason))| CheckError::BrokenLink { page, href, reason })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            errors.sort_by_key(|e| e.to_string());
            errors.dedup_by_key(|e| e.to_string());
            Err(errors.into_iter().map(Report::new).collect())
        }
    }
}

fn check_one(
    page: &str,
    href: &str,
    site_path: &str,
    exists: &HashSet<String>,
    scans: &HashMap<String, Arc<Scan>>,
) -> Result<(), (String, &'static str)> {
    let fail = |reason| Err((href.to_string(), reason));
    let (target, fragment) = match resolve(page, href, site_path) {
        Ok(Some(resolved)) => resolved,
        Ok(None) => return Ok(()),
        Err(reason) => return fail(reason),
    };
    if !exists.contains(target.as_str()) {
        return fail(NO_PAGE);
    }
    if !fragment.is_empty()
        && let Some(scan) = scans.get(target.as_str())
        && !scan.ids.contains(fragment.as_str())
    {
        return fail(NO_ANCHOR);
    }
    Ok(())
}

const NO_PAGE: &str = "which does not exist";
const NO_ANCHOR: &str = "whose anchor does not exist on that page";

/// Where an internal link of `page` leads: the output path of its target and its
/// `#fragment` (empty when none), both percent-decoded. `None` for an external link.
fn resolve(
    page: &str,
    href: &str,
    site_path: &str,
) -> Result<Option<(String, String)>, &'static str> {
    let is_external = href.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if is_external || href.starts_with("//") {
        return Ok(None);
    }
    if href.is_empty() {
        return Err("an empty link");
    }
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let target = if path.is_empty() {
        page.to_string()
    } else if let Some(abs) = path.strip_prefix('/') {
        match abs.strip_prefix(site_path.trim_start_matches('/')) {
            Some(rest) => normalise("", rest),
            None => return Err("which is outside the site"),
        }
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        normalise(dir, path)
    };
    let target = percent_decode_str(&target).decode_utf8_lossy().into_owned();
    let target = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target
    };
    if target.starts_with("../") {
        return Err("which is outside the site");
    }
    let fragment = percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned();
    Ok(Some((target, fragment)))
}

/// Joins `rel` onto the folder `dir` and resolves `.` and `..`.
fn normalise(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = rel.ends_with('/');
    let mut escaped = 0;
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    escaped += 1;
                }
            }
            s => parts.push(s),
        }
    }
    let mut out = "../".repeat(escaped);
    out.push_str(&parts.join("/"));
    if trailing && !parts.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Contents, OutputFile};

    /// Checks every internal link of `files` at once: the tests' way to drive
    /// [`LinkIndex`], which the preview updates page by page. `site_path` is the path
    /// part of the site's address (`/zwgk/ghjh/`), which root-relative links start with.
    pub fn links(
        files: &[OutputFile],
        site_path: &str,
        progress: &dyn Progress,
    ) -> Result<(), Vec<Report>> {
        let pages: Vec<(&str, &[u8])> = files
            .iter()
            .filter_map(|f| match &f.contents {
                Contents::Bytes(b) => Some((f.path.as_str(), b.as_slice())),
                Contents::Copy(_) => None,
            })
            .collect();
        LinkIndex::default()
            .updated(files.iter().map(|f| f.path.as_str()), &pages, progress)
            .verify(site_path)
    }

    fn page(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(html.as_bytes().to_vec()),
        }
    }

    #[test]
    fn resolves_relative_links_and_anchors() {
        let files = vec![
            page(
                "index.html",
                r##"<a href="plans/a/index.html#%E4%B8%80x">x</a><a href="https://x.gov.cn/">e</a>"##,
            ),
            page(
                "plans/a/index.html",
                r##"<h2 id="一x">t</h2><a href="../../index.html">h</a><a href="#一x">s</a>"##,
            ),
            page("404.html", r#"<a href="/sub/plans/a/index.html">p</a>"#),
        ];
        assert!(links(&files, "/sub/", &crate::progress::Quiet).is_ok());
    }

    #[test]
    fn reports_missing_pages_anchors_and_escapes() {
        let files = vec![page(
            "index.html",
            r##"<a href="plans/b/index.html">x</a><a href="#nope">y</a><a href="../../etc/passwd">z</a>"##,
        )];
        let errs = links(&files, "/", &crate::progress::Quiet).unwrap_err();
        let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 3, "{text:?}");
        assert!(
            text.iter()
                .any(|t| t.contains("plans/b/index.html") && t.contains("does not exist"))
        );
        assert!(
            text.iter()
                .any(|t| t.contains("#nope") && t.contains("anchor"))
        );
        assert!(text.iter().any(|t| t.contains("outside the site")));
    }

    #[test]
    fn normalises_paths() {
        assert_eq!(normalise("plans/a", "../../index.html"), "index.html");
        assert_eq!(normalise("plans/a", "./x/../y.css"), "plans/a/y.css");
        assert_eq!(normalise("", "../x"), "../x");
    }
}
