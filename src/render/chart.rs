//! Build-time line charts: one indicator's values by year, one series per region,
//! drawn as inline SVG by `partials/chart.html` with no JavaScript.
//!
//! This module owns every number of the drawing: the scales, the "nice" y ticks and
//! their labels, the line paths, the marker shapes, where the end labels go, and the
//! text a screen reader hears. The template only lays out what it is given; colours
//! and font sizes live in the theme's `chart.css`, whose font sizes must match
//! [`TICK_FONT`] and [`LABEL_FONT`], which are used here to measure labels.

use serde::Serialize;

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

/// Everything `partials/chart.html` draws, as ready numbers and strings.
/// Coordinates are SVG user units rounded to 0.1, so the output is byte-stable.
#[derive(Debug, Serialize)]
pub struct ChartView {
    /// Unique within the page; the template derives `{id}-title` and `{id}-desc`.
    pub id: String,
    pub title: String,
    /// A Chinese summary listing every series and point, for screen readers.
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub view_box: String,
    pub plot: Plot,
    /// `单位：件` above the y axis; None when the unit is empty.
    pub unit: Option<TextAt>,
    pub x_ticks: Vec<XTick>,
    /// Baseline of the year labels.
    pub x_label_y: f64,
    pub y_ticks: Vec<YTick>,
    /// Right edge of the value labels.
    pub y_label_x: f64,
    /// Where the value 0 runs when the axis goes below it; None when 0 is the bottom.
    pub zero_y: Option<f64>,
    pub series: Vec<SeriesView>,
    pub legend: Vec<LegendEntry>,
    /// Explains solid/filled versus dashed/hollow, for the kinds the chart has.
    pub key: Vec<KeyEntry>,
}

/// The rectangle the data is drawn in.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Plot {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

#[derive(Debug, Serialize)]
pub struct TextAt {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

/// One tick per year; years too close together to label have `label` None.
#[derive(Debug, Serialize)]
pub struct XTick {
    pub year: u16,
    pub x: f64,
    pub label: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct YTick {
    pub y: f64,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct SeriesView {
    pub name: String,
    pub colour: usize,
    pub shape: &'static str,
    /// Path through the baseline and actual points; None with fewer than 2.
    pub solid: Option<String>,
    /// Path from the last earlier fact through the targets; None with fewer than 2.
    pub dashed: Option<String>,
    /// In year order.
    pub points: Vec<PointView>,
    /// The region's name at the right end of its line.
    pub end_label: TextAt,
    /// Joins the last point to its label when the label is not beside it.
    pub leader: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PointView {
    pub year: u16,
    pub x: f64,
    pub y: f64,
    pub kind: PointKind,
    pub label: String,
    /// The marker, a closed path centred on (x, y).
    pub marker: String,
}

#[derive(Debug, Serialize)]
pub struct LegendEntry {
    pub name: String,
    pub colour: usize,
    pub shape: &'static str,
    /// The marker for a 28×16 swatch, centred on (14, 8).
    pub swatch: String,
}

#[derive(Debug, Serialize)]
pub struct KeyEntry {
    /// `actual` (solid, filled; also stands for baselines) or `target` (dashed, hollow).
    pub kind: PointKind,
    pub text: &'static str,
    /// A neutral marker for a 28×16 swatch, centred on (14, 8).
    pub swatch: String,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 320.0;
/// Room above the plot for the unit title.
const TOP: f64 = 36.0;
/// Room below the plot for the year labels.
const BOTTOM: f64 = 30.0;
/// Font sizes in user units; chart.css must set the same.
pub const TICK_FONT: f64 = 12.0;
pub const LABEL_FONT: f64 = 13.0;
/// End labels are at least this far apart, centre to centre (more than a line of text).
const LABEL_GAP: f64 = 15.0;
/// Keeps the first and last years' markers off the axis and the end labels.
const X_PAD: f64 = 18.0;
/// From the plot's right edge to the end labels.
const LABEL_OFFSET: f64 = 4.0;

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
    let ticks = nice_ticks(lo, hi);
    let y_labels: Vec<String> = ticks
        .values
        .iter()
        .map(|v| tick_label(*v, ticks.decimals))
        .collect();

    let widest_tick = widest(y_labels.iter().map(String::as_str), TICK_FONT);
    let widest_name = widest(drawn.iter().map(|d| d.series.name.as_str()), LABEL_FONT);
    let plot = Plot {
        left: r1((widest_tick + 16.0).max(32.0)),
        top: TOP,
        right: r1(WIDTH - (widest_name + LABEL_OFFSET + 8.0).clamp(40.0, 220.0)),
        bottom: HEIGHT - BOTTOM,
    };
    let scale = Scale {
        plot,
        min_year,
        max_year,
        lo: ticks.lo(),
        hi: ticks.hi(),
    };

    let mut series_views: Vec<SeriesView> = drawn.iter().map(|d| d.view(&scale)).collect();
    let height = place_end_labels(&mut series_views, &scale);

    let has_facts = all().any(|p| !p.kind.is_target());
    let has_targets = all().any(|p| p.kind.is_target());
    let unit = unit.trim();
    Some(ChartView {
        id: id.to_string(),
        title: title.to_string(),
        desc: describe(unit, min_year, max_year, &drawn),
        width: WIDTH,
        height,
        view_box: format!("0 0 {} {}", num(WIDTH), num(height)),
        plot,
        unit: (!unit.is_empty()).then(|| TextAt {
            x: 4.0,
            y: 18.0,
            text: format!("单位：{unit}"),
        }),
        x_ticks: x_ticks(&scale),
        x_label_y: plot.bottom + 18.0,
        y_ticks: ticks
            .values
            .iter()
            .zip(y_labels)
            .map(|(v, label)| YTick {
                y: scale.y(*v),
                label,
            })
            .collect(),
        y_label_x: plot.left - 8.0,
        zero_y: (scale.lo < 0.0).then(|| scale.y(0.0)),
        legend: drawn.iter().map(|d| d.legend()).collect(),
        key: key(has_facts, has_targets),
        series: series_views,
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
        self.series.colour % Shape::BY_SLOT.len()
    }

    fn view(&self, scale: &Scale) -> SeriesView {
        let shape = self.shape();
        let points: Vec<PointView> = self
            .points
            .iter()
            .map(|p| {
                let (x, y) = (scale.x(p.year), scale.y(p.value));
                PointView {
                    year: p.year,
                    x,
                    y,
                    kind: p.kind,
                    label: p.label.clone(),
                    marker: shape.path(x, y),
                }
            })
            .collect();
        let solid: Vec<&PointView> = points.iter().filter(|p| !p.kind.is_target()).collect();
        SeriesView {
            name: self.series.name.clone(),
            colour: self.colour(),
            shape: shape.name(),
            solid: line_path(&solid),
            dashed: line_path(&target_line(&points)),
            end_label: TextAt {
                x: scale.plot.right + LABEL_OFFSET,
                // Moved apart from the other labels later.
                y: points.last().map_or(scale.plot.bottom, |p| p.y),
                text: self.series.name.clone(),
            },
            leader: None,
            points,
        }
    }

    fn legend(&self) -> LegendEntry {
        LegendEntry {
            name: self.series.name.clone(),
            colour: self.colour(),
            shape: self.shape().name(),
            swatch: self.shape().path(14.0, 8.0),
        }
    }
}

/// The targets in year order, preceded by the last baseline or actual before them,
/// so the promise visibly starts from where the region stood.
fn target_line(points: &[PointView]) -> Vec<&PointView> {
    let Some(first) = points.iter().find(|p| p.kind.is_target()) else {
        return Vec::new();
    };
    let start = points
        .iter()
        .rev()
        .find(|p| !p.kind.is_target() && p.year < first.year);
    start
        .into_iter()
        .chain(points.iter().filter(|p| p.kind.is_target()))
        .collect()
}

fn line_path(points: &[&PointView]) -> Option<String> {
    if points.len() < 2 {
        return None;
    }
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&format!("{} {}", num(p.x), num(p.y)));
    }
    Some(d)
}

/// Spreads the end labels so none overlap, draws leaders to labels that are not
/// beside their line's end, and returns the drawing's height (taller only when
/// the labels do not fit beside the plot).
fn place_end_labels(series: &mut [SeriesView], scale: &Scale) -> f64 {
    let plot = scale.plot;
    let wanted: Vec<f64> = series.iter().map(|s| s.end_label.y).collect();
    let placed = nudge(&wanted, LABEL_GAP, plot.top, plot.bottom);
    let last_x = scale.x(scale.max_year);
    let mut lowest = plot.bottom;
    for ((s, want), y) in series.iter_mut().zip(&wanted).zip(&placed) {
        let y = r1(*y);
        lowest = lowest.max(y);
        s.end_label.y = y;
        if let Some(end) = s.points.last()
            && (end.x < last_x - 0.05 || (y - want).abs() > 2.0)
        {
            s.leader = Some(format!(
                "M{} {}L{} {}",
                num(end.x + 8.0),
                num(end.y),
                num(s.end_label.x - 3.0),
                num(y)
            ));
        }
    }
    HEIGHT.max(r1(lowest + BOTTOM))
}

/// Moves label centres apart to at least `gap`, each as close to where it wants to be
/// as the others allow, within `lo..=hi` when they fit there (else from `lo` down).
/// Returns the centres in the order given.
fn nudge(wanted: &[f64], gap: f64, lo: f64, hi: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by(|&a, &b| wanted[a].total_cmp(&wanted[b]).then(a.cmp(&b)));
    // Runs of touching labels: (first position in `order`, count, top centre).
    let mut runs: Vec<(usize, usize, f64)> = Vec::new();
    for i in 0..order.len() {
        runs.push((i, 1, wanted[order[i]]));
        // Centre the newest run on its labels' wishes; merge it into the run above
        // while they overlap, then centre again.
        while let Some(&(start, count, _)) = runs.last() {
            let mean = order[start..start + count]
                .iter()
                .map(|&o| wanted[o])
                .sum::<f64>()
                / count as f64;
            let span = (count - 1) as f64 * gap;
            let top = (mean - span / 2.0).min(hi - span).max(lo);
            let n = runs.len();
            runs[n - 1].2 = top;
            if n >= 2 {
                let (prev_start, prev_count, prev_top) = runs[n - 2];
                if prev_top + prev_count as f64 * gap > top + 1e-9 {
                    runs.pop();
                    runs[n - 2] = (prev_start, prev_count + count, prev_top);
                    continue;
                }
            }
            break;
        }
    }
    let mut placed = vec![0.0; wanted.len()];
    for (start, count, top) in runs {
        for k in 0..count {
            placed[order[start + k]] = top + k as f64 * gap;
        }
    }
    placed
}

/// Year and value to user units.
struct Scale {
    plot: Plot,
    min_year: u16,
    max_year: u16,
    lo: f64,
    hi: f64,
}

impl Scale {
    fn x(&self, year: u16) -> f64 {
        let (left, right) = (self.plot.left + X_PAD, self.plot.right - X_PAD);
        if self.max_year == self.min_year {
            return r1((left + right) / 2.0);
        }
        let t = f64::from(year - self.min_year) / f64::from(self.max_year - self.min_year);
        r1(left + t * (right - left))
    }

    fn y(&self, value: f64) -> f64 {
        let t = (value - self.lo) / (self.hi - self.lo);
        r1(self.plot.bottom - t * (self.plot.bottom - self.plot.top))
    }
}

/// One tick per year; labels only every 1, 2, 5, 10 … years so they do not collide.
fn x_ticks(scale: &Scale) -> Vec<XTick> {
    let span = f64::from(scale.max_year - scale.min_year);
    let per_year = (scale.plot.right - scale.plot.left - 2.0 * X_PAD) / span.max(1.0);
    let room = text_width("2020年", TICK_FONT) + 8.0;
    let mut every: u16 = 1;
    for step in [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] {
        every = step;
        if per_year * f64::from(step) >= room {
            break;
        }
    }
    (scale.min_year..=scale.max_year)
        .map(|year| XTick {
            year,
            x: scale.x(year),
            label: (year % every == 0 || every == 1).then(|| format!("{year}年")),
        })
        .collect()
}

/// Evenly spaced round values covering a range.
#[derive(Debug)]
struct Ticks {
    values: Vec<f64>,
    /// Decimals the step needs, so labels print without float noise.
    decimals: usize,
}

impl Ticks {
    fn lo(&self) -> f64 {
        self.values.first().copied().unwrap_or(0.0)
    }

    fn hi(&self) -> f64 {
        self.values.last().copied().unwrap_or(1.0)
    }
}

/// 4 to 6 ticks with a step of 1, 2, 2.5 or 5 × 10^k, from a multiple of the step at
/// or below `lo` to one at or above `hi`: the smallest such step that needs at most 6.
fn nice_ticks(lo: f64, hi: f64) -> Ticks {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else if lo == 0.0 {
        (0.0, 1.0)
    } else {
        // One value only: a band around it.
        (lo - lo.abs() * 0.1, hi + lo.abs() * 0.1)
    };
    let mut exp = (hi - lo).log10().floor() as i32 - 2;
    loop {
        for (mantissa, extra) in [(1.0, 0), (2.0, 0), (2.5, 1), (5.0, 0)] {
            let step = mantissa * 10f64.powi(exp);
            // The tolerance keeps 0.1 + 0.2 from asking for a tick beyond 0.3.
            let first = (lo / step + 1e-9).floor();
            let last = (hi / step - 1e-9).ceil();
            if last - first <= 5.0 {
                let decimals = usize::try_from(extra - exp).unwrap_or(0);
                let values = (0..=(last - first) as i64)
                    .map(|i| (first + i as f64) * step)
                    .collect();
                return Ticks { values, decimals };
            }
        }
        exp += 1;
    }
}

/// A tick value with exactly the decimals of its step: 0.3, not 0.30000000000000004.
fn tick_label(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    // -0.0 after rounding is 0.
    if s.starts_with('-') && s.bytes().all(|b| matches!(b, b'-' | b'0' | b'.')) {
        s[1..].to_string()
    } else {
        s
    }
}

/// A value as its shortest decimal form: 1.85, 4, 24.
fn plain_number(value: f64) -> String {
    format!("{}", value + 0.0)
}

/// Rounds to 0.1 so coordinates print the same on every machine.
fn r1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0 + 0.0
}

/// A coordinate for a path: 0.1 precision, no trailing `.0`.
fn num(v: f64) -> String {
    format!("{}", r1(v))
}

/// Rough width of a line of text: CJK and full-width characters are 1 em, the rest
/// about 0.6 em. Used only to leave room for labels.
fn text_width(s: &str, font: f64) -> f64 {
    s.chars()
        .map(|c| if c >= '\u{2E80}' { 1.0 } else { 0.6 })
        .sum::<f64>()
        * font
}

fn widest<'a>(texts: impl Iterator<Item = &'a str>, font: f64) -> f64 {
    texts.map(|t| text_width(t, font)).fold(0.0, f64::max)
}

/// 折线图，单位：件，2020年至2027年。万州区：2020年实际值1.85，2025年目标值4。
fn describe(unit: &str, min_year: u16, max_year: u16, drawn: &[Drawn]) -> String {
    let mut s = String::from("折线图，");
    if !unit.is_empty() {
        s.push_str(&format!("单位：{unit}，"));
    }
    if min_year == max_year {
        s.push_str(&format!("{min_year}年。"));
    } else {
        s.push_str(&format!("{min_year}年至{max_year}年。"));
    }
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

fn key(has_facts: bool, has_targets: bool) -> Vec<KeyEntry> {
    let swatch = Shape::Circle.path(14.0, 8.0);
    let mut key = Vec::new();
    if has_facts {
        key.push(KeyEntry {
            kind: PointKind::Actual,
            text: "实线、实心点：基期值或实际值",
            swatch: swatch.clone(),
        });
    }
    if has_targets {
        key.push(KeyEntry {
            kind: PointKind::Target,
            text: "虚线、空心点：目标值",
            swatch,
        });
    }
    key
}

/// Marker shapes, one per palette slot, so series stay apart in greyscale print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
    TriangleDown,
    Plus,
    Star,
    Hexagon,
}

impl Shape {
    const BY_SLOT: [Shape; 8] = [
        Shape::Circle,
        Shape::Square,
        Shape::Triangle,
        Shape::Diamond,
        Shape::TriangleDown,
        Shape::Plus,
        Shape::Star,
        Shape::Hexagon,
    ];

    pub fn for_slot(slot: usize) -> Shape {
        Self::BY_SLOT[slot % Self::BY_SLOT.len()]
    }

    pub fn name(self) -> &'static str {
        match self {
            Shape::Circle => "circle",
            Shape::Square => "square",
            Shape::Triangle => "triangle",
            Shape::Diamond => "diamond",
            Shape::TriangleDown => "triangle-down",
            Shape::Plus => "plus",
            Shape::Star => "star",
            Shape::Hexagon => "hexagon",
        }
    }

    /// A closed path centred on (cx, cy). Sizes are chosen so the shapes have about
    /// the same area (≈ 60 square units), so none looks more important.
    pub fn path(self, cx: f64, cy: f64) -> String {
        match self {
            Shape::Circle => {
                let r = 4.5;
                format!(
                    "M{} {}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 -{} 0Z",
                    num(cx - r),
                    num(cy),
                    2.0 * r,
                    2.0 * r
                )
            }
            Shape::Square => polygon(cx, cy, &ring(4, &[5.5], -45.0)),
            Shape::Triangle => polygon(cx, cy, &ring(3, &[6.5], -90.0)),
            Shape::Diamond => polygon(cx, cy, &ring(4, &[5.5], -90.0)),
            Shape::TriangleDown => polygon(cx, cy, &ring(3, &[6.5], 90.0)),
            Shape::Plus => {
                let (w, l) = (2.0, 5.0);
                let arm = [
                    (-w, -l),
                    (w, -l),
                    (w, -w),
                    (l, -w),
                    (l, w),
                    (w, w),
                    (w, l),
                    (-w, l),
                    (-w, w),
                    (-l, w),
                    (-l, -w),
                    (-w, -w),
                ];
                polygon(cx, cy, &arm)
            }
            Shape::Star => polygon(cx, cy, &ring(10, &[6.5, 2.8], -90.0)),
            Shape::Hexagon => polygon(cx, cy, &ring(6, &[5.0], -90.0)),
        }
    }
}

/// `n` vertices evenly around a centre, alternating through `radii`, starting at
/// `start` degrees (clockwise from the x axis, as SVG's y grows downwards).
fn ring(n: usize, radii: &[f64], start: f64) -> Vec<(f64, f64)> {
    (0..n)
        .map(|i| {
            let angle = (start + 360.0 * i as f64 / n as f64).to_radians();
            let r = radii[i % radii.len()];
            (r * angle.cos(), r * angle.sin())
        })
        .collect()
}

fn polygon(cx: f64, cy: f64, offsets: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (dx, dy)) in offsets.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&format!("{} {}", num(cx + dx), num(cy + dy)));
    }
    d.push('Z');
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(year: u16, value: f64, kind: PointKind) -> ChartPoint {
        ChartPoint {
            year,
            value,
            kind,
            label: format!("{year} {value}"),
        }
    }

    fn series(name: &str, colour: usize, points: Vec<ChartPoint>) -> ChartSeries {
        ChartSeries {
            name: name.into(),
            colour,
            points,
        }
    }

    fn labels(lo: f64, hi: f64) -> Vec<String> {
        let t = nice_ticks(lo, hi);
        t.values
            .iter()
            .map(|v| tick_label(*v, t.decimals))
            .collect()
    }

    /// The patents chart of the example page: three districts, facts and targets.
    fn patents() -> Vec<ChartSeries> {
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

    #[test]
    fn nice_ticks_for_several_ranges() {
        assert_eq!(labels(0.0, 4.0), ["0", "1", "2", "3", "4"]);
        assert_eq!(labels(0.0, 50.0), ["0", "10", "20", "30", "40", "50"]);
        assert_eq!(
            labels(0.0, 2100.0),
            ["0", "500", "1000", "1500", "2000", "2500"]
        );
        assert_eq!(labels(0.0, 30000.0), ["0", "10000", "20000", "30000"]);
        assert_eq!(labels(1.85, 46.0), ["0", "10", "20", "30", "40", "50"]);
        assert_eq!(labels(-3.2, 8.0), ["-5", "0", "5", "10"]);
        assert_eq!(labels(-40.0, -5.0), ["-40", "-30", "-20", "-10", "0"]);
        assert_eq!(labels(0.0, 0.8), ["0.0", "0.2", "0.4", "0.6", "0.8"]);
        for (lo, hi) in [(0.0, 0.0), (0.0, 1e-7), (0.0, 7.3), (-1e6, 3.0), (5.0, 5.0)] {
            let t = nice_ticks(lo, hi);
            let n = t.values.len();
            assert!((4..=6).contains(&n), "{lo}..{hi}: {t:?}");
            assert!(t.lo() <= lo && t.hi() >= hi, "{lo}..{hi}: {t:?}");
        }
    }

    #[test]
    fn tick_labels_have_no_float_noise() {
        assert_eq!(labels(0.0, 0.1 + 0.2), ["0.0", "0.1", "0.2", "0.3"]);
        assert_eq!(tick_label(0.1 + 0.2, 1), "0.3");
        assert_eq!(tick_label(2.5, 1), "2.5");
        assert_eq!(tick_label(25000.0, 0), "25000");
        assert_eq!(tick_label(-0.0000001, 2), "0.00");
        assert_eq!(
            labels(0.0, 1.1),
            ["0.00", "0.25", "0.50", "0.75", "1.00", "1.25"]
        );
        assert_eq!(labels(0.0, 110.0), ["0", "25", "50", "75", "100", "125"]);
        assert_eq!(labels(0.0, 25000.0)[5], "25000");
    }

    #[test]
    fn no_points_means_no_chart() {
        assert!(chart("c", "t", "件", &[]).is_none());
        assert!(chart("c", "t", "件", &[series("万州区", 0, vec![])]).is_none());
        let nan = series("万州区", 0, vec![point(2025, f64::NAN, PointKind::Actual)]);
        assert!(chart("c", "t", "件", &[nan]).is_none());
    }

    #[test]
    fn a_single_year_is_centred() {
        let one = series("江津区", 1, vec![point(2026, 24.0, PointKind::Target)]);
        let view = chart("c", "t", "件", &[one]).expect("a chart");
        assert_eq!(view.x_ticks.len(), 1);
        let centre = r1((view.plot.left + view.plot.right) / 2.0);
        assert_eq!(view.x_ticks[0].x, centre);
        assert_eq!(view.x_ticks[0].label.as_deref(), Some("2026年"));
        let s = &view.series[0];
        assert_eq!(s.points[0].x, centre);
        assert!(s.solid.is_none() && s.dashed.is_none());
        assert_eq!(view.key.len(), 1);
        assert!(view.desc.contains("2026年。"), "{}", view.desc);
        // The y axis starts at 0 and covers the value.
        assert_eq!(view.y_ticks[0].label, "0");
        assert!(view.y_ticks.last().is_some_and(|t| t.label == "25"));
    }

    #[test]
    fn years_are_evenly_spaced_and_values_start_at_zero() {
        let view = chart("c", "t", "件", &patents()).expect("a chart");
        let xs: Vec<f64> = view.x_ticks.iter().map(|t| t.x).collect();
        assert_eq!(xs.len(), 8, "2020 to 2027");
        let steps: Vec<f64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(
            steps.iter().all(|s| (s - steps[0]).abs() <= 0.11),
            "{steps:?}"
        );
        assert_eq!(view.y_ticks[0].y, view.plot.bottom);
        assert_eq!(view.y_ticks[0].label, "0");
        assert!(view.zero_y.is_none());
        assert_eq!(
            view.unit.as_ref().map(|u| u.text.as_str()),
            Some("单位：件")
        );
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
        let zero = view.y_ticks.iter().find(|t| t.label == "0").map(|t| t.y);
        assert!(zero.is_some());
        assert_eq!(view.zero_y, zero);
        assert_eq!(view.y_ticks[0].label, "-2");
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
        let s = &view.series[0];
        let at = |year: u16| {
            let p = s.points.iter().find(|p| p.year == year).expect("point");
            format!("{} {}", num(p.x), num(p.y))
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
        assert!(view.unit.is_none());
    }

    #[test]
    fn a_lone_fact_and_a_target_make_a_dashed_line_only() {
        let view = chart("c", "t", "件", &patents()).expect("a chart");
        let wanzhou = &view.series[0];
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
        assert!(view.series[0].dashed.is_none());
        assert_eq!(view.series[0].points.len(), 2, "same-year points both stay");
    }

    #[test]
    fn end_labels_are_nudged_apart() {
        let placed = nudge(&[100.0, 105.0, 200.0, 101.0], 15.0, 36.0, 290.0);
        let mut sorted = placed.clone();
        sorted.sort_by(f64::total_cmp);
        assert!(
            sorted.windows(2).all(|w| w[1] - w[0] >= 15.0 - 1e-9),
            "{placed:?}"
        );
        assert_eq!(placed[2], 200.0, "a label with room stays put");
        assert!((placed[0] - 100.0).abs() <= 15.0, "{placed:?}");
        // Order is kept: the label that wanted to be higher stays higher.
        assert!(placed[0] < placed[3] && placed[3] < placed[1], "{placed:?}");
        // Clamped into the plot when there is room…
        let placed = nudge(&[290.0, 290.0, 289.0], 15.0, 36.0, 290.0);
        assert!(
            placed.iter().all(|y| (36.0..=290.0).contains(y)),
            "{placed:?}"
        );
        // …and never overlapping when there is not.
        let placed = nudge(&[50.0; 30], 15.0, 36.0, 290.0);
        assert!(placed.windows(2).all(|w| w[1] - w[0] >= 15.0 - 1e-9));

        // In a chart, two series ending at the same value get separate labels and
        // the drawing grows if it must.
        let many: Vec<ChartSeries> = (0..25)
            .map(|i| {
                series(
                    &format!("区{i}"),
                    i,
                    vec![point(2025, 10.0, PointKind::Actual)],
                )
            })
            .collect();
        let view = chart("c", "t", "件", &many).expect("a chart");
        let mut ys: Vec<f64> = view.series.iter().map(|s| s.end_label.y).collect();
        ys.sort_by(f64::total_cmp);
        assert!(ys.windows(2).all(|w| w[1] - w[0] >= 12.0), "{ys:?}");
        assert!(view.height > HEIGHT && ys.last().is_some_and(|y| *y < view.height));
        assert!(view.series.iter().filter(|s| s.leader.is_some()).count() >= 20);
    }

    #[test]
    fn leaders_join_early_ends_to_their_labels() {
        let view = chart("c", "t", "件", &patents()).expect("a chart");
        // 万州区 ends in 2025, before 2027: its label needs a leader.
        assert!(view.series[0].leader.is_some());
        // 渝中区 ends in 2027 with room around: its label sits beside the point.
        let yuzhong = &view.series[2];
        assert!(yuzhong.leader.is_none());
        assert_eq!(yuzhong.end_label.y, yuzhong.points[2].y);
    }

    #[test]
    fn every_slot_keeps_its_shape() {
        let names: Vec<&str> = (0..8).map(|s| Shape::for_slot(s).name()).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 8, "{names:?}");
        for slot in 0..8 {
            assert_eq!(Shape::for_slot(slot), Shape::for_slot(slot + 8));
            assert_eq!(
                Shape::for_slot(slot).path(10.0, 10.0),
                Shape::for_slot(slot).path(10.0, 10.0)
            );
        }
        assert_eq!(Shape::for_slot(0), Shape::Circle);
        assert_eq!(Shape::for_slot(6), Shape::Star);
        let view = chart("c", "t", "件", &patents()).expect("a chart");
        for (s, l) in view.series.iter().zip(&view.legend) {
            assert_eq!(s.shape, l.shape);
            assert_eq!(s.shape, Shape::for_slot(s.colour).name());
        }
        assert_eq!(
            Shape::Square.path(0.0, 0.0),
            "M3.9 -3.9L3.9 3.9L-3.9 3.9L-3.9 -3.9Z"
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
        assert_eq!(view.key.len(), 2);
    }

    #[test]
    fn coordinates_are_rounded() {
        let view = chart("c", "t", "件", &patents()).expect("a chart");
        let json = serde_json::to_string(&view).expect("json");
        for p in view.series.iter().flat_map(|s| &s.points) {
            assert_eq!(p.x, r1(p.x));
            assert_eq!(p.y, r1(p.y));
        }
        assert!(json.contains("\"kind\":\"target\""));
        assert!(!json.contains("0000000"), "{json}");
    }

    fn render(view: &ChartView) -> String {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template(
            "partials/chart.html",
            include_str!("../../themes/default/templates/partials/chart.html"),
        )
        .expect("the partial parses");
        let mut ctx = tera::Context::new();
        ctx.insert("chart", view);
        tera.render("partials/chart.html", &ctx)
            .expect("the partial renders")
    }

    #[test]
    fn the_partial_draws_an_accessible_svg() {
        let view =
            chart("chart-patents", "每万人口发明专利拥有量", "件", &patents()).expect("a chart");
        let html = render(&view);
        assert!(html.contains("role=\"img\""), "{html}");
        assert!(html.contains("aria-labelledby=\"chart-patents-title chart-patents-desc\""));
        assert!(html.contains("<title id=\"chart-patents-title\">每万人口发明专利拥有量</title>"));
        assert!(html.contains("<desc id=\"chart-patents-desc\">折线图，单位：件"));
        assert!(
            !html.contains("style="),
            "no inline styles under a strict CSP"
        );
        assert!(!html.contains("<style") && !html.contains("<script"));
        let points: usize = view.series.iter().map(|s| s.points.len()).sum();
        assert_eq!(html.matches("class=\"marker ").count(), points);
        assert_eq!(
            html.matches("<title>").count(),
            points,
            "one tooltip per marker"
        );
        assert!(html.contains("stroke-dasharray"));
        assert!(html.contains("单位：件"));
        assert!(html.contains("<figcaption>"));
        assert_eq!(
            html.matches("aria-hidden=\"true\"").count(),
            3 + 2,
            "swatches"
        );

        // Without a unit, facts or negatives the optional parts drop out cleanly.
        let one = series("江津区", 1, vec![point(2026, 24.0, PointKind::Target)]);
        let html = render(&chart("c2", "t", "", &[one]).expect("a chart"));
        assert_eq!(html.matches("class=\"marker ").count(), 1);
        assert!(!html.contains("单位"));
    }
}
