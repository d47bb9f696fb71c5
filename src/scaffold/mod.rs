//! `planpub new region <id>` and `planpub new plan <id> --region <id>`: a new region
//! file, or a new plan bundle (index.md and indicators.md), with every front-matter
//! field present and commented ([`text`]), written all or nothing ([`files`]).
//!
//! Everything is checked before anything is written: the id, that the named regions
//! exist, that a given level or kind is one the model accepts, and that no file is
//! already there.

mod error;
mod files;
pub mod text;

use std::path::{Path, PathBuf};

pub use error::ScaffoldError;
pub use text::{PlanFields, RegionFields};

use crate::model::{self, is_id};
use crate::schema;

/// What `planpub new` is asked to create.
#[derive(Debug, Clone)]
pub enum New {
    Region { id: String, fields: RegionFields },
    Plan { id: String, fields: PlanFields },
}

/// What was created, and what the editor may still need to do.
#[derive(Debug)]
pub struct Created {
    pub files: Vec<PathBuf>,
    /// Schema files the new files point at that the site does not have yet.
    pub missing_schemas: Vec<PathBuf>,
}

pub fn run(root: &Path, new: &New) -> Result<Created, ScaffoldError> {
    if !root.join("site.yaml").is_file() {
        return Err(ScaffoldError::NoSite {
            root: root.to_path_buf(),
        });
    }
    let content = root.join("content");
    let (files, schemas) = match new {
        New::Region { id, fields } => {
            check_id(id, "region")?;
            choice(&fields.level, "level", model::Level::CHOICES)?;
            if let Some(parent) = &fields.parent {
                region_exists(root, parent, "--parent")?;
            }
            let path = content.join("regions").join(format!("{id}.md"));
            (vec![(path, text::region(fields))], vec![schema::REGION])
        }
        New::Plan { id, fields } => {
            check_id(id, "plan")?;
            let kinds: Vec<(&'static str, ())> =
                model::PlanKind::BUNDLED.iter().map(|k| (*k, ())).collect();
            choice(&fields.kind, "kind", &kinds)?;
            region_exists(root, &fields.region, "--region")?;
            let dir = content.join("plans").join(id);
            (
                vec![
                    (dir.join("index.md"), text::plan(fields)),
                    (dir.join("indicators.md"), text::indicators()),
                ],
                vec![schema::PLAN, schema::INDICATORS],
            )
        }
    };
    files::create_all(&files)?;
    Ok(Created {
        files: files.into_iter().map(|(p, _)| p).collect(),
        missing_schemas: schemas
            .into_iter()
            .map(|s| root.join(schema::DIR).join(s))
            .filter(|p| !p.is_file())
            .collect(),
    })
}

fn check_id(id: &str, what: &'static str) -> Result<(), ScaffoldError> {
    if is_id(id) {
        Ok(())
    } else {
        Err(ScaffoldError::InvalidId {
            id: id.to_string(),
            what,
        })
    }
}

/// A flag's value for a closed set, when given, must be one the model accepts.
fn choice<T>(
    value: &Option<String>,
    field: &'static str,
    choices: &[(&'static str, T)],
) -> Result<(), ScaffoldError> {
    match value {
        Some(v) if !choices.iter().any(|(name, _)| name == v) => {
            Err(ScaffoldError::InvalidChoice {
                field,
                found: v.clone(),
                expected: choices.iter().map(|(n, _)| *n).collect(),
            })
        }
        _ => Ok(()),
    }
}

fn region_exists(root: &Path, id: &str, flag: &'static str) -> Result<(), ScaffoldError> {
    let regions = root.join("content").join("regions");
    let path = regions.join(format!("{id}.md"));
    if is_id(id) && path.is_file() {
        return Ok(());
    }
    let mut known: Vec<String> = std::fs::read_dir(&regions)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".md"))
                .map(str::to_string)
        })
        .collect();
    known.sort();
    Err(ScaffoldError::UnknownRegion {
        id: id.to_string(),
        path,
        flag,
        known,
    })
}
