import { inCertificateThread } from './certificate-thread.js';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import type { KeyedCertificate } from './certificates.js';

export const SERVER_CERT_FILE = 'tls-cert.pem';
export const SERVER_KEY_FILE = 'tls-key.pem';
export const SERVER_CERT_DAYS = 30;
/** A server certificate this close to its end is re-issued (at start, or by the running server). */
export const RENEW_DAYS = 10;
const DAY = 86_400_000;

/** The stored certificate when it is still good: issued by `ca`, matching its key, for every name, not due. */
function kept(dir: string, ca: KeyedCertificate, names: readonly string[], now: number): KeyedCertificate | undefined {
  try {
    const certPem = fs.readFileSync(path.join(dir, SERVER_CERT_FILE), 'utf8');
    const keyPem = fs.readFileSync(path.join(dir, SERVER_KEY_FILE), 'utf8');
    const leaf = new X509Certificate(certPem);
    const issuer = new X509Certificate(ca.certPem);
    if (!leaf.checkIssued(issuer) || !leaf.verify(issuer.publicKey)) return undefined;
    if (!leaf.checkPrivateKey(createPrivateKey(keyPem))) return undefined;
    if (!names.every((n) => (isIP(n) ? leaf.checkIP(n) : leaf.checkHost(n)) !== undefined)) return undefined;
    const notAfter = Date.parse(leaf.validTo);
    return notAfter - now > RENEW_DAYS * DAY ? { certPem, keyPem, notAfter } : undefined;
  } catch {
    return undefined; // absent or unreadable: issue a new one
  }
}

const replace = (file: string, data: string, mode: number): void => {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, data, { mode, flag: 'wx' });
  fs.renameSync(tmp, file);
};

/**
 * The local CA's server certificate for `names`, kept in the data dir (key mode 0600) so that a
 * restart reuses it; issued anew when absent, not from this CA, missing a name, or due (`force`
 * skips the reuse check). Concurrent starts may each issue one; every one of them is valid.
 */
export async function localServerCertificate(
  dir: string,
  ca: KeyedCertificate,
  names: readonly string[],
  now: number,
  force = false,
): Promise<KeyedCertificate> {
  const reuse = force ? undefined : kept(dir, ca, names, now);
  if (reuse) return reuse;
  // Made in a thread of its own: the certificate library never loads into the server.
  const fresh = await inCertificateThread('issueServerCertificate', ca, names, now, SERVER_CERT_DAYS);
  replace(path.join(dir, SERVER_KEY_FILE), fresh.keyPem, 0o600);
  replace(path.join(dir, SERVER_CERT_FILE), fresh.certPem, 0o644);
  return fresh;
}
