//! Citations of other documents in plan texts. This module owns the matcher that finds
//! every title in 《》 brackets in a text and tells which of the site's plans, if any,
//! that title names, and it owns the rule for when two spellings of a title are one title
//! (whitespace, dash, 至 and parenthesis variants; a trailing period left out).
//!
//! Matching is linear in the size of the text: the text is normalised in one pass, one
//! Aho–Corasick automaton of every plan's bracketed names runs over the normalised copy,
//! and one more pass over the original finds the bracketed titles that name no plan.

use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, BuildError, MatchKind};

use crate::model::PlanIx;

const OPEN: char = '《';
const CLOSE: char = '》';

/// One plan's names: its title, short title and aliases.
#[derive(Debug, Clone)]
pub struct PlanNames<'a> {
    pub plan: PlanIx,
    pub names: Vec<&'a str>,
}

/// One bracketed title in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The bytes of the whole `《…》` in the text, brackets included.
    pub range: Range<usize>,
    /// The title as written, without the brackets.
    pub title: String,
    /// The plan the title names, if exactly one plan has that name.
    pub plan: Option<PlanIx>,
}

/// The site's plan names, ready to be found in texts.
#[derive(Debug, Clone)]
pub struct Citations {
    /// Matches `《name》` for every unambiguous normalised name.
    automaton: AhoCorasick,
    /// The plan each pattern names, indexed by pattern id.
    pattern_plan: Vec<PlanIx>,
    /// Names that more than one plan registers, as first written, with those plans.
    ambiguous: Vec<(String, Vec<PlanIx>)>,
}

impl Citations {
    /// The matcher for these plans' names. A name also registers itself without a
    /// trailing period in parentheses. Fails only if the automaton outgrows its limits,
    /// which takes far more names than any site has.
    pub fn new<'a>(
        plans: impl IntoIterator<Item = PlanNames<'a>>,
    ) -> Result<Citations, BuildError> {
        let mut patterns = Vec::new();
        let mut pattern_plan = Vec::new();
        let mut ambiguous = Vec::new();
        for (name, claim) in claims(plans) {
            let (written, plans) = claim.into_winners();
            if let [plan] = plans[..] {
                patterns.push(format!("{OPEN}{name}{CLOSE}"));
                pattern_plan.push(plan);
            } else {
                ambiguous.push((written, plans));
            }
        }
        // Patterns cannot overlap (each is one innermost bracket pair), so the match kind
        // only matters for being explicit: the longest pattern at the leftmost start.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)?;
        Ok(Citations {
            automaton,
            pattern_plan,
            ambiguous,
        })
    }

    /// Every 《…》 in `text`, in order: the byte range of the whole bracketed title in
    /// `text` (including 《 and 》), the title as written (without brackets), and the plan
    /// it names if any. A 《 must close on its own line; empty brackets cite nothing.
    pub fn scan(&self, text: &str) -> Vec<Citation> {
        let normal = normalise(text);
        // Every match is one of the bracket pairs below, so matches and pairs walk in
        // step, both in text order.
        let mut named = self
            .automaton
            .find_iter(&normal.text)
            .map(|m| {
                let plan = self.pattern_plan[m.pattern().as_usize()];
                (normal.origin[m.start()], plan)
            })
            .peekable();
        bracket_pairs(text)
            .into_iter()
            .filter_map(|range| {
                // Cannot skip anything while the invariant holds; if it broke, a stray
                // match must not hold back the ones after it.
                while named.next_if(|&(at, _)| at < range.start).is_some() {}
                let plan = named
                    .next_if(|&(at, _)| at == range.start)
                    .map(|(_, plan)| plan);
                let title = &text[range.start + OPEN.len_utf8()..range.end - CLOSE.len_utf8()];
                (!title.trim().is_empty()).then(|| Citation {
                    range,
                    title: title.to_owned(),
                    plan,
                })
            })
            .collect()
    }

    /// Names that more than one plan registers, as first written, with those plans
    /// (sorted). Citations of these names link to no plan; the link stage warns.
    pub fn ambiguous(&self) -> Vec<(String, Vec<PlanIx>)> {
        self.ambiguous.clone()
    }
}

/// The plans that register one normalised name.
#[derive(Debug, Default)]
struct Claim {
    /// The name as first written, for warnings.
    written: String,
    /// Plans that give this name as one of their names.
    exact: Vec<PlanIx>,
    /// Plans with a name that is this name followed by a period in parentheses.
    without_period: Vec<PlanIx>,
}

impl Claim {
    /// The name as written and the plans it stands for. A name a plan gives itself
    /// outranks one made by leaving out a period: 《X》 is the plan titled X, not the one
    /// titled X（2025年）.
    fn into_winners(self) -> (String, Vec<PlanIx>) {
        let plans = if self.exact.is_empty() {
            self.without_period
        } else {
            self.exact
        };
        (self.written, plans)
    }
}

/// Every normalised name with the plans that register it, in name order so the automaton
/// and the list of ambiguous names do not depend on hashing.
fn claims<'a>(plans: impl IntoIterator<Item = PlanNames<'a>>) -> BTreeMap<String, Claim> {
    let mut claims = BTreeMap::new();
    for PlanNames { plan, names } in plans {
        for name in names {
            let normal = normalise_name(name);
            if normal.text.is_empty() {
                continue;
            }
            if let Some(cut) = period_start(&normal.text) {
                let written = &name[..normal.origin[cut]];
                let claim = claim(&mut claims, &normal.text[..cut], written);
                add(&mut claim.without_period, plan);
            }
            add(&mut claim(&mut claims, &normal.text, name).exact, plan);
        }
    }
    for claim in claims.values_mut() {
        claim.exact.sort_unstable();
        claim.without_period.sort_unstable();
    }
    claims
}

fn claim<'c>(claims: &'c mut BTreeMap<String, Claim>, name: &str, written: &str) -> &'c mut Claim {
    claims.entry(name.to_owned()).or_insert_with(|| Claim {
        written: written.trim().to_owned(),
        ..Claim::default()
    })
}

/// Adds a plan once: a plan whose title and short title normalise alike is not ambiguous.
fn add(plans: &mut Vec<PlanIx>, plan: PlanIx) {
    if !plans.contains(&plan) {
        plans.push(plan);
    }
}

/// Where a trailing period in parentheses begins in a normalised name, as in
/// `X(2025-2027年)`, `X(2024年-2026年)` or `X(2025年)`. Other parentheses are part of
/// the name, and a name that is only a period has nothing left to register.
fn period_start(name: &str) -> Option<usize> {
    let inner = name.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let period = &inner[open + 1..];
    let is_period = match period.split_once('-') {
        Some((from, to)) => is_year(from) && is_year(to),
        None => is_year(period),
    };
    (is_period && open > 0).then_some(open)
}

/// Four digits, with or without 年.
fn is_year(s: &str) -> bool {
    let digits = s.strip_suffix('年').unwrap_or(s);
    digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// All innermost 《…》 pairs on one line, in order. A 《 that meets another 《 or a line
/// break before its 》 is unclosed: the later 《 starts afresh.
fn bracket_pairs(text: &str) -> Vec<Range<usize>> {
    let mut pairs = Vec::new();
    let mut open = None;
    for (at, c) in text.char_indices() {
        match c {
            OPEN => open = Some(at),
            CLOSE => {
                if let Some(start) = open.take() {
                    pairs.push(start..at + CLOSE.len_utf8());
                }
            }
            c if is_line_break(c) => open = None,
            _ => {}
        }
    }
    pairs
}

/// A text normalised for comparing titles, and for each of its bytes the offset in the
/// original text of the character that byte comes from.
#[derive(Debug)]
struct Normalised {
    text: String,
    origin: Vec<usize>,
}

impl Normalised {
    fn with_capacity(len: usize) -> Normalised {
        Normalised {
            text: String::with_capacity(len),
            origin: Vec::with_capacity(len),
        }
    }

    fn push(&mut self, c: char, at: usize) {
        self.text.push(c);
        self.origin.extend(std::iter::repeat_n(at, c.len_utf8()));
    }
}

/// The text with whitespace removed and dash, 至, period and parenthesis variants made
/// one. Line breaks stay (as `\n`) so that no name matches across lines, just as no
/// bracket pair spans one; nothing else becomes 《, 》 or a line break, so every bracket
/// pair here is one in the original.
fn normalise(text: &str) -> Normalised {
    let mut out = Normalised::with_capacity(text.len());
    let mut prev = None;
    for (at, c) in text.char_indices() {
        if let Some(n) = normal_char(c, prev, &text[at + c.len_utf8()..]) {
            out.push(n, at);
            prev = Some(c);
        }
    }
    out
}

/// A name normalised like a text, less its line breaks; 《》 inside a name become 〈〉,
/// since a title that quotes another title is cited with the inner brackets as 〈〉.
fn normalise_name(name: &str) -> Normalised {
    let normal = normalise(name);
    let mut out = Normalised::with_capacity(normal.text.len());
    for (i, c) in normal.text.char_indices() {
        let c = match c {
            '\n' => continue,
            OPEN => '〈',
            CLOSE => '〉',
            c => c,
        };
        out.push(c, normal.origin[i]);
    }
    out
}

/// One character normalised, or `None` if it is dropped. `prev` is the last character
/// kept and `rest` the text after `c`. 至 is a dash only between the years of a period
/// (2024年至2026年); elsewhere it is a word. The 年 of a period's first year goes, so
/// that 2024年－2026年 and 2024—2026年 are one period.
fn normal_char(c: char, prev: Option<char>, rest: &str) -> Option<char> {
    let after_digit = prev.is_some_and(|p| p.is_ascii_digit());
    match c {
        c if is_line_break(c) => Some('\n'),
        c if c.is_whitespace() => None,
        '（' => Some('('),
        '）' => Some(')'),
        c if is_dash(c) => Some('-'),
        '年' if after_digit && period_dash_follows(rest) => None,
        '至' if after_digit && year_follows(rest) => Some('-'),
        c => Some(c),
    }
}

/// Whether `rest` goes on with the dash of a period: a dash, or 至 and a year.
fn period_dash_follows(rest: &str) -> bool {
    match next_kept(rest) {
        Some((c, _)) if is_dash(c) => true,
        Some(('至', after)) => year_follows(after),
        _ => false,
    }
}

fn year_follows(rest: &str) -> bool {
    next_kept(rest).is_some_and(|(c, _)| c.is_ascii_digit())
}

/// The next character that normalisation keeps, and the text after it. Only whitespace
/// is skipped, and each run of it is read by at most the two characters before it, so
/// normalising stays linear.
fn next_kept(rest: &str) -> Option<(char, &str)> {
    let (at, c) = rest
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace() || is_line_break(c))?;
    Some((c, &rest[at + c.len_utf8()..]))
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Dashes and tildes that separate the years of a period; a dash never tells two titles
/// apart, so they are one everywhere.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' // hyphen
            | '\u{2011}' // non-breaking hyphen
            | '\u{2012}' // figure dash
            | '\u{2013}' // en dash
            | '\u{2014}' // em dash
            | '\u{2015}' // horizontal bar
            | '\u{2212}' // minus sign
            | '\u{FF0D}' // full-width hyphen-minus
            | '~'
            | '\u{FF5E}' // full-width tilde
    )
}

/// What plan `p`'s text cites, from its citations `found`: the plans (itself
/// excepted) and the titles that are not plans of the site, each once, in order of
/// first citation.
pub fn cited(p: PlanIx, found: &[Citation]) -> (Vec<PlanIx>, Vec<String>) {
    let mut plans: Vec<PlanIx> = Vec::new();
    let mut external: Vec<String> = Vec::new();
    for c in found {
        match c.plan {
            Some(q) if q != p && !plans.contains(&q) => plans.push(q),
            Some(_) => {}
            None if !external.contains(&c.title) => external.push(c.title.clone()),
            None => {}
        }
    }
    (plans, external)
}

#[cfg(test)]
mod tests;
