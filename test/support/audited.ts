/** What LookupEvents holds, asked for one EventName at a time. */
import { type Creds, coreClient } from './clients.js';

/**
 * The names among `names` that have at least one successful record, each looked up by EventName.
 * (Under a harness whose clock stands still every record has the same time, so "the newest 50" is
 * not a stable window: look each name up instead.)
 */
export async function auditedNames(host: string, creds: Creds, names: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of names) {
    const query = { MaxResults: '50', 'LookupAttribute.1.Key': 'EventName', 'LookupAttribute.1.Value': name };
    const ev = (await coreClient(host, creds).call('LookupEvents', query, '2020-07-06')) as {
      Events: Array<{ errorCode?: string }>;
    };
    if (ev.Events.some((e) => e.errorCode === undefined)) found.push(name);
  }
  return found;
}
