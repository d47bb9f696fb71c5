//! Files of the open data kept from one preview build to the next, by a digest of
//! what each is made from: a save makes again only the files whose inputs changed.
//! A plan's text changes none of its rows' values, so a save to it writes no CSV and
//! no workbook; a changed value makes that plan's files and the site-wide ones again.
//!
//! A full build has no memo and makes every file: a memo is only a shortcut to bytes
//! the same inputs gave before, and a digest covers everything a file is made from.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use super::Contents;

/// The bytes of files made by earlier builds, each with the digest of its inputs.
#[derive(Default)]
pub struct Memo {
    files: Mutex<Made>,
}

/// Each file by its path: the digest of its inputs and its bytes.
type Made = HashMap<String, (u64, Arc<[u8]>)>;

impl Memo {
    /// The file at `path` made from inputs whose digest is `digest`: the bytes an
    /// earlier build made from the same inputs, or what `make` makes now. The bytes
    /// are shared with the memo, never copied out of it.
    pub fn get_or_make<E>(
        &self,
        path: &str,
        digest: u64,
        make: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Arc<[u8]>, E> {
        if let Some((d, bytes)) = self.lock().get(path)
            && *d == digest
        {
            return Ok(Arc::clone(bytes));
        }
        let bytes: Arc<[u8]> = make()?.into();
        self.lock()
            .insert(path.to_string(), (digest, Arc::clone(&bytes)));
        Ok(bytes)
    }

    /// Forgets the files a build did not make, such as a removed plan's.
    pub fn keep_only(&self, made: impl Fn(&str) -> bool) {
        self.lock().retain(|path, _| made(path));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Made> {
        self.files.lock().unwrap_or_else(PoisonError::into_inner)
    }
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
    Ok(match memo {
        Some(m) => Contents::Shared(m.get_or_make(path, digest(), make)?),
        None => Contents::Bytes(make()?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_made_again_only_when_its_inputs_change() {
        let memo = Memo::default();
        let calls = std::cell::Cell::new(0);
        let make = |text: &str| {
            calls.set(calls.get() + 1);
            Ok::<_, ()>(text.as_bytes().to_vec())
        };
        assert_eq!(
            memo.get_or_make("a", digest(&"x"), || make("x")),
            Ok(Arc::from(&b"x"[..]))
        );
        assert_eq!(
            memo.get_or_make("a", digest(&"x"), || make("x")),
            Ok(Arc::from(&b"x"[..]))
        );
        assert_eq!(
            memo.get_or_make("a", digest(&"y"), || make("y")),
            Ok(Arc::from(&b"y"[..]))
        );
        assert_eq!(calls.get(), 2);
        memo.keep_only(|p| p != "a");
        assert_eq!(
            memo.get_or_make("a", digest(&"y"), || make("y")),
            Ok(Arc::from(&b"y"[..]))
        );
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn a_failure_is_not_remembered() {
        let memo = Memo::default();
        assert_eq!(
            memo.get_or_make("a", 1, || Err::<Vec<u8>, _>("broken")),
            Err("broken")
        );
        assert_eq!(
            memo.get_or_make("a", 1, || Ok::<_, &str>(b"z".to_vec())),
            Ok(Arc::from(&b"z"[..]))
        );
    }
}
