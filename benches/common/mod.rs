//! Inputs shared by the benchmarks: the bundled Chongqing site loaded through the real
//! pipeline, and larger sites made from it by copying its districts and their plans.
//! Every input is made the same way on every run, so figures can be compared.
// Each bench file uses only some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use criterion::Criterion;
use planpub::link::{self, Linked};
use planpub::load;
use planpub::model::{self, Located, PlanId, RegionId, Site, Theme};
use planpub::progress::Quiet;

/// The repository root, which holds the bundled site (site.yaml, content/, themes/).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A Criterion for this slow, shared machine: short warm-up and measurement and few
/// samples, so that each benchmark takes a few seconds. `--warm-up-time` and
/// `--measurement-time` on the command line still override it; most groups set
/// their own, smaller sample size.
pub fn criterion() -> Criterion {
    Criterion::default()
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3))
        .sample_size(20)
        .configure_from_args()
}

/// The bundled site, typed: load → model, as `planpub build` runs them.
pub fn bundled_site() -> Site {
    site_at(&root())
}

fn site_at(root: &Path) -> Site {
    let (loaded, reports) = load::load(root, &Quiet);
    assert!(reports.is_empty(), "the bundled site loads: {reports:?}");
    model::model(loaded).expect("the bundled site is valid")
}

/// The bundled site, linked: load → model → link.
pub fn bundled() -> Linked {
    link::link(bundled_site()).expect("the bundled site links")
}

/// The bundled site with `copies` more of each district (every region under another)
/// and of each of their plans, all under the same municipality: a family of
/// 1 + 4 × (1 + copies) regions. A copy has its own id, name and titles, so every
/// citation stays unambiguous; its plans cite the municipal outline like the
/// originals.
pub fn scaled(copies: usize) -> Linked {
    let site = bundled_site();
    let mut regions = site.regions.clone();
    let mut plans = site.plans.clone();
    let districts: Vec<_> = site.regions.iter().filter(|r| r.parent.is_some()).collect();
    for k in 1..=copies {
        let suffix = |id: &str| format!("{id}-copy{k}");
        for r in &districts {
            let mut r = (*r).clone();
            r.name = format!("{}（副本{k}）", r.name);
            r.id = RegionId(suffix(r.id.as_str()));
            regions.push(r);
        }
        let copied: Vec<&str> = site
            .plans
            .iter()
            .filter(|p| is_district(&site, &p.region))
            .map(|p| p.id.as_str())
            .collect();
        let rename = |id: &Located<PlanId>| Located {
            value: if copied.contains(&id.value.as_str()) {
                PlanId(suffix(id.value.as_str()))
            } else {
                id.value.clone()
            },
            at: id.at.clone(),
        };
        for p in site.plans.iter().filter(|p| is_district(&site, &p.region)) {
            let mut p = p.clone();
            p.id = PlanId(suffix(p.id.as_str()));
            p.title = format!("{}（副本{k}）", p.title);
            p.short_title = p.short_title.map(|t| format!("{t}（副本{k}）"));
            p.aliases = p
                .aliases
                .iter()
                .map(|a| format!("{a}（副本{k}）"))
                .collect();
            p.region = Located {
                value: RegionId(suffix(p.region.value.as_str())),
                at: p.region.at.clone(),
            };
            p.parent = p.parent.as_ref().map(rename);
            p.based_on = p.based_on.iter().map(rename).collect();
            plans.push(p);
        }
    }
    let theme = Theme {
        name: site.theme.name.clone(),
        dir: site.theme.dir.clone(),
        templates: site.theme.templates.clone(),
        statics: site.theme.statics.clone(),
    };
    let site = Site {
        root: site.root.clone(),
        config: site.config.clone(),
        regions,
        plans,
        indicators: site.indicators.clone(),
        reports: Vec::new().into(),
        theme,
    };
    link::link(site).expect("the scaled site links")
}

fn is_district(site: &Site, region: &Located<RegionId>) -> bool {
    site.regions
        .iter()
        .any(|r| r.id == region.value && r.parent.is_some())
}
