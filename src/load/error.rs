//! Errors found while discovering and reading files: the file system, encodings, the
//! front-matter fences and YAML syntax or shape.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Location, Problem};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read it: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no site.yaml in {}", root.display())]
    NoSiteConfig { root: PathBuf },
    #[error("the file is {}, more than the {} a content file may have", mib(*size), mib(*limit))]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("the file is not valid UTF-8 text")]
    NotUtf8 { at: Location },
    #[error("the file does not start with front matter")]
    NoFrontMatter { at: Location },
    #[error("the front matter is not closed")]
    UnclosedFrontMatter { at: Location },
    #[error("{message}")]
    Yaml {
        at: Location,
        message: String,
        help: Option<String>,
    },
    #[error("this is not a place planpub reads content from")]
    UnexpectedFile { path: PathBuf, help: String },
    #[error("a link that points outside the site folder, to itself or to nothing")]
    BadLink { path: PathBuf },
    #[error("no template folder here")]
    NoTheme { path: PathBuf, theme: String },
}

/// A size as editors read it: `50.0 MiB`.
fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

impl Problem for LoadError {
    fn location(&self) -> Option<&Location> {
        match self {
            Self::NotUtf8 { at }
            | Self::NoFrontMatter { at }
            | Self::UnclosedFrontMatter { at }
            | Self::Yaml { at, .. } => Some(at),
            _ => None,
        }
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Self::Io { path, .. }
            | Self::TooLarge { path, .. }
            | Self::UnexpectedFile { path, .. }
            | Self::BadLink { path }
            | Self::NoTheme { path, .. } => Some(path),
            Self::NoSiteConfig { root } => Some(root),
            _ => None,
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            Self::Io { .. } => "check that the file exists and can be read".into(),
            Self::NoSiteConfig { .. } => {
                "run planpub in the site's folder, or pass --root DIR; the folder needs site.yaml, content/ and themes/".into()
            }
            Self::TooLarge { .. } => {
                "a plan's text is a few hundred kilobytes at most; split the file or remove pasted binary data".into()
            }
            Self::NotUtf8 { .. } => {
                "save the file as UTF-8 (in most editors: Save with Encoding → UTF-8); GBK text must be converted".into()
            }
            Self::NoFrontMatter { .. } => {
                "start the file with a line `---`, the YAML fields, and another line `---`".into()
            }
            Self::UnclosedFrontMatter { .. } => {
                "add a line with only `---` after the last YAML field".into()
            }
            Self::Yaml { help, .. } => return help.clone(),
            Self::UnexpectedFile { help, .. } => help.clone(),
            Self::BadLink { .. } => {
                "replace the link with the file itself, or point it at a file inside the site folder".into()
            }
            Self::NoTheme { theme, .. } => {
                format!("site.yaml names the theme `{theme}`; themes live in themes/<name>/templates/")
            }
        })
    }

    fn label(&self) -> String {
        match self {
            Self::Yaml { .. } => "here".into(),
            Self::NotUtf8 { .. } => "the first byte that is not UTF-8 is after this".into(),
            Self::NoFrontMatter { .. } => "expected `---` here".into(),
            Self::UnclosedFrontMatter { .. } => "front matter opened here".into(),
            _ => "here".into(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Io { .. } => "planpub::load::io",
            Self::NoSiteConfig { .. } => "planpub::load::no_site_config",
            Self::TooLarge { .. } => "planpub::load::too_large",
            Self::NotUtf8 { .. } => "planpub::load::not_utf8",
            Self::NoFrontMatter { .. } => "planpub::load::no_front_matter",
            Self::UnclosedFrontMatter { .. } => "planpub::load::unclosed_front_matter",
            Self::Yaml { .. } => "planpub::load::yaml",
            Self::UnexpectedFile { .. } => "planpub::load::unexpected_file",
            Self::BadLink { .. } => "planpub::load::bad_link",
            Self::NoTheme { .. } => "planpub::load::no_theme",
        }
    }
}
