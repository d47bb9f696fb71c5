//! Content files parsed by an earlier read, kept by the preview between builds so that
//! after a save one file is read and parsed instead of the site.
//!
//! A file is taken as unchanged without reading it when its stamp (inode, length,
//! modification time) is the one it had when it was read, and it had not been
//! modified for a while before that read. The second condition is git's answer to
//! "racy" files: a file written again within the same tick of a coarse clock (a second
//! on some file systems) keeps its stamp, but only a file that was fresh when it was
//! read can be written again unseen. A fresh file is read, and its text compared whole.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use super::Parsed;
use crate::diagnostic::SourceFile;

/// How long before its read a file must have been last modified for its stamp to be
/// trusted: more than the coarsest clock of a file system an editor saves to.
const SETTLED: Duration = Duration::from_secs(3);

#[derive(Default)]
pub struct ParseCache {
    files: Mutex<HashMap<PathBuf, Cached>>,
}

struct Cached {
    file: Arc<SourceFile>,
    parsed: Parsed,
    /// The file's stamp just before it was read, and when it was read.
    stamp: Option<(Stamp, SystemTime)>,
}

/// Which file a path holds, and since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    inode: u64,
    len: u64,
    modified: SystemTime,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            inode,
            len: meta.len(),
            modified: meta.modified().ok()?,
        })
    }

    /// Whether the file was last modified well before `read`.
    fn settled_at(&self, read: SystemTime) -> bool {
        self.modified
            .checked_add(SETTLED)
            .is_some_and(|settled| settled < read)
    }
}

impl ParseCache {
    fn lock(&self) -> MutexGuard<'_, HashMap<PathBuf, Cached>> {
        self.files.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// What the file at `path` parsed to, if `now` (its stamp before reading) shows it
    /// unchanged since it was read.
    pub(super) fn unchanged(&self, path: &Path, now: Option<Stamp>) -> Option<Parsed> {
        let files = self.lock();
        let (was, read) = files.get(path)?.stamp?;
        (Some(was) == now && was.settled_at(read)).then(|| files[path].parsed.clone())
    }

    /// What `file` parsed to, if its text is the one read last time; `stamp` is taken
    /// as its stamp from now on.
    pub(super) fn get(
        &self,
        path: &Path,
        file: &SourceFile,
        stamp: Option<Stamp>,
    ) -> Option<Parsed> {
        let mut files = self.lock();
        let cached = files.get_mut(path)?;
        if cached.file.text != file.text {
            return None;
        }
        cached.stamp = stamp.map(|s| (s, SystemTime::now()));
        Some(cached.parsed.clone())
    }

    pub(super) fn put(
        &self,
        path: PathBuf,
        file: Arc<SourceFile>,
        parsed: &Parsed,
        stamp: Option<Stamp>,
    ) {
        let stamp = stamp.map(|s| (s, SystemTime::now()));
        self.lock().insert(
            path,
            Cached {
                file,
                parsed: parsed.clone(),
                stamp,
            },
        );
    }

    /// Forgets files not among `paths`: those removed since.
    pub(super) fn keep_only(&self, paths: &HashSet<&Path>) {
        self.lock().retain(|path, _| paths.contains(path.as_path()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(modified: SystemTime) -> Stamp {
        Stamp {
            inode: 1,
            len: 10,
            modified,
        }
    }

    #[test]
    fn only_a_stamp_that_had_settled_when_the_file_was_read_is_trusted() {
        let read = SystemTime::now();
        let old = read - Duration::from_secs(60);
        assert!(stamp(old).settled_at(read));
        // Written within the same second as the read: a second write in that second
        // could keep the stamp.
        assert!(!stamp(read - Duration::from_millis(500)).settled_at(read));
        assert!(!stamp(read).settled_at(read));
    }

    #[test]
    fn a_file_is_taken_unread_only_with_the_stamp_it_was_read_with() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "正文").expect("write");
        let cache = ParseCache::default();
        let file = SourceFile::new(dir.path(), &path, "正文");
        let parsed = Parsed::Asset(
            "a".into(),
            super::super::Asset {
                rel: "a.md".into(),
                path: path.clone(),
                size: 6,
            },
        );
        let settled = stamp(SystemTime::now() - Duration::from_secs(60));
        cache.put(path.clone(), file, &parsed, Some(settled));
        assert!(cache.unchanged(&path, Some(settled)).is_some());
        let rewritten = Stamp { len: 11, ..settled };
        assert!(cache.unchanged(&path, Some(rewritten)).is_none());
        assert!(cache.unchanged(&path, None).is_none());
        let fresh = stamp(SystemTime::now());
        cache.put(
            path.clone(),
            SourceFile::new(dir.path(), &path, "正文"),
            &parsed,
            Some(fresh),
        );
        assert!(
            cache.unchanged(&path, Some(fresh)).is_none(),
            "a fresh file is read"
        );
    }
}
