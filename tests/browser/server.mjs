// Starts Debian's nginx on 127.0.0.1 with the project's config (deploy/nginx.conf.in) over a
// given folder, for tests that need to stop or switch the server.
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A temporary copy of a release, readable by nginx's unprivileged workers. */
export function tempCopy(from, label) {
  const dir = mkdtempSync(join(tmpdir(), `loopje-${label}-`));
  chmodSync(dir, 0o755);
  cpSync(from, dir, { recursive: true });
  return dir;
}

export async function startServer(dist, port) {
  const prefix = mkdtempSync(join(tmpdir(), 'loopje-nginx-'));
  const conf = readFileSync(join(ROOT, 'deploy', 'nginx.conf.in'), 'utf8')
    .replaceAll('@DIST@', dist).replaceAll('@PORT@', String(port)).replaceAll('@PREFIX@', prefix);
  writeFileSync(join(prefix, 'nginx.conf'), conf);
  const child = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr'], { stdio: ['ignore', 'ignore', 'inherit'] });
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
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export { ROOT };
