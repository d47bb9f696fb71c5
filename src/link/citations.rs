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

const OPEN: char = '《';
const CLOSE: char = '》';

/// One plan's names: its title, short title and aliases.
#[derive(Debug, Clone)]
pub struct PlanNames<'a> {
    pub plan: usize,
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
    pub plan: Option<usize>,
}

/// The site's plan names, ready to be found in texts.
#[derive(Debug, Clone)]
pub struct Citations {
    /// Matches `《name》` for every unambiguous normalised name.
    automaton: AhoCorasick,
    /// The plan each pattern names, indexed by pattern id.
    pattern_plan: Vec<usize>,
    /// Names that more than one plan registers, as first written, with those plans.
    ambiguous: Vec<(String, Vec<usize>)>,
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
    pub fn ambiguous(&self) -> Vec<(String, Vec<usize>)> {
        self.ambiguous.clone()
    }
}

/// The plans that register one normalised name.
#[derive(Debug, Default)]
struct Claim {
    /// The name as first written, for warnings.
    written: String,
    /// Plans that give this name as one of their names.
    exact: Vec<usize>,
    /// Plans with a name that is this name followed by a period in parentheses.
    without_period: Vec<usize>,
}

impl Claim {
    /// The name as written and the plans it stands for. A name a plan gives itself
    /// outranks one made by leaving out a period: 《X》 is the plan titled X, not the one
    /// titled X（2025年）.
    fn into_winners(self) -> (String, Vec<usize>) {
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
fn add(plans: &mut Vec<usize>, plan: usize) {
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

#[cfg(test)]
mod tests {
    use super::*;

    const OUTLINE: &str = "重庆市知识产权强市建设纲要";
    const DAZU: &str = "重庆市大足区知识产权强区行动计划（2025—2027年）";
    const DAZU_SHORT: &str = "大足区知识产权强区行动计划";
    const JIANGJIN: &str = "江津区国家知识产权强市建设试点城市工作方案（2024年－2026年）";
    const WANZHOU: &str = "重庆市万州区知识产权“十四五”规划";
    const WANZHOU_SHORT: &str = "万州区知识产权“十四五”规划";
    const YUZHONG: &str = "共建现代服务业知识产权强区实施方案";
    const POINTS: &str = "共建现代服务业知识产权强区工作要点（2025年）";

    /// The site's six plans, by index 0 to 5.
    fn site() -> Citations {
        citations(&[
            (0, &[OUTLINE]),
            (1, &[DAZU, DAZU_SHORT]),
            (2, &[JIANGJIN]),
            (3, &[WANZHOU, WANZHOU_SHORT, "万州区知识产权规划"]),
            (4, &[YUZHONG]),
            (5, &[POINTS]),
        ])
    }

    fn citations(plans: &[(usize, &[&str])]) -> Citations {
        let plans = plans.iter().map(|&(plan, names)| PlanNames {
            plan,
            names: names.to_vec(),
        });
        Citations::new(plans).expect("a few names build")
    }

    /// Scans and checks that every range is exactly the bracketed title as written.
    fn scan(citations: &Citations, text: &str) -> Vec<Citation> {
        let found = citations.scan(text);
        for c in &found {
            assert_eq!(&text[c.range.clone()], format!("《{}》", c.title));
        }
        found
    }

    /// The titles found and the plans they name.
    fn plans(citations: &Citations, text: &str) -> Vec<(String, Option<usize>)> {
        scan(citations, text)
            .into_iter()
            .map(|c| (c.title, c.plan))
            .collect()
    }

    fn cited(title: &str, plan: usize) -> (String, Option<usize>) {
        (title.to_owned(), Some(plan))
    }

    fn external(title: &str) -> (String, Option<usize>) {
        (title.to_owned(), None)
    }

    #[test]
    fn matches_a_title_exactly() {
        let text = "深入贯彻《重庆市知识产权强市建设纲要》，衔接市级“十五五”规划编制窗口期。";
        let found = scan(&site(), text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].plan, Some(0));
        assert_eq!(found[0].title, OUTLINE);
        assert_eq!(found[0].range.start, "深入贯彻".len());
        assert_eq!(
            plans(&site(), &format!("现将《{DAZU}》印发给你们")),
            [cited(DAZU, 1)]
        );
    }

    #[test]
    fn matches_short_titles_and_aliases() {
        let text = "按照《大足区知识产权强区行动计划》和《万州区知识产权“十四五”规划》，\
                    参照《万州区知识产权规划》。";
        assert_eq!(
            plans(&site(), text),
            [
                cited(DAZU_SHORT, 1),
                cited(WANZHOU_SHORT, 3),
                cited("万州区知识产权规划", 3),
            ]
        );
    }

    #[test]
    fn matches_titles_written_without_their_period() {
        let text = "《重庆市大足区知识产权强区行动计划》\
                    《江津区国家知识产权强市建设试点城市工作方案》\
                    《共建现代服务业知识产权强区工作要点》";
        assert_eq!(
            plans(&site(), text),
            [
                cited("重庆市大足区知识产权强区行动计划", 1),
                cited("江津区国家知识产权强市建设试点城市工作方案", 2),
                cited("共建现代服务业知识产权强区工作要点", 5),
            ]
        );
    }

    #[test]
    fn strips_only_a_trailing_period() {
        assert_eq!(period_start("X(2025-2027年)"), Some(1));
        assert_eq!(period_start("X(2024年-2026年)"), Some(1));
        assert_eq!(period_start("X(2025年)"), Some(1));
        assert_eq!(period_start("X(2021-2035)"), Some(1));
        assert_eq!(period_start("X(试行)"), None);
        assert_eq!(period_start("X(2025年)Y"), None);
        assert_eq!(period_start("X(25年)"), None);
        assert_eq!(period_start("(2025年)"), None);
        let trial = citations(&[(0, &["重庆市专利促进办法（试行）"])]);
        assert_eq!(
            plans(&trial, "《重庆市专利促进办法》"),
            [external("重庆市专利促进办法")]
        );
    }

    #[test]
    fn treats_dash_space_and_parenthesis_variants_as_one() {
        let national = citations(&[(7, &["知识产权强国建设纲要（2021—2035年）"])]);
        for written in [
            "知识产权强国建设纲要（2021—2035年）",
            "知识产权强国建设纲要（2021—2035 年）",
            "知识产权强国建设纲要（2021－2035年）",
            "知识产权强国建设纲要(2021-2035年)",
            "知识产权强国建设纲要（2021～2035年）",
            "知识产权强国建设纲要（2021年至2035年）",
            "知识产权 强国建设纲要\u{3000}（ 2021 至 2035年）",
            "知识产权强国建设纲要",
        ] {
            let text = format!("根据《{written}》，制定本纲要。");
            assert_eq!(plans(&national, &text), [cited(written, 7)], "{written}");
        }
    }

    #[test]
    fn reads_zhi_as_a_dash_only_between_years() {
        assert_eq!(normalise("2024年至2026年").text, "2024-2026年");
        assert_eq!(normalise("（2024年－2026年）").text, "(2024-2026年)");
        assert_eq!(normalise("2021 至 2035").text, "2021-2035");
        assert_eq!(normalise("自始至终").text, "自始至终");
        assert_eq!(normalise("2025年至今").text, "2025年至今");
        assert_eq!(normalise("2025年－").text, "2025-");
        let words = citations(&[(0, &["从严至上—办法"])]);
        assert_eq!(
            plans(&words, "《从严-上-办法》"),
            [external("从严-上-办法")]
        );
    }

    #[test]
    fn does_not_match_inside_longer_titles() {
        let text = "《重庆市知识产权强市建设纲要实施方案》\
                    《关于印发重庆市知识产权强市建设纲要》\
                    《共建现代化新重庆知识产权强市实施方案》\
                    《共建现代服务业知识产权强区实施方案（2025年）》";
        let found = plans(&site(), text);
        assert!(found.iter().all(|(_, plan)| plan.is_none()), "{found:?}");
        assert_eq!(found.len(), 4);
    }

    #[test]
    fn finds_citations_back_to_back() {
        let text = "根据《重庆市知识产权强市建设纲要》《重庆市知识产权保护和运用“十四五”规划（2021－2025年）》\
                    《江津区国家知识产权强市建设试点城市工作方案（2024年－2026年）》决策部署";
        assert_eq!(
            plans(&site(), text),
            [
                cited(OUTLINE, 0),
                external("重庆市知识产权保护和运用“十四五”规划（2021－2025年）"),
                cited(JIANGJIN, 2),
            ]
        );
    }

    #[test]
    fn reports_unmatched_titles_as_written() {
        let text = "《中华人民共和国国民经济和社会发展第十四个五年规划和 2035 年远景目标纲要》\
                    中的《创新管理-知识产权管理指南》和《大足石刻IP授权工作管理办法》";
        let found = scan(&site(), text);
        let titles: Vec<_> = found.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "中华人民共和国国民经济和社会发展第十四个五年规划和 2035 年远景目标纲要",
                "创新管理-知识产权管理指南",
                "大足石刻IP授权工作管理办法",
            ]
        );
        assert!(found.iter().all(|c| c.plan.is_none()));
    }

    #[test]
    fn links_no_plan_by_an_ambiguous_name() {
        let series = citations(&[
            (
                0,
                &[
                    "共建现代服务业知识产权强区工作要点（2025年）",
                    "年度工作要点",
                ],
            ),
            (
                1,
                &[
                    "共建现代服务业知识产权强区工作要点（2026年）",
                    "年度工作要点",
                ],
            ),
            (2, &[OUTLINE, "重庆市知识产权强市建设纲要 "]),
        ]);
        assert_eq!(
            series.ambiguous(),
            [
                ("共建现代服务业知识产权强区工作要点".to_owned(), vec![0, 1]),
                ("年度工作要点".to_owned(), vec![0, 1]),
            ]
        );
        let text = "《年度工作要点》《共建现代服务业知识产权强区工作要点》\
                    《共建现代服务业知识产权强区工作要点（2026年）》《重庆市知识产权强市建设纲要》";
        let found: Vec<_> = scan(&series, text).into_iter().map(|c| c.plan).collect();
        assert_eq!(found, [None, None, Some(1), Some(2)]);
    }

    #[test]
    fn prefers_a_name_given_over_one_without_its_period() {
        let both = citations(&[
            (0, &["重庆市知识产权规划（2021—2025年）"]),
            (1, &["重庆市知识产权规划"]),
        ]);
        assert!(both.ambiguous().is_empty());
        assert_eq!(
            plans(
                &both,
                "《重庆市知识产权规划》《重庆市知识产权规划（2021－2025年）》"
            ),
            [
                cited("重庆市知识产权规划", 1),
                cited("重庆市知识产权规划（2021－2025年）", 0),
            ]
        );
    }

    #[test]
    fn skips_unclosed_brackets() {
        assert!(scan(&site(), "贯彻《重庆市知识产权强市建设纲要").is_empty());
        assert!(scan(&site(), "贯彻《重庆市知识产权强市建设\n纲要》，落实").is_empty());
        assert_eq!(
            plans(&site(), "《不完整的标题\n《重庆市知识产权强市建设纲要》》"),
            [cited(OUTLINE, 0)]
        );
        assert_eq!(
            plans(&site(), "《外层《重庆市知识产权强市建设纲要》"),
            [cited(OUTLINE, 0)]
        );
        assert!(scan(&site(), "《》《　》").is_empty());
    }

    #[test]
    fn keeps_nested_angle_brackets_in_the_title() {
        let text = "《关于印发〈重庆市知识产权强市建设纲要〉的通知》";
        assert_eq!(
            plans(&site(), text),
            [external("关于印发〈重庆市知识产权强市建设纲要〉的通知")]
        );
        let notice = citations(&[(9, &["关于印发《重庆市知识产权强市建设纲要》的通知"])]);
        assert_eq!(
            plans(&notice, text),
            [cited("关于印发〈重庆市知识产权强市建设纲要〉的通知", 9)]
        );
    }

    #[test]
    fn ranges_index_the_original_text() {
        let text = "　　根据《知识产权强国建设纲要（2021—2035 年）》\r\n和《 共建现代服务业知识产权强区实施方案 》《重庆市\u{3000}大足区知识产权强区行动计划》";
        let found = scan(&site(), text);
        let written: Vec<_> = found.iter().map(|c| &text[c.range.clone()]).collect();
        assert_eq!(
            written,
            [
                "《知识产权强国建设纲要（2021—2035 年）》",
                "《 共建现代服务业知识产权强区实施方案 》",
                "《重庆市\u{3000}大足区知识产权强区行动计划》",
            ]
        );
        let linked: Vec<_> = found.iter().map(|c| c.plan).collect();
        assert_eq!(linked, [None, Some(4), Some(1)]);
    }

    #[test]
    fn scans_a_large_text_with_many_names() {
        let names: Vec<String> = (0..500)
            .map(|i| format!("重庆市第{i}号知识产权专项规划（2021—2025年）"))
            .collect();
        let citations = Citations::new(names.iter().enumerate().map(|(plan, name)| PlanNames {
            plan,
            names: vec![name.as_str()],
        }))
        .expect("500 names build");
        let mut text = String::new();
        let mut cited = 0;
        while text.len() < 1 << 20 {
            let i = cited % names.len();
            text.push_str(&format!(
                "根据《重庆市第{i}号知识产权专项规划》和《未收录的文件{i}》，\
                 推进《重庆市第{i}号知识产权专项规划实施细则》。《未闭合\n"
            ));
            cited += 1;
        }
        let found = citations.scan(&text);
        assert_eq!(found.len(), 3 * cited);
        assert_eq!(found.iter().filter(|c| c.plan.is_some()).count(), cited);
        assert!(
            found
                .iter()
                .step_by(3)
                .enumerate()
                .all(|(n, c)| c.plan == Some(n % 500))
        );
    }
}
