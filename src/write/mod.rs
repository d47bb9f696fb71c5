//! Stage 5, write: put the rendered site on disk so that the output folder is always
//! either the previous complete site or the new complete site.
//!
//! The new site is written into a temporary folder beside the output, with a
//! `manifest.sha256` that lets a server operator verify a copy (`sha256sum -c`), and is
//! swapped in only when every file is written and flushed to the disk (`durable.rs`). A
//! failure at any point removes the temporary folder and leaves the previous output
//! byte for byte.

mod durable;
mod error;
mod swap;

use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

pub use error::WriteError;

use crate::diagnostic::Report;
use crate::progress::Progress;
use crate::render::{Contents, OutputFile, Taken};

pub const MANIFEST: &str = "manifest.sha256";

#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A new site being written beside the output, file by file, from any thread. It
/// replaces the output in [`Staging::publish`]; dropped before that, it removes
/// itself and the output stays as it was.
pub struct Staging {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    tmp: PathBuf,
    /// Path, SHA-256 and length of each file written.
    written: Mutex<Vec<(String, String, u64)>>,
    published: bool,
    /// Whether [`Staging::flush`] has flushed the files written.
    flushed: bool,
}

impl Staging {
    /// Makes the temporary folder for a new site at `output`. `protected` lists
    /// folders the output must never be or contain (the site root).
    pub fn create(output: &Path, protected: &[&Path]) -> Result<Staging, Vec<Report>> {
        Staging::create_inner(output, protected).map_err(|e| vec![Report::new(e)])
    }

    fn create_inner(output: &Path, protected: &[&Path]) -> Result<Staging, WriteError> {
        let output = absolute(output);
        check_safe(&output, protected)?;
        let parent = output
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        fs::create_dir_all(&parent).map_err(io(&parent))?;
        remove_stale(&parent, &name);
        let tmp = parent.join(format!(".{name}.planpub-tmp-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
        }
        fs::create_dir(&tmp).map_err(io(&tmp))?;
        Ok(Staging {
            output,
            parent,
            name,
            tmp,
            written: Mutex::new(Vec::new()),
            published: false,
            flushed: false,
        })
    }

    /// Writes one file of the new site.
    pub fn write(&self, file: &OutputFile) -> Result<(), Report> {
        let data: std::borrow::Cow<[u8]> = match &file.contents {
            Contents::Taken(t) => return self.take(&file.path, t),
            Contents::Bytes(b) => b.as_slice().into(),
            Contents::Shared(b) => b[..].into(),
            Contents::Copy(src) => fs::read(src).map_err(|e| Report::new(io(src)(e)))?.into(),
        };
        self.write_bytes(&file.path, &data)
    }

    /// Puts a file of the last output at `path` in the new site: a hard link, which
    /// costs no copy and lets the old output go after the swap without freeing the
    /// file's blocks; a copy where the file system cannot link.
    pub fn take(&self, path: &str, taken: &Taken) -> Result<(), Report> {
        let to = self.tmp.join(path);
        if let Some(p) = to.parent() {
            fs::create_dir_all(p).map_err(|e| Report::new(io(p)(e)))?;
        }
        if fs::hard_link(&taken.from, &to).is_err() {
            let data = fs::read(&taken.from).map_err(|e| Report::new(io(&taken.from)(e)))?;
            return self.write_bytes(path, &data);
        }
        self.written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path.to_string(), taken.checksum.clone(), taken.len));
        Ok(())
    }

    /// Writes `data` to `path` (relative, `/`-separated) in the new site.
    pub fn write_bytes(&self, path: &str, data: &[u8]) -> Result<(), Report> {
        let entry = write_file(&self.tmp, path, data).map_err(Report::new)?;
        self.written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(entry);
        Ok(())
    }

    /// Writes `files` in parallel; every failure is reported.
    pub fn write_all(
        &self,
        files: &[OutputFile],
        progress: &dyn Progress,
    ) -> Result<(), Vec<Report>> {
        let errors: Vec<Report> = files
            .par_iter()
            .filter_map(|f| {
                let written = self.write(f).err();
                progress.advance(1);
                written
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Flushes every file written so far to the disk. [`Staging::publish`] does it
    /// anyway before the swap; a caller that times its stages calls it first, so the
    /// cost shows on its own.
    pub fn flush(&mut self) -> Result<(), Vec<Report>> {
        durable::flush_tree(&self.tmp).map_err(|e| vec![Report::new(io(&self.tmp)(e))])?;
        self.flushed = true;
        Ok(())
    }

    /// Adds the manifest and puts the new site in the output's place.
    pub fn publish(mut self) -> Result<Written, Vec<Report>> {
        self.publish_inner().map_err(|e| vec![Report::new(e)])
    }

    fn publish_inner(&mut self) -> Result<Written, WriteError> {
        let mut written = std::mem::take(
            self.written
                .get_mut()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        // In path order, so the same site gives the same manifest.
        written.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut manifest = String::new();
        let mut bytes = 0;
        for (path, hash, len) in &written {
            manifest.push_str(&format!("{hash}  {path}\n"));
            bytes += len;
        }
        let mpath = self.tmp.join(MANIFEST);
        fs::write(&mpath, &manifest).map_err(io(&mpath))?;
        // Every file on the disk before the site is swapped in (durable.rs): the
        // manifest alone when the rest was flushed already.
        if self.flushed {
            File::open(&mpath)
                .and_then(|f| f.sync_all())
                .map_err(io(&mpath))?;
        } else {
            durable::flush_tree(&self.tmp).map_err(io(&self.tmp))?;
        }

        let (output, parent, name, tmp) = (&self.output, &self.parent, &self.name, &self.tmp);
        if output.exists() && swap::exchange(tmp, output).is_ok() {
            // One atomic step: the output is the new site, and the temporary folder holds
            // the previous one. A build killed before the removal below leaves that
            // folder, which the next build removes (`remove_stale`).
            remove_folder(tmp);
        } else if output.exists() {
            // Where the file system cannot exchange two folders, the output is missing
            // for the moment between two renames.
            let old = parent.join(format!(".{name}.planpub-old-{}", std::process::id()));
            fs::rename(output, &old).map_err(io(output))?;
            if let Err(e) = fs::rename(tmp, output) {
                // Put the previous site back before reporting.
                let _ = fs::rename(&old, output);
                return Err(io(output)(e));
            }
            remove_folder(&old);
        } else {
            fs::rename(tmp, output).map_err(io(output))?;
        }
        self.published = true;
        // The swap is a change of the parent folder's names; flushing it keeps the swap
        // over a power loss. The new site is in place and whole either way, and some
        // file systems refuse to flush a folder, so a refusal does not fail the build.
        let _ = durable::flush_folder(parent);
        Ok(Written {
            files: written.len() + 1,
            bytes: bytes + manifest.len() as u64,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    }
}

/// Refuses to replace a folder planpub did not make, or one that holds the site.
fn check_safe(output: &Path, protected: &[&Path]) -> Result<(), WriteError> {
    let canonical = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| absolute(p));
    let out = canonical(output);
    for p in protected {
        let p = canonical(p);
        if p.starts_with(&out) {
            return Err(WriteError::UnsafeOutput {
                path: output.to_path_buf(),
                reason: "it contains the site's own files",
            });
        }
    }
    if out.parent().is_none() {
        return Err(WriteError::UnsafeOutput {
            path: output.to_path_buf(),
            reason: "it is the root of the file system",
        });
    }
    if output.exists() {
        if !output.is_dir() {
            return Err(WriteError::UnsafeOutput {
                path: output.to_path_buf(),
                reason: "it is a file, not a folder",
            });
        }
        let empty = fs::read_dir(output).map_err(io(output))?.next().is_none();
        if !empty && !output.join(MANIFEST).is_file() {
            return Err(WriteError::UnsafeOutput {
                path: output.to_path_buf(),
                reason: "it is not empty and was not built by planpub",
            });
        }
    }
    Ok(())
}

/// Removes temporary folders left by a build that was killed.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [
        format!(".{name}.planpub-tmp-"),
        format!(".{name}.planpub-old-"),
    ];
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| n.starts_with(p)) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// Removes the previous site after the swap. At national scale it is a hundred
/// thousand files or more, and removing them waits on the disk's journal, not on the
/// processor: one after another they took 15 s at 9,292 plans, a third of a build that
/// reused most pages. So the folders two levels down are removed by more threads than
/// there are cores, each taking the next folder when it is done (5.5 s with eight).
/// What cannot be removed is left for the next build's `remove_stale`.
fn remove_folder(dir: &Path) {
    const THREADS: usize = 8;
    let mut parts: Vec<PathBuf> = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        match fs::read_dir(&path) {
            Ok(inner) if entry.file_type().is_ok_and(|t| t.is_dir()) => {
                parts.extend(inner.flatten().map(|e| e.path()));
            }
            _ => parts.push(path),
        }
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| {
                while let Some(path) =
                    parts.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    let _ = match fs::symlink_metadata(path) {
                        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
                        _ => fs::remove_file(path),
                    };
                }
            });
        }
    });
    let _ = fs::remove_dir_all(dir);
}

/// The SHA-256 of `data` as the manifest writes it: lower-case hex.
pub fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn write_file(dir: &Path, rel: &str, data: &[u8]) -> Result<(String, String, u64), WriteError> {
    let path = dir.join(rel);
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).map_err(io(p))?;
    }
    let mut file = fs::File::create(&path).map_err(io(&path))?;
    file.write_all(data).map_err(io(&path))?;
    Ok((rel.to_string(), sha256_hex(data), data.len() as u64))
}
