//! The `planpub` command line. All work is done by the library's pipeline; this file
//! only reads the arguments and prints the outcome.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use planpub::diagnostic::{Report, to_terminal};
use planpub::engine::{self, Options, Summary};
use planpub::progress::{Bar, Timed};
use planpub::scaffold::{self, PlanFields, RegionFields};
use planpub::{import, schema, serve};

/// A build allocates and frees millions of small strings and vectors (records, view
/// models, template values); mimalloc does that in about half glibc's time
/// (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h, version 3): how long freed memory
/// waits before it goes back to the system; -1 keeps it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// The preview rebuilds the same site on every save. Memory one save frees, the next
/// needs again: given back to the system, it came back as fresh pages the kernel
/// zeroes, a third of a save's time at 10,000 plans. Kept, a save there takes 10.5 to
/// 13.5 s instead of 14.6 to 14.8 s, for about 2 GB more resident memory
/// (docs/performance.md).
fn keep_freed_memory() {
    // SAFETY: mi_option_set only stores the value, read by mimalloc when it next
    // purges; any value is valid for this option.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

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
        /// Print how long each stage took, on standard error
        #[arg(long)]
        timings: bool,
        /// Render every page, without taking unchanged pages from the last output (the
        /// cache for the next build is written all the same)
        #[arg(long)]
        no_cache: bool,
    },
    /// Run the whole build, templates included, and report every error; write nothing
    Check {
        /// The site folder (with site.yaml, content/ and themes/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print how long each stage took, on standard error
        #[arg(long)]
        timings: bool,
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
        /// Print how long each stage of every rebuild took, on standard error
        #[arg(long)]
        timings: bool,
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
    /// Create a region file or a plan bundle with every field present and commented
    #[command(subcommand)]
    New(New),
    /// Write the JSON Schemas of every front-matter type, for editors' completion and validation
    Schemas {
        /// The site folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write them; default: <root>/schemas
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Search a built site as its search page does, and print the results in order
    Search {
        /// The query: words split by spaces, a phrase in quotation marks
        query: String,
        /// The built site; default: <root>/output
        #[arg(long)]
        output: Option<PathBuf>,
        /// The site folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Only pages of these kinds: list, plan, region, indicator, unit
        #[arg(long, value_delimiter = ',')]
        kind: Vec<String>,
        /// Only pages of these regions (ids)
        #[arg(long, value_delimiter = ',')]
        region: Vec<String>,
        /// Print the results as JSON: `{"results": [{"url", "title", "kind", "score"}], "files": [...]}`
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum New {
    /// content/regions/<id>.md
    Region {
        /// The region's id: lower-case ASCII letters, digits and `-`
        id: String,
        /// 名称, as the region names itself
        #[arg(long)]
        name: Option<String>,
        /// 层级: municipality, district, county …
        #[arg(long)]
        level: Option<String>,
        /// The enclosing region's id
        #[arg(long)]
        parent: Option<String>,
        /// The site folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// content/plans/<id>/index.md and indicators.md
    Plan {
        /// The plan's id: lower-case ASCII letters, digits and `-`
        id: String,
        /// The id of the region the plan belongs to
        #[arg(long)]
        region: String,
        /// The full official title
        #[arg(long)]
        title: Option<String>,
        /// 体裁: 纲要, 规划, 实施方案, 行动计划 …
        #[arg(long)]
        kind: Option<String>,
        /// The site folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn checked(root: &std::path::Path, timings: bool) -> Result<Summary, Vec<Report>> {
    let bar = Bar::stderr();
    let timed = Timed::new(&bar);
    let result = engine::check(root, &timed);
    if timings {
        print_timings(&timed);
    }
    result
}

/// `reading 1.20 s, modelling 0.31 s, …` on standard error.
fn print_timings(timed: &Timed) {
    eprintln!("timings: {}", timed.summary());
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            timings,
            no_cache,
        } => {
            let output = output.unwrap_or_else(|| root.join("output"));
            let options = Options {
                root,
                output: output.clone(),
                cache: !no_cache,
            };
            let bar = Bar::stderr();
            let timed = Timed::new(&bar);
            let result = engine::build(&options, &timed);
            if timings {
                print_timings(&timed);
            }
            match result {
                Ok(s) => {
                    let reused = match s.reused {
                        0 => String::new(),
                        n => format!(" ({} rendered, {n} unchanged)", s.pages - n),
                    };
                    println!(
                        "built {} pages{reused}, {} files ({}) in {} → {}",
                        s.pages,
                        s.files,
                        size(s.bytes),
                        seconds(&s),
                        output.display()
                    );
                    if let Some(warning) = &s.cache_warning {
                        eprintln!("warning: {warning}; the next build renders every page");
                    }
                    ExitCode::SUCCESS
                }
                Err(reports) => fail(&reports, "build", UNCHANGED),
            }
        }
        Command::Check { root, timings } => match checked(&root, timings) {
            Ok(s) => {
                println!(
                    "checked {} pages, {} files in {}: no errors",
                    s.pages,
                    s.files,
                    seconds(&s)
                );
                ExitCode::SUCCESS
            }
            Err(reports) => fail(&reports, "check", "nothing was written"),
        },
        Command::Serve {
            root,
            port,
            bind,
            open,
            timings,
        } => {
            keep_freed_memory();
            let options = serve::Options {
                root,
                bind,
                port,
                open,
                timings,
                color: stderr_color(),
            };
            match serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&[Report::new(e)], "serve", "nothing was written"),
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
                Err(e) => fail(&[Report::new(e)], "import", "nothing was written"),
            }
        }
        Command::New(new) => run_new(new),
        Command::Search {
            query,
            output,
            root,
            kind,
            region,
            json,
        } => search(
            &query,
            &output.unwrap_or_else(|| root.join("output")),
            &kind,
            region,
            json,
        ),
        Command::Schemas { root, out } => {
            let terms = schema::SiteTerms::of(&root);
            match schema::write_for(&out.unwrap_or_else(|| root.join(schema::DIR)), &terms) {
                Ok(paths) => {
                    paths.iter().for_each(|p| println!("wrote {}", p.display()));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(
                    &[Report::new(e)],
                    "schemas",
                    "schema files written before the error stay",
                ),
            }
        }
    }
}

fn run_new(new: New) -> ExitCode {
    let (root, new) = match new {
        New::Region {
            id,
            name,
            level,
            parent,
            root,
        } => {
            let fields = RegionFields {
                name,
                level,
                parent,
            };
            (root, scaffold::New::Region { id, fields })
        }
        New::Plan {
            id,
            region,
            title,
            kind,
            root,
        } => {
            let fields = PlanFields {
                region,
                title,
                kind,
            };
            (root, scaffold::New::Plan { id, fields })
        }
    };
    match scaffold::run(&root, &new) {
        Ok(created) => {
            for p in &created.files {
                println!("wrote {}", p.display());
            }
            for p in &created.missing_schemas {
                println!(
                    "note: no {}; run `planpub schemas` for editor support",
                    p.display()
                );
            }
            println!("fill in the empty fields, then run `planpub check`");
            ExitCode::SUCCESS
        }
        Err(e) => fail(&[Report::new(e)], "new", "nothing was written"),
    }
}

const UNCHANGED: &str = "nothing was written, the previous output is unchanged";

/// Prints the reports and what the failure left behind; exit code 1.
fn fail(reports: &[Report], what: &str, consequence: &str) -> ExitCode {
    eprint!("{}", to_terminal(reports, stderr_color()));
    let n = reports.len();
    eprintln!(
        "{what} failed: {n} error{}; {consequence}",
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

/// `planpub search`: one line a result, best first.
fn search(
    query: &str,
    output: &std::path::Path,
    kinds: &[String],
    regions: Vec<String>,
    json: bool,
) -> ExitCode {
    use planpub::search::{Kind, searcher};
    let mut filter = searcher::Filter {
        kinds: Vec::new(),
        regions,
    };
    for key in kinds {
        match Kind::ALL.iter().find(|k| k.key() == key) {
            Some(kind) => filter.kinds.push(*kind),
            None => {
                let keys: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
                eprintln!(
                    "error: `{key}` is not a kind of page; use one of {}",
                    keys.join(", ")
                );
                return ExitCode::FAILURE;
            }
        }
    }
    match searcher::search_folder(output, query, &filter) {
        Ok(found) if json => {
            let results: Vec<serde_json::Value> = found
                .hits
                .iter()
                .map(|h| {
                    serde_json::json!({"url": h.url, "title": h.title, "kind": h.kind.key(), "score": h.score})
                })
                .collect();
            let json = serde_json::json!({"results": results, "files": found.fetched});
            // A reader that closes the pipe early (`| head`) is not an error.
            let _ = writeln!(std::io::stdout().lock(), "{json}");
            ExitCode::SUCCESS
        }
        Ok(found) => {
            for (rank, hit) in found.hits.iter().enumerate() {
                println!(
                    "{:>3}. {:<8} {:>8.2}  {}  {}",
                    rank + 1,
                    hit.kind.label(),
                    hit.score,
                    hit.url,
                    hit.title
                );
            }
            println!(
                "{} results; {} index files read",
                found.hits.len(),
                found.fetched.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "error: {e}\n  help: build the site first (`planpub build`), with `search` not turned off in site.yaml"
            );
            ExitCode::FAILURE
        }
    }
}
