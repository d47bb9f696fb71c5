//! A digest of everything a page is made from: what every page reads (the fingerprint's
//! `everything`, and how each indicator is split into pages), and the tables,
//! outlines, texts and reports its kind declares it reads ([`crate::render::pages`]).
//! Two runs that give a page the same digest give it the same bytes, so the preview and
//! a build that reuses the last output render again only the pages whose digest
//! changed.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::layout::Routes;
use crate::link::Linked;
use crate::load::Fingerprint;
use crate::model::{PlanIx, ReportIx, Table};
use crate::render::pages::{Reads, reads};

/// The digests a run needs, worked out in one pass over the plans.
pub struct Digests {
    /// Every page of the site, by path.
    pub pages: HashMap<String, u64>,
    /// Everything but the plans' prose, that is what every page reads, the plans'
    /// indicator tables and outlines, and the reports: what the lists and overviews
    /// read, and the site-wide files of targets and reported values (a reported value
    /// names the heading it is under; [`crate::render::Memo::set_inputs`]). An edit to
    /// a plan's prose leaves it unchanged.
    pub tables: u64,
    /// Each plan's rows of the open data: what every page reads and the plan's
    /// indicator table. A plan's records read nothing else, so an edit to one plan's
    /// values changes its digest alone, and no record is worked out to tell that.
    pub rows: Table<PlanIx, u64>,
}

pub fn digests(linked: &Linked, routes: &Routes, fingerprint: &Fingerprint) -> Digests {
    // Per plan, what other pages read of it (its table and outline) and its whole text.
    let (plans, texts): (Vec<(u64, u64)>, Vec<u64>) = linked
        .site
        .plans
        .enumerate()
        .map(|(p, plan)| {
            let links = &linked.plan_links[p];
            let mut h = DefaultHasher::new();
            (plan.body.outline_digest(), &links.cites, &links.external).hash(&mut h);
            let (text, table) = fingerprint.plan(plan.id.as_str()).unwrap_or_default();
            ((table, h.finish()), text)
        })
        .unzip();
    let plans: Table<PlanIx, (u64, u64)> = plans.into();
    let rows = plans.map(|&(table, _)| {
        let mut h = DefaultHasher::new();
        (fingerprint.everything(), table).hash(&mut h);
        h.finish()
    });
    let texts: Table<PlanIx, u64> = texts.into();
    let reports: Table<ReportIx, u64> = linked
        .site
        .reports
        .map(|r| fingerprint.report(r.id.as_str()).unwrap_or_default());
    // How each indicator is split: pages that link a row's indicator link its part.
    let parts = {
        let mut h = DefaultHasher::new();
        for links in linked.indicator_links.iter() {
            // The branches alone: which rows each holds is read by its own page.
            links.parts.len().hash(&mut h);
            for part in &links.parts {
                part.region.hash(&mut h);
            }
        }
        h.finish()
    };
    let mut all = DefaultHasher::new();
    (fingerprint.everything(), parts, &plans, &reports).hash(&mut all);
    let tables = all.finish();
    let pages = routes
        .pages
        .iter()
        .zip(&routes.routes)
        .map(|(&page, route)| {
            let path = route.file.clone();
            let mut h = DefaultHasher::new();
            (fingerprint.everything(), parts).hash(&mut h);
            match reads(linked, page) {
                Reads::All => tables.hash(&mut h),
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
        .collect();
    Digests {
        pages,
        tables,
        rows,
    }
}
