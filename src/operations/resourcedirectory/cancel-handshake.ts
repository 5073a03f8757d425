import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { HANDSHAKE_ID_ERRORS, HandshakeIdParam, handshakeArn, handshakeView } from './handshake-common.js';

/** The management account withdraws a pending invitation of its directory. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'CancelHandshake',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['HandshakeId'],
    '2022-04-19': ['HandshakeId'],
  },
  ramAction: 'resourcemanager:CancelHandshake',
  resource: handshakeArn,
  input: Type.Object({ HandshakeId: HandshakeIdParam }),
  paramErrors: HANDSHAKE_ID_ERRORS,
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.Handshake', 'HandshakeStatusMismatch'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const { invitations } = ctx.services.lifecycle;
    const h = await invitations.cancel(dir.value, input.HandshakeId);
    if (!h.ok) return h;
    const name = await ctx.services.directory.accountName(h.value.management_account_id);
    return ok({ Handshake: handshakeView(h.value, name, invitations.now()) });
  },
});
