//! How an indicator's page is split when it would grow with the whole site.
//!
//! An indicator's page states every row that measures it. On a national site that is
//! thousands of rows, megabytes a phone cannot open. So once an indicator has more
//! rows than [`ROWS_PER_PAGE`], its rows are split by branch of the region tree: the
//! regions at the first level where the tree branches (the top-level regions, or the
//! regions under a single top-level one) each get a page of the rows set within them,
//! and the indicator's own page becomes an overview of those parts, with the rows of
//! the regions above them in full. A page then grows with one branch, not the site.
//!
//! An indicator with at most that many rows keeps one page.

use std::borrow::Cow;
use std::collections::HashMap;

use super::families::ancestors;
use super::{Linked, RowRef};
use crate::model::{IndicatorIx, RegionIx};

/// An indicator with more rows than this is split into parts.
pub const ROWS_PER_PAGE: usize = 100;

/// One part of a split indicator: a branch of the region tree and the rows set within
/// it, which its page states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub region: RegionIx,
    /// In the order of the indicator's rows.
    pub rows: Vec<RowRef>,
}

/// The parts of `i`, in region order; none when `i` has at most `limit` rows, or when
/// its rows do not fall into two branches.
pub fn parts(linked: &Linked, i: IndicatorIx, limit: usize) -> Vec<Part> {
    let regions = part_regions(linked, i, limit);
    let mut parts: Vec<Part> = regions
        .iter()
        .map(|&region| Part {
            region,
            rows: Vec::new(),
        })
        .collect();
    for &r in &linked.indicator_links[i].rows {
        let region = linked.plan_region(r.plan);
        let part = std::iter::once(region)
            .chain(ancestors(linked, region))
            .find_map(|at| regions.iter().position(|&p| p == at));
        if let Some(k) = part {
            parts[k].rows.push(r);
        }
    }
    parts
}

/// The regions whose branches each get a page of `i`'s rows.
fn part_regions(linked: &Linked, i: IndicatorIx, limit: usize) -> Vec<RegionIx> {
    let rows = &linked.indicator_links[i].rows;
    if rows.len() <= limit {
        return Vec::new();
    }
    // How many rows are set in each region and the regions under it.
    let mut below: HashMap<RegionIx, usize> = HashMap::new();
    for r in rows {
        let region = linked.plan_region(r.plan);
        for at in std::iter::once(region).chain(ancestors(linked, region)) {
            *below.entry(at).or_default() += 1;
        }
    }
    let mut level: Vec<RegionIx> = below
        .keys()
        .copied()
        .filter(|&r| linked.region_links[r].parent.is_none())
        .collect();
    // A single branch says nothing to split by: go down to where the tree branches.
    while let [only] = level[..] {
        level = linked.region_links[only]
            .children
            .iter()
            .copied()
            .filter(|c| below.contains_key(c))
            .collect();
    }
    if level.len() < 2 {
        return Vec::new();
    }
    level.sort_by_key(|&r| linked.region_links[r].rank);
    level
}

/// Which of an indicator's rows a page shows, by the region that sets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every row: the page of an indicator that is not split.
    Whole,
    /// The rows of the regions above the parts: the overview of a split indicator.
    Overview,
    /// The rows set within one part's region.
    Part(RegionIx),
}

impl Scope {
    /// Whether a row set by `region` is shown on `i`'s page of this scope.
    pub fn holds(self, linked: &Linked, i: IndicatorIx, region: RegionIx) -> bool {
        match self {
            Scope::Whole => true,
            Scope::Overview => part_of(linked, i, region).is_none(),
            Scope::Part(p) => part_of(linked, i, region) == Some(p),
        }
    }

    /// The rows of `i` this scope shows, in the order of the indicator's rows. A part's
    /// are worked out once, by link: every save asks each page what it reads.
    pub fn rows(self, linked: &Linked, i: IndicatorIx) -> Cow<'_, [RowRef]> {
        let links = &linked.indicator_links[i];
        match self {
            Scope::Whole => Cow::Borrowed(&links.rows),
            Scope::Part(p) => Cow::Borrowed(
                links
                    .parts
                    .iter()
                    .find(|part| part.region == p)
                    .map_or(&[][..], |part| &part.rows),
            ),
            Scope::Overview => Cow::Owned(
                links
                    .rows
                    .iter()
                    .filter(|r| self.holds(linked, i, linked.plan_region(r.plan)))
                    .copied()
                    .collect(),
            ),
        }
    }
}

/// The part of `i` whose page shows the rows set by `region`, if `i` is split and
/// `region` is within one of its parts.
pub fn part_of(linked: &Linked, i: IndicatorIx, region: RegionIx) -> Option<RegionIx> {
    let parts = &linked.indicator_links[i].parts;
    if parts.is_empty() {
        return None;
    }
    std::iter::once(region)
        .chain(ancestors(linked, region))
        .find(|&r| parts.iter().any(|p| p.region == r))
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;

    /// A site of `regions` (id, parent) where each region but those in `no_plan` has
    /// one plan with a row of the one indicator, linked.
    fn linked(regions: &[(&str, Option<&str>)], no_plan: &[&str]) -> Linked {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(path, text).expect("write");
        };
        write(
            "site.yaml",
            "title: 分页测试\nbase_url: https://example.gov.cn/\n",
        );
        write(
            "content/indicators/patents.md",
            "---\nname: 发明专利拥有量\nunit: 件\ncategory: 创造\ndirection: higher_is_better\n---\n",
        );
        for &(id, parent) in regions {
            let (level, parent) = match parent {
                Some(p) => ("district", format!("parent: {p}\n")),
                None => ("municipality", String::new()),
            };
            write(
                &format!("content/regions/{id}.md"),
                &format!("---\nname: {id}地区\nlevel: {level}\n{parent}---\n"),
            );
            if no_plan.contains(&id) {
                continue;
            }
            write(
                &format!("content/plans/{id}-plan/index.md"),
                &format!(
                    "---\ntitle: {id}地区知识产权规划\nregion: {id}\nkind: 规划\nperiod: {{start: 2021, end: 2025}}\n---\n## 目标 {{#goals}}\n\n目标。\n"
                ),
            );
            write(
                &format!("content/plans/{id}-plan/indicators.md"),
                "---\nindicators:\n  - indicator: patents\n    wording: 发明专利拥有量\n    unit: 件\n    measure: stock\n    targets:\n      - {year: 2025, value: 10, comparator: \"≥\"}\n    section: goals\n---\n",
            );
        }
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"),
            &root.join("themes"),
        );
        linked_at(root)
    }

    fn copy(from: &Path, to: &Path) {
        fs::create_dir_all(to).expect("mkdir");
        for e in fs::read_dir(from).expect("read_dir").flatten() {
            if e.path().is_dir() {
                copy(&e.path(), &to.join(e.file_name()));
            } else {
                fs::copy(e.path(), to.join(e.file_name())).expect("copy");
            }
        }
    }

    /// Load, model and link, as every run reads a site.
    fn linked_at(root: &Path) -> Linked {
        let (loaded, reports) = crate::load::load(root, &crate::progress::Quiet);
        assert!(reports.is_empty(), "{reports:?}");
        let site = crate::model::model(loaded).unwrap_or_else(|e| panic!("{e:?}"));
        super::super::link(site).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn ids(linked: &Linked, parts: &[Part]) -> Vec<String> {
        parts
            .iter()
            .map(|p| linked.site.regions[p.region].id.as_str().to_string())
            .collect()
    }

    #[test]
    fn few_rows_keep_one_page() {
        let l = linked(&[("north", None), ("south", None)], &[]);
        let i = l.site.indicators.handles().next().expect("indicator");
        assert!(parts(&l, i, ROWS_PER_PAGE).is_empty());
        assert!(parts(&l, i, 2).is_empty(), "two rows are not more than two");
    }

    #[test]
    fn many_rows_split_by_top_level_region() {
        let l = linked(
            &[
                ("north", None),
                ("north-a", Some("north")),
                ("south", None),
                ("south-a", Some("south")),
            ],
            &[],
        );
        let i = l.site.indicators.handles().next().expect("indicator");
        let found = parts(&l, i, 1);
        assert_eq!(ids(&l, &found), ["north", "south"]);
        assert_eq!(found[0].rows.len(), 2, "north's own row and north-a's");
    }

    #[test]
    fn one_top_level_region_splits_by_the_regions_under_it() {
        let l = linked(
            &[
                ("city", None),
                ("east", Some("city")),
                ("west", Some("city")),
                ("east-a", Some("east")),
            ],
            &["west"],
        );
        let i = l.site.indicators.handles().next().expect("indicator");
        // West sets nothing: the rows lie along one line of regions (city, east,
        // east-a), with no branch to split them by.
        let found = parts(&l, i, 1);
        assert!(found.is_empty(), "{:?}", ids(&l, &found));

        let l = linked(
            &[
                ("city", None),
                ("east", Some("city")),
                ("west", Some("city")),
            ],
            &[],
        );
        let i = l.site.indicators.handles().next().expect("indicator");
        let found = parts(&l, i, 1);
        assert_eq!(ids(&l, &found), ["east", "west"]);
        let mut l = l;
        l.indicator_links[i].parts = found;
        let region = |id: &str| l.region_by_id[&crate::model::RegionId(id.to_string())];
        let (city, east, west) = (region("city"), region("east"), region("west"));
        assert_eq!(part_of(&l, i, east), Some(east));
        assert_eq!(part_of(&l, i, city), None, "the city is above its parts");
        assert!(Scope::Overview.holds(&l, i, city));
        assert!(!Scope::Overview.holds(&l, i, west));
        assert!(Scope::Part(west).holds(&l, i, west));
        assert!(!Scope::Part(west).holds(&l, i, east));
        assert!(Scope::Whole.holds(&l, i, east));
    }
}
