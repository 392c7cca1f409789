//! Fixture folders shared by the integration tests: `fixtures/<case>/content/` holds the files
//! that differ from `fixtures/base/content/`, `delete` lists files to remove.
#![allow(dead_code)] // each test file uses its own part

use loopje_builder::pipeline;
use std::fs;
use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// The base content with the case's changes applied, in a fresh folder of its own: tests run
/// in parallel threads, and two of them may build the same case.
pub fn content_for(case: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir =
        std::env::temp_dir().join(format!("loopje-fixture-{}-{n}-{case}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(&fixtures().join("base/content"), &dir);
    let overlay = fixtures().join(case).join("content");
    if overlay.is_dir() {
        copy_dir(&overlay, &dir);
    }
    if let Ok(list) = fs::read_to_string(fixtures().join(case).join("delete")) {
        for f in list.lines().filter(|l| !l.trim().is_empty()) {
            fs::remove_file(dir.join(f.trim())).unwrap();
        }
    }
    dir
}

/// Generated spoken summaries are cached across test runs, like the real build's.
pub fn options() -> pipeline::Options {
    pipeline::Options {
        cache: Path::new(env!("CARGO_TARGET_TMPDIR")).join("loopje-cache"),
    }
}
