//! Splitting a Markdown file into its YAML front matter and its body.

use std::sync::Arc;

use super::LoadError;
use crate::diagnostic::{Location, SourceFile};

/// The two parts of a content file, as byte ranges into its text.
#[derive(Debug, Clone)]
pub struct Split {
    pub yaml: std::ops::Range<usize>,
    pub body: std::ops::Range<usize>,
}

/// Finds the `---` fences. CRLF line endings are accepted.
pub fn split(file: &Arc<SourceFile>) -> Result<Split, LoadError> {
    let text = &*file.text;
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Err(LoadError::NoFrontMatter {
            at: Location::new(file, 0..first_end.min(3)),
        });
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == "---" {
            return Ok(Split {
                yaml: first_end..pos,
                body: end..text.len(),
            });
        }
        pos = end;
    }
    Err(LoadError::UnclosedFrontMatter {
        at: Location::new(file, 0..3),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(text: &str) -> Arc<SourceFile> {
        SourceFile::new(Path::new("/"), Path::new("/x.md"), text)
    }

    #[test]
    fn splits_lf_and_crlf() {
        for text in ["---\na: 1\n---\nbody\n", "---\r\na: 1\r\n---\r\nbody\r\n"] {
            let f = file(text);
            let s = split(&f).unwrap();
            assert_eq!(f.text[s.yaml.clone()].trim_end(), "a: 1");
            assert_eq!(f.text[s.body.clone()].trim_end(), "body");
        }
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let f = file("---\n---");
        let s = split(&f).unwrap();
        assert!(s.yaml.is_empty() && s.body.is_empty());
    }

    #[test]
    fn refuses_missing_and_unclosed_fences() {
        assert!(matches!(
            split(&file("title: x\n")),
            Err(LoadError::NoFrontMatter { .. })
        ));
        assert!(matches!(
            split(&file("---\ntitle: x\n")),
            Err(LoadError::UnclosedFrontMatter { .. })
        ));
        assert!(matches!(
            split(&file("")),
            Err(LoadError::NoFrontMatter { .. })
        ));
    }
}
