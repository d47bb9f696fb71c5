//! Indexes the rendered pages for search: Pagefind reads the `<main data-pagefind-body>`
//! of every page the render marks ([`render::indexed`]), splits the Chinese text into
//! words, and hands back its index and its browser scripts, which join the site's files
//! under `pagefind/`. A full build feeds it pages as they are rendered ([`Feed`]); the
//! preview keeps an [`Indexer`] between builds. Nothing is written here.

mod error;
mod feed;
mod indexer;

use pagefind::api::SyntheticFile;

pub use error::SearchError;
pub use feed::Feed;
pub use indexer::Indexer;

use crate::link::Linked;
use crate::render::urls::Route;
use crate::render::{self, Contents, OutputFile};

/// The folder of the output that holds the index and Pagefind's scripts.
pub const FOLDER: &str = "pagefind";

/// Whether an output file belongs to the index rather than to the pages.
pub fn holds(path: &str) -> bool {
    path.strip_prefix(FOLDER)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// Parts of `<main>` left out of the index: breadcrumbs and tables of contents repeat
/// other pages' titles, and a chart's labels are numbers without their sentence.
const EXCLUDED: &[&str] = &["nav", "svg"];

/// The routes of the pages to index, in the site's page order. The order is part of
/// the index, so a full build and a preview build give the same files.
pub fn routes(linked: &Linked) -> Vec<Route> {
    render::pages(linked)
        .into_iter()
        .filter(|&p| render::indexed(p))
        .map(|p| render::route(linked, p))
        .collect()
}

/// A file of Pagefind's bundle as a file of the site: its path within the bundle put
/// under [`FOLDER`], `/`-separated on every platform.
fn output_file(file: SyntheticFile) -> OutputFile {
    let mut path = String::from(FOLDER);
    for part in file.filename.components() {
        if let std::path::Component::Normal(part) = part {
            path.push('/');
            path.push_str(&part.to_string_lossy());
        }
    }
    OutputFile {
        path,
        contents: Contents::Bytes(file.contents),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Page;

    #[test]
    fn the_404_search_and_comparison_pages_are_left_out() {
        for page in [
            Page::NotFound,
            Page::Search,
            Page::Compare,
            Page::Pair(0, 1),
        ] {
            assert!(!render::indexed(page), "{page:?}");
        }
        assert!(render::indexed(Page::Home));
        assert!(render::indexed(Page::Plan(0)));
        assert!(render::indexed(Page::Region(0)));
    }

    #[test]
    fn bundle_files_go_under_the_folder() {
        let file = output_file(SyntheticFile {
            filename: ["fragment", "zh-cn_1.pf_fragment"].iter().collect(),
            contents: vec![1],
        });
        assert_eq!(file.path, "pagefind/fragment/zh-cn_1.pf_fragment");
    }
}
