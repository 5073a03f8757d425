import { Type } from '@sinclair/typebox';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { allAccountsArn } from './resources.js';
import { listMembersAnswer, MEMBER_LIST_CODES, MEMBER_LIST_ERRORS, memberListParams } from './member-list.js';
import { stringInputs } from './tag-params.js';

/**
 * The members of the directory the caller manages, oldest first, by pages or (2022-04-19) by
 * MaxResults/NextToken; QueryKeyword filters by account ID, account name and display name, Tag.N by
 * tags (every one), and IncludeTags=true returns each member's tags.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListAccounts',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListAccounts',
  officialParams: {
    '2020-03-31': ['IncludeTags', 'PageNumber', 'PageSize', 'Tag'],
    '2022-04-19': ['IncludeTags', 'PageNumber', 'PageSize', 'Tag', 'QueryKeyword', 'MaxResults', 'NextToken'],
  },
  resource: (r) => allAccountsArn(stringInputs(r)),
  callerRule: 'management-account',
  input: Type.Object(memberListParams),
  paramErrors: MEMBER_LIST_ERRORS,
  errors: ['ResourceDirectoryNotInUse', 'InvalidParameter.NextToken', ...MEMBER_LIST_CODES],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    return listMembersAnswer(ctx, dir.value, undefined, input);
  },
});
