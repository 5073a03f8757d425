/**
 * Settings of SMS delivery: the message template, the outbox lease and attempts, and each
 * provider's credentials and options (Alibaba Cloud SMS, SMPP, webhook). Merged into SETTING_DEFS
 * (env + flag + default); ./sms.ts checks the combinations.
 */
import { fail, int, nonEmpty, oneOf } from './setting-parsers.js';
import type { SettingDef, Settings } from './settings.js';
import { parseEndpoint, parseTemplate, parseUrl } from './sms.js';

export interface SmsSettings {
  smsTemplate?: string;
  smsLeaseSeconds: number;
  smsMaxAttempts: number;
  aliyunSmsAccessKeyId?: string;
  aliyunSmsAccessKeySecret?: string; // environment only
  aliyunSmsSignName?: string;
  aliyunSmsTemplateCode?: string;
  aliyunSmsEndpoint: string;
  aliyunSmsReceiptPollSeconds: number;
  smppHost?: string;
  smppPort: number;
  smppSystemId?: string;
  smppPassword?: string; // environment only
  smppBindMode: 'transmitter' | 'transceiver';
  smppSourceAddr: string;
  smppWindow: number;
  smppEnquireLinkSeconds: number;
  smsWebhookUrl?: string;
  smsWebhookSecret?: string; // environment only
  smsWebhookTimeoutMs: number;
}

const def = <K extends keyof Settings>(d: SettingDef<K>): SettingDef => d as unknown as SettingDef;

export const SMS_SETTING_DEFS: readonly SettingDef[] = [
  def({
    key: 'smsTemplate',
    env: 'RESDIR_SMS_TEMPLATE',
    flag: 'sms-template',
    describe: 'SMS text with {code} {minutes} {purpose} (default: English, or Chinese for +86)',
    parse: parseTemplate,
  }),
  def({
    key: 'smsLeaseSeconds',
    env: 'RESDIR_SMS_LEASE_SECONDS',
    flag: 'sms-lease-seconds',
    default: '30',
    describe: 'how long a worker holds a message it is sending; after a crash it is sent again once this runs out',
    parse: int(2, 3600),
  }),
  def({
    key: 'smsMaxAttempts',
    env: 'RESDIR_SMS_MAX_ATTEMPTS',
    flag: 'sms-max-attempts',
    default: '8',
    describe: 'delivery attempts before a message is failed',
    parse: int(1, 100),
  }),
  def({
    key: 'aliyunSmsAccessKeyId',
    env: 'RESDIR_ALIYUN_SMS_ACCESS_KEY_ID',
    flag: 'aliyun-sms-access-key-id',
    describe: 'AccessKey ID for Alibaba Cloud SMS',
    parse: nonEmpty,
  }),
  def({
    key: 'aliyunSmsAccessKeySecret',
    env: 'RESDIR_ALIYUN_SMS_ACCESS_KEY_SECRET',
    describe: 'AccessKey secret for Alibaba Cloud SMS',
    parse: (raw, name) => (raw.trim() !== '' ? raw.trim() : fail(name, '(hidden)', 'expected a non-empty value')),
  }),
  def({
    key: 'aliyunSmsSignName',
    env: 'RESDIR_ALIYUN_SMS_SIGN_NAME',
    flag: 'aliyun-sms-sign-name',
    describe: 'approved SMS signature (SignName)',
    parse: nonEmpty,
  }),
  def({
    key: 'aliyunSmsTemplateCode',
    env: 'RESDIR_ALIYUN_SMS_TEMPLATE_CODE',
    flag: 'aliyun-sms-template-code',
    describe: 'approved verification-code template (TemplateCode) with a `code` variable',
    parse: nonEmpty,
  }),
  def({
    key: 'aliyunSmsEndpoint',
    env: 'RESDIR_ALIYUN_SMS_ENDPOINT',
    flag: 'aliyun-sms-endpoint',
    default: 'dysmsapi.aliyuncs.com',
    describe: 'SMS API endpoint, host[:port] (HTTPS) or http(s)://host[:port]',
    parse: parseEndpoint,
  }),
  def({
    key: 'aliyunSmsReceiptPollSeconds',
    env: 'RESDIR_ALIYUN_SMS_RECEIPT_POLL_SECONDS',
    flag: 'aliyun-sms-receipt-poll-seconds',
    default: '60',
    describe: 'QuerySendDetails sweep interval for delivery status; 0 = off',
    parse: int(0, 86400),
  }),
  def({ key: 'smppHost', env: 'RESDIR_SMPP_HOST', flag: 'smpp-host', describe: 'SMSC host', parse: nonEmpty }),
  def({
    key: 'smppPort',
    env: 'RESDIR_SMPP_PORT',
    flag: 'smpp-port',
    default: '2775',
    describe: 'SMSC port',
    parse: int(1, 65535),
  }),
  def({
    key: 'smppSystemId',
    env: 'RESDIR_SMPP_SYSTEM_ID',
    flag: 'smpp-system-id',
    describe: 'SMPP system_id',
    parse: nonEmpty,
  }),
  def({
    key: 'smppPassword',
    env: 'RESDIR_SMPP_PASSWORD',
    describe: 'SMPP password',
    parse: (raw, name) =>
      raw.length <= 8 && raw !== '' ? raw : fail(name, '(hidden)', 'expected 1 to 8 characters (SMPP 3.4)'),
  }),
  def({
    key: 'smppBindMode',
    env: 'RESDIR_SMPP_BIND_MODE',
    flag: 'smpp-bind-mode',
    default: 'transceiver',
    describe: 'transceiver (receipts on the same link) or transmitter (no receipts)',
    parse: oneOf('transmitter', 'transceiver'),
  }),
  def({
    key: 'smppSourceAddr',
    env: 'RESDIR_SMPP_SOURCE_ADDR',
    flag: 'smpp-source-addr',
    default: 'resdir',
    describe: 'sender: digits (international number) or up to 11 letters',
    parse: (raw, name) =>
      /^(\+?\d{1,15}|[A-Za-z0-9 ]{1,11})$/.test(raw)
        ? raw
        : fail(name, raw, 'expected up to 15 digits or up to 11 letters and digits'),
  }),
  def({
    key: 'smppWindow',
    env: 'RESDIR_SMPP_WINDOW',
    flag: 'smpp-window',
    default: '10',
    describe: 'submit_sm awaiting a response at once (throughput window)',
    parse: int(1, 1000),
  }),
  def({
    key: 'smppEnquireLinkSeconds',
    env: 'RESDIR_SMPP_ENQUIRE_LINK_SECONDS',
    flag: 'smpp-enquire-link-seconds',
    default: '30',
    describe: 'enquire_link keep-alive interval',
    parse: int(1, 3600),
  }),
  def({
    key: 'smsWebhookUrl',
    env: 'RESDIR_SMS_WEBHOOK_URL',
    flag: 'sms-webhook-url',
    describe: 'URL the webhook provider POSTs each SMS to (https:// in production)',
    parse: parseUrl,
  }),
  def({
    key: 'smsWebhookSecret',
    env: 'RESDIR_SMS_WEBHOOK_SECRET',
    describe: 'HMAC-SHA256 key signing webhook posts',
    parse: (raw, name) => (raw.length >= 16 ? raw : fail(name, '(hidden)', 'expected at least 16 characters')),
  }),
  def({
    key: 'smsWebhookTimeoutMs',
    env: 'RESDIR_SMS_WEBHOOK_TIMEOUT_MS',
    flag: 'sms-webhook-timeout-ms',
    default: '5000',
    describe: 'webhook answer timeout (a timeout is retried)',
    parse: int(100, 600_000),
  }),
];
