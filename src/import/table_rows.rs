//! Rows of copied tables that need reading before a table is built: cells on lines
//! not separated by blank lines (split where the serial number goes on), category
//! lines of one cell (总体发展水平) that belong to the table, and rows whose cells are
//! separated by runs of spaces instead of tabs.

use super::tables::{Cell, MERGED_LEFT};
use super::text::{Line, has_sentence_punct, is_han, trim};

/// Cells on lines that were not separated by blank lines: a run of cells that starts
/// with a serial number (1) and has the next one (2, 3 …) at every `n`th cell is `n`
/// cells a row, `n` no less than `min` (the header's cells). Anything else stays one row.
pub(super) fn split_by_serial(no: usize, cells: &[Cell], min: usize) -> Vec<(usize, Vec<String>)> {
    let whole = vec![(no, cells.iter().map(Cell::text).collect())];
    let serial = |k: usize| cells.get(k).and_then(|c| c.text().parse::<u64>().ok());
    let Some(first) = serial(0) else {
        return whole;
    };
    let stride = (min.max(2)..=cells.len() / 2).find(|&n| {
        cells.len().is_multiple_of(n)
            && (1..cells.len() / n).all(|r| serial(r * n) == Some(first + r as u64))
    });
    match stride {
        Some(n) => cells
            .chunks(n)
            .map(|chunk| {
                let line = chunk.first().map_or(no, |c| c.line);
                (line, chunk.iter().map(Cell::text).collect())
            })
            .collect(),
        None => whole,
    }
}

/// A short line without sentence punctuation that names a category of the rows below
/// it (总体发展水平, （一）经济发展), not a caption (表2 …, …清单) or a number.
pub fn is_group_label(text: &str) -> bool {
    let t = trim(text);
    let n = t.chars().count();
    (2..=20).contains(&n)
        && t.chars().any(is_han)
        && !has_sentence_punct(t)
        && !t.contains(['。', '\t'])
        && !["表", "附表", "附件", "专栏", "注"]
            .iter()
            .any(|w| t.starts_with(w))
        && !["表", "清单", "一览"].iter().any(|w| t.ends_with(w))
        && super::indicators::unit_of(t).is_none()
}

/// The category of a full-width row (`[总体发展水平, <<, <<, …]`).
pub fn group_label(row: &[String]) -> Option<&str> {
    let (first, rest) = row.split_first()?;
    (!rest.is_empty() && !first.is_empty() && rest.iter().all(|c| c == MERGED_LEFT))
        .then_some(first.as_str())
}

/// Cells of a line separated by runs of two spaces or more (or by U+3000), when
/// there are at least three and none reads as a sentence.
fn spaced_cells(line: &Line) -> Option<Vec<String>> {
    if line.is_cell() || line.is_tab_row() || line.is_blank() {
        return None;
    }
    let text = line.trimmed().replace('\u{3000}', "  ");
    let cells: Vec<String> = text
        .split("  ")
        .map(trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    let short = cells
        .iter()
        .all(|c| c.chars().count() <= 40 && !c.contains('。'));
    (cells.len() >= 3 && short).then_some(cells)
}

/// Rows copied with spaces between their cells, turned into tab rows before the
/// repairs (which would read the spaces as stray). A run of at least two such lines
/// counts, with category lines of one cell between them. Returns a note per run, and
/// the source lines that were turned into tab rows (for the table's erratum, which
/// must say how the source separated its cells).
pub fn spaced_rows(lines: &mut [Line]) -> (Vec<String>, Vec<usize>) {
    let mut notes = Vec::new();
    let mut converted = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if spaced_cells(&lines[i]).is_none() {
            i += 1;
            continue;
        }
        // The run: spaced lines, blank lines and category lines followed by more rows.
        let mut rows = vec![i];
        let mut k = i + 1;
        while k < lines.len() {
            let line = &lines[k];
            let goes_on = || {
                (k + 1..lines.len())
                    .find(|&j| !lines[j].is_blank())
                    .is_some_and(|j| spaced_cells(&lines[j]).is_some())
            };
            if spaced_cells(line).is_some() {
                rows.push(k);
            } else if !(line.is_blank() || is_group_label(line.trimmed())) || !goes_on() {
                break;
            }
            k += 1;
        }
        if rows.len() >= 2 {
            let (first, last) = (lines[i].no, lines[rows[rows.len() - 1]].no);
            for &r in &rows {
                if let Some(cells) = spaced_cells(&lines[r]) {
                    lines[r].text = cells.join("\t");
                    converted.push(lines[r].no);
                }
            }
            notes.push(format!(
                "lines {first}–{last}: cells separated by runs of spaces were read as table rows"
            ));
        }
        i = k.max(i + 1);
    }
    (notes, converted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<Cell> {
        texts
            .iter()
            .enumerate()
            .map(|(k, t)| Cell::new(t, k + 10))
            .collect()
    }

    #[test]
    fn rows_run_together_are_split_where_the_serial_number_goes_on() {
        let run = cells(&["1", "甲（家）", "3", "2", "乙（件）", "4"]);
        assert_eq!(
            split_by_serial(10, &run, 3),
            [
                (10, vec!["1".to_string(), "甲（家）".into(), "3".into()]),
                (13, vec!["2".to_string(), "乙（件）".into(), "4".into()])
            ]
        );
        // Narrower than the header: one row whose values happen to count on.
        let row = cells(&["1", "示范企业（家）", "1", "2", "3", "区局"]);
        assert_eq!(split_by_serial(10, &row, 4).len(), 1);
    }

    #[test]
    fn category_labels_and_captions() {
        assert!(is_group_label("总体发展水平"));
        assert!(is_group_label("（一）经济发展"));
        assert!(!is_group_label("表2 重点任务清单"));
        assert!(!is_group_label("东区重点任务清单"));
        assert!(!is_group_label("地区生产总值（亿元）"));
        assert!(!is_group_label("加快发展，提升质量"));
        assert!(!is_group_label("12"));
        let row = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            group_label(&row(&["创新驱动", "<<", "<<"])),
            Some("创新驱动")
        );
        assert_eq!(group_label(&row(&["创新驱动", "", "<<"])), None);
    }

    #[test]
    fn spaced_rows_become_tab_rows() {
        let mut lines = vec![
            Line::new(1, "指标  2020年  2025年"),
            Line::new(2, "总体发展水平"),
            Line::new(3, "甲（家）  1  2"),
            Line::new(4, "指  标不是表格"),
        ];
        let (notes, _) = spaced_rows(&mut lines);
        assert_eq!(lines[0].text, "指标\t2020年\t2025年");
        assert_eq!(lines[1].text, "总体发展水平");
        assert_eq!(lines[2].text, "甲（家）\t1\t2");
        assert_eq!(lines[3].text, "指  标不是表格");
        assert_eq!(
            notes,
            ["lines 1–3: cells separated by runs of spaces were read as table rows"]
        );
    }
}
