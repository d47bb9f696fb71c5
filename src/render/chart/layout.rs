//! Laying a chart out for one width: the wide and narrow layouts and the arithmetic
//! behind their font sizes, the plot rectangle that leaves room for every label, the
//! lines and markers, and where each region's name goes beside its last point.
//!
//! Nothing is drawn that could be read as data: a region's name sits next to its last
//! marker or not at all (the legend names every region), never at the end of a line
//! drawn to it.

use super::markers::MARKER_REACH;
use super::scale::{Scale, Ticks, x_ticks, year_label};
use super::svg::{MIN_TEXT_PX, NARROWEST_COLUMN, css_px, num, r1, text_width, widest, wrap};
use super::view::{Drawing, Plot, PointView, SeriesView, TextAt, YTick};
use super::{Drawn, PointKind};

/// The sizes of one drawing. Font sizes are in user units; the drawing is scaled to
/// its column, so what a reader sees is `font × column / width` CSS px.
pub struct Layout {
    /// The class chart.css shows or hides the drawing by.
    pub variant: &'static str,
    pub width: f64,
    /// With a unit title of one line (a second line adds [`Layout::line`]).
    pub height: f64,
    /// From the drawing's top to the plot's, with a unit title of one line.
    pub top: f64,
    /// From the plot's bottom to the drawing's, for the year labels.
    pub bottom: f64,
    /// Axis labels and the unit title.
    pub font: f64,
    /// Region names beside the lines' ends.
    pub label_font: f64,
    /// The least room between the plot's sides and the first and last years.
    pub min_x_pad: f64,
    /// Name each region beside its last point (else the legend alone names them).
    pub end_labels: bool,
    /// Value labels of 10,000 and more in 万 or 亿.
    pub short_ticks: bool,
}

/// For a desktop column. chart.css shows it on screens 42rem (672 px) wide and wider,
/// where the column is at least 672 − 2 × 16 = 640 CSS px, the drawing's own width: its
/// 12-unit text is never below 12 CSS px. (At 1280 px the column is 928 px: 17.4 px.)
pub const WIDE: Layout = Layout {
    variant: "wide",
    width: 640.0,
    height: 320.0,
    top: 36.0,
    bottom: 30.0,
    font: 12.0,
    label_font: 13.0,
    min_x_pad: 18.0,
    end_labels: true,
    short_ticks: false,
};

/// For a phone, shown below 42rem. Its column is at least 280 CSS px
/// ([`super::svg::NARROWEST_COLUMN`]: 320 px in 大字模式), so its 13-unit text in a
/// 300-unit drawing is at least 13 × 280 / 300 = 12.1 CSS px (12.5 px at 320 px
/// without 大字模式, 14.9 px at 375 px). chart.css stops it growing past 28rem
/// (448 px, so 19.4 px text). No end labels: the legend under it names the regions.
pub const NARROW: Layout = Layout {
    variant: "narrow",
    width: 300.0,
    height: 244.0,
    top: 36.0,
    bottom: 28.0,
    font: 13.0,
    label_font: 13.0,
    min_x_pad: 12.0,
    end_labels: false,
    short_ticks: true,
};

// Checked when compiling: the narrow drawing's text is legible in the narrowest column.
const _: () = assert!(css_px(NARROW.font, NARROW.width, NARROWEST_COLUMN) >= MIN_TEXT_PX);
const _: () = assert!(css_px(NARROW.label_font, NARROW.width, NARROWEST_COLUMN) >= MIN_TEXT_PX);

impl Layout {
    /// The distance between lines of a two-line text.
    pub fn line(&self) -> f64 {
        r1(self.font * 1.25)
    }
}

/// From a point's centre to the near edge of its label: clear of its marker.
const LABEL_OFFSET: f64 = MARKER_REACH + 2.0;

/// What both drawings of a chart show.
pub struct Frame<'a> {
    pub min_year: u16,
    pub max_year: u16,
    pub ticks: &'a Ticks,
    /// Trimmed; empty when the indicator has no unit.
    pub unit: &'a str,
}

/// The chart laid out by `layout`.
pub fn draw(layout: &Layout, id: String, frame: &Frame, drawn: &[Drawn]) -> Drawing {
    let font = layout.font;
    let unit_lines = if frame.unit.is_empty() {
        Vec::new()
    } else {
        wrap(
            &format!("单位：{}", frame.unit),
            font,
            layout.width - 8.0,
            2,
        )
        .lines
    };
    let extra = layout.line() * unit_lines.len().saturating_sub(1) as f64;
    let unit: Vec<TextAt> = unit_lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| TextAt {
            x: 4.0,
            y: r1(font + 5.0 + layout.line() * i as f64),
            text,
            anchor: "start",
        })
        .collect();

    let y_labels = frame.ticks.labels(layout.short_ticks);
    let widest_tick = widest(y_labels.iter().map(String::as_str), font);
    let right = if layout.end_labels {
        // Room for the longest name beside a point of the last year.
        let names = widest(
            drawn.iter().map(|d| d.series.name.as_str()),
            layout.label_font,
        );
        layout.width - (names + LABEL_OFFSET + 2.0 - layout.min_x_pad).clamp(8.0, 200.0)
    } else {
        layout.width - 6.0
    };
    let plot = Plot {
        left: r1((widest_tick + 14.0).max(32.0)),
        top: layout.top + extra,
        right: r1(right),
        bottom: layout.height + extra - layout.bottom,
    };
    // The last year's label is centred on its tick: keep it inside the drawing.
    let half_label = text_width(&year_label(frame.max_year), font) / 2.0;
    let scale = Scale {
        plot,
        x_pad: layout
            .min_x_pad
            .max(r1(plot.right + half_label + 1.0 - layout.width)),
        min_year: frame.min_year,
        max_year: frame.max_year,
        lo: frame.ticks.lo(),
        hi: frame.ticks.hi(),
    };

    let mut series: Vec<SeriesView> = drawn.iter().map(|d| series_view(d, &scale)).collect();
    if layout.end_labels {
        let bounds = Rect {
            left: plot.left + 2.0,
            top: 2.0,
            right: layout.width - 1.0,
            bottom: plot.bottom,
        };
        let taken = unit
            .iter()
            .map(|u| text_box(u, font, Baseline::Alphabetic))
            .collect();
        place_end_labels(&mut series, bounds, taken, layout.label_font);
    }
    let height = layout.height + extra;
    Drawing {
        variant: layout.variant,
        id,
        width: layout.width,
        height,
        view_box: format!("0 0 {} {}", num(layout.width), num(height)),
        font,
        label_font: layout.label_font,
        plot,
        unit,
        x_ticks: x_ticks(&scale, font),
        x_label_y: r1(plot.bottom + font + 6.0),
        y_ticks: frame
            .ticks
            .values
            .iter()
            .zip(y_labels)
            .map(|(v, label)| YTick {
                y: scale.y(*v),
                label,
            })
            .collect(),
        y_label_x: plot.left - 6.0,
        zero_y: (scale.lo < 0.0).then(|| scale.y(0.0)),
        series,
    }
}

fn series_view(d: &Drawn, scale: &Scale) -> SeriesView {
    let shape = d.shape();
    let points: Vec<PointView> = d
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
        name: d.series.name.clone(),
        colour: d.colour(),
        shape: shape.name(),
        solid: line_path(&solid),
        dashed: line_path(&target_line(&points)),
        end_label: None,
        points,
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
        .chain(points.iter().filter(|p| p.kind == PointKind::Target))
        .collect()
}

/// The path through `points`, or None when it would not show: fewer than two
/// points, or all at one spot (a baseline and an actual of one year and value).
fn line_path(points: &[&PointView]) -> Option<String> {
    let first = points.first()?;
    if points.iter().all(|p| (p.x, p.y) == (first.x, first.y)) {
        return None;
    }
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&format!("{} {}", num(p.x), num(p.y)));
    }
    Some(d)
}

/// A box on the drawing, for keeping labels apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    pub fn around(x: f64, y: f64, reach: f64) -> Rect {
        Rect {
            left: x - reach,
            top: y - reach,
            right: x + reach,
            bottom: y + reach,
        }
    }

    pub fn overlaps(&self, o: &Rect) -> bool {
        self.left < o.right && o.left < self.right && self.top < o.bottom && o.top < self.bottom
    }

    pub fn inside(&self, o: &Rect) -> bool {
        self.left >= o.left && self.right <= o.right && self.top >= o.top && self.bottom <= o.bottom
    }
}

/// Where a text's `y` is: its baseline, or its middle (the template's `dy="0.35em"`).
#[derive(Clone, Copy)]
pub enum Baseline {
    Alphabetic,
    Middle,
}

/// The box a text covers, a little generously: Chinese glyphs reach about 0.88 em
/// above the baseline and 0.12 em below it.
pub fn text_box(t: &TextAt, font: f64, baseline: Baseline) -> Rect {
    let w = text_width(&t.text, font);
    let left = match t.anchor {
        "end" => t.x - w,
        "middle" => t.x - w / 2.0,
        _ => t.x,
    };
    let base = match baseline {
        Baseline::Alphabetic => t.y,
        Baseline::Middle => t.y + 0.35 * font,
    };
    Rect {
        left,
        top: base - 0.95 * font,
        right: left + w,
        bottom: base + 0.25 * font,
    }
}

/// Puts each region's name beside its last point, at the first of a few spots (right,
/// a little above or below right, left, above, below) that lies within `bounds` and
/// covers no marker and no label placed before. A name with no such spot is left out:
/// the legend names it.
fn place_end_labels(series: &mut [SeriesView], bounds: Rect, mut taken: Vec<Rect>, font: f64) {
    for s in series.iter() {
        taken.extend(
            s.points
                .iter()
                .map(|p| Rect::around(p.x, p.y, MARKER_REACH)),
        );
    }
    let h = font * 1.2;
    let above = MARKER_REACH + 1.0 + h / 2.0;
    let spots: [(f64, f64, &'static str); 10] = [
        (LABEL_OFFSET, 0.0, "start"),
        (LABEL_OFFSET, -h / 2.0, "start"),
        (LABEL_OFFSET, h / 2.0, "start"),
        (LABEL_OFFSET, -h, "start"),
        (LABEL_OFFSET, h, "start"),
        (-LABEL_OFFSET, 0.0, "end"),
        (-LABEL_OFFSET, -h / 2.0, "end"),
        (-LABEL_OFFSET, h / 2.0, "end"),
        (0.0, -above, "middle"),
        (0.0, above, "middle"),
    ];
    for s in series.iter_mut() {
        let Some(end) = s.points.last() else {
            continue;
        };
        let spot = spots
            .iter()
            .map(|&(dx, dy, anchor)| TextAt {
                x: r1(end.x + dx),
                y: r1(end.y + dy),
                text: s.name.clone(),
                anchor,
            })
            .find(|at| {
                let b = text_box(at, font, Baseline::Middle);
                b.inside(&bounds) && !taken.iter().any(|t| t.overlaps(&b))
            });
        if let Some(at) = spot {
            taken.push(text_box(&at, font, Baseline::Middle));
            s.end_label = Some(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{odd_charts, patents};
    use super::super::{ChartView, chart};
    use super::*;

    fn charts() -> Vec<ChartView> {
        odd_charts()
            .into_iter()
            .map(|(unit, series)| chart("c", "t", unit, &series).expect("a chart"))
            .collect()
    }

    /// Every text of a drawing with the box it covers.
    fn texts(d: &Drawing) -> Vec<(String, Rect)> {
        let at = |x: f64, y: f64, text: &str, anchor: &'static str| TextAt {
            x,
            y,
            text: text.to_string(),
            anchor,
        };
        let mut out = Vec::new();
        for t in &d.y_ticks {
            let t = at(d.y_label_x, t.y, &t.label, "end");
            out.push((t.text.clone(), text_box(&t, d.font, Baseline::Middle)));
        }
        for t in d
            .x_ticks
            .iter()
            .filter_map(|t| Some((t.x, t.label.as_ref()?)))
        {
            let t = at(t.0, d.x_label_y, t.1, "middle");
            out.push((t.text.clone(), text_box(&t, d.font, Baseline::Alphabetic)));
        }
        for u in &d.unit {
            out.push((u.text.clone(), text_box(u, d.font, Baseline::Alphabetic)));
        }
        for l in d.series.iter().filter_map(|s| s.end_label.as_ref()) {
            out.push((l.text.clone(), text_box(l, d.label_font, Baseline::Middle)));
        }
        out
    }

    #[test]
    fn narrow_text_is_at_least_12_px_on_a_320_px_screen() {
        // 13 × 280 / 300 = 12.13 CSS px in 大字模式's 280 px column.
        for font in [NARROW.font, NARROW.label_font] {
            let px = css_px(font, NARROW.width, NARROWEST_COLUMN);
            assert!(px >= MIN_TEXT_PX, "{px}");
        }
        // The wide drawing is shown from 672 px up (chart.css), where its column is
        // 640 px: 12 × 640 / 640 = 12.
        let column = 672.0 - 2.0 * 16.0;
        assert!(css_px(WIDE.font, WIDE.width, column) >= MIN_TEXT_PX);
        let css = include_str!("../../../themes/default/static/chart.css");
        assert!(css.contains("@media screen and (max-width: 41.99rem)"));
        // Every text of every drawing is drawn at its layout's sizes.
        for view in charts() {
            for (d, layout) in view.drawings.iter().zip([&WIDE, &NARROW]) {
                assert_eq!((d.font, d.label_font), (layout.font, layout.label_font));
                assert_eq!(d.width, layout.width);
            }
        }
    }

    #[test]
    fn every_point_and_label_is_inside_its_drawing() {
        for view in charts() {
            for d in &view.drawings {
                let frame = Rect {
                    left: 0.0,
                    top: 0.0,
                    right: d.width,
                    bottom: d.height,
                };
                assert_eq!(
                    d.view_box,
                    format!("0 0 {} {}", num(d.width), num(d.height))
                );
                for p in d.series.iter().flat_map(|s| &s.points) {
                    let marker = Rect::around(p.x, p.y, MARKER_REACH);
                    assert!(marker.inside(&frame), "{} {}: {p:?}", d.variant, view.desc);
                    assert!(p.x >= d.plot.left && p.x <= d.plot.right, "{p:?}");
                    assert!(p.y >= d.plot.top && p.y <= d.plot.bottom, "{p:?}");
                }
                for (text, b) in texts(d) {
                    assert!(
                        b.inside(&frame),
                        "{} `{text}` {b:?} in {frame:?}",
                        d.variant
                    );
                }
            }
        }
    }

    #[test]
    fn labels_do_not_collide() {
        for view in charts() {
            for d in &view.drawings {
                let texts = texts(d);
                for (i, (a, ab)) in texts.iter().enumerate() {
                    for (b, bb) in &texts[i + 1..] {
                        assert!(!ab.overlaps(bb), "{}: `{a}` and `{b}`", d.variant);
                    }
                }
                let markers: Vec<Rect> = d
                    .series
                    .iter()
                    .flat_map(|s| &s.points)
                    .map(|p| Rect::around(p.x, p.y, MARKER_REACH))
                    .collect();
                for l in d.series.iter().filter_map(|s| s.end_label.as_ref()) {
                    let b = text_box(l, d.label_font, Baseline::Middle);
                    assert!(!markers.iter().any(|m| m.overlaps(&b)), "{l:?}");
                }
            }
        }
    }

    #[test]
    fn names_sit_beside_last_points_in_the_wide_drawing_only() {
        let view = chart("c", "t", "件", &patents()).expect("a chart");
        let [wide, narrow] = &view.drawings[..] else {
            panic!("two drawings");
        };
        // 万州区 ends in 2025, before the others: its name is beside its 2025 target,
        // not at the right edge.
        let wanzhou = &wide.series[0];
        let label = wanzhou.end_label.as_ref().expect("room beside it");
        let end = wanzhou.points.last().expect("a point");
        assert_eq!(end.year, 2025);
        assert_eq!((label.x, label.y), (r1(end.x + LABEL_OFFSET), end.y));
        assert!(label.x < wide.plot.right);
        assert!(narrow.series.iter().all(|s| s.end_label.is_none()));

        // With no room (25 regions on one value) a name is left to the legend rather
        // than drawn away from its point.
        let many = charts().into_iter().nth(6).expect("the crowded chart");
        let wide = &many.drawings[0];
        let named = wide.series.iter().filter(|s| s.end_label.is_some()).count();
        assert!((1..25).contains(&named), "{named}");
        assert_eq!(many.legend.len(), 25);
    }

    #[test]
    fn a_long_unit_takes_two_lines_and_moves_the_plot_down() {
        let view = &charts()[5];
        let narrow = &view.drawings[1];
        assert_eq!(narrow.unit.len(), 2, "{:?}", narrow.unit);
        assert_eq!(narrow.plot.top, NARROW.top + NARROW.line());
        assert_eq!(narrow.height, NARROW.height + NARROW.line());
        assert_eq!(view.drawings[0].unit.len(), 1);
    }
}
