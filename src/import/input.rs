//! Reading the plain-text plan: size limit, encoding, line endings, and control
//! characters that are layout rather than text (a form feed is a page break).

use std::path::Path;

use super::ImportError;
use super::text::Line;

/// The text split into lines, and what was changed on the way.
#[derive(Debug, Default)]
pub struct Input {
    pub lines: Vec<Line>,
    /// Control characters removed (other than tab and line breaks).
    pub controls_removed: usize,
    /// Form feeds (page breaks) turned into line breaks.
    pub form_feeds: usize,
}

pub fn read(path: &Path) -> Result<Input, ImportError> {
    let read_err = |source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_err)?.len();
    let limit = crate::load::MAX_FILE_BYTES;
    if size > limit {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
        });
    }
    let bytes = std::fs::read(path).map_err(read_err)?;
    decode(&bytes)
        .map_err(|e| match e {
            Decode::Utf16 => ImportError::Utf16 {
                path: path.to_path_buf(),
            },
            Decode::Binary => ImportError::Binary {
                path: path.to_path_buf(),
            },
            Decode::NotUtf8(offset) => ImportError::NotUtf8 {
                path: path.to_path_buf(),
                offset,
            },
        })
        .map(|text| split(&text))
}

#[derive(Debug, PartialEq, Eq)]
pub enum Decode {
    Utf16,
    Binary,
    NotUtf8(usize),
}

pub fn decode(bytes: &[u8]) -> Result<String, Decode> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Decode::Utf16);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(Decode::Binary);
    }
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|e| Decode::NotUtf8(e.valid_up_to()))
}

/// Splits into lines: CRLF, CR and form feed end a line; other control characters
/// (except tab) are dropped and counted.
pub fn split(text: &str) -> Input {
    let mut input = Input::default();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    let push = |current: &mut String, lines: &mut Vec<Line>| {
        let no = lines.len() + 1;
        lines.push(Line::new(no, std::mem::take(current)));
    };
    while let Some(c) = chars.next() {
        match c {
            '\n' => push(&mut current, &mut input.lines),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                push(&mut current, &mut input.lines);
            }
            '\u{0C}' => {
                input.form_feeds += 1;
                push(&mut current, &mut input.lines);
            }
            '\t' => current.push(c),
            c if c.is_control() => input.controls_removed += 1,
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        push(&mut current, &mut input.lines);
    }
    input
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_or_without_bom() {
        assert_eq!(decode("\u{FEFF}知识".as_bytes()).as_deref(), Ok("知识"));
        assert_eq!(decode(b"\xFF\xFEa\x00"), Err(Decode::Utf16));
        assert_eq!(decode(b"ab\x00c"), Err(Decode::Binary));
        assert_eq!(decode(b"ab\xC3"), Err(Decode::NotUtf8(2)));
        assert_eq!(decode(b""), Ok(String::new()));
    }

    #[test]
    fn splits_lines_and_drops_controls() {
        let input = split("a\r\nb\rc\u{0C}d\u{7}e\n\tf\n");
        let texts: Vec<&str> = input.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "c", "de", "\tf"]);
        assert_eq!(input.lines[4].no, 5);
        assert_eq!((input.controls_removed, input.form_feeds), (1, 1));
        assert!(split("").lines.is_empty());
    }
}
