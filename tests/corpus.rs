//! The synthetic-corpus generator (examples/gen-corpus), run the way a user runs it:
//! its output must be a site planpub accepts and builds, the same on every run, with
//! the indicator tables, 责任单位 annotations and linked 《》 citations it promises.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::corpus::gen_corpus;
use common::{Run, snapshot_dir};

fn run(exe: &Path, args: &[&str]) -> Run {
    common::run(Command::new(exe).args(args))
}

fn generate(out: &Path, extra: &[&str]) -> Run {
    let out = out.to_str().expect("UTF-8 temp path");
    let mut args = vec!["--regions", "12", "--plans-per-region", "3", "--out", out];
    args.extend_from_slice(extra);
    run(gen_corpus(), &args)
}

fn planpub(args: &[&str], root: &Path) -> Run {
    let root = root.to_str().expect("UTF-8 temp path");
    let mut all = args.to_vec();
    all.extend_from_slice(&["--root", root]);
    run(Path::new(env!("CARGO_BIN_EXE_planpub")), &all)
}

/// Every plan folder of a generated site.
fn plan_dirs(site: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(site.join("content/plans"))
        .expect("plans folder")
        .map(|e| e.expect("entry").path())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn a_small_corpus_is_a_valid_deterministic_site() {
    let a = tempfile::tempdir().expect("tempdir");
    let run_a = generate(a.path(), &[]);
    run_a.ok();
    assert!(
        run_a.stdout.contains("12 regions, 36 plans"),
        "{}",
        run_a.stdout
    );
    for f in ["site.yaml", "themes/default/templates/plan.html"] {
        assert!(a.path().join(f).is_file(), "{f} missing");
    }
    assert!(
        fs::read_to_string(a.path().join("site.yaml"))
            .expect("site.yaml")
            .contains("合成测试数据")
    );

    planpub(&["check"], a.path()).ok();

    let b = tempfile::tempdir().expect("tempdir");
    generate(b.path(), &[]).ok();
    let (snap_a, snap_b) = (snapshot_dir(a.path()), snapshot_dir(b.path()));
    assert_eq!(snap_a.len(), snap_b.len());
    for ((pa, da), (pb, db)) in snap_a.iter().zip(&snap_b) {
        assert_eq!(pa, pb);
        assert!(da == db, "{} differs between two runs", pa.display());
    }

    // Another seed is another corpus.
    let c = tempfile::tempdir().expect("tempdir");
    generate(c.path(), &["--seed", "7"]).ok();
    assert_ne!(snapshot_dir(c.path()), snap_a);

    let plans = plan_dirs(a.path());
    assert_eq!(plans.len(), 36);
    for dir in &plans {
        let table = fs::read_to_string(dir.join("indicators.md")).expect("indicators.md");
        let rows = table
            .lines()
            .filter(|l| l.starts_with("  - indicator:"))
            .count();
        assert!((10..=30).contains(&rows), "{}: {rows} rows", dir.display());
        let text = fs::read_to_string(dir.join("index.md")).expect("index.md");
        assert!(text.contains("（责任单位："), "{}", dir.display());
        assert!(text.contains('《'), "{}", dir.display());
        assert!(text.contains("测试"), "{}", dir.display());
        assert!(
            text.len() > 10_000,
            "{}: only {} bytes",
            dir.display(),
            text.len()
        );
    }

    // The built plan pages link citations of other plans of the corpus.
    let built = planpub(&["build"], a.path());
    built.ok();
    let mut linked = 0;
    for dir in &plans {
        let id = dir.file_name().and_then(|n| n.to_str()).expect("id");
        let page = a.path().join("output/plans").join(id).join("index.html");
        let html = fs::read_to_string(&page).expect("plan page");
        for rest in html.split("class=\"citation\" href=\"../").skip(1) {
            let target = rest.split('/').next().unwrap_or_default();
            if target != id {
                assert!(
                    a.path()
                        .join("output/plans")
                        .join(target)
                        .join("index.html")
                        .is_file(),
                    "{id} links to a missing plan {target}"
                );
                linked += 1;
            }
        }
    }
    assert!(linked >= plans.len() / 2, "only {linked} citation links");
}

#[test]
fn a_non_empty_folder_is_refused_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("notes.txt"), "keep me").expect("write");
    generate(dir.path(), &[]).fails_with(&["not empty", "--force"]);
    // Not a corpus gen-corpus wrote: even --force removes nothing.
    fs::create_dir(dir.path().join("content")).expect("mkdir");
    generate(dir.path(), &["--force"]).fails_with(&["nothing was removed"]);
    assert!(dir.path().join("content").is_dir());
    assert!(dir.path().join("notes.txt").is_file());

    // A corpus is replaced with --force, stale plans included.
    let site = tempfile::tempdir().expect("tempdir");
    generate(site.path(), &[]).ok();
    let stale = site.path().join("content/plans/stale-plan");
    fs::create_dir(&stale).expect("mkdir");
    generate(site.path(), &[]).fails_with(&["not empty"]);
    generate(site.path(), &["--force"]).ok();
    assert!(!stale.exists());
    let fresh = tempfile::tempdir().expect("tempdir");
    generate(fresh.path(), &[]).ok();
    assert!(snapshot_dir(site.path()) == snapshot_dir(fresh.path()));
}

/// On a larger site the progress overview and an indicator set by many regions give
/// counts, and leave the targets one by one to the region pages, so that neither page
/// grows with the whole site.
#[test]
fn progress_pages_stay_bounded_on_a_larger_site() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().to_str().expect("UTF-8 temp path");
    run(
        gen_corpus(),
        &["--regions", "40", "--plans-per-region", "3", "--out", out],
    )
    .ok();
    // As of a date after every target year: every target is overdue, far more than
    // the overview lists.
    let config = fs::read_to_string(dir.path().join("site.yaml")).expect("site.yaml");
    fs::write(
        dir.path().join("site.yaml"),
        format!("{config}as_of: 2040-01-01\n"),
    )
    .expect("write");
    planpub(&["build"], dir.path()).ok();
    let read = |rel: &str| fs::read_to_string(dir.path().join("output").join(rel)).expect(rel);

    let overview = read("progress/index.html");
    assert!(overview.contains("逐项列在各地区页面"));
    assert!(!overview.contains("class=\"status-list\""));

    // Per indicator: one by one up to 60 targets, counts per region beyond.
    let status = read("data/target-status.csv");
    let mut per_indicator: std::collections::BTreeMap<String, usize> = Default::default();
    let mut lines = status.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "indicator_id")
        .expect("column");
    for line in lines {
        let id = line.split(',').nth(col).expect("indicator id").to_string();
        *per_indicator.entry(id).or_default() += 1;
    }
    let (mut listed, mut counted) = (0, 0);
    for (id, n) in &per_indicator {
        let page = read(&format!("indicators/{id}/index.html"));
        if *n > 60 {
            assert!(page.contains("设定本指标的地区较多"), "{id}: {n} targets");
            assert!(!page.contains("class=\"status-list\""), "{id}");
            counted += 1;
        } else {
            assert!(page.contains("class=\"status-list\""), "{id}: {n} targets");
            listed += 1;
        }
    }
    assert!(
        listed > 0 && counted > 0,
        "{listed} listed, {counted} counted"
    );
    // The region pages still list every one of their targets.
    assert!(read("regions/index.html").contains("地区"));
}
