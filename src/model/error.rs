//! Errors in what a value means: a date that does not exist, a unit planpub cannot
//! compare, a comparator that is not one of the five, a number that is not a number.

use crate::diagnostic::{Location, Problem, hint_for};

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("`{field}` is empty")]
    Empty { at: Location, field: &'static str },
    #[error("{}", if found.is_empty() { format!("`{field}` is empty") } else { format!("`{found}` is not a valid {field}") })]
    InvalidChoice {
        at: Location,
        field: &'static str,
        found: String,
        expected: Vec<&'static str>,
    },
    #[error("`{found}` is not a date: {reason}")]
    InvalidDate {
        at: Location,
        found: String,
        reason: &'static str,
    },
    #[error("`{found}` is not a year")]
    InvalidYear { at: Location, found: String },
    #[error("`{found}` is not a number")]
    InvalidNumber {
        at: Location,
        field: &'static str,
        found: String,
    },
    #[error("`{found}` is not a unit planpub knows")]
    UnknownUnit {
        at: Location,
        found: String,
        /// Known units that count the same kind of thing.
        alike: Vec<String>,
    },
    #[error("`{unit}` is a unit planpub already knows ({base} × 10^{power})")]
    UnitBundled {
        at: Location,
        unit: String,
        base: String,
        power: i32,
    },
    #[error("the unit `{unit}` is declared twice (first on line {first_line})")]
    UnitTwice {
        at: Location,
        unit: String,
        first_line: usize,
    },
    #[error("the notice's `{field}` holds the document number {found}")]
    DocNumberInField {
        at: Location,
        field: &'static str,
        found: String,
    },
    #[error("`{found}` in `{field}` is not the name of a body: {why}")]
    NotAName {
        at: Location,
        field: &'static str,
        found: String,
        why: &'static str,
    },
    #[error("`{found}` is not a plan kind of this site")]
    UnknownPlanKind {
        at: Location,
        found: String,
        known: Vec<String>,
    },
    #[error("the power of ten {power} is out of range")]
    UnitPower { at: Location, power: i32 },
    #[error("the period ends ({end}) before it starts ({start})")]
    PeriodReversed { at: Location, start: u16, end: u16 },
    #[error("the anchor `{anchor}` is used by two headings")]
    DuplicateAnchor {
        at: Location,
        anchor: String,
        first_line: usize,
    },
    #[error("the anchor `{anchor}` is reserved for the theme")]
    ReservedAnchor { at: Location, anchor: String },
    #[error("`{found}` is not an absolute http(s) address")]
    InvalidUrl { at: Location, found: String },
    #[error("{}", if found.is_empty() { "the id is empty".to_string() } else { format!("`{found}` is not a valid id") })]
    InvalidId { at: Location, found: String },
    #[error("the table cell `{marker}` has no cell to join")]
    LoneTableMarker { at: Location, marker: &'static str },
    #[error("the values of this report have no source: `{field}` is missing")]
    ReportWithoutSource { at: Location, field: &'static str },
    #[error("a report file holds only front matter, but this one has text after it")]
    ReportBody { at: Location },
}

impl Problem for ModelError {
    fn location(&self) -> Option<&Location> {
        Some(match self {
            Self::Empty { at, .. }
            | Self::InvalidChoice { at, .. }
            | Self::InvalidDate { at, .. }
            | Self::InvalidYear { at, .. }
            | Self::InvalidNumber { at, .. }
            | Self::UnknownUnit { at, .. }
            | Self::UnitBundled { at, .. }
            | Self::UnitTwice { at, .. }
            | Self::UnitPower { at, .. }
            | Self::UnknownPlanKind { at, .. }
            | Self::DocNumberInField { at, .. }
            | Self::NotAName { at, .. }
            | Self::PeriodReversed { at, .. }
            | Self::DuplicateAnchor { at, .. }
            | Self::ReservedAnchor { at, .. }
            | Self::InvalidUrl { at, .. }
            | Self::InvalidId { at, .. }
            | Self::LoneTableMarker { at, .. }
            | Self::ReportWithoutSource { at, .. }
            | Self::ReportBody { at } => at,
        })
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            Self::Empty { .. } => {
                "write the value, or remove the field if the source does not state it".into()
            }
            Self::InvalidChoice {
                found,
                expected,
                field,
                ..
            } => hint_for(found, expected.iter().copied(), field),
            Self::InvalidDate { .. } => {
                "write dates as YYYY-MM-DD (2025年6月23日 is 2025-06-23), and check the day exists"
                    .into()
            }
            Self::InvalidYear { .. } => {
                "write a four-digit year between 1949 and 2100, such as 2025".into()
            }
            Self::InvalidNumber { field, .. } => format!(
                "`{field}` takes a number exactly as the plan writes it (1.8, 575, 12.5); for a goal in words use `measure: qualitative`"
            ),
            Self::UnknownUnit { found, alike, .. } if !alike.is_empty() => format!(
                "{}; or, if `{found}` is how the documents write it, declare it in content/units.yaml with the unit it converts to",
                hint_for(found, alike.iter().map(String::as_str), "unit")
            ),
            Self::UnknownUnit { found, .. } => format!(
                "write the unit exactly as the document does and declare it in content/units.yaml with what it counts and its power of ten, e.g. `- {{unit: {found}, base: 人, power: 8}}` if `{found}` means 亿人; values are only compared with units of the same base"
            ),
            Self::DocNumberInField { .. } => {
                "a copied page often puts the 发文字号 on its own line above the addressees: move it to the plan's `doc_number` and keep only what the source writes in this field".into()
            }
            Self::NotAName { .. } => {
                "write each issuing body's name as the source does (某区人民政府办公室); the catalogue block of a copied page (索引号, 发布机构 …) belongs in the plan's own fields".into()
            }
            Self::UnknownPlanKind { found, known, .. } => format!(
                "{}; if the document's kind is `{found}`, add it to `plan_kinds` in site.yaml",
                hint_for(found, known.iter().map(String::as_str), "kind")
            ),
            Self::UnitBundled { .. } => {
                "planpub bundles this unit already: remove the entry".into()
            }
            Self::UnitTwice { .. } => {
                "a unit has one meaning on a site: keep one entry".into()
            }
            Self::UnitPower { .. } => {
                "`power` is the power of ten from the unit to its base, between -12 and 12 (万: 4, 亿: 8, 万亿: 12)".into()
            }
            Self::PeriodReversed { .. } => "swap `start` and `end`".into(),
            Self::DuplicateAnchor { first_line, .. } => {
                format!(
                    "the first heading with this anchor is on line {first_line}; give one of them another `{{#id}}`"
                )
            }
            Self::ReservedAnchor { .. } => {
                "anchors starting with `site-` name parts of the page (table of contents, notice …); choose another `{#id}`".into()
            }
            Self::InvalidUrl { .. } => {
                "write the public address, e.g. https://www.example.gov.cn/zwgk/ghjh/".into()
            }
            Self::InvalidId { found, .. } if found.is_empty() => {
                "write the id: the name of the file it refers to, without `.md`".into()
            }
            Self::InvalidId { .. } => {
                "ids are names without `/`, `#`, `?` or spaces at either end".into()
            }
            Self::LoneTableMarker { marker, .. } => {
                let rule = if *marker == "^^" {
                    "`^^` joins the cell above: it cannot stand in the header or in the first row under it"
                } else {
                    "`<<` joins the cell to its left: it cannot stand in the first column"
                };
                format!(
                    "{rule}, and a merged cell must stay a rectangle; write the cell's text, or `` `{marker}` `` to show the two characters"
                )
            }
            Self::ReportWithoutSource { field, .. } => format!(
                "every reported value names the document it comes from: write `{field}` as the document states it (a report needs `title`, `region`, `issuers` and `date_published` or `date_written`, and `url` where the document is online)"
            ),
            Self::ReportBody { .. } => {
                "write what a reader needs to know about a value in its `note`, and the passage it comes from in `place`".into()
            }
        })
    }

    fn label(&self) -> String {
        match self {
            Self::InvalidChoice { field, .. } => format!("this {field}"),
            Self::DuplicateAnchor { .. } => "second use".into(),
            _ => "here".into(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Empty { .. } => "planpub::model::empty",
            Self::InvalidChoice { .. } => "planpub::model::invalid_choice",
            Self::InvalidDate { .. } => "planpub::model::invalid_date",
            Self::InvalidYear { .. } => "planpub::model::invalid_year",
            Self::InvalidNumber { .. } => "planpub::model::invalid_number",
            Self::UnknownUnit { .. } => "planpub::model::unknown_unit",
            Self::UnitBundled { .. } => "planpub::model::unit_bundled",
            Self::UnitTwice { .. } => "planpub::model::unit_twice",
            Self::UnitPower { .. } => "planpub::model::unit_power",
            Self::UnknownPlanKind { .. } => "planpub::model::unknown_plan_kind",
            Self::DocNumberInField { .. } => "planpub::model::doc_number_in_field",
            Self::NotAName { .. } => "planpub::model::not_a_name",
            Self::PeriodReversed { .. } => "planpub::model::period_reversed",
            Self::DuplicateAnchor { .. } => "planpub::model::duplicate_anchor",
            Self::ReservedAnchor { .. } => "planpub::model::reserved_anchor",
            Self::InvalidUrl { .. } => "planpub::model::invalid_url",
            Self::InvalidId { .. } => "planpub::model::invalid_id",
            Self::LoneTableMarker { .. } => "planpub::model::lone_table_marker",
            Self::ReportWithoutSource { .. } => "planpub::model::report_without_source",
            Self::ReportBody { .. } => "planpub::model::report_body",
        }
    }
}
