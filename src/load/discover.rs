//! Finding the files of a site: which are regions, plans, indicator-table files,
//! catalogue entries, plan attachments, templates and static theme files.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::LoadError;

/// What a file is, decided by where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Region {
        id: String,
        path: PathBuf,
    },
    Plan {
        id: String,
        path: PathBuf,
    },
    PlanIndicators {
        id: String,
        path: PathBuf,
    },
    PlanAsset {
        id: String,
        rel: String,
        path: PathBuf,
    },
    Catalogue {
        id: String,
        path: PathBuf,
    },
    Report {
        id: String,
        path: PathBuf,
    },
    /// content/units.yaml, the unit catalogue.
    Units {
        path: PathBuf,
    },
}

impl Found {
    pub fn path(&self) -> &Path {
        match self {
            Found::Region { path, .. }
            | Found::Plan { path, .. }
            | Found::PlanIndicators { path, .. }
            | Found::PlanAsset { path, .. }
            | Found::Catalogue { path, .. }
            | Found::Units { path }
            | Found::Report { path, .. } => path,
        }
    }
}

/// Lists the content folder. Hidden files and editor backups are passed over; anything
/// else in an unexpected place is an error, so a misplaced plan is never silently left
/// off the site.
pub fn content(root: &Path, errors: &mut Vec<LoadError>) -> Vec<Found> {
    let content = root.join("content");
    let mut found = Vec::new();
    if !content.is_dir() {
        errors.push(LoadError::Io {
            path: content,
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "the content folder is missing",
            ),
        });
        return found;
    }
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let walker = WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !is_ignored(e.file_name().to_string_lossy().as_ref()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| content.clone());
                errors.push(LoadError::Io {
                    path,
                    source: e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("cannot walk the folder")),
                });
                continue;
            }
        };
        let path = entry.path().to_path_buf();
        let is_link = entry.path_is_symlink();
        if is_link {
            match std::fs::canonicalize(&path) {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {}
                _ => {
                    errors.push(LoadError::BadLink { path });
                    continue;
                }
            }
        } else if entry.file_type().is_dir() {
            continue;
        }
        let rel: Vec<String> = path
            .strip_prefix(&content)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        match classify(&rel, path.clone()) {
            Ok(f) => found.push(f),
            Err(help) => errors.push(LoadError::UnexpectedFile { path, help }),
        }
    }
    found
}

/// Names the walk passes over: hidden files and editors' backups and swap files.
pub(super) fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

fn stem(name: &str) -> Option<&str> {
    name.strip_suffix(".md").filter(|s| !s.is_empty())
}

fn classify(rel: &[String], path: PathBuf) -> Result<Found, String> {
    let parts: Vec<&str> = rel.iter().map(String::as_str).collect();
    match parts.as_slice() {
        ["regions", name] => stem(name)
            .map(|id| Found::Region {
                id: id.to_string(),
                path,
            })
            .ok_or_else(|| "content/regions/ holds one `<id>.md` file per region".to_string()),
        ["indicators", name] => stem(name)
            .map(|id| Found::Catalogue {
                id: id.to_string(),
                path,
            })
            .ok_or_else(|| {
                "content/indicators/ holds one `<id>.md` file per catalogue indicator".to_string()
            }),
        ["units.yaml"] => Ok(Found::Units { path }),
        ["reports", name] => stem(name)
            .map(|id| Found::Report {
                id: id.to_string(),
                path,
            })
            .ok_or_else(|| {
                "content/reports/ holds one `<id>.md` file per report (a document not on the site and the values it reports)".to_string()
            }),
        ["plans", id, "index.md"] => Ok(Found::Plan {
            id: id.to_string(),
            path,
        }),
        ["plans", id, "indicators.md"] => Ok(Found::PlanIndicators {
            id: id.to_string(),
            path,
        }),
        ["plans", _, name] if name.ends_with(".md") => Err(format!(
            "a plan folder holds index.md (the text) and indicators.md (the indicator table); rename or move `{name}`"
        )),
        ["plans", id, rest @ ..] if !rest.is_empty() => Ok(Found::PlanAsset {
            id: id.to_string(),
            rel: rest.join("/"),
            path,
        }),
        ["plans", name] => Err(format!(
            "a plan is a folder: move `{name}` to content/plans/<id>/index.md"
        )),
        _ => Err(
            "content/ holds four folders, regions/, plans/, indicators/ and reports/, and the unit catalogue units.yaml".to_string(),
        ),
    }
}

/// A file with its name relative to the folder it was found in.
pub type Named = (String, PathBuf);

/// Template and static files of a theme, with their names relative to the theme's
/// `templates/` and `static/` folders.
pub fn theme(dir: &Path, errors: &mut Vec<LoadError>) -> (Vec<Named>, Vec<Named>) {
    let mut list = |sub: &str| {
        let base = dir.join(sub);
        let mut out = Vec::new();
        if !base.is_dir() {
            return out;
        }
        for entry in WalkDir::new(&base)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !is_ignored(e.file_name().to_string_lossy().as_ref()))
        {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e
                        .path()
                        .strip_prefix(&base)
                        .unwrap_or(e.path())
                        .to_string_lossy()
                        .replace('\\', "/");
                    out.push((rel, e.path().to_path_buf()));
                }
                Ok(e) if e.path_is_symlink() => errors.push(LoadError::BadLink {
                    path: e.path().to_path_buf(),
                }),
                Ok(_) => {}
                Err(e) => errors.push(LoadError::Io {
                    path: base.clone(),
                    source: e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("cannot walk the folder")),
                }),
            }
        }
        out
    };
    (list("templates"), list("static"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(parts: &[&str]) -> Result<Found, String> {
        classify(
            &parts.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            PathBuf::from("p"),
        )
    }

    #[test]
    fn classifies_by_place() {
        assert!(matches!(c(&["regions", "dazu.md"]), Ok(Found::Region { id, .. }) if id == "dazu"));
        assert!(matches!(c(&["plans", "x", "index.md"]), Ok(Found::Plan { id, .. }) if id == "x"));
        assert!(
            matches!(c(&["plans", "x", "files", "a.pdf"]), Ok(Found::PlanAsset { rel, .. }) if rel == "files/a.pdf")
        );
        assert!(
            matches!(c(&["regions", "大足 区.md"]), Ok(Found::Region { id, .. }) if id == "大足 区")
        );
        assert!(c(&["plans", "x.md"]).is_err());
        assert!(c(&["plans", "x", "notes.md"]).is_err());
        assert!(c(&["readme.md"]).is_err());
    }
}
