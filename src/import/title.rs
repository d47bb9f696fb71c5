//! The plan's own title under the notice (joined when broken over lines), and what the
//! title states about the plan: its kind (行动计划, 规划 …) and its period (2025—2027年).

use super::headings::classify;
use super::notice::quoted;
use super::numbers::{ascii_digits, chinese_date, leading_number};
use super::report::Erratum;
use super::text::{Line, char_len, chinese_count, has_sentence_punct, join_pieces, trim};

#[derive(Debug, Default)]
pub struct Title {
    pub text: String,
    /// The source lines, with their numbers; empty when taken from the notice.
    pub lines: Vec<(usize, String)>,
    pub errata: Vec<Erratum>,
}

/// Reads the title starting at `from`. With the notice's name for the plan, the lines
/// are joined while they spell it out; without it, up to three short lines without
/// sentence punctuation are taken.
pub fn find(lines: &[Line], from: usize, expected: Option<&str>) -> Option<Title> {
    let idx: Vec<usize> = (from..lines.len())
        .filter(|&i| !lines[i].is_blank())
        .take(4)
        .collect();
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut taken = 0;
    let mut text = String::new();
    match expected {
        Some(expected) => {
            let want = squash(expected);
            for (k, &i) in idx.iter().enumerate() {
                if lines[i].is_cell() {
                    break;
                }
                let next = join_pieces(&text, lines[i].trimmed());
                if !want.starts_with(&squash(&next)) {
                    break;
                }
                text = next;
                if squash(&text) == want {
                    taken = k + 1;
                    break;
                }
            }
            if taken == 0 {
                return Some(Title {
                    text: expected.to_string(),
                    ..Title::default()
                });
            }
        }
        None => {
            for &i in idx.iter().take(3) {
                let t = lines[i].trimmed();
                if !is_title_line(t) || lines[i].is_cell() || lines[i].is_tab_row() {
                    break;
                }
                text = join_pieces(&text, t);
                taken += 1;
            }
            // A title is followed by the text; a lone short line at the end is not one.
            if taken == 0 || taken == idx.len() {
                return None;
            }
        }
    }
    let parts: Vec<(usize, String)> = idx[..taken]
        .iter()
        .map(|&i| (lines[i].no, lines[i].trimmed().to_string()))
        .collect();
    let mut errata = Vec::new();
    if parts.len() > 1 {
        errata.push(Erratum {
            line: parts[0].0,
            what: format!(
                "标题在来源文本中被断为{}行（{}），合并为一行作为标题。",
                chinese_count(parts.len()),
                quoted(parts.iter().map(|(_, t)| t.as_str()))
            ),
            why: "断行是排版换行，不是原文内容。".into(),
        });
    }
    Some(Title {
        text,
        lines: parts,
        errata,
    })
}

fn is_title_line(t: &str) -> bool {
    !t.is_empty()
        && char_len(t) <= 40
        && !has_sentence_punct(t)
        && classify(t).is_none()
        && chinese_date(t).is_none()
        && t != "目录"
}

/// The document type a title names, from its last words: `…行动计划（2025—2027年）`
/// is a 行动计划.
pub fn kind(title: &str) -> Option<&'static str> {
    let mut t = trim(title);
    while let Some(open) = t.rfind(['（', '(']) {
        if t.ends_with(['）', ')']) {
            t = trim(&t[..open]);
        } else {
            break;
        }
    }
    [
        "实施方案",
        "行动计划",
        "工作方案",
        "工作要点",
        "纲要",
        "规划",
        "意见",
        "通知",
    ]
    .into_iter()
    .find(|k| t.ends_with(k))
}

/// The years a title states in brackets: `（2025—2027年）`, `（2024年－2026年）`,
/// `（2025年）`.
pub fn period(title: &str) -> Option<(u16, u16)> {
    let t = trim(title);
    let open = t.rfind(['（', '('])?;
    let inner = t[open..]
        .trim_start_matches(['（', '('])
        .strip_suffix(['）', ')'])?;
    let inner = ascii_digits(inner);
    let (start, rest) = leading_number(&inner)?;
    let rest = rest.strip_prefix('年').unwrap_or(rest);
    let year = |n: u32| u16::try_from(n).ok().filter(|y| (1949..=2100).contains(y));
    let start = year(start)?;
    if rest.is_empty() || rest == "度" {
        return Some((start, start));
    }
    let mut chars = rest.chars();
    let dash = chars.next()?;
    if !matches!(dash, '—' | '－' | '-' | '–' | '~' | '～' | '至' | '到') {
        return None;
    }
    let rest = chars.as_str().trim_start_matches('—');
    let (end, rest) = leading_number(rest)?;
    if !matches!(rest, "" | "年") {
        return None;
    }
    let end = year(end)?;
    (start <= end).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::input::split;

    #[test]
    fn joins_the_title_the_notice_names() {
        let lines = split("东区知识产权行动计划\n\n（2025—2027年）\n\n为全面落实……").lines;
        let t = find(&lines, 0, Some("东区知识产权行动计划（2025—2027年）")).unwrap();
        assert_eq!(t.text, "东区知识产权行动计划（2025—2027年）");
        assert_eq!(t.lines.len(), 2);
        assert_eq!(t.errata.len(), 1);
    }

    #[test]
    fn takes_the_notice_title_when_the_text_has_none() {
        let lines = split("为全面落实……").lines;
        let t = find(&lines, 0, Some("东区方案")).unwrap();
        assert_eq!(t.text, "东区方案");
        assert!(t.lines.is_empty());
    }

    #[test]
    fn without_a_notice_short_lines_make_the_title() {
        let lines = split("东区知识产权\n“十四五”规划\n\n一、总体要求\n").lines;
        assert_eq!(
            find(&lines, 0, None).unwrap().text,
            "东区知识产权“十四五”规划"
        );
        let lines = split("为全面推进知识产权强市建设，制定本纲要。\n").lines;
        assert!(find(&lines, 0, None).is_none());
        assert!(find(&[], 0, None).is_none());
    }

    #[test]
    fn kinds() {
        assert_eq!(
            kind("东区知识产权行动计划（2025—2027年）"),
            Some("行动计划")
        );
        assert_eq!(kind("共建工作要点（2025年）"), Some("工作要点"));
        assert_eq!(kind("东区“十四五”规划"), Some("规划"));
        assert_eq!(kind("东区知识产权"), None);
    }

    #[test]
    fn periods() {
        assert_eq!(period("计划（2025—2027年）"), Some((2025, 2027)));
        assert_eq!(period("方案（2024年－2026年）"), Some((2024, 2026)));
        assert_eq!(period("要点（2025年）"), Some((2025, 2025)));
        assert_eq!(period("纲要（2021－2035年）"), Some((2021, 2035)));
        assert_eq!(period("计划（2027—2025年）"), None);
        assert_eq!(period("计划（试行）"), None);
        assert_eq!(period("计划"), None);
    }
}
