import type { Member } from '../../store/ports.js';
import { accountView } from './views.js';

/**
 * A member in ListAccounts / ListAccountsForParent. resdir stores no tags, so `Tags` is always
 * empty (a `Tag` filter is refused as UnsupportedParameter); no deletion is ever in progress here,
 * so DeletionStatus is empty.
 */
export const memberListItem = (m: Member, path: string, version: string): Record<string, unknown> => ({
  ...accountView(m, path, version),
  Tags: { Tag: [] },
  ...(version === '2022-04-19' ? { DeletionStatus: '' } : {}),
});

/** The `Account` of GetAccount: real-name identity and location are not modelled (empty). */
export const memberDetail = (m: Member, path: string, version: string): Record<string, unknown> => ({
  ...accountView(m, path, version),
  IdentityInformation: '',
  Location: '',
  Tags: [],
});

/** The `Account` of UpdateAccount (no path). */
export function updatedMemberView(m: Member, version: string): Record<string, unknown> {
  const { ResourceDirectoryPath: _path, EmailStatus: _email, ...rest } = accountView(m, '', version);
  return rest;
}
