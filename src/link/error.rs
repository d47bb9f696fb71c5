//! Errors in references between files: an unknown region, plan or indicator, a section
//! that the plan text does not have, a cycle, a target outside the plan's period.

use crate::diagnostic::{Location, hint_for, problem};

#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("{}", if found.is_empty() { format!("no {kind} is named") } else { format!("there is no {kind} `{found}`") })]
    UnknownReference {
        at: Location,
        kind: &'static str,
        found: String,
        candidates: Vec<String>,
    },
    #[error("the plan text has no heading with the anchor `{found}`")]
    UnknownSection {
        at: Location,
        found: String,
        anchors: Vec<String>,
    },
    #[error("`{field}` makes a cycle: {}", chain.join(" → "))]
    Cycle {
        at: Location,
        field: &'static str,
        chain: Vec<String>,
    },
    #[error("`{found}` cannot be compared with `{expected}`, the unit of `{indicator}`")]
    IncompatibleUnit {
        at: Location,
        found: String,
        indicator: String,
        expected: String,
        growth: bool,
    },
    #[error("the responsible unit `{name}` is listed twice (first on line {first_line})")]
    ResponsibleUnitTwice {
        at: Location,
        name: String,
        first_line: usize,
    },
    #[error("the plans {} are all called 《{name}》", plans.join(", "))]
    AmbiguousTitle {
        at: Location,
        name: String,
        plans: Vec<String>,
    },
    #[error("the plan titles could not be indexed for citations: {reason}")]
    CitationIndex { reason: String },
    #[error("the document number {number} is also the number of the plan `{first}`")]
    DocNumberTwice {
        at: Location,
        number: String,
        first: String,
    },
    #[error("the {kind} id `{id}` differs from `{first}` only in letter case")]
    IdsDifferInCase {
        at: Location,
        kind: &'static str,
        id: String,
        first: String,
    },
    #[error("the target year {year} is outside the plan's period {start}–{end}")]
    TargetOutsidePeriod {
        at: Location,
        year: u16,
        start: u16,
        end: u16,
    },
    #[error(
        "two different {what} for `{indicator}` in {year}: {second} here, {first} at {first_at}"
    )]
    ConflictingValues {
        at: Location,
        what: &'static str,
        indicator: String,
        year: u16,
        first: String,
        second: String,
        first_at: String,
    },
    #[error("the code {code} is also the code of the region `{first}`")]
    DivisionCodeTwice {
        at: Location,
        code: String,
        first: String,
    },
    #[error("the code {code} does not start as {parent}'s code {parent_code} does")]
    DivisionCodeOutsideParent {
        at: Location,
        code: String,
        parent: String,
        parent_code: String,
        prefix: String,
    },
    #[error("this report is dated {date}, after `as_of` ({as_of}) in site.yaml")]
    ReportAfterAsOf {
        at: Location,
        date: String,
        as_of: String,
    },
}

problem! {
    LinkError {
        UnknownReference { at, kind, found, candidates } => {
            code: "planpub::link::unknown_reference",
            at: at,
            label: format!("unknown {kind}"),
            help: {
                let folder = match *kind {
                    "region" => "content/regions/<id>.md",
                    "report" => "content/reports/<id>.md",
                    "plan" => "content/plans/<id>/index.md",
                    _ => "content/indicators/<id>.md",
                };
                format!(
                    "{}; a {kind} id is the name of its file, {folder}",
                    hint_for(found, candidates.iter().map(String::as_str), kind)
                )
            },
        },
        UnknownSection { at, found, anchors } => {
            code: "planpub::link::unknown_section",
            at: at,
            label: "unknown section",
            help: format!(
                "{}; a section is the anchor of a heading in the plan's index.md (its text without punctuation, or its {{#id}})",
                hint_for(found, anchors.iter().map(String::as_str), "anchor")
            ),
        },
        ConflictingValues { at, .. } => {
            code: "planpub::link::conflicting_values",
            at: at,
            label: "stated again here",
            help: "a plan states one value for one target, baseline or actual: check both against the document as issued and correct the one that was copied wrongly; a value stated twice alike (in the text and in an annex table) is fine",
        },
        DivisionCodeTwice { at, .. } => {
            code: "planpub::link::division_code_twice",
            at: at,
            label: "given again here",
            help: "an administrative division code names one region; check both against the published GB/T 2260 list",
        },
        DivisionCodeOutsideParent { at, prefix, .. } => {
            code: "planpub::link::division_code_outside_parent",
            at: at,
            label: "this code",
            help: format!("a region's code starts with its parent's {prefix}; check the code, or the region's `parent`"),
        },
        Cycle { at, .. } => {
            code: "planpub::link::cycle",
            at: at,
            label: "this link closes the cycle",
            help: "a plan cannot be its own ancestor or basis; remove one link of the chain",
        },
        IncompatibleUnit { at, expected, growth, .. } => {
            code: "planpub::link::incompatible_unit",
            at: at,
            label: "this unit",
            help: if *growth {
                "a growth rate (`measure: growth_rate`) is written in %; if the row is an amount, change its measure".into()
            } else {
                format!(
                    "write the value in `{expected}` or a unit that converts to it (万件 ↔ 件, 亿元 ↔ 万元 ↔ 元, 万人 ↔ 人); if the row measures something else, give it another indicator"
                )
            },
        },
        ResponsibleUnitTwice { at, .. } => {
            code: "planpub::link::responsible_unit_twice",
            at: at,
            label: "listed again here",
            help: "each name the plans use belongs to one body: keep it under one `name` of `responsible_units`",
        },
        AmbiguousTitle { at, .. } => {
            code: "planpub::link::ambiguous_title",
            at: at,
            label: "this plan",
            help: "a citation in 《》 must name one plan: give one of them another `title`, `short_title` or alias, or remove the alias they share",
        },
        CitationIndex { .. } => {
            code: "planpub::link::citation_index",
            label: String::new(),
            help: "shorten or remove unusually long titles and aliases",
        },
        DocNumberTwice { at, .. } => {
            code: "planpub::link::doc_number_twice",
            at: at,
            label: "used again here",
            help: "a document number names one document: check it against the source (a copied plan folder keeps the number of the plan it was copied from)",
        },
        IdsDifferInCase { at, .. } => {
            code: "planpub::link::ids_differ_in_case",
            at: at,
            label: "this file",
            help: "on a server that ignores letter case both would be one folder; rename one of the files",
        },
        TargetOutsidePeriod { at, .. } => {
            code: "planpub::link::target_outside_period",
            at: at,
            label: "this year",
            help: "check the year against the source; if the plan really sets a goal beyond its period, correct `period`",
        },
        ReportAfterAsOf { at, .. } => {
            code: "planpub::link::report_after_as_of",
            at: at,
            label: "this report",
            help: "statuses are stated as of `as_of`, so every report must be dated on or before it: move `as_of` in site.yaml to the date up to which you have looked for reports, or check the report's date",
        },
    }
}
