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

/// Every indicator that two or more regions set has a comparison page whose tables
/// state each value of targets.csv (which tests/source_values.rs ties to the seed
/// texts), converted to the catalogue unit with the plan's own number beside, and a
/// chart when it has numbers.
#[test]
fn errata_quote_the_text_as_a_reader_sees_it() {
    let (_guard, target) = common::build_bundled();
    let plan =
        fs::read_to_string(target.join("plans/wanzhou-ip-plan-2021-2025/index.html")).unwrap();
    let errata = &plan[plan.find("<section class=\"errata\"").expect("errata")..];
    let errata = &errata[..errata.find("</section>").expect("end of errata")];
    // The text has 到**2025年**; the erratum quoting it shows no asterisks.
    assert!(errata.contains("“到2025年，全区知识产权领域"), "{errata}");
    assert!(!errata.contains("**"), "{errata}");
}

#[test]
fn every_shared_indicator_is_compared_with_the_plans_numbers() {
    let (_guard, target) = common::build_bundled();
    let mut rows = csv::Reader::from_path(target.join("data/targets.csv")).unwrap();
    let headers = rows.headers().unwrap().clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .unwrap()
    };
    let (ind, region, value, unit, measure) = (
        col("indicator_id"),
        col("region_id"),
        col("value"),
        col("unit"),
        col("measure"),
    );
    let mut by_indicator: std::collections::BTreeMap<String, Vec<csv::StringRecord>> =
        Default::default();
    for r in rows.records() {
        let r = r.unwrap();
        by_indicator.entry(r[ind].to_string()).or_default().push(r);
    }
    let mut shared = 0;
    for (id, records) in &by_indicator {
        let regions: std::collections::BTreeSet<&str> =
            records.iter().map(|r| &r[region]).collect();
        if regions.len() < 2 {
            continue;
        }
        shared += 1;
        let page = fs::read_to_string(target.join(format!("indicators/{id}/index.html"))).unwrap();
        for r in records {
            let written = format!("<span class=\"number\">{}</span>", &r[value]);
            let original = format!("（原文 {}{}）", &r[value], &r[unit]);
            assert!(
                page.contains(&written) || page.contains(&original),
                "{id}: {} {} {} is not on the page",
                &r[region],
                &r[value],
                &r[unit]
            );
        }
        let numeric = records.iter().any(|r| &r[measure] != "qualitative");
        assert_eq!(page.contains("role=\"img\""), numeric, "{id}: chart");
        for name in regions {
            assert!(
                page.contains(&format!("regions/{name}/index.html")),
                "{id}: {name}"
            );
        }
    }
    assert!(shared >= 11, "{shared} shared indicators");
    for page in ["compare/index.html", "units/index.html"] {
        assert!(target.join(page).is_file(), "{page}");
    }
    let pairs = fs::read_dir(target.join("compare"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| fs::read_dir(e.path()).unwrap().count())
        .sum::<usize>();
    assert_eq!(pairs, 10, "pair pages");
}

/// 有效性 is what the document states, never worked out from its period: no bundled
/// plan states it, so every plan page says 未注明 (the Wanzhou plan for 2021—2025 too,
/// though its period is over) and the open data leaves it empty; the accessibility
/// statement does not point readers at a contact the site does not give.
#[test]
fn validity_and_contact_are_shown_only_as_the_content_states_them() {
    let (_guard, target) = common::build_bundled();
    for plan in ["wanzhou-ip-plan-2021-2025", "dazu-ip-action-plan-2025-2027"] {
        let page = fs::read_to_string(target.join(format!("plans/{plan}/index.html"))).unwrap();
        assert!(
            page.contains("<dt>有效性</dt><dd><span class=\"unknown\">未注明</span></dd>"),
            "{plan}"
        );
    }
    let plans: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(target.join("data/plans.json")).unwrap()).unwrap();
    for p in plans.as_array().unwrap() {
        assert!(p["status"].is_null(), "{}", p["id"]);
    }
    let statement = fs::read_to_string(target.join("accessibility/index.html")).unwrap();
    assert!(statement.contains("本站尚未公布用于反馈的联系方式。"));
    assert!(!statement.contains("公开联系方式"));
}
