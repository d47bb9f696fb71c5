//! The open data of progress: every reported value with its source
//! (data/reported-values.csv and .json) and the status of every target
//! (data/target-status.csv and .json), as of the site's "as of" date. Values are the
//! text the source writes; the status sentence states the converted numbers.

use std::convert::Infallible;
use std::hash::Hash;

use serde::Serialize;

use super::Contents;
use super::data::{Column, csv_of as csv, json};
use super::memo::{self, Memo, Scope};
use super::planned::Planned;
use super::urls::{Route, fragment};
use super::views::progress::{SourceView, StatusView};
use crate::link::reported::{Point, Source};
use crate::link::{Linked, RowRef};
use crate::model::quantity::ObservationKind;

pub const STATUS_CSV: &str = "data/target-status.csv";
pub const STATUS_JSON: &str = "data/target-status.json";
pub const REPORTED_CSV: &str = "data/reported-values.csv";
pub const REPORTED_JSON: &str = "data/reported-values.json";

/// The status of one target.
#[derive(Debug, Serialize, Hash)]
pub struct StatusRecord {
    pub as_of: String,
    pub region_id: String,
    pub region_name: String,
    pub plan_id: String,
    pub plan_title: String,
    pub indicator_id: String,
    pub indicator_name: String,
    pub wording: String,
    pub measure: &'static str,
    pub year: u16,
    pub comparator: &'static str,
    pub value: String,
    pub unit: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub reason: String,
    pub statement: String,
    pub latest_year: Option<u16>,
    pub latest_value: String,
    pub latest_source: String,
    pub latest_source_url: String,
    pub page_url: String,
    /// at_least, more_than, reach, at_most or less_than
    pub comparator_code: &'static str,
}

pub const STATUS_COLUMNS: &[Column] = &[
    Column::new(
        "as_of",
        "date",
        "截至日期",
        "the date the status is stated as of",
    ),
    Column::new("region_id", "string", "地区代码", "the region's id"),
    Column::new("region_name", "string", "地区", "the region's name"),
    Column::new(
        "plan_id",
        "string",
        "规划代码",
        "the id of the plan that sets the target",
    ),
    Column::new("plan_title", "string", "规划名称", "the plan's full title"),
    Column::new(
        "indicator_id",
        "string",
        "指标代码",
        "the catalogue indicator's id",
    ),
    Column::new(
        "indicator_name",
        "string",
        "指标",
        "the catalogue indicator's name",
    ),
    Column::new(
        "wording",
        "string",
        "原文名称",
        "the indicator as the plan words it",
    ),
    Column::new(
        "measure",
        "string",
        "口径",
        "stock, cumulative, annual, growth_rate, ratio or qualitative",
    ),
    Column::new("year", "integer", "目标年份", "the target's year"),
    Column::new(
        "comparator",
        "string",
        "比较",
        "≥ > = ≤ <, with = written '= (a formula defence)",
    ),
    Column::new(
        "value",
        "string",
        "目标值",
        "the target as the plan writes it",
    ),
    Column::new("unit", "string", "单位", "the unit as the plan writes it"),
    Column::new(
        "status",
        "string",
        "状态代码",
        "achieved, on_track, slightly_behind, far_behind, not_achieved, overdue or cannot_judge",
    ),
    Column::new("status_label", "string", "状态", "the status in Chinese"),
    Column::new(
        "reason",
        "string",
        "原因",
        "why, where the status alone does not say",
    ),
    Column::new(
        "statement",
        "string",
        "说明",
        "the numbers the status comes from, in one sentence",
    ),
    Column::new(
        "latest_year",
        "integer",
        "最近数值年份",
        "the year of the latest value that answers the target",
    ),
    Column::new(
        "latest_value",
        "string",
        "最近数值",
        "that value as its source writes it",
    ),
    Column::new(
        "latest_source",
        "string",
        "最近数值出处",
        "the document that states it",
    ),
    Column::new(
        "latest_source_url",
        "string",
        "出处网址",
        "where that document is",
    ),
    Column::new(
        "page_url",
        "string",
        "目标所在段落",
        "the address of the paragraph that sets the target",
    ),
    Column::new(
        "comparator_code",
        "string",
        "比较代码",
        "at_least, more_than, reach, at_most or less_than (≥ > = ≤ <)",
    ),
];

/// One value reported for a year, with its source.
#[derive(Debug, Serialize, Hash)]
pub struct ReportedRecord {
    pub region_id: String,
    pub region_name: String,
    pub indicator_id: String,
    pub indicator_name: String,
    pub wording: String,
    pub measure: &'static str,
    /// baseline | actual | reported
    pub kind: &'static str,
    pub year: u16,
    pub value: String,
    pub unit: String,
    pub source_title: String,
    pub source_issuers: String,
    pub source_date: String,
    pub source_url: String,
    pub on_site: bool,
    pub place: String,
    pub note: String,
}

pub const REPORTED_COLUMNS: &[Column] = &[
    Column::new("region_id", "string", "地区代码", "the region's id"),
    Column::new("region_name", "string", "地区", "the region's name"),
    Column::new(
        "indicator_id",
        "string",
        "指标代码",
        "the catalogue indicator's id",
    ),
    Column::new(
        "indicator_name",
        "string",
        "指标",
        "the catalogue indicator's name",
    ),
    Column::new(
        "wording",
        "string",
        "原文名称",
        "the indicator as the source words it",
    ),
    Column::new(
        "measure",
        "string",
        "口径",
        "stock, cumulative, annual, growth_rate, ratio or qualitative",
    ),
    Column::new(
        "kind",
        "string",
        "类型",
        "baseline (a plan's 基数), actual (a value a plan states as reached) or reported (a value of a report not on the site)",
    ),
    Column::new("year", "integer", "年份", "the year the value is of"),
    Column::new(
        "value",
        "string",
        "数值",
        "the value as its source writes it",
    ),
    Column::new("unit", "string", "单位", "the unit as its source writes it"),
    Column::new(
        "source_title",
        "string",
        "出处",
        "the document that states the value",
    ),
    Column::new(
        "source_issuers",
        "string",
        "发布机关",
        "who issued it, joined with 、",
    ),
    Column::new(
        "source_date",
        "string",
        "发布日期",
        "its date, YYYY-MM-DD, when stated",
    ),
    Column::new(
        "source_url",
        "string",
        "出处网址",
        "the page of this site, or the report's own address",
    ),
    Column::new(
        "on_site",
        "boolean",
        "本站收录",
        "true when the document is a plan of this site",
    ),
    Column::new(
        "place",
        "string",
        "原文位置",
        "where in the document the value stands",
    ),
    Column::new(
        "note",
        "string",
        "说明",
        "what a reader needs to read the value right",
    ),
];

fn status_records(linked: &Linked) -> Vec<StatusRecord> {
    let base = &linked.site.config.base_url;
    let as_of = linked
        .reported
        .as_of
        .map(|d| d.to_string())
        .unwrap_or_default();
    let mut out = Vec::new();
    for &p in &linked.plan_order {
        let plan = &linked.site.plans[p];
        let region = &linked.site.regions[linked.plan_links[p].region];
        for (ri, row) in plan.indicators.iter().enumerate() {
            let r = RowRef { plan: p, row: ri };
            let ind = &linked.site.indicators[linked.plan_links[p].rows[ri].indicator];
            for (t, target) in row.targets.iter().enumerate() {
                let v = StatusView::new(linked, r, t);
                let latest = linked.plan_links[p].rows[ri].statuses[t].latest.as_ref();
                out.push(StatusRecord {
                    as_of: as_of.clone(),
                    region_id: region.id.to_string(),
                    region_name: region.name.clone(),
                    plan_id: plan.id.to_string(),
                    plan_title: plan.title.clone(),
                    indicator_id: ind.id.to_string(),
                    indicator_name: ind.name.clone(),
                    wording: row.wording.clone(),
                    measure: row.measure.name(),
                    year: target.year.0,
                    comparator: target.comparator.symbol(),
                    value: target.value.text().to_string(),
                    unit: row.unit.value.written.clone(),
                    status: v.status_key,
                    status_label: v.status,
                    reason: v.reason.unwrap_or_default(),
                    statement: v.statement,
                    latest_year: latest.map(|l| l.year.0),
                    latest_value: latest
                        .map(|l| format!("{}{}", l.original, l.original_unit))
                        .unwrap_or_default(),
                    latest_source: v
                        .latest
                        .as_ref()
                        .map(|l| l.source.title.clone())
                        .unwrap_or_default(),
                    latest_source_url: latest
                        .map(|l| source_url(linked, l.source))
                        .unwrap_or_default(),
                    page_url: format!(
                        "{base}{}{}",
                        Route::plan(plan.id.as_str()).pretty(),
                        fragment(&row.section.value)
                    ),
                    comparator_code: target.comparator.code(),
                });
            }
        }
    }
    out
}

/// The absolute address of a source: the plan's paragraph, or the report's own.
fn source_url(linked: &Linked, source: Source) -> String {
    match source {
        Source::Plan(r) => {
            let plan = &linked.site.plans[r.plan];
            format!(
                "{}{}{}",
                linked.site.config.base_url,
                Route::plan(plan.id.as_str()).pretty(),
                fragment(&linked.row(r).section.value)
            )
        }
        Source::Report { report, .. } => {
            linked.site.reports[report].url.clone().unwrap_or_default()
        }
    }
}

fn reported_records(linked: &Linked) -> Vec<ReportedRecord> {
    let mut keyed: Vec<_> = linked.reported.points.iter().collect();
    keyed.sort_by_key(|(k, _)| {
        (
            linked.region_links[k.region].rank,
            linked.site.indicators[k.indicator].id.as_str(),
            k.measure,
        )
    });
    let mut out = Vec::new();
    for (key, points) in keyed {
        let region = &linked.site.regions[key.region];
        let ind = &linked.site.indicators[key.indicator];
        for p in points {
            out.push(reported_record(linked, region, ind, key.measure.name(), p));
        }
    }
    out
}

fn reported_record(
    linked: &Linked,
    region: &crate::model::Region,
    ind: &crate::model::Indicator,
    measure: &'static str,
    p: &Point,
) -> ReportedRecord {
    let source = SourceView::new(linked, p.source);
    let (kind, wording, issuers, date, place, note) = match p.source {
        Source::Plan(r) => {
            let plan = &linked.site.plans[r.plan];
            (
                if p.baseline {
                    ObservationKind::Baseline.name()
                } else {
                    ObservationKind::Actual.name()
                },
                linked.row(r).wording.clone(),
                plan.issuers.join("、"),
                plan.sort_date().map(|d| d.to_string()).unwrap_or_default(),
                source.detail.clone().unwrap_or_default(),
                linked.row(r).note.clone().unwrap_or_default(),
            )
        }
        Source::Report { report, value } => {
            let doc = &linked.site.reports[report];
            let v = &doc.values[value];
            (
                "reported",
                v.wording.clone(),
                doc.issuers.join("、"),
                doc.date().map(|d| d.to_string()).unwrap_or_default(),
                v.place.clone().unwrap_or_default(),
                v.note.clone().unwrap_or_default(),
            )
        }
    };
    ReportedRecord {
        region_id: region.id.to_string(),
        region_name: region.name.clone(),
        indicator_id: ind.id.to_string(),
        indicator_name: ind.name.clone(),
        wording,
        measure,
        kind,
        year: p.year.0,
        value: p.original.text().to_string(),
        unit: p.original_unit.clone(),
        source_title: source.title,
        source_issuers: issuers,
        source_date: date,
        source_url: source_url(linked, p.source),
        on_site: source.on_site,
        place,
        note,
    }
}

/// The four files, each made when the engine asks for it. With a `memo` (the
/// preview), a file is not made again while what it reads is unchanged: at national
/// scale `target-status.json` alone is hundreds of megabytes.
pub fn files<'a>(linked: &'a Linked, memo: Option<&'a Memo>) -> Vec<Planned<'a>> {
    vec![
        Planned::later(STATUS_CSV.into(), move || {
            Ok(by_tables(
                linked,
                memo,
                STATUS_CSV,
                status_records,
                |records| csv(records, STATUS_COLUMNS),
            ))
        }),
        Planned::later(STATUS_JSON.into(), move || {
            Ok(by_tables(linked, memo, STATUS_JSON, status_records, json))
        }),
        Planned::later(REPORTED_CSV.into(), move || {
            Ok(by_tables(
                linked,
                memo,
                REPORTED_CSV,
                reported_records,
                |records| csv(records, REPORTED_COLUMNS),
            ))
        }),
        Planned::later(REPORTED_JSON.into(), move || {
            Ok(by_tables(
                linked,
                memo,
                REPORTED_JSON,
                reported_records,
                json,
            ))
        }),
    ]
}

/// A file whose records read no plan's prose, through the memo when it knows the
/// digest of everything else ([`Memo::set_inputs`]): the records are then worked out
/// only if the file must be made. Without that digest nothing says the file is
/// unchanged, and it is made.
fn by_tables<R>(
    linked: &Linked,
    memo: Option<&Memo>,
    path: &str,
    records: impl FnOnce(&Linked) -> Vec<R>,
    write: impl FnOnce(&[R]) -> Vec<u8>,
) -> Contents {
    let tables = memo.and_then(Memo::tables);
    let made = memo::made(
        memo.filter(|_| tables.is_some()),
        Scope::Site,
        path,
        || tables.unwrap_or_default(),
        || Ok::<_, Infallible>(write(&records(linked))),
    );
    let Ok(contents) = made;
    contents
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_record_fields() {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.serialize(StatusRecord {
            as_of: String::new(),
            region_id: String::new(),
            region_name: String::new(),
            plan_id: String::new(),
            plan_title: String::new(),
            indicator_id: String::new(),
            indicator_name: String::new(),
            wording: String::new(),
            measure: "",
            year: 0,
            comparator: "",
            value: String::new(),
            unit: String::new(),
            status: "",
            status_label: "",
            reason: String::new(),
            statement: String::new(),
            latest_year: None,
            latest_value: String::new(),
            latest_source: String::new(),
            latest_source_url: String::new(),
            page_url: String::new(),
            comparator_code: "",
        });
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let header = text.lines().next().unwrap();
        let names: Vec<&str> = STATUS_COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(header, names.join(","));
    }
}
