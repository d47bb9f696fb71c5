//! Tables of plan texts: cells merged across rows and columns, a caption, and the
//! scrolling wrapper a phone needs.
//!
//! Markdown tables have no merged cells, but official tables do (one task name beside
//! the several lines of its content). A cell whose whole content is `^^` joins the cell
//! above it, `<<` the cell to its left (the markers of markdown-it-multimd-table), and
//! the joined cell is written once, with `rowspan` and `colspan`. A marker with nothing
//! to join (`^^` in the header or the first body row, `<<` in the first column, or a
//! join that would not leave a rectangle) is shown as written: the render stage returns
//! HTML and cannot report an error, so [`lone_markers`] finds the same markers, by the
//! same rules, for a stage that can name the file and line.
//!
//! Every table is named by a caption, so that a screen reader can announce it and its
//! scrolling wrapper: the short title line right before the table (`表1 重点任务分工表`)
//! is moved into the caption, so it is still shown once; otherwise the nearest heading's
//! text is repeated there. No other words are made up. The caption's id comes from the
//! nearest heading's anchor, so it stays the same when other sections change.

pub use crate::model::table_spans::{LEFT, LoneMarker, Mark, Slot, UP, layout, lone_markers};

use std::collections::HashSet;

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

/// Longest line, in characters, that can be a table's title.
const TITLE_MAX_CHARS: usize = 40;

/// Shown by the theme only when the table is wider than the screen.
pub(super) const SCROLL_CUE: &str =
    "<p class=\"scroll-cue\" aria-hidden=\"true\" data-search-ignore>左右滑动查看全部列</p>";

/// The nearest heading so far: its anchor and its text.
#[derive(Default)]
struct Heading {
    anchor: Option<String>,
    text: String,
}

/// Rewrites the tables of a rendered event stream: merged cells, caption, wrapper.
/// `anchors` are every heading anchor of the document, so no caption id takes one.
/// `cue` says whether the scroll cue may be written (the sanitiser would show it).
pub(super) fn rewrite<'e>(events: Vec<Event<'e>>, anchors: &[&str], cue: bool) -> Vec<Event<'e>> {
    let mut out = Vec::with_capacity(events.len());
    let mut ids = Ids::new(anchors);
    let mut heading: Option<Heading> = None;
    let mut reading: Option<Heading> = None;
    let mut events = events.into_iter();
    while let Some(event) = events.next() {
        match event {
            Event::Start(Tag::Heading { ref id, .. }) => {
                reading = Some(Heading {
                    anchor: id.as_ref().map(|a| a.to_string()),
                    text: String::new(),
                });
                out.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) if reading.is_some() => {
                if let Some(h) = reading.as_mut() {
                    h.text.push_str(t);
                }
                out.push(event);
            }
            Event::End(TagEnd::Heading(_)) => {
                heading = reading.take().or(heading);
                out.push(event);
            }
            Event::Start(Tag::Table(aligns)) => {
                let rows = read_rows(&mut events);
                let title = take_title(&mut out);
                let anchor = heading.as_ref().and_then(|h| h.anchor.as_deref());
                let caption = match title {
                    Some(inner) => Some((inner, "")),
                    None => heading
                        .as_ref()
                        .map(|h| h.text.trim())
                        .filter(|t| !t.is_empty())
                        .map(|t| {
                            (
                                vec![Event::Text(CowStr::from(t.to_string()))],
                                " class=\"from-heading\"",
                            )
                        }),
                };
                let caption = caption.map(|(inner, class)| (ids.next(anchor), inner, class));
                write_table(&mut out, &aligns, rows, caption, cue);
            }
            other => out.push(other),
        }
    }
    out
}

/// The rows of a table up to its end, the header first; each cell its events.
fn read_rows<'e>(events: &mut impl Iterator<Item = Event<'e>>) -> Vec<Vec<Vec<Event<'e>>>> {
    let mut rows: Vec<Vec<Vec<Event<'e>>>> = Vec::new();
    for event in events.by_ref() {
        match event {
            Event::End(TagEnd::Table) => break,
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::End(TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell) => {}
            Event::Start(Tag::TableCell) => {
                if let Some(row) = rows.last_mut() {
                    row.push(Vec::new());
                }
            }
            other => {
                if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.push(other);
                }
            }
        }
    }
    rows
}

/// The inner events of the paragraph right before the table, removed from `out`, when
/// it is a short title line: at most [`TITLE_MAX_CHARS`] characters on one line, only
/// text (emphasis and links allowed), not ending as a sentence or a lead-in does.
fn take_title<'e>(out: &mut Vec<Event<'e>>) -> Option<Vec<Event<'e>>> {
    if !matches!(out.last(), Some(Event::End(TagEnd::Paragraph))) {
        return None;
    }
    let start = out
        .iter()
        .rposition(|e| matches!(e, Event::Start(Tag::Paragraph)))?;
    let inner = out.get(start + 1..out.len() - 1)?;
    let mut text = String::new();
    for event in inner {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            _ => return None,
        }
    }
    let text = text.trim();
    let title = !text.is_empty()
        && text.chars().count() <= TITLE_MAX_CHARS
        && !text.ends_with(['。', '；', '：', '，', ';', ':', ',']);
    if !title {
        return None;
    }
    let mut inner: Vec<Event<'e>> = out.drain(start..).collect();
    inner.pop();
    inner.remove(0);
    Some(inner)
}

/// Caption ids: `<anchor>-table` after a heading, `table` before any, numbered from the
/// second on; never a heading's anchor.
struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    fn new(anchors: &[&str]) -> Self {
        Self {
            taken: anchors.iter().map(|a| a.to_string()).collect(),
        }
    }

    fn next(&mut self, anchor: Option<&str>) -> String {
        let base = anchor.map_or_else(|| "table".to_string(), |a| format!("{a}-table"));
        let mut id = base.clone();
        let mut n = 1;
        while self.taken.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.taken.insert(id.clone());
        id
    }
}

/// A caption: its id, its inner events and the class it gets.
type Caption<'e> = (String, Vec<Event<'e>>, &'static str);

fn write_table<'e>(
    out: &mut Vec<Event<'e>>,
    aligns: &[Alignment],
    rows: Vec<Vec<Vec<Event<'e>>>>,
    caption: Option<Caption<'e>>,
    cue: bool,
) {
    let cue = if cue { SCROLL_CUE } else { "" };
    match caption {
        Some((id, inner, class)) => {
            let id = escape(&id);
            out.push(Event::Html(
                format!(
                    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}\">{cue}<table><caption id=\"{id}\"{class}>"
                )
                .into(),
            ));
            out.extend(inner);
            out.push(Event::Html("</caption>".into()));
        }
        // Nothing before the table to name it by: still reachable by keyboard.
        None => out.push(Event::Html(
            format!("<div class=\"table-wrap\" tabindex=\"0\">{cue}<table>").into(),
        )),
    }
    let marks: Vec<Vec<Mark>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| mark_of(cell)).collect())
        .collect();
    let slots = layout(&marks);
    for (r, (row, slots)) in rows.into_iter().zip(slots).enumerate() {
        let head = r == 0;
        out.push(Event::Html(
            if head { "<thead><tr>" } else { "<tr>" }.into(),
        ));
        for (c, (cell, slot)) in row.into_iter().zip(slots).enumerate() {
            let Slot::Cell { rows, cols, .. } = slot else {
                continue;
            };
            out.push(Event::Html(
                open_cell(head, rows, cols, aligns.get(c)).into(),
            ));
            out.extend(cell);
            out.push(Event::Html(if head { "</th>" } else { "</td>" }.into()));
        }
        out.push(Event::Html(
            if head {
                "</tr></thead><tbody>\n"
            } else {
                "</tr>\n"
            }
            .into(),
        ));
    }
    if marks.is_empty() {
        out.push(Event::Html("<tbody>".into()));
    }
    out.push(Event::Html("</tbody></table></div>\n".into()));
}

fn mark_of(cell: &[Event<'_>]) -> Mark {
    match cell {
        [Event::Text(t)] => Mark::of(t),
        _ => Mark::Cell,
    }
}

fn open_cell(head: bool, rows: usize, cols: usize, align: Option<&Alignment>) -> String {
    let class = match align {
        Some(Alignment::Left) => " class=\"align-left\"",
        Some(Alignment::Center) => " class=\"align-center\"",
        Some(Alignment::Right) => " class=\"align-right\"",
        _ => "",
    };
    let rowspan = if rows > 1 {
        format!(" rowspan=\"{rows}\"")
    } else {
        String::new()
    };
    let colspan = if cols > 1 {
        format!(" colspan=\"{cols}\"")
    } else {
        String::new()
    };
    if head {
        let scope = if cols > 1 { "colgroup" } else { "col" };
        format!("<th scope=\"{scope}\"{rowspan}{colspan}{class}>")
    } else {
        format!("<td{rowspan}{colspan}{class}>")
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).ok();
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::diagnostic::SourceFile;
    use crate::model::RawHtml;
    use crate::model::document::Document;
    use crate::render::markdown::to_html;

    /// A text rendered as a plan text is, with the anchors the model stage gives it.
    fn html(text: &str) -> String {
        let file = SourceFile::new(Path::new("/"), Path::new("/x.md"), text);
        let mut errors = Vec::new();
        // What the model stage reports is its tests' concern: rendering goes on.
        let doc = Document::parse(&file, 0..text.len(), &mut errors);
        to_html(&doc, RawHtml::Escape)
    }

    #[test]
    fn merged_cells_render_with_spans_and_scopes() {
        let out = html(
            "## 附件2 {#annex-2}\n\n| 序号 | 任务名称 | 具体内容 |\n|---|---|---|\n\
             | 1 | 高标准构建体系 | 构建政策体系。 |\n| 2 | ^^ | 深化示范创建。 |\n\
             | 3 | ^^ | 培育文化生态。 |\n| 4 | 深化区域协同 | 深化双城协同。 |\n",
        );
        assert!(
            out.contains("<tr><td>1</td><td rowspan=\"3\">高标准构建体系</td><td>构建政策体系。</td></tr>\n<tr><td>2</td><td>深化示范创建。</td></tr>\n<tr><td>3</td><td>培育文化生态。</td></tr>\n<tr><td>4</td><td>深化区域协同</td>"),
            "{out}"
        );
        assert!(!out.contains("^^"), "{out}");
        let out = html(
            "| 序号 | 年度计划目标 | << | << |\n|---|---|:-:|---|\n| 1 | x | << | 3 |\n| ^^ | ^^ | << | 4 |\n",
        );
        assert!(out.contains("<th scope=\"col\">序号</th><th scope=\"colgroup\" colspan=\"3\">年度计划目标</th></tr>"), "{out}");
        assert!(
            out.contains("<tr><td rowspan=\"2\">1</td><td rowspan=\"2\" colspan=\"2\">x</td><td>3</td></tr>\n<tr><td>4</td></tr>"),
            "{out}"
        );
        assert!(!out.contains("&lt;&lt;") && !out.contains("<<"), "{out}");
    }

    #[test]
    fn lone_markers_are_shown_as_written() {
        let out = html("| ^^ | b |\n|---|---|\n| << | ^^ |\n");
        assert!(out.contains("<th scope=\"col\">^^</th>"), "{out}");
        assert!(
            out.contains("<tr><td>&lt;&lt;</td><td>^^</td></tr>"),
            "{out}"
        );
    }

    #[test]
    fn a_title_line_before_the_table_becomes_its_caption() {
        let out = html("## 附件1 {#annex-1}\n\n表1 重点*指标*分解表\n\n| a |\n|---|\n| 1 |\n");
        assert!(
            out.contains(
                "<h2 id=\"annex-1\">附件1</h2>\n<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"annex-1-table\"><p class=\"scroll-cue\" aria-hidden=\"true\" data-search-ignore>左右滑动查看全部列</p><table><caption id=\"annex-1-table\">表1 重点<em>指标</em>分解表</caption><thead>"
            ),
            "{out}"
        );
        // Moved, not copied.
        assert_eq!(out.matches("分解表").count(), 1, "{out}");
    }

    #[test]
    fn otherwise_the_nearest_heading_names_the_table() {
        for before in [
            "具体任务如下：",
            "这一段文字很长，它说明了下面这张表格的来历、用途和填写的方法，并不是表格的标题而是一段说明文字",
            "第一行\n第二行",
            "",
        ] {
            let out = html(&format!(
                "## 专栏1 “十四五”时期主要指标 {{#box-1}}\n\n{before}\n\n| a |\n|---|\n| 1 |\n"
            ));
            assert!(
                out.contains("aria-labelledby=\"box-1-table\">") &&
                out.contains(
                    "<caption id=\"box-1-table\" class=\"from-heading\">专栏1 “十四五”时期主要指标</caption>"
                ),
                "{before}: {out}"
            );
            if !before.is_empty() {
                assert!(
                    out.contains(&format!("<p>{}", before.lines().next().unwrap_or(""))),
                    "{out}"
                );
            }
        }
        // Nothing to name it by: no caption and no words made up, still focusable.
        let out = html("| a |\n|---|\n| 1 |\n");
        assert!(
            out.starts_with("<div class=\"table-wrap\" tabindex=\"0\"><p class=\"scroll-cue\""),
            "{out}"
        );
        assert!(!out.contains("<caption") && !out.contains("role="), "{out}");
    }

    #[test]
    fn caption_ids_are_unique_and_stable() {
        let text = "表一\n\n| a |\n|---|\n| 1 |\n\n## 甲\n\n| a |\n|---|\n| 1 |\n\n\
                    | b |\n|---|\n| 2 |\n\n## 甲-table-2\n\n| c |\n|---|\n| 3 |\n";
        let out = html(text);
        let ids: Vec<&str> = out
            .split("<caption id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        // The heading `甲-table-2` keeps its anchor; the table under it gets another.
        assert_eq!(ids, ["table", "甲-table", "甲-table-3", "甲-table-2-table"]);
        assert!(out.contains("<h2 id=\"甲-table-2\">"));
        for id in &ids {
            assert_eq!(out.matches(&format!("aria-labelledby=\"{id}\"")).count(), 1);
        }
        assert_eq!(html(text), out);
    }
}
