/**
 * Control policy management through the official clients (2020-03-31 product SDK, and the generic
 * client on 2022-04-19), on a driven clock: the asynchronous switch, FullAliyunAccess on every
 * folder and member, custom policies, attachments, every documented error, permissions, hostile
 * input, and the per-target limit under a race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { coreClient, productClient, rmModels as RM, type Creds } from '../../support/clients.js';
import { addAccountWithDirectory, addRamUser, addResourceAccountMember } from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';
import { expectModelFields } from '../../support/model-fields.js';
import { ManualClock } from '../../../src/lib/clock.js';

type Json = Record<string, unknown>;
let h: Harness;
let clock: ManualClock;
const DELAY_MS = 5_000;
beforeAll(async () => {
  clock = new ManualClock(Date.now());
  h = await startResdir({ clock, settings: { signatureWindowSeconds: 3600 } });
});
afterAll(() => h.close());

const DENY_DELETE_ROLE = JSON.stringify({
  Version: '1',
  Statement: [{ Effect: 'Deny', Action: ['ram:DeleteRole'], Resource: 'acs:ram:*:*:role/*' }],
});
const sdk = (c: Creds = h.boot.admin) => productClient(h.host, c);
const call = (action: string, params: Record<string, string> = {}, c: Creds = h.boot.admin) =>
  coreClient(h.host, c).call(action, params);
let serial = 0;
const createPolicy = async (name = `cp-test-${++serial}`, document = DENY_DELETE_ROLE) =>
  (await call('CreateControlPolicy', { PolicyName: name, EffectScope: 'RAM', PolicyDocument: document }))
    .ControlPolicy as Json & { PolicyId: string };
const newFolder = async (name: string, parent?: string) =>
  (
    (await call('CreateFolder', { FolderName: name, ...(parent ? { ParentFolderId: parent } : {}) })).Folder as {
      FolderId: string;
    }
  ).FolderId;
const attachmentsOf = async (targetId: string) =>
  (
    (await call('ListControlPolicyAttachmentsForTarget', { TargetId: targetId })).ControlPolicyAttachments as {
      ControlPolicyAttachment: Json[];
    }
  ).ControlPolicyAttachment;
const status = async () => (await sdk().getControlPolicyEnablementStatus()).body.enablementStatus;
async function enable(): Promise<void> {
  if ((await status()) !== 'Disabled') return;
  await call('EnableControlPolicy');
  clock.advance(DELAY_MS);
}

describe('the control policy switch', () => {
  it('enables and disables asynchronously, as GetResourceDirectory shows', async () => {
    expect(await status()).toBe('Disabled');
    await refusedWith(
      call('AttachControlPolicy', { PolicyId: 'FullAliyunAccess', TargetId: h.boot.rootFolderId }),
      'InvalidControlPolicyEnablementStatus',
      409,
    );
    await refusedWith(call('DisableControlPolicy'), 'InvalidControlPolicyEnablementStatus', 409);
    const enabled = await sdk().enableControlPolicy();
    expect(enabled.body.enablementStatus).toBe('PendingEnable');
    expectModelFields(enabled.body.toMap(), 'EnableControlPolicyResponseBody');
    expect(await status()).toBe('PendingEnable');
    const rd = async () => (await sdk().getResourceDirectory()).body.resourceDirectory.controlPolicyStatus;
    expect(await rd()).toBe('PendingEnable');
    await refusedWith(call('EnableControlPolicy'), 'InvalidControlPolicyEnablementStatus', 409);
    expect(await attachmentsOf(h.boot.rootFolderId)).toEqual([]);
    clock.advance(DELAY_MS);
    expect(await status()).toBe('Enabled');
    expect(await rd()).toBe('Enabled');
    expect((await call('GetControlPolicyEnablementStatus', {})).EnablementStatus).toBe('Enabled');

    const disabled = await call('DisableControlPolicy');
    expect(disabled.EnablementStatus).toBe('PendingDisable');
    expect(await rd()).toBe('PendingDisable');
    expect(await attachmentsOf(h.boot.rootFolderId)).toEqual([]);
    clock.advance(DELAY_MS);
    expect(await status()).toBe('Disabled');
    await enable();
    expect(await status()).toBe('Enabled');
  });

  it('attaches FullAliyunAccess to the root folder and every folder and member, new ones too', async () => {
    await enable();
    const [root] = await attachmentsOf(h.boot.rootFolderId);
    expect(root).toMatchObject({ PolicyId: 'FullAliyunAccess', PolicyName: 'FullAliyunAccess', PolicyType: 'System' });
    const raw = (
      await sdk().listControlPolicyAttachmentsForTarget(
        new RM.ListControlPolicyAttachmentsForTargetRequest({ targetId: h.boot.rootFolderId }),
      )
    ).body.toMap() as { ControlPolicyAttachments: { ControlPolicyAttachment: Json[] } };
    expectModelFields(
      raw.ControlPolicyAttachments.ControlPolicyAttachment[0],
      'ListControlPolicyAttachmentsForTargetResponseBodyControlPolicyAttachmentsControlPolicyAttachment',
    );
    const folder = await newFolder('fresh');
    expect((await attachmentsOf(folder)).map((a) => a.PolicyId)).toEqual(['FullAliyunAccess']);
    const member = await addResourceAccountMember(h);
    expect((await attachmentsOf(member)).map((a) => a.PolicyId)).toEqual(['FullAliyunAccess']);
    const system = (
      await sdk().getControlPolicy(new RM.GetControlPolicyRequest({ policyId: 'FullAliyunAccess' }))
    ).body.toMap() as { ControlPolicy: Json };
    expectModelFields(system.ControlPolicy, 'GetControlPolicyResponseBodyControlPolicy');
    expect(JSON.parse(String(system.ControlPolicy.PolicyDocument))).toEqual({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const targets = (
      await sdk().listTargetAttachmentsForControlPolicy(
        new RM.ListTargetAttachmentsForControlPolicyRequest({ policyId: 'FullAliyunAccess', pageSize: 100 }),
      )
    ).body.toMap() as { TotalCount: number; TargetAttachments: { TargetAttachment: Json[] } };
    expectModelFields(targets, 'ListTargetAttachmentsForControlPolicyResponseBody');
    const ids = targets.TargetAttachments.TargetAttachment.map((t) => t.TargetId);
    expect(ids).toEqual(expect.arrayContaining([h.boot.rootFolderId, folder, member, h.boot.member.accountId]));
    expect(targets.TotalCount).toBe(ids.length);
    expect(String(system.ControlPolicy.AttachmentCount)).toBe(String(ids.length));
  });
});

describe('custom control policies', () => {
  it('are created, read, listed, updated and deleted in both versions', async () => {
    await enable();
    const created = await sdk().createControlPolicy(
      new RM.CreateControlPolicyRequest({
        policyName: 'ExampleControlPolicy',
        description: 'Keeps the access role',
        effectScope: 'RAM',
        policyDocument: DENY_DELETE_ROLE,
      }),
    );
    const cp = created.body.toMap().ControlPolicy as Json & { PolicyId: string };
    expectModelFields(cp, 'CreateControlPolicyResponseBodyControlPolicy');
    expect(cp).toMatchObject({
      PolicyName: 'ExampleControlPolicy',
      Description: 'Keeps the access role',
      PolicyType: 'Custom',
      EffectScope: 'RAM',
      AttachmentCount: '0',
    });
    expect(cp.PolicyId).toMatch(/^cp-[A-Za-z0-9]{16}$/);
    const got = (await call('GetControlPolicy', { PolicyId: cp.PolicyId, Language: 'en-US' })).ControlPolicy as Json;
    expect(got.PolicyDocument).toBe(DENY_DELETE_ROLE);
    const list = (await sdk().listControlPolicies(new RM.ListControlPoliciesRequest({ policyType: 'Custom' }))).body;
    expectModelFields(list.toMap(), 'ListControlPoliciesResponseBody');
    expect(list.controlPolicies.controlPolicy.map((p: { policyId: string }) => p.policyId)).toContain(cp.PolicyId);
    const all = await call('ListControlPolicies', { PageSize: '1' });
    expect((all.ControlPolicies as { ControlPolicy: Json[] }).ControlPolicy.map((p) => p.PolicyId)).toEqual([
      'FullAliyunAccess',
    ]);
    const page2 = await call('ListControlPolicies', { PageSize: '1', PageNumber: '2' });
    expect((page2.ControlPolicies as { ControlPolicy: Json[] }).ControlPolicy.map((p) => p.PolicyType)).toEqual([
      'Custom',
    ]);
    const system = await call('ListControlPolicies', { PolicyType: 'System' });
    expect(system.TotalCount).toBe(1);

    const doc2 = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Deny', Action: 'ecs:*', Resource: '*' }] });
    const updated = await sdk().updateControlPolicy(
      new RM.UpdateControlPolicyRequest({
        policyId: cp.PolicyId,
        newPolicyName: 'Renamed-Policy',
        newDescription: 'new words',
        newPolicyDocument: doc2,
      }),
    );
    expectModelFields(updated.body.toMap().ControlPolicy, 'UpdateControlPolicyResponseBodyControlPolicy');
    const after = (await call('GetControlPolicy', { PolicyId: cp.PolicyId })).ControlPolicy as Json;
    expect(after).toMatchObject({ PolicyName: 'Renamed-Policy', Description: 'new words', PolicyDocument: doc2 });

    const deleted = await sdk().deleteControlPolicy(new RM.DeleteControlPolicyRequest({ policyId: cp.PolicyId }));
    expect(Object.keys(deleted.body.toMap())).toEqual(['RequestId']);
    await refusedWith(call('GetControlPolicy', { PolicyId: cp.PolicyId }), 'EntityNotExists.ControlPolicy', 404);
  });

  it('answer each documented error', async () => {
    await enable();
    const p = await createPolicy('Taken-Name');
    const params = (over: Record<string, string>) => ({
      PolicyName: `n${++serial}`,
      EffectScope: 'RAM',
      PolicyDocument: DENY_DELETE_ROLE,
      ...over,
    });
    await refusedWith(
      call('CreateControlPolicy', params({ PolicyName: 'Taken-Name' })),
      'EntityAlreadyExists.ControlPolicy',
      409,
    );
    await refusedWith(
      call('CreateControlPolicy', params({ PolicyName: 'FullAliyunAccess' })),
      'EntityAlreadyExists.ControlPolicy',
      409,
    );
    await refusedWith(
      call('CreateControlPolicy', params({ PolicyName: '' })),
      'MissingParameter.ControlPolicyName',
      400,
    );
    await refusedWith(
      call('CreateControlPolicy', params({ PolicyDocument: '' })),
      'MissingParameter.PolicyDocument',
      400,
    );
    await refusedWith(call('CreateControlPolicy', params({ EffectScope: '' })), 'InvalidParameter.EffectScope', 400);
    await refusedWith(call('CreateControlPolicy', params({ EffectScope: 'All' })), 'InvalidParameter.EffectScope', 400);
    await refusedWith(
      call('CreateControlPolicy', params({ PolicyDocument: '{"Version":"1"' })),
      'MalformedPolicyDocument',
      400,
    );
    const long = JSON.stringify({
      Version: '1',
      Statement: [{ Effect: 'Deny', Action: 'ecs:DescribeInstances', Resource: `acs:ecs:*:*:${'x'.repeat(4100)}` }],
    });
    await refusedWith(
      call('CreateControlPolicy', params({ PolicyDocument: long })),
      'InvalidParameter.PolicyDocument.Length',
      400,
    );
    await refusedWith(
      call('GetControlPolicy', { PolicyId: 'cp-nosuchpolicy00000' }),
      'EntityNotExists.ControlPolicy',
      404,
    );
    await refusedWith(call('GetControlPolicy', { PolicyId: 'bad id' }), 'InvalidParameter.PolicyId', 400);
    await refusedWith(call('GetControlPolicy', {}), 'MissingParameter.PolicyId', 400);
    await refusedWith(
      call('GetControlPolicy', { PolicyId: p.PolicyId, Language: 'xx' }),
      'InvalidParameter.Language',
      400,
    );
    await refusedWith(
      call('ListControlPolicies', { PolicyType: 'Other' }),
      'InvalidParameter.ControlPolicy.PolicyType',
      400,
    );
    await refusedWith(
      call('UpdateControlPolicy', { PolicyId: 'FullAliyunAccess', NewDescription: 'x' }),
      'NoPermission.SystemControlPolicy',
      409,
    );
    await refusedWith(
      call('DeleteControlPolicy', { PolicyId: 'FullAliyunAccess' }),
      'NoPermission.SystemControlPolicy',
      409,
    );
    const other = await createPolicy();
    await refusedWith(
      call('UpdateControlPolicy', { PolicyId: other.PolicyId, NewPolicyName: 'Taken-Name' }),
      'EntityAlreadyExists.ControlPolicy',
      409,
    );
    await refusedWith(
      call('UpdateControlPolicy', { PolicyId: other.PolicyId, NewPolicyDocument: '[]' }),
      'MalformedPolicyDocument',
      400,
    );
    await refusedWith(
      call('DeleteControlPolicy', { PolicyId: 'cp-nosuchpolicy00000' }),
      'EntityNotExists.ControlPolicy',
      404,
    );
    await call('AttachControlPolicy', { PolicyId: p.PolicyId, TargetId: h.boot.rootFolderId });
    await refusedWith(
      call('DeleteControlPolicy', { PolicyId: p.PolicyId }),
      'DeleteConflict.ControlPolicy.Attachment',
      409,
    );
    await call('DetachControlPolicy', { PolicyId: p.PolicyId, TargetId: h.boot.rootFolderId });
    await call('DeleteControlPolicy', { PolicyId: p.PolicyId });
  });
});

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
          PolicyName: `d${++serial}`,
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
        call('CreateControlPolicy', { PolicyName: `h${++serial}`, EffectScope: 'RAM', PolicyDocument }),
        'MalformedPolicyDocument',
        400,
      );
    const quoted = await createPolicy(
      `Quote-${++serial}`,
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
