/**
 * What `resdir env` and `resdir profile` hand to the operator: the demo administrator's key from
 * the data dir's bootstrap.json, the endpoint, and the local CA to trust. Read-only: these
 * commands never create a store, a master key or a CA.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BootstrapInfo } from '../bootstrap.js';
import { loadSettings } from '../config/settings.js';
import { CA_FILE } from '../tls/local-ca.js';

export interface LocalAccess {
  accessKeyId: string;
  accessKeySecret: string;
  /** host:port, as the SDKs' `endpoint` takes it. */
  endpoint: string;
  /** Absolute path of the local CA (absent with RESDIR_TLS=off or an operator certificate). */
  caPath?: string;
}

export class LocalAccessError extends Error {}

export function localAccess(flags: Record<string, string | undefined>): LocalAccess {
  const settings = loadSettings(flags, process.env);
  const file = path.join(settings.dataDir, 'bootstrap.json');
  let info: BootstrapInfo;
  try {
    info = JSON.parse(fs.readFileSync(file, 'utf8')) as BootstrapInfo;
  } catch {
    throw new LocalAccessError(`no readable ${file}: start resdir once (npx resdir serve) or run npx resdir bootstrap`);
  }
  const { accessKeyId, accessKeySecret } = info.admin ?? {};
  if (typeof accessKeyId !== 'string' || typeof accessKeySecret !== 'string')
    throw new LocalAccessError(`${file} holds no admin AccessKey`);
  const endpoint = new URL(info.endpoint).host;
  const caPath = path.resolve(settings.dataDir, CA_FILE);
  const localCa = settings.tls && settings.tlsCert === undefined && fs.existsSync(caPath);
  return { accessKeyId, accessKeySecret, endpoint, ...(localCa ? { caPath } : {}) };
}

/** Runs a command body, turning a setting or access error into one line on stderr and exit code 2. */
export function oneLineErrors(body: () => void): void {
  try {
    body();
  } catch (e) {
    console.error(`resdir: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  }
}
