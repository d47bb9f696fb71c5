//! The open data: every baseline, actual and target value of every plan as CSV, JSON
//! and workbooks, site-wide, per plan and per indicator, plus the lists of plans,
//! regions and indicators ([`super::listings`]). The columns are a stable
//! interface (docs/open-data.md): `value` is the text the plan writes, and the columns
//! at the end give it as a number, in the plan's unit and restated exactly in the
//! catalogue's. Text cells of the CSV files are defended against spreadsheet formulas
//! ([`super::formula`]).

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

use super::Contents;
pub use super::columns::{COLUMNS, Column};
use super::formula;
use super::listings::{indicators_json, plans_json, regions_json};
use super::memo::{self, Memo, Scope};
use super::planned::Planned;
use super::urls::{Route, fragment};
use super::workbook::{about, workbook_bytes};
use crate::link::compare::comparison_unit;
use crate::link::{Linked, RowRef};
use std::sync::Arc;

use crate::model::quantity::Comparator;
use crate::model::quantity::{ObservationKind, Value};
use crate::model::{PlanIx, Table};

/// One value of one indicator row: the unit of the open data.
#[derive(Debug, Serialize, Hash)]
pub struct TargetRecord {
    pub region_id: String,
    pub region_name: String,
    pub plan_id: String,
    pub plan_title: String,
    pub indicator_id: String,
    pub indicator_name: String,
    pub wording: String,
    pub category: &'static str,
    /// baseline | actual | target
    pub kind: &'static str,
    pub year: u16,
    /// ≥ > = ≤ <, targets only
    pub comparator: &'static str,
    pub value: String,
    pub unit: String,
    pub measure: &'static str,
    pub attribute: &'static str,
    /// Responsible units joined with 、
    pub responsible: String,
    pub page_url: String,
    /// at_least, more_than, reach, at_most or less_than, targets only
    pub comparator_code: &'static str,
    /// The value as a decimal numeral in the plan's unit; empty for words
    pub value_number: String,
    /// The value restated exactly in `catalogue_unit`; empty for words
    pub value_in_catalogue_unit: String,
    /// The unit of `value_in_catalogue_unit`
    pub catalogue_unit: String,
}

impl TargetRecord {
    /// The cell of the column `name` (a name of [`COLUMNS`]), as the CSV writes it
    /// before the formula defence: the workbook writes the same rows.
    pub fn cell(&self, name: &str) -> Cow<'_, str> {
        let text: &str = match name {
            "region_id" => &self.region_id,
            "region_name" => &self.region_name,
            "plan_id" => &self.plan_id,
            "plan_title" => &self.plan_title,
            "indicator_id" => &self.indicator_id,
            "indicator_name" => &self.indicator_name,
            "wording" => &self.wording,
            "category" => self.category,
            "kind" => self.kind,
            "year" => return Cow::Owned(self.year.to_string()),
            "comparator" => self.comparator,
            "value" => &self.value,
            "unit" => &self.unit,
            "measure" => self.measure,
            "attribute" => self.attribute,
            "responsible" => &self.responsible,
            "page_url" => &self.page_url,
            "comparator_code" => self.comparator_code,
            "value_number" => &self.value_number,
            "value_in_catalogue_unit" => &self.value_in_catalogue_unit,
            "catalogue_unit" => &self.catalogue_unit,
            _ => "",
        };
        Cow::Borrowed(text)
    }
}

/// The records of one indicator row, in the order baseline, actuals, targets.
pub fn records(linked: &Linked, r: RowRef) -> Vec<TargetRecord> {
    let plan = &linked.site.plans[r.plan];
    let row = &plan.indicators[r.row];
    let region = &linked.site.regions[linked.plan_links[r.plan].region];
    let indicator = &linked.indicator(linked.row_indicator(r));
    // Growth rates stay rates and words stay words (link::compare): the unit every
    // number of this row is restated in, and the power of ten that takes it there.
    let to_unit = comparison_unit(indicator, row);
    let exponent = row.unit.value.exponent_to(&to_unit);
    let page_url = format!(
        "{}{}{}",
        linked.site.config.base_url,
        Route::plan(plan.id.as_str()).pretty(),
        fragment(&row.section.value)
    );
    let record = |kind: ObservationKind,
                  year: u16,
                  comparator: Option<Comparator>,
                  value: &Value| TargetRecord {
        region_id: region.id.to_string(),
        region_name: region.name.clone(),
        plan_id: plan.id.to_string(),
        plan_title: plan.title.clone(),
        indicator_id: indicator.id.to_string(),
        indicator_name: indicator.name.clone(),
        wording: row.wording.clone(),
        category: indicator.category.label(),
        kind: kind.name(),
        year,
        comparator: comparator.map_or("", Comparator::symbol),
        value: value.text().to_string(),
        unit: row.unit.value.written.clone(),
        measure: row.measure.name(),
        attribute: row.attribute.map_or("", |a| a.label()),
        responsible: row.responsible.join("、"),
        page_url: page_url.clone(),
        comparator_code: comparator.map_or("", Comparator::code),
        value_number: number_text(value, Some(0)),
        value_in_catalogue_unit: number_text(value, exponent),
        catalogue_unit: match value {
            Value::Number { .. } if exponent.is_some() => to_unit.written.clone(),
            _ => String::new(),
        },
    };
    let mut out = Vec::new();
    if let Some(b) = &row.baseline {
        out.push(record(ObservationKind::Baseline, b.year.0, None, &b.value));
    }
    for a in &row.actuals {
        out.push(record(ObservationKind::Actual, a.year.0, None, &a.value));
    }
    for t in &row.targets {
        out.push(record(
            ObservationKind::Target,
            t.year.0,
            Some(t.comparator),
            &t.value,
        ));
    }
    out
}

/// A number's decimal text × 10^exponent, moved exactly by [`Value::rescaled`] (never
/// through binary floating point); empty for words, or where the units do not convert.
fn number_text(value: &Value, exponent: Option<i32>) -> String {
    match (value, exponent) {
        (Value::Number { .. }, Some(e)) => value.rescaled(e).text().to_string(),
        _ => String::new(),
    }
}

/// CSV with a UTF-8 byte-order mark, so that spreadsheet programs in a Chinese locale
/// open it as UTF-8.
pub fn csv(records: &[TargetRecord]) -> Vec<u8> {
    csv_of(records, COLUMNS)
}

/// Records as CSV with a byte-order mark, the header from `columns`, and every cell of
/// a text column defended against formulas ([`super::formula`]): every table of the
/// open data is written here. `columns` are the records' fields in order.
pub fn csv_of<T: Serialize>(records: &[T], columns: &[Column]) -> Vec<u8> {
    // serde writes a record's fields; the cells are then defended one by one, as the
    // csv crate offers no hook between a field and its cell.
    let mut plain = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for r in records {
        // Serialising plain strings and numbers into memory cannot fail.
        let _ = plain.serialize(r);
    }
    let plain = plain.into_inner().unwrap_or_default();
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let _ = w.write_record(columns.iter().map(|c| c.name));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(plain.as_slice());
    let mut row = csv::ByteRecord::new();
    while let Ok(true) = reader.read_byte_record(&mut row) {
        let cells = row
            .iter()
            .enumerate()
            .map(|(i, cell)| match columns.get(i) {
                Some(c) if c.kind == "string" => formula::defend(cell),
                _ => Cow::Borrowed(cell),
            });
        let _ = w.write_record(cells);
    }
    w.into_inner().unwrap_or_default()
}

/// Pretty JSON with a final newline, as every JSON file of the open data.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(value).unwrap_or_default();
    v.push(b'\n');
    v
}

pub fn plan_csv_path(id: &str) -> Route {
    Route {
        file: format!("data/plans/{id}.csv"),
        url: format!(
            "data/plans/{}.csv",
            Route::plan(id)
                .url
                .trim_start_matches("plans/")
                .trim_end_matches("/index.html")
        ),
    }
}

/// The workbook beside a plan's CSV file.
pub fn plan_xlsx_path(id: &str) -> Route {
    let csv = plan_csv_path(id);
    let xlsx = |p: &str| format!("{}.xlsx", p.strip_suffix(".csv").unwrap_or(p));
    Route {
        file: xlsx(&csv.file),
        url: xlsx(&csv.url),
    }
}

pub const TARGETS_XLSX: &str = "data/targets.xlsx";

pub fn indicator_csv_path(id: &str) -> Route {
    Route {
        file: format!("data/indicators/{id}.csv"),
        url: format!(
            "data/indicators/{}.csv",
            Route::indicator(id)
                .url
                .trim_start_matches("indicators/")
                .trim_end_matches("/index.html")
        ),
    }
}

/// Every open-data file of the site, each made when the engine asks for it: a file's
/// rows are worked out by its maker and let go with it. With a [`Memo`] (the preview),
/// a file whose rows are those of the last build is not made again.
pub fn files<'a>(linked: &'a Linked, memo: Option<&'a Memo>) -> Vec<Planned<'a>> {
    let s = &linked.site;
    let (memo, digests) = row_digests(linked, memo);
    let mut out = Vec::with_capacity(2 * s.plans.len() + s.indicators.len() + 6);
    for (p, plan) in s.plans.enumerate() {
        let id = plan.id.as_str();
        let path = plan_csv_path(id).file;
        let d = Arc::clone(&digests);
        out.push(Planned::later(path.clone(), move || {
            let make = || csv(&plan_records(linked, p));
            Ok(text_file(memo, Scope::Part, &path, || d[p], make))
        }));
        let path = plan_xlsx_path(id).file;
        let d = Arc::clone(&digests);
        out.push(Planned::later(path.clone(), move || {
            let about = about(linked, Some(p));
            let digest = || memo::digest(&(d[p], &about));
            workbook_bytes(
                &path,
                memo,
                Scope::Part,
                digest,
                || plan_records(linked, p),
                &about,
            )
        }));
    }
    for (i, ind) in s.indicators.enumerate() {
        let path = indicator_csv_path(ind.id.as_str()).file;
        let d = Arc::clone(&digests);
        out.push(Planned::later(path.clone(), move || {
            let rows = &linked.indicator_links[i].rows;
            let digest = || {
                let plans: Vec<u64> = rows.iter().map(|r| d[r.plan]).collect();
                memo::digest(&(rows, plans))
            };
            let make = || {
                let records: Vec<TargetRecord> =
                    rows.iter().flat_map(|r| records(linked, *r)).collect();
                csv(&records)
            };
            Ok(text_file(memo, Scope::Part, &path, digest, make))
        }));
    }
    out.extend(site_files(linked, memo));
    out.push(Planned::later("data/plans.json".into(), move || {
        Ok(plans_json(linked))
    }));
    out.push(Planned::later("data/regions.json".into(), move || {
        Ok(regions_json(linked))
    }));
    out.push(Planned::later("data/indicators.json".into(), move || {
        Ok(indicators_json(linked))
    }));
    out
}

/// The files of every plan's values (`data/targets.*`): made again after any value
/// edit, the part of the open data a value save waits longest for
/// ([`Memo::defer_site_files`]).
pub fn site_files<'a>(linked: &'a Linked, memo: Option<&'a Memo>) -> Vec<Planned<'a>> {
    let (memo, digests) = row_digests(linked, memo);
    let mut out = Vec::with_capacity(3);
    let d = Arc::clone(&digests);
    out.push(Planned::later("data/targets.csv".into(), move || {
        let make = || csv(&all_records(linked));
        Ok(text_file(
            memo,
            Scope::Site,
            "data/targets.csv",
            || all_digest(&d),
            make,
        ))
    }));
    let d = Arc::clone(&digests);
    out.push(Planned::later("data/targets.json".into(), move || {
        let make = || json(&all_records(linked));
        Ok(text_file(
            memo,
            Scope::Site,
            "data/targets.json",
            || all_digest(&d),
            make,
        ))
    }));
    out.push(Planned::later(TARGETS_XLSX.into(), move || {
        let about = about(linked, None);
        let digest = || memo::digest(&(all_digest(&digests), &about));
        workbook_bytes(
            TARGETS_XLSX,
            memo,
            Scope::Site,
            digest,
            || all_records(linked),
            &about,
        )
    }));
    out
}

/// The memo to make files through, with the digest of each plan's rows, shared by the
/// files made of them. Every file of values is made of whole plans' rows, so those
/// digests are the digest of its inputs: a file is known unchanged from them alone,
/// and its rows are worked out only when it is made. The engine gives them from what
/// the rows are read from ([`Memo::set_inputs`]); a memo without them is not used,
/// and every file is made, as without a memo.
fn row_digests<'a>(
    linked: &Linked,
    memo: Option<&'a Memo>,
) -> (Option<&'a Memo>, Arc<Table<PlanIx, u64>>) {
    match memo.and_then(|m| Some((m, m.rows()?))) {
        Some((m, rows)) => (Some(m), rows),
        None => (None, Arc::new(linked.site.plans.map(|_| 0))),
    }
}

/// The digest of the rows of every plan, in order: those of `targets.csv`.
fn all_digest(digests: &Table<PlanIx, u64>) -> u64 {
    let all: Vec<u64> = digests.iter().copied().collect();
    memo::digest(&all)
}

/// The records of every row of one plan.
fn plan_records(linked: &Linked, p: PlanIx) -> Vec<TargetRecord> {
    (0..linked.site.plans[p].indicators.len())
        .flat_map(|row| records(linked, RowRef { plan: p, row }))
        .collect()
}

/// The records of every row of every plan, plan by plan, in parallel.
fn all_records(linked: &Linked) -> Vec<TargetRecord> {
    let per_plan: Vec<Vec<TargetRecord>> = linked
        .site
        .plans
        .par_enumerate()
        .map(|(p, _)| plan_records(linked, p))
        .collect();
    per_plan.into_iter().flatten().collect()
}

/// A text file through the memo, if there is one: `digest` gives that of its inputs.
fn text_file(
    memo: Option<&Memo>,
    scope: Scope,
    path: &str,
    digest: impl FnOnce() -> u64,
    make: impl FnOnce() -> Vec<u8>,
) -> Contents {
    let made = memo::made(memo, scope, path, digest, || {
        Ok::<_, std::convert::Infallible>(make())
    });
    let Ok(bytes) = made;
    bytes
}

#[cfg(test)]
impl TargetRecord {
    /// A record with every field filled, for tests.
    pub(super) fn sample() -> Self {
        TargetRecord {
            region_id: "r".into(),
            region_name: "地区".into(),
            plan_id: "p".into(),
            plan_title: "规划".into(),
            indicator_id: "i".into(),
            indicator_name: "指标".into(),
            wording: "原文".into(),
            category: "创造",
            kind: "target",
            year: 2025,
            comparator: "≥",
            value: "1.80".into(),
            unit: "万件".into(),
            measure: "stock",
            attribute: "预期性",
            responsible: "局".into(),
            page_url: "https://x/".into(),
            comparator_code: "at_least",
            value_number: "1.80".into(),
            value_in_catalogue_unit: "18000".into(),
            catalogue_unit: "件".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_starts_with_a_bom_and_has_the_header_even_when_empty() {
        let bytes = csv(&[]);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(text.trim_end(), names.join(","));
    }

    #[test]
    fn the_columns_are_the_record_fields_in_order() {
        let record = TargetRecord {
            region_id: String::new(),
            region_name: String::new(),
            plan_id: String::new(),
            plan_title: String::new(),
            indicator_id: String::new(),
            indicator_name: String::new(),
            wording: String::new(),
            category: "",
            kind: "",
            year: 2025,
            comparator: "=",
            value: "=HYPERLINK(\"x\")".into(),
            unit: String::new(),
            measure: "",
            attribute: "",
            responsible: String::new(),
            page_url: String::new(),
            comparator_code: "",
            value_number: String::new(),
            value_in_catalogue_unit: String::new(),
            catalogue_unit: String::new(),
        };
        let bytes = csv(&[record]);
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let header = text.lines().next().unwrap();
        let names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(header, names.join(","));
        // Text cells are defended, the year (a number column) is not.
        let row = text.lines().nth(1).unwrap();
        assert!(
            row.contains(",2025,'=,\"'=HYPERLINK(\"\"x\"\")\","),
            "{row}"
        );
    }

    #[test]
    fn every_column_has_its_cell() {
        let record = TargetRecord::sample();
        let bytes = csv(std::slice::from_ref(&record));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let cells: Vec<String> = COLUMNS
            .iter()
            .map(|c| record.cell(c.name).into_owned())
            .collect();
        assert_eq!(text.lines().nth(1).unwrap(), cells.join(","));
    }

    #[test]
    fn data_paths_are_encoded() {
        assert_eq!(plan_csv_path("a b").url, "data/plans/a%20b.csv");
        assert_eq!(plan_csv_path("a b").file, "data/plans/a b.csv");
    }
}
