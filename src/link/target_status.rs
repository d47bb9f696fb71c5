//! The status of every target: whether the values reported for its region, indicator
//! and measure show it reached, on track, behind, or not judgeable, as of the site's
//! `as_of` date. One rule, documented with its thresholds in docs/progress.md:
//!
//! 1. a qualitative target cannot be judged (once its year has passed with nothing
//!    reported, it is overdue);
//! 2. a value for the target's own year decides: 已达成 or 未达成;
//! 3. a target whose year has passed with no value for that year: 期满未见报告;
//! 4. a target of a `target_band` indicator cannot be judged (no band is modelled);
//! 5. a stock or ratio already at the target is 已达成 ahead of time;
//! 6. otherwise the pace: R, the actual average annual change since the first value
//!    against the change the target needs (Open SDG's method, after Statistics Canada),
//!    signed by the catalogue's direction; R ≥ 0.95 进度正常, 0.6 ≤ R < 0.95 略有滞后,
//!    R < 0.6 明显滞后. Growth rates compare the latest rate with the target rate, and
//!    cumulative targets the sum so far with the target's share of the years elapsed.
//!
//! Numbers are compared exactly, as decimals of the written text; only the rates
//! are floating point.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::reported::{Key, Point, Reported};
use crate::model::date::{Period, Year};
use crate::model::quantity::{Comparator, Measure, Value};
use crate::model::{Direction, Target};
use crate::vocabulary::closed_set::closed_set;

/// R at or above this: 进度正常.
pub const ON_TRACK: f64 = 0.95;
/// R at or above this (and below [`ON_TRACK`]): 略有滞后; below it: 明显滞后.
pub const SLIGHTLY_BEHIND: f64 = 0.6;

closed_set! {
    /// The status of a target. Each is always shown in words. The table's order is
    /// the order pages list them; the name is the key pages and the data use.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum TargetStatus {
        Achieved = "achieved" => "已达成",
        OnTrack = "on_track" => "进度正常",
        SlightlyBehind = "slightly_behind" => "略有滞后",
        FarBehind = "far_behind" => "明显滞后",
        NotAchieved = "not_achieved" => "未达成",
        Overdue = "overdue" => "期满未见报告",
        CannotJudge = "cannot_judge" => "无法判断",
    }
}

/// Why a target has its status, where the status alone does not say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The value of the target's own year decided.
    AtTargetYear,
    /// Reached before the target year, in this year.
    Early(Year),
    /// The pace since the first value decided.
    Pace,
    /// The target's year has passed with no value for it.
    NoReport,
    Qualitative,
    TargetBand,
    NoValue,
    /// Only one value, of this year: no change to measure.
    OneValue(Year),
    /// A start, latest or target value that is zero or negative: no rate of change.
    NotPositive,
    /// A cumulative target of a plan that states no period: the sum has no start.
    NoStartYear,
    /// A cumulative target with yearly amounts reported for some years only.
    MissingYears(Vec<Year>),
}

/// A cumulative total made from yearly amounts.
#[derive(Debug, Clone)]
pub struct Sum {
    pub from: Year,
    pub to: Year,
    /// In the comparison unit, written exactly.
    pub total: Value,
    pub parts: Vec<Point>,
}

/// The status of one target and the numbers it comes from.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub status: TargetStatus,
    pub reason: Reason,
    /// The latest value that answers the target (of its year or earlier).
    pub latest: Option<Point>,
    /// For a cumulative target reached through yearly amounts: their sum.
    pub sum: Option<Sum>,
    /// The value the pace was measured from.
    pub start: Option<Point>,
    /// What is still missing to the target, in the comparison unit (exact).
    pub gap: Option<Value>,
    /// The average annual growth (a fraction) the latest value needs to reach the
    /// target in the years left; negative for a decrease.
    pub required_rate: Option<f64>,
    /// R: the pace measured against the pace needed.
    pub pace: Option<f64>,
    /// The average annual growth since `start` (a fraction), and the growth from
    /// `start` that reaches the target in its year: what R compares.
    pub observed_rate: Option<f64>,
    pub needed_rate: Option<f64>,
}

impl Assessment {
    fn new(status: TargetStatus, reason: Reason) -> Self {
        Assessment {
            status,
            reason,
            latest: None,
            sum: None,
            start: None,
            gap: None,
            required_rate: None,
            pace: None,
            observed_rate: None,
            needed_rate: None,
        }
    }
}

/// What one target is judged with.
pub struct Inputs<'a> {
    pub key: Key,
    pub direction: Direction,
    pub period: Option<Period>,
    /// The target, its value in the comparison unit.
    pub target: &'a Target,
    pub target_value: &'a Value,
    pub as_of: Option<Year>,
    pub reported: &'a Reported,
}

pub fn assess(i: &Inputs<'_>) -> Assessment {
    let t = i.target.year;
    let passed = i.as_of.is_some_and(|now| now > t);
    // The start of the plan's count: the year before its period, when it has one.
    let floor = i.period.map(|p| Year(p.start.0.saturating_sub(1)));
    let usable = |p: &&Point| {
        p.year <= t && i.as_of.is_none_or(|now| p.year <= now) && floor.is_none_or(|f| p.year >= f)
    };
    let points: Vec<&Point> = i.reported.points(i.key).iter().filter(usable).collect();
    let target = decimal(i.target_value);

    if i.key.measure == Measure::Qualitative || target.is_none() {
        let at_year = points.iter().rev().find(|p| p.year == t);
        let mut a = if passed && at_year.is_none() {
            Assessment::new(TargetStatus::Overdue, Reason::NoReport)
        } else {
            Assessment::new(TargetStatus::CannotJudge, Reason::Qualitative)
        };
        a.latest = points.last().map(|p| (*p).clone());
        return a;
    }
    let Some(target) = target else {
        return Assessment::new(TargetStatus::CannotJudge, Reason::Qualitative);
    };
    if i.key.measure == Measure::Cumulative {
        return cumulative(i, &points, target, passed);
    }
    let meets = |v: Decimal| meets(v, target, i.target.comparator, i.direction);

    let latest = points
        .iter()
        .rev()
        .find(|p| decimal(&p.value).is_some())
        .copied();
    let mut a = match latest {
        Some(p) if p.year == t => {
            let v = decimal(&p.value).unwrap_or_default();
            let status = if meets(v) {
                TargetStatus::Achieved
            } else {
                TargetStatus::NotAchieved
            };
            Assessment::new(status, Reason::AtTargetYear)
        }
        _ if passed => Assessment::new(TargetStatus::Overdue, Reason::NoReport),
        _ if i.direction == Direction::TargetBand => {
            Assessment::new(TargetStatus::CannotJudge, Reason::TargetBand)
        }
        None => Assessment::new(TargetStatus::CannotJudge, Reason::NoValue),
        Some(p)
            if matches!(i.key.measure, Measure::Stock | Measure::Ratio)
                && meets(decimal(&p.value).unwrap_or_default()) =>
        {
            Assessment::new(TargetStatus::Achieved, Reason::Early(p.year))
        }
        Some(p) => pace(i, &points, p, target),
    };
    if let Some(p) = latest {
        let v = decimal(&p.value).unwrap_or_default();
        if !meets(v) {
            a.gap = Some(exact(target - v));
            if matches!(
                i.key.measure,
                Measure::Stock | Measure::Ratio | Measure::Annual
            ) {
                a.required_rate = rate(p.year, v, t, target);
            }
        }
        a.latest = Some(p.clone());
    }
    a
}

/// Steps 6 and on for a stock, ratio, yearly amount or growth rate with a latest value
/// before the target year.
fn pace(i: &Inputs<'_>, points: &[&Point], latest: &Point, target: Decimal) -> Assessment {
    let d = if i.direction == Direction::LowerIsBetter {
        -1.0
    } else {
        1.0
    };
    let current = f(decimal(&latest.value).unwrap_or_default());
    let target_f = f(target);
    if i.key.measure == Measure::GrowthRate {
        if target_f <= 0.0 || current <= 0.0 {
            return Assessment::new(TargetStatus::CannotJudge, Reason::NotPositive);
        }
        let r = if d > 0.0 {
            current / target_f
        } else {
            target_f / current
        };
        return judged(r, None);
    }
    let Some(start) = points
        .iter()
        .find(|p| p.year < latest.year && decimal(&p.value).is_some())
    else {
        return Assessment::new(TargetStatus::CannotJudge, Reason::OneValue(latest.year));
    };
    let first = f(decimal(&start.value).unwrap_or_default());
    if first <= 0.0 || current <= 0.0 || target_f <= 0.0 {
        let mut a = Assessment::new(TargetStatus::CannotJudge, Reason::NotPositive);
        a.start = Some((*start).clone());
        return a;
    }
    let observed = growth(first, current, latest.year.0 - start.year.0);
    let needed = growth(first, target_f, i.target.year.0 - start.year.0);
    let r = if needed.abs() < 1e-12 {
        // The start already met the target and the latest value does not.
        f64::NEG_INFINITY
    } else {
        d * observed / needed.abs()
    };
    let mut a = judged(r, Some((*start).clone()));
    a.observed_rate = Some(observed);
    a.needed_rate = Some(needed);
    a
}

fn judged(r: f64, start: Option<Point>) -> Assessment {
    let status = if r >= ON_TRACK {
        TargetStatus::OnTrack
    } else if r >= SLIGHTLY_BEHIND {
        TargetStatus::SlightlyBehind
    } else {
        TargetStatus::FarBehind
    };
    let mut a = Assessment::new(status, Reason::Pace);
    a.pace = r.is_finite().then_some(r);
    a.start = start;
    a
}

/// A cumulative target: a total the source states (累计) answers it directly; yearly
/// amounts answer it summed from the first year of the plan's period, and only when
/// every year up to the latest is reported.
fn cumulative(i: &Inputs<'_>, totals: &[&Point], target: Decimal, passed: bool) -> Assessment {
    let t = i.target.year;
    let meets = |v: Decimal| meets(v, target, i.target.comparator, i.direction);
    let start = i.period.map(|p| p.start);
    let yearly: Vec<&Point> = i
        .reported
        .points(Key {
            measure: Measure::Annual,
            ..i.key
        })
        .iter()
        .filter(|p| {
            p.year <= t
                && i.as_of.is_none_or(|now| p.year <= now)
                && start.is_some_and(|s| p.year >= s)
                && decimal(&p.value).is_some()
        })
        .collect();
    let mut sum: Option<Sum> = None;
    let mut missing = Vec::new();
    if let Some(s) = start {
        let mut total = Decimal::ZERO;
        let mut parts = Vec::new();
        let last = yearly.last().map(|p| p.year);
        for y in (s.0..=last.map_or(0, |l| l.0)).map(Year) {
            match yearly.iter().find(|p| p.year == y) {
                Some(p) if missing.is_empty() => {
                    total += decimal(&p.value).unwrap_or_default();
                    parts.push((*p).clone());
                }
                Some(_) => {}
                None => missing.push(y),
            }
        }
        if let (Some(first), Some(last)) = (parts.first(), parts.last())
            && missing.is_empty()
        {
            sum = Some(Sum {
                from: first.year,
                to: last.year,
                total: exact(total),
                parts,
            });
        }
    }
    let stated = totals
        .iter()
        .rev()
        .find(|p| decimal(&p.value).is_some() && !p.baseline)
        .copied();
    // The more recent of a stated total and a sum; a stated total wins a tie.
    let (year, value) = match (stated, &sum) {
        (Some(p), Some(s)) if s.to > p.year => (s.to, decimal(&s.total)),
        (Some(p), _) => (p.year, decimal(&p.value)),
        (None, Some(s)) => (s.to, decimal(&s.total)),
        (None, None) => {
            let (status, reason) = if passed {
                (TargetStatus::Overdue, Reason::NoReport)
            } else if !missing.is_empty() {
                (TargetStatus::CannotJudge, Reason::MissingYears(missing))
            } else if start.is_none()
                && !i
                    .reported
                    .points(Key {
                        measure: Measure::Annual,
                        ..i.key
                    })
                    .is_empty()
            {
                (TargetStatus::CannotJudge, Reason::NoStartYear)
            } else {
                (TargetStatus::CannotJudge, Reason::NoValue)
            };
            return Assessment::new(status, reason);
        }
    };
    let value = value.unwrap_or_default();
    let use_sum =
        sum.as_ref().is_some_and(|s| s.to == year) && stated.is_none_or(|p| p.year < year);
    let mut a = if year == t {
        let status = if meets(value) {
            TargetStatus::Achieved
        } else {
            TargetStatus::NotAchieved
        };
        Assessment::new(status, Reason::AtTargetYear)
    } else if passed {
        Assessment::new(TargetStatus::Overdue, Reason::NoReport)
    } else if i.direction == Direction::TargetBand {
        Assessment::new(TargetStatus::CannotJudge, Reason::TargetBand)
    } else if meets(value) {
        Assessment::new(TargetStatus::Achieved, Reason::Early(year))
    } else if let Some(s) = start {
        let elapsed = f64::from(year.0.saturating_sub(s.0) + 1);
        let years = f64::from(t.0.saturating_sub(s.0) + 1);
        let due = f(target) * elapsed / years;
        let done = f(value);
        let r = if i.direction == Direction::LowerIsBetter {
            if done <= 0.0 { ON_TRACK } else { due / done }
        } else if due <= 0.0 {
            ON_TRACK
        } else {
            done / due
        };
        judged(r, None)
    } else {
        Assessment::new(TargetStatus::CannotJudge, Reason::NoStartYear)
    };
    if !meets(value) {
        a.gap = Some(exact(target - value));
    }
    if use_sum {
        a.latest = sum.as_ref().and_then(|s| s.parts.last().cloned());
        a.sum = sum;
    } else {
        a.latest = stated.cloned();
    }
    a
}

/// Whether `v` satisfies the target. 达到 (=) means at least the value when higher is
/// better and at most when lower is better.
fn meets(v: Decimal, target: Decimal, comparator: Comparator, direction: Direction) -> bool {
    match comparator {
        Comparator::AtLeast => v >= target,
        Comparator::MoreThan => v > target,
        Comparator::AtMost => v <= target,
        Comparator::LessThan => v < target,
        Comparator::Reach if direction == Direction::LowerIsBetter => v <= target,
        Comparator::Reach => v >= target,
    }
}

/// The compound annual growth from `from` to `to` over `years` (a fraction).
fn growth(from: f64, to: f64, years: u16) -> f64 {
    if years == 0 {
        return 0.0;
    }
    (to / from).powf(1.0 / f64::from(years)) - 1.0
}

/// The average annual growth that takes `v` (of `year`) to `target` by `t`.
fn rate(year: Year, v: Decimal, t: Year, target: Decimal) -> Option<f64> {
    let years = t.0.checked_sub(year.0).filter(|&y| y > 0)?;
    let (v, target) = (f(v), f(target));
    (v > 0.0 && target > 0.0).then(|| growth(v, target, years))
}

/// A number's written text as an exact decimal; None for words.
pub fn decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number { text, .. } => Decimal::from_str(text).ok(),
        Value::Text { .. } => None,
    }
}

/// An exact decimal as a value, written without trailing zeros.
pub fn exact(d: Decimal) -> Value {
    let d = d.normalize();
    let text = d.to_string();
    let number = text.parse().unwrap_or(0.0);
    Value::Number { text, number }
}

fn f(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

#[cfg(test)]
mod tests;
