//! Errors of the theme: a template that does not parse, a template that fails while a
//! page is rendered, a template the site needs but the theme lacks.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Location, Problem};

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template error: {message}")]
    Template {
        at: Option<Location>,
        template: String,
        message: String,
        /// The page being rendered, when the error happened while rendering one.
        page: Option<String>,
    },
    #[error("the theme has no template `{name}`")]
    MissingTemplate { name: String, dir: PathBuf },
    #[error("two files would be written to {path}")]
    Collision { path: String, source_file: PathBuf },
}

impl Problem for RenderError {
    fn location(&self) -> Option<&Location> {
        match self {
            Self::Template { at, .. } => at.as_ref(),
            _ => None,
        }
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Self::MissingTemplate { dir, .. } => Some(dir),
            Self::Collision { source_file, .. } => Some(source_file),
            Self::Template { .. } => None,
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            Self::Template { template, page, .. } => match page {
                Some(page) => {
                    format!("the error is in templates/{template}, while rendering {page}")
                }
                None => format!(
                    "fix templates/{template}; the Tera syntax is described at keats.github.io/tera"
                ),
            },
            Self::MissingTemplate { name, .. } => {
                format!(
                    "add templates/{name} to the theme, or copy it from themes/default/templates/"
                )
            }
            Self::Collision { .. } => {
                "rename the file: a page or another file already has that path".into()
            }
        })
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Template { .. } => "planpub::render::template",
            Self::MissingTemplate { .. } => "planpub::render::missing_template",
            Self::Collision { .. } => "planpub::render::collision",
        }
    }
}
