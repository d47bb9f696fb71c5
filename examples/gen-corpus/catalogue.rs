//! The indicator catalogue (content/indicators/): about a hundred measures built from a
//! list of subjects, each in the forms a plan states it in (a stock, a yearly amount, a
//! sum over the plan years, a growth rate), plus shares, durations and per-capita
//! figures, named in the style of the bundled catalogue.

use std::fmt::Write;

/// What kind of quantity an indicator is; a plan row states it in this measure (or as
/// words, `qualitative`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Stock,
    Annual,
    Cumulative,
    Growth,
    Ratio,
}

impl Form {
    pub fn measure(self) -> &'static str {
        match self {
            Form::Stock => "stock",
            Form::Annual => "annual",
            Form::Cumulative => "cumulative",
            Form::Growth => "growth_rate",
            Form::Ratio => "ratio",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// The catalogue unit; rows use it or one of `alt_units`, which convert to it.
    pub unit: &'static str,
    pub alt_units: &'static [&'static str],
    pub category: &'static str,
    pub direction: &'static str,
    pub form: Form,
    /// A typical value at district level, in hundredths of `unit`: the level for a
    /// stock or share, the year's amount for an annual or cumulative measure.
    pub typical: i64,
    /// Decimals a value of `unit` is written with.
    pub decimals: u32,
    /// Per-capita figures, shares and durations do not grow with the region's size.
    pub per_capita: bool,
    pub definition: String,
}

impl Indicator {
    pub fn lower_is_better(&self) -> bool {
        self.direction == "lower_is_better"
    }
}

/// A thing counted or summed, and the forms the catalogue has it in (S stock, A annual,
/// C cumulative, G growth rate): (id, noun, what a stock of it is called after the noun
/// (拥有量, 数量, 金额 …), unit, other units rows may use, category, a typical stock at
/// district level (a yearly amount if there is no stock form) in hundredths of the
/// unit, decimals, forms).
type Subject = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    i64,
    u32,
    &'static str,
);

const WAN_JIAN: &[&str] = &["万件"];
const WAN_YUAN: &[&str] = &["万元"];
const NONE: &[&str] = &[];

#[rustfmt::skip]
const SUBJECTS: [Subject; 33] = [
    ("invention-patents", "发明专利", "拥有量", "件", WAN_JIAN, "创造", 50_000, 0, "SACG"),
    ("high-value-invention-patents", "高价值发明专利", "拥有量", "件", WAN_JIAN, "创造", 12_000, 0, "SACG"),
    ("registered-trademarks", "有效注册商标", "总量", "件", WAN_JIAN, "创造", 1_500_000, 0, "SACG"),
    ("utility-model-patents", "实用新型专利", "拥有量", "件", WAN_JIAN, "创造", 200_000, 0, "SAG"),
    ("design-patents", "外观设计专利", "拥有量", "件", WAN_JIAN, "创造", 80_000, 0, "SA"),
    ("geographical-indications", "地理标志", "数量", "件", NONE, "运用", 800, 0, "SAC"),
    ("madrid-trademarks", "马德里国际注册商标", "数量", "件", NONE, "运用", 2_000, 0, "SAC"),
    ("pct-applications", "PCT国际专利申请", "量", "件", NONE, "创造", 1_500, 0, "AC"),
    ("copyright-registrations", "作品著作权登记", "量", "件", WAN_JIAN, "创造", 300_000, 0, "ACG"),
    ("software-copyrights", "计算机软件著作权登记", "量", "件", WAN_JIAN, "创造", 80_000, 0, "ACG"),
    ("plant-variety-rights", "植物新品种授权", "量", "件", NONE, "创造", 500, 0, "SA"),
    ("patent-transfers", "专利转让许可", "次数", "次", NONE, "运用", 30_000, 0, "ACG"),
    ("ip-advantage-enterprises", "知识产权优势企业", "数量", "家", NONE, "管理", 1_000, 0, "SA"),
    ("ip-demonstration-enterprises", "知识产权示范企业", "数量", "家", NONE, "管理", 300, 0, "SA"),
    ("ip-service-agencies", "知识产权服务机构", "数量", "家", NONE, "服务", 1_200, 0, "SA"),
    ("ip-standard-enterprises", "知识产权贯标企业", "数量", "家", NONE, "管理", 3_000, 0, "SAC"),
    ("ip-pledge-financing", "知识产权质押融资", "金额", "亿元", WAN_YUAN, "运用", 300, 1, "ACG"),
    ("ip-insurance", "知识产权保险", "保额", "亿元", WAN_YUAN, "运用", 80, 2, "AC"),
    ("patent-licensing-income", "专利许可", "收入", "亿元", WAN_YUAN, "运用", 50, 2, "AC"),
    ("ip-operation-funds", "知识产权运营资金", "规模", "亿元", WAN_YUAN, "运用", 100, 1, "SC"),
    ("ip-talent", "知识产权专业人才", "数量", "人", &["名", "万人"], "基础", 30_000, 0, "SAC"),
    ("patent-attorneys", "执业专利代理师", "数量", "人", &["名"], "服务", 2_000, 0, "SA"),
    ("ip-volunteers", "知识产权志愿者", "人数", "人", &["名"], "基础", 5_000, 0, "S"),
    ("ip-training", "知识产权培训", "人次", "人次", &["万人次"], "基础", 200_000, 0, "AC"),
    ("ip-cases-closed", "知识产权侵权纠纷案件办结", "数量", "件", NONE, "保护", 8_000, 0, "AC"),
    ("ip-enforcement-actions", "知识产权专项执法行动", "次数", "次", NONE, "保护", 600, 0, "AC"),
    ("patent-navigation-projects", "专利导航项目", "数量", "项", &["个项目"], "服务", 300, 0, "AC"),
    ("ip-service-stations", "知识产权服务工作站", "数量", "个", NONE, "服务", 500, 0, "SA"),
    ("ip-rights-assistance-stations", "知识产权维权援助工作站", "数量", "个", NONE, "保护", 300, 0, "SA"),
    ("trade-secret-stations", "商业秘密保护指导站", "数量", "个", NONE, "保护", 400, 0, "SA"),
    ("agricultural-brands", "农产品区域公用品牌", "数量", "个", NONE, "运用", 500, 0, "SA"),
    ("ip-publicity-events", "知识产权宣传活动", "场次", "场次", NONE, "基础", 2_000, 0, "AC"),
    ("ip-demonstration-schools", "知识产权教育示范学校", "数量", "所", NONE, "基础", 300, 0, "SC"),
];

/// Indicators with one form only: per-capita counts, shares, durations.
/// (id, name, unit, category, direction, form, typical, decimals)
type Single = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Form,
    i64,
    u32,
);

#[rustfmt::skip]
const SINGLES: [Single; 19] = [
    ("invention-patents-per-10k-people", "每万人口发明专利拥有量", "件", "创造", "higher_is_better", Form::Stock, 1_200, 2),
    ("invention-patents-per-10k-people-growth", "每万人口发明专利拥有量年均增幅", "%", "创造", "higher_is_better", Form::Growth, 1_000, 1),
    ("high-value-invention-patents-per-10k-people", "每万人口高价值发明专利拥有量", "件", "创造", "higher_is_better", Form::Stock, 450, 2),
    ("trademarks-per-10k-market-entities", "每万户市场主体有效注册商标量", "件", "创造", "higher_is_better", Form::Stock, 120_000, 0),
    ("ip-protection-satisfaction", "知识产权保护社会满意度", "%", "保护", "higher_is_better", Form::Ratio, 8_200, 1),
    ("patent-intensive-industries-gdp-share", "专利密集型产业增加值占GDP比重", "%", "运用", "higher_is_better", Form::Ratio, 1_200, 1),
    ("copyright-industries-gdp-share", "版权产业增加值占GDP比重", "%", "运用", "higher_is_better", Form::Ratio, 600, 1),
    ("ip-civil-mediation-rate", "知识产权民事纠纷调解成功率", "%", "保护", "higher_is_better", Form::Ratio, 7_000, 1),
    ("ip-cases-on-time-rate", "知识产权行政案件按期办结率", "%", "保护", "higher_is_better", Form::Ratio, 9_500, 1),
    ("enterprises-with-invention-patents-share", "规上工业企业有效发明专利覆盖率", "%", "创造", "higher_is_better", Form::Ratio, 3_000, 1),
    ("high-value-patent-share", "高价值发明专利占比", "%", "创造", "higher_is_better", Form::Ratio, 3_500, 1),
    ("ip-pledge-npl-rate", "知识产权质押融资不良率", "%", "运用", "lower_is_better", Form::Ratio, 300, 1),
    ("abnormal-patent-application-share", "非正常专利申请占比", "%", "管理", "lower_is_better", Form::Ratio, 200, 1),
    ("ip-online-service-rate", "知识产权公共服务事项网上办理率", "%", "服务", "higher_is_better", Form::Ratio, 8_000, 1),
    ("school-ip-education-coverage", "中小学知识产权教育覆盖率", "%", "基础", "higher_is_better", Form::Ratio, 4_000, 1),
    ("ip-fund-execution-rate", "知识产权专项资金预算执行率", "%", "管理", "target_band", Form::Ratio, 9_000, 1),
    ("patent-dispute-ruling-days", "专利侵权纠纷行政裁决平均办案周期", "天", "保护", "lower_is_better", Form::Stock, 9_000, 0),
    ("fast-pre-examination-days", "专利快速预审平均周期", "个工作日", "服务", "lower_is_better", Form::Stock, 3_000, 0),
    ("patent-intensive-share-increase", "专利密集型产业增加值占比年度提高幅度", "个百分点", "运用", "higher_is_better", Form::Annual, 50, 1),
];

/// The whole catalogue, in a fixed order (it depends on nothing but this file).
pub fn catalogue() -> Vec<Indicator> {
    let mut out = Vec::new();
    for &(slug, noun, word, unit, alt_units, category, typical, decimals, forms) in &SUBJECTS {
        let stocky = matches!(word, "拥有量" | "总量" | "数量" | "人数");
        for form in forms.chars() {
            let (form, id, name, aliases, definition) = match form {
                'S' => (
                    Form::Stock,
                    slug.to_string(),
                    format!("{}{}", noun, word),
                    vec![noun.to_string(), format!("{}总量", noun)],
                    format!("某一时点{}的{}，为存量。", noun, word),
                ),
                'A' if stocky => (
                    Form::Annual,
                    format!("{}-annual", slug),
                    format!("{}年度新增量", noun),
                    vec![format!("{}年增量", noun), format!("每年新增{}", noun)],
                    format!("一年之内新增的{}，为年度流量，与累计数不是同一个量。", noun),
                ),
                'A' => (
                    Form::Annual,
                    format!("{}-annual", slug),
                    format!("年度{}{}", noun, word),
                    vec![format!("每年{}{}", noun, word)],
                    format!("一年之内的{}{}，为年度流量。", noun, word),
                ),
                'C' if stocky => (
                    Form::Cumulative,
                    format!("{}-cumulative", slug),
                    format!("累计新增{}", noun),
                    vec![format!("新增{}累计", noun)],
                    format!(
                        "规划期内各年新增{}的合计，为累计量，不是某一时点的存量。",
                        noun
                    ),
                ),
                'C' => (
                    Form::Cumulative,
                    format!("{}-cumulative", slug),
                    format!("{}累计{}", noun, word),
                    vec![format!("累计{}{}", noun, word)],
                    format!("规划期内各年{}{}的合计，为累计量。", noun, word),
                ),
                _ => (
                    Form::Growth,
                    format!("{}-growth", slug),
                    format!("{}{}年均增幅", noun, word),
                    vec![format!("{}{}增速", noun, word)],
                    format!(
                        "{}{}在一年之内的增长幅度，以百分数表示；是增长率，不是数量。",
                        noun, word
                    ),
                ),
            };
            // `typical` is a stock where the subject has one; a year's amount is a fifth.
            let yearly = if forms.contains('S') {
                typical / 5
            } else {
                typical
            };
            let (unit, alt_units, typical, decimals) = match form {
                Form::Growth => ("%", NONE, 1_000, 1),
                Form::Annual | Form::Cumulative => (unit, alt_units, yearly, decimals),
                _ => (unit, alt_units, typical, decimals),
            };
            out.push(Indicator {
                id,
                aliases: aliases.into_iter().filter(|a| *a != name).collect(),
                name,
                unit,
                alt_units,
                category,
                direction: "higher_is_better",
                form,
                typical,
                decimals,
                per_capita: form == Form::Growth,
                definition,
            });
        }
    }
    for &(id, name, unit, category, direction, form, typical, decimals) in &SINGLES {
        let definition = match form {
            Form::Ratio => format!("{name}，以百分数表示，是比重，不是数量。"),
            Form::Growth => format!("{name}，以百分数表示，是增长率。"),
            _ => format!("{name}，单位为{unit}。"),
        };
        out.push(Indicator {
            id: id.to_string(),
            name: name.to_string(),
            aliases: Vec::new(),
            unit,
            alt_units: NONE,
            category,
            direction,
            form,
            typical,
            decimals,
            per_capita: true,
            definition,
        });
    }
    out
}

/// content/indicators/<id>.md.
pub fn write_indicator(buf: &mut String, ind: &Indicator) {
    buf.push_str("---\n");
    let _ = writeln!(buf, "name: {}", ind.name);
    let _ = writeln!(buf, "aliases: [{}]", ind.aliases.join(", "));
    let _ = writeln!(buf, "unit: \"{}\"", ind.unit);
    let _ = writeln!(buf, "category: {}", ind.category);
    let _ = writeln!(buf, "direction: {}", ind.direction);
    buf.push_str("---\n");
    buf.push_str(&ind.definition);
    buf.push_str("\n\n本指标为合成测试数据所用，口径为虚构。\n");
}
