//! `planpub import`: a plain-text plan, as copied out of an official file, turned into
//! a plan bundle draft (index.md and indicators.md) that `planpub check` accepts after
//! light editing.
//!
//! The text goes through small steps, each in its own module: [`input`] reads it;
//! [`toc`] drops a copied table of contents; [`page`] takes out what a web page added
//! (navigation, breadcrumbs, buttons) and its catalogue block, which [`metadata`] reads
//! into the front matter; [`notice`], [`title`] and [`footer`] take
//! the covering notice, the plan's title and the 抄送/印发 lines into the front matter;
//! [`pasted`] and [`repair`] undo extraction artefacts where the fix is certain;
//! [`blocks`] reads headings ([`headings`], levels by [`levels`]), tables ([`tables`])
//! and paragraphs; [`sections`] walks them with the 责任单位 annotations
//! ([`crate::model::responsible`]); [`indicators`] drafts the entries of
//! indicator tables; [`render`] writes the files and [`report`] tells the editor what
//! was recognised, repaired, dropped and left unplaced. The same input always gives
//! byte-identical files; no line of the input is lost without being reported.

mod blocks;
mod columns;
mod error;
mod footer;
mod headings;
mod indicators;
mod input;
mod levels;
mod metadata;
mod notice;
mod numbers;
mod page;
mod pasted;
mod render;
mod repair;
mod report;
mod sections;
mod table_header;
mod table_rows;
mod tables;
mod text;
mod title;
mod toc;

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

pub use error::ImportError;

use blocks::Block;
use report::{Erratum, Found, Report};
use sections::read_sections;
use text::Line;

use crate::model::is_id;

/// What `planpub import` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub file: PathBuf,
    pub id: Option<String>,
    pub region: Option<String>,
    pub root: PathBuf,
    /// Where to write; default `<root>/content/plans/<id>/`.
    pub out: Option<PathBuf>,
}

/// The written draft and the report for the editor.
#[derive(Debug)]
pub struct Imported {
    pub dir: PathBuf,
    pub report: String,
}

/// The draft's two files and the report, before anything is written.
#[derive(Debug)]
pub struct Draft {
    pub index: String,
    pub indicators: String,
    pub report: String,
}

pub fn run(opts: &Options) -> Result<Imported, ImportError> {
    let id = match &opts.id {
        Some(id) if is_id(id) => id.clone(),
        Some(id) => {
            return Err(ImportError::InvalidId {
                id: id.clone(),
                from_file: false,
            });
        }
        None => {
            let stem = opts
                .file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let id = slug(&stem);
            if !is_id(&id) {
                return Err(ImportError::InvalidId {
                    id: stem,
                    from_file: true,
                });
            }
            id
        }
    };
    if let Some(region) = opts.region.as_ref().filter(|r| !is_id(r)) {
        return Err(ImportError::InvalidRegion {
            region: region.clone(),
        });
    }
    let input = input::read(&opts.file)?;
    let dir = opts
        .out
        .clone()
        .unwrap_or_else(|| opts.root.join("content").join("plans").join(&id));
    let files = [dir.join("index.md"), dir.join("indicators.md")];
    if let Some(existing) = files.iter().find(|p| p.exists()) {
        return Err(ImportError::Exists {
            path: existing.clone(),
        });
    }
    let draft = convert_input(
        input,
        &opts.file.display().to_string(),
        &dir.display().to_string(),
        opts.region.as_deref(),
    );
    let write_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Write { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(write_err(&dir))?;
    write_new(&files[0], &draft.index)?;
    if let Err(e) = write_new(&files[1], &draft.indicators) {
        // Leave nothing half-written: the index.md just created goes too.
        let _ = std::fs::remove_file(&files[0]);
        return Err(e);
    }
    Ok(Imported {
        dir,
        report: draft.report,
    })
}

fn write_new(path: &Path, text: &str) -> Result<(), ImportError> {
    let err = |source| ImportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                ImportError::Exists {
                    path: path.to_path_buf(),
                }
            } else {
                err(e)
            }
        })?;
    file.write_all(text.as_bytes()).map_err(err)
}

/// `002_81469ab4a88e0659` → `002-81469ab4a88e0659`; Chinese names give nothing.
fn slug(stem: &str) -> String {
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Converts a plan's text into the draft. `source` and `output` name the input file
/// and the draft's folder in the report.
pub fn convert(text: &str, source: &str, output: &str, region: Option<&str>) -> Draft {
    convert_input(input::split(text), source, output, region)
}

fn convert_input(input: input::Input, source: &str, output: &str, region: Option<&str>) -> Draft {
    let mut report = Report {
        input: source.to_string(),
        output: output.to_string(),
        lines: input.lines.len(),
        ..Report::default()
    };
    if input.controls_removed > 0 {
        report.notes.push(format!(
            "{} control characters (not text) were removed",
            input.controls_removed
        ));
    }
    if input.form_feeds > 0 {
        report.notes.push(format!(
            "{} form feeds (page breaks) were read as line breaks",
            input.form_feeds
        ));
    }
    if input.lines.iter().all(Line::is_blank) {
        report.notes.push("the file has no text".into());
    }
    let mut errata: Vec<Erratum> = Vec::new();

    // Front matter: the table of contents goes, the notice, title and foot are read.
    let (lines, toc) = toc::drop(input.lines);
    report.dropped = toc.dropped;
    errata.extend(toc.errata);
    let (lines, page) = page::strip(lines);
    report.page = page.dropped;
    let header = notice::header(&lines);
    let title = title::find(&lines, header.end, header.plan_title().as_deref());
    let footer = footer::footer(lines.get(header.end..).unwrap_or(&[]));
    let mut used: BTreeSet<usize> = header.used.iter().chain(&footer.used).copied().collect();
    if let Some(t) = &title {
        used.extend(t.lines.iter().map(|(n, _)| *n));
    }
    let mut front = front_matter(&header, title.as_ref(), &footer, region, &mut report);
    metadata::apply(&page.pairs, &mut front, &mut report);
    errata.extend(header.errata);
    errata.extend(title.map(|t| t.errata).unwrap_or_default());
    errata.extend(footer.errata);

    // The body: repairs, then structure.
    let mut lines: Vec<Line> = lines
        .into_iter()
        .filter(|l| !used.contains(&l.no))
        .collect();
    let padded = lines
        .iter()
        .filter(|l| !l.is_cell() && !l.is_blank() && l.text.trim() != l.text)
        .count();
    if padded > 0 {
        report.notes.push(format!(
            "{padded} line{} had spaces at their start or end; they are layout and were left out",
            if padded == 1 { "" } else { "s" }
        ));
    }
    let (spaced_notes, spaced_lines) = tables::spaced_rows(&mut lines);
    report.notes.extend(spaced_notes);
    let pasted = pasted::remove(&mut lines);
    errata.extend(pasted.errata);
    report.notes.extend(pasted.notes);
    let (mut lines, joins) = repair::join_breaks(lines);
    errata.extend(joins);
    errata.extend(repair::stray_spaces(&mut lines));
    let body = blocks::build(&lines);
    errata.extend(body.errata.iter().cloned());
    report.notes.extend(body.notes.iter().cloned());

    let markdown = render::body(&body.blocks);
    let anchors = resolve_anchors(&markdown, &body.blocks, &mut report);
    let drafts = read_sections(
        &body.blocks,
        &anchors,
        front.period,
        &spaced_lines,
        &mut errata,
        &mut report,
    );

    errata.sort_by_key(|e| e.line);
    report.errata = errata.clone();
    front.errata = errata;
    must_fill(&front, &drafts, &mut report);
    let before = header.unplaced.into_iter().map(|(n, t)| {
        let why = "before the notice title, but not an issuing body or a 发文字号; kept";
        (n, t, why.to_string())
    });
    let kept = before
        .chain(page.kept)
        .filter(|(n, _, _)| !used.contains(n));
    report.also_unplaced(kept);
    report.drafts = drafts;
    Draft {
        index: render::index(&front, &markdown),
        indicators: render::indicators(&report.drafts),
        report: report.render(),
    }
}

fn front_matter(
    header: &notice::Header,
    title: Option<&title::Title>,
    footer: &footer::Footer,
    region: Option<&str>,
    report: &mut Report,
) -> render::Front {
    let mut front = render::Front {
        region: region.unwrap_or("").to_string(),
        issuers: header.issuers.clone(),
        doc_number: header.doc_number.clone(),
        date_written: header.notice.date.clone(),
        copied_to: footer.copied_to.clone(),
        printed_by: footer.printed_by.clone(),
        date_printed: footer.date_printed.clone(),
        ..render::Front::default()
    };
    if let Some(t) = title {
        front.title = t.text.clone();
        let mut found = Found::new("title", t.text.clone());
        if t.lines.is_empty() {
            found
                .value
                .push_str(" (from the notice title; the text has no title line)");
        }
        found.lines = t.lines.clone();
        report.found.push(found);
    }
    if let Some(r) = region {
        report
            .found
            .push(Found::new("region", format!("{r} (from --region)")));
    }
    if let Some(k) = title::kind(&front.title) {
        front.kind = k.to_string();
        report.found.push(Found::new(
            "kind",
            format!("{k} (the last words of the title)"),
        ));
    }
    front.period = title::period(&front.title);
    if let Some((s, e)) = front.period {
        report.found.push(Found::new(
            "period",
            format!("{s}–{e} (the years in the title)"),
        ));
    }
    if header.notice.title.is_some() {
        front.notice = Some(header.notice.clone());
    }
    report.found.extend(header.found.iter().cloned());
    report.found.extend(footer.found.iter().cloned());
    front
}

/// The anchor of every heading block, exactly as the site will compute it.
fn resolve_anchors(markdown: &str, blocks: &[Block], report: &mut Report) -> Vec<String> {
    use crate::diagnostic::SourceFile;
    use crate::model::document::{Document, slug};
    let file = SourceFile::new(Path::new("/"), Path::new("/index.md"), markdown);
    let mut errors = Vec::new();
    let doc = Document::parse(&file, 0..markdown.len(), &mut errors);
    for e in &errors {
        report.notes.push(format!("heading anchors: {e}"));
    }
    let headings: Vec<&blocks::Heading> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h),
            _ => None,
        })
        .collect();
    if doc.outline.len() == headings.len() {
        doc.outline.iter().map(|h| h.anchor.clone()).collect()
    } else {
        report.notes.push(
            "the headings could not all be matched to their anchors; check `section` values".into(),
        );
        headings
            .iter()
            .map(|h| h.anchor.clone().unwrap_or_else(|| slug(&h.text)))
            .collect()
    }
}

fn must_fill(front: &render::Front, drafts: &[indicators::Draft], report: &mut Report) {
    let m = &mut report.must_fill;
    if front.title.is_empty() {
        m.push("index.md `title`: no title was found; write the plan's full official title".into());
    }
    if front.region.is_empty() {
        m.push("index.md `region`: written as \"\"; fill in a region id of content/regions/ (or pass --region)".into());
    }
    if front.kind.is_empty() {
        m.push("index.md `kind`: the title does not say; one of 纲要 规划 实施方案 行动计划 工作方案 工作要点 意见 通知".into());
    }
    if !drafts.is_empty() {
        m.push(format!(
            "indicators.md: the `indicator` id of all {} drafts (a file name of content/indicators/, new or existing)",
            drafts.len()
        ));
    }
    let no_section = drafts.iter().filter(|d| d.section.is_empty()).count();
    if no_section > 0 {
        m.push(format!(
            "indicators.md: the `section` of {no_section} drafts whose table stands under no heading"
        ));
    }
    for d in drafts {
        for p in &d.problems {
            m.push(format!("indicators.md, {}: {p}", d.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(slug("002_81469ab4a88e0659"), "002-81469ab4a88e0659");
        assert_eq!(slug("Dazu Plan (2025)"), "dazu-plan-2025");
        assert_eq!(slug("大足区行动计划"), "");
        assert!(is_id("dazu-draft"));
        assert!(!is_id("Dazu"));
        assert!(!is_id("-x"));
        assert!(!is_id(""));
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        for text in [
            "",
            "\n\n",
            "\t",
            "\t\t\n\t",
            "一、",
            "（）",
            "附件",
            "专栏",
            "第章",
            "1．",
            "|",
            "---",
            "抄送：",
            "印发",
        ] {
            let d = convert(text, "x.txt", "out", None);
            assert!(
                d.index.starts_with("---\ntitle: \"\"\n"),
                "{text:?}: {}",
                d.index
            );
            assert!(d.indicators.contains("indicators: []"));
        }
    }

    /// Random cuts and shuffles of the fixtures: whatever the lines, no panic.
    #[test]
    fn fragments_never_panic() {
        let texts = [
            include_str!("../../tests/fixtures/import/notice.txt"),
            include_str!("../../tests/fixtures/import/headings.txt"),
            include_str!("../../tests/fixtures/import/table.txt"),
            include_str!("../../tests/fixtures/import/responsible.txt"),
            include_str!("../../tests/fixtures/import/pasted.txt"),
            include_str!("../../tests/fixtures/import/split-word.txt"),
            include_str!("../../tests/fixtures/import/gov-page.txt"),
            include_str!("../../tests/fixtures/import/gov-meta-table.txt"),
        ];
        let all: Vec<&str> = texts.iter().flat_map(|t| t.lines()).collect();
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n.max(1) as u64) as usize
        };
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..next(40) {
                let line = all[next(all.len())];
                let cut = line
                    .char_indices()
                    .map(|(i, _)| i)
                    .nth(next(line.chars().count() + 1))
                    .unwrap_or(line.len());
                text.push_str(if next(3) == 0 { &line[cut..] } else { line });
                text.push_str(["\n", "\n\n", "\t", ""][next(4)]);
            }
            let d = convert(&text, "x.txt", "out", None);
            assert!(d.index.starts_with("---\ntitle: "));
        }
    }

    #[test]
    fn conversion_is_deterministic() {
        let text = "一、总体要求\n\n到2027年，取得成效。\n\n附件1\n\n\t序号\n\t指标\n\t2025\n\n\t1\n\t甲（家）\n\t3\n";
        let a = convert(text, "x.txt", "out", Some("east"));
        let b = convert(text, "x.txt", "out", Some("east"));
        assert_eq!(a.index, b.index);
        assert_eq!(a.indicators, b.indicators);
        assert_eq!(a.report, b.report);
        assert!(a.indicators.contains("section: annex-1"));
    }
}
