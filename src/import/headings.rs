//! The numbering of Chinese official documents: 第一编 / 第一部分, 第一章, 第一节, 一、,
//! （一）, 1． (or 1、), （1） and ①, and beside them 专栏N and 附件N. What Markdown level
//! each kind gets depends on which kinds the document uses ([`super::levels`]); here
//! each kind only has its rank. A numbered item whose lead-in sentence runs on into its
//! text is split into the lead-in (the heading) and the rest (the paragraph under it).
//! Numbers must follow each other; a number out of sequence is not taken for a heading.

use std::collections::BTreeMap;

use super::numbers::{ascii_digits, chinese_numeral, leading_number};
use super::text::{Line, char_len, head, trim};

/// The longest lead-in sentence taken for a heading, in characters.
pub const MAX_LEAD_IN: usize = 60;
/// The longest numbered line taken for a heading when it has no lead-in sentence.
pub const MAX_HEADING: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// 第一编, 第一部分
    Volume,
    /// 第一章
    Chapter,
    /// 第一节
    Section,
    /// 一、
    Part,
    /// （一）
    Item,
    /// 1．
    Task,
    /// （1）
    Point,
    /// ①
    Circled,
    /// 专栏1
    Box,
    /// 附件1
    Annex,
}

/// The ranked kinds, highest first, as the report names them.
pub const RANKS: [&str; 7] = [
    "第一编/第一部分",
    "第一章",
    "第一节",
    "一、",
    "（一）",
    "1.",
    "（1）/①",
];

impl Kind {
    /// The kind's place in the fixed order of official numbering (0 the highest), an
    /// index of [`RANKS`]. Boxes and annexes stand outside that order: an annex is
    /// always `##`, a box goes under the section it sums up.
    pub fn rank(self) -> Option<usize> {
        Some(match self {
            Kind::Volume => 0,
            Kind::Chapter => 1,
            Kind::Section => 2,
            Kind::Part => 3,
            Kind::Item => 4,
            Kind::Task => 5,
            // ① is written where others write （1）: the same depth of list.
            Kind::Point | Kind::Circled => 6,
            Kind::Box | Kind::Annex => return None,
        })
    }

    /// The explicit anchor's prefix, for kinds other files point at.
    pub fn anchor_prefix(self) -> Option<&'static str> {
        match self {
            Kind::Task => Some("task"),
            Kind::Box => Some("box"),
            Kind::Annex => Some("annex"),
            _ => None,
        }
    }

    /// Whether the item may carry its text on the same line after a lead-in sentence.
    pub fn runs_on(self) -> bool {
        matches!(
            self,
            Kind::Part | Kind::Item | Kind::Task | Kind::Point | Kind::Circled
        )
    }
}

/// A line that starts with a heading number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    pub kind: Kind,
    /// The number; an annex without one (`附件`) is 1.
    pub n: u32,
    /// Whether the number was written (`附件` alone has none).
    pub written: bool,
    /// The text after the number and its separator.
    pub rest: String,
}

/// Reads the number at the start of a (trimmed) line.
pub fn classify(line: &str) -> Option<Numbered> {
    let line = trim(line);
    let numbered = |kind, n, rest: &str| Numbered {
        kind,
        n,
        written: true,
        rest: trim(rest).to_string(),
    };
    if let Some(after) = line.strip_prefix('第') {
        let end = after
            .char_indices()
            .find(|(_, c)| matches!(c, '章' | '节' | '编' | '部'))
            .map(|(i, _)| i)?;
        let n = number_any(&after[..end])?;
        let marked = &after[end..];
        let (kind, rest) = if let Some(rest) = marked.strip_prefix('章') {
            (Kind::Chapter, rest)
        } else if let Some(rest) = marked.strip_prefix('节') {
            (Kind::Section, rest)
        } else if let Some(rest) = marked.strip_prefix('编') {
            (Kind::Volume, rest)
        } else {
            // 部 alone (第一部门) is not a heading; only 部分 is.
            (Kind::Volume, marked.strip_prefix("部分")?)
        };
        return Some(numbered(kind, n, rest));
    }
    if let Some(after) = line.strip_prefix("专栏") {
        let after = ascii_digits(trim(after));
        let (n, rest) = leading_number(&after)?;
        return Some(numbered(Kind::Box, n, rest));
    }
    if let Some(after) = line.strip_prefix("附件") {
        let after = ascii_digits(after);
        let t = trim(&after);
        if t.is_empty() {
            return Some(Numbered {
                kind: Kind::Annex,
                n: 1,
                written: false,
                rest: String::new(),
            });
        }
        let (n, rest) = leading_number(t)?;
        let title_ok = rest.is_empty() || rest.starts_with(char::is_whitespace);
        return title_ok.then(|| numbered(Kind::Annex, n, rest));
    }
    if let Some(after) = line.strip_prefix(['（', '(']) {
        let end = after.find(['）', ')'])?;
        let inner = &after[..end];
        let (kind, n) = match chinese_numeral(inner) {
            Some(n) => (Kind::Item, n),
            None => {
                let d = ascii_digits(inner);
                let (n, tail) = leading_number(&d)?;
                // （2025） is a year, not an item; lists do not run to a hundred.
                (tail.is_empty() && (1..100).contains(&n)).then_some((Kind::Point, n))?
            }
        };
        let close = after[end..].chars().next()?;
        let rest = &after[end + close.len_utf8()..];
        return (!trim(rest).is_empty()).then(|| numbered(kind, n, rest));
    }
    if let Some(c) = line.chars().next().filter(|c| ('①'..='⑳').contains(c)) {
        let n = c as u32 - '①' as u32 + 1;
        let rest = &line[c.len_utf8()..];
        return (!trim(rest).is_empty()).then(|| numbered(Kind::Circled, n, rest));
    }
    if let Some(end) = line.find('、')
        && let Some(n) = chinese_numeral(&line[..end])
    {
        let rest = &line[end + '、'.len_utf8()..];
        return (!trim(rest).is_empty()).then(|| numbered(Kind::Part, n, rest));
    }
    let digits = ascii_digits(line);
    let (n, after) = leading_number(&digits)?;
    if n == 0 || n > 999 {
        return None;
    }
    let mut chars = after.chars();
    let sep = chars.next()?;
    if !matches!(sep, '．' | '.' | '﹒' | '、') {
        return None;
    }
    let rest = chars.as_str();
    let next = rest.chars().next()?;
    if next.is_ascii_digit() {
        return None;
    }
    (!trim(rest).is_empty()).then(|| numbered(Kind::Task, n, rest))
}

fn number_any(s: &str) -> Option<u32> {
    let s = trim(s);
    chinese_numeral(s).or_else(|| {
        let d = ascii_digits(s);
        leading_number(&d)
            .filter(|(_, r)| r.is_empty())
            .map(|(n, _)| n)
    })
}

/// Splits `rest` after its first sentence end (。 outside brackets and quotes) when
/// that lead-in is short and text follows: (`构建政策体系，强化规划引领。`, `深入贯彻……`).
pub fn split_lead_in(rest: &str) -> Option<(String, String)> {
    let mut depth = 0i32;
    for (i, c) in rest.char_indices() {
        match c {
            '（' | '(' | '“' | '‘' | '《' | '「' | '『' | '【' | '〔' | '[' => depth += 1,
            '）' | ')' | '”' | '’' | '》' | '」' | '』' | '】' | '〕' | ']' => {
                depth = (depth - 1).max(0)
            }
            '。' if depth == 0 => {
                let lead = &rest[..i + c.len_utf8()];
                let body = trim(&rest[i + c.len_utf8()..]);
                if body.is_empty() || char_len(lead) > MAX_LEAD_IN {
                    return None;
                }
                return Some((lead.to_string(), body.to_string()));
            }
            _ => {}
        }
    }
    None
}

/// A short name of the heading a line belongs under, for errata and the report: the
/// numbered line's lead-in, or its first characters.
pub fn label(line: &str) -> Option<String> {
    let n = classify(line)?;
    let line = trim(line);
    let prefix = line.strip_suffix(n.rest.as_str()).unwrap_or("");
    Some(match split_lead_in(&n.rest) {
        Some((lead, _)) => format!("{}{}", prefix, lead.trim_end_matches('。')),
        None => head(line, 30),
    })
}

/// The label of the heading line at or before `i`, for saying where a repair is.
pub fn context(lines: &[Line], i: usize) -> Option<String> {
    let end = (i + 1).min(lines.len());
    lines[..end]
        .iter()
        .rev()
        .filter(|l| !l.is_cell())
        .find_map(|l| label(l.trimmed()))
}

/// Where a repair is, in the words of an erratum.
pub fn place(context: Option<&str>) -> String {
    match context {
        Some(c) => format!("“{c}”下的段落中"),
        None => "正文开头的段落中".to_string(),
    }
}

/// Which numbers have been seen, so that each number must follow the one before it
/// (or start again at 1).
#[derive(Debug, Default)]
pub struct Sequence {
    last: BTreeMap<Kind, u32>,
}

impl Sequence {
    /// Accepts `n` for `kind` when it is the first of its kind, 1, or follows the last
    /// one; otherwise returns the last number seen.
    pub fn accept(&mut self, kind: Kind, n: u32) -> Result<(), u32> {
        let last = self.last.get(&kind).copied();
        let ok = kind == Kind::Annex || n == 1 || last.is_none_or(|l| l + 1 == n);
        if ok {
            self.last.insert(kind, n);
            if matches!(kind, Kind::Annex) {
                // An annex starts its own numbering.
                self.last.retain(|k, _| *k == Kind::Annex);
            }
            Ok(())
        } else {
            Err(last.unwrap_or(0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str) -> Option<(Kind, u32, String)> {
        classify(line).map(|n| (n.kind, n.n, n.rest))
    }

    #[test]
    fn recognises_every_numbering() {
        assert_eq!(
            kind("第一章 “十三五”时期的成就"),
            Some((Kind::Chapter, 1, "“十三五”时期的成就".into()))
        );
        assert_eq!(
            kind("第十二节 指导思想").map(|k| (k.0, k.1)),
            Some((Kind::Section, 12))
        );
        assert_eq!(kind("二、重点任务").map(|k| k.1), Some(2));
        assert_eq!(
            kind("（十八）提升能力。").map(|k| (k.0, k.1)),
            Some((Kind::Item, 18))
        );
        assert_eq!(kind("(三)加强领导").map(|k| k.0), Some(Kind::Item));
        assert_eq!(
            kind("1．构建政策体系").map(|k| (k.0, k.1)),
            Some((Kind::Task, 1))
        );
        assert_eq!(kind("12﹒打造样板").map(|k| k.1), Some(12));
        assert_eq!(kind("3.培育").map(|k| k.0), Some(Kind::Task));
        assert_eq!(
            kind("专栏 2 知识产权保护").map(|k| (k.0, k.1)),
            Some((Kind::Box, 2))
        );
        assert_eq!(kind("专栏1").map(|k| k.1), Some(1));
        assert_eq!(kind("附件2").map(|k| (k.0, k.1)), Some((Kind::Annex, 2)));
        assert_eq!(kind("附件").map(|k| (k.0, k.1)), Some((Kind::Annex, 1)));
        assert_eq!(kind("附件1 重点指标").map(|k| k.2), Some("重点指标".into()));
        assert_eq!(
            kind("第二编 发展动力").map(|k| (k.0, k.1)),
            Some((Kind::Volume, 2))
        );
        assert_eq!(
            kind("第三部分 保障措施").map(|k| (k.0, k.1, k.2)),
            Some((Kind::Volume, 3, "保障措施".into()))
        );
        assert_eq!(
            kind("（2）完善标准。").map(|k| (k.0, k.1)),
            Some((Kind::Point, 2))
        );
        assert_eq!(
            kind("③ 建设平台").map(|k| (k.0, k.1, k.2)),
            Some((Kind::Circled, 3, "建设平台".into()))
        );
        assert_eq!(kind("4、推进试点").map(|k| k.0), Some(Kind::Task));
    }

    #[test]
    fn leaves_text_that_only_looks_numbered() {
        assert_eq!(kind("1.85"), None);
        assert_eq!(kind("2025年，全区"), None);
        assert_eq!(kind("附件：共建工作要点"), None);
        assert_eq!(kind("附件清单"), None);
        assert_eq!(kind("第一批试点"), None);
        assert_eq!(kind("第一部门"), None);
        assert_eq!(kind("（2025）年度"), None);
        assert_eq!(kind("（1）"), None);
        assert_eq!(kind("①"), None);
        assert_eq!(kind("（此件公开发布）"), None);
        assert_eq!(kind("一、"), None);
        assert_eq!(kind("各镇、街道"), None);
        assert_eq!(kind(""), None);
    }

    #[test]
    fn splits_lead_in_sentences() {
        assert_eq!(
            split_lead_in("构建政策体系，强化规划引领。深入贯彻《纲要》。"),
            Some((
                "构建政策体系，强化规划引领。".into(),
                "深入贯彻《纲要》。".into()
            ))
        );
        assert_eq!(split_lead_in("高标准构建体系。"), None);
        assert_eq!(
            split_lead_in("打造“一心。两翼”格局。其余"),
            Some(("打造“一心。两翼”格局。".into(), "其余".into()))
        );
        let long = format!("{}。后文", "字".repeat(80));
        assert_eq!(split_lead_in(&long), None);
    }

    #[test]
    fn numbers_follow_each_other() {
        let mut s = Sequence::default();
        assert!(s.accept(Kind::Part, 3).is_ok());
        assert_eq!(s.accept(Kind::Part, 3), Err(3));
        assert!(s.accept(Kind::Task, 1).is_ok());
        assert!(s.accept(Kind::Task, 2).is_ok());
        assert_eq!(s.accept(Kind::Task, 7), Err(2));
        assert!(s.accept(Kind::Task, 1).is_ok());
        assert!(s.accept(Kind::Annex, 2).is_ok());
        assert!(s.accept(Kind::Task, 1).is_ok());
    }

    #[test]
    fn labels_use_the_lead_in() {
        assert_eq!(
            label("3．培育文化生态，厚植创新土壤。统筹建立……").as_deref(),
            Some("3．培育文化生态，厚植创新土壤")
        );
        assert_eq!(label("一、总体要求").as_deref(), Some("一、总体要求"));
    }
}
