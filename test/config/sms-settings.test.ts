import { describe, expect, it } from 'vitest';
import { loadSettings, SettingError } from '../../src/config/settings.js';
import { providerChain } from '../../src/config/sms.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const WEBHOOK = {
  RESDIR_SMS_PROVIDER: 'webhook',
  RESDIR_SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
  RESDIR_SMS_WEBHOOK_SECRET: 'sixteen-chars-secret',
};
const ALIYUN = {
  RESDIR_ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI5tExample',
  RESDIR_ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
  RESDIR_ALIYUN_SMS_SIGN_NAME: 'resdir',
  RESDIR_ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
};
const SMPP = { RESDIR_SMPP_HOST: 'smsc.example', RESDIR_SMPP_SYSTEM_ID: 'resdir', RESDIR_SMPP_PASSWORD: 'pw' };

function refusal(env: Record<string, string>, flags: Record<string, string> = {}): string {
  try {
    loadSettings(flags, env);
  } catch (e) {
    expect(e).toBeInstanceOf(SettingError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('accepted');
}

describe('SMS provider settings', () => {
  it('accepts a fallback chain with every provider configured, with defaults for the rest', () => {
    const s = loadSettings({}, { RESDIR_SMS_PROVIDER: 'smpp, aliyun-sms', ...SMPP, ...ALIYUN });
    expect(providerChain(s)).toEqual(['smpp', 'aliyun-sms']);
    expect(s).toMatchObject({
      smppPort: 2775,
      smppBindMode: 'transceiver',
      smppWindow: 10,
      aliyunSmsEndpoint: 'dysmsapi.aliyuncs.com',
      smsLeaseSeconds: 30,
      smsWebhookTimeoutMs: 5000,
    });
  });

  it.each([
    [
      { RESDIR_SMS_PROVIDER: 'carrier-pigeon' },
      /RESDIR_SMS_PROVIDER="carrier-pigeon": expected one of inbox, aliyun-sms, smpp, webhook/,
    ],
    [{ RESDIR_SMS_PROVIDER: 'smpp,smpp', ...SMPP }, /only once/],
    [{ RESDIR_SMS_PROVIDER: 'inbox,webhook' }, /inbox cannot be combined/],
    [
      { RESDIR_SMS_PROVIDER: 'aliyun-sms' },
      /missing setting RESDIR_ALIYUN_SMS_ACCESS_KEY_ID: RESDIR_SMS_PROVIDER includes aliyun-sms/,
    ],
    [
      { RESDIR_SMS_PROVIDER: 'smpp,webhook', ...SMPP, RESDIR_SMS_WEBHOOK_URL: 'https://x.example/sms' },
      /missing setting RESDIR_SMS_WEBHOOK_SECRET/,
    ],
    [{ ...WEBHOOK, RESDIR_SMS_WEBHOOK_URL: 'ftp://x' }, /RESDIR_SMS_WEBHOOK_URL="ftp:\/\/x": expected an http/],
    [{ ...WEBHOOK, RESDIR_SMS_WEBHOOK_SECRET: 'short' }, /RESDIR_SMS_WEBHOOK_SECRET="\(hidden\)"/],
    [{ ...WEBHOOK, RESDIR_SMS_WEBHOOK_TIMEOUT_MS: '40000' }, /shorter than the outbox lease/],
    [
      { ...SMPP, RESDIR_SMS_PROVIDER: 'smpp', RESDIR_SMPP_BIND_MODE: 'receiver' },
      /RESDIR_SMPP_BIND_MODE="receiver": expected one of transmitter, transceiver/,
    ],
    [
      { ...SMPP, RESDIR_SMS_PROVIDER: 'smpp', RESDIR_SMPP_PASSWORD: 'much-too-long' },
      /RESDIR_SMPP_PASSWORD="\(hidden\)"/,
    ],
    [{ RESDIR_SMS_TEMPLATE: 'no placeholder' }, /must contain \{code\}/],
    [
      { ...WEBHOOK, RESDIR_MODE: 'production', RESDIR_MASTER_KEY: KEY },
      /RESDIR_SMS_WEBHOOK_URL="http:\/\/127.0.0.1:9\/sms": production mode needs an https:\/\/ URL/,
    ],
    [
      {
        ...ALIYUN,
        RESDIR_SMS_PROVIDER: 'aliyun-sms',
        RESDIR_ALIYUN_SMS_ENDPOINT: 'http://127.0.0.1:1',
        RESDIR_MODE: 'production',
        RESDIR_MASTER_KEY: KEY,
      },
      /production mode needs HTTPS/,
    ],
  ])('refuses %o with one clear line', (env, pattern) => {
    expect(refusal(env)).toMatch(pattern);
  });

  it('production accepts https webhooks; development accepts plain http on loopback', () => {
    expect(
      loadSettings(
        {},
        {
          ...WEBHOOK,
          RESDIR_SMS_WEBHOOK_URL: 'https://sms.example/hook',
          RESDIR_MODE: 'production',
          RESDIR_MASTER_KEY: KEY,
          RESDIR_TLS: 'off',
        },
      ).smsWebhookUrl,
    ).toBe('https://sms.example/hook');
    expect(loadSettings({}, WEBHOOK).smsWebhookUrl).toBe('http://127.0.0.1:9/sms');
  });

  it('flags win for provider settings too', () => {
    expect(loadSettings({ smppPort: '2776' }, { RESDIR_SMPP_PORT: '2777' }).smppPort).toBe(2776);
  });
});
