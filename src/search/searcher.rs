//! Runs a query on the index's files, as `search.js` does in the browser: the same
//! tokens, the same files fetched, the same ranking. The tests run the query list of
//! `tests/search-queries.json` through it, and the browser gate runs the same list
//! through the site's own search page, so the two searchers cannot drift apart.
//!
//! Ranking, per query word, summed over the words and weighed by the kind of page:
//! the word's weight (the sum of its tokens' idf) times
//! log2(1 + times the word occurs) + mean of s(each token's count) + 3 if the word
//! is in the title, + 8 if it is the whole title or another name of what the page is
//! about, + 3 if it is in the name of the page's region, + 1 if it is in a heading, where s(n) = n / (n + 1.2). A long plan that uses a term forty times
//! thus outweighs a short page that has it in its title once. Lists (the home page, the lists of plans, regions,
//! indicators and units) weigh half, so a plan's own page comes before a list that
//! names it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::format::{self, Entry, HEADING, Posting, REGION, TITLE};
use super::{FOLDER, Kind, tokens};

/// Where the index's files are read from: a built site's folder, or a preview's files.
pub trait Source {
    /// A file of the index by its path under `search-index/`.
    fn get(&self, path: &str) -> Option<Vec<u8>>;
}

/// A built site's output folder.
pub struct Folder(pub PathBuf);

impl Source for Folder {
    fn get(&self, path: &str) -> Option<Vec<u8>> {
        std::fs::read(self.0.join(FOLDER).join(path)).ok()
    }
}

impl<S: std::hash::BuildHasher> Source for HashMap<String, std::sync::Arc<[u8]>, S> {
    fn get(&self, path: &str) -> Option<Vec<u8>> {
        HashMap::get(self, &format!("{FOLDER}/{path}")).map(|b| b.to_vec())
    }
}

/// A word of a query and the tokens it is looked up by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub tokens: Vec<(String, u32)>,
    /// In quotation marks: only pages with the words together match.
    pub quoted: bool,
}

/// Splits a query into words at spaces; text in quotation marks ("", “”, 「」, 『』)
/// is one quoted word.
pub fn parse(query: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut closing: Option<char> = None;
    let flush = |text: &mut String, quoted: bool, words: &mut Vec<Word>| {
        let tokens = tokens::query_tokens(text);
        if !tokens.is_empty() {
            words.push(Word {
                text: text.trim().to_string(),
                tokens,
                quoted,
            });
        }
        text.clear();
    };
    for c in query.chars() {
        match closing {
            Some(end) if c == end => {
                flush(&mut current, true, &mut words);
                closing = None;
            }
            Some(_) => current.push(c),
            None => {
                let end = match c {
                    '"' => Some('"'),
                    '“' => Some('”'),
                    '「' => Some('」'),
                    '『' => Some('』'),
                    _ => None,
                };
                if end.is_some() || c.is_whitespace() {
                    flush(&mut current, false, &mut words);
                    closing = end;
                } else {
                    current.push(c);
                }
            }
        }
    }
    let quoted = closing.is_some();
    flush(&mut current, quoted, &mut words);
    words
}

/// What a search is narrowed to; empty means everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kinds: Vec<Kind>,
    /// Region ids.
    pub regions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub page: u32,
    pub url: String,
    pub title: String,
    pub kind: Kind,
    pub score: f64,
}

/// The results of a query, best first, and every file it read.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub fetched: Vec<String>,
}

/// Why a query could not be answered: a file of the index is missing or malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the search index file {0} is missing or malformed")]
pub struct Broken(pub String);

struct Index<'a> {
    source: &'a dyn Source,
    fetched: BTreeMap<String, Vec<u8>>,
    shards: u32,
    pages: u32,
    page_block: u32,
}

impl Index<'_> {
    fn file(&mut self, path: &str) -> Result<&[u8], Broken> {
        if !self.fetched.contains_key(path) {
            let bytes = self
                .source
                .get(path)
                .ok_or_else(|| Broken(path.to_string()))?;
            self.fetched.insert(path.to_string(), bytes);
        }
        Ok(&self.fetched[path])
    }

    /// A token's page list and where it is kept; `None` when no page has it.
    fn postings(&mut self, token: &str) -> Result<Option<(Vec<Posting>, Place)>, Broken> {
        let shard = tokens::shard(token, self.shards);
        let path = format!("t/{shard}.bin");
        let bytes = self.file(&path)?.to_vec();
        let entries = format::read_shard(&bytes).ok_or_else(|| Broken(path.clone()))?;
        let Some((index, (_, _, entry))) =
            entries.iter().enumerate().find(|(_, (t, _, _))| t == token)
        else {
            return Ok(None);
        };
        let (list, place) = match entry {
            Entry::Inline(list) => (list.to_vec(), Place::Shard { shard, index }),
            Entry::Own(n, blocks) => {
                let own = format!("t/{shard}-{n}.bin");
                let place = Place::Own {
                    shard,
                    n: *n,
                    blocks: blocks.clone(),
                };
                (self.file(&own)?.to_vec(), place)
            }
        };
        let postings = format::read_postings(&list).ok_or(Broken(path))?;
        Ok(Some((postings, place)))
    }

    /// The positions of `token` on each of `pages` (page numbers in `postings`).
    fn positions(
        &mut self,
        postings: &[Posting],
        place: &Place,
        pages: &[u32],
    ) -> Result<HashMap<u32, Vec<u32>>, Broken> {
        let mut out = HashMap::new();
        match *place {
            Place::Shard { shard, index } => {
                let path = format!("p/{shard}.bin");
                let bytes = self.file(&path)?.to_vec();
                let lists = format::read_shard_positions(&bytes).ok_or(Broken(path.clone()))?;
                let bytes = lists.get(index).ok_or(Broken(path.clone()))?;
                let counts: Vec<u32> = postings.iter().map(|p| p.count).collect();
                let split = format::read_positions(bytes, &counts).ok_or(Broken(path))?;
                for (p, list) in postings.iter().zip(split) {
                    if pages.binary_search(&p.page).is_ok() {
                        out.insert(p.page, list);
                    }
                }
            }
            Place::Own {
                shard,
                n,
                ref blocks,
            } => {
                // The block a page's positions are in: the last that starts at or before it.
                let block_of = |page: u32| {
                    blocks
                        .partition_point(|&first| first <= page)
                        .saturating_sub(1)
                };
                let mut wanted: Vec<usize> = pages.iter().map(|&p| block_of(p)).collect();
                wanted.dedup();
                for block in wanted {
                    let in_block: Vec<&Posting> = postings
                        .iter()
                        .filter(|p| block_of(p.page) == block)
                        .collect();
                    let counts: Vec<u32> = in_block.iter().map(|p| p.count).collect();
                    if counts.iter().all(|&c| c == 0) {
                        continue;
                    }
                    let path = format!("p/{shard}-{n}-{block}.bin");
                    let bytes = self.file(&path)?.to_vec();
                    let split = format::read_positions(&bytes, &counts).ok_or(Broken(path))?;
                    for (p, list) in in_block.into_iter().zip(split) {
                        if pages.binary_search(&p.page).is_ok() {
                            out.insert(p.page, list);
                        }
                    }
                }
            }
        }
        Ok(out)
    }
}

enum Place {
    Shard {
        shard: u32,
        index: usize,
    },
    Own {
        shard: u32,
        n: u32,
        blocks: Vec<u32>,
    },
}

fn saturate(n: f64) -> f64 {
    n / (n + 1.2)
}

fn prior(kind: Kind) -> f64 {
    match kind {
        Kind::List => 0.5,
        _ => 1.0,
    }
}

/// Pages of one word's tokens: per token its page list, where it is kept, its offset
/// in the word, and whether it has positions (a single Han character has none).
struct WordLists {
    lists: Vec<(Vec<Posting>, Place, u32, bool)>,
}

/// Runs `query` narrowed by `filter`.
pub fn search(source: &dyn Source, query: &str, filter: &Filter) -> Result<Found, Broken> {
    let words = parse(query);
    let mut index = Index {
        source,
        fetched: BTreeMap::new(),
        shards: 1,
        pages: 0,
        page_block: format::PAGE_BLOCK,
    };
    let meta: serde_json::Value =
        serde_json::from_slice(index.file("meta.json")?).map_err(|_| Broken("meta.json".into()))?;
    let number = |key: &str| {
        meta[key]
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|&n| n > 0)
            .ok_or_else(|| Broken("meta.json".into()))
    };
    index.shards = number("shards")?;
    index.pages = number("pages")?;
    index.page_block = number("pageBlock")?;
    if words.is_empty() {
        return Ok(Found::default());
    }
    let ranges = region_ranges(&mut index, filter)?;
    let mut per_word = Vec::new();
    let mut named = Vec::new();
    for word in &words {
        let joined: String = tokens::units(&word.text)
            .into_iter()
            .map(|u| u.text)
            .collect();
        named.push(match index.postings(&format::name_token(&joined))? {
            Some((postings, _)) => postings.iter().map(|p| p.page).collect(),
            None => Vec::new(),
        });
        let mut lists = Vec::new();
        for (token, offset) in &word.tokens {
            match index.postings(token)? {
                Some((postings, place)) => {
                    lists.push((postings, place, *offset, format::has_positions(token)));
                }
                None => {
                    return Ok(Found {
                        hits: Vec::new(),
                        fetched: index.fetched.into_keys().collect(),
                    });
                }
            }
        }
        per_word.push(WordLists { lists });
    }
    // Pages with every token of every word, narrowed by the filter.
    let mut candidates: Vec<u32> = per_word[0].lists[0].0.iter().map(|p| p.page).collect();
    for word in &per_word {
        for (list, ..) in &word.lists {
            candidates.retain(|page| list.binary_search_by_key(page, |p| p.page).is_ok());
        }
    }
    candidates.retain(|&page| {
        let kind_ok = filter.kinds.is_empty()
            || posting(&per_word[0].lists[0].0, page)
                .and_then(|p| Kind::from_number(p.flags >> 4))
                .is_some_and(|k| filter.kinds.contains(&k));
        let region_ok = ranges.is_empty() || ranges.iter().any(|r| r.contains(&page));
        kind_ok && region_ok
    });
    let mut scores: HashMap<u32, f64> = candidates.iter().map(|&p| (p, 0.0)).collect();
    for ((word, lists), named) in words.iter().zip(&per_word).zip(&named) {
        let placed = lists.lists.iter().filter(|l| l.3).count();
        let phrases = if placed > 1 || (placed == 1 && lists.lists.len() > 1) {
            Some(phrase_counts(&mut index, lists, &candidates)?)
        } else {
            None
        };
        let weight: f64 = lists
            .lists
            .iter()
            .map(|(postings, ..)| idf(index.pages, postings.len()))
            .sum();
        for &page in &candidates {
            let found: Vec<Posting> = lists
                .lists
                .iter()
                .filter_map(|(postings, ..)| posting(postings, page).copied())
                .collect();
            let all = |flag: u8| found.iter().all(|p| p.flags & flag != 0);
            let together = match &phrases {
                Some(counts) => counts.get(&page).copied().unwrap_or(0),
                None => found[0].count,
            };
            if word.quoted && together == 0 {
                scores.remove(&page);
                continue;
            }
            // The title comes first on a page, so a token in the title first occurs
            // there: the word is in the title when those first places line up.
            let in_title = all(TITLE)
                && found
                    .iter()
                    .zip(&lists.lists)
                    .all(|(p, (_, _, offset, _))| p.first == found[0].first + offset);
            let mean = found
                .iter()
                .map(|p| saturate(f64::from(p.count)))
                .sum::<f64>()
                / found.len() as f64;
            let mut s = (1.0 + f64::from(together)).log2() + mean;
            if in_title {
                s += 3.0;
            }
            if named.binary_search(&page).is_ok() {
                s += 8.0;
            }
            if all(REGION) {
                s += 3.0;
            }
            if all(HEADING) {
                s += 1.0;
            }
            let kind = Kind::from_number(found[0].flags >> 4).unwrap_or(Kind::List);
            if let Some(score) = scores.get_mut(&page) {
                *score += weight * s * prior(kind);
            }
        }
    }
    let mut ranked: Vec<(u32, f64)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut hits = Vec::with_capacity(ranked.len());
    for (page, score) in ranked {
        let block = page / index.page_block;
        let path = format!("pg/{block}.json");
        let rows: serde_json::Value =
            serde_json::from_slice(index.file(&path)?).map_err(|_| Broken(path.clone()))?;
        let row = &rows[(page % index.page_block) as usize];
        hits.push(Hit {
            page,
            url: row[0].as_str().ok_or(Broken(path.clone()))?.to_string(),
            title: row[1].as_str().ok_or(Broken(path.clone()))?.to_string(),
            kind: row[2]
                .as_u64()
                .and_then(|k| Kind::from_number(k as u8))
                .ok_or(Broken(path))?,
            score,
        });
    }
    Ok(Found {
        hits,
        fetched: index.fetched.into_keys().collect(),
    })
}

fn idf(pages: u32, with: usize) -> f64 {
    let n = f64::from(pages);
    let df = with as f64;
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

fn posting(list: &[Posting], page: u32) -> Option<&Posting> {
    list.binary_search_by_key(&page, |p| p.page)
        .ok()
        .map(|i| &list[i])
}

/// The ranges of page numbers of the regions the filter names.
fn region_ranges(index: &mut Index, filter: &Filter) -> Result<Vec<std::ops::Range<u32>>, Broken> {
    if filter.regions.is_empty() {
        return Ok(Vec::new());
    }
    let regions: serde_json::Value = serde_json::from_slice(index.file("regions.json")?)
        .map_err(|_| Broken("regions.json".into()))?;
    let mut out = Vec::new();
    for region in regions.as_array().into_iter().flatten() {
        if filter
            .regions
            .iter()
            .any(|id| region[0].as_str() == Some(id))
        {
            let first = region[2].as_u64().unwrap_or(0) as u32;
            let end = region[3].as_u64().unwrap_or(0) as u32;
            out.push(first..end);
        }
    }
    if out.is_empty() {
        // A region that has no pages: nothing matches, rather than everything.
        out.push(0..0);
    }
    Ok(out)
}

/// How many times the word's tokens stand at their offsets on each candidate page.
fn phrase_counts(
    index: &mut Index,
    word: &WordLists,
    candidates: &[u32],
) -> Result<HashMap<u32, u32>, Broken> {
    // Single Han characters have no positions; the pairs and words around them
    // place the phrase.
    let mut positions = Vec::new();
    for (postings, place, offset, _) in word.lists.iter().filter(|l| l.3) {
        positions.push((index.positions(postings, place, candidates)?, *offset));
    }
    let mut out = HashMap::new();
    for &page in candidates {
        let Some((first, base)) = positions
            .first()
            .and_then(|(l, o)| Some((l.get(&page)?, *o)))
        else {
            continue;
        };
        let count = first
            .iter()
            .filter(|&&at| {
                let Some(start) = at.checked_sub(base) else {
                    return false;
                };
                positions[1..].iter().all(|(lists, offset)| {
                    lists
                        .get(&page)
                        .is_some_and(|l| l.binary_search(&(start + offset)).is_ok())
                })
            })
            .count();
        out.insert(page, count as u32);
    }
    Ok(out)
}

/// Runs the query on a built site's folder.
pub fn search_folder(output: &Path, query: &str, filter: &Filter) -> Result<Found, Broken> {
    search(&Folder(output.to_path_buf()), query, filter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_make_one_word_and_spaces_split_words() {
        let words = parse("大足 “高价值发明专利” \"PCT 申请\"");
        let texts: Vec<(&str, bool)> = words.iter().map(|w| (w.text.as_str(), w.quoted)).collect();
        assert_eq!(
            texts,
            [
                ("大足", false),
                ("高价值发明专利", true),
                ("PCT 申请", true)
            ]
        );
        assert!(parse(" ，。 ").is_empty());
    }
}
