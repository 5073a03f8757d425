/**
 * Inline delivery (src/delivery/inline.ts): with the development inbox, a Send writes its SMS into
 * the inbox, its outbox message as sent and its provider attempt in its own transaction, on SQLite
 * and PostgreSQL alike. Over real HTTP with the official POP client: the code is in the inbox when
 * the Send answers, a refused Send or a ClientToken replay delivers nothing, and the code binds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox, startResdir, type Harness } from '../support/harness.js';
import { popClient } from '../support/clients.js';
import { addResourceAccountMember } from '../support/principals.js';

const SEND = 'SendVerificationCodeForBindSecureMobilePhone';
const BIND = 'BindSecureMobilePhone';

let h: Harness;
beforeAll(async () => {
  h = await startResdir();
});
afterAll(async () => {
  await h?.close();
});

const sentCount = async (): Promise<number> => {
  const text = await (await fetch(`${h.url}/_resdir/metrics`)).text();
  return Number(/resdir_sms_sent_total\{provider="inbox"\} (\d+)/.exec(text)?.[1] ?? 0);
};

/** The outbox message ID the Send's audit record names, newest first. */
const lastMessageId = async (member: string): Promise<string> => {
  const rec = (await h.app.store.audit.recent(50)).find((a) => a.target_account_id === member && a.action === SEND);
  expect(rec?.outbox_message_id).toBeTruthy();
  return rec!.outbox_message_id!;
};

describe('inline delivery to the inbox', () => {
  it('puts the code in the inbox before the Send answers, with the outbox message sent and its attempt', async () => {
    const member = await addResourceAccountMember(h);
    const pop = popClient(h.url, h.boot.admin);
    const before = await sentCount();
    await pop.call(SEND, { AccountId: member, SecureMobilePhone: '1-2025550401' }, 'POST');
    const msgs = await inbox(h, '+12025550401'); // read at once: no waiting for a worker
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.code).toMatch(/^\d{6}$/);
    expect(msgs[0]!.text).toContain(msgs[0]!.code);
    const id = await lastMessageId(member);
    expect(msgs[0]).toMatchObject({ id, status: 'sent', accountId: member });
    const [row] = await h.app.store.inbox.list('+12025550401', 10);
    const m = await h.app.store.outbox.get(id);
    expect(m).toMatchObject({ status: 'sent', provider: 'inbox', attempts: 1, payload_enc: null, lease_until: null });
    expect(m!.provider_message_id).toBe(row!.id);
    expect(m!.sent_at).toBe(m!.created_at);
    const attempts = await h.app.store.delivery.attemptsOf(id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ attempt: 1, provider: 'inbox', outcome: 'sent', error: null });
    expect(attempts[0]!.provider_message_id).toBe(row!.id);
    expect(await sentCount()).toBe(before + 1);
    // The delivered code binds.
    const bound = (await pop.call(
      BIND,
      { AccountId: member, SecureMobilePhone: '1-2025550401', VerificationCode: msgs[0]!.code },
      'POST',
    )) as { RequestId: string };
    expect(bound.RequestId).toBeTruthy();
  });

  it('delivers nothing for a refused Send or a ClientToken replay', async () => {
    const member = await addResourceAccountMember(h);
    const pop = popClient(h.url, h.boot.admin);
    const params = { AccountId: member, SecureMobilePhone: '1-2025550402', ClientToken: 'inline-replay-1' };
    await pop.call(SEND, params, 'POST');
    await pop.call(SEND, params, 'POST'); // the same ClientToken: answered from its record
    expect(await inbox(h, '+12025550402')).toHaveLength(1);
    const again = pop.call(SEND, { AccountId: member, SecureMobilePhone: '1-2025550402' }, 'POST');
    await expect(again).rejects.toMatchObject({ data: { Code: 'SendValidateCodeExceedsLimitForAccount' } });
    expect(await inbox(h, '+12025550402')).toHaveLength(1);
    const statuses = await h.app.store.delivery.statusCounts();
    expect(statuses.queued ?? 0).toBe(0);
  });
});
