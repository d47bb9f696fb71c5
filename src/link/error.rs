//! Errors in references between files: an unknown region, plan or indicator, a section
//! that the plan text does not have, a cycle, a target outside the plan's period.

use crate::diagnostic::{Location, Problem, hint_for};

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
    #[error("this report is dated {date}, after `as_of` ({as_of}) in site.yaml")]
    ReportAfterAsOf {
        at: Location,
        date: String,
        as_of: String,
    },
}

impl Problem for LinkError {
    fn location(&self) -> Option<&Location> {
        Some(match self {
            Self::CitationIndex { .. } => return None,
            Self::AmbiguousTitle { at, .. } => at,
            Self::UnknownReference { at, .. }
            | Self::UnknownSection { at, .. }
            | Self::Cycle { at, .. }
            | Self::IncompatibleUnit { at, .. }
            | Self::ResponsibleUnitTwice { at, .. }
            | Self::DocNumberTwice { at, .. }
            | Self::IdsDifferInCase { at, .. }
            | Self::TargetOutsidePeriod { at, .. }
            | Self::ReportAfterAsOf { at, .. } => at,
        })
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            Self::UnknownReference { kind, found, candidates, .. } => {
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
            }
            Self::UnknownSection { found, anchors, .. } => format!(
                "{}; a section is the anchor of a heading in the plan's index.md (its text without punctuation, or its {{#id}})",
                hint_for(found, anchors.iter().map(String::as_str), "anchor")
            ),
            Self::Cycle { .. } => "a plan cannot be its own ancestor or basis; remove one link of the chain".into(),
            Self::IncompatibleUnit { growth: true, .. } => {
                "a growth rate (`measure: growth_rate`) is written in %; if the row is an amount, change its measure".into()
            }
            Self::IncompatibleUnit { expected, .. } => format!(
                "write the value in `{expected}` or a unit that converts to it (万件 ↔ 件, 亿元 ↔ 万元 ↔ 元, 万人 ↔ 人); if the row measures something else, give it another indicator"
            ),
            Self::ResponsibleUnitTwice { .. } => {
                "each name the plans use belongs to one body: keep it under one `name` of `responsible_units`".into()
            }
            Self::AmbiguousTitle { .. } => {
                "a citation in 《》 must name one plan: give one of them another `title`, `short_title` or alias, or remove the alias they share".into()
            }
            Self::CitationIndex { .. } => "shorten or remove unusually long titles and aliases".into(),
            Self::DocNumberTwice { .. } => {
                "a document number names one document: check it against the source (a copied plan folder keeps the number of the plan it was copied from)".into()
            }
            Self::IdsDifferInCase { .. } => {
                "on a server that ignores letter case both would be one folder; rename one of the files".into()
            }
            Self::TargetOutsidePeriod { .. } => {
                "check the year against the source; if the plan really sets a goal beyond its period, correct `period`".into()
            }
            Self::ReportAfterAsOf { .. } => {
                "statuses are stated as of `as_of`, so every report must be dated on or before it: move `as_of` in site.yaml to the date up to which you have looked for reports, or check the report's date".into()
            }
        })
    }

    fn label(&self) -> String {
        match self {
            Self::UnknownReference { kind, .. } => format!("unknown {kind}"),
            Self::UnknownSection { .. } => "unknown section".into(),
            Self::Cycle { .. } => "this link closes the cycle".into(),
            Self::IncompatibleUnit { .. } => "this unit".into(),
            Self::ResponsibleUnitTwice { .. } => "listed again here".into(),
            Self::AmbiguousTitle { .. } => "this plan".into(),
            Self::CitationIndex { .. } => String::new(),
            Self::TargetOutsidePeriod { .. } => "this year".into(),
            Self::DocNumberTwice { .. } => "used again here".into(),
            Self::IdsDifferInCase { .. } => "this file".into(),
            Self::ReportAfterAsOf { .. } => "this report".into(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Self::UnknownReference { .. } => "planpub::link::unknown_reference",
            Self::UnknownSection { .. } => "planpub::link::unknown_section",
            Self::Cycle { .. } => "planpub::link::cycle",
            Self::IncompatibleUnit { .. } => "planpub::link::incompatible_unit",
            Self::ResponsibleUnitTwice { .. } => "planpub::link::responsible_unit_twice",
            Self::AmbiguousTitle { .. } => "planpub::link::ambiguous_title",
            Self::CitationIndex { .. } => "planpub::link::citation_index",
            Self::TargetOutsidePeriod { .. } => "planpub::link::target_outside_period",
            Self::DocNumberTwice { .. } => "planpub::link::doc_number_twice",
            Self::IdsDifferInCase { .. } => "planpub::link::ids_differ_in_case",
            Self::ReportAfterAsOf { .. } => "planpub::link::report_after_as_of",
        }
    }
}
