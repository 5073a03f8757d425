/** `resdir outbox`: the compiled CLI lists messages with status and attempts, never a code. */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { keyringFrom } from '../../src/lib/keyring.js';
import { ensureBuilt } from '../support/child.js';

const run = promisify(execFile);
let dataDir: string;
const env = () => ({
  PATH: process.env.PATH ?? '',
  RESDIR_DATA_DIR: dataDir,
  RESDIR_MASTER_KEY: randomBytes(32).toString('base64'),
});

beforeAll(async () => {
  ensureBuilt();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-cli-outbox-'));
  const { store } = await openStore(`sqlite:${path.join(dataDir, 'resdir.db')}`);
  const keyring = keyringFrom(randomBytes(32));
  const now = Date.parse('2026-11-29T12:00:00Z');
  for (const [id, status] of [
    ['0000000000aa', 'queued'],
    ['0000000000bb', 'sent'],
  ] as const) {
    await store.outbox.enqueue({
      id,
      to_phone: '+12025550123',
      purpose: 'bind-secure-mobile-phone',
      account_id: '1000000000000002',
      payload_enc: keyring.outboxPayloads.seal('{"code":"864209","minutes":10,"purpose":"bind-secure-mobile-phone"}'),
      status: 'queued',
      attempts: 0,
      next_attempt_at: now,
      lease_until: null,
      expires_at: now + 600_000,
      created_at: id === '0000000000aa' ? now : now + 1,
      updated_at: now,
      sent_at: null,
      provider: null,
      provider_message_id: null,
      last_error: null,
    });
    if (status === 'sent') {
      const leased = (await store.outbox.claim(now, now + 30_000, 10)).find((m) => m.id === id)!;
      await store.outbox.markSent({ id, token: leased.leaseToken }, now + 5, 'webhook', 'rcv-9');
      await store.delivery.recordAttempt({
        id: `${id}:0001:0:aaaaaa`,
        message_id: id,
        attempt: 1,
        provider: 'webhook',
        started_at: now + 1,
        finished_at: now + 5,
        outcome: 'sent',
        provider_message_id: 'rcv-9',
        error: null,
      });
    }
  }
  await store.close();
}, 120_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('resdir outbox', () => {
  it('prints a table, newest first', async () => {
    const { stdout } = await run(process.execPath, ['bin/resdir.js', 'outbox'], { env: env() });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+TO\s+STATUS\s+TRIES\s+PROVIDER\s+PROVIDER ID\s+CREATED\s+LAST ERROR$/);
    expect(lines[1]).toMatch(/^0000000000bb\s+\+12025550123\s+sent\s+1\s+webhook\s+rcv-9\s/);
    expect(lines[2]).toMatch(/^0000000000aa\s+\+12025550123\s+sending\s+1\s+-/);
    expect(stdout).not.toContain('864209');
  });

  it('--json with attempts, --status filters, bad options are refused with one line', async () => {
    const { stdout } = await run(process.execPath, ['bin/resdir.js', 'outbox', '--json', '--status', 'sent'], {
      env: env(),
    });
    const out = JSON.parse(stdout) as { messages: Array<Record<string, unknown>> };
    expect(out.messages).toHaveLength(1);
    expect(out.messages[0]).toMatchObject({
      id: '0000000000bb',
      status: 'sent',
      provider: 'webhook',
      attempts: 1,
      attemptLog: [{ provider: 'webhook', outcome: 'sent', ms: 4, providerMessageId: 'rcv-9' }],
    });
    expect(stdout).not.toContain('864209');
    const bad = await run(process.execPath, ['bin/resdir.js', 'outbox', '--status', 'lost'], { env: env() }).catch(
      (e: { stderr: string; code: number }) => e,
    );
    expect(bad).toMatchObject({ code: 1 });
    expect((bad as { stderr: string }).stderr.trim()).toBe(
      'resdir: --status "lost": expected one of queued, sending, sent, delivered, undelivered, failed, expired',
    );
  });
});
