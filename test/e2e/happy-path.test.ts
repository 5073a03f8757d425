import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, waitForSms, type Harness } from '../support/harness.js';
import { coreClient, popClient, productClient, rmModels } from '../support/clients.js';

let h: Harness;
beforeAll(async () => {
  h = await startResdir();
});
afterAll(async () => {
  await h.close();
});

describe('send, read the inbox, bind, GetAccount', () => {
  it('works with the 2020-03-31 product SDK (ACS3-HMAC-SHA256)', async () => {
    const admin = productClient(h.host, h.boot.admin);
    const phone = '1-2025550101';
    const sent = await admin.sendVerificationCodeForBindSecureMobilePhone(
      new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
        accountId: h.boot.member.accountId,
        secureMobilePhone: phone,
      }),
    );
    expect(sent.statusCode).toBe(200);
    expect(sent.body.requestId).toMatch(/^[0-9A-F-]{36}$/);
    const expires = Date.parse(sent.body.expirationDate);
    expect(expires - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    expect(sent.body.expirationDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const sms = await waitForSms(h, phone);
    expect(sms.code).toMatch(/^\d{6}$/);
    expect(sms.text).toContain(sms.code);
    expect(sms.text).toMatch(/10 min/);
    expect(sms.accountId).toBe(h.boot.member.accountId);

    const bound = await admin.bindSecureMobilePhone(
      new rmModels.BindSecureMobilePhoneRequest({
        accountId: h.boot.member.accountId,
        secureMobilePhone: phone,
        verificationCode: sms.code,
      }),
    );
    expect(bound.statusCode).toBe(200);
    expect(bound.body.requestId).toMatch(/^[0-9A-F-]{36}$/);

    const core = coreClient(h.host, h.boot.admin);
    const got = await core.call('GetAccount', { AccountId: h.boot.member.accountId });
    expect((got.Account as Record<string, unknown>).HasSecureMobilePhone).toBe(true);
    expect((got.Account as Record<string, unknown>).Type).toBe('ResourceAccount');

    const old = await admin.getAccount(new rmModels.GetAccountRequest({ accountId: h.boot.member.accountId }));
    expect(old.body.account.accountId).toBe(h.boot.member.accountId);
  });

  it('works with openapi-core callApi (2022-04-19) and pop-core GET and POST', async () => {
    const core = coreClient(h.host, h.boot.admin);
    const created = await core.call('CreateResourceAccount', { DisplayName: 'pop member' });
    const accountId = (created.Account as Record<string, string>).AccountId!;
    expect(accountId).toMatch(/^\d{16}$/);

    const pop = popClient(h.url, h.boot.admin);
    const phone = '65-91234567';
    const sent = await pop.call('SendVerificationCodeForBindSecureMobilePhone', {
      AccountId: accountId,
      SecureMobilePhone: phone,
    });
    expect(typeof sent.ExpirationDate).toBe('string');
    const sms = await waitForSms(h, phone);
    await pop.call(
      'BindSecureMobilePhone',
      { AccountId: accountId, SecureMobilePhone: phone, VerificationCode: sms.code },
      'POST',
    );
    const got = await pop.call('GetAccount', { AccountId: accountId });
    expect((got.Account as Record<string, unknown>).HasSecureMobilePhone).toBe(true);
  });
});
