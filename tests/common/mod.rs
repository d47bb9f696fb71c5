//! Helpers for integration tests: a fixture site copied into a temporary folder with
//! the default theme, and the `planpub` binary run on it the way an editor runs it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use walkdir::WalkDir;

pub mod http;

pub struct Site {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts the run failed with exit code 1 and names `needle` in its report.
    pub fn fails_with(&self, needles: &[&str]) -> &Self {
        assert_eq!(
            self.code, 1,
            "expected exit code 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "panic:\n{}", self.stderr);
        for n in needles {
            assert!(
                self.stderr.contains(n),
                "expected `{n}` in the report:\n{}",
                self.stderr
            );
        }
        self
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in WalkDir::new(from) {
        let entry = entry.expect("fixture readable");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("mkdir");
        } else {
            fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

impl Site {
    /// A copy of the repository's own site: site.yaml, content/ and themes/.
    pub fn bundled() -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        for part in ["content", "themes"] {
            copy_dir(&repo().join(part), &dir.path().join(part));
        }
        fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).expect("copy");
        Site { dir }
    }

    /// A copy of tests/fixtures/<name> with themes/default beside it.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        copy_dir(
            &repo().join("themes/default"),
            &dir.path().join("themes/default"),
        );
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(p, text).expect("write");
    }

    /// Replaces `from` by `to` in a file; `from` must be there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "`{from}` not in {rel}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// The 1-based line of the first line containing `needle` in a file.
    pub fn line_of(&self, rel: &str, needle: &str) -> usize {
        self.read(rel)
            .lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("`{needle}` not in {rel}"))
            + 1
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_planpub"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("planpub runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn check(&self) -> Run {
        self.run(&["check"])
    }

    pub fn output(&self, rel: &str) -> String {
        self.read(&format!("output/{rel}"))
    }
}

/// Builds the repository's own site into a temporary folder and returns the folder
/// (kept alive by the returned guard) and the output path.
pub fn build_bundled() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("tempdir");
    let target = out.path().join("output");
    let run = Command::new(env!("CARGO_BIN_EXE_planpub"))
        .args(["build", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(&target)
        .env("NO_COLOR", "1")
        .output()
        .expect("planpub runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    (out, target)
}

/// Every file under `dir` with its bytes, for comparing an output folder before and after.
pub fn snapshot_dir(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside").to_path_buf();
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect();
    files.sort();
    files
}
