/** Runs the compiled resdir (`node dist/main.js`) as a real child process, building dist/ when stale. */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const fresh = (): boolean => {
  const main = path.resolve('dist/main.js');
  return fs.existsSync(main) && fs.statSync(main).mtimeMs >= newestMtime(path.resolve('src'));
};

/**
 * Builds dist/ (tsc, then the dist/main.js bundle) unless dist/main.js is newer than every source
 * file. Test files run in parallel processes: a lock file makes one of them build while the others
 * wait.
 */
export function ensureBuilt(): void {
  if (fresh()) return;
  const lock = path.join(
    os.tmpdir(),
    `resdir-build-${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12)}.lock`,
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`build lock ${lock} held too long; delete it if no test runs`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (!fresh()) {
      execFileSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
        stdio: 'inherit',
      });
      execFileSync(process.execPath, [path.resolve('scripts/bundle.mjs')], { stdio: 'inherit' });
    }
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

export interface Child {
  proc: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node dist/main.js` with `env` and resolves once it prints its URL. */
export async function startChild(env: Record<string, string>, timeoutMs = 15_000): Promise<Child> {
  const proc = spawn(process.execPath, ['dist/main.js'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    proc.once('exit', (code, signal) => r({ code, signal })),
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = /resdir listening on (http:\/\/\S+)/.exec(out);
    if (m) return { proc, url: m[1]!, output: () => out, exited };
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`resdir did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
