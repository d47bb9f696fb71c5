//! Errors in what a value means: a date that does not exist, a unit planpub cannot
//! compare, a comparator that is not one of the five, a number that is not a number.

use crate::diagnostic::{Location, Problem, hint_for};

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("`{field}` is empty")]
    Empty { at: Location, field: &'static str },
    #[error("`{found}` is not a valid {field}")]
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
    UnknownUnit { at: Location, found: String },
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
    #[error("`{found}` is not a valid id")]
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
            Self::UnknownUnit { found, .. } => format!(
                "{}; units are compared across plans, so each must be one planpub can convert (see src/model/quantity.rs)",
                hint_for(found, crate::model::quantity::known_units(), "unit")
            ),
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
