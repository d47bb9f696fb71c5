//! The comparison pages: the site's goals matrix, each family's matrix, and the pages
//! that set two regions side by side. They only set side by side the values the plan
//! and indicator pages already hold, and at national scale would be most of the
//! search index, so they are not indexed.

use std::collections::BTreeSet;

use tera::Context;

use super::{Reads, Shared, plans_of};
use crate::link::Linked;
use crate::model::{FamilyIx, RegionIx};
use crate::render::urls::Route;
use crate::render::views::*;

pub const INDEXED: bool = false;

pub fn site_route() -> Route {
    Route::compare()
}

/// The matrix of every region's targets.
pub fn site_reads() -> Reads {
    Reads::All
}

pub fn site_view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
) -> (&'static str, PageView) {
    ctx.insert("compare", &matrix::compare_page(linked));
    let view = PageView::new(
        linked,
        route,
        "目标比较".into(),
        "compare",
        "各地区规划对同一指标设定的目标，按类别并列比较".into(),
    );
    ("compare.html", view)
}

/// The region a family is under. The top-level family is under none and has no page
/// (`matrix::family_pages`); its first member stands in.
fn parent(linked: &Linked, f: FamilyIx) -> RegionIx {
    let family = &linked.families[f];
    family.parent.unwrap_or(family.members[0])
}

pub fn family_route(linked: &Linked, f: FamilyIx) -> Route {
    Route::family(linked.site.regions[parent(linked, f)].id.as_str())
}

/// The plans of every member of the family.
pub fn family_reads(linked: &Linked, f: FamilyIx) -> Reads {
    let mut plans = BTreeSet::new();
    for &region in &linked.families[f].members {
        plans_of(linked, &mut plans, region);
    }
    Reads::Some {
        plans,
        text: None,
        reports: BTreeSet::new(),
    }
}

pub fn family_view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
    f: FamilyIx,
) -> (&'static str, PageView) {
    let parent = parent(linked, f);
    let name = &linked.site.regions[parent].name;
    ctx.insert("matrix", &matrix::matrix(linked, f));
    ctx.insert("parent", &RegionLink::new(linked, parent));
    let view = PageView::new(
        linked,
        route,
        format!("{name}及下辖地区的目标比较"),
        "compare",
        format!("{name}及其下辖各地区规划对同一指标设定的目标，按类别并列比较"),
    );
    ("family.html", view)
}

pub fn pair_route(linked: &Linked, a: RegionIx, b: RegionIx) -> Route {
    let s = &linked.site;
    Route::pair(s.regions[a].id.as_str(), s.regions[b].id.as_str())
}

/// The plans of the two regions.
pub fn pair_reads(linked: &Linked, a: RegionIx, b: RegionIx) -> Reads {
    let mut plans = BTreeSet::new();
    plans_of(linked, &mut plans, a);
    plans_of(linked, &mut plans, b);
    Reads::Some {
        plans,
        text: None,
        reports: BTreeSet::new(),
    }
}

pub fn pair_view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
    a: RegionIx,
    b: RegionIx,
) -> (&'static str, PageView) {
    let (ra, rb) = (&linked.site.regions[a], &linked.site.regions[b]);
    ctx.insert("pair", &matrix::pair(linked, a, b));
    let title = format!("{}与{}", ra.name, rb.name);
    let description = format!("{title}规划指标目标的并列比较");
    let view = PageView::new(linked, route, title, "compare", description);
    ("pair.html", view)
}
