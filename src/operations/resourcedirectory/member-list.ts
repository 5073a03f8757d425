import { Type } from '@sinclair/typebox';
import { ok, type Result } from '../../lib/result.js';
import type { ApiFailure } from '../../errors/catalog.js';
import type { Paging } from '../../domain/directory/members.js';
import type { Directory } from '../../store/ports.js';
import type { OpContext, ParamErrors } from '../define.js';
import { PAGING_ERRORS, QUERY_KEYWORD_ERRORS, QueryKeywordParam } from './folder-params.js';
import { memberListItem } from './member-views.js';
import { PageNumberParam, PageSizeParam } from './params.js';
import { IncludeTagsParam, TAG_ERRORS, TagListParam } from './tag-params.js';
import { tagFilter, type WireTag } from '../../domain/directory/tag-rules.js';

/** The parameters both member lists share: keyword, both pagings, the Tag filter, IncludeTags. */
export const memberListParams = {
  QueryKeyword: Type.Optional(QueryKeywordParam),
  PageNumber: Type.Optional(PageNumberParam),
  PageSize: Type.Optional(PageSizeParam),
  MaxResults: Type.Optional(
    Type.String({ pattern: '^([1-9]|[1-9][0-9]|100)$', description: 'Specify an integer from 1 to 100.' }),
  ),
  NextToken: Type.Optional(
    Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Pass the NextToken of the previous page.' }),
  ),
  IncludeTags: Type.Optional(IncludeTagsParam),
  Tag: Type.Optional(TagListParam),
};

export const MEMBER_LIST_ERRORS: Record<string, ParamErrors> = {
  QueryKeyword: QUERY_KEYWORD_ERRORS,
  ...PAGING_ERRORS,
  MaxResults: { missing: 'InvalidParameter.MaxResults', invalid: 'InvalidParameter.MaxResults' },
  NextToken: { missing: 'InvalidParameter.NextToken', invalid: 'InvalidParameter.NextToken' },
  IncludeTags: { missing: 'InvalidParameter', invalid: 'InvalidParameter' },
  Tag: TAG_ERRORS,
};

/** The errors both member lists may answer beyond their own. */
export const MEMBER_LIST_CODES = ['InvalidParameter.TagKey', 'InvalidParameter.TagValue'] as const;

interface ListInput {
  QueryKeyword?: string;
  PageNumber?: string;
  PageSize?: string;
  MaxResults?: string;
  NextToken?: string;
  IncludeTags?: string;
  Tag?: WireTag[];
}

/**
 * Lists members and renders the answer. Token paging applies when MaxResults or NextToken is given
 * (2022-04-19: "once it is set, token paging takes precedence"); page paging otherwise. Tag.N keeps
 * the members carrying every given tag; IncludeTags=true fills each member's Tags.
 */
export async function listMembersAnswer(
  ctx: OpContext,
  dir: Directory,
  folderId: string | undefined,
  input: ListInput,
): Promise<Result<Record<string, unknown>, ApiFailure>> {
  const tokenPaging = input.MaxResults !== undefined || input.NextToken !== undefined;
  const pageNumber = Number(input.PageNumber ?? '1');
  const pageSize = Number(input.PageSize ?? '10');
  const maxResults = Number(input.MaxResults ?? '10');
  const paging: Paging = tokenPaging
    ? { kind: 'token', maxResults, ...(input.NextToken !== undefined ? { nextToken: input.NextToken } : {}) }
    : { kind: 'page', pageNumber, pageSize };
  const tags = tagFilter(input.Tag);
  if (!tags.ok) return tags;
  const filter = {
    ...(folderId !== undefined ? { folderId } : {}),
    ...(input.QueryKeyword !== undefined ? { keyword: input.QueryKeyword } : {}),
    ...(tags.value !== undefined ? { tags: tags.value } : {}),
  };
  const page = await ctx.services.members.list(dir, filter, paging);
  if (!page.ok) return page;
  const tagged =
    input.IncludeTags === 'true'
      ? await ctx.services.tags.tagsOf(
          'Account',
          page.value.members.map((m) => m.account_id),
        )
      : undefined;
  const accounts = [];
  for (const m of page.value.members) {
    const path = await ctx.services.directory.pathOf(dir, m);
    const deletion = ctx.version === '2022-04-19' ? await ctx.services.lifecycle.deletion.progress(m.account_id) : '';
    accounts.push(memberListItem(m, path, ctx.version, deletion, tagged?.get(m.account_id) ?? []));
  }
  const body: Record<string, unknown> = { TotalCount: page.value.total, Accounts: { Account: accounts } };
  if (tokenPaging) Object.assign(body, { MaxResults: maxResults, NextToken: page.value.nextToken ?? '' });
  else Object.assign(body, { PageNumber: pageNumber, PageSize: pageSize });
  return ok(body);
}
