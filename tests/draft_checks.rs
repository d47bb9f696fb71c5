//! What `planpub check` still asks of a person in a draft made from a copied page: a
//! document number left in the notice's addressees, and issuers that are not names.

mod common;

use common::Site;

const PLAN: &str = "content/plans/east-action-plan/index.md";

#[test]
fn a_document_number_glued_to_the_addressees_is_refused() {
    let site = Site::fixture("basic");
    site.edit(
        PLAN,
        "addressees: 区政府各部门",
        "addressees: 东府办发〔2025〕3号区政府各部门",
    );
    site.check().fails_with(&[
        "the notice's `addressees` holds the document number 东府办发〔2025〕3号",
        "move it to the plan's `doc_number`",
    ]);
}

#[test]
fn issuers_must_be_names() {
    let site = Site::fixture("basic");
    site.edit(
        PLAN,
        "issuers: [东区人民政府]",
        "issuers: [\"[\", 索引号, \"]\", 东区人民政府]",
    );
    let line = site.line_of(PLAN, "issuers:");
    site.check().fails_with(&[
        "`[` in `issuers` is not the name of a body: it is only brackets, digits or punctuation",
        "`索引号` in `issuers` is not the name of a body: it holds a label of the page's catalogue block",
        &format!("index.md:{line}"),
    ]);
}
