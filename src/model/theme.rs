//! The theme and the attached files as the later stages see them: what was read from
//! themes/<name>/ and from plan bundles, handed on by the model stage so that render
//! depends on the model's types, not on how the load stage found the files.

use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::SourceFile;
use crate::load;

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
}

impl From<load::Asset> for Asset {
    fn from(a: load::Asset) -> Asset {
        Asset {
            rel: a.rel,
            path: a.path,
        }
    }
}

impl From<load::Theme> for Theme {
    fn from(t: load::Theme) -> Theme {
        Theme {
            name: t.name,
            dir: t.dir,
            templates: t.templates,
            statics: t.statics.into_iter().map(Asset::from).collect(),
        }
    }
}
