// Starts Debian's nginx on 127.0.0.1 with the project's config (deploy/nginx.conf.in) over a
// given folder, for tests that need to stop or switch the server.
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A temporary copy of a release, readable by nginx's unprivileged workers. Without the
 *  precompressed `.br`/`.gz` twins: the tests edit copies, and nginx would serve a stale twin in
 *  place of the edited file (what is left is compressed on the fly). */
export function tempCopy(from, label) {
  const dir = mkdtempSync(join(tmpdir(), `loopje-${label}-`));
  chmodSync(dir, 0o755);
  cpSync(from, dir, { recursive: true, filter: (f) => !/\.(br|gz)$/.test(f) });
  return dir;
}

/** A port nothing listens on now (the system picks it), for a server of a test's own. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Servers still running when a test file ends (a test failed before it stopped its own) end with
// it: a running child process would otherwise keep the file from ever exiting.
const running = new Set();
process.on('exit', () => { for (const child of running) child.kill('SIGTERM'); });

export async function startServer(dist, port) {
  const prefix = mkdtempSync(join(tmpdir(), 'loopje-nginx-'));
  const conf = readFileSync(join(ROOT, 'deploy', 'nginx.conf.in'), 'utf8')
    .replaceAll('@DIST@', dist).replaceAll('@PORT@', String(port)).replaceAll('@PREFIX@', prefix);
  writeFileSync(join(prefix, 'nginx.conf'), conf);
  const child = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr'], { stdio: ['ignore', 'ignore', 'inherit'] });
  child.unref();
  running.add(child);
  child.once('exit', () => running.delete(child));
  let up = false;
  for (let i = 0; i < 100 && !up; i += 1) {
    try {
      up = (await fetch(`http://127.0.0.1:${port}/nl/`)).ok;
    } catch { /* not up yet */ }
    if (!up) await new Promise((r) => setTimeout(r, 50));
  }
  if (!up) {
    child.kill('SIGTERM');
    throw new Error(`nginx did not serve ${dist} on port ${port}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      // Waited for even when nothing else keeps the test file alive.
      child.ref();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Build B from a copy of release A: a changed wasm (a custom section appended, re-hashed, so every
 *  page changes) and a changed article (the page of `hoe-hard`). Its worker is written by `writeWorker`.
 *  Every changed file keeps A's modification time, as a reproducible build (SOURCE_DATE_EPOCH) or a
 *  deploy within the same second gives: nginx's validators (ETag and Last-Modified are mtime and
 *  size) then say a changed page of the same size is unchanged, and a revalidating fetch gets A's
 *  copy back from the HTTP cache. */
export function makeReleaseB(distA) {
  const dir = tempCopy(distA, 'b');
  const oldWasm = readdirSync(dir).find((f) => f.endsWith('_bg.wasm'));
  const wasm = readFileSync(join(dir, oldWasm));
  const name = Buffer.from('loopje-release-b');
  const body = Buffer.concat([Buffer.from([name.length]), name, Buffer.from('B')]);
  const changed = Buffer.concat([wasm, Buffer.from([0, body.length]), body]);
  const hash = createHash('sha256').update(changed).digest('hex').slice(0, 16);
  const newWasm = `app-${hash}_bg.wasm`;
  writeFileSync(join(dir, oldWasm), changed);
  renameSync(join(dir, oldWasm), join(dir, newWasm));
  const sri = (buf) => `sha384-${createHash('sha384').update(buf).digest('base64')}`;
  const oldSri = sri(wasm);
  const newSri = sri(changed);
  const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  for (const file of walk(dir).filter((f) => /\.(html|json|js)$/.test(f))) {
    let text = readFileSync(file, 'utf8');
    const before = text;
    text = text.replaceAll(oldWasm, newWasm).replaceAll(oldSri, newSri);
    if (file.includes('hoe-hard')) text = text.replaceAll('Hoe hard moet je gaan?', 'Hoe hard moet je gaan? (versie B)');
    if (text !== before) {
      const { atime, mtime } = statSync(file);
      writeFileSync(file, text);
      utimesSync(file, atime, mtime);
    }
  }
  return { dir, oldWasm, newWasm };
}

export function writeWorker(dir) {
  execFileSync(join(ROOT, 'target', 'debug', 'loopje-builder'), ['sw', '--out', dir], { stdio: 'ignore' });
}

export { ROOT };

