//! `datapackage.json`: the open data described as a Frictionless Data Package, so that
//! tools can load the CSV files with the right column types. Every CSV of values shares
//! one Table Schema, `data/targets.schema.json`. The package states its name, title,
//! licence, publisher (the site's 主办单位) and sources (the plans, at their pages), as
//! the Data Package standard (v1) defines them; CI validates it with the Frictionless
//! validator (docs/quality-gates.md).

use serde_json::{Value, json};

use super::data::{COLUMNS, indicator_csv_path, json, plan_csv_path};
use super::urls::Route;
use super::{Contents, OutputFile, formula};
use crate::link::Linked;
use crate::model::Category;
use crate::model::quantity::{Comparator, Measure, ObservationKind};

const SCHEMA_PATH: &str = "data/targets.schema.json";

/// The closed sets among the columns, as the model's sets name them: the open data
/// writes what `name()` or, for the category, `label()` gives. The schema describes
/// the CSV files, so a sign is listed as the formula defence writes it (`'=`).
fn constraint(name: &str) -> Option<Value> {
    let values: Vec<String> = match name {
        "comparator" => Comparator::NAMES
            .iter()
            .map(|n| String::from_utf8_lossy(&formula::defend(n.as_bytes())).into_owned())
            .collect(),
        "comparator_code" => Comparator::CODES.iter().map(|c| c.to_string()).collect(),
        _ => closed_names(name)?.iter().map(|n| n.to_string()).collect(),
    };
    Some(json!({ "enum": values }))
}

fn closed_names(name: &str) -> Option<Vec<&'static str>> {
    Some(match name {
        "kind" => ObservationKind::NAMES.to_vec(),
        "measure" => Measure::NAMES.to_vec(),
        "category" => Category::ALL.iter().map(|c| c.label()).collect(),
        _ => return None,
    })
}

fn table_schema() -> Value {
    let fields: Vec<Value> = COLUMNS
        .iter()
        .map(|c| {
            let mut f = json!({
                "name": c.name,
                "type": c.kind,
                "title": c.title,
                "description": c.description,
            });
            if let Some(c) = constraint(c.name) {
                f["constraints"] = c;
            }
            f
        })
        .collect();
    // An empty cell is a value the row does not have: the comparator of a baseline, the
    // number of a qualitative goal.
    json!({ "fields": fields, "missingValues": [""] })
}

fn csv_resource(name: String, path: String, title: String) -> Value {
    json!({
        "name": name,
        "path": path,
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": SCHEMA_PATH,
    })
}

/// A CSV resource with its own Table Schema inline.
fn inline_csv(name: &str, path: &str, title: &str, columns: &[super::data::Column]) -> Value {
    let fields: Vec<Value> = columns
        .iter()
        .map(|c| json!({ "name": c.name, "type": c.kind, "title": c.title, "description": c.description }))
        .collect();
    json!({
        "name": name,
        "path": path,
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": { "fields": fields, "missingValues": [""] },
    })
}

fn json_resource(name: &str, title: &str) -> Value {
    json_at(name, &format!("data/{name}.json"), title)
}

fn json_at(name: &str, path: &str, title: &str) -> Value {
    json!({
        "name": name,
        "path": path,
        "title": title,
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
    })
}

pub fn files(linked: &Linked) -> Vec<OutputFile> {
    let s = &linked.site;
    let mut resources = vec![
        csv_resource(
            "targets".into(),
            "data/targets.csv".into(),
            "全部规划的基期值、实际值与目标值".into(),
        ),
        json!({
            "name": "targets-json",
            "path": "data/targets.json",
            "title": "全部规划的基期值、实际值与目标值（JSON）",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        }),
        inline_csv(
            "target-status",
            super::progress_data::STATUS_CSV,
            "全部目标的进展状态",
            super::progress_data::STATUS_COLUMNS,
        ),
        json_at(
            "target-status-json",
            super::progress_data::STATUS_JSON,
            "全部目标的进展状态（JSON）",
        ),
        inline_csv(
            "reported-values",
            super::progress_data::REPORTED_CSV,
            "全部报告值及其出处",
            super::progress_data::REPORTED_COLUMNS,
        ),
        json_at(
            "reported-values-json",
            super::progress_data::REPORTED_JSON,
            "全部报告值及其出处（JSON）",
        ),
        json_resource("plans", "规划及其公开信息"),
        json_resource("regions", "地区"),
        json_resource("indicators", "指标目录"),
    ];
    for plan in &s.plans {
        resources.push(csv_resource(
            format!("plan-{}", plan.id),
            plan_csv_path(plan.id.as_str()).file,
            format!("{}的指标数值", plan.title),
        ));
    }
    for ind in &s.indicators {
        resources.push(csv_resource(
            format!("indicator-{}", ind.id),
            indicator_csv_path(ind.id.as_str()).file,
            format!("{}：各规划的数值", ind.name),
        ));
    }
    let sources: Vec<Value> = linked
        .plan_order
        .iter()
        .map(|&p| {
            let plan = &s.plans[p];
            json!({
                "title": plan.title,
                "path": format!("{}{}", s.config.base_url, Route::plan(plan.id.as_str()).pretty()),
            })
        })
        .collect();
    let mut package = json!({
        "profile": "data-package",
        "name": package_name(&s.config.base_url),
        "title": s.config.title,
        "homepage": s.config.base_url,
        "sources": sources,
        "resources": resources,
    });
    if let Some(host) = &s.config.footer.host {
        // The 主办单位 publishes the site and so its data.
        package["contributors"] = json!([{
            "title": host,
            "role": "publisher",
            "path": s.config.base_url,
        }]);
    }
    if let Some(d) = &s.config.description {
        package["description"] = json!(d);
    }
    if let Some(l) = &s.config.data_licence {
        // The standard needs a name or an address; a licence with neither is stated on
        // the pages only.
        if l.name.is_some() || l.url.is_some() {
            let mut licence = json!({ "title": l.title });
            if let Some(n) = &l.name {
                licence["name"] = json!(n);
            }
            if let Some(u) = &l.url {
                licence["path"] = json!(u);
            }
            package["licenses"] = json!([licence]);
        }
    }
    vec![
        file("datapackage.json", &package),
        file(SCHEMA_PATH, &table_schema()),
    ]
}

/// The package's `name`, which the standard limits to lower-case letters, digits and
/// `-._/`: the site's address without its scheme, `/` as `-`
/// (`www.example.gov.cn-zwgk-ghjh` for `https://www.example.gov.cn/zwgk/ghjh/`).
fn package_name(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let name: String = rest
        .to_lowercase()
        .chars()
        .map(|c| if c == '/' { '-' } else { c })
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._".contains(*c))
        .collect();
    let name = name.trim_matches('-');
    if name.is_empty() {
        "planpub-site".to_string()
    } else {
        name.to_string()
    }
}

fn file(path: &str, value: &Value) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: Contents::Bytes(json(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_package_name_is_the_address_in_the_allowed_characters() {
        assert_eq!(
            package_name("https://www.example.gov.cn/zwgk/ghjh/"),
            "www.example.gov.cn-zwgk-ghjh"
        );
        assert_eq!(
            package_name("https://Example.gov.cn:8080/规划/"),
            "example.gov.cn8080"
        );
        assert_eq!(package_name("https://规划/"), "planpub-site");
    }

    #[test]
    fn the_schema_lists_the_comparators_as_the_csv_writes_them() {
        let enum_of = |name| constraint(name).unwrap()["enum"].clone();
        assert_eq!(enum_of("comparator"), json!(["≥", ">", "'=", "≤", "<"]));
        assert_eq!(
            enum_of("comparator_code"),
            json!(["at_least", "more_than", "reach", "at_most", "less_than"])
        );
        assert!(constraint("value").is_none());
    }
}
