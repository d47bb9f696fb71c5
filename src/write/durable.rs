//! Making the new site durable before it replaces the old one. Without it a power
//! loss right after the swap can leave the output folder pointing at files whose
//! contents never reached the disk: a torn site, part new and part empty.
//!
//! On Linux one `syncfs` call flushes the file system the staging folder is on, which
//! costs one pass over what is not yet written rather than one call per file. Where it
//! is missing or refused, every file and folder of the staging folder is flushed one by
//! one. After the swap the parent folder is flushed too, so the swap itself is kept.

use std::fs::File;
use std::io;
use std::path::Path;

use rayon::prelude::*;

/// Flushes every file and folder under `dir` to the disk.
pub fn flush_tree(dir: &Path) -> io::Result<()> {
    if syncfs(dir).is_ok() {
        return Ok(());
    }
    flush_each(dir)
}

/// Flushes the folder `dir` itself: the names it holds, as after a rename.
pub fn flush_folder(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(target_os = "linux")]
fn syncfs(dir: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let folder = File::open(dir)?;
    // SAFETY: the descriptor is open for the whole call, owned by `folder`.
    let r = unsafe { libc::syncfs(folder.as_raw_fd()) };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn syncfs(_dir: &Path) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "no syncfs here"))
}

/// Every file, then every folder (deepest first, so a folder is flushed after what it
/// names), one by one.
fn flush_each(dir: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    let mut i = 0;
    while let Some(folder) = folders.get(i).cloned() {
        i += 1;
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                folders.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    files
        .par_iter()
        .try_for_each(|f| File::open(f)?.sync_all())?;
    for folder in folders.iter().rev() {
        flush_folder(folder)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_is_flushed_file_by_file_and_as_a_whole() {
        let dir = std::env::temp_dir().join(format!("planpub-durable-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::write(dir.join("a/b/index.html"), "x").unwrap();
        std::fs::write(dir.join("top.css"), "y").unwrap();
        flush_each(&dir).unwrap();
        flush_tree(&dir).unwrap();
        flush_folder(&dir).unwrap();
        assert!(flush_each(&dir.join("missing")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
