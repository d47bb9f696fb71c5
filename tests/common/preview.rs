//! What the preview's tests compare: the site the preview serves, and the files
//! `planpub build` writes for the same folder.

use std::collections::BTreeMap;
use std::sync::Arc;

use planpub::engine::{self, preview::Files};
use planpub::progress::Quiet;
use planpub::search;

use super::Site;

pub fn sorted(files: &Arc<Files>) -> BTreeMap<&str, &[u8]> {
    files.iter().map(|(k, v)| (k.as_str(), &v[..])).collect()
}

/// The files `planpub build` writes into a fresh output folder, but its manifest.
pub fn built(site: &Site) -> Files {
    let output = tempfile::tempdir().expect("temp dir");
    let options = engine::Options {
        root: site.root().to_path_buf(),
        output: output.path().join("site"),
        cache: false,
    };
    engine::build(&options, &Quiet).unwrap_or_else(|e| panic!("full build: {e:?}"));
    let mut files = Files::new();
    let mut folders = vec![options.output.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("output folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let rel = path.strip_prefix(&options.output).expect("inside");
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel != planpub::write::MANIFEST {
                files.insert(rel, std::fs::read(&path).expect("read").into());
            }
        }
    }
    files
}

/// The search index's files alone.
pub fn index(files: &Arc<Files>) -> BTreeMap<&str, &[u8]> {
    let mut files = sorted(files);
    files.retain(|path, _| search::holds(path));
    files
}

/// The site without its search index.
pub fn pages(files: &Arc<Files>) -> BTreeMap<&str, &[u8]> {
    let mut files = sorted(files);
    files.retain(|path, _| !search::holds(path));
    files
}

pub fn same(a: &BTreeMap<&str, &[u8]>, b: &BTreeMap<&str, &[u8]>) {
    let only_partial: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_full: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_partial.is_empty() && only_full.is_empty(),
        "files differ: only in the partial build {only_partial:?}, only in the full {only_full:?}"
    );
    let differing: Vec<_> = a
        .iter()
        .filter(|(k, v)| b[*k] != **v)
        .map(|(k, _)| k)
        .collect();
    assert!(
        differing.is_empty(),
        "stale after a partial rebuild: {differing:?}"
    );
}
