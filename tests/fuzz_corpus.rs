//! Every seed of the fuzz corpus (fuzz/corpus/<target>/) and every minimised crash the
//! fuzzers found (fuzz/artifacts-found/<target>/) through its target's function in
//! `planpub::fuzz`, without a fuzzer: the seeds stay valid inputs and a crash once
//! fixed stays fixed, in plain `cargo test`. A crash not fixed yet is saved with a
//! name starting `open-`: it must still fail, so that its fix renames it and it
//! becomes a regression test like the others. docs/fuzzing.md runs the fuzzers.

use std::fs;
use std::path::{Path, PathBuf};

type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("front_matter", planpub::fuzz::front_matter),
    ("markdown", planpub::fuzz::markdown),
    ("units", planpub::fuzz::units),
    ("import", planpub::fuzz::import),
];

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a readable folder").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every file of `folder`/<target>/ through its target, naming each on stderr
/// first so that a failure shows which file it was.
fn replay(folder: &str) {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(folder);
    for (name, run) in TARGETS {
        for file in files(&base.join(name)) {
            let data = fs::read(&file).expect("a readable file");
            let open = file
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("open-"));
            eprintln!("{name}: {}", file.display());
            if open {
                let failed = std::panic::catch_unwind(|| run(&data)).is_err();
                assert!(
                    failed,
                    "{} no longer fails: drop `open-` from its name",
                    file.display()
                );
            } else {
                run(&data);
            }
        }
    }
}

#[test]
fn every_seed_runs() {
    for (name, _) in TARGETS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/corpus")
            .join(name);
        assert!(!files(&dir).is_empty(), "no seeds in {}", dir.display());
    }
    replay("corpus");
}

#[test]
fn every_crash_found_stays_fixed() {
    // None found yet is fine: the folder appears with the first.
    replay("artifacts-found");
}
