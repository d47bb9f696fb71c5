//! Page render: one plan page, one indicator page and one region page through the
//! theme's real Tera templates (`render::PageRenderer`: the page's view model, its
//! Markdown and citation links, then the template), what every page shares
//! (`PageRenderer::new`: templates and standings, once per build), and the whole
//! bundled site (`engine::check_linked`: every page in parallel, with the open data,
//! the link check and the search index, nothing written).
//!
//! A build renders every page; the preview renders again the pages a save touched.
//! The indicator and region pages are also measured in a family of 165 regions (the
//! bundled districts and their plans copied 40 times), where an indicator's tables and
//! chart and a region's standings have a row per region.

mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use planpub::engine;
use planpub::link::Linked;
use planpub::progress::Quiet;
use planpub::render::{self, Page, PageRenderer};

/// The largest plan, the indicator with the most rows, and the district with the most
/// rows.
fn pages(linked: &Linked) -> [(&'static str, Page); 3] {
    let plan = linked
        .site
        .plans
        .handles()
        .max_by_key(|&p| linked.plan(p).body.range.len())
        .expect("plans");
    let indicator = linked
        .site
        .indicators
        .handles()
        .max_by_key(|&i| linked.indicator_links[i].rows.len())
        .expect("indicators");
    let region = linked
        .site
        .regions
        .handles()
        .filter(|&r| linked.region_links[r].parent.is_some())
        .max_by_key(|&r| linked.region_links[r].rows.len())
        .expect("districts");
    [
        ("plan", Page::Plan(plan)),
        ("indicator", Page::Indicator(indicator)),
        ("region", Page::Region(region)),
    ]
}

fn render_pages(c: &mut Criterion) {
    let bundled = common::bundled();
    let scaled = common::scaled(40);
    let mut group = c.benchmark_group("page");
    group.sample_size(10);
    for linked in [&bundled, &scaled] {
        let regions = linked.site.regions.len();
        let renderer = PageRenderer::new(linked).expect("templates load");
        for (name, page) in pages(linked) {
            if regions > 5 && name == "plan" {
                // A plan page does not grow with the family.
                continue;
            }
            let id = BenchmarkId::new(name, format!("{regions} regions"));
            group.bench_with_input(id, &page, |b, &page| {
                b.iter(|| black_box(renderer.render(page).expect("renders")))
            });
        }
        let id = BenchmarkId::new("PageRenderer::new", format!("{regions} regions"));
        group.bench_with_input(id, linked, |b, linked| {
            b.iter(|| black_box(PageRenderer::new(linked).ok()))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("site");
    group.sample_size(10);
    let pages = render::pages(&bundled).len();
    group.bench_function(format!("render, {pages} pages"), |b| {
        b.iter(|| black_box(engine::check_linked(&bundled, &Quiet).expect("renders")))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = render_pages
}
criterion_main!(benches);
