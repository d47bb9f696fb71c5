//! `planpub serve` started on a test site, with its output read line by line.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use super::Site;

/// The server process; killed if a test fails before stopping it.
pub struct Server {
    pub child: Child,
    pub addr: String,
    pub stdout: Receiver<String>,
    pub stderr: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines(stream: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

pub fn start(site: &Site) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planpub"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("planpub serve starts");
    let stdout = lines(child.stdout.take().expect("stdout"));
    let stderr = lines(child.stderr.take().expect("stderr"));
    let mut server = Server {
        child,
        addr: String::new(),
        stdout,
        stderr,
    };
    let line = wait_for(&server.stdout, Duration::from_secs(60), |l| {
        l.starts_with("serving http://")
    });
    server.addr = line
        .trim_start_matches("serving http://")
        .split('/')
        .next()
        .expect("an address")
        .to_string();
    server
}

/// The first line on `rx` that `want` accepts, within `limit`.
pub fn wait_for(rx: &Receiver<String>, limit: Duration, want: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + limit;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) if want(&line) => return line,
            Ok(line) => seen.push(line),
            Err(_) => panic!("nothing wanted within {limit:?}; seen: {seen:#?}"),
        }
    }
}
