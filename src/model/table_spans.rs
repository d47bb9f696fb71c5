//! Which cells of a table are merged (model: the table structure an editor wrote, checked
//! here and laid out by `render::markdown_table`): `^^` joins the cell above, `<<` the cell to the
//! left. The same rules serve the render, which writes `rowspan` and `colspan`, and
//! [`lone_markers`], which finds the markers with nothing to join for a stage that can
//! report them with their line.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::model::document::markdown_options;

/// The marker of a cell joined to the cell above it.
pub const UP: &str = "^^";
/// The marker of a cell joined to the cell to its left.
pub const LEFT: &str = "<<";

/// What a cell of the source says about merging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A cell of its own.
    Cell,
    /// `^^`: joins the cell above.
    Up,
    /// `<<`: joins the cell to the left.
    Left,
}

impl Mark {
    /// The mark of a cell whose whole text is `text`.
    pub fn of(text: &str) -> Mark {
        match text.trim() {
            UP => Mark::Up,
            LEFT => Mark::Left,
            _ => Mark::Cell,
        }
    }
}

/// A position of the table once merged cells are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A cell starts here and covers `rows` × `cols` positions. `lone` is a marker with
    /// nothing to join, shown as written.
    Cell {
        rows: usize,
        cols: usize,
        lone: bool,
    },
    /// Covered by a cell above or to the left.
    Joined,
}

/// A rectangle of positions written as one cell.
#[derive(Debug, Clone, Copy)]
struct Block {
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
    lone: bool,
}

/// Joins the marked cells of a table. `marks[0]` is the header row; a body cell never
/// joins the header (a cell cannot span `thead` and `tbody`).
pub fn layout(marks: &[Vec<Mark>]) -> Vec<Vec<Slot>> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut owner: Vec<Vec<usize>> = Vec::with_capacity(marks.len());
    for (r, row) in marks.iter().enumerate() {
        let mut owners: Vec<usize> = Vec::with_capacity(row.len());
        for (c, &mark) in row.iter().enumerate() {
            let joined = match mark {
                Mark::Cell => None,
                Mark::Left => c
                    .checked_sub(1)
                    .and_then(|left| owners.get(left).copied())
                    .filter(|&o| join_left(&mut blocks[o], r, c)),
                Mark::Up if r >= 2 => owner
                    .get(r - 1)
                    .and_then(|above| above.get(c).copied())
                    .filter(|&o| join_up(&mut blocks[o], r)),
                Mark::Up => None,
            };
            owners.push(joined.unwrap_or_else(|| {
                blocks.push(Block {
                    row: r,
                    col: c,
                    rows: 1,
                    cols: 1,
                    lone: mark != Mark::Cell,
                });
                blocks.len() - 1
            }));
        }
        keep_rectangles(&mut blocks, &mut owners, r);
        owner.push(owners);
    }
    owner
        .iter()
        .enumerate()
        .map(|(r, owners)| {
            owners
                .iter()
                .enumerate()
                .map(|(c, &o)| {
                    let b = blocks[o];
                    if (b.row, b.col) == (r, c) {
                        Slot::Cell {
                            rows: b.rows,
                            cols: b.cols,
                            lone: b.lone,
                        }
                    } else {
                        Slot::Joined
                    }
                })
                .collect()
        })
        .collect()
}

/// `<<` at row `r`, column `c` beside `block`: widens a cell begun in this row, or
/// fills a column of a cell carried down into this row.
fn join_left(block: &mut Block, r: usize, c: usize) -> bool {
    if block.row == r && block.col + block.cols == c {
        block.cols += 1;
        true
    } else {
        block.row < r && (block.col..block.col + block.cols).contains(&c)
    }
}

/// `^^` at row `r` under `block`: carries it down into this row (once per row).
fn join_up(block: &mut Block, r: usize) -> bool {
    if block.row + block.rows == r {
        block.rows += 1;
        true
    } else {
        block.row + block.rows == r + 1
    }
}

/// A cell carried down into row `r` must cover all its columns there, or it would not
/// be a rectangle: then it stays above, and the markers that carried it are lone.
fn keep_rectangles(blocks: &mut Vec<Block>, owners: &mut [usize], r: usize) {
    let mut carried: Vec<usize> = owners
        .iter()
        .copied()
        .filter(|&o| blocks[o].row < r)
        .collect();
    carried.sort_unstable();
    carried.dedup();
    for o in carried {
        let b = blocks[o];
        if (b.col..b.col + b.cols).all(|c| owners.get(c) == Some(&o)) {
            continue;
        }
        blocks[o].rows -= 1;
        for (c, slot) in owners.iter_mut().enumerate() {
            if *slot == o {
                blocks.push(Block {
                    row: r,
                    col: c,
                    rows: 1,
                    cols: 1,
                    lone: true,
                });
                *slot = blocks.len() - 1;
            }
        }
    }
}

/// A merge marker that joins nothing, with its place in the Markdown it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoneMarker {
    /// Byte range of the cell in the Markdown.
    pub range: Range<usize>,
    pub marker: &'static str,
    /// 0 for the header row, then 1, 2 … for the body rows.
    pub row: usize,
    /// 1-based.
    pub column: usize,
}

/// The merge markers of `markdown`'s tables that the render shows as written, because
/// they have nothing to join, for the stage that reports content errors.
pub fn lone_markers(markdown: &str) -> Vec<LoneMarker> {
    let mut found = Vec::new();
    // Per row, per cell: its range, its text, and whether it holds anything but text.
    let mut rows: Vec<Vec<(Range<usize>, String, bool)>> = Vec::new();
    let mut in_cell = false;
    for (event, span) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => rows.clear(),
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                if let Some(row) = rows.last_mut() {
                    row.push((span, String::new(), false));
                }
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Text(t) if in_cell => {
                if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.1.push_str(&t);
                }
            }
            Event::End(TagEnd::Table) => {
                let marks: Vec<Vec<Mark>> = rows
                    .iter()
                    .map(|row| {
                        row.iter()
                            .map(
                                |(_, text, other)| if *other { Mark::Cell } else { Mark::of(text) },
                            )
                            .collect()
                    })
                    .collect();
                for (r, slots) in layout(&marks).iter().enumerate() {
                    for (c, slot) in slots.iter().enumerate() {
                        if let (Slot::Cell { lone: true, .. }, Some((range, ..))) =
                            (slot, rows.get(r).and_then(|row| row.get(c)))
                        {
                            found.push(LoneMarker {
                                range: range.clone(),
                                marker: if marks[r][c] == Mark::Up { UP } else { LEFT },
                                row: r,
                                column: c + 1,
                            });
                        }
                    }
                }
            }
            _ if in_cell => {
                if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.2 = true;
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(rows: &[&str]) -> Vec<Vec<Mark>> {
        rows.iter()
            .map(|r| r.split_whitespace().map(Mark::of).collect())
            .collect()
    }

    fn cell(rows: usize, cols: usize) -> Slot {
        Slot::Cell {
            rows,
            cols,
            lone: false,
        }
    }

    const LONE: Slot = Slot::Cell {
        rows: 1,
        cols: 1,
        lone: true,
    };

    use Slot::Joined as J;

    #[test]
    fn up_markers_make_a_rowspan_and_left_markers_a_colspan() {
        let slots = layout(&marks(&["a b c", "x y z", "^^ y ^^", "^^ << y"]));
        assert_eq!(slots[1], [cell(3, 1), cell(1, 1), cell(2, 1)]);
        assert_eq!(slots[2], [J, cell(1, 1), J]);
        // `<<` beside a cell carried down from above joins nothing: that cell is one
        // column wide.
        assert_eq!(slots[3], [J, LONE, cell(1, 1)]);
        let slots = layout(&marks(&["a b c", "x y <<"]));
        assert_eq!(slots[1], [cell(1, 1), cell(1, 2), J]);
        let head = layout(&marks(&["a 年度 << << b", "1 2 3 4 5"]));
        assert_eq!(head[0], [cell(1, 1), cell(1, 3), J, J, cell(1, 1)]);
    }

    #[test]
    fn both_markers_make_one_block() {
        // Its second row may be written `^^ ^^` or `^^ <<`.
        for second in ["^^ ^^ c", "^^ << c"] {
            let slots = layout(&marks(&["h h h", "x << c", second, "d e f"]));
            assert_eq!(slots[1], [cell(2, 2), J, cell(1, 1)], "{second}");
            assert_eq!(slots[2], [J, J, cell(1, 1)], "{second}");
            assert_eq!(slots[3], [cell(1, 1), cell(1, 1), cell(1, 1)]);
        }
    }

    #[test]
    fn markers_with_nothing_to_join_are_lone() {
        // `^^` in the header, in the first body row (a cell cannot span thead and
        // tbody), `<<` in the first column.
        let slots = layout(&marks(&["^^ b", "^^ y", "<< x"]));
        assert_eq!(slots[0], [LONE, cell(1, 1)]);
        assert_eq!(slots[1][0], LONE);
        assert_eq!(slots[2][0], LONE);
        // Carried down under half of a two-column cell: not a rectangle.
        let slots = layout(&marks(&["h h", "x <<", "^^ y"]));
        assert_eq!(slots[1], [cell(1, 2), J]);
        assert_eq!(slots[2], [LONE, cell(1, 1)]);
        let slots = layout(&marks(&["h h h", "x << <<", "^^ y ^^"]));
        assert_eq!(slots[1], [cell(1, 3), J, J]);
        assert_eq!(slots[2], [LONE, cell(1, 1), LONE]);
    }

    #[test]
    fn lone_markers_name_their_cell() {
        let text = "| ^^ | b |\n|---|---|\n| ^^ | 1 |\n| 2 | ^^ |\n| << | 3 |\n";
        let found = lone_markers(text);
        let at: Vec<(usize, usize, &str, &str)> = found
            .iter()
            .map(|m| (m.row, m.column, m.marker, text[m.range.clone()].trim()))
            .collect();
        assert_eq!(at, [(0, 1, UP, "^^"), (1, 1, UP, "^^"), (3, 1, LEFT, "<<")]);
        // Markers that join, and marker-like text that is not a whole cell, are fine.
        assert!(
            lone_markers("| a | b |\n|---|---|\n| 1 | << |\n| 2 | x ^^ |\n| ^^ | `<<` |\n")
                .is_empty()
        );
    }
}
