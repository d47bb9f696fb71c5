//! What each column of an indicator table holds, read from its header: the indicator's
//! name, its unit, its category, 属性, 责任单位, and the year columns, each a target, a
//! reported value (实现情况, 完成情况, 实际 → `actuals`) or a base (基期, 基数, 现状 →
//! `baseline`). A 年均增长 column becomes a growth rate of the same indicator when the
//! year it ends in is clear; every column that gives no field is named in the report,
//! so nothing in the table is dropped without a word.

use super::numbers::{year_in_header, years_in};
use super::text::trim;

/// Whether a value column states goals, values reached, or the starting point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Target,
    Actual,
    Baseline,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Serial,
    Name,
    Unit,
    Category,
    Attribute,
    Responsible,
    /// A year's value.
    Year {
        year: u16,
        kind: Kind,
    },
    /// An average yearly growth rate up to `year`, with the unit its header gives.
    Growth {
        year: u16,
        kind: Kind,
        unit: Option<String>,
        /// Where the year came from, for the report.
        from: &'static str,
    },
    /// A column no field is made of, with the reason for the report.
    NotRead(String),
}

#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub role: Role,
}

const ACTUAL: &[&str] = &[
    "实现情况",
    "完成情况",
    "执行情况",
    "实际",
    "完成值",
    "实现值",
    "完成",
];
const BASE: &[&str] = &["基期", "基数", "现状", "基准"];
const GROWTH: &[&str] = &["年均增长", "年均增速", "年均增幅", "平均增长"];

fn has(h: &str, words: &[&str]) -> bool {
    words.iter().any(|w| h.contains(w))
}

fn kind_of(h: &str) -> Kind {
    if has(h, BASE) {
        Kind::Baseline
    } else if has(h, ACTUAL) {
        Kind::Actual
    } else {
        Kind::Target
    }
}

/// The group a merged header put before a space (`规划目标 2015年` → `规划目标`).
fn group(h: &str) -> &str {
    h.split_once(' ').map_or("", |(g, _)| g)
}

/// `年均增长（%）` → `%`.
fn bracket_unit(h: &str) -> Option<String> {
    let inner = h.strip_suffix(['）', ')'])?;
    let open = inner.rfind(['（', '('])?;
    let unit = trim(inner[open..].trim_start_matches(['（', '(']));
    (!unit.is_empty()).then(|| unit.replace('％', "%"))
}

/// The columns of a table, when it has a year or growth column and a name column.
pub fn read(header: &[String]) -> Option<Vec<Column>> {
    let mut roles: Vec<Role> = header.iter().map(|h| first_role(h)).collect();
    // The name is the 指标/名称/项目 column, else the first column that is not a
    // serial number, a category or a value.
    let named = header.iter().enumerate().position(|(k, h)| {
        has(h, &["指标", "名称", "项目"]) && matches!(roles[k], Role::NotRead(_))
    });
    let name = named.or_else(|| {
        (0..header.len()).find(|&k| {
            matches!(roles[k], Role::NotRead(_))
                && !header[k].is_empty()
                && !has(&header[k], GROWTH)
        })
    })?;
    roles[name] = Role::Name;
    let years: Vec<(usize, u16, Kind)> = roles
        .iter()
        .enumerate()
        .filter_map(|(k, r)| match r {
            Role::Year { year, kind } => Some((k, *year, *kind)),
            _ => None,
        })
        .collect();
    // A growth column ends in the year its header names, else the year of the column
    // beside it in the same group (规划目标 2015年 beside 规划目标 年均增长), else the
    // one target year of the table.
    for k in 0..header.len() {
        let h = &header[k];
        if !has(h, GROWTH) {
            continue;
        }
        let kind = kind_of(h);
        let named = years_in(h).last().copied();
        let sibling = years
            .iter()
            .filter(|(j, _, _)| !group(h).is_empty() && group(&header[*j]) == group(h))
            .map(|(_, y, _)| *y)
            .max();
        let targets: Vec<u16> = years
            .iter()
            .filter(|(_, _, kd)| *kd == Kind::Target)
            .map(|(_, y, _)| *y)
            .collect();
        // Beside two year columns (2020年 2025年) a growth rate is the yearly average
        // between them, so it ends in the later one.
        let only = match (kind, targets.as_slice()) {
            (Kind::Target, [y]) => Some(*y),
            (Kind::Target, [a, b]) => Some(*a.max(b)),
            _ => None,
        };
        let found = named
            .map(|y| (y, "the year in its header"))
            .or(sibling.map(|y| (y, "the year column of its group")))
            .or(only.map(|y| (y, "the last year column of the table")));
        roles[k] = match found {
            Some((year, from)) => Role::Growth {
                year,
                kind,
                unit: bracket_unit(h),
                from,
            },
            None => Role::NotRead(
                "a growth rate whose end year neither its header nor the columns beside it give"
                    .into(),
            ),
        };
    }
    let values = roles
        .iter()
        .any(|r| matches!(r, Role::Year { .. } | Role::Growth { .. }));
    values.then(|| {
        header
            .iter()
            .zip(roles)
            .map(|(h, role)| Column {
                header: h.clone(),
                role,
            })
            .collect()
    })
}

fn first_role(h: &str) -> Role {
    let h = trim(h);
    if h.contains("序号") {
        Role::Serial
    } else if has(h, &["属性"]) {
        Role::Attribute
    } else if has(h, &["责任单位", "牵头单位", "责任部门"]) {
        Role::Responsible
    } else if has(h, &["类别", "领域", "分类"]) {
        Role::Category
    } else if h == "单位" || h == "计量单位" {
        Role::Unit
    } else if has(h, GROWTH) {
        // Filled in once the year columns are known.
        Role::NotRead(String::new())
    } else if let Some(year) = year_in_header(h) {
        Role::Year {
            year,
            kind: kind_of(h),
        }
    } else if h.is_empty() {
        Role::NotRead("a column without a header".into())
    } else {
        Role::NotRead("a column no field of indicators.md is read from".into())
    }
}

/// What the report says about the columns, one line each for those that are not
/// plain targets or the name.
pub fn remarks(columns: &[Column]) -> Vec<String> {
    let mut out = Vec::new();
    for c in columns {
        let line = match &c.role {
            Role::Year {
                year,
                kind: Kind::Actual,
            } => format!(
                "column “{}” read as actuals for {year} (a value reached, not a target)",
                c.header
            ),
            Role::Year {
                year,
                kind: Kind::Baseline,
            } => format!("column “{}” read as the baseline of {year}", c.header),
            Role::Growth {
                year,
                kind,
                unit,
                from,
            } => format!(
                "column “{}” read as a growth rate (measure growth_rate, unit {}) {} {year} (from {from}), an entry of its own per row{}",
                c.header,
                unit.as_deref().unwrap_or("%"),
                if *kind == Kind::Actual {
                    "reached by"
                } else {
                    "targeted for"
                },
                if unit.is_none() {
                    "; the unit % is a guess, the header gives none"
                } else {
                    ""
                }
            ),
            Role::NotRead(why) if !c.header.is_empty() => {
                format!("column “{}” not imported: {why}", c.header)
            }
            _ => continue,
        };
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(header: &[&str]) -> Vec<Role> {
        let h: Vec<String> = header.iter().map(|s| s.to_string()).collect();
        read(&h)
            .map(|c| c.into_iter().map(|c| c.role).collect())
            .unwrap_or_default()
    }

    #[test]
    fn two_level_headers_give_targets_actuals_and_growth() {
        let r = roles(&[
            "序号",
            "指标",
            "规划目标 2015年",
            "规划目标 年均增长（%）",
            "实现情况 2015年",
            "实现情况 年均增长（%）",
            "属性",
        ]);
        assert_eq!(r[1], Role::Name);
        assert_eq!(
            r[2],
            Role::Year {
                year: 2015,
                kind: Kind::Target
            }
        );
        assert_eq!(
            r[3],
            Role::Growth {
                year: 2015,
                kind: Kind::Target,
                unit: Some("%".into()),
                from: "the year column of its group"
            }
        );
        assert_eq!(
            r[4],
            Role::Year {
                year: 2015,
                kind: Kind::Actual
            }
        );
        assert!(matches!(
            r[5],
            Role::Growth {
                kind: Kind::Actual,
                ..
            }
        ));
        assert_eq!(r[6], Role::Attribute);
    }

    #[test]
    fn a_growth_column_without_a_year_is_not_read() {
        let r = roles(&["指标", "2015年", "2020年", "2025年", "年均增长"]);
        // Three target years: which span the growth covers is not clear.
        assert!(matches!(r[4], Role::NotRead(_)));
        let r = roles(&["指标", "2015年", "2020年", "年均增长"]);
        assert!(matches!(r[3], Role::Growth { year: 2020, .. }));
        let r = roles(&["指标", "2015年基期", "2020年", "年均增长"]);
        assert!(matches!(r[3], Role::Growth { year: 2020, .. }));
        let r = roles(&["指标", "2016—2020年年均增长"]);
        assert!(matches!(r[1], Role::Growth { year: 2020, .. }));
    }

    #[test]
    fn no_year_no_table() {
        assert!(roles(&["序号", "任务", "责任单位"]).is_empty());
    }
}
