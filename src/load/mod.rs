//! Stage 1, load: find the site's files, read them, split front matter from body and
//! parse the YAML into the raw types of [`raw`]. Nothing here knows what a value
//! means; that is the model stage's job.

mod discover;
mod error;
mod fingerprint;
mod frontmatter;
mod parse_cache;
pub mod raw;
pub mod shapes;
pub(crate) mod source;
mod theme;
mod yaml;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::stamp::Stamp;
pub use error::LoadError;
pub use fingerprint::Fingerprint;
pub use parse_cache::ParseCache;
pub use source::MAX_FILE_BYTES;

use crate::diagnostic::{Report, SourceFile};
use crate::progress::Progress;
use discover::Found;
use raw::{RawCatalogueEntry, RawIndicatorTable, RawPlan, RawRegion, RawReport, RawSite, RawUnits};

/// One parsed content file: its id (the file or folder name), its text, the raw front
/// matter and where its Markdown body is.
#[derive(Debug, Clone)]
pub struct Doc<T> {
    pub id: String,
    pub file: Arc<SourceFile>,
    pub front: T,
    /// Where the YAML is in the file; spans in `front` are relative to its start.
    pub yaml: Range<usize>,
    pub body: Range<usize>,
}

impl<T> Doc<T> {
    pub fn body_text(&self) -> &str {
        &self.file.text[self.body.clone()]
    }
}

/// The theme and attached files are read straight into the model's types: the load
/// stage finds them and nothing in them needs checking.
pub use theme::{Asset, Theme};

#[derive(Debug)]
pub struct PlanBundle {
    pub id: String,
    pub index: Arc<Doc<RawPlan>>,
    pub indicators: Option<Arc<Doc<RawIndicatorTable>>>,
    pub assets: Vec<Asset>,
}

/// Everything read from disk, parsed but not yet understood.
#[derive(Debug)]
pub struct Loaded {
    pub root: PathBuf,
    /// None when site.yaml could not be read; that error is among the load errors.
    pub site: Option<Doc<RawSite>>,
    pub regions: Vec<Doc<RawRegion>>,
    pub plans: Vec<PlanBundle>,
    pub catalogue: Vec<Doc<RawCatalogueEntry>>,
    /// content/reports/: documents not on the site and the values they report.
    pub reports: Vec<Doc<RawReport>>,
    /// content/units.yaml, when the site has one.
    pub units: Option<Doc<RawUnits>>,
    pub theme: Theme,
}

/// Reads the site at `root`. Every problem in every file is collected, so one run shows
/// the editor all of them; what could be read is returned beside the errors, so the
/// model stage can check the files that did load.
pub fn load(root: &Path, progress: &dyn Progress) -> (Loaded, Vec<Report>) {
    load_with(root, progress, None)
}

/// [`load`], taking files whose text did not change since `cache` saw them as they
/// were parsed then, and the content folder's files as `cache` listed them while its
/// listing holds ([`ParseCache::changed`]).
pub fn load_with(
    root: &Path,
    progress: &dyn Progress,
    cache: Option<&ParseCache>,
) -> (Loaded, Vec<Report>) {
    let mut errors: Vec<LoadError> = Vec::new();

    let site = load_site(root).map_err(|e| errors.push(e)).ok();
    let theme_name = site
        .as_ref()
        .and_then(|s| s.front.theme.as_ref().map(|t| t.value.trim().to_string()))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "default".to_string());
    let theme = load_theme(root, &theme_name, &mut errors);

    // The last walk's listing, while the preview knows it holds.
    let found = match cache.and_then(ParseCache::listing) {
        Some(found) => found,
        None => {
            let mut walked = Vec::new();
            let found = discover::content(root, &mut walked);
            if let Some(cache) = cache
                && walked.is_empty()
            {
                cache.keep_listing(&found);
            }
            errors.extend(walked);
            found
        }
    };
    // Plans whose index.md exists, parsed or not: a table beside an index.md with a
    // syntax error is not an orphan.
    let plan_ids: std::collections::HashSet<String> = found
        .iter()
        .filter_map(|f| match f {
            Found::Plan { id, .. } => Some(id.clone()),
            _ => None,
        })
        .collect();
    progress.stage("reading", found.len());
    if let Some(cache) = cache {
        cache.keep_only(&found.iter().map(Found::path).collect());
    }
    let parsed: Vec<Result<Parsed, LoadError>> = found
        .into_par_iter()
        .map(|f| {
            let parsed = parse_found(root, f, cache);
            progress.advance(1);
            parsed
        })
        .collect();

    let mut regions = Vec::new();
    let mut catalogue = Vec::new();
    let mut reports = Vec::new();
    let mut units = None;
    let mut plan_docs = Vec::new();
    let mut tables = Vec::new();
    let mut assets: Vec<(String, Asset)> = Vec::new();
    for p in parsed {
        match p {
            Ok(Parsed::Region(d)) => regions.push(d),
            Ok(Parsed::Catalogue(d)) => catalogue.push(d),
            Ok(Parsed::Report(d)) => reports.push(*d),
            Ok(Parsed::Units(d)) => units = Some(*d),
            Ok(Parsed::Plan(d)) => plan_docs.push(d),
            Ok(Parsed::Table(d)) => tables.push(d),
            Ok(Parsed::Asset(id, a)) => assets.push((id, a)),
            Err(e) => errors.push(e),
        }
    }

    let mut plans: Vec<PlanBundle> = plan_docs
        .into_iter()
        .map(|index| PlanBundle {
            id: index.id.clone(),
            index,
            indicators: None,
            assets: Vec::new(),
        })
        .collect();
    let by_id: HashMap<String, usize> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    for table in tables {
        match by_id.get(&table.id).and_then(|&i| plans.get_mut(i)) {
            Some(p) => p.indicators = Some(table),
            None if plan_ids.contains(&table.id) => {}
            None => errors.push(LoadError::UnexpectedFile {
                path: table.file.path.clone(),
                help: "this plan folder has no index.md; an indicator table belongs to a plan"
                    .into(),
            }),
        }
    }
    for (id, asset) in assets {
        match by_id.get(&id).and_then(|&i| plans.get_mut(i)) {
            Some(p) => p.assets.push(asset),
            None if plan_ids.contains(&id) => {}
            None => errors.push(LoadError::UnexpectedFile {
                path: asset.path,
                help: "this plan folder has no index.md".into(),
            }),
        }
    }

    let loaded = Loaded {
        root: root.to_path_buf(),
        site,
        regions,
        plans,
        catalogue,
        reports,
        units,
        theme,
    };
    (loaded, errors.into_iter().map(Report::new).collect())
}

#[derive(Clone)]
enum Parsed {
    Region(Doc<RawRegion>),
    Catalogue(Doc<RawCatalogueEntry>),
    Report(Box<Doc<RawReport>>),
    Units(Box<Doc<RawUnits>>),
    // Shared: the preview's parse cache hands out the same documents on every save,
    // and at 10,000 plans copying them was a third of reading the site.
    Plan(Arc<Doc<RawPlan>>),
    Table(Arc<Doc<RawIndicatorTable>>),
    Asset(String, Asset),
}

/// The kinds of content file, once its path is taken out.
enum Text {
    Region(String),
    Catalogue(String),
    Units,
    Report(String),
    Plan(String),
    Table(String),
}

fn parse_found(root: &Path, found: Found, cache: Option<&ParseCache>) -> Result<Parsed, LoadError> {
    let (path, kind) = match found {
        Found::PlanAsset { id, rel, path } => {
            let size = std::fs::metadata(&path)
                .map_err(|source| LoadError::Io {
                    path: path.clone(),
                    source,
                })?
                .len();
            return Ok(Parsed::Asset(id, Asset { rel, path, size }));
        }
        Found::Region { id, path } => (path, Text::Region(id)),
        Found::Catalogue { id, path } => (path, Text::Catalogue(id)),
        Found::Units { path } => (path, Text::Units),
        Found::Report { id, path } => (path, Text::Report(id)),
        Found::Plan { id, path } => (path, Text::Plan(id)),
        Found::PlanIndicators { id, path } => (path, Text::Table(id)),
    };
    // A file unchanged on disk since it was read is not read again.
    let stamp = cache.and_then(|_| Stamp::of(&path));
    if let Some(parsed) = cache.and_then(|c| c.unchanged(&path, stamp)) {
        return Ok(parsed);
    }
    let file = source::read(root, &path)?;
    if let Some(parsed) = cache.and_then(|c| c.get(&path, &file, stamp)) {
        return Ok(parsed);
    }
    let shared = Arc::clone(&file);
    let parsed = match kind {
        Text::Region(id) => Parsed::Region(parse_source(id, shared)?),
        Text::Catalogue(id) => Parsed::Catalogue(parse_source(id, shared)?),
        Text::Units => {
            let len = file.text.len();
            let front = yaml::parse(&file, 0..len)?;
            Parsed::Units(Box::new(Doc {
                id: "units".into(),
                file: shared,
                front,
                yaml: 0..len,
                body: len..len,
            }))
        }
        Text::Report(id) => Parsed::Report(Box::new(parse_source(id, shared)?)),
        Text::Plan(id) => Parsed::Plan(Arc::new(parse_source(id, shared)?)),
        Text::Table(id) => Parsed::Table(Arc::new(parse_source(id, shared)?)),
    };
    if let Some(cache) = cache {
        cache.put(path, file, &parsed, stamp);
    }
    Ok(parsed)
}

/// Parses a content file already read: splits its front matter from its body and
/// parses the YAML into `T`, one of the [`raw`] types, as [`load`] does for every
/// Markdown file it reads. Public so that benchmarks can measure the front-matter
/// parse on its own, without the disk.
pub fn parse_source<T: serde::de::DeserializeOwned>(
    id: String,
    file: Arc<SourceFile>,
) -> Result<Doc<T>, LoadError> {
    let split = frontmatter::split(&file)?;
    let front = yaml::parse(&file, split.yaml.clone())?;
    Ok(Doc {
        id,
        file,
        front,
        yaml: split.yaml,
        body: split.body,
    })
}

fn load_site(root: &Path) -> Result<Doc<RawSite>, LoadError> {
    let path = root.join("site.yaml");
    if !path.is_file() {
        return Err(LoadError::NoSiteConfig {
            root: root.to_path_buf(),
        });
    }
    let file = source::read(root, &path)?;
    let len = file.text.len();
    let front = yaml::parse(&file, 0..len)?;
    Ok(Doc {
        id: "site".into(),
        file,
        front,
        yaml: 0..len,
        body: len..len,
    })
}

fn load_theme(root: &Path, name: &str, errors: &mut Vec<LoadError>) -> Theme {
    let dir = root.join("themes").join(name);
    let mut templates = Vec::new();
    let mut statics = Vec::new();
    if !dir.join("templates").is_dir() {
        errors.push(LoadError::NoTheme {
            path: dir.join("templates"),
            theme: name.to_string(),
        });
    } else {
        let (tpl, st) = discover::theme(&dir, errors);
        for (rel, path) in tpl {
            match source::read(root, &path) {
                Ok(f) => templates.push((rel, f)),
                Err(e) => errors.push(e),
            }
        }
        for (rel, path) in st {
            match std::fs::metadata(&path) {
                Ok(m) => statics.push(Asset {
                    rel,
                    path,
                    size: m.len(),
                }),
                Err(source) => errors.push(LoadError::Io { path, source }),
            }
        }
    }
    Theme {
        name: name.to_string(),
        dir,
        templates,
        statics,
    }
}
