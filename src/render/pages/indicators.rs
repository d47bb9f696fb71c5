//! The catalogue of indicators by category, and each indicator's page: every region's
//! values and targets for it, its chart and the reported values. An indicator with
//! too many rows for one page ([`crate::link::parts`]) has an overview of its parts
//! instead, and a page for each part.

use std::collections::BTreeSet;

use tera::Context;

use super::{Reads, Shared};
use crate::link::Linked;
use crate::link::parts::Scope;
use crate::model::{IndicatorIx, PlanIx, RegionIx};
use crate::render::urls::Route;
use crate::render::views::*;

pub const INDEXED: bool = true;
/// A part's page repeats its indicator's name and holds tables a search does not read;
/// the search finds the indicator's own page.
pub const PART_INDEXED: bool = false;

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

/// The plans with a row of the indicator, and the reports that give a value for it:
/// all of them, since an overview counts its parts' targets.
pub fn reads(linked: &Linked, i: IndicatorIx) -> Reads {
    scoped_reads(linked, i, Scope::Whole)
}

pub fn part_route(linked: &Linked, i: IndicatorIx, part: RegionIx) -> Route {
    Route::indicator_part(
        linked.site.indicators[i].id.as_str(),
        linked.site.regions[part].id.as_str(),
    )
}

/// The plans with a row of the indicator within the part, and their reports.
pub fn part_reads(linked: &Linked, i: IndicatorIx, part: RegionIx) -> Reads {
    scoped_reads(linked, i, Scope::Part(part))
}

fn scoped_reads(linked: &Linked, i: IndicatorIx, scope: Scope) -> Reads {
    let plans: BTreeSet<PlanIx> = scope.rows(linked, i).iter().map(|row| row.plan).collect();
    let reports = linked.reported.indicator_reports[i]
        .iter()
        .copied()
        .filter(|&k| {
            linked
                .region_by_id
                .get(&linked.site.reports[k].region.value)
                .is_none_or(|&r| scope.holds(linked, i, r))
        })
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
    ctx.insert("indicator", &IndicatorView::new(linked, i, None));
    let description = format!("{}：各地区规划的基期值、实际值与目标值", ind.name);
    let view = PageView::new(linked, route, ind.name.clone(), "indicators", description);
    ("indicator.html", view)
}

pub fn part_view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
    i: IndicatorIx,
    part: RegionIx,
) -> (&'static str, PageView) {
    let ind = &linked.site.indicators[i];
    let region = &linked.site.regions[part].name;
    ctx.insert("indicator", &IndicatorView::new(linked, i, Some(part)));
    let title = format!("{}：{region}及下辖地区", ind.name);
    let description = format!(
        "{}：{region}及下辖地区规划的基期值、实际值与目标值",
        ind.name
    );
    let view = PageView::new(linked, route, title, "indicators", description);
    ("indicator.html", view)
}
