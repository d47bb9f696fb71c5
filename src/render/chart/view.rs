//! What `partials/chart.html` is given: every number and string of the drawing, ready
//! to print. Coordinates are SVG user units rounded to 0.1, so output is byte-stable.
//! The template only lays out what it is given; colours live in the theme's chart.css.

use serde::Serialize;

use super::PointKind;

/// One chart: two drawings of the same values (chart.css shows the one that fits the
/// screen), the legend both share, and the words around them.
#[derive(Debug, Serialize)]
pub struct ChartView {
    /// Unique within the page: the wide drawing's id. The template derives
    /// `{id}-title` and `{id}-desc` from each drawing's id.
    pub id: String,
    pub title: String,
    /// A Chinese summary listing every series and point, for screen readers.
    pub desc: String,
    /// The figure's caption: which regions and years are drawn, and what the lines
    /// and markers mean. The template adds where the exact values are.
    pub caption: String,
    /// The wide drawing, then the narrow one.
    pub drawings: Vec<Drawing>,
    /// Each region's colour and marker shape.
    pub legend: Vec<LegendEntry>,
    /// Solid and filled against dashed and hollow, for the kinds the chart has.
    pub key: Vec<KeyEntry>,
}

/// One drawing of the chart, laid out for one width.
#[derive(Debug, Serialize)]
pub struct Drawing {
    /// `wide` or `narrow`: the class chart.css shows or hides it by.
    pub variant: &'static str,
    /// Unique within the page.
    pub id: String,
    pub width: f64,
    pub height: f64,
    pub view_box: String,
    /// Size of the axis labels and the unit, in user units.
    pub font: f64,
    /// Size of the region names at the lines' ends.
    pub label_font: f64,
    pub plot: Plot,
    /// `单位：件` above the y axis, one line or two; empty when the unit is.
    pub unit: Vec<TextAt>,
    pub x_ticks: Vec<XTick>,
    /// Baseline of the year labels.
    pub x_label_y: f64,
    pub y_ticks: Vec<YTick>,
    /// Right edge of the value labels.
    pub y_label_x: f64,
    /// Where the value 0 runs when the axis goes below it; None when 0 is the bottom.
    pub zero_y: Option<f64>,
    pub series: Vec<SeriesView>,
}

/// The rectangle the data is drawn in.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Plot {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TextAt {
    pub x: f64,
    pub y: f64,
    pub text: String,
    /// `start`, `middle` or `end`, as SVG's text-anchor.
    pub anchor: &'static str,
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
    /// The region's name beside its last point, where there is room for it; None in
    /// the narrow drawing and where there is none (the legend names every region).
    pub end_label: Option<TextAt>,
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

/// A region in the legend: its name beside its marker, in its colour.
#[derive(Debug, Serialize)]
pub struct LegendEntry {
    pub name: String,
    pub colour: usize,
    pub shape: &'static str,
    /// The marker for a swatch [`SERIES_SWATCH`] wide, centred in it.
    pub swatch: String,
}

/// One kind of mark in the legend: `实线、实心标记：基期值、实际值`.
#[derive(Debug, Serialize)]
pub struct KeyEntry {
    /// `actual` (solid, filled; also stands for baselines) or `target` (dashed, hollow).
    pub kind: PointKind,
    /// The marks, `实线、实心标记` (or `实心标记` when no line of this kind is drawn).
    pub marks: String,
    /// What they stand for: `基期值、实际值`, `目标值`.
    pub meaning: String,
    /// Draw the line in the swatch: some line of this kind is drawn.
    pub line: bool,
    /// A neutral marker for a swatch [`KEY_SWATCH`] wide, near its right end.
    pub swatch: String,
}

/// Width and height of a region's swatch in the legend, in CSS px (and user units).
pub const SERIES_SWATCH: (f64, f64) = (18.0, 18.0);
/// Width and height of a line style's swatch: a line with its marker near the right
/// end, long enough for three dashes of `6 4` before the marker, so that dashed and
/// solid cannot be mistaken.
pub const KEY_SWATCH: (f64, f64) = (48.0, 18.0);
