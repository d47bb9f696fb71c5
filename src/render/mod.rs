//! Stage 4, render: Markdown to HTML and view models through the theme's Tera
//! templates, one page per plan, region and indicator plus the lists, in parallel.
//! [`PageRenderer`] renders one page to HTML; [`other_files`] makes the files that are
//! not pages. Nothing is written here: the engine decides what is rendered and where
//! it goes.

pub mod chart;
mod columns;
pub mod data;
mod datapackage;
mod error;
mod feeds;
pub mod formula;
mod listings;
pub mod markdown;
pub mod markdown_table;
mod memo;
pub mod pages;
mod planned;
pub mod progress_data;
mod sanitise;
mod templates;
pub mod timeline;
pub mod urls;
pub mod views;
mod workbook;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use error::RenderError;
pub use memo::{Earlier, Memo, Taken};
pub use planned::Planned;
pub use templates::REQUIRED as REQUIRED_TEMPLATES;

use crate::diagnostic::Report;
use crate::link::Linked;
use pages::page_context;
pub use pages::{Page, indexed, pages, route};
use templates::Templates;
use urls::Route;
use views::*;

/// A file of the output: made here, or copied from the site's folder.
#[derive(Debug)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Bytes an earlier preview build made and still holds ([`Memo`]): shared, not
    /// copied, since a national site's open data is gigabytes.
    Shared(std::sync::Arc<[u8]>),
    /// A file of the last build's output, taken as it is ([`Memo`]).
    Taken(Taken),
    Copy(PathBuf),
}

impl From<Vec<u8>> for Contents {
    fn from(bytes: Vec<u8>) -> Self {
        Contents::Bytes(bytes)
    }
}

#[derive(Debug)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    pub contents: Contents,
}

/// Every file of the site that is not a page: open data, feeds, styles, the theme's
/// assets and the plans' attachments, by path; the open data is made when the engine
/// asks for each file ([`Planned`]). `all` is every page of the site. With a `memo`
/// (the preview), open-data files whose inputs did not change since the last build
/// are not made again.
pub fn other_files<'a>(
    linked: &'a Linked,
    all: &[Page],
    memo: Option<&'a Memo>,
) -> Vec<Planned<'a>> {
    let mut files = data::files(linked, memo);
    files.extend(progress_data::files(linked, memo));
    let ready = datapackage::files(linked)
        .into_iter()
        .chain(feeds::files(linked, all))
        .chain([OutputFile {
            path: "highlight.css".into(),
            contents: Contents::Bytes(markdown::highlight_css().into_bytes()),
        }]);
    files.extend(ready.map(Planned::ready));
    files.extend(copied_files(linked));
    files
}

/// The files of [`other_files`] copied from the site's folder as they are: the theme's
/// static files and the plans' attachments. The rest are made from what the site
/// says, and a change to a plan's prose changes none of them.
pub fn copied_files(linked: &Linked) -> Vec<Planned<'_>> {
    let statics = linked.site.theme.statics.iter().map(|asset| OutputFile {
        path: asset.rel.clone(),
        contents: Contents::Copy(asset.path.clone()),
    });
    let attachments = linked.site.plans.iter().flat_map(|plan| {
        plan.assets.iter().map(|asset| OutputFile {
            path: Route::plan_asset(plan.id.as_str(), &asset.rel).file,
            contents: Contents::Copy(asset.path.clone()),
        })
    });
    statics.chain(attachments).map(Planned::ready).collect()
}

/// The files of the open data that read every plan's rows ([`memo::Scope::Site`]),
/// a part of [`other_files`]: the preview makes them after an edited page when they
/// changed.
pub fn site_wide_files<'a>(linked: &'a Linked, memo: Option<&'a Memo>) -> Vec<Planned<'a>> {
    let mut files = data::site_files(linked, memo);
    files.extend(progress_data::files(linked, memo));
    files
}

/// Files of `others` written where a page of `routes` or another file is: found
/// before a page is rendered, so a run never writes one file over another.
pub fn path_collisions(routes: &[Route], others: &[Planned]) -> Vec<Report> {
    let mut seen = HashSet::new();
    let mut errors = Vec::new();
    let all = routes
        .iter()
        .map(|r| (r.file.as_str(), None))
        .chain(others.iter().map(|f| (f.path.as_str(), f.copied_from())));
    for (path, copied_from) in all {
        if !seen.insert(path) {
            errors.push(RenderError::Collision {
                path: path.to_string(),
                source_file: copied_from.map_or_else(|| PathBuf::from(path), Path::to_path_buf),
            });
        }
    }
    reports(errors)
}

fn reports(errors: Vec<RenderError>) -> Vec<Report> {
    errors.into_iter().map(Report::new).collect()
}

/// Renders pages one at a time through the theme's templates, with what every page
/// shares (the templates and the site's facts) made once.
/// The engine renders each page with one; it is public so that benchmarks can render a
/// single page without the rest of the site.
pub struct PageRenderer<'a> {
    linked: &'a Linked,
    templates: Templates,
    shared: Shared<'a>,
}

impl<'a> PageRenderer<'a> {
    /// Loads the theme's templates and computes what the pages share.
    pub fn new(linked: &'a Linked) -> Result<PageRenderer<'a>, Vec<Report>> {
        Ok(PageRenderer {
            linked,
            templates: Templates::load(&linked.site.theme).map_err(reports)?,
            shared: Shared {
                site: SiteView::new(linked),
            },
        })
    }

    /// Renders one page: its view model, then its template.
    pub fn render(&self, page: Page) -> Result<OutputFile, Report> {
        self.page(page).map_err(Report::new)
    }

    /// Renders one page and returns its HTML.
    pub fn html(&self, page: Page) -> Result<Vec<u8>, Report> {
        self.page_html(page)
            .map(|(_, html)| html)
            .map_err(Report::new)
    }

    fn page(&self, page: Page) -> Result<OutputFile, RenderError> {
        let (route, html) = self.page_html(page)?;
        Ok(OutputFile {
            path: route.file,
            contents: Contents::Bytes(html),
        })
    }

    fn page_html(&self, page: Page) -> Result<(Route, Vec<u8>), RenderError> {
        let (route, template, ctx) = page_context(self.linked, &self.shared, page);
        let html = self
            .templates
            .tera
            .render(template, &ctx)
            .map_err(|e| self.templates.error(&e, Some(&route.file)))?;
        Ok((route, html.into_bytes()))
    }
}

/// What every page may need, computed once per build.
pub(crate) struct Shared<'a> {
    site: SiteView<'a>,
}

/// `/zwgk/ghjh/` for `https://www.example.gov.cn/zwgk/ghjh/`.
pub fn site_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn site_path_is_the_path_of_base_url() {
        assert_eq!(
            site_path("https://www.example.gov.cn/zwgk/ghjh/"),
            "/zwgk/ghjh/"
        );
        assert_eq!(site_path("https://example.gov.cn/"), "/");
        assert_eq!(site_path("https://example.gov.cn"), "/");
    }
}
