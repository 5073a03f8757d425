/** Starts a benchmark server as a child process and waits (bounded) for its ready message. */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { BootstrapInfo } from '../bootstrap.js';

export interface ServerReady {
  url: string;
  database: string;
  boot?: BootstrapInfo;
}

export interface BenchServer {
  ready: ServerReady;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Forks `script` (a compiled file next to this one). Its stdout goes to `logFile`; its stderr is
 * inherited so that a crash is visible. Rejects when the child exits or is silent for `timeoutMs`.
 */
export function startServer(
  script: string,
  env: Record<string, string>,
  logFile: string,
  timeoutMs = 120_000,
  nodeFlags: readonly string[] = [],
): Promise<BenchServer> {
  const out = fs.openSync(logFile, 'w');
  // RESDIR_BENCH_PROFILE=<dir> writes a V8 CPU profile of each server there (for finding hot spots).
  const profile = process.env.RESDIR_BENCH_PROFILE;
  const execArgv = [...nodeFlags, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])];
  const child = fork(new URL(script, import.meta.url), [], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', out, 'inherit', 'ipc'],
  });
  fs.closeSync(out);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not become ready within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited early (code ${code}, signal ${signal})`));
    });
    child.once('message', (msg) => {
      clearTimeout(timer);
      resolve({ ready: msg as ServerReady, child, stop: () => stopChild(child) });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
