import { Command, Option } from 'commander';
import { SETTING_DEFS } from '../config/settings.js';
import { openStore } from '../store/open.js';
import { keyringFrom } from '../lib/keyring.js';
import { checkMasterKey } from '../config/master-key-check.js';
import { systemClock } from '../lib/clock.js';
import { ensureBootstrap } from '../bootstrap.js';
import { VERSION } from '../app.js';
import { runServe, settingsOrExit } from './serve.js';
import { registerAuditCommand } from './audit.js';
import { registerOutboxCommand } from './outbox.js';
import { registerCoverageCommand } from './coverage.js';
import { registerEnvCommand } from './env.js';
import { registerProfileCommand } from './profile.js';
import { registerInitCommand } from './init.js';
import { registerAccountCommand } from './account.js';

const program = new Command('resdir')
  .description('Alibaba Cloud Resource Directory secure-phone API, wire-compatible')
  .version(VERSION);

function withSettings(cmd: Command, only?: readonly string[]): Command {
  for (const d of SETTING_DEFS) {
    if (!d.flag || (only && !only.includes(d.flag))) continue;
    const o = new Option(
      `--${d.flag} <value>`,
      `${d.describe} (env ${d.env}${d.default !== undefined ? `, default ${d.default}` : ''})`,
    );
    cmd.addOption(o);
  }
  return cmd;
}

withSettings(
  program
    .command('serve', { isDefault: true })
    .description('serve the API (bootstraps a demo world on an empty store)'),
).action(async (opts: Record<string, string>) => {
  await runServe(opts);
});

withSettings(
  program
    .command('bootstrap')
    .description('create the demo world if absent (development mode) and print bootstrap.json'),
  ['data-dir', 'database-url', 'host', 'port', 'site', 'mode'],
)
  .option('--json', 'print the bootstrap JSON')
  .action(async (opts: Record<string, string>) => {
    const { settings, masterKey } = settingsOrExit(opts);
    if (settings.mode === 'production') {
      console.error('resdir: production mode has no demo world; create the first account with `resdir init`');
      process.exitCode = 2;
      return;
    }
    const { store } = await openStore(settings.databaseUrl);
    try {
      const endpoint = `http://${settings.host}:${settings.port}`;
      await checkMasterKey(store.meta, keyringFrom(masterKey));
      const info = await ensureBootstrap(
        store,
        keyringFrom(masterKey),
        systemClock,
        settings.dataDir,
        endpoint,
        settings.site,
      );
      if (!info) {
        console.error('resdir: the store was bootstrapped from another data dir; its bootstrap.json is not here');
        process.exitCode = 1;
      } else if (opts.json) console.log(JSON.stringify(info, null, 2));
      else console.log(`bootstrap written to ${settings.dataDir}/bootstrap.json`);
    } finally {
      await store.close();
    }
  });

withSettings(program.command('migrate').description('apply pending database migrations'), [
  'data-dir',
  'database-url',
]).action(async (opts: Record<string, string>) => {
  const { settings } = settingsOrExit(opts);
  const { store, applied } = await openStore(settings.databaseUrl);
  await store.close();
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
});

registerInitCommand(
  withSettings(program.command('init'), ['data-dir', 'database-url', 'host', 'port', 'mode', 'sms-provider']),
);
registerAuditCommand(withSettings(program.command('audit'), ['data-dir', 'database-url']));
registerOutboxCommand(withSettings(program.command('outbox'), ['data-dir', 'database-url']));
registerCoverageCommand(program.command('coverage'));
registerEnvCommand(withSettings(program.command('env'), ['data-dir', 'tls', 'tls-cert', 'tls-key']));
registerProfileCommand(withSettings(program.command('profile'), ['data-dir']));
registerAccountCommand(withSettings(program.command('account'), ['data-dir', 'database-url']));

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(`resdir: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
