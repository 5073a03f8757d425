import path from 'node:path';
import type { Command } from 'commander';
import { openStore } from '../store/open.js';
import { keyringFrom } from '../lib/keyring.js';
import { checkMasterKey } from '../config/master-key-check.js';
import { systemClock } from '../lib/clock.js';
import { InitError, initManagementAccount } from '../init.js';
import { settingsOrExit } from './serve.js';

/**
 * `resdir init --management-account-name NAME`: the first management account, its directory and a
 * RAM administrator, for an operator (any mode; the only way to get one in production mode).
 * Prints IDs only; the AccessKey secret is in the credentials file (mode 0600).
 */
export function registerInitCommand(cmd: Command): void {
  cmd
    .description('create the first management account, its resource directory and a RAM administrator')
    .requiredOption('--management-account-name <name>', 'name of the management account')
    .option('--admin-user-name <name>', 'name of the RAM administrator (AdministratorAccess)', 'admin')
    .option('--credentials-file <path>', 'new file (mode 0600) for the credentials', '<data-dir>/credentials.json')
    .action(async (opts: Record<string, string>) => {
      const { settings, masterKey } = settingsOrExit(opts);
      const file =
        opts.credentialsFile && opts.credentialsFile !== '<data-dir>/credentials.json'
          ? path.resolve(opts.credentialsFile)
          : path.resolve(settings.dataDir, 'credentials.json');
      const { store } = await openStore(settings.databaseUrl);
      try {
        const keyring = keyringFrom(masterKey);
        await checkMasterKey(store.meta, keyring);
        const r = await initManagementAccount(store, keyring, systemClock, {
          managementAccountName: opts.managementAccountName ?? '',
          adminUserName: opts.adminUserName ?? 'admin',
          credentialsFile: file,
          endpoint: `http://${settings.host}:${settings.port}`,
        });
        console.log(`management account  ${r.managementAccountId}`);
        console.log(`resource directory  ${r.resourceDirectoryId}  root folder ${r.rootFolderId}`);
        console.log(`RAM administrator   ${r.admin.userName} (${r.admin.policies.join(', ')})`);
        console.log(`  AccessKeyId       ${r.admin.accessKeyId}`);
        console.log(`credentials written to ${r.credentialsFile} (mode 0600)`);
      } catch (e) {
        if (!(e instanceof InitError)) throw e;
        console.error(`resdir: ${e.message}`);
        process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
