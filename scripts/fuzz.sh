#!/usr/bin/env bash
# `./x fuzz [SECONDS]` (default 60): the builder's fuzz target (builder/fuzz, cargo-fuzz with
# libFuzzer, no sanitizer: the builder has no unsafe code of its own, and an uninstrumented
# build runs several times more inputs) on both cores, seeded with the real articles and the
# fixtures' episode files. Prints the inputs run, inputs per second and the slowest input's time
# per KB; a crash leaves its input in builder/fuzz/artifacts/ and fails. Sourced by ./x.

fuzz() {
  local seconds=${1:-60}
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  local dir="$root/builder/fuzz" jobs=2
  local corpus="$dir/corpus/episode" work; work=$(mktemp -d "${TMPDIR:-/tmp}/loopje-fuzz-XXXX")
  mkdir -p "$corpus" "$dir/artifacts"
  find "$root/content/episodes" "$root/builder/tests/fixtures" -path '*/episodes/*/*.md' -exec sh -c \
    'to=$1; shift; for f; do cp "$f" "$to/seed-$(printf %s "$f" | sha1sum | cut -c1-12).md"; done' \
    _ "$corpus" {} +
  # RUSTC_BOOTSTRAP: libFuzzer's instrumentation flags are nightly-only. Without the
  # comparison tracing: it took about half of each run's time (perf); the seeds (every real
  # and fixture article) already hold the syntax the parsers compare with. Twice the inputs.
  (cd "$dir" && RUSTC_BOOTSTRAP=1 cargo fuzz build --sanitizer none --no-trace-compares \
    --release episode) || return 1
  local bin; bin=$(ls "$dir"/target/*/release/episode | head -1)
  # -fork: one process per core. Fork mode ignores timeouts and out-of-memory by default: here
  # an input that runs over 10 s (a hang) or over 2 GB stops the run and fails like a crash.
  local status=0
  (cd "$dir" && "$bin" -fork="$jobs" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -ignore_timeouts=0 -ignore_ooms=0 -artifact_prefix="$dir/artifacts/" \
    -print_final_stats=1 "$corpus" 2>"$work/log") || status=$?
  # libFuzzer's fork mode logs `#<runs>: cov: … exec/s: …`; the last line has the total.
  local runs; runs=$(grep -o '^#[0-9]*' "$work/log" | tail -1 | tr -d '#' || true)
  echo "inputs run: ${runs:-0} in ${seconds} s ($(( ${runs:-0} / seconds )) inputs/s on $jobs cores)"
  fuzz_slowest "$bin" "$corpus"
  if [ "$status" != 0 ]; then
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$work/log" >&2 || tail -20 "$work/log" >&2
    echo "the fuzz run found a crash (see builder/fuzz/artifacts/; add it as a fixture)" >&2
    return 1
  fi
  rm -rf "$work"
}

# The slowest of the corpus's 200 largest inputs, by time per KB: each run once in its own
# process, less the time of a process that runs an empty input.
fuzz_slowest() {
  local bin=$1 corpus=$2 slowest="" worst=0 f t base kb per empty
  empty=$(mktemp); base=$(fuzz_time "$bin" "$empty"); rm -f "$empty"
  while read -r f; do
    t=$(fuzz_time "$bin" "$f")
    kb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN { print b / 1024 }')
    per=$(awk -v t="$t" -v b="$base" -v k="$kb" 'BEGIN { d = t - b; printf "%.2f", (d > 0 ? d : 0) / k }')
    if awk -v a="$per" -v b="$worst" 'BEGIN { exit !(a > b) }'; then worst=$per; slowest=$f; fi
  done < <(ls -S "$corpus" | head -200 | sed "s|^|$corpus/|")
  echo "slowest input: ${worst} ms per KB ($(basename "${slowest:-none}"), $(stat -c %s "${slowest:-/dev/null}") bytes)"
}

fuzz_time() { # binary input -> milliseconds for one run
  local s e; s=$(date +%s%N); "$1" -runs=1 "$2" >/dev/null 2>&1; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
