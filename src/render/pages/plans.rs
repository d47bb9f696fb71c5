//! The list of plans with their timeline, and each plan's own page.

use std::collections::BTreeSet;

use tera::Context;

use super::{Reads, Shared, plans_of, reports_of};
use crate::link::Linked;
use crate::model::PlanIx;
use crate::render::timeline;
use crate::render::urls::Route;
use crate::render::views::*;

pub const INDEXED: bool = true;

pub fn list_route() -> Route {
    Route::plans()
}

/// It lists every plan with its dates and period, by region: front matter, which
/// every page reads, and nothing of a plan's table or text.
pub fn list_reads() -> Reads {
    Reads::none()
}

pub fn list_view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
) -> (&'static str, PageView) {
    ctx.insert("groups", &plan_groups(linked));
    ctx.insert(
        "timeline",
        &timeline::timeline(
            linked,
            "site-timeline",
            "各地区规划的实施期限",
            &plan_groups_order(linked),
        ),
    );
    let view = PageView::new(
        linked,
        route,
        "规划文件".into(),
        "plans",
        "按地区和日期排列的全部规划文件".into(),
    );
    ("plans.html", view)
}

pub fn route(linked: &Linked, p: PlanIx) -> Route {
    Route::plan(linked.site.plans[p].id.as_str())
}

/// Its whole text; its targets are answered by the values of every plan and report of
/// its region; it lists the plans that cite it, its annexes and its parent.
pub fn reads(linked: &Linked, p: PlanIx) -> Reads {
    let region = linked.plan_links[p].region;
    let mut plans = BTreeSet::new();
    let mut reports = BTreeSet::new();
    plans_of(linked, &mut plans, region);
    reports_of(linked, &mut reports, region);
    plans.insert(p);
    plans.extend(linked.plan_links[p].cited_by.iter().copied());
    plans.extend(linked.plan_links[p].annexes.iter().copied());
    plans.extend(linked.plan_links[p].parent);
    plans.extend(linked.plan_links[p].interprets);
    plans.extend(linked.plan_links[p].interpretations.iter().copied());
    Reads::Some {
        plans,
        text: Some(p),
        reports,
    }
}

pub fn view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
    p: PlanIx,
) -> (&'static str, PageView) {
    let plan = &linked.site.plans[p];
    let view = PlanView::new(linked, p);
    let description = format!(
        "{}（{}）全文、公开信息与指标",
        plan.title, view.link.region.name
    );
    ctx.insert("plan", &view);
    let page_view = PageView::new(linked, route, plan.title.clone(), "plans", description);
    ("plan.html", page_view)
}
