/**
 * The secret scan with a real provider chain (webhook, failing then succeeding, and refusing one
 * number): no verification code in logs, in any table (attempts and receipts included), in
 * `resdir outbox` output, in GET /_resdir/sms or in the metrics. Codes are taken from what the
 * receiver got.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';
import { productClient, rmModels } from '../support/clients.js';
import { startFakeWebhook, type FakeWebhook } from '../support/fake-webhook.js';
import { outboxReport } from '../../src/cli/outbox.js';

const SECRET = 'scan-webhook-secret-0001';
let h: Harness;
let fake: FakeWebhook;
let dbFile: string;

beforeAll(async () => {
  dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-scan-p-')), 'scan.db');
  let calls = 0;
  // First call of each message fails (5xx, its text echoed in the body), 65-… numbers are refused (4xx).
  fake = await startFakeWebhook(SECRET, (m) =>
    m.to.startsWith('+65')
      ? { status: 400, body: { error: m.text } }
      : ++calls % 2 === 1
        ? { status: 503, body: { error: m.text } }
        : { status: 200 },
  );
  h = await startResdir({
    env: {
      RESDIR_DATABASE_URL: `sqlite:${dbFile}`,
      RESDIR_LOG_LEVEL: 'debug',
      RESDIR_LIMITS: 'off',
      RESDIR_SMS_PROVIDER: 'webhook',
      RESDIR_SMS_WEBHOOK_URL: fake.url,
      RESDIR_SMS_WEBHOOK_SECRET: SECRET,
    },
  });
});
afterAll(async () => {
  await h.close();
  await fake.close();
  fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
});

const standalone = (needle: string) => new RegExp(`(?<![0-9])${needle}(?![0-9])`);

describe('secrets never leak with a real provider', () => {
  it('codes reach the receiver only', async () => {
    const client = productClient(h.host, h.boot.admin);
    for (const phone of ['1-2025550121', '1-2025550122', '65-91234567']) {
      await client.sendVerificationCodeForBindSecureMobilePhone(
        new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
          accountId: h.boot.member.accountId,
          secureMobilePhone: phone,
        }),
      );
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const rows = await h.app.store.delivery.list({ limit: 10 });
      if (rows.every((r) => r.status === 'sent' || r.status === 'failed')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const rows = await h.app.store.delivery.list({ limit: 10 });
    expect(rows.map((r) => r.status).sort()).toEqual(['failed', 'sent', 'sent']);
    const codes = [...new Set(fake.received.map((m) => m.code))];
    expect(codes).toHaveLength(3);

    const surfaces: Record<string, string> = {
      logs: h.logs.join(''),
      cli: JSON.stringify(await outboxReport(h.app.store, { limit: 100 })),
      sms: await (await fetch(`${h.url}/_resdir/sms`)).text(),
      metrics: await (await fetch(`${h.url}/_resdir/metrics`)).text(),
    };
    expect(surfaces.metrics).toContain('resdir_sms_sent_total{provider="webhook"} 2');
    expect(JSON.parse(surfaces.sms!).messages).toHaveLength(3);
    const db = new Database(dbFile, { readonly: true });
    const tables = (
      db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>
    ).map((t) => t.name);
    for (const t of tables) surfaces[`table ${t}`] = JSON.stringify(db.prepare(`select * from "${t}"`).all());
    db.close();
    expect(JSON.parse(surfaces['table sms_attempts']!).length).toBeGreaterThanOrEqual(5);
    for (const code of codes) {
      for (const [where, text] of Object.entries(surfaces))
        expect({ where, leaked: standalone(code).test(text) }).toEqual({ where, leaked: false });
    }
  });
});
