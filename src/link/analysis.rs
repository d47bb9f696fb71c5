//! What link works out once the references are resolved, so that pages only present
//! it: each indicator's rows grouped by measure, every row's values restated in the
//! unit its group compares in and the growth its targets imply, each region's
//! nearest-horizon target per indicator and its standings among its peers, and the
//! status of every target.

use std::collections::HashMap;

use rayon::prelude::*;

use super::compare::{self, Nearest};
use super::{Linked, RowRef, parts, reported, target_status};
use crate::model::quantity::ObservationKind;
use crate::model::{IndicatorIx, RegionIx};

/// Fills in the analyses of a linked site, in the order they depend on each other.
pub(super) fn analyse(linked: &mut Linked) {
    let measures: Vec<Vec<compare::MeasureGroup>> = linked
        .site
        .indicators
        .handles()
        .map(|i| compare::measure_groups(linked, i))
        .collect();
    for (links, m) in linked.indicator_links.iter_mut().zip(measures) {
        links.measures = m;
    }
    let parts: Vec<Vec<parts::Part>> = linked
        .site
        .indicators
        .handles()
        .map(|i| parts::parts(linked, i, parts::ROWS_PER_PAGE))
        .collect();
    for (links, p) in linked.indicator_links.iter_mut().zip(parts) {
        links.parts = p;
    }
    row_values(linked);
    nearest(linked);
    let standings = compare::standings(linked);
    for (links, s) in linked.region_links.iter_mut().zip(standings) {
        links.standings = s;
    }
    let statuses = statuses(linked);
    for (links, s) in linked.plan_links.iter_mut().zip(statuses) {
        for (row, s) in links.rows.iter_mut().zip(s) {
            row.statuses = s;
        }
    }
}

/// Every row's values in its measure group's unit, and the growth it implies.
fn row_values(linked: &mut Linked) {
    let mut values: Vec<(RowRef, Vec<compare::Normalised>)> = Vec::new();
    for links in linked.indicator_links.iter() {
        for group in &links.measures {
            values.par_extend(
                group
                    .rows
                    .par_iter()
                    .map(|&r| (r, compare::normalise(linked.row(r), &group.unit))),
            );
        }
    }
    for (r, v) in values {
        linked.plan_links[r.plan].rows[r.row].values = v;
    }
    let growth: Vec<Vec<Vec<compare::ImpliedGrowth>>> = linked
        .site
        .plans
        .par_enumerate()
        .map(|(_, plan)| {
            plan.indicators
                .iter()
                .map(compare::implied_growth)
                .collect()
        })
        .collect();
    for (links, g) in linked.plan_links.iter_mut().zip(growth) {
        for (row, g) in links.rows.iter_mut().zip(g) {
            row.growth = g;
        }
    }
}

/// Each region's nearest-horizon target per indicator: the goal with the earliest
/// year among all its plans' targets for it (ties: the newer plan, then the first
/// row), with how many other targets it sets.
fn nearest(linked: &mut Linked) {
    let mut found: Vec<(RegionIx, IndicatorIx, Nearest)> = Vec::new();
    for (i, links) in linked.indicator_links.enumerate() {
        let mut best: HashMap<RegionIx, (Nearest, usize)> = HashMap::new();
        let mut order: Vec<RegionIx> = Vec::new();
        for group in &links.measures {
            for &r in &group.rows {
                let region = linked.plan_links[r.plan].region;
                for v in &linked.row_links(r).values {
                    if v.kind != ObservationKind::Target {
                        continue;
                    }
                    let candidate = || Nearest {
                        row: r,
                        value: v.clone(),
                        measure: group.measure,
                        unit: group.unit.clone(),
                        more: 0,
                    };
                    match best.get_mut(&region) {
                        None => {
                            order.push(region);
                            best.insert(region, (candidate(), 1));
                        }
                        Some((f, count)) => {
                            *count += 1;
                            let better = v.year < f.value.year
                                || (v.year == f.value.year
                                    && linked.plan_links[r.plan].rank
                                        < linked.plan_links[f.row.plan].rank);
                            if better {
                                *f = candidate();
                            }
                        }
                    }
                }
            }
        }
        for region in order {
            if let Some((mut n, count)) = best.remove(&region) {
                n.more = count - 1;
                found.push((region, i, n));
            }
        }
    }
    for (region, i, n) in found {
        linked.region_links[region].nearest.insert(i, n);
    }
}

/// The status of every target of every plan row.
fn statuses(linked: &Linked) -> Vec<Vec<Vec<target_status::Assessment>>> {
    let as_of = reported::as_of_year(linked.reported.as_of);
    linked
        .site
        .plans
        .par_enumerate()
        .map(|(p, plan)| {
            plan.indicators
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let ind = linked.plan_links[p].rows[r].indicator;
                    let indicator = &linked.site.indicators[ind];
                    let unit = compare::comparison_unit(indicator, row);
                    let exponent = row.unit.value.exponent_to(&unit).unwrap_or(0);
                    let key = reported::Key {
                        region: linked.plan_links[p].region,
                        indicator: ind,
                        measure: row.measure,
                    };
                    row.targets
                        .iter()
                        .map(|t| {
                            target_status::assess(&target_status::Inputs {
                                key,
                                direction: indicator.direction,
                                period: plan.period,
                                target: t,
                                target_value: &t.value.rescaled(exponent),
                                as_of,
                                reported: &linked.reported,
                            })
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}
