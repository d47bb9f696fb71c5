//! Helpers for integration tests: a fixture site copied into a temporary folder with
//! the default theme, and the `planpub` binary run on it the way an editor runs it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use walkdir::WalkDir;

pub mod corpus;
pub mod http;
pub mod import;
pub mod preview;
pub mod server;

pub struct Site {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` without colours in its messages, and collects what it said.
pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.env("NO_COLOR", "1").output().expect("the command runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
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

    /// A copy of the repository's own site: site.yaml, content/, themes/ and schemas/.
    pub fn bundled() -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).expect("copy");
        for sub in ["content", "themes", "schemas"] {
            copy_dir(&repo().join(sub), &dir.path().join(sub));
        }
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
        run(Command::new(env!("CARGO_BIN_EXE_planpub"))
            .args(args)
            .arg("--root")
            .arg(self.root()))
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn check(&self) -> Run {
        self.run(&["check"])
    }

    /// Adds a copy of the bundled Dazu plan under another id, title and document
    /// number, at `folder` (under `content/plans/`): a plan added to the site.
    pub fn add_a_copy_of_dazu(&self, folder: &str) {
        let dazu = "content/plans/dazu-ip-action-plan-2025-2027";
        for file in ["index.md", "indicators.md"] {
            let text = self.read(&format!("{dazu}/{file}"));
            let text = text
                .replace("大足府发〔2025〕12号", "大足府发〔2025〕99号")
                .replace(
                    "title: 重庆市大足区知识产权强区行动计划（2025—2027年）",
                    "title: 重庆市大足区知识产权强区行动计划（2025—2027年）副本",
                )
                .replace(
                    "short_title: 大足区知识产权强区行动计划",
                    "short_title: 大足区知识产权强区行动计划副本",
                );
            self.write(&format!("{folder}/{file}"), &text);
        }
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

/// The YAML of a content file: between the first two `---` lines, or all of site.yaml.
pub fn front_matter(rel: &str, text: &str) -> String {
    if rel.ends_with(".yaml") {
        return text.to_string();
    }
    let mut lines = text.lines();
    assert_eq!(lines.next().map(str::trim_end), Some("---"), "{rel}");
    lines
        .take_while(|l| l.trim_end() != "---")
        .map(|l| format!("{l}\n"))
        .collect()
}

/// YAML as a JSON value, the way an editor's YAML language server reads it: YAML 1.2
/// Core booleans, so `n` and `no` are text (as the loader reads them into a text field).
pub fn yaml_value(yaml: &str) -> serde_json::Value {
    if yaml.trim().is_empty() {
        return serde_json::Value::Object(Default::default());
    }
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(yaml, options)
        .unwrap_or_else(|e| panic!("YAML: {e}\n{yaml}"))
}

/// The generated schema of that file name, as JSON.
pub fn schema_value(name: &str) -> serde_json::Value {
    let text = planpub::schema::schemas()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t)
        .expect("a schema of that name");
    serde_json::from_str(&text).expect("JSON")
}

/// What the schema `name` finds wrong with a YAML document; empty when it is valid.
pub fn schema_errors(name: &str, yaml: &str) -> Vec<String> {
    let validator = jsonschema::draft7::new(&schema_value(name)).expect("a valid schema");
    let value = yaml_value(yaml);
    validator
        .iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}
