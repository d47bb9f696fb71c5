//! Errors of `planpub new`: the id or a flag's value is not usable, a named region
//! does not exist, or a file to create is already there. When any of them happens,
//! nothing is written.

use std::path::PathBuf;

use crate::diagnostic::{hint_for, problem};

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("no site.yaml in {}", root.display())]
    NoSite { root: PathBuf },
    #[error("`{id}` is not a valid {what} id")]
    InvalidId { id: String, what: &'static str },
    #[error("there is no region `{id}` (no such file)")]
    UnknownRegion {
        id: String,
        path: PathBuf,
        flag: &'static str,
        known: Vec<String>,
    },
    #[error("`{found}` is not a valid {field}")]
    InvalidChoice {
        field: &'static str,
        found: String,
        expected: Vec<&'static str>,
    },
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
    ScaffoldError {
        NoSite { root } => {
            code: "planpub::new::no_site",
            path: root,
            help: "run planpub in the site's folder, or pass --root DIR; the folder needs site.yaml and content/",
        },
        InvalidId { what, .. } => {
            code: "planpub::new::invalid_id",
            help: format!(
                "a {what} id becomes its file name and URL: lower-case ASCII letters, digits and `-`, e.g. {}",
                if *what == "plan" {
                    "dazu-ip-action-plan-2025-2027"
                } else {
                    "dazu"
                }
            ),
        },
        UnknownRegion { id, path, flag, known } => {
            code: "planpub::new::unknown_region",
            path: path,
            help: format!(
                "{} ({flag} takes the id of a file content/regions/<id>.md; `planpub new region <id>` creates one)",
                hint_for(id, known.iter().map(String::as_str), "region")
            ),
        },
        InvalidChoice { field, found, expected } => {
            code: "planpub::new::invalid_choice",
            help: hint_for(found, expected.iter().copied(), field),
        },
        Exists { path } => {
            code: "planpub::new::exists",
            path: path,
            help: "planpub new never overwrites a file; choose another id, or edit the file that is there",
        },
        Write { path, .. } => {
            code: "planpub::new::write",
            path: path,
            help: "check free disk space and permissions",
        },
    }
}
