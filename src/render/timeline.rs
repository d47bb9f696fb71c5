//! The plans timeline: one bar per plan over the years it runs, drawn at build time as
//! SVG by `partials/timeline.html`. A plan's span is its stated period; without one,
//! from the year it was written (or an open start, when that is not stated either) to
//! its horizon, the last year its text sets a goal for. Nothing is guessed: a plan
//! with neither period nor horizon gets no bar and says so.

use serde::Serialize;

use super::views::{PlanLink, RegionLink};
use crate::link::Linked;

const WIDTH: f64 = 640.0;
const LEFT: f64 = 8.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 8.0;
/// A row: the plan's title on one line, its bar below.
const ROW: f64 = 46.0;
const BAR: f64 = 14.0;
const AXIS: f64 = 28.0;

#[derive(Serialize)]
pub struct TimelineView {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub view_box: String,
    pub axis_y: f64,
    pub ticks: Vec<Tick>,
    pub rows: Vec<TimelineRow>,
    /// Plans that state neither a period nor a horizon.
    pub undated: Vec<PlanLink>,
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
    pub text_y: f64,
    pub bar_y: f64,
    pub bar_height: f64,
    pub x: f64,
    pub w: f64,
    /// The start is not stated: the bar fades in from the left edge.
    pub open_start: bool,
    /// `2025—2027年`, `2025年成文，目标至2029年`, `目标至2035年，起始未注明`.
    pub span: String,
    /// What the row says above its bar: region, plan and span, the span left out when
    /// the plan's name already states its years.
    pub label: String,
}

/// When a plan runs, as far as its text says.
struct Span {
    start: Option<u16>,
    end: u16,
    text: String,
}

fn span(linked: &Linked, p: usize) -> Option<Span> {
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

/// A timeline of `plans`, in the order given.
pub fn timeline(linked: &Linked, id: &str, title: &str, plans: &[usize]) -> Option<TimelineView> {
    let spans: Vec<(usize, Span)> = plans
        .iter()
        .filter_map(|&p| span(linked, p).map(|s| (p, s)))
        .collect();
    let undated: Vec<PlanLink> = plans
        .iter()
        .filter(|p| !spans.iter().any(|(q, _)| q == *p))
        .map(|&p| PlanLink::new(linked, p))
        .collect();
    if spans.is_empty() {
        return None;
    }
    let known_starts = spans.iter().filter_map(|(_, s)| s.start);
    let ends = spans.iter().map(|(_, s)| s.end);
    let max = ends.clone().max().unwrap_or(0);
    // An open start begins one year before the earliest stated year, so it is visibly open.
    let mut min = known_starts.chain(ends).min().unwrap_or(max);
    if spans.iter().any(|(_, s)| s.start.is_none()) {
        min = min.saturating_sub(1);
    }
    // Bars cover whole years: a plan ending 2027 runs to the end of 2027.
    let years = f64::from(max - min + 1);
    let scale = (WIDTH - LEFT - RIGHT) / years;
    let x_of = |y: u16| round(LEFT + f64::from(y - min) * scale);
    let rows: Vec<TimelineRow> = spans
        .iter()
        .enumerate()
        .map(|(i, (p, s))| {
            let top = TOP + ROW * i as f64;
            let start = s.start.unwrap_or(min);
            let region = RegionLink::new(linked, linked.plan_region[*p]);
            let name = linked.site.plans[*p].display_title();
            let years_in_name = s.start.is_some_and(|y| name.contains(&y.to_string()))
                && name.contains(&s.end.to_string());
            let label = if years_in_name {
                format!("{} · {name}", region.name)
            } else {
                format!("{} · {name}（{}）", region.name, s.text)
            };
            TimelineRow {
                label,
                plan: PlanLink::new(linked, *p),
                region,
                text_y: round(top + 14.0),
                bar_y: round(top + 22.0),
                bar_height: BAR,
                x: x_of(start),
                w: round(f64::from(s.end - start + 1) * scale),
                open_start: s.start.is_none(),
                span: s.text.clone(),
            }
        })
        .collect();
    let axis_y = round(TOP + ROW * rows.len() as f64 + 4.0);
    let step = tick_step(max - min + 1);
    // A year's label sits in the middle of the year.
    let ticks = (min..=max)
        .filter(|y| (y - min) % step == 0)
        .map(|y| Tick {
            x: round(x_of(y) + scale / 2.0),
            label: y.to_string(),
        })
        .collect();
    let desc = rows
        .iter()
        .map(|r| format!("{}《{}》：{}", r.region.name, r.plan.title, r.span))
        .collect::<Vec<_>>()
        .join("；");
    let height = round(axis_y + AXIS);
    Some(TimelineView {
        id: id.to_string(),
        title: title.to_string(),
        desc: format!("时间轴，{min}年至{max}年。{desc}。"),
        width: WIDTH,
        height,
        view_box: format!("0 0 {WIDTH} {height}"),
        axis_y,
        ticks,
        rows,
        undated,
    })
}

/// Label every year on short spans, every 2 or 5 on longer ones.
fn tick_step(years: u16) -> u16 {
    match years {
        0..=12 => 1,
        13..=24 => 2,
        _ => 5,
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::tick_step;

    #[test]
    fn ticks_thin_out_on_long_spans() {
        assert_eq!(tick_step(3), 1);
        assert_eq!(tick_step(15), 2);
        assert_eq!(tick_step(40), 5);
    }
}
