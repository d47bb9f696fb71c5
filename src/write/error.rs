//! Errors while writing the output folder.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Location, Problem};

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("refusing to replace {}: {reason}", path.display())]
    UnsafeOutput { path: PathBuf, reason: &'static str },
}

impl Problem for WriteError {
    fn location(&self) -> Option<&Location> {
        None
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Self::Io { path, .. } | Self::Read { path, .. } | Self::UnsafeOutput { path, .. } => {
                Some(path)
            }
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            Self::Io { .. } => {
                "check free disk space and permissions; the previous output was left as it was".into()
            }
            Self::Read { .. } => {
                "a file to be copied into the site changed or vanished while it was read; save it again".into()
            }
            Self::UnsafeOutput { .. } => {
                "planpub replaces its output folder whole; choose an empty or new folder with --output, or one planpub built before (it has manifest.sha256)".into()
            }
        })
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Io { .. } => "planpub::write::io",
            Self::Read { .. } => "planpub::write::read",
            Self::UnsafeOutput { .. } => "planpub::write::unsafe_output",
        }
    }
}
