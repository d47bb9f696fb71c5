//! Which file of the site a request path names. The preview serves the built site
//! from memory, so no request can reach the file system; a path that tries to leave
//! the site (`..`, encoded slashes or dots, backslashes, NUL) is refused outright
//! rather than looked up, so such attempts show up as refusals in logs and tests.

use percent_encoding::percent_decode_str;

/// What to answer for a request path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The site's file at this output path.
    File(String),
    /// A folder asked for without its trailing slash, or the server's root when the
    /// site lives under a sub-path: send the browser here.
    Redirect(String),
    NotFound,
    /// A path that tries to leave the site or hides its meaning.
    Refused(&'static str),
}

/// Resolves `raw` (the request path as sent, still percent-encoded) for a site served
/// under `prefix` (`/` or `/zwgk/ghjh/`), whose files `exists` tells.
pub fn resolve(raw: &str, prefix: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    if let Some(reason) = refusal(raw) {
        return Resolved::Refused(reason);
    }
    let Ok(path) = percent_decode_str(raw).decode_utf8() else {
        return Resolved::Refused("the path is not UTF-8");
    };
    if let Some(reason) = refusal_decoded(&path) {
        return Resolved::Refused(reason);
    }
    let Some(rest) = path.strip_prefix(prefix) else {
        // The server's root, or the sub-path without its slash.
        return if path == "/" || format!("{path}/") == prefix {
            Resolved::Redirect(prefix.to_string())
        } else {
            Resolved::NotFound
        };
    };
    if rest.is_empty() || rest.ends_with('/') {
        let index = format!("{rest}index.html");
        return if exists(&index) {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if exists(rest) {
        Resolved::File(rest.to_string())
    } else if exists(&format!("{rest}/index.html")) {
        Resolved::Redirect(format!("{path}/"))
    } else {
        Resolved::NotFound
    }
}

/// Tricks visible before decoding: an encoded separator, dot or NUL can only be
/// meant to slip past a check.
fn refusal(raw: &str) -> Option<&'static str> {
    if !raw.starts_with('/') {
        return Some("the path is not absolute");
    }
    let lower = raw.to_ascii_lowercase();
    if ["%2f", "%5c", "%2e", "%00"]
        .iter()
        .any(|e| lower.contains(e))
    {
        return Some("the path encodes a separator, a dot or NUL");
    }
    None
}

fn refusal_decoded(path: &str) -> Option<&'static str> {
    if path.contains(['\\', '\0']) {
        return Some("the path contains a backslash or NUL");
    }
    if path.split('/').any(|seg| seg == ".." || seg == ".") {
        return Some("the path leaves its folder");
    }
    if path.contains("//") {
        return Some("the path has an empty segment");
    }
    if path
        .split('/')
        .any(|seg| seg.len() >= 2 && seg.as_bytes()[1] == b':')
    {
        return Some("the path names a drive");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        matches!(
            path,
            "index.html" | "style.css" | "plans/a/index.html" | "units/大足/区科技局/index.html"
        )
    }

    fn at(raw: &str) -> Resolved {
        resolve(raw, "/", site)
    }

    #[test]
    fn finds_files_and_folder_indexes() {
        assert_eq!(at("/"), Resolved::File("index.html".into()));
        assert_eq!(at("/style.css"), Resolved::File("style.css".into()));
        assert_eq!(at("/plans/a/"), Resolved::File("plans/a/index.html".into()));
        assert_eq!(at("/plans/a"), Resolved::Redirect("/plans/a/".into()));
        assert_eq!(
            at("/units/%E5%A4%A7%E8%B6%B3/%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80/"),
            Resolved::File("units/大足/区科技局/index.html".into())
        );
        assert_eq!(at("/plans/b/"), Resolved::NotFound);
        assert_eq!(at("/etc/passwd"), Resolved::NotFound);
    }

    #[test]
    fn serves_under_a_sub_path() {
        let under = |raw| resolve(raw, "/zwgk/ghjh/", site);
        assert_eq!(under("/zwgk/ghjh/"), Resolved::File("index.html".into()));
        assert_eq!(
            under("/zwgk/ghjh"),
            Resolved::Redirect("/zwgk/ghjh/".into())
        );
        assert_eq!(under("/"), Resolved::Redirect("/zwgk/ghjh/".into()));
        assert_eq!(under("/plans/a/"), Resolved::NotFound);
        assert_eq!(
            under("/zwgk/ghjh/plans/a/"),
            Resolved::File("plans/a/index.html".into())
        );
    }

    #[test]
    fn refuses_every_way_out() {
        for raw in [
            "/../etc/passwd",
            "/plans/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/..%2fetc%2fpasswd",
            "/plans%2f..%2f..%2fetc",
            "/..\\..\\etc\\passwd",
            "/%5c..%5cetc",
            "/plans/a/index.html%00.css",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/./index.html",
            "etc/passwd",
            "/%ff%fe",
        ] {
            assert!(
                matches!(at(raw), Resolved::Refused(_)),
                "{raw} gave {:?}",
                at(raw)
            );
        }
    }
}
