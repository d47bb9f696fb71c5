//! Heading levels by context: the Markdown level of a numbered heading follows the
//! numbering kinds the document actually uses, not a fixed table. Of the ranked kinds
//! (第一编/第一部分 > 第一章 > 第一节 > 一、 > （一） > 1. > （1）/①) the highest present
//! becomes `##` (the plan title is `#`), the next present `###`, and so on to `######`;
//! a kind deeper than that stays a paragraph with its number and is reported.
//!
//! Only lines already taken for headings count (a long numbered sentence kept as a
//! paragraph creates no level), and a table of contents is dropped before this step.
//! The body before the first annex and each annex are ranked on their own, because an
//! annex (`##`) starts its own numbering and its kinds go below it. When a lower-ranked
//! kind comes first and a higher-ranked one later, the fixed order still decides, and
//! the report says that those levels are a guess, with the lines.

use std::collections::BTreeMap;

use super::blocks::{Block, Paragraph, Role};
use super::headings::{Kind, RANKS};

/// The deepest Markdown heading.
const DEEPEST: u8 = 6;

/// Sets the level of every heading in `blocks`; headings that would be deeper than
/// `######` become unplaced paragraphs again. What was decided goes into `notes`.
pub fn assign(blocks: &mut Vec<Block>, notes: &mut Vec<String>) {
    let annexes: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Heading(h) if h.kind == Kind::Annex))
        .map(|(i, _)| i)
        .collect();
    let first_annex = annexes.first().copied().unwrap_or(blocks.len());
    segment(&mut blocks[..first_annex], 2, None, notes);
    for (k, &a) in annexes.iter().enumerate() {
        let end = annexes.get(k + 1).copied().unwrap_or(blocks.len());
        let name = match &mut blocks[a] {
            Block::Heading(h) => {
                h.level = 2;
                h.text.clone()
            }
            _ => String::new(),
        };
        segment(&mut blocks[a + 1..end], 3, Some(&name), notes);
    }
    demote(blocks);
}

/// Where a kind first stands as a heading.
struct First {
    rank: usize,
    line: usize,
    text: String,
}

/// Levels for one run of blocks whose first level is `base`.
fn segment(blocks: &mut [Block], base: u8, annex: Option<&str>, notes: &mut Vec<String>) {
    let mut firsts: Vec<First> = Vec::new();
    for b in blocks.iter() {
        if let Block::Heading(h) = b
            && let Some(rank) = h.kind.rank()
            && !firsts.iter().any(|f| f.rank == rank)
        {
            firsts.push(First {
                rank,
                line: h.line,
                text: h.text.clone(),
            });
        }
    }
    if firsts.is_empty() {
        // Only boxes, if anything: they stand at the first level.
        for b in blocks.iter_mut() {
            if let Block::Heading(h) = b {
                h.level = base;
            }
        }
        return;
    }
    let mut present: Vec<usize> = firsts.iter().map(|f| f.rank).collect();
    present.sort_unstable();
    let levels: BTreeMap<usize, u8> = present
        .iter()
        .enumerate()
        .filter_map(|(i, &rank)| {
            let level = base + u8::try_from(i).ok()?;
            (level <= DEEPEST).then_some((rank, level))
        })
        .collect();

    let scheme: Vec<String> = present
        .iter()
        .filter_map(|rank| {
            let f = firsts.iter().find(|f| f.rank == *rank)?;
            let level = levels
                .get(rank)
                .map_or("a paragraph (too deep)".to_string(), |l| hashes(*l));
            Some(format!("{} {level} (from line {})", RANKS[*rank], f.line))
        })
        .collect();
    notes.push(format!(
        "heading levels {}follow the numbering the text uses: {}",
        annex.map(|a| format!("under “{a}” ")).unwrap_or_default(),
        scheme.join(", ")
    ));
    for (k, f) in firsts.iter().enumerate() {
        // A kind that ranks higher than one already seen: the text does not say which
        // is above, so the fixed order decides and the clerk is asked to check.
        let Some(earlier) = firsts[..k].iter().find(|e| e.rank > f.rank) else {
            continue;
        };
        let level = |rank: usize| {
            levels
                .get(&rank)
                .map_or("a paragraph".into(), |l| hashes(*l))
        };
        notes.push(format!(
            "line {}: “{}” is {} and “{}” (line {}) {}, by the fixed order {}; but {} comes first in the text, so these levels are a guess: check them",
            f.line,
            f.text,
            level(f.rank),
            earlier.text,
            earlier.line,
            level(earlier.rank),
            RANKS.join(" > "),
            RANKS[earlier.rank],
        ));
    }

    // Boxes sum up the section they stand in, not a numbered task before them: they
    // go one below the nearest heading ranked above 1.
    let task_rank = Kind::Task.rank().unwrap_or(usize::MAX);
    let mut section_level = None;
    for b in blocks.iter_mut() {
        let Block::Heading(h) = b else { continue };
        match h.kind.rank() {
            Some(rank) => {
                // 0 marks a heading too deep for Markdown; `demote` turns it back.
                h.level = levels.get(&rank).copied().unwrap_or(0);
                if rank < task_rank && h.level > 0 {
                    section_level = Some(h.level);
                }
            }
            None => h.level = section_level.map_or(base, |l| (l + 1).min(DEEPEST)),
        }
    }
}

/// Headings left without a level become paragraphs again, with their whole line (the
/// lead-in split off before is joined back to its text).
fn demote(blocks: &mut Vec<Block>) {
    let mut out = Vec::with_capacity(blocks.len());
    let mut drop_next = false;
    for b in blocks.drain(..) {
        if std::mem::take(&mut drop_next) && matches!(b, Block::Paragraph(_)) {
            continue;
        }
        match b {
            Block::Heading(h) if h.level == 0 => {
                drop_next = h.split;
                let marker = h.kind.rank().map_or("", |r| RANKS[r]);
                out.push(Block::Paragraph(Paragraph {
                    line: h.line,
                    text: h.source,
                    role: Role::Unplaced(format!(
                        "numbered like {marker}, a kind of heading that would be deeper than ######; kept as a paragraph with its number"
                    )),
                }));
            }
            b => out.push(b),
        }
    }
    *blocks = out;
}

fn hashes(level: u8) -> String {
    "#".repeat(level as usize)
}

#[cfg(test)]
mod tests {
    use crate::import::blocks::{Block, Role, build};
    use crate::import::input::split;

    fn headings(text: &str) -> (Vec<String>, Vec<String>) {
        let body = build(&split(text).lines);
        let shape = body
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(format!("{} {}", "#".repeat(h.level as usize), h.text)),
                Block::Paragraph(p) if matches!(p.role, Role::Unplaced(_)) => {
                    Some(format!("unplaced {}", p.text))
                }
                _ => None,
            })
            .collect();
        (shape, body.notes)
    }

    #[test]
    fn the_highest_kind_present_is_the_first_level() {
        let (h, notes) = headings("一、总体要求\n（一）指导思想\n二、重点任务\n");
        assert_eq!(
            h,
            ["## 一、总体要求", "### （一）指导思想", "## 二、重点任务"]
        );
        assert_eq!(
            notes,
            [
                "heading levels follow the numbering the text uses: 一、 ## (from line 1), （一） ### (from line 2)"
            ]
        );
    }

    #[test]
    fn a_missing_kind_leaves_no_gap() {
        let (h, _) = headings("第一章 总则\n一、目标\n（一）近期\n第一节 不该在此\n");
        assert_eq!(
            h,
            [
                "## 第一章 总则",
                "#### 一、目标",
                "##### （一）近期",
                "### 第一节 不该在此"
            ]
        );
        let (h, _) = headings("第一章 总则\n一、目标\n（一）近期\n");
        assert_eq!(h, ["## 第一章 总则", "### 一、目标", "#### （一）近期"]);
    }

    #[test]
    fn a_higher_kind_after_a_lower_one_is_a_reported_guess() {
        let (h, notes) = headings("一、前言\n第一章 总则\n一、目标\n");
        assert_eq!(h, ["### 一、前言", "## 第一章 总则", "### 一、目标"]);
        assert!(
            notes[1].starts_with("line 2: “第一章 总则” is ## and “一、前言” (line 1) ###"),
            "{notes:?}"
        );
        assert!(notes[1].contains("a guess"));
    }

    #[test]
    fn kinds_deeper_than_six_levels_stay_paragraphs() {
        let text = "第一编 总论\n第一章 总则\n第一节 目标\n一、近期\n（一）产业\n1．制造。推进技改。\n（1）汽车\n";
        let (h, notes) = headings(text);
        assert_eq!(
            h,
            [
                "## 第一编 总论",
                "### 第一章 总则",
                "#### 第一节 目标",
                "##### 一、近期",
                "###### （一）产业",
                "unplaced 1．制造。推进技改。",
                "unplaced （1）汽车",
            ]
        );
        assert!(notes[0].contains("1. a paragraph (too deep) (from line 6)"));
    }

    #[test]
    fn boxes_go_under_their_section_and_annexes_rank_on_their_own() {
        let text =
            "第一章 总则\n（一）目标\n1．甲。\n专栏1 重点工程\n附件1\n一、要点\n（一）细则\n";
        let (h, notes) = headings(text);
        assert_eq!(
            h,
            [
                "## 第一章 总则",
                "### （一）目标",
                "#### 1．甲。",
                "#### 专栏1 重点工程",
                "## 附件1",
                "### 一、要点",
                "#### （一）细则",
            ]
        );
        assert!(notes[1].starts_with("heading levels under “附件1” follow"));
    }
}
