//! The one way `planpub schemas` fails: a schema file cannot be written.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Location, Problem};

#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Problem for SchemaError {
    fn location(&self) -> Option<&Location> {
        None
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Self::Write { path, .. } => Some(path),
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            Self::Write { .. } => {
                "check that the folder can be written, or pass another folder with --out".into()
            }
        })
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Write { .. } => "planpub::schema::write",
        }
    }
}
