//! The site's domain types: regions, plans, catalogue indicators and each plan's
//! indicator rows, with every value already checked and typed.

use std::sync::Arc;

use serde::Serialize;

use super::date::{Date, Period, Year};
use super::document::Document;
use super::quantity::{Attribute, Comparator, Measure, Unit, Value};
use crate::diagnostic::{Location, SourceFile};
pub use crate::vocabulary::{Category, Direction, Level, PlanKind, RawHtml, Status};

/// A value together with where it was written, for errors found by later stages.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub at: Location,
}

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// Lower-case ASCII letters, digits and `-`, neither first nor last: the form
/// docs/content-format.md gives ids, and the one `planpub import` and `planpub new`
/// give the files they create.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

id_type!(
    /// A region's id: its file name in content/regions/.
    RegionId
);
id_type!(
    /// A plan's id: its folder name in content/plans/.
    PlanId
);
id_type!(
    /// A catalogue indicator's id: its file name in content/indicators/.
    IndicatorId
);
id_type!(
    /// A report's id: its file name in content/reports/.
    ReportId
);

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: String,
    pub description: Option<String>,
    pub footer: Footer,
    pub data_licence: Option<Licence>,
    /// Whether the build makes a search index and the search page.
    pub search: bool,
    pub raw_html: RawHtml,
    /// The date every target's status is stated as of, when site.yaml gives one.
    pub as_of: Option<Date>,
    /// Plan kinds the site adds to [`PlanKind::BUNDLED`].
    pub plan_kinds: Vec<String>,
}

/// The terms the open data is published under, as site.yaml states them.
#[derive(Debug, Clone, Serialize)]
pub struct Licence {
    pub title: String,
    pub name: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Footer {
    pub host: Option<String>,
    pub site_code: Option<String>,
    pub icp: Option<String>,
    pub police_record: Option<String>,
    pub contact: Option<String>,
    /// 通信地址, 联系电话, 电子邮箱: the host's public contact, each shown when given.
    pub address: Option<String>,
    pub telephone: Option<String>,
    pub email: Option<String>,
    pub error_report: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub id: RegionId,
    pub name: String,
    pub level: Level,
    /// 行政区划代码 (GB/T 2260), when the content states it.
    pub code: Option<Located<super::division_code::DivisionCode>>,
    pub parent: Option<Located<RegionId>>,
    pub population: Option<u64>,
    /// The names this region's plans use for each of its bodies, so that 区市场监管局 and
    /// 江津区市场监管局 in a Jiangjin plan are one responsible unit.
    pub responsible_units: Vec<ResponsibleUnitNames>,
    pub body: Document,
}

/// A responsible unit (责任单位) and the other names it is written under.
#[derive(Debug, Clone)]
pub struct ResponsibleUnitNames {
    pub name: Located<String>,
    pub aliases: Vec<Located<String>>,
}

/// The covering notice (印发通知) of a plan.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Notice {
    pub title: Option<String>,
    pub addressees: Option<String>,
    pub text: Option<String>,
    pub signed: Option<String>,
    pub date: Option<Date>,
    pub disclosure: Option<String>,
}

/// A change made to the source text when it was put on the site.
#[derive(Debug, Clone, Serialize)]
pub struct Erratum {
    pub what: String,
    pub why: String,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub id: PlanId,
    pub file: Arc<SourceFile>,
    pub title: String,
    pub short_title: Option<String>,
    pub aliases: Vec<String>,
    pub region: Located<RegionId>,
    pub kind: PlanKind,
    pub issuers: Vec<String>,
    /// 发文字号: names one document, so no two plans share it.
    pub doc_number: Option<Located<String>>,
    pub index_number: Option<String>,
    pub date_written: Option<Date>,
    pub date_published: Option<Date>,
    pub period: Option<Period>,
    /// The last year the text sets a goal for (到2035年), when it states no period.
    pub horizon: Option<Year>,
    pub status: Option<Status>,
    pub parent: Option<Located<PlanId>>,
    pub based_on: Vec<Located<PlanId>>,
    /// For a 政策解读 (an interpretation): the plan it explains.
    pub interprets: Option<Located<PlanId>>,
    pub topics: Vec<String>,
    pub notice: Option<Notice>,
    pub copied_to: Vec<String>,
    pub printed_by: Option<String>,
    pub date_printed: Option<Date>,
    pub errata: Vec<Erratum>,
    pub body: Document,
    pub indicators: Vec<PlanIndicator>,
    /// The Markdown body of indicators.md: notes on the table.
    pub indicators_note: Option<Document>,
    pub assets: Vec<super::Asset>,
}

impl Plan {
    /// The name used in lists and tables.
    pub fn display_title(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }

    /// The date a plan is sorted by: published, else written.
    pub fn sort_date(&self) -> Option<Date> {
        self.date_published.or(self.date_written)
    }
}

/// A catalogue indicator: one distinct measure, shared by all plans that set it.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: IndicatorId,
    pub name: String,
    pub aliases: Vec<String>,
    pub unit: Unit,
    pub category: Category,
    pub direction: Direction,
    pub body: Document,
}

/// A value a plan reports (baseline or actual).
#[derive(Debug, Clone, Serialize)]
pub struct Observation {
    pub year: Year,
    pub value: Value,
    /// Where the year is written, for errors found by later stages.
    #[serde(skip)]
    pub at: Option<Location>,
}

/// A goal: a value to reach by a year.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub year: Year,
    pub value: Value,
    pub comparator: Comparator,
    #[serde(skip)]
    pub at: Option<Location>,
}

/// One statement of a plan about one catalogue indicator: a row of its indicator table.
#[derive(Debug, Clone)]
pub struct PlanIndicator {
    pub indicator: Located<IndicatorId>,
    pub wording: String,
    pub unit: Located<Unit>,
    pub measure: Measure,
    pub attribute: Option<Attribute>,
    pub baseline: Option<Observation>,
    pub actuals: Vec<Observation>,
    pub targets: Vec<Target>,
    pub responsible: Vec<String>,
    pub section: Located<String>,
    pub note: Option<String>,
}

/// A document that is not on the site (a statistical bulletin, a work summary, an
/// evaluation) and the values it reports: content/reports/<id>.md. The document is
/// the source of every one of its values.
#[derive(Debug, Clone)]
pub struct ReportDocument {
    pub id: ReportId,
    pub file: Arc<SourceFile>,
    pub title: String,
    pub region: Located<RegionId>,
    pub issuers: Vec<String>,
    pub doc_number: Option<String>,
    pub date_written: Option<Date>,
    pub date_published: Option<Date>,
    pub url: Option<String>,
    pub values: Vec<ReportedValue>,
}

impl ReportDocument {
    /// The date a report is dated by: published, else written. The model stage has
    /// checked that one of them is stated.
    pub fn date(&self) -> Option<Date> {
        self.date_published.or(self.date_written)
    }
}

/// One value a report states for one year, about one catalogue indicator.
#[derive(Debug, Clone)]
pub struct ReportedValue {
    pub indicator: Located<IndicatorId>,
    pub wording: String,
    pub unit: Located<Unit>,
    pub measure: Measure,
    pub year: Year,
    pub value: Value,
    /// Where in the document the value stands (第二部分, 表1).
    pub place: Option<String>,
    pub note: Option<String>,
    pub at: Location,
}
