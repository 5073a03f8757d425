/**
 * The folder of resdir's package.json, found by walking up from this module. It holds wherever the
 * code runs from: src/ under the test runner, dist/ as compiled, or dist/main.js as one bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('resdir: package.json not found above the running code');
    dir = up;
  }
}

export const REPO_ROOT: string = findRoot();

/** A path inside the package, e.g. repoPath('src', 'console'). */
export const repoPath = (...parts: string[]): string => path.join(REPO_ROOT, ...parts);
