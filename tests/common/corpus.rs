//! The synthetic-corpus generator (examples/gen-corpus), for tests that need a bigger site.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The gen-corpus executable, built once per run of this test binary.
///
/// Cargo tells integration tests where the package's binaries are
/// (`CARGO_BIN_EXE_planpub`) but not its examples, and `cargo test --test corpus` does
/// not build examples at all, so a path guessed inside the target folder could be
/// missing or stale. Instead the test asks the cargo that is running it (`CARGO`) to
/// build the example, in the profile this test was built in; the environment, and
/// with it any CARGO_TARGET_DIR, is inherited, and the executable's path is read from
/// cargo's JSON messages rather than assumed. When the example is up to date this
/// takes well under a second; cargo does not hold its build lock while tests run.
pub fn gen_corpus() -> &'static Path {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--example", "gen-corpus", "--message-format=json"])
            .arg("--manifest-path")
            .arg(super::repo().join("Cargo.toml"));
        if !cfg!(debug_assertions) {
            cmd.arg("--release");
        }
        let out = cmd.output().expect("cargo runs");
        assert!(
            out.status.success(),
            "building gen-corpus failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "gen-corpus")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo names the gen-corpus executable")
    })
}
