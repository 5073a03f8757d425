/**
 * Control policy attachments through the official clients, on a driven clock: attaching and
 * detaching with each documented error, the per-target limit under a race, disabling, who may
 * manage control policies, hostile input, and the per-directory limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { rmModels as RM } from '../../support/clients.js';
import { addAccountWithDirectory, addRamUser, addResourceAccountMember } from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';
import { controlPolicyWorld, DELAY_MS, DENY_DELETE_ROLE } from '../../support/control-policy-world.js';
import { ManualClock } from '../../../src/lib/clock.js';

type Json = Record<string, unknown>;
let h: Harness;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(Date.now());
  h = await startResdir({ clock, settings: { signatureWindowSeconds: 3600 } });
});
afterAll(() => h.close());

const { sdk, call, next, createPolicy, newFolder, attachmentsOf, enable } = controlPolicyWorld(
  () => h,
  () => clock,
);

describe('attachments', () => {
  it('attach and detach on folders and members, with each documented error', async () => {
    await enable();
    const folder = await newFolder('attach-here');
    const member = await addResourceAccountMember(h);
    const p = await createPolicy();
    const attach = (policyId: string, targetId: string) =>
      sdk().attachControlPolicy(new RM.AttachControlPolicyRequest({ policyId, targetId }));
    const detach = (policyId: string, targetId: string) =>
      sdk().detachControlPolicy(new RM.DetachControlPolicyRequest({ policyId, targetId }));
    expect(Object.keys((await attach(p.PolicyId, folder)).body.toMap())).toEqual(['RequestId']);
    await attach(p.PolicyId, member);
    expect((await attachmentsOf(folder)).map((a) => a.PolicyId)).toEqual(['FullAliyunAccess', p.PolicyId]);
    const targets = await call('ListTargetAttachmentsForControlPolicy', { PolicyId: p.PolicyId });
    expect((targets.TargetAttachments as { TargetAttachment: Json[] }).TargetAttachment).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ TargetId: folder, TargetName: 'attach-here', TargetType: 'Folder' }),
        expect.objectContaining({ TargetId: member, TargetType: 'Account' }),
      ]),
    );
    expect(((await call('GetControlPolicy', { PolicyId: p.PolicyId })).ControlPolicy as Json).AttachmentCount).toBe(
      '2',
    );

    await refusedWith(attach(p.PolicyId, folder), 'EntityAlreadyExists.ControlPolicyAttachment', 409);
    await refusedWith(attach(p.PolicyId, 'fd-nosuchfold'), 'EntityNotExists.Target', 404);
    await refusedWith(attach(p.PolicyId, '1999999999999999'), 'EntityNotExists.Target', 404);
    const elsewhere = await addAccountWithDirectory(h);
    await refusedWith(attach(p.PolicyId, elsewhere.rootFolderId), 'EntityNotExists.Target', 404);
    await refusedWith(attach(p.PolicyId, elsewhere.memberAccountId), 'EntityNotExists.Target', 404);
    await refusedWith(attach('cp-nosuchpolicy00000', folder), 'EntityNotExists.ControlPolicy', 404);
    await refusedWith(
      call('AttachControlPolicy', { PolicyId: p.PolicyId, TargetId: '../x' }),
      'InvalidParameter.TargetId',
      400,
    );
    await refusedWith(call('AttachControlPolicy', { PolicyId: p.PolicyId }), 'MissingParameter.TargetId', 400);
    await refusedWith(
      call('ListControlPolicyAttachmentsForTarget', { TargetId: 'fd-nosuchfold' }),
      'EntityNotExists.Target',
      404,
    );
    await refusedWith(
      call('ListTargetAttachmentsForControlPolicy', { PolicyId: 'cp-nosuchpolicy00000' }),
      'EntityNotExists.ControlPolicy',
      404,
    );

    await refusedWith(detach(p.PolicyId, h.boot.rootFolderId), 'EntityNotExists.ControlPolicyAttachment', 404);
    await detach('FullAliyunAccess', folder);
    expect((await attachmentsOf(folder)).map((a) => a.PolicyId)).toEqual([p.PolicyId]);
    await refusedWith(detach(p.PolicyId, folder), 'DetachConflict.ControlPolicy.LastOne', 409);
    await refusedWith(detach('FullAliyunAccess', folder), 'EntityNotExists.ControlPolicyAttachment', 404);
    await attach('FullAliyunAccess', folder);
    await detach(p.PolicyId, folder);
    expect((await attachmentsOf(folder)).map((a) => a.PolicyId)).toEqual(['FullAliyunAccess']);
    await refusedWith(detach('FullAliyunAccess', folder), 'DetachConflict.ControlPolicy.LastOne', 409);
  });

  it('hold at most 10 per target; of two attaches racing for the last place exactly one wins', async () => {
    await enable();
    const folder = await newFolder('crowded');
    for (let i = 0; i < 8; i++)
      await call('AttachControlPolicy', { PolicyId: (await createPolicy()).PolicyId, TargetId: folder });
    expect(await attachmentsOf(folder)).toHaveLength(9);
    const [a, b] = [await createPolicy(), await createPolicy()];
    const race = await Promise.allSettled(
      [a, b].map((p) => call('AttachControlPolicy', { PolicyId: p.PolicyId, TargetId: folder })),
    );
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = race.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as { code: string }).code).toBe('LimitExceeded.ControlPolicyAttachment');
    expect(await attachmentsOf(folder)).toHaveLength(10);
    await refusedWith(
      call('AttachControlPolicy', { PolicyId: (await createPolicy()).PolicyId, TargetId: folder }),
      'LimitExceeded.ControlPolicyAttachment',
      409,
    );
  });

  it('are all detached by DisableControlPolicy; enabling again attaches FullAliyunAccess only', async () => {
    await enable();
    const folder = await newFolder('reset');
    const p = await createPolicy();
    await call('AttachControlPolicy', { PolicyId: p.PolicyId, TargetId: folder });
    await call('DetachControlPolicy', { PolicyId: 'FullAliyunAccess', TargetId: folder });
    await call('DisableControlPolicy');
    expect(await attachmentsOf(folder)).toEqual([]);
    await refusedWith(
      call('AttachControlPolicy', { PolicyId: p.PolicyId, TargetId: folder }),
      'InvalidControlPolicyEnablementStatus',
      409,
    );
    clock.advance(DELAY_MS);
    await enable();
    expect((await attachmentsOf(folder)).map((a) => a.PolicyId)).toEqual(['FullAliyunAccess']);
    expect(((await call('GetControlPolicy', { PolicyId: p.PolicyId })).ControlPolicy as Json).AttachmentCount).toBe(
      '0',
    );
  });
});

describe('who may manage control policies', () => {
  it('refuses readers the changes, members everything, and accounts outside a directory', async () => {
    await enable();
    const reader = await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] });
    expect((await call('ListControlPolicies', {}, reader)).TotalCount).toBeGreaterThan(0);
    await call('GetControlPolicyEnablementStatus', {}, reader);
    await refusedWith(
      call('CreateControlPolicy', { PolicyName: 'nope', EffectScope: 'RAM', PolicyDocument: DENY_DELETE_ROLE }, reader),
      'NoPermission',
      403,
    );
    await refusedWith(call('DisableControlPolicy', {}, reader), 'NoPermission', 403);
    const memberAdmin = await addRamUser(h, { accountId: h.boot.member.accountId, policies: ['AdministratorAccess'] });
    await refusedWith(call('ListControlPolicies', {}, memberAdmin), 'NoPermission', 403);
    await refusedWith(call('EnableControlPolicy', {}, memberAdmin), 'NoPermission', 403);
    const outsider = await addAccountWithDirectory(h);
    await call('ListControlPolicies', {}, outsider.admin);
    expect((await call('GetControlPolicyEnablementStatus', {}, outsider.admin)).EnablementStatus).toBe('Disabled');
  });
});

describe('hostile input', () => {
  it('refuses hostile names, descriptions and documents with clear 4xx errors', async () => {
    await enable();
    for (const name of ['<script>', '../etc', 'a b', 'é', `a${'b'.repeat(128)}`, '-lead', 'x\u0000y', '__proto__']) {
      const e = await call('CreateControlPolicy', {
        PolicyName: name,
        EffectScope: 'RAM',
        PolicyDocument: DENY_DELETE_ROLE,
      }).then(
        () => undefined,
        (x: { code: string; statusCode: number }) => x,
      );
      expect(e?.code, name).toBe('InvalidParameter.ControlPolicyName');
      expect(e?.statusCode).toBe(400);
    }
    for (const description of ['bell\u0007', 'rtl\u202e', 'x'.repeat(1025)])
      await refusedWith(
        call('CreateControlPolicy', {
          PolicyName: `d${next()}`,
          EffectScope: 'RAM',
          PolicyDocument: DENY_DELETE_ROLE,
          Description: description,
        }),
        'InvalidParameter.ControlPolicy.Description',
        400,
      );
    const documents = [
      '{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","__proto__":{"x":1}}]}',
      '{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","constructor":"x"}]}',
      '{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"toString":{"a":"b"}}}]}',
      '{"Version":"1","Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}',
      'null',
      '"just a string"',
    ];
    for (const PolicyDocument of documents)
      await refusedWith(
        call('CreateControlPolicy', { PolicyName: `h${next()}`, EffectScope: 'RAM', PolicyDocument }),
        'MalformedPolicyDocument',
        400,
      );
    const quoted = await createPolicy(
      `Quote-${next()}`,
      JSON.stringify({
        Version: '1',
        Statement: [{ Effect: 'Deny', Action: 'ram:GetUser', Resource: 'acs:ram:*:*:user/"<&>\'' }],
      }),
    );
    const back = (await call('GetControlPolicy', { PolicyId: quoted.PolicyId })).ControlPolicy as Json;
    expect(JSON.parse(String(back.PolicyDocument)).Statement[0].Resource).toBe('acs:ram:*:*:user/"<&>\'');
  });

  it('refuses a custom policy beyond the directory limit', async () => {
    await enable();
    const dir = h.boot.resourceDirectoryId;
    const have = await h.app.store.controlPolicies.countPolicies(dir);
    const t = clock.now();
    for (let i = have; i < 1500; i++)
      await h.app.store.controlPolicies.insertPolicy({
        id: `cp-filler${String(i).padStart(11, '0')}`,
        directory_id: dir,
        name: `filler-${i}`,
        description: '',
        document: DENY_DELETE_ROLE,
        effect_scope: 'RAM',
        created_at: t,
        updated_at: t,
      });
    await refusedWith(
      call('CreateControlPolicy', { PolicyName: 'one-too-many', EffectScope: 'RAM', PolicyDocument: DENY_DELETE_ROLE }),
      'LimitExceeded.ControlPolicy',
      409,
    );
  });
});
