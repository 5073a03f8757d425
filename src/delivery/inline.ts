/**
 * Inline delivery to the development inbox: when the provider chain starts with `inbox`, every
 * code Send (secure phone, enabling a resource directory, message-contact phone) writes, on SQLite
 * and PostgreSQL alike, its inbox row, its outbox message (as sent) and its provider attempt in its
 * own transaction, instead of queueing a sealed payload for the outbox worker. The inbox cannot
 * fail, so the outcome is the one the worker would record, at once: the code is readable in the
 * inbox when the Send answers, and delivery never lags behind.
 */
import type { Logger } from 'pino';
import type { InlineSms } from '../domain/verification/send-plan.js';
import { renderSms } from '../domain/verification/template.js';
import type { DeliveryMetrics } from './metrics.js';
import { attemptId } from './provider.js';
import { INBOX_PROVIDER, inboxRow } from './providers/inbox.js';

export function inlineInbox(deps: { metrics: DeliveryMetrics; log: Logger; template?: string | undefined }): InlineSms {
  return {
    plan(m, now) {
      const { code, minutes, purpose } = m.payload;
      const text = renderSms(m.payload, m.to, deps.template);
      const inbox = inboxRow(
        { id: m.id, to: m.to, text, purpose, accountId: m.accountId, params: { code, minutes } },
        now,
      );
      return {
        provider: INBOX_PROVIDER,
        inbox,
        attempt: {
          id: attemptId(m.id, 1, 0),
          message_id: m.id,
          attempt: 1,
          provider: INBOX_PROVIDER,
          started_at: now,
          finished_at: now,
          outcome: 'sent',
          provider_message_id: inbox.id,
          error: null,
        },
      };
    },
    recorded(messageId, d) {
      deps.metrics.sent.inc({ provider: d.provider });
      deps.log.info({ messageId, provider: d.provider, providerMessageId: d.inbox.id, attempts: 1 }, 'sms sent');
    },
  };
}
