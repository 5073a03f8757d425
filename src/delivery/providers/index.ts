import type { Logger } from 'pino';
import type { Settings } from '../../config/settings.js';
import { providerChain } from '../../config/sms.js';
import type { Clock } from '../../lib/clock.js';
import type { Store } from '../../store/ports.js';
import type { SmsProvider } from '../provider.js';
import { inboxProvider } from './inbox.js';
import { aliyunSmsProvider } from './aliyun-sms.js';
import { smppProvider } from './smpp.js';
import { webhookProvider } from './webhook.js';

/**
 * The providers of RESDIR_SMS_PROVIDER, in chain order. Settings were checked at start-up
 * (checkSmsSettings), so every provider's required values are present here.
 */
export function buildProviders(s: Settings, deps: { store: Store; clock: Clock; log: Logger }): SmsProvider[] {
  return providerChain(s).map((name): SmsProvider => {
    const log = deps.log.child({ provider: name });
    switch (name) {
      case 'inbox':
        return inboxProvider(deps.store.inbox, deps.clock);
      case 'webhook':
        return webhookProvider(
          { url: s.smsWebhookUrl!, secret: s.smsWebhookSecret!, timeoutMs: s.smsWebhookTimeoutMs },
          deps.clock,
        );
      case 'aliyun-sms':
        return aliyunSmsProvider(
          {
            accessKeyId: s.aliyunSmsAccessKeyId!,
            accessKeySecret: s.aliyunSmsAccessKeySecret!,
            signName: s.aliyunSmsSignName!,
            templateCode: s.aliyunSmsTemplateCode!,
            endpoint: s.aliyunSmsEndpoint,
            receiptPollSeconds: s.aliyunSmsReceiptPollSeconds,
            readTimeoutMs: Math.min(10_000, s.smsLeaseSeconds * 500),
          },
          { clock: deps.clock, delivery: deps.store.delivery, log },
        );
      case 'smpp':
        return smppProvider(
          {
            host: s.smppHost!,
            port: s.smppPort,
            systemId: s.smppSystemId!,
            password: s.smppPassword!,
            bindMode: s.smppBindMode,
            sourceAddr: s.smppSourceAddr,
            window: s.smppWindow,
            enquireLinkSeconds: s.smppEnquireLinkSeconds,
            responseTimeoutMs: Math.min(10_000, s.smsLeaseSeconds * 400),
            bindWaitMs: Math.min(5_000, s.smsLeaseSeconds * 200),
          },
          log,
        );
      default:
        throw new Error(`unknown SMS provider ${String(name satisfies never)}`);
    }
  });
}
