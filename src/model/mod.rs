//! Stage 2, model: turn the raw front matter into the typed domain of [`types`].
//! A value is checked here once (a date exists, a unit is known, a comparator is one of
//! five) and is a type afterwards. References between files stay ids; the link stage
//! resolves them.

pub mod date;
pub mod document;
mod draft_checks;
mod error;
pub mod growth;
mod indicators;
pub mod quantity;
mod reports;
pub mod responsible;
pub mod table_spans;
pub mod types;
pub mod units;

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde_saphyr::Spanned;

pub use error::ModelError;
pub use types::*;

use crate::diagnostic::{Location, Report, SourceFile};
use crate::load::raw::{RawPlan, RawRegion, RawSite, S};
use crate::load::{Doc, Loaded, PlanBundle, Theme};
use date::{Date, Period, Year};
use document::Document;
use indicators::{catalogue_entry, indicator_table};
use quantity::{Measure, Unit, Value};

/// The whole site, typed, before references are resolved.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub regions: Vec<Region>,
    pub plans: Vec<Plan>,
    pub indicators: Vec<Indicator>,
    /// content/reports/, in file-name order.
    pub reports: Vec<ReportDocument>,
    pub theme: Theme,
}

pub fn model(loaded: Loaded) -> Result<Site, Vec<Report>> {
    let Loaded {
        root,
        site,
        regions,
        plans,
        catalogue,
        reports,
        units,
        theme,
    } = loaded;

    let mut errors = Vec::new();
    // Without site.yaml the load stage has reported why; the files are still checked.
    let config = site.as_ref().map(|site| site_config(site, &mut errors));
    let units = Arc::new(Terms {
        units: units
            .as_ref()
            .map(|doc| units::catalogue(doc, &mut errors))
            .unwrap_or_default(),
        plan_kinds: config
            .as_ref()
            .map(|c| c.plan_kinds.clone())
            .unwrap_or_default(),
    });

    let (regions, e1): (Vec<Region>, Vec<Vec<ModelError>>) =
        regions.par_iter().map(collecting(&units, region)).unzip();
    let (plans, e2): (Vec<Plan>, Vec<Vec<ModelError>>) =
        plans.par_iter().map(collecting(&units, plan)).unzip();
    let (indicators, e3): (Vec<Indicator>, Vec<Vec<ModelError>>) = catalogue
        .par_iter()
        .map(collecting(&units, catalogue_entry))
        .unzip();
    let (reports, e4): (Vec<ReportDocument>, Vec<Vec<ModelError>>) = reports
        .par_iter()
        .map(collecting(&units, reports::report))
        .unzip();
    errors.extend(e1.into_iter().chain(e2).chain(e3).chain(e4).flatten());

    match config {
        Some(config) if errors.is_empty() => Ok(Site {
            root,
            config,
            regions,
            plans,
            indicators,
            reports,
            theme,
        }),
        _ => Err(errors.into_iter().map(Report::new).collect()),
    }
}

/// What a site adds to planpub's own vocabulary: its units and its plan kinds.
#[derive(Debug, Default)]
struct Terms {
    units: units::UnitCatalogue,
    plan_kinds: Vec<String>,
}

fn collecting<I, O>(
    units: &Arc<Terms>,
    f: impl Fn(&I, &mut Ctx) -> O + Sync,
) -> impl Fn(&I) -> (O, Vec<ModelError>) + Sync
where
    I: HasFile,
{
    let units = Arc::clone(units);
    move |input| {
        let mut ctx = Ctx::new(input.file(), input.yaml_start(), Arc::clone(&units));
        let out = f(input, &mut ctx);
        (out, ctx.errors)
    }
}

trait HasFile {
    fn file(&self) -> &Arc<SourceFile>;
    fn yaml_start(&self) -> usize;
}

impl<T> HasFile for Doc<T> {
    fn file(&self) -> &Arc<SourceFile> {
        &self.file
    }
    fn yaml_start(&self) -> usize {
        self.yaml.start
    }
}

impl HasFile for PlanBundle {
    fn file(&self) -> &Arc<SourceFile> {
        &self.index.file
    }
    fn yaml_start(&self) -> usize {
        self.index.yaml.start
    }
}

/// Checks values of one file and collects what is wrong with them.
struct Ctx {
    file: Arc<SourceFile>,
    yaml_start: usize,
    errors: Vec<ModelError>,
    terms: Arc<Terms>,
}

impl Ctx {
    fn new(file: &Arc<SourceFile>, yaml_start: usize, terms: Arc<Terms>) -> Self {
        Self {
            file: Arc::clone(file),
            yaml_start,
            errors: Vec::new(),
            terms,
        }
    }

    /// A context for another file of the same plan (its indicators.md).
    fn for_doc<T>(&self, doc: &Doc<T>) -> Ctx {
        Ctx::new(&doc.file, doc.yaml.start, Arc::clone(&self.terms))
    }

    /// The first line of text within `range` of the file.
    fn loc_range(&self, range: std::ops::Range<usize>) -> Location {
        let text = &self.file.text[range.clone()];
        let skipped = text.len() - text.trim_start().len();
        let start = range.start + skipped;
        let len = text
            .trim_start()
            .find('\n')
            .unwrap_or(text.trim_start().len());
        Location::new(&self.file, start..start + len)
    }

    fn loc<T>(&self, s: &Spanned<T>) -> Location {
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

    fn file_start(&self) -> Location {
        Location::file_start(&self.file)
    }

    /// A required text: trimmed, and an error when empty.
    fn text(&mut self, s: &S<String>, field: &'static str) -> String {
        let t = s.value.trim();
        if t.is_empty() {
            let at = self.loc(s);
            self.errors.push(ModelError::Empty { at, field });
        }
        t.to_string()
    }

    fn located_text(&mut self, s: &S<String>, field: &'static str) -> Located<String> {
        Located {
            value: self.text(s, field),
            at: self.loc(s),
        }
    }

    /// An optional text with where it was written, for checks across files.
    fn opt_located_text(&mut self, s: &Option<S<String>>) -> Option<Located<String>> {
        let value = self.opt_text(s)?;
        Some(Located {
            value,
            at: self.loc(s.as_ref()?),
        })
    }

    /// An optional text: empty means "not stated".
    fn opt_text(&mut self, s: &Option<S<String>>) -> Option<String> {
        s.as_ref()
            .map(|s| s.value.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    /// An optional web address; anything but http(s) is an error, since it becomes a link.
    fn opt_url(&mut self, s: &Option<S<String>>) -> Option<String> {
        let url = self.opt_text(s)?;
        self.check_url(s.as_ref()?, &url);
        Some(url)
    }

    /// A web address becomes a link or the site's base; only http(s) without spaces.
    fn check_url(&mut self, at: &S<String>, url: &str) {
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

    fn list(&mut self, v: &Option<Vec<S<String>>>) -> Vec<String> {
        v.iter()
            .flatten()
            .map(|s| s.value.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn choice<T: Copy>(
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

    fn opt_choice<T: Copy>(
        &mut self,
        s: &Option<S<String>>,
        field: &'static str,
        choices: &[(&'static str, T)],
    ) -> Option<T> {
        s.as_ref()
            .filter(|s| !s.value.trim().is_empty())
            .and_then(|s| self.choice(s, field, choices))
    }

    fn date(&mut self, s: &Option<S<String>>) -> Option<Date> {
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
    fn plan_kind(&mut self, s: &S<String>) -> PlanKind {
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

    fn year(&mut self, s: &S<String>) -> Year {
        Year::parse(&s.value).unwrap_or_else(|| {
            let at = self.loc(s);
            self.errors.push(ModelError::InvalidYear {
                at,
                found: s.value.clone(),
            });
            Year(0)
        })
    }

    fn unit(&mut self, s: &S<String>) -> Unit {
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

    fn value(&mut self, s: &S<String>, measure: Measure) -> Value {
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

    fn id<T>(&mut self, s: &S<String>, make: impl Fn(String) -> T) -> Located<T> {
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

    fn document(&mut self, file: &Arc<SourceFile>, range: std::ops::Range<usize>) -> Document {
        Document::parse(file, range, &mut self.errors)
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.trim() == id && !id.contains(['/', '\\', '#', '?', '%', '"', '<', '>'])
}

fn check_file_id(ctx: &mut Ctx, id: &str) {
    if !valid_id(id) {
        let at = ctx.file_start();
        ctx.errors.push(ModelError::InvalidId {
            at,
            found: id.to_string(),
        });
    }
}

fn site_config(doc: &Doc<RawSite>, errors: &mut Vec<ModelError>) -> SiteConfig {
    let mut ctx = Ctx::new(&doc.file, doc.yaml.start, Arc::new(Terms::default()));
    let raw = &doc.front;
    let title = ctx.text(&raw.title, "title");
    let mut base_url = ctx.text(&raw.base_url, "base_url");
    ctx.check_url(&raw.base_url, &base_url);
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let f = raw.footer.as_ref();
    let footer = Footer {
        host: ctx.opt_text(&f.and_then(|f| f.host.clone())),
        site_code: ctx.opt_text(&f.and_then(|f| f.site_code.clone())),
        icp: ctx.opt_text(&f.and_then(|f| f.icp.clone())),
        police_record: ctx.opt_text(&f.and_then(|f| f.police_record.clone())),
        contact: ctx.opt_text(&f.and_then(|f| f.contact.clone())),
        error_report: f.and_then(|f| ctx.opt_url(&f.error_report)),
    };
    let data_licence = raw.data_licence.as_ref().map(|l| Licence {
        title: ctx.text(&l.title, "title"),
        name: ctx.opt_text(&l.name),
        url: ctx.opt_url(&l.url),
    });
    let config = SiteConfig {
        title,
        base_url,
        language: ctx
            .opt_text(&raw.language)
            .unwrap_or_else(|| "zh-CN".into()),
        description: ctx.opt_text(&raw.description),
        footer,
        data_licence,
        search: raw.search.as_ref().is_none_or(|s| s.value),
        raw_html: ctx
            .opt_choice(&raw.raw_html, "raw_html", RawHtml::CHOICES)
            .unwrap_or_default(),
        as_of: ctx.date(&raw.as_of),
        plan_kinds: ctx.list(&raw.plan_kinds),
    };
    errors.append(&mut ctx.errors);
    config
}

fn region(doc: &Doc<RawRegion>, ctx: &mut Ctx) -> Region {
    check_file_id(ctx, &doc.id);
    let raw = &doc.front;
    let population = raw.population.as_ref().and_then(|p| {
        let t = p.value.trim();
        if t.is_empty() {
            return None;
        }
        t.parse::<u64>().ok().or_else(|| {
            let at = ctx.loc(p);
            ctx.errors.push(ModelError::InvalidNumber {
                at,
                field: "population",
                found: t.to_string(),
            });
            None
        })
    });
    Region {
        id: RegionId(doc.id.clone()),
        name: ctx.text(&raw.name, "name"),
        level: ctx
            .choice(&raw.level, "level", Level::CHOICES)
            .unwrap_or(Level::District),
        parent: raw
            .parent
            .as_ref()
            .filter(|p| !p.value.trim().is_empty())
            .map(|p| ctx.id(p, RegionId)),
        population,
        responsible_units: raw
            .responsible_units
            .iter()
            .flatten()
            .map(|u| ResponsibleUnitNames {
                name: ctx.located_text(&u.value.name, "name"),
                aliases: u
                    .value
                    .aliases
                    .iter()
                    .flatten()
                    .map(|a| ctx.located_text(a, "aliases"))
                    .collect(),
            })
            .collect(),
        body: ctx.document(&doc.file, doc.body.clone()),
    }
}

fn plan(bundle: &PlanBundle, ctx: &mut Ctx) -> Plan {
    check_file_id(ctx, &bundle.id);
    let doc = &bundle.index;
    let raw: &RawPlan = &doc.front;
    let period = raw.period.as_ref().map(|p| {
        let start = ctx.year(&p.value.start);
        let end = ctx.year(&p.value.end);
        if start > end && start.0 != 0 && end.0 != 0 {
            let at = ctx.loc(p);
            ctx.errors.push(ModelError::PeriodReversed {
                at,
                start: start.0,
                end: end.0,
            });
        }
        Period { start, end }
    });
    if let Some(n) = &raw.notice {
        draft_checks::no_doc_number(ctx, &n.addressees, "addressees");
        draft_checks::no_doc_number(ctx, &n.signed, "signed");
        draft_checks::no_doc_number(ctx, &n.title, "title");
    }
    draft_checks::names(ctx, &raw.issuers, "issuers");
    let notice = raw.notice.as_ref().map(|n| Notice {
        title: ctx.opt_text(&n.title),
        addressees: ctx.opt_text(&n.addressees),
        text: ctx.opt_text(&n.text),
        signed: ctx.opt_text(&n.signed),
        date: ctx.date(&n.date),
        disclosure: ctx.opt_text(&n.disclosure),
    });
    let errata = raw
        .errata
        .iter()
        .flatten()
        .map(|e| Erratum {
            what: ctx.text(&e.what, "what"),
            why: ctx.text(&e.why, "why"),
        })
        .collect();
    let (indicators, indicators_note) = match &bundle.indicators {
        Some(table) => {
            let mut tctx = ctx.for_doc(table);
            let rows = indicator_table(&table.front, &mut tctx);
            let note = tctx.document(&table.file, table.body.clone());
            ctx.errors.append(&mut tctx.errors);
            let note = (!note.markdown().trim().is_empty()).then_some(note);
            (rows, note)
        }
        None => (Vec::new(), None),
    };
    Plan {
        id: PlanId(bundle.id.clone()),
        file: Arc::clone(&doc.file),
        title: ctx.text(&raw.title, "title"),
        short_title: ctx.opt_text(&raw.short_title),
        aliases: ctx.list(&raw.aliases),
        region: ctx.id(&raw.region, RegionId),
        kind: ctx.plan_kind(&raw.kind),
        issuers: ctx.list(&raw.issuers),
        doc_number: ctx.opt_located_text(&raw.doc_number),
        index_number: ctx.opt_text(&raw.index_number),
        date_written: ctx.date(&raw.date_written),
        date_published: ctx.date(&raw.date_published),
        period,
        horizon: raw
            .horizon
            .as_ref()
            .filter(|h| !h.value.trim().is_empty())
            .map(|h| ctx.year(h)),
        status: ctx.opt_choice(&raw.status, "status", Status::CHOICES),
        parent: raw
            .parent
            .as_ref()
            .filter(|p| !p.value.trim().is_empty())
            .map(|p| ctx.id(p, PlanId)),
        based_on: raw
            .based_on
            .iter()
            .flatten()
            .map(|p| ctx.id(p, PlanId))
            .collect(),
        topics: ctx.list(&raw.topics),
        notice,
        copied_to: ctx.list(&raw.copied_to),
        printed_by: ctx.opt_text(&raw.printed_by),
        date_printed: ctx.date(&raw.date_printed),
        errata,
        body: ctx.document(&doc.file, doc.body.clone()),
        indicators,
        indicators_note,
        assets: bundle.assets.clone(),
    }
}
