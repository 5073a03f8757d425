/** Helpers of the control policy tests: calls as the demo directory's RAM administrator, on a driven clock. */
import type { Harness } from './harness.js';
import { coreClient, productClient, type Creds } from './clients.js';
import type { ManualClock } from '../../src/lib/clock.js';

type Json = Record<string, unknown>;
/** The default enablement delay (RESDIR_CONTROL_POLICY_DELAY_SECONDS). */
export const DELAY_MS = 5_000;
export const DENY_DELETE_ROLE = JSON.stringify({
  Version: '1',
  Statement: [{ Effect: 'Deny', Action: ['ram:DeleteRole'], Resource: 'acs:ram:*:*:role/*' }],
});

export function controlPolicyWorld(h: () => Harness, clock: () => ManualClock) {
  let serial = 0;
  const sdk = (c: Creds = h().boot.admin) => productClient(h().host, c);
  const call = (action: string, params: Record<string, string> = {}, c: Creds = h().boot.admin) =>
    coreClient(h().host, c).call(action, params);
  const status = async (): Promise<string> => (await sdk().getControlPolicyEnablementStatus()).body.enablementStatus;
  return {
    sdk,
    call,
    status,
    next: () => ++serial,
    async createPolicy(name = `cp-test-${++serial}`, document = DENY_DELETE_ROLE) {
      return (await call('CreateControlPolicy', { PolicyName: name, EffectScope: 'RAM', PolicyDocument: document }))
        .ControlPolicy as Json & { PolicyId: string };
    },
    async newFolder(name: string, parent?: string): Promise<string> {
      const r = await call('CreateFolder', { FolderName: name, ...(parent ? { ParentFolderId: parent } : {}) });
      return (r.Folder as { FolderId: string }).FolderId;
    },
    async attachmentsOf(targetId: string): Promise<Json[]> {
      const r = await call('ListControlPolicyAttachmentsForTarget', { TargetId: targetId });
      return (r.ControlPolicyAttachments as { ControlPolicyAttachment: Json[] }).ControlPolicyAttachment;
    },
    /** Enables control policies and lets the delay pass (nothing when already enabled). */
    async enable(): Promise<void> {
      if ((await status()) !== 'Disabled') return;
      await call('EnableControlPolicy');
      clock().advance(DELAY_MS);
    },
  };
}
