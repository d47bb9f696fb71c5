//! Chinese text renders as the editor wrote it: emphasis beside Chinese punctuation by
//! the CJK-friendly amendments to CommonMark, Latin emphasis as CommonMark specifies,
//! soft line breaks between Chinese characters dropped; and the re-matching of
//! delimiters held to pulldown-cmark's own on CommonMark's rule.

use std::ops::Range;
use std::path::Path;

use planpub::diagnostic::SourceFile;
use planpub::model::RawHtml;
use planpub::model::document::{Document, markdown_options};
use planpub::model::markdown::{Rule, events_by, plain_text};
use planpub::render::markdown::{to_html, to_html_linked};
use pulldown_cmark::{Event, Parser, TextMergeStream};

fn document(text: &str) -> Document {
    let file = SourceFile::new(Path::new("/"), Path::new("/x.md"), text);
    let mut errors = Vec::new();
    Document::parse(&file, 0..text.len(), &mut errors)
}

fn html(text: &str) -> String {
    to_html(&document(text), RawHtml::Escape)
}

/// A paragraph's HTML without its `<p>` and line end.
fn inline(text: &str) -> String {
    let out = html(text);
    out.trim_end()
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .unwrap_or(&out)
        .to_string()
}

#[test]
fn the_issue_example_renders_as_written() {
    assert_eq!(
        inline("这是**重点任务。**然后继续。另有**“十四五”**规划和**（一）**说明。"),
        "这是<strong>重点任务。</strong>然后继续。另有<strong>“十四五”</strong>规划和<strong>（一）</strong>说明。"
    );
}

#[test]
fn chinese_emphasis_beside_punctuation() {
    let cases = [
        // Lead phrases ending in 。 and other sentence ends.
        (
            "**加强知识产权保护。**具体措施……",
            "<strong>加强知识产权保护。</strong>具体措施……",
        ),
        (
            "**（一）高标准构建体系。**构建政策体系。",
            "<strong>（一）高标准构建体系。</strong>构建政策体系。",
        ),
        (
            "是否**切实可行？**请说明。",
            "是否<strong>切实可行？</strong>请说明。",
        ),
        ("*重点说明。*然后继续", "<em>重点说明。</em>然后继续"),
        (
            "**第一条　总则；**本办法",
            "<strong>第一条　总则；</strong>本办法",
        ),
        // Bold quotes.
        (
            "培育**“专精特新”**企业",
            "培育<strong>“专精特新”</strong>企业",
        ),
        (
            "**“十四五”时期**是关键期",
            "<strong>“十四五”时期</strong>是关键期",
        ),
        ("称为**‘小巨人’**企业", "称为<strong>‘小巨人’</strong>企业"),
        ("见**「附件」**所列", "见<strong>「附件」</strong>所列"),
        // Bold titles in 《》 and 【】.
        (
            "印发**《重庆市知识产权强市建设纲要》**的通知",
            "印发<strong>《重庆市知识产权强市建设纲要》</strong>的通知",
        ),
        ("**【重点】**任务", "<strong>【重点】</strong>任务"),
        // Bold （一） markers.
        ("**（一）**总体要求", "<strong>（一）</strong>总体要求"),
        ("其中**（二）**项", "其中<strong>（二）</strong>项"),
        // Bold numbers with units, ASCII or full-width.
        ("年均增长**20%**以上", "年均增长<strong>20%</strong>以上"),
        ("年均增长**20％**以上", "年均增长<strong>20％</strong>以上"),
        ("到**2025年**，全区", "到<strong>2025年</strong>，全区"),
        (
            "达到**24件/万人**左右",
            "达到<strong>24件/万人</strong>左右",
        ),
        // Nested emphasis.
        (
            "***重点任务。***然后",
            "<em><strong>重点任务。</strong></em>然后",
        ),
        (
            "**加强*知识产权*保护。**然后",
            "<strong>加强<em>知识产权</em>保护。</strong>然后",
        ),
        (
            "**“十四五”时期*重点*任务。**继续",
            "<strong>“十四五”时期<em>重点</em>任务。</strong>继续",
        ),
        // Emphasis next to links and inside them.
        (
            "**[《纲要》](../a/)**规定",
            "<strong><a href=\"../a/\">《纲要》</a></strong>规定",
        ),
        (
            "见[**重点。**说明](x.html)。",
            "见<a href=\"x.html\"><strong>重点。</strong>说明</a>。",
        ),
        // Code inside, underscores, strikethrough.
        (
            "**`planpub build`命令。**然后",
            "<strong><code>planpub build</code>命令。</strong>然后",
        ),
        ("__注意__：注意事项", "<strong>注意</strong>：注意事项"),
        ("注意：__注意事项__", "注意：<strong>注意事项</strong>"),
        ("~~删除的文字。~~然后", "<del>删除的文字。</del>然后"),
        // What no rule makes emphasis stays as typed.
        ("中文 ** 中文", "中文 ** 中文"),
        // `\*` is a literal star; the `*` and `**` left can both open and close, and
        // their lengths add up to 3: CommonMark's rule of three leaves them as text.
        ("\\**重点。**然后", "**重点。**然后"),
        ("`**（一）**`说明", "<code>**（一）**</code>说明"),
    ];
    for (text, want) in cases {
        assert_eq!(inline(text), want, "{text}");
    }
}

#[test]
fn emphasis_beside_a_citation_link() {
    let linker = |t: &str| -> Vec<(Range<usize>, String)> {
        t.match_indices("《纲要》")
            .map(|(i, m)| (i..i + m.len(), "../a/index.html".to_string()))
            .collect()
    };
    let out = to_html_linked(
        &document("根据**《纲要》**要求，**落实《纲要》。**然后"),
        &linker,
        RawHtml::Escape,
    );
    assert_eq!(
        out,
        "<p>根据<strong><a class=\"citation\" href=\"../a/index.html\">《纲要》</a></strong>要求，\
         <strong>落实<a class=\"citation\" href=\"../a/index.html\">《纲要》</a>。</strong>然后</p>\n"
    );
}

#[test]
fn headings_and_cells_read_emphasis_the_same_way() {
    let text = "## **（一）**总体要求\n\n| 任务 |\n|---|\n| **（一）**说明 |\n";
    let doc = document(text);
    assert_eq!(doc.outline[0].text, "（一）总体要求");
    assert_eq!(doc.outline[0].anchor, "一总体要求");
    let out = to_html(&doc, RawHtml::Escape);
    assert!(
        out.contains("<h2 id=\"一总体要求\"><strong>（一）</strong>总体要求</h2>"),
        "{out}"
    );
    assert!(
        out.contains("<td><strong>（一）</strong>说明</td>"),
        "{out}"
    );
}

/// Examples of the CommonMark specification (0.31.2, section 6.2): Latin text keeps
/// CommonMark's reading.
#[test]
fn latin_emphasis_is_commonmark() {
    let cases = [
        ("*foo bar*", "<em>foo bar</em>"),
        ("a * foo bar*", "a * foo bar*"),
        ("a*\"foo\"*", "a*\"foo\"*"),
        ("foo*bar*", "foo<em>bar</em>"),
        ("5*6*78", "5<em>6</em>78"),
        ("_foo_bar", "_foo_bar"),
        ("foo-_(bar)_", "foo-<em>(bar)</em>"),
        ("*(*foo*)*", "<em>(<em>foo</em>)</em>"),
        ("**foo bar **", "**foo bar **"),
        ("**(**foo)", "**(**foo)"),
        (
            "**foo \"*bar*\" foo**",
            "<strong>foo \"<em>bar</em>\" foo</strong>",
        ),
        ("*foo**bar**baz*", "<em>foo<strong>bar</strong>baz</em>"),
        ("foo***bar***baz", "foo<em><strong>bar</strong></em>baz"),
        ("*foo [bar](/url)*", "<em>foo <a href=\"/url\">bar</a></em>"),
        ("a**\"foo\"**", "a**\"foo\"**"),
    ];
    for (text, want) in cases {
        assert_eq!(inline(text), want, "{text}");
    }
}

#[test]
fn soft_breaks_join_chinese_lines_only() {
    // Between two Chinese characters (punctuation included): nothing.
    assert_eq!(inline("加强知识产权\n保护工作。"), "加强知识产权保护工作。");
    assert_eq!(inline("具体措施：\n（一）"), "具体措施：（一）");
    assert_eq!(inline("另有\n“十四五”规划"), "另有“十四五”规划");
    assert_eq!(inline("**重点。**\n然后"), "<strong>重点。</strong>然后");
    // Between Latin words, and between Chinese and Latin (CSS Text Level 3): a line
    // break, which a browser shows as a space.
    assert_eq!(inline("intellectual\nproperty"), "intellectual\nproperty");
    assert_eq!(inline("使用\nRust编写"), "使用\nRust编写");
    assert_eq!(inline("Rust\n编写"), "Rust\n编写");
    // Korean is written with spaces.
    assert_eq!(inline("한국\n어"), "한국\n어");
}

#[test]
fn quoted_fields_lose_their_marks() {
    assert_eq!(
        plain_text("“到**2025年**，全区……”与下一行"),
        "“到2025年，全区……”与下一行"
    );
    assert_eq!(plain_text("这是**重点任务。**然后"), "这是重点任务。然后");
    assert_eq!(plain_text("命令`planpub build`"), "命令planpub build");
    // Anything more than a plain line is kept as written.
    for field in [
        "1. 原文",
        "见[附件](x.html)",
        "<b>粗</b>",
        "# 标题",
        "2*3 = 6",
    ] {
        assert_eq!(plain_text(field), field);
    }
}

/// Inputs for the equality with pulldown-cmark: every pair of pieces below, and a
/// deterministic stream of random strings made of them.
fn corpus() -> Vec<String> {
    const PIECES: [&str; 24] = [
        "*", "**", "***", "_", "__", "~", "~~", "^", "a", "b ", " ", "中", "。", "“", "”", "(",
        ")", "[", "](x)", "`", "\\", "\n", "| ", "&amp;",
    ];
    let mut out: Vec<String> = Vec::new();
    for a in PIECES {
        for b in PIECES {
            out.push(format!("{a}x{b}y{a}"));
        }
    }
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..4000 {
        let mut s = String::new();
        let len = 2 + (seed % 14) as usize;
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
        }
        out.push(s);
    }
    // Tables, lists, quotes and headings around delimiters.
    out.extend(
        [
            "| *a* | **b** |\n|---|---|\n|*c*|**d**|\n| a*|*b |\n",
            "> **“x”** and >**“y”**\n>**z**\n",
            "- **a**\n- *b* c*\n  * d*\n",
            "## *a* **b** {#x}\n",
            "***a** b*\n\n*a **b***\n\n**a *b***\n\n***a*** ***b**\n",
            "*a `*` b*\n\n*a <span>*</span>*\n\n*<http://a*b>*\n",
            "[*a](b*)\n\n*[a*](b)\n\n![*a*](b)*\n\n[^1]*\n\n[^1]: *x*\n",
        ]
        .map(String::from),
    );
    out
}

fn merged<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    TextMergeStream::new(events).collect()
}

#[test]
fn matching_again_by_commonmark_is_pulldown_cmark() {
    let mut bodies = corpus();
    for entry in walk(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content")
            .as_path(),
    ) {
        bodies.push(entry);
    }
    for text in &bodies {
        let theirs = merged(Parser::new_ext(text, markdown_options()));
        let ours = merged(
            events_by(text, Rule::CommonMark)
                .into_iter()
                .map(|(e, _)| e),
        );
        assert_eq!(ours, theirs, "{text:?}");
    }
}

/// The bundled site's Markdown files, read whole (front matter is a paragraph, which
/// tests more inlines).
fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            out.push(text);
        }
    }
    assert!(!out.is_empty() || dir.ends_with("regions") || dir.ends_with("indicators"));
    out
}
