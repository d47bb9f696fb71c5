//! Which pages show a plan's text or indicator rows, so that the preview renders
//! again only those after an editor saves a plan.
//!
//! Both the site before and after the save are asked, so that a page which stops
//! showing the plan (an indicator row removed, a citation deleted) is rendered too.
//! A change that can touch every page is not handled here: the caller renders all.

use std::collections::HashSet;

use super::Page;
use super::views::matrix;
use crate::link::{Linked, families};

/// The pages of `after` that show anything of the plans `changed` or the reports
/// `reports` (by id) in either `before` or `after`. Both sites have the same regions,
/// plans, indicators and reports at the same indices: only texts and tables differ.
pub fn pages(before: &Linked, after: &Linked, changed: &[&str], reports: &[&str]) -> HashSet<Page> {
    let mut out = HashSet::new();
    if changed.is_empty() && reports.is_empty() {
        return out;
    }
    // Lists and the matrix show counts and nearest targets of every plan; the home
    // page and the progress overview count statuses.
    out.extend([
        Page::Home,
        Page::Plans,
        Page::Regions,
        Page::Indicators,
        Page::Compare,
        Page::Units,
        Page::Progress,
    ]);
    // A reported value changes the status of its region's targets, which show on the
    // region's page, its plans' pages and the indicators' pages.
    for id in reports {
        for linked in [before, after] {
            let Some(r) = linked
                .site
                .reports
                .iter()
                .position(|r| r.id.as_str() == *id)
            else {
                continue;
            };
            let region = linked.reported.report_region[r];
            out.insert(Page::Region(region));
            out.extend(linked.region_plans[region].iter().map(|&p| Page::Plan(p)));
            out.extend(
                linked.reported.report_indicators[r]
                    .iter()
                    .map(|&i| Page::Indicator(i)),
            );
            // Its region's parent lists the region's statuses.
            out.extend(linked.region_parent[region].map(Page::Region));
        }
    }
    let mut regions = HashSet::new();
    for id in changed {
        for linked in [before, after] {
            let Some(&p) = linked.plan_by_id.get(&crate::model::PlanId(id.to_string())) else {
                continue;
            };
            out.insert(Page::Plan(p));
            // A plan's values answer the targets of every plan of its region.
            let region = linked.plan_region[p];
            out.extend(linked.region_plans[region].iter().map(|&q| Page::Plan(q)));
            // Cited-by lists, and a parent or annex listing this plan's content.
            out.extend(linked.plan_cites[p].iter().map(|&q| Page::Plan(q)));
            out.extend(linked.plan_parent[p].map(Page::Plan));
            out.extend(linked.plan_annexes[p].iter().map(|&q| Page::Plan(q)));
            regions.insert(linked.plan_region[p]);
            out.extend(linked.row_indicator[p].iter().map(|&i| Page::Indicator(i)));
            // Standings: the region's peers rank against its targets, and the
            // regions below it may have them as their bar. Pages of regions above
            // show what is under them.
            let region = linked.plan_region[p];
            regions.extend(families::peers(linked, region));
            regions.extend(families::ancestors(linked, region));
            let mut below = vec![region];
            while let Some(r) = below.pop() {
                regions.extend(linked.region_children[r].iter().copied());
                below.extend(linked.region_children[r].iter().copied());
            }
        }
    }
    out.extend(regions.iter().map(|&r| Page::Region(r)));
    let own: HashSet<usize> = changed
        .iter()
        .filter_map(|id| after.plan_by_id.get(&crate::model::PlanId(id.to_string())))
        .map(|&p| after.plan_region[p])
        .collect();
    // The matrices and pairs of the families the plans' regions are in.
    let families: HashSet<usize> = own
        .iter()
        .flat_map(|&r| after.region_families[r].iter().copied())
        .collect();
    let own_pages: HashSet<usize> = matrix::family_pages(after).into_iter().collect();
    for &f in &families {
        if own_pages.contains(&f) {
            out.insert(Page::Family(f));
        }
        for (a, b) in matrix::family_pairs(after, f) {
            if own.contains(&a) || own.contains(&b) {
                out.insert(Page::Pair(a, b));
            }
        }
    }
    for &r in &own {
        out.extend((0..after.region_units[r].len()).map(|u| Page::Unit(r, u)));
    }
    out
}
