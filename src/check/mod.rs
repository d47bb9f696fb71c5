//! Checks the rendered site before it is published: every internal link and every
//! `#anchor` must lead somewhere. A broken link on a disclosure site sends a citizen
//! to a dead end, so it fails the build like any other error.
//!
//! One [`Checker`] serves every run of the engine. A build feeds it page by page as
//! pages are rendered and it keeps only ids and the anchors still to be found; the
//! preview asks it to keep each page's scan too ([`Checker::keeping`]), so the next
//! build reads again only the pages it rendered again.

mod checker;

pub use checker::{Checker, FileList, Kept, PageScan};

use std::collections::HashSet;

use html5gum::{Token, Tokenizer};
use percent_encoding::percent_decode_str;

use crate::diagnostic::problem;

#[derive(Debug, Clone, thiserror::Error)]
pub enum CheckError {
    #[error("{page} links to `{href}`, {reason}")]
    BrokenLink {
        page: String,
        href: String,
        reason: &'static str,
    },
}

problem! {
    CheckError {
        BrokenLink { .. } => {
            code: "planpub::check::broken_link",
            help: "a link in a plan text or a template points at a page or heading that does not exist; \
                   links between pages are relative, e.g. ../other-plan/index.html#task-3",
        },
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
