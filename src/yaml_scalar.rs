//! Writing YAML scalars into the front matter planpub generates (`planpub import`'s
//! drafts, `planpub new`'s files): plain where that reads back as the same string,
//! double-quoted otherwise.

/// A string as a YAML value in block context (`key: value`).
pub fn block(s: &str) -> String {
    if plain_ok(s, false) {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// A string as an item of a flow sequence or mapping (`[a, b]`, `{year: …}`).
pub fn flow(s: &str) -> String {
    if plain_ok(s, true) {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// A number exactly as written: plain when YAML reads it back the same, quoted when
/// it has trailing zeros or is not a plain number.
pub fn number(s: &str) -> String {
    let t = s.trim_start_matches('-');
    let simple = !t.is_empty()
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().filter(|&b| b == b'.').count() <= 1
        && !t.starts_with('.')
        && !t.ends_with('.')
        && !(t.len() > 1 && t.starts_with('0') && !t.starts_with("0."))
        && !(t.contains('.') && t.ends_with('0'));
    if simple { s.to_string() } else { flow(s) }
}

pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn plain_ok(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let reserved_start = "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace();
    let special = matches!(
        s.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
    );
    let numeric = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E' | ':' | '_'));
    let flow_chars = in_flow && s.contains([',', '[', ']', '{', '}']);
    !reserved_start
        && !special
        && !numeric
        && !flow_chars
        && !s.ends_with(char::is_whitespace)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_when_safe() {
        assert_eq!(block("重庆市大足区人民政府"), "重庆市大足区人民政府");
        assert_eq!(block("“邓家刀”：品牌"), "“邓家刀”：品牌");
        assert_eq!(block(""), "\"\"");
        assert_eq!(block("%"), "\"%\"");
        assert_eq!(block("a: b"), "\"a: b\"");
        assert_eq!(block("2025-06-23"), "\"2025-06-23\"");
        assert_eq!(block("yes"), "\"yes\"");
        assert_eq!(flow("a,b"), "\"a,b\"");
        assert_eq!(quoted("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
        assert_eq!(block("\"x"), "\"\\\"x\"");
    }

    #[test]
    fn numbers_keep_their_form() {
        assert_eq!(number("1.8"), "1.8");
        assert_eq!(number("575"), "575");
        assert_eq!(number("0"), "0");
        assert_eq!(number("5.20"), "\"5.20\"");
        assert_eq!(number("007"), "\"007\"");
        assert_eq!(number("居前列"), "居前列");
        assert_eq!(number("1,200"), "\"1,200\"");
    }
}
