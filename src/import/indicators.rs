//! Indicator drafts from an indicator table: a header with year columns (2025 2026
//! 2027, 2020年 2025年, 2025年度计划目标, 规划目标 2015年) and rows whose name ends with a
//! bracketed unit (（家）, （万件）, （%）) or whose 单位 column gives one. Each row becomes
//! one entry of indicators.md with the wording, unit, values exactly as written (a bound
//! such as 6000以上 read as a comparator and a number, the words kept in the note),
//! responsible units, the section and a guessed measure; a 年均增长 column gives a
//! growth-rate entry of its own. What [`columns`] says a column holds decides whether
//! its values are targets, actuals or the baseline. The catalogue id is left empty for
//! the editor; every guess is listed with its source line for the report.

use super::columns::{self, Column, Kind, Role};
use super::numbers::cell_value;
use super::tables::{Table, group_label};
use super::text::{char_len, trim};
use crate::model::quantity::{Attribute, Comparator, Measure, Unit, Value};
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
    /// Values the plan reports as reached (实现情况, 完成情况 columns).
    pub actuals: Vec<(u16, String)>,
    pub targets: Vec<(u16, String, Comparator)>,
    pub responsible: Vec<String>,
    pub section: String,
    pub note: String,
    /// What will make `planpub check` fail besides the empty id.
    pub problems: Vec<String>,
    /// Fields filled by a guess, each with the source line of its row.
    pub readings: Vec<(usize, String)>,
}

impl Draft {
    pub fn summary(&self) -> String {
        let values: Vec<String> = self
            .baseline
            .iter()
            .map(|(y, v)| format!("baseline {y}={v}"))
            .chain(self.actuals.iter().map(|(y, v)| format!("actual {y}={v}")))
            .chain(self.targets.iter().map(|(y, v, c)| match c {
                Comparator::Reach => format!("{y}={v}"),
                c => format!("{y}{}{v}", c.symbol()),
            }))
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

/// Whether the table is an indicator table: year columns and at least one row whose
/// name carries a bracketed unit or whose 单位 cell is filled.
pub fn is_indicator_table(table: &Table) -> bool {
    let Some(cols) = columns::read(&table.header) else {
        return false;
    };
    let at = |role: Role| cols.iter().position(|c| c.role == role);
    let (name, unit) = (at(Role::Name), at(Role::Unit));
    table.resolved_rows().iter().any(|r| {
        name.and_then(|k| r.get(k))
            .is_some_and(|n| unit_of(n).is_some())
            || unit
                .and_then(|k| r.get(k))
                .is_some_and(|u| !trim(u).is_empty())
    })
}

/// The column remarks of an indicator table for the report (none for other tables).
pub fn column_remarks(table: &Table) -> Vec<String> {
    match columns::read(&table.header) {
        Some(cols) if is_indicator_table(table) => columns::remarks(&cols),
        _ => Vec::new(),
    }
}

/// One value cell as it goes into a draft.
struct Read {
    year: u16,
    kind: Kind,
    value: String,
    comparator: Comparator,
    /// The cell as written, when it said more than the number (a bound, a % sign).
    source: Option<String>,
    marker: Option<&'static str>,
}

/// Reads the value cells of `row` in the columns `pick` selects.
fn read_values(
    row: &[String],
    cols: &[Column],
    percent_unit: bool,
    pick: impl Fn(&Role) -> Option<(u16, Kind)>,
) -> Vec<Read> {
    let mut out = Vec::new();
    for (k, c) in cols.iter().enumerate() {
        let Some((year, kind)) = pick(&c.role) else {
            continue;
        };
        let cell = row.get(k).map_or("", |s| trim(s));
        if cell.is_empty() || cell == "—" || cell == "-" || cell == "/" {
            continue;
        }
        out.push(match cell_value(cell) {
            Some(v) => Read {
                year,
                kind,
                value: if v.percent && !percent_unit {
                    format!("{}%", v.number)
                } else {
                    v.number.clone()
                },
                comparator: v.comparator,
                source: (v.marker.is_some()).then(|| cell.to_string()),
                marker: v.marker,
            },
            None => Read {
                year,
                kind,
                value: if percent_unit {
                    trim(cell.trim_end_matches(['%', '％'])).to_string()
                } else {
                    cell.to_string()
                },
                comparator: Comparator::Reach,
                source: None,
                marker: None,
            },
        });
    }
    out
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
    let Some(cols) = columns::read(&table.header) else {
        return Vec::new();
    };
    let at = |want: fn(&Role) -> bool| cols.iter().position(|c| want(&c.role));
    let name_col = at(|r| *r == Role::Name);
    let unit_col = at(|r| *r == Role::Unit);
    let category_col = at(|r| *r == Role::Category);
    let responsible_col = at(|r| *r == Role::Responsible);
    let attribute_col = at(|r| *r == Role::Attribute);
    // A table that names its own reported or base columns is not read by the plan's
    // period: its 规划目标 2015年 is a target even in a plan that starts in 2016.
    let own_kinds = cols.iter().any(|c| {
        matches!(
            c.role,
            Role::Year {
                kind: Kind::Actual | Kind::Baseline,
                ..
            }
        )
    });
    let period_start = period_start.filter(|_| !own_kinds);
    let mut out = Vec::new();
    let mut group: Option<String> = None;
    // A merged cell (a 责任单位 shared by several rows) counts for every row it spans.
    for (r, row) in table.resolved_rows().iter().enumerate() {
        let line = table.row_lines.get(r).copied().unwrap_or(table.line);
        if let Some(label) = group_label(row) {
            group = Some(label.to_string());
            continue;
        }
        let cell = |k: Option<usize>| k.and_then(|k| row.get(k)).map_or("", |s| trim(s));
        let name = cell(name_col);
        if name.is_empty() {
            continue;
        }
        let (wording, mut unit) = match unit_of(name) {
            Some((w, u)) => (w.to_string(), u.to_string()),
            None => (name.to_string(), cell(unit_col).to_string()),
        };
        if unit == "％" {
            unit = "%".to_string();
        }
        let category = Some(cell(category_col))
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .or_else(|| group.clone());
        let responsible = match responsible_col {
            Some(k) => split_units(cell(Some(k))),
            None => task_responsible.map(<[String]>::to_vec).unwrap_or_default(),
        };
        let attribute = Some(
            cell(attribute_col)
                .trim_matches(['〔', '〕', '[', ']', '（', '）', '(', ')'])
                .to_string(),
        )
        .filter(|a| Attribute::parse(a).is_some());
        let base = Base {
            line: table.line,
            row_line: line,
            name,
            wording: &wording,
            attribute: attribute.as_ref(),
            responsible: &responsible,
            section,
            category: category.as_deref(),
            period_start,
        };

        let year_of = |r: &Role| match r {
            Role::Year { year, kind } => Some((*year, *kind)),
            _ => None,
        };
        let plain = |c: &str| c.ends_with(['%', '％']);
        let values_cells: Vec<&str> = cols
            .iter()
            .enumerate()
            .filter(|(_, c)| year_of(&c.role).is_some())
            .map(|(k, _)| cell(Some(k)))
            .filter(|c| !c.is_empty())
            .collect();
        let mut guessed_unit = None;
        if unit.is_empty() && !values_cells.is_empty() && values_cells.iter().all(|c| plain(c)) {
            unit = "%".to_string();
            guessed_unit = Some("unit % taken from the % signs of the values".to_string());
        }
        let values = read_values(row, &cols, unit == "%", year_of);
        if !values.is_empty() {
            let (measure, why) = guess_measure(&wording, &unit);
            let mut d = base.draft(&unit, measure, why, values, None);
            d.readings.extend(guessed_unit.map(|g| (line, g)));
            out.push(d);
        }
        // The growth columns of the row make one growth-rate entry of the indicator.
        let Some(growth_unit) = cols.iter().find_map(|c| match &c.role {
            Role::Growth { unit, .. } => Some(unit.clone().unwrap_or_else(|| "%".into())),
            _ => None,
        }) else {
            continue;
        };
        let mut readings = Vec::new();
        // A value in 〔〕 is a total over the period, not a rate: its column is not
        // read for this row.
        let growth_cols: Vec<Column> = cols
            .iter()
            .enumerate()
            .map(|(j, c)| {
                let v = cell(Some(j));
                let total = v.starts_with(['〔', '[']) && matches!(c.role, Role::Growth { .. });
                if total {
                    readings.push((
                        line,
                        format!(
                            "{name}: “{v}” in “{}” not imported: 〔〕 marks a total over the period, not a yearly growth rate",
                            c.header
                        ),
                    ));
                }
                Column {
                    header: c.header.clone(),
                    role: if total { Role::Serial } else { c.role.clone() },
                }
            })
            .collect();
        let values = read_values(row, &growth_cols, growth_unit == "%", |r| match r {
            Role::Growth { year, kind, .. } => Some((*year, *kind)),
            _ => None,
        });
        if values.is_empty() {
            // Nothing to draft; the report still names what was left out.
            if let Some(d) = out.last_mut() {
                d.readings.extend(readings);
            }
            continue;
        }
        let from: Vec<String> = growth_cols
            .iter()
            .filter(|c| matches!(c.role, Role::Growth { .. }))
            .map(|c| format!("“{}”", c.header))
            .collect();
        let from = format!("本条取自{}", from.join("、"));
        let mut d = base.draft(
            &growth_unit,
            Measure::GrowthRate.name(),
            "表头为年均增长",
            values,
            Some(&from),
        );
        d.readings.extend(readings);
        out.push(d);
    }
    out
}

/// What every draft of one row shares.
struct Base<'a> {
    line: usize,
    row_line: usize,
    name: &'a str,
    wording: &'a str,
    attribute: Option<&'a String>,
    responsible: &'a [String],
    section: &'a str,
    category: Option<&'a str>,
    period_start: Option<u16>,
}

impl Base<'_> {
    fn draft(
        &self,
        unit: &str,
        measure: &'static str,
        why: &str,
        values: Vec<Read>,
        from: Option<&str>,
    ) -> Draft {
        let line = self.row_line;
        let mut readings = Vec::new();
        let mut problems = Vec::new();
        let mut sources = Vec::new();
        let mut baseline = None;
        let mut actuals = Vec::new();
        let mut targets = Vec::new();
        for v in values {
            let before_period = self.period_start.is_some_and(|s| v.year < s);
            let what = match v.kind {
                Kind::Baseline if baseline.is_none() => "baseline",
                Kind::Actual => "actual",
                Kind::Target if before_period && baseline.is_none() => {
                    readings.push((
                        line,
                        format!(
                            "{}: the {} value read as the baseline: the year is before the plan's period",
                            self.name, v.year
                        ),
                    ));
                    "baseline"
                }
                _ => "target",
            };
            if let (Some(src), Some(marker)) = (&v.source, v.marker) {
                let sign = v.comparator.symbol();
                let mut reading = format!(
                    "{}: “{src}” read as {sign} {} ({} {what})",
                    self.name, v.value, v.year
                );
                if marker == "以下" || marker == "以内" {
                    reading.push_str(&format!(
                        ": {marker} includes the number in official usage, as 以上 does"
                    ));
                }
                if what != "target" {
                    reading.push_str(
                        "; a reported value has no comparator, the words stay in the note",
                    );
                }
                readings.push((line, reading));
                sources.push(format!("{}年“{src}”", v.year));
            }
            if Value::parse_number(&v.value).is_none() {
                problems.push(format!(
                    "the {} value “{}” is not a number; write it as a number or use `measure: qualitative`",
                    v.year, v.value
                ));
            }
            match what {
                "baseline" => baseline = Some((v.year, v.value)),
                "actual" => actuals.push((v.year, v.value)),
                _ => targets.push((v.year, v.value, v.comparator)),
            }
        }
        if Unit::parse(unit).is_none() {
            problems.push(format!(
                "unit “{unit}” is not one planpub knows; declare it in content/units.yaml with what it counts (docs/content-format.md), or `planpub check` fails"
            ));
        }
        let mut note = format!("导入时推测：measure 记为 {measure}（{why}）");
        if let Some(from) = from {
            note.push_str(&format!("；{from}"));
        }
        if let Some(c) = self.category {
            note.push_str(&format!("；类别：{c}"));
        }
        if unit.is_empty() {
            note.push_str("；表中未写单位");
        }
        if baseline.is_some()
            && readings
                .iter()
                .any(|(_, r)| r.ends_with("before the plan's period"))
        {
            note.push_str("；最早一年记为基期值");
        }
        if !sources.is_empty() {
            note.push_str(&format!("；原文：{}", sources.join("，")));
        }
        note.push_str("。请核对后删去本注。");
        Draft {
            line: self.line,
            name: self.name.to_string(),
            wording: self.wording.to_string(),
            unit: unit.to_string(),
            measure,
            attribute: self.attribute.cloned(),
            baseline,
            actuals,
            targets,
            responsible: self.responsible.to_vec(),
            section: self.section.to_string(),
            note,
            problems,
            readings,
        }
    }
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
        (Measure::Cumulative.name(), "名称含“累计”")
    } else if wording.contains("增长") || wording.contains("增幅") {
        (Measure::GrowthRate.name(), "名称含“增长”或“增幅”")
    } else if unit == "%" && ["比重", "占比", "率"].iter().any(|w| wording.contains(w)) {
        (Measure::Ratio.name(), "单位为%，名称含“比重”“占比”或“率”")
    } else {
        (
            Measure::Stock.name(),
            "名称中没有“累计”“增长”“比重”等字样，默认为存量",
        )
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
            [
                (2025, "0".to_string(), Comparator::Reach),
                (2026, "1".to_string(), Comparator::Reach)
            ]
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
        assert_eq!(d[0].targets, [(2025, "4".to_string(), Comparator::Reach)]);
        assert_eq!(d[0].attribute.as_deref(), Some("预期性"));
        assert_eq!(d[0].responsible, ["区局"]);
        assert_eq!(d[1].unit, "%");
        assert_eq!(d[1].measure, "ratio");
        assert_eq!(d[1].targets, [(2025, "100".to_string(), Comparator::Reach)]);
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
