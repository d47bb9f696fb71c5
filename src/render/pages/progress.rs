//! `/progress/`: how each region is doing against its targets, as of the site's date.

use tera::Context;

use super::{Reads, Shared};
use crate::link::Linked;
use crate::render::urls::Route;
use crate::render::views::*;

pub const INDEXED: bool = true;

pub fn route() -> Route {
    Route::progress()
}

/// It counts the status of every target.
pub fn reads() -> Reads {
    Reads::All
}

pub fn view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    ctx: &mut Context,
) -> (&'static str, PageView) {
    ctx.insert("progress", &progress::ProgressPage::new(linked));
    let view = PageView::new(
        linked,
        route,
        "目标进展".into(),
        "progress",
        "各地区规划目标的完成情况：已达成、进度正常、滞后、期满未见报告和无法判断的目标".into(),
    );
    ("progress.html", view)
}
