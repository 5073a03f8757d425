import type { Logger } from 'pino';
import { failure, type ApiFailure, type ErrorCode } from '../errors/catalog.js';
import { err, type Result } from '../lib/result.js';
import type { Clock } from '../lib/clock.js';
import type { Keyring } from '../lib/keyring.js';
import { parseRpcRequest, type RpcRequest, type WireRequest } from '../protocol/request.js';
import { authenticate } from '../protocol/authenticate.js';
import { checkParamHygiene, type ParamCodes } from '../protocol/param-hygiene.js';
import { errorResponse, successResponse, type WireResponse } from '../protocol/envelope.js';
import { authorizeOperation } from '../operations/authorize-operation.js';
import { checkSecurityToken } from '../auth/security-token.js';
import type { Principal } from '../auth/principal.js';
import {
  type Identity,
  type IdentityCache,
  type Resolved,
  StaleIdentityError,
} from '../domain/identity/identity-cache.js';
import { auditEvent, type AuditDraft } from '../domain/audit/audit.js';
import { appendAudit, auditDraft } from './rpc-audit.js';
import type { BoundCall, CallMemo, OpContext, Operation } from '../operations/define.js';
import { NonceUsedError, type NonceState } from '../domain/identity/pending-nonce.js';
import { MEMBER_FROM_MEMORY, SERVED_FROM_MEMORY } from '../domain/directory/member-memory.js';
import type { OperationRegistry } from '../operations/registry.js';
import type { Store } from '../store/ports.js';
import { isStoreUnavailable } from '../store/unavailable.js';
import { applyCallerRule } from '../operations/caller-rules.js';

export interface RpcDeps {
  registry: OperationRegistry;
  store: Store;
  keyring: Keyring;
  clock: Clock;
  signatureWindowMs: number;
  services: OpContext['services'];
  /** AccessKey → principal, policies and managed directory, from memory (see identity-cache.ts). */
  identities: IdentityCache;
  log: Logger;
}

export interface RpcMeta {
  requestId: string;
  sourceIp: string;
  hostId: string;
  /** True exactly when the request arrived over TLS (acs:SecureTransport). */
  secureTransport: boolean;
}

/** What the HTTP layer logs about a call (never parameters: they may carry a code). */
export interface RpcOutcome {
  response: WireResponse;
  action?: string;
  code?: string;
  principal?: string;
}

/** Codes every operation may return besides its declared ones. */
const COMMON_CODES = new Set<ErrorCode>(['NoPermission', 'CallerIdentityError', 'InternalError', 'ServiceUnavailable']);

/**
 * The request pipeline: parse → find the operation → authenticate → authorize → caller rule →
 * validate input → handler → audit → envelope. Every path ends in a WireResponse; a thrown error
 * becomes 500 InternalError with the RequestId in the log, except StoreUnavailableError: 503
 * ServiceUnavailable.
 */
export async function handleRpc(wire: WireRequest, meta: RpcMeta, deps: RpcDeps): Promise<RpcOutcome> {
  const fail = (f: ApiFailure, extra: Partial<RpcOutcome> = {}): RpcOutcome => ({
    response: errorResponse(meta.requestId, meta.hostId, f),
    code: f.code,
    ...extra,
  });
  try {
    const parsed = parseRpcRequest(wire);
    if (!parsed.ok) return fail(parsed.error);
    const rpc = parsed.value;
    const op = deps.registry.find(rpc.version, rpc.action);
    if (!op) {
      if (!deps.registry.knowsVersion(rpc.version)) {
        return fail(
          failure(
            'InvalidParameter',
            `The specified parameter "Version" is not valid: ${clip(rpc.version)} is not a version served here ` +
              `(${deps.registry.allVersions().join(', ')}).`,
          ),
        );
      }
      if (deps.registry.isUnimplemented(rpc.version, rpc.action)) {
        const text =
          `Specified api is not found: resdir does not implement ${rpc.action} ` + `(version ${rpc.version}) yet.`;
        return fail(failure('InvalidAction.NotFound', `${text} See docs/coverage.md.`));
      }
      return fail(
        failure(
          'InvalidAction.NotFound',
          `Specified api is not found, please check your url and method: ${clip(rpc.action)} ` +
            `does not exist in version ${rpc.version}.`,
        ),
      );
    }

    const unsafe = checkParamHygiene(rpc, op.paramErrors as ParamCodes | undefined);
    if (unsafe) return fail(unsafe, { action: op.action });

    // An identity trusted from memory unread is re-checked by the write (Send) or before a refusal
    // is answered; a stale one re-runs the call on the current identity, without a second nonce.
    // The first try of a write-checked call may also take its member from memory (PostgreSQL).
    let validate = !op.identityCheckedByWrite;
    const nonce: NonceState = { claimed: false };
    for (let attempt = 0; attempt < 3; attempt++) {
      const outcome = await authenticatedCall(wire, rpc, op, meta, deps, { validate, nonce });
      if (outcome !== STALE) return outcome;
      validate = true;
    }
    return fail(failure('ServiceUnavailable'), { action: op.action });
  } catch (e) {
    if (isStoreUnavailable(e)) {
      // The database rolled back whatever this call had not committed; the client may retry.
      deps.log.warn({ reqId: meta.requestId, reason: e.message }, 'store unavailable');
      return fail(failure('ServiceUnavailable'));
    }
    deps.log.error({ err: e, reqId: meta.requestId }, 'internal error');
    return fail(failure('InternalError'));
  }
}

const STALE = Symbol('stale identity');

/**
 * Authenticates, authorizes and runs one call. STALE when the identity it was judged on turned out
 * to be out of date (nothing was written and nothing recorded).
 */
async function authenticatedCall(
  wire: WireRequest,
  rpc: RpcRequest,
  op: Operation,
  meta: RpcMeta,
  deps: RpcDeps,
  opts: { validate: boolean; nonce: NonceState },
): Promise<RpcOutcome | typeof STALE> {
  const { nonce } = opts;
  const fail = (f: ApiFailure, principal?: string): RpcOutcome => ({
    response: errorResponse(meta.requestId, meta.hostId, f),
    code: f.code,
    action: op.action,
    ...(principal ? { principal } : {}),
  });
  // Claims a nonce the write did not take, before any answer: false when it was used before.
  const settleNonce = async (): Promise<boolean> => {
    const d = nonce.deferred;
    if (!d || nonce.claimed) return true;
    nonce.claimed = true;
    return deps.store.nonces.claim(d.accessKeyId, d.nonce, d.expiresAt);
  };
  const defer = op.nonceClaimedByWrite === true && deps.store.verification.claimsNonceInWrite;
  let found: Resolved | undefined;
  const authed = await authenticate(wire, rpc, {
    clock: deps.clock,
    windowMs: deps.signatureWindowMs,
    lookupKey: async (id) => {
      found = await deps.identities.resolve(id, opts.validate);
      return found?.identity.credential;
    },
    claimNonce: async (accessKeyId, value, expiresAt) => {
      if (nonce.claimed) return true;
      if (defer) {
        nonce.deferred = { accessKeyId, nonce: value, expiresAt };
        return true;
      }
      nonce.claimed = await deps.store.nonces.claim(accessKeyId, value, expiresAt);
      return nonce.claimed;
    },
  });
  const stale = async (): Promise<boolean> =>
    found !== undefined && !found.fresh && !(await deps.identities.isCurrent(found.identity));
  if (!authed.ok || !found) {
    if (await stale()) return STALE;
    return fail(authed.ok ? failure('InternalError') : authed.error);
  }
  const replayed = (): RpcOutcome => fail(failure('SignatureNonceUsed'));
  const identity = found.identity;
  const tokenError = checkSecurityToken(identity.credential.sts, authed.value.securityToken, deps.clock.now());
  if (tokenError) return (await settleNonce()) ? fail(tokenError) : replayed();
  const principal: Principal = identity.credential.principal;
  deps.services.identity.keyUsage.record(principal.accessKeyId, deps.clock.now());

  const draft = auditDraft(meta, op, rpc.version, principal, rpc.params, deps.clock.now());
  const memo: CallMemo = new Map();
  if (!opts.validate) memo.set(MEMBER_FROM_MEMORY, true);
  let outcome: Result<Record<string, unknown>, ApiFailure>;
  try {
    outcome = await runAuthenticated(op, rpc.version, rpc.params, identity, draft, meta, deps, { memo, nonce });
  } catch (e) {
    if (e instanceof StaleIdentityError) return STALE;
    if (e instanceof NonceUsedError) return replayed();
    throw e;
  }
  if (!outcome.ok) {
    if (await stale()) return STALE;
    // A refusal judged on a member from memory that no write confirmed is judged again on a fresh read.
    if (memo.has(SERVED_FROM_MEMORY)) return STALE;
    if (!(await settleNonce())) return replayed();
    await appendAudit(deps, draft, outcome.error.code, outcome.error.auditDetail);
    return fail(outcome.error, principal.arn);
  }
  if (!(await settleNonce())) return replayed();
  if (op.readOnly) await appendAudit(deps, draft, 'OK');
  return { response: successResponse(meta.requestId, outcome.value), action: op.action, principal: principal.arn };
}

async function runAuthenticated(
  op: Operation,
  version: string,
  params: Record<string, string>,
  identity: Identity,
  draft: AuditDraft,
  meta: RpcMeta,
  deps: RpcDeps,
  call$: { memo: CallMemo; nonce: NonceState },
): Promise<Result<Record<string, unknown>, ApiFailure>> {
  const principal = identity.credential.principal;
  const ctx: OpContext = {
    requestId: meta.requestId,
    version,
    principal,
    audit: draft,
    secureTransport: meta.secureTransport,
    services: deps.services,
    identityStamp: identity.stamp,
    nonce: call$.nonce,
  };
  // Input first: the resource ARN is built from validated values only (never from a raw, unbounded
  // parameter), and the handler acts on exactly the input that was authorized.
  const call = op.bind(params, call$.memo);
  if (!call.ok) return call;
  // The caller rule needs no member, so a refused identity never causes a member lookup
  // (resolving a resource ARN may look the member up).
  const rule = await applyCallerRule(op, principal, params, deps.services, identity.managed);
  if (!rule.ok) return rule;
  if (rule.value) ctx.managedDirectory = rule.value;
  const denied = await authorizeOperation(
    op,
    call.value,
    principal,
    deps.services,
    identity.policies,
    {
      sourceIp: meta.sourceIp,
      now: deps.clock.now(),
      secureTransport: meta.secureTransport,
    },
    identity.managed,
  );
  if (denied) return err(denied);
  const result = await runHandler(op, call.value, ctx, deps);
  if (!result.ok && !COMMON_CODES.has(result.error.code) && !op.errors.includes(result.error.code)) {
    // A contract breach of the operation's spec: answered as is, but loudly logged.
    deps.log.error({ reqId: meta.requestId, action: op.action, code: result.error.code }, 'undeclared error code');
  }
  return result;
}

/**
 * A mutating operation runs in one transaction with its success audit record, so a change is never
 * committed without its operator on record. Read-only operations and the hot path (which writes its
 * own record in its own transaction) run as they are.
 */
function runHandler(
  op: Operation,
  call: BoundCall,
  ctx: OpContext,
  deps: RpcDeps,
): Promise<Result<Record<string, unknown>, ApiFailure>> {
  if (op.readOnly || op.auditsItself) return call.handle(ctx);
  return deps.store.atomically(async (tx) => {
    const result = await call.handle(ctx);
    if (result.ok) await tx.audit.append(auditEvent(ctx.audit, 'OK', null, null));
    return result;
  });
}

const clip = (s: string): string => (s.length > 64 ? `${s.slice(0, 64)}…` : s);
