//! [`Linked`]: what the link stage hands to render. The model's site, and for each
//! region, plan and catalogue indicator what links it to the rest, reached by the
//! typed handles of `model::handles`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::citations::Citations;
use super::compare::{ImpliedGrowth, MeasureGroup, Nearest, Normalised, Standing};
use super::families::Family;
use super::reported::Reported;
use super::responsible::ResponsibleUnit;
use super::target_status::Assessment;
use crate::model::{
    FamilyIx, Indicator, IndicatorId, IndicatorIx, Plan, PlanIndicator, PlanIx, Region, RegionId,
    RegionIx, ReportDocument, ReportIx, Site, Table,
};

/// A row of a plan's indicator table: its plan and its place in the plan's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowRef {
    pub plan: PlanIx,
    pub row: usize,
}

/// The site with every reference resolved to a handle.
#[derive(Debug)]
pub struct Linked {
    pub site: Site,
    pub region_links: Table<RegionIx, RegionLinks>,
    pub plan_links: Table<PlanIx, PlanLinks>,
    pub indicator_links: Table<IndicatorIx, IndicatorLinks>,
    /// The groups of regions compared with each other ([`super::families`]).
    pub families: Table<FamilyIx, Family>,
    /// Regions in display order: the top level first, then by level and name.
    pub region_order: Vec<RegionIx>,
    /// All plans, newest first.
    pub plan_order: Vec<PlanIx>,
    pub region_by_id: HashMap<RegionId, RegionIx>,
    pub indicator_by_id: HashMap<IndicatorId, IndicatorIx>,
    /// The matcher for 《title》 citations of the site's plans, for the render stage.
    pub citations: Arc<Citations>,
    /// The digest of the names `citations` matches: a later link with the same names
    /// takes the matcher as it is ([`super::link_after`]).
    pub citation_names: u64,
    /// Every reported value, filed by what it answers, and the "as of" date.
    pub reported: Reported,
}

/// What links a region to the rest of the site.
#[derive(Debug, Clone, Default)]
pub struct RegionLinks {
    /// Its place in [`Linked::region_order`].
    pub rank: usize,
    pub parent: Option<RegionIx>,
    pub children: Vec<RegionIx>,
    /// The families it is a member of (its parent's, and its own).
    pub families: Vec<FamilyIx>,
    /// Its plans, newest first.
    pub plans: Vec<PlanIx>,
    /// Its plans' indicator rows.
    pub rows: Vec<RowRef>,
    /// The responsible units its plans name.
    pub units: Vec<ResponsibleUnit>,
    /// Per indicator its plans set a target for: the nearest-horizon target
    /// ([`super::compare::Nearest`]).
    pub nearest: BTreeMap<IndicatorIx, Nearest>,
    /// Where its targets stand among its peers' ([`super::compare::standings`]).
    pub standings: Vec<Standing>,
}

/// What links a plan to the rest of the site.
#[derive(Debug, Clone)]
pub struct PlanLinks {
    /// Its place in [`Linked::plan_order`].
    pub rank: usize,
    pub region: RegionIx,
    /// The plan it is an annex of.
    pub parent: Option<PlanIx>,
    pub annexes: Vec<PlanIx>,
    pub based_on: Vec<PlanIx>,
    /// The plans that name it as their basis or cite it by title.
    pub cited_by: Vec<PlanIx>,
    /// For a 政策解读: the plan it explains.
    pub interprets: Option<PlanIx>,
    /// The 政策解读 that explain it, newest first.
    pub interpretations: Vec<PlanIx>,
    /// The plans its text cites (itself excepted), in order of first citation.
    pub cites: Vec<PlanIx>,
    /// The titles its text cites that are not plans of the site.
    pub external: Vec<String>,
    /// Per row of its indicator table: what the row measures and what link made of
    /// its values.
    pub rows: Vec<RowLinks>,
}

/// What links a plan row to its catalogue indicator, and its values as compared.
#[derive(Debug, Clone)]
pub struct RowLinks {
    pub indicator: IndicatorIx,
    /// Every value restated in the unit its measure group compares in, in year order
    /// ([`super::compare::normalise`]).
    pub values: Vec<Normalised>,
    /// The growth each target implies from the latest value before it.
    pub growth: Vec<ImpliedGrowth>,
    /// Per target: its status as of `reported.as_of`.
    pub statuses: Vec<Assessment>,
}

/// What links a catalogue indicator to the plans that measure it.
#[derive(Debug, Clone, Default)]
pub struct IndicatorLinks {
    /// Every plan row that measures it.
    pub rows: Vec<RowRef>,
    /// Its rows grouped by measure, as every comparison page, the matrix and the
    /// standings use them.
    pub measures: Vec<MeasureGroup>,
    /// The branches of the region tree that each get a page of its rows, when it has
    /// too many for one page ([`super::parts`]); empty otherwise.
    pub parts: Vec<super::parts::Part>,
}

impl Linked {
    pub fn plan(&self, p: PlanIx) -> &Plan {
        &self.site.plans[p]
    }

    pub fn region(&self, r: RegionIx) -> &Region {
        &self.site.regions[r]
    }

    pub fn indicator(&self, i: IndicatorIx) -> &Indicator {
        &self.site.indicators[i]
    }

    pub fn report(&self, k: ReportIx) -> &ReportDocument {
        &self.site.reports[k]
    }

    pub fn row(&self, r: RowRef) -> &PlanIndicator {
        &self.site.plans[r.plan].indicators[r.row]
    }

    /// What link made of a plan row.
    pub fn row_links(&self, r: RowRef) -> &RowLinks {
        &self.plan_links[r.plan].rows[r.row]
    }

    /// The catalogue indicator a plan row measures.
    pub fn row_indicator(&self, r: RowRef) -> IndicatorIx {
        self.row_links(r).indicator
    }

    /// The region a plan is of.
    pub fn plan_region(&self, p: PlanIx) -> RegionIx {
        self.plan_links[p].region
    }
}
