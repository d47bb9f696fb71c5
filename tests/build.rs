//! Building a small fixture site through the CLI: the pages, their links, their
//! content, and snapshots of the rendered HTML.

mod common;

use common::Site;

#[test]
fn builds_every_page_of_the_fixture() {
    let site = Site::fixture("basic");
    let run = site.build();
    run.ok();
    assert!(run.stdout.contains("built 21 pages"), "{}", run.stdout);
    // Not on a terminal: one summary line and no progress drawing.
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert_eq!(run.stderr, "");
    for page in [
        "index.html",
        "404.html",
        "plans/index.html",
        "plans/city-outline/index.html",
        "plans/east-action-plan/index.html",
        "plans/east-work-points/index.html",
        "regions/index.html",
        "regions/city/index.html",
        "regions/east/index.html",
        "indicators/index.html",
        "indicators/patents-per-10k/index.html",
        "indicators/pledge-financing-cumulative/index.html",
        "compare/index.html",
        "compare/city/east/index.html",
        "units/index.html",
        "units/east/区市场监管局/index.html",
        "accessibility/index.html",
        "search/index.html",
        "search-index/meta.json",
        "style.css",
        "elder.js",
        "chart.css",
        "manifest.sha256",
    ] {
        assert!(site.path("output").join(page).is_file(), "missing {page}");
    }
}

#[test]
fn plan_page_shows_disclosure_block_text_and_indicators() {
    let site = Site::fixture("basic");
    site.build().ok();
    let html = site.output("plans/east-action-plan/index.html");
    // The disclosure block, with 未注明 where the source states nothing.
    assert!(
        html.contains("<dt>发文字号</dt><dd>东府发〔2025〕1号</dd>"),
        "{html}"
    );
    assert!(html.contains("<dt>成文日期</dt><dd>2025年6月23日</dd>"));
    assert!(html.contains("<dt>索引号</dt><dd><span class=\"unknown\">未注明</span></dd>"));
    assert!(html.contains("<dt>实施期限</dt><dd>2025—2027年</dd>"));
    // Stable heading anchors, explicit and automatic.
    assert!(html.contains("<h2 id=\"一总体要求\">一、总体要求</h2>"));
    assert!(html.contains("<h4 id=\"task-1\">1．构建政策体系。</h4>"));
    // Values exactly as written, with comparators and kinds.
    assert!(
        html.contains("<span class=\"number\">15.20</span>"),
        "baseline keeps its written form"
    );
    assert!(html.contains("<abbr title=\"超过\">&gt;</abbr> <span class=\"number\">18.5</span>"));
    assert!(html.contains("<span class=\"kind\">基期</span>"));
    // Rows link to the indicator page and to the paragraph they come from.
    assert!(html.contains("href=\"../../indicators/pledge-financing-cumulative/index.html\""));
    assert!(html.contains("href=\"../../plans/east-action-plan/index.html#annex-1\""));
    // Relations: the basis, the annex.
    assert!(
        html.contains(
            "href=\"../../plans/city-outline/index.html\">测试市知识产权强市建设纲要</a>"
        )
    );
    assert!(html.contains(
        "href=\"../../plans/east-work-points/index.html\">东区知识产权工作要点（2025年）</a>"
    ));
    // Notice, copied-to line, errata.
    assert!(html.contains("（此件公开发布）"));
    assert!(html.contains("区委办公室，区法院"));
    assert!(html.contains("合并被分页断开的“知识产权”。"));
}

#[test]
fn back_links_and_indicator_pages_join_plans() {
    let site = Site::fixture("basic");
    site.build().ok();
    let outline = site.output("plans/city-outline/index.html");
    assert!(outline.contains("引用本文件的规划"));
    assert!(outline.contains("href=\"../../plans/east-action-plan/index.html\""));
    let annex = site.output("plans/east-work-points/index.html");
    assert!(annex.contains("所属文件"));
    let indicator = site.output("indicators/patents-per-10k/index.html");
    // Both regions' rows, the municipality first.
    let city = indicator.find(">测试市</a></th>").expect("city row");
    let east = indicator.find(">东区</a></th>").expect("east row");
    assert!(city < east);
    assert!(indicator.contains("<th scope=\"col\" class=\"year\">2024年</th>"));
    let region = site.output("regions/east/index.html");
    assert!(region.contains("东区知识产权行动计划（2025—2027年）"));
    assert!(region.contains("<span class=\"number\">6</span>"));
}

#[test]
fn footer_and_404_use_site_settings() {
    let site = Site::fixture("basic");
    site.build().ok();
    let home = site.output("index.html");
    assert!(home.contains("<dt>网站标识码</dt><dd>5000000001</dd>"));
    assert!(home.contains("<html lang=\"zh-CN\">"));
    let not_found = site.output("404.html");
    assert!(
        not_found.contains("href=\"/zwgk/ghjh/index.html\""),
        "404 links start from the site's path"
    );
}

#[test]
fn check_writes_nothing() {
    let site = Site::fixture("basic");
    let run = site.check();
    run.ok();
    assert!(run.stdout.contains("no errors"));
    assert!(!site.path("output").exists());
}

#[test]
fn manifest_lists_every_file_with_its_hash() {
    let site = Site::fixture("basic");
    site.build().ok();
    let manifest = site.output("manifest.sha256");
    let files = common::snapshot_dir(&site.path("output"));
    assert_eq!(manifest.lines().count(), files.len() - 1);
    for (path, bytes) in files {
        let path = path.to_string_lossy().replace('\\', "/");
        if path == "manifest.sha256" {
            continue;
        }
        use sha2::Digest;
        let hex: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(
            manifest.contains(&format!("{hex}  {path}\n")),
            "{path} not in manifest"
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let a = Site::fixture("basic");
    let b = Site::fixture("basic");
    a.build().ok();
    b.build().ok();
    assert_eq!(
        common::snapshot_dir(&a.path("output")),
        common::snapshot_dir(&b.path("output"))
    );
}

#[test]
fn snapshot_plan_page() {
    let site = Site::fixture("basic");
    site.build().ok();
    insta::assert_snapshot!(
        "plan_page",
        site.output("plans/east-action-plan/index.html")
    );
}

#[test]
fn snapshot_indicator_page() {
    let site = Site::fixture("basic");
    site.build().ok();
    insta::assert_snapshot!(
        "indicator_page",
        site.output("indicators/patents-per-10k/index.html")
    );
}

#[test]
fn snapshot_region_and_home_pages() {
    let site = Site::fixture("basic");
    site.build().ok();
    insta::assert_snapshot!("region_page", site.output("regions/east/index.html"));
    insta::assert_snapshot!("home_page", site.output("index.html"));
}

#[test]
fn open_data_lists_every_value_exactly() {
    let site = Site::fixture("basic");
    site.build().ok();
    let bytes = std::fs::read(site.path("output/data/targets.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a BOM so spreadsheets read UTF-8"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header.join(","),
        "region_id,region_name,plan_id,plan_title,indicator_id,indicator_name,wording,category,kind,year,comparator,value,unit,measure,attribute,responsible,page_url,comparator_code,value_number,value_in_catalogue_unit,catalogue_unit"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // 1 target in the outline; 1 baseline + 1 target + 3 targets in the action plan.
    assert_eq!(rows.len(), 6);
    let find = |kind: &str, year: &str, value: &str| {
        rows.iter()
            .find(|r| &r[8] == kind && &r[9] == year && &r[11] == value)
            .unwrap_or_else(|| panic!("no {kind} {year} {value}"))
    };
    let baseline = find("baseline", "2024", "15.20");
    assert_eq!(&baseline[0], "east");
    assert_eq!(&baseline[10], "");
    let target = find("target", "2027", "18.5");
    assert_eq!(&target[10], ">");
    assert_eq!(&target[13], "stock");
    let money = find("target", "2026", "5.2");
    assert_eq!(&money[12], "亿元");
    assert_eq!(&money[13], "cumulative");
    assert_eq!(&money[15], "区市场监管局、区金融发展事务中心");
    assert_eq!(
        &money[16],
        "https://www.example.gov.cn/zwgk/ghjh/plans/east-action-plan/#annex-1"
    );
    let outline = find("target", "2025", "12");
    assert_eq!(&outline[14], "预期性");
    assert_eq!(&target[17], "more_than");
    assert_eq!(&baseline[17], "");
    // The catalogue counts in 亿元 too; 15.20 keeps its written form.
    assert_eq!(&money[18], "5.2");
    assert_eq!((&money[19], &money[20]), ("5.2", "亿元"));
    assert_eq!(&baseline[18], "15.20");

    let json: serde_json::Value = serde_json::from_str(&site.output("data/targets.json")).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 6);
    let plans: serde_json::Value = serde_json::from_str(&site.output("data/plans.json")).unwrap();
    assert_eq!(plans[1]["doc_number"], "东府发〔2025〕1号");
    assert_eq!(
        plans[1]["index_number"],
        serde_json::Value::Null,
        "unknown stays empty"
    );
    for f in [
        "data/regions.json",
        "data/indicators.json",
        "data/plans/east-action-plan.csv",
        "data/indicators/patents-per-10k.csv",
    ] {
        assert!(site.path("output").join(f).is_file(), "{f}");
    }
    let per_indicator = site.output("data/indicators/patents-per-10k.csv");
    assert_eq!(per_indicator.lines().count(), 1 + 3);
}
