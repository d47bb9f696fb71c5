//! What templates see: plain, serialisable view models built from the linked site.
//!
//! Every decision about content (which fields make the disclosure block, in which
//! order; which years a table has; how plans are grouped) is made here, so templates
//! only lay things out. Links are relative to the site root; templates prefix them
//! with `root`.

use std::collections::BTreeSet;

use serde::Serialize;

use super::markdown;
use super::urls::{Route, fragment};
use crate::link::{Linked, RowRef};
use crate::model::date::Year;
use crate::model::{Category, Direction, Footer, Indicator, Plan, PlanIndicator, Region};

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub language: &'a str,
    pub base_url: &'a str,
    pub footer: &'a Footer,
    pub has_footer: bool,
}

impl<'a> SiteView<'a> {
    pub fn new(linked: &'a Linked) -> Self {
        let c = &linked.site.config;
        let f = &c.footer;
        Self {
            title: &c.title,
            description: c.description.as_deref(),
            language: &c.language,
            base_url: &c.base_url,
            footer: f,
            has_footer: f.host.is_some()
                || f.site_code.is_some()
                || f.icp.is_some()
                || f.police_record.is_some()
                || f.contact.is_some(),
        }
    }
}

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
        }
    }
}

#[derive(Serialize, Clone)]
pub struct RegionLink {
    pub id: String,
    pub name: String,
    pub level: &'static str,
    pub url: String,
}

impl RegionLink {
    pub fn new(r: &Region) -> Self {
        Self {
            id: r.id.to_string(),
            name: r.name.clone(),
            level: r.level.label(),
            url: Route::region(r.id.as_str()).url,
        }
    }
}

#[derive(Serialize, Clone)]
pub struct PlanLink {
    pub id: String,
    pub title: String,
    pub display_title: String,
    pub kind: &'static str,
    pub url: String,
    pub region: RegionLink,
    /// 成文日期 or 发布日期 in Chinese, whichever the list is sorted by.
    pub date: Option<String>,
    /// 2025—2027年
    pub period: Option<String>,
}

impl PlanLink {
    pub fn new(linked: &Linked, p: usize) -> Self {
        let plan = &linked.site.plans[p];
        Self {
            id: plan.id.to_string(),
            title: plan.title.clone(),
            display_title: plan.display_title().to_string(),
            kind: plan.kind.label(),
            url: Route::plan(plan.id.as_str()).url,
            region: RegionLink::new(&linked.site.regions[linked.plan_region[p]]),
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
}

/// One value in a year column of a table.
#[derive(Serialize, Clone)]
pub struct CellValue {
    /// baseline | actual | target
    pub kind: &'static str,
    /// 基期 | 实际 | 目标
    pub kind_label: &'static str,
    pub comparator: Option<&'static str>,
    pub comparator_words: Option<&'static str>,
    pub value: String,
    pub unit: String,
}

/// A row of a plan's indicator table, with its values laid out by year.
#[derive(Serialize)]
pub struct RowView {
    pub indicator: IndicatorLink,
    pub plan: PlanLink,
    pub wording: String,
    pub unit: String,
    pub measure: &'static str,
    pub measure_key: &'static str,
    pub attribute: Option<&'static str>,
    pub cells: Vec<Vec<CellValue>>,
    pub responsible: Vec<String>,
    pub section_title: String,
    pub section_url: String,
    pub note: Option<String>,
}

/// A table of indicator rows with one column per year.
#[derive(Serialize)]
pub struct YearTable {
    pub years: Vec<Year>,
    pub rows: Vec<RowView>,
}

impl YearTable {
    pub fn new(linked: &Linked, refs: &[RowRef]) -> Self {
        let mut years = BTreeSet::new();
        for r in refs {
            let row = &linked.site.plans[r.plan].indicators[r.row];
            years.extend(row.baseline.iter().map(|b| b.year));
            years.extend(row.actuals.iter().map(|a| a.year));
            years.extend(row.targets.iter().map(|t| t.year));
        }
        let years: Vec<Year> = years.into_iter().collect();
        let rows = refs.iter().map(|r| row_view(linked, *r, &years)).collect();
        Self { years, rows }
    }
}

fn row_view(linked: &Linked, r: RowRef, years: &[Year]) -> RowView {
    let plan: &Plan = &linked.site.plans[r.plan];
    let row: &PlanIndicator = &plan.indicators[r.row];
    let indicator = &linked.site.indicators[linked.row_indicator[r.plan][r.row]];
    let unit = row.unit.value.written.clone();
    let cells = years
        .iter()
        .map(|y| {
            let mut cell = Vec::new();
            if let Some(b) = row.baseline.as_ref().filter(|b| b.year == *y) {
                cell.push(value("baseline", "基期", None, b.value.text(), &unit));
            }
            for a in row.actuals.iter().filter(|a| a.year == *y) {
                cell.push(value("actual", "实际", None, a.value.text(), &unit));
            }
            for t in row.targets.iter().filter(|t| t.year == *y) {
                cell.push(value(
                    "target",
                    "目标",
                    Some(t.comparator),
                    t.value.text(),
                    &unit,
                ));
            }
            cell
        })
        .collect();
    let section_title = plan
        .body
        .outline
        .iter()
        .find(|h| h.anchor == row.section.value)
        .map(|h| h.text.clone())
        .unwrap_or_default();
    RowView {
        indicator: IndicatorLink::new(indicator),
        plan: PlanLink::new(linked, r.plan),
        wording: row.wording.clone(),
        unit,
        measure: row.measure.label(),
        measure_key: row.measure.key(),
        attribute: row.attribute.map(|a| a.label()),
        cells,
        responsible: row.responsible.clone(),
        section_title,
        section_url: format!(
            "{}{}",
            Route::plan(plan.id.as_str()).url,
            fragment(&row.section.value)
        ),
        note: row.note.clone(),
    }
}

fn value(
    kind: &'static str,
    kind_label: &'static str,
    comparator: Option<crate::model::quantity::Comparator>,
    text: &str,
    unit: &str,
) -> CellValue {
    CellValue {
        kind,
        kind_label,
        comparator: comparator.map(|c| c.symbol()),
        comparator_words: comparator.map(|c| c.words()),
        value: text.to_string(),
        unit: unit.to_string(),
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
pub struct AssetLink {
    pub name: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct PlanView {
    pub link: PlanLink,
    /// This plan's values as CSV.
    pub data_csv: String,
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
    pub cited_by: Vec<PlanLink>,
    pub assets: Vec<AssetLink>,
}

impl PlanView {
    pub fn new(linked: &Linked, p: usize) -> Self {
        let plan = &linked.site.plans[p];
        let chinese = |d: Option<crate::model::date::Date>| d.map(|d| d.chinese());
        let join = |v: &[String]| (!v.is_empty()).then(|| v.join("、"));
        let meta = vec![
            MetaRow {
                label: "索引号",
                value: plan.index_number.clone(),
            },
            MetaRow {
                label: "发文字号",
                value: plan.doc_number.clone(),
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
        let page = Route::plan(plan.id.as_str()).url;
        let toc = plan
            .body
            .outline
            .iter()
            .filter(|h| h.level <= 3)
            .map(|h| TocEntry {
                level: h.level,
                text: h.text.clone(),
                anchor: h.anchor.clone(),
                url: format!("{page}{}", fragment(&h.anchor)),
            })
            .collect();
        let refs: Vec<RowRef> = (0..plan.indicators.len())
            .map(|row| RowRef { plan: p, row })
            .collect();
        let links = |v: &[usize]| {
            v.iter()
                .map(|&i| PlanLink::new(linked, i))
                .collect::<Vec<_>>()
        };
        Self {
            link: PlanLink::new(linked, p),
            data_csv: super::data::plan_csv_path(plan.id.as_str()).url,
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
            body_html: markdown::to_html(&plan.body),
            table: YearTable::new(linked, &refs),
            indicators_note_html: plan.indicators_note.as_ref().map(markdown::to_html),
            parent: linked.plan_parent[p].map(|i| PlanLink::new(linked, i)),
            annexes: links(&linked.plan_annexes[p]),
            based_on: links(&linked.plan_based_on[p]),
            cited_by: links(&linked.plan_cited_by[p]),
            assets: plan
                .assets
                .iter()
                .map(|a| AssetLink {
                    name: a.rel.clone(),
                    url: Route::plan_asset(plan.id.as_str(), &a.rel).url,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct RegionSummary {
    pub link: RegionLink,
    pub parent: Option<RegionLink>,
    pub plan_count: usize,
    pub indicator_count: usize,
}

impl RegionSummary {
    pub fn new(linked: &Linked, r: usize) -> Self {
        let mut indicators: Vec<usize> = linked.region_rows[r]
            .iter()
            .map(|x| linked.row_indicator[x.plan][x.row])
            .collect();
        indicators.sort_unstable();
        indicators.dedup();
        Self {
            link: RegionLink::new(&linked.site.regions[r]),
            parent: linked.region_parent[r].map(|p| RegionLink::new(&linked.site.regions[p])),
            plan_count: linked.region_plans[r].len(),
            indicator_count: indicators.len(),
        }
    }
}

#[derive(Serialize)]
pub struct RegionView {
    pub summary: RegionSummary,
    pub population: Option<u64>,
    pub body_html: String,
    pub children: Vec<RegionLink>,
    pub plans: Vec<PlanLink>,
    pub table: YearTable,
}

impl RegionView {
    pub fn new(linked: &Linked, r: usize) -> Self {
        let region = &linked.site.regions[r];
        Self {
            summary: RegionSummary::new(linked, r),
            population: region.population,
            body_html: markdown::to_html(&region.body),
            children: linked.region_children[r]
                .iter()
                .map(|&c| RegionLink::new(&linked.site.regions[c]))
                .collect(),
            plans: linked.region_plans[r]
                .iter()
                .map(|&p| PlanLink::new(linked, p))
                .collect(),
            table: YearTable::new(linked, &linked.region_rows[r]),
        }
    }
}

#[derive(Serialize)]
pub struct IndicatorSummary {
    pub link: IndicatorLink,
    pub aliases: Vec<String>,
    pub plan_count: usize,
    pub region_count: usize,
}

impl IndicatorSummary {
    pub fn new(linked: &Linked, i: usize) -> Self {
        let rows = &linked.indicator_rows[i];
        let mut plans: Vec<usize> = rows.iter().map(|r| r.plan).collect();
        plans.sort_unstable();
        plans.dedup();
        let mut regions: Vec<usize> = plans.iter().map(|&p| linked.plan_region[p]).collect();
        regions.sort_unstable();
        regions.dedup();
        let ind = &linked.site.indicators[i];
        Self {
            link: IndicatorLink::new(ind),
            aliases: ind.aliases.clone(),
            plan_count: plans.len(),
            region_count: regions.len(),
        }
    }
}

#[derive(Serialize)]
pub struct CategoryGroup {
    pub category: &'static str,
    pub indicators: Vec<IndicatorSummary>,
}

pub fn categories(linked: &Linked) -> Vec<CategoryGroup> {
    Category::CHOICES
        .iter()
        .map(|(label, cat)| CategoryGroup {
            category: label,
            indicators: {
                let mut v: Vec<usize> = (0..linked.site.indicators.len())
                    .filter(|&i| linked.site.indicators[i].category == *cat)
                    .collect();
                v.sort_by(|&a, &b| {
                    linked.site.indicators[a]
                        .name
                        .cmp(&linked.site.indicators[b].name)
                });
                v.into_iter()
                    .map(|i| IndicatorSummary::new(linked, i))
                    .collect()
            },
        })
        .filter(|g| !g.indicators.is_empty())
        .collect()
}

/// The rows of one region on an indicator page.
#[derive(Serialize)]
pub struct RegionRows {
    pub region: RegionLink,
    pub rows: Vec<RowView>,
}

#[derive(Serialize)]
pub struct IndicatorView {
    pub summary: IndicatorSummary,
    /// This indicator's values across plans as CSV.
    pub data_csv: String,
    pub direction: &'static str,
    pub body_html: String,
    pub years: Vec<Year>,
    pub groups: Vec<RegionRows>,
}

impl IndicatorView {
    pub fn new(linked: &Linked, i: usize) -> Self {
        let ind = &linked.site.indicators[i];
        let table = YearTable::new(linked, &linked.indicator_rows[i]);
        let mut groups: Vec<RegionRows> = Vec::new();
        let mut rows = table.rows.into_iter();
        for r in &linked.indicator_rows[i] {
            let Some(view) = rows.next() else { break };
            let region = linked.plan_region[r.plan];
            match groups
                .iter_mut()
                .find(|g| g.region.id == linked.site.regions[region].id.as_str())
            {
                Some(g) => g.rows.push(view),
                None => groups.push(RegionRows {
                    region: RegionLink::new(&linked.site.regions[region]),
                    rows: vec![view],
                }),
            }
        }
        let order = |id: &str| {
            linked
                .region_by_id
                .get(&crate::model::RegionId(id.to_string()))
                .and_then(|r| linked.region_order.iter().position(|x| x == r))
                .unwrap_or(usize::MAX)
        };
        groups.sort_by_key(|g| order(&g.region.id));
        Self {
            summary: IndicatorSummary::new(linked, i),
            data_csv: super::data::indicator_csv_path(ind.id.as_str()).url,
            direction: match ind.direction {
                Direction::HigherIsBetter => "越高越好",
                Direction::LowerIsBetter => "越低越好",
                Direction::TargetBand => "保持在目标区间",
            },
            body_html: markdown::to_html(&ind.body),
            years: table.years,
            groups,
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
        .filter(|&&r| !linked.region_plans[r].is_empty())
        .map(|&r| PlanGroup {
            region: RegionLink::new(&linked.site.regions[r]),
            plans: linked.region_plans[r]
                .iter()
                .map(|&p| PlanLink::new(linked, p))
                .collect(),
        })
        .collect()
}
