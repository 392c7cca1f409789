//! A short, deterministic run of the fuzz target's harness (`./x fuzz` runs the real thing):
//! 10,000 episode files, the real articles and fixtures mutated, through the whole content
//! pipeline. Asserts only that nothing panics and every problem names its file and line; no
//! time bound (that would make the test depend on the machine's load).

use loopje_builder::fuzzing::{check_episode, seeds, well_formed, Mutator};
use loopje_builder::pipeline::Options;
use std::path::Path;

#[test]
fn ten_thousand_generated_episodes_fail_only_with_diagnostics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let season = root.join("tests/fixtures/base/content");
    let seeds = seeds(&[&root.join("../content"), &root.join("tests/fixtures")]);
    assert!(seeds.len() >= 20, "{} seeds", seeds.len());
    let options = Options {
        cache: Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-cache"),
    };
    let mut mutator = Mutator::new(seeds, 18);
    let (mut valid, mut invalid) = (0, 0);
    for n in 0..10_000 {
        let input = mutator.input(n);
        let problems = check_episode(&season, &input, &options);
        for d in &problems {
            assert!(well_formed(d), "input {n}: {d:?}");
        }
        if problems.is_empty() {
            valid += 1;
        } else {
            invalid += 1;
        }
    }
    assert!(valid > 0 && invalid > 0, "{valid} valid, {invalid} invalid");
}
