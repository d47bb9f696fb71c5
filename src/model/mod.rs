//! Stage 2, model: turn the raw front matter into the typed domain of [`types`].
//! A value is checked here once (a date exists, a unit is known, a comparator is one of
//! five) and is a type afterwards. References between files stay ids; the link stage
//! resolves them.

pub mod cjk;
mod cjk_tables;
mod ctx;
pub mod date;
pub mod division_code;
pub mod doc_number;
pub mod document;
mod draft_checks;
mod error;
pub mod growth;
pub mod handles;
mod indicators;
pub mod markdown;
mod markdown_match;
pub mod quantity;
mod reports;
pub mod responsible;
pub mod table_spans;
pub mod types;
pub mod units;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

pub use crate::load::{Asset, Theme};
pub use error::ModelError;
pub use handles::{FamilyIx, Handle, IndicatorIx, PlanIx, RegionIx, ReportIx, Table};
pub use types::*;

use crate::diagnostic::{Report, SourceFile};
use crate::load::raw::{RawPlan, RawRegion, RawSite};
use crate::load::{Doc, Loaded, PlanBundle};
use ctx::{Ctx, Terms, check_file_id};
use date::Period;
use indicators::{catalogue_entry, indicator_table};

/// The whole site, typed, before references are resolved.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub regions: Table<RegionIx, Region>,
    pub plans: Table<PlanIx, Plan>,
    pub indicators: Table<IndicatorIx, Indicator>,
    /// content/reports/, in file-name order.
    pub reports: Table<ReportIx, ReportDocument>,
    pub theme: Theme,
}

pub fn model(loaded: Loaded) -> Result<Site, Vec<Report>> {
    model_after(loaded, None)
}

/// [`model`], taking from `earlier` (the same site modelled before an edit, the
/// preview's last) the reading of each plan text whose file is the same: reading a
/// text's outline is most of modelling a plan, and an edit changes one or two.
pub fn model_after(loaded: Loaded, earlier: Option<&Site>) -> Result<Site, Vec<Report>> {
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
    let bodies: HashMap<&str, &document::Document> = earlier
        .map(|site| {
            site.plans
                .iter()
                .map(|p| (p.id.as_str(), &p.body))
                .collect()
        })
        .unwrap_or_default();
    let modelled = |bundle: &PlanBundle, ctx: &mut Ctx| {
        plan(bundle, ctx, bodies.get(bundle.id.as_str()).copied())
    };
    let (plans, e2): (Vec<Plan>, Vec<Vec<ModelError>>) =
        plans.par_iter().map(collecting(&units, modelled)).unzip();
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
            regions: regions.into(),
            plans: plans.into(),
            indicators: indicators.into(),
            reports: reports.into(),
            theme,
        }),
        _ => Err(errors.into_iter().map(Report::new).collect()),
    }
}

/// A plan's body text as the model reads it: its outline and the paragraphs that
/// name responsible units. The preview reads a plan's new text through it alone when
/// nothing else changed ([`crate::engine`]).
pub fn plan_body(doc: &Doc<RawPlan>, errors: &mut Vec<ModelError>) -> document::Document {
    document::Document::parse(&doc.file, doc.body.clone(), errors)
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
        address: ctx.opt_text(&f.and_then(|f| f.address.clone())),
        telephone: f.and_then(|f| ctx.opt_telephone(&f.telephone)),
        email: f.and_then(|f| ctx.opt_email(&f.email)),
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
    let level = ctx
        .choice(&raw.level, "level", Level::CHOICES)
        .unwrap_or(Level::District);
    let code = raw.code.as_ref().and_then(|c| {
        if c.value.trim().is_empty() {
            return None;
        }
        match division_code::DivisionCode::parse(&c.value, level) {
            Ok(code) => Some(Located {
                value: code,
                at: ctx.loc(c),
            }),
            Err(why) => {
                let at = ctx.loc(c);
                ctx.errors.push(ModelError::InvalidDivisionCode {
                    at,
                    found: c.value.trim().to_string(),
                    level: level.name(),
                    shape: why == division_code::Invalid::Shape,
                });
                None
            }
        }
    });
    Region {
        id: RegionId(doc.id.clone()),
        name: ctx.text(&raw.name, "name"),
        level,
        code,
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

/// A plan, with `earlier`, the reading of its text before an edit, if there was one.
fn plan(bundle: &PlanBundle, ctx: &mut Ctx, earlier: Option<&document::Document>) -> Plan {
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
            // They quote the text: shown as a reader sees the text, not its marks.
            what: markdown::plain_text(&ctx.text(&e.what, "what")),
            why: markdown::plain_text(&ctx.text(&e.why, "why")),
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
        interprets: raw
            .interprets
            .as_ref()
            .filter(|p| !p.value.trim().is_empty())
            .map(|p| ctx.id(p, PlanId)),
        topics: ctx.list(&raw.topics),
        notice,
        copied_to: ctx.list(&raw.copied_to),
        printed_by: ctx.opt_text(&raw.printed_by),
        date_printed: ctx.date(&raw.date_printed),
        errata,
        // A text read before without error is read the same way again.
        body: match earlier.filter(|d| d.file.digest() == doc.file.digest()) {
            Some(body) => body.for_file(&doc.file),
            None => plan_body(doc, &mut ctx.errors),
        },
        indicators,
        indicators_note,
        assets: bundle.assets.clone(),
    }
}
