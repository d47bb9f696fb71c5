//! An indicator set by more plans than one page holds is split by branch of the region
//! tree: its own page becomes an overview of the parts, each part a page of its own
//! (`link::parts`). Built through `planpub build` and the preview over a generated
//! site: a country, two provinces under it, and 51 districts in each, every region
//! with one plan of the one indicator (105 rows, over the 100 one page holds).

mod common;

use std::fmt::Write as _;
use std::sync::Arc;

use common::Site;
use common::preview::{built, pages, same};
use planpub::engine::preview::Preview;
use planpub::progress::Quiet;

const DISTRICTS: usize = 51;

/// Region ids in region order: the country, then each province and its districts.
fn regions() -> Vec<(String, &'static str, Option<String>)> {
    let mut out = vec![("nation".to_string(), "country", None)];
    for p in ["north", "south"] {
        out.push((p.to_string(), "province", Some("nation".to_string())));
        for d in 1..=DISTRICTS {
            out.push((format!("{p}-{d:02}"), "district", Some(p.to_string())));
        }
    }
    out
}

/// The target each region's plan sets for 2025: distinct, so a page shows whose it is.
fn target(n: usize) -> usize {
    1000 + n
}

fn split_site() -> Site {
    let site = Site::fixture("basic");
    for dir in ["content/plans", "content/regions", "content/indicators"] {
        std::fs::remove_dir_all(site.path(dir)).ok();
    }
    std::fs::remove_dir_all(site.path("content/reports")).ok();
    site.write(
        "content/indicators/trademarks.md",
        "---\nname: 有效注册商标量\nunit: 件\ncategory: 创造\ndirection: higher_is_better\n---\n",
    );
    site.write(
        "content/indicators/patents.md",
        "---\nname: 发明专利拥有量\nunit: 件\ncategory: 创造\ndirection: higher_is_better\n---\n",
    );
    for (n, (id, level, parent)) in regions().into_iter().enumerate() {
        let mut region = format!("---\nname: {id}地区\nlevel: {level}\n");
        if let Some(parent) = parent {
            let _ = writeln!(region, "parent: {parent}");
        }
        region.push_str("---\n");
        site.write(&format!("content/regions/{id}.md"), &region);
        site.write(
            &format!("content/plans/{id}-plan/index.md"),
            &format!(
                "---\ntitle: {id}地区知识产权规划\nregion: {id}\nkind: 规划\nperiod: {{start: 2021, end: 2025}}\n---\n## 目标 {{#goals}}\n\n到2025年，发明专利拥有量达到{}件。\n",
                target(n)
            ),
        );
        site.write(
            &format!("content/plans/{id}-plan/indicators.md"),
            &format!(
                "---\nindicators:\n  - indicator: patents\n    wording: 发明专利拥有量\n    unit: 件\n    measure: stock\n    targets:\n      - {{year: 2025, value: {}, comparator: \"≥\"}}\n    section: goals\n---\n",
                target(n)
            ),
        );
    }
    site
}

/// The text of `html`'s `<main>`, its tags dropped.
fn main_text(html: &str) -> String {
    let main = &html[html.find("<main").expect("main")..html.find("</main>").expect("/main")];
    let mut text = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn an_indicator_with_many_rows_has_an_overview_and_a_page_per_part() {
    let site = split_site();
    site.build().ok();
    let overview = site.output("indicators/patents/index.html");
    // The overview links each province's part, says how many regions and plans it
    // holds, and states the country's own row in full: the bar the parts are set under.
    for part in ["north", "south"] {
        assert!(
            overview.contains(&format!(
                "href=\"../../indicators/patents/{part}/index.html\""
            )),
            "no link to the {part} part"
        );
    }
    let text = main_text(&overview);
    assert!(text.contains("设定地区 105 个"), "{text}");
    assert!(text.contains("north地区及下辖地区 52 个 52 件"), "{text}");
    assert!(text.contains("上级地区的目标"), "{text}");
    assert!(
        text.contains(&target(0).to_string()),
        "the country's target"
    );
    assert!(
        !text.contains(&target(1).to_string()),
        "a province's target is on its part's page, not the overview"
    );

    // Each part states every row set within it, and no other.
    for (n, (id, _, _)) in regions().into_iter().enumerate().skip(1) {
        let part = if id.starts_with("north") {
            "north"
        } else {
            "south"
        };
        let other = if part == "north" { "south" } else { "north" };
        let value = target(n).to_string();
        assert!(
            main_text(&site.output(&format!("indicators/patents/{part}/index.html")))
                .contains(&value),
            "{id}'s target {value} missing from the {part} part"
        );
        assert!(
            !site
                .output(&format!("indicators/patents/{other}/index.html"))
                .contains(&format!("{value}</")),
            "{id}'s target {value} on the {other} part"
        );
    }
    let north = main_text(&site.output("indicators/patents/north/index.html"));
    assert!(
        north.contains("设定地区 52 个（north地区及下辖地区）"),
        "{north}"
    );
    assert!(
        !north.contains("nation地区知识产权规划"),
        "the country's row is on the overview"
    );
    // A district's page and its plan's page link the indicator's part they are in.
    for page in [
        "regions/south-07/index.html",
        "plans/south-07-plan/index.html",
    ] {
        assert!(
            site.output(page)
                .contains("href=\"../../indicators/patents/south/index.html\""),
            "{page} does not link the south part"
        );
    }
    let main = &overview[overview.find("<main").expect("main")..];
    insta::assert_snapshot!(
        "indicator_overview",
        &main[..=main.find("</main>").expect("/main")]
    );
}

#[test]
fn the_preview_of_a_split_indicator_follows_a_value_edit_as_a_full_build_does() {
    let site = split_site();
    let mut preview = Preview::new(site.root());
    let before = preview.build(&Quiet).expect("first build").files;
    // A district's target: its part's page and the overview's counts change, and the
    // other part's page is not rendered again.
    site.edit(
        "content/plans/south-07-plan/indicators.md",
        &format!("value: {}", target(60)),
        "value: 1",
    );
    let after = preview.build(&Quiet).expect("rebuild").files;
    let page = |files: &Arc<planpub::engine::preview::Files>, part: &str| {
        Arc::clone(&files[&format!("indicators/patents/{part}/index.html")])
    };
    assert!(Arc::ptr_eq(&page(&before, "north"), &page(&after, "north")));
    assert!(page(&before, "south") != page(&after, "south"));
    preview.catch_up(&|| false).expect("catch up");
    let served = preview.files().expect("a good build");
    same(&pages(&served), &pages(&Arc::new(built(&site))));

    // Five rows moved to another indicator leave 100, which one page holds: the parts'
    // pages go, and every page that linked a part links the indicator's own page
    // again, though it reads none of the plans edited.
    for d in 1..=5 {
        site.edit(
            &format!("content/plans/south-{d:02}-plan/indicators.md"),
            "indicator: patents",
            "indicator: trademarks",
        );
    }
    let after = preview.build(&Quiet).expect("rebuild").files;
    assert!(!after.contains_key("indicators/patents/south/index.html"));
    assert!(
        String::from_utf8_lossy(&after["regions/south-07/index.html"])
            .contains("href=\"../../indicators/patents/index.html\"")
    );
    preview.catch_up(&|| false).expect("catch up");
    let served = preview.files().expect("a good build");
    same(&pages(&served), &pages(&Arc::new(built(&site))));
}
