//! Tests of whole charts: what `chart` makes of a few sets of series, and what the
//! template draws from it. The fixtures are shared with `layout`'s geometry tests.

use super::svg::r1;
use super::*;

pub(super) fn point(year: u16, value: f64, kind: PointKind) -> ChartPoint {
    ChartPoint {
        year,
        value,
        kind,
        label: format!("{year} {value}"),
    }
}

pub(super) fn series(name: &str, colour: usize, points: Vec<ChartPoint>) -> ChartSeries {
    ChartSeries {
        name: name.into(),
        colour,
        points,
    }
}

/// The patents chart of the example page: three districts, facts and targets.
pub(super) fn patents() -> Vec<ChartSeries> {
    use PointKind::*;
    vec![
        series(
            "万州区",
            0,
            vec![point(2025, 4.0, Target), point(2020, 1.85, Actual)],
        ),
        series("江津区", 1, vec![point(2026, 24.0, Target)]),
        series(
            "渝中区",
            2,
            vec![
                point(2024, 44.42, Actual),
                point(2025, 46.0, Target),
                point(2027, 50.0, Target),
            ],
        ),
    ]
}

/// Charts unlike the example: large values, negatives, one year, a long span, a long
/// unit, many regions on one value, a long region name.
pub(super) fn odd_charts() -> Vec<(&'static str, Vec<ChartSeries>)> {
    use PointKind::*;
    let many: Vec<ChartSeries> = (0..25)
        .map(|i| series(&format!("区{i}"), i, vec![point(2025, 10.0, Actual)]))
        .collect();
    vec![
        ("件", patents()),
        (
            "件",
            vec![
                series("万州区", 0, vec![point(2020, 16723.0, Actual)]),
                series("江津区", 1, vec![point(2026, 30000.0, Target)]),
                series(
                    "大足区",
                    2,
                    vec![point(2025, 18000.0, Target), point(2027, 20000.0, Target)],
                ),
            ],
        ),
        (
            "%",
            vec![series(
                "万州区",
                0,
                vec![point(2024, -2.5, Actual), point(2025, 3.0, Target)],
            )],
        ),
        (
            "件",
            vec![series("江津区", 1, vec![point(2026, 24.0, Target)])],
        ),
        (
            "亿元",
            vec![series(
                "重庆市",
                0,
                vec![point(2001, 0.5, Baseline), point(2050, 1234.5, Target)],
            )],
        ),
        (
            "件每亿元研究与试验发展经费投入（按当年价格计算）",
            vec![series("渝中区", 2, vec![point(2025, 0.8, Actual)])],
        ),
        ("件", many),
        (
            "",
            vec![series(
                "重庆市两江新区直管园区及其他功能区",
                3,
                vec![point(2024, 1.0, Actual), point(2027, 9.0, Target)],
            )],
        ),
    ]
}

fn patents_chart() -> ChartView {
    chart("chart-patents", "每万人口发明专利拥有量", "件", &patents()).expect("a chart")
}

#[test]
fn no_points_means_no_chart() {
    assert!(chart("c", "t", "件", &[]).is_none());
    assert!(chart("c", "t", "件", &[series("万州区", 0, vec![])]).is_none());
    let nan = series("万州区", 0, vec![point(2025, f64::NAN, PointKind::Actual)]);
    assert!(chart("c", "t", "件", &[nan]).is_none());
}

#[test]
fn every_chart_is_drawn_wide_and_narrow_with_ids_of_its_own() {
    let view = patents_chart();
    let variants: Vec<&str> = view.drawings.iter().map(|d| d.variant).collect();
    assert_eq!(variants, ["wide", "narrow"]);
    assert_eq!(view.drawings[0].id, "chart-patents");
    assert_eq!(view.drawings[1].id, "chart-patents-narrow");
    assert_eq!(view.drawings[0].width, 640.0);
    assert_eq!(view.drawings[1].width, 300.0);
    for d in &view.drawings {
        let points: usize = d.series.iter().map(|s| s.points.len()).sum();
        assert_eq!(points, 6, "{}: every value in both", d.variant);
    }
}

#[test]
fn a_single_year_is_centred() {
    let one = series("江津区", 1, vec![point(2026, 24.0, PointKind::Target)]);
    let view = chart("c", "t", "件", &[one]).expect("a chart");
    for d in &view.drawings {
        assert_eq!(d.x_ticks.len(), 1);
        let centre = r1((d.plot.left + d.plot.right) / 2.0);
        assert_eq!(d.x_ticks[0].x, centre);
        assert_eq!(d.x_ticks[0].label.as_deref(), Some("2026年"));
        let s = &d.series[0];
        assert_eq!(s.points[0].x, centre);
        assert!(s.solid.is_none() && s.dashed.is_none());
        // The y axis starts at 0 and covers the value.
        assert_eq!(d.y_ticks[0].label, "0");
        assert!(d.y_ticks.last().is_some_and(|t| t.label == "25"));
    }
    assert_eq!(view.key.len(), 1);
    assert!(view.desc.contains("2026年。"), "{}", view.desc);
}

#[test]
fn years_are_evenly_spaced_and_values_start_at_zero() {
    let view = patents_chart();
    for d in &view.drawings {
        let xs: Vec<f64> = d.x_ticks.iter().map(|t| t.x).collect();
        assert_eq!(xs.len(), 8, "2020 to 2027");
        let steps: Vec<f64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(
            steps.iter().all(|s| (s - steps[0]).abs() <= 0.11),
            "{steps:?}"
        );
        assert_eq!(d.y_ticks[0].y, d.plot.bottom);
        assert_eq!(d.y_ticks[0].label, "0");
        assert!(d.zero_y.is_none());
        let unit: Vec<&str> = d.unit.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(unit, ["单位：件"]);
    }
    // The narrow drawing labels fewer years.
    let labelled = |d: &Drawing| d.x_ticks.iter().filter(|t| t.label.is_some()).count();
    assert_eq!(labelled(&view.drawings[0]), 8);
    assert_eq!(labelled(&view.drawings[1]), 4);
}

#[test]
fn negative_values_get_a_zero_line() {
    let s = series(
        "万州区",
        0,
        vec![
            point(2024, -2.0, PointKind::Actual),
            point(2025, 3.0, PointKind::Target),
        ],
    );
    let view = chart("c", "t", "%", &[s]).expect("a chart");
    for d in &view.drawings {
        let zero = d.y_ticks.iter().find(|t| t.label == "0").map(|t| t.y);
        assert!(zero.is_some());
        assert_eq!(d.zero_y, zero);
        assert_eq!(d.y_ticks[0].label, "-2");
    }
}

#[test]
fn large_values_are_shortened_in_the_narrow_drawing_only() {
    let s = series("江津区", 1, vec![point(2026, 30000.0, PointKind::Target)]);
    let view = chart("c", "t", "件", &[s]).expect("a chart");
    let labels =
        |d: &Drawing| -> Vec<String> { d.y_ticks.iter().map(|t| t.label.clone()).collect() };
    assert_eq!(labels(&view.drawings[0]), ["0", "10000", "20000", "30000"]);
    assert_eq!(labels(&view.drawings[1]), ["0", "1万", "2万", "3万"]);
    // The unit is stated once, above the axis.
    assert_eq!(view.drawings[1].unit.len(), 1);
    assert_eq!(view.drawings[1].unit[0].text, "单位：件");
}

#[test]
fn targets_are_dashed_from_the_last_fact_before_them() {
    use PointKind::*;
    let s = series(
        "渝中区",
        2,
        vec![
            point(2020, 1.0, Baseline),
            point(2022, 2.0, Actual),
            point(2027, 5.0, Target),
            point(2025, 4.0, Target),
            // A fact after the first target carries the solid line on, but the
            // promise was made from 2022.
            point(2026, 3.0, Actual),
        ],
    );
    let view = chart("c", "t", "", &[s]).expect("a chart");
    for d in &view.drawings {
        let s = &d.series[0];
        let at = |year: u16| {
            let p = s.points.iter().find(|p| p.year == year).expect("point");
            format!("{} {}", svg::num(p.x), svg::num(p.y))
        };
        assert_eq!(
            s.solid.as_deref(),
            Some(format!("M{}L{}L{}", at(2020), at(2022), at(2026)).as_str())
        );
        assert_eq!(
            s.dashed.as_deref(),
            Some(format!("M{}L{}L{}", at(2022), at(2025), at(2027)).as_str())
        );
        let years: Vec<u16> = s.points.iter().map(|p| p.year).collect();
        assert_eq!(years, [2020, 2022, 2025, 2026, 2027]);
        assert!(d.unit.is_empty());
    }
}

#[test]
fn a_lone_fact_and_a_target_make_a_dashed_line_only() {
    let view = patents_chart();
    let wanzhou = &view.drawings[0].series[0];
    assert!(wanzhou.solid.is_none());
    assert!(
        wanzhou
            .dashed
            .as_deref()
            .is_some_and(|d| d.matches('L').count() == 1)
    );
    // Targets of the same year as the last fact do not start from it.
    let s = series(
        "x",
        0,
        vec![
            point(2025, 1.0, PointKind::Actual),
            point(2025, 2.0, PointKind::Target),
        ],
    );
    let view = chart("c", "t", "件", &[s]).expect("a chart");
    assert!(view.drawings[0].series[0].dashed.is_none());
    assert_eq!(
        view.drawings[0].series[0].points.len(),
        2,
        "same-year points both stay"
    );
}

#[test]
fn desc_lists_every_series_and_point_in_year_order() {
    let view = chart("c", "每万人口发明专利拥有量", "件", &patents()).expect("a chart");
    assert_eq!(
        view.desc,
        "折线图，单位：件，2020年至2027年。\
         万州区：2020年实际值1.85，2025年目标值4。\
         江津区：2026年目标值24。\
         渝中区：2024年实际值44.42，2025年目标值46，2027年目标值50。"
    );
    assert_eq!(view.title, "每万人口发明专利拥有量");
}

#[test]
fn the_legend_names_each_region_with_its_shape_and_each_line_style() {
    let view = patents_chart();
    let names: Vec<&str> = view.legend.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["万州区", "江津区", "渝中区"]);
    let shapes: Vec<&str> = view.legend.iter().map(|e| e.shape).collect();
    assert_eq!(shapes, ["circle", "square", "triangle"]);
    for d in &view.drawings {
        for (s, l) in d.series.iter().zip(&view.legend) {
            assert_eq!((s.shape, s.colour), (l.shape, l.colour));
            assert_eq!(s.shape, Shape::for_slot(s.colour).name());
        }
    }
    let key: Vec<String> = view
        .key
        .iter()
        .map(|k| format!("{}：{}", k.marks, k.meaning))
        .collect();
    // 渝中区 has one actual only, so no solid line is drawn: the key says so.
    assert_eq!(key, ["实心标记：实际值", "虚线、空心标记：目标值"]);
    assert_eq!(
        view.key.iter().map(|k| k.line).collect::<Vec<_>>(),
        [false, true]
    );

    // A baseline and an actual of one year and value draw no line, and the key does
    // not promise one.
    let s = series(
        "万州区",
        0,
        vec![point(2020, 1.85, Baseline), point(2020, 1.85, Actual)],
    );
    let view = chart("c", "t", "件", &[s]).expect("a chart");
    assert!(view.drawings.iter().all(|d| d.series[0].solid.is_none()));
    assert_eq!(view.key[0].marks, "实心标记");

    // Baselines and actuals with a line between them.
    use PointKind::*;
    let s = series(
        "万州区",
        0,
        vec![point(2020, 1.0, Baseline), point(2022, 2.0, Actual)],
    );
    let view = chart("c", "t", "件", &[s]).expect("a chart");
    assert_eq!(view.key.len(), 1);
    assert_eq!(view.key[0].marks, "实线、实心标记");
    assert_eq!(view.key[0].meaning, "基期值、实际值");
}

#[test]
fn the_caption_says_what_is_drawn() {
    let view = patents_chart();
    assert_eq!(
        view.caption,
        "图中为万州区、江津区、渝中区2020年至2027年的数值：\
         实心标记为实际值，虚线和空心标记为目标值；\
         每个地区一种颜色和标记形状（见图例）。"
    );
    let one = series("江津区", 1, vec![point(2026, 24.0, PointKind::Target)]);
    let view = chart("c", "t", "件", &[one]).expect("a chart");
    assert_eq!(view.caption, "图中为江津区2026年的数值：空心标记为目标值。");
    let many: Vec<ChartSeries> = (0..12)
        .map(|i| {
            series(
                &format!("区{i}"),
                i,
                vec![point(2025, 1.0, PointKind::Actual)],
            )
        })
        .collect();
    let view = chart("c", "t", "件", &many).expect("a chart");
    assert!(
        view.caption.starts_with("图中为12个地区2025年的数值"),
        "{}",
        view.caption
    );
}

#[test]
fn coordinates_are_rounded() {
    let view = patents_chart();
    let json = serde_json::to_string(&view).expect("json");
    for d in &view.drawings {
        for p in d.series.iter().flat_map(|s| &s.points) {
            assert_eq!(p.x, r1(p.x));
            assert_eq!(p.y, r1(p.y));
        }
    }
    assert!(json.contains("\"kind\":\"target\""));
    assert!(!json.contains("0000000"), "{json}");
}

pub(super) fn render(view: &ChartView) -> String {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html"]);
    tera.add_raw_template(
        "partials/chart.html",
        include_str!("../../../themes/default/templates/partials/chart.html"),
    )
    .expect("the partial parses");
    let mut ctx = tera::Context::new();
    ctx.insert("chart", view);
    tera.render("partials/chart.html", &ctx)
        .expect("the partial renders")
}

/// Every `id="…"` in `html`.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn the_partial_draws_two_accessible_svgs() {
    let view = patents_chart();
    let html = render(&view);
    for (id, variant) in [
        ("chart-patents", "wide"),
        ("chart-patents-narrow", "narrow"),
    ] {
        assert!(
            html.contains(&format!(
                "<svg class=\"chart-svg chart-{variant}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\""
            )),
            "{html}"
        );
        assert!(html.contains(&format!(
            "<title id=\"{id}-title\">每万人口发明专利拥有量</title>"
        )));
        assert!(html.contains(&format!("<desc id=\"{id}-desc\">折线图，单位：件")));
    }
    let mut seen = ids(&html);
    let count = seen.len();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), count, "no id twice: {seen:?}");
    assert!(
        !html.contains("style="),
        "no inline styles under a strict CSP"
    );
    assert!(!html.contains("<style") && !html.contains("<script"));
    let points: usize = 6;
    assert_eq!(html.matches("class=\"marker ").count(), 2 * points);
    assert_eq!(
        html.matches("<title>").count(),
        2 * points,
        "one tooltip per marker"
    );
    assert!(html.contains("stroke-dasharray=\"6 4\""));
    assert!(html.contains("font-size=\"13.0\"") && html.contains("font-size=\"12.0\""));
    assert!(html.contains("<figcaption>"));
    assert!(html.contains("各项的确切数值见上方表格。"));
    // Swatches: 2 line styles and 3 regions, none of them the page's `.swatch` block.
    assert_eq!(html.matches("aria-hidden=\"true\"").count(), 2 + 3);
    assert_eq!(html.matches("class=\"chart-swatch").count(), 2 + 3);
    assert!(!html.contains("class=\"swatch"));
    assert!(html.contains("实心标记：实际值</li>"));
    assert!(html.contains("虚线、空心标记：目标值</li>"));

    // Without a unit, facts or negatives the optional parts drop out cleanly.
    let one = series("江津区", 1, vec![point(2026, 24.0, PointKind::Target)]);
    let html = render(&chart("c2", "t", "", &[one]).expect("a chart"));
    assert_eq!(html.matches("class=\"marker ").count(), 2);
    assert!(!html.contains("单位"));
}

#[test]
fn nothing_is_drawn_to_the_right_edge() {
    let view = patents_chart();
    let html = render(&view);
    assert!(!html.contains("leader"));
    assert!(!html.contains("stroke-dasharray=\"1 2\""));
    // The only paths are lines through values and markers (and the legend's swatches).
    let lines: usize = view
        .drawings
        .iter()
        .flat_map(|d| &d.series)
        .map(|s| usize::from(s.solid.is_some()) + usize::from(s.dashed.is_some()))
        .sum();
    let markers = 2 * 6;
    assert_eq!(html.matches("<path").count(), lines + markers + 2 + 3);
    // The wide drawing names each region beside its last point.
    for s in &view.drawings[0].series {
        let (end, label) = (
            s.points.last().expect("a point"),
            s.end_label.as_ref().expect("room"),
        );
        assert!((label.x - end.x).abs() <= 10.0, "{}: {label:?}", s.name);
        assert!((label.y - end.y).abs() <= 30.0, "{}: {label:?}", s.name);
    }
}

#[test]
fn the_swatch_sizes_match_the_template() {
    let html = render(&patents_chart());
    let (kw, kh) = view::KEY_SWATCH;
    let (sw, sh) = view::SERIES_SWATCH;
    assert!(html.contains(&format!(
        "viewBox=\"0 0 {kw} {kh}\" width=\"{kw}\" height=\"{kh}\""
    )));
    assert!(html.contains(&format!(
        "viewBox=\"0 0 {sw} {sh}\" width=\"{sw}\" height=\"{sh}\""
    )));
}
