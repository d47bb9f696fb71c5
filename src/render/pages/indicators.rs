//! The catalogue of indicators by category, and each indicator's page: every region's
//! values and targets for it, its chart and the reported values.

use std::collections::BTreeSet;

use tera::Context;

use super::{Reads, Shared};
use crate::link::Linked;
use crate::model::{IndicatorIx, PlanIx};
use crate::render::urls::Route;
use crate::render::views::*;

pub const INDEXED: bool = true;

pub fn list_route() -> Route {
    Route::indicators()
}

/// It counts every indicator's plans.
pub fn list_reads() -> Reads {
    Reads::All
}

pub fn list_view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
) -> (&'static str, PageView) {
    ctx.insert("categories", &categories(linked));
    let view = PageView::new(
        linked,
        route,
        "指标".into(),
        "indicators",
        "按类别排列的指标目录".into(),
    );
    ("indicators.html", view)
}

pub fn route(linked: &Linked, i: IndicatorIx) -> Route {
    Route::indicator(linked.site.indicators[i].id.as_str())
}

/// The plans with a row of the indicator, and the reports that give a value for it.
pub fn reads(linked: &Linked, i: IndicatorIx) -> Reads {
    let plans: BTreeSet<PlanIx> = linked.indicator_links[i]
        .rows
        .iter()
        .map(|row| row.plan)
        .collect();
    let reports = linked.reported.indicator_reports[i]
        .iter()
        .copied()
        .collect();
    Reads::Some {
        plans,
        text: None,
        reports,
    }
}

pub fn view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
    i: IndicatorIx,
) -> (&'static str, PageView) {
    let ind = &linked.site.indicators[i];
    ctx.insert("indicator", &IndicatorView::new(linked, i));
    let description = format!("{}：各地区规划的基期值、实际值与目标值", ind.name);
    let view = PageView::new(linked, route, ind.name.clone(), "indicators", description);
    ("indicator.html", view)
}
