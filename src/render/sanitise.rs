//! The allowlist that raw HTML in plan texts passes through (ammonia).
//!
//! Plan texts come from many hands. What an editor writes as HTML keeps its structure
//! (tables, lists, emphasis, details) but loses everything that could run or load a
//! script or restyle the page: `<script>`, `<style>`, `<iframe>`, `<svg>`, event
//! handlers, `style` attributes, and addresses with any scheme but http, https, mailto
//! and tel. Classes are kept only where planpub's own Markdown output uses them, so
//! content cannot borrow the theme's look for a fake notice.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Classes planpub's Markdown output gives elements: kept, any other class dropped.
const CLASSES: &[&str] = &[
    "table-wrap",
    "citation",
    "code",
    "footnote-definition",
    "footnote-definition-label",
    "footnote-reference",
    "align-left",
    "align-center",
    "align-right",
    "scroll-cue",
    "from-heading",
];

/// Class prefixes of highlighted code (`hl-`) and its language (`language-`).
const CLASS_PREFIXES: &[&str] = &["hl-", "language-"];

fn builder() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.url_schemes(HashSet::from(super::markdown::LINK_SCHEMES))
            // Links keep the page's own behaviour: citations and internal links are
            // not given `rel` values they never had.
            .link_rel(None)
            .add_generic_attributes(["class"])
            // Headings carry their anchors, footnotes their targets; editors already
            // set heading ids with `{#id}`, so this gives raw HTML nothing new.
            .add_tag_attributes("h1", ["id"])
            .add_tag_attributes("h2", ["id"])
            .add_tag_attributes("h3", ["id"])
            .add_tag_attributes("h4", ["id"])
            .add_tag_attributes("h5", ["id"])
            .add_tag_attributes("h6", ["id"])
            // A table's scrolling area is named by its caption; the cue is hidden from
            // screen readers and search. Only the values planpub writes are kept.
            .add_tag_attributes("div", ["id", "role", "tabindex", "aria-labelledby"])
            .add_tag_attributes("caption", ["id"])
            .add_tag_attributes("p", ["aria-hidden", "data-search-ignore"])
            .add_tag_attributes("th", ["scope"])
            .attribute_filter(|_, attribute, value| {
                match attribute {
                    "class" => {}
                    "role" => return (value == "region").then(|| value.into()),
                    "tabindex" => return (value == "0").then(|| value.into()),
                    "aria-hidden" => return (value == "true").then(|| value.into()),
                    _ => return Some(value.into()),
                }
                let kept: Vec<&str> = value
                    .split_ascii_whitespace()
                    .filter(|c| {
                        CLASSES.contains(c) || CLASS_PREFIXES.iter().any(|p| c.starts_with(p))
                    })
                    .collect();
                (!kept.is_empty()).then(|| kept.join(" ").into())
            });
        b
    })
}

/// Cleans `html`, a fragment of a page's body.
pub fn sanitise(html: &str) -> String {
    builder().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::sanitise;

    #[test]
    fn scripts_handlers_and_script_addresses_are_removed() {
        for (dirty, bad) in [
            ("<script>alert(1)</script>", "<script"),
            ("<img src=x onerror=alert(1)>", "onerror"),
            ("<svg onload=alert(1)></svg>", "<svg"),
            ("<a href=\"javascript:alert(1)\">x</a>", "javascript:"),
            ("<a href=\"&#106;avascript:alert(1)\">x</a>", "avascript"),
            ("<iframe src=\"https://x\"></iframe>", "<iframe"),
            ("<p style=\"position:fixed\">x</p>", "style"),
            (
                "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
                "data:",
            ),
            ("<div class=\"notice-official\">x</div>", "notice-official"),
        ] {
            let clean = sanitise(dirty);
            assert!(!clean.contains(bad), "{dirty} → {clean}");
        }
    }

    #[test]
    fn structure_and_planpub_classes_are_kept() {
        let html = "<details><summary>说明</summary><table><tbody><tr><th scope=\"col\" \
                    class=\"align-right\">a</th></tr></tbody></table></details>\
                    <h2 id=\"一总体要求\">一</h2><a class=\"citation\" href=\"../a/\">《纲要》</a>\
                    <pre class=\"code\"><code class=\"language-yaml\"><span class=\"hl-source hl-yaml\">a</span></code></pre>";
        assert_eq!(sanitise(html), html);
    }
}
