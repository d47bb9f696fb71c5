//! Files of the open data made again only when what they are made from changed, by a
//! digest of their inputs. A plan's text changes none of its rows' values, so a save
//! or a build after it writes no CSV and no workbook; a changed value makes that
//! plan's files and the site-wide ones again. The engine gives the digest of each
//! plan's rows from what they are read from ([`Memo::set_inputs`]), so that telling a
//! file unchanged works out no record at all.
//!
//! The preview's memo keeps the bytes it made from one build to the next, and hands
//! them out shared, never copied. A build's memo keeps nothing in memory: it takes a
//! file from the last build's output when that build made it from inputs with the same
//! digest ([`Earlier`]), and records every file's digest for the next build's cache.
//!
//! A run without a memo (`check`) makes every file: a memo is only a shortcut to bytes
//! the same inputs gave before, and a digest covers everything a file is made from.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::Contents;
use crate::model::{PlanIx, Table};

/// Files of the last build's output that a build may take instead of making them.
pub trait Earlier: Send + Sync {
    /// The file at `path`, if the last build made it from inputs whose digest is
    /// `digest` and it is still as that build wrote it.
    fn file(&self, path: &str, digest: u64) -> Option<Taken>;
}

/// A file of the last build's output, taken as it is.
#[derive(Debug, Clone)]
pub struct Taken {
    pub from: PathBuf,
    /// Its SHA-256, as the last output's manifest gives it.
    pub checksum: String,
    pub len: u64,
}

/// Every plan's row digest, shared by the files made of them.
pub type PlanDigests = Arc<Table<PlanIx, u64>>;

/// What a file's records cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A plan's or an indicator's: made again in a moment after a value edit.
    Part,
    /// Every plan's (the site-wide tables of targets, statuses and reported values):
    /// the preview may serve the last ones a while after a value edit
    /// ([`Memo::defer_site_files`]).
    Site,
}

/// Each kept file by its path: the digest of its inputs and its bytes.
type Kept = HashMap<String, (u64, Arc<[u8]>)>;

/// The files made through a memo, and what it keeps of them.
#[derive(Default)]
pub struct Memo {
    /// The preview's: each file's digest and bytes. Empty for a build.
    kept: Mutex<Kept>,
    /// Whether made files are kept in memory (the preview) or not (a build).
    keeps: bool,
    earlier: Option<Arc<dyn Earlier>>,
    /// A build's: the digest of every file asked for, for its cache.
    digests: Mutex<Vec<(String, u64)>>,
    /// This run's digests of what the files read, when the engine knows them.
    inputs: Mutex<Option<Inputs>>,
    /// Whether site-wide files out of date are handed out as they were instead of
    /// made ([`Memo::defer_site_files`]).
    defers: AtomicBool,
    /// The site-wide files handed out out of date since [`Memo::take_deferred`].
    deferred: Mutex<Vec<String>>,
}

/// What the open data is made from, by digest ([`Memo::set_inputs`]).
#[derive(Clone)]
struct Inputs {
    tables: u64,
    rows: PlanDigests,
}

impl Memo {
    /// The preview's memo: every file made is kept, from one build to the next.
    pub fn keeping() -> Memo {
        Memo {
            keeps: true,
            ..Memo::default()
        }
    }

    /// A build's memo: files are taken from the last output where `earlier` has them.
    pub fn for_build(earlier: Option<Arc<dyn Earlier>>) -> Memo {
        Memo {
            earlier,
            ..Memo::default()
        }
    }

    /// The file at `path` made from inputs whose digest is `digest`: the bytes an
    /// earlier build made from the same inputs, or what `make` makes now. A site-wide
    /// file may instead be the bytes kept of it, out of date, while the memo defers
    /// them ([`Memo::defer_site_files`]).
    pub fn get_or_make<E>(
        &self,
        path: &str,
        digest: u64,
        scope: Scope,
        make: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Contents, E> {
        if !self.keeps {
            lock(&self.digests).push((path.to_string(), digest));
        }
        if let Some((d, bytes)) = lock(&self.kept).get(path) {
            if *d == digest {
                return Ok(Contents::Shared(Arc::clone(bytes)));
            }
            if scope == Scope::Site && self.defers.load(Ordering::Relaxed) {
                lock(&self.deferred).push(path.to_string());
                return Ok(Contents::Shared(Arc::clone(bytes)));
            }
        }
        if let Some(taken) = self.earlier.as_ref().and_then(|e| e.file(path, digest)) {
            return Ok(Contents::Taken(taken));
        }
        let bytes = make()?;
        if !self.keeps {
            return Ok(Contents::Bytes(bytes));
        }
        let bytes: Arc<[u8]> = bytes.into();
        lock(&self.kept).insert(path.to_string(), (digest, Arc::clone(&bytes)));
        Ok(Contents::Shared(bytes))
    }

    /// Tells the memo this run's digests of what the open data reads: `tables`, of
    /// what the target-status and reported-value files read (the site but the plans'
    /// prose), and `rows`, of each plan's rows ([`crate::engine`] works both out from
    /// what it read). Files are then known unchanged without working out their
    /// records, hundreds of thousands at national scale.
    pub fn set_inputs(&self, tables: u64, rows: Table<PlanIx, u64>) {
        *lock(&self.inputs) = Some(Inputs {
            tables,
            rows: Arc::new(rows),
        });
    }

    /// The `tables` digest given to [`Memo::set_inputs`], if any.
    pub fn tables(&self) -> Option<u64> {
        lock(&self.inputs).as_ref().map(|i| i.tables)
    }

    /// The plans' row digests given to [`Memo::set_inputs`], if any.
    pub fn rows(&self) -> Option<PlanDigests> {
        lock(&self.inputs).as_ref().map(|i| Arc::clone(&i.rows))
    }

    /// While `on`, a site-wide file ([`Scope::Site`]) this memo keeps is handed out as
    /// it is even when its inputs changed, and its path noted ([`Memo::take_deferred`]).
    /// The preview serves an edited page first this way: at national scale the
    /// site-wide tables take tens of seconds to make again after a value edit, and
    /// the preview makes them after the page ([`crate::engine::preview`]).
    pub fn defer_site_files(&self, on: bool) {
        self.defers.store(on, Ordering::Relaxed);
    }

    /// The site-wide files handed out out of date since the last call, in order.
    pub fn take_deferred(&self) -> Vec<String> {
        let mut paths = std::mem::take(&mut *lock(&self.deferred));
        paths.sort_unstable();
        paths.dedup();
        paths
    }

    /// Forgets the files a build did not make, such as a removed plan's.
    pub fn keep_only(&self, made: impl Fn(&str) -> bool) {
        lock(&self.kept).retain(|path, _| made(path));
    }

    /// A build's memo: the digest of every file asked for, by path (none for the
    /// preview's).
    pub fn digests(&self) -> Vec<(String, u64)> {
        lock(&self.digests).clone()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The digest of a file's inputs.
pub fn digest(inputs: &impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    inputs.hash(&mut h);
    h.finish()
}

/// Makes a file through `memo` when there is one, else at once.
pub fn made<E>(
    memo: Option<&Memo>,
    scope: Scope,
    path: &str,
    digest: impl FnOnce() -> u64,
    make: impl FnOnce() -> Result<Vec<u8>, E>,
) -> Result<Contents, E> {
    match memo {
        Some(m) => m.get_or_make(path, digest(), scope, make),
        None => Ok(Contents::Bytes(make()?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes of `contents`, and whether they came from the memo.
    fn bytes(contents: Result<Contents, ()>) -> (Vec<u8>, &'static str) {
        match contents {
            Ok(Contents::Bytes(b)) => (b, "made"),
            Ok(Contents::Shared(b)) => (b.to_vec(), "shared"),
            Ok(Contents::Taken(t)) => (t.checksum.into_bytes(), "taken"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_file_is_made_again_only_when_its_inputs_change() {
        let memo = Memo::keeping();
        let calls = std::cell::Cell::new(0);
        let make = |text: &str| {
            calls.set(calls.get() + 1);
            Ok::<_, ()>(text.as_bytes().to_vec())
        };
        let x = memo.get_or_make("a", digest(&"x"), Scope::Part, || make("x"));
        assert_eq!(bytes(x).0, b"x");
        let again = memo.get_or_make("a", digest(&"x"), Scope::Part, || make("x"));
        assert_eq!(bytes(again), (b"x".to_vec(), "shared"));
        let y = memo.get_or_make("a", digest(&"y"), Scope::Part, || make("y"));
        assert_eq!(bytes(y).0, b"y");
        assert_eq!(calls.get(), 2);
        memo.keep_only(|p| p != "a");
        let y = memo.get_or_make("a", digest(&"y"), Scope::Part, || make("y"));
        assert_eq!(bytes(y).0, b"y");
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn a_failure_is_not_remembered() {
        let memo = Memo::keeping();
        assert!(matches!(
            memo.get_or_make("a", 1, Scope::Part, || Err::<Vec<u8>, _>("broken")),
            Err("broken")
        ));
        let made = memo.get_or_make("a", 1, Scope::Part, || Ok::<_, ()>(b"z".to_vec()));
        assert_eq!(bytes(made).0, b"z");
    }

    /// The last output holds `a` made from digest 7.
    struct Last;

    impl Earlier for Last {
        fn file(&self, path: &str, digest: u64) -> Option<Taken> {
            (path == "a" && digest == 7).then(|| Taken {
                from: PathBuf::from("/last/a"),
                checksum: "sum".into(),
                len: 3,
            })
        }
    }

    #[test]
    fn a_build_takes_from_the_last_output_what_the_same_inputs_made_and_keeps_nothing() {
        let memo = Memo::for_build(Some(Arc::new(Last)));
        let make = || Ok::<_, ()>(b"new".to_vec());
        assert_eq!(
            bytes(memo.get_or_make("a", 7, Scope::Part, make)).1,
            "taken"
        );
        assert_eq!(
            bytes(memo.get_or_make("a", 8, Scope::Part, make)),
            (b"new".to_vec(), "made")
        );
        assert_eq!(bytes(memo.get_or_make("a", 8, Scope::Part, make)).1, "made");
        assert_eq!(
            memo.digests(),
            vec![
                ("a".to_string(), 7),
                ("a".to_string(), 8),
                ("a".to_string(), 8)
            ]
        );
    }

    #[test]
    fn a_deferring_memo_hands_out_a_kept_site_file_out_of_date_and_notes_it() {
        let memo = Memo::keeping();
        let make = |text: &'static str| move || Ok::<_, ()>(text.as_bytes().to_vec());
        memo.get_or_make("all", 1, Scope::Site, make("old")).ok();
        memo.get_or_make("one", 1, Scope::Part, make("old")).ok();
        memo.defer_site_files(true);
        let all = memo.get_or_make("all", 2, Scope::Site, make("new"));
        assert_eq!(bytes(all), (b"old".to_vec(), "shared"));
        let one = memo.get_or_make("one", 2, Scope::Part, make("new"));
        assert_eq!(bytes(one).0, b"new", "a plan's file is never deferred");
        let first = memo.get_or_make("first", 2, Scope::Site, make("new"));
        assert_eq!(bytes(first).0, b"new", "a file never made is made at once");
        assert_eq!(memo.take_deferred(), ["all"]);
        assert!(memo.take_deferred().is_empty());
        memo.defer_site_files(false);
        let all = memo.get_or_make("all", 2, Scope::Site, make("new"));
        assert_eq!(bytes(all).0, b"new");
        assert!(memo.take_deferred().is_empty());
    }
}
