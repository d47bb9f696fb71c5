//! Which characters are Chinese, Japanese or Korean, and which are punctuation, as the
//! two rules planpub applies to Chinese text need them: the CJK-friendly amendments to
//! CommonMark's emphasis ([`super::markdown`]) and the segment-break rule of CSS Text
//! Level 3 for soft line breaks (`render::markdown`). The tables come from the Unicode
//! Character Database ([`super::cjk_tables`], written by scripts/unicode_tables.py).

use super::cjk_tables::{AMBIGUOUS, EMOJI_PRESENTATION, HANGUL, PUNCTUATION, WIDE};

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// A Unicode punctuation character of CommonMark 0.31: general category P or S.
pub fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    in_table(PUNCTUATION, c)
}

/// East Asian Width F, W or H: a character set full width in East Asian text.
pub fn is_wide(c: char) -> bool {
    !c.is_ascii() && in_table(WIDE, c)
}

pub fn is_hangul(c: char) -> bool {
    !c.is_ascii() && in_table(HANGUL, c)
}

/// A CJK character of the amendments: wide and not shown as an emoji by default, or
/// Hangul (Korean is written with spaces, but its particles follow emphasis directly).
pub fn is_cjk(c: char) -> bool {
    (is_wide(c) && !in_table(EMOJI_PRESENTATION, c)) || is_hangul(c)
}

/// A variation selector that may follow a CJK character: U+FE00 to U+FE0E (U+FE0F
/// asks for an emoji).
pub fn is_text_variation_selector(c: char) -> bool {
    ('\u{FE00}'..='\u{FE0E}').contains(&c)
}

/// An ideographic variation selector (U+E0100 to U+E01EF): only follows ideographs.
pub fn is_ideographic_variation_selector(c: char) -> bool {
    ('\u{E0100}'..='\u{E01EF}').contains(&c)
}

/// Whether a soft line break between `before` and `after`, in Chinese text, is dropped
/// rather than shown as a space: the segment break transformation rules of CSS Text
/// Level 3, with the writing system Chinese (planpub's sites are). Chromium does not
/// apply them, so planpub does when it writes the HTML.
pub fn drops_segment_break(before: char, after: char) -> bool {
    const ZWSP: char = '\u{200B}';
    let east_asian = |c: char| is_wide(c) && !is_hangul(c);
    // “ ” ‘ ’ and … are ambiguous in width; beside a Chinese character they are
    // Chinese punctuation.
    let ambiguous_punctuation = |c: char| is_punctuation(c) && in_table(AMBIGUOUS, c);
    before == ZWSP
        || after == ZWSP
        || (east_asian(before) && east_asian(after))
        || (ambiguous_punctuation(before) && east_asian(after))
        || (east_asian(before) && ambiguous_punctuation(after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_and_punctuation_are_cjk() {
        for c in "中文。，、；：？！（）《》【】「」『』〔〕１Ａ％".chars()
        {
            assert!(is_cjk(c), "{c}");
        }
        for c in "。，、；：？！（）《》【】".chars() {
            assert!(is_punctuation(c), "{c}");
        }
        // Curly quotes are ambiguous in width, so not CJK: punctuation of either script.
        for c in "“”‘’".chars() {
            assert!(is_punctuation(c) && !is_cjk(c), "{c}");
        }
        for c in "aZ9 é".chars() {
            assert!(!is_cjk(c) && !is_punctuation(c), "{c}");
        }
        assert!(is_cjk('한') && is_hangul('한'));
        // Emoji are wide but not CJK; the yen sign is punctuation (a symbol).
        assert!(is_wide('😀') && !is_cjk('😀'));
        assert!(is_punctuation('¥') && is_punctuation('$') && is_punctuation('~'));
    }

    #[test]
    fn segment_breaks_drop_between_wide_characters_only() {
        assert!(drops_segment_break('字', '文'));
        assert!(drops_segment_break('。', '文'));
        assert!(drops_segment_break('字', '（'));
        assert!(!drops_segment_break('a', 'b'));
        assert!(!drops_segment_break('字', 'a'));
        assert!(!drops_segment_break('a', '字'));
        // Korean keeps its spaces; a zero-width space asks for no space.
        assert!(!drops_segment_break('한', '국'));
        assert!(drops_segment_break('a', '\u{200B}'));
        // Chinese punctuation of ambiguous width, beside a Chinese character.
        assert!(drops_segment_break('字', '“') && drops_segment_break('”', '字'));
        assert!(!drops_segment_break('a', '“') && !drops_segment_break('“', '“'));
    }
}
