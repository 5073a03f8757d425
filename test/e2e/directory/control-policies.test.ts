/**
 * Control policy management through the official clients (2020-03-31 product SDK, and the generic
 * client on 2022-04-19), on a driven clock: the asynchronous switch, FullAliyunAccess on every
 * folder and member, custom policies and each documented error of their operations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { rmModels as RM } from '../../support/clients.js';
import { addResourceAccountMember } from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';
import { expectModelFields } from '../../support/model-fields.js';
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

const { sdk, call, status, next, createPolicy, newFolder, attachmentsOf, enable } = controlPolicyWorld(
  () => h,
  () => clock,
);

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
    const hasty = await refusedWith(call('EnableControlPolicy'), 'Throttling.EnableControlPolicy', 409);
    expect(hasty.data.Message).toBe('The enable operation is too frequent. Please try again in 1 minute(s).');
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

describe('the switch under races', () => {
  it('of two enables, and of two disables, exactly one wins', async () => {
    await enable();
    const disables = await Promise.allSettled([call('DisableControlPolicy'), call('DisableControlPolicy')]);
    expect(disables.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    clock.advance(DELAY_MS);
    const enables = await Promise.allSettled([call('EnableControlPolicy'), call('EnableControlPolicy')]);
    expect(enables.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = enables.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as { code: string }).code).toBe('InvalidControlPolicyEnablementStatus');
    clock.advance(DELAY_MS);
    expect(await status()).toBe('Enabled');
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
      PolicyName: `n${next()}`,
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
