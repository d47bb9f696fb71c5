//! The theme and the attached files: what was read from themes/<name>/ and from plan
//! bundles. They need no checking, so the model's site holds them as they are
//! (`model::Theme`, `model::Asset`) and render takes them from there.

use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::SourceFile;

/// The site's theme: its templates and the static files copied as they are.
#[derive(Debug)]
pub struct Theme {
    pub name: String,
    pub dir: PathBuf,
    /// Template name (relative to templates/) and its text.
    pub templates: Vec<(String, Arc<SourceFile>)>,
    pub statics: Vec<Asset>,
}

/// A file copied into the output as it is: a theme's static file or a plan's
/// attachment.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to its folder, with `/` separators.
    pub rel: String,
    pub path: PathBuf,
    /// Its size in bytes when it was found, which pages show beside a download.
    pub size: u64,
}
