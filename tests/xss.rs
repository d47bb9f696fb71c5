//! Injection: tests/fixtures/xss is a small site whose front-matter values, plan text,
//! region text and indicator text are XSS payloads (script tags, event handlers, SVG,
//! malformed and nested tags, entity and whitespace tricks, script addresses in HTML
//! and Markdown). Built with the default `raw_html: sanitise` and with `escape`, no
//! page may hold anything a browser would run. `.ci/xss.mjs` opens the same site in
//! headless Chromium with a hook on every way the payloads call out.

mod common;

use std::fs;
use std::path::Path;

use common::Site;
use html5gum::{Token, Tokenizer};

/// Elements that load or run something, or change how the page's addresses resolve;
/// the theme uses none of them but the search page's own form (see [`dangers`]).
const FORBIDDEN: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "base", "form", "style", "template", "math",
    "video", "audio", "source", "marquee",
];

/// What is wrong with one page: every element or attribute that could run a script.
/// `search_page`: the page is search/index.html, whose one form asks that same page
/// (`id="search"`, `action="index.html"`, `method="get"`) and is allowed.
fn dangers(html: &[u8], search_page: bool) -> Vec<String> {
    let mut found = Vec::new();
    for token in Tokenizer::new(html).flatten() {
        let Token::StartTag(tag) = token else {
            continue;
        };
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        let attr = |n: &str| {
            tag.attributes
                .iter()
                .find(|(k, _)| k.as_slice() == n.as_bytes())
                .map(|(_, v)| String::from_utf8_lossy(&v.value).into_owned())
        };
        let own_form = search_page
            && name == "form"
            && attr("id").as_deref() == Some("search")
            && attr("action").as_deref() == Some("index.html")
            && attr("method").as_deref() == Some("get");
        if FORBIDDEN.contains(&name.as_str()) && !own_form {
            found.push(format!("<{name}>"));
        }
        // The theme's scripts are files of the site; none is inline.
        if name == "script" {
            match attr("src") {
                Some(src) if src.ends_with(".js") && !src.contains(':') => {}
                other => found.push(format!("<script src={other:?}>")),
            }
        }
        if name == "meta" && attr("http-equiv").is_some() {
            found.push("<meta http-equiv>".into());
        }
        for (key, value) in &tag.attributes {
            let key = String::from_utf8_lossy(key).to_ascii_lowercase();
            let value = String::from_utf8_lossy(&value.value);
            if key.starts_with("on") || key == "style" || key == "srcdoc" {
                found.push(format!("<{name} {key}>"));
            }
            let compact: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if ["javascript:", "vbscript:", "data:"]
                .iter()
                .any(|s| compact.starts_with(s))
            {
                found.push(format!("<{name} {key}={value:?}>"));
            }
        }
    }
    found
}

fn check_site(output: &Path) -> Vec<String> {
    let mut all = Vec::new();
    for entry in walkdir::WalkDir::new(output)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "html") {
            let html = fs::read(path).expect("read");
            let rel = path.strip_prefix(output).expect("inside");
            let search_page = rel == Path::new("search/index.html");
            let rel = rel.display();
            all.extend(
                dangers(&html, search_page)
                    .into_iter()
                    .map(|d| format!("{rel}: {d}")),
            );
        }
    }
    all
}

#[test]
fn no_payload_survives_in_either_raw_html_mode() {
    for mode in ["sanitise", "escape"] {
        let site = Site::fixture("xss");
        site.edit(
            "site.yaml",
            "description:",
            &format!("raw_html: {mode}\ndescription:"),
        );
        site.build().ok();
        let found = check_site(&site.path("output"));
        assert!(
            found.is_empty(),
            "raw_html: {mode}: {} dangerous elements or attributes:\n{}",
            found.len(),
            found.join("\n")
        );
        // The payloads are shown as the text they are, not dropped: a disclosure
        // states what its source says.
        let plan = site.output("plans/east-action-plan/index.html");
        assert!(plan.contains("&lt;script&gt;alert(&#39;plan-title&#39;)"));
        assert!(
            site.output("regions/east/index.html")
                .contains("&lt;script&gt;")
        );
    }
}

#[test]
fn the_check_itself_finds_payloads() {
    for dirty in [
        "<img src=x onerror=alert(1)>",
        "<a href=' jaVa\tscript:alert(1)'>x</a>",
        "<script>alert(1)</script>",
        "<iframe srcdoc='x'></iframe>",
        "<svg><a xlink:href='javascript:alert(1)'>x</a></svg>",
        "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    ] {
        assert!(!dangers(dirty.as_bytes(), false).is_empty(), "{dirty}");
    }
    assert!(
        dangers(
            b"<script src=\"../elder.js\"></script><a href=\"../a/\">a</a>",
            false
        )
        .is_empty()
    );
    let own = b"<form id=\"search\" action=\"index.html\" method=\"get\"></form>";
    assert!(dangers(own, true).is_empty(), "the search page's own form");
    assert!(!dangers(own, false).is_empty(), "a form anywhere else");
    let away = b"<form id=\"search\" action=\"https://example.org/\" method=\"get\"></form>";
    assert!(
        !dangers(away, true).is_empty(),
        "a form that sends elsewhere"
    );
}
