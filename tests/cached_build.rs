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

/// Appends a paragraph to Dazu's plan text.
fn add_a_paragraph(site: &Site) {
    let index = format!("{DAZU}/index.md");
    let text = site.read(&index);
    site.write(&index, &format!("{text}\n大足区新增一段说明。\n"));
}

/// Changes one of Dazu's target values.
fn change_a_value(site: &Site) {
    site.edit(
        &format!("{DAZU}/indicators.md"),
        "- {year: 2025, value: 4, comparator: \"=\"}",
        "- {year: 2025, value: 7, comparator: \"=\"}",
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

    add_a_paragraph(&site);
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
    change_a_value(&site);
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

/// Each file of the search index's text chunks, by its inode.
#[cfg(unix)]
fn chunk_inodes(site: &Site) -> BTreeMap<u64, String> {
    fs::read_dir(site.path("output/search-index/x"))
        .expect("the index has text chunks")
        .map(|e| {
            let e = e.expect("readable");
            let inode = std::os::unix::fs::MetadataExt::ino(&e.metadata().expect("stat"));
            (inode, e.file_name().to_string_lossy().into_owned())
        })
        .collect()
}

/// With search on, a page taken from the last output is not read either: the last
/// build kept its analysis for the index, and its text chunks are taken with it, under
/// its new number when pages were added before it.
#[cfg(unix)]
#[test]
fn the_search_index_takes_the_analysis_and_text_of_pages_taken() {
    let site = Site::bundled();
    site.build().ok();
    let first = chunk_inodes(&site);

    add_a_paragraph(&site);
    site.build().ok();
    let after_text = chunk_inodes(&site);
    let kept = after_text.keys().filter(|i| first.contains_key(i)).count();
    assert!(
        2 * kept > after_text.len() && kept < after_text.len(),
        "{kept} of {} chunks taken",
        after_text.len()
    );
    same_as_clean(&site, &site.path("output"));

    let unit = "output/units/dazu/区林业局/index.html";
    assert!(!site.path(unit).exists());
    // A responsible unit added: Dazu has one more page, and pages after it in the
    // index are numbered anew; their chunks are taken under their new names.
    site.edit(
        &format!("{DAZU}/indicators.md"),
        "    responsible: [区市场监管局, 大足高新区,",
        "    responsible: [区林业局, 区市场监管局, 大足高新区,",
    );
    let added = site.build();
    added.ok();
    assert!(site.path(unit).exists(), "{}", added.stdout);
    let after_plan = chunk_inodes(&site);
    let renamed = after_plan
        .iter()
        .filter(|(i, name)| after_text.get(*i).is_some_and(|old| old != *name))
        .count();
    assert!(
        renamed > 0,
        "no chunk was taken under a new number: {}",
        added.stdout
    );
    same_as_clean(&site, &site.path("output"));

    // Without the analyses the pages are read, and the site is the same.
    for entry in fs::read_dir(site.path(".planpub")).expect("the cache") {
        let path = entry.expect("readable").path();
        if path.to_string_lossy().contains("search-analyses") {
            fs::remove_file(path).expect("removed");
        }
    }
    change_a_value(&site);
    let built = site.build();
    built.ok();
    assert!(built.stdout.contains("unchanged"), "{}", built.stdout);
    same_as_clean(&site, &site.path("output"));
}

/// The bundled site with search off: a build then takes unchanged pages without
/// reading them.
fn without_search() -> Site {
    let site = Site::bundled();
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}\nsearch: false\n"));
    site
}

const WANZHOU: &str = "content/plans/wanzhou-ip-plan-2021-2025";

#[test]
fn pages_taken_unread_give_the_same_site_as_a_clean_build() {
    let site = without_search();
    site.build().ok();
    add_a_paragraph(&site);
    let edited = site.build();
    edited.ok();
    let (rendered, unchanged) = counts(&edited.stdout);
    assert!(rendered > 0 && rendered < unchanged, "{}", edited.stdout);
    same_as_clean(&site, &site.path("output"));
    change_a_value(&site);
    site.build().ok();
    same_as_clean(&site, &site.path("output"));
}

#[test]
fn an_anchor_asked_of_a_page_taken_unread_is_checked() {
    let site = without_search();
    site.build().ok();
    // Dazu's page, rendered again, asks Wanzhou's page (taken unread) for an anchor
    // it does not have.
    let index = format!("{DAZU}/index.md");
    let text = site.read(&index);
    site.write(
        &index,
        &format!("{text}\n见[万州](../wanzhou-ip-plan-2021-2025/index.html#no-such-task)。\n"),
    );
    site.build()
        .fails_with(&["#no-such-task", "anchor does not exist"]);
}

#[test]
fn a_link_to_an_anchor_gone_from_a_page_rendered_again_fails_the_build() {
    let site = without_search();
    // Wanzhou's text links to a task of Dazu's: Wanzhou's page does not read Dazu's text.
    let wanzhou = format!("{WANZHOU}/index.md");
    let text = site.read(&wanzhou);
    site.write(
        &wanzhou,
        &format!("{text}\n见[大足](../dazu-ip-action-plan-2025-2027/index.html#task-2)。\n"),
    );
    site.build().ok();
    // Task 2 loses its anchor: whether Wanzhou's page is rendered again or taken
    // from the last output, its link is found broken.
    site.edit(
        &format!("{DAZU}/index.md"),
        "#### 2．深化示范创建，赋能园区发展。 {#task-2}",
        "#### 2．深化示范创建，赋能园区发展。",
    );
    site.build().fails_with(&[
        "wanzhou-ip-plan-2021-2025",
        "#task-2",
        "anchor does not exist",
    ]);
}

/// The inode of a file of the output: the same inode is the same file, taken from the
/// last output rather than written again.
#[cfg(unix)]
fn inode(site: &Site, rel: &str) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(site.path(rel)).expect("built"))
}

#[cfg(unix)]
#[test]
fn the_open_data_of_plans_whose_rows_did_not_change_is_taken_from_the_last_output() {
    let site = without_search();
    site.build().ok();
    let dazu = "output/data/plans/dazu-ip-action-plan-2025-2027.csv";
    let wanzhou = "output/data/plans/wanzhou-ip-plan-2021-2025.xlsx";
    let all = "output/data/targets.csv";
    let statuses = "output/data/target-status.json";
    let reported = "output/data/reported-values.csv";
    let before = [dazu, wanzhou, all, statuses, reported].map(|f| inode(&site, f));

    // A text edit changes no rows: every file of values is taken, the statuses and
    // reported values too, which read no plan's prose.
    add_a_paragraph(&site);
    site.build().ok();
    assert_eq!(
        [dazu, wanzhou, all, statuses, reported].map(|f| inode(&site, f)),
        before
    );

    // A value: Dazu's files and the site-wide ones are made again, Wanzhou's taken.
    change_a_value(&site);
    site.build().ok();
    assert_ne!(inode(&site, dazu), before[0]);
    assert_eq!(inode(&site, wanzhou), before[1]);
    assert_ne!(inode(&site, all), before[2]);
    assert_ne!(inode(&site, statuses), before[3]);
    same_as_clean(&site, &site.path("output"));
}
