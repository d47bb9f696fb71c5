//! Which regions are compared with which. A family is a region and the regions
//! directly under it (a municipality and its districts), or the top-level regions
//! together. Goals matrices and region pairs stay inside a family, and a region is
//! ranked only against its peers: the regions of its level under the same parent.
//!
//! Comparing every region with every other grows with the square of the number of
//! regions (some 3,000 at county level across the country); inside families it grows
//! with the regions themselves, and those are the comparisons a reader makes.

use super::Linked;
use crate::model::types::Level;
use crate::model::{FamilyIx, RegionIx, Table};

/// A region and its children, or the top-level regions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// The region the others are under; `None` for the top-level regions.
    pub parent: Option<RegionIx>,
    /// The parent first, then its children, in region display order.
    pub members: Vec<RegionIx>,
}

/// Every family of at least two regions: the top level first, then by the parent's
/// place in the region order.
pub fn families(
    region_order: &[RegionIx],
    region_parent: &Table<RegionIx, Option<RegionIx>>,
    region_rank: &Table<RegionIx, usize>,
    region_children: &Table<RegionIx, Vec<RegionIx>>,
) -> Table<FamilyIx, Family> {
    let by_rank = |v: &mut Vec<RegionIx>| v.sort_by_key(|&r| region_rank[r]);
    let mut out = Vec::new();
    let mut top: Vec<RegionIx> = region_order
        .iter()
        .copied()
        .filter(|&r| region_parent[r].is_none())
        .collect();
    by_rank(&mut top);
    if top.len() >= 2 {
        out.push(Family {
            parent: None,
            members: top,
        });
    }
    for &r in region_order {
        if region_children[r].is_empty() {
            continue;
        }
        let mut members = region_children[r].clone();
        by_rank(&mut members);
        members.insert(0, r);
        out.push(Family {
            parent: Some(r),
            members,
        });
    }
    out.into()
}

/// What regions ranked against each other share: their parent (none at the top
/// level) and their level.
pub type PeerGroup = (Option<RegionIx>, Level);

pub fn peer_group(linked: &Linked, region: RegionIx) -> PeerGroup {
    (
        linked.region_links[region].parent,
        linked.site.regions[region].level,
    )
}

/// The regions a region is ranked against, itself included: those of its
/// [`peer_group`], in region display order.
pub fn peers(linked: &Linked, region: RegionIx) -> Vec<RegionIx> {
    let group = peer_group(linked, region);
    let candidates: &[RegionIx] = match group.0 {
        Some(p) => &linked.region_links[p].children,
        None => &linked.region_order,
    };
    candidates
        .iter()
        .copied()
        .filter(|&r| peer_group(linked, r) == group)
        .collect()
}

/// A region's parent, its parent's parent, and so on.
pub fn ancestors(linked: &Linked, region: RegionIx) -> impl Iterator<Item = RegionIx> + '_ {
    let mut at = region;
    let mut steps = 0;
    std::iter::from_fn(move || {
        // The link stage has refused cycles; the bound only guards the loop.
        steps += 1;
        at = linked.region_links[at]
            .parent
            .filter(|_| steps <= linked.region_links.len())?;
        Some(at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Order, parents, ranks and children of a small tree.
    struct Tree {
        r: Vec<RegionIx>,
        order: Vec<RegionIx>,
        parent: Table<RegionIx, Option<RegionIx>>,
        rank: Table<RegionIx, usize>,
        children: Table<RegionIx, Vec<RegionIx>>,
    }

    /// Regions from the positions of a parent list, the order and the children.
    fn tree(parent: &[Option<usize>], order: &[usize], children: &[&[usize]]) -> Tree {
        let all: Table<RegionIx, ()> = vec![(); parent.len()].into();
        let r: Vec<RegionIx> = all.handles().collect();
        let order: Vec<RegionIx> = order.iter().map(|&i| r[i]).collect();
        let mut rank = all.filled(0);
        for (i, &x) in order.iter().enumerate() {
            rank[x] = i;
        }
        Tree {
            parent: parent.iter().map(|p| p.map(|p| r[p])).collect(),
            children: children
                .iter()
                .map(|c| c.iter().map(|&i| r[i]).collect())
                .collect(),
            r,
            order,
            rank,
        }
    }

    #[test]
    fn a_family_is_a_parent_with_its_children_or_the_top_level() {
        // 0 = municipality; 1, 2 its districts; 3 another top-level region with 4 under it.
        let t = tree(
            &[None, Some(0), Some(0), None, Some(3)],
            &[0, 3, 1, 2, 4],
            &[&[2, 1], &[], &[], &[4], &[]],
        );
        let r = &t.r;
        let found: Vec<Family> = families(&t.order, &t.parent, &t.rank, &t.children)
            .into_iter()
            .collect();
        assert_eq!(
            found,
            [
                Family {
                    parent: None,
                    members: vec![r[0], r[3]]
                },
                Family {
                    parent: Some(r[0]),
                    members: vec![r[0], r[1], r[2]]
                },
                Family {
                    parent: Some(r[3]),
                    members: vec![r[3], r[4]]
                },
            ]
        );
    }

    #[test]
    fn one_top_level_region_is_no_family_of_its_own() {
        let t = tree(&[None, Some(0)], &[0, 1], &[&[1], &[]]);
        let found: Vec<Family> = families(&t.order, &t.parent, &t.rank, &t.children)
            .into_iter()
            .collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].members, [t.r[0], t.r[1]]);
    }
}
