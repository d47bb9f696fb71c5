//! Citation linking: building the matcher of every plan's names
//! (`link::citations::Citations::new`) and scanning a text for its 《》 titles
//! (`Citations::scan`).
//!
//! The link stage builds one matcher per build and scans every plan body with it; each
//! plan page scans its text again to link the titles. At national scale a site has
//! some 10,000 plans, so the matcher here holds 10,000 synthetic titles (each with a
//! short title, and registered again without its period), and the texts are 64 KB to
//! 1 MB of prose dense with 《》 titles: cited plans written with other dashes and
//! spaces, short titles, and titles of no plan. The bundled site's own matcher over
//! its own bodies is measured too.

mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use planpub::link::citations::{Citations, PlanNames};
use planpub::model::{PlanIx, Table};

const TOPICS: [&str; 10] = [
    "知识产权",
    "科技创新",
    "生态环境保护",
    "综合交通运输",
    "教育事业",
    "卫生健康",
    "文化旅游",
    "乡村振兴",
    "数字经济",
    "水利",
];
const KINDS: [&str; 5] = [
    "“十四五”规划",
    "行动计划",
    "实施方案",
    "工作要点",
    "发展规划",
];

/// The plan's title and short title, `第1省第3市第17县知识产权行动计划（2025—2027年）`
/// and `第3市第17县知识产权行动计划`: one plan per county, a hundred counties a city.
fn names(i: usize) -> (String, String) {
    let (city, county) = (i / 100 + 1, i % 100 + 1);
    let province = city / 20 + 1;
    let topic = TOPICS[i % TOPICS.len()];
    let kind = KINDS[i / TOPICS.len() % KINDS.len()];
    let start = 2021 + (i % 5) as u32;
    let short = format!("第{city}市第{county}县{topic}{kind}");
    let title = format!("第{province}省{short}（{start}—{}年）", start + 2);
    (title, short)
}

fn matcher(plans: usize) -> (Vec<(String, String)>, Citations) {
    let names: Table<PlanIx, (String, String)> = (0..plans).map(names).collect();
    let citations = Citations::new(names.enumerate().map(|(plan, (title, short))| PlanNames {
        plan,
        names: vec![title.as_str(), short.as_str()],
    }))
    .expect("the names build");
    assert!(citations.ambiguous().is_empty(), "every name is one plan's");
    (names.into_iter().collect(), citations)
}

/// About `bytes` of prose citing the plans of `names` in turn: by title with the
/// period's dash and spacing written differently, by short title, and a title of no
/// plan, with a line of plain text between.
fn text(names: &[(String, String)], bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 1024);
    let mut i = 0;
    while text.len() < bytes {
        let (title, short) = &names[(i * 7919) % names.len()];
        let variant = title.replace('—', " － ");
        text.push_str(&format!(
            "根据《{variant}》和《{short}》的部署，参照《关于进一步加强第{i}号工作的若干意见》，\
             各地区、各部门要结合实际抓好贯彻落实，确保各项任务按期完成。\n\
             到2025年，全面完成规划确定的主要目标任务，形成一批可复制可推广的经验做法。\n\n"
        ));
        i += 1;
    }
    text
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("citations_new");
    group.sample_size(10);
    for plans in [1_000, 10_000] {
        let names: Table<PlanIx, (String, String)> = (0..plans).map(names).collect();
        group.throughput(Throughput::Elements(plans as u64));
        group.bench_with_input(BenchmarkId::new("plans", plans), &names, |b, names| {
            b.iter(|| {
                let plans = names.enumerate().map(|(plan, (title, short))| PlanNames {
                    plan,
                    names: vec![title.as_str(), short.as_str()],
                });
                black_box(Citations::new(plans).expect("builds"))
            })
        });
    }
    group.finish();
}

fn scan(c: &mut Criterion) {
    let (names, citations) = matcher(10_000);
    let mut group = c.benchmark_group("citations_scan_10k_plans");
    group.sample_size(10);
    for kb in [64, 256, 1024] {
        let text = text(&names, kb * 1024);
        let found = citations.scan(&text);
        assert_eq!(
            found.iter().filter(|c| c.plan.is_some()).count() * 3,
            found.len() * 2,
            "two of every three titles name a plan"
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("KB", kb), &text, |b, text| {
            b.iter(|| black_box(citations.scan(text)))
        });
    }
    group.finish();

    let linked = common::bundled();
    let bodies: Vec<&str> = linked
        .site
        .plans
        .iter()
        .map(|p| p.body.markdown())
        .collect();
    let mut group = c.benchmark_group("citations_scan_bundled");
    group.throughput(Throughput::Bytes(
        bodies.iter().map(|b| b.len() as u64).sum(),
    ));
    group.bench_function("every bundled body", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(linked.citations.scan(body));
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = build, scan
}
criterion_main!(benches);
