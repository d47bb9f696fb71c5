//! Views that set regions side by side: an indicator's comparison by measure (table,
//! implied growth, chart), the goals matrix, the pair pages and a region's standings.
//! The numbers come from [`crate::link::compare`]; this module only words them.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{IndicatorLink, PlanLink, RegionLink};
use crate::link::compare::{ImpliedGrowth, MeasureGroup, Normalised, Standing};
use crate::link::parts::Scope;
use crate::link::{Linked, RowRef};
use crate::model::date::Year;
use crate::model::quantity::{Comparator, Measure, ObservationKind};
use crate::model::{IndicatorIx, RegionIx};
use crate::render::chart::{self, ChartPoint, ChartSeries, ChartView, PointKind};

/// One value in a comparison cell: as compared, and as the plan wrote it.
#[derive(Serialize, Clone)]
pub struct ValueView {
    /// baseline | actual | target
    pub kind: &'static str,
    /// 基期 | 实际 | 目标
    pub kind_label: &'static str,
    pub year: Year,
    pub comparator: Option<&'static str>,
    pub comparator_words: Option<&'static str>,
    pub value: String,
    pub unit: String,
    /// The value and unit as the plan writes them, when the unit differs: `1.8万件`.
    pub original: Option<String>,
}

impl ValueView {
    pub fn new(v: &Normalised, unit: &str) -> Self {
        Self {
            kind: v.kind.name(),
            kind_label: v.kind.label(),
            year: v.year,
            comparator: v.comparator.map(Comparator::symbol),
            comparator_words: v.comparator.map(Comparator::words),
            value: v.value.text().to_string(),
            unit: unit.to_string(),
            original: v
                .converted()
                .then(|| format!("{}{}", v.original.text(), v.original_unit)),
        }
    }

    /// `≥ 24 件`, for summaries.
    pub fn short(&self) -> String {
        let mut s = String::new();
        if let Some(c) = self.comparator {
            s.push_str(c);
            s.push(' ');
        }
        s.push_str(&self.value);
        if !self.unit.is_empty() {
            s.push(' ');
            s.push_str(&self.unit);
        }
        s
    }
}

#[derive(Serialize)]
pub struct GrowthView {
    pub from_year: Year,
    pub from_label: &'static str,
    pub to_year: Year,
    /// `年均需增长 16.7%`, worded by the target's comparator.
    pub text: String,
}

impl GrowthView {
    fn new(g: &ImpliedGrowth) -> Self {
        let pct = g.rate * 100.0;
        let (verb, amount) = if pct < 0.0 {
            ("下降", -pct)
        } else {
            ("增长", pct)
        };
        let qualifier = match g.comparator {
            Comparator::AtLeast | Comparator::MoreThan if pct >= 0.0 => "至少",
            Comparator::AtMost | Comparator::LessThan if pct < 0.0 => "至少",
            _ => "",
        };
        Self {
            from_year: g.from_year,
            from_label: g.from_kind.label(),
            to_year: g.to_year,
            text: format!("年均{qualifier}需{verb} {amount:.1}%"),
        }
    }
}

/// A row of a comparison table: one statement of one plan.
#[derive(Serialize)]
pub struct CompareRow {
    pub region: RegionLink,
    pub plan: PlanLink,
    pub wording: String,
    pub original_unit: String,
    pub attribute: Option<&'static str>,
    pub cells: Vec<Vec<ValueView>>,
    pub growth: Vec<GrowthView>,
    pub section_title: String,
    pub section_url: String,
    pub note: Option<String>,
}

/// All rows of one indicator with one measure: a table and a chart.
#[derive(Serialize)]
pub struct MeasureView {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: String,
    pub years: Vec<Year>,
    pub rows: Vec<CompareRow>,
    /// True when some value was written in another unit and is shown converted.
    pub converted: bool,
    pub chart: Option<ChartView>,
}

/// The comparison of each measure of `indicator`, over the rows `scope` shows; a
/// measure with none of them is left out.
pub fn measures(linked: &Linked, indicator: IndicatorIx, scope: Scope) -> Vec<MeasureView> {
    let ind = &linked.site.indicators[indicator];
    linked.indicator_links[indicator]
        .measures
        .iter()
        .filter_map(|g| measure_view(linked, indicator, &ind.name, g, scope))
        .collect()
}

fn measure_view(
    linked: &Linked,
    indicator: IndicatorIx,
    name: &str,
    group: &MeasureGroup,
    scope: Scope,
) -> Option<MeasureView> {
    let unit = group.unit.written.clone();
    let values: Vec<(RowRef, &[Normalised])> = group
        .rows
        .iter()
        .filter(|r| scope.holds(linked, indicator, linked.plan_region(r.plan)))
        .map(|&r| (r, linked.row_links(r).values.as_slice()))
        .collect();
    if values.is_empty() {
        return None;
    }
    let years: Vec<Year> = values
        .iter()
        .flat_map(|(_, v)| v.iter().map(|n| n.year))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let rows = values
        .iter()
        .map(|(r, vals)| compare_row(linked, *r, vals, &years, &unit))
        .collect();
    let converted = values
        .iter()
        .flat_map(|(_, v)| v.iter())
        .any(Normalised::converted);
    let label = group.measure.label();
    let chart = (group.measure != Measure::Qualitative)
        .then(|| {
            chart::chart(
                &format!("chart-{}", group.measure.name()),
                &format!("{name}（{label}）"),
                &unit,
                &with_reports(
                    linked,
                    indicator,
                    group,
                    scope,
                    series(linked, &values, &unit),
                ),
            )
        })
        .flatten();
    Some(MeasureView {
        key: group.measure.name(),
        label,
        unit,
        years,
        rows,
        converted,
        chart,
    })
}

fn compare_row(
    linked: &Linked,
    r: RowRef,
    values: &[Normalised],
    years: &[Year],
    unit: &str,
) -> CompareRow {
    let row = linked.row(r);
    let (section_title, section_url) = super::section(linked, r);
    CompareRow {
        region: RegionLink::new(linked, linked.plan_links[r.plan].region),
        plan: PlanLink::new(linked, r.plan),
        wording: row.wording.clone(),
        original_unit: row.unit.value.written.clone(),
        attribute: row.attribute.map(|a| a.label()),
        cells: years
            .iter()
            .map(|y| {
                values
                    .iter()
                    .filter(|v| v.year == *y)
                    .map(|v| ValueView::new(v, unit))
                    .collect()
            })
            .collect(),
        growth: linked
            .row_links(r)
            .growth
            .iter()
            .map(GrowthView::new)
            .collect(),
        section_title,
        section_url,
        note: row.note.clone(),
    }
}

/// One chart series per region, its plans' numeric values together.
fn series(linked: &Linked, values: &[(RowRef, &[Normalised])], unit: &str) -> Vec<ChartSeries> {
    let mut out: Vec<(RegionIx, ChartSeries)> = Vec::new();
    for (r, vals) in values {
        let region = linked.plan_links[r.plan].region;
        let link = RegionLink::new(linked, region);
        let i = match out.iter().position(|(g, _)| *g == region) {
            Some(i) => i,
            None => {
                out.push((
                    region,
                    ChartSeries {
                        name: link.name.clone(),
                        colour: link.colour,
                        points: Vec::new(),
                    },
                ));
                out.len() - 1
            }
        };
        for v in vals.iter() {
            let Some(number) = v.value.number() else {
                continue;
            };
            let view = ValueView::new(v, unit);
            out[i].1.points.push(ChartPoint {
                year: v.year.0,
                value: number,
                kind: match v.kind {
                    ObservationKind::Baseline => PointKind::Baseline,
                    ObservationKind::Actual => PointKind::Actual,
                    ObservationKind::Target => PointKind::Target,
                },
                label: format!(
                    "{} {}年{}值 {}",
                    link.name,
                    v.year,
                    view.kind_label,
                    view.short()
                ),
            });
        }
    }
    out.into_iter()
        .map(|(_, s)| s)
        .filter(|s| !s.points.is_empty())
        .collect()
}

/// Adds the values of reports not on the site to the regions' lines, drawn as facts
/// (solid, filled), as a plan's actuals are; a region with only reported values gets
/// a line of its own.
fn with_reports(
    linked: &Linked,
    indicator: IndicatorIx,
    group: &MeasureGroup,
    scope: Scope,
    mut series: Vec<ChartSeries>,
) -> Vec<ChartSeries> {
    let unit = &group.unit.written;
    let mut keys: Vec<_> = linked.reported.indicator_report_keys[indicator]
        .iter()
        .filter(|k| k.measure == group.measure && scope.holds(linked, indicator, k.region))
        .copied()
        .collect();
    keys.sort_by_key(|k| linked.region_links[k.region].rank);
    for key in keys {
        let region = key.region;
        let reported: Vec<_> = linked
            .reported
            .from_reports(key)
            .filter_map(|p| Some((p, p.value.number()?)))
            .collect();
        if reported.is_empty() {
            continue;
        }
        let link = RegionLink::new(linked, region);
        let i = match series.iter().position(|s| s.name == link.name) {
            Some(i) => i,
            None => {
                series.push(ChartSeries {
                    name: link.name.clone(),
                    colour: link.colour,
                    points: Vec::new(),
                });
                series.len() - 1
            }
        };
        for (p, number) in reported {
            series[i].points.push(ChartPoint {
                year: p.year.0,
                value: number,
                kind: PointKind::Actual,
                label: format!("{} {}年报告值 {}{}", link.name, p.year, p.value, unit),
            });
        }
        series[i].points.sort_by_key(|p| p.year);
    }
    series
}

/// A region's standing on one indicator, measure and year.
#[derive(Serialize)]
pub struct StandingView {
    pub indicator: IndicatorLink,
    pub measure: &'static str,
    pub year: Year,
    pub value: ValueView,
    /// 最高 | 最低 | 第 2 位
    pub position: String,
    pub rank: usize,
    pub of: usize,
    pub direction: &'static str,
    /// Peers listed beside: all in a small group, else a few (see [`LISTED_PEERS`]).
    pub others: Vec<OtherValue>,
    /// Peers not listed; the indicator page lists every region.
    pub others_omitted: usize,
    /// The higher-level region's target for the same year.
    pub bar: Option<OtherValue>,
    /// 高于 | 低于 | 等于, this target against the bar.
    pub against_bar: Option<&'static str>,
}

#[derive(Serialize)]
pub struct OtherValue {
    pub region: RegionLink,
    pub value: ValueView,
}

/// Up to this many other peers, a standing lists them all. In a larger group it
/// lists the highest, the lowest and the two either side of the region: a district
/// among dozens would otherwise list every one of them on every row.
pub const LISTED_PEERS: usize = 6;

/// The other peers a standing lists, highest first.
fn listed_peers(s: &Standing) -> Vec<&(RegionIx, Normalised)> {
    let others: Vec<&(RegionIx, Normalised)> = s.others().collect();
    if others.len() <= LISTED_PEERS {
        return others;
    }
    let at = s
        .peers
        .iter()
        .position(|(r, _)| *r == s.region)
        .unwrap_or(0);
    let last = s.peers.len() - 1;
    let mut picked: Vec<usize> = [Some(0), at.checked_sub(1), Some(at + 1), Some(last)]
        .into_iter()
        .flatten()
        .filter(|&i| i != at && i <= last)
        .collect();
    picked.sort_unstable();
    picked.dedup();
    picked.into_iter().map(|i| &s.peers[i]).collect()
}

/// The views of one region's standings, `mine`.
pub fn standings(linked: &Linked, mine: &[Standing]) -> Vec<StandingView> {
    mine.iter()
        .map(|s| {
            let listed = listed_peers(s);
            let ind = &linked.site.indicators[s.indicator];
            StandingView {
                indicator: IndicatorLink::new(ind),
                measure: s.measure.label(),
                year: s.year,
                value: ValueView::new(&s.value, &s.unit.written),
                position: if s.of() < 2 {
                    "—".to_string()
                } else if s.rank == 1 {
                    "最高".to_string()
                } else if s.rank == s.of() {
                    "最低".to_string()
                } else {
                    format!("第 {} 位", s.rank)
                },
                rank: s.rank,
                of: s.of(),
                direction: ind.direction.label(),
                others_omitted: s.of() - 1 - listed.len(),
                others: listed
                    .into_iter()
                    .map(|(r, v)| OtherValue {
                        region: RegionLink::new(linked, *r),
                        value: ValueView::new(v, &s.unit.written),
                    })
                    .collect(),
                bar: s.bar.as_ref().map(|(r, v)| OtherValue {
                    region: RegionLink::new(linked, *r),
                    value: ValueView::new(v, &s.unit.written),
                }),
                against_bar: s.bar.as_ref().and_then(|(_, b)| {
                    let (x, y) = (s.value.value.number()?, b.value.number()?);
                    Some(match x.total_cmp(&y) {
                        std::cmp::Ordering::Greater => "高于",
                        std::cmp::Ordering::Less => "低于",
                        std::cmp::Ordering::Equal => "等于",
                    })
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::Handle;
    use crate::model::quantity::{Unit, Value};

    fn value(n: u32) -> Normalised {
        let v = Value::parse_number(&n.to_string()).expect("a number");
        Normalised {
            kind: ObservationKind::Target,
            year: Year(2025),
            comparator: Some(Comparator::Reach),
            value: v.clone(),
            original: v,
            original_unit: "件".into(),
        }
    }

    /// Region `region` among peers 0..n, whose values fall with their number.
    fn standing(n: usize, region: usize) -> Standing {
        let peers: Vec<(RegionIx, Normalised)> = (0..n)
            .map(|r| (RegionIx::nth(r), value((100 - r) as u32)))
            .collect();
        Standing {
            indicator: IndicatorIx::nth(0),
            measure: Measure::Stock,
            unit: Unit::parse("件").expect("unit"),
            year: Year(2025),
            region: RegionIx::nth(region),
            value: value((100 - region) as u32),
            rank: region + 1,
            peers: Arc::from(peers),
            bar: None,
        }
    }

    fn listed(n: usize, region: usize) -> Vec<usize> {
        listed_peers(&standing(n, region))
            .into_iter()
            .map(|(r, _)| r.position())
            .collect()
    }

    #[test]
    fn a_small_group_lists_every_peer() {
        assert_eq!(listed(5, 2), [0, 1, 3, 4]);
        assert_eq!(listed(LISTED_PEERS + 1, 0).len(), LISTED_PEERS);
    }

    #[test]
    fn a_large_group_lists_the_ends_and_the_neighbours() {
        assert_eq!(listed(40, 10), [0, 9, 11, 39]);
        assert_eq!(listed(40, 0), [1, 39], "the highest itself");
        assert_eq!(listed(40, 39), [0, 38], "the lowest itself");
        assert_eq!(listed(40, 1), [0, 2, 39]);
    }
}
