//! The Pagefind index behind [`super::site`], and kept by the preview between builds:
//! a page is read again only when its HTML changed, and Pagefind runs on a runtime and
//! a thread of its own.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::{EXCLUDED, SearchError, output_file, routes};
use crate::diagnostic::Report;
use crate::link::Linked;
use crate::progress::Progress;
use crate::render::{Contents, OutputFile};

/// An index kept between the preview's builds. A page is read again only when its
/// HTML differs from what was indexed; the index files are then made from all pages
/// as in a full build, so the result is the same bytes.
#[derive(Default)]
pub struct Indexer {
    state: Option<State>,
}

/// A page to index: its output path (for errors), its URL from the site's root
/// (`/plans/x/index.html`, as search results link to it) and its HTML.
pub(super) struct Input<'a> {
    pub(super) file: String,
    pub(super) url: String,
    pub(super) html: &'a [u8],
}

pub(super) struct State {
    language: String,
    pub(super) index: PagefindIndex,
    /// The pages in the index, in order: URL and the HTML that was read.
    pages: Vec<(String, Vec<u8>)>,
    /// The files made from them, for a build that changed no page (a stylesheet).
    files: Vec<(String, Vec<u8>)>,
}

impl Indexer {
    /// Brings the index up to date with the site's pages and returns its files: none
    /// when the site has search turned off.
    pub fn site<'a>(
        &mut self,
        linked: &Linked,
        html: impl Fn(&str) -> Option<&'a [u8]>,
        progress: &dyn Progress,
    ) -> Result<Vec<OutputFile>, Vec<Report>> {
        // A site with search turned off has no index; a later build that turns it
        // on again starts a new one.
        if !linked.site.config.search {
            self.state = None;
            return Ok(Vec::new());
        }
        let mut pages = Vec::new();
        let mut errors = Vec::new();
        for route in routes(linked) {
            match html(&route.file) {
                Some(html) => pages.push(Input {
                    file: route.file,
                    url: format!("/{}", route.url),
                    html,
                }),
                None => errors.push(SearchError::Page {
                    page: route.file,
                    message: "it was not rendered".into(),
                }),
            }
        }
        if !errors.is_empty() {
            return Err(errors.into_iter().map(Report::new).collect());
        }
        self.update(&linked.site.config.language, &pages, progress)
            .map_err(|e| vec![Report::new(e)])
    }

    fn update(
        &mut self,
        language: &str,
        pages: &[Input<'_>],
        progress: &dyn Progress,
    ) -> Result<Vec<OutputFile>, SearchError> {
        let language = language.to_lowercase();
        // Pagefind can replace a page but not remove one: another set of pages, or
        // another language, starts a new index. A failed update drops the index too,
        // so that what it holds is always what `pages` records.
        let kept = self.state.take().filter(|s| {
            s.language == language
                && s.pages.len() == pages.len()
                && s.pages.iter().zip(pages).all(|((url, _), p)| *url == p.url)
        });
        let changed: Vec<usize> = match &kept {
            Some(s) => (0..pages.len())
                .filter(|&i| s.pages[i].1 != pages[i].html)
                .collect(),
            None => (0..pages.len()).collect(),
        };
        progress.stage("indexing", changed.len());
        if let Some(state) = kept.as_ref().filter(|_| changed.is_empty()) {
            let files = state.files.iter().map(|(path, bytes)| OutputFile {
                path: path.clone(),
                contents: Contents::Bytes(bytes.clone()),
            });
            let files = files.collect();
            self.state = kept;
            return Ok(files);
        }
        // Pagefind's interface is async. It runs on a runtime of its own, on a thread
        // of its own, so that a caller inside a runtime cannot nest runtimes, and a
        // panic inside Pagefind becomes an error rather than ending the program.
        let outcome = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    runtime()?.block_on(async {
                        let mut state = match kept {
                            Some(state) => state,
                            None => State::new(language)?,
                        };
                        for &i in &changed {
                            let page = &pages[i];
                            state.add(page).await?;
                            if i < state.pages.len() {
                                state.pages[i].1 = page.html.to_vec();
                            } else {
                                state.pages.push((page.url.clone(), page.html.to_vec()));
                            }
                            progress.advance(1);
                        }
                        let files = state.files().await?;
                        Ok((state, files))
                    })
                })
                .join()
        });
        let (mut state, files) = outcome.map_err(|_| SearchError::Build {
            message: "the indexer stopped unexpectedly (see the message above)".into(),
        })??;
        state.files = files
            .iter()
            .filter_map(|f| match &f.contents {
                Contents::Bytes(b) => Some((f.path.clone(), b.clone())),
                Contents::Copy(_) => None,
            })
            .collect();
        self.state = Some(state);
        Ok(files)
    }
}

/// A runtime for Pagefind's async interface, on the calling thread.
pub(super) fn runtime() -> Result<tokio::runtime::Runtime, SearchError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| SearchError::Setup {
            message: e.to_string(),
        })
}

impl State {
    /// The index's files, in path order. (get_files builds the index itself;
    /// building it first would do the work twice.)
    pub(super) async fn files(&mut self) -> Result<Vec<OutputFile>, SearchError> {
        let files = self
            .index
            .get_files()
            .await
            .map_err(|e| SearchError::Build {
                message: format!("{e:#}"),
            })?;
        let mut files: Vec<OutputFile> = files.into_iter().map(output_file).collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    pub(super) fn new(language: String) -> Result<State, SearchError> {
        let config = PagefindServiceConfig::builder()
            .force_language(language.clone())
            .keep_index_url(true)
            .exclude_selectors(EXCLUDED.iter().map(|s| s.to_string()).collect())
            .build();
        let index = PagefindIndex::new(Some(config)).map_err(|e| SearchError::Setup {
            message: format!("{e:#}"),
        })?;
        Ok(State {
            language,
            index,
            pages: Vec::new(),
            files: Vec::new(),
        })
    }

    /// Reads one page into the index, in place of an earlier version of it.
    pub(super) async fn add(&mut self, page: &Input<'_>) -> Result<(), SearchError> {
        let html = String::from_utf8_lossy(page.html).into_owned();
        self.index
            .add_html_file(None, Some(page.url.clone()), html)
            .await
            .map_err(|e| SearchError::Page {
                page: page.file.clone(),
                message: format!("{e:#}"),
            })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::progress::Quiet;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="zh-CN"><head><title>大足区</title></head>
<body><nav>首页 导航菜单</nav>
<main data-pagefind-body><nav class="breadcrumb">当前位置</nav><h1>行动计划</h1>
<h2 id="task-3">三、金融服务</h2><p>探索建立知识产权质押融资风险共担模式。</p>
<nav class="toc">目录条目</nav><svg><text>图表标签</text></svg></main>
<footer>网站页脚</footer></body></html>"#;

    fn page(body: &str) -> String {
        format!(
            r#"<html lang="zh-CN"><body><main data-pagefind-body><h1>{body}</h1><p>{body}</p></main></body></html>"#
        )
    }

    fn index(pages: &[(&str, &str)]) -> Vec<OutputFile> {
        Indexer::default()
            .update("zh-CN", &input(pages), &Quiet)
            .expect("indexed")
    }

    fn input<'a>(pages: &[(&str, &'a str)]) -> Vec<Input<'a>> {
        pages
            .iter()
            .map(|(url, html)| Input {
                file: url.trim_start_matches('/').to_string(),
                url: url.to_string(),
                html: html.as_bytes(),
            })
            .collect()
    }

    fn bytes(files: &[OutputFile], path: &str) -> Vec<u8> {
        match files.iter().find(|f| f.path == path).map(|f| &f.contents) {
            Some(Contents::Bytes(b)) => b.clone(),
            _ => panic!("no {path} in {:?}", paths(files)),
        }
    }

    fn paths(files: &[OutputFile]) -> Vec<&str> {
        files.iter().map(|f| f.path.as_str()).collect()
    }

    fn same(a: &[OutputFile], b: &[OutputFile]) {
        assert_eq!(paths(a), paths(b));
        for f in a {
            assert_eq!(bytes(a, &f.path), bytes(b, &f.path), "{}", f.path);
        }
    }

    /// A fragment as Pagefind writes it: gzip of a signature and the page's JSON.
    fn fragment(files: &[OutputFile]) -> serde_json::Value {
        let gz = files
            .iter()
            .find(|f| f.path.starts_with("pagefind/fragment/"))
            .map(|f| bytes(files, &f.path))
            .expect("a fragment");
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut text)
            .expect("gzip");
        let json = text.strip_prefix("pagefind_dcd").expect("signature");
        serde_json::from_str(json).expect("JSON")
    }

    #[test]
    fn only_the_main_content_is_indexed_in_the_sites_language() {
        let files = index(&[("/plans/dazu/index.html", PAGE)]);
        assert!(files.iter().all(|f| f.path.starts_with("pagefind/")));
        assert!(
            files.windows(2).all(|w| w[0].path < w[1].path),
            "in path order"
        );
        let entry: serde_json::Value =
            serde_json::from_slice(&bytes(&files, "pagefind/pagefind-entry.json")).expect("JSON");
        assert_eq!(entry["languages"]["zh-cn"]["page_count"], 1);

        let page = fragment(&files);
        assert_eq!(page["url"], "/plans/dazu/index.html");
        assert_eq!(page["meta"]["title"], "行动计划");
        // Pagefind marks the words it found with zero-width spaces.
        let words = page["content"].as_str().expect("content");
        assert!(words.contains("知识\u{200b}产权"), "segmented: {words}");
        let content = words.replace('\u{200b}', "");
        assert!(
            content.contains("知识产权质押融资风险共担模式"),
            "{content}"
        );
        for left_out in ["导航菜单", "当前位置", "目录条目", "图表标签", "网站页脚"]
        {
            assert!(!content.contains(left_out), "{left_out} in {content}");
        }
        // The heading's id is kept, so a result can lead to the paragraph.
        let anchors = page["anchors"].as_array().expect("anchors");
        assert!(anchors.iter().any(|a| a["id"] == "task-3"), "{anchors:?}");
    }

    #[test]
    fn the_same_pages_give_the_same_files() {
        let pages = [("/a/index.html", PAGE), ("/b/index.html", PAGE)];
        same(&index(&pages), &index(&pages));
    }

    /// The total of the last indexing stage: how many pages were read.
    #[derive(Default)]
    struct Counted(AtomicUsize);

    impl Progress for Counted {
        fn stage(&self, name: &'static str, total: usize) {
            if name == "indexing" {
                self.0.store(total, Ordering::SeqCst);
            }
        }
    }

    #[test]
    fn a_kept_index_reads_only_changed_pages_and_gives_what_a_new_one_gives() {
        let (one, two, three) = (page("质押融资"), page("地理标志"), page("专利导航"));
        let mut kept = Indexer::default();
        let read = Counted::default();
        let mut update = |pages: &[(&str, &str)]| {
            let files = kept.update("zh-CN", &input(pages), &read).expect("indexed");
            same(&files, &index(pages));
            read.0.load(Ordering::SeqCst)
        };
        assert_eq!(update(&[("/a/", &one), ("/b/", &two)]), 2);
        assert_eq!(
            update(&[("/a/", &one), ("/b/", &two)]),
            0,
            "nothing changed"
        );
        assert_eq!(
            update(&[("/a/", &one), ("/b/", &three)]),
            1,
            "one page changed"
        );
        assert_eq!(update(&[("/a/", &one)]), 1, "a page gone: a new index");
        assert_eq!(update(&[("/a/", &one), ("/c/", &two)]), 2, "a page added");
    }
}
