//! Targets counted by status, for the pages that give an overview: a region's
//! summary, an indicator set by many regions, the home page and `/progress/` (whose
//! view this module owns). Beyond a few hundred targets these pages count and link
//! to the region pages rather than list, so their size does not grow with the site.

use serde::Serialize;

use super::RegionLink;
use super::progress::{AsOf, StatusView, statuses};
use crate::link::parts::Scope;
use crate::link::target_status::TargetStatus;
use crate::link::{Linked, RowRef};
use crate::model::{IndicatorIx, RegionIx};
use crate::render::urls::Route;

/// How many targets have each status.
#[derive(Serialize, Clone, Default)]
pub struct Counts {
    pub total: usize,
    /// In [`TargetStatus::ALL`] order: label, key, count.
    pub by_status: Vec<StatusCount>,
    pub due_this_year: usize,
}

#[derive(Serialize, Clone)]
pub struct StatusCount {
    pub label: &'static str,
    pub key: &'static str,
    pub count: usize,
}

impl Counts {
    pub fn of(linked: &Linked, rows: &[RowRef]) -> Counts {
        let now = linked.reported.as_of.map(|d| d.year);
        let mut n = [0usize; TargetStatus::ALL.len()];
        let mut total = 0;
        let mut due = 0;
        for &r in rows {
            for (t, a) in linked.row_links(r).statuses.iter().enumerate() {
                total += 1;
                if let Some(i) = TargetStatus::ALL.iter().position(|s| *s == a.status) {
                    n[i] += 1;
                }
                if now == Some(linked.row(r).targets[t].year.0) {
                    due += 1;
                }
            }
        }
        Counts {
            total,
            by_status: TargetStatus::ALL
                .iter()
                .zip(n)
                .map(|(s, count)| StatusCount {
                    label: s.label(),
                    key: s.name(),
                    count,
                })
                .collect(),
            due_this_year: due,
        }
    }
}

/// A region's targets, summarised by status and by category.
#[derive(Serialize)]
pub struct RegionProgress {
    pub region: RegionLink,
    pub counts: Counts,
    pub by_category: Vec<CategoryCounts>,
    /// Targets whose year is the "as of" year.
    pub due: Vec<StatusView>,
    /// Targets whose year has passed with nothing reported.
    pub overdue: Vec<StatusView>,
    /// Every target with its status.
    pub all: Vec<StatusView>,
    pub url: String,
}

#[derive(Serialize)]
pub struct CategoryCounts {
    pub category: &'static str,
    pub counts: Counts,
}

/// How many of a region's targets a page shows one by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Every target (the region's own page).
    All,
    /// The due and overdue ones (`/progress/` on a small site).
    DueAndOverdue,
    /// None: counts only.
    Counts,
}

impl RegionProgress {
    pub fn new(linked: &Linked, r: RegionIx, detail: Detail) -> RegionProgress {
        let rows = &linked.region_links[r].rows;
        let now = linked.reported.as_of.map(|d| d.year);
        let (mut all, mut due, mut overdue) = (Vec::new(), Vec::new(), Vec::new());
        if detail != Detail::Counts {
            // Each target is worded once, and only when the page shows it.
            for &row in rows {
                for (t, a) in linked.row_links(row).statuses.iter().enumerate() {
                    let is_due = Some(linked.row(row).targets[t].year.0) == now;
                    let is_overdue = a.status == TargetStatus::Overdue;
                    if detail == Detail::All || is_due || is_overdue {
                        let view = StatusView::new(linked, row, t);
                        if is_due {
                            due.push(view.clone());
                        }
                        if is_overdue {
                            overdue.push(view.clone());
                        }
                        if detail == Detail::All {
                            all.push(view);
                        }
                    }
                }
            }
        }
        let mut by_category = Vec::new();
        for &category in crate::model::Category::ALL {
            let rows: Vec<RowRef> = rows
                .iter()
                .copied()
                .filter(|x| linked.site.indicators[linked.row_indicator(*x)].category == category)
                .collect();
            let counts = Counts::of(linked, &rows);
            if counts.total > 0 {
                by_category.push(CategoryCounts {
                    category: category.label(),
                    counts,
                });
            }
        }
        let region = RegionLink::new(linked, r);
        RegionProgress {
            url: format!("{}#site-progress", region.url),
            region,
            counts: Counts::of(linked, rows),
            by_category,
            due,
            overdue,
            all,
        }
    }
}

/// `/progress/`: every region's targets by status, the targets due this year and the
/// overdue ones, and totals per family of regions.
#[derive(Serialize)]
pub struct ProgressPage {
    pub as_of: Option<AsOf>,
    pub as_of_year: Option<u16>,
    pub counts: Counts,
    pub families: Vec<FamilyCounts>,
    pub regions: Vec<RegionProgress>,
    /// Whether the page lists each region's due and overdue targets; on a large site
    /// it gives their counts and the region pages list them, so the page stays small
    /// enough for a phone.
    pub lists: bool,
}

/// At most this many due and overdue targets are listed on `/progress/` itself.
pub const LISTED: usize = 300;

#[derive(Serialize)]
pub struct FamilyCounts {
    pub parent: RegionLink,
    pub counts: Counts,
}

impl ProgressPage {
    pub fn new(linked: &Linked) -> ProgressPage {
        let all: Vec<RowRef> = linked
            .region_links
            .iter()
            .flat_map(|r| r.rows.iter().copied())
            .collect();
        let counts = Counts::of(linked, &all);
        let overdue = counts
            .by_status
            .iter()
            .find(|c| c.key == TargetStatus::Overdue.name())
            .map_or(0, |c| c.count);
        // Counted first, so a large site never words the targets it will not list.
        let lists = counts.due_this_year + overdue <= LISTED;
        let detail = if lists {
            Detail::DueAndOverdue
        } else {
            Detail::Counts
        };
        let regions: Vec<RegionProgress> = linked
            .region_order
            .iter()
            .filter(|&&r| !linked.region_links[r].rows.is_empty())
            .map(|&r| RegionProgress::new(linked, r, detail))
            .collect();
        // Families matter on a large site; a site of one family has its totals above.
        let families = if linked.families.len() > 1 {
            linked
                .families
                .iter()
                .filter_map(|f| {
                    let rows: Vec<RowRef> = f
                        .members
                        .iter()
                        .flat_map(|&m| linked.region_links[m].rows.iter().copied())
                        .collect();
                    Some(FamilyCounts {
                        parent: RegionLink::new(linked, f.parent?),
                        counts: Counts::of(linked, &rows),
                    })
                })
                .filter(|f| f.counts.total > 0)
                .collect()
        } else {
            Vec::new()
        };
        ProgressPage {
            as_of: AsOf::new(linked),
            as_of_year: linked.reported.as_of.map(|d| d.year),
            counts,
            families,
            regions,
            lists,
        }
    }
}

/// The home page's few lines: totals by status, linking to `/progress/`.
pub fn home(linked: &Linked) -> Counts {
    let all: Vec<RowRef> = linked
        .region_links
        .iter()
        .flat_map(|r| r.rows.iter().copied())
        .collect();
    Counts::of(linked, &all)
}

/// Where `/progress/` is.
pub fn url() -> String {
    Route::progress().url
}

/// An indicator's targets across regions: each with its status while there are few;
/// on a large site, where an indicator is set by hundreds of regions, the counts per
/// region, so the page does not grow with the whole site (each region's page lists
/// its own).
#[derive(Serialize)]
pub struct IndicatorProgress {
    pub targets: Vec<StatusView>,
    pub regions: Vec<RegionCounts>,
}

/// A region's targets of one indicator, counted by status.
#[derive(Serialize)]
pub struct RegionCounts {
    pub region: RegionLink,
    pub counts: Counts,
    pub url: String,
}

/// At most this many targets are listed one by one on an indicator page.
pub const LISTED_PER_INDICATOR: usize = 60;

impl IndicatorProgress {
    /// The progress of the targets of `i` that `scope` shows.
    pub fn new(linked: &Linked, i: IndicatorIx, scope: Scope) -> IndicatorProgress {
        let mut rows: Vec<RowRef> = scope.rows(linked, i).into_owned();
        rows.sort_by_key(|r| {
            (
                linked.region_links[linked.plan_links[r.plan].region].rank,
                linked.plan_links[r.plan].rank,
                r.row,
            )
        });
        let targets: usize = rows.iter().map(|&r| linked.row(r).targets.len()).sum();
        if targets <= LISTED_PER_INDICATOR {
            return IndicatorProgress {
                targets: statuses(linked, &rows),
                regions: Vec::new(),
            };
        }
        let mut regions: Vec<RegionCounts> = Vec::new();
        for chunk in rows
            .chunk_by(|a, b| linked.plan_links[a.plan].region == linked.plan_links[b.plan].region)
        {
            let region = linked.plan_links[chunk[0].plan].region;
            let link = RegionLink::new(linked, region);
            regions.push(RegionCounts {
                url: format!("{}#site-progress", link.url),
                region: link,
                counts: Counts::of(linked, chunk),
            });
        }
        IndicatorProgress {
            targets: Vec::new(),
            regions,
        }
    }
}
