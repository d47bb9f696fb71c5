//! `planpub build` after an edit takes the pages whose digest did not change from the
//! last output, and the output is byte for byte what a clean build writes.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::Site;
use walkdir::WalkDir;

const DAZU: &str = "content/plans/dazu-ip-action-plan-2025-2027";

/// Every file of a built site, by its path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("readable"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside");
            (
                rel.to_string_lossy().replace('\\', "/"),
                fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

/// The site built without the cache into a fresh folder, compared with `output`.
fn same_as_clean(site: &Site, output: &Path) {
    let clean = tempfile::tempdir().expect("tempdir");
    let clean_out = clean.path().join("site");
    site.run(&[
        "build",
        "--no-cache",
        "--output",
        clean_out.to_str().expect("utf-8"),
    ])
    .ok();
    let (cached, clean) = (files(output), files(&clean_out));
    let differing: Vec<&String> = cached
        .keys()
        .chain(clean.keys())
        .filter(|k| cached.get(*k) != clean.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "differs from a clean build: {differing:?}"
    );
}

/// `(rendered, unchanged)` from the build's summary line.
fn counts(stdout: &str) -> (usize, usize) {
    let Some((_, rest)) = stdout.split_once(" pages (") else {
        return (usize::MAX, 0);
    };
    let numbers: Vec<usize> = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(2)
        .map(|n| n.parse().expect("a number"))
        .collect();
    (numbers[0], numbers[1])
}

#[test]
fn a_build_after_an_edit_renders_what_changed_and_equals_a_clean_build() {
    let site = Site::bundled();
    let first = site.build();
    first.ok();
    assert!(!first.stdout.contains("unchanged"), "{}", first.stdout);

    let again = site.build();
    again.ok();
    let (rendered, unchanged) = counts(&again.stdout);
    assert_eq!(rendered, 0, "nothing changed: {}", again.stdout);
    assert!(unchanged > 100, "{}", again.stdout);

    let index = format!("{DAZU}/index.md");
    let text = site.read(&index);
    site.write(&index, &format!("{text}\n大足区新增一段说明。\n"));
    let edited = site.build();
    edited.ok();
    let (rendered, unchanged) = counts(&edited.stdout);
    assert!(rendered > 0 && rendered < unchanged, "{}", edited.stdout);
    assert!(
        site.output("plans/dazu-ip-action-plan-2025-2027/index.html")
            .contains("大足区新增一段说明")
    );
    same_as_clean(&site, &site.path("output"));

    // A value: the indicator pages and the open data follow.
    site.edit(
        &format!("{DAZU}/indicators.md"),
        "- {year: 2025, value: 4, comparator: \"=\"}",
        "- {year: 2025, value: 7, comparator: \"=\"}",
    );
    site.build().ok();
    same_as_clean(&site, &site.path("output"));

    // Site-wide: every page is rendered.
    let config = site.read("site.yaml");
    site.write("site.yaml", &config.replacen("title: ", "title: 改了", 1));
    let wide = site.build();
    wide.ok();
    assert!(!wide.stdout.contains("unchanged"), "{}", wide.stdout);
    same_as_clean(&site, &site.path("output"));
}

#[test]
fn a_page_changed_on_disk_is_rendered_again_not_copied() {
    let site = Site::bundled();
    site.build().ok();
    let page = site.path("output/regions/wanzhou/index.html");
    let good = fs::read(&page).expect("built");
    fs::write(&page, b"<p>damaged</p>").expect("write");
    let again = site.build();
    again.ok();
    let (rendered, _) = counts(&again.stdout);
    assert_eq!(rendered, 1, "{}", again.stdout);
    assert_eq!(fs::read(&page).expect("rebuilt"), good);
}

#[test]
fn each_output_folder_has_its_cache_and_the_cache_can_be_deleted() {
    let site = Site::bundled();
    site.build().ok();
    let elsewhere = site.path("elsewhere");
    let other = site.run(&["build", "--output", elsewhere.to_str().expect("utf-8")]);
    other.ok();
    assert!(!other.stdout.contains("unchanged"), "{}", other.stdout);
    // Each output folder has a cache of its own.
    let back = site.build();
    back.ok();
    assert_eq!(counts(&back.stdout).0, 0, "{}", back.stdout);

    fs::remove_dir_all(site.path(".planpub")).expect("the cache is there");
    let clean = site.build();
    clean.ok();
    assert!(!clean.stdout.contains("unchanged"), "{}", clean.stdout);
    same_as_clean(&site, &site.path("output"));
}
