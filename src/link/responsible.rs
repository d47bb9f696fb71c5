//! Responsible units (责任单位) per region: every body a region's plans name, in a task's
//! annotation or an indicator row, under one name. The names that mean one body are
//! listed in the region's `responsible_units`, so the mapping is content, not code.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::{LinkError, RowRef};
use crate::model::{PlanIx, RegionIx, Site, Table};

/// A task paragraph that names the unit: plan index and index into the plan body's
/// responsibilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskRef {
    pub plan: PlanIx,
    pub responsibility: usize,
}

#[derive(Debug, Clone)]
pub struct ResponsibleUnit {
    pub name: String,
    /// Every way the plans write it, this name included when used.
    pub written: BTreeSet<String>,
    pub tasks: Vec<TaskRef>,
    pub rows: Vec<RowRef>,
}

/// Per region, its responsible units: the most-named first, then by name.
pub fn collect(
    site: &Site,
    plan_region: &Table<PlanIx, Option<RegionIx>>,
    errors: &mut Vec<LinkError>,
) -> Table<RegionIx, Vec<ResponsibleUnit>> {
    let names: Table<RegionIx, HashMap<&str, &str>> = site.regions.map(|r| {
        let mut map: HashMap<&str, &str> = HashMap::new();
        let mut first: HashMap<&str, usize> = HashMap::new();
        for entry in &r.responsible_units {
            let canonical = entry.name.value.as_str();
            for n in std::iter::once(&entry.name).chain(&entry.aliases) {
                let line = n.at.line_col().0;
                if let Some(&first_line) = first.get(n.value.as_str()) {
                    errors.push(LinkError::ResponsibleUnitTwice {
                        at: n.at.clone(),
                        name: n.value.clone(),
                        first_line,
                    });
                    continue;
                }
                first.insert(&n.value, line);
                map.insert(&n.value, canonical);
            }
        }
        map
    });

    let mut units: Table<RegionIx, Vec<ResponsibleUnit>> = site.regions.filled(Vec::new());
    let mut index: Table<RegionIx, HashMap<String, usize>> = site.regions.filled(HashMap::new());
    let mut entry = |region: RegionIx, written: &str| -> usize {
        let name = names[region].get(written).copied().unwrap_or(written);
        let i = *index[region].entry(name.to_string()).or_insert_with(|| {
            units[region].push(ResponsibleUnit {
                name: name.to_string(),
                written: BTreeSet::new(),
                tasks: Vec::new(),
                rows: Vec::new(),
            });
            units[region].len() - 1
        });
        units[region][i].written.insert(written.to_string());
        i
    };
    // (region, unit, plan, paragraph or row) already recorded.
    let mut seen_tasks: HashSet<(RegionIx, usize, PlanIx, usize)> = HashSet::new();
    let mut seen_rows: HashSet<(RegionIx, usize, PlanIx, usize)> = HashSet::new();
    let mut tasks: Vec<(RegionIx, usize, TaskRef)> = Vec::new();
    let mut rows: Vec<(RegionIx, usize, RowRef)> = Vec::new();
    for (p, plan) in site.plans.enumerate() {
        let Some(region) = plan_region[p] else {
            continue;
        };
        for (k, resp) in plan.body.responsibilities.iter().enumerate() {
            for written in &resp.units {
                let u = entry(region, written);
                let task = TaskRef {
                    plan: p,
                    responsibility: k,
                };
                // A unit named twice in one annotation is one responsibility.
                if seen_tasks.insert((region, u, p, k)) {
                    tasks.push((region, u, task));
                }
            }
        }
        for (r, row) in plan.indicators.iter().enumerate() {
            for written in &row.responsible {
                let u = entry(region, written);
                if seen_rows.insert((region, u, p, r)) {
                    rows.push((region, u, RowRef { plan: p, row: r }));
                }
            }
        }
    }
    for (region, u, t) in tasks {
        units[region][u].tasks.push(t);
    }
    for (region, u, r) in rows {
        units[region][u].rows.push(r);
    }
    for list in &mut units {
        list.sort_by(|a, b| {
            (b.tasks.len() + b.rows.len())
                .cmp(&(a.tasks.len() + a.rows.len()))
                .then_with(|| a.name.cmp(&b.name))
        });
    }
    units
}
