//! The foot of an official document (版记): 抄送 (copied to), possibly broken over
//! lines and a page break, and the printing line `印发机关  2025年6月24日印发`. Both go
//! into the front matter and leave the body.

use super::numbers::chinese_date;
use super::report::{Erratum, Found};
use super::text::{Line, char_len, has_sentence_punct, join_pieces, trim};

#[derive(Debug, Default)]
pub struct Footer {
    pub copied_to: Vec<String>,
    pub printed_by: Option<String>,
    /// `YYYY-MM-DD`.
    pub date_printed: Option<String>,
    pub used: Vec<usize>,
    pub found: Vec<Found>,
    pub errata: Vec<Erratum>,
}

const SEPARATORS: [char; 5] = ['，', '、', '；', ',', ';'];

pub fn footer(lines: &[Line]) -> Footer {
    let mut f = Footer::default();
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect();

    if let Some(p) = nonblank
        .iter()
        .rposition(|&i| copy_list(lines[i].trimmed()).is_some())
    {
        let first = &lines[nonblank[p]];
        let mut text = first.trimmed().to_string();
        let mut parts = vec![(first.no, first.trimmed())];
        let mut q = p + 1;
        while q < nonblank.len() && q <= p + 3 && !text.ends_with('。') {
            let next = &lines[nonblank[q]];
            let t = next.trimmed();
            if printing(t).is_some()
                || next.is_cell()
                || super::headings::classify(t).is_some()
                || char_len(t) > 120
            {
                break;
            }
            if !text.ends_with(SEPARATORS) {
                let left = text.rsplit(SEPARATORS).next().unwrap_or("").to_string();
                let left = left.rsplit(['：', ':']).next().unwrap_or("").to_string();
                let right = t
                    .split(SEPARATORS)
                    .next()
                    .unwrap_or("")
                    .trim_end_matches('。');
                f.errata.push(Erratum {
                    line: next.no,
                    what: format!(
                        "抄送栏中的“{left}”与“{right}”在来源文本中被断开，合并为“{}”。",
                        join_pieces(&left, right)
                    ),
                    why: "断行是分页或排版换行造成的，原为同一机关名称。".into(),
                });
            }
            text = join_pieces(&text, t);
            parts.push((next.no, t));
            q += 1;
        }
        f.copied_to = copy_list(&text)
            .unwrap_or("")
            .split(SEPARATORS)
            .map(|s| trim(s).trim_end_matches('。').to_string())
            .filter(|s| !s.is_empty())
            .collect();
        f.found.push(Found::from_lines(
            "copied_to",
            f.copied_to.join("、"),
            &parts,
        ));
        f.used.extend(parts.iter().map(|(n, _)| *n));
    }

    if let Some(p) = nonblank
        .iter()
        .rposition(|&i| printing(lines[i].trimmed()).is_some())
    {
        let line = &lines[nonblank[p]];
        if let Some((by, date)) = printing(line.trimmed()) {
            let mut parts = vec![(line.no, line.trimmed())];
            let mut by = by.to_string();
            if by.is_empty() && p > 0 {
                let prev = &lines[nonblank[p - 1]];
                let t = prev.trimmed();
                if is_body_name(t) && copy_list(t).is_none() && !f.used.contains(&prev.no) {
                    by = t.to_string();
                    parts.insert(0, (prev.no, t));
                }
            }
            if !by.is_empty() {
                f.found
                    .push(Found::from_lines("printed_by", by.clone(), &parts));
                f.printed_by = Some(by);
            }
            f.found
                .push(Found::from_lines("date_printed", date.clone(), &parts));
            f.date_printed = Some(date);
            f.used.extend(parts.iter().map(|(n, _)| *n));
        }
    }
    f.used.sort_unstable();
    f
}

/// The list after `抄送：`.
fn copy_list(s: &str) -> Option<&str> {
    s.strip_prefix("抄送")
        .and_then(|r| r.strip_prefix(['：', ':']))
}

/// `重庆市大足区人民政府办公室   2025年6月24日印发` → (the body, `2025-06-24`).
pub fn printing(s: &str) -> Option<(&str, String)> {
    let body = trim(s.strip_suffix("印发")?);
    let (at, iso) = body
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit() || ('０'..='９').contains(c))
        .find_map(|(i, _)| chinese_date(&body[i..]).map(|iso| (i, iso)))?;
    let by = trim(&body[..at]);
    (by.is_empty() || is_body_name(by)).then_some((by, iso))
}

fn is_body_name(s: &str) -> bool {
    !s.is_empty() && char_len(s) <= 40 && !has_sentence_punct(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::input::split;

    #[test]
    fn copied_to_broken_over_a_page() {
        let text = "正文。\n\n抄送：区委办公室，区人大办公室，经开区办\n\n公室，区法院。\n\n东区人民政府办公室        2025年6月24日印发\n";
        let lines = split(text).lines;
        let f = footer(&lines);
        assert_eq!(
            f.copied_to,
            ["区委办公室", "区人大办公室", "经开区办公室", "区法院"]
        );
        assert_eq!(f.printed_by.as_deref(), Some("东区人民政府办公室"));
        assert_eq!(f.date_printed.as_deref(), Some("2025-06-24"));
        assert_eq!(f.used, [3, 5, 7]);
        assert_eq!(f.errata.len(), 1);
        assert!(f.errata[0].what.contains("“经开区办”与“公室”"));
        assert!(f.errata[0].what.contains("“经开区办公室”"));
    }

    #[test]
    fn printing_lines() {
        assert_eq!(
            printing("东区办公室2025年6月24日印发"),
            Some(("东区办公室", "2025-06-24".to_string()))
        );
        assert_eq!(
            printing("2025年6月24日印发"),
            Some(("", "2025-06-24".to_string()))
        );
        assert_eq!(printing("现将方案，于2025年6月24日印发"), None);
        assert_eq!(printing("东区办公室"), None);
    }

    #[test]
    fn printing_body_on_the_line_before() {
        let lines = split("抄送：区委。\n东区办公室\n2025年1月2日印发").lines;
        let f = footer(&lines);
        assert_eq!(f.printed_by.as_deref(), Some("东区办公室"));
        assert_eq!(f.used, [1, 2, 3]);
    }
}
