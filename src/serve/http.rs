//! The preview's HTTP side: the site's files from memory (GET and HEAD only), the
//! reload script and the stream of build announcements it listens to.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::watch;

use super::resolve::{Resolved, resolve};
use super::status::Status;

/// Where the preview's own files live; site ids never start with `_`, so no page of
/// a site can be shadowed.
pub const RELOAD_JS: &str = "/__planpub/reload.js";
pub const EVENTS: &str = "/__planpub/events";

pub struct App {
    pub status: watch::Receiver<Status>,
    /// Becomes true on Ctrl-C, ending the open event streams so the server can stop.
    pub shutdown: watch::Receiver<bool>,
}

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(RELOAD_JS, get(reload_js))
        .route(EVENTS, get(events))
        .with_state(Arc::clone(&app))
        .fallback_service(get(site).with_state(app))
}

async fn site(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let status = app.status.borrow().clone();
    let files = status.files.as_deref();
    let exists = |p: &str| files.is_some_and(|f| f.contains_key(p));
    match (resolve(uri.path(), &status.prefix, exists), files) {
        (Resolved::Refused(reason), _) => {
            (StatusCode::BAD_REQUEST, format!("refused: {reason}\n")).into_response()
        }
        (_, None) => no_site_yet(status.generation),
        (Resolved::File(path), Some(files)) => {
            file(&path, &files[&path], status.generation, StatusCode::OK)
        }
        (Resolved::Redirect(location), _) => (
            StatusCode::TEMPORARY_REDIRECT,
            [(header::LOCATION, location)],
        )
            .into_response(),
        (Resolved::NotFound, Some(files)) => match files.get("404.html") {
            Some(page) => file("404.html", page, status.generation, StatusCode::NOT_FOUND),
            None => (StatusCode::NOT_FOUND, "not found").into_response(),
        },
    }
}

fn file(path: &str, bytes: &Arc<[u8]>, generation: u64, code: StatusCode) -> Response {
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        Body::from(with_reload_script(bytes, generation))
    } else {
        Body::from(bytes::Bytes::from_owner(Arc::clone(bytes)))
    };
    let mut response = (code, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    // The preview always shows the newest build.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The page with the reload script before its last `</body>`. Only the preview adds
/// it, on the way out; the built files never contain it.
fn with_reload_script(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = format!(r#"<script src="{RELOAD_JS}" data-generation="{generation}"></script>"#);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Before the first good build there is no site; the overlay shows why.
fn no_site_yet(generation: u64) -> Response {
    let html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
        <title>planpub 预览</title></head><body><h1>站点尚未构建成功</h1>\
        <p>请按终端或下方提示改正错误并保存，页面会自动刷新。</p></body></html>";
    file(
        "index.html",
        &Arc::from(html.as_bytes()),
        generation,
        StatusCode::SERVICE_UNAVAILABLE,
    )
}

async fn reload_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        include_str!("reload.js"),
    )
}

async fn events(State(app): State<Arc<App>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let start = (app.status.clone(), app.shutdown.clone(), true);
    let stream =
        futures_util::stream::unfold(start, |(mut status, mut shutdown, first)| async move {
            if !first {
                tokio::select! {
                    changed = status.changed() => changed.ok()?,
                    _ = shutdown.changed() => return None,
                }
            }
            if *shutdown.borrow() {
                return None;
            }
            let data = {
                let current = status.borrow_and_update();
                serde_json::to_string(&current.announcement()).ok()?
            };
            let event = Event::default().event("status").data(data);
            Some((Ok(event), (status, shutdown, false)))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The media type for a file of the site, with the charset for text.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "sha256" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn puts_the_script_before_the_last_body_end() {
        let out = with_reload_script(b"<body><p>x</p></BODY>\n", 7);
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "<body><p>x</p><script src=\"/__planpub/reload.js\" data-generation=\"7\"></script></BODY>\n"
        );
        let bare = String::from_utf8(with_reload_script(b"<p>x", 1)).unwrap();
        assert!(bare.starts_with("<p>x<script"));
    }

    #[test]
    fn text_types_say_utf8() {
        for ext in ["html", "css", "js", "svg", "json", "csv", "xml"] {
            assert!(
                content_type(&format!("a/b.{ext}")).ends_with("charset=utf-8"),
                "{ext}"
            );
        }
        assert_eq!(content_type("a.png"), "image/png");
        assert!(content_type("data/targets.xlsx").ends_with(".sheet"));
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
