//! How planpub reads Markdown: pulldown-cmark with the options of
//! [`super::document::markdown_options`], and emphasis read by the CJK-friendly
//! amendments to CommonMark (the written specification of the markdown-cjk-friendly
//! project, which comrak's `cjk_friendly_emphasis` also implements), so that
//! `**加强保护。**具体措施` is bold as the editor meant. Every stage that reads a text's
//! inlines (outline, render) takes its events from [`events`], so they agree.
//!
//! CommonMark decides whether `**` opens or closes by the characters beside it, and
//! counts Chinese punctuation (。“”（）《》) as punctuation that a Latin word would
//! never touch. The amendments change only that flanking rule. pulldown-cmark has no
//! option for it, so each run of inline events whose delimiters the amended rule reads
//! differently is taken apart into its delimiter runs and matched again, by
//! pulldown-cmark's own matching procedure with the amended rule; every other run of
//! events is passed on untouched, so Latin text and text the rules agree on are exactly
//! what pulldown-cmark makes of them. Strikethrough (`~~`) gets the same amendment.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::cjk::{
    drops_segment_break, is_cjk, is_ideographic_variation_selector, is_punctuation,
    is_text_variation_selector,
};
use super::document::markdown_options;
use super::markdown_match::{Piece, Run, match_runs, write};

/// An event and the bytes of the source it comes from.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// Which flanking rule decides whether a delimiter run can open or close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// CommonMark 0.31, as pulldown-cmark applies it.
    CommonMark,
    /// The CJK-friendly amendments.
    CjkFriendly,
}

/// The events of `text`, with their source ranges, emphasis read by the CJK-friendly
/// rule.
pub fn events(text: &str) -> Vec<Spanned<'_>> {
    events_by(text, Rule::CjkFriendly)
}

/// The events of `text` with emphasis read by `rule`, always matched again by this
/// module, so a test can hold the matching to pulldown-cmark's own.
pub fn events_by(text: &str, rule: Rule) -> Vec<Spanned<'_>> {
    let parsed = Parser::new_ext(text, markdown_options()).into_offset_iter();
    // No delimiter character, nothing to read again (most texts without emphasis).
    if !text.bytes().any(is_delimiter) {
        return parsed.collect();
    }
    let mut out = Vec::new();
    let mut inlines: Vec<Spanned<'_>> = Vec::new();
    let mut code_block = false;
    let mut table_cell = false;
    for (event, range) in parsed {
        if !code_block && is_inline(&event) {
            inlines.push((event, range));
            continue;
        }
        if !inlines.is_empty() {
            out.extend(reread(text, std::mem::take(&mut inlines), table_cell, rule));
        }
        match &event {
            Event::Start(Tag::CodeBlock(_)) => code_block = true,
            Event::End(TagEnd::CodeBlock) => code_block = false,
            Event::Start(Tag::TableCell) => table_cell = true,
            Event::End(TagEnd::TableCell) => table_cell = false,
            _ => {}
        }
        out.push((event, range));
    }
    out.extend(reread(text, inlines, table_cell, rule));
    out
}

/// A one-line text field that quotes the plan text (an erratum, a row's note), as a
/// reader sees it: emphasis and code shown without their marks, by the same reading as
/// the body. Anything more than such a line (a link, raw HTML, a list…) is kept as
/// written, since the field is shown as plain text.
pub fn plain_text(field: &str) -> String {
    let evs = events(field);
    let mut out = String::with_capacity(field.len());
    let inner = match evs.as_slice() {
        [
            (Event::Start(Tag::Paragraph), _),
            inner @ ..,
            (Event::End(TagEnd::Paragraph), _),
        ] => inner,
        _ => return field.to_string(),
    };
    for (event, range) in inner {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak => {
                let joined = matches!(
                    (out.chars().next_back(), field.get(range.end..).and_then(|s| s.trim_start().chars().next())),
                    (Some(b), Some(a)) if drops_segment_break(b, a)
                );
                if !joined {
                    out.push(' ');
                }
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {}
            _ => return field.to_string(),
        }
    }
    out
}

fn is_delimiter(b: u8) -> bool {
    // `^` is a delimiter only with superscript, which planpub leaves off.
    matches!(b, b'*' | b'_' | b'~')
}

/// Events that belong to a paragraph's (a heading's, a cell's) run of inlines.
fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Html(_) | Event::Rule => false,
    }
}

/// The inlines of one block, matched again when `rule` reads any of their delimiter
/// runs differently from CommonMark (always, for [`Rule::CommonMark`]).
fn reread<'a>(
    src: &'a str,
    inlines: Vec<Spanned<'a>>,
    table: bool,
    rule: Rule,
) -> Vec<Spanned<'a>> {
    let Some(first) = inlines.first().map(|(_, r)| r.start) else {
        return inlines;
    };
    let (pieces, _) = take_apart(src, &mut inlines.iter().cloned());
    let at = Context { src, first, table };
    if rule == Rule::CjkFriendly && !at.rules_differ(&pieces) {
        return inlines;
    }
    let mut out = Vec::with_capacity(inlines.len() + 4);
    at.put_back(pieces, rule, &mut out);
    out
}

/// Takes events apart up to the end of the link or image they are the text of (that
/// end is returned), or to the end of the block.
fn take_apart<'a>(
    src: &'a str,
    events: &mut impl Iterator<Item = Spanned<'a>>,
) -> (Vec<Piece<'a>>, Option<Spanned<'a>>) {
    let mut pieces = Vec::new();
    // Emphasis pulldown-cmark matched: each is its delimiters again.
    let mut open: Vec<(usize, Range<usize>)> = Vec::new();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => {
                let width = match event {
                    Event::Start(Tag::Emphasis) => 1,
                    Event::Start(Tag::Strong) => 2,
                    // `~x~` or `~~x~~`: runs of tildes match only their own length.
                    _ => src.get(range.clone()).map_or(1, |s| {
                        s.bytes().take_while(|&b| b == b'~').count().clamp(1, 2)
                    }),
                };
                pieces.extend((range.start..range.start + width).map(Piece::Delim));
                open.push((width, range));
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {
                if let Some((width, range)) = open.pop() {
                    pieces.extend((range.end.saturating_sub(width)..range.end).map(Piece::Delim));
                }
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                // An autolink's text is its address: no emphasis inside.
                pieces.push(Piece::Atom((event, range)));
                for (e, r) in events.by_ref() {
                    let end = matches!(e, Event::End(TagEnd::Link));
                    pieces.push(Piece::Atom((e, r)));
                    if end {
                        break;
                    }
                }
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                let (inner, end) = take_apart(src, events);
                let end = end.unwrap_or((Event::End(TagEnd::Link), range.end..range.end));
                pieces.push(Piece::Nest((event, range), inner, end));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => return (pieces, Some((event, range))),
            Event::Text(t) if src.get(range.clone()) == Some(&*t) => {
                split_text(src, range, &mut pieces);
            }
            Event::Text(t) => pieces.push(Piece::Text(t, range)),
            other => pieces.push(Piece::Atom((other, range))),
        }
    }
    (pieces, None)
}

/// A text as written in the source, split at its delimiter characters that no
/// backslash escapes.
fn split_text<'a>(src: &'a str, range: Range<usize>, pieces: &mut Vec<Piece<'a>>) {
    let bytes = src.as_bytes();
    let mut from = range.start;
    for at in range.clone() {
        if !is_delimiter(bytes[at]) {
            continue;
        }
        let backslashes = bytes[..at]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        if backslashes % 2 == 1 {
            continue;
        }
        if from < at {
            pieces.push(Piece::Text(CowStr::Borrowed(&src[from..at]), from..at));
        }
        pieces.push(Piece::Delim(at));
        from = at + 1;
    }
    if from < range.end {
        pieces.push(Piece::Text(
            CowStr::Borrowed(&src[from..range.end]),
            from..range.end,
        ));
    }
}

/// What the source around the inlines says.
struct Context<'a> {
    src: &'a str,
    /// Where the block's inlines start: a run there has nothing before it.
    first: usize,
    table: bool,
}

impl<'a> Context<'a> {
    /// The delimiter runs of one level of pieces (links' text is a level of its own).
    fn runs(&self, pieces: &[Piece<'_>], rule: Rule) -> Vec<Run> {
        let mut runs = Vec::new();
        let mut i = 0;
        while i < pieces.len() {
            let Piece::Delim(at) = pieces[i] else {
                i += 1;
                continue;
            };
            let c = self.src.as_bytes()[at];
            let mut len = 1;
            while matches!(pieces.get(i + len), Some(&Piece::Delim(next))
                if next == at + len && self.src.as_bytes()[next] == c)
            {
                len += 1;
            }
            let (open, close) = self.flanks(at, len, c, rule);
            runs.push(Run {
                start: i,
                len,
                c,
                open,
                close,
            });
            i += len;
        }
        runs
    }

    /// Whether the run of `len` delimiters `c` at byte `at` can open and close emphasis:
    /// pulldown-cmark's tests, with the flanking rule taken from `rule`.
    fn flanks(&self, at: usize, len: usize, c: u8, rule: Rule) -> (bool, bool) {
        let before = self.src.get(..at).unwrap_or("");
        let mut back = before.chars().rev();
        let (prev, prev2) = if at == self.first {
            (None, None)
        } else {
            (back.next(), back.next())
        };
        let next = self.src.get(at + len..).and_then(|s| s.chars().next());
        // `~~~` and longer are no delimiters; neither are `~~` and `~` beside a pipe
        // in a table, nor a run with whitespace on both sides.
        if c == b'~' && len > 2 {
            return (false, false);
        }
        let pipe_before = self.table && before.ends_with('|') && !before.ends_with("\\|");
        let open = match (prev, next) {
            (_, None) => false,
            (_, Some(n)) if n.is_whitespace() => false,
            (None, _) => true,
            _ if pipe_before => true,
            (_, Some('|')) if self.table => false,
            (Some(p), Some(n)) => match c {
                b'*' => left_flanking(rule, p, prev2, n),
                b'~' if len > 1 => true,
                b'~' if p == '~' && !is_punctuation(n) => true,
                _ => {
                    left_flanking(rule, p, prev2, n)
                        && (!right_flanking(rule, p, prev2, n)
                            || punctuation_before(rule, p, prev2))
                }
            },
        };
        let close = match (prev, next) {
            (None, _) => false,
            (Some(p), _) if p.is_whitespace() => false,
            (_, None) => true,
            _ if pipe_before => false,
            (_, Some('|')) if self.table => true,
            (Some(p), Some(n)) => match c {
                b'*' => right_flanking(rule, p, prev2, n),
                b'~' if len > 1 => right_flanking(rule, p, prev2, n),
                b'~' if p == '~' => true,
                _ => {
                    right_flanking(rule, p, prev2, n)
                        && (!left_flanking(rule, p, prev2, n) || is_punctuation(n))
                }
            },
        };
        (open, close)
    }

    /// Whether the amended rule reads any delimiter run here differently.
    fn rules_differ(&self, pieces: &[Piece<'_>]) -> bool {
        let flags = |rule| {
            self.runs(pieces, rule)
                .iter()
                .map(|r| (r.open, r.close))
                .collect::<Vec<_>>()
        };
        flags(Rule::CommonMark) != flags(Rule::CjkFriendly)
            || pieces.iter().any(|p| match p {
                Piece::Nest(_, inner, _) => self.rules_differ(inner),
                _ => false,
            })
    }

    /// Matches the delimiters of `pieces` by `rule` and writes the events.
    fn put_back(&self, pieces: Vec<Piece<'a>>, rule: Rule, out: &mut Vec<Spanned<'a>>) {
        let marks = match_runs(&self.runs(&pieces, rule), pieces.len());
        write(self.src, pieces, &marks, out, &mut |inner, out| {
            self.put_back(inner, rule, out)
        });
    }
}

/// CommonMark's left-flanking delimiter run, or the amended one: `prev` and `next`
/// are the characters before and after the run, `prev2` the one before `prev` (a
/// variation selector belongs to the character it follows).
fn left_flanking(rule: Rule, prev: char, prev2: Option<char>, next: char) -> bool {
    if next.is_whitespace() {
        return false;
    }
    match rule {
        Rule::CommonMark => !is_punctuation(next) || prev.is_whitespace() || is_punctuation(prev),
        Rule::CjkFriendly => {
            !non_cjk_punctuation(next)
                || prev.is_whitespace()
                || non_cjk_punctuation_sequence(prev, prev2)
                || cjk_sequence(prev, prev2)
                || is_ideographic_variation_selector(prev)
        }
    }
}

fn right_flanking(rule: Rule, prev: char, prev2: Option<char>, next: char) -> bool {
    if prev.is_whitespace() {
        return false;
    }
    match rule {
        Rule::CommonMark => !is_punctuation(prev) || next.is_whitespace() || is_punctuation(next),
        Rule::CjkFriendly => {
            !non_cjk_punctuation_sequence(prev, prev2)
                || next.is_whitespace()
                || non_cjk_punctuation(next)
                || is_cjk(next)
        }
    }
}

/// A `_` that is also right-flanking opens only after punctuation (a Unicode
/// punctuation sequence, in the amendments).
fn punctuation_before(rule: Rule, prev: char, prev2: Option<char>) -> bool {
    is_punctuation(prev)
        || (rule == Rule::CjkFriendly
            && is_text_variation_selector(prev)
            && prev2.is_some_and(is_punctuation))
}

fn non_cjk_punctuation(c: char) -> bool {
    is_punctuation(c) && !is_cjk(c)
}

fn non_cjk_punctuation_sequence(prev: char, prev2: Option<char>) -> bool {
    non_cjk_punctuation(prev)
        || (is_text_variation_selector(prev) && prev2.is_some_and(non_cjk_punctuation))
}

fn cjk_sequence(prev: char, prev2: Option<char>) -> bool {
    is_cjk(prev) || (is_text_variation_selector(prev) && prev2.is_some_and(is_cjk))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Options;

    fn flags(text: &str, rule: Rule) -> Vec<(bool, bool)> {
        let inlines: Vec<Spanned<'_>> = Parser::new_ext(text, markdown_options())
            .into_offset_iter()
            .filter(|(e, _)| is_inline(e))
            .collect();
        let (pieces, _) = take_apart(text, &mut inlines.into_iter());
        let at = Context {
            src: text,
            first: 0,
            table: false,
        };
        at.runs(&pieces, rule)
            .iter()
            .map(|r| (r.open, r.close))
            .collect()
    }

    #[test]
    fn the_amended_rule_reads_runs_beside_chinese_punctuation() {
        // `**` after 。 before 然: CommonMark lets it only open; the amendments close.
        assert_eq!(
            flags("**重点。**然后", Rule::CommonMark),
            [(true, false); 2]
        );
        assert_eq!(
            flags("**重点。**然后", Rule::CjkFriendly),
            [(true, false), (true, true)]
        );
        // Latin text: both rules agree.
        for text in ["*foo*bar", "a*\"foo\"*", "**foo,**bar", "_a_ b_c_"] {
            assert_eq!(
                flags(text, Rule::CommonMark),
                flags(text, Rule::CjkFriendly),
                "{text}"
            );
        }
    }

    #[test]
    fn escaped_and_entity_stars_are_no_delimiters() {
        assert_eq!(flags("\\*a* &#42;b*", Rule::CjkFriendly).len(), 2);
    }

    #[test]
    fn blocks_the_rules_agree_on_keep_pulldown_cmarks_events() {
        let text = "**a.**b\n\n**重点。**然后\n\n```\n**重点。**然后\n```\n";
        let ours = events(text);
        let theirs: Vec<Spanned<'_>> = Parser::new_ext(text, markdown_options())
            .into_offset_iter()
            .collect();
        // The first paragraph and the code block are untouched, event for event.
        assert_eq!(ours[..8], theirs[..8]);
        assert_eq!(ours[ours.len() - 3..], theirs[theirs.len() - 3..]);
        assert!(
            ours.contains(&(Event::Start(Tag::Strong), 9..22)),
            "{ours:?}"
        );
    }

    #[test]
    fn the_matching_is_written_for_planpubs_options() {
        // With these on, pulldown-cmark would make events of `^` and quotes that the
        // matching here does not know.
        assert!(!markdown_options().intersects(
            Options::ENABLE_SUPERSCRIPT
                | Options::ENABLE_SUBSCRIPT
                | Options::ENABLE_SMART_PUNCTUATION
                | Options::ENABLE_MATH
        ));
    }

    #[test]
    fn a_quoted_field_joins_chinese_lines() {
        assert_eq!(plain_text("**重点**\n任务"), "重点任务");
        assert_eq!(plain_text("key\nword"), "key word");
    }
}
