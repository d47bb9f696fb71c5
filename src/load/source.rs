//! Reading one file into a [`SourceFile`]: size limit, UTF-8 check, byte-order mark.

use std::path::Path;
use std::sync::Arc;

use super::LoadError;
use crate::diagnostic::{Location, SourceFile};

/// No content or template file is anywhere near this; a larger one is a mistake
/// (a pasted binary, a runaway export) and is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

pub fn read(root: &Path, path: &Path) -> Result<Arc<SourceFile>, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    decode(root, path, &bytes)
}

/// A file's bytes as text: a byte-order mark dropped, anything but UTF-8 refused. (The
/// size is checked by [`read`] before the bytes are read.)
pub(crate) fn decode(root: &Path, path: &Path, bytes: &[u8]) -> Result<Arc<SourceFile>, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(root, path, text)),
        Err(e) => {
            // Keep what is readable so the editor sees where the bad byte is.
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let valid = e.valid_up_to();
            let file = SourceFile::new(root, path, lossy);
            let start = valid.min(file.text.len());
            Err(LoadError::NotUtf8 {
                at: Location::new(&file, start..start),
            })
        }
    }
}
