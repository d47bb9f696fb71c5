//! One target, one number: a plan that states two different values for the same
//! indicator, measure, year and kind of value (a target of 495 in the text and 499 in
//! the annex table) would publish both side by side, and a disclosure must never do
//! that. The same value stated twice (in the text and in an annex, or 1.8万件 and
//! 18000件) is fine.
//!
//! A target's bound is part of what it states: `≥ 3%` and `≤ 5%` for one year are a
//! band, not a conflict, so a lower bound is compared with lower bounds, an upper
//! bound with upper bounds and an exact target with exact targets. Only numbers are
//! compared: goals in words are left as the plan words them.

use std::collections::HashMap;

use super::LinkError;
use crate::diagnostic::Location;
use crate::model::date::Year;
use crate::model::quantity::{Comparator, Measure, ObservationKind, Value};
use crate::model::{IndicatorId, Plan};

/// Which side of a value a target sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Bound {
    Lower,
    Exact,
    Upper,
}

fn bound(c: Comparator) -> Bound {
    match c {
        Comparator::AtLeast | Comparator::MoreThan => Bound::Lower,
        Comparator::Reach => Bound::Exact,
        Comparator::AtMost | Comparator::LessThan => Bound::Upper,
    }
}

/// One value as the plan states it, and what it says once the unit is applied.
struct Stated<'a> {
    /// In the base unit (`1.8` 万件 is `18000`), so equal amounts in two units agree.
    value: Value,
    written: String,
    at: Option<&'a Location>,
}

impl Stated<'_> {
    /// Whether two statements of one bound disagree on the number. The words differ
    /// between a table and a sentence (达到 120 in the table, 超过120 in the text), so
    /// comparators of one bound are not compared; neither are qualitative goals, which
    /// two sentences may word differently and mean alike.
    fn contradicts(&self, other: &Stated<'_>) -> bool {
        match (self.value.number(), other.value.number()) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        }
    }
}

type Key<'a> = (
    &'a IndicatorId,
    Measure,
    ObservationKind,
    Year,
    Option<Bound>,
);

/// Reports every value of `plan` that contradicts one stated before it.
pub(super) fn check(plan: &Plan, errors: &mut Vec<LinkError>) {
    let mut first: HashMap<Key<'_>, Stated<'_>> = HashMap::new();
    for row in &plan.indicators {
        let unit = &row.unit.value;
        let stated = |kind, year, comparator: Option<Comparator>, value: &Value, at| {
            let key: Key<'_> = (
                &row.indicator.value,
                row.measure,
                kind,
                year,
                comparator.map(bound),
            );
            let sign = comparator.map_or("", Comparator::words);
            let s = Stated {
                value: value.rescaled(unit.exponent),
                written: format!("{sign}{}{}", value.text(), unit.written),
                at,
            };
            (key, s)
        };
        let values = row
            .baseline
            .iter()
            .map(|o| {
                (
                    ObservationKind::Baseline,
                    o.year,
                    None,
                    &o.value,
                    o.at.as_ref(),
                )
            })
            .chain(row.actuals.iter().map(|o| {
                (
                    ObservationKind::Actual,
                    o.year,
                    None,
                    &o.value,
                    o.at.as_ref(),
                )
            }))
            .chain(row.targets.iter().map(|t| {
                (
                    ObservationKind::Target,
                    t.year,
                    Some(t.comparator),
                    &t.value,
                    t.at.as_ref(),
                )
            }));
        for (kind, year, comparator, value, at) in values {
            let (key, s) = stated(kind, year, comparator, value, at);
            match first.get(&key) {
                None => {
                    first.insert(key, s);
                }
                Some(f) if !f.contradicts(&s) => {}
                Some(f) => {
                    if let Some(at) = s.at.or(Some(&row.indicator.at)) {
                        errors.push(LinkError::ConflictingValues {
                            at: at.clone(),
                            what: match kind {
                                ObservationKind::Baseline => "baselines",
                                ObservationKind::Actual => "actual values",
                                ObservationKind::Target => "targets",
                            },
                            indicator: row.indicator.value.to_string(),
                            year: year.0,
                            first: f.written.clone(),
                            second: s.written.clone(),
                            first_at: f
                                .at
                                .map_or_else(|| "an earlier row".into(), ToString::to_string),
                        });
                    }
                }
            }
        }
    }
}
