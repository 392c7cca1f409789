#!/usr/bin/env bash
# Idempotent setup shared by `./x serve` and `./x test`. Sourced, not executed:
# it exports the environment the build needs (TOOLS, WASM_ROUTE, PATH additions).
#
# The single place that encodes what ../shared/toolchain.md verified on Debian 12:
# - `rustup target add wasm32-unknown-unknown` (and rust-src) may be impossible (no download);
#   fallback is Debian's rustc-web + rust-web-src + lld-22. Both build std with -Z build-std.
# - wasm-bindgen-cli must match the crate exactly; `--locked` fails on this registry.
# - trunk >= 0.22 declares rustc 1.96.1: install with --ignore-rust-version.
# - Debian's binaryen (wasm-opt 108) silently breaks the page: use npm's binaryen.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export TOOLS="${LOOPJE_TOOLS:-$HOME/.cache/loopje/tools}"
mkdir -p "$TOOLS/bin"

TRUNK_VERSION=0.22.1
CARGO_FUZZ_VERSION=0.13.1
# wasm-bindgen-cli must equal the `wasm-bindgen` pin in Cargo.toml.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$ROOT/Cargo.toml")

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1
  fi
}

APT_UPDATED=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  if [ "$APT_UPDATED" = 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  # With recommends, as verified here: chromium needs its recommended fonts for readable screenshots.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Builds tools fast: trunk's own release profile (fat LTO, 1 codegen unit) costs ~10 extra minutes
# on 2 cores for no benefit to a build tool, and opt-level 1 compiles faster than 3 while the tools
# spend their time waiting on cargo, wasm-bindgen and wasm-opt anyway.
fast_tool_build() {
  env CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=0 \
    CARGO_TARGET_DIR="$TOOLS/build" "$@"
}

setup_wasm_target() {
  # LOOPJE_WASM_ROUTE=debian forces the fallback (to test it on a machine that has the target).
  if [ "${LOOPJE_WASM_ROUTE:-}" != debian ]; then
    # std is built from source for the wasm (smaller: scripts/build.sh), so rust-src too.
    if { rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
      timeout 120 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; } &&
      { rustup component list --installed 2>/dev/null | grep -q '^rust-src' ||
        timeout 120 rustup component add rust-src >/dev/null 2>&1; }; then
      export WASM_ROUTE=rustup
      return
    fi
    log "rustup cannot add wasm32-unknown-unknown and rust-src here: using Debian's rustc-web"
  fi
  apt_install rustc-web rust-web-src cargo-web rust-web-llvm lld-22
  export WASM_ROUTE=debian
}

setup_wasm_bindgen() {
  if [ "$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then return; fi
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: its lock file pins a webpki-roots this registry lacks.
  fast_tool_build cargo install --quiet --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --root "$TOOLS"
}

setup_trunk() {
  if "$TOOLS/bin/trunk" --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then return; fi
  log "installing trunk $TRUNK_VERSION (10-20 minutes on 2 cores)"
  local cargo=cargo rustc_env=()
  if [ -x /usr/bin/cargo ] && [ -x /usr/bin/rustc ]; then
    cargo=/usr/bin/cargo; rustc_env=(RUSTC=/usr/bin/rustc PATH=/usr/bin:/bin)
  fi
  fast_tool_build env "${rustc_env[@]}" "$cargo" install --quiet --locked --force trunk \
    --version "$TRUNK_VERSION" --ignore-rust-version --no-default-features --features rustls \
    --root "$TOOLS"
}

# cargo-fuzz, for `./x fuzz` only (not part of setup_all): libFuzzer needs nightly flags, which
# RUSTC_BOOTSTRAP=1 allows on the stable toolchain (scripts/fuzz.sh).
setup_cargo_fuzz() {
  if "$TOOLS/bin/cargo-fuzz" --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\$"; then return; fi
  log "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes)"
  fast_tool_build cargo install --quiet --locked --force cargo-fuzz --version "$CARGO_FUZZ_VERSION" --root "$TOOLS"
}

# twiggy, for `./x bench` only: the wasm's size profile by function and crate (issue 21).
TWIGGY_VERSION=0.8.0
setup_twiggy() {
  if "$TOOLS/bin/twiggy" --version 2>/dev/null | grep -q " $TWIGGY_VERSION\$"; then return; fi
  log "installing twiggy $TWIGGY_VERSION (about 2 minutes)"
  fast_tool_build cargo install --quiet --locked --force twiggy --version "$TWIGGY_VERSION" --root "$TOOLS"
}

setup_node() {
  command -v npm >/dev/null || apt_install nodejs npm
  # package-lock.json pins playwright-core and binaryen (wasm-opt 12x; Debian's 108 breaks the page).
  if [ ! -f "$ROOT/node_modules/.stamp" ] || ! cmp -s "$ROOT/package-lock.json" "$ROOT/node_modules/.stamp"; then
    log "installing npm packages (playwright-core, binaryen)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/package-lock.json" "$ROOT/node_modules/.stamp"
  fi
}

setup_all() {
  # libnginx-mod-http-brotli-static: deploy/nginx.conf.in loads it to serve the `.br` files.
  apt_install chromium chromium-driver nginx-light libnginx-mod-http-brotli-static brotli \
    ca-certificates espeak-ng lame fonts-dejavu-core
  setup_wasm_target
  setup_node
  setup_wasm_bindgen
  setup_trunk
  # trunk builds offline, so every crate must be here first, including, on the Debian route,
  # the crates std itself depends on when -Z build-std compiles it.
  (cd "$ROOT" && cargo fetch --quiet)
  local std_path="$PATH"; [ "$WASM_ROUTE" = debian ] && std_path="/usr/bin:$PATH"
  (cd "$ROOT" && PATH="$std_path" RUSTC_BOOTSTRAP=1 cargo fetch --quiet --target wasm32-unknown-unknown)
  export PATH="$TOOLS/bin:$ROOT/node_modules/.bin:$PATH"
}
