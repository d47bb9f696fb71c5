//! The table of indicator rows by year that a plan page and a region page show: each
//! row's baseline, actual and target values laid out under their years, and a region's
//! rows grouped by plan.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{IndicatorLink, PlanLink};
use crate::link::{Linked, RowRef};
use crate::model::PlanIx;
use crate::model::date::Year;
use crate::model::quantity::{Comparator, ObservationKind as Kind};
use crate::model::{Plan, PlanIndicator};
use crate::render::urls::plan_heading;

/// One value in a year column of a table.
#[derive(Serialize, Clone)]
pub struct CellValue {
    /// baseline | actual | target
    pub kind: &'static str,
    /// 基期 | 实际 | 目标
    pub kind_label: &'static str,
    pub comparator: Option<&'static str>,
    pub comparator_words: Option<&'static str>,
    pub value: String,
    pub unit: String,
}

/// A row of a plan's indicator table, with its values laid out by year.
#[derive(Serialize)]
pub struct RowView {
    pub indicator: IndicatorLink,
    pub plan: PlanLink,
    pub wording: String,
    pub unit: String,
    pub measure: &'static str,
    pub measure_key: &'static str,
    pub attribute: Option<&'static str>,
    pub cells: Vec<Vec<CellValue>>,
    pub responsible: Vec<String>,
    pub section_title: String,
    pub section_url: String,
    pub note: Option<String>,
}

/// A table of indicator rows with one column per year.
#[derive(Serialize)]
pub struct YearTable {
    pub years: Vec<Year>,
    pub rows: Vec<RowView>,
}

impl YearTable {
    pub fn new(linked: &Linked, refs: &[RowRef]) -> Self {
        let mut years = BTreeSet::new();
        for r in refs {
            let row = &linked.site.plans[r.plan].indicators[r.row];
            years.extend(row.baseline.iter().map(|b| b.year));
            years.extend(row.actuals.iter().map(|a| a.year));
            years.extend(row.targets.iter().map(|t| t.year));
        }
        let years: Vec<Year> = years.into_iter().collect();
        let rows = refs.iter().map(|r| row_view(linked, *r, &years)).collect();
        Self { years, rows }
    }
}

/// The indicator rows of one plan, as a region page lists them.
#[derive(Serialize)]
pub struct PlanTable {
    pub plan: PlanLink,
    pub table: YearTable,
}

impl PlanTable {
    /// `refs` grouped by plan, in the order each plan first appears.
    pub fn by_plan(linked: &Linked, refs: &[RowRef]) -> Vec<Self> {
        let mut plans: Vec<PlanIx> = Vec::new();
        for r in refs {
            if !plans.contains(&r.plan) {
                plans.push(r.plan);
            }
        }
        plans
            .into_iter()
            .map(|p| {
                let mine: Vec<RowRef> = refs.iter().copied().filter(|r| r.plan == p).collect();
                Self {
                    plan: PlanLink::new(linked, p),
                    table: YearTable::new(linked, &mine),
                }
            })
            .collect()
    }
}

fn row_view(linked: &Linked, r: RowRef, years: &[Year]) -> RowView {
    let plan: &Plan = &linked.site.plans[r.plan];
    let row: &PlanIndicator = &plan.indicators[r.row];
    let unit = row.unit.value.written.clone();
    let cells = years
        .iter()
        .map(|y| {
            let mut cell = Vec::new();
            if let Some(b) = row.baseline.as_ref().filter(|b| b.year == *y) {
                cell.push(value(Kind::Baseline, None, b.value.text(), &unit));
            }
            for a in row.actuals.iter().filter(|a| a.year == *y) {
                cell.push(value(Kind::Actual, None, a.value.text(), &unit));
            }
            for t in row.targets.iter().filter(|t| t.year == *y) {
                cell.push(value(
                    Kind::Target,
                    Some(t.comparator),
                    t.value.text(),
                    &unit,
                ));
            }
            cell
        })
        .collect();
    let (section_title, section_url) = section(linked, r);
    RowView {
        indicator: IndicatorLink::of_row(linked, r),
        plan: PlanLink::new(linked, r.plan),
        wording: row.wording.clone(),
        unit,
        measure: row.measure.label(),
        measure_key: row.measure.name(),
        attribute: row.attribute.map(|a| a.label()),
        cells,
        responsible: row.responsible.clone(),
        section_title,
        section_url,
        note: row.note.clone(),
    }
}

/// The heading a row's `section` names in its plan's text: its words and a link to it.
pub fn section(linked: &Linked, r: RowRef) -> (String, String) {
    let plan = &linked.site.plans[r.plan];
    let anchor = &linked.row(r).section.value;
    let title = plan
        .body
        .outline
        .iter()
        .find(|h| &h.anchor == anchor)
        .map(|h| h.text.clone())
        .unwrap_or_default();
    (title, plan_heading(plan.id.as_str(), anchor))
}

fn value(kind: Kind, comparator: Option<Comparator>, text: &str, unit: &str) -> CellValue {
    CellValue {
        kind: kind.name(),
        kind_label: kind.label(),
        comparator: comparator.map(|c| c.symbol()),
        comparator_words: comparator.map(|c| c.words()),
        value: text.to_string(),
        unit: unit.to_string(),
    }
}
