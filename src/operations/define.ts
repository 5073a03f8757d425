import type { Static, TObject } from '@sinclair/typebox';
import type { ApiFailure, ErrorCode } from '../errors/catalog.js';
import { err, ok, type Result } from '../lib/result.js';
import { unsupportedParameter } from './official-params.js';
import { validateInput } from './validate.js';
import type { CallerRule } from './caller-rules.js';
import type { Principal } from '../auth/principal.js';
import type { AuditDraft } from '../domain/audit/audit.js';
import type { DirectoryService } from '../domain/directory/directory.js';
import type { FolderService } from '../domain/directory/folders.js';
import type { MemberService } from '../domain/directory/members.js';
import type { SecurePhoneVerification } from '../domain/verification/secure-phone.js';
import type { Directory, Store } from '../store/ports.js';
import type { NonceState } from '../domain/identity/pending-nonce.js';
import type { IdentityStamp } from '../store/hot-ports.js';
import type { Site } from '../config/settings.js';
import type { IdentityServices } from '../domain/ram/services.js';
import type { CallingCodePolicy } from '../domain/phone/policy.js';
import type { LifecycleServices } from '../domain/directory/services.js';
import type { TagService } from '../domain/directory/tags.js';
import type { DelegationService } from '../domain/directory/delegation.js';
import type { SelfServiceGrant } from '../domain/ram/security-preference.js';
import type { MessageContactService } from '../domain/directory/message-contacts.js';
import type { MessageContactMembers } from '../domain/directory/message-contact-members.js';
import type { MessageContactCodes } from '../domain/verification/message-contact-codes.js';

export const RD_VERSIONS = ['2020-03-31', '2022-04-19'] as const;
export type ApiVersion = (typeof RD_VERSIONS)[number];
/** Every API version resdir serves: Resource Directory's, RAM 2015-05-01, STS 2015-04-01, ActionTrail 2020-07-06. */
export type OfficialVersion = ApiVersion | '2015-05-01' | '2015-04-01' | '2020-07-06';

/** What a handler may use. It never sees the HTTP request. */
export interface OpContext {
  requestId: string;
  version: string;
  principal: Principal;
  audit: AuditDraft;
  /** True exactly when the request arrived over TLS (acs:SecureTransport in trust policies). */
  secureTransport: boolean;
  /**
   * Set when the spec's callerRule admitted the caller to a directory: the one it manages, or (a
   * read-only operation) the one it reads as a delegated administrator (operations/caller-rules.ts).
   */
  managedDirectory?: Directory;
  /** The identity epoch the caller was authorized at, for a write that re-checks it (Send). */
  identityStamp?: IdentityStamp;
  /** The request's nonce, when the pipeline left its claim to the call's write (see pending-nonce.ts). */
  nonce?: NonceState;
  /** Reads made while resolving this call's resource ARN, for its handler to reuse (one call only). */
  memo?: CallMemo;
  services: {
    directory: DirectoryService;
    /** The folder tree of a directory. */
    folders: FolderService;
    /** Members' placement, names and types. */
    members: MemberService;
    verification: SecurePhoneVerification;
    site: Site;
    identity: IdentityServices;
    /** The operator's calling-code policy; absent means every code. */
    callingCodes?: CallingCodePolicy;
    /** Read access to the audit records, for LookupEvents. */
    auditTrail?: Pick<Store, 'auditLog'>;
    /** Directory lifecycle, member deletion and invitations. */
    lifecycle: LifecycleServices;
    /** Tags on members and folders. */
    tags: TagService;
    /** Delegated administrators of trusted services. */
    delegation: DelegationService;
    /** Message contacts of a directory (2022-04-19). */
    messageContacts: MessageContactService;
    /** Verification codes of message contacts (SMS and the development mail inbox). */
    messageContactCodes: MessageContactCodes;
    /** What message contacts are bound to. */
    messageContactMembers: MessageContactMembers;
  };
}

/** Reads shared by one call's resource lookup and its handler, keyed by what was read. */
export type CallMemo = Map<string, unknown>;

/** What an operation's resource ARN may depend on: the caller and the validated input, never the request. */
export interface ResourceRequest<I = Record<string, string | undefined>> {
  principal: Principal;
  /** The directory the caller's account manages (null: none), when already known. */
  managed?: Directory | null;
  memo: CallMemo;
  /** The validated input: the same values the handler acts on. */
  input: I;
  services: OpContext['services'];
}

/** How missing and invalid values of one parameter are reported. */
export interface ParamErrors {
  missing: ErrorCode;
  invalid: ErrorCode;
}

type Handler<I> = (ctx: OpContext, input: I) => Promise<Result<Record<string, unknown>, ApiFailure>>;

/** What every operation declares, whatever its input. Dispatch, authorization, audit and the docs read it. */
export interface OperationMeta {
  product: 'ResourceManager' | 'Ram' | 'Sts' | 'Actiontrail';
  action: string;
  versions: readonly string[];
  ramAction: string;
  /** 'any-authenticated': no policy check (e.g. sts:GetCallerIdentity). Default: 'policy'. */
  authorization?: 'policy' | 'any-authenticated';
  /** Who may call at all, before any policy is evaluated: see operations/caller-rules.ts. */
  callerRule?: CallerRule;
  /** Every business code the handler may return (gateway and authorization codes are common to all). */
  errors: readonly ErrorCode[];
  /** The handler writes its success audit record itself, inside its own transaction (the hot path). */
  auditsItself?: boolean;
  /**
   * The handler's one write re-checks the caller's identity epoch (ctx.identityStamp) and the member
   * it acts on, so the pipeline may judge the caller on its in-memory identity without reading the
   * epoch first, and take the member from memory (member-memory.ts). Once its write answered, the
   * handler clears SERVED_FROM_MEMORY from ctx.memo; a refusal with it still set is judged again.
   */
  identityCheckedByWrite?: boolean;
  /**
   * The handler's write claims the request's signature nonce where the store can do so in the same
   * round trip (VerificationStore.claimsNonceInWrite): see domain/identity/pending-nonce.ts.
   */
  nonceClaimedByWrite?: boolean;
  /**
   * True for operations that change nothing: their audit record is written after the handler. Every
   * other operation runs in one transaction with its success audit record.
   */
  readOnly?: boolean;
  /**
   * Every request parameter the official API defines for this operation, per API version (checked
   * against the official SDK's request model). Those the input schema does not declare are refused
   * with UnsupportedParameter, naming the parameter; a list parameter such as `LookupAttribute` is
   * declared by its `LookupAttribute.N.…` entries.
   */
  officialParams?: Readonly<Partial<Record<OfficialVersion, readonly string[]>>>;
  /**
   * A RAM user acting on its own credentials is allowed without a policy when the account's
   * security preference grants it (e.g. AllowUserToManageAccessKeys); an explicit Deny still wins.
   */
  selfService?: SelfServiceGrant;
}

/**
 * One API Action as data, typed by its input schema. Validation runs before authorization, and
 * the resource ARN is derived from the validated input that the handler then acts on.
 */
export interface OperationSpec<S extends TObject> extends OperationMeta {
  /** The resource ARN the RAM check is made against. */
  resource: (r: ResourceRequest<Static<S>>) => string;
  /**
   * Instead of `resource`, when the ARN needs a lookup (e.g. a member's ResourceDirectoryPath): it
   * runs only once the caller is allowed the action on some resource (see auth/authorize.ts).
   */
  resolveResource?: (r: ResourceRequest<Static<S>>) => Promise<string>;
  /**
   * Instead of `resource`, for an operation on several entities (e.g. TagResources): the ARN of
   * each. The caller must be allowed the action on every one; the lookup runs as `resolveResource`'s.
   */
  resolveResources?: (r: ResourceRequest<Static<S>>) => Promise<string[]>;
  input: S;
  paramErrors?: Partial<Record<keyof Static<S> & string, ParamErrors>>;
  handler: Handler<Static<S>>;
  /** With `selfService`: whether this call acts on the caller's own credentials. */
  targetsSelf?: (r: Pick<ResourceRequest<Static<S>>, 'principal' | 'input'>) => boolean;
}

/** A call whose input passed validation: its resource and its handler close over the same input. */
export interface BoundCall {
  /** The ARN to authorize against, or a lookup that runs only once the action is allowed somewhere. */
  resource(
    principal: Principal,
    services: OpContext['services'],
    managed?: Directory | null,
  ): string | (() => Promise<string>);
  /** The ARNs after the first of a several-entity operation, once `resource` was resolved. */
  moreResources(): readonly string[];
  handle(ctx: OpContext): Promise<Result<Record<string, unknown>, ApiFailure>>;
  /** Whether the call acts on the caller's own credentials (see OperationMeta.selfService). */
  targetsSelf(principal: Principal): boolean;
}

/** An operation as the registry holds it: its declaration, its input schema, and a way to bind input. */
export interface Operation extends OperationMeta {
  input: TObject;
  paramErrors: Readonly<Partial<Record<string, ParamErrors>>>;
  /**
   * Validates wire parameters against the input schema; see operations/validate.ts. `memo` is the
   * call's memo (fresh by default), shared by its resource lookups and its handler.
   */
  bind(params: Readonly<Record<string, string>>, memo?: CallMemo): Result<BoundCall, ApiFailure>;
}

export function defineOperation<S extends TObject>(spec: OperationSpec<S>): Operation {
  const { resource, resolveResource, resolveResources, handler, targetsSelf, paramErrors = {}, ...meta } = spec;
  const errors: Partial<Record<string, ParamErrors>> = paramErrors;
  const official = [...new Set(Object.values(meta.officialParams ?? {}).flat())];
  const declared = Object.keys(spec.input.properties);
  const implemented = new Set(official.filter((n) => declared.some((k) => k === n || k.startsWith(`${n}.`))));
  // The spread comes last: a literal that opens with one is slow on V8 (test/lint/hot-path-spreads.test.ts).
  return {
    paramErrors: errors,
    bind(params, memo: CallMemo = new Map()) {
      const unsupported = unsupportedParameter(official, implemented, params);
      if (unsupported) return err(unsupported);
      const valid = validateInput<S>(spec.input, errors, params);
      if (!valid.ok) return valid;
      const input = valid.value;
      let more: readonly string[] = [];
      return ok({
        resource: (principal, services, managed) => {
          const r = { principal, input, services, memo, ...(managed !== undefined ? { managed } : {}) };
          if (resolveResources) {
            return async () => {
              const [first = resource(r), ...rest] = await resolveResources(r);
              more = rest;
              return first;
            };
          }
          return resolveResource ? () => resolveResource(r) : resource(r);
        },
        moreResources: () => more,
        handle: (ctx) => handler(Object.assign({}, ctx, { memo }), input),
        targetsSelf: (principal) => principal.kind === 'user' && (targetsSelf?.({ principal, input }) ?? false),
      });
    },
    ...meta,
  };
}
