//! `planpub import` on the small `levels-*` documents in tests/fixtures/import/: heading
//! levels follow the numbering kinds each document uses (the highest present is `##`),
//! a kind seen only in a table of contents or in long numbered sentences makes no
//! level, and the report lists every heading and says where a level is a guess.

mod common;

use std::fs;

use common::import::{Imported, fixture, import, import_file};

/// The parts of the report these tests read.
trait ReportParts {
    fn report_headings(&self) -> Vec<&str>;
    fn notes(&self) -> Vec<&str>;
}

impl ReportParts for Imported {
    /// The heading entries of the report (`line N: ## text  #anchor`).
    fn report_headings(&self) -> Vec<&str> {
        self.report
            .lines()
            .skip_while(|l| !l.starts_with("headings: "))
            .skip(1)
            .take_while(|l| l.starts_with("  line "))
            .map(str::trim)
            .collect()
    }

    /// The report's notes.
    fn notes(&self) -> Vec<&str> {
        self.report
            .lines()
            .skip_while(|l| *l != "notes:")
            .skip(1)
            .take_while(|l| l.starts_with("  - "))
            .map(|l| &l[4..])
            .collect()
    }
}

#[test]
fn chapter_section_and_item_take_the_first_three_levels() {
    let d = import("levels-chapter-section-item");
    assert_eq!(
        d.headings(),
        [
            "## 第一章 发展基础",
            "### 第一节 主要成效",
            "#### 一、基础设施明显改善",
            "##### （一）网络覆盖。",
            "##### （二）平台建设。",
            "#### 二、应用场景不断丰富",
            "### 第二节 面临形势",
            "## 第二章 重点任务",
            "### 第一节 夯实数字底座",
            "#### 一、推进网络提速",
        ]
    );
    assert_eq!(
        d.report_headings(),
        [
            "line 3: ## 第一章 发展基础  #第一章-发展基础",
            "line 5: ### 第一节 主要成效  #第一节-主要成效",
            "line 7: #### 一、基础设施明显改善  #一基础设施明显改善",
            "line 9: ##### （一）网络覆盖。  #一网络覆盖",
            "line 11: ##### （二）平台建设。  #二平台建设",
            "line 13: #### 二、应用场景不断丰富  #二应用场景不断丰富",
            "line 15: ### 第二节 面临形势  #第二节-面临形势",
            "line 19: ## 第二章 重点任务  #第二章-重点任务",
            "line 21: ### 第一节 夯实数字底座  #第一节-夯实数字底座",
            "line 23: #### 一、推进网络提速  #一推进网络提速",
        ]
    );
    assert_eq!(
        d.notes(),
        [
            "heading levels follow the numbering the text uses: 第一章 ## (from line 3), 第一节 ### (from line 5), 一、 #### (from line 7), （一） ##### (from line 9)"
        ]
    );
}

#[test]
fn without_chapters_the_first_item_kind_is_the_first_level() {
    let d = import("levels-item-only");
    assert_eq!(
        d.headings(),
        [
            "## 一、总体要求",
            "### （一）目标任务。",
            "#### 1．完善灌区配套。 {#task-1}",
            "##### （1）东干渠。",
            "##### （2）西干渠。",
            "#### 2．建设小型蓄水设施。 {#task-2}",
            "### （二）工作原则",
            "## 二、保障措施",
            "### （一）加强组织领导。",
        ]
    );
    assert_eq!(
        d.report_headings(),
        [
            "line 3: ## 一、总体要求  #一总体要求",
            "line 5: ### （一）目标任务。  #一目标任务",
            "line 7: #### 1．完善灌区配套。  #task-1",
            "line 9: ##### （1）东干渠。  #1东干渠",
            "line 11: ##### （2）西干渠。  #2西干渠",
            "line 13: #### 2．建设小型蓄水设施。  #task-2",
            "line 15: ### （二）工作原则  #二工作原则",
            "line 17: ## 二、保障措施  #二保障措施",
            "line 19: ### （一）加强组织领导。  #一加强组织领导",
        ]
    );
    assert_eq!(
        d.notes(),
        [
            "heading levels follow the numbering the text uses: 一、 ## (from line 3), （一） ### (from line 5), 1. #### (from line 7), （1）/① ##### (from line 9)"
        ]
    );
    // The text after each lead-in stays under its heading.
    assert!(
        d.index
            .contains("##### （1）东干渠。\n\n改造渠道12公里。\n")
    );
}

#[test]
fn a_missing_section_kind_leaves_no_gap_and_boxes_go_under_their_section() {
    let d = import("levels-chapter-item");
    assert_eq!(
        d.headings(),
        [
            "## 第一章 总则",
            "### 一、规划范围",
            "#### （一）镇区",
            "#### （二）村庄",
            "### 二、规划期限",
            "## 第二章 整治任务",
            "### 一、垃圾治理",
            "#### （一）分类收运。",
            "##### 专栏1 重点工程 {#box-1}",
        ]
    );
    assert_eq!(
        d.report_headings(),
        [
            "line 3: ## 第一章 总则  #第一章-总则",
            "line 5: ### 一、规划范围  #一规划范围",
            "line 7: #### （一）镇区  #一镇区",
            "line 9: #### （二）村庄  #二村庄",
            "line 11: ### 二、规划期限  #二规划期限",
            "line 13: ## 第二章 整治任务  #第二章-整治任务",
            "line 15: ### 一、垃圾治理  #一垃圾治理",
            "line 17: #### （一）分类收运。  #一分类收运",
            "line 19: ##### 专栏1 重点工程  #box-1",
        ]
    );
    assert_eq!(
        d.notes(),
        [
            "heading levels follow the numbering the text uses: 第一章 ## (from line 3), 一、 ### (from line 5), （一） #### (from line 7)"
        ]
    );
}

#[test]
fn a_lower_kind_before_a_higher_one_is_ranked_by_the_fixed_order_and_reported() {
    let d = import("levels-guess");
    assert_eq!(
        d.headings(),
        [
            "### 一、编制说明",
            "## 第一章 发展环境",
            "### 一、现实基础",
            "#### （一）资源禀赋",
            "## 第二章 发展目标",
            "### 一、总体目标",
        ]
    );
    assert_eq!(
        d.report_headings(),
        [
            "line 3: ### 一、编制说明  #一编制说明",
            "line 7: ## 第一章 发展环境  #第一章-发展环境",
            "line 9: ### 一、现实基础  #一现实基础",
            "line 11: #### （一）资源禀赋  #一资源禀赋",
            "line 13: ## 第二章 发展目标  #第二章-发展目标",
            "line 15: ### 一、总体目标  #一总体目标",
        ]
    );
    assert_eq!(
        d.notes(),
        [
            "heading levels follow the numbering the text uses: 第一章 ## (from line 7), 一、 ### (from line 3), （一） #### (from line 11)",
            "line 7: “第一章 发展环境” is ## and “一、编制说明” (line 3) ###, by the fixed order 第一编/第一部分 > 第一章 > 第一节 > 一、 > （一） > 1. > （1）/①; but 一、 comes first in the text, so these levels are a guess: check them",
        ]
    );
}

#[test]
fn kinds_only_in_the_contents_or_in_long_sentences_make_no_level() {
    let d = import("levels-toc-and-list");
    // 第一节 is only in the dropped table of contents, and the 1. 2. items are long
    // sentences kept as paragraphs: 一、 and （一） are the only levels.
    assert_eq!(
        d.headings(),
        [
            "## 一、总体要求",
            "## 二、主要任务",
            "### （一）完善设施网络",
            "### （二）提升服务质量",
        ]
    );
    assert_eq!(
        d.report_headings(),
        [
            "line 9: ## 一、总体要求  #一总体要求",
            "line 17: ## 二、主要任务  #二主要任务",
            "line 19: ### （一）完善设施网络  #一完善设施网络",
            "line 21: ### （二）提升服务质量  #二提升服务质量",
        ]
    );
    assert_eq!(
        d.notes(),
        [
            "heading levels follow the numbering the text uses: 一、 ## (from line 9), （一） ### (from line 19)"
        ]
    );
    assert!(d.report.contains("dropped (4 lines, a table of contents"));
    assert!(d.report.contains("unplaced lines (2,"), "{}", d.report);
    assert!(d.index.contains("\n1．各街道应当在本年度内"));
}

#[test]
fn kinds_deeper_than_six_levels_stay_paragraphs_and_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("deep.txt");
    // The space after 第一编 is kept, as after 第一章.
    fs::write(
        &file,
        "第一编 总论\n\n第一章 总则\n\n第一节 目标\n\n一、近期\n\n（一）产业\n\n1．制造。推进技术改造。\n",
    )
    .expect("write");
    let d = import_file(&file, &[]);
    assert_eq!(
        d.headings(),
        [
            "## 第一编 总论",
            "### 第一章 总则",
            "#### 第一节 目标",
            "##### 一、近期",
            "###### （一）产业",
        ]
    );
    // The item keeps its number and its lead-in is not split from its text.
    assert!(
        d.index.contains("\n1．制造。推进技术改造。\n"),
        "{}",
        d.index
    );
    assert!(
        d.report.contains(
            "line 11: 1．制造。推进技术改造。\n    numbered like 1., a kind of heading that would be deeper than ######; kept as a paragraph with its number"
        ),
        "{}",
        d.report
    );
    assert!(d.notes()[0].ends_with("1. a paragraph (too deep) (from line 11)"));
}

const LEVELS: [&str; 5] = [
    "levels-chapter-section-item",
    "levels-item-only",
    "levels-chapter-item",
    "levels-guess",
    "levels-toc-and-list",
];

/// Text with whitespace, Markdown marks and explicit anchors taken out (as in
/// tests/import.rs), so a line can be found whatever was done to its layout.
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
fn levels_fixtures_lose_no_line_and_give_the_same_bytes() {
    for name in LEVELS {
        let a = import(name);
        let b = import(name);
        assert_eq!(a.index, b.index, "{name}");
        // The report names the temporary folders (first two lines, last line).
        let strip = |r: &str| {
            r.lines()
                .skip(2)
                .filter(|l| !l.starts_with("wrote "))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(strip(&a.report), strip(&b.report), "{name}");
        let all = squash(&format!("{}\n{}", a.index, a.report));
        let text = fs::read_to_string(fixture(name)).expect("fixture");
        for (n, line) in text.lines().enumerate() {
            let want = squash(line);
            assert!(
                want.is_empty() || all.contains(&want),
                "{name}.txt line {}: `{line}` is neither in the draft nor in the report",
                n + 1
            );
        }
    }
}
