//! A digest of everything a page is made from: what every page reads (the fingerprint's
//! `everything`), and the tables, outlines, texts and reports its kind declares it
//! reads ([`crate::render::pages`]). Two runs that give a page the same digest give it
//! the same bytes, so the preview and a build that reuses the last output render again
//! only the pages whose digest changed.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::link::Linked;
use crate::load::Fingerprint;
use crate::model::{PlanIx, ReportIx, Table};
use crate::render::{
    self,
    pages::{Reads, reads},
};

/// A digest of what the site-wide files of targets and reported values read
/// ([`crate::render::Memo::set_tables`]): everything but the plans' prose, that is what
/// every page reads, the plans' indicator tables and outlines (a reported value names
/// the heading it is under), and the reports. An edit to a plan's prose leaves it
/// unchanged.
pub fn tables(linked: &Linked, fingerprint: &Fingerprint) -> u64 {
    let mut h = DefaultHasher::new();
    fingerprint.everything().hash(&mut h);
    for (p, plan) in linked.site.plans.enumerate() {
        (plan.id.as_str(), outline(linked, fingerprint, p)).hash(&mut h);
    }
    for report in linked.site.reports.iter() {
        (report.id.as_str(), fingerprint.report(report.id.as_str())).hash(&mut h);
    }
    h.finish()
}

/// What pages other than its own read of plan `p`: its indicator table's hash and its
/// outline's (headings, responsibility paragraphs, the titles its text cites).
fn outline(linked: &Linked, fingerprint: &Fingerprint, p: PlanIx) -> (u64, u64) {
    let plan = &linked.site.plans[p];
    let links = &linked.plan_links[p];
    let mut h = DefaultHasher::new();
    (plan.body.outline_digest(), &links.cites, &links.external).hash(&mut h);
    let table = fingerprint.plan(plan.id.as_str()).unwrap_or_default().1;
    (table, h.finish())
}

/// Every page of the site with its path and its digest, by path.
pub fn digests(linked: &Linked, fingerprint: &Fingerprint) -> HashMap<String, u64> {
    let pages = render::pages(linked);
    let plans: Table<PlanIx, (u64, u64)> = linked
        .site
        .plans
        .map_with(|p, _| outline(linked, fingerprint, p));
    let texts: Table<PlanIx, u64> = linked
        .site
        .plans
        .map(|p| fingerprint.plan(p.id.as_str()).unwrap_or_default().0);
    let reports: Table<ReportIx, u64> = linked
        .site
        .reports
        .map(|r| fingerprint.report(r.id.as_str()).unwrap_or_default());
    let mut all = DefaultHasher::new();
    (fingerprint.everything(), &plans, &reports).hash(&mut all);
    let all = all.finish();
    pages
        .iter()
        .map(|&page| {
            let path = render::route(linked, page).file;
            let mut h = DefaultHasher::new();
            fingerprint.everything().hash(&mut h);
            match reads(linked, page) {
                Reads::All => all.hash(&mut h),
                Reads::Some {
                    plans: read_plans,
                    text,
                    reports: read_reports,
                } => {
                    // Which plans and reports, not only what they say: a page that
                    // stops showing a plan changes too.
                    for p in read_plans {
                        (p, plans[p]).hash(&mut h);
                    }
                    text.map(|p| texts[p]).hash(&mut h);
                    u8::MAX.hash(&mut h);
                    for r in read_reports {
                        (r, reports[r]).hash(&mut h);
                    }
                }
            }
            (path, h.finish())
        })
        .collect()
}
