//! The units planpub bundles: every spelling it reads, with the base unit it converts
//! to and the power of ten between them. The model's `Unit` parses with this table;
//! the schema offers its spellings to editors.

/// Every unit planpub can read, with its base unit and factor. Units that share a base
/// can be compared; others cannot.
pub(crate) const UNITS: &[(&str, &str, i32)] = &[
    ("", "", 0),
    ("件", "件", 0),
    ("万件", "件", 4),
    ("个", "个", 0),
    ("家", "家", 0),
    ("项", "项", 0),
    ("个项目", "项", 0),
    ("名", "人", 0),
    ("人", "人", 0),
    ("万人", "人", 4),
    ("人次", "人次", 0),
    ("万人次", "人次", 4),
    ("次", "次", 0),
    ("场", "场", 0),
    ("场次", "场次", 0),
    ("所", "所", 0),
    ("部", "部", 0),
    ("套", "套", 0),
    ("条", "条", 0),
    ("元", "元", 0),
    ("万元", "元", 4),
    ("亿元", "元", 8),
    ("%", "%", 0),
    ("个百分点", "个百分点", 0),
    ("天", "天", 0),
    ("个工作日", "个工作日", 0),
    ("倍", "倍", 0),
    ("万亿元", "元", 12),
    ("亿人", "人", 8),
    ("亿人次", "人次", 8),
    ("户", "户", 0),
    ("万户", "户", 4),
    ("亿户", "户", 8),
    ("bps", "bps", 0),
    ("kbps", "bps", 3),
    ("Mbps", "bps", 6),
    ("Gbps", "bps", 9),
    ("Tbps", "bps", 12),
];

/// Other spellings of a unit that mean the same unit: the full-width percent sign
/// Chinese input methods type.
pub(crate) const SPELLINGS: &[(&str, &str)] = &[("％", "%")];

pub fn known_units() -> impl Iterator<Item = &'static str> + Clone {
    UNITS.iter().map(|(w, _, _)| *w).filter(|w| !w.is_empty())
}

/// Every way of writing a unit that `model::quantity::Unit::parse` accepts, `""` (no unit) included.
pub fn unit_spellings() -> impl Iterator<Item = &'static str> {
    UNITS
        .iter()
        .map(|(w, _, _)| *w)
        .chain(SPELLINGS.iter().map(|(s, _)| *s))
}
