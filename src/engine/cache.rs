//! The cache of `planpub build`: each page's digest ([`super::digest`]) as of the last
//! build, so that the next build renders only the pages whose digest changed and
//! takes the others from the last output. The result is byte for byte a clean build's.
//!
//! The cache is one text file per output folder, `.planpub/build-cache-<hash of the
//! output's path>.txt` in the site folder, safe to delete (the next build is then a
//! clean one). It names the planpub binary that wrote it and the output folder it
//! describes; another binary makes it void. The cache is removed before the output is
//! replaced and written after, so it never describes an output it did not see built.
//!
//! A page is taken from the last output only when its file is still the one that
//! build wrote: the same inode, length and modification time, as `make` and version
//! control trust a file they wrote. A file written over or replaced since is
//! rendered again, never taken; its checksum comes from the last `manifest.sha256`.
//! The open data's files are taken the same way, by the digest of their rows
//! ([`crate::render::Memo`]); their lines in the cache have no ids.
//!
//! A page taken is not read. The cache keeps the hashes of its ids, which answer the
//! anchors pages rendered again ask of it. Its links held in the last build, and they
//! still hold when every file of the last output is still in the site and every page
//! rendered again has the ids it had; otherwise the build reads and checks every page
//! it took ([`Reuse::links_hold`]).
//!
//! Beside it, `.planpub/search-analyses-<same hash>.bin` keeps each page's analysis for
//! the search index ([`crate::search::cache`]), so that with search on a page taken is
//! still not read; the index's text chunks are taken like the open data, by a digest
//! of their page's path and digest.

use std::collections::HashMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::run::Reuse;
use crate::render::{Earlier, Taken};
use crate::stamp::Stamp;
use crate::write::MANIFEST;

/// The folder of the cache, in the site folder.
pub const FOLDER: &str = ".planpub";
const HEADER: &str = "planpub build cache 2";

/// What the cache says of one page of the last output.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// What the page was made from.
    digest: u64,
    file: Stamp,
    /// Its ids, hashed as the link check hashes them ([`crate::check::PageScan::ids`]).
    ids: Arc<[u64]>,
}

/// What the last build left: its pages' entries and the checksums of its output.
pub struct Previous {
    output: PathBuf,
    entries: HashMap<String, Entry>,
    checksums: HashMap<String, String>,
}

impl Previous {
    /// The last build's cache for `output`, if there is one that this binary wrote for
    /// that folder and the folder still has its manifest.
    pub fn read(root: &Path, output: &Path) -> Option<Previous> {
        let text = fs::read_to_string(file(root, output)).ok()?;
        let mut lines = text.lines();
        let identity = identity(output)?;
        if lines.next()? != HEADER || identity.lines().any(|l| lines.next() != Some(l)) {
            return None;
        }
        let mut entries = HashMap::new();
        for line in lines {
            let (path, entry) = parse(line)?;
            entries.insert(path.to_string(), entry);
        }
        let manifest = fs::read_to_string(output.join(MANIFEST)).ok()?;
        let checksums = manifest
            .lines()
            .filter_map(|l| l.split_once("  "))
            .map(|(hash, path)| (path.to_string(), hash.to_string()))
            .collect();
        Some(Previous {
            output: output.to_path_buf(),
            entries,
            checksums,
        })
    }

    /// The file at `path` as the last output has it, when it was made from what
    /// `digest` says and is still the file that build wrote.
    fn taken(&self, path: &str, digest: u64) -> Option<(Taken, &Entry)> {
        let entry = self.entries.get(path)?;
        if entry.digest != digest {
            return None;
        }
        let checksum = self.checksums.get(path)?;
        let from = self.output.join(path);
        (Stamp::of_file(&from)? == entry.file).then(|| {
            let taken = Taken {
                from,
                checksum: checksum.clone(),
                len: entry.file.len,
            };
            (taken, entry)
        })
    }
}

/// The open data's files, by the digest of their inputs ([`crate::render::Memo`]).
impl Earlier for Previous {
    fn file(&self, path: &str, digest: u64) -> Option<Taken> {
        self.taken(path, digest).map(|(taken, _)| taken)
    }
}

/// A line of the cache: `digest inode len modified ids path`, the ids in hexadecimal,
/// 16 digits each, one after another (`-` for none).
fn parse(line: &str) -> Option<(&str, Entry)> {
    let mut fields = line.splitn(6, ' ');
    let digest = u64::from_str_radix(fields.next()?, 16).ok()?;
    let inode = fields.next()?.parse().ok()?;
    let len = fields.next()?.parse().ok()?;
    let modified = fields.next()?.parse().ok()?;
    let hex = fields.next()?;
    let ids = match hex {
        "-" => Vec::new(),
        _ if hex.len() % 16 == 0 && hex.is_ascii() => (0..hex.len() / 16)
            .map(|i| u64::from_str_radix(&hex[16 * i..16 * (i + 1)], 16).ok())
            .collect::<Option<Vec<u64>>>()?,
        _ => return None,
    };
    let path = fields.next()?;
    let file = Stamp {
        inode,
        len,
        modified,
    };
    Some((
        path,
        Entry {
            digest,
            file,
            ids: ids.into(),
        },
    ))
}

/// `ids` as [`parse`] reads them.
fn hex(ids: &[u64]) -> String {
    if ids.is_empty() {
        return "-".into();
    }
    ids.iter().map(|id| format!("{id:016x}")).collect()
}

/// The last output, for a build that knows its pages' digests.
pub struct FromLast<'a> {
    previous: Arc<Previous>,
    digests: &'a HashMap<String, u64>,
}

impl<'a> FromLast<'a> {
    /// The pages of the last output that can be taken as they are by a build whose
    /// pages have `digests` (path, digest).
    pub fn new(previous: Arc<Previous>, digests: &'a HashMap<String, u64>) -> Self {
        FromLast { previous, digests }
    }
}

impl Reuse for FromLast<'_> {
    fn page(&self, path: &str) -> Option<Reused> {
        let (file, entry) = self.previous.taken(path, *self.digests.get(path)?)?;
        Some(Reused {
            file,
            ids: Arc::clone(&entry.ids),
        })
    }

    fn file(&self, path: &str, digest: u64) -> Option<Taken> {
        self.previous.taken(path, digest).map(|(taken, _)| taken)
    }

    fn links_hold(&self, in_site: &dyn Fn(&str) -> bool, rendered: &[(&str, &[u64])]) -> bool {
        let kept = self
            .previous
            .checksums
            .keys()
            .all(|p| p == MANIFEST || in_site(p));
        kept && rendered.iter().all(|(path, ids)| {
            self.previous
                .entries
                .get(*path)
                .is_none_or(|e| e.ids[..] == **ids)
        })
    }
}

/// A page taken from the last build's output, not read unless it must be.
pub struct Reused {
    pub file: Taken,
    /// Its ids, hashed, as the cache gives them.
    pub ids: Arc<[u64]>,
}

/// The cache of the output folder `output` (an absolute path).
fn file(root: &Path, output: &Path) -> PathBuf {
    root.join(FOLDER)
        .join(format!("build-cache-{:016x}.txt", named(output)))
}

/// The hash of the output's path that names its files in the cache's folder.
fn named(output: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    output.hash(&mut h);
    h.finish()
}

/// The pages' search analyses kept beside the cache of `output`
/// ([`crate::search::cache`]).
pub fn analyses_file(root: &Path, output: &Path) -> PathBuf {
    root.join(FOLDER)
        .join(format!("search-analyses-{:016x}.bin", named(output)))
}

/// What a file of the cache says it was written for: this binary and `output`.
/// `None` when the binary cannot be read, and then nothing is cached.
pub fn identity(output: &Path) -> Option<String> {
    Some(format!(
        "binary {:016x}\noutput {}",
        binary()?,
        output.display()
    ))
}

/// Removes the cache of `output`: done before the output is replaced.
pub fn forget(root: &Path, output: &Path) -> std::io::Result<()> {
    for path in [file(root, output), analyses_file(root, output)] {
        match fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Writes the cache of a build of `output` whose pages have `digests` (path, digest)
/// and `ids` (path, hashed ids), and whose open data's files have `files` (path,
/// digest), once the output is in place: each file is stamped as it is now. A file
/// that cannot be stamped is left out, and made again by the next build. A cache that
/// cannot be written leaves none, and the next build is a clean one.
pub fn write(
    root: &Path,
    output: &Path,
    digests: &HashMap<String, u64>,
    ids: &HashMap<String, Arc<[u64]>>,
    files: &[(String, u64)],
) -> std::io::Result<()> {
    if binary().is_none() {
        return Ok(());
    }
    let none: Arc<[u64]> = Arc::new([]);
    let mut all: Vec<(&String, u64, &Arc<[u64]>)> = digests
        .iter()
        .filter_map(|(path, digest)| Some((path, *digest, ids.get(path)?)))
        .chain(files.iter().map(|(path, digest)| (path, *digest, &none)))
        .collect();
    all.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let lines: Vec<Option<String>> = all
        .par_iter()
        .map(|&(path, digest, ids)| {
            if path.contains('\n') {
                return None;
            }
            let s = Stamp::of_file(&output.join(path))?;
            Some(format!(
                "{digest:016x} {} {} {} {} {path}\n",
                s.inode,
                s.len,
                s.modified,
                hex(ids)
            ))
        })
        .collect();
    let mut text = format!("{HEADER}\n{}\n", identity(output).unwrap_or_default());
    text.extend(lines.into_iter().flatten());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_back_as_written() {
        let ids = [16, u64::MAX];
        let line = format!(
            "00000000000000ff 42 7 1700000000123456789 {} plans/一 a/index.html",
            hex(&ids)
        );
        let (path, entry) = parse(&line).expect("a line of the cache");
        assert_eq!(path, "plans/一 a/index.html");
        assert_eq!(
            entry,
            Entry {
                digest: 255,
                file: Stamp {
                    inode: 42,
                    len: 7,
                    modified: 1_700_000_000_123_456_789
                },
                ids: ids.into(),
            }
        );
        let none = parse("1 2 3 4 - x.html").expect("a page without ids");
        assert!(none.1.ids.is_empty());
        assert!(parse("ff 42 7 x.html").is_none());
        assert!(parse("ff 42 7 9 abc x.html").is_none());
    }

    #[test]
    fn links_hold_only_while_every_file_stays_and_no_page_loses_an_id() {
        let entry = |ids: &[u64]| Entry {
            digest: 1,
            ids: ids.into(),
            file: Stamp {
                inode: 1,
                len: 1,
                modified: 1,
            },
        };
        let previous = Previous {
            output: PathBuf::from("/nowhere"),
            entries: [
                ("a.html".to_string(), entry(&[5])),
                ("b.html".to_string(), entry(&[6])),
            ]
            .into(),
            checksums: [
                ("a.html", "x"),
                ("b.html", "y"),
                ("data/t.csv", "z"),
                (MANIFEST, ""),
            ]
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .into(),
        };
        let digests = HashMap::new();
        let last = FromLast::new(Arc::new(previous), &digests);
        let all = |p: &str| ["a.html", "b.html", "data/t.csv", "new.html"].contains(&p);
        assert!(last.links_hold(&all, &[("a.html", &[5]), ("new.html", &[9])]));
        assert!(!last.links_hold(&all, &[("a.html", &[4])]));
        let fewer = |p: &str| ["a.html", "b.html"].contains(&p);
        assert!(!last.links_hold(&fewer, &[]));
    }
}
