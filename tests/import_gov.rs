//! `planpub import` on documents copied from government web pages: the catalogue block
//! (政务公开 metadata) above the document, the page's navigation, breadcrumbs and
//! buttons, and the 发文字号 on its own line under the notice title.
//!
//! The fixtures tests/fixtures/import/gov-*.txt are made-up test data (测试数据): every
//! name (测试区, 某区), index number and document number in them is invented. The
//! importer reads a plain text with no room for a comment line, so they are marked here.

mod common;

use std::fs;

use common::Site;
use common::import::{Imported, all_fixtures, fixture, import, import_file};

const GOV: [&str; 4] = [
    "gov-page",
    "gov-meta-table",
    "gov-docnumber-line",
    "gov-conflict",
];

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

/// Asserts the report lists `line` of the source among the lines dropped from the page.
fn dropped(d: &Imported, line: usize, text: &str) {
    let section = d
        .report
        .split("dropped from the web page")
        .nth(1)
        .and_then(|s| s.split("\n\n").next())
        .unwrap_or("");
    let entry = format!("  line {line}: {text}\n");
    assert!(
        section.contains(&entry),
        "`{entry}` not among the dropped lines:\n{}",
        d.report
    );
}

/// Asserts the report gives `field` as `value`, read from `lines` of the source.
fn found(d: &Imported, field: &str, value: &str, lines: &[(usize, &str)]) {
    let mut entry = format!("  {field}: {value}\n");
    for (n, t) in lines {
        entry.push_str(&format!("      line {n}: {t}\n"));
    }
    assert!(d.report.contains(&entry), "`{entry}` not in:\n{}", d.report);
}

fn no_errata(d: &Imported) {
    assert!(!d.front().contains("errata:"), "{}", d.front());
    assert!(d.report.contains("repairs (0,"), "{}", d.report);
}

#[test]
fn a_whole_page_gives_the_catalogue_fields_and_a_clean_body() {
    let d = import("gov-page");
    assert_eq!(
        d.front(),
        "title: 测试区知识产权保护规划（2022—2025年）
region: \"\"
kind: 规划
issuers: [测试区人民政府办公室]
doc_number: 测试府办发〔2022〕30号
index_number: 11500000TEST00001X/2022-00035
date_written: 2022-03-01
date_published: 2022-03-05
period: {start: 2022, end: 2025}
status: 现行有效
topics: [科技、教育\\知识产权]
notice:
  title: 测试区人民政府办公室关于印发测试区知识产权保护规划（2022—2025年）的通知
  addressees: 各镇人民政府，各街道办事处，区政府各部门，有关单位
  text: 《测试区知识产权保护规划（2022—2025年）》已经区政府同意，现印发给你们，请认真贯彻执行。
  signed: 测试区人民政府办公室
  date: 2022-03-01
  disclosure: 此件公开发布
"
    );
    let body = d.body();
    assert!(
        body.starts_with("为加强全区知识产权保护，制定本规划。\n"),
        "{body}"
    );
    assert!(body.ends_with("加强组织领导，落实工作责任。\n"), "{body}");
    for gone in [
        "门户网站",
        "首页",
        "当前位置",
        "索",
        "发文字号",
        "发布机构",
        "有效性",
        "成文日期",
        "主题分类",
        "来源",
        "字号",
        "打印本页",
        "分享到",
        "扫一扫",
        "ICP备",
        "〔2022〕",
        "关于印发",
    ] {
        assert!(!body.contains(gone), "`{gone}` left in the body:\n{body}");
    }
    no_errata(&d);

    for (line, text) in [
        (1, "测试区人民政府门户网站"),
        (2, "首页 | 政务公开 | 政务服务 | 互动交流 | 走进测试区"),
        (3, "当前位置：首页 > 政务公开 > 政策文件 > 区政府办公室文件"),
        (
            5,
            "[ 索 引 号 ] 11500000TEST00001X/2022-00035 [ 发文字号 ] 测试府办发〔2022〕30号",
        ),
        (6, "[ 发布机构 ] 测试区人民政府办公室 [ 有效性 ] 有效"),
        (7, "[ 成文日期 ] 2022-03-01 [ 发布日期 ] 2022-03-05"),
        (8, "[ 主题分类 ] 科技、教育\\知识产权"),
        (
            10,
            "测试区人民政府办公室关于印发测试区知识产权保护规划（2022—2025年）的通知",
        ),
        (11, "来源：测试区政府办公室  浏览次数：1024  字号：大 中 小"),
        (41, "【打印本页】【关闭窗口】"),
        (42, "分享到：微信 微博 QQ空间"),
        (43, "扫一扫在手机打开当前页"),
        (44, "主办：测试区人民政府办公室 承办：测试区大数据发展中心"),
        (45, "网站标识码：0000000000 测ICP备00000000号"),
    ] {
        dropped(&d, line, text);
    }
    assert!(d.report.contains("dropped from the web page (14 lines"));
    assert!(
        d.report
            .contains("the page's heading, repeating the document's title at line 13")
    );

    // Each field filled from the page, with the line it came from.
    found(
        &d,
        "doc_number",
        "测试府办发〔2022〕30号 (the line under the notice title)",
        &[(14, "测试府办发〔2022〕30号")],
    );
    found(
        &d,
        "index_number",
        "11500000TEST00001X/2022-00035 (the page's 索引号)",
        &[(
            5,
            "[ 索 引 号 ] 11500000TEST00001X/2022-00035 [ 发文字号 ] 测试府办发〔2022〕30号",
        )],
    );
    found(
        &d,
        "issuers",
        "测试区人民政府办公室 (the page's 发布机构)",
        &[(6, "[ 发布机构 ] 测试区人民政府办公室 [ 有效性 ] 有效")],
    );
    found(
        &d,
        "status",
        "现行有效 (有效性 “有效”)",
        &[(6, "[ 发布机构 ] 测试区人民政府办公室 [ 有效性 ] 有效")],
    );
    found(
        &d,
        "date_published",
        "2022-03-05 (from the page's 发布日期 at line 7)",
        &[(7, "[ 成文日期 ] 2022-03-01 [ 发布日期 ] 2022-03-05")],
    );
    found(
        &d,
        "topics",
        "科技、教育\\知识产权 (the page's 主题分类, one item as written)",
        &[(8, "[ 主题分类 ] 科技、教育\\知识产权")],
    );
    // The catalogue's 成文日期 and 发文字号 agree with the document: nothing to check.
    assert!(
        !d.report.contains("catalogue block, not taken"),
        "{}",
        d.report
    );
    assert!(d.report.contains("unplaced lines (0,"));
}

#[test]
fn labels_and_values_on_alternate_lines() {
    let d = import("gov-meta-table");
    assert_eq!(
        d.front(),
        "title: 测试区科技创新券实施方案
region: \"\"
kind: 实施方案
issuers: [测试区科学技术局, 测试区财政局]
doc_number: 测试科发〔2021〕12号
index_number: 11500000TEST00002Y/2021-00102
date_written: 2021-11-20
date_published: 2021-11-25
status: 已失效
topics: [科技]
notice:
  title: 测试区科学技术局 测试区财政局关于印发测试区科技创新券实施方案的通知
  addressees: 各有关单位
  text: 现将《测试区科技创新券实施方案》印发给你们，请遵照执行。
  signed: 测试区科学技术局 测试区财政局
  date: 2021-11-20
"
    );
    assert!(d.body().starts_with("## 一、适用对象\n"), "{}", d.body());
    assert!(d.body().ends_with("创新券按服务合同金额的50%予以支持。\n"));
    no_errata(&d);
    for (line, text) in [
        (1, "您当前的位置：首页>政务公开>政策文件>正文"),
        (2, "索引号"),
        (3, "11500000TEST00002Y/2021-00102"),
        (10, "生成日期："),
        (11, "2021.11.25"),
        (35, "打印本页 关闭窗口"),
    ] {
        dropped(&d, line, text);
    }
    assert!(d.report.contains("dropped from the web page (16 lines"));
    // 生成日期 is the page's date: taken only because no 发布日期 is given, and said so.
    found(
        &d,
        "date_published",
        "2021-11-25 (a guess from the page's 生成日期 at line 10: the page's date; the page gives no 发布日期)",
        &[(10, "生成日期："), (11, "2021.11.25")],
    );
    found(
        &d,
        "issuers",
        "测试区科学技术局、测试区财政局 (the page's 发文机关; 2 bodies, as the value lists several)",
        &[(4, "发文机关"), (5, "测试区科学技术局、测试区财政局")],
    );
    found(
        &d,
        "status",
        "已失效 (有效性 “已失效”)",
        &[(12, "有效性"), (13, "已失效")],
    );
    found(
        &d,
        "doc_number",
        "测试科发〔2021〕12号 (the page's 发文字号)",
        &[(6, "发文字号："), (7, "测试科发〔2021〕12号")],
    );
}

#[test]
fn the_doc_number_under_the_title_is_read_and_not_glued_to_the_addressees() {
    let d = import("gov-docnumber-line");
    assert_eq!(
        d.front(),
        "title: 某区知识产权保护规划
region: \"\"
kind: 规划
issuers: [某区人民政府办公室]
doc_number: 某府办发〔2022〕30号
date_written: 2022-03-08
notice:
  title: 某区人民政府办公室关于印发某区知识产权保护规划的通知
  addressees: 各镇人民政府，各街道办事处，区政府各部门
  text: 《某区知识产权保护规划》已经区政府同意，现印发给你们，请认真贯彻执行。
  signed: 某区人民政府办公室
  date: 2022-03-08
"
    );
    assert!(d.body().starts_with("## 一、发展基础\n"), "{}", d.body());
    assert!(!d.body().contains("〔2022〕"));
    found(
        &d,
        "doc_number",
        "某府办发〔2022〕30号 (the line under the notice title)",
        &[(2, "某府办发〔2022〕30号")],
    );
    found(
        &d,
        "notice.addressees",
        "各镇人民政府，各街道办事处，区政府各部门",
        &[(3, "各镇人民政府，各街道办事处，区政府各部门：")],
    );
    no_errata(&d);
    assert!(!d.report.contains("dropped from the web page"));
}

#[test]
fn conflicts_and_values_in_doubt_are_reported_not_guessed() {
    let d = import("gov-conflict");
    assert_eq!(
        d.front(),
        "title: 测试县乡村振兴行动计划（2023—2025年）
region: \"\"
kind: 行动计划
issuers: [测试县人民政府]
doc_number: 测试府发〔2023〕8号
index_number: 11500000TEST00003Z/2023-00007
date_written: 2023-02-16
date_published: 2023-02-20
period: {start: 2023, end: 2025}
topics: [城乡建设]
notice:
  title: 测试县人民政府关于印发测试县乡村振兴行动计划（2023—2025年）的通知
  addressees: 各乡镇人民政府，县政府各部门
  text: 《测试县乡村振兴行动计划（2023—2025年）》已经县政府同意，现印发给你们。
  signed: 测试县人民政府
  date: 2023-02-16
"
    );
    no_errata(&d);
    assert!(d.body().starts_with("## 一、主要目标\n"), "{}", d.body());
    assert!(d.body().ends_with("推进村庄清洁行动。\n"), "{}", d.body());
    for remark in [
        "catalogue block, not taken or in doubt (4; check them):",
        "  line 3: 文号 “测试府发〔2023〕7号” differs from the document's own 发文字号 “测试府发〔2023〕8号”; kept the document's",
        "  line 3: 有效性 “部分有效” is not one of 有效 失效 废止 修订; `status` left empty",
        "  line 4: 成文日期 “2023年2月” is not an exact date; `date_written` not taken from it",
        "  line 5: 体裁分类 “规划” has no front-matter field; not written",
    ] {
        assert!(
            d.report.contains(remark),
            "`{remark}` not in:\n{}",
            d.report
        );
    }
    found(
        &d,
        "date_published",
        "2023-02-20 (from the page's 发布时间 at line 4; the time 09:30 left out)",
        &[(4, "成文日期：2023年2月    发布时间：2023-02-20 09:30")],
    );
    dropped(&d, 1, "首页 > 政务公开 > 规划计划");
    dropped(&d, 26, "相关链接：");
    dropped(&d, 27, "关闭窗口");
}

#[test]
fn page_lines_inside_the_text_stay_are_reported_and_are_never_joined() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("inside.txt");
    fs::write(
        &file,
        "一、总体要求\n\n坚持依法保护，加强\n\n当前位置：首页 > 政务公开 > 政策文件\n\n[ 发布机构 ] 某区政府办公室\n\n推进保护体系建设。\n",
    )
    .expect("write");
    let d = import_file(&file, &[]);
    let body = d.body();
    assert!(body.contains("坚持依法保护，加强\n\n当前位置：首页 > 政务公开 > 政策文件\n\n[ 发布机构 ] 某区政府办公室\n\n推进保护体系建设。\n"), "{body}");
    assert!(!d.front().contains("issuers"), "{}", d.front());
    no_errata(&d);
    assert!(d.report.contains("unplaced lines (2,"), "{}", d.report);
    assert!(d.report.contains(
        "line 5: 当前位置：首页 > 政务公开 > 政策文件\n    looks like the web page's breadcrumb, but stands inside the text; kept"
    ));
    assert!(d.report.contains(
        "line 7: [ 发布机构 ] 某区政府办公室\n    reads like the page's catalogue block (发布机构), but stands inside the text; kept, not read"
    ));
}

/// The labels of a catalogue block, as they may be spaced out.
const LABELS: [&str; 13] = [
    "索引号",
    "发文字号",
    "文号",
    "发布机构",
    "发文机关",
    "发布机关",
    "成文日期",
    "发布日期",
    "生成日期",
    "有效性",
    "主题分类",
    "体裁分类",
    "浏览次数",
];

/// `〔2022〕`, `[2022]`, `﹝2022﹞`, `【2022】`, `（2022）30号`: a document number's year.
fn has_doc_number(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        let close = match c {
            '〔' => '〕',
            '﹝' => '﹞',
            '[' => ']',
            '［' => '］',
            '【' => '】',
            '（' => '）',
            '(' => ')',
            _ => return false,
        };
        let year = chars
            .get(i + 1..i + 5)
            .is_some_and(|y| y.iter().all(char::is_ascii_digit));
        let closed = chars.get(i + 5) == Some(&close);
        let round = matches!(c, '（' | '(');
        year && closed && (!round || chars.get(i + 6).is_some_and(char::is_ascii_digit))
    })
}

#[test]
fn no_field_but_doc_number_holds_a_catalogue_label_or_a_document_number() {
    // Every fixture of the importer, whatever pattern it was written for.
    for name in all_fixtures() {
        let d = import(&name);
        // The front matter before `errata:`, whose entries quote the source.
        let front = d.front().split("\nerrata:").next().unwrap_or("");
        for line in front.lines() {
            let Some((key, value)) = line.trim_start().split_once(": ") else {
                continue;
            };
            if key == "doc_number" {
                continue;
            }
            let squashed: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            for label in LABELS {
                assert!(
                    !squashed.contains(label),
                    "{name}: `{key}` holds the label {label}: {line}"
                );
            }
            assert!(
                !has_doc_number(value),
                "{name}: `{key}` holds a document number: {line}"
            );
        }
    }
}

#[test]
fn no_line_of_a_page_is_lost() {
    for name in GOV {
        let d = import(name);
        let all = squash(&format!("{}\n{}\n{}", d.index, d.indicators, d.report));
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

#[test]
fn same_page_same_bytes() {
    for name in GOV {
        let a = import(name);
        let b = import(name);
        assert_eq!(a.index, b.index, "{name}");
        assert_eq!(a.indicators, b.indicators, "{name}");
        let strip = |d: &Imported| d.report.replace(&d.out.display().to_string(), "OUT");
        assert_eq!(strip(&a), strip(&b), "{name}");
    }
}

#[test]
fn the_draft_of_a_page_passes_check() {
    let site = Site::fixture("basic");
    for name in GOV {
        site.run(&[
            "import",
            &fixture(name).display().to_string(),
            "--id",
            name,
            "--region",
            "east",
        ])
        .ok();
    }
    site.check().ok();
}
