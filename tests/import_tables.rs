//! `planpub import` on indicator tables as they are copied (issue 19, patterns 4, 5
//! and 7): category rows, two-level headers, the same table in every copy layout,
//! bounds written in cells (6000以上, ≥6000, 不低于90%), and columns that are not
//! targets (实现情况, 基期, 年均增长). Helpers as in tests/import.rs.

mod common;

use std::fs;

use common::import::{fixture, import};

const STOCK: &str =
    "导入时推测：measure 记为 stock（名称中没有“累计”“增长”“比重”等字样，默认为存量）";
const RATIO: &str = "导入时推测：measure 记为 ratio（单位为%，名称含“比重”“占比”或“率”）";
const GROWTH: &str = "导入时推测：measure 记为 growth_rate（表头为年均增长）";

/// The drafts of the 规划目标/实现情况 table, whichever way it was copied.
fn review_drafts() -> String {
    let both = "本条取自“规划目标 年均增长（%）”、“实现情况 年均增长（%）”";
    let entry = |wording: &str,
                 unit: &str,
                 measure: &str,
                 attribute: &str,
                 actual: &str,
                 target: &str,
                 note: String| {
        format!(
            "  - indicator: \"\"\n    wording: {wording}\n    unit: {unit}\n    measure: {measure}\n    attribute: {attribute}\n    actuals: [{{year: 2015, value: {actual}}}]\n    targets:\n      - {{year: 2015, value: {target}}}\n    responsible: []\n    section: 一十二五时期主要指标完成情况\n    note: {note}。请核对后删去本注。\n"
        )
    };
    let mut o = String::from(
        "---\n# Drafts read from the plan's indicator tables. Fill every `indicator:` with an id\n# of content/indicators/, check the guessed `measure`, then remove the `note`.\n# Quantified goals stated in sentences are not drafted; add them.\nindicators:\n  # table at line 4 of the source, under #一十二五时期主要指标完成情况\n",
    );
    o += &entry(
        "地区生产总值",
        "亿元",
        "stock",
        "预期性",
        "1580",
        "1500, comparator: \"=\"",
        format!("{STOCK}；类别：总体发展水平"),
    );
    o += &entry(
        "地区生产总值",
        "\"%\"",
        "growth_rate",
        "预期性",
        "10.2",
        "9, comparator: \"=\"",
        format!("{GROWTH}；{both}；类别：总体发展水平"),
    );
    o += &entry(
        "城镇居民人均可支配收入",
        "元",
        "stock",
        "预期性",
        "33100",
        "32000, comparator: \">\"",
        format!("{STOCK}；类别：总体发展水平；原文：2015年“>32000”"),
    );
    o += &entry(
        "城镇居民人均可支配收入",
        "\"%\"",
        "growth_rate",
        "预期性",
        "9.6",
        "9, comparator: \"≥\"",
        format!("{GROWTH}；{both}；类别：总体发展水平；原文：2015年“9以上”"),
    );
    o += &entry(
        "服务业增加值比重",
        "\"%\"",
        "ratio",
        "预期性",
        "46.2",
        "45, comparator: \"=\"",
        format!("{RATIO}；类别：结构调整"),
    );
    o += &entry(
        "城镇登记失业率",
        "\"%\"",
        "ratio",
        "约束性",
        "3.9",
        "4.5, comparator: \"≤\"",
        format!("{RATIO}；类别：结构调整；原文：2015年“4.5以下”"),
    );
    o.push_str("---\n");
    o
}

#[test]
fn the_same_table_in_every_copy_layout_gives_the_same_drafts() {
    let want = review_drafts();
    for name in [
        "tables-row-copy",
        "tables-browser-copy",
        "tables-spaced-copy",
        "tables-two-level-header",
    ] {
        let d = import(name);
        assert_eq!(d.indicators, want, "{name}");
        // One table, with the merged header and both category rows.
        assert!(d.report.contains("\ntables: 1\n"), "{name}: {}", d.report);
        assert!(
            d.body().contains(
                "| 序号 | 指标 | 规划目标 2015年 | 规划目标 年均增长（%） | 实现情况 2015年 | 实现情况 年均增长（%） | 属性 |\n|---|---|---|---|---|---|---|\n\
                 | 总体发展水平 | << | << | << | << | << | << |\n\
                 | 1 | 地区生产总值（亿元） | 1500 | 9 | 1580 | 10.2 | 预期性 |\n"
            ),
            "{name}: {}",
            d.body()
        );
        assert!(
            d.body()
                .contains("| 结构调整 | << | << | << | << | << | << |\n")
        );
        for line in [
            "two-row header merged: “规划目标” spans 2015年 年均增长（%）; “实现情况” spans 2015年 年均增长（%）",
            "column “规划目标 年均增长（%）” read as a growth rate (measure growth_rate, unit %) targeted for 2015 (from the year column of its group), an entry of its own per row",
            "column “实现情况 2015年” read as actuals for 2015 (a value reached, not a target)",
            "column “实现情况 年均增长（%）” read as a growth rate (measure growth_rate, unit %) reached by 2015 (from the year column of its group), an entry of its own per row",
            "indicator table: 6 drafts",
        ] {
            assert!(
                d.has_report_line(line),
                "{name}: `{line}` not in:\n{}",
                d.report
            );
        }
        assert!(d.front().contains(
            "表头原为两行：“规划目标”一格横跨“2015年”“年均增长（%）”两列，“实现情况”一格横跨“2015年”“年均增长（%）”两列，合并为一行表头，各列分别写作“规划目标 2015年”“规划目标 年均增长（%）”“实现情况 2015年”“实现情况 年均增长（%）”。"
        ));
    }
    // Each reading is reported with the line of its row in that layout.
    let rows = import("tables-row-copy");
    assert!(rows.has_report_line(
        "line 11: 城镇登记失业率（%）: “4.5以下” read as ≤ 4.5 (2015 target): 以下 includes the number in official usage, as 以上 does"
    ), "{}", rows.report);
    assert!(rows.has_report_line(
        "line 8: 城镇居民人均可支配收入（元）: “9以上” read as ≥ 9 (2015 target)"
    ));
    assert!(rows.has_report_line(
        "line 6: “总体发展水平” stands alone across the table: a category of the rows below it, kept as a full-width row (<< in the other columns) and written in their drafts' note"
    ));
    let spaced = import("tables-spaced-copy");
    assert!(
        spaced.has_report_line(
            "- lines 4–11: cells separated by runs of spaces were read as table rows"
        ),
        "{}",
        spaced.report
    );
    let browser = import("tables-browser-copy");
    assert!(browser.has_report_line(
        "line 30: “结构调整” stands alone across the table: a category of the rows below it, kept as a full-width row (<< in the other columns) and written in their drafts' note"
    ), "{}", browser.report);
}

#[test]
fn category_rows_stay_in_the_table_and_go_into_the_note() {
    let d = import("tables-category-rows");
    assert!(
        d.body().contains(
            "| 序号 | 指标 | 2020年 | 2025年 | 属性 |\n|---|---|---|---|---|\n\
             | 总体发展水平 | << | << | << | << |\n\
             | 1 | 地区生产总值（亿元） | 820 | 1200 | 预期性 |\n\
             | 2 | 常住人口城镇化率（%） | 61.5 | 66 | 预期性 |\n\
             | 创新驱动 | << | << | << | << |\n\
             | 3 | 研发经费投入强度（%） | 2.1 | 2.8 | 预期性 |\n\
             | 4 | 每万人口高价值发明专利拥有量（件） | 3.2 | 8 | 预期性 |\n"
        ),
        "{}",
        d.body()
    );
    assert!(d.indicators.contains(&format!(
        "  - indicator: \"\"\n    wording: 地区生产总值\n    unit: 亿元\n    measure: stock\n    attribute: 预期性\n    baseline: {{year: 2020, value: 820}}\n    targets:\n      - {{year: 2025, value: 1200, comparator: \"=\"}}\n    responsible: []\n    section: 一主要目标\n    note: {STOCK}；类别：总体发展水平；最早一年记为基期值。请核对后删去本注。\n"
    )), "{}", d.indicators);
    assert!(d.indicators.contains(&format!(
        "  - indicator: \"\"\n    wording: 每万人口高价值发明专利拥有量\n    unit: 件\n    measure: stock\n    attribute: 预期性\n    baseline: {{year: 2020, value: 3.2}}\n    targets:\n      - {{year: 2025, value: 8, comparator: \"=\"}}\n    responsible: []\n    section: 一主要目标\n    note: {STOCK}；类别：创新驱动；最早一年记为基期值。请核对后删去本注。\n"
    )), "{}", d.indicators);
    for line in [
        "lines 6–12: 6 rows × 5 columns under #一主要目标; header: 序号 | 指标 | 2020年 | 2025年 | 属性",
        "line 7: “总体发展水平” stands alone across the table: a category of the rows below it, kept as a full-width row (<< in the other columns) and written in their drafts' note",
        "line 10: “创新驱动” stands alone across the table: a category of the rows below it, kept as a full-width row (<< in the other columns) and written in their drafts' note",
        "line 8: 地区生产总值（亿元）: the 2020 value read as the baseline: the year is before the plan's period",
        "indicator drafts: 4 (in indicators.md; every `indicator:` id is empty)",
    ] {
        assert!(d.has_report_line(line), "`{line}` not in:\n{}", d.report);
    }
    assert!(d.report.contains("unplaced lines (0,"), "{}", d.report);
}

#[test]
fn bounds_in_cells_become_comparators_with_the_words_in_the_note() {
    let d = import("tables-comparators");
    let targets = |a: (&str, &str), b: (&str, &str)| {
        format!(
            "    targets:\n      - {{year: 2026, value: {}, comparator: \"{}\"}}\n      - {{year: 2027, value: {}, comparator: \"{}\"}}\n",
            a.0, a.1, b.0, b.1
        )
    };
    for (wording, want, source) in [
        (
            "规模以上工业企业",
            targets(("3500", ">"), ("3600", "≥")),
            "原文：2026年“>3500”，2027年“≥3600”",
        ),
        (
            "高新技术企业",
            targets(("6000", "≥"), ("6000", "≥")),
            "原文：2026年“>=6000”，2027年“6000以上”",
        ),
        (
            "农村自来水普及率",
            targets(("90", "≥"), ("95", "=")),
            "原文：2026年“不低于90%”，2027年“达到95%”",
        ),
        (
            "新增就业",
            targets(("1.2", "≥"), ("1.5", ">")),
            "原文：2026年“不少于1.2”，2027年“超过1.5”",
        ),
        (
            "科技成果转化项目",
            targets(("40", ">"), ("50", "=")),
            "原文：2026年“突破40”",
        ),
        (
            "城镇调查失业率",
            targets(("5.5", "<"), ("5.5", "≤")),
            "原文：2026年“<5.5”，2027年“≤5.5”",
        ),
        (
            "单位生产总值用水量下降",
            targets(("3", "≤"), ("3", "≤")),
            "原文：2026年“<=3”，2027年“不高于3”",
        ),
        (
            "万元生产总值能耗",
            targets(("0.5", "≤"), ("0.48", "≤")),
            "原文：2026年“0.5以内”，2027年“0.48以下”",
        ),
        (
            "空气质量超标天数",
            targets(("30", "<"), ("25", "≤")),
            "原文：2026年“低于30”，2027年“不超过25”",
        ),
    ] {
        let entry = d
            .indicators
            .split("  - indicator: ")
            .find(|e| e.contains(&format!("wording: {wording}\n")))
            .unwrap_or_else(|| panic!("no entry for {wording}:\n{}", d.indicators));
        assert!(entry.contains(&want), "{wording}: {entry}");
        assert!(
            entry.contains(&format!("；{source}。请核对后删去本注。")),
            "{wording}: {entry}"
        );
    }
    // A percent unit: the number without its % sign.
    assert!(
        d.indicators
            .contains("wording: 农村自来水普及率\n    unit: \"%\"\n    measure: ratio\n")
    );
    // Words that are not a bound and a number stay text, and check is asked about them.
    assert!(
        d.indicators
            .contains("      - {year: 2026, value: 居全市前列, comparator: \"=\"}\n")
    );
    for line in [
        "line 5: 规模以上工业企业（家）: “>3500” read as > 3500 (2026 target)",
        "line 6: 高新技术企业（家）: “6000以上” read as ≥ 6000 (2027 target)",
        "line 7: 农村自来水普及率（%）: “不低于90%” read as ≥ 90 (2026 target)",
        "line 12: 万元生产总值能耗（吨标准煤）: “0.48以下” read as ≤ 0.48 (2027 target): 以下 includes the number in official usage, as 以上 does",
        "line 12: 万元生产总值能耗（吨标准煤）: “0.5以内” read as ≤ 0.5 (2026 target): 以内 includes the number in official usage, as 以上 does",
        "line 13: 空气质量超标天数（天）: “低于30” read as < 30 (2026 target)",
        "! the 2026 value “居全市前列” is not a number; write it as a number or use `measure: qualitative`",
    ] {
        assert!(d.has_report_line(line), "`{line}` not in:\n{}", d.report);
    }
    // Only the words are left for `measure: qualitative`: no bound reads as text (each
    // problem is listed under its draft and again under what must be filled in).
    assert_eq!(
        d.report.matches("is not a number").count(),
        4,
        "{}",
        d.report
    );
}

#[test]
fn achieved_base_and_growth_columns_are_not_targets() {
    let d = import("tables-achieved-columns");
    let entry = |wording: &str, unit: &str, measure: &str, values: &str, note: &str| {
        format!(
            "  - indicator: \"\"\n    wording: {wording}\n    unit: {unit}\n    measure: {measure}\n{values}    responsible: []\n    section: 一十三五时期发展成就\n    note: {note}。请核对后删去本注。\n"
        )
    };
    let levels = |base: &str, actual: &str, target: &str| {
        format!(
            "    baseline: {{year: 2015, value: {base}}}\n    actuals: [{{year: 2020, value: {actual}}}]\n    targets:\n      - {{year: 2020, value: {target}, comparator: \"=\"}}\n"
        )
    };
    let growth =
        |v: &str| format!("    targets:\n      - {{year: 2020, value: {v}, comparator: \"=\"}}\n");
    let from = format!("{GROWTH}；本条取自“年均增长（%）”");
    let want = [
        entry(
            "地区生产总值",
            "亿元",
            "stock",
            &levels("150", "236", "230"),
            STOCK,
        ),
        entry(
            "地区生产总值",
            "\"%\"",
            "growth_rate",
            &growth("9.5"),
            &from,
        ),
        entry(
            "一般公共预算收入",
            "亿元",
            "stock",
            &levels("12", "17.6", "18"),
            STOCK,
        ),
        entry(
            "一般公共预算收入",
            "\"%\"",
            "growth_rate",
            &growth("7.9"),
            &from,
        ),
        entry(
            "森林覆盖率",
            "\"%\"",
            "ratio",
            &levels("58", "61.2", "60"),
            RATIO,
        ),
    ]
    .concat();
    assert!(d.indicators.contains(&want), "{}", d.indicators);
    assert_eq!(d.indicators.matches("  - indicator:").count(), 5);
    for line in [
        "column “2015年基期” read as the baseline of 2015",
        "column “2020年完成情况” read as actuals for 2020 (a value reached, not a target)",
        "column “年均增长（%）” read as a growth rate (measure growth_rate, unit %) targeted for 2020 (from the last year column of the table), an entry of its own per row",
        "column “备注” not imported: a column no field of indicators.md is read from",
        "line 9: 森林覆盖率（%）: “〔3.2〕” in “年均增长（%）” not imported: 〔〕 marks a total over the period, not a yearly growth rate",
        // A row that lost its empty 备注 is not read as a merged cell.
        "row 2 has 5 cells of 6; empty cells added at its end",
    ] {
        assert!(d.has_report_line(line), "`{line}` not in:\n{}", d.report);
    }
    assert!(!d.report.contains("^^"), "{}", d.report);
}

#[test]
fn a_national_plan_table_with_its_units_bounds_and_growth_column() {
    let d = import("national-plan");
    let ind = &d.indicators;
    for entry in [
        "    wording: IPv6活跃用户数\n    unit: 亿户\n    measure: stock\n    attribute: 预期性\n    baseline: {year: 2020, value: 4.6}\n    targets:\n      - {year: 2025, value: 8, comparator: \"=\"}\n    responsible: []\n    section: box-1\n",
        "    wording: IPv6活跃用户数\n    unit: \"%\"\n    measure: growth_rate\n    attribute: 预期性\n    targets:\n      - {year: 2025, value: 11.7, comparator: \"=\"}\n",
        "    wording: 千兆宽带用户数\n    unit: 万户\n    measure: stock\n    attribute: 预期性\n    baseline: {year: 2020, value: 640}\n    targets:\n      - {year: 2025, value: 6000, comparator: \"≥\"}\n",
        "    wording: 软件和信息技术服务业规模\n    unit: 万亿元\n",
        "    wording: 在线政务服务实名用户规模\n    unit: 亿\n",
        "    wording: 固定宽带家庭平均接入速率\n    unit: Mbps\n    measure: stock\n    attribute: 预期性\n    baseline: {year: 2020, value: 100}\n    targets:\n      - {year: 2025, value: 1000, comparator: \"≥\"}\n",
        "    wording: 重点行业数据安全保护覆盖率\n    unit: \"%\"\n    measure: ratio\n    attribute: 约束性\n    targets:\n      - {year: 2025, value: 90, comparator: \"≥\"}\n",
    ] {
        assert!(ind.contains(entry), "`{entry}` not in:\n{ind}");
    }
    // 〔2.2〕 is a total over the period: no growth entry for the share.
    assert_eq!(
        ind.matches("wording: 数字经济核心产业增加值占国内生产总值比重\n")
            .count(),
        1
    );
    assert_eq!(ind.matches("  - indicator:").count(), 13, "{ind}");
    // 亿户, 万亿元 and Mbps are bundled units now.
    for unit in ["亿户", "万亿元", "Mbps"] {
        assert!(
            !d.report
                .contains(&format!("unit “{unit}” is not one planpub knows")),
            "{}",
            d.report
        );
    }
    for line in [
        "lines 23–31: 8 rows × 5 columns under #box-1; header: 指标 | 2020年 | 2025年 | 年均增长（%） | 〔属性〕",
        "line 30: 固定宽带家庭平均接入速率（Mbps）: “>100” read as > 100 (2020 baseline); a reported value has no comparator, the words stay in the note",
        "line 26: 千兆宽带用户数（万户）: “6000以上” read as ≥ 6000 (2025 target)",
        // 亿 alone says no more than a scale: the site must say what it counts.
        "! unit “亿” is not one planpub knows; declare it in content/units.yaml with what it counts (docs/content-format.md), or `planpub check` fails",
    ] {
        assert!(d.has_report_line(line), "`{line}` not in:\n{}", d.report);
    }
}

#[test]
fn no_line_of_the_table_fixtures_is_lost_and_imports_repeat() {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '#' | '|' | '\\'))
            .collect()
    };
    for name in [
        "tables-category-rows",
        "tables-two-level-header",
        "tables-browser-copy",
        "tables-row-copy",
        "tables-spaced-copy",
        "tables-comparators",
        "tables-achieved-columns",
        "national-plan",
    ] {
        let d = import(name);
        let again = import(name);
        assert_eq!(d.index, again.index, "{name}");
        assert_eq!(d.indicators, again.indicators, "{name}");
        let all = squash(&format!("{}\n{}\n{}", d.index, d.indicators, d.report));
        let text = fs::read_to_string(fixture(name)).expect("fixture");
        for (n, line) in text.lines().enumerate() {
            for cell in line.split(['\t']).flat_map(|c| c.split("  ")) {
                let want = squash(cell);
                assert!(
                    want.is_empty() || all.contains(&want),
                    "{name}.txt line {}: `{cell}` is neither in the draft nor in the report",
                    n + 1
                );
            }
        }
    }
}

#[test]
fn the_table_erratum_names_how_the_source_separated_its_cells() {
    let spaced = import("tables-spaced-copy");
    assert!(spaced.index.contains("以连续空格分隔"), "{}", spaced.index);
    assert!(!spaced.index.contains("以制表符分隔"));
    let tabs = import("tables-row-copy");
    assert!(tabs.index.contains("以制表符分隔"), "{}", tabs.index);
}
