//! Responsible units (责任单位) per region: every body a region's plans name, in a task's
//! annotation or an indicator row, under one name. The names that mean one body are
//! listed in the region's `responsible_units`, so the mapping is content, not code.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::{LinkError, RowRef};
use crate::model::Site;

/// A task paragraph that names the unit: plan index and index into the plan body's
/// responsibilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskRef {
    pub plan: usize,
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
    plan_region: &[usize],
    errors: &mut Vec<LinkError>,
) -> Vec<Vec<ResponsibleUnit>> {
    let names: Vec<HashMap<&str, &str>> = site
        .regions
        .iter()
        .map(|r| {
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
        })
        .collect();

    let mut units: Vec<Vec<ResponsibleUnit>> = vec![Vec::new(); site.regions.len()];
    let mut index: Vec<HashMap<String, usize>> = vec![HashMap::new(); site.regions.len()];
    let mut entry = |region: usize, written: &str| -> usize {
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
    let mut seen_tasks: HashSet<(usize, usize, usize, usize)> = HashSet::new();
    let mut seen_rows: HashSet<(usize, usize, usize, usize)> = HashSet::new();
    let mut tasks: Vec<(usize, usize, TaskRef)> = Vec::new();
    let mut rows: Vec<(usize, usize, RowRef)> = Vec::new();
    for (p, plan) in site.plans.iter().enumerate() {
        let region = plan_region[p];
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
