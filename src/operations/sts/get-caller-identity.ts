import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { STS_VERSIONS } from './params.js';

/** Who the signed request's credentials belong to; any authenticated identity may ask. */
export default defineOperation({
  product: 'Sts',
  action: 'GetCallerIdentity',
  versions: STS_VERSIONS,
  officialParams: { '2015-04-01': [] },
  readOnly: true,
  ramAction: 'sts:GetCallerIdentity',
  resource: () => '*',
  authorization: 'any-authenticated',
  input: Type.Object({}),
  errors: [],
  async handler(ctx) {
    const p = ctx.principal;
    if (p.kind === 'root')
      return ok({
        AccountId: p.accountId,
        Arn: p.arn,
        IdentityType: 'Account',
        PrincipalId: p.accountId,
        UserId: p.accountId,
      });
    if (p.kind === 'user')
      return ok({
        AccountId: p.accountId,
        Arn: p.arn,
        IdentityType: 'RAMUser',
        PrincipalId: p.userId ?? '',
        UserId: p.userId ?? '',
      });
    return ok({
      AccountId: p.accountId,
      Arn: p.arn,
      IdentityType: 'AssumedRoleUser',
      PrincipalId: `${p.roleId}:${p.sessionName}`,
      RoleId: p.roleId ?? '',
    });
  },
});
