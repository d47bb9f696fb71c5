//! The shape of each file's front matter, exactly as written: strings stay strings
//! (with their positions) until the model stage gives them types.
//!
//! Every struct denies unknown fields, so a misspelt field is an error, not a silent
//! omission. The doc comments are the descriptions of the JSON Schemas editors see
//! (`planpub schemas`); `#[schemars(with = …)]` names what each field looks like in
//! YAML, since `Spanned` itself cannot be described (see [`super::shapes`]).

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::shapes as shape;

pub type S<T> = Spanned<T>;

/// 网站配置 (site configuration): site.yaml.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    /// 网站名称 (site title), required: 重庆市知识产权规划公开
    #[schemars(with = "shape::Text")]
    pub title: S<String>,
    /// 网站地址 (public address), required: https://www.example.gov.cn/zwgk/ghjh/
    #[schemars(with = "shape::Text")]
    pub base_url: S<String>,
    /// 语言 (language), default zh-CN
    #[schemars(with = "Option<shape::OptText>")]
    pub language: Option<S<String>>,
    /// 主题 (theme): a folder in themes/, default "default"
    #[schemars(with = "Option<shape::OptText>")]
    pub theme: Option<S<String>>,
    /// 网站简介 (description), one sentence
    #[schemars(with = "Option<shape::OptText>")]
    pub description: Option<S<String>>,
    /// 页脚 (footer): each line is shown when present
    pub footer: Option<RawFooter>,
    /// 数据使用条款 (terms of use of the open data), shown with the downloads and in
    /// datapackage.json; only what the publisher has decided
    pub data_licence: Option<RawLicence>,
    /// 全文搜索 (full-text search), default true; false leaves out the search page and
    /// its index, for a site searched by its portal's own search
    #[schemars(with = "Option<bool>")]
    pub search: Option<S<bool>>,
    /// 正文中的HTML (raw HTML in plan texts): sanitise (default: kept after removing
    /// anything that could run a script) | escape (shown as text)
    #[schemars(with = "Option<shape::RawHtml>")]
    pub raw_html: Option<S<String>>,
    /// 截至日期 (as of), YYYY-MM-DD: the date up to which the editors have looked for
    /// reported values; every target's status is stated as of this date. Without it,
    /// the latest date of a plan or report on the site
    #[schemars(with = "Option<shape::OptText>")]
    pub as_of: Option<S<String>>,
    /// 体裁 (plan kinds) this site's plans use beyond the bundled ones: [行动纲领, 专项规划]
    #[schemars(with = "Option<Vec<shape::Text>>")]
    pub plan_kinds: Option<Vec<S<String>>>,
}

/// 数据使用条款 (terms of use of the open data).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLicence {
    /// 条款 (the terms, as the publisher words them), required
    #[schemars(with = "shape::Text")]
    pub title: S<String>,
    /// 许可名称 (a licence's standard short name, e.g. CC-BY-4.0), when there is one
    #[schemars(with = "Option<shape::OptText>")]
    pub name: Option<S<String>>,
    /// 条款全文地址 (address of the full terms)
    #[schemars(with = "Option<shape::OptText>")]
    pub url: Option<S<String>>,
}

/// 页脚 (footer) of a government website.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFooter {
    /// 主办单位 (host)
    #[schemars(with = "Option<shape::OptText>")]
    pub host: Option<S<String>>,
    /// 网站标识码 (site identifier); quote it to keep leading zeros: "5001000000"
    #[schemars(with = "Option<shape::Digits>")]
    pub site_code: Option<S<String>>,
    /// ICP备案号 (ICP record number)
    #[schemars(with = "Option<shape::OptText>")]
    pub icp: Option<S<String>>,
    /// 公安机关备案号 (public-security record number)
    #[schemars(with = "Option<shape::OptText>")]
    pub police_record: Option<S<String>>,
    /// 联系方式 (contact): a line of free text, such as office hours
    #[schemars(with = "Option<shape::Digits>")]
    pub contact: Option<S<String>>,
    /// 通信地址 (the host's postal address)
    #[schemars(with = "Option<shape::OptText>")]
    pub address: Option<S<String>>,
    /// 联系电话 (telephone): digits, with - ( ) + and spaces, e.g. 023-00000000
    #[schemars(with = "Option<shape::Digits>")]
    pub telephone: Option<S<String>>,
    /// 电子邮箱 (email)
    #[schemars(with = "Option<shape::OptText>")]
    pub email: Option<S<String>>,
    /// 政府网站找错 (the address of the error-report service for this site)
    #[schemars(with = "Option<shape::OptText>")]
    pub error_report: Option<S<String>>,
}

/// 地区 (region): content/regions/<id>.md.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    /// 名称 (name), required, as the region names itself: 大足区
    #[schemars(with = "shape::Text")]
    pub name: S<String>,
    /// 层级 (level), required: municipality 直辖市 | district 区 | county 县 (also province, prefecture)
    #[schemars(with = "shape::Level")]
    pub level: S<String>,
    /// 上级地区 (parent): the enclosing region's id; required except for the top region
    #[schemars(with = "Option<shape::OptText>")]
    pub parent: Option<S<String>>,
    /// 人口 (population), in persons; only when a source states it
    #[schemars(with = "Option<shape::Digits>")]
    pub population: Option<S<String>>,
    /// 行政区划代码 (administrative division code, GB/T 2260): six digits, quoted: "500111"
    #[schemars(with = "Option<shape::Digits>")]
    pub code: Option<S<String>>,
    /// 责任单位名称 (responsible units): the names this region's plans use for one body
    #[schemars(with = "Option<Vec<RawResponsibleUnit>>")]
    pub responsible_units: Option<Vec<S<RawResponsibleUnit>>>,
}

/// 责任单位 (responsible unit): one body under all the names a region's plans use for it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawResponsibleUnit {
    /// 名称 (name) shown on the site: 江津区市场监管局
    #[schemars(with = "shape::Text")]
    pub name: S<String>,
    /// 别称 (aliases): other names of the same body in this region's plans
    #[schemars(with = "Option<Vec<shape::Text>>")]
    pub aliases: Option<Vec<S<String>>>,
}

/// 规划 (plan): content/plans/<id>/index.md.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    /// 标题 (title), required: the full official title
    #[schemars(with = "shape::Text")]
    pub title: S<String>,
    /// 简称 (short title), used in lists and tables
    #[schemars(with = "Option<shape::OptText>")]
    pub short_title: Option<S<String>>,
    /// 别称 (aliases): other titles the plan is cited by
    #[schemars(with = "Option<Vec<shape::OptText>>")]
    pub aliases: Option<Vec<S<String>>>,
    /// 所属地区 (region), required: a region id (content/regions/<id>.md)
    #[schemars(with = "shape::Text")]
    pub region: S<String>,
    /// 体裁 (kind), required
    #[schemars(with = "shape::Kind")]
    pub kind: S<String>,
    /// 发文机关 (issuers), one body per item, as written
    #[schemars(with = "Option<Vec<shape::OptText>>")]
    pub issuers: Option<Vec<S<String>>>,
    /// 发文字号 (document number), as written: 大足府发〔2025〕12号
    #[schemars(with = "Option<shape::OptText>")]
    pub doc_number: Option<S<String>>,
    /// 索引号 (index number)
    #[schemars(with = "Option<shape::OptText>")]
    pub index_number: Option<S<String>>,
    /// 成文日期 (date written), YYYY-MM-DD
    #[schemars(with = "Option<shape::OptText>")]
    pub date_written: Option<S<String>>,
    /// 发布日期 (date published), YYYY-MM-DD
    #[schemars(with = "Option<shape::OptText>")]
    pub date_published: Option<S<String>>,
    /// 实施期限 (period), in years: {start: 2025, end: 2027}
    #[schemars(with = "Option<RawPeriod>")]
    pub period: Option<S<RawPeriod>>,
    /// 目标年 (horizon): when no period is stated, the last year the text sets a goal for (到2035年)
    #[schemars(with = "Option<shape::Year>")]
    pub horizon: Option<S<String>>,
    /// 有效性 (status)
    #[schemars(with = "Option<shape::Status>")]
    pub status: Option<S<String>>,
    /// 上级文件 (parent): a plan id, for an annex document such as yearly work points
    #[schemars(with = "Option<shape::OptText>")]
    pub parent: Option<S<String>>,
    /// 依据 (based on): ids of plans in this site that the text cites as its basis
    #[schemars(with = "Option<Vec<shape::Text>>")]
    pub based_on: Option<Vec<S<String>>>,
    /// 解读 (interprets): for a 政策解读, the id of the plan it explains
    #[schemars(with = "Option<shape::OptText>")]
    pub interprets: Option<S<String>>,
    /// 主题分类 (topics), only where stated
    #[schemars(with = "Option<Vec<shape::OptText>>")]
    pub topics: Option<Vec<S<String>>>,
    /// 印发通知 (the covering notice), when the source has one
    pub notice: Option<RawNotice>,
    /// 抄送 (copied to), one body per item
    #[schemars(with = "Option<Vec<shape::OptText>>")]
    pub copied_to: Option<Vec<S<String>>>,
    /// 印发机关 (printed by)
    #[schemars(with = "Option<shape::OptText>")]
    pub printed_by: Option<S<String>>,
    /// 印发日期 (date printed), YYYY-MM-DD
    #[schemars(with = "Option<shape::OptText>")]
    pub date_printed: Option<S<String>>,
    /// 勘误 (errata): every change made to the source text, for readers to see
    pub errata: Option<Vec<RawErratum>>,
}

/// 实施期限 (period): the years a plan covers, both included.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    /// 起始年 (first year): 2025
    #[schemars(with = "shape::Year")]
    pub start: S<String>,
    /// 截止年 (last year): 2027
    #[schemars(with = "shape::Year")]
    pub end: S<String>,
}

/// 印发通知 (the covering notice) of a plan.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNotice {
    /// 通知标题 (title): 关于印发《…》的通知
    #[schemars(with = "Option<shape::OptText>")]
    pub title: Option<S<String>>,
    /// 主送机关 (addressees), as written
    #[schemars(with = "Option<shape::OptText>")]
    pub addressees: Option<S<String>>,
    /// 通知正文 (text)
    #[schemars(with = "Option<shape::OptText>")]
    pub text: Option<S<String>>,
    /// 落款 (signed): the body named at the foot of the notice
    #[schemars(with = "Option<shape::OptText>")]
    pub signed: Option<S<String>>,
    /// 落款日期 (date) at the foot of the notice, YYYY-MM-DD
    #[schemars(with = "Option<shape::OptText>")]
    pub date: Option<S<String>>,
    /// 公开属性 (disclosure mark), as written: 此件公开发布
    #[schemars(with = "Option<shape::OptText>")]
    pub disclosure: Option<S<String>>,
}

/// 勘误 (erratum): one change made to the source text.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawErratum {
    /// 改动 (what) was changed
    #[schemars(with = "shape::Text")]
    pub what: S<String>,
    /// 原因 (why) it was changed
    #[schemars(with = "shape::Text")]
    pub why: S<String>,
}

/// 指标表 (indicator table): content/plans/<id>/indicators.md.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIndicatorTable {
    /// 指标 (indicators): one entry per statement in the source
    #[schemars(with = "Vec<RawEntry>")]
    pub indicators: Vec<S<RawEntry>>,
}

/// 指标条目 (indicator entry): one statement of a plan about one catalogue indicator.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    /// 指标 (indicator), required: a catalogue id (content/indicators/<id>.md)
    #[schemars(with = "shape::Text")]
    pub indicator: S<String>,
    /// 原文名称 (wording), required: the indicator's name exactly as the plan writes it
    #[schemars(with = "shape::Text")]
    pub wording: S<String>,
    /// 单位 (unit), required: exactly as written; "" when none
    #[schemars(with = "shape::Unit")]
    pub unit: S<String>,
    /// 口径 (measure), required: stock 存量 | cumulative 累计 | annual 年度 | growth_rate 增幅 | ratio 比重 | qualitative 定性
    #[schemars(with = "shape::Measure")]
    pub measure: S<String>,
    /// 属性 (attribute): 预期性 | 约束性, only where the plan states it
    #[schemars(with = "Option<shape::Attribute>")]
    pub attribute: Option<S<String>>,
    /// 基数 (baseline): {year: 2024, value: 1.7}
    #[schemars(with = "Option<RawObservation>")]
    pub baseline: Option<S<RawObservation>>,
    /// 实际值 (actuals): values the plan reports as achieved
    #[schemars(with = "Option<Vec<RawObservation>>")]
    pub actuals: Option<Vec<S<RawObservation>>>,
    /// 目标值 (targets): the goals
    #[schemars(with = "Option<Vec<RawTarget>>")]
    pub targets: Option<Vec<S<RawTarget>>>,
    /// 责任单位 (responsible units), one body per item, as written
    #[schemars(with = "Option<Vec<shape::OptText>>")]
    pub responsible: Option<Vec<S<String>>>,
    /// 出处 (section), required: the anchor of the heading the statement is under
    #[schemars(with = "shape::Text")]
    pub section: S<String>,
    /// 说明 (note): anything a reader needs to read the row right
    #[schemars(with = "Option<shape::OptText>")]
    pub note: Option<S<String>>,
}

/// 基数或实际值 (observation): a value the plan reports for a year.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawObservation {
    /// 年份 (year): 2024
    #[schemars(with = "shape::Year")]
    pub year: S<String>,
    /// 数值 (value) as the plan writes it: 1.7, "1.50", or words for a qualitative measure
    #[schemars(with = "shape::Value")]
    pub value: S<String>,
}

/// 目标 (target): a value to reach by a year.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    /// 年份 (year): 2027
    #[schemars(with = "shape::Year")]
    pub year: S<String>,
    /// 目标值 (value) as the plan writes it: 2, "1.50", or words for a qualitative measure
    #[schemars(with = "shape::Value")]
    pub value: S<String>,
    /// 比较 (comparator): ≥ 以上/不少于, > 突破/超过, = 达到, ≤ and < ceilings; >= and <= are spellings of ≥ and ≤
    #[schemars(with = "shape::Comparator")]
    pub comparator: S<String>,
}

/// 指标目录 (catalogue indicator): content/indicators/<id>.md.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCatalogueEntry {
    /// 名称 (name), required: the name the site uses
    #[schemars(with = "shape::Text")]
    pub name: S<String>,
    /// 别称 (aliases): other wordings plans use for the same measure
    #[schemars(with = "Option<Vec<shape::OptText>>")]
    pub aliases: Option<Vec<S<String>>>,
    /// 单位 (unit), required: the canonical unit values are compared in
    #[schemars(with = "shape::Unit")]
    pub unit: S<String>,
    /// 类别 (category), required: 创造 | 运用 | 保护 | 管理 | 服务 | 基础
    #[schemars(with = "shape::Category")]
    pub category: S<String>,
    /// 方向 (direction), required: higher_is_better 越高越好 | lower_is_better 越低越好 | target_band 保持在目标区间
    #[schemars(with = "shape::Direction")]
    pub direction: S<String>,
}

/// 监测报告 (report): content/reports/<id>.md, a document that is not on the site
/// (a statistical bulletin, a work summary, a mid-term or final evaluation) and the
/// values it reports. Every value takes its source from the file's fields.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    /// 标题 (title), required: the document's full title as published
    #[schemars(with = "Option<shape::Text>")]
    pub title: Option<S<String>>,
    /// 所属地区 (region), required: the region the values are of (content/regions/<id>.md)
    #[schemars(with = "Option<shape::Text>")]
    pub region: Option<S<String>>,
    /// 发布机关 (issuers), required: who published the document, as written
    #[schemars(with = "Option<Vec<shape::Text>>")]
    pub issuers: Option<Vec<S<String>>>,
    /// 发文字号 (document number), when it has one
    #[schemars(with = "Option<shape::OptText>")]
    pub doc_number: Option<S<String>>,
    /// 成文日期 (date written), YYYY-MM-DD; this or date_published is required
    #[schemars(with = "Option<shape::OptText>")]
    pub date_written: Option<S<String>>,
    /// 发布日期 (date published), YYYY-MM-DD; this or date_written is required
    #[schemars(with = "Option<shape::OptText>")]
    pub date_published: Option<S<String>>,
    /// 网址 (address) where the document is published, when it is online
    #[schemars(with = "Option<shape::OptText>")]
    pub url: Option<S<String>>,
    /// 报告值 (values): one entry per value the document reports
    #[schemars(with = "Vec<RawReportedValue>")]
    pub values: Vec<S<RawReportedValue>>,
}

/// 报告值 (reported value): one value a report states for one year.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReportedValue {
    /// 指标 (indicator), required: a catalogue id (content/indicators/<id>.md)
    #[schemars(with = "shape::Text")]
    pub indicator: S<String>,
    /// 原文名称 (wording), required: the indicator's name exactly as the document writes it
    #[schemars(with = "shape::Text")]
    pub wording: S<String>,
    /// 单位 (unit), required: exactly as written; "" when none
    #[schemars(with = "shape::Unit")]
    pub unit: S<String>,
    /// 口径 (measure), required: stock 存量 | cumulative 累计 | annual 年度 | growth_rate 增幅 | ratio 比重 | qualitative 定性
    #[schemars(with = "shape::Measure")]
    pub measure: S<String>,
    /// 年份 (year), required: the year the value is of, not the year it was published
    #[schemars(with = "shape::Year")]
    pub year: S<String>,
    /// 数值 (value), required, as the document writes it
    #[schemars(with = "shape::Value")]
    pub value: S<String>,
    /// 出处 (where in the document): 第二部分第3段, 表1
    #[schemars(with = "Option<shape::OptText>")]
    pub place: Option<S<String>>,
    /// 说明 (note): anything a reader needs to read the value right
    #[schemars(with = "Option<shape::OptText>")]
    pub note: Option<S<String>>,
}

/// 单位目录 (unit catalogue): content/units.yaml, the units this site's content writes
/// beyond the ones planpub bundles, each with the unit it converts to.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUnits {
    /// 单位 (units): one entry per way of writing a unit
    #[schemars(with = "Vec<RawUnit>")]
    pub units: Vec<S<RawUnit>>,
}

/// 单位 (unit): how a value written in it converts to its base unit.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    /// 写法 (unit), required: exactly as the documents write it: 亿户, Mbps, 亿
    #[schemars(with = "shape::Text")]
    pub unit: S<String>,
    /// 基本单位 (base), required: what it counts, in the smallest unit: 户, bps, 人.
    /// Units with the same base are compared with each other; others never are
    #[schemars(with = "shape::Text")]
    pub base: S<String>,
    /// 十的幂 (power of ten), default 0: a value in `unit` is value × 10^power in `base`
    /// (亿户: 8; Mbps: 6)
    #[schemars(with = "Option<i32>")]
    pub power: Option<S<i32>>,
}
