//! Gathers analysed pages into the index's files ([`super::format`]). Pages may come
//! in any order; each token's page list is kept as compact bytes while pages come
//! in, and sorted and written shard by shard, in parallel, at the end. Memory is the
//! encoded index, not the pages: a page is let go once it is added.

use std::collections::HashMap;

use rayon::prelude::*;

use super::analyse::{Analysed, Record};
use super::format::{self, FOLDER, OWN_FILE, PAGE_BLOCK, POSITION_BLOCK, Posting, VERSION, put};

use super::{Kind, Listing, RegionPages, SearchError};
use crate::render::{Contents, OutputFile};

/// The index being built.
pub struct Builder {
    tokens: HashMap<Box<str>, u32>,
    lists: Vec<List>,
    records: Vec<Option<Record>>,
    regions: Vec<RegionPages>,
}

/// One token's pages as they came: per page its number, flags, count, first position
/// and how many bytes of positions follow in `positions`.
#[derive(Default)]
struct List {
    token: Box<str>,
    entries: Vec<u8>,
    positions: Vec<u8>,
    pages: u32,
    last: Option<u32>,
    in_order: bool,
}

impl List {
    /// Adds page `number`'s entry, whose positions were appended from `before` on.
    fn entry(&mut self, number: u32, flags: u8, count: u32, first: u32, before: usize) {
        put(&mut self.entries, u64::from(number));
        self.entries.push(flags);
        put(&mut self.entries, u64::from(count));
        put(&mut self.entries, u64::from(first));
        put(&mut self.entries, (self.positions.len() - before) as u64);
        self.in_order &= self.last.is_none_or(|last| last < number);
        self.last = Some(number);
        self.pages += 1;
    }
}

/// One posting of a page as the build cache keeps it ([`super::cache`]).
pub struct Encoded<'a> {
    pub token: &'a str,
    pub flags: u8,
    pub count: u32,
    pub first: u32,
    /// Its positions as [`format::put_positions`] writes them.
    pub positions: &'a [u8],
}

/// A page entry read back from a [`List`].
struct Read {
    posting: Posting,
    positions: std::ops::Range<usize>,
}

impl Builder {
    /// A builder for the pages of `listing`; each must be added once.
    pub fn new(listing: &Listing) -> Builder {
        Builder {
            tokens: HashMap::new(),
            lists: Vec::new(),
            records: vec![None; listing.pages.len()],
            regions: listing.regions.clone(),
        }
    }

    pub fn add(&mut self, page: &Analysed) {
        if !self.record(page.page, page.record.clone()) {
            return;
        }
        for p in &page.postings {
            let list = self.list(&p.token);
            let before = list.positions.len();
            format::put_positions(&mut list.positions, &p.positions);
            list.entry(page.page, p.flags, p.count, p.first, before);
        }
    }

    /// Adds a page whose postings come as the build cache keeps them, their positions
    /// already encoded: nothing is decoded or allocated per posting.
    pub fn add_encoded<'a>(
        &mut self,
        page: u32,
        record: Record,
        postings: impl Iterator<Item = Encoded<'a>>,
    ) {
        if !self.record(page, record) {
            return;
        }
        for p in postings {
            let list = self.list(p.token);
            let before = list.positions.len();
            list.positions.extend_from_slice(p.positions);
            list.entry(page, p.flags, p.count, p.first, before);
        }
    }

    /// Records page `number`'s row; false when the index has no such page.
    fn record(&mut self, number: u32, record: Record) -> bool {
        match self.records.get_mut(number as usize) {
            Some(slot) => {
                *slot = Some(record);
                true
            }
            None => false,
        }
    }

    /// The list of `token`, started if it is new.
    fn list(&mut self, token: &str) -> &mut List {
        let index = match self.tokens.get(token) {
            Some(&i) => i,
            None => {
                let i = self.lists.len() as u32;
                let token: Box<str> = token.into();
                self.tokens.insert(token.clone(), i);
                self.lists.push(List {
                    token,
                    in_order: true,
                    ..List::default()
                });
                i
            }
        };
        &mut self.lists[index as usize]
    }

    /// Writes the index's files, in path order.
    pub fn finish(self) -> Result<Vec<OutputFile>, SearchError> {
        let pages = self.records.len() as u32;
        let mut records = Vec::with_capacity(self.records.len());
        for (number, record) in self.records.into_iter().enumerate() {
            records.push(record.ok_or_else(|| SearchError::Build {
                message: format!("page {number} of the index was never read"),
            })?);
        }
        let bytes: usize = self.lists.iter().map(|l| l.entries.len()).sum();
        // About 32 KB of short page lists a shard: few files, and a query's shard small.
        let shards = (bytes / 32768).next_power_of_two().clamp(16, 4096) as u32;
        let mut by_shard: Vec<Vec<List>> = (0..shards).map(|_| Vec::new()).collect();
        for list in self.lists {
            by_shard[super::tokens::shard(&list.token, shards) as usize].push(list);
        }
        let mut files: Vec<OutputFile> = by_shard
            .into_par_iter()
            .enumerate()
            .map(|(shard, mut lists)| {
                lists.sort_by(|a, b| a.token.cmp(&b.token));
                shard_files(shard as u32, &lists)
            })
            .flatten()
            .collect();
        files.extend(page_files(&records));
        let meta = serde_json::json!({
            "format": VERSION,
            "shards": shards,
            "pages": pages,
            "pageBlock": PAGE_BLOCK,
            "kinds": Kind::ALL.iter().map(|k| serde_json::json!([k.key(), k.label()])).collect::<Vec<_>>(),
        });
        files.push(file("meta.json", meta.to_string().into_bytes()));
        let regions: Vec<serde_json::Value> = self
            .regions
            .iter()
            .map(|r| serde_json::json!([r.id, r.name, r.first, r.end]))
            .collect();
        files.push(file(
            "regions.json",
            serde_json::Value::from(regions).to_string().into_bytes(),
        ));
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }
}

fn file(path: &str, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        path: format!("{FOLDER}/{path}"),
        contents: Contents::Bytes(bytes),
    }
}

/// A list's entries, in page order.
fn read_list(list: &List) -> Vec<Read> {
    let mut r = format::Reader::new(&list.entries);
    let mut out = Vec::with_capacity(list.pages as usize);
    let mut at = 0;
    // The bytes were written by `Builder::add` just above; a short read ends the list.
    while let (Some(page), Some(flags), Some(count), Some(first), Some(len)) =
        (r.number(), r.byte(), r.number(), r.number(), r.number())
    {
        let len = len as usize;
        out.push(Read {
            posting: Posting {
                page: page as u32,
                flags,
                count: count as u32,
                first: first as u32,
            },
            positions: at..at + len,
        });
        at += len;
    }
    if !list.in_order {
        out.sort_by_key(|e| e.posting.page);
    }
    out
}

/// The files of one shard: its token file, its position file, and the files of its
/// frequent tokens.
fn shard_files(shard: u32, lists: &[List]) -> Vec<OutputFile> {
    let mut tokens = Vec::new();
    let mut positions = Vec::new();
    let mut own = Vec::new();
    put(&mut tokens, lists.len() as u64);
    put(&mut positions, lists.len() as u64);
    let mut owned = 0;
    for list in lists {
        let entries = read_list(list);
        let postings: Vec<Posting> = entries.iter().map(|e| e.posting).collect();
        let mut encoded = Vec::new();
        format::put_postings(&mut encoded, &postings);
        put(&mut tokens, list.token.len() as u64);
        tokens.extend_from_slice(list.token.as_bytes());
        put(&mut tokens, u64::from(list.pages));
        if encoded.len() > OWN_FILE {
            tokens.push(1);
            put(&mut tokens, owned);
            own.push(file(&format!("t/{shard}-{owned}.bin"), encoded));
            // Blocks of positions, each from its first page on.
            let mut blocks: Vec<(u32, Vec<u8>)> = Vec::new();
            for e in &entries {
                if blocks
                    .last()
                    .is_none_or(|(_, bytes)| bytes.len() >= POSITION_BLOCK)
                {
                    blocks.push((e.posting.page, Vec::new()));
                }
                if let Some((_, bytes)) = blocks.last_mut() {
                    bytes.extend_from_slice(&list.positions[e.positions.clone()]);
                }
            }
            put(&mut tokens, blocks.len() as u64);
            let mut last = 0;
            for (n, (first, bytes)) in blocks.into_iter().enumerate() {
                put(&mut tokens, u64::from(first - last));
                last = first;
                own.push(file(&format!("p/{shard}-{owned}-{n}.bin"), bytes));
            }
            put(&mut positions, 0);
            owned += 1;
        } else {
            tokens.push(0);
            put(&mut tokens, encoded.len() as u64);
            tokens.extend_from_slice(&encoded);
            let mut bytes = Vec::new();
            for e in &entries {
                bytes.extend_from_slice(&list.positions[e.positions.clone()]);
            }
            put(&mut positions, bytes.len() as u64);
            positions.extend_from_slice(&bytes);
        }
    }
    let mut out = vec![
        file(&format!("t/{shard}.bin"), tokens),
        file(&format!("p/{shard}.bin"), positions),
    ];
    out.extend(own);
    out
}

/// `pg/<block>.json` files: per page `[url, title, kind, region number or null, chunk
/// starts, region name or null]`.
fn page_files(records: &[Record]) -> Vec<OutputFile> {
    records
        .chunks(PAGE_BLOCK as usize)
        .enumerate()
        .map(|(block, rows)| {
            let rows: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    serde_json::json!([
                        r.url,
                        r.title,
                        r.kind as u8,
                        r.region,
                        r.chunks,
                        r.region_name
                    ])
                })
                .collect();
            file(
                &format!("pg/{block}.json"),
                serde_json::Value::from(rows).to_string().into_bytes(),
            )
        })
        .collect()
}

/// The text chunk files of page `page`.
pub fn chunk_files(page: u32, chunks: Vec<Vec<u8>>) -> Vec<OutputFile> {
    chunks
        .into_iter()
        .enumerate()
        .map(|(n, bytes)| OutputFile {
            path: format::chunk_path(page, n),
            contents: Contents::Bytes(bytes),
        })
        .collect()
}
