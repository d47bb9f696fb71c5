//! Errors while writing the output folder.

use std::path::PathBuf;

use crate::diagnostic::problem;

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

problem! {
    WriteError {
        Io { path, .. } => {
            code: "planpub::write::io",
            path: path,
            help: "check free disk space and permissions; the previous output was left as it was",
        },
        Read { path, .. } => {
            code: "planpub::write::read",
            path: path,
            help: "a file to be copied into the site changed or vanished while it was read; save it again",
        },
        UnsafeOutput { path, .. } => {
            code: "planpub::write::unsafe_output",
            path: path,
            help: "planpub replaces its output folder whole; choose an empty or new folder with --output, or one planpub built before (it has manifest.sha256)",
        },
    }
}
