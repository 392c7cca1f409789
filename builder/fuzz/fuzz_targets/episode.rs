//! One generated episode file (front matter and Markdown, cut at 64 KB) through the loader, the
//! renderer and every validation rule, in the base fixture's season. A panic is a crash; so is
//! a problem that does not name its file and line.

#![no_main]

use libfuzzer_sys::fuzz_target;
use loopje_builder::fuzzing::{check_episode, well_formed};
use loopje_builder::pipeline::Options;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let options = Options {
        cache: root.join("../target/loopje-cache"),
    };
    for d in check_episode(&root.join("tests/fixtures/base/content"), data, &options) {
        assert!(well_formed(&d), "{d:?}");
    }
});
