//! What a number in a plan means: its value as written, its unit, its comparator
//! (≥ 18.5), its measure (a stock, a cumulative sum, a yearly amount, a growth rate…).

use std::fmt;

use serde::Serialize;

use crate::vocabulary::units::{SPELLINGS, UNITS};
pub use crate::vocabulary::units::{known_units, unit_spellings};
pub use crate::vocabulary::{Attribute, Comparator, Measure, ObservationKind};

/// A value as the plan writes it. Numbers keep their written form (`1.80` stays
/// `1.80`) next to the parsed number used for comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    Number { text: String, number: f64 },
    Text { text: String },
}

impl Value {
    /// Parses a number written the way plans write them: digits, one decimal point,
    /// an optional minus sign. Thousands separators are not accepted, because a
    /// disclosure must not guess whether `1,200` is a list or a number.
    pub fn parse_number(s: &str) -> Option<Value> {
        let t = s.trim();
        let digits = t.strip_prefix('-').unwrap_or(t);
        let valid = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && digits.bytes().filter(|&b| b == b'.').count() <= 1
            && !digits.starts_with('.')
            && !digits.ends_with('.');
        if !valid {
            return None;
        }
        let number: f64 = t.parse().ok()?;
        number.is_finite().then(|| Value::Number {
            text: t.to_string(),
            number,
        })
    }

    pub fn text(&self) -> &str {
        match self {
            Value::Number { text, .. } | Value::Text { text } => text,
        }
    }

    /// The value × 10^exponent, written exactly: the decimal point moves, nothing is
    /// rounded (`1.8` at 4 is `18000`; `5000` at -4 is `0.5`). Text stays text.
    pub fn rescaled(&self, exponent: i32) -> Value {
        match self {
            Value::Text { .. } => self.clone(),
            Value::Number { .. } if exponent == 0 => self.clone(),
            Value::Number { text, number } => {
                let text = shift_decimal(text, exponent);
                let number = text.parse().unwrap_or(*number * 10f64.powi(exponent));
                Value::Number { text, number }
            }
        }
    }

    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number { number, .. } => Some(*number),
            Value::Text { .. } => None,
        }
    }
}

/// Moves the decimal point of a plain decimal numeral by `exponent` places.
fn shift_decimal(text: &str, exponent: i32) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all: String = format!("{int}{frac}");
    // Position of the decimal point within `all`, after the shift.
    let point = int.len() as i64 + i64::from(exponent);
    let (int, frac) = if point <= 0 {
        let zeros = "0".repeat(point.unsigned_abs() as usize);
        ("0".to_string(), format!("{zeros}{all}"))
    } else if point as usize >= all.len() {
        let zeros = "0".repeat(point as usize - all.len());
        (format!("{all}{zeros}"), String::new())
    } else {
        let (i, f) = all.split_at(point as usize);
        (i.to_string(), f.to_string())
    };
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    let body = if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    };
    if body == "0" {
        body
    } else {
        format!("{sign}{body}")
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

/// A unit as the plan writes it, with the base unit it converts to and the power of
/// ten between them. 1.8 万件 is 18,000 件; 6 亿元 is 60,000 万元. Every scale is a
/// power of ten, so a conversion only moves the decimal point and stays exact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    pub written: String,
    pub base: String,
    /// The value in `base` is the written value × 10^exponent.
    pub exponent: i32,
}

impl Unit {
    pub fn parse(written: &str) -> Option<Unit> {
        let w = written.trim();
        let w = SPELLINGS
            .iter()
            .find(|(s, _)| *s == w)
            .map_or(w, |(_, unit)| unit);
        UNITS
            .iter()
            .find(|(name, _, _)| *name == w)
            .map(|(name, base, exponent)| Unit {
                written: (*name).to_string(),
                base: (*base).to_string(),
                exponent: *exponent,
            })
    }

    /// The power of ten that turns a value in `self` into a value in `other`, when
    /// both measure the same thing (万件 → 件 is 4; 万元 → 亿元 is -4).
    pub fn exponent_to(&self, other: &Unit) -> Option<i32> {
        (self.base == other.base).then(|| self.exponent - other.exponent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_written_form() {
        let v = Value::parse_number("1.80").unwrap();
        assert_eq!(v.text(), "1.80");
        assert_eq!(v.number(), Some(1.8));
        assert!(Value::parse_number("1,200").is_none());
        assert!(Value::parse_number("居渝西前列").is_none());
        assert!(Value::parse_number("1.").is_none());
        assert!(Value::parse_number("").is_none());
        assert_eq!(
            Value::parse_number("-3").and_then(|v| v.number()),
            Some(-3.0)
        );
    }

    #[test]
    fn rescaling_moves_the_decimal_point_exactly() {
        let n = |s: &str| Value::parse_number(s).unwrap();
        assert_eq!(n("1.8").rescaled(4).text(), "18000");
        assert_eq!(n("1.9").rescaled(4).number(), Some(19000.0));
        assert_eq!(n("5000").rescaled(-4).text(), "0.5");
        assert_eq!(n("7000").rescaled(-4).text(), "0.7");
        assert_eq!(n("1.5").rescaled(4).text(), "15000");
        assert_eq!(n("0.05").rescaled(-4).text(), "0.000005");
        assert_eq!(n("4.5").rescaled(0).text(), "4.5");
        assert_eq!(n("1.80").rescaled(0).text(), "1.80");
        assert_eq!(n("1.80").rescaled(2).text(), "180");
        assert_eq!(n("-2.5").rescaled(1).text(), "-25");
        assert_eq!(n("0").rescaled(8).text(), "0");
        assert_eq!(n("30000").rescaled(-4).text(), "3");
        // 0.1 + 0.2 style float noise never appears: the text is shifted, not multiplied.
        assert_eq!(n("0.3").rescaled(8).text(), "30000000");
        let t = Value::Text {
            text: "居渝西前列".into(),
        };
        assert_eq!(t.rescaled(4), t);
    }

    #[test]
    fn units_convert_within_their_base_only() {
        let wan = Unit::parse("万件").unwrap();
        let jian = Unit::parse("件").unwrap();
        assert_eq!(wan.exponent_to(&jian), Some(4));
        assert_eq!(jian.exponent_to(&wan), Some(-4));
        let yi = Unit::parse("亿元").unwrap();
        let wanyuan = Unit::parse("万元").unwrap();
        assert_eq!(yi.exponent_to(&wanyuan), Some(4));
        assert_eq!(yi.exponent_to(&jian), None);
        let ren = Unit::parse("名").unwrap();
        assert_eq!(Unit::parse("万人").unwrap().exponent_to(&ren), Some(4));
        let points = Unit::parse("个百分点").unwrap();
        assert_eq!(Unit::parse("%").unwrap().exponent_to(&points), None);
        assert!(Unit::parse("斤").is_none());
        assert_eq!(Unit::parse("％").unwrap().written, "%");
    }
}
