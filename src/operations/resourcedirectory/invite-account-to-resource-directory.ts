import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { allHandshakesArn, handshakeView } from './handshake-common.js';
import { stringInputs, TAG_ERRORS, TagListParam } from './tag-params.js';
import { tagsToSet } from '../../domain/directory/tag-rules.js';

/**
 * Invites an account (by ID or logon e-mail) to join the caller's directory; open for the configured
 * expiry. Tag.N tags the member once the invitation is accepted.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'InviteAccountToResourceDirectory',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['Note', 'Tag', 'TargetEntity', 'TargetType'],
    '2022-04-19': ['Note', 'ParentFolderId', 'Tag', 'TargetEntity', 'TargetType'],
  },
  ramAction: 'resourcemanager:InviteAccountToResourceDirectory',
  resource: (r) => allHandshakesArn(stringInputs(r)),
  input: Type.Object({
    TargetEntity: Type.String({ maxLength: 128, description: 'Specify an account ID or a logon e-mail.' }),
    TargetType: Type.Union([Type.Literal('Account'), Type.Literal('Email')], {
      description: 'Specify Account or Email.',
    }),
    Note: Type.Optional(Type.String({ maxLength: 1024, description: 'At most 1024 characters.' })),
    ParentFolderId: Type.Optional(
      Type.String({ pattern: '^(r|fd)-[A-Za-z0-9]{1,32}$', description: 'Specify a folder ID.' }),
    ),
    Tag: Type.Optional(TagListParam),
  }),
  paramErrors: {
    TargetEntity: { missing: 'MissingParameter.TargetEntity', invalid: 'InvalidParameter.TargetEntity' },
    TargetType: { missing: 'MissingParameter.TargetType', invalid: 'InvalidParameter.TargetType' },
    Note: { missing: 'InvalidParameter.Note', invalid: 'InvalidParameter.Note' },
    ParentFolderId: { missing: 'InvalidParameter.ParentFolderId', invalid: 'InvalidParameter.ParentFolderId' },
    Tag: TAG_ERRORS,
  },
  errors: [
    'ResourceDirectoryNotInUse',
    'InvalidParameter.TargetEntity',
    'EntityNotExists.Folder',
    'EntityAlreadyExists.ResourceDir.Account',
    'NotSupport.AccountInAnotherResourceDirectory',
    'EntityAlreadyExists.Handshake',
    'InvalidParameter.TagKey',
    'InvalidParameter.TagValue',
    'InvalidParameter.Tag',
  ],
  async handler(ctx, input) {
    const tags = tagsToSet(input.Tag ?? []);
    if (!tags.ok) return tags;
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const { invitations } = ctx.services.lifecycle;
    const h = await invitations.invite(dir.value, {
      targetType: input.TargetType,
      targetEntity: input.TargetEntity,
      note: input.Note ?? '',
      ...(input.ParentFolderId !== undefined ? { parentFolderId: input.ParentFolderId } : {}),
    });
    if (!h.ok) return h;
    await ctx.services.tags.tagInvitation(dir.value, h.value.id, tags.value);
    const name = await ctx.services.directory.accountName(h.value.management_account_id);
    return ok({ Handshake: handshakeView(h.value, name, invitations.now()) });
  },
});
