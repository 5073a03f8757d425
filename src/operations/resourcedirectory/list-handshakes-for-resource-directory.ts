import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { PageNumberParam, PageSizeParam } from './params.js';
import { allHandshakesArn, handshakeView } from './handshake-common.js';

/** The invitations of the caller's directory, newest first. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListHandshakesForResourceDirectory',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['PageNumber', 'PageSize'],
    '2022-04-19': ['PageNumber', 'PageSize'],
  },
  readOnly: true,
  ramAction: 'resourcemanager:ListHandshakesForResourceDirectory',
  resource: allHandshakesArn,
  input: Type.Object({ PageNumber: Type.Optional(PageNumberParam), PageSize: Type.Optional(PageSizeParam) }),
  paramErrors: {
    PageNumber: { missing: 'InvalidParameter.PageNumber', invalid: 'InvalidParameter.PageNumber' },
    PageSize: { missing: 'InvalidParameter.PageSize', invalid: 'InvalidParameter.PageSize' },
  },
  errors: ['ResourceDirectoryNotInUse'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const { invitations } = ctx.services.lifecycle;
    const pageNumber = Number(input.PageNumber ?? '1');
    const pageSize = Number(input.PageSize ?? '10');
    const { total, handshakes } = await invitations.list({ directoryId: dir.value.id }, pageNumber, pageSize);
    const now = invitations.now();
    const views = [];
    for (const h of handshakes)
      views.push(handshakeView(h, await ctx.services.directory.accountName(h.management_account_id), now));
    return ok({ TotalCount: total, PageNumber: pageNumber, PageSize: pageSize, Handshakes: { Handshake: views } });
  },
});
