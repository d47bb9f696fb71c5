//! The query list of `tests/search-queries.json`, run on the bundled site through
//! planpub's searcher, which reads the same index files the site's search page does.
//! (.ci/search.mjs runs the same list through the search page in Chromium.) A quoted
//! query must return every page whose searchable text holds the phrase and no other;
//! that is checked against the built pages themselves.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use planpub::search::searcher::{self, Filter, Hit};
use planpub::search::{extract, tokens};
use serde_json::Value;
use walkdir::WalkDir;

/// A result's address as the list writes it: from the site's root, without
/// `index.html`, not percent-encoded; the home page is `/`.
fn address(url: &str) -> String {
    let path = url.strip_suffix("index.html").unwrap_or(url);
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    if decoded.is_empty() {
        "/".into()
    } else {
        decoded
    }
}

/// Text as the searcher compares it: its units, joined.
fn units(text: &str) -> String {
    tokens::units(text).into_iter().map(|u| u.text).collect()
}

/// Every page whose title, a heading or a section's text holds `phrase`.
fn pages_with(output: &Path, phrase: &str) -> BTreeSet<String> {
    let phrase = units(phrase);
    let mut found = BTreeSet::new();
    for entry in WalkDir::new(output).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let doc = extract::document(&fs::read(path).expect("page"));
        let fields = std::iter::once(&doc.title)
            .chain(doc.sections.iter().flat_map(|s| [&s.heading, &s.text]));
        if fields.into_iter().any(|f| units(f).contains(&phrase)) {
            let rel = path
                .strip_prefix(output)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            found.insert(address(&rel));
        }
    }
    found
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

/// What is wrong with the results of one query, if anything.
fn check(output: &Path, query: &Value, hits: &[Hit]) -> Vec<String> {
    let q = query["q"].as_str().expect("q");
    let got: Vec<String> = hits.iter().map(|h| address(&h.url)).collect();
    let rank = |page: &str| got.iter().position(|g| g == page);
    let mut wrong = Vec::new();
    let top = query["top"].as_u64().map(|n| n as usize);
    let want = strings(&query["want"]);
    if let Some(top) = top {
        for page in &want {
            match rank(page) {
                Some(r) if r < top => {}
                Some(r) => wrong.push(format!("{page} is {}th, wanted in the first {top}", r + 1)),
                None => wrong.push(format!("{page} not found, wanted in the first {top}")),
            }
        }
    }
    if let Some(first) = query["first"].as_str()
        && got.first().map(String::as_str) != Some(first)
    {
        wrong.push(format!(
            "{first} should be first; it is {:?}",
            rank(first).map(|r| r + 1)
        ));
    }
    let also = strings(&query["also"]);
    for page in &also {
        if rank(page).is_none() {
            wrong.push(format!("{page} not found"));
        }
    }
    for page in strings(&query["not_first"]) {
        if got.first() == Some(&page) {
            wrong.push(format!("{page} must not be first"));
        }
    }
    if query["only"].as_bool() == Some(true) {
        let allowed: BTreeSet<&String> = want
            .iter()
            .chain(&also)
            .chain(query["first"].as_str().map(|_| &got[0]))
            .collect();
        for page in &got {
            if !allowed.contains(page) {
                wrong.push(format!("{page} found, but only the pages listed should be"));
            }
        }
    }
    let words = searcher::parse(q);
    if words.len() == 1 && words[0].quoted {
        let expected = pages_with(output, &words[0].text);
        let got: BTreeSet<String> = got.iter().cloned().collect();
        for page in expected.difference(&got) {
            wrong.push(format!("{page} holds the phrase but was not found"));
        }
        for page in got.difference(&expected) {
            wrong.push(format!("{page} was found but does not hold the phrase"));
        }
    }
    if wrong.is_empty() {
        Vec::new()
    } else {
        let top5: Vec<&String> = got.iter().take(5).collect();
        vec![format!(
            "{q}: {}\n    first results: {top5:?}",
            wrong.join("; ")
        )]
    }
}

#[test]
fn the_query_list_finds_what_it_names() {
    let (_guard, output) = common::build_bundled();
    let list: Value = serde_json::from_str(
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search-queries.json"),
        )
        .expect("query list"),
    )
    .expect("JSON");
    let queries = list["queries"].as_array().expect("queries");
    assert!(
        queries.len() >= 40,
        "the list has {} queries",
        queries.len()
    );
    let mut failures = Vec::new();
    for query in queries {
        let q = query["q"].as_str().expect("q");
        let found = searcher::search_folder(&output, q, &Filter::default())
            .unwrap_or_else(|e| panic!("{q}: {e}"));
        failures.extend(check(&output, query, &found.hits));
    }
    assert!(
        failures.is_empty(),
        "{} of {} queries fail:\n{}",
        failures.len(),
        queries.len(),
        failures.join("\n")
    );
}

#[test]
fn results_narrow_by_kind_and_region() {
    let (_guard, output) = common::build_bundled();
    let all = searcher::search_folder(&output, "知识产权", &Filter::default()).expect("search");
    let plans = Filter {
        kinds: vec![planpub::search::Kind::Plan],
        regions: Vec::new(),
    };
    let only_plans = searcher::search_folder(&output, "知识产权", &plans).expect("search");
    assert_eq!(only_plans.hits.len(), 6, "the six plans");
    assert!(all.hits.len() > only_plans.hits.len());
    let dazu = Filter {
        kinds: Vec::new(),
        regions: vec!["dazu".into()],
    };
    let in_dazu = searcher::search_folder(&output, "知识产权", &dazu).expect("search");
    assert!(!in_dazu.hits.is_empty());
    for hit in &in_dazu.hits {
        let a = address(&hit.url);
        assert!(a.contains("dazu"), "{a} is not a page of Dazu");
    }
    let nowhere = Filter {
        kinds: Vec::new(),
        regions: vec!["atlantis".into()],
    };
    assert!(
        searcher::search_folder(&output, "知识产权", &nowhere)
            .expect("search")
            .hits
            .is_empty()
    );
}

#[test]
fn planpub_search_prints_the_ranked_results_and_explains_what_it_cannot_do() {
    let (guard, output) = common::build_bundled();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_planpub"))
            .arg("search")
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .expect("planpub runs")
    };
    let out = output.to_str().expect("utf-8 path");
    let json = run(&["万州", "--output", out, "--json"]);
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let found: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(
        found["results"][0]["url"],
        "plans/wanzhou-ip-plan-2021-2025/index.html"
    );
    let text = run(&["质押融资", "--output", out, "--kind", "indicator"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("indicators/ip-pledge-financing-annual/"),
        "{text}"
    );
    assert!(!text.contains("plans/"), "{text}");

    let bad_kind = run(&["万州", "--output", out, "--kind", "page"]);
    assert_eq!(bad_kind.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_kind.stderr).contains("`page` is not a kind of page"));
    let empty = guard.path().join("empty");
    fs::create_dir_all(&empty).expect("folder");
    let no_index = run(&["万州", "--output", empty.to_str().expect("utf-8")]);
    assert_eq!(no_index.status.code(), Some(1));
    let message = String::from_utf8_lossy(&no_index.stderr);
    assert!(
        message.contains("meta.json") && message.contains("planpub build"),
        "{message}"
    );
}
