//! The checking context of one content file: it turns raw values into typed ones (a
//! date that exists, a unit of the site's catalogue, a plan kind, an id) and collects
//! every error with its place in the file, so one run shows the editor all of them.

use std::sync::Arc;

use serde_saphyr::Spanned;

use super::date::{Date, Year};
use super::document::Document;
use super::quantity::{Measure, Unit, Value};
use super::{Located, ModelError, PlanKind, units};
use crate::diagnostic::{Location, SourceFile};
use crate::load::Doc;
use crate::load::raw::S;

/// What a site adds to planpub's own vocabulary: its units and its plan kinds.
#[derive(Debug, Default)]
pub(super) struct Terms {
    pub(super) units: units::UnitCatalogue,
    pub(super) plan_kinds: Vec<String>,
}

/// Checks values of one file and collects what is wrong with them.
pub(super) struct Ctx {
    pub(super) file: Arc<SourceFile>,
    pub(super) yaml_start: usize,
    pub(super) errors: Vec<ModelError>,
    pub(super) terms: Arc<Terms>,
}

impl Ctx {
    pub(super) fn new(file: &Arc<SourceFile>, yaml_start: usize, terms: Arc<Terms>) -> Self {
        Self {
            file: Arc::clone(file),
            yaml_start,
            errors: Vec::new(),
            terms,
        }
    }

    /// A context for another file of the same plan (its indicators.md).
    pub(super) fn for_doc<T>(&self, doc: &Doc<T>) -> Ctx {
        Ctx::new(&doc.file, doc.yaml.start, Arc::clone(&self.terms))
    }

    /// The first line of text within `range` of the file.
    pub(super) fn loc_range(&self, range: std::ops::Range<usize>) -> Location {
        let text = &self.file.text[range.clone()];
        let skipped = text.len() - text.trim_start().len();
        let start = range.start + skipped;
        let len = text
            .trim_start()
            .find('\n')
            .unwrap_or(text.trim_start().len());
        Location::new(&self.file, start..start + len)
    }

    pub(super) fn loc<T>(&self, s: &Spanned<T>) -> Location {
        let span = s.referenced.span();
        match (span.byte_offset(), span.byte_len()) {
            (Some(off), len) => {
                let start = self.yaml_start + off as usize;
                Location::new(&self.file, start..start + len.unwrap_or(0) as usize)
            }
            _ => {
                let (base, _) = self.file.line_col(self.yaml_start);
                let line = s.referenced.line() as usize;
                let start = self.file.offset_of(
                    base + line.saturating_sub(1),
                    s.referenced.column() as usize,
                );
                Location::new(&self.file, start..start)
            }
        }
    }

    pub(super) fn file_start(&self) -> Location {
        Location::file_start(&self.file)
    }

    /// A required text: trimmed, and an error when empty.
    pub(super) fn text(&mut self, s: &S<String>, field: &'static str) -> String {
        let t = s.value.trim();
        if t.is_empty() {
            let at = self.loc(s);
            self.errors.push(ModelError::Empty { at, field });
        }
        t.to_string()
    }

    pub(super) fn located_text(&mut self, s: &S<String>, field: &'static str) -> Located<String> {
        Located {
            value: self.text(s, field),
            at: self.loc(s),
        }
    }

    /// An optional text with where it was written, for checks across files.
    pub(super) fn opt_located_text(&mut self, s: &Option<S<String>>) -> Option<Located<String>> {
        let value = self.opt_text(s)?;
        Some(Located {
            value,
            at: self.loc(s.as_ref()?),
        })
    }

    /// An optional text: empty means "not stated".
    pub(super) fn opt_text(&mut self, s: &Option<S<String>>) -> Option<String> {
        s.as_ref()
            .map(|s| s.value.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    /// An optional web address; anything but http(s) is an error, since it becomes a link.
    pub(super) fn opt_url(&mut self, s: &Option<S<String>>) -> Option<String> {
        let url = self.opt_text(s)?;
        self.check_url(s.as_ref()?, &url);
        Some(url)
    }

    /// An optional telephone number, which becomes a `tel:` link: digits, with the
    /// separators numbers are written with (- ( ) + space, and 转 before an extension).
    pub(super) fn opt_telephone(&mut self, s: &Option<S<String>>) -> Option<String> {
        let phone = self.opt_text(s)?;
        let allowed = |c: char| c.is_ascii_digit() || "-()+ （）转".contains(c);
        if !phone.chars().all(allowed) || !phone.chars().any(|c| c.is_ascii_digit()) {
            let at = self.loc(s.as_ref()?);
            self.errors.push(ModelError::InvalidContact {
                at,
                field: "telephone",
                found: phone,
            });
            return None;
        }
        Some(phone)
    }

    /// An optional email address, which becomes a `mailto:` link: one `@`, a dot in
    /// the domain, no spaces.
    pub(super) fn opt_email(&mut self, s: &Option<S<String>>) -> Option<String> {
        let email = self.opt_text(s)?;
        let valid = match email.split_once('@') {
            Some((user, domain)) => {
                !user.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
                    && !email.contains(char::is_whitespace)
                    && email.is_ascii()
            }
            None => false,
        };
        if !valid {
            let at = self.loc(s.as_ref()?);
            self.errors.push(ModelError::InvalidContact {
                at,
                field: "email",
                found: email,
            });
            return None;
        }
        Some(email)
    }

    /// A web address becomes a link or the site's base; only http(s) without spaces.
    pub(super) fn check_url(&mut self, at: &S<String>, url: &str) {
        if !(url.starts_with("https://") || url.starts_with("http://"))
            || url.contains(char::is_whitespace)
        {
            let at = self.loc(at);
            self.errors.push(ModelError::InvalidUrl {
                at,
                found: url.to_string(),
            });
        }
    }

    pub(super) fn list(&mut self, v: &Option<Vec<S<String>>>) -> Vec<String> {
        v.iter()
            .flatten()
            .map(|s| s.value.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    }

    pub(super) fn choice<T: Copy>(
        &mut self,
        s: &S<String>,
        field: &'static str,
        choices: &[(&'static str, T)],
    ) -> Option<T> {
        let t = s.value.trim();
        match choices.iter().find(|(name, _)| *name == t) {
            Some((_, v)) => Some(*v),
            // An empty required field (a `planpub new` file not yet filled in) is named
            // as empty, like an empty text field.
            None if t.is_empty() => {
                let at = self.loc(s);
                self.errors.push(ModelError::Empty { at, field });
                None
            }
            None => {
                let at = self.loc(s);
                self.errors.push(ModelError::InvalidChoice {
                    at,
                    field,
                    found: t.to_string(),
                    expected: choices.iter().map(|(n, _)| *n).collect(),
                });
                None
            }
        }
    }

    pub(super) fn opt_choice<T: Copy>(
        &mut self,
        s: &Option<S<String>>,
        field: &'static str,
        choices: &[(&'static str, T)],
    ) -> Option<T> {
        s.as_ref()
            .filter(|s| !s.value.trim().is_empty())
            .and_then(|s| self.choice(s, field, choices))
    }

    pub(super) fn date(&mut self, s: &Option<S<String>>) -> Option<Date> {
        let s = s.as_ref().filter(|s| !s.value.trim().is_empty())?;
        match Date::parse(&s.value) {
            Ok(d) => Some(d),
            Err(reason) => {
                let at = self.loc(s);
                self.errors.push(ModelError::InvalidDate {
                    at,
                    found: s.value.clone(),
                    reason,
                });
                None
            }
        }
    }

    /// A plan kind: bundled, or added by site.yaml's `plan_kinds`.
    pub(super) fn plan_kind(&mut self, s: &S<String>) -> PlanKind {
        let kind = PlanKind::new(&s.value, &self.terms.plan_kinds);
        if s.value.trim().is_empty() {
            let at = self.loc(s);
            self.errors.push(ModelError::Empty { at, field: "kind" });
        } else if kind.is_none() {
            let at = self.loc(s);
            self.errors.push(ModelError::UnknownPlanKind {
                at,
                found: s.value.trim().to_string(),
                known: PlanKind::BUNDLED
                    .iter()
                    .map(|k| k.to_string())
                    .chain(self.terms.plan_kinds.iter().cloned())
                    .collect(),
            });
        }
        // On an error the build stops; the kind as written keeps the plan whole.
        kind.unwrap_or_else(|| PlanKind::as_written(&s.value))
    }

    pub(super) fn year(&mut self, s: &S<String>) -> Year {
        Year::parse(&s.value).unwrap_or_else(|| {
            let at = self.loc(s);
            self.errors.push(ModelError::InvalidYear {
                at,
                found: s.value.clone(),
            });
            Year(0)
        })
    }

    pub(super) fn unit(&mut self, s: &S<String>) -> Unit {
        self.terms.units.parse(&s.value).unwrap_or_else(|| {
            let at = self.loc(s);
            self.errors.push(ModelError::UnknownUnit {
                at,
                found: s.value.trim().to_string(),
                alike: self.terms.units.alike(&s.value),
            });
            Unit {
                written: s.value.clone(),
                base: String::new(),
                exponent: 0,
            }
        })
    }

    pub(super) fn value(&mut self, s: &S<String>, measure: Measure) -> Value {
        let t = s.value.trim();
        if measure == Measure::Qualitative {
            if t.is_empty() {
                let at = self.loc(s);
                self.errors.push(ModelError::Empty { at, field: "value" });
            }
            return Value::Text {
                text: t.to_string(),
            };
        }
        Value::parse_number(t).unwrap_or_else(|| {
            let at = self.loc(s);
            self.errors.push(ModelError::InvalidNumber {
                at,
                field: "value",
                found: t.to_string(),
            });
            Value::Text {
                text: t.to_string(),
            }
        })
    }

    pub(super) fn id<T>(&mut self, s: &S<String>, make: impl Fn(String) -> T) -> Located<T> {
        let t = s.value.trim();
        let at = self.loc(s);
        if !valid_id(t) {
            self.errors.push(ModelError::InvalidId {
                at: at.clone(),
                found: t.to_string(),
            });
        }
        Located {
            value: make(t.to_string()),
            at,
        }
    }

    pub(super) fn document(
        &mut self,
        file: &Arc<SourceFile>,
        range: std::ops::Range<usize>,
    ) -> Document {
        Document::parse(file, range, &mut self.errors)
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.trim() == id && !id.contains(['/', '\\', '#', '?', '%', '"', '<', '>'])
}

pub(super) fn check_file_id(ctx: &mut Ctx, id: &str) {
    if !valid_id(id) {
        let at = ctx.file_start();
        ctx.errors.push(ModelError::InvalidId {
            at,
            found: id.to_string(),
        });
    }
}
