//! `loopje-builder check [--content DIR]`: validate the content and list every problem.
//! `loopje-builder build [--content DIR] --out DIR`: also prerender every route into DIR,
//! using DIR/index.html (trunk's output) as the template. Run by trunk's post_build hook.

use loopje_builder::{pipeline, prerender};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(PathBuf::from)
    };
    let content = flag("--content").unwrap_or_else(|| PathBuf::from("content"));
    let command = args.first().map(String::as_str).unwrap_or("");
    if !matches!(command, "check" | "build") {
        eprintln!("usage: loopje-builder check [--content DIR]\n       loopje-builder build [--content DIR] --out DIR");
        return ExitCode::from(2);
    }
    let started = std::time::Instant::now();
    let site = match pipeline::build(&content) {
        Ok(site) => site,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!(
                "error: {} problem(s) in {}; nothing was built",
                errors.len(),
                content.display()
            );
            return ExitCode::FAILURE;
        }
    };
    if command == "check" {
        eprintln!("content is valid: {} pages", site.pages.len());
        return ExitCode::SUCCESS;
    }
    let Some(out) = flag("--out") else {
        eprintln!("build needs --out DIR");
        return ExitCode::from(2);
    };
    let template = match std::fs::read_to_string(out.join("index.html")) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "{}: {e} (run through trunk, which writes it)",
                out.join("index.html").display()
            );
            return ExitCode::FAILURE;
        }
    };
    match prerender::write(&site, &template, &out) {
        Ok(n) => {
            eprintln!(
                "prerendered {n} pages into {} in {:.2?}",
                out.display(),
                started.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
