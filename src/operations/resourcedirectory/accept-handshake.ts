import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { HANDSHAKE_ID_ERRORS, HandshakeIdParam, handshakeArn, handshakeView } from './handshake-common.js';

/** The invited account accepts: it joins the directory as a CloudAccount member, with the invitation's tags. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'AcceptHandshake',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['HandshakeId'],
    '2022-04-19': ['HandshakeId'],
  },
  ramAction: 'resourcemanager:AcceptHandshake',
  resource: handshakeArn,
  input: Type.Object({ HandshakeId: HandshakeIdParam }),
  paramErrors: HANDSHAKE_ID_ERRORS,
  errors: ['EntityNotExists.Handshake', 'HandshakeStatusMismatch', 'NotSupport.AccountInAnotherResourceDirectory'],
  async handler(ctx, input) {
    const { invitations } = ctx.services.lifecycle;
    const h = await invitations.accept(ctx.principal.accountId, input.HandshakeId);
    if (!h.ok) return h;
    await ctx.services.tags.adoptInvitationTags(h.value.id, ctx.principal.accountId);
    const name = await ctx.services.directory.accountName(h.value.management_account_id);
    return ok({ Handshake: handshakeView(h.value, name, invitations.now()) });
  },
});
