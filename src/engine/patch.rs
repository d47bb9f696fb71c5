//! The preview's shortcut for its commonest save: an edit to a plan's prose.
//!
//! When nothing changed but the body texts of some plans, and each new text shows the
//! rest of the site what the last one did (the same outline and citations,
//! [`link::same_outline`]), what model and link made of the site still holds but for
//! those texts. The last linked site then takes the new texts in place, and modelling
//! and linking the whole site again are skipped: at 10,000 plans they are most of a
//! save. Any other change, or a text the model objects to, goes the whole way, which
//! reports it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::SourceFile;
use crate::link::{self, Linked};
use crate::load::{Fingerprint, Loaded};
use crate::model::document::Document;
use crate::model::{self, PlanIx};

/// New texts for plans of a linked site or, once swapped in, the texts they replaced.
pub struct Texts(Vec<(PlanIx, Arc<SourceFile>, Document)>);

impl Texts {
    /// The new texts of the plans whose prose alone changed since `linked` was read
    /// with the fingerprint `was`, if that is all that changed in `loaded`.
    pub fn of(
        linked: &Linked,
        was: &Fingerprint,
        loaded: &Loaded,
        now: &Fingerprint,
    ) -> Option<Texts> {
        let changed = now.texts_changed_since(was)?;
        let bundles: HashMap<&str, _> = loaded.plans.iter().map(|b| (b.id.as_str(), b)).collect();
        let plans: HashMap<&str, PlanIx> = linked
            .site
            .plans
            .enumerate()
            .map(|(p, plan)| (plan.id.as_str(), p))
            .collect();
        let mut texts = Vec::with_capacity(changed.len());
        for id in changed {
            let (bundle, &p) = (bundles.get(id)?, plans.get(id)?);
            let mut errors = Vec::new();
            let body = model::plan_body(&bundle.index, &mut errors);
            if !errors.is_empty() || !link::same_outline(linked, p, &body) {
                return None;
            }
            texts.push((p, Arc::clone(&bundle.index.file), body));
        }
        Some(Texts(texts))
    }

    /// Swaps these texts with the plans' own in `linked`: the first call puts the new
    /// texts in, a second puts the old ones back.
    pub fn swap(&mut self, linked: &mut Linked) {
        for (p, file, body) in &mut self.0 {
            let plan = &mut linked.site.plans[*p];
            std::mem::swap(&mut plan.file, file);
            std::mem::swap(&mut plan.body, body);
        }
    }
}
