import type { Member } from '../../store/ports.js';
import { accountView } from './views.js';

/** A tag as the member views show it. */
export interface TagView {
  Key: string;
  Value: string;
}

/**
 * A member in ListAccounts / ListAccountsForParent, with its tags when the caller asked for them
 * (IncludeTags) and empty Tags otherwise. DeletionStatus (2022-04-19) is the member's deletion
 * flow: Checking, Deleting, or empty when none is under way.
 */
export const memberListItem = (
  m: Member,
  path: string,
  version: string,
  deletionStatus: string,
  tags: readonly TagView[] = [],
): Record<string, unknown> => ({
  ...accountView(m, path, version),
  Tags: { Tag: tags },
  ...(version === '2022-04-19' ? { DeletionStatus: deletionStatus } : {}),
});

/**
 * The `Account` of GetAccount: real-name identity and location are not modelled (empty);
 * EmailStatus is the state of the member's last e-mail change.
 */
export const memberDetail = (
  m: Member,
  path: string,
  version: string,
  emailStatus: string,
  tags: readonly TagView[] = [],
): Record<string, unknown> => ({
  ...accountView(m, path, version),
  EmailStatus: emailStatus,
  IdentityInformation: '',
  Location: '',
  Tags: tags,
});

/** The `Account` of UpdateAccount (no path). */
export function updatedMemberView(m: Member, version: string): Record<string, unknown> {
  const { ResourceDirectoryPath: _path, EmailStatus: _email, ...rest } = accountView(m, '', version);
  return rest;
}
