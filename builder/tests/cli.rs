//! The command line: help, and usage errors that exit 2 instead of being ignored.

use std::process::{Command, Output};

fn builder(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loopje-builder"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_lists_the_subcommands() {
    let o = builder(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8_lossy(&o.stdout);
    for sub in ["check", "build", "sw", "synth"] {
        assert!(help.contains(sub), "{help}");
    }
    let o = builder(&["check", "--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("--content <DIR>"));
}

#[test]
fn usage_errors_exit_2_with_usage() {
    for args in [
        &["check", "--no-such-flag"][..],
        &["check", "--out", "dist"],
        &["check", "--content"],
        &["build", "--content", "content"],
        &["synth", "--episodes", "many", "--out", "x"],
        &["frobnicate"],
        &[],
    ] {
        let o = builder(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("Usage:"), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn content_problems_exit_1_and_name_their_file_and_line() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-bad-content");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("site.toml"), b"url = \"x\"\n\xff\n").unwrap();
    let o = builder(&["check", "--content", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("site.toml:2:1: not UTF-8 — save the file as UTF-8"),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
