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

use std::convert::Infallible;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
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

/// Reads the ids and links of `html`. The tokenizer hands each start tag's name and
/// attributes to a callback, borrowed: no token, attribute map or text string is made,
/// which made the scan half of a page's cost. As in a browser, the first of two
/// attributes of one name counts.
fn scan(html: &[u8]) -> Scan {
    #[derive(Default)]
    struct Tag {
        /// Whether a start tag is open: attributes written on an end tag count for
        /// nothing.
        open: bool,
        /// Whether the tag is `<a>`, whose `name` is an anchor.
        anchor: bool,
        /// The attribute whose value comes next, if it is one the scan reads.
        wanted: Option<Wanted>,
        /// The names of the attributes seen so far.
        seen: Vec<Vec<u8>>,
    }
    #[derive(Clone, Copy)]
    enum Wanted {
        Id,
        Link,
    }
    let mut ids = HashSet::new();
    let mut links = Vec::new();
    let mut tag = Tag::default();
    let mut take = |wanted: Option<Wanted>, value: &[u8]| {
        let value = String::from_utf8_lossy(value).into_owned();
        match wanted {
            Some(Wanted::Id) => {
                ids.insert(value);
            }
            Some(Wanted::Link) => links.push(value),
            None => {}
        }
    };
    let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                tag.open = true;
                tag.anchor = name == b"a";
                tag.wanted = None;
                tag.seen.clear();
            }
            CallbackEvent::AttributeName { name } => {
                // An attribute without a value has the empty one.
                take(tag.wanted.take(), b"");
                if !tag.open || tag.seen.iter().any(|n| n == name) {
                    return None::<Infallible>;
                }
                tag.seen.push(name.to_vec());
                tag.wanted = match name {
                    b"id" => Some(Wanted::Id),
                    b"name" if tag.anchor => Some(Wanted::Id),
                    b"href" | b"src" => Some(Wanted::Link),
                    _ => None,
                };
            }
            CallbackEvent::AttributeValue { value } => take(tag.wanted.take(), value),
            CallbackEvent::CloseStartTag { .. } => {
                take(tag.wanted.take(), b"");
                tag.open = false;
            }
            CallbackEvent::EndTag { .. } => tag.open = false,
            _ => {}
        }
        None
    });
    for _ in Tokenizer::new_with_emitter(html, emitter) {}
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

#[cfg(test)]
mod tests {
    use html5gum::Token;

    use super::*;

    /// The scan as html5gum's own tokens give it: each start tag with its attributes.
    fn by_tokens(html: &[u8]) -> (Vec<String>, Vec<String>) {
        let mut ids = Vec::new();
        let mut links = Vec::new();
        for token in Tokenizer::new(html).flatten() {
            if let Token::StartTag(tag) = token {
                for (name, value) in &tag.attributes {
                    let value = String::from_utf8_lossy(&value.value).into_owned();
                    match name.as_slice() {
                        b"id" => ids.push(value),
                        b"name" if tag.name.as_slice() == b"a" => ids.push(value),
                        b"href" | b"src" => links.push(value),
                        _ => {}
                    }
                }
            }
        }
        ids.sort();
        links.sort();
        (ids, links)
    }

    #[test]
    fn the_scan_reads_what_the_tokens_say() {
        let pages: [&[u8]; 7] = [
            br##"<p id="a">x</p><a href="../b/index.html#c" name="n">y</a><img src="i.svg">"##,
            br#"<a href="" id=x>empty</a><a href id=y>no value</a>"#,
            br#"<a href="one" href="two">the first counts</a><span name="no">not an anchor</span>"#,
            br#"<p>text</p id="end-tag-attribute"><a title="t" href='q?x=1&amp;y=2'>entity</a>"#,
            "<h2 id=\"任务-1\">中文</h2><a href=\"#%E4%BB%BB\">链接</a>".as_bytes(),
            br##"<!-- <a href="in-comment"> --><svg><use href="#s"/></svg><div id=""></div>"##,
            br#"<script src="s.js"></script><style>a{}</style><a href="t"#,
        ];
        for html in pages {
            let scan = scan(html);
            let mut ids: Vec<String> = scan.ids.into_iter().collect();
            let mut links = scan.links;
            ids.sort();
            links.sort();
            assert_eq!(
                (ids, links),
                by_tokens(html),
                "{}",
                String::from_utf8_lossy(html)
            );
        }
    }
}
