//! Cycles in the references between files: a region or plan that is, through others,
//! its own parent, and a plan that is, through other plans, its own basis. Each cycle
//! is reported once, at the reference that closes it.

use super::LinkError;
use crate::diagnostic::Location;
use crate::model::{Handle, PlanIx, Site, Table};

/// Finds cycles in a parent relation (each node has at most one parent).
pub(super) fn check_chain_cycles<H: Handle>(
    parent: &Table<H, Option<H>>,
    name: impl Fn(H) -> String,
    at: impl Fn(H) -> Option<Location>,
    field: &'static str,
    errors: &mut Vec<LinkError>,
) {
    let mut reported = parent.filled(false);
    for start in parent.handles() {
        let mut chain = vec![start];
        let mut cur = start;
        while let Some(p) = parent[cur] {
            if p == start {
                if !chain.iter().any(|&c| reported[c]) {
                    chain.iter().for_each(|&c| reported[c] = true);
                    let mut names: Vec<String> = chain.iter().map(|&c| name(c)).collect();
                    names.push(name(start));
                    if let Some(at) = at(cur) {
                        errors.push(LinkError::Cycle {
                            at,
                            field,
                            chain: names,
                        });
                    }
                }
                break;
            }
            if chain.contains(&p) || chain.len() > parent.len() {
                break;
            }
            chain.push(p);
            cur = p;
        }
    }
}

/// Finds a cycle in `based_on` (a plan that is, through other plans, its own basis).
pub(super) fn check_graph_cycles(
    edges: &Table<PlanIx, Vec<PlanIx>>,
    site: &Site,
    errors: &mut Vec<LinkError>,
) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = edges.filled(Mark::New);
    for start in edges.handles() {
        if mark[start] != Mark::New {
            continue;
        }
        // Iterative depth-first search; the stack holds (node, next edge to try).
        let mut stack = vec![(start, 0usize)];
        mark[start] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                match mark[to] {
                    Mark::New => {
                        mark[to] = Mark::Open;
                        stack.push((to, 0));
                    }
                    Mark::Open => {
                        let from = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        let mut chain: Vec<String> = stack[from..]
                            .iter()
                            .map(|&(n, _)| site.plans[n].id.to_string())
                            .collect();
                        chain.push(site.plans[to].id.to_string());
                        let edge = site.plans[node]
                            .based_on
                            .iter()
                            .find(|b| b.value == site.plans[to].id)
                            .map(|b| b.at.clone());
                        if let Some(at) = edge {
                            errors.push(LinkError::Cycle {
                                at,
                                field: "based_on",
                                chain,
                            });
                        }
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
}
