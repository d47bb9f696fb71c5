//! One page made ready for the index: its tokens with their positions and where they
//! occur (title, heading, region name), its entry in the page table, and its text cut
//! into chunks for excerpts. A pure function of the page, so pages are analysed in
//! parallel while the site renders, and the preview keeps each page's result until
//! the page changes.

use std::collections::HashMap;

use super::extract;
use super::format::{self, HEADING, REGION, TITLE};
use super::tokens;
use super::{Kind, Listed};

/// A chunk of text for excerpts is cut at the first sentence end after this many bytes.
const CHUNK: usize = 6000;

/// A page, analysed.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysed {
    pub page: u32,
    pub record: Record,
    /// Sorted by token.
    pub postings: Vec<PagePosting>,
    /// `x/<page>-<n>.json` files, in order.
    pub chunks: Vec<Vec<u8>>,
}

/// The page's row in `pg/<block>.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub url: String,
    pub title: String,
    pub kind: Kind,
    pub region: Option<u32>,
    pub region_name: Option<String>,
    /// The position each text chunk starts at.
    pub chunks: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagePosting {
    pub token: String,
    pub flags: u8,
    /// Occurrences in the text (0 when the token is only in the region's name).
    pub count: u32,
    pub first: u32,
    /// Empty for single Han characters, which are found by page only.
    pub positions: Vec<u32>,
}

/// Analyses the rendered `html` of the page `listed`.
pub fn analyse(listed: &Listed, html: &[u8]) -> Analysed {
    let doc = extract::document(html);
    let mut postings = Postings::default();
    let title = if doc.title.is_empty() {
        listed.url.clone()
    } else {
        doc.title.clone()
    };
    let mut at = postings.add(&doc.title, 0, TITLE) + 1;
    let mut chunks = Chunks::default();
    for section in &doc.sections {
        chunks.section(&section.anchor, &section.heading, at);
        if !section.heading.is_empty() {
            chunks.text(&section.heading, at);
            at = postings.add(&section.heading, at, HEADING) + 1;
            chunks.text(" ", at);
        }
        for sentence in sentences(&section.text) {
            chunks.text(sentence, at);
            at = postings.add(sentence, at, 0);
        }
        chunks.text(" ", at);
        at += 1;
    }
    for name in std::iter::once(&doc.title).chain(&doc.names) {
        let joined: String = tokens::units(name).into_iter().map(|u| u.text).collect();
        if !joined.is_empty() {
            postings
                .map
                .entry(format::name_token(&joined))
                .or_insert(PagePosting {
                    token: String::new(),
                    flags: TITLE,
                    count: 1,
                    first: 0,
                    positions: Vec::new(),
                });
        }
    }
    if let Some(name) = &listed.region_name {
        for token in tokens::tokens(name, 0).0 {
            let entry = postings.map.entry(token.text).or_insert(PagePosting {
                token: String::new(),
                flags: 0,
                count: 0,
                first: 0,
                positions: Vec::new(),
            });
            entry.flags |= REGION;
        }
    }
    let kind_bits = (listed.kind as u8) << 4;
    let mut list: Vec<PagePosting> = postings
        .map
        .into_iter()
        .map(|(token, mut p)| {
            p.flags |= kind_bits;
            p.token = token;
            p
        })
        .collect();
    list.sort_by(|a, b| a.token.cmp(&b.token));
    let (starts, files) = chunks.finish();
    Analysed {
        page: listed.page,
        record: Record {
            url: listed.url.clone(),
            title,
            kind: listed.kind,
            region: listed.region,
            region_name: listed.region_name.clone(),
            chunks: starts,
        },
        postings: list,
        chunks: files,
    }
}

#[derive(Default)]
struct Postings {
    map: HashMap<String, PagePosting>,
}

impl Postings {
    /// Adds the tokens of `text` from position `at`; returns the position after it.
    fn add(&mut self, text: &str, at: u32, flags: u8) -> u32 {
        let (found, read) = tokens::tokens(text, at);
        for token in found {
            let keep = format::has_positions(&token.text);
            let entry = self.map.entry(token.text).or_insert_with(|| PagePosting {
                token: String::new(),
                flags: 0,
                count: 0,
                first: token.at,
                positions: Vec::new(),
            });
            if entry.count == 0 {
                entry.first = token.at;
            }
            entry.count += 1;
            entry.flags |= flags;
            if keep {
                entry.positions.push(token.at);
            }
        }
        at + read
    }
}

/// The text split after each 。；！？ so that chunks end at a sentence's end.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['。', '；', '！', '？'])
}

/// Where a section starts in a chunk's text: offset, anchor, heading.
type SectionStart = (usize, String, String);

/// Text chunks being cut: each is `{"s": [[offset, anchor, heading], …], "t": text}`,
/// where `s` lists the sections that start in the chunk (the first entry, at offset 0,
/// is the section the chunk starts in) and offsets count UTF-16 code units, as the
/// browser counts them.
#[derive(Default)]
struct Chunks {
    /// Finished chunks: the position each starts at, its text, its sections.
    done: Vec<(u32, String, Vec<SectionStart>)>,
    text: String,
    units: usize,
    sections: Vec<SectionStart>,
    start: u32,
    current: (String, String),
}

impl Chunks {
    fn section(&mut self, anchor: &str, heading: &str, at: u32) {
        self.current = (anchor.to_string(), heading.to_string());
        if self.text.is_empty() {
            self.start = at;
            self.sections.clear();
        }
        self.sections
            .push((self.units, anchor.to_string(), heading.to_string()));
    }

    fn text(&mut self, text: &str, at: u32) {
        if self.text.len() >= CHUNK && text != " " {
            let sections = std::mem::take(&mut self.sections);
            let done = std::mem::take(&mut self.text);
            self.done.push((self.start, done, sections));
            self.units = 0;
            self.start = at;
            self.sections
                .push((0, self.current.0.clone(), self.current.1.clone()));
        }
        if self.text.is_empty() {
            self.start = at;
        }
        self.text.push_str(text);
        self.units += text.encode_utf16().count();
    }

    fn finish(mut self) -> (Vec<u32>, Vec<Vec<u8>>) {
        if !self.text.trim().is_empty() || self.done.is_empty() {
            let sections = std::mem::take(&mut self.sections);
            self.done.push((self.start, self.text, sections));
        }
        let mut starts = Vec::new();
        let mut files = Vec::new();
        for (start, text, sections) in self.done {
            starts.push(start);
            let json = serde_json::json!({
                "s": sections
                    .into_iter()
                    .map(|(o, a, h)| serde_json::json!([o, a, h]))
                    .collect::<Vec<_>>(),
                "t": text.trim_end(),
            });
            files.push(json.to_string().into_bytes());
        }
        (starts, files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed() -> Listed {
        Listed {
            page: 4,
            url: "plans/wanzhou/".into(),
            kind: Kind::Plan,
            region: Some(1),
            region_name: Some("万州区".into()),
        }
    }

    #[test]
    fn tokens_know_where_they_occur() {
        let html = "<main data-search-body><h1>规划</h1><p>地理标志。</p>\
            <h2 id=\"t\">地理标志</h2><p>万州区地理标志</p></main>";
        let a = analyse(&listed(), html.as_bytes());
        let find = |t: &str| a.postings.iter().find(|p| p.token == t).cloned();
        let mark = find("地理").unwrap();
        assert_eq!(mark.count, 3);
        assert_eq!(mark.flags & 0x0f, HEADING);
        assert_eq!(mark.flags >> 4, Kind::Plan as u8);
        assert_eq!(mark.positions.len(), 3);
        let place = find("万州").unwrap();
        assert_eq!(place.flags & 0x0f, REGION);
        assert_eq!(place.count, 1);
        // Only in the region's name: found, with no positions.
        let part = find("州区").unwrap();
        assert_eq!(part.count, 1);
        let title = find("规划").unwrap();
        assert_eq!((title.flags & TITLE, title.first), (TITLE, 0));
        assert!(find("地").unwrap().positions.is_empty());
        assert_eq!(a.record.title, "规划");
    }

    #[test]
    fn long_texts_are_cut_into_chunks_at_sentence_ends() {
        let para = "加强知识产权保护。".repeat(400);
        let html = format!(
            "<main data-search-body><h1>规划</h1><h2 id=\"a\">一</h2><p>{para}</p><h2 id=\"b\">二</h2><p>尾</p></main>"
        );
        let a = analyse(&listed(), html.as_bytes());
        assert!(a.chunks.len() >= 2, "{}", a.chunks.len());
        assert_eq!(a.record.chunks.len(), a.chunks.len());
        assert!(a.record.chunks.windows(2).all(|w| w[0] < w[1]));
        let second: serde_json::Value = serde_json::from_slice(&a.chunks[1]).unwrap();
        assert_eq!(
            second["s"][0][1], "a",
            "a chunk names the section it starts in"
        );
        assert!(second["t"].as_str().unwrap().starts_with("加强"));
    }
}
