// Replaces the body of one function with a stub, for `bench_widgets` (scripts/bench.sh):
//   node scripts/stub-component.mjs FILE 'pub fn Name(' 'let _ = (arg, …);'
// The signature runs from the given start to the first `{`; the original is kept below as a dead
// function, so the file still compiles and the optimiser drops it.
import { readFileSync, writeFileSync } from 'node:fs';

const [file, start, body] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const at = text.indexOf(start);
if (at < 0 || text.indexOf(start, at + 1) >= 0) {
  console.error(`${file}: \`${start}\` must occur exactly once`);
  process.exit(1);
}
const open = text.indexOf('{', at);
// The `#[cfg(…)]` lines right above the function apply to the kept original too.
const cfgs = (text.slice(0, at).match(/(?:^[ \t]*#\[cfg[^\n]*\n)+$/m) ?? [''])[0];
const signature = text.slice(at, open);
// Without #[component] the original takes its props as plain arguments.
const original = signature.slice(signature.indexOf('fn ') + 3).replace(/#\[prop\([^)]*\)\]\s*/g, '');
writeFileSync(
  file,
  `${text.slice(0, at)}${signature}{ ${body} }\n${cfgs}#[allow(dead_code, non_snake_case, clippy::all)]\nfn __measured_${original}${text.slice(open)}`,
);
