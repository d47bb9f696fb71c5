//! The indicator rows of a plan's indicators.md and the entries of the indicator
//! catalogue, checked field by field into [`PlanIndicator`] and [`Indicator`].

use super::quantity::{Attribute, Comparator, Measure};
use super::{
    Category, Ctx, Direction, Indicator, IndicatorId, Located, Observation, PlanIndicator, Target,
    check_file_id,
};
use crate::load::Doc;
use crate::load::raw::{RawCatalogueEntry, RawEntry, RawIndicatorTable, S};

pub(super) fn indicator_table(raw: &RawIndicatorTable, ctx: &mut Ctx) -> Vec<PlanIndicator> {
    raw.indicators
        .iter()
        .map(|e| plan_indicator(&e.value, ctx))
        .collect()
}

fn plan_indicator(raw: &RawEntry, ctx: &mut Ctx) -> PlanIndicator {
    let measure = ctx
        .choice(&raw.measure, "measure", Measure::CHOICES)
        .unwrap_or(Measure::Stock);
    let observation = |ctx: &mut Ctx, o: &S<crate::load::raw::RawObservation>| Observation {
        year: ctx.year(&o.value.year),
        value: ctx.value(&o.value.value, measure),
        at: Some(ctx.loc(&o.value.year)),
    };
    let baseline = raw.baseline.as_ref().map(|b| observation(ctx, b));
    let actuals = raw
        .actuals
        .iter()
        .flatten()
        .map(|a| observation(ctx, a))
        .collect();
    let targets = raw
        .targets
        .iter()
        .flatten()
        .map(|t| Target {
            year: ctx.year(&t.value.year),
            value: ctx.value(&t.value.value, measure),
            comparator: ctx
                .choice(&t.value.comparator, "comparator", Comparator::CHOICES)
                .unwrap_or(Comparator::Reach),
            at: Some(ctx.loc(&t.value.year)),
        })
        .collect();
    let section_text = ctx.text(&raw.section, "section");
    PlanIndicator {
        indicator: ctx.id(&raw.indicator, IndicatorId),
        wording: ctx.text(&raw.wording, "wording"),
        unit: Located {
            value: ctx.unit(&raw.unit),
            at: ctx.loc(&raw.unit),
        },
        measure,
        attribute: ctx.opt_choice(&raw.attribute, "attribute", Attribute::CHOICES),
        baseline,
        actuals,
        targets,
        responsible: ctx.list(&raw.responsible),
        section: Located {
            value: section_text.trim_start_matches('#').to_string(),
            at: ctx.loc(&raw.section),
        },
        note: ctx
            .opt_text(&raw.note)
            .map(|n| super::markdown::plain_text(&n)),
    }
}

pub(super) fn catalogue_entry(doc: &Doc<RawCatalogueEntry>, ctx: &mut Ctx) -> Indicator {
    check_file_id(ctx, &doc.id);
    let raw = &doc.front;
    Indicator {
        id: IndicatorId(doc.id.clone()),
        name: ctx.text(&raw.name, "name"),
        aliases: ctx.list(&raw.aliases),
        unit: ctx.unit(&raw.unit),
        category: ctx
            .choice(&raw.category, "category", Category::CHOICES)
            .unwrap_or(Category::Creation),
        direction: ctx
            .choice(&raw.direction, "direction", Direction::CHOICES)
            .unwrap_or(Direction::HigherIsBetter),
        body: ctx.document(&doc.file, doc.body.clone()),
    }
}
