import type { Clock } from '../../lib/clock.js';
import { timeOrderedId } from '../../lib/ids.js';
import type { InboxRepo } from '../../store/ports.js';
import type { SmsMessage, SmsProvider } from '../provider.js';

/** Development provider: "delivers" into the store's inbox, read back through /_resdir/sms. */
export function inboxProvider(inbox: InboxRepo, clock: Clock): SmsProvider {
  return {
    name: 'inbox',
    async send(m: SmsMessage) {
      const id = timeOrderedId(clock.now());
      await inbox.add({
        id,
        message_id: m.id,
        to_phone: m.to,
        text: m.text,
        code: m.params.code,
        purpose: m.purpose,
        account_id: m.accountId,
        created_at: clock.now(),
      });
      return { providerMessageId: id };
    },
  };
}
