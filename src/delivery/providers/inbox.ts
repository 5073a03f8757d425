import type { Clock } from '../../lib/clock.js';
import { timeOrderedId } from '../../lib/ids.js';
import type { InboxMessage, InboxRepo } from '../../store/ports.js';
import type { SmsMessage, SmsProvider } from '../provider.js';

export const INBOX_PROVIDER = 'inbox';

/** The inbox row of `m`; its ID is the provider message ID. */
export function inboxRow(m: SmsMessage, now: number): InboxMessage {
  return {
    id: timeOrderedId(now),
    message_id: m.id,
    to_phone: m.to,
    text: m.text,
    code: m.params.code,
    purpose: m.purpose,
    account_id: m.accountId,
    created_at: now,
  };
}

/** Development provider: "delivers" into the store's inbox, read back through /_resdir/sms. */
export function inboxProvider(inbox: InboxRepo, clock: Clock): SmsProvider {
  return {
    name: INBOX_PROVIDER,
    async send(m: SmsMessage) {
      const row = inboxRow(m, clock.now());
      await inbox.add(row);
      return { providerMessageId: row.id };
    },
  };
}
