/** Invitations (handshakes) through the official SDKs: invite, accept, decline, cancel, expiry, races, isolation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { coreClient, productClient, rmModels } from '../../support/clients.js';
import { refusedWith } from '../../support/sdk-error.js';
import { addRamUser } from '../../support/principals.js';
import { newStandaloneAccount, type StandaloneAccount } from '../../support/standalone.js';
import { ManualClock } from '../../../src/lib/clock.js';

let h: Harness;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(Date.now());
  h = await startResdir({ clock, settings: { signatureWindowSeconds: 90 * 86400 } });
});
afterAll(async () => {
  await h.close();
});

const admin = () => productClient(h.host, h.boot.admin);
const rm = (a: StandaloneAccount) => productClient(h.host, a);
const modelKeys = (Model: { names(): Record<string, string> }) => Object.values(Model.names()).sort();
const invite = (targetEntity: string, targetType = 'Account', note?: string) =>
  admin().inviteAccountToResourceDirectory(
    new rmModels.InviteAccountToResourceDirectoryRequest({ targetEntity, targetType, note }),
  );
const accept = (a: StandaloneAccount, handshakeId: string) =>
  rm(a).acceptHandshake(new rmModels.AcceptHandshakeRequest({ handshakeId }));

describe('InviteAccountToResourceDirectory → AcceptHandshake', () => {
  it('makes the invitee a CloudAccount member, with every field of the SDK models', async () => {
    const a = await newStandaloneAccount(h, 'invitee one');
    const inv = await invite(a.accountId, 'Account', 'welcome');
    const hs = inv.body.handshake;
    expect(Object.keys(inv.body.toMap().Handshake).sort()).toEqual(
      modelKeys(rmModels.InviteAccountToResourceDirectoryResponseBodyHandshake),
    );
    expect(hs).toMatchObject({
      targetEntity: a.accountId,
      targetType: 'Account',
      note: 'welcome',
      status: 'Pending',
      masterAccountId: h.boot.managementAccountId,
      resourceDirectoryId: h.boot.resourceDirectoryId,
    });
    expect(hs.handshakeId).toMatch(/^h-[A-Za-z0-9]{16}$/);
    expect(Date.parse(hs.expireTime) - Date.parse(hs.createTime)).toBe(14 * 86_400_000);
    await refusedWith(invite(a.accountId), 'EntityAlreadyExists.Handshake', 409);
    // The invitee sees it (with the real-name fields); the management account too.
    const seen = await rm(a).getHandshake(new rmModels.GetHandshakeRequest({ handshakeId: hs.handshakeId }));
    expect(Object.keys(seen.body.toMap().Handshake).sort()).toEqual(
      modelKeys(rmModels.GetHandshakeResponseBodyHandshake),
    );
    const mine = await rm(a).listHandshakesForAccount(new rmModels.ListHandshakesForAccountRequest({}));
    expect(mine.body.totalCount).toBe(1);
    expect(Object.keys(mine.body.toMap().Handshakes.Handshake[0]).sort()).toEqual(
      modelKeys(rmModels.ListHandshakesForAccountResponseBodyHandshakesHandshake),
    );
    const accepted = await accept(a, hs.handshakeId);
    expect(accepted.body.handshake.status).toBe('Accepted');
    const got = await admin().getAccount(new rmModels.GetAccountRequest({ accountId: a.accountId }));
    expect(got.body.account).toMatchObject({ type: 'CloudAccount', joinMethod: 'invited', displayName: 'invitee one' });
    expect((await rm(a).getResourceDirectory()).body.resourceDirectory.resourceDirectoryId).toBe(
      h.boot.resourceDirectoryId,
    );
    await refusedWith(accept(a, hs.handshakeId), 'HandshakeStatusMismatch', 409);
    await refusedWith(invite(a.accountId), 'EntityAlreadyExists.ResourceDir.Account', 409);
    const listed = await admin().listHandshakesForResourceDirectory(
      new rmModels.ListHandshakesForResourceDirectoryRequest({ pageSize: 100 }),
    );
    expect(
      listed.body.handshakes.handshake.find((x: { handshakeId: string }) => x.handshakeId === hs.handshakeId),
    ).toMatchObject({ status: 'Accepted' });
  });

  it('invites by logon e-mail; decline and cancel end the invitation', async () => {
    const a = await newStandaloneAccount(h);
    const hs = (await invite(a.logonEmail, 'Email')).body.handshake;
    expect(hs.targetType).toBe('Email');
    const declined = await rm(a).declineHandshake(
      new rmModels.DeclineHandshakeRequest({ handshakeId: hs.handshakeId }),
    );
    expect(declined.body.handshake.status).toBe('Declined');
    await refusedWith(accept(a, hs.handshakeId), 'HandshakeStatusMismatch', 409);
    const again = (await invite(a.accountId)).body.handshake;
    const cancelled = await admin().cancelHandshake(
      new rmModels.CancelHandshakeRequest({ handshakeId: again.handshakeId }),
    );
    expect(cancelled.body.handshake.status).toBe('Cancelled');
    await refusedWith(accept(a, again.handshakeId), 'HandshakeStatusMismatch', 409);
    expect(await h.app.store.directory.getMember(a.accountId)).toBeUndefined();
  });

  it('expires after the configured period', async () => {
    const a = await newStandaloneAccount(h);
    const hs = (await invite(a.accountId)).body.handshake;
    clock.advance(14 * 86_400_000);
    const seen = await admin().getHandshake(new rmModels.GetHandshakeRequest({ handshakeId: hs.handshakeId }));
    expect(seen.body.handshake.status).toBe('Expired');
    await refusedWith(accept(a, hs.handshakeId), 'HandshakeStatusMismatch', 409);
    // A new invitation replaces the expired one.
    expect((await invite(a.accountId)).body.handshake.status).toBe('Pending');
  });

  it('lets exactly one of accept and cancel win, and nothing is half-written', async () => {
    for (let round = 0; round < 4; round++) {
      const a = await newStandaloneAccount(h);
      const id = (await invite(a.accountId)).body.handshake.handshakeId;
      const [acc, can] = await Promise.allSettled([
        accept(a, id),
        admin().cancelHandshake(new rmModels.CancelHandshakeRequest({ handshakeId: id })),
      ]);
      expect([acc.status, can.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      const loser = acc.status === 'rejected' ? acc : can;
      expect(loser.status === 'rejected' && (loser.reason as { code: string }).code).toBe('HandshakeStatusMismatch');
      const status = (await admin().getHandshake(new rmModels.GetHandshakeRequest({ handshakeId: id }))).body.handshake
        .status;
      const member = await h.app.store.directory.getMember(a.accountId);
      expect(status).toBe(acc.status === 'fulfilled' ? 'Accepted' : 'Cancelled');
      expect(member !== undefined).toBe(acc.status === 'fulfilled');
    }
  });

  it('keeps invitations of several directories apart', async () => {
    const other = await newStandaloneAccount(h);
    await rm(other).enableResourceDirectory(
      new rmModels.EnableResourceDirectoryRequest({ enableMode: 'CurrentAccount' }),
    );
    const a = await newStandaloneAccount(h);
    const theirs = (
      await rm(other).inviteAccountToResourceDirectory(
        new rmModels.InviteAccountToResourceDirectoryRequest({ targetEntity: a.accountId, targetType: 'Account' }),
      )
    ).body.handshake;
    const ours = (await invite(a.accountId)).body.handshake;
    await refusedWith(
      admin().getHandshake(new rmModels.GetHandshakeRequest({ handshakeId: theirs.handshakeId })),
      'EntityNotExists.Handshake',
      404,
    );
    await refusedWith(
      admin().cancelHandshake(new rmModels.CancelHandshakeRequest({ handshakeId: theirs.handshakeId })),
      'EntityNotExists.Handshake',
      404,
    );
    const stranger = await newStandaloneAccount(h);
    await refusedWith(accept(stranger, ours.handshakeId), 'EntityNotExists.Handshake', 404);
    const otherList = await rm(other).listHandshakesForResourceDirectory(
      new rmModels.ListHandshakesForResourceDirectoryRequest({}),
    );
    expect(otherList.body.handshakes.handshake.map((x: { handshakeId: string }) => x.handshakeId)).toEqual([
      theirs.handshakeId,
    ]);
    expect(
      (await rm(a).listHandshakesForAccount(new rmModels.ListHandshakesForAccountRequest({}))).body.totalCount,
    ).toBe(2);
    await accept(a, theirs.handshakeId);
    await refusedWith(accept(a, ours.handshakeId), 'NotSupport.AccountInAnotherResourceDirectory', 409);
    expect(
      (await admin().getHandshake(new rmModels.GetHandshakeRequest({ handshakeId: ours.handshakeId }))).body.handshake
        .status,
    ).toBe('Pending');
    await refusedWith(invite(other.accountId), 'NotSupport.AccountInAnotherResourceDirectory', 409);
  });

  it('refuses hostile input one field at a time, and callers without the RAM action', async () => {
    const core = coreClient(h.host, h.boot.admin);
    const a = await newStandaloneAccount(h);
    await refusedWith(
      core.call('InviteAccountToResourceDirectory', { TargetType: 'Account' }),
      'MissingParameter.TargetEntity',
      400,
    );
    await refusedWith(
      core.call('InviteAccountToResourceDirectory', { TargetEntity: a.accountId }),
      'MissingParameter.TargetType',
      400,
    );
    for (const [entity, type, code] of [
      [a.accountId, 'account', 'InvalidParameter.TargetType'],
      ['12345', 'Account', 'InvalidParameter.TargetEntity'],
      [a.accountId, 'Email', 'InvalidParameter.TargetEntity'],
      ['nobody@example.com', 'Email', 'InvalidParameter.TargetEntity'],
      ['x'.repeat(200), 'Account', 'InvalidParameter.TargetEntity'],
    ] as const)
      await refusedWith(
        core.call('InviteAccountToResourceDirectory', { TargetEntity: entity, TargetType: type }),
        code,
        400,
      );
    await refusedWith(
      core.call('InviteAccountToResourceDirectory', {
        TargetEntity: a.accountId,
        TargetType: 'Account',
        Note: 'n'.repeat(1025),
      }),
      'InvalidParameter.Note',
      400,
    );
    await refusedWith(
      core.call('InviteAccountToResourceDirectory', {
        TargetEntity: a.accountId,
        TargetType: 'Account',
        ParentFolderId: 'fd-nosuch',
      }),
      'EntityNotExists.Folder',
      404,
    );
    for (const id of ['h', 'x-123', "h-1' or 1=1", `h-${'a'.repeat(40)}`])
      await refusedWith(core.call('GetHandshake', { HandshakeId: id }), 'InvalidParameter.HandshakeId', 400);
    await refusedWith(core.call('AcceptHandshake', {}), 'MissingParameter.HandshakeId', 400);
    await refusedWith(core.call('ListHandshakesForAccount', { PageSize: '101' }), 'InvalidParameter.PageSize', 400);
    expect(
      (await rm(a).listHandshakesForAccount(new rmModels.ListHandshakesForAccountRequest({}))).body.totalCount,
    ).toBe(0);
    const reader = await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] });
    const e = await refusedWith(
      coreClient(h.host, reader).call('InviteAccountToResourceDirectory', {
        TargetEntity: a.accountId,
        TargetType: 'Account',
      }),
      'NoPermission',
      403,
    );
    expect(e.message).toContain(`acs:resourcemanager::${h.boot.managementAccountId}:handshake/*`);
    await coreClient(h.host, reader).call('ListHandshakesForResourceDirectory', {});
  });
});
