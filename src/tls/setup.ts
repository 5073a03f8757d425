import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import { SettingError, type Settings } from '../config/settings.js';
import { loadOrCreateLocalCa, type LocalCa } from './local-ca.js';
import { localServerCertificate, RENEW_DAYS } from './server-cert.js';

export { RENEW_DAYS, SERVER_CERT_DAYS } from './server-cert.js';

/** What the TLS server presents: PEM certificate (chain) and PEM private key. */
export interface TlsIdentity {
  cert: string;
  key: string;
}

export interface TlsSetup {
  source: 'operator' | 'local-ca';
  identity: TlsIdentity;
  notAfter: number;
  /** Local CA only: where ca.pem is, and whether it was created or replaced by this start. */
  ca?: Pick<LocalCa, 'certPath' | 'state'>;
  /** Names and addresses the local certificate covers. */
  names: string[];
  /**
   * Local CA: a new server certificate when the current one is within RENEW_DAYS of its end
   * (undefined otherwise). The operator's certificate is never replaced by resdir.
   */
  renewIfDue(now: number): Promise<TlsIdentity | undefined>;
}

const DAY = 86_400_000;

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** localhost, both loopback addresses, and the listen host (the machine's name for a wildcard). */
export function localNames(host: string): string[] {
  const extra = WILDCARDS.has(host) ? os.hostname() : host.replace(/^\[|\]$/g, '');
  const names = ['localhost', '127.0.0.1', '::1'];
  if (extra && !names.includes(extra.toLowerCase())) names.push(extra);
  return names;
}

const refuse = (name: string, file: string, why: string): never => {
  throw new SettingError(`invalid setting ${name}=${JSON.stringify(file)}: ${why}`);
};

function readPem(name: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    return refuse(name, file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The operator's certificate and key, checked: PEM, matching, currently valid, usable by TLS. */
export function loadOperatorIdentity(certFile: string, keyFile: string, now: number): TlsSetup {
  const cert = readPem('RESDIR_TLS_CERT', certFile);
  const key = readPem('RESDIR_TLS_KEY', keyFile);
  let x: X509Certificate;
  try {
    x = new X509Certificate(cert);
  } catch {
    return refuse('RESDIR_TLS_CERT', certFile, 'not a PEM certificate');
  }
  let k: ReturnType<typeof createPrivateKey>;
  try {
    k = createPrivateKey(key);
  } catch {
    return refuse('RESDIR_TLS_KEY', keyFile, 'not an unencrypted PEM private key');
  }
  if (!x.checkPrivateKey(k)) refuse('RESDIR_TLS_KEY', keyFile, 'the key does not belong to RESDIR_TLS_CERT');
  const notAfter = Date.parse(x.validTo);
  if (notAfter <= now) refuse('RESDIR_TLS_CERT', certFile, `the certificate expired on ${x.validTo}`);
  try {
    createSecureContext({ cert, key });
  } catch (e) {
    refuse('RESDIR_TLS_CERT', certFile, `not usable for TLS (${e instanceof Error ? e.message : String(e)})`);
  }
  return {
    source: 'operator',
    identity: { cert, key },
    notAfter,
    names: [],
    renewIfDue: async () => undefined,
  };
}

/**
 * HTTPS for this start: undefined when RESDIR_TLS=off; the operator's certificate when given;
 * otherwise (development mode: settings refuse the case in production) a server certificate from
 * the data dir's local CA, kept beside it, re-issued when the names change and before it expires.
 */
export async function setupTls(settings: Settings, now: number): Promise<TlsSetup | undefined> {
  if (!settings.tls) return undefined;
  if (settings.tlsCert !== undefined && settings.tlsKey !== undefined)
    return loadOperatorIdentity(settings.tlsCert, settings.tlsKey, now);
  const local = await loadOrCreateLocalCa(settings.dataDir, now);
  const dir = path.dirname(local.certPath);
  const names = localNames(settings.host);
  let current = await localServerCertificate(dir, local.ca, names, now);
  const setup: TlsSetup = {
    source: 'local-ca',
    identity: { cert: current.certPem, key: current.keyPem },
    notAfter: current.notAfter,
    ca: { certPath: local.certPath, state: local.state },
    names,
    async renewIfDue(at) {
      if (current.notAfter - at > RENEW_DAYS * DAY) return undefined;
      current = await localServerCertificate(dir, local.ca, names, at, true);
      setup.identity = { cert: current.certPem, key: current.keyPem };
      setup.notAfter = current.notAfter;
      return setup.identity;
    },
  };
  return setup;
}
