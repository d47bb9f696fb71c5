//! `planpub serve`: the editors' preview. Builds the site into memory, serves it over
//! HTTP on this machine, builds again after every save (only the pages a plan edit
//! touches) and tells open pages to reload, or shows them the errors of a failed
//! build while the last good site stays served.
//!
//! The site is served from memory rather than from output/: the files a request sees
//! are always one whole build, the reload script never reaches the output folder, and
//! no request path is ever looked up on disk.

mod error;
pub mod http;
mod indexing;
mod rebuild;
pub mod resolve;
mod status;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::watch;

pub use error::ServeError;

use crate::engine::preview::Preview;

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Colour in the error reports printed to the terminal.
    pub color: bool,
    /// Print each rebuild's stages and their times.
    pub timings: bool,
}

/// Serves until Ctrl-C.
pub fn run(options: &Options) -> Result<(), ServeError> {
    let root = options
        .root
        .canonicalize()
        .map_err(|source| ServeError::Root {
            path: options.root.clone(),
            source,
        })?;
    let mut preview = Preview::new(&root);
    let first = rebuild::first_build(&mut preview, options.color);
    let prefix = first.prefix.clone();
    let (status_tx, status_rx) = watch::channel(first);
    let (shutdown_tx, shutdown_rx) = watch::channel(false);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServeError::Runtime { source })?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(options.bind, options.port);
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| ServeError::Bind { addr, source })?;
        if !options.bind.is_loopback() {
            eprintln!(
                "warning: serving on {} — anyone who can reach this machine can read the preview",
                options.bind
            );
        }
        // Kept alive until the server stops; dropping it ends the rebuild thread.
        let _watcher = rebuild::watch(&root, preview, status_tx, options.color, options.timings)?;
        let url = format!("http://{addr}{prefix}");
        println!("serving {url} (Ctrl-C to stop)");
        if options.open
            && let Err(e) = opener::open_browser(&url)
        {
            eprintln!("warning: could not open a browser: {e}");
        }

        let app = Arc::new(http::App {
            status: status_rx,
            shutdown: shutdown_rx,
        });
        let stop = async move {
            stop_signal().await;
            shutdown_tx.send_replace(true);
        };
        axum::serve(listener, http::router(app))
            .with_graceful_shutdown(stop)
            .await
            .map_err(|source| ServeError::Runtime { source })?;
        println!("stopped");
        Ok(())
    })
}

/// Ctrl-C, or the TERM signal a service manager or `kill` sends.
async fn stop_signal() {
    // If a signal cannot be listened for, it still ends the process, just not cleanly.
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
