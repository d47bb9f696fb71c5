//! Entry points for the fuzz targets in `fuzz/fuzz_targets/` and for the corpus replay
//! test (`tests/fuzz_corpus.rs`); nothing else uses this module. Each function takes the
//! bytes a fuzzer makes and runs them through one part of planpub the way a build or
//! `planpub import` does. Errors are expected answers; a panic, a hang or memory out of
//! proportion to the input is a bug. The few `assert!`s state what planpub promises of
//! its results (a draft loads, a parsed number is finite, content adds no markup), so a
//! broken promise shows up like a panic.

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::diagnostic::{self, Report, SourceFile};
use crate::link::{self, Linked};
use crate::load::raw::{RawCatalogueEntry, RawIndicatorTable, RawPlan, RawRegion};
use crate::load::{self, Doc, LoadError, Loaded, PlanBundle, Theme};
use crate::model::date::{Date, Year};
use crate::model::document::{Document, RESERVED_PREFIX};
use crate::model::growth::{YearValue, compound_annual_rate};
use crate::model::quantity::{Attribute, Comparator, Measure, Unit, Value};
use crate::model::{self, RawHtml};
use crate::render::markdown::to_html_linked;
use crate::render::views::citation_links;

fn root() -> &'static Path {
    Path::new("fuzz")
}

fn source(rel: &str, text: impl Into<Arc<str>>) -> Arc<SourceFile> {
    SourceFile::new(root(), &root().join(rel), text)
}

/// An editor's content file, as bytes: decoded as the load stage decodes a file it
/// reads, split into front matter and body, its YAML parsed as each kind of content
/// file (plan, indicator table, region, catalogue indicator), what parsed checked by
/// the model stage, and every error rendered as a terminal and the preview show it.
pub fn front_matter(data: &[u8]) {
    let file = match decode(data) {
        Ok(file) => file,
        Err(e) => return show(vec![Report::new(e)]),
    };
    let mut reports = Vec::new();
    let plan: Option<Doc<RawPlan>> = parsed(&file, &mut reports);
    let table: Option<Doc<RawIndicatorTable>> = parsed(&file, &mut reports);
    let region: Option<Doc<RawRegion>> = parsed(&file, &mut reports);
    let entry: Option<Doc<RawCatalogueEntry>> = parsed(&file, &mut reports);

    let mut plans: Vec<PlanBundle> = plan.into_iter().map(|p| bundle(p, None)).collect();
    // A table belongs to a plan: it is checked beside a plan that is always valid.
    if let Some(table) = table {
        let index = load::parse_source(
            "fuzz".into(),
            source("content/plans/fuzz/index.md", TABLE_PLAN),
        )
        .expect("the fixed plan parses");
        plans.push(bundle(index, Some(table)));
    }
    let loaded = Loaded {
        root: root().to_path_buf(),
        site: None,
        regions: region.into_iter().collect(),
        plans,
        catalogue: entry.into_iter().collect(),
        reports: Vec::new(),
        units: None,
        theme: no_theme(),
    };
    // Without site.yaml the model always fails, after checking every value it was given.
    if let Err(more) = model::model(loaded) {
        reports.extend(more);
    }
    show(reports);
}

/// The front matter parsed as `T`, or its error among the reports.
fn parsed<T: serde::de::DeserializeOwned>(
    file: &Arc<SourceFile>,
    reports: &mut Vec<Report>,
) -> Option<Doc<T>> {
    load::parse_source("fuzz".into(), Arc::clone(file))
        .map_err(|e| reports.push(Report::new(e)))
        .ok()
}

const TABLE_PLAN: &str =
    "---\ntitle: 测试行动计划\nregion: fuzz\nkind: 行动计划\n---\n## 一、目标\n\n## 二、任务\n";

/// The bytes decoded as the load stage decodes a file it has read (byte-order mark,
/// UTF-8), through its own function.
fn decode(bytes: &[u8]) -> Result<Arc<SourceFile>, LoadError> {
    let path = root().join("content/plans/fuzz/index.md");
    load::source::decode(root(), &path, bytes)
}

fn bundle(index: Doc<RawPlan>, indicators: Option<Doc<RawIndicatorTable>>) -> PlanBundle {
    PlanBundle {
        id: index.id.clone(),
        index: Arc::new(index),
        indicators: indicators.map(Arc::new),
        assets: Vec::new(),
    }
}

fn no_theme() -> Theme {
    Theme {
        name: "default".into(),
        dir: root().join("themes/default"),
        templates: Vec::new(),
        statics: Vec::new(),
    }
}

/// Renders reports both ways an editor sees them: the terminal's snippets and the
/// preview overlay's fields.
fn show(reports: Vec<Report>) {
    std::hint::black_box(diagnostic::to_terminal(&reports, false));
    for r in &reports {
        std::hint::black_box(r.plain());
    }
}

/// A plan's Markdown body: the model's outline pass (headings, anchors, responsible
/// units), the link stage's scan for 《titles》, and the HTML of a plan page with the
/// site's real citation linker, under either `raw_html` setting.
pub fn markdown(data: &[u8]) {
    let linked = citation_site();
    // A body follows its front matter, so its offsets do not start at 0.
    let head = "---\ntitle: 测试\n---\n";
    let text = format!("{head}{}", String::from_utf8_lossy(data));
    let file = source("content/plans/fuzz/index.md", text);
    let mut errors = Vec::new();
    let doc = Document::parse(&file, head.len()..file.text.len(), &mut errors);
    if errors.is_empty() {
        // Anchors become ids on one page and targets of links from others.
        let mut seen = HashSet::new();
        for h in &doc.outline {
            assert!(
                seen.insert(h.anchor.as_str()),
                "anchor {:?} twice",
                h.anchor
            );
            assert!(!h.anchor.starts_with(RESERVED_PREFIX), "{:?}", h.anchor);
        }
    }
    show(errors.into_iter().map(Report::new).collect());
    std::hint::black_box(linked.citations.scan(doc.markdown()));
    let Some(p) = linked.site.plans.handles().next() else {
        return;
    };
    let linker = |t: &str| citation_links(linked, p, t);
    // One setting per input, by its length: highlighting code makes a render the
    // costly part, and the fuzzer reaches both lengths from any input.
    let raw = if data.len().is_multiple_of(2) {
        RawHtml::Sanitise
    } else {
        RawHtml::Escape
    };
    no_active_content(&to_html_linked(&doc, &linker, raw), raw);
}

/// Tags planpub's Markdown output uses. With `raw_html: escape` nothing else may appear.
const MARKDOWN_TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "caption",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements that run, load or restyle: never in a plan's HTML, whatever `raw_html` says.
const ACTIVE_TAGS: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "link", "meta", "base", "form", "template", "noscript", "portal",
];

/// Asserts that rendered content can carry no script: no active element, no event
/// handler or style attribute, no address with a scheme other than http(s), mailto
/// and tel; and with `escape`, no tag that Markdown itself does not make.
fn no_active_content(html: &str, raw: RawHtml) {
    use html5gum::{Token, Tokenizer};
    for token in Tokenizer::new(html).flatten() {
        let Token::StartTag(tag) = token else {
            continue;
        };
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        assert!(!ACTIVE_TAGS.contains(&name.as_str()), "<{name}> in {html}");
        if raw == RawHtml::Escape {
            assert!(MARKDOWN_TAGS.contains(&name.as_str()), "<{name}> in {html}");
        }
        for (attr, value) in &tag.attributes {
            let attr = String::from_utf8_lossy(attr).to_ascii_lowercase();
            assert!(
                !attr.starts_with("on") && attr != "style" && attr != "srcdoc",
                "{attr} on <{name}> in {html}"
            );
            if matches!(
                attr.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) {
                let value = String::from_utf8_lossy(value);
                assert!(safe_address(&value), "{attr}={value:?} in {html}");
            }
        }
    }
}

/// Relative, or one of the schemes `render::markdown` lets through, as a browser's URL
/// parser reads it: C0 controls and spaces trimmed from the ends, tabs and newlines
/// removed anywhere, and a scheme only where the text before the colon can be one.
fn safe_address(url: &str) -> bool {
    let compact: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    let Some((scheme, _)) = compact.split_once(':') else {
        return true;
    };
    // Not a scheme (a letter, then letters, digits, `+`, `-`, `.`): the colon is in a
    // relative address's path, query or fragment.
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    !is_scheme || matches!(scheme, "http" | "https" | "mailto" | "tel")
}

/// Four plans with the kinds of names citations meet: a bare title, a title with a
/// period and a short title, a short title and an alias, a one-year period. Built once:
/// load, model and link, as a build does.
fn citation_site() -> &'static Linked {
    static SITE: OnceLock<Linked> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = "---\ntitle: 规划公开\nbase_url: https://www.example.gov.cn/ghjh/\n---\n";
        let regions = [
            ("chongqing", "---\nname: 重庆市\nlevel: municipality\n---\n"),
            ("dazu", "---\nname: 大足区\nlevel: district\nparent: chongqing\n---\n"),
        ];
        let plans = [
            (
                "outline",
                "---\ntitle: 重庆市知识产权强市建设纲要\nregion: chongqing\nkind: 纲要\n---\n正文。\n",
            ),
            (
                "dazu-action",
                "---\ntitle: 重庆市大足区知识产权强区行动计划（2025—2027年）\n\
                 short_title: 大足区知识产权强区行动计划\nregion: dazu\nkind: 行动计划\n\
                 period: {start: 2025, end: 2027}\nbased_on: [outline]\n---\n\
                 根据《重庆市知识产权强市建设纲要》，制定本计划。\n",
            ),
            (
                "wanzhou",
                "---\ntitle: 重庆市万州区知识产权“十四五”规划\n\
                 short_title: 万州区知识产权“十四五”规划\naliases: [万州区知识产权规划]\n\
                 region: chongqing\nkind: 规划\nperiod: {start: 2021, end: 2025}\n---\n正文。\n",
            ),
            (
                "points",
                "---\ntitle: 共建现代服务业知识产权强区工作要点（2025年）\nregion: dazu\n\
                 kind: 工作要点\nperiod: {start: 2025, end: 2025}\n---\n正文。\n",
            ),
        ];
        // site.yaml is all YAML; fenced, it parses as front matter does.
        let site_doc = load::parse_source("site".into(), source("site.yaml", site))
            .expect("the fixed site.yaml parses");
        let regions = regions
            .iter()
            .map(|(id, text)| {
                let file = source(&format!("content/regions/{id}.md"), *text);
                load::parse_source(id.to_string(), file).expect("fixed region parses")
            })
            .collect();
        let plans = plans
            .iter()
            .map(|(id, text)| {
                let file = source(&format!("content/plans/{id}/index.md"), *text);
                bundle(
                    load::parse_source(id.to_string(), file).expect("fixed plan parses"),
                    None,
                )
            })
            .collect();
        let loaded = Loaded {
            root: root().to_path_buf(),
            site: Some(site_doc),
            regions,
            plans,
            catalogue: Vec::new(),
            reports: Vec::new(),
        units: None,
            theme: no_theme(),
        };
        let site = model::model(loaded).expect("the fixed site is valid");
        link::link(site).expect("the fixed site links")
    })
}

/// Values and units as indicator tables write them, one item a line or tab-separated
/// cell: each item parsed as a number, a unit, a year, a date and each kind of choice;
/// then every number restated in every unit it converts to (as the comparison pages
/// do), and the growth implied between consecutive numbers of different years.
pub fn units(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let items: Vec<&str> = text.split(['\n', '\t']).collect();
    let mut numbers = Vec::new();
    let mut units = Vec::new();
    let mut years = Vec::new();
    for item in &items {
        if let Some(v) = Value::parse_number(item) {
            let n = v.number().expect("a parsed number has a number");
            assert!(n.is_finite(), "{item:?} parsed as {n}");
            assert_eq!(v.text(), item.trim());
            numbers.push(v);
        }
        if let Some(u) = Unit::parse(item) {
            units.push(u);
        }
        if let Some(y) = Year::parse(item) {
            years.push(y);
        }
        std::hint::black_box(Date::parse(item).ok().map(|d| (d.chinese(), d.to_string())));
        let t = item.trim();
        std::hint::black_box((
            Comparator::parse(t).map(|c| (c.symbol(), c.words())),
            Measure::parse(t).map(|m| (m.label(), m.name())),
            Attribute::parse(t).map(Attribute::label),
        ));
    }
    // Pairs of items are quadratic; a few of each are enough to meet every case.
    numbers.truncate(16);
    units.truncate(8);
    for a in &units {
        for b in &units {
            let Some(e) = a.exponent_to(b) else {
                assert_eq!(b.exponent_to(a), None);
                continue;
            };
            assert_eq!(b.exponent_to(a), Some(-e));
            for v in &numbers {
                let there = v.rescaled(e);
                assert!(
                    is_decimal(there.text()),
                    "{v} {} → {there} {}",
                    a.written,
                    b.written
                );
                // A number near f64's limit may restate as infinite (the chart leaves such
                // values out by design), so the text is what must come back.
                let back = there.rescaled(-e);
                assert_eq!(back.number(), v.number(), "{v} → {there} → {back}");
                std::hint::black_box(serde_json::to_string(&there).expect("serialises"));
            }
        }
    }
    for (i, w) in numbers.windows(2).enumerate() {
        let (Some(&from), Some(&to)) = (years.get(i), years.get(i + 1)) else {
            break;
        };
        let at = |year: Year, v: &Value| YearValue {
            year,
            value: v.number().unwrap_or(0.0),
        };
        if let Some(rate) = compound_annual_rate(at(from, &w[0]), at(to, &w[1])) {
            assert!(rate.is_finite());
        }
    }
}

/// A plain decimal numeral, as `Value::parse_number` reads one, whatever its size.
fn is_decimal(t: &str) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t);
    let mut parts = digits.split('.');
    let whole = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    parts.next().is_some_and(whole) && parts.next().is_none_or(whole) && parts.next().is_none()
}

/// A plain-text plan through `planpub import`'s conversion. docs/import.md promises a
/// draft for any text, and that a draft fails the check only for what the report asks
/// to fill in: so both files must load as a plan and its indicator table. The model
/// stage then reads the draft as a build would.
pub fn import(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let draft = crate::import::convert(&text, "fuzz.txt", "content/plans/fuzz", Some("fuzz"));
    std::hint::black_box(&draft.report);
    let index = source("content/plans/fuzz/index.md", draft.index);
    let table = source("content/plans/fuzz/indicators.md", draft.indicators);
    let index: Doc<RawPlan> = load::parse_source("fuzz".into(), index)
        .unwrap_or_else(|e| panic!("the draft's index.md does not load: {}", Report::new(e)));
    let table: Doc<RawIndicatorTable> =
        load::parse_source("fuzz".into(), table).unwrap_or_else(|e| {
            panic!(
                "the draft's indicators.md does not load: {}",
                Report::new(e)
            )
        });
    let loaded = Loaded {
        root: root().to_path_buf(),
        site: None,
        regions: Vec::new(),
        plans: vec![bundle(index, Some(table))],
        catalogue: Vec::new(),
        reports: Vec::new(),
        units: None,
        theme: no_theme(),
    };
    // The reports of an unfilled draft are expected; the front_matter target renders
    // reports, so only the model's reading of the draft is needed here.
    std::hint::black_box(model::model(loaded).err());
}
