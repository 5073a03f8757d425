import { Type, type TSchema } from '@sinclair/typebox';
import { err, ok } from '../../lib/result.js';
import { failure } from '../../errors/catalog.js';
import { defineOperation } from '../define.js';
import { eventView, lookupEvents, MAX_LOOKUP_ATTRIBUTES, parseLookup } from '../../domain/audit/lookup.js';

export const ACTIONTRAIL_VERSION = '2020-07-06';

/** LookupAttribute.N.Key / .Value as explicit parameters (the validator keeps declared ones only). */
const attributeParams: Record<string, TSchema> = {};
for (let i = 1; i <= MAX_LOOKUP_ATTRIBUTES; i++) {
  attributeParams[`LookupAttribute.${i}.Key`] = Type.Optional(
    Type.String({
      maxLength: 64,
      description:
        i === 1
          ? 'EventName, EventId, EventAccessKeyId, ResourceName (target account), SourceIpAddress, User, Principal ' +
            'or ErrorCode (OK for successes)'
          : `filter ${i}`,
    }),
  );
  attributeParams[`LookupAttribute.${i}.Value`] = Type.Optional(Type.String({ maxLength: 256 }));
}

/**
 * ActionTrail-style query of resdir's audit records of the caller's account (newest first).
 * Errors: InvalidParameter.StartTime / EndTime / MaxResults / NextToken / Direction / LookupAttribute (400).
 */
export default defineOperation({
  product: 'Actiontrail',
  action: 'LookupEvents',
  versions: [ACTIONTRAIL_VERSION],
  officialParams: {
    [ACTIONTRAIL_VERSION]: ['Direction', 'EndTime', 'LookupAttribute', 'MaxResults', 'NextToken', 'StartTime'],
  },
  readOnly: true,
  ramAction: 'actiontrail:LookupEvents',
  resource: () => '*',
  input: Type.Object({
    StartTime: Type.Optional(
      Type.String({
        maxLength: 40,
        description: 'ISO 8601 UTC, e.g. 2026-11-29T00:00:00Z (default: 7 days before EndTime).',
      }),
    ),
    EndTime: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 UTC (default: now).' })),
    MaxResults: Type.Optional(Type.String({ maxLength: 4, description: 'Events per page, 1 to 50 (default 20).' })),
    NextToken: Type.Optional(Type.String({ maxLength: 200, description: 'The NextToken of the previous page.' })),
    Direction: Type.Optional(
      Type.String({ maxLength: 8, description: 'BACKWARD (newest first, the default) or FORWARD (oldest first).' }),
    ),
    ...attributeParams,
  }),
  errors: [
    'InvalidParameter.StartTime',
    'InvalidParameter.EndTime',
    'InvalidParameter.MaxResults',
    'InvalidParameter.NextToken',
    'InvalidParameter.Direction',
    'InvalidParameter.LookupAttribute',
  ],
  async handler(ctx, input) {
    const raw = input as Record<string, string | undefined>;
    const attributes: Array<{ key: string; value: string }> = [];
    for (let i = 1; i <= MAX_LOOKUP_ATTRIBUTES; i++) {
      const key = raw[`LookupAttribute.${i}.Key`];
      const value = raw[`LookupAttribute.${i}.Value`];
      if (key === undefined && value === undefined) continue;
      attributes.push({ key: key ?? '', value: value ?? '' });
    }
    const q = parseLookup(
      {
        attributes,
        ...(raw.StartTime !== undefined ? { startTime: raw.StartTime } : {}),
        ...(raw.EndTime !== undefined ? { endTime: raw.EndTime } : {}),
        ...(raw.MaxResults !== undefined ? { maxResults: raw.MaxResults } : {}),
        ...(raw.NextToken !== undefined ? { nextToken: raw.NextToken } : {}),
        ...(raw.Direction !== undefined ? { direction: raw.Direction } : {}),
      },
      ctx.principal.accountId,
      ctx.audit.time,
    );
    if (!q.ok) return q;
    if (!ctx.services.auditTrail) return err(failure('ServiceUnavailable', 'The audit trail is not available.'));
    const page = await lookupEvents(ctx.services.auditTrail, q.value);
    return ok({
      Events: page.events.map(eventView),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      StartTime: new Date(q.value.startTime).toISOString(),
      EndTime: new Date(q.value.endTime).toISOString(),
    });
  },
});
