//! Why the preview server could not start.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Location, Problem};

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot serve on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot watch {} for changes: {source}", path.display())]
    Watch {
        path: PathBuf,
        #[source]
        source: notify_debouncer_full::notify::Error,
    },
    #[error("cannot read the site folder {}: {source}", path.display())]
    Root {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start the server: {source}")]
    Runtime {
        #[source]
        source: std::io::Error,
    },
}

impl Problem for ServeError {
    fn location(&self) -> Option<&Location> {
        None
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Self::Watch { path, .. } | Self::Root { path, .. } => Some(path),
            Self::Bind { .. } | Self::Runtime { .. } => None,
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            Self::Bind { .. } => {
                "another program may be using the port; choose another with --port, or --port 0 for any free one".into()
            }
            Self::Watch { .. } => {
                "the system may limit how many folders a program can watch (on Linux: fs.inotify.max_user_watches)".into()
            }
            Self::Root { .. } => "give the folder with site.yaml, content/ and themes/ as --root".into(),
            Self::Runtime { .. } => "the system may be out of threads or file handles".into(),
        })
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Bind { .. } => "planpub::serve::bind",
            Self::Watch { .. } => "planpub::serve::watch",
            Self::Root { .. } => "planpub::serve::root",
            Self::Runtime { .. } => "planpub::serve::runtime",
        }
    }
}
