//! Errors in what a value means: a date that does not exist, a unit planpub cannot
//! compare, a comparator that is not one of the five, a number that is not a number.

use crate::diagnostic::{Location, hint_for, problem};

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
    #[error("`{found}` cannot be used as the site's {field}")]
    InvalidContact {
        at: Location,
        field: &'static str,
        found: String,
    },
    #[error("{}", if *shape { format!("`{found}` is not an administrative division code (six digits)") } else { format!("`{found}` is not the code of a {level}") })]
    InvalidDivisionCode {
        at: Location,
        found: String,
        level: &'static str,
        shape: bool,
    },
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

problem! {
    ModelError {
        Empty { at, .. } => {
            code: "planpub::model::empty",
            at: at,
            help: "write the value, or remove the field if the source does not state it",
        },
        InvalidChoice { at, field, found, expected } => {
            code: "planpub::model::invalid_choice",
            at: at,
            label: format!("this {field}"),
            help: hint_for(found, expected.iter().copied(), field),
        },
        InvalidDate { at, .. } => {
            code: "planpub::model::invalid_date",
            at: at,
            help: "write dates as YYYY-MM-DD (2025年6月23日 is 2025-06-23), and check the day exists",
        },
        InvalidYear { at, .. } => {
            code: "planpub::model::invalid_year",
            at: at,
            help: "write a four-digit year between 1949 and 2100, such as 2025",
        },
        InvalidNumber { at, field, .. } => {
            code: "planpub::model::invalid_number",
            at: at,
            help: format!(
                "`{field}` takes a number exactly as the plan writes it (1.8, 575, 12.5); for a goal in words use `measure: qualitative`"
            ),
        },
        UnknownUnit { at, found, alike } => {
            code: "planpub::model::unknown_unit",
            at: at,
            help: if alike.is_empty() {
                format!(
                    "write the unit exactly as the document does and declare it in content/units.yaml with what it counts and its power of ten, e.g. `- {{unit: {found}, base: 人, power: 8}}` if `{found}` means 亿人; values are only compared with units of the same base"
                )
            } else {
                format!(
                    "{}; or, if `{found}` is how the documents write it, declare it in content/units.yaml with the unit it converts to",
                    hint_for(found, alike.iter().map(String::as_str), "unit")
                )
            },
        },
        UnitBundled { at, .. } => {
            code: "planpub::model::unit_bundled",
            at: at,
            help: "planpub bundles this unit already: remove the entry",
        },
        UnitTwice { at, .. } => {
            code: "planpub::model::unit_twice",
            at: at,
            help: "a unit has one meaning on a site: keep one entry",
        },
        DocNumberInField { at, .. } => {
            code: "planpub::model::doc_number_in_field",
            at: at,
            help: "a copied page often puts the 发文字号 on its own line above the addressees: move it to the plan's `doc_number` and keep only what the source writes in this field",
        },
        NotAName { at, .. } => {
            code: "planpub::model::not_a_name",
            at: at,
            help: "write each issuing body's name as the source does (某区人民政府办公室); the catalogue block of a copied page (索引号, 发布机构 …) belongs in the plan's own fields",
        },
        UnknownPlanKind { at, found, known } => {
            code: "planpub::model::unknown_plan_kind",
            at: at,
            help: format!(
                "{}; if the document's kind is `{found}`, add it to `plan_kinds` in site.yaml",
                hint_for(found, known.iter().map(String::as_str), "kind")
            ),
        },
        UnitPower { at, .. } => {
            code: "planpub::model::unit_power",
            at: at,
            help: "`power` is the power of ten from the unit to its base, between -12 and 12 (万: 4, 亿: 8, 万亿: 12)",
        },
        PeriodReversed { at, .. } => {
            code: "planpub::model::period_reversed",
            at: at,
            help: "swap `start` and `end`",
        },
        DuplicateAnchor { at, first_line, .. } => {
            code: "planpub::model::duplicate_anchor",
            at: at,
            label: "second use",
            help: format!(
                "the first heading with this anchor is on line {first_line}; give one of them another `{{#id}}`"
            ),
        },
        ReservedAnchor { at, .. } => {
            code: "planpub::model::reserved_anchor",
            at: at,
            help: "anchors starting with `site-` name parts of the page (table of contents, notice …); choose another `{#id}`",
        },
        InvalidContact { at, field, .. } => {
            code: "planpub::model::invalid_contact",
            at: at,
            help: if *field == "email" {
                "write one public address, e.g. ghjh@example.gov.cn".into()
            } else {
                "write the number with its area code, e.g. 023-00000000 or (023) 0000 0000; put office hours in `contact`".to_string()
            },
        },
        InvalidDivisionCode { at, .. } => {
            code: "planpub::model::invalid_division_code",
            at: at,
            help: "write the region's 行政区划代码 (GB/T 2260) in quotes, as the civil-affairs ministry publishes it: a municipality or province ends in 0000 (\"500000\"), a prefecture in 00, a district or county (\"500111\") does not",
        },
        InvalidUrl { at, .. } => {
            code: "planpub::model::invalid_url",
            at: at,
            help: "write the public address, e.g. https://www.example.gov.cn/zwgk/ghjh/",
        },
        InvalidId { at, found } => {
            code: "planpub::model::invalid_id",
            at: at,
            help: if found.is_empty() {
                "write the id: the name of the file it refers to, without `.md`"
            } else {
                "ids are names without `/`, `#`, `?` or spaces at either end"
            },
        },
        LoneTableMarker { at, marker } => {
            code: "planpub::model::lone_table_marker",
            at: at,
            help: {
                let rule = if *marker == "^^" {
                    "`^^` joins the cell above: it cannot stand in the header or in the first row under it"
                } else {
                    "`<<` joins the cell to its left: it cannot stand in the first column"
                };
                format!(
                    "{rule}, and a merged cell must stay a rectangle; write the cell's text, or `` `{marker}` `` to show the two characters"
                )
            },
        },
        ReportWithoutSource { at, field } => {
            code: "planpub::model::report_without_source",
            at: at,
            help: format!(
                "every reported value names the document it comes from: write `{field}` as the document states it (a report needs `title`, `region`, `issuers` and `date_published` or `date_written`, and `url` where the document is online)"
            ),
        },
        ReportBody { at } => {
            code: "planpub::model::report_body",
            at: at,
            help: "write what a reader needs to know about a value in its `note`, and the passage it comes from in `place`",
        },
    }
}
