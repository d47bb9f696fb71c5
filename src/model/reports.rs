//! A report file (content/reports/<id>.md) checked into a [`ReportDocument`]: the document's
//! title, issuers and date are required, because they are the source every one of its
//! values is shown with.

use super::check_file_id;
use super::quantity::Measure;
use super::{
    Ctx, IndicatorId, Located, ModelError, RegionId, ReportDocument, ReportId, ReportedValue,
};
use crate::load::Doc;
use crate::load::raw::{RawReport, RawReportedValue, S};

pub(super) fn report(doc: &Doc<RawReport>, ctx: &mut Ctx) -> ReportDocument {
    check_file_id(ctx, &doc.id);
    let raw = &doc.front;
    if !doc.body_text().trim().is_empty() {
        let at = ctx.loc_range(doc.body.clone());
        ctx.errors.push(ModelError::ReportBody { at });
    }
    let title = required(ctx, &raw.title, "title");
    let region = match &raw.region {
        Some(r) if !r.value.trim().is_empty() => ctx.id(r, RegionId),
        _ => {
            missing(ctx, "region");
            Located {
                value: RegionId(String::new()),
                at: ctx.file_start(),
            }
        }
    };
    let issuers = ctx.list(&raw.issuers);
    if issuers.is_empty() {
        missing(ctx, "issuers");
    }
    let date_written = ctx.date(&raw.date_written);
    let date_published = ctx.date(&raw.date_published);
    let no_date = |s: &Option<S<String>>| s.as_ref().is_none_or(|s| s.value.trim().is_empty());
    if no_date(&raw.date_written) && no_date(&raw.date_published) {
        missing(ctx, "date_published");
    }
    ReportDocument {
        id: ReportId(doc.id.clone()),
        file: doc.file.clone(),
        title,
        region,
        issuers,
        doc_number: ctx.opt_text(&raw.doc_number),
        date_written,
        date_published,
        url: ctx.opt_url(&raw.url),
        values: raw.values.iter().map(|v| value(ctx, v)).collect(),
    }
}

fn required(ctx: &mut Ctx, s: &Option<S<String>>, field: &'static str) -> String {
    match s {
        Some(s) if !s.value.trim().is_empty() => s.value.trim().to_string(),
        _ => {
            missing(ctx, field);
            String::new()
        }
    }
}

/// The field is absent or empty: the error points at the top of the front matter,
/// where it belongs.
fn missing(ctx: &mut Ctx, field: &'static str) {
    let at = ctx.file_start();
    ctx.errors
        .push(ModelError::ReportWithoutSource { at, field });
}

fn value(ctx: &mut Ctx, raw: &S<RawReportedValue>) -> ReportedValue {
    let v = &raw.value;
    let measure = ctx
        .choice(&v.measure, "measure", Measure::CHOICES)
        .unwrap_or(Measure::Stock);
    ReportedValue {
        indicator: ctx.id(&v.indicator, IndicatorId),
        wording: ctx.text(&v.wording, "wording"),
        unit: Located {
            value: ctx.unit(&v.unit),
            at: ctx.loc(&v.unit),
        },
        measure,
        year: ctx.year(&v.year),
        value: ctx.value(&v.value, measure),
        place: ctx.opt_text(&v.place),
        note: ctx
            .opt_text(&v.note)
            .map(|n| super::markdown::plain_text(&n)),
        at: ctx.loc(&v.year),
    }
}
