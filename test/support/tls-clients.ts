/**
 * The official clients over HTTPS against a local resdir, trusting only the data dir's local CA
 * (certificate validation stays on: `ca` replaces the default trust store for these clients).
 */
import fs from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Harness } from './harness.js';
import type { Creds } from './clients.js';

const require = createRequire(import.meta.url);
const Core = require('@alicloud/openapi-core');
const RM = require('@alicloud/resourcemanager20200331');
const Ram = require('@alicloud/ram20150501');
const Sts = require('@alicloud/sts20150401');

export const caPemOf = (h: Pick<Harness, 'dataDir'>): string => fs.readFileSync(path.join(h.dataDir, 'ca.pem'), 'utf8');

type Product = 'rm' | 'ram' | 'sts';
const CTORS: Record<Product, { default?: unknown }> = { rm: RM, ram: Ram, sts: Sts };

/**
 * A product client on `https://host` trusting `ca`; `credential` may be an @alicloud/credentials
 * client instead of a key pair.
 */
export function httpsClient(
  product: Product,
  host: string,
  ca: string,
  creds: Creds | { credential: unknown },
  // biome-ignore lint/suspicious/noExplicitAny: the SDK clients are untyped CommonJS here
): any {
  const Ctor = (CTORS[product].default ?? CTORS[product]) as new (c: unknown) => unknown;
  return new Ctor(new Core.$OpenApiUtil.Config({ ...creds, endpoint: host, protocol: 'https', ca }));
}

/** One GET over TLS with Node's https client trusting `ca` (undefined: the default trust store). */
export function httpsGet(
  url: string,
  ca: string | undefined,
  agent?: https.Agent,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ...(ca !== undefined ? { ca } : {}), ...(agent ? { agent } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}
