//! The goals matrix of a family of regions, the compare page, the pair pages, and the
//! home page's overview of what several regions promise: each region's nearest-horizon
//! target per indicator ([`crate::link::compare::nearest_target`]), worded for pages.

use std::collections::BTreeSet;

use serde::Serialize;

use super::compare::ValueView;
use super::{IndicatorLink, PlanLink, RegionLink};
use crate::link::Linked;
use crate::link::compare::{self, Nearest};
use crate::model::Category;
use crate::model::IndicatorIx;
use crate::model::Table;
use crate::model::{FamilyIx, RegionIx};
use crate::render::urls::Route;

/// A cell of the goals matrix: a region's nearest-horizon target for an indicator.
#[derive(Serialize)]
pub struct MatrixCell {
    pub value: ValueView,
    pub measure: &'static str,
    /// How many more targets the region sets for the indicator.
    pub more: usize,
    pub plan: PlanLink,
}

impl MatrixCell {
    fn new(linked: &Linked, n: &Nearest) -> Self {
        Self {
            value: ValueView::new(&n.value, &n.unit.written),
            measure: n.measure.label(),
            more: n.more,
            plan: PlanLink::new(linked, n.row.plan),
        }
    }
}

#[derive(Serialize)]
pub struct MatrixRow {
    pub indicator: IndicatorLink,
    /// One per region column; None is "no target".
    pub cells: Vec<Option<MatrixCell>>,
    /// How many of the family's regions set a target for the indicator.
    pub set_by: usize,
}

/// An indicator only one region of a family sets a target for: listed under the
/// matrix rather than as a row of empty cells.
#[derive(Serialize)]
pub struct SingleTarget {
    pub indicator: IndicatorLink,
    pub category: &'static str,
    pub region: RegionLink,
    pub cell: MatrixCell,
}

#[derive(Serialize)]
pub struct MatrixCategory {
    pub category: &'static str,
    pub rows: Vec<MatrixRow>,
}

#[derive(Serialize)]
pub struct MatrixRegion {
    pub link: RegionLink,
    /// How many catalogue indicators the region sets a target for.
    pub targets: usize,
}

#[derive(Serialize)]
pub struct PairLink {
    pub a: RegionLink,
    pub b: RegionLink,
    pub url: String,
    pub shared: usize,
}

#[derive(Serialize)]
pub struct MatrixView {
    pub regions: Vec<MatrixRegion>,
    pub categories: Vec<MatrixCategory>,
    /// Indicators no region sets a target for (only baselines or actuals): listed
    /// apart, so the matrix is not mostly empty rows.
    pub without_targets: Vec<IndicatorLink>,
    /// Indicators only one region sets a target for, by category and name.
    pub single: Vec<SingleTarget>,
    /// Pairs that share at least one indicator.
    pub pairs: Vec<PairLink>,
    /// Pairs that share none: their pages only list each side's indicators.
    pub pairs_apart: Vec<PairLink>,
}

/// The goals matrix of one family ([`crate::link::families`]): the parent's column
/// first, then its children's in region display order.
pub fn matrix(linked: &Linked, family: FamilyIx) -> MatrixView {
    let regions = &linked.families[family].members;
    // Each member's indicators once, not once per pair it is in.
    let indicators: std::collections::HashMap<RegionIx, BTreeSet<IndicatorIx>> = regions
        .iter()
        .map(|&r| (r, region_indicators(linked, r)))
        .collect();
    let cells: Table<IndicatorIx, Vec<Option<&Nearest>>> =
        linked.site.indicators.map_with(|i, _| {
            regions
                .iter()
                .map(|&r| compare::nearest_target(linked, i, r))
                .collect()
        });
    // How many members set each indicator: asked four times an indicator below, counted once.
    let counts: Table<IndicatorIx, usize> =
        cells.map(|row| row.iter().filter(|c| c.is_some()).count());
    let set_by = |i: IndicatorIx| counts[i];
    let has_target = |i: IndicatorIx| set_by(i) > 0;
    let without_targets = Category::ALL
        .iter()
        .flat_map(|&cat| sorted_indicators(linked, cat))
        .filter(|&i| !has_target(i) && !linked.indicator_links[i].rows.is_empty())
        .map(|i| IndicatorLink::new(&linked.site.indicators[i]))
        .collect();
    let single = Category::ALL
        .iter()
        .flat_map(|&cat| {
            sorted_indicators(linked, cat)
                .into_iter()
                .map(move |i| (cat.label(), i))
        })
        .filter(|&(_, i)| set_by(i) == 1)
        .filter_map(|(category, i)| {
            let (col, n) = cells[i]
                .iter()
                .enumerate()
                .find_map(|(c, n)| Some((c, n.as_ref()?)))?;
            Some(SingleTarget {
                indicator: IndicatorLink::new(&linked.site.indicators[i]),
                category,
                region: RegionLink::new(linked, regions[col]),
                cell: MatrixCell::new(linked, n),
            })
        })
        .collect();
    let categories = Category::ALL
        .iter()
        .map(|&cat| MatrixCategory {
            category: cat.label(),
            rows: sorted_indicators(linked, cat)
                .into_iter()
                .filter(|&i| set_by(i) >= 2)
                .map(|i| MatrixRow {
                    indicator: IndicatorLink::new(&linked.site.indicators[i]),
                    cells: cells[i]
                        .iter()
                        .map(|c| c.as_ref().map(|n| MatrixCell::new(linked, n)))
                        .collect(),
                    set_by: set_by(i),
                })
                .collect(),
        })
        .filter(|c: &MatrixCategory| !c.rows.is_empty())
        .collect();
    let (pairs, pairs_apart): (Vec<PairLink>, Vec<PairLink>) = family_pairs(linked, family)
        .into_iter()
        .map(|(a, b)| PairLink {
            a: RegionLink::new(linked, a),
            b: RegionLink::new(linked, b),
            url: Route::pair(
                linked.site.regions[a].id.as_str(),
                linked.site.regions[b].id.as_str(),
            )
            .url,
            shared: indicators[&a].intersection(&indicators[&b]).count(),
        })
        .partition(|p: &PairLink| p.shared > 0);
    MatrixView {
        regions: regions
            .iter()
            .enumerate()
            .map(|(col, &r)| MatrixRegion {
                link: RegionLink::new(linked, r),
                targets: cells.iter().filter(|row| row[col].is_some()).count(),
            })
            .collect(),
        categories,
        without_targets,
        single,
        pairs,
        pairs_apart,
    }
}

/// The compare page: the goals matrix of the top-level regions, or of the site's one
/// family, and links to each family that has a page of its own.
#[derive(Serialize)]
pub struct CompareView {
    pub matrix: Option<MatrixView>,
    pub families: Vec<FamilyLink>,
}

#[derive(Serialize)]
pub struct FamilyLink {
    pub parent: RegionLink,
    pub url: String,
    /// Regions in the family, the parent included.
    pub regions: usize,
}

pub fn compare_page(linked: &Linked) -> CompareView {
    CompareView {
        matrix: main_family(linked).map(|f| matrix(linked, f)),
        families: family_pages(linked)
            .into_iter()
            .filter_map(|f| {
                let parent = linked.families[f].parent?;
                Some(FamilyLink {
                    parent: RegionLink::new(linked, parent),
                    url: Route::family(linked.site.regions[parent].id.as_str()).url,
                    regions: linked.families[f].members.len(),
                })
            })
            .collect(),
    }
}

/// The family whose matrix is on the compare page itself: the only one, or the
/// top-level regions'.
fn main_family(linked: &Linked) -> Option<FamilyIx> {
    match linked.families.len() {
        1 => linked.families.handles().next(),
        _ => linked
            .families
            .enumerate()
            .find(|(_, f)| f.parent.is_none())
            .map(|(f, _)| f),
    }
}

/// The families with a page of their own (`compare/<parent>/`): every family under a
/// parent, unless it is the site's only one and so on the compare page.
pub fn family_pages(linked: &Linked) -> Vec<FamilyIx> {
    if linked.families.len() < 2 {
        return Vec::new();
    }
    linked
        .families
        .enumerate()
        .filter(|(_, f)| f.parent.is_some())
        .map(|(f, _)| f)
        .collect()
}

/// The catalogue indicators of a category, by name.
pub fn sorted_indicators(linked: &Linked, cat: Category) -> Vec<IndicatorIx> {
    let mut v: Vec<IndicatorIx> = linked
        .site
        .indicators
        .handles()
        .filter(|&i| linked.site.indicators[i].category == cat)
        .collect();
    v.sort_by(|&a, &b| {
        linked.site.indicators[a]
            .name
            .cmp(&linked.site.indicators[b].name)
    });
    v
}

/// Every pair of regions of one family, in member order.
pub fn family_pairs(linked: &Linked, family: FamilyIx) -> Vec<(RegionIx, RegionIx)> {
    let members = &linked.families[family].members;
    let mut out = Vec::new();
    for (i, &a) in members.iter().enumerate() {
        for &b in &members[i + 1..] {
            out.push((a, b));
        }
    }
    out
}

/// Every pair of regions compared on a page of its own: the pairs inside each family.
/// A region and its parent are a pair; two regions under different parents are not.
pub fn pairs(linked: &Linked) -> Vec<(RegionIx, RegionIx)> {
    linked
        .families
        .handles()
        .flat_map(|f| family_pairs(linked, f))
        .collect()
}

/// The catalogue indicators a region has any row for.
fn region_indicators(linked: &Linked, region: RegionIx) -> BTreeSet<IndicatorIx> {
    linked.region_links[region]
        .rows
        .iter()
        .map(|&r| linked.row_indicator(r))
        .collect()
}

/// One shared indicator: each region's nearest-horizon target, as in the matrix; the
/// indicator page states every value.
#[derive(Serialize)]
pub struct PairRow {
    pub indicator: IndicatorLink,
    pub a: Option<MatrixCell>,
    pub b: Option<MatrixCell>,
    /// Both sides' nearest targets fall in the same year; when not, the page says so
    /// rather than setting two years' targets side by side as if comparable.
    pub same_year: bool,
}

#[derive(Serialize)]
pub struct PairView {
    pub a: RegionLink,
    pub b: RegionLink,
    pub shared: Vec<PairRow>,
    /// Indicators only one region sets: named, not stated again. Their values are on
    /// that region's page, and a pair page exists for every pair in a family, so
    /// repeating them made pair pages most of a large site's output.
    pub only_a: Vec<IndicatorLink>,
    pub only_b: Vec<IndicatorLink>,
}

pub fn pair(linked: &Linked, a: RegionIx, b: RegionIx) -> PairView {
    let ia = region_indicators(linked, a);
    let ib = region_indicators(linked, b);
    let row = |i: IndicatorIx| {
        let a = compare::nearest_target(linked, i, a).map(|n| MatrixCell::new(linked, n));
        let b = compare::nearest_target(linked, i, b).map(|n| MatrixCell::new(linked, n));
        let same_year = match (&a, &b) {
            (Some(x), Some(y)) => x.value.year == y.value.year,
            _ => true,
        };
        PairRow {
            indicator: IndicatorLink::new(&linked.site.indicators[i]),
            a,
            b,
            same_year,
        }
    };
    let link = |i: &IndicatorIx| IndicatorLink::new(&linked.site.indicators[*i]);
    let by_name = |v: &mut Vec<IndicatorLink>| v.sort_by(|x, y| x.name.cmp(&y.name));
    let mut shared: Vec<PairRow> = ia.intersection(&ib).map(|&i| row(i)).collect();
    shared.sort_by(|x, y| x.indicator.name.cmp(&y.indicator.name));
    let mut only_a: Vec<IndicatorLink> = ia.difference(&ib).map(link).collect();
    let mut only_b: Vec<IndicatorLink> = ib.difference(&ia).map(link).collect();
    by_name(&mut only_a);
    by_name(&mut only_b);
    PairView {
        a: RegionLink::new(linked, a),
        b: RegionLink::new(linked, b),
        shared,
        only_a,
        only_b,
    }
}

/// A region's nearest targets by category, for its dashboard.
#[derive(Serialize)]
pub struct DashboardCategory {
    pub category: &'static str,
    pub rows: Vec<DashboardRow>,
}

#[derive(Serialize)]
pub struct DashboardRow {
    pub indicator: IndicatorLink,
    pub target: MatrixCell,
}

pub fn dashboard(linked: &Linked, region: RegionIx) -> Vec<DashboardCategory> {
    let mine = region_indicators(linked, region);
    Category::ALL
        .iter()
        .map(|&cat| DashboardCategory {
            category: cat.label(),
            rows: sorted_indicators(linked, cat)
                .into_iter()
                .filter(|i| mine.contains(i))
                .filter_map(|i| {
                    compare::nearest_target(linked, i, region).map(|n| DashboardRow {
                        indicator: IndicatorLink::new(&linked.site.indicators[i]),
                        target: MatrixCell::new(linked, n),
                    })
                })
                .collect(),
        })
        .filter(|c| !c.rows.is_empty())
        .collect()
}

/// What several regions promise for one indicator: each region's nearest target,
/// for the home page's overview.
#[derive(Serialize)]
pub struct Promise {
    pub indicator: IndicatorLink,
    pub targets: Vec<RegionTarget>,
    /// Regions that also set a target but are not listed; the indicator page lists all.
    pub more_regions: usize,
}

#[derive(Serialize)]
pub struct RegionTarget {
    pub region: RegionLink,
    pub cell: MatrixCell,
}

/// The home page lists at most this many indicators, and this many regions each.
pub const PROMISES: usize = 6;
pub const PROMISE_REGIONS: usize = 8;

/// The indicators the most regions of the site's main family set a target for (at
/// least two), most regions first, then by catalogue order; each with the regions'
/// nearest targets.
pub fn promises(linked: &Linked) -> Vec<Promise> {
    let Some(f) = main_family(linked) else {
        return Vec::new();
    };
    let members = &linked.families[f].members;
    let mut found: Vec<(IndicatorIx, Vec<(RegionIx, &Nearest)>)> = Category::ALL
        .iter()
        .flat_map(|&cat| sorted_indicators(linked, cat))
        .map(|i| {
            let set: Vec<(RegionIx, &Nearest)> = members
                .iter()
                .filter_map(|&r| Some((r, compare::nearest_target(linked, i, r)?)))
                .collect();
            (i, set)
        })
        .filter(|(_, set)| set.len() >= 2)
        .collect();
    // Stable: ties keep catalogue order.
    found.sort_by_key(|(_, set)| std::cmp::Reverse(set.len()));
    found
        .into_iter()
        .take(PROMISES)
        .map(|(i, set)| Promise {
            indicator: IndicatorLink::new(&linked.site.indicators[i]),
            more_regions: set.len().saturating_sub(PROMISE_REGIONS),
            targets: set
                .iter()
                .take(PROMISE_REGIONS)
                .map(|(r, n)| RegionTarget {
                    region: RegionLink::new(linked, *r),
                    cell: MatrixCell::new(linked, n),
                })
                .collect(),
        })
        .collect()
}
