//! Every kind of page of the site, one module each. A module owns its kind's route
//! (where the page is written), its view (the template and what the template is
//! given), whether a search can find it, and what it reads of the site's plans and
//! reports ([`Reads`]). This file only lists the pages and hands each to its module.
//!
//! What a page reads decides when the engine renders it again: after a save in the
//! preview, and in a build that reuses the last output. A view that shows something of
//! a plan must say so in its `reads`; `tests/incremental.rs` compares the result with a
//! full build after every kind of edit, and fails when a page kind reads more than it
//! declares.

mod about;
mod compare;
mod home;
mod indicators;
mod plans;
mod progress;
mod regions;
mod units;

use std::collections::BTreeSet;

use tera::Context;

use super::Shared;
use super::urls::Route;
use super::views::{PageView, matrix};
use crate::link::Linked;
use crate::model::{FamilyIx, IndicatorIx, PlanIx, RegionIx, ReportIx};

/// One page of the site, by the handles of what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    Home,
    Plans,
    Plan(PlanIx),
    Regions,
    Region(RegionIx),
    Indicators,
    Indicator(IndicatorIx),
    /// The rows of a split indicator within one part, by the part's region.
    IndicatorPart(IndicatorIx, RegionIx),
    Compare,
    /// The goals matrix of a family (a region and those under it).
    Family(FamilyIx),
    Pair(RegionIx, RegionIx),
    Units,
    /// A responsible unit: its region and its place in the region's units.
    Unit(RegionIx, usize),
    Accessibility,
    Search,
    /// How each region is doing against its targets.
    Progress,
    NotFound,
}

/// Every page of the site, in a fixed order.
pub fn pages(linked: &Linked) -> Vec<Page> {
    let mut pages = vec![
        Page::Home,
        Page::Plans,
        Page::Regions,
        Page::Indicators,
        Page::Progress,
        Page::Accessibility,
    ];
    if linked.site.config.search {
        pages.push(Page::Search);
    }
    pages.push(Page::NotFound);
    pages.extend(linked.site.plans.handles().map(Page::Plan));
    pages.extend(linked.site.regions.handles().map(Page::Region));
    for (i, links) in linked.indicator_links.enumerate() {
        pages.push(Page::Indicator(i));
        pages.extend(links.parts.iter().map(|p| Page::IndicatorPart(i, p.region)));
    }
    pages.push(Page::Compare);
    pages.extend(matrix::family_pages(linked).into_iter().map(Page::Family));
    pages.extend(
        matrix::pairs(linked)
            .into_iter()
            .map(|(a, b)| Page::Pair(a, b)),
    );
    pages.push(Page::Units);
    for (r, links) in linked.region_links.enumerate() {
        pages.extend((0..links.units.len()).map(|u| Page::Unit(r, u)));
    }
    pages
}

/// Whether a search can find `page`: its main content is marked for the index.
pub fn indexed(page: Page) -> bool {
    match page {
        Page::Home => home::INDEXED,
        Page::Plans | Page::Plan(_) => plans::INDEXED,
        Page::Regions | Page::Region(_) => regions::INDEXED,
        Page::Indicators | Page::Indicator(_) => indicators::INDEXED,
        Page::IndicatorPart(..) => indicators::PART_INDEXED,
        Page::Compare | Page::Family(_) | Page::Pair(..) => compare::INDEXED,
        Page::Units | Page::Unit(..) => units::INDEXED,
        Page::Progress => progress::INDEXED,
        Page::Accessibility => about::ACCESSIBILITY_INDEXED,
        Page::Search => about::SEARCH_INDEXED,
        Page::NotFound => about::NOT_FOUND_INDEXED,
    }
}

/// Where `page` is written.
pub fn route(linked: &Linked, page: Page) -> Route {
    match page {
        Page::Home => home::route(),
        Page::Plans => plans::list_route(),
        Page::Plan(p) => plans::route(linked, p),
        Page::Regions => regions::list_route(),
        Page::Region(r) => regions::route(linked, r),
        Page::Indicators => indicators::list_route(),
        Page::Indicator(i) => indicators::route(linked, i),
        Page::IndicatorPart(i, p) => indicators::part_route(linked, i, p),
        Page::Compare => compare::site_route(),
        Page::Family(f) => compare::family_route(linked, f),
        Page::Pair(a, b) => compare::pair_route(linked, a, b),
        Page::Units => units::list_route(),
        Page::Unit(r, u) => units::route(linked, r, u),
        Page::Accessibility => about::accessibility_route(),
        Page::Search => about::search_route(),
        Page::Progress => progress::route(),
        Page::NotFound => about::not_found_route(),
    }
}

/// The plans and reports a page shows something of, by index into the site's lists,
/// beside what every page reads (site.yaml, the theme, regions, the catalogue, the
/// units and every plan's front matter).
///
/// Of a plan's text, a page other than the plan's own shows only its outline: the
/// headings (a row's section, a task's title), the paragraphs that name responsible
/// units, and the titles it cites ([`crate::model::document::Document::outline_digest`]). Only the
/// plan's own page shows its whole text, so an edit to the prose renders that page
/// alone again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reads {
    /// Every plan's table and outline and every report: the lists, the overviews and
    /// their counts.
    All,
    Some {
        /// Plans whose table and outline the page reads.
        plans: BTreeSet<PlanIx>,
        /// The plan whose whole text the page shows: a plan's own page.
        text: Option<PlanIx>,
        reports: BTreeSet<ReportIx>,
    },
}

impl Reads {
    fn none() -> Reads {
        Reads::Some {
            plans: BTreeSet::new(),
            text: None,
            reports: BTreeSet::new(),
        }
    }
}

/// What `page` reads of the site's plans and reports.
pub fn reads(linked: &Linked, page: Page) -> Reads {
    match page {
        Page::Home => home::reads(),
        Page::Plans => plans::list_reads(),
        Page::Plan(p) => plans::reads(linked, p),
        Page::Regions => regions::list_reads(),
        Page::Region(r) => regions::reads(linked, r),
        Page::Indicators => indicators::list_reads(),
        Page::Indicator(i) => indicators::reads(linked, i),
        Page::IndicatorPart(i, p) => indicators::part_reads(linked, i, p),
        Page::Compare => compare::site_reads(),
        Page::Family(f) => compare::family_reads(linked, f),
        Page::Pair(a, b) => compare::pair_reads(linked, a, b),
        Page::Units => units::list_reads(),
        Page::Unit(r, _) => units::reads(linked, r),
        Page::Progress => progress::reads(),
        Page::Accessibility | Page::Search | Page::NotFound => about::reads(),
    }
}

/// The plans of `region`, for a page that reads them.
fn plans_of(linked: &Linked, plans: &mut BTreeSet<PlanIx>, region: RegionIx) {
    plans.extend(linked.region_links[region].plans.iter().copied());
}

/// The reports of `region`, for a page that reads them.
fn reports_of(linked: &Linked, reports: &mut BTreeSet<ReportIx>, region: RegionIx) {
    reports.extend(linked.reported.region_reports[region].iter().copied());
}

/// Each page's route, template and what the template is given.
pub(super) fn page_context(
    linked: &Linked,
    shared: &Shared<'_>,
    page: Page,
) -> (Route, &'static str, Context) {
    let mut ctx = Context::new();
    ctx.insert("site", &shared.site);
    let route = route(linked, page);
    let (l, sh, r, c) = (linked, shared, &route, &mut ctx);
    let (template, view) = match page {
        Page::Home => home::view(l, sh, r, c),
        Page::Plans => plans::list_view(l, sh, r, c),
        Page::Plan(p) => plans::view(l, sh, r, c, p),
        Page::Regions => regions::list_view(l, sh, r, c),
        Page::Region(i) => regions::view(l, sh, r, c, i),
        Page::Indicators => indicators::list_view(l, sh, r, c),
        Page::Indicator(i) => indicators::view(l, sh, r, c, i),
        Page::IndicatorPart(i, p) => indicators::part_view(l, sh, r, c, i, p),
        Page::Compare => compare::site_view(l, sh, r, c),
        Page::Family(f) => compare::family_view(l, sh, r, c, f),
        Page::Pair(a, b) => compare::pair_view(l, sh, r, c, a, b),
        Page::Units => units::list_view(l, sh, r, c),
        Page::Unit(i, u) => units::view(l, sh, r, c, i, u),
        Page::Accessibility => about::accessibility_view(l, sh, r, c),
        Page::Search => about::search_view(l, sh, r, c),
        Page::Progress => progress::view(l, sh, r, c),
        Page::NotFound => about::not_found_view(l, sh, r, c),
    };
    let view = PageView {
        indexed: indexed(page),
        ..view
    };
    ctx.insert("page", &view);
    (route, template, ctx)
}
