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
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use super::Parsed;
use super::discover::{Found, is_ignored};
use crate::diagnostic::SourceFile;
use crate::stamp::{Stamp, nanos};

/// How long before its read a file must have been last modified for its stamp to be
/// trusted: more than the coarsest clock of a file system an editor saves to.
const SETTLED: Duration = Duration::from_secs(3);

#[derive(Default)]
pub struct ParseCache {
    files: Mutex<HashMap<PathBuf, Cached>>,
    /// The content folder's files as the last walk found them, kept while every change
    /// since is known to leave that list as it was ([`ParseCache::changed`]): at 10,000
    /// plans the walk is a third of a save.
    listing: Mutex<Option<Arc<Vec<Found>>>>,
}

struct Cached {
    file: Arc<SourceFile>,
    parsed: Parsed,
    /// The file's stamp just before it was read, and when it was read.
    stamp: Option<(Stamp, u128)>,
}

/// Whether a file stamped `stamp` was last modified well before it was read at `read`
/// (nanoseconds since the epoch).
fn settled(stamp: &Stamp, read: u128) -> bool {
    stamp.modified + SETTLED.as_nanos() < read
}

/// Now, in nanoseconds since the epoch (0 on a clock set before it: nothing settles).
fn now() -> u128 {
    nanos(SystemTime::now()).unwrap_or_default()
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
        (Some(was) == now && settled(&was, read)).then(|| files[path].parsed.clone())
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
        cached.stamp = stamp.map(|s| (s, now()));
        Some(cached.parsed.clone())
    }

    pub(super) fn put(
        &self,
        path: PathBuf,
        file: Arc<SourceFile>,
        parsed: &Parsed,
        stamp: Option<Stamp>,
    ) {
        let stamp = stamp.map(|s| (s, now()));
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

    fn listed(&self) -> MutexGuard<'_, Option<Arc<Vec<Found>>>> {
        self.listing.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Told that the files `paths` changed since the last read (a watcher's report):
    /// the listing of the folder `content` is kept only when none of them adds or
    /// removes a file the walk would find. A listed path must still be a file; one not
    /// listed must be gone and hold no listed file (an editor's temporary file, not a
    /// folder moved away), or be one the walk passes over.
    pub fn changed(&self, content: &Path, paths: &[PathBuf]) {
        let mut listing = self.listed();
        let keep = listing.as_ref().is_some_and(|found| {
            let listed: HashSet<&Path> = found.iter().map(Found::path).collect();
            paths.iter().all(|path| {
                let Ok(rel) = path.strip_prefix(content) else {
                    return true;
                };
                if rel
                    .components()
                    .any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
                {
                    return true;
                }
                match path.symlink_metadata() {
                    Ok(meta) => listed.contains(path.as_path()) && meta.is_file(),
                    // A folder moved away is reported alone, not the files it held.
                    Err(e) => {
                        e.kind() == ErrorKind::NotFound
                            && !found.iter().any(|f| f.path().starts_with(path))
                    }
                }
            })
        });
        if !keep {
            *listing = None;
        }
    }

    /// Forgets the listing: the next read walks the folder.
    pub fn forget_listing(&self) {
        *self.listed() = None;
    }

    /// The content folder's files, if the listing is kept.
    pub(super) fn listing(&self) -> Option<Vec<Found>> {
        self.listed().as_deref().cloned()
    }

    /// Keeps `found`, a walk of the content folder that met no error.
    pub(super) fn keep_listing(&self, found: &[Found]) {
        *self.listed() = Some(Arc::new(found.to_vec()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(modified: SystemTime) -> Stamp {
        Stamp {
            inode: 1,
            len: 10,
            modified: nanos(modified).expect("after the epoch"),
        }
    }

    #[test]
    fn only_a_stamp_that_had_settled_when_the_file_was_read_is_trusted() {
        let read = SystemTime::now();
        let at = |stamp: Stamp| settled(&stamp, nanos(read).expect("after the epoch"));
        let old = read - Duration::from_secs(60);
        assert!(at(stamp(old)));
        // Written within the same second as the read: a second write in that second
        // could keep the stamp.
        assert!(!at(stamp(read - Duration::from_millis(500))));
        assert!(!at(stamp(read)));
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
