/**
 * What the verification flow reports for metrics. Labels are closed sets (operation, result code,
 * reason, scope): never a number, an account, a token or a code.
 */
export interface VerificationObserver {
  /** A Send succeeded: `sms` queued a message, `test-number` sent none, `replay` answered a ClientToken again. */
  sent(kind: 'sms' | 'test-number' | 'replay'): void;
  /** A Send or Bind was refused by the verification flow. */
  refused(operation: 'send' | 'bind', code: string, reason: string): void;
  /** A Bind succeeded after `attempts` attempts on its code. */
  bound(attempts: number): void;
  /** A code ended without a bind after `attempts` attempts (burned by wrong codes). */
  burned(attempts: number): void;
  /** The SMS-pumping breaker tripped for a calling code or a prefix. */
  breakerTripped(scope: 'country' | 'prefix'): void;
}

export const noObserver: VerificationObserver = {
  sent() {},
  refused() {},
  bound() {},
  burned() {},
  breakerTripped() {},
};
