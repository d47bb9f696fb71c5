//! Comparison assembly: where each region's targets stand among its peers'
//! (`link::compare::standings`, once per build) and the view models of the comparison
//! pages (`render::views::matrix`: the goals matrix of a family, the compare page,
//! a pair of regions; `render::views::compare`: an indicator's measures).
//!
//! These grow with the number of regions compared. The bundled site has one family of
//! five regions; larger families are made by copying its four districts and their
//! plans 10 and 40 times (a family of 45 or 165 regions; Chongqing itself has 38
//! districts and counties), all under the municipality.

mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use planpub::link::Linked;
use planpub::link::compare::standings;
use planpub::link::parts::Scope;
use planpub::model::IndicatorIx;
use planpub::render::views::compare::measures;
use planpub::render::views::matrix::{compare_page, matrix, pair};

fn sites() -> Vec<(usize, Linked)> {
    [0, 10, 40]
        .into_iter()
        .map(|copies| {
            let linked = if copies == 0 {
                common::bundled()
            } else {
                common::scaled(copies)
            };
            (linked.site.regions.len(), linked)
        })
        .collect()
}

/// The indicator that the most plan rows measure.
fn busiest_indicator(linked: &Linked) -> IndicatorIx {
    linked
        .site
        .indicators
        .handles()
        .max_by_key(|&i| linked.indicator_links[i].rows.len())
        .expect("indicators")
}

fn compare(c: &mut Criterion) {
    let sites = sites();
    let mut group = c.benchmark_group("compare");
    group.sample_size(10);
    for (regions, linked) in &sites {
        group.bench_with_input(BenchmarkId::new("standings", regions), linked, |b, l| {
            b.iter(|| black_box(standings(l)))
        });
        // The municipality's family: every region of the site.
        let family = linked
            .families
            .enumerate()
            .find(|(_, f)| f.parent.is_some())
            .map(|(f, _)| f)
            .expect("a family");
        group.bench_with_input(BenchmarkId::new("matrix", regions), linked, |b, l| {
            b.iter(|| black_box(matrix(l, family)))
        });
        group.bench_with_input(BenchmarkId::new("compare_page", regions), linked, |b, l| {
            b.iter(|| black_box(compare_page(l)))
        });
        let [a, b] = [1, 2].map(|k| linked.families[family].members[k]);
        group.bench_with_input(BenchmarkId::new("pair", regions), linked, |bench, l| {
            bench.iter(|| black_box(pair(l, a, b)))
        });
        let indicator = busiest_indicator(linked);
        group.bench_with_input(BenchmarkId::new("measures", regions), linked, |b, l| {
            b.iter(|| black_box(measures(l, indicator, Scope::Whole)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = compare
}
criterion_main!(benches);
