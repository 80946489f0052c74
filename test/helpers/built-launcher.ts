import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/config/app-config';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Tests of the launcher run what `npm start` runs: the compiled `dist/`. It is rebuilt (`nest build`,
 * as `npm run build` does) when missing or older than a source file.
 */
export function ensureBuiltLauncher(): string {
  const root = projectRoot();
  const entry = join(root, 'dist', 'src', 'main.launcher.js');
  const sources = Math.max(...['src', 'workflows', 'activities', 'scripts'].map((dir) => newestSource(join(root, dir))));
  if (!existsSync(entry) || statSync(entry).mtimeMs < sources) {
    const build = spawnSync(join(root, 'node_modules', '.bin', 'nest'), ['build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`nest build failed:\n${build.stdout}${build.stderr}`);
  }
  return entry;
}
