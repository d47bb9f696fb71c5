//! Two-row table headers merged into one row, as Markdown tables have one header row.
//! The first row has cells spanning several columns (年度计划目标 over 2025 2026 2027;
//! 规划目标 and 实现情况 each over 2015年 and 年均增长（%）); the second names the
//! columns under them. Copies lay this out in three ways, all read here:
//!
//! - the second row has a cell for every column, empty under a cell of the first row
//!   that spans two rows (`\t\t2025\t2026\t2027\t`);
//! - the first row has a cell for every column, empty where the cell to its left spans
//!   (`规划目标\t\t实现情况\t`);
//! - neither is padded: the second row holds only the names under the spanning cells,
//!   and the spanning cells are the first row's cells that are not a fixed column
//!   (序号, 指标, 单位, 属性 …).
//!
//! A merged column is named `规划目标 2015年` (group, space, column), except that a year
//! before a 年度… group reads as one word: `2025年度计划目标`.

use super::numbers::year_in_header;
use super::text::trim;

/// Words of a second-row cell under a spanning cell.
const SUB_WORDS: &[&str] = &[
    "年均", "增长", "增速", "目标", "实际", "完成", "实现", "预期", "累计", "基期", "现状",
];

/// Headers of columns that never span others.
const FIXED: &[&str] = &[
    "序号", "指标", "名称", "项目", "单位", "属性", "类别", "领域", "分类", "责任", "备注",
];

/// A merged header: the column names, and each spanning cell with the names under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub header: Vec<String>,
    pub spans: Vec<(String, Vec<String>)>,
}

fn is_sub(cell: &str) -> bool {
    year_in_header(cell).is_some() || SUB_WORDS.iter().any(|w| cell.contains(w))
}

/// Merges `first` over `second` into `columns` names, when the second row reads as
/// the names under spanning cells.
pub fn merge(first: &[String], second: &[String], columns: usize) -> Option<Merged> {
    let filled: Vec<&String> = second.iter().filter(|c| !trim(c).is_empty()).collect();
    if first.is_empty() || filled.len() < 2 || !filled.iter().all(|c| is_sub(c)) {
        return None;
    }
    // Each first-row cell with how many columns it covers.
    let widths: Vec<(String, usize)> =
        if first.len() == columns && first.iter().any(String::is_empty) {
            padded_first(first)?
        } else if second.len() == columns {
            padded_second(first, second)?
        } else {
            unpadded(first, filled.len(), columns)?
        };
    if widths.iter().map(|(_, w)| w).sum::<usize>() != columns {
        return None;
    }
    // The names under the spans: in place when the second row is padded, else in order.
    let mut subs = filled.into_iter().cloned();
    let mut header = Vec::with_capacity(columns);
    let mut spans = Vec::new();
    let mut at = 0;
    for (cell, width) in widths {
        if width == 1 && (second.len() != columns || trim(&second[at]).is_empty()) {
            header.push(cell);
        } else {
            let names: Vec<String> = if second.len() == columns {
                let names = second[at..at + width].to_vec();
                if names.iter().any(|n| trim(n).is_empty()) {
                    return None;
                }
                names
            } else {
                subs.by_ref().take(width).collect()
            };
            if names.len() != width || cell.is_empty() {
                return None;
            }
            header.extend(names.iter().map(|n| spanned(n, &cell)));
            spans.push((cell, names));
        }
        at += width;
    }
    (header.len() == columns && !spans.is_empty()).then_some(Merged { header, spans })
}

/// `规划目标, "", 实现情况, ""`: an empty cell continues the span to its left.
fn padded_first(first: &[String]) -> Option<Vec<(String, usize)>> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for cell in first {
        match out.last_mut() {
            Some((_, w)) if cell.is_empty() => *w += 1,
            None if cell.is_empty() => return None,
            _ => out.push((cell.clone(), 1)),
        }
    }
    Some(out)
}

/// The second row has every column: an empty cell stands under a first-row cell of
/// its own; each run of names stands under one spanning cell (or several, evenly).
fn padded_second(first: &[String], second: &[String]) -> Option<Vec<(String, usize)>> {
    let empties = second.iter().filter(|c| trim(c).is_empty()).count();
    let spans = first.len().checked_sub(empties).filter(|&k| k > 0)?;
    // Runs of filled cells.
    let mut runs: Vec<usize> = Vec::new();
    let mut in_run = false;
    for c in second {
        if trim(c).is_empty() {
            in_run = false;
        } else if in_run {
            if let Some(r) = runs.last_mut() {
                *r += 1;
            }
        } else {
            runs.push(1);
            in_run = true;
        }
    }
    let run_widths: Vec<Vec<usize>> = if runs.len() == spans {
        runs.iter().map(|&r| vec![r]).collect()
    } else if let [r] = runs.as_slice() {
        r.is_multiple_of(spans)
            .then(|| vec![vec![r / spans; spans]])?
    } else {
        return None;
    };
    let mut cells = first.iter();
    let mut out = Vec::new();
    let mut runs = run_widths.into_iter();
    let mut in_run = false;
    for c in second {
        if trim(c).is_empty() {
            out.push((cells.next()?.clone(), 1));
            in_run = false;
        } else if !in_run {
            for w in runs.next()? {
                out.push((cells.next()?.clone(), w));
            }
            in_run = true;
        }
    }
    cells.next().is_none().then_some(out)
}

/// Neither row padded: the spanning cells are the first row's cells that are not a
/// fixed column, and share the second row's names evenly.
fn unpadded(first: &[String], names: usize, columns: usize) -> Option<Vec<(String, usize)>> {
    let spans = (first.len() + names).checked_sub(columns)?;
    let spanning: Vec<bool> = first
        .iter()
        .map(|c| !c.is_empty() && !FIXED.iter().any(|w| c.contains(w)))
        .collect();
    if spans == 0
        || spanning.iter().filter(|&&s| s).count() != spans
        || !names.is_multiple_of(spans)
    {
        return None;
    }
    Some(
        first
            .iter()
            .zip(spanning)
            .map(|(c, s)| (c.clone(), if s { names / spans } else { 1 }))
            .collect(),
    )
}

/// `2025` under `年度计划目标` → `2025年度计划目标`; `2015年` under `规划目标` →
/// `规划目标 2015年`.
pub fn spanned(sub: &str, span: &str) -> String {
    if span.starts_with('年') && year_in_header(sub).is_some() {
        format!("{}{span}", sub.trim_end_matches('年'))
    } else {
        format!("{span} {sub}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    const WANT: [&str; 7] = [
        "序号",
        "指标",
        "规划目标 2015年",
        "规划目标 年均增长（%）",
        "实现情况 2015年",
        "实现情况 年均增长（%）",
        "属性",
    ];

    #[test]
    fn the_three_layouts_give_the_same_names() {
        let subs = ["2015年", "年均增长（%）", "2015年", "年均增长（%）"];
        let first = strings(&["序号", "指标", "规划目标", "实现情况", "属性"]);
        let mut padded = vec!["", ""];
        padded.extend(subs);
        padded.push("");
        let m = merge(&first, &strings(&padded), 7).map(|m| m.header);
        assert_eq!(m, Some(strings(&WANT)));
        let m = merge(&first, &strings(&subs), 7);
        assert_eq!(m.as_ref().map(|m| m.header.clone()), Some(strings(&WANT)));
        assert_eq!(
            m.map(|m| m.spans[1].clone()),
            Some(("实现情况".into(), strings(&subs[2..])))
        );
        let first = strings(&["序号", "指标", "规划目标", "", "实现情况", "", "属性"]);
        let m = merge(&first, &strings(&subs), 7).map(|m| m.header);
        assert_eq!(m, Some(strings(&WANT)));
    }

    #[test]
    fn yearly_groups_read_as_one_word() {
        let m = merge(
            &strings(&["序号", "指标", "年度计划目标", "责任单位"]),
            &strings(&["", "", "2025", "2026", "2027", ""]),
            6,
        );
        assert_eq!(
            m.map(|m| m.header),
            Some(strings(&[
                "序号",
                "指标",
                "2025年度计划目标",
                "2026年度计划目标",
                "2027年度计划目标",
                "责任单位"
            ]))
        );
    }

    #[test]
    fn a_data_row_is_not_a_header() {
        let first = strings(&["序号", "指标", "2025年"]);
        assert_eq!(merge(&first, &strings(&["1", "甲（家）", "3"]), 3), None);
        assert_eq!(
            merge(&strings(&["甲", "乙"]), &strings(&["丙", "", "丁"]), 3),
            None
        );
    }
}
