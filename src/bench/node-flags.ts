/**
 * The node flags `npm start` runs the server with: those between `node` and the script in
 * package.json's start script. The bench starts its resdir processes with them, so that it
 * measures the server as `npm start` runs it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './peers.js';

export function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...rest] = pkg.scripts.start.trim().split(/\s+/);
  if (node !== 'node') throw new Error(`package.json start script does not run node: ${pkg.scripts.start}`);
  return rest.slice(0, -1);
}
