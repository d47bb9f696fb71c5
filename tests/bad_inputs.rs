//! The broken-input suite. Every folder in tests/bad_inputs/ is one small site: a copy
//! of tests/fixtures/basic (with the default theme), built once so it has a previous
//! output, then broken as the folder's case.yaml says. For a broken site, `planpub
//! check` and `planpub build` must both exit 1, name the file and line, never panic,
//! and leave the previous output byte for byte with no temporary folder beside it.
//! Some inputs look odd but are valid (a byte-order mark, CRLF, Chinese file names):
//! those cases must build.
//!
//! Each command runs with a cap on its address space and a hang guard, so an input that
//! costs unbounded memory or time fails the suite instead of the machine.

mod common;

use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, Site, snapshot_dir};
use serde::Deserialize;

/// Address space a command may use. planpub needs far less for these sites; an alias
/// bomb or unbounded nesting would need far more.
const MEMORY_LIMIT_KIB: u64 = 4 * 1024 * 1024;

/// Longer than any of these runs takes even on a loaded machine; only a hang reaches it.
const HANG_GUARD: Duration = Duration::from_secs(120);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What is wrong (or odd) about this site, in one line.
    about: String,
    /// Text replaced in a file of the fixture; the text must be there.
    #[serde(default)]
    edit: Vec<Edit>,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    rename: Vec<Rename>,
    /// Files too big or too repetitive to commit, made from repeated pieces.
    #[serde(default)]
    generate: Vec<Generate>,
    /// Symbolic links: `file` is the link, `to` what it points at, as written.
    #[serde(default)]
    links: Vec<Link>,
    rejected: Option<Rejected>,
    accepted: Option<Accepted>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    replace: String,
    with: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rename {
    from: String,
    to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Generate {
    file: String,
    pieces: Vec<Piece>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Piece {
    text: String,
    #[serde(default = "once")]
    times: usize,
}

fn once() -> usize {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Link {
    file: String,
    to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rejected {
    /// The file the report must name; with `line_of`, as `file:line:`.
    file: Option<String>,
    /// The report's line: this one…
    line: Option<usize>,
    /// …or the first line of `file` containing this text…
    line_of: Option<String>,
    /// …or so many lines after it (Tera reports an unclosed tag on the next line).
    #[serde(default)]
    lines_after: usize,
    /// Text the report must contain: the message, the hint.
    says: Vec<String>,
    /// Only `check` (the default is both `check` and `build`).
    #[serde(default)]
    check_only: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Accepted {
    /// Output files that must exist, with text each must contain.
    pages: Vec<Page>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Page {
    path: String,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    lacks: Vec<String>,
}

#[test]
fn every_bad_input_is_refused_and_every_odd_one_accepted() {
    let dir = common::repo().join("tests/bad_inputs");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("tests/bad_inputs")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("case.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let rejected = names
        .iter()
        .filter(|n| {
            let text = fs::read_to_string(dir.join(n).join("case.yaml")).unwrap_or_default();
            text.contains("\nrejected:")
        })
        .count();
    assert!(
        rejected >= 40,
        "the suite must hold at least 40 broken sites; it has {rejected}"
    );
    let failures: Vec<String> = names
        .iter()
        .filter_map(|name| {
            run_case(&dir.join(name))
                .err()
                .map(|e| format!("{name}: {e}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        names.len(),
        failures.join("\n\n")
    );
}

fn run_case(dir: &Path) -> Result<(), String> {
    let text = fs::read_to_string(dir.join("case.yaml")).map_err(|e| e.to_string())?;
    let case: Case = serde_saphyr::from_str(&text).map_err(|e| format!("case.yaml: {e}"))?;
    let site = Site::fixture("basic");
    run(&site, "build")
        .ok_or_else(|| "the fixture did not build".to_string())?
        .ok();
    let before = snapshot_dir(&site.path("output"));
    apply(&case, dir, &site)?;
    let about = &case.about;
    match (&case.rejected, &case.accepted) {
        (Some(rejected), None) => {
            let at = match (&rejected.file, rejected.line, &rejected.line_of) {
                (Some(file), Some(line), _) => Some(format!("{file}:{line}:")),
                (Some(file), None, Some(needle)) => Some(format!(
                    "{file}:{}:",
                    site.line_of(file, needle) + rejected.lines_after
                )),
                (Some(file), None, None) => Some(file.clone()),
                _ => None,
            };
            let commands: &[&str] = if rejected.check_only {
                &["check"]
            } else {
                &["check", "build"]
            };
            for command in commands {
                let run = run(&site, command).ok_or_else(|| {
                    format!("({about}) `planpub {command}` did not finish: a hang")
                })?;
                let mut needles: Vec<&str> = rejected.says.iter().map(String::as_str).collect();
                needles.extend(at.as_deref());
                refused(&run, &needles)
                    .map_err(|e| format!("({about}) `planpub {command}`: {e}"))?;
                if snapshot_dir(&site.path("output")) != before {
                    return Err(format!(
                        "({about}) `planpub {command}` changed the previous output"
                    ));
                }
                leftovers(site.root())?;
            }
            Ok(())
        }
        (None, Some(accepted)) => {
            let run = run(&site, "build")
                .ok_or_else(|| format!("({about}) `planpub build` did not finish"))?;
            if run.code != 0 {
                return Err(format!(
                    "({about}) expected the site to build:\n{}",
                    run.stderr
                ));
            }
            for page in &accepted.pages {
                let path = site.path("output").join(&page.path);
                let html = fs::read_to_string(&path)
                    .map_err(|e| format!("({about}) output/{}: {e}", page.path))?;
                if let Some(n) = page.contains.iter().find(|n| !html.contains(n.as_str())) {
                    return Err(format!("({about}) output/{} lacks `{n}`", page.path));
                }
                if let Some(n) = page.lacks.iter().find(|n| html.contains(n.as_str())) {
                    return Err(format!("({about}) output/{} has `{n}`", page.path));
                }
            }
            leftovers(site.root())
        }
        _ => Err("case.yaml needs exactly one of `rejected` and `accepted`".into()),
    }
}

/// Breaks the fixture as the case says; the case folder's `site/` is copied over it
/// byte for byte (for encodings and line endings a YAML string cannot carry).
fn apply(case: &Case, dir: &Path, site: &Site) -> Result<(), String> {
    let overlay = dir.join("site");
    if overlay.is_dir() {
        common::copy_dir(&overlay, site.root());
    }
    for e in &case.edit {
        site.edit(&e.file, &e.replace, &e.with);
    }
    for r in &case.remove {
        let p = site.path(r);
        let removed = if p.is_dir() {
            fs::remove_dir_all(&p)
        } else {
            fs::remove_file(&p)
        };
        removed.map_err(|e| format!("remove {r}: {e}"))?;
    }
    for r in &case.rename {
        fs::rename(site.path(&r.from), site.path(&r.to))
            .map_err(|e| format!("rename {}: {e}", r.from))?;
    }
    for g in &case.generate {
        let mut bytes = Vec::new();
        for p in &g.pieces {
            bytes.extend(p.text.as_bytes().repeat(p.times));
        }
        // A generated file may start a folder of its own (a new plan bundle).
        if let Some(parent) = site.path(&g.file).parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", g.file))?;
        }
        fs::write(site.path(&g.file), bytes).map_err(|e| format!("{}: {e}", g.file))?;
    }
    for l in &case.links {
        std::os::unix::fs::symlink(&l.to, site.path(&l.file))
            .map_err(|e| format!("link {}: {e}", l.file))?;
    }
    Ok(())
}

/// Runs `planpub <command>` on the site under the memory cap; `None` if it hung.
fn run(site: &Site, command: &str) -> Option<Run> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KIB} && exec \"$@\""))
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_planpub"))
        .arg(command)
        .arg("--root")
        .arg(site.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    // Read both pipes on their own threads, so a long report cannot block the child.
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stdout.read_to_end(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if start.elapsed() > HANG_GUARD {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    status.map(|s| Run {
        code: s.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    })
}

fn refused(run: &Run, needles: &[&str]) -> Result<(), String> {
    if run.stderr.contains("panicked") {
        return Err(format!("panicked:\n{}", run.stderr));
    }
    if run.code != 1 {
        return Err(format!(
            "exit code {} instead of 1\nstdout:\n{}\nstderr:\n{}",
            run.code, run.stdout, run.stderr
        ));
    }
    match needles.iter().find(|n| !run.stderr.contains(**n)) {
        Some(n) => Err(format!("the report lacks `{n}`:\n{}", run.stderr)),
        None => Ok(()),
    }
}

/// Temporary folders of the writer left beside the output.
fn leftovers(root: &Path) -> Result<(), String> {
    let left: Vec<String> = fs::read_dir(root)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("planpub-tmp") || n.contains("planpub-old"))
        .collect();
    if left.is_empty() {
        Ok(())
    } else {
        Err(format!("left behind: {}", left.join(", ")))
    }
}
