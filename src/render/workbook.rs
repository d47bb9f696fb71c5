//! The Excel workbooks of the open data: `data/targets.xlsx` (every plan) and
//! `data/plans/<plan-id>.xlsx` (one plan), for readers who open a spreadsheet rather
//! than parse a file. The CSV files stay the stable machine interface; a workbook holds
//! the same rows with Chinese headers, the most read columns first, numbers stored as
//! numbers, the header row frozen and filterable, widths set, and a second sheet 说明
//! that explains each column and where the data comes from.
//!
//! A workbook is made byte for byte the same from the same input: its creation time
//! is the date the site's statuses are stated as of (`as_of`, or the latest date of
//! the content), or a fixed date where there is none, never the time of the build.
//! Text is stored as text cells, which a spreadsheet never runs as formulas, so the
//! CSV files' formula defence is not needed here.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::data::{COLUMNS, Column, TargetRecord, plan_csv_path};
use super::memo::{self, Memo, Scope};
use super::urls::Route;
use super::{Contents, RenderError};
use crate::link::Linked;
use crate::model::PlanIx;

/// What the 说明 sheet states about the data: the site and, for one plan's workbook,
/// the plan.
#[derive(Hash)]
pub struct About<'a> {
    /// The site's title.
    pub site: &'a str,
    /// The site's 主办单位, when site.yaml states it.
    pub publisher: Option<&'a str>,
    /// The site's address.
    pub address: &'a str,
    /// The date statuses are stated as of (site.yaml's `as_of`, or the content's
    /// latest date), `YYYY-MM-DD`.
    pub as_of: Option<String>,
    /// The data licence as site.yaml words it.
    pub licence: Option<String>,
    /// What the workbook holds: 全部规划, or one plan's title.
    pub scope: String,
    /// The page the rows come from: the site, or the plan's page.
    pub page: String,
    /// The CSV file with the same rows.
    pub csv: String,
}

/// The columns in the order a reader wants them: names, the value and its unit first,
/// then where it comes from, the codes last. Every column of [`COLUMNS`] once.
const ORDER: &[&str] = &[
    "region_name",
    "plan_title",
    "indicator_name",
    "wording",
    "category",
    "kind",
    "year",
    "comparator",
    "value",
    "value_number",
    "unit",
    "value_in_catalogue_unit",
    "catalogue_unit",
    "measure",
    "attribute",
    "responsible",
    "page_url",
    "comparator_code",
    "region_id",
    "plan_id",
    "indicator_id",
];

/// Each column explained in Chinese, for the 说明 sheet.
const EXPLAINED: &[(&str, &str)] = &[
    ("region_id", "地区的代码（本站使用的英文标识）"),
    ("region_name", "规划所属地区"),
    ("plan_id", "规划的代码（本站使用的英文标识）"),
    ("plan_title", "规划全称"),
    ("indicator_id", "指标目录中该指标的代码"),
    ("indicator_name", "指标目录中的指标名称"),
    ("wording", "规划原文中的指标名称"),
    ("category", "指标类别：创造、运用、保护、管理、服务或基础"),
    (
        "kind",
        "baseline 为基期值，actual 为规划所述的实际值，target 为目标值",
    ),
    ("year", "数值所属年份"),
    (
        "comparator",
        "目标的比较关系：≥ 不少于，> 超过，= 达到，≤ 不超过，< 低于；基期值和实际值为空",
    ),
    (
        "value",
        "规划原文写出的数值（文字性目标为原文文字），按原文保留，例如 1.80 不写作 1.8",
    ),
    (
        "value_number",
        "数值，以规划所用单位计，存为数字，可直接求和、比较；文字性目标为空",
    ),
    ("unit", "规划原文写出的单位"),
    (
        "value_in_catalogue_unit",
        "换算为目录单位后的数值，只移动小数点，不作舍入；文字性目标为空",
    ),
    (
        "catalogue_unit",
        "上一列的单位：指标目录的单位；增幅类指标仍用规划原文单位",
    ),
    (
        "measure",
        "计量方式：stock 存量，cumulative 累计，annual 年度，growth_rate 增幅，ratio 比重，qualitative 定性",
    ),
    ("attribute", "预期性或约束性（规划写明时）"),
    ("responsible", "责任单位，以“、”分隔"),
    ("page_url", "数值所在段落的网址"),
    (
        "comparator_code",
        "比较关系的英文代码：at_least（≥）、more_than（>）、reach（=）、at_most（≤）、less_than（<）",
    ),
];

/// The date the workbook says it was made when the content has no date at all: fixed,
/// so two builds give the same bytes.
const FIXED_DATE: (u16, u8, u8) = (2000, 1, 1);

/// What a workbook's 说明 sheet says of its source: the site, and the plan when the
/// workbook is one plan's.
pub(super) fn about(linked: &Linked, plan: Option<PlanIx>) -> About<'_> {
    let c = &linked.site.config;
    let base = &c.base_url;
    let licence = c.data_licence.as_ref().map(|l| {
        let mut text = l.title.clone();
        for extra in [&l.name, &l.url].into_iter().flatten() {
            text.push_str(&format!("（{extra}）"));
        }
        text
    });
    let (scope, page, csv) = match plan {
        Some(p) => {
            let plan = &linked.site.plans[p];
            (
                plan.title.clone(),
                format!("{base}{}", Route::plan(plan.id.as_str()).pretty()),
                format!("{base}{}", plan_csv_path(plan.id.as_str()).url),
            )
        }
        None => (
            "全部规划的基期值、实际值与目标值".to_string(),
            base.clone(),
            format!("{base}data/targets.csv"),
        ),
    };
    About {
        site: &c.title,
        publisher: c.footer.host.as_deref(),
        address: base,
        // The date statuses are stated as of: site.yaml's, or the latest date of the
        // content (docs/content-format.md), never the build's.
        as_of: linked.reported.as_of.map(|d| d.to_string()),
        licence,
        scope,
        page,
        csv,
    }
}

/// The workbook of the records `records` gives, or what kept it from being made;
/// through the memo when there is one, `digest` giving the digest of its inputs (the
/// records are worked out only when the workbook is made).
pub(super) fn workbook_bytes(
    path: &str,
    memo: Option<&Memo>,
    scope: Scope,
    digest: impl FnOnce() -> u64,
    records: impl FnOnce() -> Vec<TargetRecord>,
    about: &About,
) -> Result<Contents, RenderError> {
    memo::made(memo, scope, path, digest, || workbook(&records(), about)).map_err(|e| {
        RenderError::Workbook {
            path: path.to_string(),
            message: e.to_string(),
        }
    })
}

/// Above this many rows the data sheet is written row by row to a temporary file
/// rather than held in memory: a national site's `targets.xlsx` has hundreds of
/// thousands of rows, which the writer would otherwise keep as millions of cells.
const STREAM_ROWS: usize = 20_000;

/// The rows of data one worksheet holds below its header: Excel's limit is 1,048,576
/// rows. A national site's `targets.xlsx` has more, and goes on in further sheets.
const SHEET_ROWS: usize = 1_048_575;

/// The workbook of `records`.
pub fn workbook(records: &[TargetRecord], about: &About) -> Result<Vec<u8>, XlsxError> {
    workbook_with(records, about, records.len() > STREAM_ROWS, SHEET_ROWS)
}

/// The name of data sheet `n` (from 1) of `sheets`: 数据, or 数据1, 数据2, … when the
/// rows need more than one.
fn sheet_name(n: usize, sheets: usize) -> String {
    if sheets == 1 {
        "数据".to_string()
    } else {
        format!("数据{n}")
    }
}

fn workbook_with(
    records: &[TargetRecord],
    about: &About,
    stream: bool,
    sheet_rows: usize,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&properties(about)?);
    let columns: Vec<&Column> = ORDER
        .iter()
        .filter_map(|name| COLUMNS.iter().find(|c| c.name == *name))
        .collect();
    let header = Format::new().set_bold();
    // An empty table still has its sheet, with the header.
    let parts: Vec<&[TargetRecord]> = if records.is_empty() {
        vec![records]
    } else {
        records.chunks(sheet_rows).collect()
    };
    for (n, part) in parts.iter().enumerate() {
        let sheet = if stream {
            book.add_worksheet_with_constant_memory()?
        } else {
            book.add_worksheet()
        };
        sheet.set_name(sheet_name(n + 1, parts.len()))?;
        data_sheet(sheet, part, &columns, &header)?;
    }
    explain(book.add_worksheet(), about, &columns, &header, parts.len())?;
    book.save_to_buffer()
}

/// One data sheet: the header, frozen and filterable, then a row per record.
fn data_sheet(
    sheet: &mut Worksheet,
    records: &[TargetRecord],
    columns: &[&Column],
    header: &Format,
) -> Result<(), XlsxError> {
    // Widths first, as a streamed sheet writes its columns before its rows.
    for (i, c) in columns.iter().enumerate() {
        let widest = records
            .iter()
            .map(|r| width(&r.cell(c.name)))
            .fold(width(c.title), usize::max);
        sheet.set_column_width(i as u16, (widest + 2).clamp(6, 60) as f64)?;
    }
    for (i, c) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, c.title, header)?;
    }
    for (r, record) in records.iter().enumerate() {
        let r = r as u32 + 1;
        for (i, c) in columns.iter().enumerate() {
            write_cell(sheet, r, i as u16, c.kind, &record.cell(c.name))?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if !columns.is_empty() {
        sheet.autofilter(0, 0, records.len() as u32, columns.len() as u16 - 1)?;
    }
    Ok(())
}

/// A number column's cell as a number (its decimal text read once, nothing computed),
/// an empty cell as nothing, anything else as text.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    kind: &str,
    text: &str,
) -> Result<(), XlsxError> {
    if text.is_empty() {
        return Ok(());
    }
    let number = matches!(kind, "number" | "integer" | "year")
        .then(|| text.parse::<f64>().ok())
        .flatten();
    match number {
        Some(n) => sheet.write_number(row, col, n)?,
        None => sheet.write_string(row, col, text)?,
    };
    Ok(())
}

/// The 说明 sheet: the source of the data, then one row per column.
fn explain(
    sheet: &mut Worksheet,
    about: &About,
    columns: &[&Column],
    bold: &Format,
    sheets: usize,
) -> Result<(), XlsxError> {
    sheet.set_name("说明")?;
    let mut facts: Vec<(&str, String)> = vec![
        ("本表内容", about.scope.clone()),
        ("数据来源", about.site.to_string()),
    ];
    if let Some(p) = about.publisher {
        facts.push(("主办单位", p.to_string()));
    }
    facts.push(("网站地址", about.address.to_string()));
    if about.page != about.address {
        facts.push(("规划页面", about.page.clone()));
    }
    if let Some(d) = &about.as_of {
        facts.push(("截至日期", d.clone()));
    }
    if let Some(l) = &about.licence {
        facts.push(("数据许可", l.clone()));
    }
    facts.push((
        "机器可读版本",
        format!(
            "{}（CSV，UTF-8；列名与本表“字段名”一致，是稳定的数据接口）",
            about.csv
        ),
    ));
    if sheets > 1 {
        facts.push((
            "分表",
            format!(
                "数据行数超过一个工作表所能容纳的 {SHEET_ROWS} 行，依次分在“{}”至“{}”{sheets} 个工作表中，每表首行为列名",
                sheet_name(1, sheets),
                sheet_name(sheets, sheets)
            ),
        ));
    }
    facts.push((
        "说明",
        "数值按规划原文公开。“数值（原文）”保留原文写法；“数值”和“数值（目录单位）”为数字，可直接计算。".to_string(),
    ));
    let mut row = 0;
    for (label, text) in &facts {
        sheet.write_string_with_format(row, 0, *label, bold)?;
        sheet.write_string(row, 1, text)?;
        row += 1;
    }
    row += 1;
    for (col, title) in ["列名", "字段名", "含义"].iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *title, bold)?;
    }
    for c in columns {
        row += 1;
        let meaning = EXPLAINED
            .iter()
            .find(|(name, _)| *name == c.name)
            .map_or(c.description, |(_, text)| text);
        sheet.write_string(row, 0, c.title)?;
        sheet.write_string(row, 1, c.name)?;
        sheet.write_string(row, 2, meaning)?;
    }
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 26)?;
    sheet.set_column_width(2, 90)?;
    Ok(())
}

fn properties(about: &About) -> Result<DocProperties, XlsxError> {
    let (y, m, d) = about
        .as_of
        .as_deref()
        .and_then(parse_date)
        .unwrap_or(FIXED_DATE);
    let created = ExcelDateTime::from_ymd(y, m, d)?;
    let mut p = DocProperties::new()
        .set_title(format!("{}：{}", about.site, about.scope))
        .set_creation_datetime(&created);
    if let Some(publisher) = about.publisher {
        p = p.set_author(publisher).set_company(publisher);
    }
    Ok(p)
}

fn parse_date(s: &str) -> Option<(u16, u8, u8)> {
    let mut parts = s.splitn(3, '-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    Some((y, m, d))
}

/// The width a spreadsheet gives `text`, in the width of a digit: a Chinese character
/// takes two.
fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_is_ordered_and_explained_once() {
        let mut ordered: Vec<&str> = ORDER.to_vec();
        let mut names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        let mut explained: Vec<&str> = EXPLAINED.iter().map(|(n, _)| *n).collect();
        ordered.sort_unstable();
        names.sort_unstable();
        explained.sort_unstable();
        assert_eq!(ordered, names);
        assert_eq!(explained, names);
    }

    #[test]
    fn headers_are_distinct_chinese_titles() {
        let mut titles: Vec<&str> = COLUMNS.iter().map(|c| c.title).collect();
        assert!(titles.iter().all(|t| !t.is_ascii()));
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len(), COLUMNS.len());
    }

    fn record(value: &str, number: &str) -> TargetRecord {
        TargetRecord {
            wording: "=原文".into(),
            comparator: "=",
            value: value.into(),
            attribute: "",
            responsible: String::new(),
            comparator_code: "reach",
            value_number: number.into(),
            value_in_catalogue_unit: number.into(),
            catalogue_unit: "万件".into(),
            ..TargetRecord::sample()
        }
    }

    fn about() -> About<'static> {
        About {
            site: "站点",
            publisher: None,
            address: "https://x/",
            as_of: None,
            licence: None,
            scope: "全部".into(),
            page: "https://x/".into(),
            csv: "https://x/data/targets.csv".into(),
        }
    }

    /// Every cell of the data sheet as calamine reads it.
    fn cells(bytes: Vec<u8>) -> Vec<Vec<calamine::Data>> {
        sheet(bytes, "数据")
    }

    fn sheet(bytes: Vec<u8>, name: &str) -> Vec<Vec<calamine::Data>> {
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range(name).unwrap();
        range.rows().map(<[calamine::Data]>::to_vec).collect()
    }

    #[test]
    fn rows_beyond_one_sheet_go_on_in_further_sheets_each_with_its_header() {
        use calamine::{Data, Reader};
        let records: Vec<TargetRecord> = (0..5)
            .map(|i| record(&i.to_string(), &i.to_string()))
            .collect();
        for stream in [false, true] {
            let bytes = workbook_with(&records, &about(), stream, 2).unwrap();
            let book = calamine::Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
            assert_eq!(book.sheet_names(), ["数据1", "数据2", "数据3", "说明"]);
            let value = ORDER.iter().position(|n| *n == "value_number").unwrap();
            let first = COLUMNS.iter().find(|c| c.name == ORDER[0]).unwrap().title;
            let mut values = Vec::new();
            for name in ["数据1", "数据2", "数据3"] {
                let rows = sheet(bytes.clone(), name);
                assert_eq!(rows[0][0], Data::String(first.into()));
                values.extend(rows[1..].iter().map(|r| r[value].clone()));
            }
            let expected: Vec<Data> = (0..5).map(|i| Data::Float(f64::from(i))).collect();
            assert_eq!(values, expected);
            let about_sheet = sheet(bytes, "说明");
            assert!(
                about_sheet
                    .iter()
                    .any(|r| r[0] == Data::String("分表".into()))
            );
        }
        // One sheet's worth: one sheet named 数据, no word about splitting.
        let bytes = workbook_with(&records, &about(), false, 5).unwrap();
        let book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["数据", "说明"]);
    }

    #[test]
    fn a_streamed_sheet_holds_what_a_held_one_does_and_is_reproducible() {
        use calamine::Data;
        let records = [record("1.80", "1.80"), record("居前列", "")];
        let held = workbook_with(&records, &about(), false, SHEET_ROWS).unwrap();
        let streamed = workbook_with(&records, &about(), true, SHEET_ROWS).unwrap();
        assert_eq!(
            streamed,
            workbook_with(&records, &about(), true, SHEET_ROWS).unwrap()
        );
        let (held, streamed) = (cells(held), cells(streamed));
        assert_eq!(held, streamed);
        let value = ORDER.iter().position(|n| *n == "value_number").unwrap();
        assert_eq!(held[1][value], Data::Float(1.8));
        assert_eq!(held[2][value], Data::Empty);
        let wording = ORDER.iter().position(|n| *n == "wording").unwrap();
        assert_eq!(held[1][wording], Data::String("=原文".into()));
    }

    #[test]
    fn widths_count_chinese_characters_double() {
        assert_eq!(width("ab"), 2);
        assert_eq!(width("地区"), 4);
        assert_eq!(parse_date("2026-12-05"), Some((2026, 12, 5)));
        assert_eq!(parse_date("2026"), None);
    }
}
