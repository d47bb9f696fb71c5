//! Values transcribed from the five source texts in shared/seeds, checked against the
//! built site's open data (data/targets.csv). Each expectation was read off the source
//! text, not off the curated content, so a slip in curation fails here.

mod common;

use planpub::render::formula::undefend;

struct Expect {
    plan: &'static str,
    /// Words the row's `wording` contains.
    words: &'static str,
    kind: &'static str,
    year: &'static str,
    /// None where the source's wording leaves the comparator to the curator.
    comparator: Option<&'static str>,
    value: &'static str,
    unit: &'static str,
}

const fn e(
    plan: &'static str,
    words: &'static str,
    kind: &'static str,
    year: &'static str,
    comparator: Option<&'static str>,
    value: &'static str,
    unit: &'static str,
) -> Expect {
    Expect {
        plan,
        words,
        kind,
        year,
        comparator,
        value,
        unit,
    }
}

const T: &str = "target";
const A: &str = "actual";
const B: &str = "baseline";
const GE: Option<&str> = Some("≥");
const GT: Option<&str> = Some(">");
const EQ: Option<&str> = Some("=");

const DAZU: &str = "dazu-ip-action-plan-2025-2027";
const YUZHONG: &str = "yuzhong-ip-strong-district";
const POINTS: &str = "yuzhong-ip-work-points-2025";
const OUTLINE: &str = "chongqing-ip-strong-city-outline";
const WANZHOU: &str = "wanzhou-ip-plan-2021-2025";
const JIANGJIN: &str = "jiangjin-ip-pilot-city-2024-2026";

const EXPECTED: &[Expect] = &[
    // Dazu, annex 1 (重点指标分解表) and the 2027 goal paragraph and task 11.
    e(DAZU, "国家知识产权示范企业", T, "2027", EQ, "1", "家"),
    e(DAZU, "国家知识产权优势企业", T, "2026", EQ, "2", "家"),
    e(DAZU, "重庆市知识产权优势企业", T, "2025", EQ, "4", "家"),
    e(DAZU, "有效注册商标总量", T, "2025", EQ, "1.8", "万件"),
    e(DAZU, "有效注册商标总量", T, "2026", EQ, "1.9", "万件"),
    e(DAZU, "发明专利总量", T, "2026", EQ, "535", "件"),
    e(DAZU, "高价值发明专利总量", T, "2025", EQ, "80", "件"),
    e(DAZU, "马德里国际商标注册总量", T, "2026", EQ, "18", "件"),
    e(DAZU, "质押融资累计金额", T, "2026", EQ, "5.2", "亿元"),
    e(DAZU, "有效注册商标", T, "2027", GT, "2", "万件"),
    e(DAZU, "年增量", T, "2027", GT, "200", "件"),
    e(DAZU, "马德里国际商标", T, "2027", EQ, "20", "件"),
    // Yuzhong, the 2027 goal paragraph.
    e(
        YUZHONG,
        "每万人口有效发明专利拥有量",
        T,
        "2027",
        GT,
        "50",
        "件",
    ),
    e(YUZHONG, "高价值专利占比", T, "2027", EQ, "42", "%"),
    e(
        YUZHONG,
        "每万人口高价值发明专利拥有量",
        T,
        "2027",
        GE,
        "18.5",
        "件",
    ),
    e(
        YUZHONG,
        "每亿元研发投入高价值专利产出",
        T,
        "2027",
        GE,
        "95",
        "件",
    ),
    e(YUZHONG, "PCT", T, "2027", GE, "20", "件"),
    e(
        YUZHONG,
        "专利密集型产业增加值占GDP比重",
        T,
        "2027",
        EQ,
        "18.5",
        "%",
    ),
    e(YUZHONG, "高校专利转化率", T, "2027", EQ, "15", "%"),
    e(YUZHONG, "质押融资", T, "2027", GE, "1.5", "亿元"),
    e(
        YUZHONG,
        "马德里商标国际注册累计申请量",
        T,
        "2027",
        GE,
        "32",
        "件",
    ),
    e(YUZHONG, "市场化服务机构", T, "2027", GT, "100", "家"),
    e(YUZHONG, "党政干部培训覆盖率", T, "2027", EQ, "90", "%"),
    e(YUZHONG, "宣传普及社会公众覆盖率", T, "2027", EQ, "98", "%"),
    // Yuzhong work points 2025: targets with the 2024 values given in brackets.
    e(POINTS, "每万人口发明专利拥有量", T, "2025", EQ, "46", "件"),
    e(
        POINTS,
        "每万人口发明专利拥有量",
        A,
        "2024",
        None,
        "44.42",
        "件",
    ),
    e(
        POINTS,
        "每万人口高价值发明专利拥有量",
        T,
        "2025",
        EQ,
        "18",
        "件",
    ),
    e(
        POINTS,
        "每万人口高价值发明专利拥有量",
        A,
        "2024",
        None,
        "17.72",
        "件",
    ),
    e(
        POINTS,
        "专利密集型产业增加值占GDP比重",
        T,
        "2025",
        EQ,
        "18.3",
        "%",
    ),
    e(
        POINTS,
        "专利密集型产业增加值占GDP比重",
        A,
        "2024",
        None,
        "18.2",
        "%",
    ),
    e(POINTS, "质押融资", T, "2025", GT, "1", "亿元"),
    e(POINTS, "质押融资", A, "2024", None, "7000", "万元"),
    e(POINTS, "优势企业和示范企业", T, "2025", GE, "5", "家"),
    e(POINTS, "优势企业和示范企业", A, "2024", None, "5", "家"),
    // The municipal outline states exactly four quantified goals, all for 2025.
    e(
        OUTLINE,
        "专利密集型产业增加值占GDP比重",
        T,
        "2025",
        EQ,
        "13",
        "%",
    ),
    e(
        OUTLINE,
        "版权产业增加值占GDP比重",
        T,
        "2025",
        EQ,
        "7.18",
        "%",
    ),
    e(
        OUTLINE,
        "每万人口高价值发明专利拥有量",
        T,
        "2025",
        EQ,
        "12",
        "件",
    ),
    e(
        OUTLINE,
        "每万户市场主体有效注册商标量",
        T,
        "2025",
        EQ,
        "2100",
        "件",
    ),
    // Wanzhou, box 1 (2020 baselines, 2025 targets) and the achievements of chapter 1.
    e(WANZHOU, "万人发明专利拥有量", B, "2020", None, "1.85", "件"),
    e(WANZHOU, "万人发明专利拥有量", T, "2025", EQ, "4", "件"),
    e(
        WANZHOU,
        "每万户市场主体有效注册商标量",
        B,
        "2020",
        None,
        "1255",
        "件",
    ),
    e(
        WANZHOU,
        "每万户市场主体有效注册商标量",
        T,
        "2025",
        EQ,
        "1455",
        "件",
    ),
    e(WANZHOU, "地理标志累计拥有量", B, "2020", None, "19", "件"),
    e(WANZHOU, "地理标志累计拥有量", T, "2025", EQ, "22", "件"),
    e(WANZHOU, "两品一标", T, "2025", EQ, "120", "个"),
    e(
        WANZHOU,
        "市级品牌农业产品拥有量",
        B,
        "2020",
        None,
        "112",
        "个",
    ),
    e(WANZHOU, "高价值专利立项", T, "2025", EQ, "3", "件"),
    e(WANZHOU, "结案率", T, "2025", EQ, "100", "%"),
    e(WANZHOU, "有效注册商标", A, "2020", None, "16723", "件"),
    e(WANZHOU, "驰名商标", A, "2020", None, "7", "件"),
    // Jiangjin, the 2026 goal list.
    e(JIANGJIN, "研发经费投入", T, "2026", GE, "20", "%"),
    e(JIANGJIN, "小巨人", T, "2026", None, "2", "家"),
    e(JIANGJIN, "高新技术企业", T, "2026", None, "221", "家"),
    e(JIANGJIN, "科技型企业", T, "2026", None, "716", "家"),
    e(JIANGJIN, "每万人发明专利拥有量", T, "2026", GE, "24", "件"),
    e(JIANGJIN, "高价值发明专利拥有量", T, "2026", GT, "20", "%"),
    e(JIANGJIN, "有效注册商标量", T, "2026", EQ, "30000", "件"),
    e(JIANGJIN, "满意度", T, "2026", GE, "90", "%"),
    e(JIANGJIN, "质押融资", T, "2026", GT, "5000", "万元"),
    e(JIANGJIN, "专利转让、许可", T, "2026", GT, "200", "件"),
    e(JIANGJIN, "专利密集型产品备案", T, "2026", EQ, "200", "件"),
    e(JIANGJIN, "开放许可", T, "2026", GT, "10", "件"),
];

#[test]
fn built_open_data_states_the_source_values() {
    let (_guard, target) = common::build_bundled();
    let bytes = std::fs::read(target.join("data/targets.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();

    let mut missing = Vec::new();
    for x in EXPECTED {
        let found = rows.iter().any(|r| {
            &r[2] == x.plan
                && r[6].contains(x.words)
                && &r[8] == x.kind
                && &r[9] == x.year
                && &r[11] == x.value
                && &r[12] == x.unit
                // The CSV writes `=` as `'=`, a text cell rather than a formula.
                && x.comparator.is_none_or(|c| undefend(&r[10]) == c)
        });
        if !found {
            missing.push(format!(
                "{} {} {} {} {:?} {} {}",
                x.plan, x.words, x.kind, x.year, x.comparator, x.value, x.unit
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "values of the source texts not in targets.csv:\n{}",
        missing.join("\n")
    );

    // Every plan contributes; at least ten values each where the source states ten.
    for plan in [DAZU, YUZHONG, POINTS, WANZHOU, JIANGJIN] {
        let n = rows.iter().filter(|r| &r[2] == plan).count();
        assert!(n >= 10, "{plan} has only {n} values");
    }
    let outline = rows.iter().filter(|r| &r[2] == OUTLINE).count();
    assert_eq!(
        outline, 4,
        "the outline states exactly four quantified goals"
    );
}
