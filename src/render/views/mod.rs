//! What templates see: plain, serialisable view models built from the linked site.
//!
//! Every decision about content (which fields make the disclosure block, in which
//! order; which years a table has; how plans are grouped) is made here, so templates
//! only lay things out. Links are relative to the site root; templates prefix them
//! with `root`.

use serde::Serialize;

pub mod compare;
mod downloads;
mod indicator;
pub mod matrix;
pub mod progress;
mod progress_counts;
mod site;
pub mod units;
mod year_table;

pub use indicator::{CategoryGroup, IndicatorSummary, IndicatorView, categories};
pub use site::SiteView;
pub use year_table::{CellValue, PlanTable, RowView, YearTable, section};

use super::markdown;
use super::urls::{Route, fragment, plan_heading};
use crate::link::{Linked, RowRef, parts};
use crate::model::{Indicator, Region};
use crate::model::{IndicatorIx, PlanIx, RegionIx};

/// Facts about the page being rendered.
#[derive(Serialize)]
pub struct PageView {
    pub title: String,
    /// Which top-level section the navigation marks as current.
    pub section: &'static str,
    /// Prefix from this page back to the site root.
    pub root: String,
    pub url: String,
    pub canonical: String,
    pub description: String,
    /// Whether the page's main content is marked for the search index.
    pub indexed: bool,
}

impl PageView {
    pub fn new(
        linked: &Linked,
        route: &Route,
        title: String,
        section: &'static str,
        description: String,
    ) -> Self {
        Self {
            title,
            section,
            root: route.root(),
            url: route.url.clone(),
            canonical: format!("{}{}", linked.site.config.base_url, route.pretty()),
            description,
            indexed: true,
        }
    }
}

#[derive(Serialize, Clone)]
pub struct RegionLink {
    pub id: String,
    pub name: String,
    pub level: &'static str,
    pub url: String,
    /// The region's colour slot (0–7), the same on every page and chart.
    pub colour: usize,
}

/// How many colours the theme's palette has (`.c0` … `.c7`).
pub const PALETTE: usize = 8;

impl RegionLink {
    pub fn new(linked: &Linked, r: RegionIx) -> Self {
        let region: &Region = &linked.site.regions[r];
        Self {
            id: region.id.to_string(),
            name: region.name.clone(),
            level: region.level.label(),
            url: Route::region(region.id.as_str()).url,
            colour: colour(linked, r),
        }
    }
}

/// A region's colour slot: its place in the display order, so the municipality and
/// its districts keep their colours from page to page.
pub fn colour(linked: &Linked, r: RegionIx) -> usize {
    linked.region_links[r].rank % PALETTE
}

#[derive(Serialize, Clone)]
pub struct PlanLink {
    pub id: String,
    pub title: String,
    pub display_title: String,
    pub kind: String,
    pub url: String,
    pub region: RegionLink,
    /// 成文日期 or 发布日期 in Chinese, whichever the list is sorted by.
    pub date: Option<String>,
    /// 2025—2027年
    pub period: Option<String>,
}

impl PlanLink {
    pub fn new(linked: &Linked, p: PlanIx) -> Self {
        let plan = &linked.site.plans[p];
        Self {
            id: plan.id.to_string(),
            title: plan.title.clone(),
            display_title: plan.display_title().to_string(),
            kind: plan.kind.label().to_string(),
            url: Route::plan(plan.id.as_str()).url,
            region: RegionLink::new(linked, linked.plan_links[p].region),
            date: plan.sort_date().map(|d| d.chinese()),
            period: plan.period.map(|p| format!("{}—{}年", p.start, p.end)),
        }
    }
}

#[derive(Serialize, Clone)]
pub struct IndicatorLink {
    pub id: String,
    pub name: String,
    pub category: &'static str,
    pub unit: String,
    pub url: String,
}

impl IndicatorLink {
    pub fn new(i: &Indicator) -> Self {
        Self {
            id: i.id.to_string(),
            name: i.name.clone(),
            category: i.category.label(),
            unit: i.unit.written.clone(),
            url: Route::indicator(i.id.as_str()).url,
        }
    }

    /// A link to the page of `i` that states the rows of the plans of `r`'s row: the
    /// page of its part when `i` is split ([`crate::link::parts`]).
    pub fn of_row(linked: &Linked, r: RowRef) -> Self {
        let i = linked.row_indicator(r);
        let ind = &linked.site.indicators[i];
        let mut link = Self::new(ind);
        if let Some(part) = parts::part_of(linked, i, linked.plan_region(r.plan)) {
            link.url =
                Route::indicator_part(ind.id.as_str(), linked.site.regions[part].id.as_str()).url;
        }
        link
    }
}

/// A line of the disclosure block (索引号, 发文字号 …); `value` None shows as 未注明.
#[derive(Serialize)]
pub struct MetaRow {
    pub label: &'static str,
    pub value: Option<String>,
}

#[derive(Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub text: String,
    pub anchor: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct NoticeView {
    pub title: Option<String>,
    pub addressees: Option<String>,
    pub text: Option<String>,
    pub signed: Option<String>,
    pub date: Option<String>,
    pub disclosure: Option<String>,
}

#[derive(Serialize)]
pub struct PlanView {
    pub link: PlanLink,
    /// This plan's values as CSV.
    pub data_csv: String,
    /// The same values as an Excel workbook.
    pub data_xlsx: String,
    pub meta: Vec<MetaRow>,
    pub notice: Option<NoticeView>,
    pub copied_to: Vec<String>,
    pub printed_by: Option<String>,
    pub date_printed: Option<String>,
    pub errata: Vec<crate::model::Erratum>,
    pub aliases: Vec<String>,
    pub toc: Vec<TocEntry>,
    pub body_html: String,
    pub table: YearTable,
    pub indicators_note_html: Option<String>,
    pub parent: Option<PlanLink>,
    pub annexes: Vec<PlanLink>,
    pub based_on: Vec<PlanLink>,
    /// Plans this text cites by title.
    pub cites: Vec<PlanLink>,
    pub cited_by: Vec<PlanLink>,
    /// For a 政策解读: the plan it explains.
    pub interprets: Option<PlanLink>,
    /// The 政策解读 of this plan.
    pub interpretations: Vec<PlanLink>,
    /// Titles this text cites that are not on the site.
    pub external: Vec<String>,
    /// The document as issued (PDF, OFD, Word, WPS, Excel): 原文件下载.
    pub originals: Vec<downloads::Download>,
    /// Other files of the plan bundle: 附件下载.
    pub assets: Vec<downloads::Download>,
    /// Each target's latest reported value, its source and its status.
    pub progress: Vec<progress::StatusView>,
}

impl PlanView {
    pub fn new(linked: &Linked, p: PlanIx) -> Self {
        let plan = &linked.site.plans[p];
        let (originals, assets) = downloads::of(plan);
        let chinese = |d: Option<crate::model::date::Date>| d.map(|d| d.chinese());
        let join = |v: &[String]| (!v.is_empty()).then(|| v.join("、"));
        let meta = vec![
            MetaRow {
                label: "索引号",
                value: plan.index_number.clone(),
            },
            MetaRow {
                label: "发文字号",
                value: plan.doc_number.as_ref().map(|n| n.value.clone()),
            },
            MetaRow {
                label: "主题分类",
                value: join(&plan.topics),
            },
            MetaRow {
                label: "体裁分类",
                value: Some(plan.kind.label().to_string()),
            },
            MetaRow {
                label: "发文机关",
                value: join(&plan.issuers),
            },
            MetaRow {
                label: "有效性",
                value: plan.status.map(|s| s.label().to_string()),
            },
            MetaRow {
                label: "成文日期",
                value: chinese(plan.date_written),
            },
            MetaRow {
                label: "发布日期",
                value: chinese(plan.date_published),
            },
            MetaRow {
                label: "实施期限",
                value: plan.period.map(|p| format!("{}—{}年", p.start, p.end)),
            },
        ];
        let toc = plan
            .body
            .outline
            .iter()
            .filter(|h| h.level <= 3)
            .map(|h| TocEntry {
                level: h.level,
                text: h.text.clone(),
                anchor: h.anchor.clone(),
                url: plan_heading(plan.id.as_str(), &h.anchor),
            })
            .collect();
        let refs: Vec<RowRef> = (0..plan.indicators.len())
            .map(|row| RowRef { plan: p, row })
            .collect();
        let links = |v: &[PlanIx]| {
            v.iter()
                .map(|&i| PlanLink::new(linked, i))
                .collect::<Vec<_>>()
        };
        Self {
            link: PlanLink::new(linked, p),
            data_csv: super::data::plan_csv_path(plan.id.as_str()).url,
            data_xlsx: super::data::plan_xlsx_path(plan.id.as_str()).url,
            meta,
            notice: plan.notice.as_ref().map(|n| NoticeView {
                title: n.title.clone(),
                addressees: n.addressees.clone(),
                text: n.text.clone(),
                signed: n.signed.clone(),
                date: chinese(n.date),
                disclosure: n.disclosure.clone(),
            }),
            copied_to: plan.copied_to.clone(),
            printed_by: plan.printed_by.clone(),
            date_printed: chinese(plan.date_printed),
            errata: plan.errata.clone(),
            aliases: plan.aliases.clone(),
            toc,
            body_html: markdown::to_html_linked(
                &plan.body,
                &|text| citation_links(linked, p, text),
                linked.site.config.raw_html,
            ),
            table: YearTable::new(linked, &refs),
            indicators_note_html: plan
                .indicators_note
                .as_ref()
                .map(|n| markdown::to_html(n, linked.site.config.raw_html)),
            parent: linked.plan_links[p]
                .parent
                .map(|i| PlanLink::new(linked, i)),
            annexes: links(&linked.plan_links[p].annexes),
            based_on: links(&linked.plan_links[p].based_on),
            cites: links(&linked.plan_links[p].cites),
            cited_by: links(&linked.plan_links[p].cited_by),
            interprets: linked.plan_links[p]
                .interprets
                .map(|i| PlanLink::new(linked, i)),
            interpretations: links(&linked.plan_links[p].interpretations),
            external: linked.plan_links[p].external.clone(),
            progress: progress::statuses(
                linked,
                &(0..plan.indicators.len())
                    .map(|row| RowRef { plan: p, row })
                    .collect::<Vec<_>>(),
            ),
            originals,
            assets,
        }
    }
}

/// Links for the 《titles》 in a text of plan `p` that name another plan of the site;
/// the text is shown on `p`'s page, two folders below the root.
pub fn citation_links(
    linked: &Linked,
    p: PlanIx,
    text: &str,
) -> Vec<(std::ops::Range<usize>, String)> {
    let root = Route::plan(linked.site.plans[p].id.as_str()).root();
    linked
        .citations
        .scan(text)
        .into_iter()
        .filter_map(|c| {
            let q = c.plan.filter(|&q| q != p)?;
            Some((
                c.range,
                format!(
                    "{root}{}",
                    Route::plan(linked.site.plans[q].id.as_str()).url
                ),
            ))
        })
        .collect()
}

#[derive(Serialize)]
pub struct RegionSummary {
    pub link: RegionLink,
    pub parent: Option<RegionLink>,
    pub plan_count: usize,
    pub indicator_count: usize,
}

impl RegionSummary {
    pub fn new(linked: &Linked, r: RegionIx) -> Self {
        let mut indicators: Vec<IndicatorIx> = linked.region_links[r]
            .rows
            .iter()
            .map(|&x| linked.row_indicator(x))
            .collect();
        indicators.sort_unstable();
        indicators.dedup();
        Self {
            link: RegionLink::new(linked, r),
            parent: linked.region_links[r]
                .parent
                .map(|p| RegionLink::new(linked, p)),
            plan_count: linked.region_links[r].plans.len(),
            indicator_count: indicators.len(),
        }
    }
}

#[derive(Serialize)]
pub struct RegionView {
    pub summary: RegionSummary,
    pub population: Option<u64>,
    /// 行政区划代码, when the content states it.
    pub code: Option<String>,
    pub body_html: String,
    pub children: Vec<RegionLink>,
    pub plans: Vec<PlanLink>,
    /// One table per plan, so a plan's title is its table's caption rather than a
    /// column repeated on every row.
    pub tables: Vec<PlanTable>,
    pub dashboard: Vec<matrix::DashboardCategory>,
    pub standings: Vec<compare::StandingView>,
    pub timeline: Option<super::timeline::TimelineView>,
    pub units: usize,
    pub units_url: String,
    pub progress: progress::RegionProgress,
}

impl RegionView {
    pub fn new(linked: &Linked, r: RegionIx, standings: &[crate::link::compare::Standing]) -> Self {
        let region = &linked.site.regions[r];
        Self {
            summary: RegionSummary::new(linked, r),
            population: region.population,
            code: region.code.as_ref().map(|c| c.value.as_str().to_string()),
            body_html: markdown::to_html(&region.body, linked.site.config.raw_html),
            children: linked.region_links[r]
                .children
                .iter()
                .map(|&c| RegionLink::new(linked, c))
                .collect(),
            plans: linked.region_links[r]
                .plans
                .iter()
                .map(|&p| PlanLink::new(linked, p))
                .collect(),
            tables: PlanTable::by_plan(linked, &linked.region_links[r].rows),
            dashboard: matrix::dashboard(linked, r),
            standings: compare::standings(linked, standings),
            timeline: super::timeline::timeline(
                linked,
                "site-timeline",
                &format!("{}规划的实施期限", region.name),
                &linked.region_links[r].plans,
            ),
            units: linked.region_links[r].units.len(),
            units_url: format!(
                "{}{}",
                Route::units().url,
                fragment(&format!("region-{}", region.id))
            ),
            progress: progress::RegionProgress::new(linked, r, progress::Detail::All),
        }
    }
}

/// The plans of one region, for the plan list.
#[derive(Serialize)]
pub struct PlanGroup {
    pub region: RegionLink,
    pub plans: Vec<PlanLink>,
}

pub fn plan_groups(linked: &Linked) -> Vec<PlanGroup> {
    linked
        .region_order
        .iter()
        .filter(|&&r| !linked.region_links[r].plans.is_empty())
        .map(|&r| PlanGroup {
            region: RegionLink::new(linked, r),
            plans: linked.region_links[r]
                .plans
                .iter()
                .map(|&p| PlanLink::new(linked, p))
                .collect(),
        })
        .collect()
}

/// Every plan, grouped by region as on the plan list.
pub fn plan_groups_order(linked: &Linked) -> Vec<PlanIx> {
    linked
        .region_order
        .iter()
        .flat_map(|&r| linked.region_links[r].plans.iter().copied())
        .collect()
}
