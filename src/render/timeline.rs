//! The plans timeline: one bar per plan over the years it runs, drawn at build time as
//! SVG by `partials/timeline.html`. A plan's span is its stated period; without one,
//! from the year it was written (or an open start, when that is not stated either) to
//! its horizon, the last year its text sets a goal for. Nothing is guessed: a plan
//! with neither period nor horizon gets no bar and says so.
//!
//! Like the charts it is drawn twice, for a desktop column and for a phone, and
//! chart.css shows the one that fits (see `chart::svg` for the arithmetic). A title
//! too long for its row wraps onto a second line; past that it is shortened with `…`
//! and the row carries the whole title in a `<title>`.

use serde::Serialize;

use super::chart::svg::{MIN_TEXT_PX, NARROWEST_COLUMN, css_px, label_every, r1, text_width, wrap};
use super::views::{PlanLink, RegionLink};
use crate::link::Linked;
use crate::model::PlanIx;

/// The sizes of one drawing, in user units.
struct Layout {
    variant: &'static str,
    width: f64,
    /// Plan titles.
    font: f64,
    /// Year labels.
    tick_font: f64,
    /// Lines a title may take before it is shortened.
    max_lines: usize,
}

/// For a desktop column, shown from 42rem (672 px) up, where the column is at least
/// 640 px: its 12-unit year labels are at least 12 CSS px.
const WIDE: Layout = Layout {
    variant: "wide",
    width: 640.0,
    font: 13.0,
    tick_font: 12.0,
    max_lines: 2,
};

/// For a phone, shown below 42rem: 13 units in 300 are 13 × 280 / 300 = 12.1 CSS px in
/// the narrowest column (320 px in 大字模式), 12.5 px without 大字模式.
const NARROW: Layout = Layout {
    variant: "narrow",
    width: 300.0,
    font: 13.0,
    tick_font: 13.0,
    max_lines: 2,
};

// Checked when compiling: the narrow drawing's text is legible in the narrowest column.
const _: () = assert!(css_px(NARROW.font, NARROW.width, NARROWEST_COLUMN) >= MIN_TEXT_PX);
const _: () = assert!(css_px(NARROW.tick_font, NARROW.width, NARROWEST_COLUMN) >= MIN_TEXT_PX);

const SIDE: f64 = 8.0;
const TOP: f64 = 8.0;
const BAR: f64 = 14.0;
/// From a title's last line to its bar, and from a bar to the next row.
const TITLE_GAP: f64 = 8.0;
const ROW_GAP: f64 = 10.0;
/// From the axis to the year labels' baseline, and below them.
const AXIS_LABEL: f64 = 18.0;
const AXIS: f64 = 28.0;

#[derive(Serialize)]
pub struct TimelineView {
    /// The wide drawing's id; the narrow one's is `{id}-narrow`.
    pub id: String,
    pub title: String,
    pub desc: String,
    /// Some bar's start is not stated: it is drawn as a dashed box, which the caption
    /// explains only then.
    pub open_start: bool,
    /// The wide drawing, then the narrow one.
    pub drawings: Vec<TimelineDrawing>,
    /// Plans that state neither a period nor a horizon.
    pub undated: Vec<PlanLink>,
}

/// The timeline laid out for one width.
#[derive(Serialize)]
pub struct TimelineDrawing {
    /// `wide` or `narrow`: the class chart.css shows or hides it by.
    pub variant: &'static str,
    /// Unique within the page.
    pub id: String,
    pub width: f64,
    pub height: f64,
    pub view_box: String,
    pub font: f64,
    pub tick_font: f64,
    /// Where titles start.
    pub text_x: f64,
    pub axis_y: f64,
    /// Baseline of the year labels.
    pub tick_label_y: f64,
    pub ticks: Vec<Tick>,
    pub rows: Vec<TimelineRow>,
}

#[derive(Serialize)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

#[derive(Serialize)]
pub struct TimelineRow {
    pub plan: PlanLink,
    pub region: RegionLink,
    /// The label as drawn, a line or two, each with its baseline.
    pub lines: Vec<TextLine>,
    /// The label did not fit: the last line ends in `…` and `label` goes in a `<title>`.
    pub shortened: bool,
    pub bar_y: f64,
    pub bar_height: f64,
    pub x: f64,
    pub w: f64,
    /// The start is not stated: the bar is pale with a dashed outline.
    pub open_start: bool,
    /// `2025—2027年`, `2025年成文，目标至2029年`, `目标至2035年，起始未注明`.
    pub span: String,
    /// What the row says above its bar: region, plan and span, the span left out when
    /// the plan's name already states its years.
    pub label: String,
}

#[derive(Serialize)]
pub struct TextLine {
    pub y: f64,
    pub text: String,
}

/// When a plan runs, as far as its text says.
struct Span {
    start: Option<u16>,
    end: u16,
    text: String,
}

fn span(linked: &Linked, p: PlanIx) -> Option<Span> {
    let plan = &linked.site.plans[p];
    if let Some(period) = plan.period {
        let text = if period.start == period.end {
            format!("{}年", period.start)
        } else {
            format!("{}—{}年", period.start, period.end)
        };
        return Some(Span {
            start: Some(period.start.0),
            end: period.end.0,
            text,
        });
    }
    let end = plan.horizon?.0;
    let written = plan.date_written.map(|d| d.year).filter(|&y| y <= end);
    Some(match written {
        Some(y) => Span {
            start: Some(y),
            end,
            text: format!("{y}年成文，目标至{end}年"),
        },
        None => Span {
            start: None,
            end,
            text: format!("目标至{end}年，起始未注明"),
        },
    })
}

/// A plan on the timeline, before it is laid out.
struct Entry {
    plan: PlanIx,
    link: PlanLink,
    span: Span,
    label: String,
}

/// A timeline of `plans`, in the order given.
pub fn timeline(linked: &Linked, id: &str, title: &str, plans: &[PlanIx]) -> Option<TimelineView> {
    let entries: Vec<Entry> = plans
        .iter()
        .filter_map(|&p| span(linked, p).map(|s| entry(linked, p, s)))
        .collect();
    let undated: Vec<PlanLink> = plans
        .iter()
        .filter(|p| !entries.iter().any(|e| e.plan == **p))
        .map(|&p| PlanLink::new(linked, p))
        .collect();
    view(id, title, &entries, undated)
}

/// The timeline of plans already placed in time.
fn view(id: &str, title: &str, entries: &[Entry], undated: Vec<PlanLink>) -> Option<TimelineView> {
    if entries.is_empty() {
        return None;
    }
    let known_starts = entries.iter().filter_map(|e| e.span.start);
    let ends = entries.iter().map(|e| e.span.end);
    let max = ends.clone().max().unwrap_or(0);
    let open_start = entries.iter().any(|e| e.span.start.is_none());
    // An open start begins one year before the earliest stated year, so it is visibly open.
    let mut min = known_starts.chain(ends).min().unwrap_or(max);
    if open_start {
        min = min.saturating_sub(1);
    }
    let desc = entries
        .iter()
        .map(|e| {
            format!(
                "{}《{}》：{}",
                e.link.region.name, e.link.title, e.span.text
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    let drawings = [(&WIDE, id.to_string()), (&NARROW, format!("{id}-narrow"))]
        .into_iter()
        .map(|(layout, id)| draw(layout, id, entries, min, max))
        .collect();
    Some(TimelineView {
        id: id.to_string(),
        title: title.to_string(),
        desc: format!("时间轴，{min}年至{max}年。{desc}。"),
        open_start,
        drawings,
        undated,
    })
}

fn entry(linked: &Linked, p: PlanIx, span: Span) -> Entry {
    let link = PlanLink::new(linked, p);
    Entry {
        plan: p,
        label: label(&link, &span),
        link,
        span,
    }
}

/// Region, plan and span, the span left out when the plan's name already states its years.
fn label(link: &PlanLink, span: &Span) -> String {
    let name = &link.display_title;
    let years_in_name = span.start.is_some_and(|y| name.contains(&y.to_string()))
        && name.contains(&span.end.to_string());
    if years_in_name {
        format!("{} · {name}", link.region.name)
    } else {
        format!("{} · {name}（{}）", link.region.name, span.text)
    }
}

/// The timeline laid out by `layout`: a row per entry (title lines, then the bar),
/// the axis under them.
fn draw(layout: &Layout, id: String, entries: &[Entry], min: u16, max: u16) -> TimelineDrawing {
    // Bars cover whole years: a plan ending 2027 runs to the end of 2027.
    let years = f64::from(max - min + 1);
    let scale = (layout.width - 2.0 * SIDE) / years;
    let x_of = |y: u16| r1(SIDE + f64::from(y - min) * scale);
    let line = r1(layout.font * 1.25);
    let mut top = TOP;
    let rows: Vec<TimelineRow> = entries
        .iter()
        .map(|e| {
            let wrapped = wrap(
                &e.label,
                layout.font,
                layout.width - 2.0 * SIDE,
                layout.max_lines,
            );
            let first = top + layout.font + 1.0;
            let lines: Vec<TextLine> = wrapped
                .lines
                .into_iter()
                .enumerate()
                .map(|(i, text)| TextLine {
                    y: r1(first + line * i as f64),
                    text,
                })
                .collect();
            let bar_y = r1(first + line * (lines.len() - 1) as f64 + TITLE_GAP);
            top = bar_y + BAR + ROW_GAP;
            let start = e.span.start.unwrap_or(min);
            TimelineRow {
                plan: e.link.clone(),
                region: e.link.region.clone(),
                lines,
                shortened: wrapped.shortened,
                bar_y,
                bar_height: BAR,
                x: x_of(start),
                w: r1(f64::from(e.span.end - start + 1) * scale),
                open_start: e.span.start.is_none(),
                span: e.span.text.clone(),
                label: e.label.clone(),
            }
        })
        .collect();
    let axis_y = r1(top - ROW_GAP + 4.0);
    let room = text_width(&max.to_string(), layout.tick_font) + 6.0;
    let step = label_every(scale, room);
    // A year's label sits in the middle of the year.
    let ticks = (min..=max)
        .filter(|y| (y - min).is_multiple_of(step))
        .map(|y| Tick {
            x: r1(x_of(y) + scale / 2.0),
            label: y.to_string(),
        })
        .collect();
    let height = r1(axis_y + AXIS);
    TimelineDrawing {
        variant: layout.variant,
        id,
        width: layout.width,
        height,
        view_box: format!("0 0 {} {height}", layout.width),
        font: layout.font,
        tick_font: layout.tick_font,
        text_x: SIDE,
        axis_y,
        tick_label_y: r1(axis_y + AXIS_LABEL),
        ticks,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(title: &str, region: &str, colour: usize) -> PlanLink {
        PlanLink {
            id: title.into(),
            title: title.into(),
            display_title: title.into(),
            kind: "规划".to_string(),
            url: format!("plans/{title}/index.html"),
            region: RegionLink {
                id: region.into(),
                name: region.into(),
                level: "区县",
                url: format!("regions/{region}/index.html"),
                colour,
            },
            date: None,
            period: None,
        }
    }

    fn entry(title: &str, region: &str, start: Option<u16>, end: u16) -> Entry {
        let text = match start {
            Some(s) => format!("{s}—{end}年"),
            None => format!("目标至{end}年，起始未注明"),
        };
        let link = link(title, region, 1);
        let span = Span { start, end, text };
        Entry {
            plan: PlanIx::nth(0),
            label: label(&link, &span),
            link,
            span,
        }
    }

    fn bundled_like() -> Vec<Entry> {
        vec![
            entry("重庆市知识产权强市建设纲要", "重庆市", None, 2035),
            entry(
                "江津区国家知识产权强市建设试点城市工作方案（2024年－2026年）",
                "江津区",
                Some(2024),
                2026,
            ),
            entry("万州区知识产权“十四五”规划", "万州区", Some(2021), 2025),
            entry(&"很长的规划名称".repeat(12), "渝中区", Some(2025), 2025),
        ]
    }

    #[test]
    fn narrow_text_is_at_least_12_px_on_a_320_px_screen() {
        // 13 × 280 / 300 = 12.13 CSS px.
        for font in [NARROW.font, NARROW.tick_font] {
            assert!(css_px(font, NARROW.width, NARROWEST_COLUMN) >= MIN_TEXT_PX);
        }
        // The wide drawing shows only where its column is 640 px or more.
        assert!(css_px(WIDE.tick_font, WIDE.width, 640.0) >= MIN_TEXT_PX);
        let view = view("t", "时间", &bundled_like(), Vec::new()).expect("a timeline");
        let fonts: Vec<(f64, f64)> = view
            .drawings
            .iter()
            .map(|d| (d.font, d.tick_font))
            .collect();
        assert_eq!(fonts, [(13.0, 12.0), (13.0, 13.0)]);
    }

    #[test]
    fn every_title_bar_and_year_is_inside_the_drawing() {
        let view = view("t", "时间", &bundled_like(), Vec::new()).expect("a timeline");
        let ids: Vec<&str> = view.drawings.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["t", "t-narrow"]);
        for d in &view.drawings {
            let room = d.width - 2.0 * d.text_x;
            let mut below = 0.0;
            for row in &d.rows {
                assert!(!row.lines.is_empty() && row.lines.len() <= 2);
                for l in &row.lines {
                    assert!(
                        text_width(&l.text, d.font) <= room,
                        "{}: {}",
                        d.variant,
                        l.text
                    );
                    // A line's glyphs start about a font's height above its baseline.
                    assert!(
                        l.y - d.font >= below,
                        "{}: {} overlaps the row above",
                        d.variant,
                        l.text
                    );
                }
                let last = row.lines.last().map_or(0.0, |l| l.y);
                assert!(row.bar_y > last, "the bar is under its title");
                assert!(
                    row.x >= 0.0 && row.x + row.w <= d.width + 0.05,
                    "{}",
                    row.label
                );
                below = row.bar_y + row.bar_height;
            }
            assert!(d.axis_y >= below && d.tick_label_y + 0.25 * d.tick_font <= d.height);
            for t in &d.ticks {
                let half = text_width(&t.label, d.tick_font) / 2.0;
                assert!(t.x - half >= 0.0 && t.x + half <= d.width, "{}", t.label);
            }
            let labels: Vec<&str> = d.ticks.iter().map(|t| t.label.as_str()).collect();
            assert!(labels.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn long_titles_wrap_in_the_narrow_drawing_and_are_shortened_past_two_lines() {
        let view = view("t", "时间", &bundled_like(), Vec::new()).expect("a timeline");
        let [wide, narrow] = &view.drawings[..] else {
            panic!("two drawings");
        };
        // 江津区's title takes one line wide and two narrow, and is whole in both.
        assert_eq!(wide.rows[1].lines.len(), 1);
        assert_eq!(narrow.rows[1].lines.len(), 2);
        let whole: String = narrow.rows[1]
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(
            whole.replace(' ', ""),
            narrow.rows[1].label.replace(' ', "")
        );
        assert!(!narrow.rows[1].shortened);
        // The very long one is cut, and its row carries the whole label for a <title>.
        let long = &narrow.rows[3];
        assert!(long.shortened);
        assert!(long.lines[1].text.ends_with('…'));
        assert!(long.label.ends_with("（2025—2025年）"));
        // Rows grow with their lines.
        assert!(
            narrow.rows[2].bar_y - narrow.rows[1].bar_y > wide.rows[2].bar_y - wide.rows[1].bar_y
        );
    }

    #[test]
    fn a_dashed_box_is_mentioned_only_when_one_is_drawn() {
        let all = bundled_like();
        let with = view("t", "时间", &all, Vec::new()).expect("a timeline");
        assert!(with.open_start);
        assert!(with.drawings[0].rows[0].open_start);
        // Without the plan whose start is not stated, nothing is open.
        let without = view("t", "时间", &all[1..], Vec::new()).expect("a timeline");
        assert!(!without.open_start);
        assert!(
            without
                .drawings
                .iter()
                .flat_map(|d| &d.rows)
                .all(|r| !r.open_start)
        );
        let html = render(&with);
        assert!(html.contains("虚线框表示文件未写明起始年份"));
        let html = render(&without);
        assert!(!html.contains("虚线框"), "{html}");
    }

    fn render(view: &TimelineView) -> String {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template(
            "partials/timeline.html",
            include_str!("../../themes/default/templates/partials/timeline.html"),
        )
        .expect("the partial parses");
        let mut ctx = tera::Context::new();
        ctx.insert("timeline", view);
        ctx.insert("page", &serde_json::json!({ "root": "../" }));
        tera.render("partials/timeline.html", &ctx)
            .expect("the partial renders")
    }

    #[test]
    fn the_partial_draws_two_groups_of_links_with_ids_of_their_own() {
        let view = view("site-timeline", "时间", &bundled_like(), Vec::new()).expect("a timeline");
        let html = render(&view);
        for (id, variant) in [
            ("site-timeline", "wide"),
            ("site-timeline-narrow", "narrow"),
        ] {
            assert!(html.contains(&format!(
                "<svg class=\"timeline-svg timeline-{variant}\" role=\"group\" aria-labelledby=\"{id}-title {id}-desc\""
            )));
            assert_eq!(html.matches(&format!("id=\"{id}-title\"")).count(), 1);
        }
        assert_eq!(html.matches("<a href=").count(), 2 * 4);
        assert!(html.contains("<tspan"));
        assert!(html.contains("font-size=\"13.0\""));
        // The shortened title is whole in its link's <title>.
        assert!(html.contains(&format!(
            "<title>{}</title>",
            view.drawings[1].rows[3].label
        )));
        assert!(!html.contains("style="));
    }
}
