//! A plan bundle's files as download links: the document as issued (PDF, OFD, Word,
//! WPS, Excel) listed as 原文件下载, every other file as 附件下载, each with its size.

use serde::Serialize;

use crate::model::Plan;
use crate::render::urls::Route;

/// The files as issued, then the other attachments, in the bundle's order.
pub fn of(plan: &Plan) -> (Vec<Download>, Vec<Download>) {
    plan.assets
        .iter()
        .map(|a| Download {
            name: a.rel.rsplit('/').next().unwrap_or(&a.rel).to_string(),
            url: Route::plan_asset(plan.id.as_str(), &a.rel).url,
            kind: issued_kind(&a.rel),
            size: file_size(a.size),
        })
        .partition(|d| d.kind.is_some())
}

#[derive(Serialize)]
pub struct Download {
    pub name: String,
    pub url: String,
    /// The kind of document as readers name it (PDF, OFD, Word, WPS, Excel), for the
    /// files as issued; `None` for other attachments.
    pub kind: Option<&'static str>,
    /// `356 KB`, `1.2 MB`.
    pub size: String,
}

/// The kinds of file a document is issued in, by extension: a plan bundle's files of
/// these kinds are listed as 原文件下载, the document as issued.
const ISSUED_KINDS: &[(&str, &str)] = &[
    ("pdf", "PDF"),
    ("ofd", "OFD"),
    ("doc", "Word"),
    ("docx", "Word"),
    ("wps", "WPS"),
    ("xls", "Excel"),
    ("xlsx", "Excel"),
    ("et", "WPS表格"),
];

fn issued_kind(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    ISSUED_KINDS
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|(_, kind)| *kind)
}

/// A file size as download links on government sites give it.
fn file_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB * KB {
        format!("{} KB", (b / KB).ceil().max(1.0))
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_as_issued_are_told_from_other_files_by_their_kind() {
        assert_eq!(issued_kind("原文/规划全文.PDF"), Some("PDF"));
        assert_eq!(issued_kind("a.ofd"), Some("OFD"));
        assert_eq!(issued_kind("附件1.docx"), Some("Word"));
        assert_eq!(issued_kind("a.wps"), Some("WPS"));
        assert_eq!(issued_kind("表.xlsx"), Some("Excel"));
        assert_eq!(issued_kind("map.png"), None);
        assert_eq!(issued_kind("README"), None);
    }

    #[test]
    fn sizes_read_as_download_links_give_them() {
        assert_eq!(file_size(0), "1 KB");
        assert_eq!(file_size(356 * 1024 - 10), "356 KB");
        assert_eq!(file_size(1024 * 1024 * 12 / 10), "1.2 MB");
    }
}
