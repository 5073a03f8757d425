/**
 * Debian's chromium driven by playwright-core (a devDependency: browser downloads are not used).
 * For the console's browser tests and `npm run docs` screenshots.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.RESDIR_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumAvailable = (): boolean => fs.existsSync(CHROMIUM_PATH);

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
