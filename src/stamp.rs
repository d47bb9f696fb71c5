//! Which file a path holds: its inode, length and modification time, as `make` and
//! version control tell a file they saw from one written since. The build cache stamps
//! the files of the output it wrote ([`crate::engine::cache`]); the preview stamps the
//! site's files it read ([`crate::load::ParseCache`]).

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub inode: u64,
    pub len: u64,
    /// Nanoseconds since the Unix epoch.
    pub modified: u128,
}

impl Stamp {
    /// The stamp of the file `path` names, through a symbolic link: a site's file.
    pub fn of(path: &Path) -> Option<Stamp> {
        Stamp::from(&std::fs::metadata(path).ok()?)
    }

    /// The stamp of the plain file at `path` itself, `None` for a link or a folder: a
    /// file of the output.
    pub fn of_file(path: &Path) -> Option<Stamp> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        meta.is_file().then(|| Stamp::from(&meta)).flatten()
    }

    fn from(meta: &std::fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            inode,
            len: meta.len(),
            modified: nanos(meta.modified().ok()?)?,
        })
    }
}

/// `time` in nanoseconds since the Unix epoch; `None` before it.
pub fn nanos(time: SystemTime) -> Option<u128> {
    Some(time.duration_since(UNIX_EPOCH).ok()?.as_nanos())
}
