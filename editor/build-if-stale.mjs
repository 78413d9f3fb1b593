// `npm start` runs this first: builds the editor when editor/dist is missing or older than its sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('.', import.meta.url).pathname;
const built = join(root, 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = [join(root, 'src'), join(root, 'index.html'), join(root, 'vite.config.ts')].filter(existsSync);
const stale = !existsSync(built) || sources.some((s) => (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs) > statSync(built).mtimeMs);
if (stale && existsSync(join(root, 'index.html'))) {
  process.stdout.write('building the editor (editor/dist is missing or stale)…\n');
  execFileSync('npx', ['vite', 'build', '--config', join(root, 'vite.config.ts')], { stdio: 'inherit' });
}
