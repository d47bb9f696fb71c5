//! gen-corpus: writes a deterministic synthetic planpub site for benchmarks, from a
//! dozen plans to tens of thousands.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --regions 2000 --plans-per-region 5 --out DIR
//! ```
//!
//! DIR becomes a complete site: site.yaml, content/ (regions, the indicator catalogue,
//! plan bundles) and a copy of this repository's themes/default. The same arguments
//! always give byte-identical files: everything random comes from a seeded SplitMix64
//! (`--seed`). Everything is marked as synthetic (合成测试数据, 测试 in every title,
//! invented region names), so no page can be taken for a real disclosure.
//!
//! This file owns the command line, the output folder (a non-empty one is refused
//! unless `--force`), the order files are written in and the summary. regions.rs owns
//! the regions tree, catalogue.rs the indicator catalogue, plans.rs the plans' metadata
//! and text, rows.rs their indicator rows, text.rs the Chinese phrases and rng.rs the
//! randomness. Each file is built in one
//! reused buffer and written at once, so memory stays flat whatever the corpus size.

mod catalogue;
mod plans;
mod regions;
mod rng;
mod rows;
mod text;

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

/// Where the theme is copied from: this repository's, found at compile time.
const THEME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default");

/// Words site.yaml always contains; `--force` clears only a folder whose site.yaml has
/// them, so a real site can never be wiped by a mistyped `--out`.
const MARKER: &str = "合成测试数据";

#[derive(Parser)]
#[command(
    name = "gen-corpus",
    about = "Write a deterministic synthetic planpub site (合成测试数据) for benchmarks"
)]
struct Args {
    /// Number of regions: municipalities and provinces, prefectures, districts, counties
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    regions: u32,
    /// Plans per region; each plan bundle has about 20 KB of text and 10–30 indicator rows
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100))]
    plans_per_region: u32,
    /// The folder to write the site into; must be empty or missing unless --force
    #[arg(long)]
    out: PathBuf,
    /// Seed of the generator: the same seed and sizes give byte-identical output
    #[arg(long, default_value_t = 20_250_701)]
    seed: u64,
    /// Replace the content/ and themes/default/ of a corpus gen-corpus wrote before
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    match run(&args) {
        Ok(s) => {
            println!(
                "gen-corpus: {} regions, {} plans, {} indicators, {} files, {:.1} MB in {:.2} s → {}",
                s.regions,
                s.plans,
                s.indicators,
                s.files,
                s.bytes as f64 / 1_000_000.0,
                started.elapsed().as_secs_f64(),
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-corpus: error: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Summary {
    regions: usize,
    plans: usize,
    indicators: usize,
    files: u64,
    bytes: u64,
}

fn run(args: &Args) -> Result<Summary, String> {
    prepare(&args.out, args.force)?;
    let mut out = Out {
        root: args.out.clone(),
        files: 0,
        bytes: 0,
    };
    let seed = args.seed;
    let ppr = args.plans_per_region as usize;
    let regions = regions::tree(args.regions as usize, seed)?;
    let tops: Vec<usize> = (0..regions.len())
        .filter(|&r| regions[r].parent.is_none())
        .collect();
    let catalogue = catalogue::catalogue();
    let plans = regions.len() * ppr;

    // site.yaml first: a run cut short still leaves a folder that --force may replace.
    out.write(
        "site.yaml",
        &format!(
            "# Synthetic test data written by planpub's gen-corpus example\n\
             # (--regions {} --plans-per-region {} --seed {seed}). Nothing in it is real.\n\
             title: 规划公开（{MARKER}）\n\
             base_url: https://www.example.gov.cn/zwgk/ghjh/\n\
             language: zh-CN\n\
             theme: default\n\
             description: 由 gen-corpus 生成的{MARKER}，共{} 个地区、{plans} 项规划，用于性能测试；地区名称、文件和数值均为虚构。\n\
             footer:\n  host: 某某人民政府办公室（测试）\n",
            args.regions,
            args.plans_per_region,
            regions.len(),
        ),
    )?;

    let mut buf = String::with_capacity(64 * 1024);
    out.dir("content/regions")?;
    for r in 0..regions.len() {
        buf.clear();
        regions::write_region(&mut buf, &regions, r, seed);
        out.write(&format!("content/regions/{}.md", regions[r].id), &buf)?;
    }
    out.dir("content/indicators")?;
    for ind in &catalogue {
        buf.clear();
        catalogue::write_indicator(&mut buf, ind);
        out.write(&format!("content/indicators/{}.md", ind.id), &buf)?;
    }

    let mut table = String::with_capacity(16 * 1024);
    let mut ids = HashSet::with_capacity(plans);
    for r in 0..regions.len() {
        for k in 0..ppr {
            let input = plans::PlanInput {
                regions: &regions,
                catalogue: &catalogue,
                tops: &tops,
                plans_per_region: ppr,
                region: r,
                k,
                seed,
            };
            let id = plans::write_plan(&input, &mut buf, &mut table);
            let dir = format!("content/plans/{id}");
            if !ids.insert(id) {
                return Err(format!(
                    "two plans got the folder {dir}; this is a bug in gen-corpus"
                ));
            }
            out.dir(&dir)?;
            out.write(&format!("{dir}/index.md"), &buf)?;
            out.write(&format!("{dir}/indicators.md"), &table)?;
        }
    }

    copy_dir(Path::new(THEME), &args.out.join("themes/default"), &mut out)?;
    Ok(Summary {
        regions: regions.len(),
        plans,
        indicators: catalogue.len(),
        files: out.files,
        bytes: out.bytes,
    })
}

/// Makes sure `dir` may be written: missing (then created) or empty; with `force`, a
/// corpus written before, whose content/ and themes/default/ are removed.
fn prepare(dir: &Path, force: bool) -> Result<(), String> {
    let mut entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()));
        }
        Err(e) => return Err(format!("cannot read the folder {}: {e}", dir.display())),
    };
    if entries.next().is_none() {
        return Ok(());
    }
    if !force {
        return Err(format!(
            "{} is not empty; choose an empty or new folder, or pass --force to replace a corpus gen-corpus wrote there",
            dir.display()
        ));
    }
    let site = dir.join("site.yaml");
    let written_by_us = fs::read_to_string(&site).is_ok_and(|s| s.contains(MARKER));
    if !written_by_us {
        return Err(format!(
            "{} has no site.yaml saying {MARKER}, so it is not a corpus gen-corpus wrote; nothing was removed",
            dir.display()
        ));
    }
    for sub in ["content", "themes/default"] {
        let path = dir.join(sub);
        match fs::remove_dir_all(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot remove {}: {e}", path.display())),
        }
    }
    Ok(())
}

/// The output folder, with what has been written to it.
struct Out {
    root: PathBuf,
    files: u64,
    bytes: u64,
}

impl Out {
    fn dir(&self, rel: &str) -> Result<(), String> {
        let path = self.root.join(rel);
        fs::create_dir_all(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))
    }

    /// Writes a whole file in one call: the text is already buffered in memory.
    fn write(&mut self, rel: &str, text: &str) -> Result<(), String> {
        let path = self.root.join(rel);
        File::create(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        self.files += 1;
        self.bytes += text.len() as u64;
        Ok(())
    }
}

fn copy_dir(from: &Path, to: &Path, out: &mut Out) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| {
        format!(
            "cannot read the theme {}: {e} (gen-corpus copies it from the planpub checkout it was built in)",
            from.display()
        )
    })?;
    let mut entries: Vec<_> = entries
        .collect::<Result<_, _>>()
        .map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let src = entry.path();
        let dest = to.join(entry.file_name());
        let is_dir = entry
            .file_type()
            .map_err(|e| format!("cannot read {}: {e}", src.display()))?
            .is_dir();
        if is_dir {
            copy_dir(&src, &dest, out)?;
        } else {
            let n = fs::copy(&src, &dest)
                .map_err(|e| format!("cannot copy {} to {}: {e}", src.display(), dest.display()))?;
            out.files += 1;
            out.bytes += n;
        }
    }
    Ok(())
}
