//! Errors of `planpub import`: the input file cannot be read or is not text, the id or
//! region is not usable, or the draft would overwrite files that are already there.
//! Anything inside the text that the importer does not understand is not an error: it
//! stays in the draft's body and is listed in the report.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Location, Problem};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is {size} bytes, more than the {limit} bytes a plan's text may have", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{} is not UTF-8 text (the first bad byte is at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{} is UTF-16 text", path.display())]
    Utf16 { path: PathBuf },
    #[error("{} looks like a binary file, not plain text (it contains NUL bytes)", path.display())]
    Binary { path: PathBuf },
    #[error("`{id}` is not a valid plan id")]
    InvalidId { id: String, from_file: bool },
    #[error("`{region}` is not a valid region id")]
    InvalidRegion { region: String },
    #[error("refusing to overwrite {}", path.display())]
    Exists { path: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Problem for ImportError {
    fn location(&self) -> Option<&Location> {
        None
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Self::Read { path, .. }
            | Self::TooLarge { path, .. }
            | Self::NotUtf8 { path, .. }
            | Self::Utf16 { path }
            | Self::Binary { path }
            | Self::Exists { path }
            | Self::Write { path, .. } => Some(path),
            Self::InvalidId { .. } | Self::InvalidRegion { .. } => None,
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            Self::Read { .. } => "check that the file exists and can be read".into(),
            Self::TooLarge { .. } => {
                "a plan's text is a few hundred kilobytes at most; check that this is the right file".into()
            }
            Self::NotUtf8 { .. } => {
                "save the text as UTF-8; text copied from a GBK file can be converted with `iconv -f GBK -t UTF-8 FILE > FILE.utf8.txt`".into()
            }
            Self::Utf16 { .. } => {
                "save the text as UTF-8, e.g. `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8.txt`".into()
            }
            Self::Binary { .. } => {
                "copy the plan's text out of the document (PDF, Word) into a plain .txt file first".into()
            }
            Self::InvalidId { from_file: true, .. } => {
                "the id is made from the file name and must be lower-case ASCII letters, digits and `-`; pass one with --id, e.g. --id dazu-ip-action-plan-2025-2027".into()
            }
            Self::InvalidId { .. } => {
                "ids are lower-case ASCII letters, digits and `-`, e.g. dazu-ip-action-plan-2025-2027".into()
            }
            Self::InvalidRegion { .. } => {
                "a region id is the file name of content/regions/<id>.md: lower-case ASCII letters, digits and `-`".into()
            }
            Self::Exists { .. } => {
                "the importer never overwrites a file; remove it, or pass another --id or --out".into()
            }
            Self::Write { .. } => "check free disk space and permissions".into(),
        })
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Read { .. } => "planpub::import::read",
            Self::TooLarge { .. } => "planpub::import::too_large",
            Self::NotUtf8 { .. } => "planpub::import::not_utf8",
            Self::Utf16 { .. } => "planpub::import::utf16",
            Self::Binary { .. } => "planpub::import::binary",
            Self::InvalidId { .. } => "planpub::import::invalid_id",
            Self::InvalidRegion { .. } => "planpub::import::invalid_region",
            Self::Exists { .. } => "planpub::import::exists",
            Self::Write { .. } => "planpub::import::write",
        }
    }
}
