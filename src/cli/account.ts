import type { Command } from 'commander';
import { openStore } from '../store/open.js';
import { keyringFrom } from '../lib/keyring.js';
import { checkMasterKey } from '../config/master-key-check.js';
import { systemClock } from '../lib/clock.js';
import { createStandaloneAccount } from '../domain/directory/standalone.js';
import { settingsOrExit } from './serve.js';

/**
 * `resdir account create [--display-name NAME] [--json]`: an Alibaba Cloud account in no resource
 * directory, with its root AccessKey (an operator action, in either mode). The secret is printed
 * once, to the operator's terminal.
 */
export function registerAccountCommand(cmd: Command): Command {
  cmd.description('manage standalone accounts (accounts in no resource directory)');
  const create = cmd
    .command('create')
    .description('create an account in no resource directory and print its root AccessKey')
    .option('--display-name <name>', 'display name (2 to 50 letters, digits, CJK characters, spaces and _ . -)')
    .option('--json', 'print JSON');
  for (const o of cmd.options) create.addOption(o);
  create.action(async (opts: Record<string, string | undefined>) => {
    const { settings, masterKey } = settingsOrExit(opts);
    const { store } = await openStore(settings.databaseUrl);
    try {
      const keyring = keyringFrom(masterKey);
      await checkMasterKey(store.meta, keyring);
      const r = await createStandaloneAccount(store, keyring, systemClock, opts.displayName);
      if (!r.ok) throw new Error(`--display-name: ${r.error.message ?? 'invalid'}`);
      const a = r.value;
      if (opts.json) console.log(JSON.stringify(a, null, 2));
      else
        console.log(
          [
            `account ${a.accountId} (${a.displayName}), logon e-mail ${a.logonEmail}`,
            `root AccessKey ID      ${a.accessKeyId}`,
            `root AccessKey secret  ${a.accessKeySecret}`,
          ].join('\n'),
        );
    } finally {
      await store.close();
    }
  });
  return cmd;
}
