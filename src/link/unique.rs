//! What must name one thing only across files: a document number (发文字号) names one
//! plan, and ids that differ only in letter case would become one folder on a server
//! whose file system ignores case (a Windows intranet server), where one page would
//! silently replace the other.

use std::collections::HashMap;

use super::LinkError;
use crate::diagnostic::Location;
use crate::model::{PlanIx, Site};

/// Reports every document number and every case-folded id used twice.
pub fn check(site: &Site, errors: &mut Vec<LinkError>) {
    let mut numbers: HashMap<String, PlanIx> = HashMap::new();
    for (i, plan) in site.plans.enumerate() {
        let Some(n) = &plan.doc_number else { continue };
        // Editors write the brackets either way: 〔2025〕 and [2025] are one number.
        let key: String = n
            .value
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '[' | '［' | '【' => '〔',
                ']' | '］' | '】' => '〕',
                c => c,
            })
            .collect();
        match numbers.get(&key) {
            Some(&first) => errors.push(LinkError::DocNumberTwice {
                at: n.at.clone(),
                number: n.value.clone(),
                first: site.plans[first].id.to_string(),
            }),
            None => {
                numbers.insert(key, i);
            }
        }
    }
    ids(
        "region",
        site.regions
            .iter()
            .map(|r| (r.id.as_str(), Location::file_start(&r.body.file))),
        errors,
    );
    ids(
        "plan",
        site.plans
            .iter()
            .map(|p| (p.id.as_str(), Location::file_start(&p.file))),
        errors,
    );
    ids(
        "indicator",
        site.indicators
            .iter()
            .map(|x| (x.id.as_str(), Location::file_start(&x.body.file))),
        errors,
    );
}

fn ids<'a>(
    kind: &'static str,
    all: impl Iterator<Item = (&'a str, Location)>,
    errors: &mut Vec<LinkError>,
) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (id, at) in all {
        match seen.get(&id.to_lowercase()) {
            Some(first) => errors.push(LinkError::IdsDifferInCase {
                at,
                kind,
                id: id.to_string(),
                first: first.to_string(),
            }),
            None => {
                seen.insert(id.to_lowercase(), id);
            }
        }
    }
}
