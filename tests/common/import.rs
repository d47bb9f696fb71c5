//! `planpub import` on the fixtures of tests/fixtures/import: the draft's files and the
//! report, shared by the importer's integration tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Run, repo};

/// tests/fixtures/import/<name>.txt
pub fn fixture(name: &str) -> PathBuf {
    repo()
        .join("tests/fixtures/import")
        .join(format!("{name}.txt"))
}

/// The name of every import fixture, sorted.
pub fn all_fixtures() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(repo().join("tests/fixtures/import"))
        .expect("fixtures folder")
        .filter_map(|e| {
            let name = e.expect("entry").file_name().to_string_lossy().into_owned();
            name.strip_suffix(".txt").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

pub fn planpub(args: &[&str]) -> Run {
    super::run(Command::new(env!("CARGO_BIN_EXE_planpub")).args(args))
}

/// An imported fixture: the draft's files and the report.
pub struct Imported {
    pub _dir: tempfile::TempDir,
    pub out: PathBuf,
    pub index: String,
    pub indicators: String,
    pub report: String,
}

impl Imported {
    /// The front matter of index.md.
    pub fn front(&self) -> &str {
        self.index.split("---\n").nth(1).unwrap_or("")
    }

    /// The body of index.md.
    pub fn body(&self) -> &str {
        self.index.splitn(3, "---\n").nth(2).unwrap_or("")
    }

    /// The Markdown heading lines of index.md's body, in order.
    pub fn headings(&self) -> Vec<&str> {
        self.body().lines().filter(|l| l.starts_with('#')).collect()
    }

    /// The report's lines, trimmed, for exact comparison.
    pub fn report_lines(&self) -> Vec<&str> {
        self.report.lines().map(str::trim).collect()
    }

    pub fn has_report_line(&self, line: &str) -> bool {
        self.report_lines().contains(&line)
    }
}

/// Imports `file` into a temporary folder, with `extra` arguments.
pub fn import_file(file: &Path, extra: &[&str]) -> Imported {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("draft");
    let (file, out_arg) = (file.display().to_string(), out.display().to_string());
    let mut args = vec!["import", file.as_str(), "--out", out_arg.as_str()];
    args.extend_from_slice(extra);
    let run = planpub(&args);
    run.ok();
    Imported {
        index: fs::read_to_string(out.join("index.md")).expect("index.md written"),
        indicators: fs::read_to_string(out.join("indicators.md")).expect("indicators.md written"),
        report: run.stdout,
        out,
        _dir: dir,
    }
}

/// Imports the fixture `name`.
pub fn import(name: &str) -> Imported {
    import_file(&fixture(name), &[])
}
