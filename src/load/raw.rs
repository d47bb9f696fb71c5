//! The shape of each file's front matter, exactly as written: strings stay strings
//! (with their positions) until the model stage gives them types.
//!
//! Every struct denies unknown fields, so a misspelt field is an error, not a silent
//! omission.

use serde::Deserialize;
use serde_saphyr::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: S<String>,
    pub base_url: S<String>,
    pub language: Option<S<String>>,
    pub theme: Option<S<String>>,
    pub description: Option<S<String>>,
    pub footer: Option<RawFooter>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFooter {
    pub host: Option<S<String>>,
    pub site_code: Option<S<String>>,
    pub icp: Option<S<String>>,
    pub police_record: Option<S<String>>,
    pub contact: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub name: S<String>,
    pub level: S<String>,
    pub parent: Option<S<String>>,
    pub population: Option<S<String>>,
    pub responsible_units: Option<Vec<S<RawResponsibleUnit>>>,
}

/// One body under all the names a region's plans use for it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResponsibleUnit {
    pub name: S<String>,
    pub aliases: Option<Vec<S<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub title: S<String>,
    pub short_title: Option<S<String>>,
    pub aliases: Option<Vec<S<String>>>,
    pub region: S<String>,
    pub kind: S<String>,
    pub issuers: Option<Vec<S<String>>>,
    pub doc_number: Option<S<String>>,
    pub index_number: Option<S<String>>,
    pub date_written: Option<S<String>>,
    pub date_published: Option<S<String>>,
    pub period: Option<S<RawPeriod>>,
    pub horizon: Option<S<String>>,
    pub status: Option<S<String>>,
    pub parent: Option<S<String>>,
    pub based_on: Option<Vec<S<String>>>,
    pub topics: Option<Vec<S<String>>>,
    pub notice: Option<RawNotice>,
    pub copied_to: Option<Vec<S<String>>>,
    pub printed_by: Option<S<String>>,
    pub date_printed: Option<S<String>>,
    pub errata: Option<Vec<RawErratum>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    pub start: S<String>,
    pub end: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNotice {
    pub title: Option<S<String>>,
    pub addressees: Option<S<String>>,
    pub text: Option<S<String>>,
    pub signed: Option<S<String>>,
    pub date: Option<S<String>>,
    pub disclosure: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawErratum {
    pub what: S<String>,
    pub why: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicatorTable {
    pub indicators: Vec<S<RawEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    pub indicator: S<String>,
    pub wording: S<String>,
    pub unit: S<String>,
    pub measure: S<String>,
    pub attribute: Option<S<String>>,
    pub baseline: Option<S<RawObservation>>,
    pub actuals: Option<Vec<S<RawObservation>>>,
    pub targets: Option<Vec<S<RawTarget>>>,
    pub responsible: Option<Vec<S<String>>>,
    pub section: S<String>,
    pub note: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObservation {
    pub year: S<String>,
    pub value: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub year: S<String>,
    pub value: S<String>,
    pub comparator: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCatalogueEntry {
    pub name: S<String>,
    pub aliases: Option<Vec<S<String>>>,
    pub unit: S<String>,
    pub category: S<String>,
    pub direction: S<String>,
}
