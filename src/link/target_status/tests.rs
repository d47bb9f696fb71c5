//! The rule on small made-up series: one test per status and per kind of target.

use super::*;
use crate::link::RowRef;
use crate::link::reported::Source;
use crate::model::date::Period;
use crate::model::{IndicatorIx, PlanIx, RegionIx};

const KEY: Key = Key {
    region: RegionIx::nth(0),
    indicator: IndicatorIx::nth(0),
    measure: Measure::Stock,
};

fn num(s: &str) -> Value {
    Value::parse_number(s).unwrap()
}

fn point(year: u16, v: &str) -> Point {
    Point {
        year: Year(year),
        value: num(v),
        original: num(v),
        original_unit: "件".into(),
        baseline: false,
        source: Source::Plan(RowRef {
            plan: PlanIx::nth(0),
            row: 0,
        }),
    }
}

fn reported(key: Key, points: Vec<Point>) -> Reported {
    let mut r = Reported::default();
    r.points.insert(key, points);
    r
}

fn target(year: u16, v: &str, comparator: Comparator) -> Target {
    Target {
        year: Year(year),
        value: num(v),
        comparator,
        at: None,
    }
}

struct Case {
    key: Key,
    direction: Direction,
    period: Option<Period>,
    as_of: u16,
}

impl Case {
    fn new(measure: Measure) -> Self {
        Case {
            key: Key { measure, ..KEY },
            direction: Direction::HigherIsBetter,
            period: Some(Period {
                start: Year(2021),
                end: Year(2025),
            }),
            as_of: 2024,
        }
    }

    fn assess(&self, r: &Reported, t: &Target) -> Assessment {
        assess(&Inputs {
            key: self.key,
            direction: self.direction,
            period: self.period,
            target: t,
            target_value: &t.value,
            as_of: Some(Year(self.as_of)),
            reported: r,
        })
    }
}

#[test]
fn the_value_of_the_target_year_decides() {
    let c = Case {
        as_of: 2026,
        ..Case::new(Measure::Stock)
    };
    let t = target(2025, "4", Comparator::Reach);
    let met = c.assess(
        &reported(KEY, vec![point(2020, "1.85"), point(2025, "4.1")]),
        &t,
    );
    assert_eq!(met.status, TargetStatus::Achieved);
    assert_eq!(met.reason, Reason::AtTargetYear);
    let missed = c.assess(
        &reported(KEY, vec![point(2020, "1.85"), point(2025, "3.9")]),
        &t,
    );
    assert_eq!(missed.status, TargetStatus::NotAchieved);
    assert_eq!(missed.gap.unwrap().text(), "0.1");
}

#[test]
fn a_passed_year_without_its_value_is_overdue() {
    let c = Case {
        as_of: 2026,
        ..Case::new(Measure::Stock)
    };
    let t = target(2025, "46", Comparator::Reach);
    let a = c.assess(&reported(KEY, vec![point(2024, "44.42")]), &t);
    assert_eq!(a.status, TargetStatus::Overdue);
    // The gap is exact, not 1.5799999999999983.
    assert_eq!(a.gap.unwrap().text(), "1.58");
    // In the target's own year it is not overdue yet.
    let c = Case {
        as_of: 2025,
        ..Case::new(Measure::Stock)
    };
    let a = c.assess(&reported(KEY, vec![point(2024, "44.42")]), &t);
    assert_eq!(a.status, TargetStatus::CannotJudge);
    assert_eq!(a.reason, Reason::OneValue(Year(2024)));
    assert!((a.required_rate.unwrap() - 0.035570).abs() < 1e-5);
}

#[test]
fn the_pace_sets_the_three_grades() {
    // 1.85 in 2020 to 4 in 2025 needs 16.675 % a year; the grades' boundaries in 2023
    // are 2.876 (R = 0.95) and 2.463 (R = 0.6).
    let c = Case::new(Measure::Stock);
    let t = target(2025, "4", Comparator::Reach);
    let grade = |v: &str| {
        c.assess(
            &reported(KEY, vec![point(2020, "1.85"), point(2023, v)]),
            &t,
        )
        .status
    };
    assert_eq!(grade("2.9"), TargetStatus::OnTrack);
    assert_eq!(grade("2.85"), TargetStatus::SlightlyBehind);
    assert_eq!(grade("2.47"), TargetStatus::SlightlyBehind);
    assert_eq!(grade("2.45"), TargetStatus::FarBehind);
    assert_eq!(grade("1.5"), TargetStatus::FarBehind);
    let a = c.assess(
        &reported(KEY, vec![point(2020, "1.85"), point(2023, "2.9")]),
        &t,
    );
    assert!((a.needed_rate.unwrap() - 0.166750).abs() < 1e-5);
    assert!(a.pace.unwrap() >= ON_TRACK);
}

#[test]
fn a_stock_already_at_its_target_is_achieved_early() {
    let c = Case::new(Measure::Stock);
    let t = target(2025, "4", Comparator::AtLeast);
    let a = c.assess(
        &reported(KEY, vec![point(2020, "1.85"), point(2023, "4")]),
        &t,
    );
    assert_eq!(a.status, TargetStatus::Achieved);
    assert_eq!(a.reason, Reason::Early(Year(2023)));
    // A yearly amount is not: the target needs its own year's amount.
    let c = Case::new(Measure::Annual);
    let key = c.key;
    let a = c.assess(&reported(key, vec![point(2021, "3"), point(2023, "5")]), &t);
    assert_ne!(a.status, TargetStatus::Achieved);
}

#[test]
fn lower_is_better_turns_the_direction() {
    let c = Case {
        direction: Direction::LowerIsBetter,
        ..Case::new(Measure::Stock)
    };
    let t = target(2025, "50", Comparator::Reach);
    let falling = c.assess(
        &reported(KEY, vec![point(2020, "100"), point(2023, "60")]),
        &t,
    );
    assert_eq!(falling.status, TargetStatus::OnTrack);
    let rising = c.assess(
        &reported(KEY, vec![point(2020, "100"), point(2023, "110")]),
        &t,
    );
    assert_eq!(rising.status, TargetStatus::FarBehind);
    // 达到 means at most the target when lower is better.
    let c = Case { as_of: 2026, ..c };
    let met = c.assess(
        &reported(KEY, vec![point(2020, "100"), point(2025, "45")]),
        &t,
    );
    assert_eq!(met.status, TargetStatus::Achieved);
}

#[test]
fn a_growth_rate_is_compared_as_it_is() {
    let c = Case::new(Measure::GrowthRate);
    let key = c.key;
    let t = target(2025, "10", Comparator::AtLeast);
    let a = c.assess(&reported(key, vec![point(2023, "9.6")]), &t);
    assert_eq!(a.status, TargetStatus::OnTrack);
    let a = c.assess(&reported(key, vec![point(2023, "5")]), &t);
    assert_eq!(a.status, TargetStatus::FarBehind);
}

#[test]
fn a_cumulative_target_sums_complete_years_only() {
    let c = Case::new(Measure::Cumulative);
    let annual = Key {
        measure: Measure::Annual,
        ..c.key
    };
    let t = target(2025, "500", Comparator::AtLeast);
    // 2021–2023: 100 + 110 + 95 = 305 against 3/5 of 500 = 300.
    let complete = reported(
        annual,
        vec![point(2021, "100"), point(2022, "110"), point(2023, "95")],
    );
    let a = c.assess(&complete, &t);
    assert_eq!(a.status, TargetStatus::OnTrack);
    let sum = a.sum.unwrap();
    assert_eq!(
        (sum.from, sum.to, sum.total.text()),
        (Year(2021), Year(2023), "305")
    );
    assert_eq!(a.gap.unwrap().text(), "195");
    let gappy = reported(annual, vec![point(2021, "100"), point(2023, "95")]);
    let a = c.assess(&gappy, &t);
    assert_eq!(a.status, TargetStatus::CannotJudge);
    assert_eq!(a.reason, Reason::MissingYears(vec![Year(2022)]));
    // Without a period there is no first year to sum from.
    let c = Case { period: None, ..c };
    assert_eq!(c.assess(&complete, &t).reason, Reason::NoStartYear);
}

#[test]
fn a_qualitative_target_cannot_be_judged() {
    let c = Case::new(Measure::Qualitative);
    let t = Target {
        year: Year(2025),
        value: Value::Text {
            text: "倍增".into(),
        },
        comparator: Comparator::Reach,
        at: None,
    };
    let a = c.assess(&Reported::default(), &t);
    assert_eq!(a.status, TargetStatus::CannotJudge);
    assert_eq!(a.reason, Reason::Qualitative);
    let c = Case { as_of: 2026, ..c };
    assert_eq!(
        c.assess(&Reported::default(), &t).status,
        TargetStatus::Overdue
    );
}

#[test]
fn values_before_the_plan_and_after_as_of_are_not_used() {
    let c = Case {
        as_of: 2023,
        ..Case::new(Measure::Stock)
    };
    let t = target(2025, "4", Comparator::Reach);
    // 2015 is before the period's base year 2020; 2024 is after as_of.
    let r = reported(
        KEY,
        vec![point(2015, "1"), point(2020, "1.85"), point(2024, "4")],
    );
    let a = c.assess(&r, &t);
    assert_eq!(a.status, TargetStatus::CannotJudge);
    assert_eq!(a.reason, Reason::OneValue(Year(2020)));
}
