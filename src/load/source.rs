//! Reading one file into a [`SourceFile`]: size limit, UTF-8 check, byte-order mark,
//! and no control characters but tab, line feed and carriage return.

use std::path::Path;
use std::sync::Arc;

use super::LoadError;
use crate::diagnostic::{Location, SourceFile};

/// No content or template file is anywhere near this; a larger one is a mistake
/// (a pasted binary, a runaway export) and is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

pub fn read(root: &Path, path: &Path) -> Result<Arc<SourceFile>, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    decode(root, path, &bytes)
}

/// A file's bytes as text: a byte-order mark dropped, anything but UTF-8 refused, and a
/// control character other than tab, line feed or carriage return refused: a NUL or a
/// form feed in a plan means a damaged file or a paste from a binary document, and
/// would otherwise be published as it is. (The size is checked by [`read`] before the
/// bytes are read.)
pub(crate) fn decode(root: &Path, path: &Path, bytes: &[u8]) -> Result<Arc<SourceFile>, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let file = SourceFile::new(root, path, text);
            match control_character(&file.text) {
                Some((at, c)) => Err(LoadError::ControlCharacter {
                    at: Location::new(&file, at..at + c.len_utf8()),
                    code: format!("U+{:04X}", u32::from(c)),
                }),
                None => Ok(file),
            }
        }
        Err(e) => {
            // Keep what is readable so the editor sees where the bad byte is.
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let valid = e.valid_up_to();
            let file = SourceFile::new(root, path, lossy);
            let start = valid.min(file.text.len());
            Err(LoadError::NotUtf8 {
                at: Location::new(&file, start..start),
            })
        }
    }
}

/// The first control character (Unicode category Cc) that is not tab, line feed or
/// carriage return, and where it is.
fn control_character(text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> Result<Arc<SourceFile>, LoadError> {
        decode(
            Path::new("/site"),
            Path::new("/site/content/plans/a/index.md"),
            bytes,
        )
    }

    #[test]
    fn tabs_and_both_line_ends_are_text() {
        assert!(decoded("---\r\ntitle: 规划\t一\n---\n正文\n".as_bytes()).is_ok());
    }

    #[test]
    fn a_control_character_is_an_error_at_its_line_and_column() {
        for (text, code) in [
            ("---\ntitle: x\n---\n第一段\n第二\u{0}段\n", "U+0000"),
            ("---\ntitle: x\n---\n第一段\n第二\u{c}段\n", "U+000C"),
            ("---\ntitle: x\n---\n第一段\n第二\u{7f}段\n", "U+007F"),
            ("---\ntitle: x\n---\n第一段\n第二\u{85}段\n", "U+0085"),
        ] {
            let Err(LoadError::ControlCharacter { at, code: found }) = decoded(text.as_bytes())
            else {
                panic!("{code} was accepted");
            };
            assert_eq!(found, code);
            assert_eq!(at.line_col(), (5, 3), "{code}");
        }
    }

    #[test]
    fn the_error_names_the_file_the_line_and_the_character() {
        let Err(e) = decoded("---\ntitle: x\n---\n正文\u{0}\n".as_bytes()) else {
            panic!("accepted");
        };
        let shown = crate::diagnostic::Report::new(e).one_line();
        assert!(shown.contains("content/plans/a/index.md:4:3"), "{shown}");
        assert!(shown.contains("U+0000"), "{shown}");
    }
}
