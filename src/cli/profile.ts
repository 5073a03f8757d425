import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { type LocalAccess, LocalAccessError, localAccess, oneLineErrors } from './local-access.js';

/**
 * An aliyun CLI configuration (~/.aliyun/config.json format) with one AK profile for the demo
 * administrator, made current. The CLI and @alicloud/credentials' CLI-profile provider read it;
 * the endpoint is not part of the format (pass it to the SDK or to `aliyun --endpoint`).
 */
export function cliProfile(a: LocalAccess, name: string): Record<string, unknown> {
  return {
    current: name,
    profiles: [
      {
        name,
        mode: 'AK',
        access_key_id: a.accessKeyId,
        access_key_secret: a.accessKeySecret,
        region_id: 'cn-hangzhou',
        output_format: 'json',
        language: 'en',
      },
    ],
    meta_path: '',
  };
}

/** Writes the profile file, mode 0600; an existing file is replaced only with `force`. */
export function writeProfile(file: string, body: Record<string, unknown>, force: boolean): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: force ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new LocalAccessError(`${file} exists; pass --force to replace it`);
    throw new LocalAccessError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  fs.chmodSync(file, 0o600); // a replaced file keeps its old mode otherwise
}

export function registerProfileCommand(cmd: Command): Command {
  return cmd
    .description('write an aliyun CLI profile (~/.aliyun/config.json format) for the demo administrator')
    .requiredOption('--path <file>', 'where to write it, e.g. ~/.aliyun/config.json')
    .option('--name <profile>', 'profile name', 'resdir')
    .option('--force', 'replace an existing file')
    .action((opts: Record<string, string | boolean | undefined>) =>
      oneLineErrors(() => {
        const { path: file, name, force, ...flags } = opts;
        const a = localAccess(flags as Record<string, string | undefined>);
        writeProfile(String(file), cliProfile(a, String(name)), force === true);
        console.log(`profile ${String(name)} written to ${String(file)} (endpoint ${a.endpoint})`);
      }),
    );
}
