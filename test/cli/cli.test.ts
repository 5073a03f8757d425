/**
 * The built program (dist/) driven as child processes: CONTRACT.md §1 (commands), §2 (settings and
 * their errors), §4 (bootstrap) and §5 (health). Every child is bounded and killed in afterEach.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SETTING_DEFS } from '../../src/config/settings.js';
import { productClient, rmModels } from '../support/clients.js';
import { BIN, CLI, MAIN, cleanup, ensureBuilt, run, start, tempDir } from './proc.js';

beforeAll(() => ensureBuilt(), 200_000);
afterEach(() => cleanup());

const URL_LINE = /resdir listening on (http:\/\/127\.0\.0\.1:(\d+))/;

describe('resdir --help', () => {
  it('lists serve, bootstrap and migrate (through the npm bin entry)', async () => {
    const r = await run(['--help'], { script: BIN });
    expect(r.code).toBe(0);
    for (const cmd of ['serve', 'bootstrap', 'migrate']) expect(r.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
  });

  it('serve --help lists every setting flag with its environment variable', async () => {
    const r = await run(['serve', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['host', 'port', 'data-dir', 'database-url', 'site', 'sms-provider', 'mode', 'limits']) {
      expect(r.stdout).toContain(`--${flag} <`);
    }
    for (const d of SETTING_DEFS.filter((d) => d.flag)) {
      expect(r.stdout).toContain(`--${d.flag} <`);
      expect(r.stdout).toContain(d.env);
    }
  });
});

describe('resdir migrate', () => {
  it('applies the migrations, then says the store is up to date', async () => {
    const dir = tempDir();
    const first = await run(['migrate', '--data-dir', dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^applied: \S+/m);
    expect(fs.existsSync(path.join(dir, 'resdir.db'))).toBe(true);
    const second = await run(['migrate', '--data-dir', dir]);
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toBe('already up to date');
  });
});

// biome-ignore lint/suspicious/noExplicitAny: bootstrap.json is checked field by field below
type Bootstrap = Record<string, any>;

function expectBootstrapShape(b: Bootstrap): void {
  expect(b.managementAccountId).toBe('1000000000000001');
  expect(b.site).toBe('intl');
  expect(b.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(b.resourceDirectoryId).toMatch(/^rd-[a-z0-9]{6}$/);
  expect(b.rootFolderId).toMatch(/^r-[a-z0-9]{6}$/);
  for (const key of [b.root, b.admin]) {
    expect(key.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{12,}$/);
    expect(key.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
  }
  expect(b.root.accessKeyId).not.toBe(b.admin.accessKeyId);
  expect(b.admin.userName).toBe('rd-admin');
  expect(b.admin.principal).toBe('acs:ram::1000000000000001:user/rd-admin');
  expect(b.admin.policies).toEqual(['AliyunResourceDirectoryFullAccess']);
  expect(b.member.accountId).toMatch(/^[1-9]\d{15}$/);
  expect(b.member.accountId).not.toBe(b.managementAccountId);
  expect(typeof b.member.accountName).toBe('string');
  expect(b.member.type).toBe('ResourceAccount');
}

describe('resdir bootstrap', () => {
  it('prints every §4 field, writes bootstrap.json 0600, and prints the same world the second time', async () => {
    const dir = tempDir();
    const first = await run(['bootstrap', '--json', '--data-dir', dir]);
    expect(first.code).toBe(0);
    const printed = JSON.parse(first.stdout) as Bootstrap;
    expectBootstrapShape(printed);
    expect(printed.endpoint).toBe('http://127.0.0.1:8080');

    const file = path.join(dir, 'bootstrap.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(printed);

    const second = await run(['bootstrap', '--json', '--data-dir', dir]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(printed);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('resdir serve', () => {
  it('starts on --port 0, prints the URL, answers health, and exits 0 promptly on SIGTERM', async () => {
    const dir = tempDir();
    const p = start(CLI, ['serve', '--port', '0', '--data-dir', dir]);
    const [, url, port] = await p.waitFor(URL_LINE);
    expect(Number(port)).toBeGreaterThan(0);
    const res = await fetch(`${url}/_resdir/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ status: 'ok', version: expect.any(String), store: 'sqlite' });
    expect(fs.existsSync(path.join(dir, 'bootstrap.json'))).toBe(true);

    const t0 = Date.now();
    p.child.kill('SIGTERM');
    const end = await p.exited(5_000);
    expect(end.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(end.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('shutdown under load', () => {
  it('SIGTERM while keep-alive clients keep sending still exits 0 (no 72 s keep-alive wait)', async () => {
    const { Agent, request } = await import('node:http');
    const p = start(CLI, ['serve', '--port', '0', '--data-dir', tempDir(), '--log-level', 'warn']);
    const [, url] = await p.waitFor(URL_LINE);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    let stop = false;
    const get = () =>
      new Promise<void>((resolve) => {
        const req = request(`${url}/_resdir/health`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        req.on('error', () => resolve());
        req.end();
      });
    const loops = Array.from({ length: 8 }, async () => {
      while (!stop) await get();
    });
    await new Promise((r) => setTimeout(r, 300));
    p.child.kill('SIGTERM');
    const end = await p.exited(30_000); // bounded well below the 72 s keep-alive timeout
    stop = true;
    await Promise.all(loops);
    agent.destroy();
    expect(end.code).toBe(0);
    expect(end.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a bad setting stops start-up with one clear line', () => {
  const cases: Array<{
    name: string;
    args?: string[];
    env?: Record<string, string>;
    names: RegExp;
    allowed: RegExp[];
  }> = [
    { name: '--port 70000', args: ['--port', '70000'], names: /--port/, allowed: [/70000/, /0 to 65535/] },
    { name: 'RESDIR_PORT=abc', env: { RESDIR_PORT: 'abc' }, names: /RESDIR_PORT/, allowed: [/0 to 65535/] },
    {
      name: 'RESDIR_SITE=mars',
      env: { RESDIR_SITE: 'mars' },
      names: /RESDIR_SITE/,
      allowed: [/mars/, /intl/, /china/],
    },
    { name: '--limits maybe', args: ['--limits', 'maybe'], names: /--limits/, allowed: [/maybe/, /\bon\b/, /\boff\b/] },
    {
      name: 'RESDIR_MODE=production with the inbox provider',
      env: { RESDIR_MODE: 'production' },
      names: /RESDIR_SMS_PROVIDER/,
      allowed: [/inbox/, /production/],
    },
    {
      name: 'RESDIR_LOG_LEVEL=loud',
      env: { RESDIR_LOG_LEVEL: 'loud' },
      names: /RESDIR_LOG_LEVEL/,
      allowed: [/loud/, /warn/, /silent/],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const dir = tempDir();
      // Port 0 through the environment so that a RESDIR_PORT case can override it.
      const r = await run(['serve', '--data-dir', dir, ...(c.args ?? [])], {
        env: { RESDIR_PORT: '0', ...c.env },
        timeoutMs: 8_000,
      });
      expect(r.code).not.toBe(0);
      expect(r.code).not.toBeNull();
      expect(r.stdout).not.toMatch(/listening/);
      const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(c.names);
      for (const a of c.allowed) expect(lines[0]).toMatch(a);
      expect(r.stderr).not.toMatch(/^\s+at |Error:|node:internal/m);
    });
  }
});

describe('a port already in use', () => {
  const busyPort = async (): Promise<{ port: number; close(): Promise<void> }> => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    return {
      port: (srv.address() as net.AddressInfo).port,
      close: () => new Promise<void>((r) => srv.close(() => r())),
    };
  };
  const expectOneLine = (r: { code: number | null; stderr: string }): void => {
    expect(r.code).not.toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/EADDRINUSE|in use/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  };

  it('resdir serve exits non-zero with one line', async () => {
    const busy = await busyPort();
    try {
      expectOneLine(await run(['serve', '--port', String(busy.port), '--data-dir', tempDir()], { timeoutMs: 8_000 }));
    } finally {
      await busy.close();
    }
  });

  it('npm start (dist/main.js) exits non-zero with one line', async () => {
    const busy = await busyPort();
    try {
      expectOneLine(
        await run([], {
          script: MAIN,
          env: { RESDIR_PORT: String(busy.port), RESDIR_DATA_DIR: tempDir() },
          timeoutMs: 8_000,
        }),
      );
    } finally {
      await busy.close();
    }
  });
});

describe('npm start (node dist/main.js)', () => {
  it('bootstraps on the first start and reuses bootstrap.json (same keys, still valid) on the second', async () => {
    const dir = tempDir();
    const env = { RESDIR_PORT: '0', RESDIR_DATA_DIR: dir, RESDIR_LOG_LEVEL: 'warn' };

    const first = start(MAIN, [], { env });
    const [, url1] = await first.waitFor(URL_LINE);
    await first.waitFor(/SMS inbox: /);
    const file = path.join(dir, 'bootstrap.json');
    const boot1 = JSON.parse(fs.readFileSync(file, 'utf8')) as Bootstrap;
    expectBootstrapShape(boot1);
    expect(boot1.endpoint).toBe(url1);
    expect(first.stdout()).toContain(boot1.admin.accessKeyId);
    expect(first.stdout()).toContain(boot1.member.accountId);
    // A request first: serve.ts installs its signal handlers only after printing the welcome, so a
    // SIGTERM sent the instant the URL appears can still hit the default action (see report).
    expect((await fetch(`${url1}/_resdir/health`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect((await first.exited(5_000)).code).toBe(0);

    const second = start(MAIN, [], { env });
    const [, url2] = await second.waitFor(URL_LINE);
    await second.waitFor(/SMS inbox: /);
    const boot2 = JSON.parse(fs.readFileSync(file, 'utf8')) as Bootstrap;
    expect({ ...boot2, endpoint: undefined }).toEqual({ ...boot1, endpoint: undefined });
    expect(boot2.endpoint).toBe(url2);
    expect(second.stdout()).toContain(boot1.admin.accessKeyId);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // The reused keys still authenticate against the reopened store (official SDK, ACS3).
    const admin = productClient(url2!.replace(/^http:\/\//, ''), boot2.admin);
    const got = await admin.getAccount(new rmModels.GetAccountRequest({ accountId: boot2.member.accountId }));
    expect(got.statusCode).toBe(200);
    expect(got.body.account.type).toBe('ResourceAccount');

    second.child.kill('SIGTERM');
    expect((await second.exited(5_000)).code).toBe(0);
  });
});
