/**
 * `npm run docs` (second step): screenshots of every console view into docs/console/, taken with
 * Debian's chromium against a throwaway resdir (in-memory SQLite) holding the console world.
 * Without chromium it says so and leaves the existing screenshots alone.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app.js';
import { createDemoWorld } from '../bootstrap.js';
import { loadSettings } from '../config/settings.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { seedConsoleWorld } from './console-world.js';

const OUT = 'docs/console';

async function main() {
  if (!chromiumAvailable()) {
    console.log(`console screenshots skipped: no chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-shots-'));
  const settings = loadSettings(
    {},
    { RESDIR_PORT: '0', RESDIR_DATA_DIR: dataDir, RESDIR_DATABASE_URL: 'sqlite::memory:', RESDIR_LOG_LEVEL: 'warn' },
  );
  const app = await createApp({ settings, masterKey: randomBytes(32) });
  const browser = await launchChromium();
  try {
    const url = await app.start();
    const boot = await createDemoWorld(app.store, app.keyring, app.clock, url, settings.site);
    if (!boot) throw new Error('the demo world already existed');
    const world = await seedConsoleWorld(app, url, boot);
    fs.mkdirSync(OUT, { recursive: true });
    const shots: Array<{ file: string; hash: string; scheme?: 'dark'; phone?: boolean }> = [
      { file: 'inbox.png', hash: '#/inbox' },
      { file: 'directory.png', hash: '#/directory' },
      { file: 'member.png', hash: `#/members/${world.members[0]!.accountId}` },
      { file: 'audit.png', hash: '#/audit' },
      { file: 'audit-event.png', hash: '#/audit' },
      { file: 'identities.png', hash: `#/identities/${boot.managementAccountId}` },
      { file: 'delivery.png', hash: '#/delivery' },
      { file: 'inbox-dark.png', hash: '#/inbox', scheme: 'dark' },
      { file: 'inbox-phone.png', hash: '#/inbox', phone: true },
    ];
    for (const s of shots) {
      const page = await browser.newPage({
        viewport: s.phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
        colorScheme: s.scheme ?? 'light',
        ...(s.phone ? { deviceScaleFactor: 2, isMobile: true } : {}),
      });
      await page.goto(`${url}/_resdir/console/${s.hash}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      if (s.file === 'audit-event.png') {
        await page.locator('main table a').first().click();
        await page.locator('pre.json').waitFor();
      }
      await page.screenshot({ path: path.join(OUT, s.file) });
      await page.close();
    }
    console.log(`wrote ${shots.length} screenshots to ${OUT}/`);
  } finally {
    await browser.close();
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
