//! Repairs of extraction artefacts that are certain, each recorded as an erratum:
//!
//! - a paragraph broken by a page break: it ends without closing punctuation (and is
//!   running text, not a heading or a table), blank lines follow, and the next
//!   paragraph goes on with its words (`知` + `识产权…`, `审查起` + `诉、审判…`);
//! - a title broken before its bracketed years (`…工作要点` + `（2025年）`);
//! - never a line of a web page (a breadcrumb, a catalogue line) to the text;
//! - stray spaces between Chinese characters (`知识产 权`, `指  标`), except the space
//!   after a heading's number (`第一节 指导思想`).

use super::headings::{Kind, classify, context, place, split_lead_in};
use super::numbers::ascii_digits;
use super::page::looks_like_page;
use super::report::Erratum;
use super::text::{
    Line, char_len, has_sentence_punct, head, is_closing, is_han, is_wide, join_pieces, tail,
};

/// A line shorter than this without any punctuation is a title, not running text.
const MIN_RUNNING: usize = 30;

/// Joins paragraphs broken by page breaks and titles broken before their years.
pub fn join_breaks(lines: Vec<Line>) -> (Vec<Line>, Vec<Erratum>) {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut errata = Vec::new();
    let mut blanks = 0;
    for line in lines {
        if line.is_blank() {
            blanks += 1;
            out.push(line);
            continue;
        }
        let prev = out.len().checked_sub(blanks + 1);
        if let Some(p) = prev.filter(|&p| !out[p].is_blank()) {
            let (a, b) = (out[p].trimmed().to_string(), line.trimmed().to_string());
            let join = if is_title_break(&out[p], &line) {
                Some(Erratum {
                    line: out[p].no,
                    what: format!("标题在来源文本中被断为两行（“{a}”与“{b}”），合并为一行。"),
                    why: "断行是排版换行，不是原文内容。".into(),
                })
            } else if blanks > 0 && is_page_break(&out[p], &line) {
                let joined = join_pieces(&a, &b);
                let at = a.len();
                Some(Erratum {
                    line: out[p].no,
                    what: format!(
                        "{}，“{}”与下一段“{}”在来源文本中被断开，合并为一段（“{}”）。",
                        place(context(&out, p).as_deref()),
                        tail(&a, 12),
                        head(&b, 12),
                        junction(&joined, at)
                    ),
                    why: "上一段末尾没有句末标点，下一段直接接续其文字；断开是分页或排版换行造成的，不是原文分段。".into(),
                })
            } else {
                None
            };
            if let Some(e) = join {
                errata.push(e);
                out.truncate(p + 1);
                out[p].text = join_pieces(&a, &b);
                blanks = 0;
                continue;
            }
        }
        blanks = 0;
        out.push(line);
    }
    (out, errata)
}

/// Four characters either side of where two pieces were joined.
fn junction(joined: &str, at: usize) -> String {
    let left: String = joined[..at]
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let right: String = joined[at..].chars().take(4).collect();
    format!("{left}{right}").trim().to_string()
}

fn is_running_text(line: &Line) -> bool {
    let t = line.trimmed();
    if line.is_cell() || line.is_tab_row() {
        return false;
    }
    match classify(t) {
        // A numbered item is running text only after its lead-in sentence.
        Some(n) => n.kind.runs_on() && split_lead_in(&n.rest).is_some(),
        None => has_sentence_punct(t) || char_len(t) >= MIN_RUNNING,
    }
}

fn is_page_break(p: &Line, q: &Line) -> bool {
    let (a, b) = (p.trimmed(), q.trimmed());
    let ends_open = a.chars().next_back().is_some_and(|c| !is_closing(c));
    let first = b.chars().next();
    let goes_on = first.is_some_and(|c| {
        is_han(c)
            || c.is_ascii_alphanumeric()
            || is_closing(c)
            || matches!(c, '、' | '，' | '“' | '《' | '（' | '*')
    });
    // A breadcrumb or catalogue line left in the text ends without punctuation too,
    // but nothing of the paragraph below goes on from it.
    ends_open
        && goes_on
        && !looks_like_page(a)
        && !looks_like_page(b)
        && is_running_text(p)
        && classify(b).is_none()
        && !q.is_cell()
        && !q.is_tab_row()
        && super::numbers::chinese_date(b).is_none()
}

fn is_title_break(p: &Line, q: &Line) -> bool {
    let (a, b) = (p.trimmed(), q.trimmed());
    let title = !has_sentence_punct(a)
        && char_len(a) < 40
        && !p.is_cell()
        && !p.is_tab_row()
        && classify(a).is_none()
        && !a.ends_with(['）', ')']);
    let years = ascii_digits(b);
    let bracketed = (years.starts_with('（') || years.starts_with('('))
        && (years.ends_with('）') || years.ends_with(')'))
        && char_len(b) <= 16
        && years.contains('年')
        && years.chars().filter(char::is_ascii_digit).count() >= 4;
    title && bracketed && !looks_like_page(a)
}

/// Removes spaces between Chinese characters, line by line (cell by cell in tables).
pub fn stray_spaces(lines: &mut [Line]) -> Vec<Erratum> {
    let mut errata = Vec::new();
    for i in 0..lines.len() {
        if lines[i].is_blank() {
            continue;
        }
        let mut fixed: Vec<(String, String)> = Vec::new();
        let new: Vec<String> = lines[i]
            .text
            .split('\t')
            .map(|cell| {
                let keep = protected_prefix(cell);
                let (kept, rest) = cell.split_at(keep);
                let (out, found) = squeeze(rest);
                fixed.extend(found);
                format!("{kept}{out}")
            })
            .collect();
        if fixed.is_empty() {
            continue;
        }
        let what_in = if lines[i].is_cell() || lines[i].is_tab_row() {
            let caption = lines[..i]
                .iter()
                .rev()
                .find(|l| !l.is_blank() && !l.is_cell() && !l.is_tab_row())
                .map(|l| head(l.trimmed(), 40));
            match caption {
                Some(c) => format!("“{c}”之后的表格单元格中"),
                None => "表格单元格中".to_string(),
            }
        } else {
            place(context(lines, i).as_deref())
        };
        let before: String = fixed.iter().map(|(a, _)| format!("“{a}”")).collect();
        let after: String = fixed.iter().map(|(_, b)| format!("“{b}”")).collect();
        errata.push(Erratum {
            line: lines[i].no,
            what: format!(
                "{what_in}删去汉字之间多出的{}处空格：{before}{}{after}。",
                fixed.len(),
                if fixed.len() > 1 {
                    "，分别改为"
                } else {
                    "改为"
                }
            ),
            why: "这些空格出现在词语内部，是排版换行或字距转换成的空格，不是原文内容。".into(),
        });
        lines[i].text = new.join("\t");
    }
    errata
}

/// The bytes of a heading's number and the space after it, which stay as they are.
fn protected_prefix(cell: &str) -> usize {
    let trimmed_start = cell.len() - cell.trim_start().len();
    let t = &cell[trimmed_start..];
    match classify(t) {
        Some(n)
            if matches!(
                n.kind,
                Kind::Volume | Kind::Chapter | Kind::Section | Kind::Box | Kind::Annex
            ) =>
        {
            let rest_at = t.rfind(n.rest.as_str()).filter(|_| !n.rest.is_empty());
            trimmed_start + rest_at.unwrap_or(t.len())
        }
        _ => 0,
    }
}

/// Drops runs of spaces (ASCII or U+3000) that stand between two Chinese characters
/// (or a Chinese character and Chinese punctuation). Returns the text and each fix as
/// (before, after) with two characters of context.
fn squeeze(s: &str) -> (String, Vec<(String, String)>) {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut fixes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' || c == '\u{3000}' {
            let start = i;
            while i < chars.len() && (chars[i] == ' ' || chars[i] == '\u{3000}') {
                i += 1;
            }
            let before = start.checked_sub(1).map(|k| chars[k]);
            let after = chars.get(i).copied();
            let stray = match (before, after) {
                (Some(b), Some(a)) => is_wide(b) && is_wide(a) && (is_han(b) || is_han(a)),
                _ => false,
            };
            if stray {
                let mut from = start.saturating_sub(2);
                while from < start && chars[from].is_whitespace() {
                    from += 1;
                }
                let mut to = (i + 2).min(chars.len());
                while to > i && chars[to - 1].is_whitespace() {
                    to -= 1;
                }
                let old: String = chars[from..to].iter().collect();
                let new: String = chars[from..start].iter().chain(&chars[i..to]).collect();
                fixes.push((old, new));
            } else {
                out.extend(&chars[start..i]);
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    (out, fixes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::input::split;

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn joins_a_word_split_by_a_page_break() {
        let lines =
            split("一、形势\n\n从国内看，知识产权工作正在转变，知\n\n识产权面临机遇。\n\n下一段。")
                .lines;
        let (out, errata) = join_breaks(lines);
        assert_eq!(
            texts(&out),
            [
                "一、形势",
                "",
                "从国内看，知识产权工作正在转变，知识产权面临机遇。",
                "",
                "下一段。"
            ]
        );
        assert_eq!(errata.len(), 1);
        assert!(errata[0].what.contains("“一、形势”下的段落中"));
        assert!(errata[0].what.contains("（“转变，知识产权面”）"));
    }

    #[test]
    fn leaves_headings_titles_and_tables_alone() {
        let text = "一、总体要求\n\n坚持以人民为中心。\n\n重庆市东区知识产权重点指标表\n\n\t序号\n\n（一）加强领导\n\n发挥作用。";
        let lines = split(text).lines;
        let (out, errata) = join_breaks(lines.clone());
        assert_eq!(out, lines);
        assert!(errata.is_empty());
    }

    #[test]
    fn never_joins_a_line_of_the_web_page() {
        let text = "当前位置：首页 > 政务公开 > 政策文件\n\n为加强全区知识产权保护，制定本规划。\n\n[ 发布机构 ] 某区政府办公室\n\n现印发给你们。";
        let lines = split(text).lines;
        let (out, errata) = join_breaks(lines.clone());
        assert_eq!(out, lines);
        assert!(errata.is_empty());
    }

    #[test]
    fn needs_a_blank_line_and_a_continuation() {
        let lines =
            split("推动知识产权工作，加强\n各部门协作。\n\n加强各部门，\n\n——创新赋能。").lines;
        let (out, errata) = join_breaks(lines.clone());
        assert_eq!(out, lines);
        assert!(errata.is_empty());
    }

    #[test]
    fn joins_a_numbered_task_broken_after_its_lead_in() {
        let lines = split("1．构建政策体系。深入贯彻《重庆市\n\n知识产权纲要》。").lines;
        let (out, _) = join_breaks(lines);
        assert_eq!(
            texts(&out),
            ["1．构建政策体系。深入贯彻《重庆市知识产权纲要》。"]
        );
    }

    #[test]
    fn joins_a_title_broken_before_its_years() {
        let lines =
            split("附件\n\n共建工作要点\n\n（2025年）\n\n2025年工作的总体要求是：坚持。").lines;
        let (out, errata) = join_breaks(lines);
        assert_eq!(
            texts(&out),
            [
                "附件",
                "",
                "共建工作要点（2025年）",
                "",
                "2025年工作的总体要求是：坚持。"
            ]
        );
        assert!(errata[0].what.starts_with("标题在来源文本中被断为两行"));
    }

    #[test]
    fn removes_stray_spaces_between_chinese_characters() {
        let mut lines = split("专栏6 工程\n组织开展知识产权系统行政管理 人员轮训，到 2025 年，设计大赛、 摄影大赛。\n\t指  标\n第一节 指导思想").lines;
        let errata = stray_spaces(&mut lines);
        assert_eq!(
            texts(&lines),
            [
                "专栏6 工程",
                "组织开展知识产权系统行政管理人员轮训，到 2025 年，设计大赛、摄影大赛。",
                "\t指标",
                "第一节 指导思想"
            ]
        );
        assert_eq!(errata.len(), 2);
        assert!(errata[0].what.contains("2处空格：“管理 人员”“赛、 摄影”"));
        assert!(
            errata[1]
                .what
                .contains("之后的表格单元格中删去汉字之间多出的1处空格：“指  标”改为“指标”")
        );
    }
}
