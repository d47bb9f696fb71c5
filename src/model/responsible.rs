//! 责任单位 annotations at the end of a task, `（责任单位：区市场监管局、区司法局）`:
//! the bodies named, split on 、，；, with a closing 按职责分工负责 / 按职责分工 taken
//! off the list. The annotation itself stays in the text. The importer reads them
//! from plain text and the model stage from each paragraph of a plan.

fn trim(s: &str) -> &str {
    s.trim_matches(char::is_whitespace)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub units: Vec<String>,
    /// The words taken off the end of the list.
    pub stripped: Option<String>,
}

const SUFFIXES: [&str; 2] = ["按职责分工负责", "按职责分工"];
const OPEN: [char; 5] = ['（', '(', '〔', '[', '【'];
const CLOSE: [char; 5] = ['）', ')', '〕', ']', '】'];

/// Every 责任单位 annotation in a paragraph.
pub fn find(text: &str) -> Vec<Annotation> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("责任单位").map(|p| p + from) {
        from = at + "责任单位".len();
        let opened = text[..at]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| OPEN.contains(&c));
        let Some(after) = text[from..].strip_prefix(['：', ':']) else {
            continue;
        };
        if !opened {
            continue;
        }
        let inner = enclosed(after);
        from += text[from..].len() - after.len() + inner.len();
        out.push(parse(inner));
    }
    out
}

/// The text up to the bracket that closes the annotation, skipping nested brackets.
fn enclosed(s: &str) -> &str {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if OPEN.contains(&c) {
            depth += 1;
        } else if CLOSE.contains(&c) {
            if depth == 0 {
                return &s[..i];
            }
            depth -= 1;
        }
    }
    s.trim_end_matches('。')
}

fn parse(inner: &str) -> Annotation {
    let mut inner = trim(inner);
    let mut stripped = None;
    for suffix in SUFFIXES {
        if let Some(rest) = inner.strip_suffix(suffix) {
            stripped = Some(suffix.to_string());
            inner = trim(rest);
            break;
        }
    }
    Annotation {
        units: split_units(inner),
        stripped,
    }
}

/// Splits a list of bodies on 、，； (and their ASCII forms) outside brackets.
pub fn split_units(s: &str) -> Vec<String> {
    let mut units = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in s.chars() {
        if OPEN.contains(&c) {
            depth += 1;
        } else if CLOSE.contains(&c) {
            depth = depth.saturating_sub(1);
        }
        if depth == 0 && matches!(c, '、' | '，' | '；' | ',' | ';') {
            units.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    units.push(current);
    units
        .into_iter()
        .map(|u| trim(&u).to_string())
        .filter(|u| !u.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_units() {
        let a = find("深入贯彻……规划引领。（责任单位：区市场监管局、区司法局、区发展改革委）");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].units, ["区市场监管局", "区司法局", "区发展改革委"]);
        assert_eq!(a[0].stripped, None);
    }

    #[test]
    fn strips_by_division_of_duties() {
        let a = find("……（责任单位：区科技局、江津区市场监管局按职责分工负责）");
        assert_eq!(a[0].units, ["区科技局", "江津区市场监管局"]);
        assert_eq!(a[0].stripped.as_deref(), Some("按职责分工负责"));
        let a = find("……（责任单位：区司法局、江津区市场监管局按职责分工）");
        assert_eq!(a[0].stripped.as_deref(), Some("按职责分工"));
    }

    #[test]
    fn nested_brackets_and_other_separators() {
        let a = find("……〔责任单位：科学城管委会（双福工业园发展中心）、区局按职责分工负责〕");
        assert_eq!(a[0].units, ["科学城管委会（双福工业园发展中心）", "区局"]);
        let a =
            find("……（责任单位：区市场监管局，区大数据局；市知识产权局运用促进处、公共服务处）");
        assert_eq!(
            a[0].units,
            [
                "区市场监管局",
                "区大数据局",
                "市知识产权局运用促进处",
                "公共服务处"
            ]
        );
    }

    #[test]
    fn ignores_mentions_that_are_not_annotations() {
        assert!(find("明确责任单位职责。").is_empty());
        assert!(find("责任单位：区局").is_empty());
        assert!(find("").is_empty());
        let a = find("（责任单位：区局");
        assert_eq!(a[0].units, ["区局"]);
    }
}
