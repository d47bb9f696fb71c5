//! Errors of the search index: a thread that could not start, a page that was not
//! rendered, or the gathering of the index.

use std::path::Path;

use crate::diagnostic::{Location, Problem};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the search index could not be set up: {message}")]
    Setup { message: String },
    #[error("the page {page} could not be indexed for search: {message}")]
    Page { page: String, message: String },
    #[error("the search index could not be built: {message}")]
    Build { message: String },
}

impl Problem for SearchError {
    fn location(&self) -> Option<&Location> {
        None
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Self::Page { page, .. } => Some(Path::new(page)),
            Self::Setup { .. } | Self::Build { .. } => None,
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            Self::Setup { .. } => {
                "the search indexer could not start a thread (the machine may be out of memory or threads); the previous output was left as it was".into()
            }
            Self::Page { .. } => {
                "every page listed for search must be rendered before the index is made; this is a bug in planpub, please report it with the site that shows it".into()
            }
            Self::Build { .. } => {
                "the search index is built from every page after rendering; the previous output was left as it was".into()
            }
        })
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Setup { .. } => "planpub::search::setup",
            Self::Page { .. } => "planpub::search::page",
            Self::Build { .. } => "planpub::search::build",
        }
    }
}
