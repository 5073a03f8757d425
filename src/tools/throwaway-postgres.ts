/**
 * A throwaway PostgreSQL server for tests and the benchmark: Debian's binaries (initdb, pg_ctl) in
 * a temporary directory, on a free loopback port, unix socket in that directory, trust
 * authentication. initdb and postgres refuse to run as root, so as root they run as the `postgres`
 * OS user (runuser), in a directory owned by it. `findPostgresBin()` is undefined when no binaries
 * exist. Not for production data: `fast` mode turns fsync off.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The directory holding initdb/pg_ctl/postgres of PostgreSQL 15 or newer (RESDIR_TEST_PG_BIN overrides). */
export function findPostgresBin(): string | undefined {
  const has = (dir: string) => ['initdb', 'pg_ctl', 'postgres'].every((b) => fs.existsSync(path.join(dir, b)));
  const forced = process.env.RESDIR_TEST_PG_BIN;
  if (forced) return has(forced) ? forced : undefined;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v) && Number(v) >= 15) : [];
  for (const v of versions.sort((a, b) => Number(b) - Number(a)))
    if (has(path.join(root, v, 'bin'))) return path.join(root, v, 'bin');
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir || !has(dir)) continue;
    const real = path.dirname(fs.realpathSync(path.join(dir, 'initdb')));
    if (has(real)) return real;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface PgServer {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** Stops the server (`fast`: active sessions are terminated, as in a failover or a restart). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes every file. */
  destroy(): Promise<void>;
}

export interface PgServerOptions {
  /**
   * true (tests): fsync and full-page writes off. false (benchmark): crash-safe, commits not waited for, as SQLite's
   * WAL + synchronous=NORMAL.
   */
  fast?: boolean;
}

export async function startPgServer(bin: string, opts: PgServerOptions = { fast: true }): Promise<PgServer> {
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-pg-'));
  const data = path.join(dir, 'data');
  const exec = async (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]]
      : [path.join(bin, tool), args];
    return run(cmd, argv, { cwd: dir, timeout: 60_000 });
  };
  if (asRoot) await run('chown', ['postgres:postgres', dir]);
  await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  let port = 0;
  const options = () =>
    [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses='127.0.0.1'",
      '-c synchronous_commit=off',
      ...(opts.fast ? ['-c fsync=off', '-c full_page_writes=off'] : []),
      '-c max_connections=400',
      '-c shared_buffers=64MB',
    ].join(' ');
  const start = async () => {
    await exec('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', options(), 'start']);
  };
  for (let tries = 0; ; tries++) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (e) {
      if (tries >= 3) throw new Error(`PostgreSQL did not start: ${String(e)}\n${readLog(dir)}`);
    }
  }
  let running = true;
  // Safety net: a test run or benchmark that exits without destroy() does not leave a server behind.
  const onExit = () => {
    try {
      if (running)
        execFileSync(
          asRoot ? 'runuser' : path.join(bin, 'pg_ctl'),
          [
            ...(asRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl')] : []),
            '-D',
            data,
            '-m',
            'immediate',
            '-w',
            'stop',
          ],
          { stdio: 'ignore' },
        );
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort while exiting
    }
  };
  process.once('exit', onExit);
  const server: PgServer = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop(mode = 'fast') {
      await exec('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      process.off('exit', onExit);
      if (running) await server.stop('immediate').catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000);
  } catch {
    return '';
  }
}
