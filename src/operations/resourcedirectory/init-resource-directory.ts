import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { enabledDirectoryView } from './lifecycle-views.js';

/** 2020-03-31 only: EnableResourceDirectory with EnableMode=CurrentAccount. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'InitResourceDirectory',
  versions: ['2020-03-31'],
  officialParams: { '2020-03-31': [] },
  ramAction: 'resourcemanager:InitResourceDirectory',
  resource: () => '*',
  input: Type.Object({}),
  errors: ['EntityAlreadyExists.ResourceDirectory', 'NotSupport.AccountInAnotherResourceDirectory'],
  async handler(ctx) {
    const dir = await ctx.services.lifecycle.directories.enableForCurrentAccount(ctx.principal.accountId);
    if (!dir.ok) return dir;
    const name = await ctx.services.directory.accountName(dir.value.management_account_id);
    return ok({ ResourceDirectory: enabledDirectoryView(dir.value, name) });
  },
});
