/**
 * Start-to-healthy time: spawns the server the way a user does (`npm start`, or `node
 * dist/main.js`) on a free loopback port and a data dir of its own, and measures until
 * GET /_resdir/health answers. Also the idle resident set of `node dist/main.js` once healthy.
 * Every spawned process runs in its own process group, which is killed at the end.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { ROOT } from './peers.js';

export interface StartTiming {
  ms: number;
  /** Resident set of the server process when it was idle, MiB (direct `node` runs only). */
  rssMiB?: number;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** VmRSS of a process in MiB (Linux /proc); undefined elsewhere. */
export function rssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startToHealthy(
  command: readonly string[],
  dataDir: string,
  opts: { idleMs?: number; timeoutMs?: number } = {},
): Promise<StartTiming> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('RESDIR_') && !k.startsWith('npm_')) env[k] = v;
  Object.assign(env, { RESDIR_PORT: String(port), RESDIR_DATA_DIR: dataDir, RESDIR_LOG_LEVEL: 'warn' });
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, env, detached: true, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let dead = false;
  void exited.then(() => {
    dead = true;
  });
  try {
    const deadline = started + (opts.timeoutMs ?? 120_000);
    for (;;) {
      if (dead) throw new Error(`${command.join(' ')} exited before it was healthy`);
      if (performance.now() > deadline) throw new Error(`${command.join(' ')} not healthy in time`);
      const ok = await fetch(`http://127.0.0.1:${port}/_resdir/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      await sleep(5);
    }
    const ms = performance.now() - started;
    if (!opts.idleMs) return { ms };
    await sleep(opts.idleMs);
    return { ms, rssMiB: rssMiB(child.pid) };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(10_000)]);
    if (!dead) process.kill(-child.pid!, 'SIGKILL');
  }
}

/** The median start-to-healthy of `runs` restarts on the same data dir. */
export async function medianStart(command: readonly string[], dataDir: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await startToHealthy(command, dataDir)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
