//! Tab-separated tables as text extraction leaves them, in two shapes:
//!
//! - one cell per line, each line starting with a tab, rows separated by blank lines;
//!   a line without a tab continues the cell before it (a cell broken over lines);
//! - one row per line, cells separated by tabs.
//!
//! Rows of cells separated by runs of spaces are turned into tab rows first
//! ([`spaced_rows`]). A two-row header whose first row has cells spanning several
//! columns (年度计划目标 over 2025 2026 2027; 规划目标 over 2015年 and 年均增长) is merged
//! into one row ([`super::table_header`]). A row of one cell, a category over the rows
//! below it (总体发展水平), stays in the table as a full-width row: its cell, then `<<`
//! in every other column. Rows of cells on lines that were not separated by blank lines
//! are split where the serial number goes on (1, 2, 3 …).
//!
//! A row short of cells right after a full one is how a cell merged down the rows is
//! copied: the merged cell is written once, in its first row. Its missing leading
//! cells become `^^` (joined to the cell above, see `render::markdown_table`), a guess
//! the report lists for the editor to check against the source.

use super::report::Erratum;
use super::table_header;
use super::table_rows::split_by_serial;
pub use super::table_rows::{group_label, is_group_label, spaced_rows};
use super::text::{Line, chinese_count, join_pieces, trim};

#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Source lines of the first and last row.
    pub line: usize,
    pub end_line: usize,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The source line of each row (its first cell).
    pub row_lines: Vec<usize>,
    /// What was done to fit the table into Markdown, for the report.
    pub remarks: Vec<String>,
    /// Repairs of the cells' text (broken cells joined, a two-row header merged).
    pub errata: Vec<Erratum>,
    /// One cell per line (true) or one row per line.
    pub cell_lines: bool,
}

impl Table {
    /// The rows with every `^^` replaced by the text of the cell it joins, as a reader
    /// of the merged table sees them.
    pub fn resolved_rows(&self) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let resolved = row
                .iter()
                .enumerate()
                .map(
                    |(k, cell)| match out.last().and_then(|above| above.get(k)) {
                        Some(above) if cell == MERGED_UP => above.clone(),
                        _ => cell.clone(),
                    },
                )
                .collect();
            out.push(resolved);
        }
        out
    }
}

/// The Markdown marker of a cell joined to the cell above it.
const MERGED_UP: &str = "^^";
/// The marker of a cell joined to the cell to its left; the importer never guesses it.
pub(super) const MERGED_LEFT: &str = "<<";

/// A cell while it is read: its text pieces and the line it starts on.
#[derive(Debug, Clone)]
pub(super) struct Cell {
    pieces: Vec<String>,
    pub(super) line: usize,
}

impl Cell {
    pub(super) fn new(s: &str, line: usize) -> Self {
        Self {
            pieces: vec![trim(s).to_string()],
            line,
        }
    }

    pub(super) fn text(&self) -> String {
        self.pieces
            .iter()
            .fold(String::new(), |acc, p| join_pieces(&acc, p))
    }
}

/// Reads a table of cells on their own lines starting at `start`; returns it and the
/// index of the first line after it.
pub fn read_cell_lines(lines: &[Line], start: usize) -> (Table, usize) {
    let mut rows: Vec<(usize, Vec<Cell>)> = Vec::new();
    let mut i = start;
    let mut new_row = true;
    let mut end = start;
    let mut broken: Vec<(usize, usize, Vec<String>)> = Vec::new();
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            new_row = true;
            i += 1;
            continue;
        }
        if line.is_cell() {
            if new_row || rows.is_empty() {
                rows.push((line.no, Vec::new()));
                new_row = false;
            }
            if let Some((_, cells)) = rows.last_mut() {
                cells.extend(line.text[1..].split('\t').map(|c| Cell::new(c, line.no)));
            }
            end = i;
            i += 1;
            continue;
        }
        // A line without a tab continues the last cell when the row is not complete
        // and the table goes on after it.
        let widest = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
        let incomplete = rows.last().is_some_and(|(_, c)| c.len() < widest);
        let goes_on = (i + 1..lines.len())
            .find(|&k| !lines[k].is_blank())
            .is_some_and(|k| lines[k].is_cell());
        // A category line copied without its tab, between complete rows, is a row.
        if goes_on && (new_row || !incomplete) && rows.len() > 1 && is_group_label(line.trimmed()) {
            rows.push((line.no, vec![Cell::new(line.trimmed(), line.no)]));
            new_row = true;
            end = i;
            i += 1;
            continue;
        }
        if !(incomplete && goes_on) {
            break;
        }
        let row_no = rows.len();
        if let Some((_, cells)) = rows.last_mut() {
            let col_no = cells.len();
            if let Some(cell) = cells.last_mut() {
                cell.pieces.push(line.trimmed().to_string());
                if cell.pieces.len() == 2 {
                    broken.push((row_no, col_no, Vec::new()));
                }
                if let Some(b) = broken.last_mut() {
                    b.2 = cell.pieces.clone();
                }
            }
        }
        new_row = false;
        end = i;
        i += 1;
    }
    let first = lines.get(start).map_or(0, |l| l.no);
    let last = lines.get(end).map_or(first, |l| l.no);
    // A row is at least as wide as the header's first row (which has one cell per
    // spanning group when the header has two rows).
    let header_cells = rows.first().map_or(0, |(_, c)| c.len());
    let raw: Vec<(usize, Vec<String>)> = rows
        .iter()
        .enumerate()
        .flat_map(|(k, (no, cells))| match k {
            0 => vec![(*no, cells.iter().map(Cell::text).collect())],
            _ => split_by_serial(*no, cells, header_cells),
        })
        .collect();
    let mut table = build(raw, first, last, true);
    for (row, col, pieces) in broken {
        let joined = pieces
            .iter()
            .fold(String::new(), |acc, p| join_pieces(&acc, p));
        let column = table
            .header
            .get(col.saturating_sub(1))
            .filter(|h| !h.is_empty())
            .map(|h| format!("“{h}”一格"))
            .unwrap_or_else(|| format!("第{col}格"));
        let data_row = row.saturating_sub(1 + table_header_rows(&table));
        table.errata.push(Erratum {
            line: first,
            what: format!(
                "表格第{data_row}行{column}在来源文本中被断为{}段（{}），合并为一格“{joined}”。",
                chinese_count(pieces.len()),
                pieces
                    .iter()
                    .map(|p| format!("“{p}”"))
                    .collect::<Vec<_>>()
                    .join("与")
            ),
            why: "单元格内换行造成的断开，原为同一单元格。".into(),
        });
    }
    (table, end + 1)
}

fn table_header_rows(table: &Table) -> usize {
    usize::from(
        table
            .remarks
            .iter()
            .any(|r| r.starts_with("two-row header")),
    )
}

/// Reads a table of rows on their own lines (cells separated by tabs) from `start`.
pub fn read_tab_rows(lines: &[Line], start: usize) -> (Table, usize) {
    let mut raw: Vec<(usize, Vec<String>)> = Vec::new();
    let mut i = start;
    let mut end = start;
    let next_row = |from: usize| {
        (from..lines.len())
            .find(|&k| !lines[k].is_blank())
            .filter(|&k| lines[k].is_tab_row())
    };
    while i < lines.len() {
        let widest = raw.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
        // A row whose first cells are empty starts with a tab, like a cell of the
        // other layout; with two tabs or more it is a row of this table.
        let indented = i > start && lines[i].is_cell() && lines[i].text.matches('\t').count() >= 2;
        // A category line between rows of the table: the row after it is as wide as
        // the table and holds a number.
        let group = i > start
            && !lines[i].is_cell()
            && is_group_label(lines[i].trimmed())
            && next_row(i + 1).is_some_and(|k| {
                let cells: Vec<&str> = lines[k].trimmed().split('\t').collect();
                cells.len() >= widest && cells.iter().any(|c| c.chars().any(|c| c.is_ascii_digit()))
            });
        if group {
            raw.push((lines[i].no, vec![lines[i].trimmed().to_string()]));
            end = i;
            i += 1;
        } else if indented {
            raw.push((
                lines[i].no,
                lines[i]
                    .text
                    .split('\t')
                    .map(|c| trim(c).to_string())
                    .collect::<Vec<_>>(),
            ));
            if let Some((_, r)) = raw.last_mut() {
                while r.last().is_some_and(String::is_empty) && r.len() > widest {
                    r.pop();
                }
            }
            end = i;
            i += 1;
        } else if lines[i].is_tab_row() {
            raw.push((
                lines[i].no,
                lines[i]
                    .trimmed()
                    .split('\t')
                    .map(|c| trim(c).to_string())
                    .collect(),
            ));
            end = i;
            i += 1;
        } else if lines[i].is_blank() && next_row(i + 1).is_some() {
            i += 1;
        } else {
            break;
        }
    }
    let first = lines.get(start).map_or(0, |l| l.no);
    let last = lines.get(end).map_or(first, |l| l.no);
    (build(raw, first, last, false), end + 1)
}

/// A table from its rows as read, each with the source line it starts on.
fn build(
    mut raw: Vec<(usize, Vec<String>)>,
    line: usize,
    end_line: usize,
    cell_lines: bool,
) -> Table {
    let mut table = Table {
        line,
        end_line,
        cell_lines,
        ..Table::default()
    };
    let columns = raw.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
    if raw.is_empty() || columns == 0 {
        return table;
    }
    // A cell that reads `^^` or `<<` in the source would merge in Markdown: as code it
    // is shown as written.
    for cell in raw.iter_mut().flat_map(|(_, r)| r.iter_mut()) {
        if cell == MERGED_UP || cell == MERGED_LEFT {
            *cell = format!("`{cell}`");
        }
    }
    let (_, first) = raw.remove(0);
    let header = match raw
        .first()
        .and_then(|(_, second)| table_header::merge(&first, second, columns))
    {
        Some(merged) => {
            raw.remove(0);
            note_merged_header(&mut table, &merged);
            merged.header
        }
        None => first,
    };
    let mut header = header;
    header.resize(columns, String::new());
    // Whether the row before was full as pasted, or completed by `^^`: a merged cell
    // goes on down from it.
    let mut above_full = false;
    let mut rows = Vec::with_capacity(raw.len());
    let mut row_lines = Vec::with_capacity(raw.len());
    for (k, (no, mut row)) in raw.into_iter().enumerate() {
        row_lines.push(no);
        let missing = columns - row.len();
        let previous: Option<&Vec<String>> = rows.last();
        let alone = row
            .first()
            .filter(|c| row.iter().skip(1).all(String::is_empty) && is_group_label(c));
        if let Some(label) = alone.filter(|_| columns >= 3) {
            table.remarks.push(format!(
                "line {no}: “{label}” stands alone across the table: a category of the rows below it, kept as a full-width row ({MERGED_LEFT} in the other columns) and written in their drafts' note"
            ));
            let label = label.clone();
            row = vec![MERGED_LEFT.to_string(); columns];
            row[0] = label;
            above_full = false;
        } else if missing > 0
            && above_full
            && !continues_numbering(previous, &row)
            && !names_an_indicator(&row)
        {
            let mut merged = vec![MERGED_UP.to_string(); missing];
            merged.append(&mut row);
            row = merged;
            table.remarks.push(format!(
                "第 {no} 行少 {missing} 格，按合并单元格补为 {MERGED_UP}，请核对原文"
            ));
        } else if missing > 0 {
            table.remarks.push(format!(
                "row {} has {} cells of {}; empty cells added at its end",
                k + 1,
                row.len(),
                columns
            ));
            row.resize(columns, String::new());
            above_full = false;
        } else {
            above_full = true;
        }
        rows.push(row);
    }
    table.header = header;
    table.rows = rows;
    table.row_lines = row_lines;
    table
}

/// The report's remark and the erratum of a merged two-row header.
fn note_merged_header(table: &mut Table, merged: &table_header::Merged) {
    let quoted = |names: &[String]| names.iter().map(|s| format!("“{s}”")).collect::<String>();
    table.remarks.push(format!(
        "two-row header merged: {}",
        merged
            .spans
            .iter()
            .map(|(span, subs)| format!("“{span}” spans {}", subs.join(" ")))
            .collect::<Vec<_>>()
            .join("; ")
    ));
    let spans: Vec<String> = merged
        .spans
        .iter()
        .map(|(span, subs)| {
            format!(
                "“{span}”一格横跨{}{}列",
                quoted(subs),
                chinese_count(subs.len())
            )
        })
        .collect();
    let names: Vec<String> = merged
        .spans
        .iter()
        .flat_map(|(span, subs)| subs.iter().map(|s| table_header::spanned(s, span)))
        .collect();
    let columns = if merged.spans.len() == 1 {
        chinese_count(names.len()) + "列分别"
    } else {
        "各列分别".to_string()
    };
    table.errata.push(Erratum {
        line: table.line,
        what: format!(
            "表头原为两行：{}，合并为一行表头，{columns}写作{}。",
            spans.join("，"),
            quoted(&names)
        ),
        why: "Markdown表格不支持跨列表头；合并后保留原表头的文字。".into(),
    });
}

/// A short row whose first cell is an indicator with its unit (`森林覆盖率（%）`) has
/// its own first cell: it lost cells at its end (an empty 备注), not a merged cell.
fn names_an_indicator(row: &[String]) -> bool {
    row.first()
        .is_some_and(|c| super::indicators::unit_of(c).is_some())
}

/// A short row that starts with the next serial number after the row before (`2`
/// after `1`) has its own first cell: it lost cells at its end, not a merged cell.
fn continues_numbering(previous: Option<&Vec<String>>, row: &[String]) -> bool {
    let number = |s: Option<&String>| s.and_then(|s| s.parse::<u64>().ok());
    match (
        number(previous.and_then(|p| p.first())),
        number(row.first()),
    ) {
        (Some(a), Some(b)) => b == a + 1,
        _ => false,
    }
}

/// The table in Markdown.
pub fn markdown(table: &Table) -> String {
    let row = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| escape_cell(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut out = vec![row(&table.header)];
    out.push(format!("|{}", "---|".repeat(table.header.len())));
    out.extend(table.rows.iter().map(|r| row(r)));
    out.join("\n")
}

fn escape_cell(c: &str) -> String {
    c.replace('\\', "\\\\").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::input::split;

    const TWO_ROW: &str = "\t序号\n\t指标\n\t年度计划目标\n\t责任单位\n\n\t\n\t\n\t2025\n\t2026\n\t2027\n\t\n\n\t1\n\t示范企业（家）\n\t0\n\t0\n\t1\n\t区市场监管局、区科技局\n\n\t2\n\t知识产权质押融资\n\n累计金额（亿元）\n\t4.5\n\t5.2\n\t6\n\t区市场监管局\n\n\n附件2\n";

    #[test]
    fn reads_cells_on_lines_with_a_two_row_header_and_a_broken_cell() {
        let lines = split(TWO_ROW).lines;
        let (t, next) = read_cell_lines(&lines, 0);
        assert_eq!(
            t.header,
            [
                "序号",
                "指标",
                "2025年度计划目标",
                "2026年度计划目标",
                "2027年度计划目标",
                "责任单位"
            ]
        );
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1][1], "知识产权质押融资累计金额（亿元）");
        assert_eq!(t.rows[1][5], "区市场监管局");
        assert_eq!(lines[next].text, "");
        assert_eq!((t.line, t.end_line), (1, 27));
        assert_eq!(t.errata.len(), 2);
        assert!(
            t.errata[0]
                .what
                .contains("“年度计划目标”一格横跨“2025”“2026”“2027”三列")
        );
        assert!(t.errata[1].what.contains("表格第2行“指标”一格"));
        assert!(
            t.errata[1]
                .what
                .contains("“知识产权质押融资”与“累计金额（亿元）”")
        );
    }

    #[test]
    fn reads_rows_on_lines() {
        let lines = split("序号\t指标名称\t2020年\t2025年\n1\t万人发明专利拥有量（件）\t1.85\t4\n\n2\t结案率\t100%\n正文。").lines;
        let (t, next) = read_tab_rows(&lines, 0);
        assert_eq!(t.header, ["序号", "指标名称", "2020年", "2025年"]);
        assert_eq!(t.rows[1], ["2", "结案率", "100%", ""]);
        assert_eq!(next, 4);
        assert!(t.remarks.iter().any(|r| r.contains("row 2 has 3 cells")));
    }

    #[test]
    fn markdown_escapes_pipes() {
        let t = Table {
            header: vec!["a".into(), "".into()],
            rows: vec![vec!["x|y".into(), "".into()]],
            ..Table::default()
        };
        assert_eq!(markdown(&t), "| a |  |\n|---|---|\n| x\\|y |  |");
    }

    #[test]
    fn a_short_row_after_a_full_one_joins_the_cell_above() {
        // As a table with a task name merged down three rows is copied from a web page.
        let lines = split(
            "任务\t内容\t责任单位\n强化创造\t构建政策体系。\t区市场监管局\n深化示范创建。\t区科技局\n培育文化生态。\t区教委\n促进运用\t盘活存量。\t区科技局\n",
        )
        .lines;
        let (t, _) = read_tab_rows(&lines, 0);
        assert_eq!(t.rows[1], ["^^", "深化示范创建。", "区科技局"]);
        assert_eq!(t.rows[2], ["^^", "培育文化生态。", "区教委"]);
        assert_eq!(t.rows[3][0], "促进运用");
        assert_eq!(
            t.remarks,
            [
                "第 3 行少 1 格，按合并单元格补为 ^^，请核对原文",
                "第 4 行少 1 格，按合并单元格补为 ^^，请核对原文"
            ]
        );
        assert!(markdown(&t).contains("\n| ^^ | 深化示范创建。 | 区科技局 |\n"));
        // Drafts and readers see the merged cell's text in every row it spans.
        assert_eq!(t.resolved_rows()[2][0], "强化创造");
    }

    #[test]
    fn no_merge_is_guessed_without_a_full_row_above() {
        // The first body row, and a row after one that was short itself.
        let lines = split("甲\t乙\t丙\n1\t2\n3\t4\n").lines;
        let (t, _) = read_tab_rows(&lines, 0);
        assert_eq!(t.rows, [["1", "2", ""], ["3", "4", ""]]);
        assert!(
            t.remarks.iter().all(|r| !r.contains("^^")),
            "{:?}",
            t.remarks
        );
    }

    #[test]
    fn a_marker_in_the_source_is_kept_as_text() {
        let lines = split("甲\t乙\n^^\t<<\n").lines;
        let (t, _) = read_tab_rows(&lines, 0);
        assert_eq!(t.rows, [["`^^`", "`<<`"]]);
    }

    #[test]
    fn a_header_that_does_not_fit_stays_as_rows() {
        let lines = split("\t甲\n\t乙\n\n\t丙\n\t\n\t丁\n").lines;
        let (t, _) = read_cell_lines(&lines, 0);
        assert_eq!(t.header, ["甲", "乙", ""]);
        assert_eq!(t.rows, [["丙", "", "丁"]]);
    }
}
