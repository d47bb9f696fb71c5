//! Markdown: a plan body to HTML (`render::markdown::to_html`, and `to_html_linked`
//! with the site's real citation linker, as a plan page renders its text), and the
//! model stage's outline pass over the same body (`Document::parse`: headings, anchors,
//! responsible units).
//!
//! Every plan page renders its full text, and the outline pass runs on every body at
//! every build. Measured on the largest bundled body (about 46 KB) and on a synthetic
//! body of every bundled body written 1, 2 and 4 times over (about 0.15 to 0.6 MB),
//! to show how each grows with the text.

mod common;

use std::hint::black_box;
use std::ops::Range;
use std::sync::Arc;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use planpub::diagnostic::SourceFile;
use planpub::link::Linked;
use planpub::model::RawHtml;
use planpub::model::document::Document;
use planpub::render::markdown::{to_html, to_html_linked};
use planpub::render::views::citation_links;

/// A body made of every bundled plan body, `times` over. Explicit heading ids get a
/// prefix per copy so they stay unique; repeated headings without one get numbered
/// anchors, as they would in a real text.
fn synthetic(linked: &Linked, times: usize) -> Document {
    let mut text = String::new();
    for n in 0..times {
        for (i, p) in linked.site.plans.iter().enumerate() {
            text.push_str(&p.body.markdown().replace("{#", &format!("{{#c{n}p{i}-")));
            text.push_str("\n\n");
        }
    }
    let root = common::root();
    let file = SourceFile::new(&root, &root.join("synthetic.md"), text);
    let len = file.text.len();
    document(&file, 0..len)
}

fn document(file: &Arc<SourceFile>, range: Range<usize>) -> Document {
    let mut errors = Vec::new();
    let doc = Document::parse(file, range, &mut errors);
    assert!(errors.is_empty(), "the body has valid anchors");
    doc
}

fn bodies(c: &mut Criterion) {
    let linked = common::bundled();
    let largest = linked
        .site
        .plans
        .handles()
        .max_by_key(|&p| linked.site.plans[p].body.range.len())
        .expect("plans");
    let mut inputs = vec![(
        format!(
            "{} KB plan",
            linked.site.plans[largest].body.range.len() / 1000
        ),
        linked.site.plans[largest].body.clone(),
    )];
    for times in [1, 2, 4] {
        let doc = synthetic(&linked, times);
        inputs.push((format!("{} KB synthetic", doc.range.len() / 1000), doc));
    }

    let mut group = c.benchmark_group("markdown");
    // The largest inputs take a good part of a second an iteration; flat sampling
    // keeps ten samples within the measurement time.
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for (name, doc) in &inputs {
        group.throughput(Throughput::Bytes(doc.range.len() as u64));
        group.bench_with_input(BenchmarkId::new("to_html", name), doc, |b, doc| {
            b.iter(|| black_box(to_html(doc, RawHtml::Sanitise)))
        });
        group.bench_with_input(BenchmarkId::new("to_html_linked", name), doc, |b, doc| {
            b.iter(|| {
                black_box(to_html_linked(
                    doc,
                    &|t| citation_links(&linked, largest, t),
                    RawHtml::Sanitise,
                ))
            })
        });
        group.bench_with_input(BenchmarkId::new("outline", name), doc, |b, doc| {
            b.iter(|| black_box(document(&doc.file, doc.range.clone())))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bodies
}
criterion_main!(benches);
