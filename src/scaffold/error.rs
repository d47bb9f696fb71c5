//! Errors of `planpub new`: the id or a flag's value is not usable, a named region
//! does not exist, or a file to create is already there. When any of them happens,
//! nothing is written.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Location, Problem, hint_for};

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

impl Problem for ScaffoldError {
    fn location(&self) -> Option<&Location> {
        None
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Self::NoSite { root: path }
            | Self::UnknownRegion { path, .. }
            | Self::Exists { path }
            | Self::Write { path, .. } => Some(path),
            Self::InvalidId { .. } | Self::InvalidChoice { .. } => None,
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            Self::NoSite { .. } => {
                "run planpub in the site's folder, or pass --root DIR; the folder needs site.yaml and content/".into()
            }
            Self::InvalidId { what, .. } => format!(
                "a {what} id becomes its file name and URL: lower-case ASCII letters, digits and `-`, e.g. {}",
                if *what == "plan" {
                    "dazu-ip-action-plan-2025-2027"
                } else {
                    "dazu"
                }
            ),
            Self::UnknownRegion { id, flag, known, .. } => format!(
                "{} ({flag} takes the id of a file content/regions/<id>.md; `planpub new region <id>` creates one)",
                hint_for(id, known.iter().map(String::as_str), "region")
            ),
            Self::InvalidChoice {
                field,
                found,
                expected,
            } => hint_for(found, expected.iter().copied(), field),
            Self::Exists { .. } => {
                "planpub new never overwrites a file; choose another id, or edit the file that is there".into()
            }
            Self::Write { .. } => "check free disk space and permissions".into(),
        })
    }

    fn code(&self) -> &'static str {
        match self {
            Self::NoSite { .. } => "planpub::new::no_site",
            Self::InvalidId { .. } => "planpub::new::invalid_id",
            Self::UnknownRegion { .. } => "planpub::new::unknown_region",
            Self::InvalidChoice { .. } => "planpub::new::invalid_choice",
            Self::Exists { .. } => "planpub::new::exists",
            Self::Write { .. } => "planpub::new::write",
        }
    }
}
