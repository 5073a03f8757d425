/**
 * The peer libraries the bench compares resdir with live in .bench/peers/<name>/, each with a
 * committed package.json and package-lock.json pinning exact versions. They are installed there on
 * first use (`npm ci --prefix`, which needs the npm registry) and are never dependencies of resdir.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PEER_DIR = path.join(ROOT, '.bench', 'peers', 'better-auth');

export const peerInstalled = (): boolean => fs.existsSync(path.join(PEER_DIR, 'node_modules', 'better-auth'));

/**
 * Ensures the peer is installed; with `offline` it never reaches the registry and reports whether
 * the peer is already there. Returns a reason when it is not usable.
 */
export function ensurePeer(offline: boolean, log: (s: string) => void): string | undefined {
  if (peerInstalled()) return undefined;
  if (offline) return 'not installed (run npm run bench once online)';
  log(`installing the better-auth peer into ${path.relative(ROOT, PEER_DIR)} (npm ci, pinned versions)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    execFileSync(npm, ['ci', '--prefix', PEER_DIR, '--no-audit', '--no-fund', '--loglevel', 'error'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 300_000,
    });
  } catch (e) {
    return `npm ci failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
  return peerInstalled() ? undefined : 'npm ci left no better-auth behind';
}
