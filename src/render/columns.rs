//! The columns of the value tables (targets.csv, the per-plan and per-indicator files
//! and the workbooks): name, Table Schema type, Chinese title and meaning, in the order
//! of [`super::data::TargetRecord`]'s fields. The CSV header, datapackage.json's
//! Table Schema and the workbook's headers all come from here (docs/open-data.md).

/// One column of a table of the open data: name, Table Schema type, Chinese title and meaning
/// (docs/open-data.md). The CSV header and datapackage.json both come from here.
pub struct Column {
    pub name: &'static str,
    pub kind: &'static str,
    pub title: &'static str,
    pub description: &'static str,
}

impl Column {
    pub const fn new(
        name: &'static str,
        kind: &'static str,
        title: &'static str,
        description: &'static str,
    ) -> Column {
        Column {
            name,
            kind,
            title,
            description,
        }
    }
}

const fn col(
    name: &'static str,
    kind: &'static str,
    title: &'static str,
    description: &'static str,
) -> Column {
    Column::new(name, kind, title, description)
}

/// In the order of [`super::data::TargetRecord`]'s fields, which serde writes as the header.
pub const COLUMNS: &[Column] = &[
    col("region_id", "string", "地区代码", "the region's id"),
    col("region_name", "string", "地区", "the region's name"),
    col("plan_id", "string", "规划代码", "the plan's id"),
    col("plan_title", "string", "规划名称", "the plan's full title"),
    col(
        "indicator_id",
        "string",
        "指标代码",
        "the catalogue indicator's id",
    ),
    col(
        "indicator_name",
        "string",
        "指标",
        "the catalogue indicator's name",
    ),
    col(
        "wording",
        "string",
        "原文指标名称",
        "the indicator's name exactly as the plan writes it",
    ),
    col(
        "category",
        "string",
        "类别",
        "创造, 运用, 保护, 管理, 服务 or 基础",
    ),
    col("kind", "string", "数值类型", "baseline, actual or target"),
    col("year", "year", "年份", "the year the value is for"),
    col(
        "comparator",
        "string",
        "比较",
        "for targets: ≥ > = ≤ <, in CSV with = written '= (a formula defence); empty otherwise",
    ),
    col(
        "value",
        "string",
        "数值（原文）",
        "the value exactly as the plan writes it: a number in the plan's unit, or words for a qualitative goal",
    ),
    col(
        "unit",
        "string",
        "单位",
        "the unit exactly as the plan writes it",
    ),
    col(
        "measure",
        "string",
        "计量方式",
        "stock, cumulative, annual, growth_rate, ratio or qualitative",
    ),
    col(
        "attribute",
        "string",
        "指标属性",
        "预期性 or 约束性 where the plan states it; empty otherwise",
    ),
    col(
        "responsible",
        "string",
        "责任单位",
        "the responsible units, joined with 、",
    ),
    col(
        "page_url",
        "string",
        "出处",
        "the address of the paragraph the value comes from",
    ),
    col(
        "comparator_code",
        "string",
        "比较代码",
        "for targets: at_least, more_than, reach, at_most or less_than (≥ > = ≤ <); empty otherwise",
    ),
    col(
        "value_number",
        "number",
        "数值",
        "the value as a number in the plan's unit; empty for a qualitative goal",
    ),
    col(
        "value_in_catalogue_unit",
        "number",
        "数值（目录单位）",
        "the value restated exactly in catalogue_unit; empty for a qualitative goal",
    ),
    col(
        "catalogue_unit",
        "string",
        "目录单位",
        "the unit of value_in_catalogue_unit: the catalogue indicator's unit, or for a growth rate the plan's own",
    ),
];
