//! Build-time line charts: one indicator's values by year, one series per region,
//! drawn as inline SVG by `partials/chart.html` with no JavaScript.
//!
//! Each chart is drawn twice, for a desktop column and for a phone (`layout`), and
//! chart.css shows the one that fits: so on a 320 px screen nothing scrolls sideways,
//! every point is in view and no text is under 12 CSS px. Both drawings share one
//! legend (each region's colour and marker shape; solid and filled against dashed and
//! hollow) and one caption.
//!
//! This module owns the inputs and the words (description, caption, legend); the
//! numbers are in `scale` (axes and ticks), `layout` (the two layouts, lines, label
//! placement) and `markers` (shapes); `view` is what the template is given, and `svg`
//! holds the helpers the plans timeline shares.

mod layout;
mod markers;
mod scale;
pub(super) mod svg;
mod view;

pub use markers::Shape;
pub use view::{
    ChartView, Drawing, KeyEntry, LegendEntry, Plot, PointView, SeriesView, TextAt, XTick, YTick,
};

use serde::Serialize;

use layout::{Frame, NARROW, WIDE};
use markers::SLOTS;
use view::{KEY_SWATCH, SERIES_SWATCH};

/// What a value of a plan is. Baselines and actuals are facts and are drawn alike
/// (solid line, filled markers); targets are promises (dashed line, hollow markers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PointKind {
    Baseline,
    Actual,
    Target,
}

impl PointKind {
    fn is_target(self) -> bool {
        self == PointKind::Target
    }

    /// The words the description uses.
    fn words(self) -> &'static str {
        match self {
            PointKind::Baseline => "基期值",
            PointKind::Actual => "实际值",
            PointKind::Target => "目标值",
        }
    }
}

/// One value of a series.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    pub year: u16,
    /// In the chart's canonical unit. Non-finite values are left out of the chart.
    pub value: f64,
    pub kind: PointKind,
    /// The marker's tooltip, e.g. `江津区 2026年目标 ≥ 24 件`.
    pub label: String,
}

/// One region's line.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    pub name: String,
    /// Palette slot 0..=7 (`.c0`…`.c7` in chart.css); it also picks the marker shape.
    /// Larger slots wrap around.
    pub colour: usize,
    pub points: Vec<ChartPoint>,
}

/// The chart of `series`, or None when no series has a finite value.
pub fn chart(id: &str, title: &str, unit: &str, series: &[ChartSeries]) -> Option<ChartView> {
    let drawn: Vec<Drawn> = series.iter().filter_map(Drawn::new).collect();
    let all = || drawn.iter().flat_map(|d| d.points.iter());
    let first = all().next()?;
    let (mut min_year, mut max_year) = (first.year, first.year);
    // The domain always holds 0: magnitudes are read against a zero baseline.
    let (mut lo, mut hi) = (0.0_f64, 0.0_f64);
    for p in all() {
        min_year = min_year.min(p.year);
        max_year = max_year.max(p.year);
        lo = lo.min(p.value);
        hi = hi.max(p.value);
    }
    let ticks = scale::nice_ticks(lo, hi);
    let unit = unit.trim();
    let frame = Frame {
        min_year,
        max_year,
        ticks: &ticks,
        unit,
    };
    let drawings = vec![
        layout::draw(&WIDE, id.to_string(), &frame, &drawn),
        layout::draw(&NARROW, format!("{id}-narrow"), &frame, &drawn),
    ];
    let key = key(&drawn, &drawings[0]);
    Some(ChartView {
        id: id.to_string(),
        title: title.to_string(),
        desc: describe(unit, min_year, max_year, &drawn),
        caption: caption(min_year, max_year, &drawn, &key),
        legend: drawn.iter().map(Drawn::legend).collect(),
        key,
        drawings,
    })
}

/// A series with its finite points in year order (points of one year keep their order).
struct Drawn<'a> {
    series: &'a ChartSeries,
    points: Vec<&'a ChartPoint>,
}

impl<'a> Drawn<'a> {
    fn new(series: &'a ChartSeries) -> Option<Drawn<'a>> {
        let mut points: Vec<&ChartPoint> = series
            .points
            .iter()
            .filter(|p| p.value.is_finite())
            .collect();
        if points.is_empty() {
            return None;
        }
        points.sort_by_key(|p| p.year);
        Some(Drawn { series, points })
    }

    fn shape(&self) -> Shape {
        Shape::for_slot(self.series.colour)
    }

    fn colour(&self) -> usize {
        self.series.colour % SLOTS
    }

    fn legend(&self) -> LegendEntry {
        let (w, h) = SERIES_SWATCH;
        LegendEntry {
            name: self.series.name.clone(),
            colour: self.colour(),
            shape: self.shape().name(),
            swatch: self.shape().path(w / 2.0, h / 2.0),
        }
    }
}

/// A value as its shortest decimal form: 1.85, 4, 24.
fn plain_number(value: f64) -> String {
    format!("{}", value + 0.0)
}

/// 折线图，单位：件，2020年至2027年。万州区：2020年实际值1.85，2025年目标值4。
fn describe(unit: &str, min_year: u16, max_year: u16, drawn: &[Drawn]) -> String {
    let mut s = String::from("折线图，");
    if !unit.is_empty() {
        s.push_str(&format!("单位：{unit}，"));
    }
    s.push_str(&years(min_year, max_year));
    s.push('。');
    for d in drawn {
        let points: Vec<String> = d
            .points
            .iter()
            .map(|p| format!("{}年{}{}", p.year, p.kind.words(), plain_number(p.value)))
            .collect();
        s.push_str(&format!("{}：{}。", d.series.name, points.join("，")));
    }
    s
}

fn years(min_year: u16, max_year: u16) -> String {
    if min_year == max_year {
        format!("{min_year}年")
    } else {
        format!("{min_year}年至{max_year}年")
    }
}

/// Regions named in the caption; more are counted, and the legend names them.
const CAPTION_NAMES: usize = 8;

/// 图中为万州区、江津区2020年至2027年的数值：实线和实心标记为实际值，虚线和空心标记为
/// 目标值；每个地区一种颜色和标记形状（见图例）。
fn caption(min_year: u16, max_year: u16, drawn: &[Drawn], key: &[KeyEntry]) -> String {
    let regions = if drawn.len() <= CAPTION_NAMES {
        drawn
            .iter()
            .map(|d| d.series.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    } else {
        format!("{}个地区", drawn.len())
    };
    let marks: Vec<String> = key
        .iter()
        .map(|k| format!("{}为{}", k.marks.replace('、', "和"), k.meaning))
        .collect();
    let each = if drawn.len() > 1 {
        "；每个地区一种颜色和标记形状（见图例）"
    } else {
        ""
    };
    format!(
        "图中为{regions}{}的数值：{}{each}。",
        years(min_year, max_year),
        marks.join("，")
    )
}

/// The legend's line styles, for the kinds of value the chart has; a line is named and
/// drawn only when the wide drawing has a line of that kind.
fn key(drawn: &[Drawn], wide: &Drawing) -> Vec<KeyEntry> {
    let has = |kind: PointKind| {
        drawn
            .iter()
            .any(|d| d.points.iter().any(|p| p.kind == kind))
    };
    let facts: Vec<&str> = [PointKind::Baseline, PointKind::Actual]
        .into_iter()
        .filter(|k| has(*k))
        .map(PointKind::words)
        .collect();
    let (w, h) = KEY_SWATCH;
    let swatch = Shape::Circle.path(w - 9.0, h / 2.0);
    let mut key = Vec::new();
    if !facts.is_empty() {
        let line = wide.series.iter().any(|s| s.solid.is_some());
        key.push(KeyEntry {
            kind: PointKind::Actual,
            marks: if line {
                "实线、实心标记"
            } else {
                "实心标记"
            }
            .into(),
            meaning: facts.join("、"),
            line,
            swatch: swatch.clone(),
        });
    }
    if has(PointKind::Target) {
        let line = wide.series.iter().any(|s| s.dashed.is_some());
        key.push(KeyEntry {
            kind: PointKind::Target,
            marks: if line {
                "虚线、空心标记"
            } else {
                "空心标记"
            }
            .into(),
            meaning: PointKind::Target.words().into(),
            line,
            swatch,
        });
    }
    key
}

#[cfg(test)]
mod tests;
