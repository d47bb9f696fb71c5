//! The `planpub` command line. All work is done by the library's pipeline; this file
//! only reads the arguments and prints the outcome.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use planpub::build::{self, Options, Summary};
use planpub::diagnostic::{Report, to_terminal};
use planpub::progress::Bar;
use planpub::{import, serve};

#[derive(Parser)]
#[command(
    name = "planpub",
    version,
    about = "Build the public website of government plans"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds)
    Build {
        /// The site folder (with site.yaml, content/ and themes/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; default: <root>/output
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Run the whole build, templates included, and report every error; write nothing
    Check {
        /// The site folder (with site.yaml, content/ and themes/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Preview the site: build it, serve it on this machine and rebuild on every save
    Serve {
        /// The site folder (with site.yaml, content/ and themes/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port; 0 picks a free one
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but 127.0.0.1 lets other machines read the preview
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
    },
    /// Turn a plain-text plan into a draft plan bundle (index.md + indicators.md)
    Import {
        /// The plain-text plan (UTF-8), as copied out of the official file
        file: PathBuf,
        /// The plan's id; default: a slug of the file name
        #[arg(long)]
        id: Option<String>,
        /// The region id for `region:`; left empty ("") when not given
        #[arg(long)]
        region: Option<String>,
        /// The site folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the draft; default: <root>/content/plans/<id>/
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, output } => {
            let output = output.unwrap_or_else(|| root.join("output"));
            let options = Options {
                root,
                output: output.clone(),
            };
            match build::build(&options, &Bar::stderr()) {
                Ok(s) => {
                    println!(
                        "built {} pages, {} files ({}) in {} → {}",
                        s.pages,
                        s.files,
                        size(s.bytes),
                        seconds(&s),
                        output.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(reports) => fail(&reports, "build"),
            }
        }
        Command::Check { root } => match build::check(&root, &Bar::stderr()) {
            Ok(s) => {
                println!(
                    "checked {} pages, {} files in {}: no errors",
                    s.pages,
                    s.files,
                    seconds(&s)
                );
                ExitCode::SUCCESS
            }
            Err(reports) => fail(&reports, "check"),
        },
        Command::Serve {
            root,
            port,
            bind,
            open,
        } => {
            let options = serve::Options {
                root,
                bind,
                port,
                open,
                color: stderr_color(),
            };
            match serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&[Report::new(e)], "serve"),
            }
        }
        Command::Import {
            file,
            id,
            region,
            root,
            out,
        } => {
            let options = import::Options {
                file,
                id,
                region,
                root,
                out,
            };
            match import::run(&options) {
                Ok(imported) => {
                    print!("{}", imported.report);
                    println!("wrote {}", imported.dir.display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&[Report::new(e)], "import"),
            }
        }
    }
}

fn fail(reports: &[Report], what: &str) -> ExitCode {
    eprint!("{}", to_terminal(reports, stderr_color()));
    let n = reports.len();
    eprintln!(
        "{what} failed: {n} error{}; nothing was written, the previous output is unchanged",
        if n == 1 { "" } else { "s" }
    );
    ExitCode::FAILURE
}

fn seconds(s: &Summary) -> String {
    format!("{:.2} s", s.elapsed.as_secs_f64())
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

fn stderr_color() -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stderr()) && std::env::var_os("NO_COLOR").is_none()
}
