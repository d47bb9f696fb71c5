//! Errors of the theme: a template that does not parse, a template that fails while a
//! page is rendered, a template the site needs but the theme lacks.

use std::path::PathBuf;

use crate::diagnostic::{Location, problem};

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
    #[error("the workbook {path} could not be made: {message}")]
    Workbook { path: String, message: String },
}

problem! {
    RenderError {
        Template { at, template, page, .. } => {
            code: "planpub::render::template",
            at: at.as_ref()?,
            help: match page {
                Some(page) => {
                    format!("the error is in templates/{template}, while rendering {page}")
                }
                None => format!(
                    "fix templates/{template}; the Tera syntax is described at keats.github.io/tera"
                ),
            },
        },
        MissingTemplate { name, dir } => {
            code: "planpub::render::missing_template",
            path: dir,
            help: format!(
                "add templates/{name} to the theme, or copy it from themes/default/templates/"
            ),
        },
        Collision { source_file, .. } => {
            code: "planpub::render::collision",
            path: source_file,
            help: "rename the file: a page or another file already has that path",
        },
        Workbook { .. } => {
            code: "planpub::render::workbook",
            help: "the CSV file beside it has the same rows; a workbook cell holds at most 32,767 characters",
        },
    }
}
