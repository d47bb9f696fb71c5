//! Stage 3, link: resolve every reference between files (a plan's region, parent and
//! bases, an indicator row's catalogue id and section) and build the back-links the
//! pages need (a region's plans, a plan's annexes and the plans that cite it, an
//! indicator's rows across plans).

pub mod citations;
pub mod compare;
mod error;
pub mod families;
pub mod reported;
pub mod responsible;
pub mod target_status;
mod unique;

use rayon::prelude::*;
use std::collections::HashMap;

pub use error::LinkError;

use crate::diagnostic::Report;
use crate::model::quantity::Measure;
use crate::model::{IndicatorId, Located, PlanId, PlanIndicator, RegionId, Site};

/// A row of a plan's indicator table: plan index and row index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowRef {
    pub plan: usize,
    pub row: usize,
}

/// The site with every reference resolved to an index into `site`'s vectors.
#[derive(Debug)]
pub struct Linked {
    pub site: Site,
    pub region_by_id: HashMap<RegionId, usize>,
    pub plan_by_id: HashMap<PlanId, usize>,
    pub indicator_by_id: HashMap<IndicatorId, usize>,
    /// Regions in display order: the top level first, then by level and name.
    pub region_order: Vec<usize>,
    /// Per region: its place in `region_order`.
    pub region_rank: Vec<usize>,
    pub region_parent: Vec<Option<usize>>,
    pub region_children: Vec<Vec<usize>>,
    /// The groups of regions compared with each other ([`families`]).
    pub families: Vec<families::Family>,
    /// Per region: the families it is a member of (its parent's, and its own).
    pub region_families: Vec<Vec<usize>>,
    /// Per region: its plans, newest first.
    pub region_plans: Vec<Vec<usize>>,
    /// Per region: its indicator rows.
    pub region_rows: Vec<Vec<RowRef>>,
    /// All plans, newest first.
    pub plan_order: Vec<usize>,
    /// Per plan: its place in `plan_order`.
    pub plan_rank: Vec<usize>,
    pub plan_region: Vec<usize>,
    pub plan_parent: Vec<Option<usize>>,
    pub plan_annexes: Vec<Vec<usize>>,
    pub plan_based_on: Vec<Vec<usize>>,
    pub plan_cited_by: Vec<Vec<usize>>,
    /// Per plan and row: the catalogue indicator.
    pub row_indicator: Vec<Vec<usize>>,
    /// Per catalogue indicator: every plan row that measures it.
    pub indicator_rows: Vec<Vec<RowRef>>,
    /// The matcher for 《title》 citations of the site's plans, for the render stage.
    pub citations: citations::Citations,
    /// Per plan: the plans its text cites (itself excepted), in order of first citation.
    pub plan_cites: Vec<Vec<usize>>,
    /// Per plan: the titles its text cites that are not plans of the site.
    pub plan_external: Vec<Vec<String>>,
    /// Per catalogue indicator: its rows grouped by measure, as every comparison
    /// page, the matrix and the standings use them.
    pub indicator_measures: Vec<Vec<compare::MeasureGroup>>,
    /// Per region: the responsible units its plans name.
    pub region_units: Vec<Vec<responsible::ResponsibleUnit>>,
    /// Every reported value, filed by what it answers, and the "as of" date.
    pub reported: reported::Reported,
    /// Per plan, per row, per target: its status as of `reported.as_of`.
    pub statuses: Vec<Vec<Vec<target_status::Assessment>>>,
}

impl Linked {
    pub fn row(&self, r: RowRef) -> &PlanIndicator {
        &self.site.plans[r.plan].indicators[r.row]
    }
}

pub fn link(site: Site) -> Result<Linked, Vec<Report>> {
    let mut errors = Vec::new();
    let region_by_id: HashMap<RegionId, usize> = site
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let plan_by_id: HashMap<PlanId, usize> = site
        .plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let indicator_by_id: HashMap<IndicatorId, usize> = site
        .indicators
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.clone(), i))
        .collect();

    let region_parent: Vec<Option<usize>> = site
        .regions
        .iter()
        .map(|r| {
            r.parent
                .as_ref()
                .and_then(|p| resolve(p, &region_by_id, "region", &mut errors))
        })
        .collect();
    check_chain_cycles(
        &region_parent,
        |i| site.regions[i].id.to_string(),
        |i| site.regions[i].parent.as_ref().map(|p| p.at.clone()),
        "parent",
        &mut errors,
    );

    let plan_region: Vec<usize> = site
        .plans
        .iter()
        .map(|p| resolve(&p.region, &region_by_id, "region", &mut errors).unwrap_or(0))
        .collect();
    let plan_parent: Vec<Option<usize>> = site
        .plans
        .iter()
        .map(|p| {
            p.parent
                .as_ref()
                .and_then(|x| resolve(x, &plan_by_id, "plan", &mut errors))
        })
        .collect();
    check_chain_cycles(
        &plan_parent,
        |i| site.plans[i].id.to_string(),
        |i| site.plans[i].parent.as_ref().map(|p| p.at.clone()),
        "parent",
        &mut errors,
    );
    let plan_based_on: Vec<Vec<usize>> = site
        .plans
        .iter()
        .map(|p| {
            p.based_on
                .iter()
                .filter_map(|b| resolve(b, &plan_by_id, "plan", &mut errors))
                .collect()
        })
        .collect();
    check_graph_cycles(&plan_based_on, &site, &mut errors);
    unique::check(&site, &mut errors);

    let mut row_indicator = Vec::with_capacity(site.plans.len());
    let mut indicator_rows = vec![Vec::new(); site.indicators.len()];
    let mut region_rows = vec![Vec::new(); site.regions.len()];
    for (pi, plan) in site.plans.iter().enumerate() {
        let mut rows = Vec::with_capacity(plan.indicators.len());
        for (ri, row) in plan.indicators.iter().enumerate() {
            let ind = resolve(&row.indicator, &indicator_by_id, "indicator", &mut errors);
            rows.push(ind.unwrap_or(0));
            let r = RowRef { plan: pi, row: ri };
            if let Some(ind) = ind {
                indicator_rows[ind].push(r);
                check_unit(&row.unit, row.measure, &site.indicators[ind], &mut errors);
            }
            if let Some(region) = region_rows.get_mut(plan_region[pi]) {
                region.push(r);
            }
            if !plan.body.has_anchor(&row.section.value) {
                errors.push(LinkError::UnknownSection {
                    at: row.section.at.clone(),
                    found: row.section.value.clone(),
                    anchors: plan.body.anchors().map(str::to_string).collect(),
                });
            }
            if let Some(period) = plan.period {
                for t in &row.targets {
                    if !period.contains(t.year)
                        && let Some(at) = &t.at
                    {
                        errors.push(LinkError::TargetOutsidePeriod {
                            at: at.clone(),
                            year: t.year.0,
                            start: period.start.0,
                            end: period.end.0,
                        });
                    }
                }
            }
        }
        row_indicator.push(rows);
    }

    let region_units = responsible::collect(&site, &plan_region, &mut errors);
    let reported = reported::collect(
        &site,
        &reported::Index {
            region_by_id: &region_by_id,
            indicator_by_id: &indicator_by_id,
            plan_region: &plan_region,
            row_indicator: &row_indicator,
        },
        &mut errors,
    );
    let matcher = citation_matcher(&site, &mut errors);

    let (Some(matcher), true) = (matcher, errors.is_empty()) else {
        return Err(errors.into_iter().map(Report::new).collect());
    };

    let mut plan_order: Vec<usize> = (0..site.plans.len()).collect();
    plan_order.sort_by(|&a, &b| {
        let (pa, pb) = (&site.plans[a], &site.plans[b]);
        pb.sort_date()
            .cmp(&pa.sort_date())
            .then_with(|| pa.id.cmp(&pb.id))
    });
    // The longest step of linking: every plan's whole text is read for 《titles》.
    let plan_citations: Vec<Vec<citations::Citation>> = site
        .plans
        .par_iter()
        .map(|p| matcher.scan(p.body.markdown()))
        .collect();
    let mut plan_cites: Vec<Vec<usize>> = vec![Vec::new(); site.plans.len()];
    let mut plan_external: Vec<Vec<String>> = vec![Vec::new(); site.plans.len()];
    for (p, found) in plan_citations.iter().enumerate() {
        for c in found {
            match c.plan {
                Some(q) if q != p && !plan_cites[p].contains(&q) => plan_cites[p].push(q),
                Some(_) => {}
                None if !plan_external[p].contains(&c.title) => {
                    plan_external[p].push(c.title.clone());
                }
                None => {}
            }
        }
    }
    let mut region_plans = vec![Vec::new(); site.regions.len()];
    let mut plan_annexes = vec![Vec::new(); site.plans.len()];
    let mut plan_cited_by = vec![Vec::new(); site.plans.len()];
    for &p in &plan_order {
        region_plans[plan_region[p]].push(p);
        if let Some(parent) = plan_parent[p] {
            plan_annexes[parent].push(p);
        }
        // A plan cites another by naming it as its basis or by its title in the text.
        // `p` comes in order, so a repeat can only be the last entry: a widely cited
        // outline is not searched once per citing plan.
        for &b in plan_based_on[p].iter().chain(&plan_cites[p]) {
            if plan_cited_by[b].last() != Some(&p) {
                plan_cited_by[b].push(p);
            }
        }
    }
    let mut region_children = vec![Vec::new(); site.regions.len()];
    for (i, p) in region_parent.iter().enumerate() {
        if let Some(p) = p {
            region_children[*p].push(i);
        }
    }
    let mut region_order: Vec<usize> = (0..site.regions.len()).collect();
    region_order.sort_by(|&a, &b| {
        let (ra, rb) = (&site.regions[a], &site.regions[b]);
        depth(&region_parent, a)
            .cmp(&depth(&region_parent, b))
            .then(ra.level.cmp(&rb.level))
            .then_with(|| ra.id.cmp(&rb.id))
    });

    let rank = |order: &[usize]| {
        let mut rank = vec![0; order.len()];
        for (i, &x) in order.iter().enumerate() {
            rank[x] = i;
        }
        rank
    };
    let region_rank = rank(&region_order);
    let plan_rank = rank(&plan_order);
    let families = families::families(
        &region_order,
        &region_parent,
        &region_rank,
        &region_children,
    );
    let mut region_families = vec![Vec::new(); site.regions.len()];
    for (f, family) in families.iter().enumerate() {
        for &r in &family.members {
            region_families[r].push(f);
        }
    }
    let mut linked = Linked {
        site,
        region_by_id,
        plan_by_id,
        indicator_by_id,
        region_order,
        region_rank,
        region_parent,
        region_children,
        families,
        region_families,
        region_plans,
        region_rows,
        plan_order,
        plan_rank,
        plan_region,
        plan_parent,
        plan_annexes,
        plan_based_on,
        plan_cited_by,
        row_indicator,
        indicator_rows,
        citations: matcher,
        plan_cites,
        plan_external,
        indicator_measures: Vec::new(),
        region_units,
        reported,
        statuses: Vec::new(),
    };
    linked.indicator_measures = (0..linked.site.indicators.len())
        .map(|i| compare::measure_groups(&linked, i))
        .collect();
    linked.statuses = statuses(&linked);
    Ok(linked)
}

/// The status of every target of every plan row.
fn statuses(linked: &Linked) -> Vec<Vec<Vec<target_status::Assessment>>> {
    let as_of = reported::as_of_year(linked.reported.as_of);
    (0..linked.site.plans.len())
        .into_par_iter()
        .map(|p| {
            let plan = &linked.site.plans[p];
            plan.indicators
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let ind = linked.row_indicator[p][r];
                    let indicator = &linked.site.indicators[ind];
                    let unit = compare::comparison_unit(indicator, row);
                    let exponent = row.unit.value.exponent_to(&unit).unwrap_or(0);
                    let key = reported::Key {
                        region: linked.plan_region[p],
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

/// The matcher of every plan's title, short title and aliases. Two plans with one
/// name would make a citation of it ambiguous, so that is an error.
fn citation_matcher(site: &Site, errors: &mut Vec<LinkError>) -> Option<citations::Citations> {
    let names = site
        .plans
        .iter()
        .enumerate()
        .map(|(i, p)| citations::PlanNames {
            plan: i,
            names: std::iter::once(p.title.as_str())
                .chain(p.short_title.as_deref())
                .chain(p.aliases.iter().map(String::as_str))
                .collect(),
        });
    let matcher = match citations::Citations::new(names) {
        Ok(m) => m,
        Err(e) => {
            errors.push(LinkError::CitationIndex {
                reason: e.to_string(),
            });
            return None;
        }
    };
    for (name, plans) in matcher.ambiguous() {
        if let Some(&second) = plans.get(1) {
            errors.push(LinkError::AmbiguousTitle {
                at: crate::diagnostic::Location::file_start(&site.plans[second].file),
                name,
                plans: plans
                    .iter()
                    .map(|&p| site.plans[p].id.to_string())
                    .collect(),
            });
        }
    }
    Some(matcher)
}

/// A row's unit must convert to its indicator's, so that values can be compared; a
/// growth rate must be a rate. Qualitative goals have no unit to check.
fn check_unit(
    unit: &Located<crate::model::quantity::Unit>,
    measure: Measure,
    ind: &crate::model::Indicator,
    errors: &mut Vec<LinkError>,
) {
    let at = &unit.at;
    let unit = &unit.value;
    let expected = match measure {
        Measure::Qualitative => return,
        Measure::GrowthRate => "%",
        _ => ind.unit.base.as_str(),
    };
    if unit.base != expected {
        errors.push(LinkError::IncompatibleUnit {
            at: at.clone(),
            found: unit.written.clone(),
            indicator: ind.id.to_string(),
            expected: if measure == Measure::GrowthRate {
                "%".to_string()
            } else {
                ind.unit.written.clone()
            },
            growth: measure == Measure::GrowthRate,
        });
    }
}

fn depth(parent: &[Option<usize>], mut i: usize) -> usize {
    let mut d = 0;
    while let Some(p) = parent[i] {
        d += 1;
        i = p;
        if d > parent.len() {
            break;
        }
    }
    d
}

fn resolve<T: std::hash::Hash + Eq + std::fmt::Display>(
    r: &Located<T>,
    index: &HashMap<T, usize>,
    kind: &'static str,
    errors: &mut Vec<LinkError>,
) -> Option<usize> {
    let found = index.get(&r.value).copied();
    if found.is_none() {
        let mut candidates: Vec<String> = index.keys().map(ToString::to_string).collect();
        candidates.sort_unstable();
        errors.push(LinkError::UnknownReference {
            at: r.at.clone(),
            kind,
            found: r.value.to_string(),
            candidates,
        });
    }
    found
}

/// Finds cycles in a parent relation (each node has at most one parent) and reports
/// each cycle once.
fn check_chain_cycles(
    parent: &[Option<usize>],
    name: impl Fn(usize) -> String,
    at: impl Fn(usize) -> Option<crate::diagnostic::Location>,
    field: &'static str,
    errors: &mut Vec<LinkError>,
) {
    let mut reported = vec![false; parent.len()];
    for start in 0..parent.len() {
        let mut chain = vec![start];
        let mut cur = start;
        while let Some(p) = parent[cur] {
            if p == start {
                if !chain.iter().any(|&c| reported[c]) {
                    chain.iter().for_each(|&c| reported[c] = true);
                    let mut names: Vec<String> = chain.iter().map(|&c| name(c)).collect();
                    names.push(name(start));
                    if let Some(at) = at(cur) {
                        errors.push(LinkError::Cycle {
                            at,
                            field,
                            chain: names,
                        });
                    }
                }
                break;
            }
            if chain.contains(&p) || chain.len() > parent.len() {
                break;
            }
            chain.push(p);
            cur = p;
        }
    }
}

/// Finds a cycle in `based_on` (a plan that is, through other plans, its own basis).
fn check_graph_cycles(edges: &[Vec<usize>], site: &Site, errors: &mut Vec<LinkError>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; edges.len()];
    for start in 0..edges.len() {
        if mark[start] != Mark::New {
            continue;
        }
        // Iterative depth-first search; the stack holds (node, next edge to try).
        let mut stack = vec![(start, 0usize)];
        mark[start] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                match mark[to] {
                    Mark::New => {
                        mark[to] = Mark::Open;
                        stack.push((to, 0));
                    }
                    Mark::Open => {
                        let from = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        let mut chain: Vec<String> = stack[from..]
                            .iter()
                            .map(|&(n, _)| site.plans[n].id.to_string())
                            .collect();
                        chain.push(site.plans[to].id.to_string());
                        let edge = site.plans[node]
                            .based_on
                            .iter()
                            .find(|b| b.value == site.plans[to].id)
                            .map(|b| b.at.clone());
                        if let Some(at) = edge {
                            errors.push(LinkError::Cycle {
                                at,
                                field: "based_on",
                                chain,
                            });
                        }
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
}
