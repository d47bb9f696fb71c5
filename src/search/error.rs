//! Errors of the search index: Pagefind refusing its settings, a page, or the build
//! of the index.

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
                "the search indexer could not start (no thread or runtime, or `language` in site.yaml is not a language code such as zh-CN); the previous output was left as it was".into()
            }
            Self::Page { .. } => {
                "the page was rendered but the search indexer could not read it; check the template that renders it for unclosed tags".into()
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
