//! Parsing YAML (front matter or site.yaml) into the raw types, with errors that point
//! into the file and suggest the field that was meant.

use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::LoadError;
use crate::diagnostic::{Location, SourceFile, did_you_mean};

/// Parses `range` of `file` as YAML into `T`. Alias bombs and deep nesting are refused
/// by serde-saphyr's default budget before they cost time or memory.
pub fn parse<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    range: Range<usize>,
) -> Result<T, LoadError> {
    let yaml = &file.text[range.clone()];
    let text = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_saphyr::from_str::<T>(text).map_err(|err| {
        let start = err
            .location()
            .filter(|l| l.line() > 0)
            .map(|l| {
                let (base_line, _) = file.line_col(range.start);
                file.offset_of(base_line + l.line() as usize - 1, l.column() as usize)
            })
            .unwrap_or(range.start);
        let message = plain_message(&err.without_snippet().to_string());
        // serde reports a missing field where the mapping ends; the editor looks for
        // where it begins.
        let start = if message.starts_with("missing field") {
            skip_blank_lines(&file.text, range.start)
        } else {
            start
        };
        let end = token_end(&file.text, start);
        let help = hint(&message);
        LoadError::Yaml {
            at: Location::new(file, start..end),
            message: short_message(&message),
            help,
        }
    })
}

/// The end of the word that starts at `start`, so the snippet underlines the key or value.
fn token_end(text: &str, start: usize) -> usize {
    text[start..]
        .find([':', '\n', '\r', ',', '}', ']'])
        .map_or(text.len(), |i| start + i)
        .max(start + text[start..].chars().next().map_or(0, char::len_utf8))
}

fn skip_blank_lines(text: &str, mut at: usize) -> usize {
    while let Some(line) = text[at..].split_inclusive('\n').next() {
        if !line.trim().is_empty() || line.is_empty() {
            break;
        }
        at += line.len();
    }
    at
}

/// serde-saphyr's message without its own "line N column M:" prefix and "at line N,
/// column M" suffix: the report prints the location itself. The list of expected
/// fields moves to the hint.
fn plain_message(raw: &str) -> String {
    let msg = raw.trim().trim_start_matches("error: ");
    let msg = match msg.strip_prefix("line ") {
        Some(rest) => rest
            .split_once(": ")
            .filter(|(pos, _)| pos.contains("column"))
            .map_or(msg, |(_, m)| m),
        None => msg,
    };
    let msg = msg.lines().next().unwrap_or(msg).trim();
    let msg = match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains("column") => &msg[..i],
        _ => msg,
    };
    msg.to_string()
}

/// "unknown field `x`" without serde's list of expected fields (the hint has it).
fn short_message(message: &str) -> String {
    match message.split_once("`, expected") {
        Some((head, _)) if head.starts_with("unknown field `") => format!("{head}`"),
        // The parser's advice is for programmers ("set DuplicateKeyPolicy …").
        _ => match message.strip_prefix("duplicate mapping key: ") {
            Some(rest) => {
                let key = rest.split_once(',').map_or(rest, |(k, _)| k).trim();
                format!("the field `{key}` is given twice")
            }
            None => message.to_string(),
        },
    }
}

/// Hints for the messages editors meet most.
fn hint(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`')?;
        let expected = expected
            .trim_start_matches(',')
            .trim()
            .trim_start_matches("expected one of")
            .trim_start_matches("expected")
            .trim();
        let candidates: Vec<&str> = expected
            .split([',', ' '])
            .map(|s| s.trim_matches(|c| c == '`' || c == ' '))
            .filter(|s| !s.is_empty() && *s != "or")
            .collect();
        return Some(match did_you_mean(field, candidates.iter().copied()) {
            Some(c) => format!(
                "did you mean `{c}`? The fields here are: {}",
                candidates.join(", ")
            ),
            None => format!("remove it; the fields here are: {}", candidates.join(", ")),
        });
    }
    if message.starts_with("missing field") {
        return Some(
            "add the field; docs/content-format.md lists every field with an example".into(),
        );
    }
    if message.starts_with("duplicate mapping key") {
        return Some("a field may appear only once; remove one of them".into());
    }
    if message.contains("budget")
        || message.contains("depth")
        || message.contains("alias")
        || message.contains("recursion limit")
    {
        return Some("the YAML expands to far more data than content needs (anchors/aliases or deep nesting); write the values out plainly".into());
    }
    if message.starts_with("invalid u") || message.starts_with("invalid i") {
        return Some("expected a whole number, such as 2025".into());
    }
    if message.contains("expected string scalar") {
        return Some("expected a single value here, not a list or a mapping; quote it if it contains `:` or `#`".into());
    }
    if message.contains("tabs disallowed") {
        return Some("YAML indents with spaces only; replace the tab with spaces".into());
    }
    if message.contains("expected mapping") {
        return Some(
            "expected fields here, one `name: value` per line, not a list or a single value".into(),
        );
    }
    if message.contains("expected a sequence") || message.contains("expected sequence") {
        return Some("expected a list: `[a, b]` or one `- item` per line".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::path::Path;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        region: String,
        title: Option<String>,
        year: Option<u32>,
    }

    fn parse_str(text: &str) -> Result<T, LoadError> {
        let f = SourceFile::new(Path::new("/"), Path::new("/x.md"), text);
        let start = 4;
        parse(&f, start..text.len())
    }

    #[test]
    fn unknown_field_names_line_and_suggests() {
        let err = parse_str("---\nregion: dazu\nregoin: x\n").unwrap_err();
        let LoadError::Yaml { at, message, help } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(at.line_col(), (3, 1));
        assert!(message.starts_with("unknown field `regoin`"), "{message}");
        assert!(help.as_deref().unwrap().contains("did you mean `region`?"));
    }

    #[test]
    fn wrong_type_points_at_value() {
        let err = parse_str("---\nregion: dazu\nyear: twenty\n").unwrap_err();
        let LoadError::Yaml { at, help, .. } = &err else {
            panic!()
        };
        assert_eq!(at.line_col(), (3, 7));
        assert!(help.as_deref().unwrap().contains("whole number"));
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut y = String::from("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            y.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        y.push_str("region: x\n");
        let started = std::time::Instant::now();
        assert!(parse_str(&y).is_err());
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn plain_message_drops_position_prefix() {
        assert_eq!(
            plain_message("error: line 2 column 1: unknown field `a`"),
            "unknown field `a`"
        );
        assert_eq!(
            plain_message("missing field `name` at line 2, column 1"),
            "missing field `name`"
        );
        assert_eq!(
            short_message("unknown field `x`, expected one of a, b"),
            "unknown field `x`"
        );
    }
}
