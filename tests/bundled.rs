//! The bundled Chongqing site builds, and its pages state the source texts' numbers.

mod common;

use std::fs;

#[test]
fn bundled_site_builds_and_states_the_dazu_targets() {
    let (_guard, target) = common::build_bundled();

    let plan =
        fs::read_to_string(target.join("plans/dazu-ip-action-plan-2025-2027/index.html")).unwrap();
    assert!(plan.contains("<dt>发文字号</dt><dd>大足府发〔2025〕12号</dd>"));
    assert!(plan.contains("<dt>成文日期</dt><dd>2025年6月23日</dd>"));
    // Annex 1, row 4: 有效注册商标总量（万件） 1.8 / 1.9 / 2 — kept in 万件 as written.
    let row = plan
        .find("有效注册商标总量</a><span class=\"unit\">（万件）")
        .expect("trademark row");
    let tail = &plan[row..];
    let cells: Vec<&str> = tail
        .match_indices("<span class=\"number\">")
        .take(3)
        .map(|(i, m)| {
            let rest = &tail[i + m.len()..];
            &rest[..rest.find('<').unwrap()]
        })
        .collect();
    assert_eq!(cells, ["1.8", "1.9", "2"]);
    // The text goal 发明专利年增量突破200件 is a "more than" target.
    assert!(plan.contains("<abbr title=\"超过\">&gt;</abbr> <span class=\"number\">200</span>"));
    // Every heading of the text is there, tasks 1 to 19 with their anchors.
    for n in 1..=19 {
        assert!(plan.contains(&format!("id=\"task-{n}\"")), "task {n}");
    }
    for page in [
        "index.html",
        "plans/index.html",
        "regions/dazu/index.html",
        "indicators/index.html",
        "404.html",
    ] {
        assert!(target.join(page).is_file(), "{page}");
    }
}
