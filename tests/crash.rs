//! Crash-safe output: builds of a generated site killed with SIGKILL at random moments,
//! many times. After every kill output/ must be one whole site, the previous or the new
//! one, exactly as a complete build writes it (its manifest.sha256, every file in it
//! and no other), and the next successful build must leave no temporary folder behind.
//!
//! The moments are random; the seed is printed, and `PLANPUB_CRASH_SEED` replays a run.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::corpus::gen_corpus;
use sha2::{Digest, Sha256};

const KILLS: usize = 16;

/// A small random generator (xorshift): the moments need no more.
struct Moments(u64);

impl Moments {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn build(root: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_planpub"));
    cmd.arg("build")
        .arg("--root")
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Builds to the end; the time it took.
fn full_build(root: &Path) -> Duration {
    let start = Instant::now();
    let status = build(root).status().expect("planpub runs");
    assert!(status.success(), "a full build failed");
    start.elapsed()
}

/// The output's manifest, after checking that it names exactly the output's files
/// and that each has the hash it states.
fn verified_manifest(output: &Path) -> String {
    let manifest = fs::read_to_string(output.join("manifest.sha256"))
        .expect("output/ has a manifest: it is a whole site");
    let mut listed = BTreeSet::new();
    for line in manifest.lines() {
        let (hash, path) = line.split_once("  ").expect("`hash  path` lines");
        let bytes =
            fs::read(output.join(path)).unwrap_or_else(|e| panic!("{path} is listed but: {e}"));
        assert_eq!(
            format!("{:x}", Sha256::digest(&bytes)),
            hash,
            "{path} does not match the manifest"
        );
        listed.insert(path.to_string());
    }
    let on_disk: BTreeSet<String> = walkdir::WalkDir::new(output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(output).expect("inside");
            rel.to_string_lossy().replace('\\', "/")
        })
        .filter(|p| p != "manifest.sha256")
        .collect();
    assert_eq!(
        listed, on_disk,
        "output/ holds other files than its manifest"
    );
    manifest
}

fn temporary_folders(root: &Path) -> Vec<String> {
    fs::read_dir(root)
        .expect("site folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("planpub-tmp") || n.contains("planpub-old"))
        .collect()
}

#[test]
fn a_killed_build_leaves_the_previous_or_the_new_site() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let generated = Command::new(gen_corpus())
        .args(["--regions", "8", "--plans-per-region", "2", "--out"])
        .arg(root)
        .output()
        .expect("gen-corpus runs");
    assert!(generated.status.success());
    let output = root.join("output");

    // Two versions of the site that differ on every page: its title.
    let site_yaml = root.join("site.yaml");
    let a = fs::read_to_string(&site_yaml).expect("site.yaml");
    let title = a
        .lines()
        .find(|l| l.starts_with("title:"))
        .expect("a title line");
    let b = a.replacen(title, &format!("{title}（修订）"), 1);

    fs::write(&site_yaml, &b).expect("write");
    let took = full_build(root);
    let manifest_b = verified_manifest(&output);
    fs::write(&site_yaml, &a).expect("write");
    full_build(root);
    let manifest_a = verified_manifest(&output);
    assert_ne!(manifest_a, manifest_b);

    let seed = std::env::var("PLANPUB_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    println!("PLANPUB_CRASH_SEED={seed}");
    let mut moments = Moments(seed);
    // Up to half again a whole build, so some kills land after the swap.
    let window = took.as_micros() as u64 * 3 / 2;

    let mut previous = manifest_a.clone();
    let mut published = 0;
    for i in 0..KILLS {
        // Always the other version, so every build that finishes changes output/.
        let (text, new) = if previous == manifest_a {
            (&b, &manifest_b)
        } else {
            (&a, &manifest_a)
        };
        fs::write(&site_yaml, text).expect("write");
        let delay = Duration::from_micros(moments.next() % window.max(1));
        let mut child = build(root).spawn().expect("planpub runs");
        std::thread::sleep(delay);
        let finished = child.try_wait().ok().flatten().is_some();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = verified_manifest(&output);
        assert!(
            now == previous || now == *new,
            "kill {i} after {delay:?}: output/ is neither the previous site nor the new one"
        );
        if now != previous {
            published += 1;
        }
        // A build that ran to its end published; a killed one may have, if the kill
        // came after the swap.
        assert!(
            !finished || now == *new,
            "kill {i}: a finished build left its site unpublished"
        );
        previous = now;
    }
    println!("{KILLS} kills, {published} after the new site was in place");

    full_build(root);
    verified_manifest(&output);
    let left = temporary_folders(root);
    assert!(left.is_empty(), "left behind: {left:?}");
}
