//! A Markdown body with its outline: every heading, its level and its stable anchor.
//!
//! The anchors are decided here, once, so that the link stage can check that an
//! indicator's `section` exists and the render stage gives each heading the same id.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;
use std::sync::OnceLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Tag, TagEnd};
use serde::Serialize;

use super::ModelError;
use crate::diagnostic::{Location, SourceFile};

/// Ids starting with this belong to the theme's own page parts (`site-notice`,
/// `site-toc` …), so a heading in a plan can never take one of them.
pub const RESERVED_PREFIX: &str = "site-";

/// The Markdown features planpub content uses.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
    #[serde(skip)]
    pub line: usize,
}

/// A paragraph that names its responsible units: `……（责任单位：区科技局、区市场监管局）`.
#[derive(Debug, Clone)]
pub struct Responsibility {
    /// The units as written, in order.
    pub units: Vec<String>,
    /// The heading the paragraph is under (an index into the outline): the task.
    pub heading: Option<usize>,
    /// The paragraph's text, for an excerpt.
    pub text: String,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub file: Arc<SourceFile>,
    /// Where the body is in the file, so later stages can point at a line of it.
    pub range: Range<usize>,
    pub outline: Vec<Heading>,
    pub responsibilities: Vec<Responsibility>,
    outline_digest: OnceLock<u64>,
}

impl Document {
    /// This reading for `file`, the same text read again.
    pub fn for_file(&self, file: &Arc<SourceFile>) -> Document {
        Document {
            file: Arc::clone(file),
            ..self.clone()
        }
    }

    pub fn markdown(&self) -> &str {
        &self.file.text[self.range.clone()]
    }

    /// A hash of what pages other than the plan's own show of this text: each
    /// heading's level, words and anchor, and each responsibility paragraph's units,
    /// heading and words. Lines are left out: no page shows them, so prose added above
    /// a heading changes nothing here. Made once per text: the preview keeps a text
    /// unchanged from save to save.
    pub fn outline_digest(&self) -> u64 {
        *self.outline_digest.get_or_init(|| {
            let mut h = DefaultHasher::new();
            for heading in &self.outline {
                (heading.level, &heading.text, &heading.anchor).hash(&mut h);
            }
            u8::MAX.hash(&mut h);
            for r in &self.responsibilities {
                (&r.units, r.heading, &r.text).hash(&mut h);
            }
            h.finish()
        })
    }

    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.outline.iter().any(|h| h.anchor == anchor)
    }

    pub fn anchors(&self) -> impl Iterator<Item = &str> + Clone {
        self.outline.iter().map(|h| h.anchor.as_str())
    }

    /// Reads the outline of the body at `range` of `file`.
    pub fn parse(
        file: &Arc<SourceFile>,
        range: Range<usize>,
        errors: &mut Vec<ModelError>,
    ) -> Document {
        let text = &file.text[range.clone()];
        let mut outline = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut current: Option<(u8, Option<String>, usize, String)> = None;
        let mut responsibilities = Vec::new();
        let mut paragraph: Option<(usize, String)> = None;
        for (event, span) in super::markdown::events(text) {
            match event {
                Event::Start(Tag::Paragraph) => paragraph = Some((span.start, String::new())),
                Event::End(TagEnd::Paragraph) => {
                    let Some((start, text)) = paragraph.take() else {
                        continue;
                    };
                    let line = file.line_col(range.start + start).0;
                    let heading = outline.len().checked_sub(1);
                    responsibilities.extend(super::responsible::find(&text).into_iter().map(|a| {
                        Responsibility {
                            units: a.units,
                            heading,
                            text: text.clone(),
                            line,
                        }
                    }));
                }
                Event::Start(Tag::Heading { level, id, .. }) => {
                    current = Some((
                        level_number(level),
                        id.map(|s| s.to_string()),
                        span.start,
                        String::new(),
                    ));
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, _, _, buf)) = current.as_mut() {
                        buf.push_str(&t);
                    }
                    if let Some((_, buf)) = paragraph.as_mut() {
                        buf.push_str(&t);
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    let Some((level, explicit, start, text)) = current.take() else {
                        continue;
                    };
                    let at = range.start + start;
                    let line = file.line_col(at).0;
                    let anchor = match explicit {
                        Some(id) if id.starts_with(RESERVED_PREFIX) => {
                            errors.push(ModelError::ReservedAnchor {
                                at: Location::new(file, at..at + span.len().min(text.len() + 8)),
                                anchor: id.clone(),
                            });
                            id
                        }
                        Some(id) => {
                            if let Some(&first_line) = seen.get(&id) {
                                errors.push(ModelError::DuplicateAnchor {
                                    at: Location::new(
                                        file,
                                        at..at + span.len().min(text.len() + 8),
                                    ),
                                    anchor: id.clone(),
                                    first_line,
                                });
                            }
                            id
                        }
                        None => {
                            let mut base = slug(&text);
                            if base.starts_with(RESERVED_PREFIX) {
                                base.insert(0, '_');
                            }
                            unique(base, &seen)
                        }
                    };
                    seen.insert(anchor.clone(), line);
                    outline.push(Heading {
                        level,
                        text: text.trim().to_string(),
                        anchor,
                        line,
                    });
                }
                _ => {}
            }
        }
        // A merge marker with nothing to join is shown as written; the editor learns
        // of it here, with its line. (Only texts with a marker pay for the pass.)
        if text.contains(crate::model::table_spans::UP)
            || text.contains(crate::model::table_spans::LEFT)
        {
            for m in crate::model::table_spans::lone_markers(text) {
                errors.push(ModelError::LoneTableMarker {
                    at: Location::new(file, range.start + m.range.start..range.start + m.range.end),
                    marker: m.marker,
                });
            }
        }
        Document {
            file: Arc::clone(file),
            range,
            outline,
            responsibilities,
            outline_digest: OnceLock::new(),
        }
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The anchor of a heading without an explicit id: its letters and digits (Chinese
/// characters included), with spaces turned into `-` and punctuation dropped.
/// `一、总体要求` → `一总体要求`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

fn unique(base: String, seen: &HashMap<String, usize>) -> String {
    if !seen.contains_key(&base) {
        return base;
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !seen.contains_key(c))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn slugs_keep_chinese_and_drop_punctuation() {
        assert_eq!(slug("一、总体要求"), "一总体要求");
        assert_eq!(
            slug("（一）高标准构建知识产权强区建设体系。"),
            "一高标准构建知识产权强区建设体系"
        );
        assert_eq!(
            slug("1．构建政策体系，强化规划引领。"),
            "1构建政策体系强化规划引领"
        );
        assert_eq!(slug("Annex 1: Targets"), "annex-1-targets");
        assert_eq!(slug("！！"), "section");
    }

    #[test]
    fn a_table_marker_with_nothing_to_join_is_an_error_on_its_line() {
        let text = "## 附件\n\n| a | b |\n|---|---|\n| ^^ | 1 |\n| 2 | ^^ |\n";
        let f = SourceFile::new(Path::new("/"), Path::new("/x.md"), text);
        let mut errors = Vec::new();
        Document::parse(&f, 0..text.len(), &mut errors);
        let lines: Vec<(usize, &str)> = errors
            .iter()
            .filter_map(|e| match e {
                ModelError::LoneTableMarker { at, marker } => {
                    Some((f.line_col(at.span.start).0, *marker))
                }
                _ => None,
            })
            .collect();
        assert_eq!(lines, [(5, "^^")]);
    }

    #[test]
    fn outline_uses_explicit_ids_and_dedups_auto_ones() {
        let text = "## 一、总体要求\n\ntext\n\n## 附件1 {#annex-1}\n\n### 说明\n\n### 说明\n";
        let f = SourceFile::new(Path::new("/"), Path::new("/x.md"), text);
        let mut errors = Vec::new();
        let d = Document::parse(&f, 0..text.len(), &mut errors);
        let anchors: Vec<&str> = d.anchors().collect();
        assert_eq!(anchors, ["一总体要求", "annex-1", "说明", "说明-1"]);
        assert_eq!(d.outline[1].text, "附件1");
        assert_eq!(d.outline[1].line, 5);
        assert!(errors.is_empty());
    }

    #[test]
    fn responsibilities_belong_to_the_heading_above() {
        let text = "## 总则\n\n正文。\n\n### 1．任务 {#task-1}\n\n做好工作。（责任单位：区科技局、区市场监管局按职责分工负责）\n\n另一段。（责任单位：区法院）\n";
        let f = SourceFile::new(Path::new("/"), Path::new("/x.md"), text);
        let mut errors = Vec::new();
        let d = Document::parse(&f, 0..text.len(), &mut errors);
        assert_eq!(d.responsibilities.len(), 2);
        let r = &d.responsibilities[0];
        assert_eq!(r.units, ["区科技局", "区市场监管局"]);
        assert_eq!(r.heading, Some(1));
        assert_eq!(r.line, 7);
        assert!(r.text.starts_with("做好工作"));
        assert_eq!(d.responsibilities[1].units, ["区法院"]);
    }

    #[test]
    fn theme_ids_are_reserved() {
        let text = "## Site notice\n\n## B {#site-toc}\n";
        let f = SourceFile::new(Path::new("/"), Path::new("/x.md"), text);
        let mut errors = Vec::new();
        let d = Document::parse(&f, 0..text.len(), &mut errors);
        assert_eq!(d.outline[0].anchor, "_site-notice");
        assert!(matches!(
            errors.as_slice(),
            [ModelError::ReservedAnchor { .. }]
        ));
    }

    #[test]
    fn duplicate_explicit_ids_are_errors() {
        let text = "## A {#x}\n\n## B {#x}\n";
        let f = SourceFile::new(Path::new("/"), Path::new("/x.md"), text);
        let mut errors = Vec::new();
        Document::parse(&f, 0..text.len(), &mut errors);
        assert!(matches!(
            errors.as_slice(),
            [ModelError::DuplicateAnchor { first_line: 1, .. }]
        ));
    }
}
