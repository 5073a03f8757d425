/**
 * The SMS delivery settings: the provider chain and what each provider needs.
 * Parsers for SETTING_DEFS and the start-up check, each failure one line naming the setting.
 */
import { SettingError, type Settings } from './settings.js';

export const SMS_PROVIDERS = ['inbox', 'aliyun-sms', 'smpp', 'webhook'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

const fail = (name: string, raw: string, allowed: string): never => {
  throw new SettingError(`invalid setting ${name}=${JSON.stringify(raw)}: ${allowed}`);
};

/** `inbox`, or a comma list of real providers tried in order (`smpp,aliyun-sms`). */
export function parseProviderChain(raw: string, name: string): string {
  const list = raw.split(',').map((p) => p.trim());
  for (const p of list)
    if (!(SMS_PROVIDERS as readonly string[]).includes(p))
      fail(
        name,
        raw,
        `expected one of ${SMS_PROVIDERS.join(', ')}, or a comma list of aliyun-sms, smpp, webhook tried in order`,
      );
  if (new Set(list).size !== list.length) fail(name, raw, 'a provider may appear only once in the chain');
  if (list.includes('inbox') && list.length > 1) fail(name, raw, 'inbox cannot be combined with other providers');
  return list.join(',');
}

export const providerChain = (s: Pick<Settings, 'smsProvider'>): SmsProviderName[] =>
  s.smsProvider.split(',') as SmsProviderName[];

export function parseUrl(raw: string, name: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return fail(name, raw, 'expected an http:// or https:// URL');
  }
  return u.protocol === 'https:' || u.protocol === 'http:'
    ? raw
    : fail(name, raw, 'expected an http:// or https:// URL');
}

/** `host[:port]` or `http(s)://host[:port]`. */
export function parseEndpoint(raw: string, name: string): string {
  return /^(https?:\/\/)?[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(raw)
    ? raw.replace(/\/$/, '')
    : fail(name, raw, 'expected host[:port] or https://host[:port]');
}

export function parseTemplate(raw: string, name: string): string {
  return raw.includes('{code}')
    ? raw
    : fail(name, raw, 'the template must contain {code} (also available: {minutes}, {purpose})');
}

const NEEDS: Record<SmsProviderName, Array<[keyof Settings, string]>> = {
  inbox: [],
  'aliyun-sms': [
    ['aliyunSmsAccessKeyId', 'RESDIR_ALIYUN_SMS_ACCESS_KEY_ID'],
    ['aliyunSmsAccessKeySecret', 'RESDIR_ALIYUN_SMS_ACCESS_KEY_SECRET'],
    ['aliyunSmsSignName', 'RESDIR_ALIYUN_SMS_SIGN_NAME'],
    ['aliyunSmsTemplateCode', 'RESDIR_ALIYUN_SMS_TEMPLATE_CODE'],
  ],
  smpp: [
    ['smppHost', 'RESDIR_SMPP_HOST'],
    ['smppSystemId', 'RESDIR_SMPP_SYSTEM_ID'],
    ['smppPassword', 'RESDIR_SMPP_PASSWORD'],
  ],
  webhook: [
    ['smsWebhookUrl', 'RESDIR_SMS_WEBHOOK_URL'],
    ['smsWebhookSecret', 'RESDIR_SMS_WEBHOOK_SECRET'],
  ],
};

/** Start-up check of the chain against its providers' settings; throws SettingError (one line). */
export function checkSmsSettings(s: Settings): void {
  for (const p of providerChain(s)) {
    for (const [key, env] of NEEDS[p])
      if (s[key] === undefined)
        throw new SettingError(`missing setting ${env}: RESDIR_SMS_PROVIDER includes ${p}, which needs it`);
  }
  const chain = providerChain(s);
  if (chain.includes('webhook') && s.smsWebhookTimeoutMs >= s.smsLeaseSeconds * 1000) {
    throw new SettingError(
      `invalid setting RESDIR_SMS_WEBHOOK_TIMEOUT_MS="${s.smsWebhookTimeoutMs}": it must be shorter than the ` +
        `outbox lease (RESDIR_SMS_LEASE_SECONDS=${s.smsLeaseSeconds})`,
    );
  }
  if (s.mode !== 'production') return;
  if (chain.includes('webhook') && !s.smsWebhookUrl!.startsWith('https://')) {
    throw new SettingError(
      `invalid setting RESDIR_SMS_WEBHOOK_URL="${s.smsWebhookUrl}": production mode needs an https:// URL`,
    );
  }
  if (chain.includes('aliyun-sms') && s.aliyunSmsEndpoint.startsWith('http://')) {
    throw new SettingError(
      `invalid setting RESDIR_ALIYUN_SMS_ENDPOINT="${s.aliyunSmsEndpoint}": production mode needs HTTPS`,
    );
  }
}
