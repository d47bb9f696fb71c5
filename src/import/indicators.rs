//! Indicator drafts from an indicator table: a header with year columns (2025 2026
//! 2027, 2020年 2025年, 2025年度计划目标) and rows whose name ends with a bracketed
//! unit (（家）, （万件）, （%）). Each row becomes one entry of indicators.md with the
//! wording, unit, values exactly as written, responsible units, the section and a
//! guessed measure; the catalogue id is left empty for the editor.

use super::numbers::header_year;
use super::tables::Table;
use super::text::{char_len, trim};
use crate::model::quantity::{Unit, Value};
use crate::model::responsible::split_units;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The source line of the table.
    pub line: usize,
    /// The row's name cell as written, unit included.
    pub name: String,
    pub wording: String,
    pub unit: String,
    pub measure: &'static str,
    pub attribute: Option<String>,
    pub baseline: Option<(u16, String)>,
    pub targets: Vec<(u16, String)>,
    pub responsible: Vec<String>,
    pub section: String,
    pub note: String,
    /// What will make `planpub check` fail besides the empty id.
    pub problems: Vec<String>,
}

impl Draft {
    pub fn summary(&self) -> String {
        let values: Vec<String> = self
            .baseline
            .iter()
            .map(|(y, v)| format!("baseline {y}={v}"))
            .chain(self.targets.iter().map(|(y, v)| format!("{y}={v}")))
            .collect();
        format!(
            "{} → unit “{}”, {} (guessed), {}; #{}; responsible: {}",
            self.name,
            self.unit,
            self.measure,
            values.join(" "),
            self.section,
            if self.responsible.is_empty() {
                "none".to_string()
            } else {
                self.responsible.join("、")
            }
        )
    }
}

/// The columns an indicator table is read by.
struct Columns {
    name: usize,
    years: Vec<(usize, u16, bool)>,
    responsible: Option<usize>,
    attribute: Option<usize>,
}

fn columns(header: &[String]) -> Option<Columns> {
    let years: Vec<(usize, u16, bool)> = header
        .iter()
        .enumerate()
        .filter_map(|(k, h)| {
            let base = ["基期", "基数", "现状", "基准"]
                .iter()
                .any(|w| h.contains(w));
            header_year(h).map(|y| (k, y, base))
        })
        .collect();
    if years.is_empty() {
        return None;
    }
    let find = |words: &[&str]| {
        header
            .iter()
            .position(|h| words.iter().any(|w| h.contains(w)))
    };
    let name = find(&["指标", "名称", "项目"])
        .filter(|k| !years.iter().any(|(y, _, _)| y == k))
        .or_else(|| {
            (0..header.len())
                .find(|k| !years.iter().any(|(y, _, _)| y == k) && !header[*k].contains("序号"))
        })?;
    Some(Columns {
        name,
        years,
        responsible: find(&["责任单位", "牵头单位", "责任部门"]),
        attribute: find(&["属性"]),
    })
}

/// Whether the table is an indicator table: year columns and at least one row whose
/// name carries a bracketed unit.
pub fn is_indicator_table(table: &Table) -> bool {
    columns(&table.header).is_some_and(|c| {
        table
            .resolved_rows()
            .iter()
            .any(|r| r.get(c.name).is_some_and(|n| unit_of(n).is_some()))
    })
}

/// The drafts of an indicator table under `section`. `task_responsible` is the 责任单位
/// annotation of the task the table stands under, used when the table has no column
/// of its own. `period_start` makes a year before the plan's period a baseline.
pub fn drafts(
    table: &Table,
    section: &str,
    task_responsible: Option<&[String]>,
    period_start: Option<u16>,
) -> Vec<Draft> {
    if !is_indicator_table(table) {
        return Vec::new();
    }
    let Some(cols) = columns(&table.header) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // A merged cell (a 责任单位 shared by several rows) counts for every row it spans.
    for row in &table.resolved_rows() {
        let name = row.get(cols.name).map_or("", |s| trim(s));
        if name.is_empty() {
            continue;
        }
        let cell = |k: usize| row.get(k).map_or("", |s| trim(s));
        let values: Vec<(u16, bool, &str)> = cols
            .years
            .iter()
            .map(|&(k, y, base)| (y, base, cell(k)))
            .filter(|(_, _, v)| !v.is_empty())
            .collect();
        if values.is_empty() {
            continue;
        }
        let (wording, mut unit) = match unit_of(name) {
            Some((w, u)) => (w.to_string(), u.to_string()),
            None => (name.to_string(), String::new()),
        };
        let percent = |v: &str| v.ends_with('%') || v.ends_with('％');
        if unit.is_empty() && values.iter().all(|(_, _, v)| percent(v)) {
            unit = "%".to_string();
        }
        if unit == "％" {
            unit = "%".to_string();
        }
        let clean = |v: &str| -> String {
            if unit == "%" {
                trim(v.trim_end_matches(['%', '％'])).to_string()
            } else {
                v.to_string()
            }
        };
        let mut baseline = None;
        let mut targets = Vec::new();
        for (y, base, v) in values {
            let before_period = period_start.is_some_and(|s| y < s);
            if (base || before_period) && baseline.is_none() {
                baseline = Some((y, clean(v)));
            } else {
                targets.push((y, clean(v)));
            }
        }
        let (measure, why) = guess_measure(&wording, &unit);
        let responsible = match cols.responsible {
            Some(k) => split_units(cell(k)),
            None => task_responsible.map(<[String]>::to_vec).unwrap_or_default(),
        };
        let attribute = cols
            .attribute
            .map(|k| cell(k).to_string())
            .filter(|a| a == "预期性" || a == "约束性");
        let mut problems = Vec::new();
        if Unit::parse(&unit).is_none() {
            problems.push(format!(
                "unit “{unit}” is not one planpub knows (src/model/quantity.rs); `planpub check` fails until it is changed or added"
            ));
        }
        for (y, v) in baseline.iter().chain(targets.iter()) {
            if Value::parse_number(v).is_none() {
                problems.push(format!(
                    "the {y} value “{v}” is not a number; write it as a number or use `measure: qualitative`"
                ));
            }
        }
        let mut note = format!("导入时推测：measure 记为 {measure}（{why}）");
        if unit.is_empty() {
            note.push_str("；表中未写单位");
        }
        if baseline.is_some() {
            note.push_str("；最早一年记为基期值");
        }
        note.push_str("。请核对后删去本注。");
        out.push(Draft {
            line: table.line,
            name: name.to_string(),
            wording,
            unit,
            measure,
            attribute,
            baseline,
            targets,
            responsible,
            section: section.to_string(),
            note,
            problems,
        });
    }
    out
}

/// `国家知识产权示范企业（家）` → (`国家知识产权示范企业`, `家`).
pub fn unit_of(name: &str) -> Option<(&str, &str)> {
    let name = trim(name);
    let inner_end = name.strip_suffix(['）', ')'])?;
    let open = inner_end.rfind(['（', '('])?;
    let unit = trim(inner_end[open..].trim_start_matches(['（', '(']));
    let wording = trim(&inner_end[..open]);
    let ok = !unit.is_empty() && char_len(unit) <= 6 && !wording.is_empty() && !unit.contains('年');
    ok.then_some((wording, unit))
}

/// The measure a name suggests: 累计 → cumulative, 增长/增幅 → growth_rate,
/// 比重/占比/率 in % → ratio, otherwise stock.
pub fn guess_measure(wording: &str, unit: &str) -> (&'static str, &'static str) {
    if wording.contains("累计") {
        ("cumulative", "名称含“累计”")
    } else if wording.contains("增长") || wording.contains("增幅") {
        ("growth_rate", "名称含“增长”或“增幅”")
    } else if unit == "%" && ["比重", "占比", "率"].iter().any(|w| wording.contains(w)) {
        ("ratio", "单位为%，名称含“比重”“占比”或“率”")
    } else {
        ("stock", "名称中没有“累计”“增长”“比重”等字样，默认为存量")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            line: 7,
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect(),
            ..Table::default()
        }
    }

    #[test]
    fn units_and_measures() {
        assert_eq!(
            unit_of("有效注册商标总量（万件）"),
            Some(("有效注册商标总量", "万件"))
        );
        assert_eq!(unit_of("占比(%)"), Some(("占比", "%")));
        assert_eq!(unit_of("工作方案（2024年－2026年）"), None);
        assert_eq!(unit_of("发明专利总量"), None);
        assert_eq!(
            guess_measure("知识产权质押融资累计金额", "亿元").0,
            "cumulative"
        );
        assert_eq!(guess_measure("研发经费投入增长", "%").0, "growth_rate");
        assert_eq!(guess_measure("行政裁决结案率", "%").0, "ratio");
        assert_eq!(guess_measure("发明专利总量", "件").0, "stock");
    }

    #[test]
    fn drafts_from_a_yearly_target_table() {
        let t = table(
            &[
                "序号",
                "指标",
                "2025年度计划目标",
                "2026年度计划目标",
                "责任单位",
            ],
            &[
                &["1", "示范企业（家）", "0", "1", "区市场监管局、区科技局"],
                &["2", "质押融资累计金额（亿元）", "4.5", "5.20", "区金融中心"],
            ],
        );
        let d = drafts(&t, "annex-1", None, None);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].wording, "示范企业");
        assert_eq!(d[0].unit, "家");
        assert_eq!(
            d[0].targets,
            [(2025, "0".to_string()), (2026, "1".to_string())]
        );
        assert_eq!(d[0].responsible, ["区市场监管局", "区科技局"]);
        assert_eq!(d[0].section, "annex-1");
        assert_eq!(d[1].measure, "cumulative");
        assert_eq!(d[1].targets[1].1, "5.20");
        assert!(d[1].note.contains("累计"));
        assert!(d[0].problems.is_empty());
    }

    #[test]
    fn a_merged_cell_counts_for_every_row_it_spans() {
        let t = table(
            &["指标", "2025年", "责任单位"],
            &[
                &["示范企业（家）", "1", "区市场监管局"],
                &["优势企业（家）", "3", "^^"],
            ],
        );
        let d = drafts(&t, "annex-1", None, None);
        assert_eq!(d[1].responsible, ["区市场监管局"]);
    }

    #[test]
    fn percent_values_baselines_and_attributes() {
        let t = table(
            &["序号", "指标名称", "2020年", "2025年", "指标属性"],
            &[
                &["1", "万人发明专利拥有量（件）", "1.85", "4", "预期性"],
                &["2", "行政裁决结案率", "100%", "100%", "预期性"],
            ],
        );
        let d = drafts(&t, "box-1", Some(&["区局".to_string()]), Some(2021));
        assert_eq!(d[0].baseline, Some((2020, "1.85".to_string())));
        assert_eq!(d[0].targets, [(2025, "4".to_string())]);
        assert_eq!(d[0].attribute.as_deref(), Some("预期性"));
        assert_eq!(d[0].responsible, ["区局"]);
        assert_eq!(d[1].unit, "%");
        assert_eq!(d[1].measure, "ratio");
        assert_eq!(d[1].targets, [(2025, "100".to_string())]);
    }

    #[test]
    fn other_tables_give_no_drafts() {
        let t = table(
            &["序号", "任务名称", "责任单位"],
            &[&["1", "构建政策体系", "区局"]],
        );
        assert!(drafts(&t, "annex-2", None, None).is_empty());
        let t = table(&["序号", "指标", "2025"], &[&["1", "没有单位", "3"]]);
        assert!(!is_indicator_table(&t));
        assert!(drafts(&Table::default(), "x", None, None).is_empty());
    }

    #[test]
    fn unknown_units_and_words_are_reported() {
        let t = table(&["指标", "2025"], &[&["服务器（万台）", "居前列"]]);
        let d = drafts(&t, "x", None, None);
        assert_eq!(d[0].problems.len(), 2);
    }
}
