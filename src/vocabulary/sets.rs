//! The closed sets of the content format: what a region's level, a plan's kind and
//! validity, a catalogue indicator's category and direction, a value's comparator,
//! measure and attribute, and the raw-HTML setting can be. Each is one table
//! ([`super::closed_set`]).

use serde::Serialize;

use super::closed_set::closed_set;

closed_set! {
    /// What becomes of raw HTML that editors write in Markdown.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum RawHtml {
        /// Kept, through an allowlist that removes scripts, event handlers, styles and
        /// script-capable addresses.
        #[default]
        Sanitise = "sanitise",
        /// Shown as text, for sites that want no markup from content at all.
        Escape = "escape",
    }
}

closed_set! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Level {
        Country = "country" => "国家",
        Province = "province" => "省",
        Municipality = "municipality" => "直辖市",
        Prefecture = "prefecture" => "地级市",
        District = "district" => "区",
        County = "county" => "县",
    }
}

/// The document type of a plan (体裁).
/// 体裁 (a plan's kind): one of the kinds planpub bundles, or one the site adds in
/// site.yaml's `plan_kinds`. Checked once by the model stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PlanKind(String);

impl PlanKind {
    /// The kinds every site has, in the order editors are offered them.
    pub const BUNDLED: &'static [&'static str] = &[
        "纲要",
        "规划",
        "实施方案",
        "行动计划",
        "行动方案",
        "三年行动计划",
        "工作方案",
        "工作要点",
        "意见",
        "实施意见",
        "通知",
        "政策解读",
    ];

    /// `name` as a kind, when it is bundled or among `extra` (site.yaml's `plan_kinds`).
    pub fn new(name: &str, extra: &[String]) -> Option<PlanKind> {
        let name = name.trim();
        (Self::BUNDLED.contains(&name) || extra.iter().any(|k| k == name))
            .then(|| PlanKind(name.to_string()))
    }

    /// The kind as written, unchecked: for a plan whose kind is an error already.
    pub(crate) fn as_written(name: &str) -> PlanKind {
        PlanKind(name.trim().to_string())
    }

    pub fn label(&self) -> &str {
        &self.0
    }
}

closed_set! {
    /// 有效性: the YAML names are the labels.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Status {
        InForce = "现行有效" => "现行有效",
        Expired = "已失效" => "已失效",
        Repealed = "已废止" => "已废止",
        Amended = "已修订" => "已修订",
    }
}

closed_set! {
    /// A catalogue indicator's category: the YAML names are the labels. The order is
    /// the order of the matrix's columns.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Category {
        Creation = "创造" => "创造",
        Utilisation = "运用" => "运用",
        Protection = "保护" => "保护",
        Management = "管理" => "管理",
        Service = "服务" => "服务",
        Foundation = "基础" => "基础",
    }
}

closed_set! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Direction {
        HigherIsBetter = "higher_is_better" => "越高越好",
        LowerIsBetter = "lower_is_better" => "越低越好",
        TargetBand = "target_band" => "保持在目标区间",
    }
}

closed_set! {
    /// How a target relates to its value: 以上/不少于 → ≥, 突破/超过 → >, 达到 → =.
    /// The label is how a reader says it, for screen readers and tooltips.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Comparator {
        AtLeast = "≥" | ">=" => "不少于",
        MoreThan = ">" => "超过",
        Reach = "=" => "达到",
        AtMost = "≤" | "<=" => "不超过",
        LessThan = "<" => "低于",
    }
}

impl Comparator {
    /// The sign, as pages and the open data write it.
    pub const fn symbol(self) -> &'static str {
        self.name()
    }

    /// The sign in words.
    pub const fn words(self) -> &'static str {
        self.label()
    }

    /// A stable ASCII code for the open data: the canonical names are signs, and `=`
    /// alone in a spreadsheet cell starts a formula, so tables also give a code that
    /// no program reads as anything but a word.
    pub const fn code(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at_least",
            Comparator::MoreThan => "more_than",
            Comparator::Reach => "reach",
            Comparator::AtMost => "at_most",
            Comparator::LessThan => "less_than",
        }
    }

    /// Every code, in the table's order.
    pub const CODES: &'static [&'static str] =
        &["at_least", "more_than", "reach", "at_most", "less_than"];
}

closed_set! {
    /// What kind of quantity an indicator value is. Values of different measures are
    /// never put in one column.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Measure {
        Stock = "stock" => "存量",
        Cumulative = "cumulative" => "累计",
        Annual = "annual" => "年度",
        GrowthRate = "growth_rate" => "增幅",
        Ratio = "ratio" => "比重",
        Qualitative = "qualitative" => "定性",
    }
}

closed_set! {
    /// 预期性 (indicative) or 约束性 (binding): the YAML names are the labels.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Attribute {
        Expected = "预期性" => "预期性",
        Binding = "约束性" => "约束性",
    }
}

closed_set! {
    /// What a value of a plan row is: a starting value, a reported value or a goal.
    /// The name is the open data's `kind` column.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum ObservationKind {
        Baseline = "baseline" => "基期",
        Actual = "actual" => "实际",
        Target = "target" => "目标",
    }
}

#[cfg(test)]
mod tests {
    use super::Comparator;

    #[test]
    fn every_comparator_has_its_own_ascii_code_listed_in_order() {
        let codes: Vec<&str> = Comparator::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(codes, Comparator::CODES);
        for (i, code) in codes.iter().enumerate() {
            assert!(code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert!(!codes[..i].contains(code), "{code} twice");
        }
        assert_eq!(Comparator::Reach.code(), "reach");
    }
}
