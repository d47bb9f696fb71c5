//! The words of the content format, below every stage: the closed sets (levels, plan
//! kinds, validity, categories, directions, comparators, measures, attributes, value
//! kinds, the raw-HTML setting) and the bundled units' spellings.
//!
//! The load stage's raw types name them in their JSON Schema, the model stage checks
//! values against them, and later stages show their labels. Living here rather than
//! in `model` keeps the stages' imports one way: load → model, never back.

pub(crate) mod closed_set;
mod sets;
pub mod units;

pub use sets::*;
