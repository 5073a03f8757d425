import { inCertificateThread } from './certificate-thread.js';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SettingError } from '../config/settings.js';
import type { KeyedCertificate } from './certificates.js';

export const CA_FILE = 'ca.pem';
export const CA_KEY_FILE = 'ca-key.pem';
const CA_VALIDITY_DAYS = 3650;
/** A CA this close to its end is replaced (clients must then trust the new ca.pem). */
const CA_RENEW_DAYS = 30;
const DAY = 86_400_000;

export interface LocalCa {
  ca: KeyedCertificate;
  /** Absolute path of ca.pem, for NODE_EXTRA_CA_CERTS and trust stores. */
  certPath: string;
  /** 'created' on first start, 'renewed' when an expiring CA was replaced. */
  state: 'existing' | 'created' | 'renewed';
}

const damaged = (dir: string, why: string): never => {
  throw new SettingError(
    `the local CA in ${dir} cannot be used (${why}): delete ${CA_FILE} and ${CA_KEY_FILE} there to create a new one`,
  );
};

function readCa(dir: string): KeyedCertificate {
  const certPem = fs.readFileSync(path.join(dir, CA_FILE), 'utf8');
  const keyFile = path.join(dir, CA_KEY_FILE);
  // The key stays readable by its owner only, even if it was copied in with a looser mode.
  if ((fs.statSync(keyFile).mode & 0o077) !== 0) fs.chmodSync(keyFile, 0o600);
  const keyPem = fs.readFileSync(keyFile, 'utf8');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return damaged(dir, 'the key does not match the certificate');
  } catch (e) {
    return damaged(dir, e instanceof Error ? e.message : String(e));
  }
  if (!cert.ca) return damaged(dir, `${CA_FILE} is not a CA certificate`);
  return { certPem, keyPem, notAfter: Date.parse(cert.validTo) };
}

const writeTemp = (file: string, data: string, mode: number): string => {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, data, { mode, flag: 'wx' });
  return tmp;
};

/**
 * Replaces both files. Contract: the key is claimed with an exclusive link when `exclusive`, so
 * that of two processes creating a CA at once exactly one wins; the other gets false and reads
 * the winner's files.
 */
function install(dir: string, ca: KeyedCertificate, exclusive: boolean): boolean {
  const keyFile = path.join(dir, CA_KEY_FILE);
  const certFile = path.join(dir, CA_FILE);
  const tmpKey = writeTemp(keyFile, ca.keyPem, 0o600);
  const tmpCert = writeTemp(certFile, ca.certPem, 0o644);
  try {
    if (exclusive) {
      try {
        fs.linkSync(tmpKey, keyFile);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    } else fs.renameSync(tmpKey, keyFile);
    fs.renameSync(tmpCert, certFile);
    return true;
  } finally {
    fs.rmSync(tmpKey, { force: true });
    fs.rmSync(tmpCert, { force: true });
  }
}

async function waitForCert(dir: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!fs.existsSync(path.join(dir, CA_FILE))) {
    if (Date.now() > deadline) damaged(dir, `${CA_KEY_FILE} exists without ${CA_FILE}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The development CA of a data dir: read when present, created once (key mode 0600) when absent,
 * replaced when it is within 30 days of its end. Damaged files stop start-up with one line.
 */
export async function loadOrCreateLocalCa(dataDir: string, now: number): Promise<LocalCa> {
  const dir = path.resolve(dataDir);
  const certPath = path.join(dir, CA_FILE);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const hasKey = fs.existsSync(path.join(dir, CA_KEY_FILE));
  if (!hasKey && fs.existsSync(certPath)) damaged(dir, `${CA_FILE} exists without ${CA_KEY_FILE}`);
  // Made in a thread of its own: the certificate library never loads into the server.
  const createCa = (...a: Parameters<typeof import('./certificates.js').createCa>) =>
    inCertificateThread('createCa', ...a);
  if (!hasKey) {
    const ca = await createCa(`resdir local CA (${os.hostname()})`, now, CA_VALIDITY_DAYS);
    if (install(dir, ca, true)) return { ca, certPath, state: 'created' };
  }
  await waitForCert(dir);
  const ca = readCa(dir);
  if (ca.notAfter - now > CA_RENEW_DAYS * DAY) return { ca, certPath, state: 'existing' };
  const renewed = await createCa(`resdir local CA (${os.hostname()})`, now, CA_VALIDITY_DAYS);
  install(dir, renewed, false);
  return { ca: renewed, certPath, state: 'renewed' };
}
