//! Stage 3, link: resolve every reference between files (a plan's region, parent and
//! bases, an indicator row's catalogue id and section) and build the back-links the
//! pages need (a region's plans, a plan's annexes and the plans that cite it, an
//! indicator's rows across plans).

mod analysis;
pub mod citations;
pub mod compare;
mod conflicts;
mod cycles;
mod error;
pub mod families;
mod linked;
pub mod parts;
pub mod reported;
pub mod responsible;
pub mod target_status;
mod unique;

use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

pub use error::LinkError;
pub use linked::{IndicatorLinks, Linked, PlanLinks, RegionLinks, RowLinks, RowRef};

use crate::diagnostic::Report;
use crate::model::quantity::Measure;
use crate::model::{
    FamilyIx, Handle, IndicatorId, IndicatorIx, Located, PlanId, PlanIx, RegionId, RegionIx, Site,
    Table,
};

/// Whether `body`, a new text of plan `p`, shows the rest of the site what its last
/// text did: the same outline and the same citations. Then only the plan's own page
/// reads the difference ([`crate::render::pages::Reads`]), and the rest of what link
/// made of the site holds.
pub fn same_outline(linked: &Linked, p: PlanIx, body: &crate::model::document::Document) -> bool {
    let links = &linked.plan_links[p];
    linked.site.plans[p].body.outline_digest() == body.outline_digest() && {
        let (cites, external) = citations::cited(p, &linked.citations.scan(body.markdown()));
        cites == links.cites && external == links.external
    }
}

pub fn link(site: Site) -> Result<Linked, Vec<Report>> {
    link_after(site, None)
}

/// [`link`], taking from `earlier` (a link of the site before an edit, the preview's
/// last) what the edit cannot have changed: while every plan's names are the same, the
/// matcher of their titles, and the citations of each plan whose file is the same.
/// Reading every text for 《titles》 is the longest step of linking.
pub fn link_after(site: Site, earlier: Option<&Linked>) -> Result<Linked, Vec<Report>> {
    let mut errors = Vec::new();
    let region_by_id: HashMap<RegionId, RegionIx> = site
        .regions
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let plan_by_id: HashMap<PlanId, PlanIx> = site
        .plans
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let indicator_by_id: HashMap<IndicatorId, IndicatorIx> = site
        .indicators
        .enumerate()
        .map(|(i, x)| (x.id.clone(), i))
        .collect();

    let region_parent: Table<RegionIx, Option<RegionIx>> = site.regions.map(|r| {
        r.parent
            .as_ref()
            .and_then(|p| resolve(p, &region_by_id, "region", &mut errors))
    });
    cycles::check_chain_cycles(
        &region_parent,
        |i| site.regions[i].id.to_string(),
        |i| site.regions[i].parent.as_ref().map(|p| p.at.clone()),
        "parent",
        &mut errors,
    );

    division_codes(&site, &region_parent, &mut errors);
    let plan_region: Table<PlanIx, Option<RegionIx>> = site
        .plans
        .map(|p| resolve(&p.region, &region_by_id, "region", &mut errors));
    let plan_parent: Table<PlanIx, Option<PlanIx>> = site.plans.map(|p| {
        p.parent
            .as_ref()
            .and_then(|x| resolve(x, &plan_by_id, "plan", &mut errors))
    });
    cycles::check_chain_cycles(
        &plan_parent,
        |i| site.plans[i].id.to_string(),
        |i| site.plans[i].parent.as_ref().map(|p| p.at.clone()),
        "parent",
        &mut errors,
    );
    let plan_based_on: Table<PlanIx, Vec<PlanIx>> = site.plans.map(|p| {
        p.based_on
            .iter()
            .filter_map(|b| resolve(b, &plan_by_id, "plan", &mut errors))
            .collect()
    });
    cycles::check_graph_cycles(&plan_based_on, &site, &mut errors);
    let plan_interprets: Table<PlanIx, Option<PlanIx>> = site.plans.map_with(|p, plan| {
        let i = plan.interprets.as_ref()?;
        let found = resolve(i, &plan_by_id, "plan", &mut errors)?;
        if found == p {
            errors.push(LinkError::Cycle {
                at: i.at.clone(),
                field: "interprets",
                chain: vec![plan.id.to_string(), plan.id.to_string()],
            });
            return None;
        }
        Some(found)
    });
    unique::check(&site, &mut errors);

    // Unresolved references stay `None` until the errors are counted below.
    let mut row_indicator: Table<PlanIx, Vec<Option<IndicatorIx>>> = site.plans.filled(Vec::new());
    let mut indicator_rows: Table<IndicatorIx, Vec<RowRef>> = site.indicators.filled(Vec::new());
    let mut region_rows: Table<RegionIx, Vec<RowRef>> = site.regions.filled(Vec::new());
    for (pi, plan) in site.plans.enumerate() {
        conflicts::check(plan, &mut errors);
        for (ri, row) in plan.indicators.iter().enumerate() {
            let ind = resolve(&row.indicator, &indicator_by_id, "indicator", &mut errors);
            row_indicator[pi].push(ind);
            let r = RowRef { plan: pi, row: ri };
            if let Some(ind) = ind {
                indicator_rows[ind].push(r);
                check_unit(&row.unit, row.measure, &site.indicators[ind], &mut errors);
            }
            if let Some(region) = plan_region[pi] {
                region_rows[region].push(r);
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
    let matcher = citation_matcher(&site, earlier, &mut errors);

    // Without errors every reference resolved.
    let plan_region: Option<Table<PlanIx, RegionIx>> = plan_region.iter().copied().collect();
    let row_indicator: Option<Vec<Vec<IndicatorIx>>> = row_indicator
        .iter()
        .map(|rows| rows.iter().copied().collect())
        .collect();
    let (Some((matcher, citation_names)), Some(plan_region), Some(row_indicator), true) =
        (matcher, plan_region, row_indicator, errors.is_empty())
    else {
        return Err(errors.into_iter().map(Report::new).collect());
    };
    let row_indicator: Table<PlanIx, Vec<IndicatorIx>> = row_indicator.into();

    let mut plan_order: Vec<PlanIx> = site.plans.handles().collect();
    plan_order.sort_by(|&a, &b| {
        let (pa, pb) = (&site.plans[a], &site.plans[b]);
        pb.sort_date()
            .cmp(&pa.sort_date())
            .then_with(|| pa.id.cmp(&pb.id))
    });
    // The longest step of linking: every plan's whole text is read for 《titles》,
    // unless an earlier link read the same text with the same names.
    let same_names = earlier.filter(|e| e.citation_names == citation_names);
    let (plan_cites, plan_external): (Vec<_>, Vec<_>) = site
        .plans
        .par_enumerate()
        .map(|(p, plan)| {
            let read = same_names.and_then(|e| {
                let was = e.site.plans.get(p)?;
                (was.id == plan.id && was.file.digest() == plan.file.digest()).then(|| {
                    let links = &e.plan_links[p];
                    (links.cites.clone(), links.external.clone())
                })
            });
            read.unwrap_or_else(|| citations::cited(p, &matcher.scan(plan.body.markdown())))
        })
        .unzip();
    let mut plan_cites: Table<PlanIx, Vec<PlanIx>> = plan_cites.into();
    let mut plan_external: Table<PlanIx, Vec<String>> = plan_external.into();
    let mut region_plans: Table<RegionIx, Vec<PlanIx>> = site.regions.filled(Vec::new());
    let mut plan_annexes: Table<PlanIx, Vec<PlanIx>> = site.plans.filled(Vec::new());
    let mut plan_cited_by: Table<PlanIx, Vec<PlanIx>> = site.plans.filled(Vec::new());
    let mut plan_interpretations: Table<PlanIx, Vec<PlanIx>> = site.plans.filled(Vec::new());
    for &p in &plan_order {
        if let Some(explained) = plan_interprets[p] {
            plan_interpretations[explained].push(p);
        }
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
    let mut region_children: Table<RegionIx, Vec<RegionIx>> = site.regions.filled(Vec::new());
    for (i, p) in region_parent.enumerate() {
        if let Some(p) = p {
            region_children[*p].push(i);
        }
    }
    let mut region_order: Vec<RegionIx> = site.regions.handles().collect();
    region_order.sort_by(|&a, &b| {
        let (ra, rb) = (&site.regions[a], &site.regions[b]);
        depth(&region_parent, a)
            .cmp(&depth(&region_parent, b))
            .then(ra.level.cmp(&rb.level))
            .then_with(|| ra.id.cmp(&rb.id))
    });

    let mut region_rank = site.regions.filled(0);
    for (i, &r) in region_order.iter().enumerate() {
        region_rank[r] = i;
    }
    let mut plan_rank = site.plans.filled(0);
    for (i, &p) in plan_order.iter().enumerate() {
        plan_rank[p] = i;
    }
    let families = families::families(
        &region_order,
        &region_parent,
        &region_rank,
        &region_children,
    );
    let mut region_families: Table<RegionIx, Vec<FamilyIx>> = site.regions.filled(Vec::new());
    for (f, family) in families.enumerate() {
        for &r in &family.members {
            region_families[r].push(f);
        }
    }
    let mut region_units = region_units.into_iter();
    let region_links: Table<RegionIx, RegionLinks> = site
        .regions
        .handles()
        .map(|r| RegionLinks {
            rank: region_rank[r],
            parent: region_parent[r],
            children: std::mem::take(&mut region_children[r]),
            families: std::mem::take(&mut region_families[r]),
            plans: std::mem::take(&mut region_plans[r]),
            rows: std::mem::take(&mut region_rows[r]),
            units: region_units.next().unwrap_or_default(),
            nearest: Default::default(),
            standings: Vec::new(),
        })
        .collect();
    let plan_links: Table<PlanIx, PlanLinks> = site
        .plans
        .handles()
        .map(|p| PlanLinks {
            rank: plan_rank[p],
            region: plan_region[p],
            parent: plan_parent[p],
            annexes: std::mem::take(&mut plan_annexes[p]),
            based_on: plan_based_on[p].clone(),
            cited_by: std::mem::take(&mut plan_cited_by[p]),
            interprets: plan_interprets[p],
            interpretations: std::mem::take(&mut plan_interpretations[p]),
            cites: std::mem::take(&mut plan_cites[p]),
            external: std::mem::take(&mut plan_external[p]),
            rows: row_indicator[p]
                .iter()
                .map(|&indicator| RowLinks {
                    indicator,
                    values: Vec::new(),
                    growth: Vec::new(),
                    statuses: Vec::new(),
                })
                .collect(),
        })
        .collect();
    let indicator_links: Table<IndicatorIx, IndicatorLinks> = site
        .indicators
        .handles()
        .map(|i| IndicatorLinks {
            rows: std::mem::take(&mut indicator_rows[i]),
            measures: Vec::new(),
            parts: Vec::new(),
        })
        .collect();
    let mut linked = Linked {
        site,
        region_links,
        plan_links,
        indicator_links,
        families,
        region_order,
        plan_order,
        region_by_id,
        indicator_by_id,
        citations: matcher,
        citation_names,
        reported,
    };
    analysis::analyse(&mut linked);
    Ok(linked)
}

/// The matcher of every plan's title, short title and aliases, with the digest of
/// those names: `earlier`'s when the names are the same. Two plans with one name would
/// make a citation of it ambiguous, so that is an error.
fn citation_matcher(
    site: &Site,
    earlier: Option<&Linked>,
    errors: &mut Vec<LinkError>,
) -> Option<(Arc<citations::Citations>, u64)> {
    let names: Vec<citations::PlanNames> = site
        .plans
        .enumerate()
        .map(|(i, p)| citations::PlanNames {
            plan: i,
            names: std::iter::once(p.title.as_str())
                .chain(p.short_title.as_deref())
                .chain(p.aliases.iter().map(String::as_str))
                .collect(),
        })
        .collect();
    let digest = {
        let mut h = DefaultHasher::new();
        for n in &names {
            (n.plan, &n.names).hash(&mut h);
        }
        h.finish()
    };
    // An earlier link had no ambiguous name, or it would have failed.
    if let Some(e) = earlier.filter(|e| e.citation_names == digest) {
        return Some((Arc::clone(&e.citations), digest));
    }
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
    Some((Arc::new(matcher), digest))
}

/// Administrative division codes name one region each, and a region's code starts as
/// its parent's does (a district of Chongqing, 500000, is 50xxxx).
fn division_codes(
    site: &Site,
    region_parent: &Table<RegionIx, Option<RegionIx>>,
    errors: &mut Vec<LinkError>,
) {
    let mut seen: HashMap<&str, RegionIx> = HashMap::new();
    for (r, region) in site.regions.enumerate() {
        let Some(code) = &region.code else { continue };
        if let Some(&first) = seen.get(code.value.as_str()) {
            errors.push(LinkError::DivisionCodeTwice {
                at: code.at.clone(),
                code: code.value.as_str().to_string(),
                first: site.regions[first].id.to_string(),
            });
        } else {
            seen.insert(code.value.as_str(), r);
        }
        let parent = region_parent[r].map(|p| &site.regions[p]);
        if let Some((parent, parent_code)) = parent.and_then(|p| Some((p, p.code.as_ref()?))) {
            let prefix = parent_code.value.prefix();
            if !code.value.as_str().starts_with(prefix) {
                errors.push(LinkError::DivisionCodeOutsideParent {
                    at: code.at.clone(),
                    code: code.value.as_str().to_string(),
                    parent: parent.name.clone(),
                    parent_code: parent_code.value.as_str().to_string(),
                    prefix: prefix.to_string(),
                });
            }
        }
    }
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

fn depth(parent: &Table<RegionIx, Option<RegionIx>>, mut i: RegionIx) -> usize {
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

fn resolve<T: std::hash::Hash + Eq + std::fmt::Display, H: Handle>(
    r: &Located<T>,
    index: &HashMap<T, H>,
    kind: &'static str,
    errors: &mut Vec<LinkError>,
) -> Option<H> {
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
