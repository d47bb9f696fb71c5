//! The views of the indicator pages: the catalogue's entries, an indicator's page, and
//! when an indicator has too many rows for one page ([`crate::link::parts`]), its
//! overview of parts and each part's page.

use serde::Serialize;

use super::progress_counts::Counts;
use super::{IndicatorLink, RegionLink, compare, matrix, progress};
use crate::link::Linked;
use crate::link::parts::Scope;
use crate::model::{Category, IndicatorIx, PlanIx, RegionIx};
use crate::render::markdown;
use crate::render::urls::Route;

#[derive(Serialize)]
pub struct IndicatorSummary {
    pub link: IndicatorLink,
    pub aliases: Vec<String>,
    pub plan_count: usize,
    pub region_count: usize,
}

impl IndicatorSummary {
    pub fn new(linked: &Linked, i: IndicatorIx) -> Self {
        Self::within(linked, i, Scope::Whole)
    }

    /// The summary of the rows of `i` that `scope` shows.
    pub fn within(linked: &Linked, i: IndicatorIx, scope: Scope) -> Self {
        let rows = scope.rows(linked, i);
        let mut plans: Vec<PlanIx> = rows.iter().map(|r| r.plan).collect();
        plans.sort_unstable();
        plans.dedup();
        let mut regions: Vec<RegionIx> =
            plans.iter().map(|&p| linked.plan_links[p].region).collect();
        regions.sort_unstable();
        regions.dedup();
        let ind = &linked.site.indicators[i];
        Self {
            link: IndicatorLink::new(ind),
            aliases: ind.aliases.clone(),
            plan_count: plans.len(),
            region_count: regions.len(),
        }
    }
}

#[derive(Serialize)]
pub struct CategoryGroup {
    pub category: &'static str,
    pub indicators: Vec<IndicatorSummary>,
}

pub fn categories(linked: &Linked) -> Vec<CategoryGroup> {
    Category::ALL
        .iter()
        .map(|&cat| CategoryGroup {
            category: cat.label(),
            indicators: matrix::sorted_indicators(linked, cat)
                .into_iter()
                .map(|i| IndicatorSummary::new(linked, i))
                .collect(),
        })
        .filter(|g| !g.indicators.is_empty())
        .collect()
}

#[derive(Serialize)]
pub struct IndicatorView {
    pub summary: IndicatorSummary,
    /// This indicator's values across plans as CSV.
    pub data_csv: String,
    pub direction: &'static str,
    pub body_html: String,
    /// One comparison per measure: never a cumulative total beside a yearly amount.
    pub measures: Vec<compare::MeasureView>,
    /// The indicator's targets with their statuses, by region.
    pub progress: progress::IndicatorProgress,
    /// Values that reports not on the site state for the indicator.
    pub reported: Vec<progress::ReportedRow>,
    /// On the overview of a split indicator: its parts, each a page of its own.
    pub parts: Vec<PartView>,
    /// On a part's page: the region the part holds the rows of.
    pub part: Option<RegionLink>,
    /// The indicator's own page, from a part's page.
    pub url: String,
}

/// One part of a split indicator, as its overview lists it.
#[derive(Serialize)]
pub struct PartView {
    pub region: RegionLink,
    /// The part's page.
    pub url: String,
    pub plan_count: usize,
    pub region_count: usize,
    /// Its targets, counted by status.
    pub counts: Counts,
}

impl IndicatorView {
    /// The page of `i`: its rows when it is not split, the overview of its parts when
    /// it is, or (`part`) the page of one part.
    pub fn new(linked: &Linked, i: IndicatorIx, part: Option<RegionIx>) -> Self {
        let ind = &linked.site.indicators[i];
        let split = &linked.indicator_links[i].parts;
        let scope = match part {
            Some(p) => Scope::Part(p),
            None if split.is_empty() => Scope::Whole,
            None => Scope::Overview,
        };
        let parts = match scope {
            Scope::Overview => split
                .iter()
                .map(|p| PartView::new(linked, i, p.region))
                .collect(),
            Scope::Whole | Scope::Part(_) => Vec::new(),
        };
        Self {
            // An overview counts every region that sets the indicator; a part, its own.
            summary: IndicatorSummary::within(
                linked,
                i,
                if part.is_some() { scope } else { Scope::Whole },
            ),
            data_csv: super::super::data::indicator_csv_path(ind.id.as_str()).url,
            direction: ind.direction.label(),
            body_html: markdown::to_html(&ind.body, linked.site.config.raw_html),
            measures: compare::measures(linked, i, scope),
            progress: progress::IndicatorProgress::new(linked, i, scope),
            reported: progress::reported_rows(linked, i, scope),
            parts,
            part: part.map(|p| RegionLink::new(linked, p)),
            url: Route::indicator(ind.id.as_str()).url,
        }
    }
}

impl PartView {
    fn new(linked: &Linked, i: IndicatorIx, part: RegionIx) -> Self {
        let scope = Scope::Part(part);
        let summary = IndicatorSummary::within(linked, i, scope);
        let id = linked.site.indicators[i].id.as_str();
        Self {
            region: RegionLink::new(linked, part),
            url: Route::indicator_part(id, linked.site.regions[part].id.as_str()).url,
            plan_count: summary.plan_count,
            region_count: summary.region_count,
            counts: Counts::of(linked, &scope.rows(linked, i)),
        }
    }
}
