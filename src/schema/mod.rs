//! `planpub schemas`: the JSON Schemas of every front-matter type, generated from the
//! raw types of [`crate::load::raw`], so the schemas editors validate against and the
//! loader cannot drift apart. `load::shapes` says what each field looks like in YAML.
//!
//! The schemas are draft 7, the newest draft the YAML language server validates fully.

mod error;

use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

pub use error::SchemaError;

use crate::load::raw::{
    RawCatalogueEntry, RawIndicatorTable, RawPlan, RawRegion, RawReport, RawSite, RawUnits,
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
pub const UNITS: &str = "units.schema.json";

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
        (UNITS, schema::<RawUnits>("planpub content/units.yaml")),
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

/// What a site adds to the closed sets of the schemas: its declared units
/// (content/units.yaml) and plan kinds (site.yaml's `plan_kinds`), so that the
/// schemas accept what `planpub check` accepts on that site.
#[derive(Debug, Default)]
pub struct SiteTerms {
    pub units: Vec<String>,
    pub plan_kinds: Vec<String>,
}

impl SiteTerms {
    /// Reads them from the site at `root`; a site without them, or whose files do
    /// not parse (`planpub check` says why), adds nothing.
    pub fn of(root: &Path) -> SiteTerms {
        let (loaded, _) = crate::load::load(root, &crate::progress::Quiet);
        let units = loaded
            .units
            .map(|d| {
                d.front
                    .units
                    .iter()
                    .map(|u| u.value.unit.value.trim().to_string())
                    .collect()
            })
            .unwrap_or_default();
        let plan_kinds = loaded
            .site
            .and_then(|s| s.front.plan_kinds)
            .map(|k| k.iter().map(|k| k.value.trim().to_string()).collect())
            .unwrap_or_default();
        SiteTerms { units, plan_kinds }
    }

    /// Adds the site's terms to every enum of units or plan kinds in `schema`.
    fn extend(&self, schema: &str) -> String {
        if self.units.is_empty() && self.plan_kinds.is_empty() {
            return schema.to_string();
        }
        let Ok(mut value) = serde_json::from_str::<serde_json::Value>(schema) else {
            return schema.to_string();
        };
        extend_enums(&mut value, self);
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|e| e.to_string());
        text.push('\n');
        text
    }
}

fn extend_enums(v: &mut serde_json::Value, terms: &SiteTerms) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(names)) = map.get_mut("enum") {
                let has = |s: &str| names.iter().any(|n| n == s);
                let extra = if has("万件") {
                    &terms.units
                } else if has("行动计划") {
                    &terms.plan_kinds
                } else {
                    return;
                };
                for e in extra {
                    if !names.iter().any(|n| n == e.as_str()) {
                        names.push(Value::String(e.clone()));
                    }
                }
                return;
            }
            map.values_mut().for_each(|x| extend_enums(x, terms));
        }
        Value::Array(items) => items.iter_mut().for_each(|x| extend_enums(x, terms)),
        _ => {}
    }
}

/// Writes every schema into `dir`, creating it; returns the paths written.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, SchemaError> {
    write_for(dir, &SiteTerms::default())
}

/// [`write`], with a site's own units and plan kinds added.
pub fn write_for(dir: &Path, terms: &SiteTerms) -> Result<Vec<PathBuf>, SchemaError> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SchemaError::Write { path, source }
    };
    std::fs::create_dir_all(dir).map_err(err(dir))?;
    schemas()
        .into_iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, terms.extend(&text)).map_err(err(&path))?;
            Ok(path)
        })
        .collect()
}
