//! Why the preview server could not start.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::diagnostic::problem;

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

problem! {
    ServeError {
        Bind { .. } => {
            code: "planpub::serve::bind",
            help: "another program may be using the port; choose another with --port, or --port 0 for any free one",
        },
        Watch { path, .. } => {
            code: "planpub::serve::watch",
            path: path,
            help: "the system may limit how many folders a program can watch (on Linux: fs.inotify.max_user_watches)",
        },
        Root { path, .. } => {
            code: "planpub::serve::root",
            path: path,
            help: "give the folder with site.yaml, content/ and themes/ as --root",
        },
        Runtime { .. } => {
            code: "planpub::serve::runtime",
            help: "the system may be out of threads or file handles",
        },
    }
}
