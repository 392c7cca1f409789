#!/usr/bin/env bash
# The benchmark (`./x bench [N ...]`, default 6 50 500): for each season size, generate a synthetic
# season in both languages (loopje-builder synth), build it with the release profile, serve it
# with the project's nginx config, and print one table. Also compares one real episode with the
# same text as bare HTML in Lighthouse (the floor). Not part of `./x test`: it takes minutes.
# Sourced by ./x after scripts/setup.sh and scripts/build.sh.

bench() {
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  local sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(6 50 500)
  local work; work=$(mktemp -d "${TMPDIR:-/tmp}/loopje-bench-XXXX")
  chmod 755 "$work"
  (cd "$root" && cargo build --quiet --locked --release -p loopje-builder)
  local builder="$root/target/release/loopje-builder"
  local rows=() floor="" start=""
  for n in "${sizes[@]}"; do
    local dir="$work/s$n"; mkdir -p "$dir"; chmod 755 "$dir"
    "$builder" synth --content "$root/content" --episodes "$n" --out "$dir/content" >&2
    # Content pipeline (load → audio → render → validate → assemble), cold and warm.
    local cold warm mem
    # A content error is printed (every problem, as the build would) and stops the benchmark.
    check_timed() {
      /usr/bin/time -f '%e' -o "$dir/time" "$builder" check --content "$dir/content" --cache "$dir/cache" >"$dir/check.log" 2>&1 \
        || { cat "$dir/check.log" >&2; echo "the content of the $n-episode season does not check" >&2; return 1; }
      tail -1 "$dir/time"
    }
    cold=$(check_timed) || return 1
    warm=$(check_timed) || return 1
    # The whole release build (wasm from cache after the first size, then every page).
    local t0=$SECONDS
    (cd "$root" && LOOPJE_CONTENT="$dir/content" LOOPJE_BUILDER_RELEASE=1 build_site_into "$dir/dist" >"$dir/build.log" 2>&1) \
      || { tail -20 "$dir/build.log" >&2; echo "build of $n episodes failed" >&2; return 1; }
    local total=$((SECONDS - t0))
    # The builder reports its own peak memory (prerender, icons, cards, service worker).
    mem=$(grep -o 'peak memory [0-9]* MB' "$dir/build.log" | grep -o '[0-9]*' | tail -1)
    local d="$dir/dist" page wasm
    # The same real episode at every size (the largest one: it holds the intensity test too).
    page="$d/nl/afleveringen/hoe-hard/index.html"
    wasm=$(ls "$d"/*.wasm)
    # The search index (nl): the list of documents, the term shards (one per first letter) and
    # the largest of them; each file is fetched on its own, so brotli is per file, then summed.
    local sdir="$d/nl/search" docs_raw docs_br shards_raw=0 shards_br=0 big_raw=0 big_br=0 f r c
    docs_raw=$(stat -c %s "$sdir/docs.json"); docs_br=$(brotli -q 11 -c "$sdir/docs.json" | wc -c)
    for f in "$sdir"/w-*.json; do
      r=$(stat -c %s "$f"); c=$(brotli -q 11 -c "$f" | wc -c)
      shards_raw=$((shards_raw + r)); shards_br=$((shards_br + c))
      if [ "$r" -gt "$big_raw" ]; then big_raw=$r; big_br=$c; fi
    done
    local precache
    precache=$(grep -o 'service worker precaches [0-9]* files, [0-9]* bytes' "$dir/build.log" | tail -1 \
      | awk '{printf "%s files, %.1f MB", $4, $6/1048576}')
    # Search in the browser, on this season, served as in production.
    local port conf prefix="$dir/nginx"; port=$(free_port)
    conf=$(nginx_conf "$port" "$prefix" "$d")
    nginx -p "$prefix" -c "$conf" -e stderr & local pid=$!
    for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/nl/" && break; sleep 0.1; done
    local search
    search=$(cd "$root" && node scripts/bench-browser.mjs search "http://127.0.0.1:$port")
    if [ "$n" = "${sizes[0]}" ]; then
      floor=$(cd "$root" && node scripts/bench-browser.mjs floor "http://127.0.0.1:$port" "$d")
      start=$(cd "$root" && node scripts/bench-browser.mjs start "http://127.0.0.1:$port")
    fi
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rows+=("$(printf '| %s | %s s | %s s | %s s | %s MB | %s | %s KB / %s KB | %s KB / %s KB | %s | %s KB / %s KB | %s KB / %s KB | %s KB / %s KB | %s | %s |' \
      "$n" "$cold" "$warm" "$total" "$mem" \
      "$(du -sh --apparent-size "$d" | cut -f1)" \
      "$(kb "$(stat -c %s "$page")")" "$(kb "$(gzip -9c "$page" | wc -c)")" \
      "$(kb "$(stat -c %s "$wasm")")" "$(kb "$(brotli -q 11 -c "$wasm" | wc -c)")" \
      "$precache" \
      "$(kb "$docs_raw")" "$(kb "$docs_br")" "$(kb "$shards_raw")" "$(kb "$shards_br")" \
      "$(kb "$big_raw")" "$(kb "$big_br")" \
      "$(node -e "const q=JSON.parse(process.argv[1]).lopen;console.log((q.raw/1024).toFixed(1)+' KB raw, '+(q.wire/1024).toFixed(1)+' KB gzip: '+q.files)" "$search")" \
      "$(node -e "const r=JSON.parse(process.argv[1]);console.log(r.median_ms.toFixed(1)+' ms (max '+r.max_ms.toFixed(1)+'); shard in memory '+r.warm_median_ms.toFixed(1)+' ms')" "$search")")")
  done
  echo
  echo "| episodes | pipeline cold | pipeline warm | release build | builder peak | dist/ | episode page raw / gzip | wasm raw / brotli | precache | search docs.json (nl) raw / brotli | all term shards raw / brotli | largest shard raw / brotli | query \"lopen\" downloads | search, 4× slower CPU |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Lighthouse (mobile), an episode vs the same text as bare HTML (medians of 5 runs each): $floor"
  echo
  echo "A first visit (fresh browser context, no service worker), Lighthouse's mobile profile applied"
  echo "for real (150 ms per request, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower), 5 runs each:"
  node -e '
    const r = JSON.parse(process.argv[1]);
    console.log("| page | first contentful paint | wasm requested | wasm arrived | hydrated | bytes until hydrated | of which wasm |");
    console.log("|---|---|---|---|---|---|---|");
    const f = (s, unit) => `${s.median} ${unit} (${s.min}–${s.max})`;
    for (const k of ["episode", "quiz"]) {
      const p = r[k];
      console.log(`| ${p.path} | ${f(p.fcp_ms, "ms")} | ${f(p.wasm_requested_ms, "ms")} | ${f(p.wasm_arrived_ms, "ms")} | ${f(p.hydrated_ms, "ms")} | ${f(p.bytes, "B")} | ${p.wasm_bytes.median} B |`);
    }' "$start"
  echo
  bench_profile
  echo "(work folder: $work)"
}

# The wasm's size profile: twiggy over the wasm as wasm-bindgen writes it before wasm-opt (trunk's
# unoptimised `app_bg.wasm`, which keeps the name section), the 20 largest items and each part's
# share (scripts/wasm-profile.mjs). Uses the wasm of the last release build.
bench_profile() {
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  setup_twiggy
  local target="$root/target"; [ "$WASM_ROUTE" = debian ] && target="$root/target/wasm-debian"
  local out; out=$(mktemp -d "${TMPDIR:-/tmp}/loopje-profile-XXXX")
  "$TOOLS/bin/wasm-bindgen" --target web --out-dir "$out" "$target/wasm32-unknown-unknown/release/app.wasm"
  echo "Size profile of the wasm before wasm-opt ($(stat -c %s "$out/app_bg.wasm") bytes with its names):"
  "$TOOLS/bin/twiggy" top -n 1000000 -f json "$out/app_bg.wasm" | node "$root/scripts/wasm-profile.mjs"
  rm -rf "$out"
}

# What each widget costs the wasm (ARCHITECTURE.md, "Starting up"): the site built with the
# widget's markup and attaching code replaced by empty ones (scripts/stub-component.mjs), brotli 11 of each wasm.
# Builds in a copy of the tracked files under target/widget-cost/ (its own target/, so warm after
# the first run; the checkout is not touched). Uses the working tree as it is.
# Standalone: `source scripts/setup.sh; setup_all; source scripts/bench.sh; bench_widgets`.
bench_widgets() {
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  local tree="$root/target/widget-cost/tree" name stubs base="" size
  # Each widget's markup and the code that attaches it.
  local intensity=("src/widgets/intensity/view.rs|pub fn section_html(|let _ = (lang, guide); String::new()"
    "src/widgets/intensity/view.rs|pub fn attach(|let _ = (lang, guide, section);")
  local quiz=("src/widgets/quiz/view.rs|pub fn section_html(|let _ = (lang, quiz, standalone); String::new()"
    "src/widgets/quiz/view.rs|pub fn attach(|let _ = (lang, quiz, section);")
  local player=("src/widgets/player/view.rs|pub fn section_html(|let _ = (deck, track); String::new()"
    "src/widgets/player/view.rs|pub fn attach(|let _ = (deck, track, section);"
    "src/widgets/player/bar.rs|pub fn player_bar(|let _ = deck;"
    "src/widgets/player/transcript.rs|pub fn section_html(|let _ = (lang, audio_url, transcript); String::new()"
    "src/widgets/player/transcript.rs|pub fn attach(|let _ = (section, starts, position, playing);")
  echo "| wasm built | bytes brotli | less |"
  echo "|---|---|---|"
  for name in "whole app" "without the intensity test and week log" "without the quiz" \
    "without the player, its bar and the transcript" "without all three"; do
    case "$name" in
      "whole app") stubs=() ;;
      *intensity*) stubs=("${intensity[@]}") ;;
      *quiz) stubs=("${quiz[@]}") ;;
      *player*) stubs=("${player[@]}") ;;
      *three) stubs=("${intensity[@]}" "${quiz[@]}" "${player[@]}") ;;
    esac
    mkdir -p "$tree"
    # The tracked files as they are now, with their mtimes, so cargo rebuilds only what changed.
    (cd "$root" && git ls-files -z | xargs -0 cp -p --parents -t "$tree")
    local stub file start body
    # A file stubbed for the last build is back as it was, but with its old mtime, which cargo
    # would take for "unchanged since that build".
    for stub in "${intensity[@]}" "${quiz[@]}" "${player[@]}"; do touch "$tree/${stub%%|*}"; done
    for stub in "${stubs[@]}"; do
      IFS='|' read -r file start body <<<"$stub"
      node "$root/scripts/stub-component.mjs" "$tree/$file" "$start" "$body" || return 1
    done
    rm -rf "$tree/dist"
    (cd "$tree" && source scripts/build.sh && build_site_into dist >/dev/null 2>&1) \
      || { echo "bench_widgets: the build \"$name\" failed (cd $tree && ./x build)" >&2; return 1; }
    size=$(brotli -q 11 -c "$tree"/dist/*_bg.wasm | wc -c)
    echo "| $name | $size | ${base:+$((base - size))} |"
    base=${base:-$size}
  done
}

kb() { awk "BEGIN{printf \"%.1f\", $1/1024}"; }

# One article grown to 100 KB, 1 MB and 5 MB, in two shapes: plain paragraphs, and structure
# nested 60 levels deep (lists in lists, quotes in quotes; 64 is the content limit). Prints the
# release builder's `check` time for each and the 5 MB / 1 MB ratio, which must stay ≤ 6 (the
# content pipeline costs linear time). Standalone: `source scripts/bench.sh; bench_size`.
bench_size() {
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  local builder=${1:-$root/target/release/loopje-builder}
  [ -n "${1:-}" ] || (cd "$root" && cargo build --quiet --locked --release -p loopje-builder)
  local work; work=$(mktemp -d "${TMPDIR:-/tmp}/loopje-size-XXXX")
  local article=episodes/01-hoofd/nl.md shape size row out=() failed=0
  # Warm the cache of spoken summaries first, so that only the check itself is timed.
  "$builder" check --content "$root/content" --cache "$work/cache" 2>/dev/null \
    || { echo "the real content does not check" >&2; return 1; }
  for shape in plain nested; do
    row="| \`check\`, one article, $shape |"
    local t1="" t5=""
    for size in 100K 1M 5M; do
      rm -rf "$work/content"; cp -r "$root/content" "$work/content"
      size_filler "$shape" "$size" >>"$work/content/$article"
      local t
      /usr/bin/time -f '%e' -o "$work/time" "$builder" check --content "$work/content" --cache "$work/cache" >/dev/null 2>"$work/err" \
        || { cat "$work/err" >&2; echo "check of the $size $shape article failed" >&2; return 1; }
      t=$(tail -1 "$work/time")
      row+=" $size: $t s |"
      [ "$size" = 1M ] && t1=$t
      [ "$size" = 5M ] && t5=$t
    done
    local ratio; ratio=$(awk -v a="$t5" -v b="$t1" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
    row+=" 5 MB / 1 MB: $ratio |"
    awk -v r="$ratio" -v t="$t5" 'BEGIN { exit !(r <= 6 && t < 2) }' || failed=1
    out+=("$row")
  done
  echo "| article size | 100 KB | 1 MB | 5 MB | ratio (≤ 6) |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${out[@]}"
  rm -rf "$work"
  [ "$failed" = 0 ] || { echo "the check of a 5 MB article takes 2 s or more, or grows faster than linearly" >&2; return 1; }
}

# Markdown to append to an article, about SIZE bytes (100K, 1M, 5M) of SHAPE (plain, nested).
size_filler() {
  local shape=$1 bytes; bytes=$(numfmt --from=iec "$2")
  # `yes` ends on SIGPIPE when `head` has enough: not a failure, though pipefail (./x) says so.
  local pipefail; pipefail=$(set +o | grep pipefail)
  set +o pipefail
  case "$shape" in
    plain) yes -- $'\nLopen is goed voor je lijf en je hoofd, zegt het onderzoek, al is het bewijs niet altijd even sterk.' ;;
    nested) yes -- "$(awk 'BEGIN {
        for (d = 0; d < 60; d++) { s = ""; for (i = 0; i < d; i++) s = s "  "; print s "- niveau " d }
        print ""
        for (d = 1; d <= 60; d++) { s = ""; for (i = 0; i < d; i++) s = s "> "; print s "citaat " d }
        print "" }')" ;;
  esac | head -c "$bytes"
  local status=$?
  eval "$pipefail"
  echo
  return "$status"
}

# The site's own search against Pagefind (https://pagefind.app; the npm package, pinned in
# package.json) on the same built pages: Pagefind indexes a copy of the release (each page's
# <main>, its bundle written into the copy at /pagefind/), nginx serves the copy with the
# project's config, and scripts/search-bench.mjs asks both engines every query of QUERIES in both
# languages: top-1 and top-3 episode, the bytes of a first query, the median answer time with the
# CPU slowed 4×. Prints one table; the JSON summary and the log stay in the work folder.
# Standalone: `source scripts/serve.sh; source scripts/bench.sh; bench_search_engines [QUERIES [DIST]]`
# (default tests/search/queries.json and dist/, which must be built first); PAGEFIND_WORKER=1
# lets Pagefind search in its web worker (scripts/search-bench.mjs says why it does not by default).
bench_search_engines() {
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  local queries; queries=$(realpath -m "${1:-$root/tests/search/queries.json}")
  local dist=${2:-$root/dist}
  [ -f "$dist/nl/zoeken/index.html" ] || { echo "no built site in $dist (./x build first)" >&2; return 1; }
  [ -f "$queries" ] || { echo "no queries file $queries" >&2; return 1; }
  local work; work=$(mktemp -d "${TMPDIR:-/tmp}/loopje-search-bench-XXXX")
  chmod 755 "$work"
  # Without the precompressed `.br`/`.gz` twins (as tests/browser/server.mjs copies a release):
  # both engines' files are then compressed by nginx on the fly, gzip -9, the same way.
  local site="$work/site"
  cp -r "$dist" "$site"
  find "$site" -type f \( -name '*.br' -o -name '*.gz' \) -delete
  "$root/node_modules/.bin/pagefind" --site "$site" --root-selector main --output-subdir pagefind \
    >"$work/pagefind.log" 2>&1 \
    || { cat "$work/pagefind.log" >&2; echo "pagefind failed to index $site" >&2; return 1; }
  grep -E 'Running Pagefind|Discovered|Indexed [0-9]+ (pages|words)' "$work/pagefind.log" | sed 's/^ */pagefind: /' >&2 || true
  local port prefix="$work/nginx" conf pid status=0 up=0
  port=$(free_port)
  conf=$(nginx_conf "$port" "$prefix" "$site")
  nginx -p "$prefix" -c "$conf" -e stderr & pid=$!
  for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/nl/" && { up=1; break; }; sleep 0.1; done
  if [ "$up" = 1 ]; then
    (cd "$root" && node scripts/search-bench.mjs "http://127.0.0.1:$port" "$queries") \
      >"$work/search-bench.json" 2>"$work/search-bench.log" || status=$?
  else
    echo "nginx did not answer on port $port" >&2; status=1
  fi
  # Stopped on failure too (the node script never hangs: each query has a 20 s timeout).
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  if [ "$status" != 0 ]; then
    cat "$work/search-bench.log" >&2
    echo "the search benchmark failed (work folder: $work)" >&2
    return 1
  fi
  echo
  echo "Search: the site's own index against Pagefind $("$root/node_modules/.bin/pagefind" --version | awk '{print $2}')" \
    "on the same pages, $(basename "$queries"); bytes from a fresh context without the service worker,"
  echo "each query timed from typing (or pf.search) to the answer; the median in brackets is over the"
  if [ "${PAGEFIND_WORKER:-}" = 1 ]; then
    echo "queries that fetched a file (shard, chunk or fragment); Pagefind in its web worker, which"
    echo "the CPU slowdown does not reach."
  else
    echo "queries that fetched a file (shard, chunk or fragment); Pagefind runs on the main thread"
    echo "(its noWorker option: the CPU slowdown does not reach its web worker)."
  fi
  grep '^|' "$work/search-bench.log"
  echo
  echo "(summary: $work/search-bench.json; every query: $work/search-bench.log)"
  rm -rf "$site" "$prefix"
}
