//! Errors found while discovering and reading files: the file system, encodings, the
//! front-matter fences and YAML syntax or shape.

use std::path::PathBuf;

use crate::diagnostic::{Location, problem};

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
    #[error(
        "a control character ({code}) in the text: the file is damaged or holds pasted binary data"
    )]
    ControlCharacter { at: Location, code: String },
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

problem! {
    LoadError {
        Io { path, .. } => {
            code: "planpub::load::io",
            path: path,
            help: "check that the file exists and can be read",
        },
        NoSiteConfig { root } => {
            code: "planpub::load::no_site_config",
            path: root,
            help: "run planpub in the site's folder, or pass --root DIR; the folder needs site.yaml, content/ and themes/",
        },
        TooLarge { path, .. } => {
            code: "planpub::load::too_large",
            path: path,
            help: "a plan's text is a few hundred kilobytes at most; split the file or remove pasted binary data",
        },
        NotUtf8 { at } => {
            code: "planpub::load::not_utf8",
            at: at,
            label: "the first byte that is not UTF-8 is after this",
            help: "save the file as UTF-8 (in most editors: Save with Encoding → UTF-8); GBK text must be converted",
        },
        ControlCharacter { at, .. } => {
            code: "planpub::load::control_character",
            at: at,
            label: "this character",
            help: "delete it (editors show it as a box, ^@ or a NUL mark); if the file was copied from a Word or PDF document, paste it again as plain text",
        },
        NoFrontMatter { at } => {
            code: "planpub::load::no_front_matter",
            at: at,
            label: "expected `---` here",
            help: "start the file with a line `---`, the YAML fields, and another line `---`",
        },
        UnclosedFrontMatter { at } => {
            code: "planpub::load::unclosed_front_matter",
            at: at,
            label: "front matter opened here",
            help: "add a line with only `---` after the last YAML field",
        },
        Yaml { at, help, .. } => {
            code: "planpub::load::yaml",
            at: at,
            help: help.clone()?,
        },
        UnexpectedFile { path, help } => {
            code: "planpub::load::unexpected_file",
            path: path,
            help: help.clone(),
        },
        BadLink { path } => {
            code: "planpub::load::bad_link",
            path: path,
            help: "replace the link with the file itself, or point it at a file inside the site folder",
        },
        NoTheme { path, theme } => {
            code: "planpub::load::no_theme",
            path: path,
            help: format!("site.yaml names the theme `{theme}`; themes live in themes/<name>/templates/"),
        },
    }
}
