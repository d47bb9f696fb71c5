//! The files search engines and feed readers look for: `sitemap.xml` (sitemaps.org
//! 0.9), `robots.txt` and `atom.xml` (Atom 1.0, the plans by date). These are the only
//! files with absolute addresses, built from `base_url`, because their standards
//! require them. Nothing here depends on the time of the build.

use pulldown_cmark_escape::{FmtWriter, escape_html};

use super::{OutputFile, Page, route};
use crate::link::Linked;
use crate::model::PlanIx;
use crate::model::date::Date;

/// The sitemaps.org limit of addresses per file.
const SITEMAP_LIMIT: usize = 50_000;

/// `pages`: every page of the site.
pub fn files(linked: &Linked, pages: &[Page]) -> Vec<OutputFile> {
    let base = &linked.site.config.base_url;
    let urls: Vec<String> = pages
        .iter()
        .filter(|p| !matches!(p, Page::NotFound))
        .map(|&p| format!("{base}{}", route(linked, p).pretty()))
        .collect();
    let mut out = sitemaps(base, &urls);
    out.push(text(
        "robots.txt",
        format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"),
    ));
    if let Some(feed) = atom(linked) {
        out.push(text("atom.xml", feed));
    }
    out
}

fn text(path: &str, body: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: super::Contents::Bytes(body.into_bytes()),
    }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing into a String cannot fail.
    let _ = escape_html(FmtWriter(&mut out), s);
    out
}

/// One sitemap, or an index of several when the site has more addresses than one
/// file may hold.
fn sitemaps(base: &str, urls: &[String]) -> Vec<OutputFile> {
    let urlset = |urls: &[String]| {
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for u in urls {
            x.push_str(&format!("<url><loc>{}</loc></url>\n", esc(u)));
        }
        x.push_str("</urlset>\n");
        x
    };
    if urls.len() <= SITEMAP_LIMIT {
        return vec![text("sitemap.xml", urlset(urls))];
    }
    let mut out = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in urls.chunks(SITEMAP_LIMIT).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            esc(&format!("{base}{name}"))
        ));
        out.push(text(&name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    out.push(text("sitemap.xml", index));
    out
}

/// A date as an Atom timestamp: the day's start in China's time zone. The texts give
/// days, not times; the time is only the form the standard asks for.
fn stamp(d: Date) -> String {
    format!("{d}T00:00:00+08:00")
}

/// The plans with a date, newest first. None when no plan states a date: a feed must
/// say when it was updated, and nothing is invented.
fn atom(linked: &Linked) -> Option<String> {
    let s = &linked.site;
    let base = &s.config.base_url;
    let dated: Vec<(PlanIx, Date)> = linked
        .plan_order
        .iter()
        .filter_map(|&p| s.plans[p].sort_date().map(|d| (p, d)))
        .collect();
    let updated = dated.iter().map(|(_, d)| *d).max()?;
    let author = s.config.footer.host.as_deref().unwrap_or(&s.config.title);
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
         <title>{title}</title>\n",
        lang = esc(&s.config.language),
        title = esc(&s.config.title),
    );
    if let Some(d) = &s.config.description {
        x.push_str(&format!("<subtitle>{}</subtitle>\n", esc(d)));
    }
    x.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{b}\"/>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{b}atom.xml\"/>\n\
         <id>{b}</id>\n<updated>{u}</updated>\n<author><name>{a}</name></author>\n",
        b = esc(base),
        u = stamp(updated),
        a = esc(author),
    ));
    for (p, date) in dated {
        let plan = &s.plans[p];
        let url = format!("{base}{}", route(linked, Page::Plan(p)).pretty());
        let region = &s.regions[linked.plan_links[p].region].name;
        let mut summary = format!("{region} · {}", plan.kind.label());
        if let Some(n) = &plan.doc_number {
            summary.push_str(&format!(" · {}", n.value));
        }
        x.push_str(&format!(
            "<entry>\n<title>{t}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{u}\"/>\n\
             <id>{u}</id>\n<updated>{d}</updated>\n",
            t = esc(&plan.title),
            u = esc(&url),
            d = stamp(date),
        ));
        if let Some(published) = plan.date_published {
            x.push_str(&format!("<published>{}</published>\n", stamp(published)));
        }
        x.push_str(&format!("<summary>{}</summary>\n</entry>\n", esc(&summary)));
    }
    x.push_str("</feed>\n");
    Some(x)
}
