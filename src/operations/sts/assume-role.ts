import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { requestContext } from '../../auth/authorize.js';
import { defineOperation } from '../define.js';
import { STS_VERSIONS } from './params.js';

const stsDate = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Issues temporary credentials for a role: the caller needs sts:AssumeRole on the role ARN by its
 * own policies, and the role's trust policy must name it (domain/ram/sts.ts states the rules).
 */
export default defineOperation({
  product: 'Sts',
  action: 'AssumeRole',
  versions: STS_VERSIONS,
  officialParams: {
    '2015-04-01': ['DurationSeconds', 'ExternalId', 'Policy', 'RoleArn', 'RoleSessionName', 'SourceIdentity'],
  },
  ramAction: 'sts:AssumeRole',
  resource: (r) => (r.input.RoleArn ?? '').toLowerCase() || '*',
  input: Type.Object({
    RoleArn: Type.String({ maxLength: 256, description: 'acs:ram::<account ID>:role/<role name>' }),
    RoleSessionName: Type.String({
      pattern: '^[A-Za-z0-9.@_-]{2,64}$',
      description: '2 to 64 letters, digits and . @ - _',
    }),
    DurationSeconds: Type.Optional(
      Type.String({
        pattern: '^[0-9]{1,6}$',
        description: "Seconds, 900 to the role's MaxSessionDuration (default 3600).",
      }),
    ),
    Policy: Type.Optional(
      Type.String({ maxLength: 2048, description: "A session policy that narrows the role's rights." }),
    ),
    ExternalId: Type.Optional(Type.String({ maxLength: 1224 })),
    SourceIdentity: Type.Optional(Type.String({ maxLength: 64 })),
  }),
  paramErrors: {
    RoleArn: { missing: 'MissingParameter', invalid: 'InvalidParameter.RoleArn' },
    RoleSessionName: { missing: 'MissingParameter', invalid: 'InvalidParameter.RoleSessionName' },
    DurationSeconds: { missing: 'MissingParameter', invalid: 'InvalidParameter.DurationSeconds' },
    Policy: { missing: 'MissingParameter', invalid: 'InvalidParameter.PolicyGrammar' },
  },
  errors: [
    'InvalidParameter.RoleArn',
    'EntityNotExist.Role',
    'InvalidParameter.DurationSeconds',
    'InvalidParameter.PolicyGrammar',
  ],
  async handler(ctx, input) {
    const r = await ctx.services.identity.sts.assumeRole(
      ctx.principal,
      {
        roleArn: input.RoleArn,
        sessionName: input.RoleSessionName,
        ...(input.DurationSeconds !== undefined ? { durationSeconds: Number(input.DurationSeconds) } : {}),
        ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
      },
      {
        ...requestContext(ctx.principal, {
          sourceIp: ctx.audit.sourceIp,
          now: ctx.audit.time,
          secureTransport: ctx.secureTransport,
        }),
        ...(input.ExternalId !== undefined ? { 'sts:externalid': input.ExternalId } : {}),
      },
    );
    if (!r.ok) return r;
    const c = r.value;
    return ok({
      Credentials: {
        AccessKeyId: c.accessKeyId,
        AccessKeySecret: c.accessKeySecret,
        SecurityToken: c.securityToken,
        Expiration: stsDate(c.expiresAt),
      },
      AssumedRoleUser: {
        Arn: `acs:ram::${c.role.account_id}:role/${c.role.name_lc}/${c.sessionName}`,
        AssumedRoleId: `${c.role.id}:${c.sessionName}`,
      },
      ...(input.SourceIdentity !== undefined ? { SourceIdentity: input.SourceIdentity } : {}),
    });
  },
});
