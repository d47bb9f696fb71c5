//! Errors of the search index: a thread that could not start, a page that was not
//! rendered, or the gathering of the index.

use crate::diagnostic::problem;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the search index could not be set up: {message}")]
    Setup { message: String },
    #[error("the page {page} could not be indexed for search: {message}")]
    Page { page: String, message: String },
    #[error("the search index could not be built: {message}")]
    Build { message: String },
}

problem! {
    SearchError {
        Setup { .. } => {
            code: "planpub::search::setup",
            help: "the search indexer could not start a thread (the machine may be out of memory or threads); the previous output was left as it was",
        },
        Page { page, .. } => {
            code: "planpub::search::page",
            path: page,
            help: "every page listed for search must be rendered before the index is made; this is a bug in planpub, please report it with the site that shows it",
        },
        Build { .. } => {
            code: "planpub::search::build",
            help: "the search index is built from every page after rendering; the previous output was left as it was",
        },
    }
}
