//! The growth a plan implies: from a value it reports (a baseline or an actual) to a
//! target it sets, the average annual rate needed, compounded.

use super::date::Year;

/// A value at a year, in one unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearValue {
    pub year: Year,
    pub value: f64,
}

/// The compound annual growth rate that takes `from` to `to`:
/// (to / from)^(1 / years) − 1, as a fraction (0.05 is 5 %).
///
/// None when it has no meaning: the target is not after the start, or the start value
/// is not positive (no rate takes 0 to anything), or the target is negative.
pub fn compound_annual_rate(from: YearValue, to: YearValue) -> Option<f64> {
    let years = i32::from(to.year.0) - i32::from(from.year.0);
    if years <= 0 || from.value <= 0.0 || to.value < 0.0 {
        return None;
    }
    let rate = (to.value / from.value).powf(1.0 / f64::from(years)) - 1.0;
    rate.is_finite().then_some(rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: u16, value: f64) -> YearValue {
        YearValue {
            year: Year(year),
            value,
        }
    }

    #[test]
    fn compounds_over_the_years_between() {
        // Wanzhou: 1.85 in 2020 to 4 in 2025 needs 16.67 % a year.
        let r = compound_annual_rate(at(2020, 1.85), at(2025, 4.0)).unwrap();
        assert!((r - 0.166_72).abs() < 1e-4, "{r}");
        // One year: the plain ratio.
        let r = compound_annual_rate(at(2024, 44.42), at(2025, 46.0)).unwrap();
        assert!((r - (46.0 / 44.42 - 1.0)).abs() < 1e-12);
        // Doubling in two years is √2 − 1 a year, not 50 %.
        let r = compound_annual_rate(at(2020, 100.0), at(2022, 200.0)).unwrap();
        assert!((r - (2f64.sqrt() - 1.0)).abs() < 1e-12);
        // A fall is a negative rate.
        let r = compound_annual_rate(at(2020, 100.0), at(2021, 90.0)).unwrap();
        assert!((r + 0.1).abs() < 1e-12);
    }

    #[test]
    fn no_rate_without_meaning() {
        assert_eq!(compound_annual_rate(at(2025, 4.0), at(2025, 5.0)), None);
        assert_eq!(compound_annual_rate(at(2026, 4.0), at(2025, 5.0)), None);
        assert_eq!(compound_annual_rate(at(2020, 0.0), at(2025, 5.0)), None);
        assert_eq!(compound_annual_rate(at(2020, -1.0), at(2025, 5.0)), None);
        assert_eq!(compound_annual_rate(at(2020, 1.0), at(2025, -5.0)), None);
    }
}
