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

/// A region and its children, or the top-level regions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// The region the others are under; `None` for the top-level regions.
    pub parent: Option<usize>,
    /// The parent first, then its children, in region display order.
    pub members: Vec<usize>,
}

/// Every family of at least two regions: the top level first, then by the parent's
/// place in the region order.
pub fn families(
    region_order: &[usize],
    region_parent: &[Option<usize>],
    region_rank: &[usize],
    region_children: &[Vec<usize>],
) -> Vec<Family> {
    let by_rank = |v: &mut Vec<usize>| v.sort_by_key(|&r| region_rank[r]);
    let mut out = Vec::new();
    let mut top: Vec<usize> = region_order
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
    out
}

/// What regions ranked against each other share: their parent (none at the top
/// level) and their level.
pub type PeerGroup = (Option<usize>, Level);

pub fn peer_group(linked: &Linked, region: usize) -> PeerGroup {
    (
        linked.region_parent[region],
        linked.site.regions[region].level,
    )
}

/// The regions a region is ranked against, itself included: those of its
/// [`peer_group`], in region display order.
pub fn peers(linked: &Linked, region: usize) -> Vec<usize> {
    let group = peer_group(linked, region);
    let candidates: &[usize] = match group.0 {
        Some(p) => &linked.region_children[p],
        None => &linked.region_order,
    };
    candidates
        .iter()
        .copied()
        .filter(|&r| peer_group(linked, r) == group)
        .collect()
}

/// A region's parent, its parent's parent, and so on.
pub fn ancestors(linked: &Linked, region: usize) -> impl Iterator<Item = usize> + '_ {
    let mut at = region;
    let mut steps = 0;
    std::iter::from_fn(move || {
        // The link stage has refused cycles; the bound only guards the loop.
        steps += 1;
        at = linked.region_parent[at].filter(|_| steps <= linked.region_parent.len())?;
        Some(at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Order, parents, ranks and children of a small tree.
    type Tree = (Vec<usize>, Vec<Option<usize>>, Vec<usize>, Vec<Vec<usize>>);

    /// 0 = municipality; 1, 2 its districts; 3 another top-level region with 4 under it.
    fn tree() -> Tree {
        let parent = vec![None, Some(0), Some(0), None, Some(3)];
        let order = vec![0, 3, 1, 2, 4];
        let mut rank = vec![0; 5];
        for (i, &r) in order.iter().enumerate() {
            rank[r] = i;
        }
        let children = vec![vec![2, 1], vec![], vec![], vec![4], vec![]];
        (order, parent, rank, children)
    }

    #[test]
    fn a_family_is_a_parent_with_its_children_or_the_top_level() {
        let (order, parent, rank, children) = tree();
        assert_eq!(
            families(&order, &parent, &rank, &children),
            [
                Family {
                    parent: None,
                    members: vec![0, 3]
                },
                Family {
                    parent: Some(0),
                    members: vec![0, 1, 2]
                },
                Family {
                    parent: Some(3),
                    members: vec![3, 4]
                },
            ]
        );
    }

    #[test]
    fn one_top_level_region_is_no_family_of_its_own() {
        let parent = vec![None, Some(0)];
        let families = families(&[0, 1], &parent, &[0, 1], &[vec![1], vec![]]);
        assert_eq!(families.len(), 1);
        assert_eq!(families[0].members, [0, 1]);
    }
}
