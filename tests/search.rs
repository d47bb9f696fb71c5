//! Search: the bundled site's search page, its Pagefind index, what is marked for
//! indexing, and that the index is the same on every build and in the preview.
//! (What a browser finds with it is checked by .ci/search.mjs in headless Chromium.)

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::Site;
use planpub::build::incremental::Incremental;
use planpub::progress::Quiet;
use walkdir::WalkDir;

/// Every HTML page of an output folder but Pagefind's own files, by `/`-separated path.
fn pages(output: &Path) -> Vec<String> {
    let mut pages: Vec<String> = WalkDir::new(output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| rel(output, e.path()))
        .filter(|p| p.ends_with(".html") && !p.starts_with("pagefind/"))
        .collect();
    pages.sort();
    pages
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .expect("inside")
        .to_string_lossy()
        .replace('\\', "/")
}

/// The start tags named `name` in `html`, each as written (`<main id=… >`).
fn start_tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    html.match_indices(&open)
        .filter(|(i, _)| {
            html[i + open.len()..]
                .chars()
                .next()
                .is_some_and(|c| c == '>' || c.is_whitespace())
        })
        .map(|(i, _)| {
            let end = html[i..].find('>').expect("tag closes") + i;
            &html[i..=end]
        })
        .collect()
}

#[test]
fn the_search_page_loads_pagefind_by_relative_scripts_and_says_how_to_browse_without() {
    let (_guard, output) = common::build_bundled();
    let page = fs::read_to_string(output.join("search/index.html")).expect("search page");

    // Pagefind's UI and the init script, from files, relative to the page.
    let scripts = start_tags(&page, "script");
    assert_eq!(
        scripts,
        [
            r#"<script src="../pagefind/pagefind-ui.js">"#,
            r#"<script src="../search.js">"#,
            r#"<script src="../elder.js">"#,
            r#"<script src="../sort.js">"#
        ],
        "only script files (search's two and every page's one), no inline script"
    );
    assert!(page.contains(r#"<link rel="stylesheet" href="../pagefind/pagefind-ui.css">"#));
    for file in ["search.js", "search.css", "search-icon.svg"] {
        assert!(
            output.join(file).is_file(),
            "{file} is copied from the theme"
        );
    }
    let init = fs::read_to_string(output.join("search.js")).expect("search.js");
    assert!(init.contains("new PagefindUI(") && init.contains(".get(\"q\")"));
    assert!(init.contains("triggerSearch("), "runs the search of ?q=");

    // Without JavaScript: what to do instead, with the three lists to browse.
    let browse = &page[page
        .find(r#"<div id="search-browse""#)
        .expect("browse block")..];
    let browse = &browse[..browse.find("</div>").expect("closes")];
    assert!(browse.contains("JavaScript"), "{browse}");
    for list in ["plans", "regions", "indicators"] {
        assert!(
            browse.contains(&format!(r#"<a href="../{list}/index.html">"#)),
            "links to the {list} list: {browse}"
        );
    }
    // The page is reached from every page's main navigation.
    let home = fs::read_to_string(output.join("index.html")).expect("home");
    assert!(home.contains(r#"<a href="search/index.html">搜索</a>"#));
    let plan = fs::read_to_string(output.join("plans/dazu-ip-action-plan-2025-2027/index.html"))
        .expect("plan");
    assert!(plan.contains(r#"<a href="../../search/index.html">搜索</a>"#));
}

#[test]
fn every_page_marks_its_main_content_for_the_index_and_every_other_page_is_indexed() {
    let (_guard, output) = common::build_bundled();
    let pages = pages(&output);
    assert!(
        pages.len() > 100,
        "the bundled site has its pages: {}",
        pages.len()
    );
    // Not indexed: the 404 and search pages, and the comparison pages (matrices and
    // pairs), which only set side by side values that other pages hold.
    let unindexed: Vec<&String> = pages
        .iter()
        .filter(|p| *p == "404.html" || *p == "search/index.html" || p.starts_with("compare/"))
        .collect();
    assert!(unindexed.len() > 3, "{unindexed:?}");
    for page in &pages {
        let html = fs::read_to_string(output.join(page)).expect("page");
        let marked: Vec<&str> = start_tags(&html, "main");
        assert_eq!(marked.len(), 1, "{page} has one <main>");
        let indexed = !unindexed.contains(&page);
        assert_eq!(
            marked[0].contains(" data-pagefind-body"),
            indexed,
            "{page}: {}",
            marked[0]
        );
        assert_eq!(
            html.matches("data-pagefind-body").count(),
            usize::from(indexed),
            "{page}: only <main> is marked"
        );
    }

    // Pagefind's files, and one Chinese index counting every page but two.
    for file in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-ui.js",
        "pagefind/pagefind-ui.css",
        "pagefind/pagefind-worker.js",
        "pagefind/pagefind-entry.json",
        "pagefind/wasm.unknown.pagefind",
    ] {
        assert!(output.join(file).is_file(), "{file}");
    }
    let entry: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(output.join("pagefind/pagefind-entry.json")).expect("entry"),
    )
    .expect("entry is JSON");
    let languages = entry["languages"].as_object().expect("languages");
    assert_eq!(
        languages.keys().collect::<Vec<_>>(),
        ["zh-cn"],
        "one index, in the site's language"
    );
    assert_eq!(
        languages["zh-cn"]["page_count"].as_u64(),
        Some((pages.len() - unindexed.len()) as u64),
        "every page but {unindexed:?} is indexed"
    );
    let hash = languages["zh-cn"]["hash"].as_str().expect("hash");
    assert!(
        output
            .join(format!("pagefind/pagefind.{hash}.pf_meta"))
            .is_file()
    );
    let count = |dir: &str| {
        fs::read_dir(output.join("pagefind").join(dir))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    assert!(count("index") > 0, "index chunks");
    assert_eq!(
        count("fragment"),
        pages.len() - unindexed.len(),
        "one fragment per page"
    );
    // The manifest covers the index too.
    let manifest = fs::read_to_string(output.join("manifest.sha256")).expect("manifest");
    assert!(manifest.contains("  pagefind/pagefind-entry.json\n"));
}

fn files(output: &Path) -> BTreeMap<String, Vec<u8>> {
    common::snapshot_dir(output)
        .into_iter()
        .map(|(p, bytes)| (p.to_string_lossy().replace('\\', "/"), bytes))
        .collect()
}

#[test]
fn two_builds_give_the_same_bytes_and_the_preview_serves_them() {
    let (_a, first) = common::build_bundled();
    let (_b, second) = common::build_bundled();
    let (first, second) = (files(&first), files(&second));
    assert!(first.keys().any(|p| p.starts_with("pagefind/index/")));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let differing: Vec<&String> = first
        .iter()
        .filter(|(p, bytes)| second[*p] != **bytes)
        .map(|(p, _)| p)
        .collect();
    assert!(differing.is_empty(), "differ between builds: {differing:?}");

    // The preview builds in memory what `build` writes, search index included.
    let preview = Incremental::new(&PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .build(&Quiet)
        .unwrap_or_else(|e| panic!("preview build: {e:?}"));
    let served: BTreeMap<&str, &[u8]> = preview
        .files
        .iter()
        .map(|(p, b)| (p.as_str(), &b[..]))
        .collect();
    let written: BTreeMap<&str, &[u8]> = first
        .iter()
        .filter(|(p, _)| p.as_str() != "manifest.sha256")
        .map(|(p, b)| (p.as_str(), &b[..]))
        .collect();
    assert_eq!(
        served.keys().collect::<Vec<_>>(),
        written.keys().collect::<Vec<_>>()
    );
    let differing: Vec<&&str> = written
        .iter()
        .filter(|(p, b)| served[*p] != **b)
        .map(|(p, _)| p)
        .collect();
    assert!(
        differing.is_empty(),
        "preview and build differ: {differing:?}"
    );
}

#[test]
fn a_site_can_leave_search_out() {
    let site = Site::fixture("basic");
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}search: false\n"));
    site.build().ok();
    assert!(!site.path("output/pagefind").exists(), "no index");
    assert!(!site.path("output/search").exists(), "no search page");
    let home = site.output("index.html");
    assert!(!home.contains("search/index.html"), "no link to it");
    assert!(!site.read("output/sitemap.xml").contains("/search/"));

    // A wrong type is an error that names the line.
    site.write("site.yaml", &format!("{config}search: 是\n"));
    let line = site.line_of("site.yaml", "search:");
    site.build().fails_with(&[&format!("site.yaml:{line}:")]);
}
