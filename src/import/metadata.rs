//! The catalogue block (政务公开 metadata) a government web page shows above a
//! document: `[ 索引号 ] … [ 发文字号 ] …`, `【发布机构】…`, `成文日期：…`, or a label and
//! its value on alternate lines as copied from an HTML table. This module owns the
//! labels, reading a line into label/value pairs, the values (dates, 有效性, issuers)
//! and putting them into the front matter beside what the document itself states.
//! Which lines of a page are looked at is [`super::page`]'s business.

use super::numbers::{ascii_digits, chinese_date};
use super::render::Front;
use super::report::{Found, Report};
use super::text::{char_len, trim};
use crate::model::Status;
use crate::model::date::Date;
use crate::model::doc_number::is_doc_number;

/// What a label's value is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    IndexNumber,
    DocNumber,
    Issuers,
    Status,
    Written,
    Published,
    /// 生成日期: the date the page was made, not necessarily the publication date.
    Generated,
    Topics,
    /// A catalogue label with no front-matter field (体裁分类 …): reported, not written.
    Unwritten,
    /// A label of the page itself (来源, 浏览次数, 字号 …), not of the document.
    Page,
}

#[derive(Debug)]
pub struct Label {
    pub name: &'static str,
    pub field: Field,
}

const fn l(name: &'static str, field: Field) -> Label {
    Label { name, field }
}

/// Every label read, longest first so that `发布日期` is tried before a shorter label
/// that could start the same way.
const LABELS: &[Label] = &[
    l("政府信息公开索引号", Field::IndexNumber),
    l("网站标识码", Field::Page),
    l("索引号", Field::IndexNumber),
    l("发文字号", Field::DocNumber),
    l("发文号", Field::DocNumber),
    l("文号", Field::DocNumber),
    l("发布机构", Field::Issuers),
    l("发文机关", Field::Issuers),
    l("发布机关", Field::Issuers),
    l("发文单位", Field::Issuers),
    l("有效性", Field::Status),
    l("时效性", Field::Status),
    l("成文日期", Field::Written),
    l("成文时间", Field::Written),
    l("发布日期", Field::Published),
    l("发布时间", Field::Published),
    l("生成日期", Field::Generated),
    l("主题分类", Field::Topics),
    l("体裁分类", Field::Unwritten),
    l("组配分类", Field::Unwritten),
    l("公文种类", Field::Unwritten),
    l("服务对象", Field::Unwritten),
    l("信息分类", Field::Unwritten),
    l("主题词", Field::Unwritten),
    l("关键词", Field::Unwritten),
    l("文种", Field::Unwritten),
    l("信息来源", Field::Page),
    l("浏览次数", Field::Page),
    l("阅读次数", Field::Page),
    l("访问次数", Field::Page),
    l("责任编辑", Field::Page),
    l("相关链接", Field::Page),
    l("相关文件", Field::Page),
    l("主办单位", Field::Page),
    l("承办单位", Field::Page),
    l("技术支持", Field::Page),
    l("点击数", Field::Page),
    l("点击量", Field::Page),
    l("分享到", Field::Page),
    l("来源", Field::Page),
    l("字号", Field::Page),
    l("字体", Field::Page),
    l("作者", Field::Page),
    l("主办", Field::Page),
    l("承办", Field::Page),
];

/// A value longer than this is running text, not a catalogue entry.
const MAX_VALUE: usize = 60;

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

fn is_open(c: char) -> bool {
    matches!(c, '[' | '【' | '［')
}

fn is_close(c: char) -> bool {
    matches!(c, ']' | '】' | '］')
}

fn is_separator(c: char) -> bool {
    matches!(c, '|' | '｜' | '丨')
}

/// The label starting at char `i`, and the char index after it (and after its
/// brackets and colon). Spaces between a label's characters are allowed (`索 引 号`),
/// since sites space short labels out to align them.
fn label_at(chars: &[char], i: usize) -> Option<(usize, &'static Label)> {
    let at = |k: usize| chars.get(k).copied();
    let skip = |mut k: usize| {
        while at(k).is_some_and(is_space) {
            k += 1;
        }
        k
    };
    let bracketed = at(i).is_some_and(is_open);
    let start = if bracketed { skip(i + 1) } else { i };
    LABELS.iter().find_map(|label| {
        let mut k = start;
        for (n, want) in label.name.chars().enumerate() {
            if n > 0 {
                k = skip(k);
            }
            if at(k) != Some(want) {
                return None;
            }
            k += 1;
        }
        let after = skip(k);
        if bracketed {
            if !at(after).is_some_and(is_close) {
                return None;
            }
            let k = skip(after + 1);
            return Some((if is_colon(at(k)) { k + 1 } else { k }, label));
        }
        if is_colon(at(after)) {
            return Some((after + 1, label));
        }
        // A bare label must stand alone: followed by a space or nothing, so that
        // `来源于…` is not read as the label 来源.
        (at(k).is_none() || at(k).is_some_and(is_space)).then_some((after, label))
    })
}

fn is_colon(c: Option<char>) -> bool {
    matches!(c, Some('：' | ':'))
}

/// The label/value pairs of a line, when the line is nothing but pairs: it starts with
/// a label, and each value runs to the next label. `None` for any other line.
pub fn pairs(text: &str) -> Option<Vec<(&'static Label, String)>> {
    let chars: Vec<char> = trim(text).chars().collect();
    let mut found: Vec<(usize, usize, &'static Label)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0
            || is_open(chars[i])
            || chars
                .get(i.wrapping_sub(1))
                .is_some_and(|&c| is_space(c) || is_separator(c));
        if boundary && let Some((end, label)) = label_at(&chars, i) {
            found.push((i, end, label));
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    if found.first().map(|f| f.0) != Some(0) {
        return None;
    }
    let mut out = Vec::new();
    for (k, &(_, end, label)) in found.iter().enumerate() {
        let until = found.get(k + 1).map_or(chars.len(), |f| f.0);
        let value: String = chars.get(end..until).unwrap_or(&[]).iter().collect();
        let value = value
            .trim_matches(|c: char| is_space(c) || is_separator(c))
            .to_string();
        if char_len(&value) > MAX_VALUE || value.contains('。') {
            return None;
        }
        out.push((label, value));
    }
    Some(out)
}

/// A label with its value and the source lines they came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub label: &'static str,
    pub field: Field,
    pub value: String,
    pub lines: Vec<(usize, String)>,
}

/// An exact date as `YYYY-MM-DD`, and the time of day written after it, if any:
/// `2022-03-01`, `2022.3.1`, `2022/03/01`, `2022年3月1日`, `2022-03-05 09:30`.
pub fn exact_date(value: &str) -> Option<(String, Option<String>)> {
    let v = ascii_digits(trim(value));
    let (day, rest) = match v.find('日') {
        Some(at) => {
            let (d, r) = v.split_at(at + '日'.len_utf8());
            (chinese_date(d)?, r)
        }
        None => {
            let end = v.find(char::is_whitespace).unwrap_or(v.len());
            let (d, r) = v.split_at(end);
            (numeric_date(d)?, r)
        }
    };
    let time = trim(rest);
    if time.is_empty() {
        return Some((day, None));
    }
    let is_time = time.contains(':') && time.chars().all(|c| c.is_ascii_digit() || c == ':');
    is_time.then(|| (day, Some(time.to_string())))
}

fn numeric_date(s: &str) -> Option<String> {
    let sep = s.chars().find(|c| matches!(c, '-' | '.' | '/'))?;
    let parts: Vec<&str> = s.split(sep).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let ok = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !ok(y, 4..=4) || !ok(m, 1..=2) || !ok(d, 1..=2) {
        return None;
    }
    let iso = format!("{y}-{m:0>2}-{d:0>2}");
    Date::parse(&iso).ok().map(|_| iso)
}

/// 有效性 as the plan's `status`: only the words that say it exactly.
pub fn status(value: &str) -> Option<&'static str> {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let status = match v.as_str() {
        "有效" => Status::InForce,
        "失效" => Status::Expired,
        "废止" => Status::Repealed,
        "修订" => Status::Amended,
        v => Status::parse(v)?,
    };
    Some(status.name())
}

/// The issuing bodies of a 发布机构 value: one, unless it is a list (`甲局、乙局`).
fn issuers(value: &str) -> Vec<String> {
    value
        .split(['、', '，', ',', '；', ';'])
        .map(|s| trim(s).to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '、' | '，' | ','))
        .collect()
}

/// Where a pair was read: `the page's 发布日期 (line 7)`.
fn from(p: &Pair) -> String {
    let line = p.lines.first().map_or(0, |l| l.0);
    format!("the page's {} at line {line}", p.label)
}

fn refs(p: &Pair) -> Vec<(usize, &str)> {
    p.lines.iter().map(|(n, t)| (*n, t.as_str())).collect()
}

/// Puts the catalogue's values into the front matter. What the document itself states
/// (the 发文字号 line, the date under the notice) is kept when the two differ, and the
/// difference is reported; every value taken, and every one left out, is reported with
/// its line.
pub fn apply(pairs: &[Pair], front: &mut Front, report: &mut Report) {
    let first = |field: Field| {
        pairs
            .iter()
            .find(|p| p.field == field && !p.value.is_empty())
    };
    let remark = |report: &mut Report, p: &Pair, text: String| {
        let line = p.lines.first().map_or(0, |l| l.0);
        report.catalogue.push(format!("line {line}: {text}"));
    };

    for p in pairs
        .iter()
        .filter(|p| p.value.is_empty() && p.field != Field::Page)
    {
        remark(
            report,
            p,
            format!("{} has no value; nothing was written", p.label),
        );
    }
    if let Some(p) = first(Field::IndexNumber) {
        front.index_number = Some(p.value.clone());
        report.found.push(Found::from_lines(
            "index_number",
            format!("{} (the page's {})", p.value, p.label),
            &refs(p),
        ));
    }
    if let Some(p) = first(Field::DocNumber) {
        match &front.doc_number {
            Some(own) if squash(own) != squash(&p.value) => remark(
                report,
                p,
                format!(
                    "{} “{}” differs from the document's own 发文字号 “{own}”; kept the document's",
                    p.label, p.value
                ),
            ),
            Some(_) => {}
            None => {
                let mut value = format!("{} (the page's {}", p.value, p.label);
                if !is_doc_number(&p.value) {
                    value.push_str("; as written, though not shaped like 某府发〔2025〕12号");
                }
                value.push(')');
                front.doc_number = Some(p.value.clone());
                report
                    .found
                    .push(Found::from_lines("doc_number", value, &refs(p)));
            }
        }
    }
    if let Some(p) = first(Field::Issuers) {
        let list = issuers(&p.value);
        let before = front.issuers.join("");
        if !front.issuers.is_empty() && squash(&before) != squash(&list.join("")) {
            remark(
                report,
                p,
                format!(
                    "issuers taken from {} (“{}”) instead of the notice's “{}”",
                    p.label,
                    p.value,
                    front.issuers.join("、")
                ),
            );
        }
        let how = if list.len() > 1 {
            format!(
                "{} (the page's {}; {} bodies, as the value lists several)",
                list.join("、"),
                p.label,
                list.len()
            )
        } else {
            format!("{} (the page's {})", list.join(""), p.label)
        };
        report.found.retain(|f| f.field != "issuers");
        report
            .found
            .push(Found::from_lines("issuers", how, &refs(p)));
        front.issuers = list;
    }
    if let Some(p) = first(Field::Status) {
        match status(&p.value) {
            Some(s) => {
                front.status = Some(s.to_string());
                report.found.push(Found::from_lines(
                    "status",
                    format!("{s} ({} “{}”)", p.label, p.value),
                    &refs(p),
                ));
            }
            None => remark(
                report,
                p,
                format!(
                    "{} “{}” is not one of 有效 失效 废止 修订; `status` left empty",
                    p.label, p.value
                ),
            ),
        }
    }
    if let Some(p) = first(Field::Written) {
        match (exact_date(&p.value), &front.date_written) {
            (None, _) => remark(
                report,
                p,
                format!(
                    "{} “{}” is not an exact date; `date_written` not taken from it",
                    p.label, p.value
                ),
            ),
            (Some((d, _)), Some(own)) if &d != own => remark(
                report,
                p,
                format!(
                    "{} {d} differs from the date under the notice, {own}; kept the notice's",
                    p.label
                ),
            ),
            (Some(_), Some(_)) => {}
            (Some((d, _)), None) => {
                report.found.push(Found::from_lines(
                    "date_written",
                    format!("{d} (the page's {})", p.label),
                    &refs(p),
                ));
                front.date_written = Some(d);
            }
        }
    }
    published(pairs, front, report);
    if let Some(p) = first(Field::Topics) {
        front.topics = vec![p.value.clone()];
        report.found.push(Found::from_lines(
            "topics",
            format!("{} (the page's {}, one item as written)", p.value, p.label),
            &refs(p),
        ));
    }
    for p in pairs
        .iter()
        .filter(|p| p.field == Field::Unwritten && !p.value.is_empty())
    {
        remark(
            report,
            p,
            format!(
                "{} “{}” has no front-matter field; not written",
                p.label, p.value
            ),
        );
    }
}

/// `date_published` from 发布日期; from 生成日期 (the page's own date) only when the page
/// gives no 发布日期 at all, and then reported as a guess.
fn published(pairs: &[Pair], front: &mut Front, report: &mut Report) {
    let published = pairs
        .iter()
        .find(|p| p.field == Field::Published && !p.value.is_empty());
    let generated = pairs
        .iter()
        .find(|p| p.field == Field::Generated && !p.value.is_empty());
    let at = |p: &Pair| p.lines.first().map_or(0, |l| l.0);
    match (published, generated) {
        (Some(p), g) => {
            match exact_date(&p.value) {
                Some((d, time)) => {
                    let mut value = format!("{d} (from {})", from(p));
                    if let Some(t) = time {
                        value = format!("{d} (from {}; the time {t} left out)", from(p));
                    }
                    report
                        .found
                        .push(Found::from_lines("date_published", value, &refs(p)));
                    front.date_published = Some(d);
                }
                None => report.catalogue.push(format!(
                    "line {}: {} “{}” is not an exact date; `date_published` left empty",
                    at(p),
                    p.label,
                    p.value
                )),
            }
            if let Some(g) = g {
                report.catalogue.push(format!(
                    "line {}: 生成日期 “{}” is the page's date, not written (the page gives {})",
                    at(g),
                    g.value,
                    p.label
                ));
            }
        }
        (None, Some(g)) => match exact_date(&g.value) {
            Some((d, _)) => {
                report.found.push(Found::from_lines(
                    "date_published",
                    format!(
                        "{d} (a guess from {}: the page's date; the page gives no 发布日期)",
                        from(g)
                    ),
                    &refs(g),
                ));
                front.date_published = Some(d);
            }
            None => report.catalogue.push(format!(
                "line {}: 生成日期 “{}” is not an exact date; `date_published` left empty",
                at(g),
                g.value
            )),
        },
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<Vec<(&'static str, String)>> {
        pairs(text).map(|v| v.into_iter().map(|(l, v)| (l.name, v)).collect())
    }

    #[test]
    fn bracketed_spaced_and_colon_labels() {
        assert_eq!(
            read("[ 索 引 号 ] 1150/2022-00035 [ 发文字号 ] 某府办发〔2022〕30号").unwrap(),
            [
                ("索引号", "1150/2022-00035".to_string()),
                ("发文字号", "某府办发〔2022〕30号".to_string())
            ]
        );
        assert_eq!(
            read("【发布机构】某区政府办公室【有效性】有效").unwrap(),
            [
                ("发布机构", "某区政府办公室".to_string()),
                ("有效性", "有效".to_string())
            ]
        );
        assert_eq!(
            read("成文日期：2022年3月1日    发布时间：2022-03-05 09:30").unwrap(),
            [
                ("成文日期", "2022年3月1日".to_string()),
                ("发布时间", "2022-03-05 09:30".to_string())
            ]
        );
        assert_eq!(read("索引号").unwrap(), [("索引号", String::new())]);
        assert_eq!(
            read("索引号\t1150\t文号\t某府发〔2022〕1号").unwrap().len(),
            2
        );
        assert_eq!(read("字号：大 中 小").unwrap()[0].0, "字号");
    }

    #[test]
    fn text_is_not_a_catalogue_line() {
        assert!(read("来源于各部门的数据。").is_none());
        assert!(read("各镇人民政府，各街道办事处：").is_none());
        assert!(read("一、总体要求").is_none());
        assert!(read("数据来源：统计局").is_none());
        assert!(read("").is_none());
    }

    #[test]
    fn dates_are_taken_only_when_exact() {
        let d = |s: &str| exact_date(s).map(|(d, _)| d);
        assert_eq!(d("2022-03-01").as_deref(), Some("2022-03-01"));
        assert_eq!(d("2022.3.1").as_deref(), Some("2022-03-01"));
        assert_eq!(d("2022/03/01").as_deref(), Some("2022-03-01"));
        assert_eq!(d("2022年3月1日").as_deref(), Some("2022-03-01"));
        assert_eq!(
            exact_date("2023-02-20 09:30"),
            Some(("2023-02-20".into(), Some("09:30".into())))
        );
        assert_eq!(d("2022年3月"), None);
        assert_eq!(d("2022-02-30"), None);
        assert_eq!(d("2022"), None);
        assert_eq!(d("2022-03-01 上午"), None);
    }

    #[test]
    fn statuses() {
        assert_eq!(status("有效"), Some("现行有效"));
        assert_eq!(status("已失效"), Some("已失效"));
        assert_eq!(status("废止"), Some("已废止"));
        assert_eq!(status("部分有效"), None);
    }

    #[test]
    fn a_list_of_issuers_is_split() {
        assert_eq!(issuers("甲局、乙局"), ["甲局", "乙局"]);
        assert_eq!(issuers("某区人民政府办公室"), ["某区人民政府办公室"]);
    }
}
