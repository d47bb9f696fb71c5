//! How text becomes search tokens, the same for pages and queries: every Han character
//! is a token of its own and, with the Han character after it, a two-character token;
//! a run of letters or digits is one lower-case token. No dictionary decides where a
//! Chinese word ends, so a page and a query can never be split differently, and a
//! word of n characters is found as n − 1 pairs at consecutive positions.
//!
//! `themes/default/static/search.js` does the same in the browser; the two are kept
//! in step by the query list that both the Rust searcher and the browser gate run.

/// A unit of text: one Han character or one run of letters and digits. Units are
/// numbered from 0; characters between them (spaces, punctuation) take no number but
/// end a run of Han characters, so no pair spans them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub text: String,
    pub han: bool,
    /// Whether a Han unit is followed at once by another Han unit.
    pub joined: bool,
}

/// Whether `c` is a Han character (CJK ideographs and their extensions, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Full-width Latin letters and digits (ＰＣＴ, ２０２５) read as their ASCII forms,
/// and letters in lower case, so that either spelling finds the other.
pub fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    };
    if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// The units of `text`, in order. A decimal point between digits stays in its number
/// (44.42 is one unit), so a value is found as it is written.
pub fn units(text: &str) -> Vec<Unit> {
    let chars: Vec<char> = text.chars().map(fold).collect();
    let mut out: Vec<Unit> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_han(c) {
            let joined = chars.get(i + 1).is_some_and(|&n| is_han(n));
            out.push(Unit {
                text: c.to_string(),
                han: true,
                joined,
            });
            i += 1;
        } else if is_word(c) {
            let start = i;
            while i < chars.len()
                && (is_word(chars[i])
                    || (chars[i] == '.'
                        && chars[i - 1].is_ascii_digit()
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            out.push(Unit {
                text: chars[start..i].iter().collect(),
                han: false,
                joined: false,
            });
        } else {
            i += 1;
        }
    }
    out
}

/// A token and the number of the unit it starts at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub at: u32,
    /// A single Han character: found by page, without positions (a pair says where).
    pub single: bool,
}

/// Every token of `text`, numbering its units from `start`. Returns the tokens and
/// the number of units read.
pub fn tokens(text: &str, start: u32) -> (Vec<Token>, u32) {
    let units = units(text);
    let mut out = Vec::with_capacity(units.len() * 2);
    for (i, unit) in units.iter().enumerate() {
        let at = start + i as u32;
        if unit.han {
            out.push(Token {
                text: unit.text.clone(),
                at,
                single: true,
            });
            if unit.joined
                && let Some(next) = units.get(i + 1)
            {
                out.push(Token {
                    text: format!("{}{}", unit.text, next.text),
                    at,
                    single: false,
                });
            }
        } else {
            out.push(Token {
                text: unit.text.clone(),
                at,
                single: false,
            });
        }
    }
    (out, units.len() as u32)
}

/// The tokens a query word is looked up by, with each one's offset from the word's
/// first unit. A run of Han characters gives its pairs at offsets 0, 2, 4 … and the
/// last pair, which together cover every character; one Han character alone gives
/// itself. Letters and digits give themselves.
pub fn query_tokens(word: &str) -> Vec<(String, u32)> {
    let units = units(word);
    let mut out: Vec<(String, u32)> = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let unit = &units[i];
        if !unit.han {
            out.push((unit.text.clone(), i as u32));
            i += 1;
            continue;
        }
        let start = i;
        while i + 1 < units.len() && units[i].joined {
            i += 1;
        }
        let end = i + 1;
        if end - start == 1 {
            out.push((unit.text.clone(), start as u32));
        } else {
            let mut at = start;
            loop {
                let pair = format!("{}{}", units[at].text, units[at + 1].text);
                if !out.iter().any(|(t, o)| t == &pair && *o == at as u32) {
                    out.push((pair, at as u32));
                }
                if at + 2 >= end {
                    break;
                }
                at = (at + 2).min(end - 2);
            }
        }
        i = end;
    }
    out
}

/// The shard a token's entry is in: FNV-1a of its UTF-8 bytes, modulo `shards` (a
/// power of two). The browser computes the same to know which file to fetch.
pub fn shard(token: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in token.as_bytes() {
        hash ^= u32::from(*byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash & (shards - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(String, u32)> {
        tokens(text, 0)
            .0
            .into_iter()
            .map(|t| (t.text, t.at))
            .collect()
    }

    #[test]
    fn han_characters_give_themselves_and_their_pairs() {
        assert_eq!(
            texts("万州区"),
            [
                ("万".into(), 0),
                ("万州".into(), 0),
                ("州".into(), 1),
                ("州区".into(), 1),
                ("区".into(), 2)
            ]
        );
    }

    #[test]
    fn punctuation_ends_a_run_but_takes_no_position() {
        let t = texts("专利，商标");
        assert!(t.contains(&("利".into(), 1)));
        assert!(t.contains(&("商".into(), 2)));
        assert!(!t.iter().any(|(s, _)| s == "利商"));
    }

    #[test]
    fn letters_and_numbers_are_words_in_lower_case() {
        assert_eq!(
            texts("PCT申请2025年44.42件ＧＤＰ"),
            [
                ("pct".into(), 0),
                ("申".into(), 1),
                ("申请".into(), 1),
                ("请".into(), 2),
                ("2025".into(), 3),
                ("年".into(), 4),
                ("44.42".into(), 5),
                ("件".into(), 6),
                ("gdp".into(), 7)
            ]
        );
    }

    #[test]
    fn a_query_word_is_covered_by_pairs_two_apart() {
        assert_eq!(query_tokens("万州"), [("万州".into(), 0)]);
        assert_eq!(
            query_tokens("知识产权"),
            [("知识".into(), 0), ("产权".into(), 2)]
        );
        assert_eq!(
            query_tokens("高价值专利"),
            [("高价".into(), 0), ("值专".into(), 2), ("专利".into(), 3)]
        );
        assert_eq!(query_tokens("万"), [("万".into(), 0)]);
        assert_eq!(
            query_tokens("2025—2027"),
            [("2025".into(), 0), ("2027".into(), 1)]
        );
    }

    #[test]
    fn shards_are_stable() {
        assert_eq!(shard("知识", 1), 0);
        assert_eq!(shard("知识", 4096), shard("知识", 4096));
        assert!(shard("万州", 64) < 64);
    }
}
