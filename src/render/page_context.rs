//! Each page's route, template and view model: what a page kind shows and where it is
//! written, in one match over [`Page`].

use serde::Serialize;
use tera::Context;

use super::urls::Route;
use super::views::*;
use super::{Page, Shared, indexed, site_path, timeline};
use crate::link::Linked;

#[derive(Serialize)]
struct Counts {
    regions: usize,
    plans: usize,
    indicators: usize,
    values: usize,
}

/// Where `page` is written.
pub fn route(linked: &Linked, page: Page) -> Route {
    let s = &linked.site;
    match page {
        Page::Home => Route::home(),
        Page::Plans => Route::plans(),
        Page::Plan(p) => Route::plan(s.plans[p].id.as_str()),
        Page::Regions => Route::regions(),
        Page::Region(r) => Route::region(s.regions[r].id.as_str()),
        Page::Indicators => Route::indicators(),
        Page::Indicator(i) => Route::indicator(s.indicators[i].id.as_str()),
        Page::Compare => Route::compare(),
        Page::Family(f) => {
            let parent = linked.families[f].parent.unwrap_or(0);
            Route::family(s.regions[parent].id.as_str())
        }
        Page::Pair(a, b) => Route::pair(s.regions[a].id.as_str(), s.regions[b].id.as_str()),
        Page::Units => Route::units(),
        Page::Unit(r, u) => Route::unit(s.regions[r].id.as_str(), &linked.region_units[r][u].name),
        Page::Accessibility => Route::accessibility(),
        Page::Search => Route::search(),
        Page::Progress => Route::progress(),
        Page::NotFound => Route::not_found(),
    }
}

pub(super) fn page_context(
    linked: &Linked,
    shared: &Shared<'_>,
    page: Page,
) -> (Route, &'static str, Context) {
    let mut ctx = Context::new();
    ctx.insert("site", &shared.site);
    let s = &linked.site;
    let route = route(linked, page);
    let (template, page_view) = match page {
        Page::Home => {
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
            let view = PageView::new(linked, &route, s.config.title.clone(), "home", description);
            ("index.html", view)
        }
        Page::Plans => {
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
                &route,
                "规划文件".into(),
                "plans",
                "按地区和日期排列的全部规划文件".into(),
            );
            ("plans.html", view)
        }
        Page::Plan(p) => {
            let plan = &s.plans[p];
            let view = PlanView::new(linked, p);
            let description = format!(
                "{}（{}）全文、公开信息与指标",
                plan.title, view.link.region.name
            );
            ctx.insert("plan", &view);
            let page_view = PageView::new(linked, &route, plan.title.clone(), "plans", description);
            ("plan.html", page_view)
        }
        Page::Regions => {
            let regions: Vec<RegionSummary> = linked
                .region_order
                .iter()
                .map(|&r| RegionSummary::new(linked, r))
                .collect();
            ctx.insert("regions", &regions);
            let view = PageView::new(
                linked,
                &route,
                "地区".into(),
                "regions",
                "各地区的规划与指标目标".into(),
            );
            ("regions.html", view)
        }
        Page::Region(r) => {
            let region = &s.regions[r];
            ctx.insert("region", &RegionView::new(linked, r, &shared.standings[r]));
            let description = format!("{}的规划文件与指标目标", region.name);
            let view = PageView::new(linked, &route, region.name.clone(), "regions", description);
            ("region.html", view)
        }
        Page::Indicators => {
            ctx.insert("categories", &categories(linked));
            let view = PageView::new(
                linked,
                &route,
                "指标".into(),
                "indicators",
                "按类别排列的指标目录".into(),
            );
            ("indicators.html", view)
        }
        Page::Indicator(i) => {
            let ind = &s.indicators[i];
            ctx.insert("indicator", &IndicatorView::new(linked, i));
            let description = format!("{}：各地区规划的基期值、实际值与目标值", ind.name);
            let view = PageView::new(linked, &route, ind.name.clone(), "indicators", description);
            ("indicator.html", view)
        }
        Page::Compare => {
            ctx.insert("compare", &matrix::compare_page(linked));
            let view = PageView::new(
                linked,
                &route,
                "目标比较".into(),
                "compare",
                "各地区规划对同一指标设定的目标，按类别并列比较".into(),
            );
            ("compare.html", view)
        }
        Page::Family(f) => {
            let parent = linked.families[f].parent.unwrap_or(0);
            let name = &s.regions[parent].name;
            ctx.insert("matrix", &matrix::matrix(linked, f));
            ctx.insert("parent", &RegionLink::new(linked, parent));
            let view = PageView::new(
                linked,
                &route,
                format!("{name}及下辖地区的目标比较"),
                "compare",
                format!("{name}及其下辖各地区规划对同一指标设定的目标，按类别并列比较"),
            );
            ("family.html", view)
        }
        Page::Pair(a, b) => {
            let (ra, rb) = (&s.regions[a], &s.regions[b]);
            ctx.insert("pair", &matrix::pair(linked, a, b));
            let title = format!("{}与{}", ra.name, rb.name);
            let description = format!("{title}规划指标目标的并列比较");
            let view = PageView::new(linked, &route, title, "compare", description);
            ("pair.html", view)
        }
        Page::Units => {
            ctx.insert("regions", &units::index(linked));
            let view = PageView::new(
                linked,
                &route,
                "责任单位".into(),
                "units",
                "各地区规划中的责任单位及其承担的任务和指标".into(),
            );
            ("units.html", view)
        }
        Page::Unit(r, u) => {
            let region = &s.regions[r];
            let name = &linked.region_units[r][u].name;
            ctx.insert("unit", &units::UnitView::new(linked, r, u));
            let description = format!("{}{}在各规划中承担的任务和指标", region.name, name);
            let view = PageView::new(
                linked,
                &route,
                format!("{name}（{}）", region.name),
                "units",
                description,
            );
            ("unit.html", view)
        }
        Page::Accessibility => {
            let view = PageView::new(
                linked,
                &route,
                "无障碍声明".into(),
                "",
                "本站的无障碍目标、检测方法、已知不足和反馈方式".into(),
            );
            ("accessibility.html", view)
        }
        Page::Search => {
            let view = PageView::new(
                linked,
                &route,
                "搜索".into(),
                "search",
                "在全部规划全文、指标和地区页面中搜索".into(),
            );
            ("search.html", view)
        }
        Page::Progress => {
            ctx.insert("progress", &progress::ProgressPage::new(linked));
            let view = PageView::new(
                linked,
                &route,
                "目标进展".into(),
                "progress",
                "各地区规划目标的完成情况：已达成、进度正常、滞后、期满未见报告和无法判断的目标"
                    .into(),
            );
            ("progress.html", view)
        }
        Page::NotFound => {
            let mut view =
                PageView::new(linked, &route, "页面未找到".into(), "", "页面未找到".into());
            // A server shows 404.html at any depth, so its links start from the site's path.
            view.root = site_path(&s.config.base_url);
            ("404.html", view)
        }
    };
    let page_view = PageView {
        indexed: indexed(page),
        ..page_view
    };
    ctx.insert("page", &page_view);
    (route, template, ctx)
}
