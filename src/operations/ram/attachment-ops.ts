/**
 * The shape shared by Attach/Detach PolicyTo/From User/Role/Group and ListPoliciesFor User/Role:
 * each Action file instantiates one of these with its principal type.
 */
import { Type } from '@sinclair/typebox';
import type { ErrorCode } from '../../errors/catalog.js';
import { ok } from '../../lib/result.js';
import { defineOperation, type Operation } from '../define.js';
import {
  GroupNameParam,
  PARAM_ERRORS,
  PolicyNameParam,
  PolicyTypeParam,
  RAM_VERSIONS,
  RoleNameParam,
  UserNameParam,
  ramArn,
} from './params.js';
import { policyView, ramDate } from './views.js';

type Kind = 'User' | 'Role' | 'Group';
const PARAM = { User: 'UserName', Role: 'RoleName', Group: 'GroupName' } as const;
const SCHEMA = { User: UserNameParam, Role: RoleNameParam, Group: GroupNameParam };
const arnKind = { User: 'user', Role: 'role', Group: 'group' } as const;
/** The code for attaching a policy twice, or detaching one that is not attached. */
const LINK_CODES: Record<Kind, Record<'Attach' | 'Detach', ErrorCode>> = {
  User: { Attach: 'EntityAlreadyExists.User.Policy', Detach: 'EntityNotExist.User.Policy' },
  Role: { Attach: 'EntityAlreadyExists.Role.Policy', Detach: 'EntityNotExist.Role.Policy' },
  Group: { Attach: 'EntityAlreadyExists.Group.Policy', Detach: 'EntityNotExist.Group.Policy' },
};

export function attachOperation(kind: Kind, verb: 'Attach' | 'Detach'): Operation {
  const action = verb === 'Attach' ? `AttachPolicyTo${kind}` : `DetachPolicyFrom${kind}`;
  const param = PARAM[kind];
  const errors: ErrorCode[] = [`EntityNotExist.${kind}`, 'EntityNotExist.Policy', LINK_CODES[kind][verb]];
  return defineOperation({
    product: 'Ram',
    action,
    versions: RAM_VERSIONS,
    officialParams: { '2015-05-01': ['PolicyName', 'PolicyType', 'ResourceGroupId', param] },
    ramAction: `ram:${action}`,
    resource: (r) => ramArn(r.principal.accountId, arnKind[kind], r.input[param]),
    input: Type.Object({ PolicyType: PolicyTypeParam, PolicyName: PolicyNameParam, [param]: SCHEMA[kind] }),
    paramErrors: {
      PolicyType: PARAM_ERRORS.PolicyType,
      PolicyName: PARAM_ERRORS.PolicyName,
      [param]: PARAM_ERRORS[param],
    },
    errors,
    async handler(ctx, input: Record<string, string>) {
      const svc = ctx.services.identity.policies;
      const type = input.PolicyType as 'System' | 'Custom';
      const name = input[param]!;
      const r =
        verb === 'Attach'
          ? await svc.attach(ctx.principal.accountId, kind, name, type, input.PolicyName!)
          : await svc.detach(ctx.principal.accountId, kind as 'User' | 'Role', name, type, input.PolicyName!);
      return r.ok ? ok({}) : r;
    },
  });
}

export function listForOperation(kind: Kind): Operation {
  const param = PARAM[kind];
  return defineOperation({
    product: 'Ram',
    action: `ListPoliciesFor${kind}`,
    versions: RAM_VERSIONS,
    officialParams: { '2015-05-01': [param] },
    readOnly: true,
    ramAction: `ram:ListPoliciesFor${kind}`,
    resource: (r) => ramArn(r.principal.accountId, arnKind[kind], r.input[param]),
    input: Type.Object({ [param]: SCHEMA[kind] }),
    paramErrors: { [param]: PARAM_ERRORS[param] },
    errors: [`EntityNotExist.${kind}`],
    async handler(ctx, input: Record<string, string>) {
      const r = await ctx.services.identity.policies.listFor(ctx.principal.accountId, kind, input[param]!);
      if (!r.ok) return r;
      const policies = r.value.map((p) => {
        const { CreateDate: _c, UpdateDate: _u, ...v } = policyView(p);
        return { ...v, AttachDate: ramDate(p.attachedAt) };
      });
      return ok({ Policies: { Policy: policies } });
    },
  });
}
