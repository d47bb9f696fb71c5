//! The comparison layer, built from tests/fixtures/compare through the CLI: a
//! municipality and two districts that set the same indicators in different units and
//! measures, cite each other by title, and name responsible units two ways.

mod common;

use common::Site;

fn built() -> Site {
    let site = Site::fixture("compare");
    site.build().ok();
    site
}

/// The HTML between the start of the element with `id` and the end of its section.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[test]
fn measures_are_compared_apart() {
    let site = built();
    let page = site.output("indicators/pledge-financing/index.html");
    let cumulative = section(&page, "measure-cumulative");
    let annual = section(&page, "measure-annual");
    // The yearly amount is never in the cumulative table, nor the totals in the yearly one.
    assert!(cumulative.contains("1.5") && cumulative.contains("0.8"));
    assert!(!cumulative.contains("当年知识产权质押融资"));
    assert!(annual.contains("当年知识产权质押融资"));
    assert!(!annual.contains("知识产权质押融资累计"));
    assert!(page.find("measure-cumulative") < page.find("measure-annual"));
}

#[test]
fn units_are_normalised_with_the_original_beside() {
    let site = built();
    let page = site.output("indicators/pledge-financing/index.html");
    let cumulative = section(&page, "measure-cumulative");
    // West writes 8000 万元; compared in the catalogue's 亿元 it is 0.8.
    assert!(
        cumulative.contains(
            "<span class=\"number\">0.8</span></span><span class=\"original\">（原文 8000万元）</span>"
        ),
        "{cumulative}"
    );
    // East already writes 亿元: no original is repeated.
    assert!(cumulative.contains("<span class=\"number\">1.5</span></span></span>"));
    assert!(cumulative.contains("（单位：亿元）"));
    let annual = section(&page, "measure-annual");
    assert!(annual.contains(
        "<span class=\"number\">0.5</span></span><span class=\"original\">（原文 5000万元）</span>"
    ));
}

#[test]
fn implied_growth_is_shown_from_baseline_to_target() {
    let site = built();
    let page = site.output("indicators/patents-per-10k/index.html");
    // 10 in 2023 to at least 20 in 2026: (20/10)^(1/3) − 1 = 26.0 % a year.
    assert!(
        page.contains("隐含增速：2023年基期值→2026年目标，年均至少需增长 26.0%"),
        "{page}"
    );
}

#[test]
fn indicator_pages_have_an_accessible_chart_per_measure() {
    let site = built();
    let page = site.output("indicators/patents-per-10k/index.html");
    // Drawn twice, wide and narrow (chart.css shows one), each with ids of its own.
    for variant in ["wide", "narrow"] {
        let svg = format!("<svg class=\"chart-svg chart-{variant}\" role=\"img\"");
        assert_eq!(page.matches(&svg).count(), 1, "{variant}");
    }
    assert!(page.contains("aria-labelledby=\"chart-stock-title chart-stock-desc\""));
    assert!(page.contains("aria-labelledby=\"chart-stock-narrow-title chart-stock-narrow-desc\""));
    let desc = section(&page, "chart-stock-desc");
    for region in ["测试市", "东区", "西区"] {
        assert!(desc.contains(region), "{desc}");
    }
    // One marker per value in each drawing: city 25, east 10 and 20, west 30.
    assert_eq!(page.matches("class=\"marker ").count(), 2 * 4);
    assert_eq!(page.matches("class=\"marker target\"").count(), 2 * 3);
    // Every region keeps its colour slot: the municipality is first.
    assert!(page.contains("<g class=\"series-lines c0\""));
    let pledge = site.output("indicators/pledge-financing/index.html");
    assert_eq!(pledge.matches("role=\"img\"").count(), 2 * 2);
    assert!(!page.contains("style="));
}

#[test]
fn goals_matrix_and_every_pair_page() {
    let site = built();
    let matrix = site.output("compare/index.html");
    // Municipality first, then districts.
    let city = matrix
        .find(">测试市</a><span class=\"meta\">")
        .expect("city column");
    let east = matrix
        .find(">东区</a><span class=\"meta\">")
        .expect("east column");
    assert!(city < east);
    // Counts of indicators with targets, under each region's name: city 1, east 2, west 2.
    for (name, n) in [("测试市", 1), ("东区", 2), ("西区", 2)] {
        assert!(
            matrix.contains(&format!(
                ">{name}</a><span class=\"meta\">设定 {n} 项</span></th>"
            )),
            "{name}: {matrix}"
        );
    }
    // Every row is set by two regions or more, and says by how many.
    assert!(matrix.contains("<span class=\"meta\">3 个地区设定</span>"));
    assert!(matrix.contains("<span class=\"meta\">2 个地区设定</span>"));
    // The city sets no pledge-financing target: a dash, and in words for a screen reader.
    assert!(
        matrix.contains("<td data-label=\"测试市\" class=\"no-value\"><span class=\"empty\"><span aria-hidden=\"true\">—</span><span class=\"visually-hidden\">未设定目标</span></span></td>"),
        "{matrix}"
    );
    assert!(!matrix.contains("无目标"));
    // Every cell with a target states its year and keeps words and numbers apart.
    assert!(matrix.contains("<span class=\"year\">2026年</span>"));
    assert!(
        matrix.contains("<span class=\"measure\">（存量）</span>"),
        "{matrix}"
    );
    // West's nearest target, converted, with the original.
    assert!(matrix.contains("（原文 8000万元）"));
    for (a, b) in [("city", "east"), ("city", "west"), ("east", "west")] {
        let pair = site.output(&format!("compare/{a}/{b}/index.html"));
        assert!(pair.contains("共同指标"), "{a}/{b}");
    }
    let pair = site.output("compare/city/east/index.html");
    let shared = section(&pair, "site-shared");
    assert!(shared.contains("每万人口发明专利拥有量"));
    // Each side's nearest-horizon target: the city's 25 in 2026, east's 20 in 2026
    // (its 2023 value is a baseline, not a target).
    assert!(
        shared.contains("<span class=\"year\">2026年</span> <abbr title=\"达到\">=</abbr> <span class=\"number\">25</span> 件"),
        "{shared}"
    );
    assert!(
        shared.contains("<span class=\"number\">20</span> 件"),
        "{shared}"
    );
    // One-sided indicators are named, with the way to their values.
    let only = section(&pair, "site-only-b");
    assert!(only.contains("知识产权质押融资金额"));
    assert!(
        only.contains("href=\"../../../regions/east/index.html\""),
        "{only}"
    );
    assert!(!only.contains("class=\"number\""), "{only}");
    assert!(section(&pair, "site-only-a").contains("无。"));
}

/// West drops its pledge-financing target, so only east sets one.
fn drop_west_pledge(site: &Site) {
    site.edit(
        "content/plans/west-plan/indicators.md",
        "  - indicator: pledge-financing\n    wording: 知识产权质押融资累计\n    unit: 万元\n    measure: cumulative\n    targets:\n      - {year: 2026, value: 8000, comparator: \"=\"}\n    responsible: [区市场监管局]\n    section: goals\n",
        "",
    );
}

#[test]
fn an_indicator_only_one_region_sets_is_listed_below_the_matrix() {
    let site = Site::fixture("compare");
    // West drops its pledge-financing target: east alone sets one now.
    drop_west_pledge(&site);
    site.build().ok();
    let matrix = site.output("compare/index.html");
    let table = &matrix[matrix.find("<table class=\"matrix").expect("matrix")..];
    let table = &table[..table.find("</table>").expect("end")];
    assert!(table.contains("每万人口发明专利拥有量"));
    assert!(!table.contains("知识产权质押融资金额"), "{table}");
    let single = section(&matrix, "site-single");
    assert!(
        single.contains("仅一个地区设定目标的指标（1 项）"),
        "{single}"
    );
    assert!(
        single.contains("知识产权质押融资金额</a>：<span class=\"swatch c"),
        "{single}"
    );
    assert!(single.contains("东区，<a class=\"cell-link\""), "{single}");
    assert!(
        single.contains("<span class=\"number\">1.5</span> 亿元"),
        "{single}"
    );
    // West and east still share an indicator; a pair sharing none is set apart.
    let pairs = section(&matrix, "site-pairs");
    assert!(!pairs.contains("没有共同指标的两地"), "{pairs}");
}

#[test]
fn pairs_without_a_shared_indicator_are_set_apart() {
    let site = Site::fixture("compare");
    // The city sets only pledge financing, west only patents: they share nothing.
    site.edit(
        "content/plans/city-outline/indicators.md",
        "indicator: patents-per-10k\n    wording: 每万人口发明专利拥有量\n    unit: 件",
        "indicator: pledge-financing\n    wording: 知识产权质押融资累计\n    unit: 亿元",
    );
    site.edit(
        "content/plans/city-outline/indicators.md",
        "measure: stock",
        "measure: cumulative",
    );
    drop_west_pledge(&site);
    site.build().ok();
    let matrix = site.output("compare/index.html");
    let pairs = section(&matrix, "site-pairs");
    let split = pairs
        .find("没有共同指标的两地（1 组）")
        .unwrap_or_else(|| panic!("{pairs}"));
    let (listed, apart) = pairs.split_at(split);
    assert!(apart.contains("测试市 与 西区"), "{apart}");
    assert!(!listed.contains("测试市 与 西区"), "{listed}");
    assert!(
        listed.contains("测试市 与 东区") && listed.contains("东区 与 西区"),
        "{listed}"
    );
}

#[test]
fn pair_rows_say_when_the_target_years_differ() {
    let site = Site::fixture("compare");
    site.edit(
        "content/plans/west-plan/indicators.md",
        "{year: 2026, value: 30, comparator: \"=\"}",
        "{year: 2025, value: 30, comparator: \"=\"}",
    );
    site.build().ok();
    let pair = site.output("compare/east/west/index.html");
    let shared = section(&pair, "site-shared");
    let row = &shared[shared.find("每万人口发明专利拥有量").expect("row")..];
    let row = &row[..row.find("</tr>").expect("end of row")];
    assert!(row.contains("两地目标年份不同"), "{row}");
    assert!(row.contains("2026年") && row.contains("2025年"), "{row}");
    let other = &shared[shared.find("知识产权质押融资金额").expect("row")..];
    let other = &other[..other.find("</tr>").expect("end of row")];
    assert!(!other.contains("两地目标年份不同"), "{other}");
}

#[test]
fn value_tables_are_labelled_cards_in_a_named_focusable_region() {
    let site = built();
    for (page, caption) in [
        (
            "indicators/patents-per-10k/index.html",
            "measure-stock-caption",
        ),
        ("compare/index.html", "site-matrix-caption"),
        ("compare/city/east/index.html", "site-pair-caption"),
    ] {
        let html = site.output(page);
        let at = html
            .find(&format!("aria-labelledby=\"{caption}\""))
            .unwrap_or_else(|| panic!("{page}: no region named by #{caption}"));
        let open = &html[html[..at]
            .rfind("<div class=\"table-wrap")
            .expect("wrapper")..at];
        assert!(
            open.contains("role=\"region\" tabindex=\"0\""),
            "{page}: {open}"
        );
        assert!(
            html.contains(&format!("<caption id=\"{caption}\">")),
            "{page}"
        );
        let table = &html[at..];
        let table = &table[..table.find("</table>").expect("end")];
        assert!(
            table.contains("<p class=\"scroll-cue\" aria-hidden=\"true\">"),
            "{page}"
        );
        assert!(
            table.contains("class=\"") && table.contains(" cards\">"),
            "{page}"
        );
        // Every value cell is labelled by its column for the card layout.
        for cell in table.split("<td ").skip(1) {
            assert!(cell.contains("data-label=\""), "{page}: {cell}");
        }
    }
    // Year columns are labelled by their year.
    let indicator = site.output("indicators/patents-per-10k/index.html");
    assert!(indicator.contains("data-label=\"2026年\""), "{indicator}");
}

/// The compare fixture with a second municipality, `town`, and its district `north`,
/// which sets the highest target of all.
fn two_families() -> Site {
    let site = Site::fixture("compare");
    site.write(
        "content/regions/town.md",
        "---\nname: 测试镇\nlevel: municipality\n---\n",
    );
    site.write(
        "content/regions/north.md",
        "---\nname: 北区\nlevel: district\nparent: town\n---\n",
    );
    site.write(
        "content/plans/north-plan/index.md",
        "---\ntitle: 北区知识产权工作方案\nregion: north\nkind: 工作方案\nperiod: {start: 2024, end: 2026}\n---\n\n## 一、目标 {#goals}\n\n到2026年，每万人口发明专利拥有量50件。\n",
    );
    site.write(
        "content/plans/north-plan/indicators.md",
        "---\nindicators:\n  - indicator: patents-per-10k\n    wording: 每万人口发明专利拥有量\n    unit: 件\n    measure: stock\n    targets:\n      - {year: 2026, value: 50, comparator: \"=\"}\n    section: goals\n---\n",
    );
    site.build().ok();
    site
}

#[test]
fn regions_are_compared_within_their_family() {
    let site = two_families();
    // The compare page: the two municipalities side by side, and a page per family.
    let compare = site.output("compare/index.html");
    // 测试镇 sets no target, so the city's indicator is one only it sets: listed
    // under the matrix, not a row of its own.
    let top = section(&compare, "site-matrix");
    assert!(top.contains("没有两个及以上地区都设定目标的指标"), "{top}");
    assert!(top.contains("测试市，<a class=\"cell-link\""), "{top}");
    assert!(
        !top.contains("东区"),
        "districts are on their family's page"
    );
    assert!(compare.contains(r#"<a href="../compare/city/index.html">测试市及下辖地区</a>"#));
    assert!(compare.contains(r#"<a href="../compare/town/index.html">测试镇及下辖地区</a>"#));
    let city = site.output("compare/city/index.html");
    assert!(city.contains("<h1>测试市及下辖地区的目标比较</h1>"));
    assert!(
        city.contains(">东区</a><span class=\"meta\">")
            && !city.contains(">北区</a><span class=\"meta\">")
    );
    // Pairs inside families only: a region with its parent or a sibling, and the two
    // municipalities; not two districts under different municipalities.
    for pair in [
        "city/east",
        "city/west",
        "east/west",
        "city/town",
        "town/north",
    ] {
        assert!(
            site.path(&format!("output/compare/{pair}/index.html"))
                .is_file(),
            "{pair}"
        );
    }
    for pair in ["east/north", "west/north", "city/north", "north/east"] {
        assert!(
            !site
                .path(&format!("output/compare/{pair}/index.html"))
                .exists(),
            "{pair}"
        );
    }
    // West is still ranked against east alone: north, under another parent, sets
    // a higher target but is not its peer.
    let west = site.output("regions/west/index.html");
    assert!(
        section(&west, "site-standings").contains("<strong>最高</strong>（共 2 个地区）"),
        "{west}"
    );
}

#[test]
fn region_standings_and_the_municipal_bar() {
    let site = built();
    let west = site.output("regions/west/index.html");
    let standings = section(&west, "site-standings");
    // 2026, stock: west 30 is above east's ≥ 20; the city's 25 is the bar.
    assert!(
        standings.contains("<strong>最高</strong>（共 2 个地区）"),
        "{standings}"
    );
    assert!(standings.contains("本地区目标高于上级目标"));
    let east = site.output("regions/east/index.html");
    assert!(section(&east, "site-standings").contains("<strong>最低</strong>"));
    assert!(section(&east, "site-dashboard").contains("每万人口发明专利拥有量"));
}

#[test]
fn responsible_units_are_normalised_per_region() {
    let site = built();
    let units = site.output("units/index.html");
    let west = section(&units, "region-west");
    // 区市场监管局 and 西区市场监管局 are one body in West, by its region file.
    assert!(west.contains("西区市场监管局"));
    assert!(west.contains("又写作 区市场监管局"));
    assert!(!west.contains(">区市场监管局</a>"));
    // In East the short name stands alone.
    assert!(section(&units, "region-east").contains(">区市场监管局</a>"));
    let unit = site.output("units/west/西区市场监管局/index.html");
    let tasks = section(&unit, "site-tasks");
    assert!(tasks.contains("href=\"../../../plans/west-plan/index.html#task-1\""));
    assert!(tasks.contains("href=\"../../../plans/west-plan/index.html#task-2\""));
    assert!(tasks.contains("原文写作“区市场监管局”"));
    assert!(unit.contains("负责的指标"));
}

#[test]
fn citations_link_to_plans_and_list_the_rest() {
    let site = built();
    let east = site.output("plans/east-plan/index.html");
    // Cited without its period, linked to the outline.
    assert!(east.contains(
        "<a class=\"citation\" href=\"../../plans/city-outline/index.html\">《测试市知识产权强市建设纲要》</a>"
    ));
    assert!(east.contains("<li>《外省知识产权条例》</li>"));
    let west = site.output("plans/west-plan/index.html");
    assert!(west.contains("《测试市知识产权强市建设纲要（2021－2035 年）》</a>"));
    let outline = site.output("plans/city-outline/index.html");
    let relations = section(&outline, "site-relations");
    assert!(relations.contains("引用本文件的规划"));
    assert!(relations.contains("plans/east-plan/index.html"));
    assert!(relations.contains("plans/west-plan/index.html"));
}

#[test]
fn plans_timeline_links_each_bar() {
    let site = built();
    let plans = site.output("plans/index.html");
    let timeline = section(&plans, "site-timeline-title");
    assert!(plans.contains("<svg class=\"timeline-svg timeline-wide\" role=\"group\""));
    assert!(plans.contains("<svg class=\"timeline-svg timeline-narrow\" role=\"group\""));
    for id in ["city-outline", "east-plan", "west-plan"] {
        assert!(
            plans.contains(&format!("<a href=\"../plans/{id}/index.html\">\n    <text")),
            "{id}"
        );
    }
    // The outline states no start: an open bar up to its horizon.
    assert!(plans.contains("目标至2035年，起始未注明"));
    assert!(plans.contains("open-start"));
    assert!(plans.contains("2024—2026年"));
    assert!(!timeline.is_empty());
}

#[test]
fn a_unit_that_cannot_convert_is_an_error() {
    let site = Site::fixture("compare");
    site.edit(
        "content/plans/west-plan/indicators.md",
        "    unit: 万元",
        "    unit: 万件",
    );
    let line = site.line_of("content/plans/west-plan/indicators.md", "unit: 万件");
    site.build().fails_with(&[
        &format!("content/plans/west-plan/indicators.md:{line}:"),
        "`万件` cannot be compared with `亿元`, the unit of `pledge-financing`",
        "help:",
    ]);
    assert!(!site.path("output").exists());
}

#[test]
fn a_responsible_unit_listed_twice_is_an_error() {
    let site = Site::fixture("compare");
    site.edit(
        "content/regions/west.md",
        "aliases: [区市场监管局]",
        "aliases: [区市场监管局, 西区市场监管局]",
    );
    site.build().fails_with(&[
        "content/regions/west.md:8:",
        "`西区市场监管局` is listed twice (first on line 7)",
    ]);
}

#[test]
fn snapshot_goals_matrix() {
    let site = built();
    insta::assert_snapshot!("goals_matrix", site.output("compare/index.html"));
}

#[test]
fn the_home_page_opens_with_what_several_regions_promise() {
    let site = built();
    let home = site.output("index.html");
    let promises = &home[home.find("site-promises").expect("promises")
        ..home.find("id=\"site-latest\"").expect("plans")];
    // Before any list of documents.
    assert!(home.find("site-promises") < home.find("class=\"counts\""));
    assert!(home.find("site-promises") < home.find("site-latest"));
    // The indicator three regions set comes first, then the one two set.
    let patents = promises.find("每万人口发明专利拥有量").expect("patents");
    let pledge = promises.find("知识产权质押融资金额").expect("pledge");
    assert!(patents < pledge, "{promises}");
    // Each region's nearest target, with its year, linking to the indicator page.
    let card = &promises[patents..pledge];
    for (region, value) in [("测试市", "25"), ("东区", "20"), ("西区", "30")] {
        assert!(card.contains(&format!("{region}</dt>")), "{region}: {card}");
        assert!(
            card.contains(&format!("<span class=\"number\">{value}</span> 件")),
            "{region}: {card}"
        );
    }
    assert!(card.contains("<span class=\"year\">2026年</span>"));
    assert!(
        card.contains("href=\"indicators/patents-per-10k/index.html\""),
        "{card}"
    );
}
