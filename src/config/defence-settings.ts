/**
 * Settings of the verification defence: every send limit, the failure budget, the
 * SMS-pumping breaker, the calling-code policy, ClientToken replays, test numbers and audit
 * retention. Merged into SETTING_DEFS (env + flag + default), so `resdir serve --help` lists them.
 * A limit of 0 turns that one limit off.
 *
 * Import order: only settings.ts imports this module (the two import each other; importing this
 * one first would evaluate settings.ts before DEFENCE_SETTING_DEFS exists).
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';
import { SettingError, type SettingDef, type Settings } from './settings.js';

export interface DefenceSettings {
  resendCooldownMaxSeconds: number;
  resendCooldownResetSeconds: number;
  maxSendsPerPhonePerHour: number;
  maxSendsPerPhonePerDay: number;
  maxSendsPerPrincipalPerDay: number;
  maxSendsPerPrefixPerHour: number;
  maxSendsPerIpPerHour: number;
  maxFailuresPerAccountPhone: number;
  failureWindowSeconds: number;
  failureLockSeconds: number;
  breakerMinSends: number;
  breakerMinBindPercent: number;
  breakerWindowSeconds: number;
  breakerBlockSeconds: number;
  /** Calling codes allowed (null: every code libphonenumber knows); the site rule applies on top. */
  allowedCallingCodes: string[] | null;
  deniedCallingCodes: string[];
  clientTokenTtlSeconds: number;
  /** E.164 → fixed code. Development only: refused in production mode. */
  testNumbers: Record<string, string>;
  /** 0 keeps audit records forever. */
  auditRetentionDays: number;
}

const bad = (name: string, raw: string, allowed: string): never => {
  throw new SettingError(`invalid setting ${name}=${JSON.stringify(raw)}: ${allowed}`);
};
const int =
  (min: number, max: number) =>
  (raw: string, name: string): number => {
    const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max
      ? n
      : bad(name, raw, `expected a whole number from ${min} to ${max}`);
  };

const KNOWN_CODES = new Set(getCountries().map((c) => String(getCountryCallingCode(c))));
const codeList = (raw: string, name: string): string[] => {
  const items = raw
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  for (const c of items)
    if (!KNOWN_CODES.has(c))
      bad(
        name,
        raw,
        `"${c}" is not a calling code any country uses (write codes without +, comma-separated, e.g. 1,44,65)`,
      );
  return [...new Set(items)];
};

/** `<cc>-<number>=<6 digits>` pairs, comma-separated, e.g. `1-2025550100=123456`. */
export function parseTestNumbers(raw: string, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of raw
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')) {
    const m = /^(\d{1,3})-(\d{4,15})=(\d{6})$/.exec(item);
    if (!m) bad(name, raw, `"${item}" is not <country code>-<number>=<6-digit code>, e.g. 1-2025550100=123456`);
    out[`+${m![1]}${m![2]}`] = m![3]!;
  }
  if (Object.keys(out).length > 100) bad(name, raw, 'at most 100 test numbers');
  return out;
}

function def<K extends keyof Settings>(d: SettingDef<K>): SettingDef {
  return d as unknown as SettingDef;
}
const N = 10_000_000;

export const DEFENCE_SETTING_DEFS: readonly SettingDef[] = [
  def({
    key: 'resendCooldownMaxSeconds',
    env: 'RESDIR_RESEND_COOLDOWN_MAX_SECONDS',
    flag: 'resend-cooldown-max-seconds',
    default: '3600',
    describe: 'the resend cooldown doubles after each send up to this',
    parse: int(0, 7 * 86400),
  }),
  def({
    key: 'resendCooldownResetSeconds',
    env: 'RESDIR_RESEND_COOLDOWN_RESET_SECONDS',
    flag: 'resend-cooldown-reset-seconds',
    default: '86400',
    describe: 'quiet time after which the resend cooldown starts again at its base',
    parse: int(1, 30 * 86400),
  }),
  def({
    key: 'maxSendsPerPhonePerHour',
    env: 'RESDIR_MAX_SENDS_PER_PHONE_PER_HOUR',
    flag: 'max-sends-per-phone-per-hour',
    default: '5',
    describe: 'codes sent to one number per clock hour (0: no limit)',
    parse: int(0, N),
  }),
  def({
    key: 'maxSendsPerPhonePerDay',
    env: 'RESDIR_MAX_SENDS_PER_PHONE_PER_DAY',
    flag: 'max-sends-per-phone-per-day',
    default: '10',
    describe: 'codes sent to one number per UTC day (0: no limit)',
    parse: int(0, N),
  }),
  def({
    key: 'maxSendsPerPrincipalPerDay',
    env: 'RESDIR_MAX_SENDS_PER_PRINCIPAL_PER_DAY',
    flag: 'max-sends-per-principal-per-day',
    default: '50',
    describe: 'codes sent by one calling RAM identity per UTC day (0: no limit)',
    parse: int(0, N),
  }),
  def({
    key: 'maxSendsPerPrefixPerHour',
    env: 'RESDIR_MAX_SENDS_PER_PREFIX_PER_HOUR',
    flag: 'max-sends-per-prefix-per-hour',
    default: '20',
    describe: 'codes sent to one number prefix (the number without its last 4 digits) per clock hour (0: no limit)',
    parse: int(0, N),
  }),
  def({
    key: 'maxSendsPerIpPerHour',
    env: 'RESDIR_MAX_SENDS_PER_IP_PER_HOUR',
    flag: 'max-sends-per-ip-per-hour',
    default: '0',
    describe: 'codes sent from one client address per clock hour (0: off; many callers share an address)',
    parse: int(0, N),
  }),
  def({
    key: 'maxFailuresPerAccountPhone',
    env: 'RESDIR_MAX_FAILURES_PER_ACCOUNT_PHONE',
    flag: 'max-failures-per-account-phone',
    default: '15',
    describe: 'wrong codes per (member, phone) in the failure window, across resends, before the pair is locked',
    parse: int(1, 10_000),
  }),
  def({
    key: 'failureWindowSeconds',
    env: 'RESDIR_FAILURE_WINDOW_SECONDS',
    flag: 'failure-window-seconds',
    default: '86400',
    describe: 'window of the failure budget',
    parse: int(60, 30 * 86400),
  }),
  def({
    key: 'failureLockSeconds',
    env: 'RESDIR_FAILURE_LOCK_SECONDS',
    flag: 'failure-lock-seconds',
    default: '86400',
    describe: 'how long a (member, phone) pair stays locked after its failure budget is spent',
    parse: int(60, 30 * 86400),
  }),
  def({
    key: 'breakerMinSends',
    env: 'RESDIR_BREAKER_MIN_SENDS',
    flag: 'breaker-min-sends',
    default: '50',
    describe:
      'SMS-pumping breaker: codes per calling code or prefix in the window before the bind rate is judged (0: ' +
      'breaker off)',
    parse: int(0, N),
  }),
  def({
    key: 'breakerMinBindPercent',
    env: 'RESDIR_BREAKER_MIN_BIND_PERCENT',
    flag: 'breaker-min-bind-percent',
    default: '20',
    describe: 'SMS-pumping breaker: trips when fewer than this percent of those codes were bound',
    parse: int(0, 100),
  }),
  def({
    key: 'breakerWindowSeconds',
    env: 'RESDIR_BREAKER_WINDOW_SECONDS',
    flag: 'breaker-window-seconds',
    default: '3600',
    describe: 'SMS-pumping breaker: counting window (aligned to the epoch)',
    parse: int(60, 86400),
  }),
  def({
    key: 'breakerBlockSeconds',
    env: 'RESDIR_BREAKER_BLOCK_SECONDS',
    flag: 'breaker-block-seconds',
    default: '43200',
    describe: 'SMS-pumping breaker: how long a tripped calling code or prefix refuses sends',
    parse: int(60, 30 * 86400),
  }),
  def({
    key: 'allowedCallingCodes',
    env: 'RESDIR_ALLOWED_CALLING_CODES',
    flag: 'allowed-calling-codes',
    default: '*',
    describe: 'calling codes numbers may have, comma-separated, or * for every code (the site rule still applies)',
    parse: (raw, name) => (raw.trim() === '*' ? null : codeList(raw, name)),
  }),
  def({
    key: 'deniedCallingCodes',
    env: 'RESDIR_DENIED_CALLING_CODES',
    flag: 'denied-calling-codes',
    default: '',
    describe: 'calling codes refused, comma-separated (wins over the allowlist)',
    parse: codeList,
  }),
  def({
    key: 'clientTokenTtlSeconds',
    env: 'RESDIR_CLIENT_TOKEN_TTL_SECONDS',
    flag: 'client-token-ttl-seconds',
    default: '86400',
    describe: 'how long a ClientToken replays the first answer',
    parse: int(60, 7 * 86400),
  }),
  def({
    key: 'testNumbers',
    env: 'RESDIR_TEST_NUMBERS',
    flag: 'test-numbers',
    default: '',
    describe:
      'test numbers with fixed codes, e.g. 1-2025550100=123456,...; no SMS, no limits; refused in production mode',
    parse: parseTestNumbers,
  }),
  def({
    key: 'auditRetentionDays',
    env: 'RESDIR_AUDIT_RETENTION_DAYS',
    flag: 'audit-retention-days',
    default: '365',
    describe: 'days audit records are kept (0: forever)',
    parse: int(0, 36500),
  }),
];

/** Production-mode refusals of this group; throws SettingError with one clear line. */
export function checkDefenceForProduction(s: Settings): void {
  if (Object.keys(s.testNumbers ?? {}).length > 0) {
    throw new SettingError(
      'invalid setting RESDIR_TEST_NUMBERS: production mode refuses test numbers (they bypass limits and use fixed ' +
        'codes)',
    );
  }
}
