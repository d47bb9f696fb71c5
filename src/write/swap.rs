//! Exchanging two folders in one step, so that a build killed at any moment leaves the
//! output either the previous site or the new one, never missing.
//!
//! Linux has `renameat2(RENAME_EXCHANGE)`. Elsewhere (and on file systems that refuse
//! it) the writer falls back to two renames, with a short gap between them.

use std::io;
use std::path::Path;

/// Swaps the folders at `a` and `b`; both must exist on the same file system.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;

    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a path with a NUL byte"))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call;
    // AT_FDCWD makes relative paths relative to the working folder, as std's rename.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
pub fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange on this platform",
    ))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn two_folders_trade_places() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        for (p, text) in [(&a, "new"), (&b, "old")] {
            std::fs::create_dir(p).expect("mkdir");
            std::fs::write(p.join("f"), text).expect("write");
        }
        super::exchange(&a, &b).expect("exchange");
        assert_eq!(std::fs::read_to_string(b.join("f")).expect("read"), "new");
        assert_eq!(std::fs::read_to_string(a.join("f")).expect("read"), "old");
    }
}
