import type { Command } from 'commander';
import { localAccess, oneLineErrors } from './local-access.js';

/** POSIX single quoting: safe for any value in `eval`. */
const quote = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;

/**
 * `resdir env`: shell lines that point the official SDKs and @alicloud/credentials at this resdir
 * as the demo administrator, for `eval "$(npx resdir env)"`. Printing the secret is the purpose
 * of this command: it goes to the operator's own shell, never to a log.
 */
export function envLines(a: ReturnType<typeof localAccess>): string[] {
  const lines = [
    `export ALIBABA_CLOUD_ACCESS_KEY_ID=${quote(a.accessKeyId)}`,
    `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${quote(a.accessKeySecret)}`,
    `export RESDIR_ENDPOINT=${quote(a.endpoint)}`,
  ];
  if (a.caPath) lines.push(`export NODE_EXTRA_CA_CERTS=${quote(a.caPath)}`);
  return lines;
}

export function registerEnvCommand(cmd: Command): Command {
  return cmd
    .description('print export lines for the demo administrator: eval "$(npx resdir env)"')
    .action((opts: Record<string, string>) => oneLineErrors(() => console.log(envLines(localAccess(opts)).join('\n'))));
}
