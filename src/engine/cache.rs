//! The cache of `planpub build`: each page's digest ([`super::digest`]) as of the last
//! build, so that the next build renders only the pages whose digest changed and
//! takes the others from the last output. The result is byte for byte a clean build's.
//!
//! The cache is one text file per output folder, `.planpub/build-cache-<hash of the
//! output's path>.txt` in the site folder, safe to delete (the next build is then a
//! clean one). It names the planpub binary that wrote it and the output folder it
//! describes; another binary makes it void. A page is taken from the last output only when its bytes still have the
//! checksum that output's `manifest.sha256` gives, so a file changed or damaged on disk
//! since is rendered again, never copied. The cache is removed before the output is
//! replaced and written after, so it never describes an output it did not see built.

use std::collections::HashMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::write::{MANIFEST, sha256_hex};

/// The folder of the cache, in the site folder.
pub const FOLDER: &str = ".planpub";
const HEADER: &str = "planpub build cache 1";

/// What the last build left: its pages' digests and the checksums of its output.
pub struct Previous {
    output: PathBuf,
    digests: HashMap<String, u64>,
    checksums: HashMap<String, String>,
}

impl Previous {
    /// The last build's cache for `output`, if there is one that this binary wrote for
    /// that folder and the folder still has its manifest.
    pub fn read(root: &Path, output: &Path) -> Option<Previous> {
        let text = fs::read_to_string(file(root, output)).ok()?;
        let mut lines = text.lines();
        if lines.next()? != HEADER
            || lines.next()? != format!("binary {:016x}", binary()?)
            || lines.next()? != format!("output {}", output.display())
        {
            return None;
        }
        let mut digests = HashMap::new();
        for line in lines {
            let (digest, path) = line.split_once(' ')?;
            digests.insert(path.to_string(), u64::from_str_radix(digest, 16).ok()?);
        }
        let manifest = fs::read_to_string(output.join(MANIFEST)).ok()?;
        let checksums = manifest
            .lines()
            .filter_map(|l| l.split_once("  "))
            .map(|(hash, path)| (path.to_string(), hash.to_string()))
            .collect();
        Some(Previous {
            output: output.to_path_buf(),
            digests,
            checksums,
        })
    }

    /// The page at `path` as the last output has it, when the page was made from what
    /// `digest` says and the file is still the one the manifest names.
    pub fn page(&self, path: &str, digest: u64) -> Option<Reused> {
        if self.digests.get(path) != Some(&digest) {
            return None;
        }
        let expected = self.checksums.get(path)?;
        let from = self.output.join(path);
        let bytes = fs::read(&from).ok()?;
        let hex = sha256_hex(&bytes);
        (&hex == expected).then_some(Reused {
            bytes,
            from,
            checksum: hex,
        })
    }
}

/// A page taken from the last output.
pub struct Reused {
    pub bytes: Vec<u8>,
    /// The file in the last output.
    pub from: PathBuf,
    /// Its SHA-256, as the manifest gives it.
    pub checksum: String,
}

/// The cache of the output folder `output` (an absolute path).
fn file(root: &Path, output: &Path) -> PathBuf {
    let mut h = DefaultHasher::new();
    output.hash(&mut h);
    root.join(FOLDER)
        .join(format!("build-cache-{:016x}.txt", h.finish()))
}

/// Removes the cache of `output`: done before the output is replaced.
pub fn forget(root: &Path, output: &Path) -> std::io::Result<()> {
    match fs::remove_file(file(root, output)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Writes the cache of a build of `output` whose pages have `digests` (path, digest).
/// A cache that cannot be written leaves none, and the next build is a clean one.
pub fn write<'a>(
    root: &Path,
    output: &Path,
    digests: impl Iterator<Item = (&'a str, u64)>,
) -> std::io::Result<()> {
    let Some(binary) = binary() else {
        return Ok(());
    };
    let mut text = format!(
        "{HEADER}\nbinary {binary:016x}\noutput {}\n",
        output.display()
    );
    for (path, digest) in digests {
        if path.contains('\n') {
            continue;
        }
        text.push_str(&format!("{digest:016x} {path}\n"));
    }
    let target = file(root, output);
    fs::create_dir_all(root.join(FOLDER))?;
    let tmp = target.with_extension(format!("{}", std::process::id()));
    fs::write(&tmp, text)?;
    fs::rename(&tmp, target)
}

/// A hash of the running planpub binary: a cache is only good for the binary that
/// wrote it, since another version may render the same page differently.
fn binary() -> Option<u64> {
    static BINARY: OnceLock<Option<u64>> = OnceLock::new();
    *BINARY.get_or_init(|| {
        let bytes = fs::read(std::env::current_exe().ok()?).ok()?;
        let mut h = DefaultHasher::new();
        bytes.hash(&mut h);
        Some(h.finish())
    })
}
