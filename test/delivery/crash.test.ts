/**
 * At-least-once delivery across a crash: a real resdir child process is SIGKILLed while its
 * webhook sends hang at the receiver; after a restart every message is delivered, none is lost,
 * and the receiver sees the duplicates by our message id. Then graceful shutdown (SIGTERM)
 * finishes a send in flight before the process exits.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/ports.js';
import { ensureBuilt, startChild, type Child } from '../support/child.js';
import { startFakeWebhook, type FakeWebhook } from '../support/fake-webhook.js';
import { productClient, rmModels } from '../support/clients.js';

const SECRET = 'crash-test-webhook-secret';
let dataDir: string;
let fake: FakeWebhook;
let env: Record<string, string>;
const children: Child[] = [];

beforeAll(async () => {
  ensureBuilt();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-crash-'));
  fake = await startFakeWebhook(SECRET);
  env = {
    RESDIR_PORT: '0',
    RESDIR_DATA_DIR: dataDir,
    RESDIR_MASTER_KEY: randomBytes(32).toString('base64'),
    RESDIR_LIMITS: 'off',
    RESDIR_LOG_LEVEL: 'warn',
    RESDIR_SMS_PROVIDER: 'webhook',
    RESDIR_SMS_WEBHOOK_URL: fake.url,
    RESDIR_SMS_WEBHOOK_SECRET: SECRET,
    RESDIR_SMS_WEBHOOK_TIMEOUT_MS: '2500',
    RESDIR_SMS_LEASE_SECONDS: '3',
  };
}, 120_000);
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function until(cond: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function withStore<T>(fn: (s: Store) => Promise<T>): Promise<T> {
  const { store } = await openStore(`sqlite:${path.join(dataDir, 'resdir.db')}`);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function sendCodes(child: Child, n: number): Promise<string[]> {
  const boot = JSON.parse(fs.readFileSync(path.join(dataDir, 'bootstrap.json'), 'utf8')) as {
    admin: { accessKeyId: string; accessKeySecret: string };
    member: { accountId: string };
  };
  const client = productClient(child.url.replace(/^http:\/\//, ''), boot.admin);
  for (let i = 0; i < n; i++) {
    await client.sendVerificationCodeForBindSecureMobilePhone(
      new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
        accountId: boot.member.accountId,
        secureMobilePhone: `1-20255501${String(40 + i)}`,
      }),
    );
  }
  return (await withStore((s) => s.delivery.list({ limit: 100 }))).map((m) => m.id);
}

describe('a worker killed mid-send (SIGKILL) loses nothing', () => {
  it('every message is delivered at least once after a restart, duplicates visible by our message id', async () => {
    fake.behaviour = () => ({ status: 200, delayMs: 60_000 }); // the receiver hangs: sends are in flight
    const first = await startChild(env);
    children.push(first);
    const ids = await sendCodes(first, 5);
    expect(ids).toHaveLength(5);
    await until(() => new Set(fake.received.map((r) => r.id)).size === 5, 10_000, 'all five sends in flight');
    first.proc.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const afterKill = await withStore((s) => s.delivery.list({ limit: 100 }));
    // Killed mid-send: nothing is marked sent; messages hang in `sending` under a lease (or were
    // requeued after a webhook timeout just before the kill).
    expect(afterKill.every((m) => m.status === 'sending' || m.status === 'queued')).toBe(true);
    expect(afterKill.filter((m) => m.status === 'sending').length).toBeGreaterThan(0);

    let n = 0;
    fake.behaviour = () => ({ status: 200, body: { messageId: `rcv-${++n}` } });
    const second = await startChild(env);
    children.push(second);
    await until(
      async () => (await withStore((s) => s.delivery.list({ limit: 100 }))).every((m) => m.status === 'sent'),
      15_000,
      'every message sent after the restart',
    );

    const final = await withStore((s) => s.delivery.list({ limit: 100 }));
    expect(final.map((m) => m.id).sort()).toEqual([...ids].sort());
    for (const m of final) {
      expect(m.attempts).toBeGreaterThanOrEqual(2); // one lost with the killed process, one after the lease ran out
      expect(m.provider_message_id).toMatch(/^rcv-\d+$/);
      const seen = fake.received.filter((r) => r.id === m.id);
      expect(seen.length).toBeGreaterThanOrEqual(2); // the duplicate is visible at the receiver
      expect(seen.every((r) => r.signatureOk && r.headerId === m.id)).toBe(true);
    }
    const attempts = await withStore((s) => s.delivery.attemptsOf(ids[0]!));
    expect(attempts.at(-1)).toMatchObject({ provider: 'webhook', outcome: 'sent' });
    second.proc.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 60_000);

  it('graceful shutdown (SIGTERM) finishes the send in flight before exiting', async () => {
    fake.behaviour = () => ({ status: 200, delayMs: 700, body: { messageId: 'rcv-graceful' } });
    const child = await startChild(env);
    children.push(child);
    const before = fake.received.length;
    const [newest] = await sendCodes(child, 1);
    await until(() => fake.received.length > before, 5_000, 'the send in flight');
    child.proc.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    const m = await withStore((s) => s.outbox.get(newest!));
    expect(m).toMatchObject({ status: 'sent', provider_message_id: 'rcv-graceful', payload_enc: null });
  }, 30_000);
});
