//! The pages about the site rather than its plans: the accessibility statement, the
//! search page and the page a server shows for an address that does not exist. They
//! read no plan, and the search and 404 pages are not indexed.

use tera::Context;

use super::{Reads, Shared};
use crate::link::Linked;
use crate::render::site_path;
use crate::render::urls::Route;
use crate::render::views::*;

pub fn reads() -> Reads {
    Reads::none()
}

pub const ACCESSIBILITY_INDEXED: bool = true;

pub fn accessibility_route() -> Route {
    Route::accessibility()
}

pub fn accessibility_view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    _: &mut Context,
) -> (&'static str, PageView) {
    let view = PageView::new(
        linked,
        route,
        "无障碍声明".into(),
        "",
        "本站的无障碍目标、检测方法、已知不足和反馈方式".into(),
    );
    ("accessibility.html", view)
}

pub const SEARCH_INDEXED: bool = false;

pub fn search_route() -> Route {
    Route::search()
}

pub fn search_view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    _: &mut Context,
) -> (&'static str, PageView) {
    let view = PageView::new(
        linked,
        route,
        "搜索".into(),
        "search",
        "在全部规划全文、指标和地区页面中搜索".into(),
    );
    ("search.html", view)
}

pub const NOT_FOUND_INDEXED: bool = false;

pub fn not_found_route() -> Route {
    Route::not_found()
}

pub fn not_found_view(
    linked: &Linked,
    _: &Shared,
    route: &Route,
    _: &mut Context,
) -> (&'static str, PageView) {
    let mut view = PageView::new(linked, route, "页面未找到".into(), "", "页面未找到".into());
    // A server shows 404.html at any depth, so its links start from the site's path.
    view.root = site_path(&linked.site.config.base_url);
    ("404.html", view)
}
