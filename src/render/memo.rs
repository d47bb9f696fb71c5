//! Files of the open data made again only when what they are made from changed, by a
//! digest of their inputs. A plan's text changes none of its rows' values, so a save
//! or a build after it writes no CSV and no workbook; a changed value makes that
//! plan's files and the site-wide ones again. The preview keeps the plans' row digests
//! too while the tables and reports they read are unchanged ([`Memo::plan_digests`]),
//! so a text save works out no row at all.
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
    /// This run's digest of what the target-status files read, when the engine knows it.
    tables: Mutex<Option<u64>>,
    /// The preview's: the plans' row digests, with the [`Memo::tables`] digest of the
    /// run that worked them out.
    plan_digests: Mutex<Option<(u64, PlanDigests)>>,
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
    /// earlier build made from the same inputs, or what `make` makes now.
    pub fn get_or_make<E>(
        &self,
        path: &str,
        digest: u64,
        make: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Contents, E> {
        if !self.keeps {
            lock(&self.digests).push((path.to_string(), digest));
        }
        if let Some((d, bytes)) = lock(&self.kept).get(path)
            && *d == digest
        {
            return Ok(Contents::Shared(Arc::clone(bytes)));
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

    /// Tells the memo this run's digest of what the target-status and reported-value
    /// files read: the site but the plans' prose ([`crate::engine`] works it out from
    /// what it read). Those files are then known unchanged without working out their
    /// records, hundreds of thousands at national scale.
    pub fn set_tables(&self, digest: u64) {
        *lock(&self.tables) = Some(digest);
    }

    /// The digest given to [`Memo::set_tables`], if any.
    pub fn tables(&self) -> Option<u64> {
        *lock(&self.tables)
    }

    /// Every plan's row digests: those of the last run when what the rows read is
    /// unchanged since ([`Memo::tables`], the preview after a text edit), else what
    /// `digest` works out. Working them out means every record of the site.
    pub fn plan_digests(&self, digest: impl FnOnce() -> Table<PlanIx, u64>) -> PlanDigests {
        let tables = self.tables();
        let mut kept = lock(&self.plan_digests);
        if let (Some(now), Some((then, digests))) = (tables, kept.as_ref())
            && now == *then
            && self.keeps
        {
            return Arc::clone(digests);
        }
        let digests = Arc::new(digest());
        if let (Some(now), true) = (tables, self.keeps) {
            *kept = Some((now, Arc::clone(&digests)));
        }
        digests
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
    path: &str,
    digest: impl FnOnce() -> u64,
    make: impl FnOnce() -> Result<Vec<u8>, E>,
) -> Result<Contents, E> {
    match memo {
        Some(m) => m.get_or_make(path, digest(), make),
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
        let x = memo.get_or_make("a", digest(&"x"), || make("x"));
        assert_eq!(bytes(x).0, b"x");
        let again = memo.get_or_make("a", digest(&"x"), || make("x"));
        assert_eq!(bytes(again), (b"x".to_vec(), "shared"));
        let y = memo.get_or_make("a", digest(&"y"), || make("y"));
        assert_eq!(bytes(y).0, b"y");
        assert_eq!(calls.get(), 2);
        memo.keep_only(|p| p != "a");
        let y = memo.get_or_make("a", digest(&"y"), || make("y"));
        assert_eq!(bytes(y).0, b"y");
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn a_failure_is_not_remembered() {
        let memo = Memo::keeping();
        assert!(matches!(
            memo.get_or_make("a", 1, || Err::<Vec<u8>, _>("broken")),
            Err("broken")
        ));
        let made = memo.get_or_make("a", 1, || Ok::<_, ()>(b"z".to_vec()));
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
        assert_eq!(bytes(memo.get_or_make("a", 7, make)).1, "taken");
        assert_eq!(
            bytes(memo.get_or_make("a", 8, make)),
            (b"new".to_vec(), "made")
        );
        assert_eq!(bytes(memo.get_or_make("a", 8, make)).1, "made");
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
    fn the_plans_row_digests_are_kept_while_what_they_read_is_the_same() {
        let worked = std::cell::Cell::new(0);
        let work = || {
            worked.set(worked.get() + 1);
            Table::from(vec![7_u64])
        };
        let memo = Memo::keeping();
        memo.set_tables(1);
        memo.plan_digests(work);
        memo.plan_digests(work);
        assert_eq!(worked.get(), 1, "a text edit works out no record");
        memo.set_tables(2);
        memo.plan_digests(work);
        assert_eq!(worked.get(), 2, "a value edit works them out again");

        let build = Memo::for_build(None);
        build.set_tables(1);
        build.plan_digests(work);
        build.plan_digests(work);
        assert_eq!(worked.get(), 4, "a build keeps nothing between runs");
    }
}
