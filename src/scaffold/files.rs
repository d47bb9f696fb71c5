//! Creating a set of new files all or nothing: every file is created only if it does
//! not exist, and on the first failure every file and folder made so far is removed,
//! so an error never leaves a half-made plan bundle behind.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::ScaffoldError;

/// Writes each `(path, text)`; on error removes what it made and returns the error.
pub fn create_all(files: &[(PathBuf, String)]) -> Result<(), ScaffoldError> {
    if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(ScaffoldError::Exists { path: path.clone() });
    }
    let mut made = Made::default();
    for (path, text) in files {
        if let Err(e) = made.file(path, text) {
            made.undo();
            return Err(e);
        }
    }
    Ok(())
}

/// What this run created, in order, to undo it.
#[derive(Default)]
struct Made {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Made {
    fn file(&mut self, path: &Path, text: &str) -> Result<(), ScaffoldError> {
        if let Some(parent) = path.parent() {
            self.dir(parent)?;
        }
        let err = |source| ScaffoldError::Write {
            path: path.to_path_buf(),
            source,
        };
        // create_new: a file that appeared since the check above is not overwritten.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => ScaffoldError::Exists {
                    path: path.to_path_buf(),
                },
                _ => err(e),
            })?;
        self.files.push(path.to_path_buf());
        file.write_all(text.as_bytes()).map_err(err)
    }

    /// Creates `dir` and its missing parents, remembering each one it made.
    fn dir(&mut self, dir: &Path) -> Result<(), ScaffoldError> {
        let missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.exists()).collect();
        for d in missing.into_iter().rev() {
            std::fs::create_dir(d).map_err(|source| ScaffoldError::Write {
                path: d.to_path_buf(),
                source,
            })?;
            self.dirs.push(d.to_path_buf());
        }
        Ok(())
    }

    /// Removes what was made, newest first. Best effort: the error that led here is
    /// the one the editor needs to see.
    fn undo(self) {
        for f in self.files.iter().rev() {
            let _ = std::fs::remove_file(f);
        }
        for d in self.dirs.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_removes_every_file_and_folder_made() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let bundle = tmp.path().join("plans/new-plan");
        // The second path is a file inside a file, which cannot be created.
        let blocker = tmp.path().join("blocker");
        std::fs::write(&blocker, "x").expect("write");
        let files = vec![
            (bundle.join("index.md"), "a".to_string()),
            (blocker.join("indicators.md"), "b".to_string()),
        ];
        let err = create_all(&files).expect_err("cannot write into a file");
        assert!(matches!(err, ScaffoldError::Write { .. }), "{err:?}");
        assert!(!tmp.path().join("plans").exists(), "a folder was left");
        assert!(blocker.is_file());
    }

    #[test]
    fn an_existing_file_stops_everything_before_anything_is_written() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let first = tmp.path().join("a/index.md");
        let second = tmp.path().join("b.md");
        std::fs::write(&second, "kept").expect("write");
        let files = vec![
            (first.clone(), "new".into()),
            (second.clone(), "new".into()),
        ];
        let err = create_all(&files).expect_err("exists");
        assert!(matches!(err, ScaffoldError::Exists { path } if path == second));
        assert!(!tmp.path().join("a").exists());
        assert_eq!(std::fs::read_to_string(&second).expect("read"), "kept");
    }
}
