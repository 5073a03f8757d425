/**
 * Verifying message contacts (2022-04-19) through the generic official client: a code by SMS
 * (development SMS inbox) and by e-mail (development mail inbox), confirmed by the recipient at
 * POST /_resdir/message-contacts/verify; the contact becomes Active once both are verified.
 * ListMessageContactVerifications, CancelMessageContactUpdate; send limits, wrong codes counted,
 * the failure lock, expiry, one winner among concurrent confirmations, hostile input, no code
 * in an answer, a log or an audit record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox, startResdir, waitForSms, type Harness } from '../../support/harness.js';
import { auditedNames } from '../../support/audited.js';
import { coreClient } from '../../support/clients.js';
import { addRamUser } from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';
import { ManualClock } from '../../../src/lib/clock.js';

type Json = Record<string, unknown>;
let h: Harness;
let core: ReturnType<typeof coreClient>;
const clock = new ManualClock(Date.now());
beforeAll(async () => {
  h = await startResdir({
    clock,
    settings: { signatureWindowSeconds: 3600, codeMaxAttempts: 5, maxFailuresPerAccountPhone: 8 },
  });
  core = coreClient(h.host, h.boot.admin);
});
afterAll(() => h.close());

let n = 0;
/** A new contact with its own phone number and e-mail address. */
const add = async () => {
  n++;
  clock.advance(1);
  const phone = `86-139${String(70_000_000 + n).padStart(8, '0')}`;
  const email = `contact${n}@Example.com`;
  const r = await core.call('AddMessageContact', {
    Name: `c${n}`,
    EmailAddress: email,
    PhoneNumber: phone,
    Title: 'Other',
    'MessageTypes.1': 'AccountExpenses',
  });
  return { id: (r.Contact as Json).ContactId as string, phone, email };
};
const get = async (ContactId: string) => (await core.call('GetMessageContact', { ContactId })).Contact as Json;

interface Mail {
  id: string;
  to: string;
  subject: string;
  text: string;
  code: string;
  purpose: string;
  createdAt: string;
}
const mails = async (to?: string, limit?: number): Promise<Mail[]> => {
  const q = new URLSearchParams({ ...(to ? { to } : {}), ...(limit ? { limit: String(limit) } : {}) });
  const res = await fetch(`${h.url}/_resdir/mail?${q}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: Mail[] }).messages;
};
const verify = async (body: unknown) => {
  const res = await fetch(`${h.url}/_resdir/message-contacts/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
};
const sendPhone = async (c: { id: string; phone: string }) => {
  const before = (await inbox(h, c.phone)).length;
  const r = await core.call('SendPhoneVerificationForMessageContact', { ContactId: c.id, PhoneNumber: c.phone });
  expect(Object.keys(r)).toEqual(['RequestId']);
  return (await waitForSms(h, c.phone, before)).code;
};
const sendEmail = async (c: { id: string; email: string }) => {
  const r = await core.call('SendEmailVerificationForMessageContact', { ContactId: c.id, EmailAddress: c.email });
  expect(Object.keys(r)).toEqual(['RequestId']);
  return (await mails(c.email, 1))[0]!.code;
};
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const seen: string[] = [];

describe('verifying a contact', () => {
  it('by SMS and by e-mail; Active once both are verified', async () => {
    const c = await add();
    const smsCode = await sendPhone(c);
    const sms = (await inbox(h, c.phone))[0]!;
    expect(sms).toMatchObject({ purpose: 'message-contact-phone', to: c.phone });
    expect(sms.text).toContain(smsCode);
    const mailCode = await sendEmail(c);
    seen.push(smsCode, mailCode);
    const mail = (await mails(c.email))[0]!;
    expect(mail).toMatchObject({ to: c.email.toLowerCase(), purpose: 'message-contact-email', code: mailCode });
    expect(mail.text).toContain(mailCode);
    expect(mail.subject).toBeTypeOf('string');
    expect(new Date(mail.createdAt).getTime()).toBeGreaterThan(0);

    const pending = await core.call('ListMessageContactVerifications', { ContactId: c.id });
    expect(pending).toMatchObject({ TotalCount: 2, PageNumber: 1, PageSize: 10 });
    expect(pending.ContactVerifications).toEqual([
      { ContactId: c.id, Target: c.email },
      { ContactId: c.id, Target: c.phone },
    ]);
    const ok1 = await verify({ contactId: c.id, target: c.phone, code: smsCode });
    expect(ok1).toEqual({
      status: 200,
      body: { contactId: c.id, target: c.phone, verified: true, kind: 'phone', status: 'Verifying' },
    });
    expect(await get(c.id)).toMatchObject({ Status: 'Verifying' });
    await refusedWith(
      core.call('SendPhoneVerificationForMessageContact', { ContactId: c.id, PhoneNumber: c.phone }),
      'InvalidStatus.MessageContact.Verified',
      409,
    );
    const ok2 = await verify({ contactId: c.id, target: c.email.toUpperCase(), code: mailCode });
    expect(ok2.status).toBe(200);
    expect(ok2.body.status).toBe('Active');
    expect(await get(c.id)).toMatchObject({ Status: 'Active' });
    expect((await core.call('ListMessageContactVerifications', { ContactId: c.id })).TotalCount).toBe(0);
    // A used code is used.
    expect((await verify({ contactId: c.id, target: c.email, code: mailCode })).status).toBe(409);
  });

  it('a changed value is verified again; CancelMessageContactUpdate restores the verified one', async () => {
    const c = await add();
    await verify({ contactId: c.id, target: c.phone, code: await sendPhone(c) });
    await verify({ contactId: c.id, target: c.email, code: await sendEmail(c) });
    expect(await get(c.id)).toMatchObject({ Status: 'Active' });
    await core.call('UpdateMessageContact', { ContactId: c.id, EmailAddress: 'next@example.org' });
    expect(await get(c.id)).toMatchObject({ Status: 'Verifying', EmailAddress: 'next@example.org' });
    await refusedWith(
      core.call('CancelMessageContactUpdate', { ContactId: c.id, EmailAddress: 'other@example.org' }),
      'EntityNotMatch.MessageContact.EmailAddress',
      400,
    );
    await refusedWith(
      core.call('CancelMessageContactUpdate', { ContactId: c.id, PhoneNumber: c.phone }),
      'InvalidStatus.MessageContact.NoPendingUpdate',
      409,
    );
    const r = await core.call('CancelMessageContactUpdate', { ContactId: c.id, EmailAddress: 'next@example.org' });
    expect(Object.keys(r)).toEqual(['RequestId']);
    expect(await get(c.id)).toMatchObject({ Status: 'Active', EmailAddress: c.email });
    await refusedWith(
      core.call('CancelMessageContactUpdate', { ContactId: c.id, EmailAddress: c.email }),
      'InvalidStatus.MessageContact.NoPendingUpdate',
    );
    // Both at once; and changing back to the verified value needs no verification.
    await core.call('UpdateMessageContact', { ContactId: c.id, PhoneNumber: '86-13700000001' });
    await core.call('UpdateMessageContact', { ContactId: c.id, EmailAddress: 'x@example.org' });
    await core.call('CancelMessageContactUpdate', {
      ContactId: c.id,
      EmailAddress: 'x@example.org',
      PhoneNumber: '86-13700000001',
    });
    expect(await get(c.id)).toMatchObject({ Status: 'Active', EmailAddress: c.email, PhoneNumber: c.phone });
    // Neither value given: every pending change is cancelled; nothing pending is an error.
    await core.call('UpdateMessageContact', { ContactId: c.id, EmailAddress: 'z@example.org' });
    await core.call('CancelMessageContactUpdate', { ContactId: c.id });
    expect(await get(c.id)).toMatchObject({ Status: 'Active', EmailAddress: c.email });
    await refusedWith(
      core.call('CancelMessageContactUpdate', { ContactId: c.id }),
      'InvalidStatus.MessageContact.NoPendingUpdate',
    );
    await core.call('UpdateMessageContact', { ContactId: c.id, EmailAddress: 'y@example.org' });
    await core.call('UpdateMessageContact', { ContactId: c.id, EmailAddress: c.email });
    expect(await get(c.id)).toMatchObject({ Status: 'Active' });
    // A never verified value has nothing to go back to.
    const fresh = await add();
    await refusedWith(
      core.call('CancelMessageContactUpdate', { ContactId: fresh.id, PhoneNumber: fresh.phone }),
      'InvalidStatus.MessageContact.NoPendingUpdate',
    );
  });

  it('lists the pending verifications of the directory by page', async () => {
    const a = await add();
    const b = await add();
    const all = (await core.call('ListMessageContactVerifications', { PageSize: '100' }))
      .ContactVerifications as Json[];
    const mine = all.filter((v) => v.ContactId === a.id || v.ContactId === b.id);
    expect(mine).toEqual([
      { ContactId: a.id, Target: a.email },
      { ContactId: a.id, Target: a.phone },
      { ContactId: b.id, Target: b.email },
      { ContactId: b.id, Target: b.phone },
    ]);
    const page = await core.call('ListMessageContactVerifications', { PageSize: '1', PageNumber: '2' });
    expect(page).toMatchObject({ TotalCount: all.length, PageNumber: 2, PageSize: 1 });
    expect(page.ContactVerifications).toEqual([all[1]]);
    await refusedWith(core.call('ListMessageContactVerifications', { PageSize: '101' }), 'InvalidParameter.PageSize');
    await refusedWith(core.call('ListMessageContactVerifications', { ContactId: 'x' }), 'InvalidParameter.ContactId');
  });
});

describe('send errors and limits', () => {
  it('the value must be the pending one of a live contact', async () => {
    const c = await add();
    await refusedWith(
      core.call('SendPhoneVerificationForMessageContact', { ContactId: c.id, PhoneNumber: '86-13800000000' }),
      'EntityNotMatch.MessageContact.PhoneNumber',
      400,
    );
    await refusedWith(
      core.call('SendEmailVerificationForMessageContact', { ContactId: c.id, EmailAddress: 'no@example.com' }),
      'EntityNotMatch.MessageContact.EmailAddress',
      400,
    );
    await refusedWith(
      core.call('SendPhoneVerificationForMessageContact', { ContactId: c.id, PhoneNumber: '1-2025550123' }),
      'InvalidParameter.MobileCountryCode',
    );
    await refusedWith(
      core.call('SendPhoneVerificationForMessageContact', { ContactId: 'c-nothere0000000', PhoneNumber: c.phone }),
      'EntityNotExists.MessageContact',
      404,
    );
    await refusedWith(
      core.call('SendEmailVerificationForMessageContact', { ContactId: c.id }),
      'MissingParameter.EmailAddress',
    );
    await refusedWith(
      core.call('SendPhoneVerificationForMessageContact', { ContactId: c.id, PhoneNumber: 'x' }),
      'InvalidParameter.PhoneNumber',
    );
    await core.call('DeleteMessageContact', { ContactId: c.id });
    await refusedWith(
      core.call('SendEmailVerificationForMessageContact', { ContactId: c.id, EmailAddress: c.email }),
      'InvalidStatus.MessageContact',
      409,
    );
  });

  it('a resend within the cooldown is refused; after it a new code replaces the old one', async () => {
    const c = await add();
    const first = await sendPhone(c);
    const e = await refusedWith(
      core.call('SendPhoneVerificationForMessageContact', { ContactId: c.id, PhoneNumber: c.phone }),
      'SendValidateCodeExceedsLimitForAccount',
      409,
    );
    expect(e.data.Message).toMatch(/Retry in \d+ seconds/);
    const firstMail = await sendEmail(c);
    const m = await refusedWith(
      core.call('SendEmailVerificationForMessageContact', { ContactId: c.id, EmailAddress: c.email }),
      'SendValidateCodeExceedsLimitForAccount',
      409,
    );
    expect(m.data.Message).toMatch(/Retry in \d+ seconds/);
    expect((await mails(c.email)).length).toBe(1);
    clock.advance(61_000);
    const second = await sendPhone(c);
    const secondMail = await sendEmail(c);
    seen.push(first, second, firstMail, secondMail);
    if (first !== second) expect((await verify({ contactId: c.id, target: c.phone, code: first })).status).toBe(409);
    expect((await verify({ contactId: c.id, target: c.phone, code: second })).status).toBe(200);
    if (firstMail !== secondMail)
      expect((await verify({ contactId: c.id, target: c.email, code: firstMail })).status).toBe(409);
    expect((await verify({ contactId: c.id, target: c.email, code: secondMail })).status).toBe(200);
  });
});

describe('confirming', () => {
  it('counts wrong codes and burns the code after codeMaxAttempts', async () => {
    const c = await add();
    const code = await sendEmail(c);
    const left: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await verify({ contactId: c.id, target: c.email, code: wrong(code) });
      expect(r.status).toBe(409);
      left.push(r.body.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const burned = await verify({ contactId: c.id, target: c.email, code });
    expect(burned).toMatchObject({ status: 409, body: { error: 'invalid-code' } });
    expect(burned.body.message).toMatch(/expired, been used or been replaced/);
  });

  it('locks the (contact, target) pair after maxFailuresPerAccountPhone attempts, sending too', async () => {
    const c = await add();
    let code = await sendPhone(c);
    for (let i = 0; i < 5; i++) await verify({ contactId: c.id, target: c.phone, code: wrong(code) });
    clock.advance(61_000);
    code = await sendPhone(c);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await verify({ contactId: c.id, target: c.phone, code: wrong(code) })).status);
    expect(statuses).toEqual([409, 409, 409, 429]);
    const locked = await verify({ contactId: c.id, target: c.phone, code });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe('locked');
    clock.advance(120_000);
    const e = await refusedWith(
      core.call('SendPhoneVerificationForMessageContact', { ContactId: c.id, PhoneNumber: c.phone }),
      'SendValidateCodeExceedsLimitForAccount',
    );
    expect(e.data.Message).toMatch(/locked until/);
  });

  it('codes expire', async () => {
    const c = await add();
    const code = await sendEmail(c);
    clock.advance(601_000);
    const r = await verify({ contactId: c.id, target: c.email, code });
    expect(r.status).toBe(409);
    expect(await get(c.id)).toMatchObject({ Status: 'Verifying' });
  });

  it('a code confirms only its own contact and target', async () => {
    const a = await add();
    const b = await add();
    const code = await sendEmail(a);
    expect((await verify({ contactId: b.id, target: b.email, code })).status).toBe(409);
    expect((await verify({ contactId: a.id, target: a.phone, code })).status).toBe(409);
    expect((await verify({ contactId: a.id, target: b.email, code })).status).toBe(409);
    expect((await verify({ contactId: a.id, target: a.email, code })).status).toBe(200);
  });

  it('ten parallel correct confirmations: exactly one wins', async () => {
    const c = await add();
    const code = await sendPhone(c);
    const rs = await Promise.all(Array.from({ length: 10 }, () => verify({ contactId: c.id, target: c.phone, code })));
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of rs) expect([200, 409, 429]).toContain(r.status);
    expect(await get(c.id)).toMatchObject({ Status: 'Verifying' });
    expect((await core.call('ListMessageContactVerifications', { ContactId: c.id })).ContactVerifications).toEqual([
      { ContactId: c.id, Target: c.email },
    ]);
  });

  it('hostile input is refused, never a 5xx, and never echoes the code', async () => {
    const c = await add();
    const bodies: unknown[] = [
      '',
      'not json',
      '[]',
      'null',
      '{"contactId":1,"target":"x","code":"123456"}',
      { contactId: c.id, target: c.email },
      { contactId: c.id, target: c.email, code: '123456', extra: 1 },
      { contactId: "c-1' OR 1=1 --", target: c.email, code: '123456' },
      { contactId: c.id, target: 'x'.repeat(10_000), code: '123456' },
      { contactId: c.id, target: c.email, code: '9'.repeat(1000) },
      { contactId: c.id, target: c.email, code: { $gt: '' } },
      '{"contactId":"c-1","target":"a@b.c","code":"12345\u0000"}',
    ];
    for (const b of bodies) {
      const r = await verify(b);
      expect(r.status, JSON.stringify(b).slice(0, 80)).toBe(400);
    }
    for (const [target, code] of [
      ['<script>@x.y', '123456'],
      ['86-13900000000', 'abcdef'],
      ['名前@例え.jp', '000000'],
      [c.email, '12345'],
      ['+8613900000000', '123456'],
    ] as const) {
      const r = await verify({ contactId: c.id, target, code });
      expect(r.status).toBe(409);
      expect(JSON.stringify(r.body)).not.toContain(code === '12345' ? '12345"' : 'zzz');
    }
    const res = await fetch(`${h.url}/_resdir/message-contacts/verify`, { method: 'GET' });
    expect(res.status).toBeLessThan(500);
  });
});

describe('mail inbox', () => {
  it('filters by address, limits, refuses bad queries and can be emptied', async () => {
    const c = await add();
    await sendEmail(c);
    expect((await mails(undefined, 1)).length).toBe(1);
    expect(await mails('nobody@example.com')).toEqual([]);
    for (const q of ['limit=0', 'limit=1001', 'limit=x', 'to=not-an-address', `to=${'a'.repeat(300)}@x.y`]) {
      const res = await fetch(`${h.url}/_resdir/mail?${q}`);
      expect(res.status, q).toBe(400);
    }
    const del = await fetch(`${h.url}/_resdir/mail`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await mails()).toEqual([]);
  });
});

describe('permission and audit', () => {
  it('read-only access may list verifications but not send or cancel', async () => {
    const c = await add();
    const ro = coreClient(h.host, await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] }));
    await ro.call('ListMessageContactVerifications', {});
    for (const [action, p] of [
      ['SendPhoneVerificationForMessageContact', { PhoneNumber: c.phone }],
      ['SendEmailVerificationForMessageContact', { EmailAddress: c.email }],
      ['CancelMessageContactUpdate', { EmailAddress: c.email }],
    ] as const) {
      const e = await refusedWith(ro.call(action, { ContactId: c.id, ...p }), 'NoPermission', 403);
      expect(e.data.Message).toContain(`resourcemanager:${action}`);
    }
  });

  it('codes appear in no log and no audit record', async () => {
    const rows = await h.app.store.auditLog.lookup({
      callerAccountId: h.boot.managementAccountId,
      startTime: 0,
      endTime: clock.now() + 1,
      limit: 5000,
    });
    const text = JSON.stringify(rows) + h.logs.join('');
    expect(text).toContain('VerifyMessageContact');
    expect(text).toContain('SendEmailVerificationForMessageContact');
    for (const code of seen) expect(text).not.toMatch(new RegExp(`(?<![0-9])${code}(?![0-9])`));
    const names = [
      'SendPhoneVerificationForMessageContact',
      'SendEmailVerificationForMessageContact',
      'CancelMessageContactUpdate',
      'VerifyMessageContact',
    ];
    expect(await auditedNames(h.host, h.boot.root, names)).toEqual(names);
  });
});

it('every refusal above was declared by its operation', () => {
  expect(h.logs.join('')).not.toContain('undeclared error code');
});
