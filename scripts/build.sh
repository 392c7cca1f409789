#!/usr/bin/env bash
# Sourced after scripts/setup.sh: build the release site into dist/ with trunk.
build_site() { build_site_into dist; }

# Builds into another folder (the benchmark builds several seasons side by side).
build_site_into() {
  local root dist; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd); dist=$1
  export LOOPJE_NATIVE_PATH="$PATH"
  if [ "$WASM_ROUTE" = debian ]; then
    # Debian's cargo/rustc first on PATH; RUSTC_BOOTSTRAP enables `[unstable] build-std` from
    # .cargo/config.toml, which builds std for wasm32 from rust-web-src.
    (cd "$root" && PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$root/target/wasm-debian" \
      trunk build --release --dist "$dist")
  else
    (cd "$root" && trunk build --release --dist "$dist")
  fi
}
