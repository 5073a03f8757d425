/**
 * Every setting of `resdir serve`: its environment variable, its flag, its default and its parser.
 * The CLI builds its options from this table and `loadSettings` applies it (flag wins over env).
 * A bad value stops start-up with one line naming the setting, the value and what is allowed.
 */

import { checkSmsSettings, parseProviderChain } from './sms.js';
import { fail, int, nonEmpty, oneOf, onOff, SettingError, type Parser } from './setting-parsers.js';
import { SMS_SETTING_DEFS, type SmsSettings } from './sms-settings.js';

export { SettingError } from './setting-parsers.js';

export type Site = 'intl' | 'china';
export type Mode = 'development' | 'production';

import { checkDefenceForProduction, DEFENCE_SETTING_DEFS, type DefenceSettings } from './defence-settings.js';
import { checkTlsSettings, TLS_SETTING_DEFS, type TlsSettings } from './tls-settings.js';
import { checkHttpSettings, HTTP_SETTING_DEFS, type HttpSettings } from './http-settings.js';
import { DIRECTORY_SETTING_DEFS, type DirectorySettings } from './directory-settings.js';

export interface Settings extends DefenceSettings, TlsSettings, HttpSettings, DirectorySettings, SmsSettings {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string; // resolved: defaults to sqlite:<dataDir>/resdir.db
  site: Site;
  smsProvider: string; // 'inbox' or a comma list tried in order (src/config/sms.ts)
  mode: Mode;
  limits: boolean;
  codeTtlSeconds: number;
  codeMaxAttempts: number;
  resendCooldownSeconds: number;
  maxSendsPerMemberPerDay: number;
  maxSendsPerManagementAccountPerDay: number;
  signatureWindowSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** PostgreSQL only: connections per process, and the statement (and connect) timeout. */
  dbPoolSize: number;
  dbStatementTimeoutMs: number;
  /** From the environment only. */
  masterKey?: string;
  adminToken?: string;
}

export interface SettingDef<K extends keyof Settings = keyof Settings> {
  key: K;
  env: string;
  flag?: string; // without leading dashes; absent = environment only
  default?: string;
  describe: string;
  parse: Parser<Settings[K]>;
}

function def<K extends keyof Settings>(d: SettingDef<K>): SettingDef {
  return d as unknown as SettingDef;
}

export const SETTING_DEFS: readonly SettingDef[] = [
  def({
    key: 'host',
    env: 'RESDIR_HOST',
    flag: 'host',
    default: '127.0.0.1',
    describe: 'listen address',
    parse: nonEmpty,
  }),
  def({
    key: 'port',
    env: 'RESDIR_PORT',
    flag: 'port',
    default: '8080',
    describe: 'listen port; 0 picks a free port',
    parse: int(0, 65535),
  }),
  def({
    key: 'dataDir',
    env: 'RESDIR_DATA_DIR',
    flag: 'data-dir',
    default: './.resdir',
    describe: 'local state: SQLite file, master key, bootstrap.json',
    parse: nonEmpty,
  }),
  def({
    key: 'databaseUrl',
    env: 'RESDIR_DATABASE_URL',
    flag: 'database-url',
    describe: 'sqlite:PATH, sqlite::memory: or postgres://… (default sqlite:<data-dir>/resdir.db)',
    parse: (raw, name) =>
      /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(raw)
        ? raw
        : fail(name, raw, 'expected sqlite:PATH, sqlite::memory: or postgres://…'),
  }),
  def({
    key: 'site',
    env: 'RESDIR_SITE',
    flag: 'site',
    default: 'intl',
    describe: 'intl refuses calling code 86; china accepts only 86',
    parse: oneOf('intl', 'china'),
  }),
  def({
    key: 'smsProvider',
    env: 'RESDIR_SMS_PROVIDER',
    flag: 'sms-provider',
    default: 'inbox',
    describe: 'where verification SMS go: inbox, aliyun-sms, smpp, webhook, or a comma list tried in order',
    parse: parseProviderChain,
  }),
  def({
    key: 'mode',
    env: 'RESDIR_MODE',
    flag: 'mode',
    default: 'development',
    describe: 'production refuses development-only settings',
    parse: oneOf('development', 'production'),
  }),
  def({
    key: 'limits',
    env: 'RESDIR_LIMITS',
    flag: 'limits',
    default: 'on',
    describe: 'off disables every send limit (benchmarks only)',
    parse: onOff,
  }),
  def({
    key: 'codeTtlSeconds',
    env: 'RESDIR_CODE_TTL_SECONDS',
    flag: 'code-ttl-seconds',
    default: '600',
    describe: 'how long a verification code is valid',
    parse: int(60, 86400),
  }),
  def({
    key: 'codeMaxAttempts',
    env: 'RESDIR_CODE_MAX_ATTEMPTS',
    flag: 'code-max-attempts',
    default: '5',
    describe: 'wrong attempts after which a code is burned',
    parse: int(1, 100),
  }),
  def({
    key: 'resendCooldownSeconds',
    env: 'RESDIR_RESEND_COOLDOWN_SECONDS',
    flag: 'resend-cooldown-seconds',
    default: '60',
    describe: 'minimum time between two sends to one (member, phone)',
    parse: int(0, 86400),
  }),
  def({
    key: 'maxSendsPerMemberPerDay',
    env: 'RESDIR_MAX_SENDS_PER_MEMBER_PER_DAY',
    flag: 'max-sends-per-member-per-day',
    default: '10',
    describe: 'codes sent per member account per UTC day',
    parse: int(1, 1_000_000),
  }),
  def({
    key: 'maxSendsPerManagementAccountPerDay',
    env: 'RESDIR_MAX_SENDS_PER_MANAGEMENT_ACCOUNT_PER_DAY',
    flag: 'max-sends-per-management-account-per-day',
    default: '100',
    describe: 'codes sent per management account per UTC day',
    parse: int(1, 10_000_000),
  }),
  def({
    key: 'signatureWindowSeconds',
    env: 'RESDIR_SIGNATURE_WINDOW_SECONDS',
    flag: 'signature-window-seconds',
    default: '900',
    describe: 'allowed clock difference of signed requests',
    parse: int(60, 3600),
  }),
  def({
    key: 'logLevel',
    env: 'RESDIR_LOG_LEVEL',
    flag: 'log-level',
    default: 'info',
    describe: 'log level',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'silent'),
  }),
  def({
    key: 'dbPoolSize',
    env: 'RESDIR_DB_POOL_SIZE',
    flag: 'db-pool-size',
    default: '10',
    describe: 'PostgreSQL connections per process',
    parse: int(1, 1000),
  }),
  def({
    key: 'dbStatementTimeoutMs',
    env: 'RESDIR_DB_STATEMENT_TIMEOUT_MS',
    flag: 'db-statement-timeout-ms',
    default: '5000',
    describe: 'PostgreSQL statement and connect timeout in ms; a call that hits it answers 503',
    parse: int(100, 600_000),
  }),
  ...DEFENCE_SETTING_DEFS,
  ...TLS_SETTING_DEFS,
  ...HTTP_SETTING_DEFS,
  ...DIRECTORY_SETTING_DEFS,
  def({
    key: 'masterKey',
    env: 'RESDIR_MASTER_KEY',
    describe: 'base64 key material (at least 32 bytes) for secrets at rest',
    parse: (raw, name) =>
      Buffer.from(raw, 'base64').length >= 32 ? raw : fail(name, '(hidden)', 'expected base64 of at least 32 bytes'),
  }),
  def({
    key: 'adminToken',
    env: 'RESDIR_ADMIN_TOKEN',
    describe: 'bearer token that opens /_resdir/ to non-loopback clients',
    parse: (raw, name) => (raw.length >= 16 ? raw : fail(name, '(hidden)', 'expected at least 16 characters')),
  }),
  ...SMS_SETTING_DEFS,
];

/**
 * Resolves settings from flags (camelCase keys as commander gives them) and the environment.
 * Throws SettingError with one clear line on the first bad value or forbidden combination.
 */
export function loadSettings(flags: Record<string, string | undefined>, env: NodeJS.ProcessEnv): Settings {
  const out: Record<string, unknown> = {};
  for (const d of SETTING_DEFS) {
    const flagKey = d.flag?.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const fromFlag = flagKey ? flags[flagKey] : undefined;
    const raw = fromFlag ?? env[d.env] ?? d.default;
    const name = fromFlag !== undefined ? `--${d.flag}` : d.env;
    if (raw !== undefined) out[d.key] = d.parse(raw, name);
  }
  const s = out as unknown as Settings;
  s.databaseUrl ??= `sqlite:${s.dataDir.replace(/\/$/, '')}/resdir.db`;
  if (s.mode === 'production') {
    checkDefenceForProduction(s);
    if (s.smsProvider === 'inbox')
      throw new SettingError('invalid setting RESDIR_SMS_PROVIDER="inbox": production mode needs a real SMS provider');
    if (!s.limits) throw new SettingError('invalid setting RESDIR_LIMITS="off": production mode keeps send limits on');
    if (!s.masterKey)
      throw new SettingError('missing setting RESDIR_MASTER_KEY: production mode refuses a generated master key');
  }
  checkSmsSettings(s);
  checkTlsSettings(s);
  checkHttpSettings(s);
  return s;
}
