//! `planpub schemas`: the JSON Schemas of every front-matter type, generated from the
//! raw types of [`crate::load::raw`], so the schemas editors validate against and the
//! loader cannot drift apart. [`shapes`] says what each field looks like in YAML.
//!
//! The schemas are draft 7, the newest draft the YAML language server validates fully.

mod error;
pub mod shapes;

use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

pub use error::SchemaError;

use crate::load::raw::{
    RawCatalogueEntry, RawIndicatorTable, RawPlan, RawRegion, RawReport, RawSite,
};

/// The folder under the site root the schemas are written to.
pub const DIR: &str = "schemas";

/// The schema file of each kind of front matter.
pub const SITE: &str = "site.schema.json";
pub const REGION: &str = "region.schema.json";
pub const PLAN: &str = "plan.schema.json";
pub const INDICATORS: &str = "indicators.schema.json";
pub const INDICATOR: &str = "indicator.schema.json";
pub const REPORT: &str = "report.schema.json";

/// Each schema's file name and its text: pretty-printed JSON with keys in a fixed
/// order and a final newline, so the same code always gives the same bytes.
pub fn schemas() -> Vec<(&'static str, String)> {
    vec![
        (SITE, schema::<RawSite>("planpub site.yaml")),
        (
            REGION,
            schema::<RawRegion>("planpub content/regions/<id>.md"),
        ),
        (
            PLAN,
            schema::<RawPlan>("planpub content/plans/<id>/index.md"),
        ),
        (
            INDICATORS,
            schema::<RawIndicatorTable>("planpub content/plans/<id>/indicators.md"),
        ),
        (
            INDICATOR,
            schema::<RawCatalogueEntry>("planpub content/indicators/<id>.md"),
        ),
        (
            REPORT,
            schema::<RawReport>("planpub content/reports/<id>.md"),
        ),
    ]
}

fn schema<T: JsonSchema>(title: &str) -> String {
    let mut schema: Schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    let mut value = schema.to_value();
    value.sort_all_objects();
    // Serialising a JSON value to a string cannot fail; the fallback keeps it a value.
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|e| e.to_string());
    text.push('\n');
    text
}

/// Writes every schema into `dir`, creating it; returns the paths written.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, SchemaError> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SchemaError::Write { path, source }
    };
    std::fs::create_dir_all(dir).map_err(err(dir))?;
    schemas()
        .into_iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).map_err(err(&path))?;
            Ok(path)
        })
        .collect()
}
