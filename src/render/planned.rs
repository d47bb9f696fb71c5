//! Files that are not pages, known by their path before they are made. The engine
//! checks every path first (no file may be written over another), then makes the
//! files a few at a time and hands each on as soon as it is made: the open data of a
//! national site is gigabytes, and it is never in memory whole.

use super::{Contents, OutputFile, RenderError};

/// How a file's bytes are made, once it is its turn.
pub type Maker<'a> = Box<dyn FnOnce() -> Result<Contents, RenderError> + Send + 'a>;

/// A file of the site that is not a page, by its path, made or to be made.
pub struct Planned<'a> {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    make: Make<'a>,
}

enum Make<'a> {
    Ready(Contents),
    Later(Maker<'a>),
}

impl<'a> Planned<'a> {
    /// A file made already, or copied from the site's folder.
    pub fn ready(file: OutputFile) -> Self {
        Planned {
            path: file.path,
            make: Make::Ready(file.contents),
        }
    }

    /// A file `make` makes when it is its turn.
    pub fn later<B: Into<Contents>>(
        path: String,
        make: impl FnOnce() -> Result<B, RenderError> + Send + 'a,
    ) -> Self {
        Planned {
            path,
            make: Make::Later(Box::new(move || make().map(Into::into))),
        }
    }

    /// Where the file is copied from, when it is copied.
    pub fn copied_from(&self) -> Option<&std::path::Path> {
        match &self.make {
            Make::Ready(Contents::Copy(p)) => Some(p),
            _ => None,
        }
    }

    pub fn make(self) -> Result<OutputFile, RenderError> {
        let contents = match self.make {
            Make::Ready(c) => c,
            Make::Later(make) => make()?,
        };
        Ok(OutputFile {
            path: self.path,
            contents,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_file_is_made_only_when_asked() {
        let made = std::sync::atomic::AtomicBool::new(false);
        let file = Planned::later("a.csv".into(), || {
            made.store(true, std::sync::atomic::Ordering::SeqCst);
            Ok(b"x".to_vec())
        });
        assert!(!made.load(std::sync::atomic::Ordering::SeqCst));
        let out = file.make().expect("made");
        assert!(made.load(std::sync::atomic::Ordering::SeqCst));
        assert!(matches!(out.contents, Contents::Bytes(b) if b == b"x"));
    }
}
