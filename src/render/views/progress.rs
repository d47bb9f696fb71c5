//! How each target is doing, in words: the status the link stage judged, the numbers
//! it comes from ("2024年实际44.42件，距2025年目标46件还差1.58件，需年均增长3.6%") and
//! the source of every value. Shared by the plan, indicator and region pages, the
//! home page, `/progress/` and the open data; the counts by status that the overview
//! pages give are in [`super::progress_counts`].

use serde::Serialize;

pub use super::progress_counts::{
    CategoryCounts, Counts, Detail, FamilyCounts, IndicatorProgress, ProgressPage, RegionCounts,
    RegionProgress, StatusCount, home, url,
};
use super::{IndicatorLink, PlanLink, RegionLink, section};
use crate::link::parts::Scope;
use crate::link::reported::{Point, Source};
use crate::link::target_status::{Assessment, Reason, TargetStatus};
use crate::link::{Linked, RowRef};
use crate::model::Direction;
use crate::model::IndicatorIx;
use crate::model::date::Year;
use crate::model::quantity::{Comparator, Measure, Unit};

/// The date statuses are stated as of, in words, with where it comes from.
#[derive(Serialize, Clone)]
pub struct AsOf {
    /// 2026年12月5日
    pub date: String,
    pub year: u16,
    /// True when site.yaml states it; otherwise it is the latest date on the site.
    pub stated: bool,
}

impl AsOf {
    pub fn new(linked: &Linked) -> Option<AsOf> {
        linked.reported.as_of.map(|d| AsOf {
            date: d.chinese(),
            year: d.year,
            stated: linked.reported.as_of_stated,
        })
    }
}

/// Where a value is stated, as a reader is shown it.
#[derive(Serialize, Clone)]
pub struct SourceView {
    /// 《渝中区2025年知识产权工作要点》 or the report's title.
    pub title: String,
    /// A page of the site (with the section) or the report's own address.
    pub url: Option<String>,
    /// True for a page of this site (a relative link).
    pub on_site: bool,
    /// 重庆市渝中区统计局，2026年3月20日; the section for a plan.
    pub detail: Option<String>,
}

impl SourceView {
    pub fn new(linked: &Linked, source: Source) -> SourceView {
        match source {
            Source::Plan(r) => {
                let plan = &linked.site.plans[r.plan];
                let (title, url) = section(linked, r);
                SourceView {
                    detail: (!title.is_empty() && title != plan.title).then_some(title),
                    title: plan.title.clone(),
                    url: Some(url),
                    on_site: true,
                }
            }
            Source::Report { report, value } => {
                let doc = &linked.site.reports[report];
                let v = &doc.values[value];
                let mut detail: Vec<String> = vec![doc.issuers.join("、")];
                if let Some(n) = &doc.doc_number {
                    detail.push(n.clone());
                }
                if let Some(d) = doc.date() {
                    detail.push(d.chinese());
                }
                if let Some(p) = &v.place {
                    detail.push(p.clone());
                }
                SourceView {
                    title: doc.title.clone(),
                    url: doc.url.clone(),
                    on_site: false,
                    detail: Some(detail.join("，")),
                }
            }
        }
    }
}

/// One reported value with its source.
#[derive(Serialize, Clone)]
pub struct ReportedView {
    pub year: u16,
    /// 7000万元（0.7亿元）: as written, with the compared value when converted.
    pub text: String,
    pub source: SourceView,
    pub note: Option<String>,
}

impl ReportedView {
    pub fn new(linked: &Linked, p: &Point, unit: &str) -> ReportedView {
        let note = match p.source {
            Source::Report { report, value } => {
                linked.site.reports[report].values[value].note.clone()
            }
            Source::Plan(_) => None,
        };
        ReportedView {
            year: p.year.0,
            text: written(p, unit),
            source: SourceView::new(linked, p.source),
            note,
        }
    }
}

/// A value as the source writes it, and in the compared unit when that differs.
fn written(p: &Point, unit: &str) -> String {
    if p.converted() {
        format!("{}{}（{}{}）", p.original, p.original_unit, p.value, unit)
    } else {
        format!("{}{}", p.value, unit)
    }
}

/// One target and its status.
#[derive(Serialize, Clone)]
pub struct StatusView {
    pub indicator: IndicatorLink,
    pub wording: String,
    pub plan: PlanLink,
    /// 2025年达到46件
    pub target: String,
    pub year: u16,
    pub status: &'static str,
    pub status_key: &'static str,
    /// The numbers the status comes from, in one sentence.
    pub statement: String,
    /// Why, where the status alone does not say (仅有2024年一个数值).
    pub reason: Option<String>,
    /// The latest value and its source; for a cumulative sum, its last year's part.
    pub latest: Option<ReportedView>,
    /// Every value a cumulative sum is made of.
    pub parts: Vec<ReportedView>,
    pub start: Option<ReportedView>,
    /// The plan row on its page.
    pub url: String,
}

impl StatusView {
    pub fn new(linked: &Linked, r: RowRef, t: usize) -> StatusView {
        let row = linked.row(r);
        let ind = &linked.indicator(linked.row_indicator(r));
        let a = &linked.row_links(r).statuses[t];
        let target = &row.targets[t];
        let unit = crate::link::compare::comparison_unit(ind, row);
        let exponent = row.unit.value.exponent_to(&unit).unwrap_or(0);
        let value = target.value.rescaled(exponent);
        let target_text = if row.measure == Measure::Qualitative {
            format!("{}年：{}", target.year, value)
        } else {
            format!(
                "{}年{}{}{}",
                target.year,
                target.comparator.words(),
                value,
                unit.written
            )
        };
        // The target as the sentence names it: 2025年目标46件, 2027年目标（超过50件）.
        let goal = match target.comparator {
            Comparator::Reach => format!("{}年目标{}{}", target.year, value, unit.written),
            c => format!(
                "{}年目标（{}{}{}）",
                target.year,
                c.words(),
                value,
                unit.written
            ),
        };
        let u = unit.written.as_str();
        StatusView {
            indicator: IndicatorLink::of_row(linked, r),
            wording: row.wording.clone(),
            plan: PlanLink::new(linked, r.plan),
            target: target_text.clone(),
            year: target.year.0,
            status: a.status.label(),
            status_key: a.status.name(),
            statement: statement(
                linked,
                a,
                &goal,
                target.year,
                &unit,
                row.measure,
                ind.direction,
            ),
            reason: reason(&a.reason),
            latest: a.latest.as_ref().map(|p| ReportedView::new(linked, p, u)),
            parts: a
                .sum
                .iter()
                .flat_map(|s| &s.parts)
                .map(|p| ReportedView::new(linked, p, u))
                .collect(),
            start: a.start.as_ref().map(|p| ReportedView::new(linked, p, u)),
            url: section(linked, r).1,
        }
    }
}

/// The sentence: what was reported, how far it is from the target, what it needs.
fn statement(
    linked: &Linked,
    a: &Assessment,
    target: &str,
    year: Year,
    unit: &Unit,
    measure: Measure,
    direction: Direction,
) -> String {
    let u = unit.written.as_str();
    // A gap between two percentages (a share or a growth rate) is in percentage points.
    let gap_unit = if u == "%" { "个百分点" } else { u };
    let mut parts: Vec<String> = Vec::new();
    let latest = match (&a.sum, &a.latest) {
        (Some(s), _) => Some(format!("{}—{}年合计{}{}", s.from, s.to, s.total, u)),
        (None, Some(p)) if p.baseline => Some(format!("{}年基数{}", p.year, written(p, u))),
        (None, Some(p)) if measure == Measure::Cumulative => {
            Some(format!("截至{}年累计{}", p.year, written(p, u)))
        }
        (None, Some(p)) => Some(format!("{}年实际{}", p.year, written(p, u))),
        (None, None) => None,
    };
    match (&latest, &a.gap) {
        (Some(l), Some(gap)) => {
            let words = if direction == Direction::LowerIsBetter {
                "还需降低"
            } else {
                "还差"
            };
            let gap_text = gap.text().trim_start_matches('-');
            parts.push(format!("{l}，距{target}{words}{gap_text}{gap_unit}"));
        }
        // A yearly amount or rate of an earlier year does not reach a target of a later one.
        (Some(l), None)
            if matches!(measure, Measure::Annual | Measure::GrowthRate)
                && a.latest.as_ref().is_some_and(|p| p.year < year) =>
        {
            parts.push(format!("{l}，{target}须以{year}年当年的数值判断"));
        }
        (Some(l), None) => parts.push(format!("{l}，已达到{target}")),
        (None, _) => parts.push(format!("{target}，尚未见报告值")),
    }
    if let (
        Some(r),
        TargetStatus::OnTrack
        | TargetStatus::SlightlyBehind
        | TargetStatus::FarBehind
        | TargetStatus::CannotJudge,
    ) = (a.required_rate, a.status)
    {
        let (verb, r) = if r < 0.0 {
            ("下降", -r)
        } else {
            ("增长", r)
        };
        parts.push(format!("需年均{verb}{}%", percent(r)));
    }
    if let (Some(o), Some(n), Some(s)) = (a.observed_rate, a.needed_rate, &a.start) {
        parts.push(format!(
            "自{}年以来年均{}，按期达成需年均{}",
            s.year,
            change(o),
            change(n)
        ));
    }
    if a.status == TargetStatus::Overdue
        && let Some(as_of) = linked.reported.as_of
    {
        parts.push(format!("截至{}未见{}年数值", as_of.chinese(), year));
    }
    parts.join("，")
}

fn change(rate: f64) -> String {
    if rate < 0.0 {
        format!("下降{}%", percent(-rate))
    } else {
        format!("增长{}%", percent(rate))
    }
}

/// A fraction as a percentage with one decimal: 0.03557 → 3.6.
fn percent(rate: f64) -> String {
    format!("{:.1}", rate * 100.0)
}

fn reason(r: &Reason) -> Option<String> {
    Some(match r {
        Reason::AtTargetYear | Reason::Pace | Reason::NoReport => return None,
        Reason::Early(y) => format!("{y}年已达到目标"),
        Reason::Qualitative => "定性目标，无法以数值判断".into(),
        Reason::TargetBand => "该指标以保持在目标区间为宜，无法按升降判断".into(),
        Reason::NoValue => "尚无报告值".into(),
        Reason::OneValue(y) => format!("仅有{y}年一个数值，无法计算变化"),
        Reason::NotPositive => "数值为零或负数，无法计算年均变化".into(),
        Reason::NoStartYear => "规划未说明累计的起始年份".into(),
        Reason::MissingYears(years) => format!(
            "缺少{}年的数值，不能累计",
            years
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、")
        ),
    })
}

/// Every target of `rows`, in row order.
pub fn statuses(linked: &Linked, rows: &[RowRef]) -> Vec<StatusView> {
    rows.iter()
        .flat_map(|&r| (0..linked.row(r).targets.len()).map(move |t| (r, t)))
        .map(|(r, t)| StatusView::new(linked, r, t))
        .collect()
}

/// A value a report not on the site states for an indicator, for the indicator page.
#[derive(Serialize)]
pub struct ReportedRow {
    pub region: RegionLink,
    pub wording: String,
    pub measure: &'static str,
    pub value: ReportedView,
}

/// Every value the reports state for indicator `i`, by region, then year: the
/// values the link stage has already restated in the compared unit.
/// The reported values of `i` for the regions `scope` shows.
pub fn reported_rows(linked: &Linked, i: IndicatorIx, scope: Scope) -> Vec<ReportedRow> {
    let ind = &linked.site.indicators[i];
    let mut keys = linked.reported.indicator_report_keys[i].clone();
    keys.retain(|k| scope.holds(linked, i, k.region));
    keys.sort_by_key(|k| (linked.region_links[k.region].rank, k.measure));
    let mut out: Vec<ReportedRow> = Vec::new();
    for key in keys {
        let mut rows: Vec<(u16, ReportedRow)> = Vec::new();
        for p in linked.reported.from_reports(key) {
            let Source::Report { report, value } = p.source else {
                continue;
            };
            let v = &linked.site.reports[report].values[value];
            let unit = crate::link::compare::comparison_unit_of(ind, v.measure, &v.unit.value);
            rows.push((
                p.year.0,
                ReportedRow {
                    region: RegionLink::new(linked, key.region),
                    wording: v.wording.clone(),
                    measure: v.measure.label(),
                    value: ReportedView::new(linked, p, &unit.written),
                },
            ));
        }
        out.extend(rows.into_iter().map(|(_, r)| r));
    }
    out
}
