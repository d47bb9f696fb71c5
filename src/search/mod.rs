//! Full-text search of the rendered site, with an index of planpub's own: every page's
//! searchable text ([`extract`]) is split into Han characters, pairs of Han characters
//! and words ([`tokens`]), the tokens are gathered into shards by hash ([`builder`]),
//! and `search.js` fetches only the shards a query names. [`searcher`] reads the same
//! files in Rust, for the tests and `planpub search`. A full build analyses pages as
//! they are rendered ([`Feed`]); the preview keeps each page's analysis ([`Indexer`]).
//! docs/search.md explains the design and why it was chosen over Pagefind.

mod analyse;
mod builder;
pub mod cache;
mod error;
pub mod extract;
mod feed;
pub mod format;
mod indexer;
pub mod searcher;
pub mod tokens;

pub use analyse::{Analysed, analyse};
pub use builder::Builder;
pub use error::SearchError;
pub use feed::{Fed, Feed, Kept, Taking};
pub use format::FOLDER;
pub use indexer::Indexer;

use crate::link::Linked;
use crate::render::urls::Route;
use crate::render::{self, Page};

/// The kinds of page a search can be narrowed to. The number is stored in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// The home page and the lists (plans, regions, indicators, units).
    List = 0,
    Plan = 1,
    Region = 2,
    Indicator = 3,
    Unit = 4,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::List,
        Kind::Plan,
        Kind::Region,
        Kind::Indicator,
        Kind::Unit,
    ];

    /// The name in the search page's address (`?kind=plan`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::List => "list",
            Kind::Plan => "plan",
            Kind::Region => "region",
            Kind::Indicator => "indicator",
            Kind::Unit => "unit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::List => "目录",
            Kind::Plan => "规划文件",
            Kind::Region => "地区",
            Kind::Indicator => "指标",
            Kind::Unit => "责任单位",
        }
    }

    pub fn from_number(n: u8) -> Option<Kind> {
        Kind::ALL.get(usize::from(n)).copied()
    }
}

/// A page as the index lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Its number in the index.
    pub page: u32,
    /// Its address from the site's root (`plans/x/`).
    pub url: String,
    pub kind: Kind,
    /// Its region's number in `regions.json`.
    pub region: Option<u32>,
    pub region_name: Option<String>,
}

/// A region's pages: numbers `first..end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionPages {
    pub id: String,
    pub name: String,
    pub first: u32,
    pub end: u32,
}

/// The pages of the index, numbered: first those of no region (the home page, lists,
/// indicators), then region by region in the site's order (its page, its plans, its
/// responsible units), so that a region's pages are one range of numbers.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// By number: the page and its route.
    pub pages: Vec<(Page, Route, Listed)>,
    pub regions: Vec<RegionPages>,
}

impl Listing {
    pub fn of(linked: &Linked) -> Listing {
        let site = &linked.site;
        let mut groups: Vec<Vec<Page>> = vec![Vec::new(); site.regions.len() + 1];
        for page in render::pages(linked) {
            if !render::indexed(page) {
                continue;
            }
            let region = match page {
                Page::Plan(p) => Some(linked.plan_links[p].region),
                Page::Region(r) | Page::Unit(r, _) => Some(r),
                _ => None,
            };
            groups[region.map_or(0, |r| linked.region_links[r].rank + 1)].push(page);
        }
        let mut listing = Listing::default();
        for (group, pages) in groups.into_iter().enumerate() {
            let region = group.checked_sub(1).map(|rank| linked.region_order[rank]);
            let first = listing.pages.len() as u32;
            let number = region.map(|_| listing.regions.len() as u32);
            for page in pages {
                let route = render::route(linked, page);
                let kind = match page {
                    Page::Plan(_) => Kind::Plan,
                    Page::Region(_) => Kind::Region,
                    Page::Indicator(_) => Kind::Indicator,
                    Page::Unit(..) => Kind::Unit,
                    _ => Kind::List,
                };
                let listed = Listed {
                    page: listing.pages.len() as u32,
                    url: route.url.clone(),
                    kind,
                    region: number,
                    region_name: region.map(|r| site.regions[r].name.clone()),
                };
                listing.pages.push((page, route, listed));
            }
            if let (Some(r), true) = (region, listing.pages.len() as u32 > first) {
                listing.regions.push(RegionPages {
                    id: site.regions[r].id.as_str().to_string(),
                    name: site.regions[r].name.clone(),
                    first,
                    end: listing.pages.len() as u32,
                });
            }
        }
        listing
    }
}

/// Whether an output file belongs to the index rather than to the pages.
pub fn holds(path: &str) -> bool {
    path.strip_prefix(FOLDER)
        .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PlanIx, RegionIx};

    #[test]
    fn the_404_search_and_comparison_pages_are_left_out() {
        for page in [
            Page::NotFound,
            Page::Search,
            Page::Compare,
            Page::Pair(RegionIx::nth(0), RegionIx::nth(1)),
        ] {
            assert!(!render::indexed(page), "{page:?}");
        }
        assert!(render::indexed(Page::Home));
        assert!(render::indexed(Page::Plan(PlanIx::nth(0))));
        assert!(render::indexed(Page::Region(RegionIx::nth(0))));
    }

    #[test]
    fn index_files_are_told_from_pages() {
        assert!(holds("search-index/t/0.bin"));
        assert!(!holds("search/index.html"));
        assert!(!holds("search-index.html"));
    }

    #[test]
    fn kinds_read_back_from_their_numbers() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_number(kind as u8), Some(kind));
        }
        assert_eq!(Kind::from_number(9), None);
    }
}
