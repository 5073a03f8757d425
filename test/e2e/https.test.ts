/**
 * HTTPS on the API port: the same port answers plain HTTP and TLS (the official SDKs over `https`,
 * trusting only the data dir's local CA, validation on), acs:SecureTransport is true exactly over
 * TLS in RAM policies and trust policies, and both protocols survive concurrent keep-alive load.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';
import {
  productClient,
  ramClient,
  ramModels as R,
  rmModels as RM,
  stsClient,
  stsModels as S,
} from '../support/clients.js';
import { addRamUser, type RamUserKey } from '../support/principals.js';
import { refusedWith } from '../support/sdk-error.js';
import { caPemOf, httpsClient, httpsGet } from '../support/tls-clients.js';
import { createCa, issueServerCertificate } from '../../src/tls/certificates.js';

let h: Harness;
let ca: string;
let uid: string;

beforeAll(async () => {
  h = await startResdir();
  ca = caPemOf(h);
  uid = h.boot.managementAccountId;
});
afterAll(() => h.close());

describe('one port, both protocols', () => {
  it('answers plain HTTP and TLS on the same port, /_resdir/ included', async () => {
    const plain = await fetch(`${h.url}/_resdir/health`);
    expect(plain.status).toBe(200);
    const tls = await httpsGet(`https://${h.host}/_resdir/health`, ca);
    expect(tls.status).toBe(200);
    expect(JSON.parse(tls.body)).toMatchObject({ status: 'ok' });
    // localhost is a name of the certificate too
    const port = h.host.split(':')[1];
    expect((await httpsGet(`https://localhost:${port}/_resdir/health`, ca)).status).toBe(200);
  });

  it('the certificate is validated: a client that does not trust the local CA is refused', async () => {
    await expect(httpsGet(`https://${h.host}/_resdir/health`, undefined)).rejects.toThrow(
      /self[- ]signed|unable to verify|certificate/i,
    );
  });

  it('keeps the CA in the data dir: ca.pem public, its key mode 0600, a CA certificate', () => {
    const cert = new X509Certificate(ca);
    expect(cert.ca).toBe(true);
    const key = fs.statSync(path.join(h.dataDir, 'ca-key.pem'));
    expect(key.mode & 0o777).toBe(0o600);
  });

  it('the official SDK works over https', async () => {
    const rm = httpsClient('rm', h.host, ca, h.boot.admin);
    const rd = (await rm.getResourceDirectory()).body.resourceDirectory;
    expect(rd.resourceDirectoryId).toBe(h.boot.resourceDirectoryId);
    const acc = await rm.getAccount(new RM.GetAccountRequest({ accountId: h.boot.member.accountId }));
    expect(acc.body.account.accountId).toBe(h.boot.member.accountId);
  });
});

describe('acs:SecureTransport', () => {
  const denyUnlessTls = JSON.stringify({
    Version: '1',
    Statement: [
      { Effect: 'Allow', Action: 'resourcemanager:*', Resource: '*' },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'acs:SecureTransport': 'false' } } },
    ],
  });
  let tlsOnly: RamUserKey;

  beforeAll(async () => {
    const root = ramClient(h.host, h.boot.root);
    await root.createPolicy(new R.CreatePolicyRequest({ policyName: 'DenyUnlessTls', policyDocument: denyUnlessTls }));
    tlsOnly = await addRamUser(h, { name: 'tls-only' });
    await root.attachPolicyToUser(
      new R.AttachPolicyToUserRequest({ policyType: 'Custom', policyName: 'DenyUnlessTls', userName: 'tls-only' }),
    );
  });

  it('a "Deny unless SecureTransport" policy refuses HTTP and allows HTTPS', async () => {
    const overHttp = productClient(h.host, tlsOnly);
    const e = await refusedWith(overHttp.getResourceDirectory(), 'NoPermission', 403);
    expect(e.data.Message).toContain('resourcemanager:GetResourceDirectory');
    const overTls = httpsClient('rm', h.host, ca, tlsOnly);
    expect((await overTls.getResourceDirectory()).body.resourceDirectory.resourceDirectoryId).toBe(
      h.boot.resourceDirectoryId,
    );
  });

  it('a trust policy that requires SecureTransport lets AssumeRole through over HTTPS only', async () => {
    const root = ramClient(h.host, h.boot.root);
    const caller = await addRamUser(h, { name: 'assumer', policies: ['AliyunSTSAssumeRoleAccess'] });
    await root.createRole(
      new R.CreateRoleRequest({
        roleName: 'tls-role',
        assumeRolePolicyDocument: JSON.stringify({
          Version: '1',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Principal: { RAM: [`acs:ram::${uid}:root`] },
              Condition: { Bool: { 'acs:SecureTransport': 'true' } },
            },
          ],
        }),
      }),
    );
    const request = new S.AssumeRoleRequest({
      roleArn: `acs:ram::${uid}:role/tls-role`,
      roleSessionName: 'tls-session',
    });
    await refusedWith(stsClient(h.host, caller).assumeRole(request), 'NoPermission', 403);
    const ok = await httpsClient('sts', h.host, ca, caller).assumeRole(request);
    expect(ok.body.assumedRoleUser.arn).toBe(`acs:ram::${uid}:role/tls-role/tls-session`);
  });
});

describe('under concurrent keep-alive load', () => {
  it('plain HTTP requests and TLS handshakes on the same port all succeed', async () => {
    const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, ca });
    // Fresh TLS handshakes too: an agent without keep-alive opens a connection per request.
    const handshakeAgent = new https.Agent({ keepAlive: false, ca });
    const plainGet = (): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = http.get(`${h.url}/_resdir/health`, { agent: httpAgent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.setTimeout(10_000, () => req.destroy(new Error('timed out')));
        req.on('error', reject);
      });
    try {
      const jobs: Array<Promise<number>> = [];
      for (let i = 0; i < 150; i++) {
        jobs.push(plainGet());
        jobs.push(httpsGet(`https://${h.host}/_resdir/health`, undefined, httpsAgent).then((r) => r.status));
        if (i % 5 === 0)
          jobs.push(httpsGet(`https://${h.host}/_resdir/health`, undefined, handshakeAgent).then((r) => r.status));
      }
      const statuses = await Promise.all(jobs);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect(statuses).toHaveLength(330);
    } finally {
      httpAgent.destroy();
      httpsAgent.destroy();
      handshakeAgent.destroy();
    }
  });
});

describe("the operator's certificate, and RESDIR_TLS=off", () => {
  it('serves the certificate given in RESDIR_TLS_CERT / RESDIR_TLS_KEY and creates no local CA', async () => {
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-operator-cert-'));
    const operatorCa = await createCa('operator CA', Date.now(), 30);
    const leaf = await issueServerCertificate(operatorCa, ['127.0.0.1'], Date.now(), 30);
    fs.writeFileSync(path.join(files, 'cert.pem'), leaf.certPem + operatorCa.certPem);
    fs.writeFileSync(path.join(files, 'key.pem'), leaf.keyPem, { mode: 0o600 });
    const op = await startResdir({
      env: { RESDIR_TLS_CERT: path.join(files, 'cert.pem'), RESDIR_TLS_KEY: path.join(files, 'key.pem') },
    });
    try {
      expect((await httpsGet(`https://${op.host}/_resdir/health`, operatorCa.certPem)).status).toBe(200);
      await expect(httpsGet(`https://${op.host}/_resdir/health`, ca)).rejects.toThrow(/certificate|verify/i);
      expect(fs.existsSync(path.join(op.dataDir, 'ca.pem'))).toBe(false);
      const rd = await httpsClient('rm', op.host, operatorCa.certPem, op.boot.admin).getResourceDirectory();
      expect(rd.body.resourceDirectory.resourceDirectoryId).toBe(op.boot.resourceDirectoryId);
    } finally {
      await op.close();
      fs.rmSync(files, { recursive: true, force: true });
    }
  });

  it('with RESDIR_TLS=off the port speaks plain HTTP only', async () => {
    const off = await startResdir({ env: { RESDIR_TLS: 'off' } });
    try {
      expect((await fetch(`${off.url}/_resdir/health`)).status).toBe(200);
      await expect(httpsGet(`https://${off.host}/_resdir/health`, ca)).rejects.toThrow();
      expect(fs.existsSync(path.join(off.dataDir, 'ca.pem'))).toBe(false);
    } finally {
      await off.close();
    }
  });
});
