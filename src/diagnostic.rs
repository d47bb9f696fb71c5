//! Diagnostics shared by every stage: where in which file a problem is, and how it is
//! shown to an editor.
//!
//! Each stage has its own error enum (`load::LoadError`, `model::ModelError`, …). They
//! all implement [`Problem`], which gives the location and the hint; [`Report`] turns
//! any of them into a `miette` diagnostic with a source snippet. Stages collect every
//! problem they find, so one run reports all of them, not only the first.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use miette::{LabeledSpan, NamedSource, SourceCode};

/// A file's text as it was read, shared by every value parsed out of it so that an
/// error found later can still show the snippet.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the editor knows it: relative to the site root where possible.
    pub display: String,
    /// The path on disk.
    pub path: PathBuf,
    /// The text, with a byte-order mark removed and CRLF kept as it was.
    pub text: Arc<str>,
    /// Where each line starts, made when a line is first asked for: the model asks
    /// for every paragraph's, and counting from the start of the file each time
    /// grew with the square of a plan's length.
    line_starts: OnceLock<Vec<usize>>,
    /// A hash of the text, made when first asked for: the preview's parse cache hands
    /// the same file out on every save, so a file is hashed once, not once a save.
    digest: OnceLock<u64>,
}

impl SourceFile {
    pub fn new(root: &Path, path: &Path, text: impl Into<Arc<str>>) -> Arc<Self> {
        let display = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        Arc::new(Self {
            display,
            path: path.to_path_buf(),
            text: text.into(),
            line_starts: OnceLock::new(),
            digest: OnceLock::new(),
        })
    }

    /// A hash of the whole text.
    pub fn digest(&self) -> u64 {
        *self.digest.get_or_init(|| {
            use std::hash::{DefaultHasher, Hash, Hasher};
            let mut h = DefaultHasher::new();
            self.text.hash(&mut h);
            h.finish()
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        // Lines starting at or before the offset: the first always does.
        let line = starts.partition_point(|&s| s <= offset);
        let col = self.text[starts[line - 1]..offset].chars().count() + 1;
        (line, col)
    }

    /// Byte offset of a 1-based line and column (in characters); clamps to the text.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let mut offset = 0;
        for (i, l) in self.text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let within: usize = l
                    .char_indices()
                    .nth(col.saturating_sub(1))
                    .map_or(l.trim_end_matches(['\n', '\r']).len(), |(b, _)| b);
                return offset + within;
            }
            offset += l.len();
        }
        self.text.len()
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A place in a source file: the file and a byte range in it.
#[derive(Debug, Clone)]
pub struct Location {
    pub file: Arc<SourceFile>,
    pub span: Range<usize>,
}

impl Location {
    pub fn new(file: &Arc<SourceFile>, span: Range<usize>) -> Self {
        let len = file.text.len();
        let start = floor_char_boundary(&file.text, span.start.min(len));
        let end = floor_char_boundary(&file.text, span.end.clamp(start, len));
        Self {
            file: Arc::clone(file),
            span: start..end,
        }
    }

    /// The whole file, for problems that belong to no particular line.
    pub fn file_start(file: &Arc<SourceFile>) -> Self {
        Self::new(file, 0..0)
    }

    pub fn line_col(&self) -> (usize, usize) {
        self.file.line_col(self.span.start)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, col) = self.line_col();
        write!(f, "{}:{line}:{col}", self.file.display)
    }
}

/// What every stage's error can tell about itself.
pub trait Problem: std::error::Error + Send + Sync + 'static {
    /// Where it is, when it has a place in a file.
    fn location(&self) -> Option<&Location>;
    /// A file the problem concerns when there is no span (an unreadable file).
    fn path(&self) -> Option<&Path> {
        None
    }
    /// What to do about it.
    fn help(&self) -> Option<String>;
    /// A short label for the underlined snippet.
    fn label(&self) -> String {
        "here".to_string()
    }
    /// A stable code such as `planpub::model::unknown_field`, for documentation and tests.
    fn code(&self) -> &'static str;
}

/// `impl Problem` from one row per variant, so that a variant's code, hint, place and
/// label stand together instead of in four `match`es that must list the same
/// variants:
///
/// ```text
/// problem! {
///     LoadError {
///         Io { path, .. } => {
///             code: "planpub::load::io",
///             path: path,
///             help: "check that the file exists and can be read",
///         },
///     }
/// }
/// ```
///
/// Each row gives `code`, then optionally `at` (a `&Location`; `?` works on an
/// optional one), `path` (anything [`Path::new`] takes) and `label`, then `help`
/// (text, or `…?` for a hint that may be missing). A row leaves out what its variant
/// does not have: no place, no path, the label "here". The pattern's bindings are
/// what the expressions may use.
macro_rules! problem {
    (
        $error:ident {
            $($variant:ident $({ $($field:tt)* })? => {
                code: $code:literal,
                $(at: $at:expr,)?
                $(path: $path:expr,)?
                $(label: $label:expr,)?
                help: $help:expr $(,)?
            }),+ $(,)?
        }
    ) => {
        // Every row binds what any of its columns needs, so each method leaves some
        // bindings unused.
        #[allow(unused_variables)]
        impl $crate::diagnostic::Problem for $error {
            fn location(&self) -> Option<&$crate::diagnostic::Location> {
                match self {
                    $(Self::$variant $({ $($field)* })? => {
                        $crate::diagnostic::problem!(@or_none $(Some($at))?)
                    })+
                }
            }

            fn path(&self) -> Option<&::std::path::Path> {
                match self {
                    $(Self::$variant $({ $($field)* })? => {
                        $crate::diagnostic::problem!(@or_none $(Some(::std::path::Path::new($path)))?)
                    })+
                }
            }

            fn help(&self) -> Option<String> {
                match self {
                    $(Self::$variant $({ $($field)* })? => Some(String::from($help)),)+
                }
            }

            fn label(&self) -> String {
                match self {
                    $(Self::$variant $({ $($field)* })? => {
                        $crate::diagnostic::problem!(@or_here $(String::from($label))?)
                    })+
                }
            }

            fn code(&self) -> &'static str {
                match self {
                    $(Self::$variant { .. } => $code,)+
                }
            }
        }
    };
    (@or_none) => { None };
    (@or_none $e:expr) => { $e };
    (@or_here) => { String::from("here") };
    (@or_here $e:expr) => { $e };
}

pub(crate) use problem;

/// One problem, ready to be shown to an editor.
pub struct Report {
    inner: Box<dyn Problem>,
    source: Option<NamedSource<Arc<str>>>,
}

impl Report {
    pub fn new(problem: impl Problem) -> Self {
        let source = problem.location().map(|loc| {
            NamedSource::new(loc.file.display.clone(), Arc::clone(&loc.file.text))
                .with_language("yaml")
        });
        Self {
            inner: Box::new(problem),
            source,
        }
    }

    pub fn code_str(&self) -> &'static str {
        self.inner.code()
    }

    /// `file:line:col: message`, one line, for logs, terminals without colour and tests.
    pub fn one_line(&self) -> String {
        match (self.inner.location(), self.inner.path()) {
            (Some(loc), _) => format!("{loc}: {}", self.inner),
            (None, Some(path)) => format!("{}: {}", shown(path), self.inner),
            (None, None) => self.inner.to_string(),
        }
    }
}

/// A path as the editor typed it: `content/a.md`, not `./content/a.md`.
fn shown(path: &Path) -> String {
    path.strip_prefix(".")
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// A report's parts as data, for the preview's error overlay.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Plain {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
    pub code: &'static str,
}

impl Report {
    pub fn plain(&self) -> Plain {
        let (file, line, column) = match (self.inner.location(), self.inner.path()) {
            (Some(loc), _) => {
                let (line, col) = loc.line_col();
                (Some(loc.file.display.clone()), Some(line), Some(col))
            }
            (None, Some(path)) => (Some(shown(path)), None, None),
            (None, None) => (None, None, None),
        };
        Plain {
            file,
            line,
            column,
            message: self.inner.to_string(),
            help: self.inner.help(),
            code: self.inner.code(),
        }
    }
}

/// Reports as a terminal shows them: the one-line form (which editors and terminals
/// turn into a link), then the snippet with the hint. `color` for a terminal.
pub fn to_terminal(reports: &[Report], color: bool) -> String {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_context_lines(2);
    let mut out = String::new();
    for report in reports {
        out.push_str(&format!("error: {}\n", report.one_line()));
        if handler.render_report(&mut out, report).is_err() {
            out.push_str(&format!("{report}\n"));
        }
        out.push('\n');
    }
    out
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.one_line())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.one_line())
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.inner.code()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.inner
            .help()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let loc = self.inner.location()?;
        let span = loc.span.start..loc.span.end.max(loc.span.start);
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.inner.label()), span),
        )))
    }
}

/// "did you mean `x`?" for a misspelt name, when one candidate is close enough.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A hint naming the closest candidate, or listing them all when none is close.
pub fn hint_for<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    what: &str,
) -> String {
    match did_you_mean(wrong, candidates.clone()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => {
            let mut all: Vec<&str> = candidates.into_iter().collect();
            all.sort_unstable();
            if all.is_empty() {
                format!("no {what} is defined yet")
            } else if all.len() > 12 {
                format!(
                    "expected one of the {} {what}s, e.g. {}",
                    all.len(),
                    all[..12].join(", ")
                )
            } else {
                format!("expected one of: {}", all.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new(Path::new("/"), Path::new("/a.md"), "ab\n大足区: x\n");
        let off = f.text.find('x').unwrap();
        assert_eq!(f.line_col(off), (2, 6));
        assert_eq!(f.offset_of(2, 6), off);
    }

    #[test]
    fn line_col_at_line_starts_ends_and_past_the_end() {
        let f = SourceFile::new(Path::new("/"), Path::new("/a.md"), "a\r\n\n大\nb");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(2), (1, 3), "the newline ends line 1");
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(4), (3, 1));
        assert_eq!(f.line_col(5), (3, 1), "inside 大: its start");
        assert_eq!(f.line_col(7), (3, 2));
        assert_eq!(f.line_col(8), (4, 1));
        assert_eq!(f.line_col(100), (4, 2), "clamped to the end");
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(did_you_mean("regoin", ["region", "title"]), Some("region"));
        assert_eq!(did_you_mean("zzz", ["region", "title"]), None);
        assert!(hint_for("dazuu", ["dazu", "yuzhong"], "region").contains("`dazu`"));
    }
}
