/** Who is calling, as resolved from a verified AccessKey (and, for STS, its security token). */
export interface Principal {
  accountId: string;
  kind: 'root' | 'user' | 'assumed-role';
  /** RAM user name, or the role name of an assumed role; null for the root identity. */
  name: string | null;
  /**
   * acs:ram::<uid>:root, acs:ram::<uid>:user/<name> or acs:ram::<uid>:assumed-role/<role>/<session>.
   * This is what the audit records.
   */
  arn: string;
  accessKeyId: string;
  /**
   * The identity that survives renames and new session names: the account ID for the root
   * identity, the RAM user's ID, or the role's ID for every session of an assumed role.
   */
  stableId: string;
  /** assumed-role only: the session name, the role's ID and the STS session policy (JSON), if any. */
  sessionName?: string;
  roleId?: string;
  sessionPolicy?: string | null;
  /** user only: the RAM user's ID. */
  userId?: string;
}

export function principalArn(accountId: string, kind: 'root' | 'user', name: string | null): string {
  return kind === 'root' ? `acs:ram::${accountId}:root` : `acs:ram::${accountId}:user/${name}`;
}

export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `acs:ram::${accountId}:assumed-role/${roleName}/${sessionName}`;
}
