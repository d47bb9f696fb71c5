//! The site's URL scheme, in one place. URLs are stable once published.
//!
//! Every internal link is relative (`../../plans/x/index.html`), so the output works
//! under any sub-path of a web server and when opened from disk; links name
//! `index.html` explicitly because a browser opening files from disk does not.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters that cannot stand in a path segment as they are. Non-ASCII characters
/// (ids may be Chinese) are always encoded.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\'')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b'/');

/// A page's place in the output: the file on disk and the link to it, both relative
/// to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub file: String,
    pub url: String,
}

impl Route {
    fn page(segments: &[&str]) -> Route {
        let mut file = String::new();
        let mut url = String::new();
        for s in segments {
            file.push_str(s);
            file.push('/');
            url.push_str(&utf8_percent_encode(s, SEGMENT).to_string());
            url.push('/');
        }
        file.push_str("index.html");
        url.push_str("index.html");
        Route { file, url }
    }

    pub fn home() -> Route {
        Route::page(&[])
    }
    pub fn plans() -> Route {
        Route::page(&["plans"])
    }
    pub fn plan(id: &str) -> Route {
        Route::page(&["plans", id])
    }
    pub fn regions() -> Route {
        Route::page(&["regions"])
    }
    pub fn region(id: &str) -> Route {
        Route::page(&["regions", id])
    }
    pub fn indicators() -> Route {
        Route::page(&["indicators"])
    }
    pub fn indicator(id: &str) -> Route {
        Route::page(&["indicators", id])
    }
    /// The page of the rows of one part of a split indicator, by the part's region.
    pub fn indicator_part(id: &str, region: &str) -> Route {
        Route::page(&["indicators", id, region])
    }
    pub fn compare() -> Route {
        Route::page(&["compare"])
    }
    pub fn pair(a: &str, b: &str) -> Route {
        Route::page(&["compare", a, b])
    }
    pub fn units() -> Route {
        Route::page(&["units"])
    }
    /// A responsible unit's page; its name is the segment, made safe for a file name.
    pub fn unit(region: &str, name: &str) -> Route {
        Route::page(&["units", region, &file_safe(name)])
    }
    pub fn family(parent: &str) -> Route {
        Route::page(&["compare", parent])
    }
    pub fn accessibility() -> Route {
        Route::page(&["accessibility"])
    }
    pub fn progress() -> Route {
        Route::page(&["progress"])
    }
    pub fn search() -> Route {
        Route::page(&["search"])
    }
    pub fn not_found() -> Route {
        Route {
            file: "404.html".into(),
            url: "404.html".into(),
        }
    }

    /// A file of a plan bundle, next to the plan's page.
    pub fn plan_asset(id: &str, rel: &str) -> Route {
        let mut url = format!("plans/{}/", utf8_percent_encode(id, SEGMENT));
        let parts: Vec<String> = rel
            .split('/')
            .map(|p| utf8_percent_encode(p, SEGMENT).to_string())
            .collect();
        url.push_str(&parts.join("/"));
        Route {
            file: format!("plans/{id}/{rel}"),
            url,
        }
    }

    /// The prefix that leads from this page back to the output root.
    pub fn root(&self) -> String {
        "../".repeat(self.file.matches('/').count())
    }

    /// The URL of the page without `index.html`, for canonical links and sitemaps.
    pub fn pretty(&self) -> &str {
        self.url.strip_suffix("index.html").unwrap_or(&self.url)
    }
}

/// A name as a file-name segment: characters that no file system or server accepts in
/// one segment become `-`.
fn file_safe(name: &str) -> String {
    let s: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_control()
                || matches!(
                    c,
                    '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '%'
                )
            {
                '-'
            } else {
                c
            }
        })
        .collect();
    match s.as_str() {
        "" | "." | ".." => "-".to_string(),
        _ => s,
    }
}

/// A link to a heading of a plan's text.
pub fn plan_heading(id: &str, anchor: &str) -> String {
    format!("{}{}", Route::plan(id).url, fragment(anchor))
}

/// The anchor part of a link to a heading.
pub fn fragment(anchor: &str) -> String {
    format!("#{}", utf8_percent_encode(anchor, SEGMENT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_relative_and_encoded() {
        let r = Route::plan("dazu-ip-action-plan-2025-2027");
        assert_eq!(r.file, "plans/dazu-ip-action-plan-2025-2027/index.html");
        assert_eq!(r.url, r.file);
        assert_eq!(r.root(), "../../");
        assert_eq!(Route::home().root(), "");
        assert_eq!(Route::plans().pretty(), "plans/");
        let c = Route::region("大足 区");
        assert_eq!(c.file, "regions/大足 区/index.html");
        assert_eq!(c.url, "regions/%E5%A4%A7%E8%B6%B3%20%E5%8C%BA/index.html");
        assert_eq!(
            fragment("一总体要求"),
            "#%E4%B8%80%E6%80%BB%E4%BD%93%E8%A6%81%E6%B1%82"
        );
        assert_eq!(Route::pair("a", "b").file, "compare/a/b/index.html");
        assert_eq!(Route::search().file, "search/index.html");
        assert_eq!(Route::search().root(), "../");
        assert_eq!(
            Route::unit("jiangjin", "区科技局").file,
            "units/jiangjin/区科技局/index.html"
        );
        assert_eq!(Route::unit("r", "a/b..").file, "units/r/a-b../index.html");
        assert_eq!(Route::unit("r", "..").file, "units/r/-/index.html");
        assert_eq!(
            Route::plan_asset("p", "files/原文 1.pdf").url,
            "plans/p/files/%E5%8E%9F%E6%96%87%201.pdf"
        );
    }
}
