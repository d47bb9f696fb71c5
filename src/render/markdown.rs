//! Markdown to HTML for plan texts and notes.
//!
//! Headings get the anchors the model stage decided; tables get merged cells, a caption,
//! header scopes and a scrolling wrapper for phones ([`super::markdown_table`]); fenced code is highlighted with CSS classes (syntect);
//! raw HTML in content passes the allowlist of [`super::sanitise`] (or is shown as text,
//! as site.yaml chooses), and links with script-capable schemes are dropped, so content
//! can never inject a script into a government page.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd, TextMergeStream, html};
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::model::RawHtml;
use crate::model::cjk::drops_segment_break;
use crate::model::document::Document;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The stylesheet for highlighted code, written once per build.
pub fn highlight_css() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    themes
        .themes
        .get("InspiredGitHub")
        .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
        .unwrap_or_default()
}

/// Finds the spans of a text to link and where they link to: `(range, href)`.
pub type Linker<'l> = &'l dyn Fn(&str) -> Vec<(Range<usize>, String)>;

/// Renders a document's Markdown to HTML.
pub fn to_html(doc: &Document, raw: RawHtml) -> String {
    render(
        doc.markdown(),
        doc.outline.iter().map(|h| h.anchor.as_str()),
        &|_| Vec::new(),
        raw,
    )
}

/// Renders a document's Markdown to HTML, linking the spans of its text that `linker`
/// finds (citations of other plans), except inside links and code.
pub fn to_html_linked(doc: &Document, linker: Linker<'_>, raw: RawHtml) -> String {
    render(
        doc.markdown(),
        doc.outline.iter().map(|h| h.anchor.as_str()),
        linker,
        raw,
    )
}

fn render<'a>(
    markdown: &str,
    anchors: impl Iterator<Item = &'a str>,
    linker: Linker<'_>,
    raw: RawHtml,
) -> String {
    let anchors: Vec<&str> = anchors.collect();
    let mut next_anchor = anchors.iter();
    // Links and images opened but dropped; links cannot nest, but an image can sit in
    // a link.
    let mut dropped = 0usize;
    // Only a text with raw HTML pays for the sanitiser.
    let mut saw_raw = false;
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    let mut code: Option<(String, String)> = None;
    // Merged text, so a title is never split across two events; emphasis read by the
    // CJK-friendly rule, as the model stage reads it.
    let parser = TextMergeStream::new(
        crate::model::markdown::events(markdown)
            .into_iter()
            .map(|(event, _)| event),
    );
    let events = parser.filter_map(|event| match event {
        // A heading keeps only the anchor the model gave it: `{.class key=value}` would
        // let a plan text put a style or an event handler on a published heading (the
        // fuzzer found `{#a onclick=alert(1)}`).
        Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
            level,
            id: next_anchor.next().map(|a| CowStr::from(a.to_string())),
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        Event::Html(html) | Event::InlineHtml(html) => match raw {
            RawHtml::Escape => Some(Event::Text(html)),
            RawHtml::Sanitise => {
                saw_raw = true;
                Some(Event::Html(html))
            }
        },
        // A link or image with a script-capable address is dropped; its text stays.
        Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. })
            if !safe_url(dest_url) =>
        {
            dropped += 1;
            None
        }
        Event::End(TagEnd::Link | TagEnd::Image) if dropped > 0 => {
            dropped -= 1;
            None
        }
        Event::Start(Tag::CodeBlock(kind)) => {
            let lang = match kind {
                CodeBlockKind::Fenced(l) => l.split_whitespace().next().unwrap_or("").to_string(),
                CodeBlockKind::Indented => String::new(),
            };
            code = Some((lang, String::new()));
            None
        }
        Event::Text(t) if code.is_some() => {
            if let Some((_, buf)) = code.as_mut() {
                buf.push_str(&t);
            }
            None
        }
        Event::End(TagEnd::CodeBlock) => code
            .take()
            .map(|(lang, text)| Event::Html(highlight(&lang, &text).into())),
        other => Some(other),
    });
    // Tables are read whole (a merged cell needs the rows around it, a caption the
    // paragraph before), so the events are collected first.
    let events: Vec<Event<'_>> = events.collect();
    let events =
        super::markdown_table::rewrite(events, &anchors, !saw_raw || sanitiser_keeps_cue());
    // After the tables: a title line is one line as the editor wrote it.
    let events = join_chinese_lines(events);
    let mut in_link = 0usize;
    let events = events.into_iter().flat_map(|event| {
        match &event {
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Text(t) if in_link == 0 => return link_spans(t, linker),
            _ => {}
        }
        vec![event]
    });
    html::push_html(&mut out, events);
    if saw_raw {
        super::sanitise::sanitise(&out)
    } else {
        out
    }
}

/// A soft line break (an editor's wrapped line) written as nothing between two
/// Chinese characters, as CSS Text Level 3 asks and Chromium does not do; elsewhere
/// it stays a line break, which a browser shows as a space.
fn join_chinese_lines(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let drop: Vec<bool> = (0..events.len())
        .map(|i| {
            if !matches!(events[i], Event::SoftBreak) {
                return false;
            }
            let before = events[..i].iter().rev().find_map(|e| edge(e, true));
            let after = events[i + 1..].iter().find_map(|e| edge(e, false));
            matches!((before, after), (Some(Some(b)), Some(Some(a))) if drops_segment_break(b, a))
        })
        .collect();
    if !drop.contains(&true) {
        return events;
    }
    events
        .into_iter()
        .zip(drop)
        .filter_map(|(event, drop)| (!drop).then_some(event))
        .collect()
}

/// The character a text-bearing event ends (`last`) or starts with; `None` to look
/// past an emphasis or link boundary, `Some(None)` where the text stops.
fn edge(event: &Event<'_>, last: bool) -> Option<Option<char>> {
    match event {
        Event::Text(t) | Event::Code(t) => Some(if last {
            t.chars().next_back()
        } else {
            t.chars().next()
        }),
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
        | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {
            None
        }
        _ => Some(None),
    }
}

/// A text event split around the spans `linker` finds, each wrapped in a link.
fn link_spans<'e>(text: &str, linker: Linker<'_>) -> Vec<Event<'e>> {
    let spans = linker(text);
    if spans.is_empty() {
        return vec![Event::Text(CowStr::from(text.to_string()))];
    }
    let mut out = Vec::with_capacity(spans.len() * 3 + 1);
    let mut at = 0;
    for (range, href) in spans {
        let (Some(before), Some(inner)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        if !before.is_empty() {
            out.push(Event::Text(CowStr::from(before.to_string())));
        }
        out.push(Event::Html(
            format!("<a class=\"citation\" href=\"{}\">", html_escape(&href)).into(),
        ));
        out.push(Event::Text(CowStr::from(inner.to_string())));
        out.push(Event::Html("</a>".into()));
        at = range.end;
    }
    if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        out.push(Event::Text(CowStr::from(rest.to_string())));
    }
    out
}

/// Whether the sanitiser keeps the tables' scroll cue hidden: stripped of its class and
/// `aria-hidden`, the cue would show on every table of a text with raw HTML.
fn sanitiser_keeps_cue() -> bool {
    static KEEPS: OnceLock<bool> = OnceLock::new();
    *KEEPS.get_or_init(|| {
        let kept = super::sanitise::sanitise(super::markdown_table::SCROLL_CUE);
        kept.contains("class=\"scroll-cue\"") && kept.contains("aria-hidden=\"true\"")
    })
}

/// The schemes a link in content may use: web addresses, mail and telephone numbers.
/// Raw HTML's links pass the same list ([`super::sanitise`]).
pub(super) const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Whether a link may go to `url`: a page of the site (no scheme) or one of
/// [`LINK_SCHEMES`]; any other scheme (javascript:, vbscript:, data: …) is refused.
/// Whitespace and control characters are skipped, as browsers skip some of them.
fn safe_url(url: &str) -> bool {
    // The scheme is read to its colon, however long (the fuzzer found
    // `ms-settings-connectabledevices:` slipping past a check of the first 16 bytes).
    let mut scheme = String::new();
    for c in url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
    {
        match c {
            ':' => {
                let s = scheme.as_str();
                // `:x` has no scheme: a relative address, as browsers read it.
                return s.is_empty() || LINK_SCHEMES.contains(&s);
            }
            c if c.is_ascii_alphanumeric() || "+-.".contains(c) => {
                scheme.push(c.to_ascii_lowercase());
            }
            // A `/`, `?`, `#` or anything else first: no scheme, a relative address.
            _ => return true,
        }
    }
    true
}

fn highlight(lang: &str, text: &str) -> String {
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| set.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(text) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!("<pre><code>{}</code></pre>\n", html_escape(text));
        }
    }
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", html_escape(lang))
    };
    format!(
        "<pre class=\"code\"><code{class}>{}</code></pre>\n",
        generator.finalize()
    )
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).ok();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        render(s, std::iter::empty(), &|_| Vec::new(), RawHtml::Escape)
    }

    fn sanitised(s: &str) -> String {
        render(s, std::iter::empty(), &|_| Vec::new(), RawHtml::Sanitise)
    }

    #[test]
    fn headings_get_the_given_anchors() {
        let html = render(
            "## 一、总体要求\n\n### B\n",
            ["一总体要求", "b"].into_iter(),
            &|_| Vec::new(),
            RawHtml::Sanitise,
        );
        assert!(
            html.contains("<h2 id=\"一总体要求\">一、总体要求</h2>"),
            "{html}"
        );
        assert!(html.contains("<h3 id=\"b\">B</h3>"));
    }

    #[test]
    fn linked_spans_become_links_outside_links_and_code() {
        let linker = |t: &str| -> Vec<(Range<usize>, String)> {
            t.match_indices("《纲要》")
                .map(|(i, m)| (i..i + m.len(), "../a/index.html?x=<1>".to_string()))
                .collect()
        };
        let html = render(
            "根据《纲要》和《纲要》，*强调*《纲要》。\n\n[见《纲要》](x.html) `《纲要》`\n",
            std::iter::empty(),
            &linker,
            RawHtml::Sanitise,
        );
        assert_eq!(html.matches("class=\"citation\"").count(), 3, "{html}");
        assert!(html.contains(
            "根据<a class=\"citation\" href=\"../a/index.html?x=&lt;1&gt;\">《纲要》</a>和"
        ));
        assert!(html.contains("<a href=\"x.html\">见《纲要》</a>"), "{html}");
        assert!(html.contains("<code>《纲要》</code>"));
    }

    #[test]
    fn raw_html_keeps_its_structure_without_scripts() {
        let html = sanitised(
            "<details><summary>说明</summary>\n\n**正文**\n\n</details>\n\n\
             a <b onclick=\"x()\">粗</b> <script>alert(1)</script> b\n\n\
             <img src=x onerror=alert(1)>\n\n## 标题 {#t}\n",
        );
        assert!(html.contains("<details><summary>说明</summary>"), "{html}");
        assert!(html.contains("<strong>正文</strong>"), "{html}");
        assert!(html.contains("<b>粗</b>"), "{html}");
        assert!(
            !html.contains("<script") && !html.contains("alert"),
            "{html}"
        );
        assert!(html.contains("<img src=\"x\">"), "{html}");
    }

    #[test]
    fn a_text_without_raw_html_is_not_rewritten() {
        let text = "## 一\n\n[链接](../a/ \"t\")，*强调*。\n\n| a |\n|--:|\n| 1 |\n";
        assert_eq!(sanitised(text), md(text));
    }

    #[test]
    fn headings_carry_no_attributes_but_their_anchor() {
        for raw in [RawHtml::Sanitise, RawHtml::Escape] {
            let html = render(
                "## 附则 {#fuze .x onmouseover=alert(1) style=position:fixed}\n",
                ["fuze"].into_iter(),
                &|_| Vec::new(),
                raw,
            );
            assert_eq!(html, "<h2 id=\"fuze\">附则</h2>\n");
        }
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = md("a <script>alert(1)</script> b\n\n<img src=x onerror=alert(1)>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn script_links_are_dropped() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "ms-settings-connectabledevices:devicediscovery",
        ] {
            let html = md(&format!("[链接文字]({url}) ![图片说明]({url})"));
            // (With a tab inside, Markdown reads no link at all: the text stays as typed.)
            assert!(
                !html.contains("href") && !html.contains("<img"),
                "{url}: {html}"
            );
            assert!(
                html.contains("链接文字") && html.contains("图片说明"),
                "{html}"
            );
        }
        assert!(md("[x](https://a.gov.cn/)").contains("href=\"https://a.gov.cn/\""));
        assert!(md("[x](../plans/a/index.html#b)").contains("href=\"../plans/a/index.html#b\""));
    }

    #[test]
    fn tables_have_scoped_headers_and_no_style_attributes() {
        let html = md("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
        assert!(
            html.contains("<th scope=\"col\" class=\"align-left\">a</th>"),
            "{html}"
        );
        assert!(html.contains("<td class=\"align-right\">2</td>"));
        assert!(html.contains("table-wrap"));
        assert!(!html.contains("style="));
    }

    #[test]
    fn tables_keep_their_region_and_cue_through_the_sanitiser() {
        let html = sanitised(
            "## 附件1 {#annex-1}\n\n<b>说明</b>\n\n| a | << |\n|---|---|\n| 1 | 2 |\n| ^^ | 3 |\n",
        );
        assert!(html.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"table\"><p class=\"scroll-cue\" aria-hidden=\"true\" data-search-ignore=\"\">"), "{html}");
        assert!(
            html.contains("<caption id=\"table\" class=\"from-heading\">"),
            "{html}"
        );
        assert!(
            html.contains("<th scope=\"colgroup\" colspan=\"2\">a</th>"),
            "{html}"
        );
        assert!(html.contains("<td rowspan=\"2\">1</td>"), "{html}");
        // Raw HTML gets none of it.
        let raw = sanitised(
            "<div role=\"alert\" tabindex=\"5\" class=\"scroll-cue\"><p aria-hidden=\"false\">x</p></div>\n",
        );
        assert!(
            !raw.contains("role") && !raw.contains("tabindex") && !raw.contains("aria-hidden"),
            "{raw}"
        );
    }

    #[test]
    fn chinese_lines_join_across_emphasis_and_links() {
        assert_eq!(
            md("加强*保护*\n[工作](x.html)。\n"),
            "<p>加强<em>保护</em><a href=\"x.html\">工作</a>。</p>\n"
        );
        // Code ends the text a break looks at only where it has none.
        assert_eq!(md("中`x`\n文\n"), "<p>中<code>x</code>\n文</p>\n");
        assert_eq!(md("a <b>\n文\n"), "<p>a &lt;b&gt;\n文</p>\n");
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let html = md("```rust\nfn main() {}\n```\n");
        assert!(html.contains("hl-"), "{html}");
        assert!(!html.contains("style="));
    }
}
