//! The body read section by section, after the blocks are built: each heading's
//! 责任单位 annotations, the tables under it and the indicator drafts they give (with
//! the erratum that says how the source laid the table out), and the lines left
//! unplaced, all into the report.

use std::collections::BTreeMap;

use super::blocks::{Block, Role};
use super::indicators;
use super::report::{Erratum, HeadingNote, Report, ResponsibleNote, TableNote, Unplaced};
use crate::model::responsible;

/// Walks the body by section: headings, 责任单位 annotations, tables and their
/// indicator drafts, unplaced lines. Returns the drafts.
pub(super) fn read_sections(
    blocks: &[Block],
    anchors: &[String],
    period: Option<(u16, u16)>,
    spaced_lines: &[usize],
    errata: &mut Vec<Erratum>,
    report: &mut Report,
) -> Vec<indicators::Draft> {
    // First the annotations of each section, so a table before its task's annotation
    // still gets it.
    let mut section_units: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut heading_no = None;
    for b in blocks {
        match b {
            Block::Heading(_) => heading_no = Some(heading_no.map_or(0, |n| n + 1)),
            Block::Paragraph(p) => {
                for a in responsible::find(&p.text) {
                    let section = heading_no
                        .and_then(|n| anchors.get(n))
                        .cloned()
                        .unwrap_or_default();
                    report.responsible.push(ResponsibleNote {
                        line: p.line,
                        section,
                        units: a.units.clone(),
                        stripped: a.stripped.clone(),
                    });
                    if let Some(n) = heading_no {
                        section_units.insert(n, a.units);
                    }
                }
            }
            Block::Table(_) => {}
        }
    }

    let mut drafts = Vec::new();
    let mut heading_no: Option<usize> = None;
    for (k, b) in blocks.iter().enumerate() {
        let section = heading_no
            .and_then(|n| anchors.get(n))
            .cloned()
            .unwrap_or_default();
        match b {
            Block::Heading(h) => {
                let n = heading_no.map_or(0, |n| n + 1);
                heading_no = Some(n);
                report.headings.push(HeadingNote {
                    line: h.line,
                    level: h.level,
                    text: h.text.clone(),
                    anchor: anchors.get(n).cloned().unwrap_or_default(),
                    split: h.split,
                });
            }
            Block::Paragraph(p) => {
                if let Role::Unplaced(reason) = &p.role {
                    report.unplaced.push(Unplaced {
                        line: p.line,
                        text: p.text.clone(),
                        reason: reason.clone(),
                    });
                }
            }
            Block::Table(t) => {
                let units = heading_no.and_then(|n| section_units.get(&n));
                let found =
                    indicators::drafts(t, &section, units.map(Vec::as_slice), period.map(|p| p.0));
                let label = match k.checked_sub(1).map(|j| &blocks[j]) {
                    Some(Block::Paragraph(p)) if p.role == Role::Caption => p.text.clone(),
                    _ => report
                        .headings
                        .last()
                        .map(|h| h.text.clone())
                        .unwrap_or_else(|| "正文开头".into()),
                };
                // How the source separated the cells, for the erratum's true reason.
                let spaced = t
                    .row_lines
                    .iter()
                    .chain([&t.line])
                    .any(|l| spaced_lines.contains(l));
                errata.push(Erratum {
                    line: t.line,
                    what: format!(
                        "“{label}”的表格在来源文本中以{}分隔、{}，按原有行列整理为Markdown表格，单元格文字未改。",
                        if spaced { "连续空格" } else { "制表符" },
                        if t.cell_lines { "每格一行" } else { "每行一行" }
                    ),
                    why: "来源文本复制时丢失了表格结构。".into(),
                });
                errata.extend(t.errata.iter().cloned());
                let mut remarks = t.remarks.clone();
                remarks.push(if found.is_empty() {
                    "not an indicator table (no year columns, or no row name with a bracketed unit)"
                        .to_string()
                } else {
                    format!("indicator table: {} drafts", found.len())
                });
                report.tables.push(TableNote {
                    line: t.line,
                    end_line: t.end_line,
                    rows: t.rows.len(),
                    columns: t.header.len(),
                    header: t.header.clone(),
                    section: section.clone(),
                    drafts: found.len(),
                    remarks,
                });
                drafts.extend(found);
            }
        }
    }
    drafts
}
