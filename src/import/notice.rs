//! The covering notice at the head of the text (印发通知): the issuing bodies and
//! 发文字号 before it, its title (joined when broken over lines), the 发文字号 on its own
//! line under the title (as most government web pages lay it out), the addressees, the
//! notice sentence, the signature, the date under it and the disclosure mark. All of it
//! goes into the front matter, and the lines it came from leave the body.

use super::numbers::chinese_date;
use super::report::{Erratum, Found};
use super::text::{Line, char_len, chinese_count, has_sentence_punct, join_pieces, trim};
use crate::model::doc_number::{has_bracketed_year, is_doc_number};

/// How far down the text the notice title is looked for, in non-blank lines.
const SEARCH: usize = 12;

/// The covering notice, as it goes into `notice:` of the front matter; dates are
/// `YYYY-MM-DD`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Notice {
    pub title: Option<String>,
    pub addressees: Option<String>,
    pub text: Option<String>,
    pub signed: Option<String>,
    pub date: Option<String>,
    pub disclosure: Option<String>,
}

#[derive(Debug, Default)]
pub struct Header {
    pub issuers: Vec<String>,
    pub doc_number: Option<String>,
    /// The notice's own fields, as they go into the front matter.
    pub notice: Notice,
    /// Index (into the lines given) of the first line after the header.
    pub end: usize,
    /// Numbers of the source lines used.
    pub used: Vec<usize>,
    pub found: Vec<Found>,
    pub errata: Vec<Erratum>,
    /// Lines before the notice title that are neither an issuing body nor a 发文字号:
    /// they stay in the text, and the report lists them.
    pub unplaced: Vec<(usize, String)>,
}

impl Header {
    /// The plan's title as the notice names it: what is between 印发 and 的通知,
    /// without the title marks 《》.
    pub fn plan_title(&self) -> Option<String> {
        let t = self.notice.title.as_deref()?;
        let start = t.find("印发")? + "印发".len();
        let end = t.rfind("的通知").or_else(|| t.rfind("通知"))?;
        let inner = trim(t.get(start..end)?);
        let inner = match inner.strip_prefix('《').and_then(|s| s.strip_suffix('》')) {
            Some(s) if !s.contains('《') => s,
            Some(_) => return None,
            None if inner.contains('《') => return None,
            None => inner,
        };
        (!inner.is_empty()).then(|| inner.to_string())
    }
}

pub fn header(lines: &[Line]) -> Header {
    let mut h = Header::default();
    let idx: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].is_blank())
        .take(SEARCH + 12)
        .collect();
    let text = |p: usize| lines[idx[p]].trimmed();
    let Some(end) = (0..idx.len().min(SEARCH)).find(|&p| {
        let t = text(p);
        t.ends_with("通知") && !t.contains('。') && char_len(t) <= 80
    }) else {
        return h;
    };
    let start = (end.saturating_sub(3)..=end)
        .rev()
        .find(|&p| text(p).contains("关于"))
        .unwrap_or(end);
    if (start..end).any(|p| has_sentence_punct(text(p)) || lines[idx[p]].is_cell()) {
        return h;
    }

    // Before the title: 发文字号 and issuing bodies.
    for p in 0..start {
        let t = text(p);
        let tokens: Vec<&str> = t.split_whitespace().collect();
        let number = tokens.iter().position(|tok| is_doc_number(tok));
        if let Some(k) = number {
            h.doc_number = Some(tokens[k].to_string());
            h.found.push(Found::from_lines(
                "doc_number",
                tokens[k],
                &[(lines[idx[p]].no, t)],
            ));
        }
        let names: Vec<&str> = tokens
            .iter()
            .enumerate()
            .filter(|(k, _)| Some(*k) != number)
            .map(|(_, s)| *s)
            .collect();
        if names.iter().all(|n| is_organ(n)) {
            h.issuers.extend(names.iter().map(|s| s.to_string()));
            if !names.is_empty() {
                h.found.push(Found::from_lines(
                    "issuers",
                    names.join("、"),
                    &[(lines[idx[p]].no, t)],
                ));
            }
            h.used.push(lines[idx[p]].no);
        } else if number.is_some() {
            h.used.push(lines[idx[p]].no);
        } else {
            h.unplaced.push((lines[idx[p]].no, t.to_string()));
        }
    }

    // The title.
    let parts: Vec<(usize, &str)> = (start..=end).map(|p| (lines[idx[p]].no, text(p))).collect();
    let title = parts
        .iter()
        .fold(String::new(), |acc, (_, t)| join_pieces(&acc, t));
    if parts.len() > 1 {
        h.errata.push(Erratum {
            line: parts[0].0,
            what: format!(
                "通知标题在来源文本中被断为{}行（{}），合并为一行。",
                chinese_count(parts.len()),
                quoted(parts.iter().map(|(_, t)| *t))
            ),
            why: "断行是排版换行，不是原文内容。".into(),
        });
    }
    if h.issuers.is_empty()
        && let Some(prefix) = title.find("关于").map(|i| trim(&title[..i]))
        && !prefix.is_empty()
        && is_name(prefix)
    {
        h.issuers.push(prefix.to_string());
        h.found.push(Found::new(
            "issuers",
            format!("{prefix} (the words before 关于 in the notice title)"),
        ));
    }
    h.found
        .push(Found::from_lines("notice.title", title.clone(), &parts));
    h.used.extend(parts.iter().map(|(n, _)| *n));
    h.notice.title = Some(title);
    h.end = idx[end] + 1;

    // The 发文字号 on its own line under the title; the addressees start after it.
    let mut p = end + 1;
    if let Some(number) = idx
        .get(p)
        .and_then(|&i| doc_number_line(lines[i].trimmed()))
    {
        let line = &lines[idx[p]];
        let mut value = format!("{number} (the line under the notice title)");
        if let Some(before) = h.doc_number.as_deref().filter(|b| *b != number) {
            value.push_str(&format!("; the line before the title said {before}"));
        }
        h.found.retain(|f| f.field != "doc_number");
        h.found.push(Found::from_lines(
            "doc_number",
            value,
            &[(line.no, line.trimmed())],
        ));
        h.doc_number = Some(number.to_string());
        h.used.push(line.no);
        h.end = idx[p] + 1;
        p += 1;
    }

    // Addressees: up to three lines, the last ending with a colon. A line with a
    // document number or a catalogue label is not an addressee, so it is never glued in.
    if let Some(k) = (p..(p + 3).min(idx.len())).find(|&k| ends_with_colon(text(k)))
        && (p..=k).all(|q| {
            !text(q).contains('。')
                && !has_bracketed_year(text(q))
                && super::metadata::pairs(text(q)).is_none()
        })
    {
        let parts: Vec<(usize, &str)> = (p..=k).map(|q| (lines[idx[q]].no, text(q))).collect();
        let joined = parts
            .iter()
            .fold(String::new(), |acc, (_, t)| join_pieces(&acc, t));
        let value = joined.trim_end_matches(['：', ':']).to_string();
        h.found.push(Found::from_lines(
            "notice.addressees",
            value.clone(),
            &parts,
        ));
        h.used.extend(parts.iter().map(|(n, _)| *n));
        h.notice.addressees = Some(value);
        h.end = idx[k] + 1;
        p = k + 1;
    }

    // The notice sentence, the signature and the date under it.
    let date_at = (p..(p + 8).min(idx.len())).find(|&k| chinese_date(text(k)).is_some());
    let text_end = match date_at {
        Some(d) => {
            let mut sig = d;
            while sig > p && d - sig < 2 && is_signature(text(sig - 1)) {
                sig -= 1;
            }
            if sig < d {
                let parts: Vec<(usize, &str)> =
                    (sig..d).map(|q| (lines[idx[q]].no, text(q))).collect();
                let names: Vec<&str> = parts
                    .iter()
                    .flat_map(|(_, t)| t.split_whitespace())
                    .collect();
                let signed = names.join(" ");
                h.found
                    .push(Found::from_lines("notice.signed", signed.clone(), &parts));
                h.used.extend(parts.iter().map(|(n, _)| *n));
                if h.issuers.is_empty() {
                    h.issuers = names.iter().map(|s| s.to_string()).collect();
                    h.found.push(Found::new(
                        "issuers",
                        format!("{} (from the signature)", names.join("、")),
                    ));
                }
                h.notice.signed = Some(signed);
            }
            let date_line = &lines[idx[d]];
            let iso = chinese_date(date_line.trimmed()).unwrap_or_default();
            h.found.push(Found::from_lines(
                "notice.date and date_written",
                iso.clone(),
                &[(date_line.no, date_line.trimmed())],
            ));
            h.used.push(date_line.no);
            h.notice.date = Some(iso);
            h.end = idx[d] + 1;
            sig
        }
        None => (p..(p + 3).min(idx.len()))
            .find(|&k| text(k).ends_with('。'))
            .map_or(p, |k| k + 1),
    };
    if text_end > p {
        let parts: Vec<(usize, &str)> =
            (p..text_end).map(|q| (lines[idx[q]].no, text(q))).collect();
        let joined = parts
            .iter()
            .fold(String::new(), |acc, (_, t)| join_pieces(&acc, t));
        h.found
            .push(Found::from_lines("notice.text", joined.clone(), &parts));
        h.used.extend(parts.iter().map(|(n, _)| *n));
        h.notice.text = Some(joined);
        h.end = h.end.max(idx[text_end - 1] + 1);
    }

    // The disclosure mark.
    let next = idx.iter().copied().find(|&i| i >= h.end);
    if let Some(i) = next
        && let Some(mark) = disclosure(lines[i].trimmed())
    {
        h.found.push(Found::from_lines(
            "notice.disclosure",
            mark,
            &[(lines[i].no, lines[i].trimmed())],
        ));
        h.used.push(lines[i].no);
        h.notice.disclosure = Some(mark.to_string());
        h.end = i + 1;
    }
    h
}

/// A line that is nothing but a 发文字号, bare or in brackets: `（某府发〔2022〕3号）`.
pub fn doc_number_line(s: &str) -> Option<&str> {
    let s = trim(s);
    let inner = s
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))
        .map_or(s, trim);
    is_doc_number(inner).then_some(inner)
}

/// An issuing body named on a line of its own before the notice title: a name that
/// ends as the name of a body does, so that a page's column name (政策文件) is not taken.
fn is_organ(s: &str) -> bool {
    const ENDS: [&str; 24] = [
        "政府",
        "办公室",
        "办公厅",
        "委员会",
        "管委会",
        "委",
        "局",
        "厅",
        "办",
        "部",
        "院",
        "中心",
        "会",
        "处",
        "署",
        "室",
        "组",
        "党委",
        "公司",
        "社",
        "所",
        "站",
        "队",
        "团",
    ];
    is_name(s) && ENDS.iter().any(|e| trim(s).ends_with(e))
}

/// A body's name: short, no sentence punctuation, not a date.
fn is_name(s: &str) -> bool {
    let s = trim(s);
    !s.is_empty() && char_len(s) <= 40 && !has_sentence_punct(s) && chinese_date(s).is_none()
}

/// A signature line: one or more names separated by spaces.
fn is_signature(s: &str) -> bool {
    !s.ends_with('。') && char_len(s) <= 80 && s.split_whitespace().all(is_name)
}

fn ends_with_colon(s: &str) -> bool {
    s.ends_with('：') || s.ends_with(':')
}

/// `（此件公开发布）` → `此件公开发布`.
pub fn disclosure(s: &str) -> Option<&str> {
    let inner = s.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    (inner.starts_with("此件") && char_len(inner) <= 20).then_some(inner)
}

/// `“a”与“b”`, `“a”“b”“c”` for errata.
pub fn quoted<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let parts: Vec<String> = parts.map(|p| format!("“{p}”")).collect();
    parts.join(if parts.len() == 2 { "与" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::input::split;

    #[test]
    fn doc_numbers() {
        assert!(is_doc_number("大足府发〔2025〕12号"));
        assert!(is_doc_number("渝府办发[2024]3号"));
        assert!(!is_doc_number("〔2025〕12号"));
        assert!(!is_doc_number("大足府发〔2025〕号"));
        assert!(!is_doc_number("12号"));
    }

    #[test]
    fn disclosure_marks() {
        assert_eq!(disclosure("（此件公开发布）"), Some("此件公开发布"));
        assert_eq!(disclosure("(此件不公开)"), Some("此件不公开"));
        assert_eq!(disclosure("（2025年）"), None);
    }

    #[test]
    fn reads_a_full_notice() {
        let text = " 东府发〔2025〕3号\n东区人民政府\n\n关于印发《东区知识产权\n\n行动计划（2025—2027年）》的通知\n\n各街道，区政府各部门：\n《东区知识产权行动计划（2025—2027年）》已经区政府同意，现印发给你们。\n东区人民政府\n2025年3月4日\n（此件公开发布）\n\n东区知识产权行动计划\n";
        let lines = split(text).lines;
        let h = header(&lines);
        assert_eq!(h.doc_number.as_deref(), Some("东府发〔2025〕3号"));
        assert_eq!(h.issuers, ["东区人民政府"]);
        assert_eq!(
            h.notice.title.as_deref(),
            Some("关于印发《东区知识产权行动计划（2025—2027年）》的通知")
        );
        assert_eq!(
            h.plan_title().as_deref(),
            Some("东区知识产权行动计划（2025—2027年）")
        );
        assert_eq!(h.notice.addressees.as_deref(), Some("各街道，区政府各部门"));
        assert!(
            h.notice
                .text
                .as_deref()
                .is_some_and(|t| t.ends_with("现印发给你们。"))
        );
        assert_eq!(h.notice.signed.as_deref(), Some("东区人民政府"));
        assert_eq!(h.notice.date.as_deref(), Some("2025-03-04"));
        assert_eq!(h.notice.disclosure.as_deref(), Some("此件公开发布"));
        assert_eq!(lines[h.end].text, "");
        assert_eq!(h.errata.len(), 1);
        assert_eq!(h.used.len(), 9);
    }

    #[test]
    fn issuer_in_the_title_and_two_signers() {
        let text = "东区办公室关于\n印发东区工作方案的通知\n各单位：\n现将《东区工作方案》印发给你们。\n   东区办公室     市局\n\n     2024年2月22日\u{3000}\u{3000}\n正文。";
        let h = header(&split(text).lines);
        assert_eq!(h.issuers, ["东区办公室"]);
        assert_eq!(h.plan_title().as_deref(), Some("东区工作方案"));
        assert_eq!(h.notice.signed.as_deref(), Some("东区办公室 市局"));
        assert_eq!(h.notice.date.as_deref(), Some("2024-02-22"));
        assert_eq!(h.notice.disclosure, None);
    }

    #[test]
    fn the_doc_number_under_the_title_is_not_an_addressee() {
        let text = "某区人民政府办公室关于印发某区规划的通知\n（某府办发﹝2022﹞30号）\n各镇人民政府，区政府各部门：\n现印发给你们。\n某区人民政府办公室\n2022年3月8日\n";
        let h = header(&split(text).lines);
        assert_eq!(h.doc_number.as_deref(), Some("某府办发﹝2022﹞30号"));
        assert_eq!(
            h.notice.addressees.as_deref(),
            Some("各镇人民政府，区政府各部门")
        );
        assert!(h.found.iter().any(|f| f.field == "doc_number"
            && f.value.contains("the line under the notice title")
            && f.lines[0].0 == 2));
    }

    #[test]
    fn a_line_before_the_title_that_names_no_body_is_left_and_reported() {
        let text = "政策文件\n东区人民政府\n关于印发东区方案的通知\n各单位：\n现印发给你们。\n";
        let h = header(&split(text).lines);
        assert_eq!(h.issuers, ["东区人民政府"]);
        assert_eq!(h.unplaced, [(1, "政策文件".to_string())]);
        assert!(!h.used.contains(&1));
    }

    #[test]
    fn document_numbers_inside_text() {
        assert!(has_bracketed_year("某府办发〔2022〕30号各镇人民政府"));
        assert!(has_bracketed_year("某发[2022]3号"));
        assert!(has_bracketed_year("﹝2022﹞"));
        assert!(!has_bracketed_year("（2022—2025年）"));
        assert!(!has_bracketed_year("各镇人民政府，各街道办事处"));
    }

    #[test]
    fn no_notice_no_header() {
        let h = header(&split("一、总体要求\n为全面推进……的通知精神。\n").lines);
        assert!(h.notice.title.is_none() && h.used.is_empty() && h.end == 0);
        let h = header(&[]);
        assert!(h.notice.title.is_none());
    }
}
