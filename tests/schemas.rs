//! The JSON Schemas in schemas/ are the ones the code generates, every front matter of
//! the bundled site and the test fixtures validates against its schema, and the schemas
//! agree with `planpub check` on what is valid: they reject what the loader rejects for
//! its shape, and never reject what the loader accepts.

mod common;

use std::fs;
use std::path::Path;

use common::{Site, front_matter, repo, schema_errors as errors};
use planpub::schema;
use serde_json::Value;

#[test]
fn committed_schemas_are_the_generated_ones() {
    let dir = repo().join(schema::DIR);
    for (name, generated) in schema::schemas() {
        let committed = fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(
            committed == generated,
            "schemas/{name} differs from what the code generates; run `cargo run -- schemas` and commit the result"
        );
    }
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("schemas/ exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<&str> = schema::schemas().iter().map(|(n, _)| *n).collect();
    expected.sort();
    assert_eq!(
        names, expected,
        "schemas/ holds a file the code no longer generates"
    );
}

#[test]
fn generated_schemas_are_valid_draft_7_and_deterministic() {
    for (name, text) in schema::schemas() {
        let value: Value = serde_json::from_str(&text).expect("JSON");
        assert!(
            jsonschema::draft7::meta::is_valid(&value),
            "{name} is not a valid draft 7 schema"
        );
        assert!(text.ends_with("}\n"), "{name} lacks its final newline");
    }
    assert_eq!(schema::schemas(), schema::schemas());
}

/// The schema of a file of a site, by where the file stands.
fn schema_name(rel: &str) -> Option<&'static str> {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        ["site.yaml"] => Some(schema::SITE),
        ["content", "regions", f] if f.ends_with(".md") => Some(schema::REGION),
        ["content", "plans", _, "index.md"] => Some(schema::PLAN),
        ["content", "plans", _, "indicators.md"] => Some(schema::INDICATORS),
        ["content", "indicators", f] if f.ends_with(".md") => Some(schema::INDICATOR),
        _ => None,
    }
}

/// Every front matter of the site at `root` with its schema, as (relative path,
/// schema, YAML): site.yaml and the files under content/.
fn front_matters(root: &Path) -> Vec<(String, &'static str, String)> {
    let content = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path());
    std::iter::once(root.join("site.yaml"))
        .chain(content)
        .filter_map(|path| {
            let rel = path
                .strip_prefix(root)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let name = schema_name(&rel)?;
            let text = fs::read_to_string(&path).expect("UTF-8");
            let yaml = front_matter(&rel, &text);
            Some((rel, name, yaml))
        })
        .collect()
}

fn assert_all_valid(root: &Path, at_least: usize) {
    let files = front_matters(root);
    assert!(
        files.len() >= at_least,
        "found only {} files under {}",
        files.len(),
        root.display()
    );
    for name in [
        schema::SITE,
        schema::REGION,
        schema::PLAN,
        schema::INDICATORS,
        schema::INDICATOR,
    ] {
        assert!(
            files.iter().any(|(_, n, _)| *n == name),
            "no file for {name} under {}",
            root.display()
        );
    }
    for (rel, name, yaml) in &files {
        let errs = errors(name, yaml);
        assert!(
            errs.is_empty(),
            "{rel} against {name}:\n{}",
            errs.join("\n")
        );
    }
}

#[test]
fn every_front_matter_of_the_bundled_site_validates() {
    // site.yaml, 5 regions, 6 plans with their tables and the catalogue.
    assert_all_valid(&repo(), 100);
}

#[test]
fn every_front_matter_of_the_fixture_sites_validates() {
    assert_all_valid(&repo().join("tests/fixtures/basic"), 10);
    assert_all_valid(&repo().join("tests/fixtures/compare"), 5);
}

#[test]
fn the_examples_in_the_content_format_validate() {
    let doc = fs::read_to_string(repo().join("docs/content-format.md")).expect("docs");
    let sections = [
        ("## site.yaml", schema::SITE, "site.yaml"),
        ("## content/regions/", schema::REGION, "x.md"),
        ("## content/plans/&lt;id&gt;/index.md", schema::PLAN, "x.md"),
        (
            "## content/plans/&lt;id&gt;/indicators.md",
            schema::INDICATORS,
            "x.md",
        ),
        ("## content/indicators/", schema::INDICATOR, "x.md"),
    ];
    for (heading, name, rel) in sections {
        let at = doc
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} in docs"));
        let block = doc[at..]
            .split("```yaml\n")
            .nth(1)
            .and_then(|b| b.split("```").next())
            .unwrap_or_else(|| panic!("a yaml example under {heading}"));
        let yaml = front_matter(
            if rel.ends_with(".yaml") {
                "site.yaml"
            } else {
                rel
            },
            block,
        );
        let errs = errors(name, &yaml);
        assert!(errs.is_empty(), "{heading}:\n{}", errs.join("\n"));
    }
}

#[test]
fn wrong_documents_are_rejected() {
    let cases = [
        // An unknown field, at the top and nested.
        (
            schema::REGION,
            "name: 东区\nlevel: district\nnmae: x\n",
            "nmae",
        ),
        (
            schema::SITE,
            "title: t\nbase_url: https://x.cn/\nfooter: {hots: x}\n",
            "hots",
        ),
        // A required field missing.
        (schema::REGION, "name: 东区\n", "level"),
        (schema::PLAN, "title: t\nkind: 规划\n", "region"),
        (
            schema::INDICATORS,
            "indicators:\n  - {indicator: a, wording: w, unit: 件, measure: stock}\n",
            "section",
        ),
        // A wrong type.
        (
            schema::PLAN,
            "title: t\nregion: r\nkind: 规划\nissuers: 东区人民政府\n",
            "issuers",
        ),
        (
            schema::PLAN,
            "title: t\nregion: r\nkind: 规划\nperiod: {start: [2025], end: 2027}\n",
            "start",
        ),
        (
            schema::INDICATOR,
            "name: [a]\nunit: 件\ncategory: 创造\ndirection: higher_is_better\n",
            "name",
        ),
        // A value outside a closed set.
        (schema::PLAN, "title: t\nregion: r\nkind: 计划\n", "kind"),
        (
            schema::INDICATORS,
            "indicators:\n  - {indicator: a, wording: w, unit: 斤, measure: stock, section: s}\n",
            "unit",
        ),
        (
            schema::INDICATORS,
            "indicators:\n  - indicator: a\n    wording: w\n    unit: 件\n    measure: stock\n    section: s\n    targets: [{year: 2027, value: 1, comparator: \"≈\"}]\n",
            "comparator",
        ),
        // An empty required field.
        (schema::REGION, "name: \"\"\nlevel: district\n", "name"),
        (schema::REGION, "name: 东区\nlevel: \"\"\n", "level"),
    ];
    for (name, yaml, field) in cases {
        let errs = errors(name, yaml);
        assert!(!errs.is_empty(), "{name} accepted:\n{yaml}");
        assert!(
            errs.iter().any(|e| e.contains(field)),
            "{name}: no error names `{field}`:\n{}",
            errs.join("\n")
        );
    }
}

/// Edits one file of the basic fixture and asserts that `planpub check` and the schema
/// both accept it, or that both reject it.
fn agree(rel: &str, from: &str, to: &str, valid: bool) {
    let site = Site::fixture("basic");
    site.edit(rel, from, to);
    let check = site.check();
    let name = schema_name(rel).expect("a front-matter file");
    let errs = errors(name, &front_matter(rel, &site.read(rel)));
    assert_eq!(check.code == 0, valid, "check on `{to}`:\n{}", check.stderr);
    assert_eq!(
        errs.is_empty(),
        valid,
        "schema on `{to}`:\n{}",
        errs.join("\n")
    );
}

const TABLE: &str = "content/plans/east-action-plan/indicators.md";
const PLAN: &str = "content/plans/east-action-plan/index.md";

#[test]
fn the_schemas_accept_what_the_loader_accepts() {
    // Years and values as numbers or text; spellings the model reads.
    agree(
        TABLE,
        "{year: 2024, value: \"15.20\"}",
        "{year: \"2024\", value: 15.2}",
        true,
    );
    agree(TABLE, "comparator: \">\"", "comparator: \">=\"", true);
    agree(TABLE, "unit: 亿元", "unit: 亿元\n    attribute: \"\"", true);
    agree(TABLE, "unit: 件", "unit: 万件", true);
    agree(
        PLAN,
        "kind: 行动计划",
        "kind: 行动计划\nstatus:\nhorizon: \"\"\nindex_number:",
        true,
    );
    agree(
        PLAN,
        "kind: 行动计划",
        "kind: 行动计划\nstatus: 已修订",
        true,
    );
    agree(
        "content/regions/east.md",
        "parent: city",
        "parent: city\npopulation: 800000\nresponsible_units:\n  - {name: 东区市场监管局, aliases: [区市场监管局]}",
        true,
    );
    agree(
        "site.yaml",
        "site_code: \"5000000001\"",
        "site_code: 5000000001",
        true,
    );
}

#[test]
fn the_full_width_percent_sign_is_a_unit() {
    let yaml = "name: n\nunit: ％\ncategory: 运用\ndirection: higher_is_better\n";
    assert_eq!(errors(schema::INDICATOR, yaml), Vec::<String>::new());
}

#[test]
fn the_schemas_reject_what_the_loader_rejects() {
    agree(TABLE, "measure: stock", "measure: stocks", false);
    agree(TABLE, "comparator: \">\"", "comparator: \"≈\"", false);
    agree(TABLE, "unit: 件", "unit: 斤", false);
    agree(
        PLAN,
        "kind: 行动计划",
        "kind: 行动计划\nstatus: 有效",
        false,
    );
    agree(PLAN, "region: east", "regoin: east", false);
    agree(
        PLAN,
        "title: 东区知识产权行动计划（2025—2027年）",
        "title: \"\"",
        false,
    );
    agree(
        PLAN,
        "copied_to: [区委办公室, 区法院]",
        "copied_to: {a: 区委办公室}",
        false,
    );
    agree(
        "content/regions/east.md",
        "level: district",
        "level: \"\"",
        false,
    );
}

#[test]
fn the_command_writes_the_generated_schemas() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("nested/schemas");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_planpub"))
        .args(["schemas", "--out"])
        .arg(&dir)
        .output()
        .expect("planpub runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for (name, text) in schema::schemas() {
        assert_eq!(
            fs::read_to_string(dir.join(name)).expect("written"),
            text,
            "{name}"
        );
    }
}
