//! A table of contents copied with the text: entries with dot leaders and page numbers
//! (`第一节 指导思想.....6`), under a `目录` line or not. It is dropped, because the site
//! makes its own from the headings, and every dropped line is reported.

use super::report::Erratum;
use super::text::{Line, head, trim};

#[derive(Debug, Default)]
pub struct Toc {
    pub dropped: Vec<(usize, String)>,
    pub errata: Vec<Erratum>,
}

/// Removes every run of table-of-contents entries (two or more, or one under `目录`)
/// with its `目录` line.
pub fn drop(lines: Vec<Line>) -> (Vec<Line>, Toc) {
    let mut toc = Toc::default();
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let heading = is_toc_heading(lines[i].trimmed());
        let first = if heading {
            next_nonblank(&lines, i + 1)
        } else {
            Some(i)
        };
        let Some(first) = first.filter(|&f| is_entry(lines[f].trimmed())) else {
            i += 1;
            continue;
        };
        let mut entries = vec![first];
        let mut j = first + 1;
        while let Some(k) = next_nonblank(&lines, j).filter(|&k| is_entry(lines[k].trimmed())) {
            entries.push(k);
            j = k + 1;
        }
        if !heading && entries.len() < 2 {
            i += 1;
            continue;
        }
        let start = if heading { i } else { first };
        let end = *entries.last().unwrap_or(&first);
        let run: Vec<(usize, String)> = (start..=end)
            .filter(|&k| !lines[k].is_blank())
            .map(|k| (lines[k].no, lines[k].trimmed().to_string()))
            .collect();
        keep[start..=end].fill(false);
        toc.errata.push(Erratum {
            line: lines[start].no,
            what: format!(
                "删去带点线引导符和页码的目录（{}{}个条目，自“{}”至“{}”）。",
                if heading {
                    "“目录”一行及其下"
                } else {
                    ""
                },
                entries.len(),
                head(&strip_leader(lines[entries[0]].trimmed()), 30),
                head(&strip_leader(lines[end].trimmed()), 30)
            ),
            why: "目录是排版页面的导航，网站按标题自动生成目录。".into(),
        });
        toc.dropped.extend(run);
        i = end + 1;
    }
    let kept = lines
        .into_iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(l))
        .collect();
    (kept, toc)
}

fn next_nonblank(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&k| !lines[k].is_blank())
}

fn is_toc_heading(t: &str) -> bool {
    t.chars().filter(|c| !c.is_whitespace()).collect::<String>() == "目录"
}

const LEADERS: [char; 8] = ['.', '…', '·', '．', '⋯', '。', '-', '_'];

/// `第一节 指导思想.....\t6`: text, at least two leader characters, a page number.
pub fn is_entry(t: &str) -> bool {
    let t = trim(t);
    let without_page = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if without_page.len() == t.len() || t.len() - without_page.len() > 4 {
        return false;
    }
    let before = without_page.trim_end();
    let text = before.trim_end_matches(LEADERS);
    let leaders = before[text.len()..].chars().count();
    leaders >= 2 && !trim(text).is_empty()
}

fn strip_leader(t: &str) -> String {
    let t = trim(t);
    let without_page = t.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end();
    trim(without_page.trim_end_matches(LEADERS)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::input::split;

    #[test]
    fn entries() {
        assert!(is_entry("第一节 指导思想.....\t6"));
        assert!(is_entry("专栏1 主要指标……12"));
        assert!(is_entry("第二章 总体要求 ··········· 7"));
        assert!(!is_entry("第一节 指导思想"));
        assert!(!is_entry("发明专利总量达到575"));
        assert!(!is_entry("……12"));
        assert!(!is_entry("2025"));
    }

    #[test]
    fn drops_the_table_of_contents_and_keeps_the_rest() {
        let text =
            "\n目录\n\n第一章 总则.....\t1\n第一节 指导思想.....\t1\n\n序言。\n\n第一章 总则\n";
        let (kept, toc) = drop(split(text).lines);
        let texts: Vec<&str> = kept.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["", "", "序言。", "", "第一章 总则"]);
        assert_eq!(toc.dropped.len(), 3);
        assert_eq!(toc.dropped[0], (2, "目录".to_string()));
        assert_eq!(toc.errata.len(), 1);
        assert!(
            toc.errata[0]
                .what
                .contains("“第一章 总则”至“第一节 指导思想”")
        );
    }

    #[test]
    fn a_single_entry_without_a_heading_stays() {
        let (kept, toc) = drop(split("总则.....1\n正文。").lines);
        assert_eq!(kept.len(), 2);
        assert!(toc.dropped.is_empty());
    }
}
