/** Standalone accounts (in no directory) through POST /_resdir/accounts, for the directory tests. */
import type { Harness } from './harness.js';

export interface StandaloneAccount {
  accountId: string;
  displayName: string;
  logonEmail: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export async function newStandaloneAccount(h: Pick<Harness, 'url'>, displayName?: string): Promise<StandaloneAccount> {
  const res = await fetch(`${h.url}/_resdir/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(displayName === undefined ? {} : { displayName }),
  });
  if (res.status !== 201) throw new Error(`POST /_resdir/accounts answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as StandaloneAccount;
}
