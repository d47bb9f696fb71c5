//! The body as a sequence of blocks: headings (with their explicit anchors), tables
//! and paragraphs, one paragraph per source line. A line that is neither a heading, a
//! table, running text, a table's caption nor an annex's title is kept as a paragraph
//! and marked unplaced, with the reason, for the report.

use std::collections::BTreeSet;

use super::headings::{Kind, MAX_HEADING, Sequence, classify, split_lead_in};
use super::levels;
use super::report::Erratum;
use super::tables::{self, Table};
use super::text::{Line, char_len, has_sentence_punct};

#[derive(Debug, Clone)]
pub struct Heading {
    pub line: usize,
    pub kind: Kind,
    /// Set by [`levels::assign`] once every heading of the document is known.
    pub level: u8,
    pub text: String,
    /// The whole source line, for turning the heading back into a paragraph.
    pub source: String,
    /// The heading's number; with `written`, what its anchor is made of.
    pub number: u32,
    pub written: bool,
    /// `task-3`, `box-1`, `annex-2`; other headings get their anchor from their text.
    pub anchor: Option<String>,
    /// The lead-in was split from the text that followed it.
    pub split: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Text,
    /// The line right before a table, when it is a title (no sentence in it).
    Caption,
    /// The line right after an annex heading: the annex's title.
    AnnexTitle,
    Unplaced(String),
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub line: usize,
    pub text: String,
    pub role: Role,
}

#[derive(Debug, Clone)]
pub enum Block {
    Heading(Heading),
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Default)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub errata: Vec<Erratum>,
    pub notes: Vec<String>,
}

pub fn build(lines: &[Line]) -> Body {
    let mut body = Body::default();
    let mut seq = Sequence::default();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            i += 1;
            continue;
        }
        // The next row may start with empty cells, and so with a tab (`\t\t2015年…`).
        let next_is_row = (i + 1..lines.len())
            .find(|&k| !lines[k].is_blank())
            .is_some_and(|k| lines[k].is_tab_row() || lines[k].text.matches('\t').count() >= 2);
        // A header row followed by a category line (总体发展水平) and rows is a table too.
        let tab_table = line.is_tab_row() && !next_is_row && {
            let (t, _) = tables::read_tab_rows(lines, i);
            !t.rows.is_empty()
        };
        if line.is_cell() || line.is_tab_row() && next_is_row || tab_table {
            let (table, next) = if line.is_cell() {
                tables::read_cell_lines(lines, i)
            } else {
                tables::read_tab_rows(lines, i)
            };
            i = next.max(i + 1);
            let mut table = table;
            table
                .remarks
                .extend(super::indicators::column_remarks(&table));
            if table
                .header
                .iter()
                .chain(table.rows.iter().flatten())
                .all(String::is_empty)
            {
                body.notes.push(format!(
                    "line {}: tab-only lines without text were left out",
                    line.no
                ));
                continue;
            }
            body.blocks.push(Block::Table(table));
            continue;
        }
        i += 1;
        let text = line.trimmed().to_string();
        let para = |text: String, role| {
            Block::Paragraph(Paragraph {
                line: line.no,
                text,
                role,
            })
        };
        if line.is_tab_row() {
            body.blocks.push(para(
                text,
                Role::Unplaced("contains tabs but is a single line, not a table".into()),
            ));
            continue;
        }
        let Some(n) = classify(&text) else {
            body.blocks.push(para(text, Role::Text));
            continue;
        };
        if let Err(last) = seq.accept(n.kind, n.n) {
            let reason = format!(
                "starts like a heading numbered {} but the one before was {}; kept as a paragraph",
                n.n, last
            );
            body.blocks.push(para(text, Role::Unplaced(reason)));
            continue;
        }
        let split = if n.kind.runs_on() {
            split_lead_in(&n.rest)
        } else {
            None
        };
        let (heading_text, after) = match split {
            Some((lead, rest)) => {
                let prefix = text.strip_suffix(n.rest.as_str()).unwrap_or("");
                (format!("{prefix}{lead}"), Some(rest))
            }
            None => (text.clone(), None),
        };
        if char_len(&heading_text) > MAX_HEADING {
            let reason = "a numbered item without a short lead-in sentence (up to the first 。); kept as a paragraph".to_string();
            body.blocks.push(para(text, Role::Unplaced(reason)));
            continue;
        }
        body.blocks.push(Block::Heading(Heading {
            line: line.no,
            kind: n.kind,
            level: 0,
            text: heading_text,
            source: text.clone(),
            number: n.n,
            written: n.written,
            anchor: None,
            split: after.is_some(),
        }));
        if let Some(rest) = after {
            body.blocks.push(para(rest, Role::Text));
        }
    }
    // Levels need every heading of the document, and come before the anchors so
    // that a heading turned back into a paragraph takes no anchor.
    levels::assign(&mut body.blocks, &mut body.notes);
    assign_anchors(&mut body);
    assign_roles(&mut body.blocks);
    fill_missing_annex(&mut body);
    body
}

/// The explicit anchors of tasks, boxes and annexes, made unique in order.
fn assign_anchors(body: &mut Body) {
    let mut anchors = BTreeSet::new();
    for b in &mut body.blocks {
        let Block::Heading(h) = b else { continue };
        let Some(p) = h.kind.anchor_prefix() else {
            continue;
        };
        let base = format!("{p}-{}", h.number);
        let unique = (1..)
            .map(|k| {
                if k == 1 {
                    base.clone()
                } else {
                    format!("{base}-{k}")
                }
            })
            .find(|a| !anchors.contains(a))
            .unwrap_or(base.clone());
        if unique != base {
            body.notes.push(format!(
                "line {}: the anchor {base} is already used; this heading gets {unique}",
                h.line
            ));
        }
        anchors.insert(unique.clone());
        if h.kind == Kind::Annex && !h.written {
            body.notes.push(format!(
                "line {}: “{}” has no number; it gets the anchor {unique}",
                h.line, h.source
            ));
        }
        h.anchor = Some(unique);
    }
}

/// Captions and annex titles are placed; other short lines without punctuation are
/// not.
fn assign_roles(blocks: &mut [Block]) {
    for k in 0..blocks.len() {
        let before_table = matches!(blocks.get(k + 1), Some(Block::Table(_)));
        let after_annex =
            k > 0 && matches!(&blocks[k - 1], Block::Heading(h) if h.kind == Kind::Annex);
        if let Block::Paragraph(p) = &mut blocks[k] {
            if p.role != Role::Text {
                continue;
            }
            if before_table && !p.text.contains(['。', '；']) {
                p.role = Role::Caption;
            } else if after_annex && !has_sentence_punct(&p.text) {
                p.role = Role::AnnexTitle;
            } else if !has_sentence_punct(&p.text) && char_len(&p.text) <= 40 {
                p.role = Role::Unplaced(
                    "a short line without sentence punctuation that is not a recognised heading, title or table caption".into(),
                );
            }
        }
    }
}

/// When the first annex heading is 附件2 and the text before it ends with a table
/// and its caption, shaped like the content of 附件2 (caption, then table), the label
/// 附件1 was lost in the copy: it is put back before that caption.
fn fill_missing_annex(body: &mut Body) {
    let blocks = &body.blocks;
    let Some(a2) = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(h) if h.kind == Kind::Annex))
    else {
        return;
    };
    let Block::Heading(h2) = &blocks[a2] else {
        return;
    };
    if h2.anchor.as_deref() != Some("annex-2") || a2 < 2 {
        return;
    }
    let annex2_shape = matches!(
        (blocks.get(a2 + 1), blocks.get(a2 + 2)),
        (Some(Block::Paragraph(p)), Some(Block::Table(_))) if p.role == Role::Caption
    );
    let before_shape = matches!(
        (&blocks[a2 - 2], &blocks[a2 - 1]),
        (Block::Paragraph(p), Block::Table(_)) if p.role == Role::Caption
    );
    if !(annex2_shape && before_shape) {
        return;
    }
    let Block::Paragraph(caption) = &blocks[a2 - 2] else {
        return;
    };
    let line = caption.line;
    body.errata.push(Erratum {
        line,
        what: format!(
            "在“{}”一表之前补上“附件1”标签。",
            caption.text
        ),
        why: "来源文本中紧接着有“附件2”，其后同样是表题和表格；“附件1”标签在复制时丢失，按附件2的格式补上。".into(),
    });
    body.blocks.insert(
        a2 - 2,
        Block::Heading(Heading {
            line,
            kind: Kind::Annex,
            level: 2,
            text: "附件1".into(),
            source: "附件1".into(),
            number: 1,
            written: true,
            anchor: Some("annex-1".into()),
            split: false,
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::input::split;

    fn shape(body: &Body) -> Vec<String> {
        body.blocks
            .iter()
            .map(|b| match b {
                Block::Heading(h) => format!(
                    "{} {}{}",
                    "#".repeat(h.level as usize),
                    h.text,
                    h.anchor
                        .as_ref()
                        .map(|a| format!(" #{a}"))
                        .unwrap_or_default()
                ),
                Block::Paragraph(p) => match &p.role {
                    Role::Text => format!("p {}", p.text),
                    Role::Caption => format!("caption {}", p.text),
                    Role::AnnexTitle => format!("annex-title {}", p.text),
                    Role::Unplaced(_) => format!("unplaced {}", p.text),
                },
                Block::Table(t) => format!("table {}x{}", t.rows.len(), t.header.len()),
            })
            .collect()
    }

    #[test]
    fn builds_the_hierarchy() {
        let text = "前言。\n一、重点任务\n（一）高标准构建体系。\n1．构建政策体系，强化引领。深入贯彻纲要。\n2．深化示范创建。\n7．跳号的一行\n专栏1 重点工程\n第一章 总则\n第一节 指导思想\n附件\n工作要点（2025年）\n";
        let body = build(&split(text).lines);
        assert_eq!(
            shape(&body),
            [
                "p 前言。",
                // 第一章 comes after 一、 but ranks above it: the fixed order decides.
                "#### 一、重点任务",
                "##### （一）高标准构建体系。",
                "###### 1．构建政策体系，强化引领。 #task-1",
                "p 深入贯彻纲要。",
                "###### 2．深化示范创建。 #task-2",
                "unplaced 7．跳号的一行",
                "###### 专栏1 重点工程 #box-1",
                "## 第一章 总则",
                "### 第一节 指导思想",
                "## 附件 #annex-1",
                "annex-title 工作要点（2025年）",
            ]
        );
    }

    #[test]
    fn repeated_task_numbers_get_distinct_anchors() {
        let body = build(&split("1．甲。\n附件1\n1．乙。\n").lines);
        let anchors: Vec<String> = body
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => h.anchor.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(anchors, ["task-1", "annex-1", "task-1-2"]);
        // The level notes aside, one note says the anchor was taken.
        let anchor_notes = body.notes.iter().filter(|n| n.contains("anchor")).count();
        assert_eq!(anchor_notes, 1, "{:?}", body.notes);
    }

    #[test]
    fn puts_back_a_lost_annex_label() {
        let text = "一、任务\n推进。\n东区重点指标分解表\n\t序号\n\t指标\n\n\t1\n\t甲（家）\n\n附件2\n\n东区重点任务清单\n\t序号\n\t任务\n\n\t1\n\t乙\n";
        let body = build(&split(text).lines);
        assert_eq!(
            shape(&body),
            [
                "## 一、任务",
                "p 推进。",
                "## 附件1 #annex-1",
                "caption 东区重点指标分解表",
                "table 1x2",
                "## 附件2 #annex-2",
                "caption 东区重点任务清单",
                "table 1x2",
            ]
        );
        assert_eq!(body.errata.len(), 1);
    }

    #[test]
    fn long_numbered_lines_without_lead_in_stay_paragraphs() {
        let long = format!("1．{}", "字".repeat(70));
        let body = build(&split(&long).lines);
        assert!(
            matches!(&body.blocks[0], Block::Paragraph(p) if matches!(p.role, Role::Unplaced(_)))
        );
    }
}
