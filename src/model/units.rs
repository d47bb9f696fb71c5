//! The unit catalogue: the units planpub bundles ([`super::quantity`]) and those a
//! site declares in content/units.yaml (亿户, Mbps, or 亿 where the site's documents
//! use it for people), each with its base unit and power of ten. Units with the same
//! base convert exactly into each other; no unit is ever compared with another base.

use super::ModelError;
use super::quantity::{Unit, known_units};
use crate::diagnostic::Location;
use crate::load::Doc;
use crate::load::raw::RawUnits;

/// Every unit a site can write.
#[derive(Debug, Clone, Default)]
pub struct UnitCatalogue {
    declared: Vec<Unit>,
}

impl UnitCatalogue {
    /// The unit written `written`, bundled or declared.
    pub fn parse(&self, written: &str) -> Option<Unit> {
        Unit::parse(written).or_else(|| {
            let w = written.trim();
            self.declared.iter().find(|u| u.written == w).cloned()
        })
    }

    /// Known units that count what `found` seems to count: those whose base is
    /// written in it (万伴件 → 件, 万件). A hint never offers a unit of another kind,
    /// so 亿 (a scale alone) gets no suggestion rather than 亿元.
    pub fn alike(&self, found: &str) -> Vec<String> {
        let found = found.trim();
        let bases = known_units()
            .filter_map(Unit::parse)
            .chain(self.declared.iter().cloned());
        let mut out: Vec<String> = bases
            .filter(|u| !u.base.is_empty() && found.contains(u.base.as_str()))
            .map(|u| u.written)
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// Reads content/units.yaml. A unit planpub already bundles, or one given twice, is an
/// error: one way of writing has one meaning on a site.
pub(super) fn catalogue(doc: &Doc<RawUnits>, errors: &mut Vec<ModelError>) -> UnitCatalogue {
    let mut ctx = super::Ctx::new(
        &doc.file,
        doc.yaml.start,
        std::sync::Arc::new(super::Terms::default()),
    );
    let mut declared: Vec<(Unit, Location)> = Vec::new();
    for entry in &doc.front.units {
        let raw = &entry.value;
        let written = ctx.text(&raw.unit, "unit");
        let base = ctx.text(&raw.base, "base");
        let at = ctx.loc(&raw.unit);
        let power = raw.power.as_ref().map_or(0, |p| p.value);
        if !(-12..=12).contains(&power) {
            let at = raw
                .power
                .as_ref()
                .map_or_else(|| at.clone(), |p| ctx.loc(p));
            ctx.errors.push(ModelError::UnitPower { at, power });
        }
        if let Some(bundled) = Unit::parse(&written) {
            ctx.errors.push(ModelError::UnitBundled {
                at,
                unit: written,
                base: bundled.base,
                power: bundled.exponent,
            });
            continue;
        }
        if let Some((_, first)) = declared.iter().find(|(u, _)| u.written == written) {
            ctx.errors.push(ModelError::UnitTwice {
                at,
                unit: written,
                first_line: first.line_col().0,
            });
            continue;
        }
        if written.is_empty() || base.is_empty() {
            continue;
        }
        declared.push((
            Unit {
                written,
                base,
                exponent: power,
            },
            at,
        ));
    }
    errors.append(&mut ctx.errors);
    UnitCatalogue {
        declared: declared.into_iter().map(|(u, _)| u).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_alone_gets_no_suggestion_of_another_kind() {
        let units = UnitCatalogue::default();
        assert!(units.alike("亿").is_empty());
        assert!(units.alike("兆瓦").is_empty());
        assert_eq!(
            units.alike("万伴件"),
            vec!["万件".to_string(), "件".to_string()]
        );
    }

    #[test]
    fn declared_units_convert_within_their_base() {
        let units = UnitCatalogue {
            declared: vec![
                Unit {
                    written: "亿户".into(),
                    base: "户".into(),
                    exponent: 8,
                },
                Unit {
                    written: "万户".into(),
                    base: "户".into(),
                    exponent: 4,
                },
            ],
        };
        let yi = units.parse("亿户").unwrap();
        let wan = units.parse("万户").unwrap();
        assert_eq!(yi.exponent_to(&wan), Some(4));
        assert_eq!(yi.exponent_to(&units.parse("亿元").unwrap()), None);
    }
}
