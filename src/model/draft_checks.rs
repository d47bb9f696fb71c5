//! What a copied document typically leaves in fields a clerk fills by hand, refused
//! so that a draft is never published with it: a 发文字号 inside the addressees or the
//! signature, and issuers that are not names (a bracket, a catalogue label such as
//! 索引号, a date). `planpub import` writes drafts; these checks are what
//! `planpub check` still asks of a person.

use super::{Ctx, ModelError, doc_number};
use crate::load::raw::S;

/// The labels of the 政务公开 catalogue block that pages copied from a government site
/// start with; none of them is part of a name.
const LABELS: &[&str] = &[
    "索引号",
    "发文字号",
    "文号",
    "发布机构",
    "发文机关",
    "发布机关",
    "成文日期",
    "发布日期",
    "生成日期",
    "有效性",
    "主题分类",
    "体裁分类",
];

/// Why `name` is not the name of a body, when it is not.
fn not_a_name(name: &str) -> Option<&'static str> {
    let n = name.trim();
    if LABELS.iter().any(|l| n.contains(l)) {
        return Some("it holds a label of the page's catalogue block");
    }
    if doc_number::find_in(n).is_some() {
        return Some("it holds a document number");
    }
    // What a copied catalogue block leaves when split at its brackets: a bracket, a
    // date, a number.
    if n.chars().all(|c| {
        c.is_ascii_punctuation()
            || c.is_ascii_digit()
            || "【】〔〕［］：（）".contains(c)
            || c.is_whitespace()
    }) {
        return Some("it is only brackets, digits or punctuation");
    }
    None
}

/// A text field of the notice must not hold a document number.
pub(super) fn no_doc_number(ctx: &mut Ctx, s: &Option<S<String>>, field: &'static str) {
    let Some(s) = s else { return };
    if let Some(found) = doc_number::find_in(&s.value) {
        let at = ctx.loc(s);
        ctx.errors.push(ModelError::DocNumberInField {
            at,
            field,
            found: found.to_string(),
        });
    }
}

/// Every issuer must be a name.
pub(super) fn names(ctx: &mut Ctx, list: &Option<Vec<S<String>>>, field: &'static str) {
    for s in list.iter().flatten() {
        if s.value.trim().is_empty() {
            continue;
        }
        if let Some(why) = not_a_name(&s.value) {
            let at = ctx.loc(s);
            ctx.errors.push(ModelError::NotAName {
                at,
                field,
                found: s.value.trim().to_string(),
                why,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_names() {
        assert_eq!(not_a_name("东区人民政府"), None);
        assert!(not_a_name("[").is_some());
        assert!(not_a_name("】").is_some());
        assert!(not_a_name("索引号").is_some());
        assert!(not_a_name("2022-03-01").is_some());
    }
}
