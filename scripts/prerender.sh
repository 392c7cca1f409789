#!/usr/bin/env bash
# trunk post_build hook: prerender every route with the native builder into trunk's staging dir.
# The wasm build may run with Debian's toolchain and RUSTC_BOOTSTRAP (scripts/build.sh); the
# builder is a native program and runs with the developer's own toolchain.
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by trunk}"
if [ -n "${LOOPJE_NATIVE_PATH:-}" ]; then export PATH="$LOOPJE_NATIVE_PATH"; fi
unset RUSTC_BOOTSTRAP RUSTC CARGO_TARGET_DIR CARGO_BUILD_TARGET
cd "$(dirname "$0")/.."
# The benchmark (scripts/bench.sh) builds other content with the optimised builder.
profile=(); [ -n "${LOOPJE_BUILDER_RELEASE:-}" ] && profile=(--release)
cargo run --quiet --locked "${profile[@]}" -p loopje-builder -- build \
  --content "${LOOPJE_CONTENT:-content}" --out "$TRUNK_STAGING_DIR"
