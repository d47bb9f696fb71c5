//! The responsible units (责任单位): the index of every region's units, and each
//! unit's page with the tasks and indicators its region's plans give it.

use std::collections::BTreeSet;

use tera::Context;

use super::{Reads, Shared, plans_of};
use crate::link::Linked;
use crate::model::RegionIx;
use crate::render::urls::Route;
use crate::render::views::*;

pub const INDEXED: bool = true;

pub fn list_route() -> Route {
    Route::units()
}

/// It lists the units every plan names.
pub fn list_reads() -> Reads {
    Reads::All
}

pub fn list_view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
) -> (&'static str, PageView) {
    ctx.insert("regions", &units::index(linked));
    let view = PageView::new(
        linked,
        route,
        "责任单位".into(),
        "units",
        "各地区规划中的责任单位及其承担的任务和指标".into(),
    );
    ("units.html", view)
}

pub fn route(linked: &Linked, r: RegionIx, u: usize) -> Route {
    Route::unit(
        linked.site.regions[r].id.as_str(),
        &linked.region_links[r].units[u].name,
    )
}

/// The plans of the unit's region, which name its tasks.
pub fn reads(linked: &Linked, r: RegionIx) -> Reads {
    let mut plans = BTreeSet::new();
    plans_of(linked, &mut plans, r);
    Reads::Some {
        plans,
        text: None,
        reports: BTreeSet::new(),
    }
}

pub fn view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
    r: RegionIx,
    u: usize,
) -> (&'static str, PageView) {
    let region = &linked.site.regions[r];
    let name = &linked.region_links[r].units[u].name;
    ctx.insert("unit", &units::UnitView::new(linked, r, u));
    let description = format!("{}{}在各规划中承担的任务和指标", region.name, name);
    let view = PageView::new(
        linked,
        route,
        format!("{name}（{}）", region.name),
        "units",
        description,
    );
    ("unit.html", view)
}
