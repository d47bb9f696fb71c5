//! planpub: a static site generator for the public disclosure of government plans.
//!
//! The pipeline is the architecture; each stage is one module and data flows one way:
//! [`load`] → [`model`] → [`link`] → [`render`] → [`write`]. [`build`] runs them;
//! [`search`] indexes the rendered pages and [`check`] verifies the rendered site's
//! links before anything is written.
//! [`import`] stands beside the pipeline: it turns a plain-text plan into a draft bundle.
//! [`serve`] is the editors' preview: the pipeline kept in memory, run again on each
//! save by [`build::incremental`].
//! [`scaffold`] creates new region and plan files for editors to fill in; [`schema`]
//! writes the JSON Schemas of the front matter, for editors' completion and validation.

pub mod build;
pub mod check;
pub mod diagnostic;
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
pub mod write;
pub mod yaml_scalar;
