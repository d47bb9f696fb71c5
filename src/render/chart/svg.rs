//! What the build-time drawings (the indicator charts here and the plans timeline in
//! `render::timeline`) share: coordinates rounded so output is byte-stable, a rough
//! measure of text, line breaking for labels, and the arithmetic that keeps a
//! drawing's text legible on a phone.
//!
//! Both drawings come in two variants, one laid out for a desktop column and one for
//! a phone, and chart.css shows one of them. An SVG scales with the width it is shown
//! at, so a font of `f` user units in a drawing `w` units wide, shown `c` CSS px wide,
//! is `f × c / w` CSS px ([`css_px`]). The narrow variants are sized so that this is
//! at least [`MIN_TEXT_PX`] in the narrowest column a phone gives them
//! ([`NARROWEST_COLUMN`]).

/// The narrowest column a drawing is shown in, in CSS px: a 320 px screen less the
/// page's side padding (`.wrap` in style.css, 1rem each side), which 大字模式 makes
/// 20 px (its root font is 125 %): 320 − 2 × 20 = 280. (Without 大字模式 it is 288.)
pub const NARROWEST_COLUMN: f64 = 280.0;

/// The smallest text a drawing may show on a phone, in CSS px.
pub const MIN_TEXT_PX: f64 = 12.0;

/// The size in CSS px of text `font` user units high in a drawing `view_width` units
/// wide that is shown `shown_width` CSS px wide.
pub const fn css_px(font: f64, view_width: f64, shown_width: f64) -> f64 {
    font * shown_width / view_width
}

/// Rounds to 0.1 so coordinates print the same on every machine.
pub fn r1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0 + 0.0
}

/// A coordinate for a path: 0.1 precision, no trailing `.0`.
pub fn num(v: f64) -> String {
    format!("{}", r1(v))
}

/// Rough width of a line of text: CJK and full-width characters are 1 em, the rest
/// about 0.6 em (a little more than most fonts' digits, so labels get room to spare).
/// Used only to leave room for labels.
pub fn text_width(s: &str, font: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * font
}

fn char_em(c: char) -> f64 {
    // General punctuation (— … “ ”) is drawn full width by CJK fonts.
    if c >= '\u{2E80}' || ('\u{2010}'..='\u{2027}').contains(&c) {
        1.0
    } else {
        0.6
    }
}

/// The smallest of 1, 2, 5, 10 … years between labels that gives each label `room`
/// when a year is `per_year` wide.
pub fn label_every(per_year: f64, room: f64) -> u16 {
    let steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
    steps
        .into_iter()
        .find(|&step| per_year * f64::from(step) >= room)
        .unwrap_or(1000)
}

pub fn widest<'a>(texts: impl Iterator<Item = &'a str>, font: f64) -> f64 {
    texts.map(|t| text_width(t, font)).fold(0.0, f64::max)
}

/// A label broken into lines.
#[derive(Debug, PartialEq)]
pub struct Wrapped {
    pub lines: Vec<String>,
    /// The text did not fit in the lines allowed: the last line ends in `…`, and the
    /// drawing must give the whole text elsewhere (a `<title>`).
    pub shortened: bool,
}

/// Breaks `text` into at most `max_lines` lines no wider than `max_width`. Lines break
/// between Chinese characters and after spaces, but not inside a number or a Latin
/// word, not before closing punctuation and not after an opening bracket; a break
/// before `（` or after `· ` is preferred when it leaves the line at least half full.
pub fn wrap(text: &str, font: f64, max_width: f64, max_lines: usize) -> Wrapped {
    let units = units(text);
    let mut lines: Vec<String> = Vec::new();
    let mut start = 0;
    while start < units.len() {
        let last = lines.len() + 1 >= max_lines.max(1);
        let end = if last || fits(&units[start..], font, max_width) {
            units.len()
        } else {
            line_end(&units, start, font, max_width)
        };
        let line = units[start..end].concat().trim().to_string();
        if text_width(&line, font) > max_width {
            // The last line allowed, or one piece too wide for any line.
            lines.push(shorten(&line, font, max_width));
            return Wrapped {
                lines,
                shortened: true,
            };
        }
        lines.push(line);
        start = end;
    }
    Wrapped {
        lines,
        shortened: false,
    }
}

fn fits(units: &[&str], font: f64, max_width: f64) -> bool {
    text_width(units.concat().trim(), font) <= max_width
}

/// Where the line starting at unit `start` ends (exclusive): the last allowed break
/// that fits, a preferred one if it leaves the line half full, and at least one unit.
fn line_end(units: &[&str], start: usize, font: f64, max_width: f64) -> usize {
    let mut width = 0.0;
    let mut best = None;
    let mut preferred = None;
    for i in start..units.len() {
        width += text_width(units[i], font);
        if width > max_width {
            break;
        }
        let next = i + 1;
        if next < units.len() && may_break(units[i], units[next]) {
            best = Some(next);
            let nice = units[next] == "（" || (units[i] == " " && i > 0 && units[i - 1] == "·");
            if nice && width >= max_width / 2.0 {
                preferred = Some(next);
            }
        }
    }
    preferred.or(best).unwrap_or(start + 1)
}

fn may_break(before: &str, after: &str) -> bool {
    const NO_START: &str = "）》」』”’，。、：；！？…·";
    const NO_END: &str = "（《「『“‘";
    let opens = before.chars().last().is_some_and(|c| NO_END.contains(c));
    let closes = after
        .chars()
        .next()
        .is_some_and(|c| NO_START.contains(c) || c == ' ');
    !opens && !closes
}

/// The text as pieces a line may not break inside: runs of Latin letters and digits
/// (with `.`, `-` and `%`, as in `2.5%` or `2024-2026`, and a year's `年` after its
/// digits), else single characters.
fn units(text: &str) -> Vec<&str> {
    let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '%');
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        if word(c) {
            while let Some(&(j, d)) = chars.peek() {
                if !word(d) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            if let Some(&(j, '年')) = chars.peek() {
                end = j + '年'.len_utf8();
                chars.next();
            }
        }
        out.push(&text[i..end]);
    }
    out
}

/// As much of `text` as fits in `max_width` with `…` after it.
fn shorten(text: &str, font: f64, max_width: f64) -> String {
    let room = max_width - text_width("…", font);
    let mut out = String::new();
    let mut width = 0.0;
    for c in text.chars() {
        width += char_em(c) * font;
        if width > room {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_chinese_as_one_em() {
        assert_eq!(text_width("单位：件", 13.0), 52.0);
        assert!((text_width("2020年", 10.0) - 34.0).abs() < 1e-9);
        assert_eq!(text_width("—", 10.0), 10.0);
        assert_eq!(widest(["a", "万州区", "2020"].into_iter(), 10.0), 30.0);
    }

    #[test]
    fn css_px_scales_with_the_width_shown() {
        assert_eq!(css_px(12.0, 640.0, 640.0), 12.0);
        assert_eq!(css_px(12.0, 640.0, 320.0), 6.0);
        assert!(css_px(13.0, 300.0, NARROWEST_COLUMN) >= MIN_TEXT_PX);
    }

    #[test]
    fn years_are_labelled_as_often_as_they_fit() {
        assert_eq!(label_every(60.0, 50.0), 1);
        assert_eq!(label_every(30.0, 50.0), 2);
        assert_eq!(label_every(12.0, 50.0), 5);
        assert_eq!(label_every(0.001, 50.0), 1000);
    }

    #[test]
    fn rounding_is_stable() {
        assert_eq!(r1(1.25), 1.3);
        assert_eq!(r1(-0.04), 0.0);
        assert_eq!(num(3.0), "3");
        assert_eq!(num(2.04), "2");
        assert_eq!(num(-0.0), "0");
    }

    #[test]
    fn short_text_stays_on_one_line() {
        let w = wrap("渝中区 · 工作要点", 13.0, 300.0, 2);
        assert_eq!(w.lines, ["渝中区 · 工作要点"]);
        assert!(!w.shortened);
    }

    #[test]
    fn long_titles_break_at_brackets_and_never_inside_numbers() {
        let text = "江津区 · 江津区国家知识产权强市建设试点城市工作方案（2024年－2026年）";
        let w = wrap(text, 13.0, 284.0, 2);
        assert_eq!(w.lines.len(), 2, "{w:?}");
        assert!(!w.shortened);
        for line in &w.lines {
            assert!(text_width(line, 13.0) <= 284.0, "{line}");
        }
        assert_eq!(w.lines.concat().replace(' ', ""), text.replace(' ', ""));
        assert!(
            !w.lines
                .iter()
                .any(|l| l.ends_with("20") || l.starts_with('）'))
        );
        // A year is one piece, and closing punctuation stays with what it closes.
        let w = wrap("目标至2035年，起始未注明", 13.0, 13.0 * 5.0, 3);
        assert_eq!(w.lines, ["目标至", "2035年，", "起始未注明"]);
        // A space never starts a line: the break comes after `· `.
        let w = wrap("江津区 · 工作方案", 13.0, 13.0 * 5.0, 2);
        assert_eq!(w.lines, ["江津区 ·", "工作方案"]);
    }

    #[test]
    fn too_long_text_is_shortened_with_an_ellipsis() {
        let text = "很长的规划名称".repeat(10);
        let w = wrap(&text, 13.0, 130.0, 2);
        assert_eq!(w.lines.len(), 2);
        assert!(w.shortened);
        assert!(w.lines[1].ends_with('…'));
        assert!(w.lines.iter().all(|l| text_width(l, 13.0) <= 130.0));
        // A single unbreakable piece wider than the line is cut too.
        let w = wrap("12345678901234567890", 10.0, 30.0, 1);
        assert!(
            w.shortened && text_width(&w.lines[0], 10.0) <= 30.0,
            "{w:?}"
        );
    }
}
