//! A plan's indicator rows, one per statement of a goal (附件1 table rows, the goals in
//! 发展目标, a target inside a task), their believable values in units that convert to
//! the catalogue's, and indicators.md.

use std::fmt::Write;

use crate::catalogue::{Form, Indicator};
use crate::plans::PlanMeta;
use crate::regions::{Level, LevelExt, Region};
use crate::rng::Rng;
use crate::text;

/// One statement of a goal: a row of indicators.md.
pub struct Row {
    pub indicator: usize,
    pub wording: String,
    pub unit: &'static str,
    pub measure: &'static str,
    pub attribute: Option<&'static str>,
    pub baseline: Option<(u16, String)>,
    pub actual: Option<(u16, String)>,
    /// (year, value as written, comparator)
    pub targets: Vec<(u16, String, &'static str)>,
    pub responsible: Vec<String>,
    pub section: String,
    pub note: Option<String>,
}

impl Row {
    /// The goal in words, as the text states it: 发明专利拥有量达到575件以上.
    pub fn statement(&self) -> String {
        let Some((_, value, cmp)) = self.targets.last() else {
            return self.wording.clone();
        };
        if self.measure == "qualitative" {
            return format!("{}{value}", self.wording);
        }
        let (before, after) = match *cmp {
            "≥" => ("达到", "以上"),
            ">" => ("突破", ""),
            "≤" => ("控制在", "以内"),
            "<" => ("低于", ""),
            _ => ("达到", ""),
        };
        format!("{}{before}{value}{}{after}", self.wording, self.unit)
    }
}

/// Powers of ten between a unit and its base, for the units the catalogue uses.
fn exponent(unit: &str) -> i32 {
    match unit {
        "万件" | "万人" | "万人次" | "万元" => 4,
        "亿元" => 8,
        _ => 0,
    }
}

/// A value in hundredths of `from`, restated in hundredths of `to` (rounded half up).
fn convert(centi: i64, from: &str, to: &str) -> i64 {
    let d = exponent(from) - exponent(to);
    if d >= 0 {
        centi * 10i64.pow(d as u32)
    } else {
        let q = 10i64.pow((-d) as u32);
        (centi + q / 2) / q
    }
}

/// Rounds hundredths to `decimals` places.
fn round(centi: i64, decimals: u32) -> i64 {
    let q = 10i64.pow(2 - decimals.min(2));
    (centi + q / 2) / q * q
}

/// Hundredths written as the plans write numbers: 1.8, 575, 0.05.
fn number(centi: i64) -> String {
    let (int, frac) = (centi / 100, centi % 100);
    if frac == 0 {
        int.to_string()
    } else if frac % 10 == 0 {
        format!("{int}.{}", frac / 10)
    } else {
        format!("{int}.{frac:02}")
    }
}

/// Grows (or, for lower-is-better, shrinks) a value by a percentage in hundredths.
fn step(v: i64, percent_centi: i64, down: bool) -> i64 {
    if down {
        v * (10_000 - percent_centi) / 10_000
    } else {
        v * (10_000 + percent_centi) / 10_000
    }
}

/// Baseline (the year before `start`) and one value per year of `years` of an indicator
/// for a region of this level, in hundredths of the catalogue unit.
fn series(
    ind: &Indicator,
    level: Level,
    start: u16,
    years: &[u16],
    rng: &mut Rng,
) -> (i64, Vec<i64>) {
    let scale = if ind.per_capita { 1 } else { level.scale() };
    let down = ind.lower_is_better();
    let initial = ind.typical * scale * rng.range(50, 200) / 100;
    // At least one unit of the last written place, so no value rounds to 0.
    let least = 10i64.pow(2 - ind.decimals.min(2));
    let base = round(initial.max(least), ind.decimals);
    let first = i64::from(start);
    let g = rng.range(300, 1500);
    let values = match ind.form {
        Form::Stock | Form::Annual => years
            .iter()
            .map(|&y| {
                let mut v = base;
                for _ in 0..=(i64::from(y) - first) {
                    v = step(v, g, down);
                }
                round(v, ind.decimals)
            })
            .collect(),
        Form::Cumulative => {
            // The sum of the yearly amounts from the first plan year on.
            let yearly = base;
            years
                .iter()
                .map(|&y| round(yearly * (i64::from(y) - first + 1), ind.decimals).max(least))
                .collect()
        }
        Form::Growth => years
            .iter()
            .map(|_| round(rng.range(300, 2000), ind.decimals))
            .collect(),
        Form::Ratio => {
            let mut v = base.min(9_500);
            years
                .iter()
                .map(|_| {
                    v = if down {
                        step(v, rng.range(500, 1500), true)
                    } else if ind.direction == "target_band" {
                        v
                    } else {
                        (v + rng.range(50, 300)).min(9_990)
                    };
                    round(v, ind.decimals)
                })
                .collect()
        }
    };
    (base, values)
}

/// The years a plan's table gives targets for: each year of a short plan, every fifth
/// year of a long one.
pub fn table_years(start: u16, end: u16) -> Vec<u16> {
    if end - start < 5 {
        (start..=end).collect()
    } else {
        (start..=end)
            .filter(|y| (y - start) % 5 == 4 || *y == end)
            .collect()
    }
}

pub struct Rows {
    pub rows: Vec<Row>,
    /// Per task (1-based number − 1): the statements its paragraph makes.
    pub task_statements: Vec<Vec<String>>,
}

pub fn rows(
    catalogue: &[Indicator],
    region: &Region,
    meta: &PlanMeta,
    tasks: usize,
    rng: &mut Rng,
) -> Rows {
    let years = table_years(meta.start, meta.end);
    let n = rng.range(10, 30) as usize;
    let n_table = (n * 3 / 5).max(4);
    let rest = n - n_table;
    let n_qual = rest.min(rng.range(1, 2) as usize);
    let n_task = (rest - n_qual).min(rng.range(1, 3) as usize);
    let n_text = rest - n_qual - n_task;
    let mut rows = Vec::with_capacity(n);
    let mut task_statements = vec![Vec::new(); tasks];
    let wording = |ind: &Indicator, rng: &mut Rng| {
        if ind.aliases.is_empty() || rng.chance(60) {
            ind.name.clone()
        } else {
            rng.pick(&ind.aliases)
        }
    };

    // 附件1: one row per indicator with a target for every table year.
    let picked = rng.sample(catalogue.len(), n_table);
    for &i in &picked {
        let ind = &catalogue[i];
        let (base, values) = series(ind, region.level, meta.start, &years, rng);
        let unit = written_unit(ind, base, rng);
        let written = |c: i64| number(convert(c, ind.unit, unit));
        let has_baseline = ind.form != Form::Cumulative;
        let cmp = if ind.lower_is_better() || rng.chance(85) {
            "="
        } else {
            "≥"
        };
        let baseline_year = meta.start - 1;
        rows.push(Row {
            indicator: i,
            wording: wording(ind, rng),
            unit,
            measure: ind.form.measure(),
            attribute: match rng.below(10) {
                0..=3 => Some("预期性"),
                4 => Some("约束性"),
                _ => None,
            },
            baseline: has_baseline.then(|| (baseline_year, written(base))),
            actual: (has_baseline && rng.chance(15)).then(|| {
                (
                    baseline_year - 1,
                    written(round(base * 9 / 10, ind.decimals)),
                )
            }),
            targets: years
                .iter()
                .zip(&values)
                .map(|(&y, &v)| (y, written(v), cmp))
                .collect(),
            responsible: region.units(rng, 4),
            section: "annex-1".to_string(),
            note: rng
                .chance(10)
                .then(|| "合成测试数据：本行数值为随机生成。".to_string()),
        });
    }

    // 发展目标: some table indicators again, as the text words them, for the last year.
    for j in 0..n_text {
        let i = picked[j % picked.len()];
        let ind = &catalogue[i];
        let table = &rows[j % picked.len()];
        let (_, value, _) = table.targets.last().cloned().unwrap_or_default();
        let cmp = if ind.lower_is_better() {
            "≤"
        } else if ind.direction == "target_band" {
            "="
        } else if rng.chance(50) {
            "≥"
        } else {
            ">"
        };
        rows.push(Row {
            indicator: i,
            wording: wording(ind, rng),
            unit: table.unit,
            measure: table.measure,
            attribute: None,
            baseline: None,
            actual: None,
            targets: vec![(meta.end, value, cmp)],
            responsible: Vec::new(),
            section: "goals".to_string(),
            note: None,
        });
    }

    // Goals without a number.
    for _ in 0..n_qual {
        let i = rng.below(catalogue.len());
        let ind = &catalogue[i];
        rows.push(Row {
            indicator: i,
            wording: wording(ind, rng),
            unit: "",
            measure: "qualitative",
            attribute: None,
            baseline: None,
            actual: None,
            targets: vec![(meta.end, rng.pick(&text::QUALITATIVE).to_string(), "=")],
            responsible: Vec::new(),
            section: "goals".to_string(),
            note: Some("原文未给出数值。".to_string()),
        });
    }

    // A yearly amount or rate named in one task's paragraph: an indicator the table
    // does not set, since a plan states one value per indicator and year (planpub
    // refuses two different ones).
    let mut used: Vec<usize> = picked.clone();
    for _ in 0..n_task {
        let Some(i) = (0..catalogue.len())
            .map(|_| rng.below(catalogue.len()))
            .find(|i| !used.contains(i))
        else {
            break;
        };
        used.push(i);
        let ind = &catalogue[i];
        let (base, values) = series(ind, region.level, meta.start, &[meta.end], rng);
        let unit = written_unit(ind, base, rng);
        let task = rng.below(tasks);
        let cmp = if ind.lower_is_better() { "≤" } else { ">" };
        let row = Row {
            indicator: i,
            wording: wording(ind, rng),
            unit,
            measure: ind.form.measure(),
            attribute: None,
            baseline: None,
            actual: None,
            targets: vec![(meta.end, number(convert(values[0], ind.unit, unit)), cmp)],
            responsible: region.units(rng, 3),
            section: format!("task-{}", task + 1),
            note: None,
        };
        task_statements[task].push(format!("到{}年，{}。", meta.end, row.statement()));
        rows.push(row);
    }
    Rows {
        rows,
        task_statements,
    }
}

/// The unit a row writes: the catalogue's, or a convertible one where the number
/// reads naturally in it (1.8 万件, 5000 万元).
fn written_unit(ind: &Indicator, base_centi: i64, rng: &mut Rng) -> &'static str {
    if ind.alt_units.is_empty() || rng.chance(60) {
        return ind.unit;
    }
    let alt = rng.pick(ind.alt_units);
    // At least 1 in the alternative unit, so nothing rounds to 0.
    if convert(base_centi, ind.unit, alt) >= 100 {
        alt
    } else {
        ind.unit
    }
}

pub fn indicators(buf: &mut String, catalogue: &[Indicator], rows: &[Row], me: &PlanMeta) {
    buf.push_str("---\nindicators:\n");
    let mut last_section = "";
    for row in rows {
        if row.section != last_section {
            let heading = match row.section.as_str() {
                "annex-1" => "附件1 主要指标".to_string(),
                "goals" => "发展目标".to_string(),
                task => format!("重点任务 {task}"),
            };
            let _ = writeln!(buf, "  # {heading}");
            last_section = &row.section;
        }
        let _ = writeln!(buf, "  - indicator: {}", catalogue[row.indicator].id);
        let _ = writeln!(buf, "    wording: {}", row.wording);
        let _ = writeln!(buf, "    unit: \"{}\"", row.unit);
        let _ = writeln!(buf, "    measure: {}", row.measure);
        if let Some(a) = row.attribute {
            let _ = writeln!(buf, "    attribute: {a}");
        }
        if let Some((y, v)) = &row.baseline {
            let _ = writeln!(buf, "    baseline: {{year: {y}, value: {v}}}");
        }
        if let Some((y, v)) = &row.actual {
            let _ = writeln!(buf, "    actuals: [{{year: {y}, value: {v}}}]");
        }
        buf.push_str("    targets:\n");
        for (y, v, cmp) in &row.targets {
            let _ = writeln!(
                buf,
                "      - {{year: {y}, value: {v}, comparator: \"{cmp}\"}}"
            );
        }
        let _ = writeln!(buf, "    responsible: [{}]", row.responsible.join(", "));
        let _ = writeln!(buf, "    section: {}", row.section);
        if let Some(n) = &row.note {
            let _ = writeln!(buf, "    note: {n}");
        }
    }
    buf.push_str("---\n");
    let _ = writeln!(
        buf,
        "本表收录{}中的量化目标：附件1主要指标、“发展目标”一段的目标和重点任务中的目标。本表为合成测试数据。",
        me.short_title
    );
}
