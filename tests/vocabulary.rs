//! What a site adds to planpub's vocabulary, through `planpub build`, `check` and
//! `schemas`: units declared in content/units.yaml (converted exactly within their
//! base, never across), plan kinds in site.yaml's `plan_kinds`, the national level;
//! and hints that never offer a unit of another kind.

mod common;

use common::Site;

/// The basic fixture with a national region above the city, a catalogue indicator
/// counted in 人 and a plan row that writes its values in 亿 (as national plans do).
fn national() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/regions/china.md",
        "---\nname: 测试国\nlevel: country\n---\n",
    );
    site.edit(
        "content/regions/city.md",
        "level: municipality",
        "level: municipality\nparent: china",
    );
    site.write(
        "content/indicators/insured-people.md",
        "---\nname: 参保人数\nunit: 人\ncategory: 基础\ndirection: higher_is_better\n---\n",
    );
    site.edit(
        "content/plans/east-action-plan/indicators.md",
        "indicators:\n",
        "indicators:\n  - {indicator: insured-people, wording: 参保人数, unit: 亿, measure: stock, baseline: {year: 2024, value: 10.5}, targets: [{year: 2027, value: 10.8, comparator: \"≥\"}], section: 一总体要求}\n",
    );
    site
}

#[test]
fn a_scale_alone_is_refused_without_a_unit_of_another_kind_in_the_hint() {
    let site = national();
    let run = site.check();
    run.fails_with(&[
        "`亿` is not a unit planpub knows",
        "declare it in content/units.yaml",
    ]);
    // 亿 counts people here: never suggest money, and never point at planpub's source.
    assert!(!run.stderr.contains("亿元"), "{}", run.stderr);
    assert!(!run.stderr.contains("src/"), "{}", run.stderr);
}

#[test]
fn a_declared_unit_converts_within_its_base() {
    let site = national();
    site.write(
        "content/units.yaml",
        "# 本站文件中“亿”指亿人。\nunits:\n  - {unit: 亿, base: 人, power: 8}\n",
    );
    site.build().ok();
    let page = site.output("indicators/insured-people/index.html");
    // 10.5 亿 is 1050000000 人, moved by the decimal point, with the source's wording beside it.
    assert!(page.contains("1050000000"), "{page}");
    assert!(page.contains("10.5亿"), "{page}");
    let region = site.output("regions/china/index.html");
    assert!(region.contains("国家"));
}

#[test]
fn a_declared_unit_cannot_change_a_bundled_one_or_be_declared_twice() {
    let site = national();
    site.write(
        "content/units.yaml",
        "units:\n  - {unit: 亿元, base: 人, power: 8}\n  - {unit: 亿, base: 人, power: 8}\n  - {unit: 亿, base: 户, power: 8}\n  - {unit: 兆, base: 人, power: 40}\n",
    );
    site.check().fails_with(&[
        "`亿元` is a unit planpub already knows (元 × 10^8)",
        "the unit `亿` is declared twice (first on line 3)",
        "the power of ten 40 is out of range",
    ]);
}

#[test]
fn plan_kinds_come_from_a_list_the_site_extends() {
    let site = Site::fixture("basic");
    let plan = "content/plans/east-action-plan/index.md";
    site.edit(plan, "kind: 行动计划", "kind: 行动纲领");
    site.check().fails_with(&[
        "`行动纲领` is not a plan kind of this site",
        "add it to `plan_kinds`",
    ]);
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}plan_kinds: [行动纲领]\n"));
    site.build().ok();
    assert!(
        site.output("plans/east-action-plan/index.html")
            .contains("行动纲领")
    );
    // The editors' schemas of this site accept what it declares.
    site.run(&["schemas"]).ok();
    assert!(
        site.read("schemas/plan.schema.json")
            .contains("\"行动纲领\"")
    );
    // Bundled kinds need no declaration.
    site.edit(plan, "kind: 行动纲领", "kind: 三年行动计划");
    site.check().ok();
}

#[test]
fn an_empty_id_says_so() {
    let site = Site::fixture("basic");
    site.edit(
        "content/plans/east-action-plan/indicators.md",
        "indicator: patents-per-10k",
        "indicator: \"\"",
    );
    let run = site.check();
    run.fails_with(&["the id is empty"]);
    assert!(!run.stderr.contains("``"), "{}", run.stderr);
}
