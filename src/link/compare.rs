//! Comparison across regions: every value of a plan row restated in its indicator's
//! canonical unit (the original kept beside it), rows grouped by measure so a
//! cumulative total never shares a column with a yearly amount, the growth a plan
//! implies, and where each region's target stands among the others'.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

use super::{Linked, RowRef, families};
use crate::model::date::Year;
use crate::model::growth::{YearValue, compound_annual_rate};
use crate::model::quantity::{Comparator, Measure, ObservationKind, Unit, Value};
use crate::model::{Indicator, IndicatorIx, PlanIndicator, RegionIx, Table};

/// One value of a plan row, in the unit it is compared in.
#[derive(Debug, Clone)]
pub struct Normalised {
    pub kind: ObservationKind,
    pub year: Year,
    pub comparator: Option<Comparator>,
    /// In the group's unit.
    pub value: Value,
    /// As the plan writes it, in `original_unit`.
    pub original: Value,
    pub original_unit: String,
}

impl Normalised {
    /// True when the plan wrote it in another unit than the one it is compared in.
    pub fn converted(&self) -> bool {
        self.value.text() != self.original.text()
    }
}

/// The unit values of `measure` are compared in: the catalogue's unit, except for
/// growth rates, which are rates whatever the indicator counts.
pub fn comparison_unit(indicator: &Indicator, row: &PlanIndicator) -> Unit {
    comparison_unit_of(indicator, row.measure, &row.unit.value)
}

/// [`comparison_unit`] of a value written in `unit` in `measure`, wherever it is
/// stated (a plan row or a report).
pub fn comparison_unit_of(indicator: &Indicator, measure: Measure, unit: &Unit) -> Unit {
    match measure {
        Measure::GrowthRate | Measure::Qualitative => unit.clone(),
        _ => indicator.unit.clone(),
    }
}

/// Every value of a row, restated in `unit`, in year order (baseline, actuals, then
/// targets within a year).
pub fn normalise(row: &PlanIndicator, unit: &Unit) -> Vec<Normalised> {
    // The link stage has checked that the units convert; 0 keeps a value as written.
    let exponent = row.unit.value.exponent_to(unit).unwrap_or(0);
    let written = &row.unit.value.written;
    let make = |kind, year, comparator, value: &Value| Normalised {
        kind,
        year,
        comparator,
        value: value.rescaled(exponent),
        original: value.clone(),
        original_unit: written.clone(),
    };
    let mut out: Vec<Normalised> = Vec::new();
    out.extend(
        row.baseline
            .iter()
            .map(|b| make(ObservationKind::Baseline, b.year, None, &b.value)),
    );
    out.extend(
        row.actuals
            .iter()
            .map(|a| make(ObservationKind::Actual, a.year, None, &a.value)),
    );
    out.extend(row.targets.iter().map(|t| {
        make(
            ObservationKind::Target,
            t.year,
            Some(t.comparator),
            &t.value,
        )
    }));
    out.sort_by_key(|v| (v.year, v.kind));
    out
}

/// The rows of one indicator that share a measure: one table, one chart.
#[derive(Debug, Clone)]
pub struct MeasureGroup {
    pub measure: Measure,
    pub unit: Unit,
    /// In region display order, then plan order (newest first), then row order.
    pub rows: Vec<RowRef>,
}

/// Groups an indicator's rows by measure, in the order of [`Measure`]. The link stage
/// does it once per indicator ([`Linked::indicator_measures`]).
pub(super) fn measure_groups(linked: &Linked, indicator: IndicatorIx) -> Vec<MeasureGroup> {
    let ind = &linked.site.indicators[indicator];
    let mut rows = linked.indicator_links[indicator].rows.clone();
    rows.sort_by_key(|r| {
        (
            linked.region_links[linked.plan_links[r.plan].region].rank,
            linked.plan_links[r.plan].rank,
            r.row,
        )
    });
    let mut groups: Vec<MeasureGroup> = Vec::new();
    for r in rows {
        let row = linked.row(r);
        let unit = comparison_unit(ind, row);
        match groups
            .iter_mut()
            .find(|g| g.measure == row.measure && g.unit.base == unit.base)
        {
            Some(g) => g.rows.push(r),
            None => groups.push(MeasureGroup {
                measure: row.measure,
                unit,
                rows: vec![r],
            }),
        }
    }
    groups.sort_by_key(|g| g.measure);
    groups
}

/// The average annual growth a plan implies between a value it reports and a target.
#[derive(Debug, Clone)]
pub struct ImpliedGrowth {
    pub from_year: Year,
    pub from_kind: ObservationKind,
    pub to_year: Year,
    pub comparator: Comparator,
    /// A fraction: 0.05 is 5 % a year.
    pub rate: f64,
}

/// For each target of a row, the growth needed from the latest baseline or actual
/// value before it. Growth rates and qualitative goals imply none.
pub fn implied_growth(row: &PlanIndicator) -> Vec<ImpliedGrowth> {
    if matches!(row.measure, Measure::GrowthRate | Measure::Qualitative) {
        return Vec::new();
    }
    let observed: Vec<(Year, f64, ObservationKind)> = row
        .baseline
        .iter()
        .map(|b| (b.year, b.value.number(), ObservationKind::Baseline))
        .chain(
            row.actuals
                .iter()
                .map(|a| (a.year, a.value.number(), ObservationKind::Actual)),
        )
        .filter_map(|(y, v, k)| v.map(|v| (y, v, k)))
        .collect();
    row.targets
        .iter()
        .filter_map(|t| {
            let to = t.value.number()?;
            let &(year, value, kind) = observed
                .iter()
                .filter(|(y, _, _)| *y < t.year)
                .max_by_key(|(y, _, k)| (*y, *k))?;
            let rate = compound_annual_rate(
                YearValue { year, value },
                YearValue {
                    year: t.year,
                    value: to,
                },
            )?;
            Some(ImpliedGrowth {
                from_year: year,
                from_kind: kind,
                to_year: t.year,
                comparator: t.comparator,
                rate,
            })
        })
        .collect()
}

/// Where one region's target stands among the targets its peers set for the same
/// indicator, measure and year.
#[derive(Debug, Clone)]
pub struct Standing {
    pub indicator: IndicatorIx,
    pub measure: Measure,
    pub unit: Unit,
    pub year: Year,
    pub region: RegionIx,
    pub value: Normalised,
    /// 1 is the highest value.
    pub rank: usize,
    /// Every peer's value, this region's included, highest first; shared by the
    /// standings of all the peers.
    pub peers: Arc<[(RegionIx, Normalised)]>,
    /// The nearest higher-level region's target for the same year: the bar it sets.
    pub bar: Option<(RegionIx, Normalised)>,
}

impl Standing {
    /// Regions compared, this one included.
    pub fn of(&self) -> usize {
        self.peers.len()
    }

    /// The other peers' values, highest first.
    pub fn others(&self) -> impl Iterator<Item = &(RegionIx, Normalised)> {
        self.peers.iter().filter(|(r, _)| *r != self.region)
    }
}

/// Every comparison of a region's targets with its peers' ([`families::peers`]): same
/// indicator, same measure, same unit base, same year. A region with several targets
/// for one year (two plans, or a table and a sentence) is compared on the highest of
/// them. A municipality's totals are not ranked against its districts'; its target
/// for the same year is shown beside as the bar it sets, when it has one.
///
/// Returned per region, in indicator, measure and year order. The work grows with
/// the number of targets, not with the square of the number of regions.
pub fn standings(linked: &Linked) -> Table<RegionIx, Vec<Standing>> {
    let mut out = linked.site.regions.filled(Vec::new());
    for i in linked.site.indicators.handles() {
        for group in &linked.indicator_links[i].measures {
            if group.measure == Measure::Qualitative {
                continue;
            }
            // (region, year) → best target, and the regions in the order first seen.
            let mut best: HashMap<(RegionIx, Year), Normalised> = HashMap::new();
            let mut seen: Vec<(RegionIx, Year)> = Vec::new();
            for &r in &group.rows {
                let region = linked.plan_links[r.plan].region;
                // The link stage has restated the row's values in the group's unit.
                for v in &linked.row_links(r).values {
                    if v.kind != ObservationKind::Target || v.value.number().is_none() {
                        continue;
                    }
                    match best.entry((region, v.year)) {
                        Entry::Occupied(mut e) => {
                            if higher(v, e.get()) == Ordering::Greater {
                                e.insert(v.clone());
                            }
                        }
                        Entry::Vacant(e) => {
                            seen.push((region, v.year));
                            e.insert(v.clone());
                        }
                    }
                }
            }
            // Peers by year and peer group (parent and level), highest first.
            let mut groups: HashMap<PeerKey, Vec<(RegionIx, Normalised)>> = HashMap::new();
            for &(region, year) in &seen {
                let key = (year, families::peer_group(linked, region));
                groups
                    .entry(key)
                    .or_default()
                    .push((region, best[&(region, year)].clone()));
            }
            let groups: HashMap<_, Arc<[(RegionIx, Normalised)]>> = groups
                .into_iter()
                .map(|(key, mut peers)| {
                    // Ties keep region display order, so every build ranks alike.
                    peers.sort_by(|a, b| {
                        higher(&b.1, &a.1).then(
                            linked.region_links[a.0]
                                .rank
                                .cmp(&linked.region_links[b.0].rank),
                        )
                    });
                    (key, peers.into())
                })
                .collect();
            let mut years: Vec<Year> = seen.iter().map(|&(_, y)| y).collect();
            years.sort_unstable();
            years.dedup();
            for year in years {
                for &(region, y) in seen.iter().filter(|(_, y)| *y == year) {
                    let key = (y, families::peer_group(linked, region));
                    let peers = &groups[&key];
                    let bar = families::ancestors(linked, region)
                        .find_map(|a| best.get(&(a, year)).map(|v| (a, v.clone())));
                    if peers.len() < 2 && bar.is_none() {
                        continue;
                    }
                    let value = best[&(region, year)].clone();
                    // Peers are highest first, so those above are a prefix.
                    let rank =
                        1 + peers.partition_point(|(_, v)| higher(v, &value) == Ordering::Greater);
                    out[region].push(Standing {
                        indicator: i,
                        measure: group.measure,
                        unit: group.unit.clone(),
                        year,
                        region,
                        value,
                        rank,
                        peers: Arc::clone(peers),
                        bar,
                    });
                }
            }
        }
    }
    out
}

/// Targets ranked together: same year, same peer group.
type PeerKey = (Year, families::PeerGroup);

/// Orders two targets by value; at the same value "more than 50" is above "50".
fn higher(a: &Normalised, b: &Normalised) -> Ordering {
    let n = |v: &Normalised| v.value.number().unwrap_or(f64::NEG_INFINITY);
    let strict = |v: &Normalised| matches!(v.comparator, Some(Comparator::MoreThan));
    n(a).total_cmp(&n(b)).then(strict(a).cmp(&strict(b)))
}

/// A region's nearest-horizon target for an indicator: the goal with the earliest
/// year among all its plans' targets for it (ties: the newer plan, then the first
/// row), with how many other targets it sets.
#[derive(Debug, Clone)]
pub struct Nearest {
    pub row: RowRef,
    pub value: Normalised,
    pub measure: Measure,
    pub unit: Unit,
    pub more: usize,
}

/// [`Nearest`] of `region` for `indicator`, when its plans set a target for it.
pub fn nearest_target(
    linked: &Linked,
    indicator: IndicatorIx,
    region: RegionIx,
) -> Option<&Nearest> {
    linked.region_links[region].nearest.get(&indicator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, SourceFile};
    use crate::model::{IndicatorId, Located, Observation, Target};
    use std::path::Path;

    fn row(unit: &str, measure: Measure) -> PlanIndicator {
        let file = SourceFile::new(Path::new("/"), Path::new("/x.md"), "");
        let at = Location::file_start(&file);
        PlanIndicator {
            indicator: Located {
                value: IndicatorId("x".into()),
                at: at.clone(),
            },
            wording: "x".into(),
            unit: Located {
                value: Unit::parse(unit).unwrap(),
                at: at.clone(),
            },
            measure,
            attribute: None,
            baseline: None,
            actuals: Vec::new(),
            targets: Vec::new(),
            responsible: Vec::new(),
            section: Located {
                value: "s".into(),
                at,
            },
            note: None,
        }
    }

    fn num(s: &str) -> Value {
        Value::parse_number(s).unwrap()
    }

    fn target(year: u16, v: &str, c: Comparator) -> Target {
        Target {
            year: Year(year),
            value: num(v),
            comparator: c,
            at: None,
        }
    }

    #[test]
    fn values_are_restated_in_the_comparison_unit_with_the_original_kept() {
        let mut r = row("万件", Measure::Stock);
        r.targets = vec![
            target(2027, "2", Comparator::MoreThan),
            target(2025, "1.8", Comparator::Reach),
        ];
        r.actuals = vec![Observation {
            year: Year(2024),
            value: num("1.65"),
            at: None,
        }];
        let jian = Unit::parse("件").unwrap();
        let v = normalise(&r, &jian);
        let texts: Vec<(&str, &str)> = v
            .iter()
            .map(|n| (n.value.text(), n.original.text()))
            .collect();
        assert_eq!(texts, [("16500", "1.65"), ("18000", "1.8"), ("20000", "2")]);
        assert_eq!(v[0].kind, ObservationKind::Actual);
        assert_eq!(v[2].comparator, Some(Comparator::MoreThan));
        assert!(v.iter().all(|n| n.converted() && n.original_unit == "万件"));
        // 5000 万元 compared in 亿元 is 0.5.
        let mut r = row("万元", Measure::Annual);
        r.targets = vec![target(2026, "5000", Comparator::MoreThan)];
        let v = normalise(&r, &Unit::parse("亿元").unwrap());
        assert_eq!(v[0].value.text(), "0.5");
        // Same unit: unchanged, not marked converted.
        let mut r = row("件", Measure::Stock);
        r.targets = vec![target(2026, "24", Comparator::AtLeast)];
        assert!(!normalise(&r, &jian)[0].converted());
    }

    #[test]
    fn growth_is_implied_from_the_latest_value_before_each_target() {
        let mut r = row("件", Measure::Stock);
        r.baseline = Some(Observation {
            year: Year(2020),
            value: num("1.85"),
            at: None,
        });
        r.targets = vec![target(2025, "4", Comparator::Reach)];
        let g = implied_growth(&r);
        assert_eq!(g.len(), 1);
        assert_eq!((g[0].from_year, g[0].to_year), (Year(2020), Year(2025)));
        assert!((g[0].rate - 0.16672).abs() < 1e-4);
        // An actual of the same year is preferred to the baseline; later ones are ignored.
        r.actuals = vec![
            Observation {
                year: Year(2020),
                value: num("2"),
                at: None,
            },
            Observation {
                year: Year(2026),
                value: num("9"),
                at: None,
            },
        ];
        let g = implied_growth(&r);
        assert_eq!(g[0].from_kind, ObservationKind::Actual);
        assert!((g[0].rate - (2f64.powf(0.2) - 1.0)).abs() < 1e-12);
        // A growth-rate row implies no compound growth of itself.
        let mut r = row("%", Measure::GrowthRate);
        r.baseline = Some(Observation {
            year: Year(2020),
            value: num("10"),
            at: None,
        });
        r.targets = vec![target(2025, "20", Comparator::AtLeast)];
        assert!(implied_growth(&r).is_empty());
        // No earlier value, no growth.
        let mut r = row("件", Measure::Stock);
        r.targets = vec![target(2025, "4", Comparator::Reach)];
        assert!(implied_growth(&r).is_empty());
    }

    #[test]
    fn more_than_ranks_above_reach_at_the_same_value() {
        let jian = Unit::parse("件").unwrap();
        let mut a = row("件", Measure::Stock);
        a.targets = vec![target(2027, "2", Comparator::MoreThan)];
        let mut b = row("件", Measure::Stock);
        b.targets = vec![target(2027, "2", Comparator::Reach)];
        let (a, b) = (&normalise(&a, &jian)[0], &normalise(&b, &jian)[0]);
        assert_eq!(higher(a, b), Ordering::Greater);
        assert_eq!(higher(b, a), Ordering::Less);
    }
}
