//! What the importer tells the editor: everything it recognised, every repair it made
//! (the same entries go into `errata`), every line it dropped or could not place, and
//! what must be filled in before `planpub check` accepts the draft.

use std::fmt::Write as _;

use super::indicators::Draft;

/// A change to the source text, as it goes into `errata` (in Chinese) and the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erratum {
    /// The source line the change is at, for sorting and for the report.
    pub line: usize,
    pub what: String,
    pub why: String,
}

/// A front-matter field read from the source, with the lines it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub field: &'static str,
    pub value: String,
    pub lines: Vec<(usize, String)>,
}

impl Found {
    pub fn new(field: &'static str, value: impl Into<String>) -> Self {
        Self {
            field,
            value: value.into(),
            lines: Vec::new(),
        }
    }

    pub fn from_lines(
        field: &'static str,
        value: impl Into<String>,
        lines: &[(usize, &str)],
    ) -> Self {
        Self {
            field,
            value: value.into(),
            lines: lines.iter().map(|(n, t)| (*n, t.to_string())).collect(),
        }
    }
}

/// A line of a web page taken out of the text (navigation, breadcrumbs, the
/// catalogue block …), with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub line: usize,
    pub text: String,
    pub why: String,
}

/// A line kept in the body although the importer could not tell what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    pub line: usize,
    pub text: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingNote {
    pub line: usize,
    pub level: u8,
    pub text: String,
    pub anchor: String,
    /// The lead-in was split from the text that followed it on the same line.
    pub split: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableNote {
    pub line: usize,
    pub end_line: usize,
    pub rows: usize,
    pub columns: usize,
    pub header: Vec<String>,
    pub section: String,
    pub drafts: usize,
    pub remarks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponsibleNote {
    pub line: usize,
    pub section: String,
    pub units: Vec<String>,
    /// 按职责分工负责 and the like, removed from the list of units.
    pub stripped: Option<String>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub input: String,
    pub output: String,
    pub lines: usize,
    pub found: Vec<Found>,
    pub headings: Vec<HeadingNote>,
    pub tables: Vec<TableNote>,
    pub drafts: Vec<Draft>,
    pub responsible: Vec<ResponsibleNote>,
    pub errata: Vec<Erratum>,
    pub dropped: Vec<(usize, String)>,
    /// Lines of the web page the text was copied from.
    pub page: Vec<Dropped>,
    /// What the catalogue block said that was not taken, or differed: to check.
    pub catalogue: Vec<String>,
    pub unplaced: Vec<Unplaced>,
    pub notes: Vec<String>,
    pub must_fill: Vec<String>,
}

impl Report {
    /// Lines the notice and page readers left in the text although they are not the
    /// plan's running text, beside those the body reader could not place; a line both
    /// name gets both reasons.
    pub fn also_unplaced(&mut self, lines: impl IntoIterator<Item = (usize, String, String)>) {
        for (line, text, reason) in lines {
            match self.unplaced.iter_mut().find(|u| u.line == line) {
                Some(u) => u.reason = format!("{reason}; {}", u.reason),
                None => self.unplaced.push(Unplaced { line, text, reason }),
            }
        }
        self.unplaced.sort_by_key(|u| u.line);
    }

    pub fn render(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "planpub import {} ({} lines)", self.input, self.lines);
        let _ = writeln!(o, "draft: {}", self.output);
        self.render_found(&mut o);
        self.render_headings(&mut o);
        self.render_tables(&mut o);
        self.render_responsible(&mut o);
        self.render_repairs(&mut o);
        if !self.dropped.is_empty() {
            let _ = writeln!(
                o,
                "\ndropped ({} lines, a table of contents; the site makes its own):",
                self.dropped.len()
            );
            for (n, t) in &self.dropped {
                let _ = writeln!(o, "  line {n}: {t}");
            }
        }
        self.render_page(&mut o);
        let _ = writeln!(
            o,
            "\nunplaced lines ({}, kept in the body as paragraphs; check them):",
            self.unplaced.len()
        );
        for u in &self.unplaced {
            let _ = writeln!(o, "  line {}: {}\n    {}", u.line, u.text, u.reason);
        }
        if !self.notes.is_empty() {
            let _ = writeln!(o, "\nnotes:");
            for n in &self.notes {
                let _ = writeln!(o, "  - {n}");
            }
        }
        let _ = writeln!(o, "\nmust be filled in before `planpub check` passes:");
        if self.must_fill.is_empty() {
            let _ = writeln!(o, "  nothing");
        }
        for m in &self.must_fill {
            let _ = writeln!(o, "  - {m}");
        }
        o
    }

    fn render_page(&self, o: &mut String) {
        if !self.page.is_empty() {
            let _ = writeln!(
                o,
                "\ndropped from the web page ({} lines: the page's, not the document's text; not errata):",
                self.page.len()
            );
            for d in &self.page {
                let _ = writeln!(o, "  line {}: {}\n    {}", d.line, d.text, d.why);
            }
        }
        if !self.catalogue.is_empty() {
            let _ = writeln!(
                o,
                "\ncatalogue block, not taken or in doubt ({}; check them):",
                self.catalogue.len()
            );
            for c in &self.catalogue {
                let _ = writeln!(o, "  {c}");
            }
        }
    }

    fn render_found(&self, o: &mut String) {
        let _ = writeln!(
            o,
            "\nrecognised front matter ({} fields):",
            self.found.len()
        );
        for f in &self.found {
            let _ = writeln!(o, "  {}: {}", f.field, f.value);
            for (n, t) in &f.lines {
                let _ = writeln!(o, "      line {n}: {t}");
            }
        }
    }

    fn render_headings(&self, o: &mut String) {
        let count = |level| self.headings.iter().filter(|h| h.level == level).count();
        // Every level the text uses, so the counts add up to the total.
        let levels: Vec<String> = (2..=6u8)
            .filter(|&l| count(l) > 0)
            .map(|l| format!("{} {}", "#".repeat(usize::from(l)), count(l)))
            .collect();
        let _ = writeln!(
            o,
            "\nheadings: {} ({}); {} lead-ins split from their text",
            self.headings.len(),
            levels.join(", "),
            self.headings.iter().filter(|h| h.split).count()
        );
        for h in &self.headings {
            let _ = writeln!(
                o,
                "  line {}: {} {}  #{}",
                h.line,
                "#".repeat(h.level as usize),
                h.text,
                h.anchor
            );
        }
    }

    fn render_tables(&self, o: &mut String) {
        let _ = writeln!(o, "\ntables: {}", self.tables.len());
        for t in &self.tables {
            let _ = writeln!(
                o,
                "  lines {}–{}: {} rows × {} columns under #{}; header: {}",
                t.line,
                t.end_line,
                t.rows,
                t.columns,
                t.section,
                t.header.join(" | ")
            );
            for r in &t.remarks {
                let _ = writeln!(o, "    {r}");
            }
        }
        let _ = writeln!(
            o,
            "\nindicator drafts: {}{}",
            self.drafts.len(),
            if self.drafts.is_empty() {
                ""
            } else {
                " (in indicators.md; every `indicator:` id is empty)"
            }
        );
        for d in &self.drafts {
            let _ = writeln!(o, "  line {}: {}", d.line, d.summary());
            for p in &d.problems {
                let _ = writeln!(o, "    ! {p}");
            }
            for (n, r) in &d.readings {
                let _ = writeln!(o, "    line {n}: {r}");
            }
        }
    }

    fn render_responsible(&self, o: &mut String) {
        let _ = writeln!(
            o,
            "\n责任单位 annotations: {} (kept in the text; used as `responsible` of drafts under the same heading)",
            self.responsible.len()
        );
        for r in &self.responsible {
            let stripped = r
                .stripped
                .as_ref()
                .map(|s| format!(" (removed “{s}” from the list)"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "  line {} #{}: {}{}",
                r.line,
                r.section,
                r.units.join("、"),
                stripped
            );
        }
    }

    fn render_repairs(&self, o: &mut String) {
        let _ = writeln!(
            o,
            "\nrepairs ({}, each also written to `errata` in index.md):",
            self.errata.len()
        );
        for e in &self.errata {
            let _ = writeln!(o, "  line {}: {}\n    {}", e.line, e.what, e.why);
        }
    }
}
