import type { NonceClaim } from '../../store/hot-ports.js';

/**
 * A request's signature nonce on its way to being claimed. Where the store claims it inside the
 * Send's own write (VerificationStore.claimsNonceInWrite), the pipeline leaves it `deferred`; the
 * write's caller sets `claimed` once a write took it, and the pipeline claims it itself before
 * answering any other way. Either way a nonce is claimed once, before any answer but a replay's.
 */
export interface NonceState {
  deferred?: NonceClaim;
  claimed: boolean;
}

/** The write found the request's nonce claimed before: answered SignatureNonceUsed, nothing written. */
export class NonceUsedError extends Error {
  constructor() {
    super('the signature nonce was used before');
  }
}
