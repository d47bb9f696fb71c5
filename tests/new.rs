//! `planpub new region` and `planpub new plan`, through the binary on a copy of the
//! bundled site: the files have every field, point at their schema, pass `planpub
//! check` once the required values are given, make `check` name exactly the empty
//! required fields when they are not, and nothing is written when anything is wrong.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Site, front_matter, schema_errors, schema_value, yaml_value};
use planpub::schema;

const REGION: &str = "content/regions/bishan.md";
const PLAN: &str = "content/plans/bishan-ip-plan-2025-2027/index.md";
const TABLE: &str = "content/plans/bishan-ip-plan-2025-2027/indicators.md";

fn new_region(site: &Site, args: &[&str]) -> common::Run {
    let mut all = vec!["new", "region", "bishan"];
    all.extend_from_slice(args);
    site.run(&all)
}

fn new_plan(site: &Site, region: &str, args: &[&str]) -> common::Run {
    let mut all = vec![
        "new",
        "plan",
        "bishan-ip-plan-2025-2027",
        "--region",
        region,
    ];
    all.extend_from_slice(args);
    site.run(&all)
}

/// The `error:` lines of a failed check, reduced to `file:line: message`.
fn check_errors(site: &Site) -> BTreeSet<String> {
    let run = site.check();
    assert_eq!(run.code, 1, "check passed:\n{}", run.stdout);
    run.stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error: "))
        .map(|l| {
            // file:line:col: message → file:line: message
            let mut parts = l.splitn(4, ':');
            let (file, line, _col, msg) = (
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or("").trim(),
            );
            format!("{file}:{line}: {msg}")
        })
        .collect()
}

#[test]
fn a_region_with_its_values_passes_check() {
    let site = Site::bundled();
    new_region(
        &site,
        &[
            "--name",
            "璧山区",
            "--level",
            "district",
            "--parent",
            "chongqing",
        ],
    )
    .ok();
    let text = site.read(REGION);
    assert!(text.contains("name: 璧山区"), "{text}");
    assert!(text.contains("level: district"));
    assert!(text.contains("parent: chongqing"));
    site.check().ok();
}

#[test]
fn a_plan_with_its_values_passes_check() {
    let site = Site::bundled();
    let title = "重庆市璧山区知识产权行动计划（2025—2027年）";
    new_region(
        &site,
        &[
            "--name",
            "璧山区",
            "--level",
            "district",
            "--parent",
            "chongqing",
        ],
    )
    .ok();
    new_plan(&site, "bishan", &["--title", title, "--kind", "行动计划"]).ok();
    let text = site.read(PLAN);
    assert!(text.contains(&format!("title: {title}")), "{text}");
    assert!(text.contains("region: bishan"));
    assert!(text.contains("kind: 行动计划"));
    site.check().ok();
    // The built site has the new plan's page.
    site.build().ok();
    assert!(
        site.output("plans/bishan-ip-plan-2025-2027/index.html")
            .contains("璧山区知识产权行动计划")
    );
}

#[test]
fn without_values_check_names_exactly_the_empty_required_fields() {
    let site = Site::bundled();
    new_region(&site, &[]).ok();
    new_plan(&site, "dazu", &[]).ok();
    let at = |file: &str, key: &str| {
        format!(
            "{file}:{}: `{key}` is empty",
            site.line_of(file, &format!("{key}: \"\""))
        )
    };
    let expected: BTreeSet<String> = [
        at(REGION, "name"),
        at(REGION, "level"),
        at(PLAN, "title"),
        at(PLAN, "kind"),
    ]
    .into();
    assert_eq!(check_errors(&site), expected);
}

#[test]
fn every_file_starts_with_its_schema_and_validates_against_it() {
    let site = Site::bundled();
    new_region(&site, &["--name", "璧山区", "--level", "district"]).ok();
    new_plan(
        &site,
        "bishan",
        &["--title", "璧山区规划", "--kind", "规划"],
    )
    .ok();
    for (rel, name) in [
        (REGION, schema::REGION),
        (PLAN, schema::PLAN),
        (TABLE, schema::INDICATORS),
    ] {
        let text = site.read(rel);
        let second = text.lines().nth(1).unwrap_or("");
        let target = second
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{rel} line 2 is `{second}`"));
        // The path is relative to the file and reaches the site's schemas/ folder.
        let resolved = site.path(rel).parent().expect("folder").join(target);
        let resolved = resolved.canonicalize().expect("the schema path resolves");
        let wanted = site.path("schemas").join(name);
        assert_eq!(resolved, wanted.canonicalize().expect("schema"), "{rel}");
        let errs = schema_errors(name, &front_matter(rel, &text));
        assert!(errs.is_empty(), "{rel}:\n{}", errs.join("\n"));
    }
}

/// The names of a schema's properties, at its root or in a definition.
fn properties(schema: &str, definition: Option<&str>) -> BTreeSet<String> {
    let value = schema_value(schema);
    let object = match definition {
        Some(d) => &value["definitions"][d],
        None => &value,
    };
    object["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .cloned()
        .collect()
}

fn keys(yaml: &serde_json::Value) -> BTreeSet<String> {
    yaml.as_object()
        .expect("a mapping")
        .keys()
        .cloned()
        .collect()
}

/// The front matter with the commented example under the field `marker` put in: the
/// example's lines (`#` and an indent) lose their `#`, up to the next field.
fn uncomment_after(yaml: &str, marker: &str, replace: (&str, &str)) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in yaml.lines() {
        let line = if line.starts_with(marker) {
            inside = true;
            line.replacen(replace.0, replace.1, 1)
        } else if inside && line.starts_with("#  ") {
            line[1..].to_string()
        } else if inside && line.starts_with('#') {
            line.to_string()
        } else {
            inside = false;
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn every_field_is_present_and_the_examples_show_every_nested_field() {
    let site = Site::bundled();
    new_region(&site, &[]).ok();
    new_plan(&site, "dazu", &[]).ok();

    let region = front_matter(REGION, &site.read(REGION));
    assert_eq!(keys(&yaml_value(&region)), properties(schema::REGION, None));
    let filled = uncomment_after(&region, "responsible_units:", ("[]", ""));
    let units = &yaml_value(&filled)["responsible_units"][0];
    assert_eq!(
        keys(units),
        properties(schema::REGION, Some("RawResponsibleUnit"))
    );

    let plan = front_matter(PLAN, &site.read(PLAN));
    assert_eq!(keys(&yaml_value(&plan)), properties(schema::PLAN, None));
    let filled = uncomment_after(&plan, "notice:", ("", ""));
    let filled = uncomment_after(&filled, "errata:", ("[]", ""));
    let value = yaml_value(&filled);
    assert_eq!(
        keys(&value["notice"]),
        properties(schema::PLAN, Some("RawNotice"))
    );
    assert_eq!(
        keys(&value["errata"][0]),
        properties(schema::PLAN, Some("RawErratum"))
    );

    let table = front_matter(TABLE, &site.read(TABLE));
    assert_eq!(
        keys(&yaml_value(&table)),
        properties(schema::INDICATORS, None)
    );
    let filled = uncomment_after(&table, "indicators:", ("[]", ""));
    let entry = &yaml_value(&filled)["indicators"][0];
    assert_eq!(
        keys(entry),
        properties(schema::INDICATORS, Some("RawEntry"))
    );
    let errs = schema_errors(schema::INDICATORS, &filled);
    assert!(errs.is_empty(), "the example:\n{}", errs.join("\n"));
}

/// Asserts that a run failed with exit code 1, named `needles`, and wrote nothing.
fn refused(site: &Site, run: &common::Run, needles: &[&str]) {
    run.fails_with(needles);
    for rel in [REGION, PLAN, TABLE] {
        assert!(!site.path(rel).exists(), "{rel} was written");
    }
    assert!(
        !site.path("content/plans/bishan-ip-plan-2025-2027").exists(),
        "a plan folder was left"
    );
}

#[test]
fn invalid_ids_are_refused() {
    let site = Site::bundled();
    let run = site.run(&["new", "region", "Bishan"]);
    refused(
        &site,
        &run,
        &["`Bishan` is not a valid region id", "lower-case"],
    );
    let run = site.run(&["new", "plan", "bishan/plan", "--region", "dazu"]);
    refused(&site, &run, &["`bishan/plan` is not a valid plan id"]);
}

#[test]
fn unknown_regions_are_refused_with_the_file_expected() {
    let site = Site::bundled();
    let run = new_plan(&site, "dazuu", &["--title", "t"]);
    refused(
        &site,
        &run,
        &[
            "content/regions/dazuu.md",
            "there is no region `dazuu`",
            "did you mean `dazu`?",
            "planpub::new::unknown_region",
        ],
    );
    let run = new_region(&site, &["--parent", "chongqin"]);
    refused(
        &site,
        &run,
        &[
            "content/regions/chongqin.md",
            "did you mean `chongqing`?",
            "--parent",
        ],
    );
}

#[test]
fn values_outside_the_closed_sets_are_refused() {
    let site = Site::bundled();
    let run = new_region(&site, &["--level", "distric"]);
    refused(
        &site,
        &run,
        &["`distric` is not a valid level", "did you mean `district`?"],
    );
    let run = new_plan(&site, "dazu", &["--kind", "计划"]);
    refused(&site, &run, &["`计划` is not a valid kind"]);
}

#[test]
fn existing_files_are_never_overwritten() {
    let site = Site::bundled();
    let run = site.run(&["new", "region", "dazu"]);
    run.fails_with(&["refusing to overwrite", "content/regions/dazu.md"]);
    assert_eq!(
        site.read("content/regions/dazu.md"),
        std::fs::read_to_string(common::repo().join("content/regions/dazu.md")).expect("read")
    );

    // An index.md already there: nothing is written, not even indicators.md.
    site.write(PLAN, "mine\n");
    let run = new_plan(&site, "dazu", &[]);
    run.fails_with(&["refusing to overwrite", PLAN]);
    assert_eq!(site.read(PLAN), "mine\n");
    assert!(!site.path(TABLE).exists());

    // An indicators.md alone: no index.md is written and the folder stays as it was.
    std::fs::remove_file(site.path(PLAN)).expect("remove");
    site.write(TABLE, "mine\n");
    let run = new_plan(&site, "dazu", &[]);
    run.fails_with(&["refusing to overwrite", TABLE]);
    assert!(!site.path(PLAN).exists());
    assert_eq!(site.read(TABLE), "mine\n");
}

#[test]
fn a_write_error_leaves_no_folder_behind() {
    let site = Site::bundled();
    // A file where the plan's folder would be: the folder cannot be made.
    let bundle = "content/plans/bishan-ip-plan-2025-2027";
    site.write(bundle, "not a folder\n");
    let run = new_plan(&site, "dazu", &[]);
    run.fails_with(&["cannot write", "planpub::new::write"]);
    assert_eq!(site.read(bundle), "not a folder\n");
}

#[test]
fn outside_a_site_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_planpub"))
        .args(["new", "region", "bishan", "--root"])
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no site.yaml"));
    assert!(is_empty(dir.path()));
}

fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

#[test]
fn a_site_without_schemas_is_told_how_to_get_them() {
    let site = Site::fixture("basic");
    let run = site.run(&[
        "new", "region", "west", "--name", "西区", "--level", "district",
    ]);
    run.ok();
    assert!(
        run.stdout
            .contains("region.schema.json; run `planpub schemas`"),
        "{}",
        run.stdout
    );
    let with = Site::bundled();
    let run = with.run(&["new", "region", "west"]);
    run.ok();
    assert!(!run.stdout.contains("planpub schemas"), "{}", run.stdout);
}
