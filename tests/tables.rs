//! Tables of a plan text through the `planpub` binary, on tests/fixtures/tables: cells
//! merged with `^^` and `<<`, captions from a title line or the heading above, and the
//! named, focusable scrolling wrapper; a snapshot of the text as rendered.

mod common;

use common::Site;

const PAGE: &str = "plans/east-task-list/index.html";

/// The plan text of a plan page: from its wrapper to the end of the article (the
/// fixture has no colophon after it).
fn plan_text(page: &str) -> &str {
    let start = page.find("<div class=\"plan-text\">").unwrap_or(0);
    let end = page[start..]
        .find("</article>")
        .map_or(page.len(), |e| start + e);
    page[start..end].trim_end()
}

#[test]
fn merged_cells_and_captions_reach_the_page() {
    let site = Site::fixture("tables");
    site.check().ok();
    site.build().ok();
    let page = site.output(PAGE);
    let text = plan_text(&page);

    // Every task name spans the rows of its tasks; no marker is left on the page.
    assert!(
        text.contains("<td rowspan=\"3\">高标准构建知识产权强区建设体系</td>"),
        "{text}"
    );
    assert!(text.contains("<td rowspan=\"2\">深化区域协同，构建融合发展机制</td>"));
    // Header and body rows of the three tables, none left out or doubled.
    assert_eq!(text.matches("<tr>").count(), 6 + 3 + 2, "{text}");
    assert!(!text.contains("^^") && !text.contains("&lt;&lt;"), "{text}");
    // A header cell over two columns is their group's header.
    assert!(text.contains("<th scope=\"colgroup\" colspan=\"2\">责任单位</th>"));
    assert!(text.contains("<td colspan=\"2\">区科技局</td>"));
    assert!(text.contains("<td colspan=\"2\">持续运营</td>"));

    // The title line became the first table's caption, shown once.
    assert!(text.contains(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"annex-1-table\">\
         <p class=\"scroll-cue\" aria-hidden=\"true\" data-search-ignore>左右滑动查看全部列</p>\
         <table><caption id=\"annex-1-table\">东区知识产权强区行动计划重点任务清单</caption>"
    ));
    assert_eq!(text.matches("重点任务清单").count(), 1, "{text}");
    // The others are named by their heading; a lead-in sentence stays a paragraph.
    assert!(text.contains(
        "aria-labelledby=\"annex-2-table\"><p class=\"scroll-cue\" aria-hidden=\"true\" data-search-ignore>左右滑动查看全部列</p><table><caption id=\"annex-2-table\" class=\"from-heading\">附件2</caption>"
    ));
    assert!(text.contains("<p>各年度安排如下：</p>"));
    assert!(text.contains(
        "aria-labelledby=\"annex-2-table-2\"><p class=\"scroll-cue\" aria-hidden=\"true\" data-search-ignore>左右滑动查看全部列</p><table><caption id=\"annex-2-table-2\" class=\"from-heading\">附件2</caption>"
    ));
    // Every wrapper is named by its own table's caption.
    assert_eq!(text.matches("role=\"region\"").count(), 3);
    for id in ["annex-1-table", "annex-2-table", "annex-2-table-2"] {
        assert_eq!(page.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
    }
}

#[test]
fn snapshot_plan_text_with_tables() {
    let site = Site::fixture("tables");
    site.build().ok();
    insta::assert_snapshot!("plan_text_tables", plan_text(&site.output(PAGE)));
}

#[test]
fn a_marker_with_nothing_to_join_fails_the_check_with_its_line() {
    let site = Site::fixture("tables");
    let rel = "content/plans/east-task-list/index.md";
    site.edit(rel, "| 1 | 高标准构建知识产权强区建设体系 |", "| 1 | ^^ |");
    let line = site.line_of(rel, "| 1 | ^^ |");
    let run = site.check();
    eprintln!("{}", run.stderr);
    run.fails_with(&[
        &format!("{rel}:{line}"),
        "the table cell `^^` has no cell to join",
    ]);
}
