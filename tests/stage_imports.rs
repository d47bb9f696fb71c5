//! The pipeline's data flows one way: load → model → link → render → write, run by
//! the engine. A stage that named a later one would make the stages a cycle again, so
//! this test reads every source file of each stage and fails on a path into a later
//! stage. Doc comments may mention later stages; code may not.

use std::fs;
use std::path::{Path, PathBuf};

/// The stages in order, then the engine that runs them.
const STAGES: &[&str] = &["load", "model", "link", "render", "write", "engine"];

/// Below every stage: the content format's words, which may name no stage at all.
const FOUNDATIONS: &[&str] = &["vocabulary", "diagnostic"];

fn sources(module: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let file = src.join(format!("{module}.rs"));
    if file.is_file() {
        out.push(file);
    }
    let mut dirs = vec![src.join(module)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The top-level modules the code of `text` names through `crate::`.
fn named_modules(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push((n + 1, name));
        }
    }
    out
}

fn offences(module: &str, forbidden: &[&str]) -> Vec<String> {
    let files = sources(module);
    assert!(!files.is_empty(), "no source files for {module}");
    let mut out = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap_or_default();
        for (line, name) in named_modules(&text) {
            if forbidden.contains(&name.as_str()) {
                out.push(format!("{}:{line}: crate::{name}", file.display()));
            }
        }
    }
    out
}

#[test]
fn no_stage_names_a_later_one() {
    let mut found = Vec::new();
    for (i, stage) in STAGES.iter().enumerate() {
        found.extend(offences(stage, &STAGES[i + 1..]));
    }
    assert!(
        found.is_empty(),
        "a stage reaches forward:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_foundations_name_no_stage() {
    let mut found = Vec::new();
    for module in FOUNDATIONS {
        found.extend(offences(module, STAGES));
    }
    assert!(
        found.is_empty(),
        "a foundation names a stage:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_reads_code_not_comments() {
    let text = "//! see [`crate::engine`]\nuse crate::model::Site; // not crate::render\n";
    assert_eq!(named_modules(text), [(2, "model".to_string())]);
}
