//! Progress against targets through `planpub build`, on tests/fixtures/progress (one
//! plan row per kind of target, made-up values marked as test data) and on the
//! bundled site: each status, a lower-is-better indicator, unit conversion, a
//! cumulative target, a growth rate, a qualitative target, a value from a document not
//! on the site, a missing source and the "as of" date.

mod common;

use common::Site;

/// The target-status rows of a built site, by indicator id: (status, statement).
fn statuses(site: &Site) -> Vec<(String, String, String)> {
    let text = site.output("data/target-status.csv");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (id, status, statement) = (col("indicator_id"), col("status"), col("statement"));
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            (
                r[id].to_string(),
                r[status].to_string(),
                r[statement].to_string(),
            )
        })
        .collect()
}

fn status_of<'a>(rows: &'a [(String, String, String)], id: &str) -> (&'a str, &'a str) {
    let r = rows
        .iter()
        .find(|r| r.0 == id)
        .unwrap_or_else(|| panic!("no status for {id}"));
    (&r.1, &r.2)
}

#[test]
fn every_kind_of_target_gets_its_status_and_its_numbers() {
    let site = Site::fixture("progress");
    site.build().ok();
    let rows = statuses(&site);
    // The 2025 value reached the target.
    assert_eq!(
        status_of(&rows, "patents"),
        ("achieved", "2025年实际20.5件，已达到2025年目标20件")
    );
    // 2025 has passed (as of 2026-06-30) and no 2025 value is reported.
    assert_eq!(
        status_of(&rows, "brands"),
        (
            "overdue",
            "2020年基数19件，距2025年目标22件还差3件，截至2026年6月30日未见2025年数值"
        )
    );
    // 100 (2020) → 160 (2024): 12.5 % a year against the 10.4 % that 200 by 2027 needs.
    let (status, words) = status_of(&rows, "marks");
    assert_eq!(status, "on_track");
    assert!(
        words.contains("自2020年以来年均增长12.5%，按期达成需年均增长10.4%"),
        "{words}"
    );
    // Lower is better: 60 → 55 days is a fall of 2.2 % a year against 9.4 % needed.
    let (status, words) = status_of(&rows, "cases");
    assert_eq!(status, "far_behind");
    assert!(words.contains("还需降低25天"), "{words}");
    assert!(words.contains("年均下降2.2%"), "{words}");
    // 9500 万元 is compared as 0.95 亿元, the target's unit.
    let (status, words) = status_of(&rows, "financing");
    assert_eq!(status, "on_track");
    assert!(
        words.starts_with("2025年实际9500万元（0.95亿元），距2026年目标（超过1亿元）还差0.05亿元"),
        "{words}"
    );
    // Yearly amounts for 2021, 2022 and 2024: 2023 is missing, so there is no sum.
    let (status, _) = status_of(&rows, "training");
    assert_eq!(status, "cannot_judge");
    // A growth rate: 8 % against at least 10 %, in percentage points.
    let (status, words) = status_of(&rows, "growth");
    assert_eq!(status, "slightly_behind");
    assert!(words.contains("还差2个百分点"), "{words}");
    assert_eq!(status_of(&rows, "strength").0, "cannot_judge");

    // The plan page states each status in words, with the source of each value and
    // the date it is as of.
    let page = site.output("plans/east-plan/index.html");
    for needle in [
        "目标进展截至<strong>2026年6月30日</strong>",
        "<strong class=\"status-label\">已达成</strong>",
        "<strong class=\"status-label\">期满未见报告</strong>",
        "缺少2023年的数值，不能累计",
        "定性目标，无法以数值判断",
        "<a href=\"https://www.example.gov.cn/east/2026/bulletin.html\" rel=\"noopener\">《东区2025年知识产权发展状况（测试）》</a>（东区市场监督管理局，2026年3月20日，第一部分）",
        "原文写作“8000万”",
    ] {
        assert!(page.contains(needle), "`{needle}` not on the plan page");
    }
    // The overview counts them per region, and the indicator page lists the report's
    // values with their source.
    let overview = site.output("progress/index.html");
    assert!(
        overview.contains("全站规划共设定 <strong>8</strong> 项目标"),
        "{overview}"
    );
    assert!(overview.contains("期满未见报告（1 项）"));
    // A report without an address is named, not linked.
    let cases = site.output("indicators/cases/index.html");
    assert!(cases.contains(
        "<td data-label=\"出处\">《东区2023年知识产权工作总结（测试）》（东区知识产权局，2024年1月15日）"
    ));
    // The chart draws a report's value on the region's line, as a fact.
    let marks = site.output("indicators/marks/index.html");
    assert!(marks.contains("东区 2024年报告值 160件"));
    let indicator = site.output("indicators/financing/index.html");
    assert!(indicator.contains("8000万元（0.8亿元）"));
    assert!(indicator.contains("各地区目标进展"));
    let region = site.output("regions/east/index.html");
    assert!(region.contains("本地区规划共设定 8 项目标"));
    // Open data: every reported value with its source.
    let reported = site.output("data/reported-values.csv");
    assert!(reported.contains(
        "east,东区,financing,知识产权质押融资金额,知识产权质押融资金额,annual,reported,2024,8000,万元,东区2025年知识产权发展状况（测试）,东区市场监督管理局,2026-03-20,https://www.example.gov.cn/east/2026/bulletin.html,false,,原文写作“8000万”"
    ), "{reported}");
    let package = site.output("datapackage.json");
    assert!(package.contains("\"path\": \"data/target-status.csv\""));
    assert!(package.contains("\"path\": \"data/reported-values.json\""));
}

#[test]
fn a_cumulative_target_is_judged_once_every_year_is_reported() {
    let site = Site::fixture("progress");
    let report = "content/reports/east-bulletin-2025.md";
    site.edit(
        report,
        "  - {indicator: training, wording: 知识产权培训人次, unit: 人次, measure: annual, year: 2024, value: 1000}",
        "  - {indicator: training, wording: 知识产权培训人次, unit: 人次, measure: annual, year: 2023, value: 1000}\n  - {indicator: training, wording: 知识产权培训人次, unit: 人次, measure: annual, year: 2024, value: 1000}",
    );
    site.build().ok();
    let rows = statuses(&site);
    // 900 + 1100 + 1000 + 1000 = 4000 in 2021–2024, 4 of the 7 years: 7000 × 4/7 = 4000.
    let (status, words) = status_of(&rows, "training");
    assert_eq!(status, "on_track");
    assert!(
        words.starts_with("2021—2024年合计4000人次，距2027年目标（不少于7000人次）还差3000人次"),
        "{words}"
    );
}

#[test]
fn a_report_without_its_source_is_an_error_and_the_site_is_kept() {
    let site = Site::fixture("progress");
    site.build().ok();
    let before = site.output("index.html");
    let report = "content/reports/east-summary-2023.md";
    site.edit(report, "issuers: [东区知识产权局]\n", "");
    site.build().fails_with(&[
        "east-summary-2023.md",
        "the values of this report have no source: `issuers` is missing",
        "every reported value names the document it comes from",
    ]);
    assert_eq!(site.output("index.html"), before);

    let site = Site::fixture("progress");
    site.edit("site.yaml", "as_of: 2026-06-30", "as_of: 2026-01-31");
    site.build().fails_with(&[
        "east-bulletin-2025.md",
        "this report is dated 2026-03-20, after `as_of` (2026-01-31)",
    ]);
}

#[test]
fn the_status_is_as_of_the_stated_date_not_the_build_date() {
    // The bundled Yuzhong 2025 work points: 46 件 by 2025, 44.42 件 reported for 2024.
    let site = Site::bundled();
    let page = "plans/yuzhong-ip-work-points-2025/index.html";
    site.build().ok();
    let late = site.output(page);
    assert!(late.contains(
        "2024年实际44.42件，距2025年目标46件还差1.58件，截至2026年12月5日未见2025年数值。"
    ));
    assert!(late.contains("<strong class=\"status-label\">期满未见报告</strong>"));
    // The same content as of a date in 2025: the target is not due yet.
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &config.replace("as_of: 2026-12-05", "as_of: 2025-08-01"),
    );
    site.build().ok();
    let early = site.output(page);
    assert!(early.contains("2024年实际44.42件，距2025年目标46件还差1.58件，需年均增长3.6%。"));
    assert!(early.contains("仅有2024年一个数值，无法计算变化"));
    // Built again, the output is the same bytes.
    site.build().ok();
    assert_eq!(site.output(page), early);
}

#[test]
fn the_bundled_site_shows_the_yuzhong_values_and_wanzhous_ended_period() {
    let site = Site::bundled();
    site.build().ok();
    let rows = statuses(&site);
    let wanzhou: Vec<_> = {
        let text = site.output("data/target-status.csv");
        text.lines()
            .filter(|l| l.contains("wanzhou-ip-plan-2021-2025"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(wanzhou.len(), 21);
    assert!(wanzhou.iter().all(|l| l.contains(",overdue,期满未见报告,")));
    // The Yuzhong plan's 2027 targets against the work points' 2024 values.
    let plan = site.output("plans/yuzhong-ip-strong-district/index.html");
    for needle in [
        "2024年实际44.42件，距2027年目标（超过50件）还差5.58件，需年均增长4.0%",
        "2024年实际17.72件，距2027年目标（不少于18.5件）还差0.78件，需年均增长1.4%",
        "2024年实际18.2%，距2027年目标18.5%还差0.3个百分点",
        "《共建现代服务业知识产权强区工作要点（2025年）》",
    ] {
        assert!(
            plan.contains(needle),
            "`{needle}` not on the Yuzhong plan page"
        );
    }
    let points = site.output("plans/yuzhong-ip-work-points-2025/index.html");
    assert!(points.contains("2024年实际7000万元（0.7亿元），距2025年目标（超过1亿元）还差0.3亿元"));
    assert!(points.contains("2024年实际5家，2025年目标（不少于5家）须以2025年当年的数值判断"));
    assert_eq!(rows.len(), 110);
}
