//! Errors of `planpub import`: the input file cannot be read or is not text, the id or
//! region is not usable, or the draft would overwrite files that are already there.
//! Anything inside the text that the importer does not understand is not an error: it
//! stays in the draft's body and is listed in the report.

use std::path::PathBuf;

use crate::diagnostic::problem;

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

problem! {
    ImportError {
        Read { path, .. } => {
            code: "planpub::import::read",
            path: path,
            help: "check that the file exists and can be read",
        },
        TooLarge { path, .. } => {
            code: "planpub::import::too_large",
            path: path,
            help: "a plan's text is a few hundred kilobytes at most; check that this is the right file",
        },
        NotUtf8 { path, .. } => {
            code: "planpub::import::not_utf8",
            path: path,
            help: "save the text as UTF-8; text copied from a GBK file can be converted with `iconv -f GBK -t UTF-8 FILE > FILE.utf8.txt`",
        },
        Utf16 { path } => {
            code: "planpub::import::utf16",
            path: path,
            help: "save the text as UTF-8, e.g. `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8.txt`",
        },
        Binary { path } => {
            code: "planpub::import::binary",
            path: path,
            help: "copy the plan's text out of the document (PDF, Word) into a plain .txt file first",
        },
        InvalidId { from_file, .. } => {
            code: "planpub::import::invalid_id",
            help: if *from_file {
                "the id is made from the file name and must be lower-case ASCII letters, digits and `-`; pass one with --id, e.g. --id dazu-ip-action-plan-2025-2027"
            } else {
                "ids are lower-case ASCII letters, digits and `-`, e.g. dazu-ip-action-plan-2025-2027"
            },
        },
        InvalidRegion { .. } => {
            code: "planpub::import::invalid_region",
            help: "a region id is the file name of content/regions/<id>.md: lower-case ASCII letters, digits and `-`",
        },
        Exists { path } => {
            code: "planpub::import::exists",
            path: path,
            help: "the importer never overwrites a file; remove it, or pass another --id or --out",
        },
        Write { path, .. } => {
            code: "planpub::import::write",
            path: path,
            help: "check free disk space and permissions",
        },
    }
}
