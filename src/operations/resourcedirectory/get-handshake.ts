import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { HANDSHAKE_ID_ERRORS, HandshakeIdParam, handshakeArn, handshakeView } from './handshake-common.js';

/**
 * One invitation, to its directory's management account or to the invited account. The invitee
 * also gets MasterAccountRealName and InvitedAccountRealName: resdir accounts have no real-name
 * identity, so both are empty.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'GetHandshake',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['HandshakeId'],
    '2022-04-19': ['HandshakeId'],
  },
  readOnly: true,
  ramAction: 'resourcemanager:GetHandshake',
  resource: handshakeArn,
  input: Type.Object({ HandshakeId: HandshakeIdParam }),
  paramErrors: HANDSHAKE_ID_ERRORS,
  errors: ['EntityNotExists.Handshake'],
  async handler(ctx, input) {
    const { invitations } = ctx.services.lifecycle;
    const h = await invitations.visible(ctx.principal.accountId, input.HandshakeId);
    if (!h.ok) return h;
    const name = await ctx.services.directory.accountName(h.value.management_account_id);
    const view = handshakeView(h.value, name, invitations.now());
    if (h.value.target_account_id === ctx.principal.accountId)
      Object.assign(view, { MasterAccountRealName: '', InvitedAccountRealName: '' });
    return ok({ Handshake: view });
  },
});
