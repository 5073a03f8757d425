import { deriveKey, Sealer } from './crypto.js';

/** Keys derived from the master key, one per use, so no key serves two purposes. */
export interface Keyring {
  /** Seals AccessKey secrets at rest. */
  accessKeySecrets: Sealer;
  /** Seals outbox payloads (they carry the code until delivery). */
  outboxPayloads: Sealer;
  /** HMAC key for verification codes. */
  codeMac: Buffer;
}

export function keyringFrom(master: Buffer): Keyring {
  return {
    accessKeySecrets: new Sealer(deriveKey(master, 'access-key-secrets')),
    outboxPayloads: new Sealer(deriveKey(master, 'outbox-payloads')),
    codeMac: deriveKey(master, 'verification-code-mac'),
  };
}
