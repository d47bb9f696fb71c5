//! The home page: the site's regions, plans, categories, nearest targets and progress.

use serde::Serialize;
use tera::Context;

use super::{Reads, Shared};
use crate::link::Linked;
use crate::render::urls::Route;
use crate::render::views::*;

pub const INDEXED: bool = true;

#[derive(Serialize)]
struct Counts {
    regions: usize,
    plans: usize,
    indicators: usize,
    values: usize,
}

pub fn route() -> Route {
    Route::home()
}

/// It counts every plan's values and shows every region's progress.
pub fn reads() -> Reads {
    Reads::All
}

pub fn view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
) -> (&'static str, PageView) {
    let s = &linked.site;
    let regions: Vec<RegionSummary> = linked
        .region_order
        .iter()
        .map(|&r| RegionSummary::new(linked, r))
        .collect();
    let plans: Vec<PlanLink> = linked
        .plan_order
        .iter()
        .map(|&p| PlanLink::new(linked, p))
        .collect();
    let values = s
        .plans
        .iter()
        .flat_map(|p| &p.indicators)
        .map(|r| r.targets.len() + r.actuals.len() + usize::from(r.baseline.is_some()))
        .sum();
    ctx.insert("regions", &regions);
    ctx.insert("plans", &plans);
    ctx.insert("categories", &categories(linked));
    ctx.insert("promises", &matrix::promises(linked));
    ctx.insert("progress", &progress::home(linked));
    ctx.insert(
        "counts",
        &Counts {
            regions: s.regions.len(),
            plans: s.plans.len(),
            indicators: s.indicators.len(),
            values,
        },
    );
    let description = s
        .config
        .description
        .clone()
        .unwrap_or_else(|| format!("{}：规划全文、指标与目标", s.config.title));
    let view = PageView::new(linked, route, s.config.title.clone(), "home", description);
    ("index.html", view)
}
