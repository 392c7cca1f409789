#!/usr/bin/env bash
# Sourced after scripts/setup.sh: build the release site into dist/ with trunk.
build_site() { build_site_into dist; }

# Builds into another folder (the benchmark builds several seasons side by side).
build_site_into() {
  local root dist; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd); dist=$1
  export LOOPJE_NATIVE_PATH="$PATH"
  # Both routes build std for wasm32 from source (`[unstable] build-std` in .cargo/config.toml,
  # enabled by RUSTC_BOOTSTRAP), which lets the wasm drop panic locations, Debug formatting and
  # panic messages: with std's optimize_for_size about 12 KB brotli, immediate-abort 5 KB more
  # (issue 10's budget is 250 KB). A panic still stops the app (it did with panic=abort too) but the console says only
  # "unreachable": for the message, build without the last two flags and call
  # console_error_panic_hook. Target-specific, so the native builder (trunk's post_build hook)
  # is unaffected.
  local wasm_flags="--cfg=web_sys_unstable_apis -Zlocation-detail=none -Zfmt-debug=none"
  wasm_flags+=" -Zunstable-options -Cpanic=immediate-abort"
  if [ "$WASM_ROUTE" = debian ]; then
    # Debian's cargo/rustc first on PATH, with std's sources from rust-web-src.
    (cd "$root" && PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$root/target/wasm-debian" \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$wasm_flags" trunk build --release --dist "$dist")
  else
    (cd "$root" && RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$wasm_flags" \
      trunk build --release --dist "$dist")
  fi
  (cd "$root" && precompress "$dist")
}

# Every text asset compressed once, at the best settings, beside itself (`x.wasm.br`, `x.wasm.gz`),
# for nginx's brotli_static and gzip_static (deploy/nginx.conf.in). Runs after trunk, so after the
# builder wrote the service worker: the twins are never in its precache list. A twin that is not
# smaller than its file is dropped (nginx then sends the file).
precompress() {
  find "$1" -type f \( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.wasm' \
    -o -name '*.json' -o -name '*.xml' -o -name '*.svg' -o -name '*.vtt' -o -name '*.webmanifest' \
    -o -name '*.txt' \) -size +255c -print0 |
    xargs -0 -r -P2 -n 64 sh -c 'for f; do
      brotli -f -k -q 11 -o "$f.br" "$f" && gzip -f -k -n -9 "$f" || exit 1
      for z in "$f.br" "$f.gz"; do [ "$(stat -c %s "$z")" -lt "$(stat -c %s "$f")" ] || rm "$z"; done
    done' sh
}
