/** Who is calling, as resolved from a verified AccessKey. */
export interface Principal {
  accountId: string;
  kind: 'root' | 'user';
  /** RAM user name; null for the root identity. */
  name: string | null;
  /** e.g. acs:ram::1000000000000001:user/rd-admin or acs:ram::1000000000000001:root */
  arn: string;
  accessKeyId: string;
}

export function principalArn(accountId: string, kind: Principal['kind'], name: string | null): string {
  return kind === 'root' ? `acs:ram::${accountId}:root` : `acs:ram::${accountId}:user/${name}`;
}
