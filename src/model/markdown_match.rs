//! Matching delimiter runs into emphasis, for [`super::markdown`]: pulldown-cmark's
//! own procedure (CommonMark's "process emphasis" with a stack, and the lower bounds
//! that keep it linear), written again here because pulldown-cmark does not expose it
//! and the runs it is given come from another flanking rule. It must agree with
//! pulldown-cmark exactly when given CommonMark's flags: tests/cjk_emphasis.rs holds
//! it to that on CommonMark's examples.

use std::cmp::min;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::markdown::Spanned;

/// One piece of a run of inlines taken apart.
pub enum Piece<'a> {
    Text(CowStr<'a>, Range<usize>),
    /// One delimiter character, at this byte of the source.
    Delim(usize),
    /// Code, raw HTML, a break, a footnote reference, an autolink: never split.
    Atom(Spanned<'a>),
    /// A link or image: its text is matched on its own, as CommonMark does.
    Nest(Spanned<'a>, Vec<Piece<'a>>, Spanned<'a>),
}

/// A maximal run of one delimiter character, `pieces[start..start + len]`, and
/// whether it can open and close.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub start: usize,
    pub len: usize,
    pub c: u8,
    pub open: bool,
    pub close: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Emphasis,
    Strong,
    Strikethrough,
}

/// What a delimiter character became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Text,
    /// Opens (closes) emphasis of `width` characters; the rest of them are `Absorbed`.
    Open(Kind, usize),
    Close(Kind, usize),
    Absorbed,
}

/// An opener on the stack: `count` characters left of a run of `run_length`.
#[derive(Debug, Clone, Copy)]
struct Opener {
    start: usize,
    count: usize,
    run_length: usize,
    c: u8,
    both: bool,
}

/// pulldown-cmark's inline stack: openers, and for each kind of delimiter (by
/// character, length modulo 3 and whether it can both open and close) the stack
/// height below which no opener can match, so no opener is tried twice in vain.
#[derive(Default)]
struct Stack {
    stack: Vec<Opener>,
    lower_bounds: [usize; 9],
}

impl Stack {
    const UNDERSCORE_NOT_BOTH: usize = 0;
    const ASTERISK_NOT_BOTH: usize = 1;
    const ASTERISK_BASE: usize = 2;
    const OTHER: usize = 5;
    const UNDERSCORE_BASE: usize = 6;

    fn lower_bound(&self, c: u8, count: usize, both: bool) -> usize {
        let (base, not_both) = match c {
            b'_' => (Self::UNDERSCORE_BASE, Self::UNDERSCORE_NOT_BOTH),
            b'*' => (Self::ASTERISK_BASE, Self::ASTERISK_NOT_BOTH),
            _ => return self.lower_bounds[Self::OTHER],
        };
        let mod3 = self.lower_bounds[base + count % 3];
        if both {
            mod3
        } else {
            min(mod3, self.lower_bounds[not_both])
        }
    }

    fn set_lower_bound(&mut self, c: u8, count: usize, both: bool, bound: usize) {
        let (base, not_both) = match c {
            b'_' => (Self::UNDERSCORE_BASE, Self::UNDERSCORE_NOT_BOTH),
            b'*' => (Self::ASTERISK_BASE, Self::ASTERISK_NOT_BOTH),
            _ => {
                self.lower_bounds[Self::OTHER] = bound;
                return;
            }
        };
        self.lower_bounds[base + count % 3] = bound;
        if !both {
            self.lower_bounds[not_both] = bound;
        }
    }

    /// The nearest opener a closer can match; the openers above it are dropped (they
    /// stay text).
    fn find_match(&mut self, c: u8, run_length: usize, both: bool) -> Option<Opener> {
        let lower = min(self.stack.len(), self.lower_bound(c, run_length, both));
        let found = self.stack[lower..].iter().rposition(|el| {
            if c == b'~' && run_length != el.run_length {
                return false;
            }
            el.c == c
                && (!both && !el.both
                    || !(run_length + el.run_length).is_multiple_of(3)
                    || run_length.is_multiple_of(3))
        });
        match found {
            Some(i) => {
                let i = i + lower;
                let el = self.stack[i];
                self.stack.truncate(i);
                for bound in &mut self.lower_bounds {
                    *bound = min(*bound, i);
                }
                Some(el)
            }
            None => {
                self.set_lower_bound(c, run_length, both, self.stack.len());
                None
            }
        }
    }

    fn push(&mut self, el: Opener) {
        if el.c == b'~' {
            self.lower_bounds[Self::OTHER] = min(self.lower_bounds[Self::OTHER], self.stack.len());
        }
        self.stack.push(el);
    }
}

/// What each piece's delimiter became, the runs taken in order.
pub fn match_runs(runs: &[Run], pieces: usize) -> Vec<Mark> {
    let mut marks = vec![Mark::Text; pieces];
    let mut stack = Stack::default();
    for run in runs {
        if !run.open && !run.close {
            continue;
        }
        let both = run.open && run.close;
        let mut count = run.len;
        let mut cur = run.start;
        if run.close {
            while let Some(el) = stack.find_match(run.c, run.len, both) {
                let matched = min(count, el.count);
                // From the inside out: the opener's last characters with the closer's
                // first, two at a time while two are left.
                let low = el.start + el.count - matched;
                let mut opener_end = el.start + el.count;
                let mut closer = cur;
                while opener_end > low {
                    let width = if opener_end > low + 1 { 2 } else { 1 };
                    let kind = kind(run.c, width);
                    marks[opener_end - width] = Mark::Open(kind, width);
                    marks[closer] = Mark::Close(kind, width);
                    if width == 2 {
                        marks[opener_end - 1] = Mark::Absorbed;
                        marks[closer + 1] = Mark::Absorbed;
                    }
                    opener_end -= width;
                    closer += width;
                }
                if el.count > matched {
                    stack.push(Opener {
                        count: el.count - matched,
                        ..el
                    });
                }
                count -= matched;
                cur += matched;
                if count == 0 {
                    break;
                }
            }
        }
        if count > 0 && run.open {
            stack.push(Opener {
                start: cur,
                count,
                run_length: run.len,
                c: run.c,
                both,
            });
        }
    }
    marks
}

/// What a matched pair of `width` characters `c` makes, with planpub's options: a
/// single `~` strikes through as `~~` does (subscript is off).
fn kind(c: u8, width: usize) -> Kind {
    match (c, width) {
        (b'*' | b'_', 2) => Kind::Strong,
        (b'*' | b'_', _) => Kind::Emphasis,
        _ => Kind::Strikethrough,
    }
}

/// Writes `pieces` as events, delimiters as `marks` say; a link's or image's text
/// is written by `nest`.
pub fn write<'a>(
    src: &'a str,
    pieces: Vec<Piece<'a>>,
    marks: &[Mark],
    out: &mut Vec<Spanned<'a>>,
    nest: &mut dyn FnMut(Vec<Piece<'a>>, &mut Vec<Spanned<'a>>),
) {
    // Where each open emphasis's start event is in `out`, to give it its range.
    let mut opened: Vec<usize> = Vec::new();
    for (piece, mark) in pieces.into_iter().zip(marks) {
        match piece {
            Piece::Text(t, range) => out.push((Event::Text(t), range)),
            Piece::Atom(spanned) => out.push(spanned),
            Piece::Nest(start, inner, end) => {
                out.push(start);
                nest(inner, out);
                out.push(end);
            }
            Piece::Delim(at) => match *mark {
                Mark::Text => out.push((
                    Event::Text(CowStr::Borrowed(src.get(at..at + 1).unwrap_or(""))),
                    at..at + 1,
                )),
                Mark::Open(kind, _) => {
                    opened.push(out.len());
                    out.push((Event::Start(tag(kind)), at..at));
                }
                Mark::Close(kind, width) => {
                    let range = match opened.pop().and_then(|i| out.get_mut(i)) {
                        Some(start) => {
                            start.1 = start.1.start..at + width;
                            start.1.clone()
                        }
                        None => at..at + width,
                    };
                    out.push((Event::End(tag_end(kind)), range));
                }
                Mark::Absorbed => {}
            },
        }
    }
}

fn tag<'a>(kind: Kind) -> Tag<'a> {
    match kind {
        Kind::Emphasis => Tag::Emphasis,
        Kind::Strong => Tag::Strong,
        Kind::Strikethrough => Tag::Strikethrough,
    }
}

fn tag_end(kind: Kind) -> TagEnd {
    match kind {
        Kind::Emphasis => TagEnd::Emphasis,
        Kind::Strong => TagEnd::Strong,
        Kind::Strikethrough => TagEnd::Strikethrough,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(start: usize, len: usize, open: bool, close: bool) -> Run {
        Run {
            start,
            len,
            c: b'*',
            open,
            close,
        }
    }

    #[test]
    fn three_and_three_make_strong_inside_emphasis() {
        // `***a***`: pieces 0–2, text 3, pieces 4–6.
        let marks = match_runs(&[run(0, 3, true, false), run(4, 3, false, true)], 7);
        assert_eq!(
            marks,
            [
                Mark::Open(Kind::Emphasis, 1),
                Mark::Open(Kind::Strong, 2),
                Mark::Absorbed,
                Mark::Text,
                Mark::Close(Kind::Strong, 2),
                Mark::Absorbed,
                Mark::Close(Kind::Emphasis, 1),
            ]
        );
    }

    #[test]
    fn the_rule_of_three_keeps_runs_that_can_both_open_and_close_apart() {
        // `*a**b`: both runs can open and close, lengths add up to 3: no match.
        let marks = match_runs(&[run(0, 1, true, true), run(2, 2, true, true)], 5);
        assert!(marks.iter().all(|m| *m == Mark::Text), "{marks:?}");
    }
}
