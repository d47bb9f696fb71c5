//! The one way `planpub schemas` fails: a schema file cannot be written.

use std::path::PathBuf;

use crate::diagnostic::problem;

#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

problem! {
    SchemaError {
        Write { path, .. } => {
            code: "planpub::schema::write",
            path: path,
            help: "check that the folder can be written, or pass another folder with --out",
        },
    }
}
