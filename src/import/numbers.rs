//! Numbers as official documents write them: Chinese numerals (二十三), full-width
//! digits, dates (2025年6月23日) and years at the start of a table header (2025年).

use crate::model::date::Date;

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

/// The year a table header starts with: `2025`, `2025年`, `2025年度计划目标`.
pub fn header_year(s: &str) -> Option<u16> {
    let s = ascii_digits(super::text::trim(s));
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() != 4 {
        return None;
    }
    let year: u16 = digits.parse().ok()?;
    (1949..=2100).contains(&year).then_some(year)
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
        assert_eq!(header_year("2025"), Some(2025));
        assert_eq!(header_year("2020年"), Some(2020));
        assert_eq!(header_year("2026年度计划目标"), Some(2026));
        assert_eq!(header_year("序号"), None);
        assert_eq!(header_year("20250"), None);
        assert_eq!(header_year("1.85"), None);
    }
}
