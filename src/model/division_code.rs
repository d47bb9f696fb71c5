//! 行政区划代码: a region's official administrative division code (GB/T 2260), six
//! digits, which lets the open data join other government datasets. Its shape follows
//! the level: a province or municipality is `XX0000`, a prefecture `XXXX00`, a
//! district or county has its own last two digits. Whether a code starts as its
//! parent's does is checked by the link stage, which knows the parent.

use serde::Serialize;

use super::Level;

/// A six-digit GB/T 2260 code, checked against the region's level.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct DivisionCode(String);

/// Why a written code is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// Not six ASCII digits.
    Shape,
    /// Six digits, but not the shape of a code of this level.
    Level,
}

impl DivisionCode {
    pub fn parse(written: &str, level: Level) -> Result<DivisionCode, Invalid> {
        let code = written.trim();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) || code == "000000" {
            return Err(Invalid::Shape);
        }
        let fits = match level {
            // The codes number the divisions below the country.
            Level::Country => false,
            Level::Province | Level::Municipality => code.ends_with("0000"),
            Level::Prefecture => code.ends_with("00") && !code.ends_with("0000"),
            Level::District | Level::County => !code.ends_with("00"),
        };
        if fits {
            Ok(DivisionCode(code.to_string()))
        } else {
            Err(Invalid::Level)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The digits a region under this one shares with it: two for a province or
    /// municipality, four for a prefecture, all six otherwise.
    pub fn prefix(&self) -> &str {
        let significant = if self.0.ends_with("0000") {
            2
        } else if self.0.ends_with("00") {
            4
        } else {
            6
        };
        &self.0[..significant]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chongqing_and_its_districts_have_codes_of_their_level() {
        let city = DivisionCode::parse("500000", Level::Municipality).unwrap();
        assert_eq!(city.prefix(), "50");
        let dazu = DivisionCode::parse(" 500111 ", Level::District).unwrap();
        assert_eq!(dazu.as_str(), "500111");
        assert!(dazu.as_str().starts_with(city.prefix()));
        let prefecture = DivisionCode::parse("510100", Level::Prefecture).unwrap();
        assert_eq!(prefecture.prefix(), "5101");
    }

    #[test]
    fn a_code_must_be_six_digits_of_its_level() {
        for bad in ["50011", "5001111", "50O111", "５００１１１", "000000", ""] {
            assert_eq!(
                DivisionCode::parse(bad, Level::District),
                Err(Invalid::Shape),
                "{bad}"
            );
        }
        assert_eq!(
            DivisionCode::parse("500100", Level::District),
            Err(Invalid::Level)
        );
        assert_eq!(
            DivisionCode::parse("500111", Level::Municipality),
            Err(Invalid::Level)
        );
        assert_eq!(
            DivisionCode::parse("500000", Level::Prefecture),
            Err(Invalid::Level)
        );
        assert_eq!(
            DivisionCode::parse("100000", Level::Country),
            Err(Invalid::Level)
        );
    }
}
