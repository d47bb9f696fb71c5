//! The list of regions, and each region's page: its plans, standings and progress.

use std::collections::BTreeSet;

use tera::Context;

use super::{Reads, Shared, plans_of, reports_of};
use crate::link::{Linked, families};
use crate::model::RegionIx;
use crate::render::urls::Route;
use crate::render::views::*;

pub const INDEXED: bool = true;

pub fn list_route() -> Route {
    Route::regions()
}

/// It counts every region's plans and targets.
pub fn list_reads() -> Reads {
    Reads::All
}

pub fn list_view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
) -> (&'static str, PageView) {
    let regions: Vec<RegionSummary> = linked
        .region_order
        .iter()
        .map(|&r| RegionSummary::new(linked, r))
        .collect();
    ctx.insert("regions", &regions);
    let view = PageView::new(
        linked,
        route,
        "地区".into(),
        "regions",
        "各地区的规划与指标目标".into(),
    );
    ("regions.html", view)
}

pub fn route(linked: &Linked, r: RegionIx) -> Route {
    Route::region(linked.site.regions[r].id.as_str())
}

/// Its standings rank it against its peers, with its ancestors' targets as the bar,
/// and it shows what is under it, statuses included.
pub fn reads(linked: &Linked, r: RegionIx) -> Reads {
    let mut regions: BTreeSet<RegionIx> = families::peers(linked, r).into_iter().collect();
    regions.insert(r);
    regions.extend(families::ancestors(linked, r));
    let below = descendants(linked, r);
    regions.extend(below.iter().copied());
    let mut plans = BTreeSet::new();
    let mut reports = BTreeSet::new();
    for &region in &regions {
        plans_of(linked, &mut plans, region);
    }
    reports_of(linked, &mut reports, r);
    for &region in &below {
        reports_of(linked, &mut reports, region);
    }
    Reads::Some {
        plans,
        text: None,
        reports,
    }
}

/// The regions under `region`, at any depth.
fn descendants(linked: &Linked, region: RegionIx) -> Vec<RegionIx> {
    let mut out = Vec::new();
    let mut below = vec![region];
    while let Some(r) = below.pop() {
        // The link stage has refused cycles; the bound only guards the loop.
        if out.len() > linked.site.regions.len() {
            break;
        }
        out.extend(linked.region_links[r].children.iter().copied());
        below.extend(linked.region_links[r].children.iter().copied());
    }
    out
}

pub fn view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
    r: RegionIx,
) -> (&'static str, PageView) {
    let region = &linked.site.regions[r];
    ctx.insert(
        "region",
        &RegionView::new(linked, r, &linked.region_links[r].standings),
    );
    let description = format!("{}的规划文件与指标目标", region.name);
    let view = PageView::new(linked, route, region.name.clone(), "regions", description);
    ("region.html", view)
}
