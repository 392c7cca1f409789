// The wasm's size by function and by part, for `./x bench` (issue 21):
//   twiggy top -n 1000000 -f json app.wasm | node scripts/wasm-profile.mjs
// Prints the 20 largest items and the share of each part. A function belongs to the first part
// whose pattern its (demangled) name matches, so a `serde` decoder monomorphised for one of the
// app's types counts as serde, and the app's own code is split by module (each widget, each page).
import { readFileSync } from 'node:fs';

const PARTS = [
  ['serde / serde_json', /serde/],
  ['app: widgets::player', /loopje::widgets::player/],
  ['app: widgets::quiz', /loopje::widgets::quiz/],
  ['app: widgets::intensity', /loopje::widgets::intensity/],
  ['app: widgets::subscribe', /loopje::widgets::subscribe/],
  ['app: pages', /loopje::pages/],
  ['app: shell', /loopje::shell/],
  ['app: search', /loopje::search/],
  ['leptos / tachys / reactive_graph', /\b(leptos|tachys|reactive_graph|any_spawner|throw_error|or_poisoned|hydration_context|either_of|oco_ref|send_wrapper|guardian)\b/],
  ['web-sys / js-sys / wasm-bindgen glue', /\b(web_sys|js_sys|wasm_bindgen|wasm_bindgen_futures|gloo_\w+)\b|__wbg|__wbindgen|externref/],
  ['std / core / alloc', /\b(std|core|alloc|dlmalloc|compiler_builtins|hashbrown)::|^mem(cpy|move|set|cmp)$/],
  ['app: other (model, storage, i18n, main, …)', /\b(loopje|app)::/],
  ['data segments', /^data segment/],
];

const input = JSON.parse(readFileSync(0, 'utf8'));
// Code and data only: custom sections (names, wasm-bindgen's descriptors) are not shipped. Crate
// hashes (`tachys[4d3e…]::`) are dropped from names.
const items = (input.items ?? input)
  .filter((i) => !/section/.test(i.name))
  .map((i) => ({ name: i.name.replace(/\[[0-9a-f]{6,16}\]/g, ''), size: i.shallow_size }));
const total = items.reduce((n, i) => n + i.size, 0);
const pct = (n) => `${((100 * n) / total).toFixed(1)}%`;
const shares = new Map([...PARTS.map(([p]) => [p, 0]), ['other', 0]]);
for (const { name, size } of items) {
  const part = PARTS.find(([, re]) => re.test(name))?.[0] ?? 'other';
  shares.set(part, shares.get(part) + size);
}
console.log(`| top 20 items (of ${items.length}, ${total} bytes) | bytes | share |`);
console.log('|---|---|---|');
for (const i of items.slice().sort((a, b) => b.size - a.size).slice(0, 20)) {
  const name = i.name.length > 110 ? `${i.name.slice(0, 107)}…` : i.name;
  console.log(`| \`${name.replaceAll('|', '\\|').replaceAll('`', "'")}\` | ${i.size} | ${pct(i.size)} |`);
}
console.log();
console.log('| part | bytes | share |');
console.log('|---|---|---|');
for (const [part, size] of [...shares].sort((a, b) => b[1] - a[1])) console.log(`| ${part} | ${size} | ${pct(size)} |`);
