/**
 * The web console in a real headless Chromium (Debian's package, driven by playwright-core) against
 * the real server: each view opens, API calls made with the official SDKs show up (live, for the
 * inbox), links lead where they say, nothing is loaded from another origin, the page logs no error,
 * and axe-core finds no serious or critical accessibility violation, in light and dark schemes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startResdir, type Harness } from '../support/harness.js';
import { coreClient, popClient, productClient, rmModels } from '../support/clients.js';
import {
  chromiumAvailable,
  CHROMIUM_PATH,
  launchChromium,
  openConsole,
  seriousViolations,
  type ConsolePage,
} from '../support/browser.js';

const available = chromiumAvailable();
const skipMessage = `SKIPPED: no chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set RESDIR_CHROMIUM)`;
if (!available) {
  console.warn(`console browser tests ${skipMessage}`);
  it.skip(skipMessage, () => undefined);
}

let h: Harness;
let browser: Browser;
const pages: ConsolePage[] = [];

beforeAll(async () => {
  if (!available) return;
  h = await startResdir();
  browser = await launchChromium();
});
afterAll(async () => {
  if (!available) return;
  await browser?.close();
  await h?.close();
});

async function open(hash: string, opts?: Parameters<typeof openConsole>[3]) {
  const p = await openConsole(browser, h.url, hash, opts);
  pages.push(p);
  return p;
}

/** Every page opened stayed on the server's origin, logged no error, and passes axe (serious/critical). */
async function expectClean(p: ConsolePage) {
  expect(await seriousViolations(p.page)).toEqual([]);
  expect(p.problems).toEqual([]);
}

describe.skipIf(!available)('the web console in Chromium', { timeout: 120_000 }, () => {
  it('SMS inbox: a Send shows up live with its code, copyable; filter by number; clear', async () => {
    const p = await open('#/inbox');
    const { page } = p;
    await page.getByText('No messages yet.').waitFor();
    await page.locator('.live.on').waitFor();
    await expectClean(p);

    const admin = productClient(h.host, h.boot.admin);
    await admin.sendVerificationCodeForBindSecureMobilePhone(
      new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
        accountId: h.boot.member.accountId,
        secureMobilePhone: '1-2025550140',
      }),
    );
    // No reload: the message arrives over the server-sent events.
    const card = page.locator('li.sms').filter({ hasText: '1-2025550140' });
    await card.waitFor({ timeout: 15_000 });
    const [sms] = ((await (await fetch(`${h.url}/_resdir/sms`)).json()) as { messages: Array<{ code: string }> })
      .messages;
    expect(await card.locator('.digits').textContent()).toBe(sms!.code);
    expect(await card.getByRole('link', { name: h.boot.member.accountId }).count()).toBe(1);

    await card.getByRole('button', { name: sms!.code }).click();
    await card.getByRole('status').getByText(`Code ${sms!.code} copied`).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(sms!.code);

    await admin.sendVerificationCodeForBindSecureMobilePhone(
      new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
        accountId: h.boot.member.accountId,
        secureMobilePhone: '65-91234560',
      }),
    );
    await page.locator('li.sms').filter({ hasText: '65-91234560' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Filter by number').fill('65-9123');
    await page.getByText('1 of 2 messages').waitFor();
    expect(await page.locator('li.sms').count()).toBe(1);
    await expectClean(p);

    await page.getByRole('button', { name: 'Clear inbox' }).click();
    await page.getByRole('button', { name: 'Yes, clear' }).click();
    await page.getByText('No messages for this number yet.').waitFor();
    const after = (await (await fetch(`${h.url}/_resdir/sms`)).json()) as { messages: unknown[] };
    expect(after.messages).toEqual([]);
    await p.close();
  });

  it('Directory: a member created with the SDK appears, linking its page with path and masked phone', async () => {
    const core = coreClient(h.host, h.boot.admin);
    const created = await core.call('CreateResourceAccount', { DisplayName: 'console-browser member' });
    const accountId = (created.Account as Record<string, string>).AccountId!;
    const p = await open('#/directory');
    const { page } = p;
    const link = page.getByRole('link', { name: 'console-browser member' }).first();
    await link.waitFor();
    await expectClean(p);
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'console-browser member' }).waitFor();
    expect(page.url()).toContain(`#/members/${accountId}`);
    const path = page.getByRole('navigation', { name: 'Folder path' });
    expect(await path.getByRole('link', { name: h.boot.resourceDirectoryId }).count()).toBe(1);
    expect(await path.getByRole('link', { name: 'Root' }).count()).toBe(1);
    await expectClean(p);

    // Bind a phone, then the member page (opened by its link) shows it masked, never in full.
    const admin = productClient(h.host, h.boot.admin);
    await admin.sendVerificationCodeForBindSecureMobilePhone(
      new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
        accountId,
        secureMobilePhone: '1-2025550188',
      }),
    );
    let code = '';
    for (let i = 0; i < 100 && !code; i++) {
      const r = (await (await fetch(`${h.url}/_resdir/sms?to=1-2025550188`)).json()) as {
        messages: Array<{ code: string }>;
      };
      code = r.messages[0]?.code ?? '';
      if (!code) await new Promise((r) => setTimeout(r, 20));
    }
    await admin.bindSecureMobilePhone(
      new rmModels.BindSecureMobilePhoneRequest({
        accountId,
        secureMobilePhone: '1-2025550188',
        verificationCode: code,
      }),
    );
    const m = await open(`#/members/${accountId}`);
    await m.page.getByText('1-202****188').waitFor();
    expect(await m.page.locator('body').textContent()).not.toContain('2025550188');
    await m.page.getByRole('link', { name: h.boot.resourceDirectoryId }).click();
    await m.page.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
    await expectClean(m);
    await p.close();
    await m.close();
  });

  it('Audit trail: records with filters, paging links and a detail page that never shows a code', async () => {
    const p = await open('#/audit');
    const { page } = p;
    await page.locator('main table tbody tr').first().waitFor();
    await expectClean(p);
    await page.getByLabel('Action').fill('BindSecureMobilePhone');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/action=BindSecureMobilePhone/);
    const rows = page.locator('main table tbody tr');
    // The filtered page replaces the unfiltered rows once its fetch answers: wait for that.
    await expect
      .poll(async () => {
        const texts = await rows.allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes('BindSecureMobilePhone'));
      })
      .toBe(true);
    for (const text of await rows.allTextContents()) expect(text).toContain('BindSecureMobilePhone');
    await rows.first().locator('td').first().getByRole('link').click();
    await page.locator('pre.json').waitFor();
    await page.getByRole('heading', { level: 1, name: 'BindSecureMobilePhone' }).waitFor();
    const detail = (await page.locator('main').textContent()) ?? '';
    expect(detail).toContain('1-202****188');
    expect(detail).not.toMatch(/VerificationCode/);
    await expectClean(p);
    await p.close();
  });

  it('Identities: users, roles, groups and policies, with attached policies readable; data shown as text', async () => {
    const markup = '<img src=x onerror="window.__injected=1">';
    const ram = popClient(h.url, h.boot.root, '2015-05-01');
    await ram.call('CreateGroup', { GroupName: 'console-markup', Comments: markup }, 'POST');
    const p = await open(`#/identities/${h.boot.managementAccountId}`);
    const { page } = p;
    const groups = page.getByRole('region', { name: 'RAM groups' });
    await groups.getByText(markup).waitFor();
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate('window.__injected')).toBeUndefined();
    const users = page.getByRole('region', { name: 'RAM users' });
    await users.getByText('rd-admin').waitFor();
    await expectClean(p);
    await users.getByRole('link', { name: 'AliyunResourceDirectoryFullAccess' }).click();
    const doc = page.locator('details[open] pre.json');
    await doc.waitFor();
    expect(await doc.textContent()).toContain('resourcemanager:*');
    expect(await page.locator('main').textContent()).not.toContain(h.boot.admin.accessKeySecret);
    await expectClean(p);
    await p.close();
  });

  it('Delivery: the outbox with status, attempts and provider', async () => {
    const p = await open('#/delivery');
    const { page } = p;
    await page.locator('main table tbody tr').first().waitFor();
    expect(await page.locator('main table').textContent()).toContain('inbox');
    await page.getByRole('link', { name: /^sent \d+$/ }).click();
    await page.locator('a.chip[aria-current="page"]', { hasText: 'sent' }).waitFor();
    expect(page.url()).toContain('status=sent');
    await page.locator('main table tbody tr').first().waitFor();
    await expectClean(p);
    await p.close();
  });

  it('is keyboard-usable, fits a phone-sized screen, and passes axe in the dark scheme', async () => {
    const p = await open('#/inbox', { colorScheme: 'dark', viewport: { width: 390, height: 844 } });
    const { page } = p;
    // The first stop of the page is the skip link; the views are reached with Tab and opened with Enter.
    const focused = () => page.evaluate('document.activeElement?.textContent?.trim()');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to content');
    for (let i = 0; i < 10 && (await focused()) !== 'Directory'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Directory');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await expectClean(p);
    for (const hash of ['#/audit', `#/identities/${h.boot.managementAccountId}`, '#/delivery']) {
      await page.goto(`${h.url}/_resdir/console/${hash}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectClean(p);
    }
    await p.close();
  });
});
