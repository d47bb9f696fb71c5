//! The index's files, as the builder writes them and the searchers (this crate's and
//! `search.js`) read them. docs/search.md describes the same layout for people.
//!
//! Under `search-index/`:
//! - `meta.json`: format, number of shards, pages, page-block and position-block sizes,
//!   the kinds of page;
//! - `regions.json`: `[id, name, first page, end page]` per region; pages are numbered
//!   region by region, so a region is a range of page numbers;
//! - `t/<shard>.bin`: the tokens of one shard, each with its page list (or, for a token
//!   on many pages, the number of its own file `t/<shard>-<n>.bin`);
//! - `p/<shard>.bin`: the positions of those tokens, fetched only to check a phrase;
//!   a frequent token's positions are in blocks of about [`POSITION_BLOCK`] bytes,
//!   `p/<shard>-<n>-<block>.bin`, and its shard entry lists each block's first page;
//! - `pg/<block>.json`: per page its address, title, kind, region and where its text
//!   chunks start;
//! - `x/<page>-<chunk>.json`: a chunk of a page's text with its sections, for excerpts.
//!
//! Numbers are unsigned LEB128 varints. A page list is, per page in page order: page
//! number minus the previous one, a flags byte ([`TITLE`], [`HEADING`], [`REGION`], and
//! the kind in bits 4–6), the number of times the token occurs, and its first position.

/// The folder of the output that holds the index.
pub const FOLDER: &str = "search-index";
/// The path in the output of page `page`'s `n`th text chunk.
pub fn chunk_path(page: u32, n: usize) -> String {
    format!("{FOLDER}/x/{page}-{n}.json")
}

/// Bumped when a file's layout changes, so an old script never misreads a new index.
pub const VERSION: u32 = 1;
/// Pages per `pg/` file.
pub const PAGE_BLOCK: u32 = 16;
/// Bytes after which a frequent token's positions start a new file.
pub const POSITION_BLOCK: usize = 256 * 1024;
/// A page list longer than this goes to a file of its own, so a shard that holds a
/// frequent token stays small for the other tokens in it.
pub const OWN_FILE: usize = 16 * 1024;

/// The token is in the page's title.
pub const TITLE: u8 = 1;
/// The token is in one of the page's headings.
pub const HEADING: u8 = 2;
/// The token is in the name of the page's region.
pub const REGION: u8 = 4;

pub fn put(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads bytes written by [`put`]; `None` at the end or on a malformed number.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    /// The bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.at..).unwrap_or_default()
    }

    /// How many bytes are not read yet.
    pub fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    pub fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    pub fn number(&mut self) -> Option<u64> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    pub fn byte(&mut self) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    pub fn bytes(&mut self, len: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(slice)
    }
}

/// One page of a token's page list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub page: u32,
    pub flags: u8,
    pub count: u32,
    pub first: u32,
}

pub fn put_postings(out: &mut Vec<u8>, postings: &[Posting]) {
    let mut last = 0;
    for p in postings {
        put(out, u64::from(p.page - last));
        out.push(p.flags);
        put(out, u64::from(p.count));
        put(out, u64::from(p.first));
        last = p.page;
    }
}

pub fn read_postings(bytes: &[u8]) -> Option<Vec<Posting>> {
    let mut r = Reader::new(bytes);
    let mut out = Vec::new();
    let mut page: u32 = 0;
    while !r.done() {
        page = page.checked_add(u32::try_from(r.number()?).ok()?)?;
        out.push(Posting {
            page,
            flags: r.byte()?,
            count: u32::try_from(r.number()?).ok()?,
            first: u32::try_from(r.number()?).ok()?,
        });
    }
    Some(out)
}

/// A token's entry in a shard file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry<'a> {
    /// The page list, inline.
    Inline(&'a [u8]),
    /// The page list is in its own file, `t/<shard>-<n>.bin`; its positions are in
    /// blocks, each starting at the page given.
    Own(u32, Vec<u32>),
}

/// Reads a shard file into (token, number of pages, entry).
pub fn read_shard(bytes: &[u8]) -> Option<Vec<(String, u32, Entry<'_>)>> {
    let mut r = Reader::new(bytes);
    let count = r.number()?;
    let mut out = Vec::new();
    for _ in 0..count {
        let len = usize::try_from(r.number()?).ok()?;
        let token = String::from_utf8(r.bytes(len)?.to_vec()).ok()?;
        let pages = u32::try_from(r.number()?).ok()?;
        let entry = match r.byte()? {
            0 => {
                let len = usize::try_from(r.number()?).ok()?;
                Entry::Inline(r.bytes(len)?)
            }
            _ => {
                let n = u32::try_from(r.number()?).ok()?;
                let blocks = r.number()?;
                let mut firsts = Vec::new();
                let mut page: u32 = 0;
                for _ in 0..blocks {
                    page = page.checked_add(u32::try_from(r.number()?).ok()?)?;
                    firsts.push(page);
                }
                Entry::Own(n, firsts)
            }
        };
        out.push((token, pages, entry));
    }
    Some(out)
}

/// Reads a position file of a shard: per token, in the shard's order, its positions.
pub fn read_shard_positions(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let mut r = Reader::new(bytes);
    let count = r.number()?;
    let mut out = Vec::new();
    for _ in 0..count {
        let len = usize::try_from(r.number()?).ok()?;
        out.push(r.bytes(len)?);
    }
    Some(out)
}

/// Splits position bytes by page: `counts` gives, in order, how many positions each
/// page has (0 for a page where the token is only in the region's name).
pub fn read_positions(bytes: &[u8], counts: &[u32]) -> Option<Vec<Vec<u32>>> {
    let mut r = Reader::new(bytes);
    let mut out = Vec::with_capacity(counts.len());
    for &count in counts {
        let mut at: u32 = 0;
        let mut list = Vec::with_capacity(count as usize);
        for _ in 0..count {
            at = at.checked_add(u32::try_from(r.number()?).ok()?)?;
            list.push(at);
        }
        out.push(list);
    }
    Some(out)
}

pub fn put_positions(out: &mut Vec<u8>, positions: &[u32]) {
    let mut last = 0;
    for &p in positions {
        put(out, u64::from(p - last));
        last = p;
    }
}

/// The token that stands for a whole name of a page (its title, an indicator's other
/// wording): [`NAME`] and the name's units joined.
pub fn name_token(units: &str) -> String {
    format!("{NAME}{units}")
}

/// What starts a name token; no text token can start with it.
pub const NAME: char = '=';

/// Whether a token has positions stored: a single Han character and a whole name are
/// found by page only.
pub fn has_positions(token: &str) -> bool {
    if token.starts_with(NAME) {
        return false;
    }
    let mut chars = token.chars();
    !matches!((chars.next(), chars.next()), (Some(c), None) if super::tokens::is_han(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_lists_read_back() {
        let list = [
            Posting {
                page: 3,
                flags: TITLE | 0x10,
                count: 2,
                first: 7,
            },
            Posting {
                page: 300,
                flags: 0,
                count: 1,
                first: 70_000,
            },
        ];
        let mut bytes = Vec::new();
        put_postings(&mut bytes, &list);
        assert_eq!(read_postings(&bytes), Some(list.to_vec()));
        assert_eq!(read_postings(&[0x80]), None);
    }

    #[test]
    fn positions_read_back_by_page() {
        let mut bytes = Vec::new();
        put_positions(&mut bytes, &[1, 5, 200]);
        put_positions(&mut bytes, &[4]);
        assert_eq!(
            read_positions(&bytes, &[3, 0, 1]),
            Some(vec![vec![1, 5, 200], vec![], vec![4]])
        );
    }
}
