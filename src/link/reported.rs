//! Values reported for a year, wherever they are stated: a plan's baselines and
//! actuals (the plan and the row's section are their source) and the values of the
//! reports in content/reports/ (the report is their source). Each is restated in the
//! unit its indicator is compared in, exactly as the comparison pages do, and filed
//! by region, indicator and measure, so that a target finds every value that answers
//! it, in any plan or report of its region.

use std::collections::HashMap;

use super::compare::comparison_unit_of;
use super::resolve;
use super::{LinkError, RowRef};
use crate::model::date::{Date, Year};
use crate::model::quantity::{Measure, Value};
use crate::model::{IndicatorId, IndicatorIx, PlanIx, RegionId, RegionIx, ReportIx, Site, Table};

/// Where a reported value is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A plan row's baseline or actual.
    Plan(RowRef),
    /// A value of a report: report index and value index.
    Report { report: ReportIx, value: usize },
}

/// One reported value, in the unit its indicator is compared in.
#[derive(Debug, Clone)]
pub struct Point {
    pub year: Year,
    /// In the comparison unit.
    pub value: Value,
    /// As the source writes it, in `original_unit`.
    pub original: Value,
    pub original_unit: String,
    /// A plan's 基数 (baseline) rather than a value it or a report states as reached.
    pub baseline: bool,
    pub source: Source,
}

impl Point {
    /// True when the source wrote it in another unit than the one it is compared in.
    pub fn converted(&self) -> bool {
        self.value.text() != self.original.text()
    }
}

/// What values answer: a region's targets for one indicator in one measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub region: RegionIx,
    pub indicator: IndicatorIx,
    pub measure: Measure,
}

/// Every reported value of the site, and the date statuses are stated as of.
#[derive(Debug, Default)]
pub struct Reported {
    /// site.yaml's `as_of`, else the latest date of a plan or report on the site.
    pub as_of: Option<Date>,
    /// Whether `as_of` is stated in site.yaml (true) or taken from the content.
    pub as_of_stated: bool,
    /// Per region: its reports, newest first.
    pub region_reports: Table<RegionIx, Vec<ReportIx>>,
    /// Per catalogue indicator: the reports that give a value of it, in file order.
    pub indicator_reports: Table<IndicatorIx, Vec<ReportIx>>,
    /// The values, in year order; within a year a baseline first, then a plan's
    /// actual, then a report's value, so that the last value of a year is the one
    /// that counts.
    pub points: HashMap<Key, Vec<Point>>,
    /// Per catalogue indicator: the keys that hold a value of a report, so a page of
    /// the indicator finds them without going through every report or region.
    pub indicator_report_keys: Table<IndicatorIx, Vec<Key>>,
}

impl Reported {
    pub fn points(&self, key: Key) -> &[Point] {
        self.points.get(&key).map_or(&[], Vec::as_slice)
    }

    /// The values reports not on the site state for `key`, in year order.
    pub fn from_reports(&self, key: Key) -> impl Iterator<Item = &Point> {
        self.points(key)
            .iter()
            .filter(|p| matches!(p.source, Source::Report { .. }))
    }
}

/// Ids resolved by the link stage, for [`collect`].
pub(super) struct Index<'a> {
    pub region_by_id: &'a HashMap<RegionId, RegionIx>,
    pub indicator_by_id: &'a HashMap<IndicatorId, IndicatorIx>,
    /// `None` where the reference did not resolve (an error already recorded).
    pub plan_region: &'a Table<PlanIx, Option<RegionIx>>,
    pub row_indicator: &'a Table<PlanIx, Vec<Option<IndicatorIx>>>,
}

pub(super) fn collect(site: &Site, ix: &Index<'_>, errors: &mut Vec<LinkError>) -> Reported {
    let mut out = Reported {
        region_reports: site.regions.filled(Vec::new()),
        indicator_reports: site.indicators.filled(Vec::new()),
        indicator_report_keys: site.indicators.filled(Vec::new()),
        ..Reported::default()
    };
    for (ri, report) in site.reports.enumerate() {
        let region = resolve(&report.region, ix.region_by_id, "region", errors);
        if let Some(region) = region {
            out.region_reports[region].push(ri);
        }
        for (vi, v) in report.values.iter().enumerate() {
            let ind = resolve(&v.indicator, ix.indicator_by_id, "indicator", errors);
            if let Some(ind) = ind
                && out.indicator_reports[ind].last() != Some(&ri)
            {
                out.indicator_reports[ind].push(ri);
            }
            let (Some(region), Some(ind)) = (region, ind) else {
                continue;
            };
            let indicator = &site.indicators[ind];
            super::check_unit(&v.unit, v.measure, indicator, errors);
            let unit = comparison_unit_of(indicator, v.measure, &v.unit.value);
            let exponent = v.unit.value.exponent_to(&unit).unwrap_or(0);
            let key = Key {
                region,
                indicator: ind,
                measure: v.measure,
            };
            if !out.indicator_report_keys[ind].contains(&key) {
                out.indicator_report_keys[ind].push(key);
            }
            out.points.entry(key).or_default().push(Point {
                year: v.year,
                value: v.value.rescaled(exponent),
                original: v.value.clone(),
                original_unit: v.unit.value.written.clone(),
                baseline: false,
                source: Source::Report {
                    report: ri,
                    value: vi,
                },
            });
        }
    }
    for reports in &mut out.region_reports {
        reports.sort_by(|&a, &b| {
            let (ra, rb) = (&site.reports[a], &site.reports[b]);
            rb.date().cmp(&ra.date()).then_with(|| ra.id.cmp(&rb.id))
        });
    }

    for (pi, plan) in site.plans.enumerate() {
        let Some(region) = ix.plan_region[pi] else {
            continue;
        };
        for (ri, row) in plan.indicators.iter().enumerate() {
            let Some(Some(ind)) = ix.row_indicator[pi].get(ri).copied() else {
                continue;
            };
            let indicator = &site.indicators[ind];
            let unit = comparison_unit_of(indicator, row.measure, &row.unit.value);
            let exponent = row.unit.value.exponent_to(&unit).unwrap_or(0);
            let key = Key {
                region,
                indicator: ind,
                measure: row.measure,
            };
            let source = Source::Plan(RowRef { plan: pi, row: ri });
            let observed = row
                .baseline
                .iter()
                .map(|b| (b, true))
                .chain(row.actuals.iter().map(|a| (a, false)));
            for (o, baseline) in observed {
                out.points.entry(key).or_default().push(Point {
                    year: o.year,
                    value: o.value.rescaled(exponent),
                    original: o.value.clone(),
                    original_unit: row.unit.value.written.clone(),
                    baseline,
                    source,
                });
            }
        }
    }
    let rank = |p: &Point| match (p.source, p.baseline) {
        (Source::Plan(_), true) => 0,
        (Source::Plan(_), false) => 1,
        (Source::Report { .. }, _) => 2,
    };
    for points in out.points.values_mut() {
        points.sort_by_key(|p| (p.year, rank(p)));
    }

    let latest = site
        .reports
        .iter()
        .filter_map(|r| r.date())
        .chain(site.plans.iter().filter_map(|p| p.sort_date()))
        .max();
    out.as_of_stated = site.config.as_of.is_some();
    out.as_of = site.config.as_of.or(latest);
    if let Some(as_of) = site.config.as_of {
        for report in &site.reports {
            if let Some(date) = report.date()
                && date > as_of
            {
                errors.push(LinkError::ReportAfterAsOf {
                    at: crate::diagnostic::Location::file_start(&report.file),
                    date: date.to_string(),
                    as_of: as_of.to_string(),
                });
            }
        }
    }
    out
}

/// The year statuses are judged in: a target of an earlier year is due.
pub fn as_of_year(as_of: Option<Date>) -> Option<Year> {
    as_of.map(|d| Year(d.year))
}
