/**
 * Certificate generation for the local development CA, with @peculiar/x509 over Node's WebCrypto
 * (no hand-written ASN.1). Keys are ECDSA P-256: fast to generate and accepted by every TLS client
 * resdir is tested with.
 */
// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs the Reflect metadata API
// installed before the library loads: this import must stay first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';

x509.cryptoProvider.set(webcrypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

/** A PEM certificate with its PEM (PKCS#8) private key. */
export interface KeyedCertificate {
  certPem: string;
  keyPem: string;
  notAfter: number;
}

const serial = (): string => {
  const b = randomBytes(16);
  b[0] = b[0]! & 0x7f; // positive
  return b.toString('hex');
};

async function keyPemOf(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return `${x509.PemConverter.encode(der, 'PRIVATE KEY')}\n`;
}

async function signingKeyOf(keyPem: string): Promise<webcrypto.CryptoKey> {
  const der = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, ALG, false, ['sign']);
}

/** A self-signed CA certificate, allowed to sign server certificates only (path length 0). */
export async function createCa(commonName: string, now: number, validityDays: number): Promise<KeyedCertificate> {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const notBefore = new Date(now - DAY); // tolerate clock skew between processes
  const notAfter = new Date(now + validityDays * DAY);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: [{ CN: [commonName] }, { O: ['resdir development'] }],
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    certPem: `${cert.toString('pem')}\n`,
    keyPem: await keyPemOf(keys.privateKey),
    notAfter: notAfter.getTime(),
  };
}

/**
 * A server certificate signed by `ca` for the given host names and IP addresses (subjectAltName;
 * the first name is also the subject CN).
 */
export async function issueServerCertificate(
  ca: KeyedCertificate,
  names: readonly string[],
  now: number,
  validityDays: number,
): Promise<KeyedCertificate> {
  const issuer = new x509.X509Certificate(ca.certPem);
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const notBefore = new Date(now - DAY);
  const notAfter = new Date(Math.min(now + validityDays * DAY, ca.notAfter));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: [{ CN: [names[0] ?? 'localhost'] }],
    issuer: issuer.subject,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: await signingKeyOf(ca.keyPem),
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        names.map((n) => (isIP(n) ? { type: 'ip' as const, value: n } : { type: 'dns' as const, value: n })),
      ),
      await x509.AuthorityKeyIdentifierExtension.create(issuer),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    certPem: `${cert.toString('pem')}\n`,
    keyPem: await keyPemOf(keys.privateKey),
    notAfter: notAfter.getTime(),
  };
}
