//! planpub: a static site generator for the public disclosure of government plans.
//!
//! The pipeline is the architecture; each stage is one module and data flows one way:
//! [`load`] → [`model`] → [`link`] → [`render`] → [`write`]. [`engine`] runs them,
//! the same way for `build`, `check` and the preview; [`search`] indexes the rendered
//! pages and [`check`] verifies the rendered site's links before anything is written.
//! [`import`] stands beside the pipeline: it turns a plain-text plan into a draft bundle.
//! [`serve`] is the editors' preview: the site kept in memory by [`engine::preview`],
//! built again on each save.
//! [`scaffold`] creates new region and plan files for editors to fill in; [`schema`]
//! writes the JSON Schemas of the front matter, for editors' completion and validation.

pub mod check;
pub mod diagnostic;
pub mod engine;
#[doc(hidden)]
pub mod fuzz;
pub mod import;
pub mod link;
pub mod load;
pub mod model;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod stamp;
pub mod vocabulary;
pub mod write;
pub mod yaml_scalar;
