/**
 * Confirmation mails that expire before they are confirmed (RESDIR_EMAIL_CONFIRM_SECONDS beyond
 * RESDIR_EMAIL_EXPIRY_SECONDS), through the 2020-03-31 SDK: CreateExpired and PromoteExpired, and
 * the resends that make them verifying again.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { productClient, rmModels } from '../../support/clients.js';
import { refusedWith } from '../../support/sdk-error.js';
import { addResourceAccountMember } from '../../support/principals.js';
import { ManualClock } from '../../../src/lib/clock.js';

describe('confirmation mails that expire', () => {
  let h2: Harness;
  let clock2: ManualClock;
  beforeAll(async () => {
    clock2 = new ManualClock(Date.now());
    h2 = await startResdir({
      clock: clock2,
      settings: { signatureWindowSeconds: 3600, emailConfirmSeconds: 100, emailExpirySeconds: 10 },
    });
  });
  afterAll(() => h2.close());

  it('CreateExpired and PromoteExpired, until a resend makes them verifying again', async () => {
    const c = productClient(h2.host, h2.boot.admin);
    const get = async (accountId: string) =>
      (await c.getAccount(new rmModels.GetAccountRequest({ accountId }))).body.account;
    const created = (
      await c.createCloudAccount(
        new rmModels.CreateCloudAccountRequest({ displayName: 'cloud late', email: 'cloud-late@example.com' }),
      )
    ).body.account!;
    const id = await addResourceAccountMember(h2);
    const promoted = (
      await c.promoteResourceAccount(
        new rmModels.PromoteResourceAccountRequest({ accountId: id, email: 'promote-late@example.com' }),
      )
    ).body.account!;
    clock2.advance(10_000);
    await vi.waitFor(async () => expect((await get(created.accountId!)).status).toBe('CreateExpired'), {
      timeout: 5_000,
    });
    await vi.waitFor(async () => expect((await get(id)).status).toBe('PromoteExpired'), { timeout: 5_000 });
    await refusedWith(
      c.cancelCreateCloudAccount(new rmModels.CancelCreateCloudAccountRequest({ recordId: created.recordId })),
      'AccountTypeOrStatusMismatch',
      409,
    );
    const again = await c.resendCreateCloudAccountEmail(
      new rmModels.ResendCreateCloudAccountEmailRequest({ recordId: created.recordId }),
    );
    expect(again.body.account?.status).toBe('CreateVerifying');
    const p2 = await c.resendPromoteResourceAccountEmail(
      new rmModels.ResendPromoteResourceAccountEmailRequest({ recordId: promoted.recordId }),
    );
    expect(p2.body.account?.status).toBe('PromoteVerifying');
    await c.cancelCreateCloudAccount(new rmModels.CancelCreateCloudAccountRequest({ recordId: created.recordId }));
    await c.cancelPromoteResourceAccount(
      new rmModels.CancelPromoteResourceAccountRequest({ recordId: promoted.recordId }),
    );
    expect((await get(id)).status).toBe('PromoteCancelled');
  });
});
