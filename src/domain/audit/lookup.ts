import { failure, type ApiFailure } from '../../errors/catalog.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { AuditEvent, AuditLookup, Store } from '../../store/ports.js';

/**
 * LookupEvents over resdir's audit records, in the shape of ActionTrail 2020-07-06: time range
 * (StartTime/EndTime, default the last 7 days), up to 5 LookupAttribute filters that must all
 * match, MaxResults 1–50 (default 20), NextToken paging, newest first (Direction BACKWARD, the
 * default) or oldest first (FORWARD). A caller only ever sees
 * the events of its own account. Read-only: nothing here edits or deletes a record.
 */
export interface LookupRequest {
  startTime?: string;
  endTime?: string;
  maxResults?: string;
  nextToken?: string;
  direction?: string;
  attributes: Array<{ key: string; value: string }>;
}

export const MAX_LOOKUP_ATTRIBUTES = 5;
const DEFAULT_SPAN_MS = 7 * 86_400_000;

type Filter = Omit<
  AuditLookup,
  'callerAccountId' | 'startTime' | 'endTime' | 'limit' | 'beforeId' | 'afterId' | 'oldestFirst'
>;

/** Supported keys: ActionTrail's where resdir has the data, plus ErrorCode and Principal. */
export const LOOKUP_KEYS: Record<string, (value: string, callerAccountId: string | undefined) => Filter> = {
  EventName: (v) => ({ action: v }),
  EventId: (v) => ({ eventId: v }),
  EventAccessKeyId: (v) => ({ accessKeyId: v }),
  ResourceName: (v) => ({ targetAccountId: v }),
  SourceIpAddress: (v) => ({ sourceIp: v }),
  /** The RAM user name, or `root` for the account's root identity (needs the caller's account). */
  User: (v, uid) => ({
    principalArn: v === 'root' ? `acs:ram::${uid ?? '?'}:root` : `acs:ram::${uid ?? '?'}:user/${v}`,
  }),
  /** resdir extension: the full principal ARN. */
  Principal: (v) => ({ principalArn: v }),
  /** resdir extension: the result code (`OK` for a success, else the error code). */
  ErrorCode: (v) => ({ resultCode: v }),
};

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
const EVENT_ID = /^[0-9a-f]{12,64}$/;

export function parseLookup(
  req: LookupRequest,
  callerAccountId: string | undefined,
  now: number,
): Result<AuditLookup, ApiFailure> {
  const endTime = req.endTime === undefined ? now : ISO_UTC.test(req.endTime) ? Date.parse(req.endTime) : NaN;
  if (Number.isNaN(endTime)) return err(failure('InvalidParameter.EndTime'));
  const startTime =
    req.startTime === undefined
      ? endTime - DEFAULT_SPAN_MS
      : ISO_UTC.test(req.startTime)
        ? Date.parse(req.startTime)
        : NaN;
  if (Number.isNaN(startTime) || startTime > endTime) return err(failure('InvalidParameter.StartTime'));
  const limit = req.maxResults === undefined ? 20 : /^\d{1,2}$/.test(req.maxResults) ? Number(req.maxResults) : NaN;
  if (!(limit >= 1 && limit <= 50)) return err(failure('InvalidParameter.MaxResults'));
  const direction = req.direction ?? 'BACKWARD';
  if (direction !== 'BACKWARD' && direction !== 'FORWARD') return err(failure('InvalidParameter.Direction'));
  const oldestFirst = direction === 'FORWARD';
  let cursor: string | undefined;
  if (req.nextToken !== undefined) {
    cursor = Buffer.from(req.nextToken, 'base64url').toString('utf8');
    if (!EVENT_ID.test(cursor)) return err(failure('InvalidParameter.NextToken'));
  }
  if (req.attributes.length > MAX_LOOKUP_ATTRIBUTES)
    return err(
      failure(
        'InvalidParameter.LookupAttribute',
        `At most ${MAX_LOOKUP_ATTRIBUTES} LookupAttribute items can be given.`,
      ),
    );
  let filter: Filter = {};
  for (const a of req.attributes) {
    const make = Object.hasOwn(LOOKUP_KEYS, a.key) ? LOOKUP_KEYS[a.key] : undefined;
    if (!make || a.value === '') {
      return err(
        failure(
          'InvalidParameter.LookupAttribute',
          `The LookupAttribute key "${a.key.slice(0, 32)}" is not supported or its value is empty. Supported keys: ` +
            `${Object.keys(LOOKUP_KEYS).join(', ')}.`,
        ),
      );
    }
    filter = { ...filter, ...make(a.value, callerAccountId) };
  }
  const page = cursor === undefined ? {} : oldestFirst ? { afterId: cursor } : { beforeId: cursor };
  return ok({
    callerAccountId,
    startTime,
    endTime,
    limit,
    ...filter,
    ...page,
    ...(oldestFirst ? { oldestFirst } : {}),
  });
}

/** One page in the requested order, and the token of the next page when there is one. */
export async function lookupEvents(
  store: Pick<Store, 'auditLog'>,
  q: AuditLookup,
): Promise<{ events: AuditEvent[]; nextToken?: string }> {
  const rows = await store.auditLog.lookup({ ...q, limit: q.limit + 1 });
  const events = rows.slice(0, q.limit);
  const more = rows.length > q.limit && events.length > 0;
  return {
    events,
    ...(more ? { nextToken: Buffer.from(events[events.length - 1]!.id, 'utf8').toString('base64url') } : {}),
  };
}

const READ_ACTIONS = /^(Get|List|Lookup|Describe)/;

/** An event as ActionTrail shows one (camelCase fields); the phone is masked, never a code. */
export function eventView(e: AuditEvent): Record<string, unknown> {
  const root = e.principal_arn.endsWith(':root');
  const system = e.action === 'SmsPumpingBreakerTripped';
  return {
    eventId: e.id,
    eventName: e.action,
    eventTime: new Date(e.time).toISOString(),
    eventType: system ? 'SystemEvent' : 'ApiCall',
    eventRW: READ_ACTIONS.test(e.action) ? 'Read' : 'Write',
    eventVersion: '1',
    serviceName: system ? 'resdir' : e.action === 'LookupEvents' ? 'Actiontrail' : 'ResourceManager',
    apiVersion: e.version,
    requestId: e.request_id,
    sourceIpAddress: e.source_ip,
    userIdentity: {
      type: root ? 'root-account' : 'ram-user',
      accountId: e.caller_account_id,
      principalArn: e.principal_arn,
      accessKeyId: e.access_key_id,
      userName: root ? 'root' : e.principal_arn.replace(/^.*:user\//, ''),
    },
    ...(e.result_code !== 'OK' ? { errorCode: e.result_code } : {}),
    resourceName: e.target_account_id ?? '',
    requestParameters: {
      ...(e.target_account_id ? { AccountId: e.target_account_id } : {}),
      ...(e.phone_masked ? { SecureMobilePhone: e.phone_masked } : {}),
    },
    additionalEventData: {
      ...(e.detail ? { detail: e.detail } : {}),
      ...(e.outbox_message_id ? { smsMessageId: e.outbox_message_id } : {}),
    },
  };
}
