//! The theme's Tera templates: loading them with autoescaping on, and turning Tera's
//! errors into errors that point into the template file.

use std::sync::Arc;

use tera::{ErrorKind, Tera};

use super::RenderError;
use crate::diagnostic::{Location, SourceFile};
use crate::model::Theme;

/// The templates every theme must have, one per page type.
pub const REQUIRED: &[&str] = &[
    "index.html",
    "plans.html",
    "plan.html",
    "regions.html",
    "region.html",
    "indicators.html",
    "indicator.html",
    "compare.html",
    "family.html",
    "pair.html",
    "units.html",
    "unit.html",
    "accessibility.html",
    "search.html",
    "progress.html",
    "404.html",
];

pub struct Templates {
    pub tera: Tera,
    files: Vec<(String, Arc<SourceFile>)>,
}

impl Templates {
    pub fn load(theme: &Theme) -> Result<Templates, Vec<RenderError>> {
        let mut errors = Vec::new();
        for name in REQUIRED {
            if !theme.templates.iter().any(|(n, _)| n == name) {
                errors.push(RenderError::MissingTemplate {
                    name: (*name).to_string(),
                    dir: theme.dir.join("templates"),
                });
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        let files = theme.templates.clone();
        let templates = Templates { tera, files };
        let mut templates = templates;
        let sources: Vec<(String, String)> = theme
            .templates
            .iter()
            .map(|(n, f)| (n.clone(), f.text.to_string()))
            .collect();
        if let Err(e) = templates.tera.add_raw_templates(sources) {
            errors.push(templates.error(&e, None));
        }
        if errors.is_empty() {
            Ok(templates)
        } else {
            Err(errors)
        }
    }

    /// Turns a Tera error into one that names the template file and line.
    pub fn error(&self, e: &tera::Error, page: Option<&str>) -> RenderError {
        let page = page.map(str::to_string);
        match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let file = self.files.iter().find(|(n, _)| n == r.filename());
                RenderError::Template {
                    at: file.map(|(_, f)| Location::new(f, r.span().range.clone())),
                    template: r.filename().to_string(),
                    message: r.message().to_string(),
                    page,
                }
            }
            ErrorKind::MissingParent { current, parent } => RenderError::Template {
                at: self.files.iter().find(|(n, _)| n == current).map(|(_, f)| {
                    let start = f.text.find(parent.as_str()).unwrap_or(0);
                    Location::new(f, start..start + parent.len())
                }),
                template: current.clone(),
                message: format!("it extends `{parent}`, which the theme does not have"),
                page,
            },
            ErrorKind::TemplateNotFound(name) => RenderError::Template {
                at: self.files.iter().find_map(|(_, f)| {
                    f.text
                        .find(&format!("\"{name}\""))
                        .map(|s| Location::new(f, s..s + name.len() + 2))
                }),
                template: name.clone(),
                message: format!("the template `{name}` is used but the theme does not have it"),
                page,
            },
            other => RenderError::Template {
                at: None,
                template: String::new(),
                message: chain(e, other),
                page,
            },
        }
    }
}

fn chain(e: &tera::Error, kind: &ErrorKind) -> String {
    let mut msg = kind.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
