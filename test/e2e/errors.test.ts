/**
 * Every documented refusal of the secure-mobile-phone pair (and the other operations), as the
 * official clients surface it: the SDK's `code`, the HTTP status, the parsed RequestId, and that
 * the refusal changed nothing (no SMS, no binding, no new member).
 *
 * Clients are spread over the three SDKs and both API versions:
 *   product   = @alicloud/resourcemanager20200331, 2020-03-31, ACS3-HMAC-SHA256
 *   productV1 = the same, V1 HMAC-SHA1 signature
 *   core      = openapi-core callApi, 2022-04-19, ACS3
 *   core2020  = openapi-core callApi, 2020-03-31, ACS3
 *   popGet / popPost = pop-core, 2022-04-19, V1
 *   pop2020   = pop-core, 2020-03-31, V1
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, waitForSms, type Harness, type InboxMessage } from '../support/harness.js';
import { coreClient, popClient, productClient, rmModels, type Creds } from '../support/clients.js';
import {
  addAccountWithDirectory,
  addCloudAccountMember,
  addResourceAccountMember,
  addStandaloneAccount,
} from '../support/principals.js';
import { ManualClock } from '../../src/lib/clock.js';
import { expectRefusal, UUID } from '../support/refusal.js';

// ------------------------------------------------------------------------------------------------
// helpers

const FORMAT_HINT = '<country code>-<mobile phone number>';
const SEND = 'SendVerificationCodeForBindSecureMobilePhone';
const BIND = 'BindSecureMobilePhone';

type Via = 'product' | 'productV1' | 'core' | 'core2020' | 'popGet' | 'popPost' | 'pop2020';
const ALL_VIAS: Via[] = ['product', 'productV1', 'core', 'core2020', 'popGet', 'popPost', 'pop2020'];

interface Params {
  AccountId?: string;
  SecureMobilePhone?: string;
  VerificationCode?: string;
}

const defined = (p: Params): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = v;
  return out;
};

/** Calls Send or Bind through one client; resolves with the raw response body (PascalCase for generic clients). */
async function callVia(
  via: Via,
  h: Harness,
  creds: Creds,
  action: typeof SEND | typeof BIND,
  p: Params,
): Promise<unknown> {
  switch (via) {
    case 'product':
    case 'productV1': {
      const c = productClient(h.host, creds, via === 'productV1' ? 'v2' : undefined);
      if (action === SEND) {
        return (
          await c.sendVerificationCodeForBindSecureMobilePhone(
            new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
              accountId: p.AccountId,
              secureMobilePhone: p.SecureMobilePhone,
            }),
          )
        ).body;
      }
      return (
        await c.bindSecureMobilePhone(
          new rmModels.BindSecureMobilePhoneRequest({
            accountId: p.AccountId,
            secureMobilePhone: p.SecureMobilePhone,
            verificationCode: p.VerificationCode,
          }),
        )
      ).body;
    }
    case 'core':
      return coreClient(h.host, creds).call(action, defined(p));
    case 'core2020':
      return coreClient(h.host, creds).call(action, defined(p), '2020-03-31');
    case 'popGet':
      return popClient(h.url, creds).call(action, defined(p), 'GET');
    case 'popPost':
      return popClient(h.url, creds).call(action, defined(p), 'POST');
    case 'pop2020':
      return popClient(h.url, creds, '2020-03-31').call(action, defined(p), 'POST');
  }
}

const refusal = (
  via: Via,
  h: Harness,
  creds: Creds,
  action: typeof SEND | typeof BIND,
  p: Params,
  code: string,
  status: number,
) => expectRefusal(callVia(via, h, creds, action, p), code, status);

async function allSms(h: Harness, to?: string): Promise<InboxMessage[]> {
  const res = await fetch(`${h.url}/_resdir/sms?limit=1000${to ? `&to=${encodeURIComponent(to)}` : ''}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: InboxMessage[] }).messages;
}

/** Lets the outbox worker finish any pending delivery, then returns the SMS sent for a member or to a number. */
async function smsFor(h: Harness, filter: { accountId?: string; to?: string }): Promise<InboxMessage[]> {
  await h.app.worker.pass();
  await new Promise((r) => setTimeout(r, 30));
  await h.app.worker.pass();
  const all = await allSms(h, filter.to);
  return all.filter((m) => filter.accountId === undefined || m.accountId === filter.accountId);
}

async function expectNoSms(h: Harness, filter: { accountId?: string; to?: string }): Promise<void> {
  expect(await smsFor(h, filter)).toEqual([]);
}

async function hasSecurePhone(h: Harness, accountId: string, creds: Creds = h.boot.admin): Promise<boolean> {
  const got = await coreClient(h.host, creds).call('GetAccount', { AccountId: accountId });
  const v = (got.Account as Record<string, unknown>).HasSecureMobilePhone;
  expect(typeof v).toBe('boolean');
  return v as boolean;
}

async function expectUnbound(h: Harness, accountId: string, creds: Creds = h.boot.admin): Promise<void> {
  expect(await hasSecurePhone(h, accountId, creds)).toBe(false);
  expect((await h.app.store.directory.getAccount(accountId))?.secure_mobile_phone ?? null).toBeNull();
}

/** Sends a code through the product SDK and returns it from the inbox. */
async function sendAndRead(h: Harness, accountId: string, phone: string, creds: Creds = h.boot.admin): Promise<string> {
  const before = (await smsFor(h, { to: phone })).length;
  await callVia('product', h, creds, SEND, { AccountId: accountId, SecureMobilePhone: phone });
  const sms = await waitForSms(h, phone, before);
  expect(sms.accountId).toBe(accountId);
  return sms.code;
}

/** A different 6-digit code. */
const otherCode = (code: string, k = 1): string => String((Number(code) + k) % 1_000_000).padStart(6, '0');

let phoneSeq = 0;
/** Distinct valid US numbers (202-555-01xx, FIXED_LINE_OR_MOBILE for libphonenumber). */
const nextPhone = (): string => `1-20255501${String(phoneSeq++ % 100).padStart(2, '0')}`;

// ------------------------------------------------------------------------------------------------

let h: Harness;
beforeAll(async () => {
  h = await startResdir();
});
afterAll(async () => {
  await h?.close();
});

describe('parameter validation', () => {
  it('missing AccountId → 400 MissingParameter.AccountId (Send and Bind)', async () => {
    const phone = nextPhone();
    await refusal('product', h, h.boot.admin, SEND, { SecureMobilePhone: phone }, 'MissingParameter.AccountId', 400);
    await refusal('popGet', h, h.boot.admin, SEND, { SecureMobilePhone: phone }, 'MissingParameter.AccountId', 400);
    await refusal(
      'core',
      h,
      h.boot.admin,
      BIND,
      { SecureMobilePhone: phone, VerificationCode: '123456' },
      'MissingParameter.AccountId',
      400,
    );
    await refusal(
      'pop2020',
      h,
      h.boot.admin,
      BIND,
      { SecureMobilePhone: phone, VerificationCode: '123456' },
      'MissingParameter.AccountId',
      400,
    );
    await expectNoSms(h, { to: phone });
  });

  it('invalid AccountId → 400 InvalidParameter.AccountId', async () => {
    const phone = nextPhone();
    const bad = [
      '123',
      'abcdefghijklmnop',
      '12345678901234567',
      `${h.boot.member.accountId.slice(0, 15)}x`,
      ` ${h.boot.member.accountId}`,
    ];
    for (const [i, AccountId] of bad.entries()) {
      const via = ALL_VIAS[i % ALL_VIAS.length]!;
      const e = await refusal(
        via,
        h,
        h.boot.admin,
        SEND,
        { AccountId, SecureMobilePhone: phone },
        'InvalidParameter.AccountId',
        400,
      );
      expect(e.data.Message).toContain('AccountId');
      await refusal(
        ALL_VIAS[(i + 3) % ALL_VIAS.length]!,
        h,
        h.boot.admin,
        BIND,
        { AccountId, SecureMobilePhone: phone, VerificationCode: '123456' },
        'InvalidParameter.AccountId',
        400,
      );
    }
    await expectNoSms(h, { to: phone });
    await expectUnbound(h, h.boot.member.accountId);
  });

  it('missing SecureMobilePhone → 400 MissingParameter.SecureMobilePhone', async () => {
    const member = await addResourceAccountMember(h);
    await refusal('core', h, h.boot.admin, SEND, { AccountId: member }, 'MissingParameter.SecureMobilePhone', 400);
    await refusal(
      'productV1',
      h,
      h.boot.admin,
      SEND,
      { AccountId: member, SecureMobilePhone: '' },
      'MissingParameter.SecureMobilePhone',
      400,
    );
    await refusal(
      'product',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, VerificationCode: '123456' },
      'MissingParameter.SecureMobilePhone',
      400,
    );
    await refusal(
      'popPost',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, VerificationCode: '123456' },
      'MissingParameter.SecureMobilePhone',
      400,
    );
    await expectNoSms(h, { accountId: member });
    await expectUnbound(h, member);
  });

  it('malformed phone → 400 InvalidParameter.SecureMobilePhone naming the <country code>-<number> format', async () => {
    const member = await addResourceAccountMember(h);
    const malformed = [
      '2025550123',
      '+1-2025550123',
      '1-20255',
      '1-abc',
      '1 2025550123',
      '1-202-555-0123',
      '-2025550123',
      '1234-2025550123',
      `1-${'2'.repeat(40)}`,
      '1-2025550123\n',
    ];
    for (const [i, phone] of malformed.entries()) {
      const s = await refusal(
        ALL_VIAS[i % ALL_VIAS.length]!,
        h,
        h.boot.admin,
        SEND,
        { AccountId: member, SecureMobilePhone: phone },
        'InvalidParameter.SecureMobilePhone',
        400,
      );
      expect(s.data.Message).toContain(FORMAT_HINT);
      const b = await refusal(
        ALL_VIAS[(i + 2) % ALL_VIAS.length]!,
        h,
        h.boot.admin,
        BIND,
        { AccountId: member, SecureMobilePhone: phone, VerificationCode: '123456' },
        'InvalidParameter.SecureMobilePhone',
        400,
      );
      expect(b.data.Message).toContain(FORMAT_HINT);
    }
    await expectNoSms(h, { accountId: member });
    await expectUnbound(h, member);
  });

  it('a number that is not a valid mobile number → 400 InvalidParameter.SecureMobilePhone', async () => {
    const member = await addResourceAccountMember(h);
    // toll-free, too short, UK drama range (not assigned), too long
    const notMobile = ['1-8005551234', '1-2025550', '44-7700900123', '1-20255501234567'];
    for (const [i, phone] of notMobile.entries()) {
      const s = await refusal(
        ALL_VIAS[(i + 1) % ALL_VIAS.length]!,
        h,
        h.boot.admin,
        SEND,
        { AccountId: member, SecureMobilePhone: phone },
        'InvalidParameter.SecureMobilePhone',
        400,
      );
      expect(s.data.Message).toContain(FORMAT_HINT);
      await refusal(
        ALL_VIAS[(i + 4) % ALL_VIAS.length]!,
        h,
        h.boot.admin,
        BIND,
        { AccountId: member, SecureMobilePhone: phone, VerificationCode: '123456' },
        'InvalidParameter.SecureMobilePhone',
        400,
      );
    }
    await expectNoSms(h, { accountId: member });
    await expectUnbound(h, member);
  });

  it('Bind without VerificationCode → 400 MissingParameter.VerificationCode', async () => {
    const member = await addResourceAccountMember(h);
    const phone = nextPhone();
    const code = await sendAndRead(h, member, phone);
    await refusal(
      'product',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: phone },
      'MissingParameter.VerificationCode',
      400,
    );
    await refusal(
      'core',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: phone, VerificationCode: '' },
      'MissingParameter.VerificationCode',
      400,
    );
    await refusal(
      'popGet',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: phone },
      'MissingParameter.VerificationCode',
      400,
    );
    await expectUnbound(h, member);
    // the refusals did not cost the code anything
    await callVia('core', h, h.boot.admin, BIND, {
      AccountId: member,
      SecureMobilePhone: phone,
      VerificationCode: code,
    });
    expect(await hasSecurePhone(h, member)).toBe(true);
  });
});

describe('member checks', () => {
  it('unknown member → 404 EntityNotExists.Account', async () => {
    const phone = nextPhone();
    const unknown = `9${String(Date.now()).padStart(15, '0').slice(-15)}`;
    expect(await h.app.store.directory.getAccount(unknown)).toBeUndefined();
    await refusal(
      'popGet',
      h,
      h.boot.admin,
      SEND,
      { AccountId: unknown, SecureMobilePhone: phone },
      'EntityNotExists.Account',
      404,
    );
    await refusal(
      'product',
      h,
      h.boot.admin,
      SEND,
      { AccountId: unknown, SecureMobilePhone: phone },
      'EntityNotExists.Account',
      404,
    );
    await refusal(
      'core',
      h,
      h.boot.admin,
      BIND,
      { AccountId: unknown, SecureMobilePhone: phone, VerificationCode: '123456' },
      'EntityNotExists.Account',
      404,
    );
    await refusal(
      'productV1',
      h,
      h.boot.admin,
      BIND,
      { AccountId: unknown, SecureMobilePhone: phone, VerificationCode: '123456' },
      'EntityNotExists.Account',
      404,
    );
    await expectNoSms(h, { to: phone });
  });

  it('member elsewhere, or an account in none → 409 NotSupport.AccountInAnotherResourceDirectory', async () => {
    const other = await addAccountWithDirectory(h);
    const standalone = await addStandaloneAccount(h);
    const phone = nextPhone();
    for (const [i, target] of [other.memberAccountId, other.managementAccountId, standalone.accountId].entries()) {
      await refusal(
        ALL_VIAS[i]!,
        h,
        h.boot.admin,
        SEND,
        { AccountId: target, SecureMobilePhone: phone },
        'NotSupport.AccountInAnotherResourceDirectory',
        409,
      );
      await refusal(
        ALL_VIAS[i + 3]!,
        h,
        h.boot.admin,
        BIND,
        { AccountId: target, SecureMobilePhone: phone, VerificationCode: '123456' },
        'NotSupport.AccountInAnotherResourceDirectory',
        409,
      );
    }
    // and the other directory's admin cannot reach into the demo directory either
    await refusal(
      'core',
      h,
      other.admin,
      SEND,
      { AccountId: h.boot.member.accountId, SecureMobilePhone: phone },
      'NotSupport.AccountInAnotherResourceDirectory',
      409,
    );
    await expectNoSms(h, { to: phone });
    await expectUnbound(h, other.memberAccountId, other.admin);
    await expectUnbound(h, h.boot.member.accountId);
  });

  it('CloudAccount member (the management account itself, an invited member) → 409 AccountTypeMismatch', async () => {
    const cloud = await addCloudAccountMember(h);
    const phone = nextPhone();
    for (const [i, target] of [h.boot.managementAccountId, cloud].entries()) {
      await refusal(
        i === 0 ? 'product' : 'popPost',
        h,
        h.boot.admin,
        SEND,
        { AccountId: target, SecureMobilePhone: phone },
        'AccountTypeMismatch',
        409,
      );
      await refusal(
        i === 0 ? 'core' : 'pop2020',
        h,
        h.boot.admin,
        BIND,
        { AccountId: target, SecureMobilePhone: phone, VerificationCode: '123456' },
        'AccountTypeMismatch',
        409,
      );
      expect((await h.app.store.directory.getAccount(target))?.secure_mobile_phone).toBeNull();
    }
    await expectNoSms(h, { to: phone });
  });

  it('phone already bound → 409 AccountSecureMobileAlreadyExists on Send and on Bind, nothing changes', async () => {
    const member = await addResourceAccountMember(h);
    const phone = nextPhone();
    const code = await sendAndRead(h, member, phone);
    await callVia('popPost', h, h.boot.admin, BIND, {
      AccountId: member,
      SecureMobilePhone: phone,
      VerificationCode: code,
    });
    const boundRow = await h.app.store.directory.getAccount(member);
    expect(boundRow?.secure_mobile_phone).toBe(`+${phone.replace('-', '')}`);

    const another = nextPhone();
    await refusal(
      'core',
      h,
      h.boot.admin,
      SEND,
      { AccountId: member, SecureMobilePhone: phone },
      'AccountSecureMobileAlreadyExists',
      409,
    );
    await refusal(
      'product',
      h,
      h.boot.admin,
      SEND,
      { AccountId: member, SecureMobilePhone: another },
      'AccountSecureMobileAlreadyExists',
      409,
    );
    // the same (used) code again, and another number
    await refusal(
      'productV1',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: phone, VerificationCode: code },
      'AccountSecureMobileAlreadyExists',
      409,
    );
    await refusal(
      'popGet',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: another, VerificationCode: code },
      'AccountSecureMobileAlreadyExists',
      409,
    );

    expect(await smsFor(h, { accountId: member })).toHaveLength(1);
    await expectNoSms(h, { to: another });
    expect(await h.app.store.directory.getAccount(member)).toEqual(boundRow);
    expect(await hasSecurePhone(h, member)).toBe(true);
  });
});

describe('site rules', () => {
  it('intl site: 86-… → 409 InvalidParameter.MobileCountryCode', async () => {
    const member = await addResourceAccountMember(h);
    const cn = '86-13900001234';
    const s = await refusal(
      'product',
      h,
      h.boot.admin,
      SEND,
      { AccountId: member, SecureMobilePhone: cn },
      'InvalidParameter.MobileCountryCode',
      409,
    );
    expect(s.data.Message).toContain('86');
    await refusal(
      'popGet',
      h,
      h.boot.admin,
      SEND,
      { AccountId: member, SecureMobilePhone: cn },
      'InvalidParameter.MobileCountryCode',
      409,
    );
    await refusal(
      'core',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: cn, VerificationCode: '123456' },
      'InvalidParameter.MobileCountryCode',
      409,
    );
    await expectNoSms(h, { to: cn });
    await expectNoSms(h, { accountId: member });
    await expectUnbound(h, member);
  });

  it('china site: only 86-… is accepted', async () => {
    const hc = await startResdir({ env: { RESDIR_SITE: 'china' } });
    try {
      const member = hc.boot.member.accountId;
      for (const [i, phone] of ['1-2025550123', '65-91234567', '44-7911123456'].entries()) {
        await refusal(
          ALL_VIAS[i]!,
          hc,
          hc.boot.admin,
          SEND,
          { AccountId: member, SecureMobilePhone: phone },
          'InvalidParameter.MobileCountryCode',
          409,
        );
        await refusal(
          ALL_VIAS[i + 3]!,
          hc,
          hc.boot.admin,
          BIND,
          { AccountId: member, SecureMobilePhone: phone, VerificationCode: '123456' },
          'InvalidParameter.MobileCountryCode',
          409,
        );
      }
      await expectNoSms(hc, { accountId: member });
      await expectUnbound(hc, member);

      const cn = '86-13900001234';
      const sent = (await callVia('core', hc, hc.boot.admin, SEND, {
        AccountId: member,
        SecureMobilePhone: cn,
      })) as Record<string, unknown>;
      expect(typeof sent.ExpirationDate).toBe('string');
      const sms = await waitForSms(hc, cn);
      expect(sms.to).toBe(cn);
      await callVia('product', hc, hc.boot.admin, BIND, {
        AccountId: member,
        SecureMobilePhone: cn,
        VerificationCode: sms.code,
      });
      expect(await hasSecurePhone(hc, member)).toBe(true);
    } finally {
      await hc.close();
    }
  });
});

describe('send limits', () => {
  it('resend within the cooldown → 409 SendValidateCodeExceedsLimitForAccount with x-acs-retry-after', async () => {
    const member = await addResourceAccountMember(h);
    const phone = nextPhone();
    await sendAndRead(h, member, phone);
    const pop = await refusal(
      'popPost',
      h,
      h.boot.admin,
      SEND,
      { AccountId: member, SecureMobilePhone: phone },
      'SendValidateCodeExceedsLimitForAccount',
      409,
    );
    const retryAfter = Number(pop.entry!.response.headers['x-acs-retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(h.app.settings.resendCooldownSeconds * 1000);
    const sdk = await refusal(
      'product',
      h,
      h.boot.admin,
      SEND,
      { AccountId: member, SecureMobilePhone: phone },
      'SendValidateCodeExceedsLimitForAccount',
      409,
    );
    expect(sdk.name).toBe('ClientError');
    await refusal(
      'core',
      h,
      h.boot.admin,
      SEND,
      { AccountId: member, SecureMobilePhone: phone },
      'SendValidateCodeExceedsLimitForAccount',
      409,
    );
    expect(await smsFor(h, { accountId: member })).toHaveLength(1);
  });

  it('daily limit per member: the third send of the day is refused', async () => {
    const hl = await startResdir({ settings: { maxSendsPerMemberPerDay: 2, resendCooldownSeconds: 0 } });
    try {
      const member = hl.boot.member.accountId;
      const phone = '1-2025550111';
      await sendAndRead(hl, member, phone);
      await sendAndRead(hl, member, phone);
      const e = await refusal(
        'popGet',
        hl,
        hl.boot.admin,
        SEND,
        { AccountId: member, SecureMobilePhone: phone },
        'SendValidateCodeExceedsLimitForAccount',
        409,
      );
      const retryAfter = Number(e.entry!.response.headers['x-acs-retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(86_400_000);
      // another number does not get around the per-member limit
      await refusal(
        'core2020',
        hl,
        hl.boot.admin,
        SEND,
        { AccountId: member, SecureMobilePhone: '1-2025550112' },
        'SendValidateCodeExceedsLimitForAccount',
        409,
      );
      expect(await smsFor(hl, { accountId: member })).toHaveLength(2);
      // another member still can
      const second = await addResourceAccountMember(hl);
      await sendAndRead(hl, second, phone);
    } finally {
      await hl.close();
    }
  });

  it('daily limit per management account: the third send across members is refused', async () => {
    const hm = await startResdir({ settings: { maxSendsPerManagementAccountPerDay: 2, resendCooldownSeconds: 0 } });
    try {
      const a = hm.boot.member.accountId;
      const b = await addResourceAccountMember(hm);
      const c = await addResourceAccountMember(hm);
      await sendAndRead(hm, a, '1-2025550121');
      await sendAndRead(hm, b, '1-2025550122');
      const e = await refusal(
        'popPost',
        hm,
        hm.boot.admin,
        SEND,
        { AccountId: c, SecureMobilePhone: '1-2025550123' },
        'SendValidateCodeExceedsLimitForAccount',
        409,
      );
      expect(Number(e.entry!.response.headers['x-acs-retry-after'])).toBeGreaterThan(0);
      await refusal(
        'product',
        hm,
        hm.boot.admin,
        SEND,
        { AccountId: a, SecureMobilePhone: '1-2025550121' },
        'SendValidateCodeExceedsLimitForAccount',
        409,
      );
      expect(await smsFor(hm, {})).toHaveLength(2);
      await expectNoSms(hm, { accountId: c });
      // the limit is per management account: another directory's admin still can send
      const other = await addAccountWithDirectory(hm);
      await sendAndRead(hm, other.memberAccountId, '1-2025550124', other.admin);
    } finally {
      await hm.close();
    }
  });
});

describe('verification codes', () => {
  it('wrong code → 409 Invalid.VerificationCode; the right one still works', async () => {
    const member = await addResourceAccountMember(h);
    const phone = nextPhone();
    const code = await sendAndRead(h, member, phone);
    await refusal(
      'core',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: phone, VerificationCode: otherCode(code) },
      'Invalid.VerificationCode',
      409,
    );
    await refusal(
      'pop2020',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: phone, VerificationCode: 'abcdef' },
      'Invalid.VerificationCode',
      409,
    );
    await refusal(
      'productV1',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: phone, VerificationCode: `${code}0` },
      'Invalid.VerificationCode',
      409,
    );
    await expectUnbound(h, member);
    await callVia('product', h, h.boot.admin, BIND, {
      AccountId: member,
      SecureMobilePhone: phone,
      VerificationCode: code,
    });
    expect(await hasSecurePhone(h, member)).toBe(true);
  });

  it('no code was ever sent → 409 Invalid.VerificationCode', async () => {
    const member = await addResourceAccountMember(h);
    await refusal(
      'popGet',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: nextPhone(), VerificationCode: '123456' },
      'Invalid.VerificationCode',
      409,
    );
    await expectUnbound(h, member);
  });

  it('expired code (11 minutes later) → 409 Invalid.VerificationCode', async () => {
    const clock = new ManualClock(Date.now());
    const hc = await startResdir({ clock });
    try {
      const member = hc.boot.member.accountId;
      const phone = '1-2025550131';
      const sent = (await callVia('core', hc, hc.boot.admin, SEND, {
        AccountId: member,
        SecureMobilePhone: phone,
      })) as Record<string, string>;
      expect(Date.parse(sent.ExpirationDate!)).toBe(clock.now() + hc.app.settings.codeTtlSeconds * 1000);
      const sms = await waitForSms(hc, phone);
      clock.advance(11 * 60_000);
      await refusal(
        'product',
        hc,
        hc.boot.admin,
        BIND,
        { AccountId: member, SecureMobilePhone: phone, VerificationCode: sms.code },
        'Invalid.VerificationCode',
        409,
      );
      await refusal(
        'popPost',
        hc,
        hc.boot.admin,
        BIND,
        { AccountId: member, SecureMobilePhone: phone, VerificationCode: sms.code },
        'Invalid.VerificationCode',
        409,
      );
      await expectUnbound(hc, member);
    } finally {
      await hc.close();
    }
  });

  it('a code is superseded by the next send for the member', async () => {
    const hf = await startResdir({ settings: { resendCooldownSeconds: 0 } });
    try {
      const member = hf.boot.member.accountId;
      const phone = '1-2025550141';
      const first = await sendAndRead(hf, member, phone);
      const second = await sendAndRead(hf, member, phone);
      if (first !== second) {
        await refusal(
          'core',
          hf,
          hf.boot.admin,
          BIND,
          { AccountId: member, SecureMobilePhone: phone, VerificationCode: first },
          'Invalid.VerificationCode',
          409,
        );
        await expectUnbound(hf, member);
      }
      // a code sent to another number is superseded too
      const otherMember = await addResourceAccountMember(hf);
      const c1 = await sendAndRead(hf, otherMember, '1-2025550142');
      await sendAndRead(hf, otherMember, '1-2025550143');
      await refusal(
        'popGet',
        hf,
        hf.boot.admin,
        BIND,
        { AccountId: otherMember, SecureMobilePhone: '1-2025550142', VerificationCode: c1 },
        'Invalid.VerificationCode',
        409,
      );
      await expectUnbound(hf, otherMember);

      await callVia('product', hf, hf.boot.admin, BIND, {
        AccountId: member,
        SecureMobilePhone: phone,
        VerificationCode: second,
      });
      expect(await hasSecurePhone(hf, member)).toBe(true);
    } finally {
      await hf.close();
    }
  });

  it('a used code cannot bind again (the member is bound: AccountSecureMobileAlreadyExists)', async () => {
    const member = await addResourceAccountMember(h);
    const phone = nextPhone();
    const code = await sendAndRead(h, member, phone);
    await callVia('core2020', h, h.boot.admin, BIND, {
      AccountId: member,
      SecureMobilePhone: phone,
      VerificationCode: code,
    });
    await refusal(
      'core',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: phone, VerificationCode: code },
      'AccountSecureMobileAlreadyExists',
      409,
    );
    expect(await hasSecurePhone(h, member)).toBe(true);
  });

  it('burned code: after 5 wrong codes the right one is refused too', async () => {
    const member = await addResourceAccountMember(h);
    const phone = nextPhone();
    const code = await sendAndRead(h, member, phone);
    expect(h.app.settings.codeMaxAttempts).toBe(5);
    for (let k = 1; k <= 5; k++) {
      await refusal(
        ALL_VIAS[k % ALL_VIAS.length]!,
        h,
        h.boot.admin,
        BIND,
        { AccountId: member, SecureMobilePhone: phone, VerificationCode: otherCode(code, k) },
        'Invalid.VerificationCode',
        409,
      );
    }
    await refusal(
      'product',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: phone, VerificationCode: code },
      'Invalid.VerificationCode',
      409,
    );
    await refusal(
      'popPost',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: phone, VerificationCode: code },
      'Invalid.VerificationCode',
      409,
    );
    await expectUnbound(h, member);
  });

  it('Bind with a number other than the one the code was sent to → 409 Invalid.VerificationCode', async () => {
    const member = await addResourceAccountMember(h);
    const phone = nextPhone();
    const other = nextPhone();
    const code = await sendAndRead(h, member, phone);
    await refusal(
      'core',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member, SecureMobilePhone: other, VerificationCode: code },
      'Invalid.VerificationCode',
      409,
    );
    // and for another member of the same directory
    const member2 = await addResourceAccountMember(h);
    await refusal(
      'popGet',
      h,
      h.boot.admin,
      BIND,
      { AccountId: member2, SecureMobilePhone: phone, VerificationCode: code },
      'Invalid.VerificationCode',
      409,
    );
    await expectUnbound(h, member);
    await expectUnbound(h, member2);
    // the code itself is still good for the number it was sent to
    await callVia('productV1', h, h.boot.admin, BIND, {
      AccountId: member,
      SecureMobilePhone: phone,
      VerificationCode: code,
    });
    expect(await hasSecurePhone(h, member)).toBe(true);
  });
});

describe('gateway and the other operations', () => {
  it('unknown Action → 404 InvalidAction.NotFound', async () => {
    const e = await expectRefusal(
      coreClient(h.host, h.boot.admin).call('NoSuchAction', {}),
      'InvalidAction.NotFound',
      404,
    );
    expect(e.data.Message).toContain('NoSuchAction');
    await expectRefusal(
      popClient(h.url, h.boot.admin, '2020-03-31').call('SendVerificationCodeForBindSecureMobilePhoneX', {}),
      'InvalidAction.NotFound',
      404,
    );
  });

  it('unknown Version → 400 InvalidParameter', async () => {
    const e = await expectRefusal(
      popClient(h.url, h.boot.admin, '2019-01-01').call(SEND, {
        AccountId: h.boot.member.accountId,
        SecureMobilePhone: '1-2025550151',
      }),
      'InvalidParameter',
      400,
    );
    expect(e.data.Message).toContain('Version');
    await expectRefusal(
      coreClient(h.host, h.boot.admin).call('GetAccount', { AccountId: h.boot.member.accountId }, '2019-01-01'),
      'InvalidParameter',
      400,
    );
    await expectNoSms(h, { to: '1-2025550151' });
  });

  it('a used DisplayName → 409 InvalidParameter.Account.DisplayName.AlreadyUsed', async () => {
    const core = coreClient(h.host, h.boot.admin);
    const before = (await core.call('ListAccounts', { PageSize: '100' })).TotalCount as number;
    await expectRefusal(
      productClient(h.host, h.boot.admin).createResourceAccount(
        new rmModels.CreateResourceAccountRequest({ displayName: 'demo-member' }),
      ),
      'InvalidParameter.Account.DisplayName.AlreadyUsed',
      409,
    );
    await expectRefusal(
      core.call('CreateResourceAccount', { DisplayName: 'demo-member' }),
      'InvalidParameter.Account.DisplayName.AlreadyUsed',
      409,
    );
    const created = await core.call('CreateResourceAccount', { DisplayName: 'unique name 1' });
    expect((created.Account as Record<string, unknown>).DisplayName).toBe('unique name 1');
    await expectRefusal(
      popClient(h.url, h.boot.admin).call('CreateResourceAccount', { DisplayName: 'unique name 1' }, 'POST'),
      'InvalidParameter.Account.DisplayName.AlreadyUsed',
      409,
    );
    const after = (await core.call('ListAccounts', { PageSize: '100' })).TotalCount as number;
    expect(after).toBe(before + 1);
  });

  it('ListAccounts pages oldest first, right TotalCount; PageSize 101 → 400 InvalidParameter.PageSize', async () => {
    const hl = await startResdir();
    try {
      const core = coreClient(hl.host, hl.boot.admin);
      await new Promise((r) => setTimeout(r, 5)); // a later join time than the demo world
      const created = (await core.call('CreateResourceAccount', { DisplayName: 'third member' })).Account as Record<
        string,
        string
      >;
      const all = await core.call('ListAccounts', { PageSize: '100' });
      const ids = (all.Accounts as { Account: Array<Record<string, unknown>> }).Account.map((a) => a.AccountId);
      expect(ids).toEqual([hl.boot.managementAccountId, hl.boot.member.accountId, created.AccountId]);
      expect(all.TotalCount).toBe(3);

      const product = productClient(hl.host, hl.boot.admin);
      const page2 = await product.listAccounts(new rmModels.ListAccountsRequest({ pageSize: 1, pageNumber: 2 }));
      expect(page2.body.totalCount).toBe(3);
      expect(page2.body.pageNumber).toBe(2);
      expect(page2.body.pageSize).toBe(1);
      expect(page2.body.accounts.account.map((a: { accountId: string }) => a.accountId)).toEqual([
        hl.boot.member.accountId,
      ]);

      const page3 = await popClient(hl.url, hl.boot.admin).call('ListAccounts', { PageSize: '2', PageNumber: '2' });
      expect(page3.TotalCount).toBe(3);
      expect((page3.Accounts as { Account: Array<Record<string, unknown>> }).Account.map((a) => a.AccountId)).toEqual([
        created.AccountId,
      ]);
      const beyond = await core.call('ListAccounts', { PageSize: '10', PageNumber: '5' });
      expect(beyond.TotalCount).toBe(3);
      expect((beyond.Accounts as { Account: unknown[] }).Account).toEqual([]);

      const e = await expectRefusal(
        product.listAccounts(new rmModels.ListAccountsRequest({ pageSize: 101 })),
        'InvalidParameter.PageSize',
        400,
      );
      expect(e.data.Message).toContain('PageSize');
      await expectRefusal(core.call('ListAccounts', { PageSize: '0' }), 'InvalidParameter.PageSize', 400);
      await expectRefusal(
        popClient(hl.url, hl.boot.admin).call('ListAccounts', { PageNumber: '0' }),
        'InvalidParameter.PageNumber',
        400,
      );
    } finally {
      await hl.close();
    }
  });

  it('GetResourceDirectory: the demo directory, both versions; none → 404 ResourceDirectoryNotInUse', async () => {
    const p = await productClient(h.host, h.boot.admin, 'v2').getResourceDirectory();
    expect(p.statusCode).toBe(200);
    const rd = p.body.resourceDirectory;
    expect(p.body.requestId).toMatch(UUID);
    expect(rd.resourceDirectoryId).toBe(h.boot.resourceDirectoryId);
    expect(rd.rootFolderId).toBe(h.boot.rootFolderId);
    expect(rd.masterAccountId).toBe(h.boot.managementAccountId);
    expect(rd.masterAccountName).toBe('management@rdadmin.aliyunid.com');
    expect(rd.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(rd.controlPolicyStatus).toBe('Disabled');
    expect(rd.memberDeletionStatus).toBe('Disabled');

    const c = await coreClient(h.host, h.boot.root).call('GetResourceDirectory', {});
    expect(c.RequestId).toMatch(UUID);
    expect(c.Code).toBeUndefined();
    expect(c.ResourceDirectory).toEqual({
      ResourceDirectoryId: h.boot.resourceDirectoryId,
      RootFolderId: h.boot.rootFolderId,
      MasterAccountId: h.boot.managementAccountId,
      MasterAccountName: 'management@rdadmin.aliyunid.com',
      CreateTime: rd.createTime,
      ControlPolicyStatus: 'Disabled',
      MemberDeletionStatus: 'Disabled',
      IdentityInformation: '',
      MemberAccountDisplayNameSyncStatus: 'Disabled',
    });

    const standalone = await addStandaloneAccount(h);
    await expectRefusal(
      coreClient(h.host, standalone.admin).call('GetResourceDirectory', {}),
      'ResourceDirectoryNotInUse',
      404,
    );
    await expectRefusal(
      popClient(h.url, standalone.admin, '2020-03-31').call('GetResourceDirectory', {}),
      'ResourceDirectoryNotInUse',
      404,
    );
  });
});
