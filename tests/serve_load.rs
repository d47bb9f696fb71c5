//! `planpub serve` under load while an editor keeps saving: at least 20,000 requests
//! from concurrent clients on loopback, mixed with attempts to leave the site. No
//! request may fail, every page must be one whole build's version (the marker the
//! editor writes at the start of the plan text and the one at its end agree), and
//! every traversal attempt is refused.
//!
//! `PLANPUB_LOAD_REQUESTS` raises the number of requests for a longer run by hand.

mod common;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Site;
use common::http::get;
use common::server::start;

const CLIENTS: usize = 16;
const PLAN: &str = "content/plans/east-action-plan/index.md";
const PAGE: &str = "/zwgk/ghjh/plans/east-action-plan/";
const FIRST_LINE: &str = "根据《测试市知识产权强市建设纲要》，制定本行动计划。";

/// Attempts to read outside the site, in the spellings that slip past naive checks.
const TRAVERSALS: &[&str] = &[
    "/../../../../etc/passwd",
    "/zwgk/ghjh/../../../etc/passwd",
    "/zwgk/ghjh/%2e%2e/%2e%2e/etc/passwd",
    "/zwgk/ghjh/%2E%2E/%2E%2E/etc/passwd",
    "/zwgk/ghjh/..%2f..%2fetc%2fpasswd",
    "/zwgk/ghjh/..%5c..%5cetc%5cpasswd",
    "/zwgk/ghjh/..\\..\\etc\\passwd",
    "/zwgk/ghjh/%252e%252e/etc/passwd",
    "//etc/passwd",
    "/etc/passwd",
    "/zwgk/ghjh//etc/passwd",
    "/zwgk/ghjh/index.html%00.css",
    "http://127.0.0.1/../../etc/passwd",
];

/// The version a page shows: the editor's markers at both ends of the plan text.
fn version(html: &str) -> Result<u64, String> {
    let marker = |tag: &str| -> Option<u64> {
        let at = html.find(&format!("版本{tag}-"))? + format!("版本{tag}-").len();
        let digits: String = html[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    match (marker("始"), marker("终")) {
        (Some(a), Some(b)) if a == b => Ok(a),
        (a, b) => Err(format!("a torn page: start marker {a:?}, end marker {b:?}")),
    }
}

#[test]
fn many_clients_while_an_editor_saves() {
    let site = Site::fixture("basic");
    let original = site.read(PLAN);
    assert!(original.contains(FIRST_LINE));
    let save = |n: u64| {
        let text = original.replacen(FIRST_LINE, &format!("版本始-{n}。{FIRST_LINE}"), 1);
        site.write(PLAN, &format!("{text}\n版本终-{n}。\n"));
    };
    save(0);
    let server = start(&site);
    let addr = server.addr.clone();

    let wanted: usize = std::env::var("PLANPUB_LOAD_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let done = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let versions = Arc::new(Mutex::new(BTreeSet::<u64>::new()));
    // Hang guard only: the run ends by count, not by time.
    let guard = Instant::now() + Duration::from_secs(600);

    std::thread::scope(|scope| {
        for c in 0..CLIENTS {
            let (addr, done, stop, failures, versions) = (
                addr.clone(),
                Arc::clone(&done),
                Arc::clone(&stop),
                Arc::clone(&failures),
                Arc::clone(&versions),
            );
            scope.spawn(move || {
                let mut i = c;
                while !stop.load(Ordering::Relaxed) {
                    let outcome = one_request(&addr, i, &versions);
                    if let Err(e) = outcome {
                        failures.lock().expect("lock").push(e);
                    }
                    i += CLIENTS;
                    done.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        // The editor: saves a new version while the clients read, until enough
        // requests are done and the clients have seen several versions.
        let mut n = 0;
        loop {
            let seen = versions.lock().expect("lock").len();
            if (done.load(Ordering::Relaxed) >= wanted && seen >= 3) || Instant::now() > guard {
                stop.store(true, Ordering::Relaxed);
                break;
            }
            n += 1;
            save(n);
            std::thread::sleep(Duration::from_millis(150));
        }
    });

    let failures = failures.lock().expect("lock");
    let versions = versions.lock().expect("lock");
    let done = done.load(Ordering::Relaxed);
    println!(
        "{done} requests from {CLIENTS} clients, {} versions of the page seen",
        versions.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {done} requests failed; the first:\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(done >= wanted, "only {done} requests before the hang guard");
    assert!(
        versions.len() >= 3,
        "the editor's saves never reached the clients: {versions:?}"
    );
    // The server is still well after the load.
    assert_eq!(get(&addr, "/zwgk/ghjh/").status, 200);
}

/// The i-th request of the mix: mostly the plan being edited, some other files, a
/// missing page, and every tenth a traversal attempt.
fn one_request(addr: &str, i: usize, versions: &Mutex<BTreeSet<u64>>) -> Result<(), String> {
    let (target, want): (&str, u16) = match i % 10 {
        0 => (TRAVERSALS[(i / 10) % TRAVERSALS.len()], 0),
        1 => ("/zwgk/ghjh/", 200),
        2 => ("/zwgk/ghjh/style.css", 200),
        3 => ("/zwgk/ghjh/regions/east/", 200),
        4 => ("/zwgk/ghjh/no-such-page/", 404),
        _ => (PAGE, 200),
    };
    let r = std::panic::catch_unwind(|| get(addr, target))
        .map_err(|_| format!("{target}: the connection failed"))?;
    let body = r.text();
    if want == 0 {
        // Refused (400), or a plain miss inside the site (404); never a file.
        if !(r.status == 400 || r.status == 404) || body.contains("root:") {
            return Err(format!("{target}: {} {body:.200}", r.status));
        }
        return Ok(());
    }
    if r.status != want {
        return Err(format!("{target}: status {} instead of {want}", r.status));
    }
    if let Some(len) = r.header("content-length")
        && len.parse::<usize>().ok() != Some(r.body.len())
    {
        return Err(format!(
            "{target}: {} bytes of {len}: a cut-off answer",
            r.body.len()
        ));
    }
    if target == PAGE {
        let v = version(&body).map_err(|e| format!("{target}: {e}"))?;
        versions.lock().expect("lock").insert(v);
    }
    Ok(())
}
