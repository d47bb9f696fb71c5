//! Views of responsible units (责任单位): the list per region and each unit's tasks and
//! indicators, every one linking to the paragraph or row that names it.

use serde::Serialize;

use super::{IndicatorLink, PlanLink, RegionLink};
use crate::link::Linked;
use crate::link::responsible::ResponsibleUnit;
use crate::model::RegionIx;
use crate::render::urls::{Route, plan_heading};

/// How much of a task's paragraph a unit's page quotes.
const EXCERPT_CHARS: usize = 60;

#[derive(Serialize)]
pub struct UnitSummary {
    pub name: String,
    pub url: String,
    /// Other names the plans use for it.
    pub also_written: Vec<String>,
    pub tasks: usize,
    pub indicators: usize,
}

#[derive(Serialize)]
pub struct RegionUnits {
    pub region: RegionLink,
    pub units: Vec<UnitSummary>,
}

fn summary(linked: &Linked, region: RegionIx, u: &ResponsibleUnit) -> UnitSummary {
    UnitSummary {
        name: u.name.clone(),
        url: Route::unit(linked.site.regions[region].id.as_str(), &u.name).url,
        also_written: u
            .written
            .iter()
            .filter(|w| **w != u.name)
            .cloned()
            .collect(),
        tasks: u.tasks.len(),
        indicators: u.rows.len(),
    }
}

/// Every region that has responsible units, in display order.
pub fn index(linked: &Linked) -> Vec<RegionUnits> {
    linked
        .region_order
        .iter()
        .filter(|&&r| !linked.region_links[r].units.is_empty())
        .map(|&r| RegionUnits {
            region: RegionLink::new(linked, r),
            units: linked.region_links[r]
                .units
                .iter()
                .map(|u| summary(linked, r, u))
                .collect(),
        })
        .collect()
}

#[derive(Serialize)]
pub struct TaskView {
    pub plan: PlanLink,
    /// The heading the task is under, or the plan's title when it has none.
    pub title: String,
    pub url: String,
    pub excerpt: String,
    /// How the task's annotation writes the unit, when not under its shown name.
    pub written_as: Option<String>,
}

#[derive(Serialize)]
pub struct UnitRowView {
    pub plan: PlanLink,
    pub indicator: IndicatorLink,
    pub wording: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct UnitView {
    pub region: RegionLink,
    pub summary: UnitSummary,
    pub tasks: Vec<TaskView>,
    pub rows: Vec<UnitRowView>,
}

impl UnitView {
    pub fn new(linked: &Linked, region: RegionIx, unit: usize) -> Self {
        let u = &linked.region_links[region].units[unit];
        let tasks = u
            .tasks
            .iter()
            .map(|t| {
                let plan = &linked.site.plans[t.plan];
                let resp = &plan.body.responsibilities[t.responsibility];
                let heading = resp.heading.and_then(|h| plan.body.outline.get(h));
                TaskView {
                    plan: PlanLink::new(linked, t.plan),
                    title: heading.map_or_else(|| plan.title.clone(), |h| h.text.clone()),
                    url: heading.map_or_else(
                        || Route::plan(plan.id.as_str()).url,
                        |h| plan_heading(plan.id.as_str(), &h.anchor),
                    ),
                    excerpt: excerpt(&resp.text),
                    written_as: {
                        let other: Vec<&str> = resp
                            .units
                            .iter()
                            .filter(|w| u.written.contains(*w) && **w != u.name)
                            .map(String::as_str)
                            .collect();
                        (!other.is_empty()).then(|| other.join("、"))
                    },
                }
            })
            .collect();
        let rows = u
            .rows
            .iter()
            .map(|r| {
                let row = linked.row(*r);
                UnitRowView {
                    plan: PlanLink::new(linked, r.plan),
                    indicator: IndicatorLink::of_row(linked, *r),
                    wording: row.wording.clone(),
                    url: super::section(linked, *r).1,
                }
            })
            .collect();
        Self {
            region: RegionLink::new(linked, region),
            summary: summary(linked, region, u),
            tasks,
            rows,
        }
    }
}

/// The start of a paragraph, cut at a character boundary.
fn excerpt(text: &str) -> String {
    let text = text.trim();
    let mut out: String = text.chars().take(EXCERPT_CHARS).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn excerpts_cut_at_characters() {
        let long = "知".repeat(100);
        let e = super::excerpt(&long);
        assert_eq!(e.chars().count(), super::EXCERPT_CHARS + 1);
        assert!(e.ends_with('…'));
        assert_eq!(super::excerpt(" 短句。 "), "短句。");
    }
}
