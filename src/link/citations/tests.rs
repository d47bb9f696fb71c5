//! Tests of the citation matcher: titles in 《》 against plan names, with the spellings
//! and periods official documents use.
use super::*;
use crate::model::{Handle, PlanIx};

const OUTLINE: &str = "重庆市知识产权强市建设纲要";
const DAZU: &str = "重庆市大足区知识产权强区行动计划（2025—2027年）";
const DAZU_SHORT: &str = "大足区知识产权强区行动计划";
const JIANGJIN: &str = "江津区国家知识产权强市建设试点城市工作方案（2024年－2026年）";
const WANZHOU: &str = "重庆市万州区知识产权“十四五”规划";
const WANZHOU_SHORT: &str = "万州区知识产权“十四五”规划";
const YUZHONG: &str = "共建现代服务业知识产权强区实施方案";
const POINTS: &str = "共建现代服务业知识产权强区工作要点（2025年）";

/// The site's six plans, by index 0 to 5.
fn site() -> Citations {
    citations(&[
        (0, &[OUTLINE]),
        (1, &[DAZU, DAZU_SHORT]),
        (2, &[JIANGJIN]),
        (3, &[WANZHOU, WANZHOU_SHORT, "万州区知识产权规划"]),
        (4, &[YUZHONG]),
        (5, &[POINTS]),
    ])
}

fn citations(plans: &[(usize, &[&str])]) -> Citations {
    let plans = plans.iter().map(|&(plan, names)| PlanNames {
        plan: PlanIx::nth(plan),
        names: names.to_vec(),
    });
    Citations::new(plans).expect("a few names build")
}

/// Scans and checks that every range is exactly the bracketed title as written.
fn scan(citations: &Citations, text: &str) -> Vec<Citation> {
    let found = citations.scan(text);
    for c in &found {
        assert_eq!(&text[c.range.clone()], format!("《{}》", c.title));
    }
    found
}

/// The titles found and the plans they name.
fn plans(citations: &Citations, text: &str) -> Vec<(String, Option<usize>)> {
    scan(citations, text)
        .into_iter()
        .map(|c| (c.title, c.plan.map(Handle::position)))
        .collect()
}

fn cited(title: &str, plan: usize) -> (String, Option<usize>) {
    (title.to_owned(), Some(plan))
}

fn external(title: &str) -> (String, Option<usize>) {
    (title.to_owned(), None)
}

#[test]
fn matches_a_title_exactly() {
    let text = "深入贯彻《重庆市知识产权强市建设纲要》，衔接市级“十五五”规划编制窗口期。";
    let found = scan(&site(), text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].plan, Some(PlanIx::nth(0)));
    assert_eq!(found[0].title, OUTLINE);
    assert_eq!(found[0].range.start, "深入贯彻".len());
    assert_eq!(
        plans(&site(), &format!("现将《{DAZU}》印发给你们")),
        [cited(DAZU, 1)]
    );
}

#[test]
fn matches_short_titles_and_aliases() {
    let text = "按照《大足区知识产权强区行动计划》和《万州区知识产权“十四五”规划》，\
                参照《万州区知识产权规划》。";
    assert_eq!(
        plans(&site(), text),
        [
            cited(DAZU_SHORT, 1),
            cited(WANZHOU_SHORT, 3),
            cited("万州区知识产权规划", 3),
        ]
    );
}

#[test]
fn matches_titles_written_without_their_period() {
    let text = "《重庆市大足区知识产权强区行动计划》\
                《江津区国家知识产权强市建设试点城市工作方案》\
                《共建现代服务业知识产权强区工作要点》";
    assert_eq!(
        plans(&site(), text),
        [
            cited("重庆市大足区知识产权强区行动计划", 1),
            cited("江津区国家知识产权强市建设试点城市工作方案", 2),
            cited("共建现代服务业知识产权强区工作要点", 5),
        ]
    );
}

#[test]
fn strips_only_a_trailing_period() {
    assert_eq!(period_start("X(2025-2027年)"), Some(1));
    assert_eq!(period_start("X(2024年-2026年)"), Some(1));
    assert_eq!(period_start("X(2025年)"), Some(1));
    assert_eq!(period_start("X(2021-2035)"), Some(1));
    assert_eq!(period_start("X(试行)"), None);
    assert_eq!(period_start("X(2025年)Y"), None);
    assert_eq!(period_start("X(25年)"), None);
    assert_eq!(period_start("(2025年)"), None);
    let trial = citations(&[(0, &["重庆市专利促进办法（试行）"])]);
    assert_eq!(
        plans(&trial, "《重庆市专利促进办法》"),
        [external("重庆市专利促进办法")]
    );
}

#[test]
fn treats_dash_space_and_parenthesis_variants_as_one() {
    let national = citations(&[(7, &["知识产权强国建设纲要（2021—2035年）"])]);
    for written in [
        "知识产权强国建设纲要（2021—2035年）",
        "知识产权强国建设纲要（2021—2035 年）",
        "知识产权强国建设纲要（2021－2035年）",
        "知识产权强国建设纲要(2021-2035年)",
        "知识产权强国建设纲要（2021～2035年）",
        "知识产权强国建设纲要（2021年至2035年）",
        "知识产权 强国建设纲要\u{3000}（ 2021 至 2035年）",
        "知识产权强国建设纲要",
    ] {
        let text = format!("根据《{written}》，制定本纲要。");
        assert_eq!(plans(&national, &text), [cited(written, 7)], "{written}");
    }
}

#[test]
fn reads_zhi_as_a_dash_only_between_years() {
    assert_eq!(normalise("2024年至2026年").text, "2024-2026年");
    assert_eq!(normalise("（2024年－2026年）").text, "(2024-2026年)");
    assert_eq!(normalise("2021 至 2035").text, "2021-2035");
    assert_eq!(normalise("自始至终").text, "自始至终");
    assert_eq!(normalise("2025年至今").text, "2025年至今");
    assert_eq!(normalise("2025年－").text, "2025-");
    let words = citations(&[(0, &["从严至上—办法"])]);
    assert_eq!(
        plans(&words, "《从严-上-办法》"),
        [external("从严-上-办法")]
    );
}

#[test]
fn does_not_match_inside_longer_titles() {
    let text = "《重庆市知识产权强市建设纲要实施方案》\
                《关于印发重庆市知识产权强市建设纲要》\
                《共建现代化新重庆知识产权强市实施方案》\
                《共建现代服务业知识产权强区实施方案（2025年）》";
    let found = plans(&site(), text);
    assert!(found.iter().all(|(_, plan)| plan.is_none()), "{found:?}");
    assert_eq!(found.len(), 4);
}

#[test]
fn finds_citations_back_to_back() {
    let text = "根据《重庆市知识产权强市建设纲要》《重庆市知识产权保护和运用“十四五”规划（2021－2025年）》\
                《江津区国家知识产权强市建设试点城市工作方案（2024年－2026年）》决策部署";
    assert_eq!(
        plans(&site(), text),
        [
            cited(OUTLINE, 0),
            external("重庆市知识产权保护和运用“十四五”规划（2021－2025年）"),
            cited(JIANGJIN, 2),
        ]
    );
}

#[test]
fn reports_unmatched_titles_as_written() {
    let text = "《中华人民共和国国民经济和社会发展第十四个五年规划和 2035 年远景目标纲要》\
                中的《创新管理-知识产权管理指南》和《大足石刻IP授权工作管理办法》";
    let found = scan(&site(), text);
    let titles: Vec<_> = found.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "中华人民共和国国民经济和社会发展第十四个五年规划和 2035 年远景目标纲要",
            "创新管理-知识产权管理指南",
            "大足石刻IP授权工作管理办法",
        ]
    );
    assert!(found.iter().all(|c| c.plan.is_none()));
}

#[test]
fn links_no_plan_by_an_ambiguous_name() {
    let series = citations(&[
        (
            0,
            &[
                "共建现代服务业知识产权强区工作要点（2025年）",
                "年度工作要点",
            ],
        ),
        (
            1,
            &[
                "共建现代服务业知识产权强区工作要点（2026年）",
                "年度工作要点",
            ],
        ),
        (2, &[OUTLINE, "重庆市知识产权强市建设纲要 "]),
    ]);
    assert_eq!(
        series
            .ambiguous()
            .into_iter()
            .map(|(name, plans)| (name, plans.into_iter().map(Handle::position).collect()))
            .collect::<Vec<(String, Vec<usize>)>>(),
        [
            ("共建现代服务业知识产权强区工作要点".to_owned(), vec![0, 1]),
            ("年度工作要点".to_owned(), vec![0, 1]),
        ]
    );
    let text = "《年度工作要点》《共建现代服务业知识产权强区工作要点》\
                《共建现代服务业知识产权强区工作要点（2026年）》《重庆市知识产权强市建设纲要》";
    let found: Vec<_> = scan(&series, text)
        .into_iter()
        .map(|c| c.plan.map(Handle::position))
        .collect();
    assert_eq!(found, [None, None, Some(1), Some(2)]);
}

#[test]
fn prefers_a_name_given_over_one_without_its_period() {
    let both = citations(&[
        (0, &["重庆市知识产权规划（2021—2025年）"]),
        (1, &["重庆市知识产权规划"]),
    ]);
    assert!(both.ambiguous().is_empty());
    assert_eq!(
        plans(
            &both,
            "《重庆市知识产权规划》《重庆市知识产权规划（2021－2025年）》"
        ),
        [
            cited("重庆市知识产权规划", 1),
            cited("重庆市知识产权规划（2021－2025年）", 0),
        ]
    );
}

#[test]
fn skips_unclosed_brackets() {
    assert!(scan(&site(), "贯彻《重庆市知识产权强市建设纲要").is_empty());
    assert!(scan(&site(), "贯彻《重庆市知识产权强市建设\n纲要》，落实").is_empty());
    assert_eq!(
        plans(&site(), "《不完整的标题\n《重庆市知识产权强市建设纲要》》"),
        [cited(OUTLINE, 0)]
    );
    assert_eq!(
        plans(&site(), "《外层《重庆市知识产权强市建设纲要》"),
        [cited(OUTLINE, 0)]
    );
    assert!(scan(&site(), "《》《　》").is_empty());
}

#[test]
fn keeps_nested_angle_brackets_in_the_title() {
    let text = "《关于印发〈重庆市知识产权强市建设纲要〉的通知》";
    assert_eq!(
        plans(&site(), text),
        [external("关于印发〈重庆市知识产权强市建设纲要〉的通知")]
    );
    let notice = citations(&[(9, &["关于印发《重庆市知识产权强市建设纲要》的通知"])]);
    assert_eq!(
        plans(&notice, text),
        [cited("关于印发〈重庆市知识产权强市建设纲要〉的通知", 9)]
    );
}

#[test]
fn ranges_index_the_original_text() {
    let text = "　　根据《知识产权强国建设纲要（2021—2035 年）》\r\n和《 共建现代服务业知识产权强区实施方案 》《重庆市\u{3000}大足区知识产权强区行动计划》";
    let found = scan(&site(), text);
    let written: Vec<_> = found.iter().map(|c| &text[c.range.clone()]).collect();
    assert_eq!(
        written,
        [
            "《知识产权强国建设纲要（2021—2035 年）》",
            "《 共建现代服务业知识产权强区实施方案 》",
            "《重庆市\u{3000}大足区知识产权强区行动计划》",
        ]
    );
    let linked: Vec<_> = found.iter().map(|c| c.plan.map(Handle::position)).collect();
    assert_eq!(linked, [None, Some(4), Some(1)]);
}

#[test]
fn scans_a_large_text_with_many_names() {
    let names: Vec<String> = (0..500)
        .map(|i| format!("重庆市第{i}号知识产权专项规划（2021—2025年）"))
        .collect();
    let citations = Citations::new(names.iter().enumerate().map(|(plan, name)| PlanNames {
        plan: PlanIx::nth(plan),
        names: vec![name.as_str()],
    }))
    .expect("500 names build");
    let mut text = String::new();
    let mut cited = 0;
    while text.len() < 1 << 20 {
        let i = cited % names.len();
        text.push_str(&format!(
            "根据《重庆市第{i}号知识产权专项规划》和《未收录的文件{i}》，\
             推进《重庆市第{i}号知识产权专项规划实施细则》。《未闭合\n"
        ));
        cited += 1;
    }
    let found = citations.scan(&text);
    assert_eq!(found.len(), 3 * cited);
    assert_eq!(found.iter().filter(|c| c.plan.is_some()).count(), cited);
    assert!(
        found
            .iter()
            .step_by(3)
            .enumerate()
            .all(|(n, c)| c.plan == Some(PlanIx::nth(n % 500)))
    );
}
