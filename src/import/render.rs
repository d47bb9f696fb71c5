//! The draft's files: the body in Markdown, index.md with its front matter in the
//! order of docs/content-format.md, and indicators.md with the drafts. Fields the
//! source does not state are left out; `title`, `kind` and `region` are written empty
//! when unknown, so that `planpub check` asks for them.

use std::fmt::Write as _;

use super::blocks::{Block, Heading};
use super::indicators::Draft;
use super::notice::Notice;
use super::report::Erratum;
use super::tables;
use crate::yaml_scalar as yaml;

#[derive(Debug, Default)]
pub struct Front {
    pub title: String,
    pub region: String,
    pub kind: String,
    pub issuers: Vec<String>,
    pub doc_number: Option<String>,
    pub index_number: Option<String>,
    pub date_written: Option<String>,
    pub date_published: Option<String>,
    pub period: Option<(u16, u16)>,
    /// 有效性, one of the labels of `Status::CHOICES`.
    pub status: Option<String>,
    pub topics: Vec<String>,
    pub notice: Option<Notice>,
    pub copied_to: Vec<String>,
    pub printed_by: Option<String>,
    pub date_printed: Option<String>,
    pub errata: Vec<Erratum>,
}

pub fn index(front: &Front, body: &str) -> String {
    let mut o = String::from("---\n");
    let _ = writeln!(o, "title: {}", yaml::block(&front.title));
    let _ = writeln!(o, "region: {}", yaml::block(&front.region));
    let _ = writeln!(o, "kind: {}", yaml::block(&front.kind));
    if !front.issuers.is_empty() {
        let _ = writeln!(o, "issuers: {}", list(&front.issuers));
    }
    opt(&mut o, "", "doc_number", front.doc_number.as_deref());
    opt(&mut o, "", "index_number", front.index_number.as_deref());
    date(&mut o, "", "date_written", front.date_written.as_deref());
    date(
        &mut o,
        "",
        "date_published",
        front.date_published.as_deref(),
    );
    if let Some((start, end)) = front.period {
        let _ = writeln!(o, "period: {{start: {start}, end: {end}}}");
    }
    opt(&mut o, "", "status", front.status.as_deref());
    if !front.topics.is_empty() {
        let _ = writeln!(o, "topics: {}", list(&front.topics));
    }
    if let Some(n) = &front.notice {
        o.push_str("notice:\n");
        opt(&mut o, "  ", "title", n.title.as_deref());
        opt(&mut o, "  ", "addressees", n.addressees.as_deref());
        opt(&mut o, "  ", "text", n.text.as_deref());
        opt(&mut o, "  ", "signed", n.signed.as_deref());
        date(&mut o, "  ", "date", n.date.as_deref());
        opt(&mut o, "  ", "disclosure", n.disclosure.as_deref());
    }
    if !front.copied_to.is_empty() {
        let _ = writeln!(o, "copied_to: {}", list(&front.copied_to));
    }
    opt(&mut o, "", "printed_by", front.printed_by.as_deref());
    date(&mut o, "", "date_printed", front.date_printed.as_deref());
    if !front.errata.is_empty() {
        o.push_str("errata:\n");
        for e in &front.errata {
            let _ = writeln!(o, "  - what: {}", yaml::block(&e.what));
            let _ = writeln!(o, "    why: {}", yaml::block(&e.why));
        }
    }
    o.push_str("---\n");
    o.push_str(body);
    o
}

fn opt(o: &mut String, indent: &str, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        let _ = writeln!(o, "{indent}{key}: {}", yaml::block(v));
    }
}

fn date(o: &mut String, indent: &str, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        // Dates are checked `YYYY-MM-DD` and written plain, as editors write them.
        let _ = writeln!(o, "{indent}{key}: {v}");
    }
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| yaml::flow(s)).collect();
    format!("[{}]", items.join(", "))
}

pub fn indicators(drafts: &[Draft]) -> String {
    let mut o = String::from("---\n");
    if drafts.is_empty() {
        o.push_str("# No indicator table was recognised. Add an entry for every quantified goal\n");
        o.push_str("# of the plan (docs/content-format.md, indicators.md).\n");
        o.push_str("indicators: []\n---\n");
        return o;
    }
    o.push_str(
        "# Drafts read from the plan's indicator tables. Fill every `indicator:` with an id\n",
    );
    o.push_str("# of content/indicators/, check the guessed `measure`, then remove the `note`.\n");
    o.push_str("# Quantified goals stated in sentences are not drafted; add them.\n");
    o.push_str("indicators:\n");
    let mut last_table = None;
    for d in drafts {
        if last_table != Some((d.line, &d.section)) {
            let _ = writeln!(
                o,
                "  # table at line {} of the source, under #{}",
                d.line, d.section
            );
            last_table = Some((d.line, &d.section));
        }
        o.push_str("  - indicator: \"\"\n");
        let _ = writeln!(o, "    wording: {}", yaml::block(&d.wording));
        let _ = writeln!(o, "    unit: {}", yaml::block(&d.unit));
        let _ = writeln!(o, "    measure: {}", d.measure);
        if let Some(a) = &d.attribute {
            let _ = writeln!(o, "    attribute: {}", yaml::block(a));
        }
        if let Some((year, value)) = &d.baseline {
            let _ = writeln!(
                o,
                "    baseline: {{year: {year}, value: {}}}",
                yaml::number(value)
            );
        }
        if !d.actuals.is_empty() {
            let actuals: Vec<String> = d
                .actuals
                .iter()
                .map(|(year, value)| format!("{{year: {year}, value: {}}}", yaml::number(value)))
                .collect();
            let _ = writeln!(o, "    actuals: [{}]", actuals.join(", "));
        }
        if !d.targets.is_empty() {
            o.push_str("    targets:\n");
            for (year, value, comparator) in &d.targets {
                let _ = writeln!(
                    o,
                    "      - {{year: {year}, value: {}, comparator: \"{}\"}}",
                    yaml::number(value),
                    comparator.symbol()
                );
            }
        }
        let _ = writeln!(o, "    responsible: {}", list(&d.responsible));
        let _ = writeln!(o, "    section: {}", yaml::block(&d.section));
        let _ = writeln!(o, "    note: {}", yaml::block(&d.note));
    }
    o.push_str("---\n");
    o
}

/// The body in Markdown: blocks separated by blank lines.
pub fn body(blocks: &[Block]) -> String {
    let parts: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Heading(h) => heading(h),
            Block::Paragraph(p) => paragraph(&p.text),
            Block::Table(t) => tables::markdown(t),
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

fn heading(h: &Heading) -> String {
    let mut out = format!(
        "{} {}",
        "#".repeat(h.level as usize),
        h.text.trim_end_matches('#')
    );
    if let Some(a) = &h.anchor {
        let _ = write!(out, " {{#{a}}}");
    }
    out
}

/// A paragraph, with a leading character escaped where Markdown would read the line as
/// something else (a list item, a heading, a quote, a rule, a fence).
pub fn paragraph(text: &str) -> String {
    let t = text.trim();
    let first = t.chars().next();
    let second = t.chars().nth(1);
    let rule = t.len() >= 3
        && t.chars()
            .all(|c| c == '-' || c == '=' || c == '*' || c == '_' || c == ' ');
    let marker = matches!(first, Some('-' | '+' | '*')) && matches!(second, None | Some(' '));
    let escape = rule
        || marker
        || matches!(first, Some('#' | '>' | '|'))
        || t.starts_with("```")
        || t.starts_with("~~~");
    if escape {
        return format!("\\{t}");
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &t[digits..];
        let mut chars = rest.chars();
        if let Some(c @ ('.' | ')')) = chars.next() {
            let after = chars.as_str();
            if after.is_empty() || after.starts_with([' ', '\t']) {
                return format!("{}\\{c}{after}", &t[..digits]);
            }
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_markdown_would_misread() {
        assert_eq!(paragraph("- 条目"), "\\- 条目");
        assert_eq!(paragraph("# 标题"), "\\# 标题");
        assert_eq!(paragraph("---"), "\\---");
        assert_eq!(paragraph("1. 条目"), "1\\. 条目");
        assert_eq!(paragraph("1.85亿元"), "1.85亿元");
        assert_eq!(paragraph("**2025年**，全区"), "**2025年**，全区");
        assert_eq!(paragraph("——创新赋能。"), "——创新赋能。");
    }

    #[test]
    fn writes_front_matter_in_order() {
        let front = Front {
            title: "东区行动计划".into(),
            kind: "行动计划".into(),
            issuers: vec!["东区人民政府".into()],
            date_written: Some("2025-06-23".into()),
            period: Some((2025, 2027)),
            notice: Some(Notice {
                disclosure: Some("此件公开发布".into()),
                ..Notice::default()
            }),
            ..Front::default()
        };
        let text = index(&front, "正文。\n");
        assert_eq!(
            text,
            "---\ntitle: 东区行动计划\nregion: \"\"\nkind: 行动计划\nissuers: [东区人民政府]\ndate_written: 2025-06-23\nperiod: {start: 2025, end: 2027}\nnotice:\n  disclosure: 此件公开发布\n---\n正文。\n"
        );
    }
}
