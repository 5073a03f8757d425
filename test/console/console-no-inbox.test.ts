/**
 * The console with a real SMS provider (SMPP to a fake SMSC): there is no inbox, so no inbox view;
 * the Delivery view shows each message live with its status, attempts and provider, never its code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startResdir, type Harness } from '../support/harness.js';
import { productClient, rmModels } from '../support/clients.js';
import { startFakeSmsc, type FakeSmsc } from '../support/fake-smsc.js';
import {
  chromiumAvailable,
  CHROMIUM_PATH,
  launchChromium,
  openConsole,
  seriousViolations,
} from '../support/browser.js';

const available = chromiumAvailable();
const skipMessage = `SKIPPED: no chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set RESDIR_CHROMIUM)`;
if (!available) {
  console.warn(`console browser tests ${skipMessage}`);
  it.skip(skipMessage, () => undefined);
}

let h: Harness;
let smsc: FakeSmsc;
let browser: Browser;
beforeAll(async () => {
  if (!available) return;
  smsc = await startFakeSmsc({ systemId: 'resdir', password: 'pw' });
  h = await startResdir({
    env: {
      RESDIR_SMS_PROVIDER: 'smpp',
      RESDIR_SMPP_HOST: '127.0.0.1',
      RESDIR_SMPP_PORT: String(smsc.port),
      RESDIR_SMPP_SYSTEM_ID: 'resdir',
      RESDIR_SMPP_PASSWORD: 'pw',
    },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  if (!available) return;
  await browser?.close();
  await h?.close();
  await smsc?.close();
});

describe.skipIf(!available)('the web console with a real SMS provider', { timeout: 120_000 }, () => {
  it('no inbox view; Delivery shows the message live with status, attempts and provider, not its code', async () => {
    const p = await openConsole(browser, h.url, '');
    const { page } = p;
    await page.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Views' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Directory',
      'Audit trail',
      'Identities',
      'Delivery',
    ]);
    await page.goto(`${h.url}/_resdir/console/#/inbox`);
    await page.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();

    await nav.getByRole('link', { name: 'Delivery' }).click();
    await page.getByText('No messages in the outbox.').waitFor();
    await page.locator('.live.on').waitFor();
    const admin = productClient(h.host, h.boot.admin);
    await admin.sendVerificationCodeForBindSecureMobilePhone(
      new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
        accountId: h.boot.member.accountId,
        secureMobilePhone: '1-2025550199',
      }),
    );
    const row = page.locator('main table tbody tr').filter({ hasText: '1-2025550199' });
    await row.filter({ hasText: 'delivered' }).waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('smpp');
    await row.getByText('1 attempt').click();
    await row.locator('.attempts').getByText('via smpp').waitFor();
    const code = /\b(\d{6})\b/.exec(smsc.submitted[0]!.text)![1]!;
    expect(await page.locator('body').textContent()).not.toContain(code);
    expect(await seriousViolations(page)).toEqual([]);
    expect(p.problems).toEqual([]);
    await p.close();
  });
});
