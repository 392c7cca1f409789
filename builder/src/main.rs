//! `loopje-builder check [--content DIR]`: validate the content and list every problem.
//! `loopje-builder build [--content DIR] [--public DIR] --out DIR`: also prerender every route
//! into DIR, using DIR/index.html (trunk's output) as the template, then write the icons, the
//! web app manifests and the service worker. Run by trunk's post_build hook.
//! `loopje-builder sw --out DIR`: rewrite only the service worker's precache list.
//! `loopje-builder synth --episodes N --out DIR`: write a season of N episodes for benchmarks.
//! `--cache DIR` (default `target/loopje-cache`) keeps generated spoken summaries between builds.

use loopje_builder::{cards, offline, pipeline, prerender};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: loopje-builder check [--content DIR] [--cache DIR]
       loopje-builder build [--content DIR] [--public DIR] [--cache DIR] --out DIR
       loopje-builder sw --out DIR
       loopje-builder synth [--content DIR] --episodes N --out DIR";

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(PathBuf::from)
    };
    let content = flag("--content").unwrap_or_else(|| PathBuf::from("content"));
    let public = flag("--public").unwrap_or_else(|| PathBuf::from("public"));
    let command = args.first().map(String::as_str).unwrap_or("");
    let out = flag("--out");
    match (command, &out) {
        ("check", _) | ("build", Some(_)) | ("sw", Some(_)) | ("synth", Some(_)) => {}
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    if let ("synth", Some(out)) = (command, &out) {
        let n = args
            .iter()
            .position(|a| a == "--episodes")
            .and_then(|i| args.get(i + 1))
            .and_then(|n| n.parse::<usize>().ok());
        let Some(n) = n else {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        };
        return match loopje_builder::synth::season(&content, n, out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        };
    }
    if let ("sw", Some(out)) = (command, &out) {
        return match offline::write_service_worker(out, &offline::runtime_only_of(out)) {
            Ok((n, bytes)) => {
                eprintln!("service worker: {n} files, {bytes} bytes precached");
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        };
    }
    let started = std::time::Instant::now();
    let options = pipeline::Options {
        cache: flag("--cache").unwrap_or_else(|| PathBuf::from("target/loopje-cache")),
    };
    let site = match pipeline::build(&content, &options) {
        Ok(site) => site,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            return fail(format!(
                "{} problem(s) in {}; nothing was built",
                errors.len(),
                content.display()
            ));
        }
    };
    let Some(out) = out else {
        eprintln!("content is valid: {} pages", site.pages.len());
        return ExitCode::SUCCESS;
    };
    let template = match std::fs::read_to_string(out.join("index.html")) {
        Ok(t) => t,
        Err(e) => {
            return fail(format!(
                "{}: {e} (run through trunk, which writes it)",
                out.join("index.html").display()
            ))
        }
    };
    let theme_js = match std::fs::read_to_string(public.join("theme.js")) {
        Ok(t) => t,
        Err(e) => return fail(format!("{}: {e}", public.join("theme.js").display())),
    };
    let release = prerender::finish_template(&template, &theme_js, &out)
        .and_then(|template| prerender::write(&site, &template, &out))
        .and_then(|pages| {
            offline::write_icons(&public.join("icon.svg"), &out)?;
            cards::write(&cards::cards(&site.pages), &out)?;
            offline::write_manifests(&out)?;
            Ok((
                pages,
                offline::write_service_worker(&out, &site.runtime_only)?,
            ))
        });
    match release {
        Ok((pages, (files, bytes))) => {
            eprintln!(
                "prerendered {pages} pages into {} in {:.2?}; the service worker precaches {files} files, {bytes} bytes; peak memory {}",
                out.display(),
                started.elapsed(),
                peak_memory().unwrap_or_else(|| "unknown".into())
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// The process's peak resident memory (Linux: `VmHWM`), for the benchmark.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{} MB", kb / 1024))
}
