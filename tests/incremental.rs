//! The preview's partial rebuilds: after each kind of edit, the site kept in memory
//! must be byte for byte what a full build of the edited site gives, while a plan
//! edit renders only part of the pages.

mod common;

use std::sync::Arc;

use common::Site;
use common::preview::{built, index, pages, same, sorted};
use planpub::engine::preview::{Indexed, Outcome, Preview};
use planpub::progress::Quiet;

const DAZU: &str = "content/plans/dazu-ip-action-plan-2025-2027";

/// The stages a build went through, in order.
#[derive(Default)]
struct Stages(std::sync::Mutex<Vec<&'static str>>);

impl planpub::progress::Progress for Stages {
    fn stage(&self, name: &'static str, _: usize) {
        self.0.lock().expect("stages").push(name);
    }
}

/// Builds again in part and compares with what `planpub build` writes for the same
/// folder: the pages at once, but the site-wide open data it serves out of date, and
/// the whole site once that and the search index have caught up.
fn rebuild_matches_full(site: &Site, preview: &mut Preview) -> Outcome {
    let partial = preview
        .build(&Quiet)
        .unwrap_or_else(|e| panic!("rebuild: {e:?}"));
    let full = Outcome {
        files: Arc::new(built(site)),
        ..partial.clone()
    };
    let mut now = pages(&partial.files);
    let mut then = pages(&full.files);
    for path in &partial.behind {
        now.remove(path.as_str());
        then.remove(path.as_str());
    }
    same(&now, &then);
    let caught_up = preview
        .catch_up(&|| false)
        .unwrap_or_else(|e| panic!("catch up: {e:?}"));
    assert_eq!(caught_up.is_some(), !partial.behind.is_empty());
    assert!(!preview.behind());

    let indexed = preview
        .index(&Quiet)
        .unwrap_or_else(|e| panic!("index: {e:?}"));
    let served = preview.files().expect("a good build");
    same(&sorted(&served), &sorted(&full.files));
    // The index changes with the pages' text, and then only then is the site replaced.
    let index_changed = index(&partial.files) != index(&full.files);
    match indexed {
        Indexed::Updated { files, .. } => {
            assert!(index_changed, "an unchanged index replaced the site");
            assert!(Arc::ptr_eq(&files, &served));
        }
        Indexed::Current => assert!(!index_changed, "the index was not updated"),
    }
    partial
}

#[test]
fn a_plan_edit_renders_part_of_the_site_and_gives_the_full_result() {
    let site = Site::bundled();
    let mut preview = Preview::new(site.root());
    let first = preview.build(&Quiet).expect("first build");
    assert!(first.full);
    assert_eq!(first.rendered, first.pages);

    // Text: a new paragraph citing the outline, with a new responsible unit.
    let index = format!("{DAZU}/index.md");
    let text = site.read(&index);
    site.write(
        &index,
        &format!("{text}\n按照《重庆市知识产权强市建设纲要》要求推进。（责任单位：区测试局）\n"),
    );
    let out = rebuild_matches_full(&site, &mut preview);
    assert!(!out.full, "a body edit is a partial rebuild");
    assert!(
        out.rendered < out.pages / 2,
        "{} of {} pages rendered",
        out.rendered,
        out.pages
    );
    assert!(
        String::from_utf8_lossy(&out.files["units/dazu/区测试局/index.html"]).contains("按照"),
        "the new unit has its page"
    );

    // Table: one target value.
    site.edit(
        &format!("{DAZU}/indicators.md"),
        "- {year: 2025, value: 4, comparator: \"=\"}",
        "- {year: 2025, value: 5, comparator: \"=\"}",
    );
    let out = rebuild_matches_full(&site, &mut preview);
    assert!(!out.full);
    assert!(
        out.behind.iter().any(|p| p == "data/targets.csv"),
        "the site-wide tables follow the pages: {:?}",
        out.behind
    );

    // Table: a row moved to another indicator, so two indicator pages change. (Not to
    // one the plan sets already: two different targets for one indicator and year are
    // an error.)
    site.edit(
        &format!("{DAZU}/indicators.md"),
        "indicator: national-ip-demonstration-enterprises",
        "indicator: ip-service-agencies",
    );
    rebuild_matches_full(&site, &mut preview);

    // Text: the citation and the unit removed again; the unit's page goes away.
    site.write(&index, &text);
    let out = rebuild_matches_full(&site, &mut preview);
    assert!(!out.files.contains_key("units/dazu/区测试局/index.html"));
}

/// After a value edit the preview serves the pages first and the site-wide tables of
/// the open data after them. Stopped for the next save, it serves them out of date
/// until a later catch-up, and says which they are.
#[test]
fn the_site_wide_open_data_follows_a_value_edit_and_gives_way_to_the_next_save() {
    let site = Site::bundled();
    let mut preview = Preview::new(site.root());
    preview.build(&Quiet).expect("first build");
    let old_csv = preview.files().expect("built")["data/targets.csv"].clone();
    site.edit(
        &format!("{DAZU}/indicators.md"),
        "- {year: 2025, value: 4, comparator: \"=\"}",
        "- {year: 2025, value: 5, comparator: \"=\"}",
    );
    let out = preview.build(&Quiet).expect("value edit");
    assert_eq!(
        out.behind,
        [
            "data/reported-values.csv",
            "data/reported-values.json",
            "data/target-status.csv",
            "data/target-status.json",
            "data/targets.csv",
            "data/targets.json",
            "data/targets.xlsx",
        ]
    );
    assert!(Arc::ptr_eq(&out.files["data/targets.csv"], &old_csv));
    assert!(preview.behind());
    assert!(preview.catch_up(&|| true).expect("stopped").is_none());
    assert!(preview.behind(), "a stopped catch-up makes nothing");

    // A prose save before the catch-up still serves those tables out of date.
    let index = format!("{DAZU}/index.md");
    let text = site.read(&index);
    site.write(&index, &format!("{text}\n又一段说明。\n"));
    let out = preview.build(&Quiet).expect("prose edit");
    assert_eq!(out.behind.len(), 7, "{:?}", out.behind);
    let full = built(&site);
    let caught_up = preview.catch_up(&|| false).expect("caught up");
    let caught_up = caught_up.expect("the tables changed");
    assert!(!preview.behind());
    for path in &out.behind {
        assert_eq!(caught_up[path.as_str()], full[path.as_str()], "{path}");
    }
    assert!(preview.catch_up(&|| false).expect("nothing").is_none());
}

/// A page other than a plan's own declares only the plan's outline (headings,
/// responsibility paragraphs, citations): an edit to the prose renders the plan's page
/// alone, and an edit to the outline reaches every page that shows it.
#[test]
fn a_prose_edit_renders_the_plan_page_alone_and_outline_edits_reach_the_rest() {
    let site = Site::bundled();
    let mut preview = Preview::new(site.root());
    preview.build(&Quiet).expect("first build");
    let index = format!("{DAZU}/index.md");

    // Prose: a paragraph with no responsible unit, above every heading it moves down.
    // The last linked site takes the new text: the site is not modelled or linked again.
    site.edit(
        &index,
        "## 一、总体要求\n\n",
        "## 一、总体要求\n\n本段为新增的说明文字。\n\n",
    );
    let stages = Stages::default();
    let out = preview.build(&stages).expect("prose edit");
    assert_eq!(out.rendered, 1, "only the plan's own page shows its prose");
    assert!(
        String::from_utf8_lossy(&out.files[&format!("plans/{}/index.html", &DAZU[14..])])
            .contains("本段为新增的说明文字")
    );
    let ran = stages.0.lock().expect("stages").clone();
    assert!(
        !ran.contains(&"modelling") && !ran.contains(&"linking"),
        "{ran:?}"
    );
    assert!(ran.contains(&"building"), "{ran:?}");
    // Built again from the same files: nothing to render, and the full build's result.
    let out = rebuild_matches_full(&site, &mut preview);
    assert_eq!(out.rendered, 0);

    // A heading that the indicator table's rows name as their section: the site is
    // linked again.
    site.edit(&index, "## 附件1 {#annex-1}", "## 附件一 {#annex-1}");
    let stages = Stages::default();
    let out = preview.build(&stages).expect("heading edit");
    assert!(out.rendered > 1, "indicator pages show the section's words");
    assert!(stages.0.lock().expect("stages").contains(&"linking"));
    rebuild_matches_full(&site, &mut preview);

    // A prose edit whose page breaks a link fails, and leaves the last good site.
    let broken = "本段见[缺页](../no-such-plan/index.html)。";
    site.edit(&index, "本段为新增的说明文字。", broken);
    assert!(
        preview.build(&Quiet).is_err(),
        "a broken link fails the build"
    );
    site.edit(&index, broken, "本段为改过的说明文字。");
    let out = rebuild_matches_full(&site, &mut preview);
    assert_eq!(out.rendered, 1);

    // A responsibility paragraph's words, which its units' pages quote.
    site.edit(&index, "深度对标西部科学城", "深度对照西部科学城");
    let out = rebuild_matches_full(&site, &mut preview);
    assert!(out.rendered > 1, "unit pages quote the paragraph");
    assert!(
        String::from_utf8_lossy(&out.files["units/dazu/区科技局/index.html"]).contains("深度对照")
    );
}

#[test]
fn a_failed_build_keeps_the_last_good_site_and_the_next_build_catches_up() {
    let site = Site::bundled();
    let mut preview = Preview::new(site.root());
    let first = preview.build(&Quiet).expect("first build");
    let index = format!("{DAZU}/index.md");
    site.edit(&index, "kind: 行动计划", "kind: [");
    let errors = preview
        .build(&Quiet)
        .expect_err("broken front matter fails");
    assert!(
        errors.iter().any(|e| e.one_line().contains("index.md")),
        "{errors:?}"
    );
    assert!(Arc::ptr_eq(&preview.files().expect("kept"), &first.files));

    site.edit(&index, "kind: [", "kind: 行动计划");
    site.edit(
        &format!("{DAZU}/indicators.md"),
        "- {year: 2025, value: 4, comparator: \"=\"}",
        "- {year: 2025, value: 6, comparator: \"=\"}",
    );
    rebuild_matches_full(&site, &mut preview);
}

#[test]
fn site_wide_edits_render_everything() {
    let site = Site::bundled();
    let mut preview = Preview::new(site.root());
    preview.build(&Quiet).expect("first build");

    site.edit(
        "themes/default/templates/base.html",
        "</body>",
        "<p>模板改动</p></body>",
    );
    let out = rebuild_matches_full(&site, &mut preview);
    assert!(out.full);
    assert_eq!(out.rendered, out.pages);

    site.edit(
        &format!("{DAZU}/index.md"),
        "title: 重庆市大足区知识产权强区行动计划（2025—2027年）",
        "title: 重庆市大足区知识产权强区行动计划（2025—2027年）（修订）",
    );
    assert!(rebuild_matches_full(&site, &mut preview).full);

    // The outline renamed: the texts that cite it by its old title, unchanged, now
    // cite a title the site does not hold (the link stage reads them again).
    let outline = "content/plans/chongqing-ip-strong-city-outline/index.md";
    site.edit(
        outline,
        "title: 重庆市知识产权强市建设纲要",
        "title: 重庆市知识产权强市建设纲要（试行）",
    );
    let out = rebuild_matches_full(&site, &mut preview);
    let dazu =
        String::from_utf8_lossy(&out.files["plans/dazu-ip-action-plan-2025-2027/index.html"])
            .into_owned();
    assert!(
        dazu.contains("<li>《重庆市知识产权强市建设纲要》</li>"),
        "the old title is cited as a document not on the site"
    );
    assert!(
        !dazu.contains(r#"class="citation" href="../../plans/chongqing-ip-strong-city-outline/"#)
    );
    site.edit(
        outline,
        "title: 重庆市知识产权强市建设纲要（试行）",
        "title: 重庆市知识产权强市建设纲要",
    );
    rebuild_matches_full(&site, &mut preview);

    // A stylesheet changes no page, but its new bytes are served.
    let css = site.read("themes/default/static/style.css");
    site.write(
        "themes/default/static/style.css",
        &format!("{css}\n/* 改 */\n"),
    );
    let out = rebuild_matches_full(&site, &mut preview);
    assert_eq!(out.rendered, 0);
    assert!(out.files["style.css"].ends_with("/* 改 */\n".as_bytes()));

    // Search turned off and on again: the index goes and comes back.
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}search: false\n"));
    rebuild_matches_full(&site, &mut preview);
    assert!(
        !preview
            .files()
            .expect("built")
            .contains_key("search-index/meta.json")
    );
    site.write("site.yaml", &config);
    rebuild_matches_full(&site, &mut preview);
    assert!(
        preview
            .files()
            .expect("built")
            .contains_key("search-index/meta.json")
    );
}

#[test]
fn a_reported_value_edit_renders_the_pages_it_touches() {
    let site = Site::fixture("progress");
    let mut preview = Preview::new(site.root());
    preview.build(&Quiet).expect("first build");
    let report = "content/reports/east-bulletin-2025.md";
    let plan = "plans/east-plan/index.html";

    // A 2025 value that falls short of the target: 已达成 becomes 未达成 on the plan
    // page, the indicator page, the region page and the overview.
    site.edit(report, "year: 2025, value: 20.5", "year: 2025, value: 19.5");
    let out = rebuild_matches_full(&site, &mut preview);
    assert!(!out.full, "a report edit is a partial rebuild");
    assert!(
        out.rendered < out.pages,
        "{} of {} pages",
        out.rendered,
        out.pages
    );
    let page = String::from_utf8_lossy(&out.files[plan]).into_owned();
    assert!(page.contains("2025年实际19.5件，距2025年目标20件还差0.5件"));

    // A year added to a cumulative count makes the sum complete.
    site.edit(
        report,
        "year: 2024, value: 1000}",
        "year: 2023, value: 1000}\n  - {indicator: training, wording: 知识产权培训人次, unit: 人次, measure: annual, year: 2024, value: 1000}",
    );
    let out = rebuild_matches_full(&site, &mut preview);
    let page = String::from_utf8_lossy(&out.files[plan]).into_owned();
    assert!(page.contains("2021—2024年合计4000人次"));

    // A report's region changed: the pages of both regions follow.
    site.edit(
        "content/reports/east-summary-2023.md",
        "region: east",
        "region: city",
    );
    rebuild_matches_full(&site, &mut preview);
}

/// The kinds of edit the tests above do not make: a region file, a catalogue entry,
/// a plan added and a plan removed. After each the preview equals `planpub build`.
#[test]
fn region_catalogue_and_plan_set_edits_give_the_full_result() {
    let site = Site::bundled();
    let mut preview = Preview::new(site.root());
    preview.build(&Quiet).expect("first build");

    site.edit(
        "content/regions/dazu.md",
        "大足区是重庆市下辖的区。",
        "大足区是重庆市下辖的区，以石刻闻名。",
    );
    let out = rebuild_matches_full(&site, &mut preview);
    assert!(
        String::from_utf8_lossy(&out.files["regions/dazu/index.html"]).contains("以石刻闻名"),
        "the region page shows the new text"
    );

    site.edit(
        "content/indicators/invention-patents.md",
        "aliases: [发明专利总量, 发明专利, 有效发明专利]",
        "aliases: [发明专利总量, 发明专利, 有效发明专利, 发明专利存量]",
    );
    rebuild_matches_full(&site, &mut preview);

    let copy = "content/plans/dazu-ip-action-plan-copy";
    site.add_a_copy_of_dazu(copy);
    let out = rebuild_matches_full(&site, &mut preview);
    assert!(
        out.files
            .contains_key("plans/dazu-ip-action-plan-copy/index.html")
    );

    std::fs::remove_dir_all(site.path(copy)).expect("remove the copy");
    let out = rebuild_matches_full(&site, &mut preview);
    assert!(
        !out.files
            .contains_key("plans/dazu-ip-action-plan-copy/index.html")
    );
}

/// Sets every file of the site's content as last modified at one time long past.
fn settle(site: &Site) {
    let long_ago = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_767_225_600);
    for entry in walkdir::WalkDir::new(site.path("content")) {
        let entry = entry.expect("readable");
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .expect("open");
            file.set_modified(long_ago).expect("set the time");
        }
    }
}

/// Files unchanged on disk since they were read are not read again. An edit is still
/// seen: its stamp changed. So is a second edit of the same length within the same
/// second, since a file modified just before it was read is read again.
#[test]
fn files_settled_on_disk_are_taken_unread_and_every_edit_is_still_seen() {
    let site = Site::bundled();
    settle(&site);
    let mut preview = Preview::new(site.root());
    preview.build(&Quiet).expect("first build");
    let index = format!("{DAZU}/index.md");
    let text = site.read(&index);
    site.write(&index, &format!("{text}\n大足区第一段说明。\n"));
    let first = rebuild_matches_full(&site, &mut preview);
    assert!(
        first.rendered < first.pages,
        "{} of {}",
        first.rendered,
        first.pages
    );
    site.write(&index, &format!("{text}\n大足区第二段说明。\n"));
    let second = rebuild_matches_full(&site, &mut preview);
    assert!(
        String::from_utf8_lossy(&second.files["plans/dazu-ip-action-plan-2025-2027/index.html"])
            .contains("大足区第二段说明")
    );

    // The proof that a settled file is not read: one rewritten in place to the same
    // length, its time set back, keeps its stamp and is not seen, as `make` would not
    // see it. Its time moved on, it is.
    let region = "content/regions/dazu.md";
    site.edit(
        region,
        "大足区是重庆市下辖的区。",
        "大足区是重庆市所辖的区。",
    );
    settle(&site);
    let page = "regions/dazu/index.html";
    let unseen = preview.build(&Quiet).expect("build");
    assert!(String::from_utf8_lossy(&unseen.files[page]).contains("重庆市下辖的区"));
    let file = std::fs::File::options()
        .write(true)
        .open(site.path(region))
        .expect("open");
    file.set_modified(std::time::SystemTime::now())
        .expect("set the time");
    let seen = rebuild_matches_full(&site, &mut preview);
    assert!(String::from_utf8_lossy(&seen.files[page]).contains("重庆市所辖的区"));
}
