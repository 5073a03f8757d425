/**
 * End to end with real providers: the official RM SDK sends a code through resdir, which delivers
 * it over SMPP (receipt → delivered) or, with the SMSC down, falls back to Alibaba Cloud SMS; the
 * code taken from the fake provider binds the phone. Delivery status shows on GET /_resdir/sms
 * and in `resdir outbox`, and the Send's audit event carries the outbox message id.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';
import { productClient, rmModels } from '../support/clients.js';
import { startFakeSmsc, type FakeSmsc } from '../support/fake-smsc.js';
import { startFakeAliyunSms, type FakeAliyunSms } from '../support/fake-aliyun-sms.js';
import { outboxReport } from '../../src/cli/outbox.js';
import { startFakeWebhook, type FakeWebhook } from '../support/fake-webhook.js';
import { webhookSignature } from '../../src/delivery/providers/webhook.js';

let h: Harness | undefined;
let smsc: FakeSmsc | undefined;
let ali: FakeAliyunSms | undefined;
let hook: FakeWebhook | undefined;
afterEach(async () => {
  await h?.close();
  await smsc?.close();
  await ali?.close();
  await hook?.close();
  h = smsc = ali = hook = undefined;
});

const SMPP_ENV = (port: number) => ({
  RESDIR_SMPP_HOST: '127.0.0.1',
  RESDIR_SMPP_PORT: String(port),
  RESDIR_SMPP_SYSTEM_ID: 'resdir',
  RESDIR_SMPP_PASSWORD: 'pw',
});
const ALI_ENV = (endpoint: string) => ({
  RESDIR_ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI5tFake',
  RESDIR_ALIYUN_SMS_ACCESS_KEY_SECRET: 'fake',
  RESDIR_ALIYUN_SMS_SIGN_NAME: 'resdir',
  RESDIR_ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
  RESDIR_ALIYUN_SMS_ENDPOINT: endpoint,
});

async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** No code in the logs, the attempt log or the delivery status (the code reached the provider only). */
async function expectNoLeak(hh: Harness, code: string): Promise<void> {
  const standalone = new RegExp(`(?<![0-9])${code}(?![0-9])`);
  expect(standalone.test(hh.logs.join(''))).toBe(false);
  expect(standalone.test(JSON.stringify(await outboxReport(hh.app.store, { limit: 100 })))).toBe(false);
  expect(standalone.test(await (await fetch(`${hh.url}/_resdir/sms`)).text())).toBe(false);
}

const statusOf = async (hh: Harness) =>
  ((await (await fetch(`${hh.url}/_resdir/sms`)).json()) as { messages: Array<Record<string, unknown>> }).messages;

describe('real SMS providers end to end', () => {
  it('smpp: the code arrives at the SMSC, binds the phone, and the receipt shows as delivered', async () => {
    smsc = await startFakeSmsc({ systemId: 'resdir', password: 'pw' });
    h = await startResdir({ env: { RESDIR_SMS_PROVIDER: 'smpp', ...SMPP_ENV(smsc.port) } });
    const client = productClient(h.host, h.boot.admin);
    const accountId = h.boot.member.accountId;
    await client.sendVerificationCodeForBindSecureMobilePhone(
      new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
        accountId,
        secureMobilePhone: '1-2025550177',
      }),
    );
    const msgs = await until(
      () => statusOf(h!),
      (m) => m[0]?.status === 'delivered',
    );
    expect(msgs[0]).toMatchObject({
      to: '1-2025550177',
      provider: 'smpp',
      attempts: 1,
      providerMessageId: smsc.submitted[0]!.messageId,
    });
    expect(msgs[0]).not.toHaveProperty('code');
    expect(msgs[0]!.deliveredAt).toEqual(expect.any(String));
    expect(smsc.submitted[0]!.resdirMessageId).toBe(msgs[0]!.id);
    const code = /\b(\d{6})\b/.exec(smsc.submitted[0]!.text)![1]!;
    await client.bindSecureMobilePhone(
      new rmModels.BindSecureMobilePhoneRequest({
        accountId,
        secureMobilePhone: '1-2025550177',
        verificationCode: code,
      }),
    );
    await expectNoLeak(h, code);

    const [row] = await outboxReport(h.app.store, { limit: 5 });
    expect(row).toMatchObject({
      id: msgs[0]!.id,
      status: 'delivered',
      attemptLog: [{ provider: 'smpp', outcome: 'sent' }],
    });
    const audit = await h.app.store.audit.recent(10);
    expect(audit.find((e) => e.action === 'SendVerificationCodeForBindSecureMobilePhone')?.outbox_message_id).toBe(
      msgs[0]!.id,
    );
    const metrics = await (await fetch(`${h.url}/_resdir/metrics`)).text();
    expect(metrics).toMatch(/resdir_sms_receipts_total\{provider="smpp",state="delivered"\} 1/);
    expect(metrics).toMatch(/resdir_sms_delivery_latency_seconds_count\{provider="smpp"\} 1/);
  });

  it('smpp,aliyun-sms: with the SMSC down the chain falls back to Alibaba Cloud SMS', async () => {
    ali = await startFakeAliyunSms();
    h = await startResdir({
      env: {
        RESDIR_SMS_PROVIDER: 'smpp,aliyun-sms',
        RESDIR_SMS_LEASE_SECONDS: '10',
        ...SMPP_ENV(1),
        ...ALI_ENV(ali.endpoint),
      },
    });
    const client = productClient(h.host, h.boot.admin);
    const accountId = h.boot.member.accountId;
    await client.sendVerificationCodeForBindSecureMobilePhone(
      new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({ accountId, secureMobilePhone: '65-91234569' }),
    );
    const msgs = await until(
      () => statusOf(h!),
      (m) => m[0]?.status === 'sent',
    );
    expect(msgs[0]).toMatchObject({ provider: 'aliyun-sms', to: '65-91234569' });
    expect(ali.sendCalls).toMatchObject([{ PhoneNumbers: '6591234569', OutId: msgs[0]!.id }]);
    const [row] = await outboxReport(h.app.store, { limit: 5 });
    expect(row!.attemptLog.map((a) => [a.provider, a.outcome])).toEqual([
      ['smpp', 'retry'],
      ['aliyun-sms', 'sent'],
    ]);
    const code = (JSON.parse(ali.sendCalls[0]!.TemplateParam) as { code: string }).code;
    await client.bindSecureMobilePhone(
      new rmModels.BindSecureMobilePhoneRequest({
        accountId,
        secureMobilePhone: '65-91234569',
        verificationCode: code,
      }),
    );
    await expectNoLeak(h, code);
  });

  it('webhook: the gateway posts signed receipts back to /_resdir/sms/receipts', async () => {
    const secret = 'gateway-shared-secret-42';
    hook = await startFakeWebhook(secret, () => ({ status: 202, body: { messageId: 'gw-77' } }));
    h = await startResdir({
      env: { RESDIR_SMS_PROVIDER: 'webhook', RESDIR_SMS_WEBHOOK_URL: hook.url, RESDIR_SMS_WEBHOOK_SECRET: secret },
    });
    const client = productClient(h.host, h.boot.admin);
    await client.sendVerificationCodeForBindSecureMobilePhone(
      new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
        accountId: h.boot.member.accountId,
        secureMobilePhone: '1-2025550188',
      }),
    );
    await until(
      () => statusOf(h!),
      (m) => m[0]?.status === 'sent',
    );
    const post = (body: string, key = secret, ts = String(Math.floor(Date.now() / 1000))) =>
      fetch(`${h!.url}/_resdir/sms/receipts`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-resdir-timestamp': ts,
          'x-resdir-signature': webhookSignature(key, ts, body),
        },
        body,
      });
    const receipt = JSON.stringify({ messageId: 'gw-77', state: 'delivered', detail: 'handset' });
    expect((await post(receipt, 'wrong-secret-000000')).status).toBe(401);
    expect((await post(receipt, secret, String(Math.floor(Date.now() / 1000) - 3600))).status).toBe(401);
    expect((await post('{"messageId":"gw-77","state":"lost"}')).status).toBe(400);
    expect((await post(receipt)).status).toBe(204);
    expect((await post(receipt)).status).toBe(204); // a duplicate is taken and changes nothing
    const msgs = await until(
      () => statusOf(h!),
      (m) => m[0]?.status === 'delivered',
    );
    expect(msgs[0]).toMatchObject({ provider: 'webhook', providerMessageId: 'gw-77' });
    const metrics = await (await fetch(`${h.url}/_resdir/metrics`)).text();
    expect(metrics).toMatch(/resdir_sms_receipts_total\{provider="webhook",state="delivered"\} 1/);
  });

  it('the receipt route exists only with the webhook provider', async () => {
    h = await startResdir();
    expect((await fetch(`${h.url}/_resdir/sms/receipts`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
