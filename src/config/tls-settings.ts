/**
 * Settings of HTTPS on the API port. Merged into SETTING_DEFS (env + flag + default), so
 * `resdir serve --help` lists them.
 *
 * Contract: with RESDIR_TLS=on (the default) the port answers both plain HTTP and TLS. The
 * certificate is the operator's (RESDIR_TLS_CERT + RESDIR_TLS_KEY, both or neither) or, in
 * development mode only, one issued by a local CA kept in the data dir. Production mode needs the
 * operator's certificate or an explicit RESDIR_TLS=off. The files themselves are read and checked
 * at start-up (src/tls/setup.ts), not here.
 *
 * Import order: only settings.ts imports this module (the two import each other).
 */
import { SettingError, type SettingDef, type Settings } from './settings.js';

export interface TlsSettings {
  /** false: plain HTTP only. */
  tls: boolean;
  /** PEM certificate chain and private key files of the operator. */
  tlsCert?: string;
  tlsKey?: string;
}

const bad = (name: string, raw: string, allowed: string): never => {
  throw new SettingError(`invalid setting ${name}=${JSON.stringify(raw)}: ${allowed}`);
};
const path = (raw: string, name: string): string =>
  raw.trim() !== '' ? raw.trim() : bad(name, raw, 'expected a path');

export const TLS_SETTING_DEFS: readonly SettingDef[] = [
  {
    key: 'tls',
    env: 'RESDIR_TLS',
    flag: 'tls',
    default: 'on',
    describe: 'on: the API port also answers TLS (HTTPS); off: plain HTTP only',
    parse: (raw: string, name: string) =>
      raw === 'on' ? true : raw === 'off' ? false : bad(name, raw, 'expected on or off'),
  },
  {
    key: 'tlsCert',
    env: 'RESDIR_TLS_CERT',
    flag: 'tls-cert',
    describe: 'PEM certificate (chain) file for HTTPS; default in development: issued by a local CA in the data dir',
    parse: path,
  },
  {
    key: 'tlsKey',
    env: 'RESDIR_TLS_KEY',
    flag: 'tls-key',
    describe: 'PEM private key file of --tls-cert',
    parse: path,
  },
] as unknown as readonly SettingDef[];

/** Forbidden combinations, one clear line each. */
export function checkTlsSettings(s: Settings): void {
  if ((s.tlsCert === undefined) !== (s.tlsKey === undefined)) {
    const missing = s.tlsCert === undefined ? 'RESDIR_TLS_CERT' : 'RESDIR_TLS_KEY';
    throw new SettingError(`missing setting ${missing}: RESDIR_TLS_CERT and RESDIR_TLS_KEY go together`);
  }
  if (!s.tls && s.tlsCert !== undefined)
    throw new SettingError('invalid setting RESDIR_TLS="off": it contradicts RESDIR_TLS_CERT and RESDIR_TLS_KEY');
  if (s.mode === 'production' && s.tls && s.tlsCert === undefined)
    throw new SettingError(
      'missing setting RESDIR_TLS_CERT: production mode needs the operator certificate ' +
        '(RESDIR_TLS_CERT and RESDIR_TLS_KEY) or RESDIR_TLS=off',
    );
}
