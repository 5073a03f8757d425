import type { Member } from '../../store/ports.js';
import { accountView } from './views.js';

/** A tag as the member views show it. */
export interface TagView {
  Key: string;
  Value: string;
}

/**
 * A member in ListAccounts / ListAccountsForParent, with its tags when the caller asked for them
 * (IncludeTags) and empty Tags otherwise; no deletion is ever in progress here, so DeletionStatus
 * is empty.
 */
export const memberListItem = (
  m: Member,
  path: string,
  version: string,
  tags: readonly TagView[] = [],
): Record<string, unknown> => ({
  ...accountView(m, path, version),
  Tags: { Tag: tags },
  ...(version === '2022-04-19' ? { DeletionStatus: '' } : {}),
});

/** The `Account` of GetAccount: real-name identity and location are not modelled (empty). */
export const memberDetail = (
  m: Member,
  path: string,
  version: string,
  tags: readonly TagView[] = [],
): Record<string, unknown> => ({
  ...accountView(m, path, version),
  IdentityInformation: '',
  Location: '',
  Tags: tags,
});

/** The `Account` of UpdateAccount (no path). */
export function updatedMemberView(m: Member, version: string): Record<string, unknown> {
  const { ResourceDirectoryPath: _path, EmailStatus: _email, ...rest } = accountView(m, '', version);
  return rest;
}
