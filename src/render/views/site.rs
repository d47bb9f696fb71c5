//! What every page shows of the site itself: its title and address, the government
//! website footer (主办单位, record numbers, the host's contact), the open data's terms,
//! and whether the feed, search and progress pages exist.

use serde::Serialize;

use super::progress;
use crate::link::Linked;
use crate::model::Footer;

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub language: &'a str,
    pub base_url: &'a str,
    pub footer: &'a Footer,
    pub has_footer: bool,
    /// Whether site.yaml gives any way to reach the host (address, telephone, email,
    /// or a line of contact), so pages never point readers at a contact not stated.
    pub has_contact: bool,
    /// `tel:+862300000000`-style link of the footer's telephone: its digits and `+`.
    pub telephone_href: Option<String>,
    /// `zh_CN` for Open Graph, from `zh-CN`.
    pub locale: String,
    pub data_licence: Option<&'a crate::model::Licence>,
    /// Whether atom.xml exists: only when some plan states a date.
    pub has_feed: bool,
    /// Whether the site has its search page.
    pub search: bool,
    /// The date every status is stated as of.
    pub as_of: Option<progress::AsOf>,
    pub progress_url: String,
}

impl<'a> SiteView<'a> {
    pub fn new(linked: &'a Linked) -> Self {
        let c = &linked.site.config;
        let f = &c.footer;
        Self {
            title: &c.title,
            description: c.description.as_deref(),
            language: &c.language,
            base_url: &c.base_url,
            footer: f,
            has_footer: f.host.is_some()
                || f.site_code.is_some()
                || f.icp.is_some()
                || f.police_record.is_some()
                || f.contact.is_some()
                || f.address.is_some()
                || f.telephone.is_some()
                || f.email.is_some()
                || f.error_report.is_some(),
            has_contact: f.contact.is_some()
                || f.address.is_some()
                || f.telephone.is_some()
                || f.email.is_some(),
            telephone_href: f.telephone.as_deref().map(|t| {
                // An extension (转 123) cannot be dialled from a link; the number before it can.
                let number = t.split('转').next().unwrap_or(t);
                format!(
                    "tel:{}",
                    number
                        .chars()
                        .filter(|c| c.is_ascii_digit() || *c == '+')
                        .collect::<String>()
                )
            }),
            locale: c.language.replace('-', "_"),
            data_licence: c.data_licence.as_ref(),
            has_feed: linked.site.plans.iter().any(|p| p.sort_date().is_some()),
            search: c.search,
            as_of: progress::AsOf::new(linked),
            progress_url: progress::url(),
        }
    }
}
