//! Lines and characters of the imported text: a line with its number in the source,
//! what counts as a Chinese character or as punctuation that closes a sentence, and
//! how two pieces broken apart by a line or page break are put together again.

/// One line of the source text, with its 1-based number there. A line made by joining
/// lines keeps the number of its first line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

impl Line {
    pub fn new(no: usize, text: impl Into<String>) -> Self {
        Self {
            no,
            text: text.into(),
        }
    }

    /// The text without layout whitespace at either end (spaces, tabs, U+3000).
    pub fn trimmed(&self) -> &str {
        trim(&self.text)
    }

    /// No text; a line with only a tab is an empty table cell, not a blank line.
    pub fn is_blank(&self) -> bool {
        !self.is_cell() && self.trimmed().is_empty()
    }

    /// A cell of a table written one cell per line: the line starts with a tab.
    pub fn is_cell(&self) -> bool {
        self.text.starts_with('\t')
    }

    /// A row of a table written one row per line: cells separated by tabs.
    pub fn is_tab_row(&self) -> bool {
        !self.is_cell() && !self.is_blank() && self.trimmed().contains('\t')
    }
}

pub fn trim(s: &str) -> &str {
    s.trim_matches(char::is_whitespace)
}

/// A Chinese character (CJK unified ideographs and their extensions, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '〇')
}

/// Full-width punctuation as Chinese text uses it (、，。“”《》（）…).
pub fn is_wide_punct(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{FE10}'..='\u{FE6F}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// A character of Chinese running text: a Chinese character or full-width punctuation.
pub fn is_wide(c: char) -> bool {
    is_han(c) || is_wide_punct(c)
}

/// Punctuation after which a paragraph may end: a sentence end, a closing quote or
/// bracket. A paragraph ending with anything else was broken off.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '；'
            | '：'
            | '…'
            | '”'
            | '’'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '!'
            | '?'
            | ';'
            | ':'
            | ')'
            | '.'
    )
}

/// Punctuation that shows a line is running text, not a title.
pub fn is_sentence_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '，' | '、' | '；' | '：' | '！' | '？' | ',' | ';' | ':'
    )
}

pub fn has_sentence_punct(s: &str) -> bool {
    s.chars().any(is_sentence_punct)
}

/// Joins two pieces of one text broken by a line break: directly when either side is
/// Chinese, with one space between two Latin words.
pub fn join_pieces(a: &str, b: &str) -> String {
    let a = trim(a);
    let b = trim(b);
    let direct = a.is_empty()
        || b.is_empty()
        || a.chars().next_back().is_some_and(is_wide)
        || b.chars().next().is_some_and(is_wide);
    if direct {
        format!("{a}{b}")
    } else {
        format!("{a} {b}")
    }
}

/// The first `n` characters, with … when there are more.
pub fn head(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

/// The last `n` characters, with … before them when there are more.
pub fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    let mut out = String::from("…");
    out.extend(s.chars().skip(count - n));
    out
}

/// A small count in Chinese (两行, 三列); larger ones in digits.
pub fn chinese_count(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('知') && !is_han('，') && !is_han('a'));
        assert!(is_wide('，') && is_wide('“') && is_wide('知') && !is_wide('1'));
        assert!(is_closing('。') && is_closing('）') && !is_closing('，') && !is_closing('知'));
    }

    #[test]
    fn joins_chinese_directly_and_latin_with_a_space() {
        assert_eq!(join_pieces("知", "识产权"), "知识产权");
        assert_eq!(join_pieces("PCT", "international"), "PCT international");
        assert_eq!(join_pieces("PCT ", "国际"), "PCT国际");
    }

    #[test]
    fn heads_and_tails_count_characters() {
        assert_eq!(head("知识产权", 2), "知识…");
        assert_eq!(tail("知识产权", 2), "…产权");
        assert_eq!(tail("知识", 2), "知识");
    }

    #[test]
    fn line_shapes() {
        assert!(Line::new(1, "\t序号").is_cell());
        assert!(Line::new(1, "1\t指标\t2025年").is_tab_row());
        assert!(Line::new(1, " \u{3000}").is_blank());
        assert!(!Line::new(1, "\t").is_blank());
    }
}
