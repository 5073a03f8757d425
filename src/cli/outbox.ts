import { printable } from './escape.js';
import type { Command } from 'commander';
import { openStore } from '../store/open.js';
import type { Store } from '../store/ports.js';
import { deliveryView } from '../delivery/view.js';
import { settingsOrExit } from './serve.js';

const STATUSES = ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'expired'];

/** The outbox with each message's attempts, newest first. Never shows a code or an SMS text. */
export async function outboxReport(store: Store, opts: { status?: string; limit: number }) {
  const rows = await store.delivery.list(opts);
  return Promise.all(
    rows.map(async (m) => ({
      ...deliveryView(m),
      attemptLog: (await store.delivery.attemptsOf(m.id)).map((a) => ({
        attempt: a.attempt,
        provider: a.provider,
        outcome: a.outcome,
        startedAt: new Date(a.started_at).toISOString(),
        ms: a.finished_at - a.started_at,
        providerMessageId: a.provider_message_id,
        error: a.error,
      })),
    })),
  );
}

function table(rows: Awaited<ReturnType<typeof outboxReport>>): string {
  const head = ['ID', 'TO', 'STATUS', 'TRIES', 'PROVIDER', 'PROVIDER ID', 'CREATED', 'LAST ERROR'];
  const body = rows.map((r) =>
    [
      r.id,
      r.to,
      r.status,
      String(r.attempts),
      r.provider ?? '-',
      r.providerMessageId ?? '-',
      r.createdAt ?? '-',
      (r.lastError ?? '').slice(0, 60),
    ].map(printable),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [head, ...body]
    .map((cols) =>
      cols
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `resdir outbox [--status S] [--limit N] [--json]`: delivery status from the store. */
export function registerOutboxCommand(cmd: Command): Command {
  return cmd
    .description('list outbox messages with their delivery status and attempts (never codes)')
    .option('--status <status>', `only messages in this status (${STATUSES.join(', ')})`)
    .option('--limit <n>', 'how many messages, newest first', '20')
    .option('--json', 'print JSON (with every attempt)')
    .action(async (opts: Record<string, string | undefined>) => {
      const { settings } = settingsOrExit(opts);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new Error(`--limit ${JSON.stringify(opts.limit)}: expected a whole number from 1 to 10000`);
      if (opts.status !== undefined && !STATUSES.includes(opts.status))
        throw new Error(`--status ${JSON.stringify(opts.status)}: expected one of ${STATUSES.join(', ')}`);
      const { store } = await openStore(settings.databaseUrl);
      try {
        const rows = await outboxReport(store, {
          limit,
          ...(opts.status !== undefined ? { status: opts.status } : {}),
        });
        if (opts.json) console.log(JSON.stringify({ messages: rows }, null, 2));
        else console.log(rows.length ? table(rows) : 'the outbox is empty');
      } finally {
        await store.close();
      }
    });
}
