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
