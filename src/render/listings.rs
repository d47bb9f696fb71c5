//! The site's lists as open data: `data/plans.json`, `data/regions.json` and
//! `data/indicators.json`, one object per plan, region and catalogue indicator, with
//! the addresses of its page and data files. A field the content does not state is
//! null (docs/open-data.md).

use serde::Serialize;

use super::data::{indicator_csv_path, json, plan_csv_path, plan_xlsx_path};
use super::urls::Route;
use crate::link::Linked;

#[derive(Serialize)]
struct PlanRecord<'a> {
    id: &'a str,
    title: &'a str,
    short_title: Option<&'a str>,
    aliases: &'a [String],
    region_id: &'a str,
    kind: &'a str,
    issuers: &'a [String],
    doc_number: Option<&'a str>,
    index_number: Option<&'a str>,
    date_written: Option<String>,
    date_published: Option<String>,
    period_start: Option<u16>,
    period_end: Option<u16>,
    status: Option<&'static str>,
    parent: Option<&'a str>,
    based_on: Vec<&'a str>,
    topics: &'a [String],
    indicator_rows: usize,
    page_url: String,
    data_csv: String,
    /// For a 政策解读: the id of the plan it explains.
    interprets: Option<&'a str>,
    data_xlsx: String,
}

#[derive(Serialize)]
struct RegionRecord<'a> {
    id: &'a str,
    name: &'a str,
    level: &'static str,
    parent: Option<&'a str>,
    population: Option<u64>,
    plans: Vec<&'a str>,
    page_url: String,
    /// 行政区划代码 (GB/T 2260), when the content states it.
    code: Option<&'a str>,
}

#[derive(Serialize)]
struct IndicatorRecord<'a> {
    id: &'a str,
    name: &'a str,
    aliases: &'a [String],
    unit: &'a str,
    category: &'static str,
    direction: crate::model::Direction,
    definition: &'a str,
    page_url: String,
    data_csv: String,
}

/// `data/plans.json`.
pub fn plans_json(linked: &Linked) -> Vec<u8> {
    let s = &linked.site;
    let base = &s.config.base_url;
    let plans: Vec<PlanRecord> = s
        .plans
        .enumerate()
        .map(|(p, plan)| PlanRecord {
            id: plan.id.as_str(),
            title: &plan.title,
            short_title: plan.short_title.as_deref(),
            aliases: &plan.aliases,
            region_id: s.regions[linked.plan_links[p].region].id.as_str(),
            kind: plan.kind.label(),
            issuers: &plan.issuers,
            doc_number: plan.doc_number.as_ref().map(|n| n.value.as_str()),
            index_number: plan.index_number.as_deref(),
            date_written: plan.date_written.map(|d| d.to_string()),
            date_published: plan.date_published.map(|d| d.to_string()),
            period_start: plan.period.map(|x| x.start.0),
            period_end: plan.period.map(|x| x.end.0),
            status: plan.status.map(|x| x.label()),
            parent: linked.plan_links[p].parent.map(|x| s.plans[x].id.as_str()),
            based_on: linked.plan_links[p]
                .based_on
                .iter()
                .map(|&x| s.plans[x].id.as_str())
                .collect(),
            topics: &plan.topics,
            indicator_rows: plan.indicators.len(),
            page_url: format!("{base}{}", Route::plan(plan.id.as_str()).pretty()),
            data_csv: format!("{base}{}", plan_csv_path(plan.id.as_str()).url),
            interprets: linked.plan_links[p]
                .interprets
                .map(|x| s.plans[x].id.as_str()),
            data_xlsx: format!("{base}{}", plan_xlsx_path(plan.id.as_str()).url),
        })
        .collect();
    json(&plans)
}

/// `data/regions.json`.
pub fn regions_json(linked: &Linked) -> Vec<u8> {
    let s = &linked.site;
    let base = &s.config.base_url;
    let regions: Vec<RegionRecord> = linked
        .region_order
        .iter()
        .map(|&r| {
            let region = &s.regions[r];
            RegionRecord {
                id: region.id.as_str(),
                name: &region.name,
                level: region.level.label(),
                parent: linked.region_links[r]
                    .parent
                    .map(|x| s.regions[x].id.as_str()),
                population: region.population,
                plans: linked.region_links[r]
                    .plans
                    .iter()
                    .map(|&p| s.plans[p].id.as_str())
                    .collect(),
                page_url: format!("{base}{}", Route::region(region.id.as_str()).pretty()),
                code: region.code.as_ref().map(|c| c.value.as_str()),
            }
        })
        .collect();
    json(&regions)
}

/// `data/indicators.json`.
pub fn indicators_json(linked: &Linked) -> Vec<u8> {
    let s = &linked.site;
    let base = &s.config.base_url;
    let indicators: Vec<IndicatorRecord> = s
        .indicators
        .iter()
        .map(|ind| IndicatorRecord {
            id: ind.id.as_str(),
            name: &ind.name,
            aliases: &ind.aliases,
            unit: &ind.unit.written,
            category: ind.category.label(),
            direction: ind.direction,
            definition: ind.body.markdown().trim(),
            page_url: format!("{base}{}", Route::indicator(ind.id.as_str()).pretty()),
            data_csv: format!("{base}{}", indicator_csv_path(ind.id.as_str()).url),
        })
        .collect();
    json(&indicators)
}
