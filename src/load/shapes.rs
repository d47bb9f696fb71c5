//! What each raw front-matter field looks like in YAML, for the JSON Schemas: the raw
//! types hold `Spanned<String>` (a foreign type schemars cannot describe), so each
//! field names one of these stand-ins with `#[schemars(with = "…")]`.
//!
//! A stand-in describes what the loader and the model stage accept, never less: a
//! schema that rejects valid content would teach editors to ignore it. The closed
//! sets (level, kind, measure …) are read from `crate::vocabulary`'s `CHOICES`, so they are
//! written down once.

use std::borrow::Cow;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::vocabulary::{self as model, units};

/// Text that must not be empty: a name, a title, an anchor.
pub struct Text;

/// Text that may be empty or left out.
pub struct OptText;

/// A year: YAML writes `2025` as a number, `"2025"` or `2025年` as text.
pub struct Year;

/// A value as the plan writes it: `1.8` (a number to YAML), `"1.50"`, or words.
pub struct Value;

/// Digits that YAML reads as a number unless quoted (网站标识码, a phone number).
pub struct Digits;

/// A unit as written: one planpub can compare, or `""` for none.
pub struct Unit;

/// One of the values the model stage accepts for a field.
pub struct OneOf<T>(PhantomData<T>);

/// [`OneOf`], or `""` for a field whose empty value means "not stated".
pub struct OrEmpty<T>(PhantomData<T>);

pub type Level = OneOf<model::Level>;
pub type Kind = OneOf<model::PlanKind>;
pub type Status = OrEmpty<model::Status>;
pub type Measure = OneOf<model::Measure>;
pub type Attribute = OrEmpty<model::Attribute>;
pub type Comparator = OneOf<model::Comparator>;
pub type Category = OneOf<model::Category>;
pub type Direction = OneOf<model::Direction>;
pub type RawHtml = OrEmpty<model::RawHtml>;

/// A closed set of the model stage: the names it accepts, in its order.
pub trait Closed {
    fn names() -> Vec<&'static str>;
}

macro_rules! closed {
    ($($t:ty),*) => {$(
        impl Closed for $t {
            fn names() -> Vec<&'static str> {
                <$t>::CHOICES.iter().map(|(name, _)| *name).collect()
            }
        }
    )*};
}

impl Closed for model::PlanKind {
    fn names() -> Vec<&'static str> {
        model::PlanKind::BUNDLED.to_vec()
    }
}

closed!(
    model::Level,
    model::Status,
    model::Category,
    model::Direction,
    model::RawHtml,
    model::Measure,
    model::Attribute,
    model::Comparator
);

/// Every stand-in is written out where it is used, so an editor's hover shows it.
macro_rules! shape {
    ($t:ty, $name:literal, $schema:expr) => {
        impl JsonSchema for $t {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

shape!(
    Text,
    "Text",
    json_schema!({"type": "string", "minLength": 1})
);
shape!(OptText, "OptText", json_schema!({"type": "string"}));
shape!(Year, "Year", json_schema!({"type": ["integer", "string"]}));
shape!(
    Value,
    "Value",
    json_schema!({"type": ["number", "string"], "minLength": 1})
);
shape!(
    Digits,
    "Digits",
    json_schema!({"type": ["integer", "string"]})
);
shape!(
    Unit,
    "Unit",
    json_schema!({"type": "string", "enum": units::unit_spellings().collect::<Vec<_>>()})
);

impl<T: Closed> JsonSchema for OneOf<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("OneOf_{}", T::names().join("_")).into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string", "enum": T::names()})
    }
}

impl<T: Closed> JsonSchema for OrEmpty<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("OrEmpty_{}", T::names().join("_")).into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut names = T::names();
        names.push("");
        json_schema!({"type": "string", "enum": names})
    }
}
