//! What a government web server and the tools around it read besides the pages:
//! sitemap, robots.txt, the Atom feed, Open Graph tags, datapackage.json, and two
//! builds of the same input giving the same bytes.

mod common;

use std::collections::BTreeSet;

use common::{Site, snapshot_dir};
use serde_json::Value;

const BASE: &str = "https://www.example.gov.cn/zwgk/ghjh/";

fn built() -> Site {
    let site = Site::fixture("basic");
    site.build().ok();
    site
}

#[test]
fn the_sitemap_lists_every_page_once_with_its_public_address() {
    let site = built();
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    assert!(sitemap.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    let listed: Vec<&str> = sitemap
        .lines()
        .filter_map(|l| l.strip_prefix("<url><loc>")?.strip_suffix("</loc></url>"))
        .collect();
    let unique: BTreeSet<&str> = listed.iter().copied().collect();
    assert_eq!(unique.len(), listed.len(), "listed twice: {listed:?}");
    let pages: BTreeSet<String> = snapshot_dir(&site.path("output"))
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p.ends_with("index.html"))
        .map(|p| {
            let dir = p.trim_end_matches("index.html");
            // The sitemap percent-encodes the Chinese unit names, as links do.
            let encoded: String = dir
                .split('/')
                .map(|s| {
                    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC)
                        .to_string()
                })
                .collect::<Vec<_>>()
                .join("/")
                .replace("%2D", "-");
            format!("{BASE}{encoded}")
        })
        .collect();
    let listed: BTreeSet<String> = unique.iter().map(|s| s.to_string()).collect();
    assert_eq!(listed, pages);
    assert!(!sitemap.contains("404"));

    assert_eq!(
        site.output("robots.txt"),
        format!("User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n")
    );
}

#[test]
fn the_feed_lists_dated_plans_and_says_when_it_was_updated() {
    let site = built();
    let feed = site.output("atom.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">"));
    assert!(feed.contains(&format!("<id>{BASE}</id>")));
    assert!(feed.contains(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{BASE}atom.xml\"/>"
    )));
    // Only the east action plan states a date (成文日期 2025-06-23); nothing is
    // invented for the others.
    assert_eq!(feed.matches("<entry>").count(), 1, "{feed}");
    assert!(feed.contains("<updated>2025-06-23T00:00:00+08:00</updated>"));
    assert!(feed.contains(&format!("<id>{BASE}plans/east-action-plan/</id>")));
    assert!(!feed.contains("<published>"), "no plan states 发布日期");
    assert!(feed.contains("<author><name>测试市人民政府办公室</name></author>"));

    // Without any dated plan there is no feed, and no page links to one.
    let site = Site::fixture("basic");
    site.edit(
        "content/plans/east-action-plan/index.md",
        "date_written: 2025-06-23",
        "date_written:",
    );
    site.build().ok();
    assert!(!site.path("output/atom.xml").exists());
    assert!(!site.output("index.html").contains("atom.xml"));
}

#[test]
fn pages_carry_their_description_and_open_graph_tags() {
    let site = built();
    let page = site.output("plans/east-action-plan/index.html");
    for tag in [
        "<meta name=\"description\" content=\"东区知识产权行动计划（2025—2027年）（东区）全文、公开信息与指标\">",
        "<meta property=\"og:title\" content=\"东区知识产权行动计划（2025—2027年）\">",
        "<meta property=\"og:url\" content=\"https://www.example.gov.cn/zwgk/ghjh/plans/east-action-plan/\">",
        "<meta property=\"og:locale\" content=\"zh_CN\">",
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"测试规划公开：规划文件\" href=\"../../atom.xml\">",
        "<a href=\"https://beian.miit.gov.cn/\" rel=\"external\">渝ICP备00000001号</a>",
        "政府网站找错",
        "本站数据可免费下载使用，使用时请注明来源",
    ] {
        assert!(page.contains(tag), "missing {tag}");
    }
}

#[test]
fn the_data_package_describes_every_data_file() {
    let site = built();
    let package: Value =
        serde_json::from_str(&site.output("datapackage.json")).expect("datapackage.json is JSON");
    assert_eq!(package["profile"], "data-package");
    assert_eq!(package["homepage"], BASE);
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    assert_eq!(
        package["licenses"][0]["title"],
        "本站数据可免费下载使用，使用时请注明来源"
    );
    assert_eq!(package["name"], "www.example.gov.cn-zwgk-ghjh");
    assert_eq!(package["title"], "测试规划公开");
    // The publisher is the site's 主办单位; the sources are the plans, at their pages.
    assert_eq!(
        package["contributors"],
        serde_json::json!([{ "title": "测试市人民政府办公室", "role": "publisher", "path": BASE }])
    );
    let sources = package["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 3);
    assert!(sources.contains(&serde_json::json!({
        "title": "东区知识产权行动计划（2025—2027年）",
        "path": format!("{BASE}plans/east-action-plan/"),
    })));
    let resources = package["resources"].as_array().expect("resources");
    let listed: BTreeSet<String> = resources
        .iter()
        .map(|r| r["path"].as_str().expect("path").to_string())
        .collect();
    let data: BTreeSet<String> = snapshot_dir(&site.path("output"))
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        // The workbooks are for people; the validator does not read them as tables, so
        // docs/open-data.md lists them rather than the package.
        .filter(|p| {
            p.starts_with("data/") && p != "data/targets.schema.json" && !p.ends_with(".xlsx")
        })
        .collect();
    assert_eq!(listed, data);

    // The CSV columns are the schema's fields, in order.
    let schema: Value =
        serde_json::from_str(&site.output("data/targets.schema.json")).expect("schema is JSON");
    let fields: Vec<&str> = schema["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["name"].as_str().expect("name"))
        .collect();
    let csv = site.output("data/targets.csv");
    let header = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .expect("header");
    assert_eq!(header.split(',').collect::<Vec<_>>(), fields);
    // The value tables share one schema; the progress tables carry their own, whose
    // fields are their CSV header.
    for r in resources.iter().filter(|r| r["format"] == "csv") {
        let path = r["path"].as_str().expect("path");
        if path == "data/target-status.csv" || path == "data/reported-values.csv" {
            let fields: Vec<&str> = r["schema"]["fields"]
                .as_array()
                .expect("inline fields")
                .iter()
                .map(|f| f["name"].as_str().expect("name"))
                .collect();
            let text = site.output(path);
            let header = text
                .trim_start_matches('\u{feff}')
                .lines()
                .next()
                .expect("header");
            assert_eq!(header.split(',').collect::<Vec<_>>(), fields, "{path}");
        } else {
            assert_eq!(r["schema"], "data/targets.schema.json");
        }
    }
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = built();
    let first = snapshot_dir(&site.path("output"));
    site.build().ok();
    assert_eq!(first, snapshot_dir(&site.path("output")));
}
