//! The formula defence of the CSV files. A spreadsheet program that opens a CSV file
//! reads a cell that starts with `=`, `+`, `-` or `@` (and, in some programs, a tab or
//! a carriage return) as a formula, so a text value such as `=HYPERLINK(…)` would run
//! as one. Such a text cell is written with a single quote `'` before it, as the
//! common advice on CSV injection recommends; the quote makes the program show the
//! cell as text.
//!
//! Numbers are never touched: a cell that is a plain decimal numeral (an optional
//! minus sign, digits, at most one decimal point: what planpub reads as a number) is a
//! number to every spreadsheet and cannot be a formula, so `-5` and `-3.5` stay as they
//! are in every column. A cell that already starts with `'` gets one more, so that the
//! rule is reversible: a reader takes one `'` off any cell that starts with one and
//! has the text exactly as written (docs/open-data.md).
//!
//! Only the CSV files are escaped: the JSON files are not read by spreadsheets, and
//! the workbook stores text as text cells, which are never formulas.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula, and the
/// quote itself, which the escape adds.
const TRIGGERS: &[u8] = b"=+-@\t\r'";

/// `cell` as a text cell of a CSV file: with a `'` before it when a spreadsheet would
/// read it as a formula, or when it starts with `'` already.
pub fn defend(cell: &[u8]) -> Cow<'_, [u8]> {
    match cell.first() {
        Some(b) if TRIGGERS.contains(b) && !is_plain_number(cell) => {
            let mut out = Vec::with_capacity(cell.len() + 1);
            out.push(b'\'');
            out.extend_from_slice(cell);
            Cow::Owned(out)
        }
        _ => Cow::Borrowed(cell),
    }
}

/// The text of a defended cell as it was before [`defend`]: what a reader of the CSV
/// files does to get the written text back.
pub fn undefend(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// `-`, digits, one `.` between digits: the numbers plans write, which every
/// spreadsheet reads as that number.
fn is_plain_number(cell: &[u8]) -> bool {
    let digits = cell.strip_prefix(b"-").unwrap_or(cell);
    let mut parts = digits.splitn(2, |&b| b == b'.');
    let int = parts.next().unwrap_or_default();
    let frac = parts.next();
    let all_digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    all_digits(int) && frac.is_none_or(all_digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> String {
        String::from_utf8(defend(s.as_bytes()).into_owned()).unwrap()
    }

    #[test]
    fn cells_a_spreadsheet_reads_as_formulas_become_text() {
        assert_eq!(d("=1+1"), "'=1+1");
        assert_eq!(d("="), "'=");
        assert_eq!(d("+2"), "'+2");
        assert_eq!(d("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(d("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(d("\t=1"), "'\t=1");
        assert_eq!(d("\r=1"), "'\r=1");
        assert_eq!(d("-3.5%"), "'-3.5%");
        assert_eq!(d("-"), "'-");
        assert_eq!(d("-1."), "'-1.");
        assert_eq!(d("'quoted"), "''quoted");
    }

    #[test]
    fn numbers_and_ordinary_text_stay_as_written() {
        for s in [
            "-5",
            "-3.5",
            "0",
            "1.80",
            "12",
            "",
            "居渝西前列",
            "≥",
            ">",
            "<",
            "≤",
        ] {
            assert_eq!(d(s), s);
            assert!(matches!(defend(s.as_bytes()), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn undefend_gives_back_the_written_text() {
        for s in [
            "=1+1", "=", "+2", "-5", "'quoted", "''", "text", "-3.5%", "",
        ] {
            assert_eq!(undefend(&d(s)), s, "{s}");
        }
    }
}
