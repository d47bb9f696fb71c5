//! Front matter: the load stage's split and YAML parse of a plan's index.md and of an
//! indicators.md table into the raw types, and the model stage over the whole bundled
//! site (typed values, and the outline pass over every Markdown body).
//!
//! Every build, and every save in the preview, reads and parses every content file
//! again, so at national scale (thousands of plans, each with a table) this is paid
//! once per file per build. The table is measured at 1, 8 and 32 times the largest
//! bundled table to show that parsing grows with the table, not faster.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use planpub::diagnostic::SourceFile;
use planpub::load::raw::{RawIndicatorTable, RawPlan};
use planpub::load::{self, parse_source};
use planpub::model;
use planpub::progress::Quiet;

/// The largest bundled plan and table.
const PLAN: &str = "content/plans/wanzhou-ip-plan-2021-2025";

fn source(rel: &str, text: String) -> Arc<SourceFile> {
    let root = common::root();
    SourceFile::new(&root, &root.join(rel), text)
}

fn read(rel: &str) -> Arc<SourceFile> {
    let text = std::fs::read_to_string(common::root().join(rel)).expect("bundled file");
    source(rel, text)
}

/// indicators.md with its list of rows written `times` times over.
fn repeated_table(times: usize) -> Arc<SourceFile> {
    let rel = format!("{PLAN}/indicators.md");
    let file = read(&rel);
    let text = &file.text;
    let yaml_start = text.find("indicators:\n").expect("a table") + "indicators:\n".len();
    let yaml_end = text[yaml_start..].find("\n---").expect("closing fence") + yaml_start + 1;
    let rows = &text[yaml_start..yaml_end];
    let mut out = String::from("---\nindicators:\n");
    for _ in 0..times {
        out.push_str(rows);
    }
    out.push_str(&text[yaml_end..]);
    source(&rel, out)
}

fn front_matter(c: &mut Criterion) {
    let mut group = c.benchmark_group("front_matter");
    let index = read(&format!("{PLAN}/index.md"));
    let yaml = parse_source::<RawPlan>("wanzhou".into(), Arc::clone(&index))
        .expect("parses")
        .yaml;
    // The YAML is what is parsed; the body after it is only found, not read.
    group.throughput(Throughput::Bytes(yaml.len() as u64));
    group.bench_function("index.md", |b| {
        b.iter(|| {
            let doc = parse_source::<RawPlan>("wanzhou".into(), Arc::clone(&index));
            black_box(doc.expect("parses"))
        })
    });
    for times in [1, 8, 32] {
        let table = repeated_table(times);
        let rows = parse_source::<RawIndicatorTable>("t".into(), Arc::clone(&table))
            .expect("parses")
            .front
            .indicators
            .len();
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(
            BenchmarkId::new("indicators.md rows", rows),
            &table,
            |b, table| {
                b.iter(|| {
                    let doc = parse_source::<RawIndicatorTable>("t".into(), Arc::clone(table));
                    black_box(doc.expect("parses"))
                })
            },
        );
    }
    group.finish();
}

fn stages(c: &mut Criterion) {
    let root = common::root();
    let mut group = c.benchmark_group("bundled_site");
    group.sample_size(10);
    group.bench_function("load (disk, 6 plans)", |b| {
        b.iter(|| black_box(load::load(black_box(Path::new(&root)), &Quiet)))
    });
    group.bench_function("model", |b| {
        b.iter_batched(
            || load::load(&root, &Quiet).0,
            |loaded| black_box(model::model(loaded).expect("valid")),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

/// The model stage over the bundled site with the largest table written 1, 8 and 32
/// times over: the typed values of every row (units, years, comparators, where each
/// value is in the file) on top of the rest of the site, which stays the same.
fn model_table(c: &mut Criterion) {
    let root = common::root();
    let id = PLAN.rsplit('/').next().expect("a folder");
    let mut group = c.benchmark_group("model_table");
    group.sample_size(10);
    for times in [1, 8, 32] {
        let table = repeated_table(times);
        let with_table = || {
            let (mut loaded, _) = load::load(&root, &Quiet);
            let plan = loaded.plans.iter_mut().find(|p| p.id == id).expect("plan");
            let doc = parse_source::<RawIndicatorTable>(id.into(), Arc::clone(&table));
            plan.indicators = Some(Arc::new(doc.expect("parses")));
            loaded
        };
        let rows = with_table()
            .plans
            .iter()
            .map(|p| {
                p.indicators
                    .as_ref()
                    .map_or(0, |t| t.front.indicators.len())
            })
            .sum::<usize>();
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_function(BenchmarkId::new("rows in the site", rows), |b| {
            b.iter_batched(
                with_table,
                |loaded| black_box(model::model(loaded).expect("valid")),
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = front_matter, stages, model_table
}
criterion_main!(benches);
