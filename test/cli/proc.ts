/**
 * Child-process helpers for the CLI tests: every child is bounded by a timeout and tracked so that
 * afterEach can kill whatever is still running. Children get a clean environment (no inherited
 * RESDIR_* variables) and run in a temp working directory, so nothing lands in the repository.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/cli/main.js');
export const BIN = path.join(ROOT, 'bin/resdir.js');
export const MAIN = path.join(ROOT, 'dist/main.js');

const live = new Set<ChildProcess>();
const temps: string[] = [];

export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-cli-'));
  temps.push(d);
  return d;
}

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('RESDIR_') && k !== 'NODE_OPTIONS') env[k] = v;
  return { ...env, ...extra };
}

/** Kills every child still running and removes the temp dirs (afterEach). */
export function cleanup(): void {
  for (const c of live) c.kill('SIGKILL');
  live.clear();
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts'))
      newest = Math.max(newest, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

/** Builds dist/ (tsc, then the dist/main.js bundle) when it is missing or older than a source file. */
export function ensureBuilt(): void {
  const built = fs.existsSync(CLI) && fs.existsSync(MAIN) ? fs.statSync(CLI).mtimeMs : 0;
  if (built >= newestMtime(path.join(ROOT, 'src'))) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 180_000,
    });
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs')], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 60_000,
    });
  } catch (e) {
    const out = (e as { stdout?: Buffer }).stdout?.toString() ?? '';
    throw new Error(`tsc -p . failed, so dist/ cannot be trusted:\n${out || String(e)}`);
  }
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the child exits; rejects (after SIGKILL) when it outlives `timeoutMs`. */
  exited(timeoutMs?: number): Promise<Finished>;
  /** Resolves with the first match of `re` on stdout; rejects on exit or after `timeoutMs`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

export function start(
  script: string,
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string } = {},
): Running {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: opts.cwd ?? tempDir(),
    env: cleanEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
  const done = new Promise<Finished>((resolve) => {
    child.once('close', (code, signal) => {
      live.delete(child);
      resolve({ code, signal, stdout: out, stderr: err });
    });
  });
  const bounded = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${what} within ${ms} ms\nstdout:\n${out}\nstderr:\n${err}`));
      }, ms);
      p.then(
        (v) => {
          clearTimeout(t);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(t);
          reject(e);
        },
      );
    });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: (ms = 15_000) => bounded(done, ms, `${path.basename(script)} ${args.join(' ')} did not exit`),
    waitFor: (re, ms = 15_000) =>
      bounded(
        new Promise<RegExpMatchArray>((resolve, reject) => {
          const check = (): void => {
            const m = out.match(re);
            if (m) resolve(m);
          };
          child.stdout!.on('data', check);
          check();
          void done.then((f) =>
            reject(
              new Error(`exited (code ${f.code}) before printing ${re}\nstdout:\n${f.stdout}\nstderr:\n${f.stderr}`),
            ),
          );
        }),
        ms,
        `no ${re} on stdout`,
      ),
  };
}

/** Runs the CLI to completion (bounded). */
export function run(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; script?: string; timeoutMs?: number } = {},
): Promise<Finished> {
  return start(opts.script ?? CLI, args, opts).exited(opts.timeoutMs);
}
