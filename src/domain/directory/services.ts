import type { SmsDispatch } from '../verification/send-plan.js';
import type { Clock } from '../../lib/clock.js';
import type { Keyring } from '../../lib/keyring.js';
import type { Store } from '../../store/ports.js';
import type { Settings } from '../../config/settings.js';
import { EnableRdCodes } from '../verification/enable-rd.js';
import type { VerificationObserver } from '../verification/observer.js';
import { DirectoryLifecycle } from './lifecycle.js';
import { MemberDeletion } from './deletion.js';
import { Invitations } from './handshakes.js';
import { ControlPolicyService } from './control-policies.js';
import { ControlPolicyAttachments } from './control-policy-attachments.js';
import { ControlPolicyBoundary } from './control-policy-boundary.js';
import { MailConfirmations } from './mail-records.js';
import { CloudAccountFlows } from './cloud-accounts.js';
import { MemberBilling } from './member-billing.js';
import { AuthorizedEntities } from './authorized.js';

/** The directory lifecycle services the operations use: enabling/destroying, deletion, invitations. */
export interface LifecycleServices {
  directories: DirectoryLifecycle;
  deletion: MemberDeletion;
  invitations: Invitations;
  /** Control policies: the switch and the custom policies. */
  controlPolicies: ControlPolicyService;
  /** Control policies attached to folders and members. */
  controlPolicyAttachments: ControlPolicyAttachments;
  /** What control policies bind a caller to (used by the one authorization path). */
  controlPolicyBoundary: ControlPolicyBoundary;
  /** E-mail changes and the confirmation mails of cloud account creation and promotion. */
  mail: MailConfirmations;
  cloudAccounts: CloudAccountFlows;
  /** Who pays for members; whether display names are synchronized. */
  billing: MemberBilling;
  /** The folders and members a caller's RAM policies let it read. */
  authorized: AuthorizedEntities;
}

export function lifecycleServices(
  store: Store,
  clock: Clock,
  keyring: Keyring,
  settings: Settings,
  sms: SmsDispatch,
  observer?: VerificationObserver,
): LifecycleServices {
  const codes = new EnableRdCodes(store, clock, keyring, settings, sms, observer);
  const cpDelayMs = settings.controlPolicyDelaySeconds * 1000;
  const controlPolicies = new ControlPolicyService(store, clock, cpDelayMs);
  const mail = new MailConfirmations(
    store,
    clock,
    settings.emailConfirmSeconds * 1000,
    settings.emailExpirySeconds * 1000,
  );
  const boundary = new ControlPolicyBoundary(store, clock, cpDelayMs);
  return {
    mail,
    cloudAccounts: new CloudAccountFlows(mail),
    billing: new MemberBilling(store, clock),
    authorized: new AuthorizedEntities(store, clock, boundary),
    directories: new DirectoryLifecycle(store, clock, codes),
    deletion: new MemberDeletion(store, clock, settings.memberDeletionDelaySeconds * 1000),
    invitations: new Invitations(store, clock, settings.handshakeExpiryDays * 86_400_000),
    controlPolicies,
    controlPolicyAttachments: new ControlPolicyAttachments(store, clock, cpDelayMs, controlPolicies),
    controlPolicyBoundary: boundary,
  };
}
