//! The open data as a reader gets it from a build: text cells of the CSV files that a
//! spreadsheet would run as formulas are defended without changing a number, and the
//! numeric columns of targets.csv state the written values as numbers, restated
//! exactly in the catalogue's unit, for every row of the bundled site.

mod common;

use std::collections::BTreeMap;
use std::str::FromStr;

use common::Site;
use planpub::model::quantity::Unit;
use planpub::render::formula::undefend;
use rust_decimal::Decimal;

/// The header and rows of a CSV file of the output, after its byte-order mark.
fn table(bytes: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(body);
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader.records().map(|r| r.expect("row")).collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn text_a_spreadsheet_would_run_as_a_formula_is_written_as_text() {
    let site = Site::fixture("basic");
    let plan = "content/plans/east-action-plan/indicators.md";
    site.edit(
        plan,
        "wording: 万人发明专利拥有量",
        "wording: '=HYPERLINK(\"x\")'",
    );
    site.edit(plan, "value: \"15.20\"", "value: \"-15.20\"");
    site.edit(
        "content/plans/city-outline/indicators.md",
        "    unit: 件\n    measure: stock\n    attribute: 预期性\n    targets:\n      - {year: 2025, value: 12, comparator: \"=\"}",
        "    unit: \"\"\n    measure: qualitative\n    attribute: 预期性\n    targets:\n      - {year: 2025, value: \"@居全市前列\", comparator: \"=\"}",
    );
    site.build().ok();
    let (header, rows) = table(&std::fs::read(site.path("output/data/targets.csv")).unwrap());
    let [wording, kind, comparator, value, value_number, code] = [
        "wording",
        "kind",
        "comparator",
        "value",
        "value_number",
        "comparator_code",
    ]
    .map(|n| column(&header, n));

    let baseline = rows.iter().find(|r| &r[kind] == "baseline").unwrap();
    assert_eq!(&baseline[wording], "'=HYPERLINK(\"x\")");
    // A negative number is a number, in the value column and the numeric one.
    assert_eq!(&baseline[value], "-15.20");
    assert_eq!(&baseline[value_number], "-15.20");

    let words = rows
        .iter()
        .find(|r| r[value].contains("居全市前列"))
        .unwrap();
    assert_eq!(&words[value], "'@居全市前列");
    assert_eq!(undefend(&words[value]), "@居全市前列");
    assert_eq!(&words[value_number], "");

    // `=` alone is a formula to a spreadsheet: the sign is written '=, the code beside.
    for r in rows.iter().filter(|r| &r[code] == "reach") {
        assert_eq!(&r[comparator], "'=");
    }
    assert!(rows.iter().any(|r| &r[code] == "reach"));
    assert!(rows.iter().all(|r| &r[comparator] != "="));

    // The JSON is not for spreadsheets: it keeps the text as written.
    let json = site.output("data/targets.json");
    assert!(
        json.contains("\"wording\": \"=HYPERLINK(\\\"x\\\")\""),
        "{json}"
    );
    assert!(json.contains("\"value\": \"@居全市前列\""));

    // The same defence in every CSV the build writes.
    for path in [
        "data/target-status.csv",
        "data/plans/city-outline.csv",
        "data/indicators/patents-per-10k.csv",
    ] {
        let text = site.output(path);
        assert!(!text.contains(",=,"), "{path}: {text}");
        assert!(!text.contains(",@"), "{path}: {text}");
        assert!(text.contains(",'=,"), "{path}: {text}");
    }
}

#[test]
fn the_numeric_columns_state_every_written_value_of_the_bundled_site() {
    let (_guard, target) = common::build_bundled();
    let (header, rows) = table(&std::fs::read(target.join("data/targets.csv")).unwrap());
    let [
        ind,
        value,
        unit,
        measure,
        comparator,
        code,
        number,
        converted,
        to_unit,
    ] = [
        "indicator_id",
        "value",
        "unit",
        "measure",
        "comparator",
        "comparator_code",
        "value_number",
        "value_in_catalogue_unit",
        "catalogue_unit",
    ]
    .map(|n| column(&header, n));
    let catalogue: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(target.join("data/indicators.json")).unwrap(),
    )
    .unwrap();
    let catalogue_unit: BTreeMap<&str, &str> = catalogue
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["unit"].as_str().unwrap()))
        .collect();
    let plain = |s: &str| {
        let digits = s.strip_prefix('-').unwrap_or(s);
        !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && !digits.starts_with('.')
            && !digits.ends_with('.')
    };

    let (mut numbers, mut rescaled) = (0, 0);
    for r in &rows {
        let symbol = undefend(&r[comparator]);
        let expected_code = match symbol {
            "≥" => "at_least",
            ">" => "more_than",
            "=" => "reach",
            "≤" => "at_most",
            "<" => "less_than",
            _ => "",
        };
        assert_eq!(&r[code], expected_code, "{r:?}");
        if &r[measure] == "qualitative" {
            assert_eq!((&r[number], &r[converted], &r[to_unit]), ("", "", ""));
            continue;
        }
        numbers += 1;
        // The number is the value as written, digit for digit.
        assert_eq!(&r[number], &r[value], "{r:?}");
        let written = Decimal::from_str(&r[value]).expect("a decimal value");
        let expected_unit = if &r[measure] == "growth_rate" {
            &r[unit]
        } else {
            catalogue_unit[&r[ind]]
        };
        let from = Unit::parse(&r[unit]).expect("a known unit");
        let to = Unit::parse(expected_unit).expect("a known unit");
        assert_eq!(&r[to_unit], to.written, "{r:?}");
        let exponent = from.exponent_to(&to).expect("units that convert");
        let scale = Decimal::from_i128_with_scale(10i128.pow(exponent.unsigned_abs()), 0);
        let expected = if exponent >= 0 {
            written * scale
        } else {
            written / scale
        };
        assert!(plain(&r[converted]), "not a plain numeral: {r:?}");
        assert_eq!(Decimal::from_str(&r[converted]).unwrap(), expected, "{r:?}");
        rescaled += usize::from(exponent != 0);
    }
    assert!(numbers > 100, "only {numbers} numeric rows");
    assert!(rescaled > 0, "no row is restated in another unit");
}

/// The cells of one sheet of a workbook of the output, row by row.
fn sheet(path: &std::path::Path, name: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).expect("an xlsx file");
    assert_eq!(book.sheet_names(), ["数据", "说明"]);
    let range = book.worksheet_range(name).expect("the sheet");
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

#[test]
fn the_workbooks_hold_the_rows_with_chinese_headers_and_numbers_as_numbers() {
    use calamine::Data;
    let (_guard, target) = common::build_bundled();
    let (header, rows) = table(&std::fs::read(target.join("data/targets.csv")).unwrap());
    let cells = sheet(&target.join("data/targets.xlsx"), "数据");
    assert_eq!(cells.len(), rows.len() + 1, "a header and every row");
    let titles: Vec<String> = cells[0].iter().map(ToString::to_string).collect();
    for t in [
        "地区",
        "规划名称",
        "指标",
        "年份",
        "比较",
        "数值（原文）",
        "数值",
        "单位",
    ] {
        assert!(titles.iter().any(|x| x == t), "no header {t}: {titles:?}");
    }
    assert!(titles.iter().all(|t| !t.is_ascii()), "{titles:?}");
    let at = |t: &str| titles.iter().position(|x| x == t).unwrap();
    let (year, comparator, written, number, converted, region) = (
        at("年份"),
        at("比较"),
        at("数值（原文）"),
        at("数值"),
        at("数值（目录单位）"),
        at("地区"),
    );
    let [csv_number, csv_converted, csv_region] =
        ["value_number", "value_in_catalogue_unit", "region_name"].map(|n| column(&header, n));
    for (row, r) in cells[1..].iter().zip(&rows) {
        assert!(matches!(row[year], Data::Float(_)), "{row:?}");
        assert!(matches!(row[region], Data::String(_)), "{row:?}");
        assert_eq!(row[region].to_string(), r[csv_region]);
        // The value as written is text, even where it is a numeral: 1.80 stays 1.80.
        assert!(matches!(row[written], Data::String(_)), "{row:?}");
        for (cell, text) in [
            (&row[number], &r[csv_number]),
            (&row[converted], &r[csv_converted]),
        ] {
            match cell {
                Data::Float(f) => assert_eq!(*f, text.parse::<f64>().unwrap(), "{row:?}"),
                Data::Empty => assert_eq!(text, "", "{row:?}"),
                other => panic!("not a number: {other:?}"),
            }
        }
        // Text cells are never formulas: the sign is stored as it is.
        if let Data::String(s) = &row[comparator] {
            assert!(!s.starts_with('\''), "{row:?}");
        }
    }
    assert!(
        cells[1..]
            .iter()
            .any(|r| r[comparator] == Data::String("=".into()))
    );

    // 说明: where the data comes from, and every column explained.
    let about = sheet(&target.join("data/targets.xlsx"), "说明");
    let text: Vec<String> = about.iter().flatten().map(ToString::to_string).collect();
    for needle in [
        "数据来源",
        "重庆市知识产权规划公开",
        "https://www.example.gov.cn/zwgk/ghjh/",
        "截至日期",
        "2026-12-05",
    ] {
        assert!(text.iter().any(|t| t == needle), "no {needle} in 说明");
    }
    for name in &header {
        assert!(
            text.iter().any(|t| t == name),
            "column {name} not explained"
        );
    }

    // One workbook per plan, linked from the plan's page beside its CSV.
    let plan = "dazu-ip-action-plan-2025-2027";
    let cells = sheet(&target.join(format!("data/plans/{plan}.xlsx")), "数据");
    let plan_rows = rows
        .iter()
        .filter(|r| &r[column(&header, "plan_id")] == plan);
    assert_eq!(cells.len(), plan_rows.count() + 1);
    let page = std::fs::read_to_string(target.join(format!("plans/{plan}/index.html"))).unwrap();
    assert!(page.contains(&format!("href=\"../../data/plans/{plan}.xlsx\" download>")));
    // plans.json gives every plan's workbook, and each is there.
    let plans: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(target.join("data/plans.json")).unwrap())
            .unwrap();
    for p in plans.as_array().unwrap() {
        let url = p["data_xlsx"].as_str().unwrap();
        let rel = url
            .strip_prefix("https://www.example.gov.cn/zwgk/ghjh/")
            .unwrap();
        assert!(target.join(rel).is_file(), "{url}");
    }
}

#[test]
fn two_builds_make_the_same_workbook_bytes() {
    let site = Site::fixture("basic");
    site.build().ok();
    let first = std::fs::read(site.path("output/data/targets.xlsx")).unwrap();
    let plan = std::fs::read(site.path("output/data/plans/east-action-plan.xlsx")).unwrap();
    // A second later the build time differs; the workbook does not.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    site.build().ok();
    assert_eq!(
        first,
        std::fs::read(site.path("output/data/targets.xlsx")).unwrap()
    );
    assert_eq!(
        plan,
        std::fs::read(site.path("output/data/plans/east-action-plan.xlsx")).unwrap()
    );
    assert!(first.starts_with(b"PK"), "a zip container");
}

#[test]
fn docs_open_data_describes_every_column_of_every_table() {
    use planpub::render::data::COLUMNS;
    use planpub::render::progress_data::{REPORTED_COLUMNS, STATUS_COLUMNS};
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/open-data.md"))
        .expect("docs/open-data.md");
    // Each table's columns are listed under its own heading, one row per column.
    let section = |heading: &str| {
        let start = doc
            .find(heading)
            .unwrap_or_else(|| panic!("no section {heading}"));
        let rest = &doc[start + heading.len()..];
        rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
    };
    for (heading, columns) in [
        ("## targets.csv columns", COLUMNS),
        ("## target-status.csv columns", STATUS_COLUMNS),
        ("## reported-values.csv columns", REPORTED_COLUMNS),
    ] {
        let text = section(heading);
        let listed: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("| "))
            .filter_map(|l| l.split(" |").next())
            .filter(|name| !["column", "---"].contains(name) && !name.starts_with("---"))
            .collect();
        let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
        assert_eq!(listed, names, "{heading} lists the columns in order");
    }
}
