//! Every class of bad input makes `planpub build` and `planpub check` exit 1 with a
//! report that names the file, the line and column, and a hint — never a panic.

mod common;

use common::Site;

const PLAN: &str = "content/plans/east-action-plan/index.md";
const TABLE: &str = "content/plans/east-action-plan/indicators.md";

/// Breaks the fixture with `edit`, then checks that both commands fail and that the
/// report names `file:line:` and every needle.
fn assert_reported(edit: impl Fn(&Site), file: &str, line_of: &str, needles: &[&str]) {
    let site = Site::fixture("basic");
    edit(&site);
    let line = site.line_of(file, line_of);
    let at = format!("{file}:{line}:");
    let mut all = vec![at.as_str()];
    all.extend_from_slice(needles);
    site.check().fails_with(&all);
    site.build().fails_with(&all);
    assert!(!site.path("output").exists(), "a failed build wrote output");
}

#[test]
fn invalid_yaml_syntax() {
    assert_reported(
        |s| s.edit(PLAN, "region: east", "region: [east"),
        PLAN,
        "region: [east",
        &["planpub::load::yaml"],
    );
}

#[test]
fn unknown_field_suggests_the_right_one() {
    assert_reported(
        |s| s.edit(PLAN, "region: east", "regoin: east"),
        PLAN,
        "regoin",
        &["unknown field `regoin`", "did you mean `region`?"],
    );
}

#[test]
fn unknown_field_in_nested_mapping() {
    assert_reported(
        |s| {
            s.edit(
                TABLE,
                "{year: 2024, value: \"15.20\"}",
                "{year: 2024, valeu: \"15.20\"}",
            )
        },
        TABLE,
        "valeu",
        &["unknown field `valeu`", "did you mean `value`?"],
    );
}

#[test]
fn missing_required_field() {
    assert_reported(
        |s| s.edit("content/regions/east.md", "name: 东区\n", ""),
        "content/regions/east.md",
        "level: district",
        &["missing field `name`", "add the field"],
    );
}

#[test]
fn wrong_type() {
    assert_reported(
        |s| s.edit(PLAN, "issuers: [东区人民政府]", "issuers: {a: 1}"),
        PLAN,
        "issuers:",
        &["planpub::load::yaml"],
    );
}

#[test]
fn invalid_choice_suggests() {
    assert_reported(
        |s| s.edit(TABLE, "measure: cumulative", "measure: cumulativ"),
        TABLE,
        "measure: cumulativ",
        &[
            "`cumulativ` is not a valid measure",
            "did you mean `cumulative`?",
        ],
    );
}

#[test]
fn empty_choice_is_named_as_empty() {
    assert_reported(
        |s| s.edit(TABLE, "measure: cumulative", "measure: \"\""),
        TABLE,
        "measure: \"\"",
        &["`measure` is empty", "planpub::model::empty"],
    );
}

#[test]
fn impossible_date() {
    assert_reported(
        |s| s.edit(PLAN, "date_written: 2025-06-23", "date_written: 2025-02-30"),
        PLAN,
        "2025-02-30",
        &["that month has no such day", "YYYY-MM-DD"],
    );
}

#[test]
fn unknown_unit() {
    assert_reported(
        |s| s.edit(TABLE, "unit: 亿元", "unit: 亿圆"),
        TABLE,
        "亿圆",
        &["`亿圆` is not a unit planpub knows"],
    );
}

#[test]
fn value_that_is_not_a_number() {
    assert_reported(
        |s| s.edit(TABLE, "value: 18.5", "value: 十八点五"),
        TABLE,
        "十八点五",
        &["`十八点五` is not a number", "measure: qualitative"],
    );
}

#[test]
fn invalid_comparator() {
    assert_reported(
        |s| s.edit(TABLE, "comparator: \">\"", "comparator: \"=>\""),
        TABLE,
        "=>",
        &["not a valid comparator"],
    );
}

#[test]
fn unknown_region_reference() {
    assert_reported(
        |s| s.edit(PLAN, "region: east", "region: eest"),
        PLAN,
        "region: eest",
        &["there is no region `eest`", "did you mean `east`?"],
    );
}

#[test]
fn unknown_plan_reference() {
    assert_reported(
        |s| {
            s.edit(
                PLAN,
                "based_on: [city-outline]",
                "based_on: [city-outlines]",
            )
        },
        PLAN,
        "city-outlines",
        &[
            "there is no plan `city-outlines`",
            "did you mean `city-outline`?",
        ],
    );
}

#[test]
fn unknown_indicator_reference() {
    assert_reported(
        |s| {
            s.edit(
                TABLE,
                "indicator: pledge-financing-cumulative",
                "indicator: pledge-financing",
            )
        },
        TABLE,
        "indicator: pledge-financing",
        &[
            "there is no indicator `pledge-financing`",
            "did you mean `pledge-financing-cumulative`?",
        ],
    );
}

#[test]
fn unknown_section() {
    assert_reported(
        |s| s.edit(TABLE, "section: annex-1", "section: annex-2"),
        TABLE,
        "annex-2",
        &[
            "no heading with the anchor `annex-2`",
            "did you mean `annex-1`?",
        ],
    );
}

#[test]
fn target_outside_period() {
    assert_reported(
        |s| {
            s.edit(
                TABLE,
                "{year: 2027, value: 18.5",
                "{year: 2030, value: 18.5",
            )
        },
        TABLE,
        "2030",
        &["outside the plan's period 2025–2027"],
    );
}

#[test]
fn parent_cycle() {
    assert_reported(
        |s| {
            s.edit(
                PLAN,
                "based_on: [city-outline]",
                "based_on: [city-outline]\nparent: east-work-points",
            )
        },
        "content/plans/east-work-points/index.md",
        "parent: east-action-plan",
        &[
            "makes a cycle",
            "east-action-plan → east-work-points → east-action-plan",
        ],
    );
}

#[test]
fn based_on_cycle() {
    assert_reported(
        |s| {
            s.edit(
                "content/plans/city-outline/index.md",
                "kind: 纲要",
                "kind: 纲要\nbased_on: [east-action-plan]",
            )
        },
        PLAN,
        "based_on: [city-outline]",
        &[
            "`based_on` makes a cycle",
            "city-outline → east-action-plan → city-outline",
        ],
    );
}

#[test]
fn reversed_period() {
    assert_reported(
        |s| {
            s.edit(
                PLAN,
                "period: {start: 2025, end: 2027}",
                "period: {start: 2027, end: 2025}",
            )
        },
        PLAN,
        "period:",
        &["ends (2025) before it starts (2027)"],
    );
}

#[test]
fn duplicate_heading_anchor() {
    assert_reported(
        |s| s.edit(PLAN, "## 附件1 {#annex-1}", "## 附件1 {#task-1}"),
        PLAN,
        "## 附件1 {#task-1}",
        &["the anchor `task-1` is used by two headings"],
    );
}

#[test]
fn missing_front_matter() {
    assert_reported(
        |s| s.write("content/regions/east.md", "name: 东区\nlevel: district\n"),
        "content/regions/east.md",
        "name: 东区",
        &["does not start with front matter"],
    );
}

#[test]
fn unclosed_front_matter() {
    assert_reported(
        |s| {
            s.write(
                "content/regions/east.md",
                "---\nname: 东区\nlevel: district\n",
            )
        },
        "content/regions/east.md",
        "---",
        &["front matter is not closed"],
    );
}

#[test]
fn template_syntax_error_names_the_template() {
    let site = Site::fixture("basic");
    site.edit(
        "themes/default/templates/plan.html",
        "{% if plan.toc %}",
        "{% if plan.toc %",
    );
    // Tera notices the unclosed tag where the next line starts.
    let line = site.line_of("themes/default/templates/plan.html", "{% if plan.toc %") + 1;
    let at = format!("themes/default/templates/plan.html:{line}:");
    site.check()
        .fails_with(&[&at, "template error", "fix templates/plan.html"]);
    site.build().fails_with(&[&at]);
}

#[test]
fn template_rendering_error_names_the_template_and_page() {
    assert_reported(
        |s| {
            s.edit(
                "themes/default/templates/region.html",
                "{{ region.summary.link.name }}</h1>",
                "{{ region.no_such_field }}</h1>",
            )
        },
        "themes/default/templates/region.html",
        "no_such_field",
        &["template error", "while rendering regions/"],
    );
}

#[test]
fn not_utf8() {
    let site = Site::fixture("basic");
    let mut bytes = b"---\nname: \xb6\xab\xc7\xf8\nlevel: district\n---\n".to_vec();
    bytes.extend_from_slice(b"\n");
    std::fs::write(site.path("content/regions/east.md"), bytes).unwrap();
    site.check()
        .fails_with(&["content/regions/east.md:2:", "not valid UTF-8", "GBK"]);
}

#[test]
fn missing_template() {
    let site = Site::fixture("basic");
    std::fs::remove_file(site.path("themes/default/templates/indicator.html")).unwrap();
    site.check().fails_with(&[
        "the theme has no template `indicator.html`",
        "add templates/indicator.html",
    ]);
    site.build().fails_with(&["indicator.html"]);
}

#[test]
fn broken_link_in_plan_text() {
    let site = Site::fixture("basic");
    site.edit(
        PLAN,
        "完善政策。",
        "完善政策，见[附件](../no-such-plan/index.html)。",
    );
    site.check().fails_with(&[
        "plans/east-action-plan/index.html links to `../no-such-plan/index.html`",
        "does not exist",
    ]);
}

#[test]
fn misplaced_file() {
    let site = Site::fixture("basic");
    site.write("content/plans/stray.md", "---\ntitle: x\n---\n");
    site.check().fails_with(&["stray.md", "a plan is a folder"]);
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let site = Site::fixture("basic");
    site.edit(PLAN, "region: east", "regoin: east");
    site.edit(
        "content/regions/city.md",
        "level: municipality",
        "level: municipal",
    );
    site.edit(
        "content/plans/city-outline/indicators.md",
        "unit: 件",
        "unit: 件件",
    );
    site.edit(
        "content/plans/city-outline/index.md",
        "kind: 纲要",
        "kind: 大纲",
    );
    let run = site.check();
    run.fails_with(&["regoin", "municipal", "件件", "大纲", "4 errors"]);
}

#[test]
fn bom_and_crlf_are_accepted() {
    let site = Site::fixture("basic");
    let text = site.read("content/regions/east.md").replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(site.path("content/regions/east.md"), bytes).unwrap();
    let plan = site.read(PLAN).replace('\n', "\r\n");
    site.write(PLAN, &plan);
    site.build().ok();
    assert!(
        site.output("plans/east-action-plan/index.html")
            .contains("<h4 id=\"task-1\">")
    );
}

#[test]
fn file_names_with_spaces_and_chinese_are_accepted() {
    let site = Site::fixture("basic");
    std::fs::rename(
        site.path("content/regions/east.md"),
        site.path("content/regions/东 区.md"),
    )
    .unwrap();
    for f in [PLAN, "content/plans/east-work-points/index.md"] {
        site.edit(f, "region: east", "region: 东 区");
    }
    site.build().ok();
    assert!(site.path("output/regions/东 区/index.html").is_file());
    assert!(
        site.output("regions/index.html")
            .contains("href=\"../regions/%E4%B8%9C%20%E5%8C%BA/index.html\"")
    );
}

#[test]
fn web_addresses_in_site_yaml_must_be_http() {
    assert_reported(
        |s| {
            s.edit(
                "site.yaml",
                "https://www.example.gov.cn/zwgk/ghjh/",
                "www.example.gov.cn",
            )
        },
        "site.yaml",
        "base_url:",
        &["`www.example.gov.cn`", "https://"],
    );
    assert_reported(
        |s| {
            s.edit(
                "site.yaml",
                "https://zfwzzc.example.gov.cn/report?site=5000000001",
                "javascript:alert(1)",
            )
        },
        "site.yaml",
        "error_report:",
        &["`javascript:alert(1)`"],
    );
}
