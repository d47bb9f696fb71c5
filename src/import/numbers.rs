//! Numbers as official documents write them: Chinese numerals (二十三), full-width
//! digits, dates (2025年6月23日), years in a table header (2025年, 规划目标 2015年)
//! and the values of table cells with the words or signs that bound them (6000以上,
//! ≥6000, 不低于90%).

use crate::model::date::Date;
use crate::model::quantity::Comparator;

/// The value of a Chinese numeral up to 999: 一, 十, 十二, 二十三, 一百零五.
pub fn chinese_numeral(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total = 0;
    let mut pending: Option<u32> = None;
    for c in s.chars() {
        match c {
            '百' => {
                total += pending.take().unwrap_or(1) * 100;
            }
            '十' => {
                total += pending.take().unwrap_or(1) * 10;
            }
            c => {
                let d = digit(c)?;
                if pending.is_some() && d != 0 {
                    return None;
                }
                if d != 0 {
                    pending = Some(d);
                }
            }
        }
    }
    let n = total + pending.unwrap_or(0);
    (n > 0).then_some(n)
}

/// Full-width digits (２０２５) as ASCII.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Leading ASCII digits of `s` and the rest.
pub fn leading_number(s: &str) -> Option<(u32, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(s.len(), |(i, _)| i);
    if end == 0 || end > 6 {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

/// `2025年6月23日` (the whole string, spaces allowed around it) as `2025-06-23`, when
/// the day exists.
pub fn chinese_date(s: &str) -> Option<String> {
    let s = ascii_digits(super::text::trim(s));
    let (year, rest) = leading_number(&s)?;
    let rest = rest.strip_prefix('年')?;
    let (month, rest) = leading_number(rest)?;
    let rest = rest.strip_prefix('月')?;
    let (day, rest) = leading_number(rest)?;
    if rest != "日" {
        return None;
    }
    let iso = format!("{year:04}-{month:02}-{day:02}");
    Date::parse(&iso).ok().map(|_| iso)
}

/// The year a header names anywhere in it (`规划目标 2015年`, `2015年`), when it names
/// exactly one: a header with a range (`2016—2020年年均增长`) is not one year's column.
pub fn year_in_header(s: &str) -> Option<u16> {
    let years = years_in(s);
    match years.as_slice() {
        [y] => Some(*y),
        _ => None,
    }
}

/// Every four-digit year (1949–2100) standing on its own in `s`, in order.
pub fn years_in(s: &str) -> Vec<u16> {
    let s = ascii_digits(s);
    let mut out = Vec::new();
    let mut run = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
            continue;
        }
        // A year is followed by 年, a dash, a space or the end; `2015.5` is a number.
        let standalone = c != '.' && run.len() == 4;
        if let Some(y) = run
            .parse::<u16>()
            .ok()
            .filter(|y| standalone && (1949..=2100).contains(y))
        {
            out.push(y);
        }
        run.clear();
    }
    out
}

/// A cell's value read as a comparator and a number: `≥6000`, `6000以上`, `不低于90%`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellValue {
    /// The number exactly as written, without its `%`.
    pub number: String,
    /// The cell wrote a `%` (or `％`) after the number.
    pub percent: bool,
    pub comparator: Comparator,
    /// The words or sign that gave the comparator, `None` for a plain number.
    pub marker: Option<&'static str>,
}

/// Words and signs before a number. Longer spellings come before their prefixes
/// (`>=` before `>`, `不高于` before `高于`) so the longest match wins.
const BEFORE: &[(&str, Comparator)] = &[
    (">=", Comparator::AtLeast),
    ("≥", Comparator::AtLeast),
    ("≧", Comparator::AtLeast),
    ("＞＝", Comparator::AtLeast),
    ("<=", Comparator::AtMost),
    ("≤", Comparator::AtMost),
    ("≦", Comparator::AtMost),
    ("＜＝", Comparator::AtMost),
    (">", Comparator::MoreThan),
    ("＞", Comparator::MoreThan),
    ("<", Comparator::LessThan),
    ("＜", Comparator::LessThan),
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("超过", Comparator::MoreThan),
    ("突破", Comparator::MoreThan),
    ("达到", Comparator::Reach),
    ("不高于", Comparator::AtMost),
    ("不超过", Comparator::AtMost),
    ("低于", Comparator::LessThan),
];

/// Words after a number. 以上, 以下 and 以内 include the number itself: Chinese law
/// fixes this reading for its own texts (民法典第一千二百五十九条: “民法所称的‘以上’、
/// ‘以下’、‘以内’、‘届满’，包括本数”), and 规划 tables follow the same usage, so
/// `5以下` is a ceiling the value may reach, ≤ 5, not < 5. Only 低于 excludes it.
const AFTER: &[(&str, Comparator)] = &[
    ("以上", Comparator::AtLeast),
    ("以下", Comparator::AtMost),
    ("以内", Comparator::AtMost),
];

/// Words that only introduce a bound given after the number (控制在5%以内).
const NEUTRAL_BEFORE: &[&str] = &["控制在", "保持在", "稳定在"];

/// Reads a cell as an optional bound, a number and an optional `%`. Anything else
/// (words, a range, `左右`, a bracketed cumulative value) is not a number: `None`.
pub fn cell_value(cell: &str) -> Option<CellValue> {
    let t = super::text::trim(cell);
    let mut marker = None;
    let mut before = None;
    let mut rest = t;
    if let Some((word, c)) = BEFORE.iter().find(|(w, _)| t.starts_with(w)) {
        rest = super::text::trim(&t[word.len()..]);
        before = Some(*c);
        marker = Some(*word);
    } else if let Some(word) = NEUTRAL_BEFORE.iter().find(|w| t.starts_with(*w)) {
        rest = &t[word.len()..];
    }
    let mut after = None;
    if let Some((word, c)) = AFTER.iter().find(|(w, _)| rest.ends_with(w)) {
        rest = super::text::trim(&rest[..rest.len() - word.len()]);
        after = Some(*c);
        marker = Some(*word);
    }
    let (number, percent) = match rest.strip_suffix(['%', '％']) {
        Some(n) => (super::text::trim(n), true),
        None => (rest, false),
    };
    if !is_number(number) {
        return None;
    }
    let comparator = match (before, after) {
        (Some(_), Some(_)) => return None,
        (Some(c), None) | (None, Some(c)) => c,
        // 控制在5 without a bound after it says nothing about the direction.
        (None, None) if rest.len() != t.len() => return None,
        (None, None) => Comparator::Reach,
    };
    Some(CellValue {
        number: number.to_string(),
        percent,
        comparator,
        marker,
    })
}

/// Digits with at most one decimal point inside and an optional minus sign, as
/// `Value::parse_number` accepts them.
fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_numeral("一"), Some(1));
        assert_eq!(chinese_numeral("十"), Some(10));
        assert_eq!(chinese_numeral("十二"), Some(12));
        assert_eq!(chinese_numeral("二十"), Some(20));
        assert_eq!(chinese_numeral("二十三"), Some(23));
        assert_eq!(chinese_numeral("一百零五"), Some(105));
        assert_eq!(chinese_numeral("三四"), None);
        assert_eq!(chinese_numeral("知"), None);
        assert_eq!(chinese_numeral(""), None);
        assert_eq!(chinese_numeral("零"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(chinese_date("2025年6月23日").as_deref(), Some("2025-06-23"));
        assert_eq!(
            chinese_date(" 2024年2月22日\u{3000}\u{3000}").as_deref(),
            Some("2024-02-22")
        );
        assert_eq!(
            chinese_date("２０２５年１月５日").as_deref(),
            Some("2025-01-05")
        );
        assert_eq!(chinese_date("2025年2月30日"), None);
        assert_eq!(chinese_date("2025年6月23日印发"), None);
        assert_eq!(chinese_date("到2025年"), None);
    }

    #[test]
    fn header_years() {
        assert_eq!(year_in_header("2025"), Some(2025));
        assert_eq!(year_in_header("2020年"), Some(2020));
        assert_eq!(year_in_header("2026年度计划目标"), Some(2026));
        assert_eq!(year_in_header("序号"), None);
        assert_eq!(year_in_header("20250"), None);
        assert_eq!(year_in_header("1.85"), None);
    }

    #[test]
    fn years_anywhere_in_a_header() {
        assert_eq!(year_in_header("规划目标 2015年"), Some(2015));
        assert_eq!(year_in_header("2020年"), Some(2020));
        assert_eq!(year_in_header("年均增长（%）"), None);
        assert_eq!(year_in_header("2016—2020年年均增长"), None);
        assert_eq!(years_in("2016—2020年年均增长"), [2016, 2020]);
        assert_eq!(year_in_header("12015"), None);
    }

    #[test]
    fn cells_with_bounds() {
        let read = |s: &str| cell_value(s).map(|v| (v.comparator.symbol(), v.number, v.percent));
        let some = |c: &'static str, n: &str, p: bool| Some((c, n.to_string(), p));
        assert_eq!(read(">3500"), some(">", "3500", false));
        assert_eq!(read("≥6000"), some("≥", "6000", false));
        assert_eq!(read(">=6000"), some("≥", "6000", false));
        assert_eq!(read("6000以上"), some("≥", "6000", false));
        assert_eq!(read("不低于90%"), some("≥", "90", true));
        assert_eq!(read("不少于 12"), some("≥", "12", false));
        assert_eq!(read("超过1.50"), some(">", "1.50", false));
        assert_eq!(read("突破500"), some(">", "500", false));
        assert_eq!(read("达到85％"), some("=", "85", true));
        assert_eq!(read("41.3"), some("=", "41.3", false));
        assert_eq!(read("<2"), some("<", "2", false));
        assert_eq!(read("≤2"), some("≤", "2", false));
        assert_eq!(read("<=2"), some("≤", "2", false));
        assert_eq!(read("不高于15"), some("≤", "15", false));
        assert_eq!(read("不超过15"), some("≤", "15", false));
        assert_eq!(read("5%以内"), some("≤", "5", true));
        assert_eq!(read("控制在5%以内"), some("≤", "5", true));
        assert_eq!(read("3以下"), some("≤", "3", false));
        assert_eq!(read("低于3"), some("<", "3", false));
        assert_eq!(read("-0.5"), some("=", "-0.5", false));
        for text in [
            "居前列",
            "5左右",
            "〔5〕",
            "控制在5",
            "≥5以上",
            "1-2",
            "",
            "%",
            "以上",
        ] {
            assert_eq!(cell_value(text), None, "{text}");
        }
        assert_eq!(cell_value("6000以上").and_then(|v| v.marker), Some("以上"));
        assert_eq!(cell_value("6000").and_then(|v| v.marker), None);
    }
}
