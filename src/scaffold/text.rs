//! The text of the files `planpub new` creates: every front-matter field of
//! docs/content-format.md, each with a comment in Chinese saying what it is and which
//! values it takes. Fields the editor has not given are left empty, never guessed;
//! required ones are written `""` so that `planpub check` names them.
//!
//! The first line inside each front matter points the YAML language server at the
//! file's JSON Schema, relative to the file.

use std::fmt::Write as _;

use crate::model::{self, quantity};
use crate::schema;
use crate::yaml_scalar::block;

/// What the editor gave for a new region.
#[derive(Debug, Clone, Default)]
pub struct RegionFields {
    pub name: Option<String>,
    pub level: Option<String>,
    pub parent: Option<String>,
}

/// What the editor gave for a new plan.
#[derive(Debug, Clone, Default)]
pub struct PlanFields {
    pub region: String,
    pub title: Option<String>,
    pub kind: Option<String>,
}

/// The column comments start at, so the values read as a column.
const COMMENT_AT: usize = 24;
const EXAMPLE_AT: usize = 48;

const NOT_STATED: &str = "来源未注明的留空";

/// content/regions/<id>.md
pub fn region(f: &RegionFields) -> String {
    let mut o = open("../..", schema::REGION);
    o.push_str("# 地区。各字段的说明见 docs/content-format.md。\n");
    let levels = choices(model::Level::CHOICES, |l| l.label());
    field(
        &mut o,
        "name",
        &required(&f.name),
        "必填。名称，按本地区的自称，如：大足区",
    );
    field(
        &mut o,
        "level",
        &required(&f.level),
        &format!("必填。层级：{levels}"),
    );
    field(
        &mut o,
        "parent",
        &optional(&f.parent),
        "上级地区的 id（content/regions/<id>.md 的文件名）；最上级地区留空",
    );
    field(
        &mut o,
        "population",
        "",
        &format!("人口（人），仅在来源写明时填写；{NOT_STATED}"),
    );
    field(
        &mut o,
        "code",
        "",
        &format!(
            "行政区划代码（GB/T 2260，六位数字，加引号，如 \"500111\"），仅在来源写明时填写；{NOT_STATED}"
        ),
    );
    field(
        &mut o,
        "responsible_units",
        "[]",
        "本地区规划对同一责任单位的不同写法，仅列文本表明是同一单位的名称：",
    );
    commented(
        &mut o,
        "#  - name: 江津区市场监管局",
        COMMENT_AT,
        "网站上显示的名称",
    );
    commented(
        &mut o,
        "#    aliases: [区市场监管局]",
        COMMENT_AT,
        "本地区规划中同一单位的其他写法",
    );
    o.push_str("---\n");
    o
}

/// content/plans/<id>/index.md
pub fn plan(f: &PlanFields) -> String {
    let mut o = open("../../..", schema::PLAN);
    o.push_str(&format!(
        "# 规划。各字段的说明见 docs/content-format.md。{NOT_STATED}：不要推测日期、文号或名称。\n"
    ));
    let kinds = model::PlanKind::BUNDLED.join(" | ");
    let statuses = names(model::Status::CHOICES);
    let date = "，写作 YYYY-MM-DD（2025年6月23日写作 2025-06-23）";
    let rows: [(&str, String, String); 22] = [
        (
            "title",
            required(&f.title),
            "必填。完整的正式标题，如：重庆市大足区知识产权强区行动计划（2025—2027年）".into(),
        ),
        ("short_title", String::new(), "简称，用于列表和表格".into()),
        ("aliases", "[]".into(), "本规划被引用时的其他标题".into()),
        (
            "region",
            block(&f.region),
            "必填。所属地区的 id（content/regions/<id>.md）".into(),
        ),
        ("kind", required(&f.kind), format!("必填。体裁：{kinds}")),
        (
            "issuers",
            "[]".into(),
            "发文机关，按原文，每项一个机关".into(),
        ),
        (
            "doc_number",
            String::new(),
            "发文字号，按原文，如：大足府发〔2025〕12号".into(),
        ),
        ("index_number", String::new(), "索引号".into()),
        ("date_written", String::new(), format!("成文日期{date}")),
        ("date_published", String::new(), format!("发布日期{date}")),
        (
            "period",
            String::new(),
            "实施期限（年），如：{start: 2025, end: 2027}".into(),
        ),
        (
            "horizon",
            String::new(),
            "未写实施期限时：文中目标的最后年份（到2035年 → 2035）".into(),
        ),
        ("status", String::new(), format!("有效性：{statuses}")),
        (
            "parent",
            String::new(),
            "所属规划的 id，用于年度工作要点等附属文件".into(),
        ),
        (
            "based_on",
            "[]".into(),
            "文中作为依据引用的本站规划的 id".into(),
        ),
        (
            "interprets",
            String::new(),
            "政策解读（体裁为 政策解读）所解读的规划的 id".into(),
        ),
        ("topics", "[]".into(), "主题分类，仅在来源写明时填写".into()),
        (
            "notice",
            String::new(),
            "印发通知：来源有通知时，去掉下面各行的 # 并填写".into(),
        ),
        (
            "copied_to",
            "[]".into(),
            "抄送，每项一个机关，按原文".into(),
        ),
        ("printed_by", String::new(), "印发机关".into()),
        ("date_printed", String::new(), format!("印发日期{date}")),
        (
            "errata",
            "[]".into(),
            "对来源文本的每一处改动，供读者查看，每处一项：".into(),
        ),
    ];
    for (key, value, comment) in &rows {
        field(&mut o, key, value, comment);
        match *key {
            "notice" => notice(&mut o),
            "errata" => {
                commented(
                    &mut o,
                    "#  - what: 附件1的标题在来源文本中缺失，按附件2的格式补为“附件1”。",
                    0,
                    "改了什么",
                );
                commented(
                    &mut o,
                    "#    why: 来源文本在复制时丢失了该标题。",
                    0,
                    "为什么改",
                );
            }
            _ => {}
        }
    }
    o.push_str("---\n");
    o
}

fn notice(o: &mut String) {
    let lines = [
        ("title", "通知标题，如：关于印发《……》的通知"),
        ("addressees", "主送机关，按原文"),
        ("text", "通知正文，按原文"),
        ("signed", "落款机关"),
        ("date", "落款日期，写作 YYYY-MM-DD"),
        ("disclosure", "公开属性，按原文，如：此件公开发布"),
    ];
    for (key, comment) in lines {
        commented(o, &format!("#   {key}:"), COMMENT_AT, comment);
    }
}

/// content/plans/<id>/indicators.md
pub fn indicators() -> String {
    let mut o = open("../../..", schema::INDICATORS);
    o.push_str(&format!(
        "# 本规划的指标：每一处量化的目标、基数和实际值各写一条，表格和正文中的分别写。\n# 各字段的说明见 docs/content-format.md。{NOT_STATED}，不要推测数值。\n"
    ));
    o.push_str("indicators: []\n");
    o.push_str("# 一条指标的写法（填写时去掉 # 和上一行的 []）：\n");
    let measures = choices(quantity::Measure::CHOICES, |m| m.label());
    let attributes = names(quantity::Attribute::CHOICES);
    let comparators = names(quantity::Comparator::CHOICES);
    let units: Vec<&str> = quantity::known_units().collect();
    let example: [(&str, String); 12] = [
        (
            "  - indicator: valid-registered-trademarks",
            "必填。指标目录中的 id（content/indicators/<id>.md）".into(),
        ),
        (
            "    wording: 有效注册商标总量",
            "必填。规划原文中的指标名称".into(),
        ),
        (
            "    unit: 万件",
            format!("必填。原文的单位：{}；无单位写 \"\"", units.join(" ")),
        ),
        ("    measure: stock", format!("必填。口径：{measures}")),
        (
            "    attribute:",
            format!("属性：{attributes}，仅在规划写明时填写"),
        ),
        (
            "    baseline: {year: 2024, value: 1.7}",
            "基数：年份和原文的数值".into(),
        ),
        (
            "    actuals: [{year: 2024, value: 1.7}]",
            "规划报告的已实现值".into(),
        ),
        (
            "    targets:",
            format!("目标值；comparator 必填：{comparators}（以上/不少于 ≥，突破/超过 >，达到 =）"),
        ),
        (
            "      - {year: 2027, value: 2, comparator: \"=\"}",
            "数值按原文写，不换算单位".into(),
        ),
        (
            "    responsible: [区市场监管局]",
            "责任单位，按原文，每项一个单位".into(),
        ),
        ("    section: annex-1", "必填。该条所在标题的锚点".into()),
        ("    note:", "说明：读者正确理解本条所需的信息".into()),
    ];
    for (line, comment) in &example {
        commented(&mut o, &format!("#{line}"), EXAMPLE_AT, comment);
    }
    o.push_str("---\n");
    o
}

/// `---` and the schema comment, with the schema's path from the file's folder.
fn open(up: &str, schema_file: &str) -> String {
    format!(
        "---\n# yaml-language-server: $schema={up}/{}/{schema_file}\n",
        schema::DIR
    )
}

fn field(o: &mut String, key: &str, value: &str, comment: &str) {
    let line = if value.is_empty() {
        format!("{key}:")
    } else {
        format!("{key}: {value}")
    };
    commented(o, &line, COMMENT_AT, comment);
}

/// `line`, padded to `column` as a terminal or editor shows it, and a YAML comment
/// (always after a space: `value# x` would make `# x` part of a plain value).
fn commented(o: &mut String, line: &str, column: usize, comment: &str) {
    let pad = column.saturating_sub(width(line));
    let _ = writeln!(o, "{line}{:pad$} # {comment}", "");
}

/// Columns a line takes in a monospaced font: Chinese characters take two.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// A required value: as given, or `""` for `planpub check` to ask for.
fn required(v: &Option<String>) -> String {
    block(v.as_deref().unwrap_or(""))
}

/// An optional value: as given, or nothing.
fn optional(v: &Option<String>) -> String {
    v.as_deref().map(block).unwrap_or_default()
}

fn names<T>(choices: &[(&str, T)]) -> String {
    choices
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(" | ")
}

fn choices<T: Copy>(choices: &[(&str, T)], label: impl Fn(T) -> &'static str) -> String {
    choices
        .iter()
        .map(|(n, v)| format!("{n}（{}）", label(*v)))
        .collect::<Vec<_>>()
        .join(" | ")
}
