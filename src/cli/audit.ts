import { printable } from './escape.js';
import type { Command } from 'commander';
import { openStore } from '../store/open.js';
import { systemClock } from '../lib/clock.js';
import { messageOf } from '../errors/catalog.js';
import { eventView, lookupEvents, parseLookup } from '../domain/audit/lookup.js';
import type { AuditEvent } from '../store/ports.js';
import { loadSettings, type Settings } from '../config/settings.js';

/** CLI option → LookupAttribute key (the same filters as the LookupEvents operation). */
const FILTERS: Array<[option: string, key: string]> = [
  ['action', 'EventName'],
  ['principal', 'Principal'],
  ['target', 'ResourceName'],
  ['result', 'ErrorCode'],
  ['accessKeyId', 'EventAccessKeyId'],
  ['ip', 'SourceIpAddress'],
];

/**
 * `resdir audit`: the operator's read-only view of the audit records, straight from the store,
 * newest first, as a table or as JSON (`{"events":[…],"nextToken"}`, events shaped as LookupEvents
 * returns them). Without --caller-account it lists every account's calls. Never edits a record.
 */
export function registerAuditCommand(cmd: Command): Command {
  return cmd
    .description('query the audit records (newest first), as a table or --json')
    .option('--start <iso>', 'only events at or after this UTC time (default: all)')
    .option('--end <iso>', 'only events at or before this UTC time (default: now)')
    .option('--action <name>', 'API action, e.g. SendVerificationCodeForBindSecureMobilePhone')
    .option('--principal <arn>', 'calling principal ARN, e.g. acs:ram::<uid>:user/rd-admin')
    .option('--target <accountId>', 'target member account')
    .option('--result <code>', 'result code: OK or an error code')
    .option('--access-key-id <id>', 'AccessKey ID of the caller')
    .option('--ip <address>', 'source address')
    .option('--caller-account <uid>', 'only calls made by this account')
    .option('--limit <n>', 'events per page, 1 to 50', '50')
    .option('--next-token <token>', 'the nextToken of the previous page')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: Record<string, string | undefined>) => {
      let settings: Settings;
      try {
        settings = loadSettings(opts, process.env); // no master key needed: audit records hold no secret
      } catch (e) {
        console.error(`resdir: ${e instanceof Error ? e.message : String(e)}`);
        process.exitCode = 2;
        return;
      }
      const attributes = FILTERS.filter(([o]) => opts[o] !== undefined).map(([o, key]) => ({ key, value: opts[o]! }));
      const q = parseLookup(
        {
          attributes,
          startTime: opts.start ?? '1970-01-01T00:00:00Z',
          ...(opts.end !== undefined ? { endTime: opts.end } : {}),
          ...(opts.limit !== undefined ? { maxResults: opts.limit } : {}),
          ...(opts.nextToken !== undefined ? { nextToken: opts.nextToken } : {}),
        },
        opts.callerAccount,
        systemClock.now(),
      );
      if (!q.ok) {
        const option =
          {
            'InvalidParameter.StartTime': '--start',
            'InvalidParameter.EndTime': '--end',
            'InvalidParameter.MaxResults': '--limit',
            'InvalidParameter.NextToken': '--next-token',
          }[q.error.code as string] ?? 'a filter';
        console.error(`resdir audit: ${option} is invalid: ${messageOf(q.error)}`);
        process.exitCode = 2;
        return;
      }
      const { store } = await openStore(settings.databaseUrl);
      try {
        const page = await lookupEvents(store, q.value);
        if (opts.json)
          console.log(
            JSON.stringify(
              { events: page.events.map(eventView), ...(page.nextToken ? { nextToken: page.nextToken } : {}) },
              null,
              2,
            ),
          );
        else console.log(auditTable(page.events, page.nextToken));
      } finally {
        await store.close();
      }
    });
}

const COLUMNS: Array<[string, (e: AuditEvent) => string]> = [
  ['TIME', (e) => new Date(e.time).toISOString()],
  ['ACTION', (e) => e.action],
  ['RESULT', (e) => e.result_code],
  ['PRINCIPAL', (e) => e.principal_arn],
  ['TARGET', (e) => e.target_account_id ?? '-'],
  ['PHONE', (e) => e.phone_masked ?? '-'],
  ['IP', (e) => e.source_ip],
  ['DETAIL', (e) => e.detail ?? ''],
];

/** A plain-text table, one event per line, columns padded to their widest cell. */
export function auditTable(events: readonly AuditEvent[], nextToken?: string): string {
  if (events.length === 0) return 'no audit events match';
  const cells = [COLUMNS.map(([h]) => h), ...events.map((e) => COLUMNS.map(([, f]) => printable(f(e))))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const lines = cells.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  if (nextToken) lines.push('', `more: --next-token ${nextToken}`);
  return lines.join('\n');
}
