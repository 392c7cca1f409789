//! The builder's command line (`loopje-builder --help`). Content problems are listed, every one
//! as `file:line: problem — fix`, and exit 1; a usage error (an unknown flag, a missing value)
//! prints the usage and exits 2; an output-stage error names the file it concerns.

use anyhow::Context;
use clap::{Parser, Subcommand};
use loopje_builder::{cards, offline, pipeline, prerender};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "loopje-builder",
    about = "Validates Loopje's content/ and prerenders the site",
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the content and list every problem (writes nothing)
    Check {
        #[command(flatten)]
        input: Input,
    },
    /// Validate, then prerender every route into OUT (trunk's post_build hook): OUT/index.html,
    /// trunk's output, is the template; then the icons, the web app manifests, the share cards
    /// and the service worker
    Build {
        #[command(flatten)]
        input: Input,
        /// Static files (icon.svg, theme.js)
        #[arg(long, value_name = "DIR", default_value = "public")]
        public: PathBuf,
        /// The site folder (trunk's staging folder)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Rewrite only the service worker's precache list of OUT
    Sw {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Write a synthetic season of N episodes (copies of the real ones) for benchmarks
    Synth {
        /// The real content to copy
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
        #[arg(long, value_name = "N")]
        episodes: usize,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

#[derive(clap::Args)]
struct Input {
    /// The content folder
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// Where generated spoken summaries are kept between builds
    #[arg(long, value_name = "DIR", default_value = "target/loopje-cache")]
    cache: PathBuf,
}

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let result = match parse().command {
        Command::Check { input } => validate(&input).map(|site| {
            eprintln!("content is valid: {} pages", site.pages.len());
            ExitCode::SUCCESS
        }),
        Command::Build { input, public, out } => validate(&input).and_then(|site| {
            let summary = build(&site, &public, &out)?;
            eprintln!(
                "{summary} in {:.2?}; peak memory {}",
                started.elapsed(),
                peak_memory().unwrap_or_else(|| "unknown".into())
            );
            Ok(ExitCode::SUCCESS)
        }),
        Command::Sw { out } => offline::write_service_worker(&out, &offline::runtime_only_of(&out))
            .map(|(n, bytes)| {
                eprintln!("service worker: {n} files, {bytes} bytes precached");
                ExitCode::SUCCESS
            }),
        Command::Synth {
            content,
            episodes,
            out,
        } => loopje_builder::synth::season(&content, episodes, &out).map(|()| ExitCode::SUCCESS),
    };
    result.unwrap_or_else(|e| {
        eprintln!("error: {e:#}");
        ExitCode::FAILURE
    })
}

/// The command line, or exit 2 with the error and the usage (clap leaves the usage out of some
/// errors, such as a flag without its value).
fn parse() -> Cli {
    use clap::CommandFactory;
    Cli::try_parse().unwrap_or_else(|e| {
        if !e.use_stderr() {
            e.exit(); // --help
        }
        let message = e.render().to_string();
        eprint!("{message}");
        if !message.contains("Usage:") {
            eprintln!("\n{}", Cli::command().render_usage());
        }
        std::process::exit(2)
    })
}

/// The content, valid, or every problem printed.
fn validate(input: &Input) -> anyhow::Result<pipeline::Site> {
    let options = pipeline::Options {
        cache: input.cache.clone(),
    };
    pipeline::build(&input.content, &options).map_err(|errors| {
        for e in &errors {
            eprintln!("{e}");
        }
        anyhow::anyhow!(
            "{} problem(s) in {}; nothing was built",
            errors.len(),
            input.content.display()
        )
    })
}

/// Writes the site into `out`; returns what was written, in words.
fn build(site: &pipeline::Site, public: &Path, out: &Path) -> anyhow::Result<String> {
    let index = out.join("index.html");
    let template = std::fs::read_to_string(&index)
        .with_context(|| format!("{} (run through trunk, which writes it)", index.display()))?;
    let theme = public.join("theme.js");
    let theme_js =
        std::fs::read_to_string(&theme).with_context(|| format!("{}", theme.display()))?;
    let template = prerender::finish_template(&template, &theme_js, out)?;
    let pages = prerender::write(site, &template, out)?;
    offline::write_icons(&public.join("icon.svg"), out)?;
    cards::write(&cards::cards(&site.pages), out)?;
    offline::write_manifests(out)?;
    let (files, bytes) = offline::write_service_worker(out, &site.runtime_only)?;
    Ok(format!(
        "prerendered {pages} pages into {}; the service worker precaches {files} files, {bytes} bytes",
        out.display()
    ))
}

/// The process's peak resident memory (Linux: `VmHWM`), for the benchmark.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{} MB", kb / 1024))
}
