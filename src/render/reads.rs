//! What each kind of page reads of the site's plans and reports, beside what every page
//! reads (site.yaml, the theme, regions, the catalogue, the units and every plan's front
//! matter). The engine renders a page again only when something it reads changed:
//! after a save in the preview, and in a build that reuses the last output. So a view
//! that shows something of a plan must say so here; `tests/incremental.rs` compares
//! the result with a full build after every kind of edit, and fails when a page kind
//! reads more than it declares.

use std::collections::BTreeSet;

use super::Page;
use crate::link::{Linked, families};

/// The plans and reports a page shows something of, by index into the site's lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reads {
    /// Every plan and report: the lists, the overviews and their counts.
    All,
    Some {
        plans: BTreeSet<usize>,
        reports: BTreeSet<usize>,
    },
}

impl Reads {
    fn none() -> Reads {
        Reads::Some {
            plans: BTreeSet::new(),
            reports: BTreeSet::new(),
        }
    }
}

/// What `page` reads of the site's plans and reports.
pub fn reads(linked: &Linked, page: Page) -> Reads {
    let mut plans = BTreeSet::new();
    let mut reports = BTreeSet::new();
    let plans_of = |plans: &mut BTreeSet<usize>, region: usize| {
        plans.extend(linked.region_plans[region].iter().copied());
    };
    let reports_of = |reports: &mut BTreeSet<usize>, region: usize| {
        reports.extend(
            linked
                .reported
                .report_region
                .iter()
                .enumerate()
                .filter(|&(_, &r)| r == region)
                .map(|(i, _)| i),
        );
    };
    match page {
        // Lists and overviews count and show every plan's targets and statuses.
        Page::Home
        | Page::Plans
        | Page::Regions
        | Page::Indicators
        | Page::Compare
        | Page::Units
        | Page::Progress => return Reads::All,
        Page::Accessibility | Page::Search | Page::NotFound => return Reads::none(),
        Page::Plan(p) => {
            // A plan's targets are answered by the values of every plan and report of
            // its region; it lists the plans that cite it, its annexes and its parent.
            let region = linked.plan_region[p];
            plans_of(&mut plans, region);
            reports_of(&mut reports, region);
            plans.insert(p);
            plans.extend(linked.plan_cited_by[p].iter().copied());
            plans.extend(linked.plan_annexes[p].iter().copied());
            plans.extend(linked.plan_parent[p]);
        }
        Page::Region(r) => {
            // Its standings rank it against its peers, with its ancestors' targets as
            // the bar, and it shows what is under it.
            let mut regions: BTreeSet<usize> = families::peers(linked, r).into_iter().collect();
            regions.insert(r);
            regions.extend(families::ancestors(linked, r));
            let descendants = descendants(linked, r);
            regions.extend(descendants.iter().copied());
            for &region in &regions {
                plans_of(&mut plans, region);
            }
            reports_of(&mut reports, r);
            for &region in &descendants {
                reports_of(&mut reports, region);
            }
        }
        Page::Indicator(i) => {
            plans.extend(linked.indicator_rows[i].iter().map(|row| row.plan));
            reports.extend(
                linked
                    .reported
                    .report_indicators
                    .iter()
                    .enumerate()
                    .filter(|(_, indicators)| indicators.contains(&i))
                    .map(|(r, _)| r),
            );
        }
        Page::Family(f) => {
            for &region in &linked.families[f].members {
                plans_of(&mut plans, region);
            }
        }
        Page::Pair(a, b) => {
            plans_of(&mut plans, a);
            plans_of(&mut plans, b);
        }
        Page::Unit(r, _) => plans_of(&mut plans, r),
    }
    Reads::Some { plans, reports }
}

/// The regions under `region`, at any depth.
fn descendants(linked: &Linked, region: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut below = vec![region];
    while let Some(r) = below.pop() {
        // The link stage has refused cycles; the bound only guards the loop.
        if out.len() > linked.site.regions.len() {
            break;
        }
        out.extend(linked.region_children[r].iter().copied());
        below.extend(linked.region_children[r].iter().copied());
    }
    out
}
