//! Search: the bundled site's search page, its index files, what is marked for
//! indexing, that the index is the same on every build and in the preview, and that
//! the preview's index follows an edit. (What is found for each query is checked by
//! tests/search_queries.rs, and in a browser by .ci/search.mjs.)

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::Site;
use planpub::engine::preview::{Indexed, Preview};
use planpub::progress::Quiet;
use planpub::search::searcher::{self, Filter};
use walkdir::WalkDir;

/// Every HTML page of an output folder, by `/`-separated path.
fn pages(output: &Path) -> Vec<String> {
    let mut pages: Vec<String> = WalkDir::new(output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| rel(output, e.path()))
        .filter(|p| p.ends_with(".html"))
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
fn the_search_page_loads_search_js_by_a_relative_script_and_says_how_to_browse_without() {
    let (_guard, output) = common::build_bundled();
    let page = fs::read_to_string(output.join("search/index.html")).expect("search page");

    // The search script, told where the index is, from a file relative to the page.
    let scripts = start_tags(&page, "script");
    assert_eq!(
        scripts,
        [
            r#"<script src="../search.js" data-index="../search-index/">"#,
            r#"<script src="../elder.js">"#,
            r#"<script src="../sort.js">"#
        ],
        "only script files (search's one and every page's), no inline script"
    );
    assert!(page.contains(r#"<link rel="stylesheet" href="../search.css">"#));
    assert!(!page.contains("pagefind"), "nothing of Pagefind is left");
    for file in ["search.js", "search.css", "search-icon.svg"] {
        assert!(
            output.join(file).is_file(),
            "{file} is copied from the theme"
        );
    }
    let script = fs::read_to_string(output.join("search.js")).expect("search.js");
    assert!(
        script.contains(r#"getAttribute("data-index")"#),
        "finds the index where the page says"
    );
    assert!(script.contains(r#".get("q")"#), "runs the search of ?q=");

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

/// The files of the output folder under `dir`, by path relative to the output.
fn listed(output: &Path, dir: &str) -> Vec<String> {
    let mut files: Vec<String> = WalkDir::new(output.join(dir))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| rel(output, e.path()))
        .collect();
    files.sort();
    files
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
            marked[0].contains(" data-search-body"),
            indexed,
            "{page}: {}",
            marked[0]
        );
        assert_eq!(
            html.matches("data-search-body").count(),
            usize::from(indexed),
            "{page}: only <main> is marked"
        );
    }
    let indexed = pages.len() - unindexed.len();

    // The index: its description, counting every page but the unindexed ones.
    let read_json = |file: &str| -> serde_json::Value {
        let text = fs::read_to_string(output.join("search-index").join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file} is not JSON: {e}"))
    };
    let meta = read_json("meta.json");
    assert_eq!(
        meta["format"].as_u64(),
        Some(u64::from(planpub::search::format::VERSION))
    );
    let shards = meta["shards"].as_u64().expect("shards");
    assert!(shards.is_power_of_two(), "shards: {shards}");
    assert_eq!(
        meta["pages"].as_u64(),
        Some(indexed as u64),
        "every page but {unindexed:?} is indexed"
    );
    let regions = read_json("regions.json");
    let regions = regions.as_array().expect("regions.json is a list");
    assert!(
        regions
            .iter()
            .any(|r| r[0] == "dazu" && r[2].as_u64() < r[3].as_u64()),
        "the Dazu region and its pages: {regions:?}"
    );

    // Its files: token shards, page tables of 16 pages each, and each page's text.
    let files = listed(&output, "search-index");
    let under = |dir: &str| -> Vec<&String> {
        files
            .iter()
            .filter(|f| f.starts_with(&format!("search-index/{dir}/")))
            .collect()
    };
    assert!(!under("t").is_empty(), "token shards");
    assert!(!under("p").is_empty(), "positions");
    let block = planpub::search::format::PAGE_BLOCK as usize;
    assert_eq!(
        under("pg").len(),
        indexed.div_ceil(block),
        "a page table per {block} pages"
    );
    for n in 0..indexed {
        assert!(
            files.contains(&format!("search-index/x/{n}-0.json")),
            "page {n} has its text"
        );
    }
    assert!(
        !output.join("pagefind").exists(),
        "nothing of Pagefind is left"
    );

    // The manifest covers the index too.
    let manifest = fs::read_to_string(output.join("manifest.sha256")).expect("manifest");
    for file in &files {
        assert!(
            manifest.contains(&format!("  {file}\n")),
            "{file} is in the manifest"
        );
    }
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
    assert!(first.keys().any(|p| p.starts_with("search-index/t/")));
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

    // The preview builds in memory what `build` writes, search index included: the
    // first build indexes at once, so there is nothing left for `index` to do.
    let mut preview = Preview::new(&PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    preview
        .build(&Quiet)
        .unwrap_or_else(|e| panic!("preview build: {e:?}"));
    let indexed = preview
        .index(&Quiet)
        .unwrap_or_else(|e| panic!("preview index: {e:?}"));
    assert!(matches!(indexed, Indexed::Current), "{indexed:?}");
    let files = preview.files().expect("a good build");
    let served: BTreeMap<&str, &[u8]> = files.iter().map(|(p, b)| (p.as_str(), &b[..])).collect();
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
fn the_preview_index_follows_an_edit_of_a_plan_text() {
    const PLAN: &str = "content/plans/east-action-plan/index.md";
    const WORD: &str = "蓝鲸测绘";
    let site = Site::fixture("basic");
    let mut preview = Preview::new(site.root());
    preview.build(&Quiet).expect("first build");
    let found = |preview: &Preview| -> Vec<String> {
        let files = preview.files().expect("a good build");
        searcher::search(&*files, WORD, &Filter::default())
            .unwrap_or_else(|e| panic!("search: {e}"))
            .hits
            .into_iter()
            .map(|h| h.url)
            .collect()
    };
    assert_eq!(found(&preview), Vec::<String>::new(), "not in the site yet");

    // Saved: the pages change at once, the index when it is brought up to date.
    site.edit(PLAN, "完善政策。", &format!("完善政策，开展{WORD}试点。"));
    preview.build(&Quiet).expect("rebuild");
    let indexed = preview.index(&Quiet).expect("index");
    assert!(matches!(indexed, Indexed::Updated { .. }), "{indexed:?}");
    assert_eq!(found(&preview), ["plans/east-action-plan/index.html"]);

    // Taken out again: no longer found.
    site.edit(PLAN, &format!("完善政策，开展{WORD}试点。"), "完善政策。");
    preview.build(&Quiet).expect("rebuild");
    let indexed = preview.index(&Quiet).expect("index");
    assert!(matches!(indexed, Indexed::Updated { .. }), "{indexed:?}");
    assert_eq!(found(&preview), Vec::<String>::new(), "taken out");
}

#[test]
fn a_site_can_leave_search_out() {
    let site = Site::fixture("basic");
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}search: false\n"));
    site.build().ok();
    assert!(!site.path("output/search-index").exists(), "no index");
    assert!(!site.path("output/search").exists(), "no search page");
    let home = site.output("index.html");
    assert!(!home.contains("search/index.html"), "no link to it");
    assert!(!site.read("output/sitemap.xml").contains("/search/"));

    // A wrong type is an error that names the line.
    site.write("site.yaml", &format!("{config}search: 是\n"));
    let line = site.line_of("site.yaml", "search:");
    site.build().fails_with(&[&format!("site.yaml:{line}:")]);
}
