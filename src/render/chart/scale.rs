//! From years and values to user units: the x scale (one even step per year), the
//! "nice" y ticks and their labels (shortened with 万 and 亿 where room is short), and
//! which years get a label.

use super::svg::{label_every, r1, text_width};
use super::view::{Plot, XTick};

/// Year and value to user units.
pub struct Scale {
    pub plot: Plot,
    /// Keeps the first and last years' markers and labels off the plot's edges.
    pub x_pad: f64,
    pub min_year: u16,
    pub max_year: u16,
    pub lo: f64,
    pub hi: f64,
}

impl Scale {
    pub fn x(&self, year: u16) -> f64 {
        let (left, right) = (self.plot.left + self.x_pad, self.plot.right - self.x_pad);
        if self.max_year == self.min_year {
            return r1((left + right) / 2.0);
        }
        let t = f64::from(year - self.min_year) / f64::from(self.max_year - self.min_year);
        r1(left + t * (right - left))
    }

    pub fn y(&self, value: f64) -> f64 {
        let t = (value - self.lo) / (self.hi - self.lo);
        r1(self.plot.bottom - t * (self.plot.bottom - self.plot.top))
    }
}

/// The label of a year on the x axis.
pub fn year_label(year: u16) -> String {
    format!("{year}年")
}

/// One tick per year; labels only every 1, 2, 5, 10 … years, so that labels `font`
/// high do not collide.
pub fn x_ticks(scale: &Scale, font: f64) -> Vec<XTick> {
    let span = f64::from(scale.max_year - scale.min_year);
    let per_year = (scale.plot.right - scale.plot.left - 2.0 * scale.x_pad) / span.max(1.0);
    let every = label_every(per_year, text_width(&year_label(2020), font) + 8.0);
    (scale.min_year..=scale.max_year)
        .map(|year| XTick {
            year,
            x: scale.x(year),
            label: (year.is_multiple_of(every) || every == 1).then(|| year_label(year)),
        })
        .collect()
}

/// Evenly spaced round values covering a range.
#[derive(Debug)]
pub struct Ticks {
    pub values: Vec<f64>,
    /// Decimals the step needs, so labels print without float noise.
    pub decimals: usize,
}

impl Ticks {
    pub fn lo(&self) -> f64 {
        self.values.first().copied().unwrap_or(0.0)
    }

    pub fn hi(&self) -> f64 {
        self.values.last().copied().unwrap_or(1.0)
    }

    /// The labels: as written (`25000`), or with `short` from 10,000 up in 万 or 亿
    /// (`2.5万`), which a narrow drawing has room for.
    pub fn labels(&self, short: bool) -> Vec<String> {
        let top = self.values.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        let (divisor, suffix) = match top {
            t if short && t >= 1e8 => (1e8, "亿"),
            t if short && t >= 1e4 => (1e4, "万"),
            _ => {
                return self
                    .values
                    .iter()
                    .map(|v| tick_label(*v, self.decimals))
                    .collect();
            }
        };
        self.values
            .iter()
            .map(|v| {
                let scaled = tick_label(v / divisor, self.decimals + 8);
                let trimmed = scaled.trim_end_matches('0').trim_end_matches('.');
                if trimmed == "0" || trimmed == "-0" {
                    "0".to_string()
                } else {
                    format!("{trimmed}{suffix}")
                }
            })
            .collect()
    }
}

/// 4 to 6 ticks with a step of 1, 2, 2.5 or 5 × 10^k, from a multiple of the step at
/// or below `lo` to one at or above `hi`: the smallest such step that needs at most 6.
pub fn nice_ticks(lo: f64, hi: f64) -> Ticks {
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
pub fn tick_label(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    // -0.0 after rounding is 0.
    if s.starts_with('-') && s.bytes().all(|b| matches!(b, b'-' | b'0' | b'.')) {
        s[1..].to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(lo: f64, hi: f64) -> Vec<String> {
        nice_ticks(lo, hi).labels(false)
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
    fn short_labels_count_in_wan_and_yi() {
        let short = |lo: f64, hi: f64| nice_ticks(lo, hi).labels(true);
        assert_eq!(short(0.0, 30000.0), ["0", "1万", "2万", "3万"]);
        assert_eq!(
            short(0.0, 25000.0),
            ["0", "0.5万", "1万", "1.5万", "2万", "2.5万"]
        );
        assert_eq!(short(-20000.0, 10000.0)[0], "-2万");
        assert_eq!(short(0.0, 3e8), ["0", "1亿", "2亿", "3亿"]);
        // Below 10,000 they are as written.
        assert_eq!(short(0.0, 2100.0), labels(0.0, 2100.0));
        assert_eq!(short(0.0, 0.8), labels(0.0, 0.8));
    }
}
