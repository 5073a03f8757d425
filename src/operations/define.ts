import type { Static, TObject } from '@sinclair/typebox';
import type { ApiFailure, ErrorCode } from '../errors/catalog.js';
import type { Result } from '../lib/result.js';
import type { Principal } from '../auth/principal.js';
import type { AuditDraft } from '../domain/audit/audit.js';
import type { DirectoryService } from '../domain/directory/directory.js';
import type { SecurePhoneVerification } from '../domain/verification/secure-phone.js';
import type { Directory, Store } from '../store/ports.js';
import type { Site } from '../config/settings.js';
import type { IdentityServices } from '../domain/ram/services.js';
import type { CallingCodePolicy } from '../domain/phone/policy.js';

export const RD_VERSIONS = ['2020-03-31', '2022-04-19'] as const;
export type ApiVersion = (typeof RD_VERSIONS)[number];

/** What a handler may use. It never sees the HTTP request. */
export interface OpContext {
  requestId: string;
  version: string;
  principal: Principal;
  audit: AuditDraft;
  /** True exactly when the request arrived over TLS (acs:SecureTransport in trust policies). */
  secureTransport: boolean;
  /** Set when the spec's callerRule is 'management-ram-identity': the directory the caller manages. */
  managedDirectory?: Directory;
  services: {
    directory: DirectoryService;
    verification: SecurePhoneVerification;
    site: Site;
    identity: IdentityServices;
    /** The operator's calling-code policy (issue 5); absent means every code. */
    callingCodes?: CallingCodePolicy;
    /** Read access to the audit records, for LookupEvents (issue 5). */
    auditTrail?: Pick<Store, 'auditLog'>;
  };
}

/** What an operation's resource ARN may depend on (never the HTTP request). */
export interface ResourceRequest {
  principal: Principal;
  /** Raw wire parameters (not validated yet). */
  params: Readonly<Record<string, string>>;
  services: OpContext['services'];
}

/** How missing and invalid values of one parameter are reported. */
export interface ParamErrors {
  missing: ErrorCode;
  invalid: ErrorCode;
}

/**
 * One API Action as data. Dispatch, validation, authorization, audit and the docs all read it.
 * `errors` lists every business code the handler may return (gateway and authorization codes
 * are common to all operations and are not repeated).
 */
export interface OperationSpec<S extends TObject = TObject> {
  product: 'ResourceManager' | 'Ram' | 'Sts' | 'Actiontrail';
  action: string;
  versions: readonly string[];
  ramAction: string;
  /** The resource ARN the RAM check is made against. */
  resource: (r: ResourceRequest) => string;
  /**
   * Instead of `resource`, when the ARN needs a lookup (e.g. a member's ResourceDirectoryPath): it
   * runs only once the caller is allowed the action on some resource (see auth/authorize.ts).
   */
  resolveResource?: (r: ResourceRequest) => Promise<string>;
  /** 'any-authenticated': no policy check (e.g. sts:GetCallerIdentity). Default: 'policy'. */
  authorization?: 'policy' | 'any-authenticated';
  /** 'management-ram-identity': only a RAM identity of a management account (else CallerIdentityError). */
  callerRule?: 'management-ram-identity';
  input: S;
  paramErrors?: Partial<Record<keyof Static<S> & string, ParamErrors>>;
  errors: readonly ErrorCode[];
  /** The handler appends the success audit event itself, inside its transaction. */
  auditsItself?: boolean;
  handler: (ctx: OpContext, input: Static<S>) => Promise<Result<Record<string, unknown>, ApiFailure>>;
}

export function defineOperation<S extends TObject>(spec: OperationSpec<S>): OperationSpec {
  return spec as unknown as OperationSpec;
}
