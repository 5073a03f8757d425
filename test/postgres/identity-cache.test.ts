/**
 * Identities come from each replica's memory (src/domain/identity/identity-cache.ts), stamped with
 * the account's identity epoch. A change made through one replica applies to the very next request
 * on another: a detached policy, a disabled AccessKey, a re-attached policy. Send trusts its
 * in-memory identity and lets its write re-check the epoch; every other operation reads the epoch
 * first. Both paths are driven here through the official SDKs, on two replicas of one PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ramClient, ramModels as M } from '../support/clients.js';
import { createDatabase, testPostgres, type TestDatabaseUrl } from '../support/postgres.js';
import { startReplicas, type Cluster } from '../support/replicas.js';
import { callOn, outcome, usPhone } from './sdk-outcome.js';

const pgInfo = testPostgres();
const SEND = 'SendVerificationCodeForBindSecureMobilePhone';
const POLICY = { userName: 'rd-admin', policyType: 'System', policyName: 'AliyunResourceDirectoryFullAccess' };

describe.skipIf(!pgInfo.available)(
  `the identity cache across two replicas${pgInfo.available ? '' : ` (SKIPPED: ${pgInfo.reason})`}`,
  () => {
    let db: TestDatabaseUrl;
    let cluster: Cluster;
    beforeAll(async () => {
      db = await createDatabase({ empty: true });
      cluster = await startReplicas(2, { databaseUrl: db.url, settings: { limits: false } });
    });
    afterAll(async () => {
      await cluster?.close();
      await db?.drop();
    });
    let n = 0;
    const send = (replica: number) =>
      callOn(cluster.replicas[replica]!, cluster.boot.admin, n, SEND, {
        AccountId: cluster.boot.member.accountId,
        SecureMobilePhone: usPhone(n++ % 90),
      });
    const getAccount = (replica: number) =>
      callOn(cluster.replicas[replica]!, cluster.boot.admin, n++, 'GetAccount', {
        AccountId: cluster.boot.member.accountId,
      });
    const rootRam = (replica: number) => ramClient(cluster.replicas[replica]!.host, cluster.boot.root);

    it('a policy detached on one replica refuses Send and read on the other; re-attached, both pass', async () => {
      expect(await send(1)).toEqual({ status: 200 }); // replica 1 now holds the identity in memory
      expect(await getAccount(1)).toEqual({ status: 200 });
      await rootRam(0).detachPolicyFromUser(new M.DetachPolicyFromUserRequest(POLICY));
      expect(await send(1)).toMatchObject({ status: 403, code: 'NoPermission' });
      expect(await getAccount(1)).toMatchObject({ status: 403, code: 'NoPermission' });
      // The refusal is cached now; the attachment made on the other replica lifts it at once.
      await rootRam(0).attachPolicyToUser(new M.AttachPolicyToUserRequest(POLICY));
      expect(await send(1)).toEqual({ status: 200 });
      expect(await getAccount(1)).toEqual({ status: 200 });
    });

    it('an AccessKey disabled on one replica is refused by the other at once, works again once enabled', async () => {
      expect(await send(0)).toEqual({ status: 200 });
      expect(await send(1)).toEqual({ status: 200 });
      const keyId = cluster.boot.admin.accessKeyId;
      const update = (status: string) =>
        rootRam(0).updateAccessKey(
          new M.UpdateAccessKeyRequest({ userName: 'rd-admin', userAccessKeyId: keyId, status }),
        );
      await update('Inactive');
      expect(await send(1)).toMatchObject({ status: 400, code: 'InvalidAccessKeyId.Inactive' });
      expect(await getAccount(1)).toMatchObject({ status: 400, code: 'InvalidAccessKeyId.Inactive' });
      await update('Active');
      expect(await send(1)).toEqual({ status: 200 });
    });

    it('a change on one replica bumps the identity epoch of that account only', async () => {
      const store = cluster.replicas[1]!.app.store;
      const account = cluster.boot.managementAccountId;
      const before = await store.identityEpoch(account);
      const other = await store.identityEpoch(cluster.boot.member.accountId);
      await outcome(
        rootRam(0).updateUser(new M.UpdateUserRequest({ userName: 'rd-admin', newDisplayName: 'RD admin' })),
      );
      expect(await store.identityEpoch(account)).toBeGreaterThan(before);
      expect(await store.identityEpoch(cluster.boot.member.accountId)).toBe(other);
    });
  },
);
