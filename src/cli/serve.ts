import { tuneV8 } from '../lib/v8-tuning.js';
import { createApp } from '../app.js';
import { loadSettings, SettingError, type Settings } from '../config/settings.js';
import { loadMasterKey } from '../config/master-key.js';
import { tlsBanner } from './tls-banner.js';
import path from 'node:path';
import { ensureBootstrap, isBootstrapped, type BootstrapInfo } from '../bootstrap.js';

/** Resolves settings and the master key, or exits with one clear line. */
export function settingsOrExit(flags: Record<string, string | undefined>): { settings: Settings; masterKey: Buffer } {
  try {
    const settings = loadSettings(flags, process.env);
    const { key, generated } = loadMasterKey(settings.masterKey, settings.dataDir);
    if (generated && settings.mode === 'production')
      throw new Error('missing setting RESDIR_MASTER_KEY: production mode refuses a generated master key');
    return { settings, masterKey: key };
  } catch (e) {
    console.error(`resdir: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  }
}

/**
 * The start-up banner. It names identities and where their credentials are, never a secret:
 * AccessKey secrets live only in bootstrap.json (mode 0600), printed on request by
 * `resdir bootstrap --json`.
 */
export function printWelcome(
  url: string,
  info: BootstrapInfo | undefined,
  dataDir: string,
  smsProvider = 'inbox',
): void {
  console.log(`resdir listening on ${url}`);
  if (!info) {
    console.log('store was bootstrapped elsewhere; no bootstrap.json in this data dir');
    return;
  }
  console.log('demo world:');
  console.log(`  management account  ${info.managementAccountId}  directory ${info.resourceDirectoryId}`);
  console.log(`    root AccessKeyId ${info.root.accessKeyId}`);
  console.log(`  RAM user ${info.admin.userName} (AliyunResourceDirectoryFullAccess)`);
  console.log(`    AccessKeyId     ${info.admin.accessKeyId}`);
  console.log(`  member (ResourceAccount) ${info.member.accountId}`);
  console.log(
    `  credentials: ${path.resolve(dataDir, 'bootstrap.json')} (mode 0600; \`resdir bootstrap --json\` prints it)`,
  );
  console.log(
    smsProvider === 'inbox'
      ? `  SMS inbox: ${url}/_resdir/sms`
      : `  SMS via ${smsProvider}; delivery status: ${url}/_resdir/sms`,
  );
  console.log(`  mail inbox (message-contact codes): ${url}/_resdir/mail`);
}

/** Production: no demo world, no credentials; say whether `resdir init` has run. */
function printProductionWelcome(url: string, initialized: boolean): void {
  console.log(`resdir listening on ${url} (production mode: no demo world)`);
  if (!initialized)
    console.log('no management account yet: create one with `resdir init --management-account-name NAME`');
}

/** `resdir serve`: runs until SIGINT/SIGTERM, then shuts down cleanly. */
export async function runServe(flags: Record<string, string | undefined>): Promise<void> {
  const { settings, masterKey } = settingsOrExit(flags);
  tuneV8();
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp({ settings, masterKey });
  } catch (e) {
    // A bad certificate file is a setting error (one line of its own); anything else is the store.
    if (e instanceof SettingError) console.error(`resdir: ${e.message}`);
    else console.error(`resdir: cannot open the store: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (e: unknown) => {
        app.log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Installed before listening, so a signal right after the URL is printed still closes cleanly.
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  let url: string;
  try {
    url = await app.start();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    console.error(
      `resdir: cannot listen on ${settings.host}:${settings.port} (--host/--port, RESDIR_HOST/RESDIR_PORT): ${why}`,
    );
    await app.close().catch(() => undefined);
    process.exit(1);
  }
  if (settings.mode === 'production') {
    printProductionWelcome(url, await isBootstrapped(app.store));
    return;
  }
  const info = await ensureBootstrap(app.store, app.keyring, app.clock, settings.dataDir, url, settings.site);
  printWelcome(url, info, settings.dataDir, settings.smsProvider);
  for (const line of tlsBanner(url, app.tls)) console.log(line);
}
