//! 发文字号 (document numbers) as official documents write them: an issuer's short
//! name, the year in brackets, a serial number and 号 (渝府办发〔2022〕30号). One
//! definition for the importer, which reads them out of copied text, and for the model,
//! which refuses one in a field other than `doc_number`.

/// The brackets a document number's year stands in, each with its closing partner.
/// Sites write 〔〕 (the standard), ﹝﹞, [], ［］, 【】 and, rarely, round brackets.
const BRACKETS: [(char, char); 7] = [
    ('〔', '〕'),
    ('﹝', '﹞'),
    ('[', ']'),
    ('［', '］'),
    ('【', '】'),
    ('（', '）'),
    ('(', ')'),
];

fn closing(open: char) -> Option<char> {
    BRACKETS.iter().find(|(o, _)| *o == open).map(|(_, c)| *c)
}

/// Whether `chars[i..]` opens with a four-digit year in brackets (〔2022〕).
fn bracketed_year_at(chars: &[char], i: usize) -> bool {
    let Some(close) = chars.get(i).and_then(|&c| closing(c)) else {
        return false;
    };
    chars
        .get(i + 1..i + 5)
        .is_some_and(|y| y.iter().all(char::is_ascii_digit))
        && chars.get(i + 5) == Some(&close)
}

/// Whether `s` is a document number and nothing else: `大足府发〔2025〕12号`.
pub fn is_doc_number(s: &str) -> bool {
    let chars: Vec<char> = s.trim().chars().collect();
    let Some(open) = chars.iter().position(|&c| closing(c).is_some()) else {
        return false;
    };
    let number = chars
        .get(open + 6..chars.len().saturating_sub(1))
        .unwrap_or(&[]);
    (1..=12).contains(&open)
        && bracketed_year_at(&chars, open)
        && chars.last() == Some(&'号')
        && !number.is_empty()
        && number.iter().all(char::is_ascii_digit)
}

/// Whether a year in square or tortoise-shell brackets (〔2022〕, [2022], ﹝2022﹞)
/// stands anywhere in `s`: the mark of a document number, even when cut off. Round
/// brackets do not count, since running text puts years in them (（2022—2025年）).
pub fn has_bracketed_year(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len()).any(|i| !matches!(chars[i], '（' | '(') && bracketed_year_at(&chars, i))
}

/// The first whole document number in `text`, with the issuer's short name before its
/// bracket: `某府办发〔2022〕30号各镇人民政府` gives `某府办发〔2022〕30号`.
pub fn find_in(text: &str) -> Option<&str> {
    let indexed: Vec<(usize, char)> = text.char_indices().collect();
    let chars: Vec<char> = indexed.iter().map(|&(_, c)| c).collect();
    for (i, &(start, _)) in indexed.iter().enumerate() {
        if !bracketed_year_at(&chars, i) {
            continue;
        }
        let digits = chars[i + 6..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits > 0
            && let Some(&(end, '号')) = indexed.get(i + 6 + digits)
        {
            // Back to the start of the issuer's short name (渝府办发) before the bracket.
            let from = text[..start]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| !c.is_whitespace() && !"，。；：、".contains(c))
                .last()
                .map_or(start, |(j, _)| j);
            return Some(&text[from..end + '号'.len_utf8()]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers() {
        assert!(is_doc_number("大足府发〔2025〕12号"));
        assert!(is_doc_number("渝府办发[2024]3号"));
        assert!(!is_doc_number("〔2025〕12号"));
        assert!(!is_doc_number("大足府发〔2025〕号"));
        assert!(!is_doc_number("12号"));
    }

    #[test]
    fn numbers_in_text() {
        assert_eq!(
            find_in("某府办发〔2022〕30号各镇人民政府"),
            Some("某府办发〔2022〕30号")
        );
        assert_eq!(find_in("国发[2021]5号"), Some("国发[2021]5号"));
        assert_eq!(find_in("各镇人民政府，各街道办事处"), None);
        assert_eq!(find_in("〔2022〕"), None);
        assert!(has_bracketed_year("﹝2022﹞"));
        assert!(!has_bracketed_year("（2022—2025年）"));
    }
}
