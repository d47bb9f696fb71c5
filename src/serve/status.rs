//! What the preview is serving: the last good site and, after a failed build, its
//! errors. One value, replaced whole after every build, so a request always sees
//! one build's files and the errors that belong with them.

use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::Plain;
use crate::engine::preview::Files;

#[derive(Debug, Clone)]
pub struct Status {
    /// Counts successful builds; a page knows the one it came from and reloads when
    /// a newer one is announced.
    pub generation: u64,
    /// None until the first build succeeds.
    pub files: Option<Arc<Files>>,
    /// Where the site is served: the path of its `base_url`, as on the real server.
    pub prefix: String,
    /// The last build's errors; empty when it succeeded.
    pub errors: Arc<Vec<Plain>>,
}

/// What open pages are told after each build.
#[derive(Debug, Serialize)]
pub struct Announcement<'a> {
    pub generation: u64,
    pub errors: &'a [Plain],
}

impl Default for Status {
    fn default() -> Self {
        Status {
            generation: 0,
            files: None,
            prefix: "/".into(),
            errors: Arc::default(),
        }
    }
}

impl Status {
    pub fn announcement(&self) -> Announcement<'_> {
        Announcement {
            generation: self.generation,
            errors: &self.errors,
        }
    }
}
