//! `planpub import` through the binary, on the small documents in
//! tests/fixtures/import/: one test per thing the importer recognises or repairs, the
//! refusal to overwrite, determinism, odd inputs, and that no line is ever lost.

mod common;

use std::fs;

use common::Site;
use common::import::{Imported, fixture, import, import_file, planpub};

const FIXTURES: [&str; 7] = [
    "notice",
    "headings",
    "table",
    "responsible",
    "pasted",
    "split-word",
    "merged",
];

#[test]
fn notice_header_and_footer_go_into_the_front_matter() {
    let d = import("notice");
    let front = d.front();
    for line in [
        "title: 东区专利提质行动计划（2024—2026年）",
        "kind: 行动计划",
        "issuers: [东区人民政府]",
        "doc_number: 东府发〔2024〕7号",
        "date_written: 2024-03-08",
        "period: {start: 2024, end: 2026}",
        "  title: 关于印发《东区专利提质行动计划（2024—2026年）》的通知",
        "  addressees: 各街道办事处，区政府各部门，有关单位\n",
        "  text: 《东区专利提质行动计划（2024—2026年）》已经区政府同意，现印发给你们，请认真组织实施。",
        "  signed: 东区人民政府",
        "  date: 2024-03-08",
        "  disclosure: 此件公开发布",
        "copied_to: [区委办公室, 区人大常委会办公室, 区政协办公室, 区法院]",
        "printed_by: 东区人民政府办公室",
        "date_printed: 2024-03-09",
    ] {
        assert!(front.contains(line), "`{line}` not in:\n{front}");
    }
    assert!(front.contains("抄送栏中的“区政协办”与“公室”在来源文本中被断开"));
    // None of it stays in the body.
    let body = d.body();
    for gone in [
        "东府发",
        "关于印发",
        "此件公开发布",
        "2024年3月8日",
        "抄送",
        "印发\n",
        "（2024—2026年）\n",
    ] {
        assert!(!body.contains(gone), "`{gone}` left in the body:\n{body}");
    }
    assert!(body.starts_with("为提升全区专利质量，制定本计划。\n"));
    assert!(
        d.report
            .contains("notice.date and date_written: 2024-03-08")
    );
}

#[test]
fn headings_follow_the_document_hierarchy_and_the_toc_is_dropped() {
    let d = import("headings");
    let body = d.body();
    for line in [
        "## 第一章 总体要求\n",
        "### 第一节 指导思想\n",
        "#### 专栏1 主要指标 {#box-1}\n",
        // No 一、 in this text: （一） goes right under 第一节, 1. under （一）.
        "#### （一）完善机制。\n\n健全行政执法与司法衔接机制。\n",
        "##### 1﹒严格执法。 {#task-1}\n\n加大侵权查处力度。\n",
        "##### 2.强化协作。 {#task-2}\n\n推进跨区域联合执法。\n",
        "##### 专栏 2 保护能力提升工程 {#box-2}\n",
        "## 附件1 名词解释 {#annex-1}\n",
    ] {
        assert!(body.contains(line), "`{line}` not in:\n{body}");
    }
    assert!(
        !body.contains("……"),
        "the table of contents stayed:\n{body}"
    );
    assert!(!body.contains("目  录"));
    assert!(d.report.contains("dropped (5 lines, a table of contents"));
    assert!(d.report.contains("line 5: 第一章 总体要求……………………1"));
    assert!(
        d.front()
            .contains("删去带点线引导符和页码的目录（“目录”一行及其下4个条目")
    );
    assert!(
        d.report
            .contains("headings: 10 (## 3, ### 2, #### 2, ##### 3)"),
        "{}",
        d.report
    );
    // The indicator table of the box: rows with units, and a rate in %.
    assert!(
        d.indicators
            .contains("wording: 每万人口发明专利拥有量\n    unit: 件")
    );
    assert!(
        d.indicators
            .contains("wording: 专利侵权纠纷行政裁决结案率\n    unit: \"%\"\n    measure: ratio")
    );
    assert!(d.indicators.contains("attribute: 约束性"));
    assert!(d.indicators.contains("section: box-1"));
}

#[test]
fn two_row_header_and_broken_cell_make_one_table_and_drafts() {
    let d = import("table");
    let body = d.body();
    assert!(body.contains(
        "| 序号 | 指标 | 2024年度目标 | 2025年度目标 | 2026年度目标 | 责任单位 |\n|---|---|---|---|---|---|\n| 1 | 知识产权示范企业（家） | 1 | 2 | 3 | 区市场监管局、区科技局 |\n| 2 | 专利质押融资累计金额（亿元） | 1.5 | 2.0 | 3 | 区市场监管局、区金融中心 |\n"
    ), "{body}");
    assert!(body.contains("| 2 | 促进运用 |  |\n"));
    let front = d.front();
    assert!(front.contains("“年度目标”一格横跨“2024”“2025”“2026”三列"));
    assert!(front.contains(
        "（“专利质押融资”与“累计金额（亿元）”），合并为一格“专利质押融资累计金额（亿元）”"
    ));
    assert!(front.contains("“指  标”改为“指标”"));
    let ind = &d.indicators;
    assert_eq!(ind.matches("  - indicator: \"\"\n").count(), 2, "{ind}");
    assert!(
        ind.contains(
            "    wording: 专利质押融资累计金额\n    unit: 亿元\n    measure: cumulative\n"
        )
    );
    assert!(ind.contains("      - {year: 2025, value: \"2.0\", comparator: \"=\"}\n"));
    assert!(ind.contains("    responsible: [区市场监管局, 区金融中心]\n    section: annex-1\n"));
    assert!(ind.contains("note: 导入时推测"));
    assert!(d.report.contains("two-row header merged"));
    assert!(d.report.contains("indicator drafts: 2"));
}

#[test]
fn a_row_short_of_its_merged_cell_gets_up_markers_and_each_guess_is_reported() {
    let d = import("merged");
    let body = d.body();
    assert!(
        body.contains(
            "东区重点任务清单\n\n| 任务名称 | 具体内容 | 责任单位 |\n|---|---|---|\n\
             | 强化知识产权创造 | 推进高价值专利培育。 | 区市场监管局 |\n\
             | ^^ | 深化示范创建。 | 区科技局 |\n\
             | ^^ | 培育文化生态。 | 区教委 |\n\
             | 促进知识产权运用 | 盘活专利存量。 | 区科技局、区经济信息委 |\n"
        ),
        "{body}"
    );
    // A short row that goes on numbering lost cells at its end, not a merged cell.
    assert!(body.contains("| 2 | 专利导航培训 | 6月 |  |\n"), "{body}");
    let guesses: Vec<&str> = d
        .report
        .lines()
        .filter(|l| l.contains("按合并单元格补为 ^^"))
        .map(str::trim)
        .collect();
    assert_eq!(
        guesses,
        [
            "第 10 行少 1 格，按合并单元格补为 ^^，请核对原文",
            "第 11 行少 1 格，按合并单元格补为 ^^，请核对原文"
        ],
        "{}",
        d.report
    );

    // The draft builds, and the task name spans its three rows on the page.
    let site = Site::fixture("basic");
    site.run(&[
        "import",
        &fixture("merged").display().to_string(),
        "--id",
        "merged",
        "--region",
        "east",
    ])
    .ok();
    site.edit(
        "content/plans/merged/index.md",
        "title: \"\"",
        "title: 东区知识产权工作方案",
    );
    site.edit(
        "content/plans/merged/index.md",
        "kind: \"\"",
        "kind: 工作方案",
    );
    site.build().ok();
    let page = site.output("plans/merged/index.html");
    assert!(
        page.contains("<td rowspan=\"3\">强化知识产权创造</td>"),
        "{page}"
    );
    assert!(!page.contains("^^"), "{page}");
}

#[test]
fn responsible_units_stay_with_their_task_and_fill_its_drafts() {
    let d = import("responsible");
    assert!(
        d.body()
            .contains("（责任单位：区市场监管局、区科技局按职责分工负责）")
    );
    assert!(
        d.indicators
            .contains("responsible: [区市场监管局, 区科技局]\n    section: task-1")
    );
    assert!(
        d.indicators
            .contains("wording: 专利密集型产业增加值占比\n    unit: \"%\"\n    measure: ratio")
    );
    assert!(
        d.report
            .contains("#task-1: 区市场监管局、区科技局 (removed “按职责分工负责” from the list)")
    );
    assert!(
        d.report
            .contains("#task-2: 区委宣传部、区教委、区文化旅游委")
    );
}

#[test]
fn a_block_pasted_into_sentences_is_removed_and_recorded() {
    let d = import("pasted");
    let body = d.body();
    assert!(body.contains("推进企业入园发展，优化服务。"), "{body}");
    assert!(body.contains("优化整合、统筹使用各类资金。"));
    assert!(body.contains("营造良好氛围。加强舆论引导。"));
    assert!(!body.contains("各镇人民政府"));
    // A repeated enumeration is the plan's own words.
    assert_eq!(
        body.matches("绿色低碳、智能制造、生物医药、新一代信息技术和新材料")
            .count(),
        3
    );
    let front = d.front();
    assert_eq!(
        front
            .matches("之间的一段文字“各镇人民政府，各街道办事处，区级各部门，各人民团体，有关单位”")
            .count(),
        3
    );
    assert!(front.contains("插在“推进企业入”与“园发展，优化服务。”之间"));
    assert!(d.report.contains("repairs (3,"));
}

#[test]
fn words_split_by_a_page_break_are_joined_and_stray_spaces_removed() {
    let d = import("split-word");
    let body = d.body();
    assert!(
        body.contains("授权发明专利 120 件，知识产权保护意识明显增强。\n"),
        "{body}"
    );
    assert!(body.contains("推动专利转化项目落地。\n"));
    assert!(body.contains("到2025年，全区知识产权治理能力现代化建设成效显著。\n"));
    assert!(body.contains("组织开展知识产权行政管理人员轮训，培养专利代理师 10 名。"));
    let front = d.front();
    assert!(
        front
            .contains("“…发明专利 120 件，知”与下一段“识产权保护意识明显增强。”在来源文本中被断开")
    );
    assert!(front.contains("删去汉字之间多出的2处空格：“管理 人员”“利代 理师”"));
    assert_eq!(front.matches("  - what:").count(), 4);
}

#[test]
fn refuses_to_overwrite_a_draft() {
    let d = import("notice");
    let before = fs::read_to_string(d.out.join("index.md")).expect("read");
    let run = planpub(&[
        "import",
        &fixture("notice").display().to_string(),
        "--out",
        &d.out.display().to_string(),
    ]);
    run.fails_with(&["refusing to overwrite", "index.md", "never overwrites"]);
    assert_eq!(
        fs::read_to_string(d.out.join("index.md")).expect("read"),
        before
    );
}

#[test]
fn the_default_folder_is_under_the_root_and_named_after_the_file() {
    let site = Site::fixture("basic");
    let file = site.path("东区-Plan_2024.txt");
    fs::copy(fixture("notice"), &file).expect("copy");
    site.run(&["import", &file.display().to_string()]).ok();
    assert!(site.path("content/plans/plan-2024/index.md").is_file());
    assert!(site.path("content/plans/plan-2024/indicators.md").is_file());
    // A name with no Latin letters or digits needs --id.
    let file = site.path("东区.txt");
    fs::copy(fixture("notice"), &file).expect("copy");
    site.run(&["import", &file.display().to_string()])
        .fails_with(&["is not a valid plan id", "--id"]);
}

#[test]
fn check_fails_only_on_what_the_report_asks_to_fill() {
    let site = Site::fixture("basic");
    let run = site.run(&[
        "import",
        &fixture("table").display().to_string(),
        "--id",
        "draft",
        "--region",
        "east",
    ]);
    run.ok();
    assert!(run.stdout.contains("the `indicator` id of all 2 drafts"));
    let check = site.check();
    assert_eq!(check.code, 1);
    let errors: Vec<&str> = check
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 4, "{}", check.stderr);
    // Two empty ids, and the title and kind the source does not state.
    assert_eq!(
        errors
            .iter()
            .filter(|e| e.contains("indicators.md") && e.contains("the id is empty"))
            .count(),
        2
    );
    assert!(errors.iter().any(|e| e.contains("`title` is empty")));
    assert!(errors.iter().any(|e| e.contains("`kind` is empty")));
    assert!(run.stdout.contains("index.md `title`"));
    assert!(run.stdout.contains("index.md `kind`"));

    // Filled in, the draft passes.
    site.edit(
        "content/plans/draft/index.md",
        "title: \"\"",
        "title: 东区方案",
    );
    site.edit(
        "content/plans/draft/index.md",
        "kind: \"\"",
        "kind: 工作方案",
    );
    // The first draft counts enterprises (家), so it needs an indicator counted in 家.
    site.write(
        "content/indicators/demo-enterprises.md",
        "---\nname: 知识产权示范企业数\nunit: 家\ncategory: 运用\ndirection: higher_is_better\n---\n",
    );
    for id in ["demo-enterprises", "pledge-financing-cumulative"] {
        site.edit(
            "content/plans/draft/indicators.md",
            "indicator: \"\"",
            &format!("indicator: {id}"),
        );
    }
    site.check().ok();
}

#[test]
fn same_input_same_bytes() {
    for name in FIXTURES {
        let a = import(name);
        let b = import(name);
        assert_eq!(a.index, b.index, "{name}");
        assert_eq!(a.indicators, b.indicators, "{name}");
        let strip = |d: &Imported| d.report.replace(&d.out.display().to_string(), "OUT");
        assert_eq!(strip(&a), strip(&b), "{name}");
    }
}

/// Text with whitespace, Markdown marks and explicit anchors taken out, so a line can
/// be found in the output whatever was done to its layout.
fn squash(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find("{#") {
        out.push_str(&rest[..at]);
        rest = rest[at..].find('}').map_or("", |e| &rest[at + e + 1..]);
    }
    out.push_str(rest);
    out.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '#' | '|' | '\\'))
        .collect()
}

#[test]
fn no_line_is_lost() {
    for name in FIXTURES {
        let d = import(name);
        let all = squash(&format!("{}\n{}\n{}", d.index, d.indicators, d.report));
        // Blocks the report says were removed.
        let removed: Vec<String> = d
            .report
            .split("一段文字“")
            .skip(1)
            .filter_map(|s| s.split("”。").next())
            .map(squash)
            .collect();
        let text = fs::read_to_string(fixture(name)).expect("fixture");
        for (n, line) in text.lines().enumerate() {
            let mut want = squash(line);
            for r in &removed {
                want = want.replace(r.as_str(), "");
            }
            if want.is_empty() {
                continue;
            }
            assert!(
                all.contains(&want),
                "{name}.txt line {}: `{line}` is neither in the draft nor in the report",
                n + 1
            );
        }
    }
}

#[test]
fn lines_it_cannot_place_stay_in_the_body_and_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("odd.txt");
    fs::write(&file, "一、任务\n\n1．甲任务。内容。\n\n2．乙任务。内容。\n\n7．跳号的残片\n\n— 3 —\n\n3．丙任务。内容。\n").expect("write");
    let d = import_file(&file, &[]);
    assert!(d.body().contains("7．跳号的残片\n"));
    assert!(d.body().contains("— 3 —\n"));
    // Only 一、 and 1. in this text: 1. is the second level.
    assert!(d.body().contains("### 3．丙任务。 {#task-3}"));
    assert!(d.report.contains("unplaced lines (2,"), "{}", d.report);
    assert!(d.report.contains("line 7: 7．跳号的残片"));
    assert!(d.report.contains("numbered 7 but the one before was 2"));
    assert!(d.report.contains("line 9: — 3 —"));
}

#[test]
fn empty_binary_and_foreign_encodings_never_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").expect("write");
    let d = import_file(&empty, &["--region", "east"]);
    assert!(
        d.index
            .starts_with("---\ntitle: \"\"\nregion: east\nkind: \"\"\n---\n")
    );
    assert!(d.indicators.contains("indicators: []"));
    assert!(d.report.contains("the file has no text"));

    let binary = dir.path().join("binary.txt");
    fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").expect("write");
    let out = dir.path().join("b");
    let run = planpub(&[
        "import",
        &binary.display().to_string(),
        "--out",
        &out.display().to_string(),
    ]);
    run.fails_with(&["binary", "plain .txt"]);
    assert!(!out.exists());

    let gbk = dir.path().join("gbk.txt");
    fs::write(&gbk, b"\xd6\xaa\xca\xb6\xb2\xfa\xc8\xa8").expect("write");
    let run = planpub(&[
        "import",
        &gbk.display().to_string(),
        "--out",
        &out.display().to_string(),
    ]);
    run.fails_with(&["not UTF-8", "iconv"]);
    assert!(!out.exists());

    let run = planpub(&[
        "import",
        "/nonexistent/plan.txt",
        "--out",
        &out.display().to_string(),
    ]);
    run.fails_with(&["cannot read"]);
    let run = planpub(&["import", &empty.display().to_string(), "--id", "Bad Id"]);
    run.fails_with(&["is not a valid plan id"]);
}
