/**
 * The shared security cases for SendVerificationCodeForBindSecureMobilePhone and
 * BindSecureMobilePhone, through the official clients and raw HTTP: authentication (no signature,
 * wrong secret, unknown / inactive key, stale timestamp, replayed nonce), authorization (no policy,
 * read-only policy), the caller rule (root identity, an account without a directory, a member's
 * RAM user), the ACS3-HMAC-SM3 variant, and the audit trail of refusals.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, waitForSms, type Harness, type InboxMessage } from '../support/harness.js';
import { coreClient, popClient, productClient, rmModels, type Creds } from '../support/clients.js';
import { addInactiveKey, addRamUser, addResourceAccountMember, addStandaloneAccount } from '../support/principals.js';
import { ManualClock } from '../../src/lib/clock.js';
import type { AuditEvent } from '../../src/store/ports.js';
import { expectRefusal, UUID } from '../support/refusal.js';

// ------------------------------------------------------------------------------------------------
// helpers

const SEND = 'SendVerificationCodeForBindSecureMobilePhone';
const BIND = 'BindSecureMobilePhone';
type Action = typeof SEND | typeof BIND;

type Via = 'product' | 'productV1' | 'productSM3' | 'core' | 'core2020' | 'popGet' | 'popPost';

interface Params {
  AccountId?: string;
  SecureMobilePhone?: string;
  VerificationCode?: string;
}

const defined = (p: Params): Record<string, string> =>
  Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Record<string, string>;

/** Send or Bind through one client, against `host` (host:port). */
async function callVia(
  via: Via,
  host: string,
  creds: Creds,
  action: Action,
  p: Params,
): Promise<Record<string, unknown>> {
  switch (via) {
    case 'product':
    case 'productV1':
    case 'productSM3': {
      const c = productClient(
        host,
        creds,
        via === 'productV1' ? 'v2' : via === 'productSM3' ? 'ACS3-HMAC-SM3' : undefined,
      );
      const r =
        action === SEND
          ? await c.sendVerificationCodeForBindSecureMobilePhone(
              new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
                accountId: p.AccountId,
                secureMobilePhone: p.SecureMobilePhone,
              }),
            )
          : await c.bindSecureMobilePhone(
              new rmModels.BindSecureMobilePhoneRequest({
                accountId: p.AccountId,
                secureMobilePhone: p.SecureMobilePhone,
                verificationCode: p.VerificationCode,
              }),
            );
      expect(r.statusCode).toBe(200);
      return { RequestId: r.body.requestId, ExpirationDate: r.body.expirationDate };
    }
    case 'core':
      return coreClient(host, creds).call(action, defined(p));
    case 'core2020':
      return coreClient(host, creds).call(action, defined(p), '2020-03-31');
    case 'popGet':
      return popClient(`http://${host}`, creds).call(action, defined(p), 'GET');
    case 'popPost':
      return popClient(`http://${host}`, creds).call(action, defined(p), 'POST');
  }
}

const refusal = (via: Via, h: Harness, creds: Creds, action: Action, p: Params, code: string, status: number) =>
  expectRefusal(callVia(via, h.host, creds, action, p), code, status);

/** Parameters of a call to `action` that would succeed as far as the business rules go (Bind: a wrong code). */
const paramsFor = (action: Action, accountId: string, phone: string): Params =>
  action === SEND
    ? { AccountId: accountId, SecureMobilePhone: phone }
    : { AccountId: accountId, SecureMobilePhone: phone, VerificationCode: '000000' };

async function smsTo(h: Harness, to: string): Promise<InboxMessage[]> {
  await h.app.worker.pass();
  await new Promise((r) => setTimeout(r, 30));
  await h.app.worker.pass();
  const res = await fetch(`${h.url}/_resdir/sms?limit=1000&to=${encodeURIComponent(to)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: InboxMessage[] }).messages;
}

async function hasSecurePhone(h: Harness, accountId: string): Promise<boolean> {
  const got = await coreClient(h.host, h.boot.admin).call('GetAccount', { AccountId: accountId });
  return (got.Account as Record<string, unknown>).HasSecureMobilePhone as boolean;
}

async function sendAndRead(
  h: Harness,
  accountId: string,
  phone: string,
  via: Via = 'product',
  host = h.host,
): Promise<string> {
  const before = (await smsTo(h, phone)).length;
  await callVia(via, host, h.boot.admin, SEND, { AccountId: accountId, SecureMobilePhone: phone });
  const sms = await waitForSms(h, phone, before);
  return sms.code;
}

/** A raw request; the answer with its parsed JSON body. */
async function rawCall(
  url: string,
  init: RequestInit,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> };
}

function expectRawError(
  r: { status: number; headers: Headers; body: Record<string, unknown> },
  code: string,
  status: number,
): void {
  expect(r.status).toBe(status);
  expect(r.body.Code).toBe(code);
  expect(r.body.RequestId).toMatch(UUID);
  expect(r.headers.get('x-acs-request-id')).toBe(r.body.RequestId);
  expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(r.body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
}

// --- a recording proxy: captures the exact request an SDK sent, so it can be replayed byte for byte

interface Captured {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function forward(target: Harness, rec: Captured): Promise<RawAnswer> {
  const port = Number(new URL(target.url).port);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: rec.method, path: rec.url, headers: rec.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(rec.body);
  });
}

async function startRecorder(target: Harness): Promise<{ host: string; captured: Captured[]; close(): Promise<void> }> {
  const captured: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        headers[req.rawHeaders[i]!.toLowerCase()] = req.rawHeaders[i + 1]!;
      const rec: Captured = { method: req.method ?? 'GET', url: req.url ?? '/', headers, body: Buffer.concat(chunks) };
      captured.push(rec);
      forward(target, rec).then(
        (a) => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(a.headers)) {
            if (
              typeof v === 'string' &&
              !['transfer-encoding', 'connection', 'keep-alive', 'content-length'].includes(k)
            )
              out[k] = v;
          }
          res.writeHead(a.status, out);
          res.end(a.body);
        },
        (e: unknown) => {
          res.writeHead(502);
          res.end(String(e));
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    captured,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function replay(
  target: Harness,
  rec: Captured,
): Promise<{ status: number; body: Record<string, unknown>; requestIdHeader: unknown }> {
  const a = await forward(target, rec);
  return {
    status: a.status,
    body: JSON.parse(a.body.toString('utf8')) as Record<string, unknown>,
    requestIdHeader: a.headers['x-acs-request-id'],
  };
}

// ------------------------------------------------------------------------------------------------

let h: Harness;
beforeAll(async () => {
  h = await startResdir();
});
afterAll(async () => {
  await h?.close();
});

let phoneSeq = 0;
const nextPhone = (): string => `1-20255502${String(phoneSeq++ % 100).padStart(2, '0')}`;

describe('authentication', () => {
  for (const action of [SEND, BIND] as const) {
    it(`${action}: no signature at all → 400 IncompleteSignature`, async () => {
      const member = await addResourceAccountMember(h);
      const phone = nextPhone();
      const form = new URLSearchParams(defined(paramsFor(action, member, phone))).toString();
      const post = await rawCall(`${h.url}/?Action=${action}&Version=2022-04-19`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
      expectRawError(post, 'IncompleteSignature', 400);
      const get = await rawCall(`${h.url}/?Action=${action}&Version=2020-03-31&${form}`, { method: 'GET' });
      expectRawError(get, 'IncompleteSignature', 400);
      // parameters in the query, with the V1 fields but no Signature
      const v1 = await rawCall(
        `${h.url}/?Action=${action}&Version=2022-04-19&AccessKeyId=${h.boot.admin.accessKeyId}&` +
          `SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&SignatureNonce=n-${Date.now()}&` +
          `Timestamp=${new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')}&Format=JSON&${form}`,
        { method: 'GET' },
      );
      expectRawError(v1, 'IncompleteSignature', 400);
      expect(await smsTo(h, phone)).toEqual([]);
      expect(await hasSecurePhone(h, member)).toBe(false);
    });

    it(`${action}: wrong secret → 400 SignatureDoesNotMatch`, async () => {
      const member = await addResourceAccountMember(h);
      const phone = nextPhone();
      const wrong = { accessKeyId: h.boot.admin.accessKeyId, accessKeySecret: `${h.boot.admin.accessKeySecret}x` };
      for (const via of ['product', 'productV1', 'productSM3', 'core', 'popGet', 'popPost'] as const) {
        const e = await refusal(via, h, wrong, action, paramsFor(action, member, phone), 'SignatureDoesNotMatch', 400);
        expect(e.data.Message).not.toContain(h.boot.admin.accessKeySecret);
      }
      expect(await smsTo(h, phone)).toEqual([]);
      expect(await hasSecurePhone(h, member)).toBe(false);
    });

    it(`${action}: unknown AccessKeyId → 404 InvalidAccessKeyId.NotFound`, async () => {
      const member = await addResourceAccountMember(h);
      const phone = nextPhone();
      const unknown = { accessKeyId: 'LTAI5tUnknownKey000000000', accessKeySecret: h.boot.admin.accessKeySecret };
      await refusal(
        'product',
        h,
        unknown,
        action,
        paramsFor(action, member, phone),
        'InvalidAccessKeyId.NotFound',
        404,
      );
      await refusal('core', h, unknown, action, paramsFor(action, member, phone), 'InvalidAccessKeyId.NotFound', 404);
      await refusal(
        'popPost',
        h,
        unknown,
        action,
        paramsFor(action, member, phone),
        'InvalidAccessKeyId.NotFound',
        404,
      );
      expect(await smsTo(h, phone)).toEqual([]);
    });

    it(`${action}: inactive AccessKey → 400 InvalidAccessKeyId.Inactive`, async () => {
      const member = await addResourceAccountMember(h);
      const phone = nextPhone();
      const inactive = await addInactiveKey(h, h.boot.managementAccountId, 'rd-admin');
      await refusal(
        'product',
        h,
        inactive,
        action,
        paramsFor(action, member, phone),
        'InvalidAccessKeyId.Inactive',
        400,
      );
      await refusal(
        'core2020',
        h,
        inactive,
        action,
        paramsFor(action, member, phone),
        'InvalidAccessKeyId.Inactive',
        400,
      );
      await refusal(
        'popGet',
        h,
        inactive,
        action,
        paramsFor(action, member, phone),
        'InvalidAccessKeyId.Inactive',
        400,
      );
      // even with a wrong secret, the inactive key is what is reported
      await refusal(
        'core',
        h,
        { ...inactive, accessKeySecret: 'wrong' },
        action,
        paramsFor(action, member, phone),
        'InvalidAccessKeyId.Inactive',
        400,
      );
      expect(await smsTo(h, phone)).toEqual([]);
      expect(await hasSecurePhone(h, member)).toBe(false);
    });
  }

  it('stale timestamp (server clock 20 minutes off either way) → 400 InvalidTimeStamp.Expired', async () => {
    const clock = new ManualClock(Date.now() + 20 * 60_000);
    const hs = await startResdir({ clock });
    try {
      const member = hs.boot.member.accountId;
      const phone = '1-2025550301';
      for (const action of [SEND, BIND] as const) {
        await refusal(
          'product',
          hs,
          hs.boot.admin,
          action,
          paramsFor(action, member, phone),
          'InvalidTimeStamp.Expired',
          400,
        );
        await refusal(
          'popPost',
          hs,
          hs.boot.admin,
          action,
          paramsFor(action, member, phone),
          'InvalidTimeStamp.Expired',
          400,
        );
      }
      clock.set(Date.now() - 20 * 60_000);
      for (const action of [SEND, BIND] as const) {
        await refusal(
          'core',
          hs,
          hs.boot.admin,
          action,
          paramsFor(action, member, phone),
          'InvalidTimeStamp.Expired',
          400,
        );
        await refusal(
          'popGet',
          hs,
          hs.boot.admin,
          action,
          paramsFor(action, member, phone),
          'InvalidTimeStamp.Expired',
          400,
        );
      }
      expect(await smsTo(hs, phone)).toEqual([]);
      // back within the window, the same client works
      clock.set(Date.now() + 60_000);
      await callVia('product', hs.host, hs.boot.admin, SEND, { AccountId: member, SecureMobilePhone: phone });
      expect(await smsTo(hs, phone)).toHaveLength(1);
    } finally {
      await hs.close();
    }
  });

  describe('replayed requests → 400 SignatureNonceUsed', () => {
    let rec: Awaited<ReturnType<typeof startRecorder>>;
    beforeAll(async () => {
      rec = await startRecorder(h);
    });
    afterAll(async () => {
      await rec?.close();
    });

    for (const via of ['product', 'productSM3', 'popGet', 'popPost'] as const) {
      it(`Send and Bind signed by ${via}, replayed byte for byte`, async () => {
        const member = await addResourceAccountMember(h);
        const phone = nextPhone();
        const n0 = rec.captured.length;
        await sendAndRead(h, member, phone, via, rec.host);
        expect(rec.captured.length).toBe(n0 + 1);
        const sendReq = rec.captured[n0]!;
        const again = await replay(h, sendReq);
        expect(again.status).toBe(400);
        expect(again.body.Code).toBe('SignatureNonceUsed');
        expect(again.body.RequestId).toMatch(UUID);
        expect(again.requestIdHeader).toBe(again.body.RequestId);
        expect(await smsTo(h, phone)).toHaveLength(1);

        // a refused Bind (wrong code) replayed: the nonce is spent, the attempt is not counted twice
        const code = (await smsTo(h, phone))[0]!.code;
        const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
        await expectRefusal(
          callVia(via, rec.host, h.boot.admin, BIND, {
            AccountId: member,
            SecureMobilePhone: phone,
            VerificationCode: wrong,
          }),
          'Invalid.VerificationCode',
          409,
        );
        const wrongReplay = await replay(h, rec.captured[n0 + 1]!);
        expect(wrongReplay.status).toBe(400);
        expect(wrongReplay.body.Code).toBe('SignatureNonceUsed');

        await callVia(via, rec.host, h.boot.admin, BIND, {
          AccountId: member,
          SecureMobilePhone: phone,
          VerificationCode: code,
        });
        expect(rec.captured.length).toBe(n0 + 3);
        const bindAgain = await replay(h, rec.captured[n0 + 2]!);
        expect(bindAgain.status).toBe(400);
        expect(bindAgain.body.Code).toBe('SignatureNonceUsed');
        expect(await hasSecurePhone(h, member)).toBe(true);
      });
    }
  });
});

describe('authorization and the caller rule', () => {
  for (const action of [SEND, BIND] as const) {
    it(`${action}: RAM user without any policy → 403 NoPermission naming the action`, async () => {
      const user = await addRamUser(h, { policies: [] });
      const member = await addResourceAccountMember(h);
      const phone = nextPhone();
      for (const via of ['product', 'core', 'popPost'] as const) {
        const e = await refusal(via, h, user, action, paramsFor(action, member, phone), 'NoPermission', 403);
        expect(e.data.Message).toContain(`resourcemanager:${action}`);
      }
      expect(await smsTo(h, phone)).toEqual([]);
      expect(await hasSecurePhone(h, member)).toBe(false);
    });

    it(`${action}: a user with only AliyunResourceDirectoryReadOnlyAccess → 403 NoPermission; reads work`, async () => {
      const user = await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] });
      const member = await addResourceAccountMember(h);
      const phone = nextPhone();
      const e = await refusal('productV1', h, user, action, paramsFor(action, member, phone), 'NoPermission', 403);
      expect(e.data.Message).toContain(`resourcemanager:${action}`);
      await refusal('popGet', h, user, action, paramsFor(action, member, phone), 'NoPermission', 403);
      const got = await coreClient(h.host, user).call('GetAccount', { AccountId: member });
      expect((got.Account as Record<string, unknown>).AccountId).toBe(member);
      expect((got.Account as Record<string, unknown>).HasSecureMobilePhone).toBe(false);
      const old = await productClient(h.host, user).getAccount(new rmModels.GetAccountRequest({ accountId: member }));
      expect(old.body.account.accountId).toBe(member);
      const list = await popClient(h.url, user).call('ListAccounts', { PageSize: '100' });
      expect(list.TotalCount).toBeGreaterThanOrEqual(2);
      await expectRefusal(
        coreClient(h.host, user).call('CreateResourceAccount', { DisplayName: `ro ${action.length}` }),
        'NoPermission',
        403,
      );
      expect(await smsTo(h, phone)).toEqual([]);
    });

    it(`${action}: the root identity of the management account → 409 CallerIdentityError`, async () => {
      const member = await addResourceAccountMember(h);
      const phone = nextPhone();
      for (const via of ['product', 'core', 'popGet'] as const) {
        await refusal(via, h, h.boot.root, action, paramsFor(action, member, phone), 'CallerIdentityError', 409);
      }
      // root may read
      const got = await coreClient(h.host, h.boot.root).call('GetAccount', { AccountId: member });
      expect((got.Account as Record<string, unknown>).AccountId).toBe(member);
      expect(await smsTo(h, phone)).toEqual([]);
      expect(await hasSecurePhone(h, member)).toBe(false);
    });

    it(`${action}: RAM admin of an account with no directory, or of a member → 409 CallerIdentityError`, async () => {
      const standalone = await addStandaloneAccount(h);
      const memberAdmin = await addRamUser(h, {
        accountId: h.boot.member.accountId,
        policies: ['AliyunResourceDirectoryFullAccess'],
      });
      const member = await addResourceAccountMember(h);
      const phone = nextPhone();
      await refusal(
        'product',
        h,
        standalone.admin,
        action,
        paramsFor(action, member, phone),
        'CallerIdentityError',
        409,
      );
      await refusal(
        'popPost',
        h,
        standalone.admin,
        action,
        paramsFor(action, member, phone),
        'CallerIdentityError',
        409,
      );
      await refusal('core', h, standalone.root, action, paramsFor(action, member, phone), 'CallerIdentityError', 409);
      await refusal('core2020', h, memberAdmin, action, paramsFor(action, member, phone), 'CallerIdentityError', 409);
      expect(await smsTo(h, phone)).toEqual([]);
      expect(await hasSecurePhone(h, member)).toBe(false);
    });
  }
});

describe('ACS3-HMAC-SM3', () => {
  it('works end to end with the product SDK', async () => {
    const member = await addResourceAccountMember(h);
    const phone = nextPhone();
    const sm3 = productClient(h.host, h.boot.admin, 'ACS3-HMAC-SM3');
    const sent = await sm3.sendVerificationCodeForBindSecureMobilePhone(
      new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({ accountId: member, secureMobilePhone: phone }),
    );
    expect(sent.statusCode).toBe(200);
    expect(sent.body.requestId).toMatch(UUID);
    expect(Date.parse(sent.body.expirationDate)).toBeGreaterThan(Date.now());
    const sms = await waitForSms(h, phone);
    const bound = await sm3.bindSecureMobilePhone(
      new rmModels.BindSecureMobilePhoneRequest({
        accountId: member,
        secureMobilePhone: phone,
        verificationCode: sms.code,
      }),
    );
    expect(bound.statusCode).toBe(200);
    expect(bound.body.requestId).toMatch(UUID);
    const got = await sm3.getAccount(new rmModels.GetAccountRequest({ accountId: member }));
    expect(got.body.account.accountId).toBe(member);
    expect(await hasSecurePhone(h, member)).toBe(true);
    const audit = await h.app.store.audit.recent(50);
    const bindEvent = audit.find((a) => a.request_id === bound.body.requestId);
    expect(bindEvent?.result_code).toBe('OK');
    expect(bindEvent?.principal_arn).toBe(h.boot.admin.principal);
  });
});

describe('audit trail', () => {
  it('each refusal after authentication is recorded: action, principal, code, masked phone, not the code', async () => {
    const ha = await startResdir();
    try {
      const member = ha.boot.member.accountId;
      const phone = '1-2025550123';
      const masked = '1-202****123';
      const mgmt = ha.boot.managementAccountId;
      const noPolicy = await addRamUser(ha, { name: 'no-policy', policies: [] });
      const standalone = await addStandaloneAccount(ha);
      const expected: Array<{
        requestId: string;
        action: Action;
        arn: string;
        caller: string;
        accessKeyId: string;
        code: string;
        phone: string | null;
        target: string | null;
        version: string;
      }> = [];
      const refused = async (
        via: Via,
        creds: Creds,
        arn: string,
        caller: string,
        action: Action,
        p: Params,
        code: string,
        status: number,
        version: string,
      ) => {
        const e = await refusal(via, ha, creds, action, p, code, status);
        expected.push({
          requestId: e.data.RequestId,
          action,
          arn,
          caller,
          accessKeyId: creds.accessKeyId,
          code,
          phone:
            p.SecureMobilePhone === phone ? masked : p.SecureMobilePhone === '86-13900001234' ? '86-139*****234' : null,
          target: p.AccountId ?? null,
          version,
        });
      };

      // authorization
      await refused(
        'product',
        noPolicy,
        `acs:ram::${mgmt}:user/no-policy`,
        mgmt,
        SEND,
        { AccountId: member, SecureMobilePhone: phone },
        'NoPermission',
        403,
        '2020-03-31',
      );
      await refused(
        'core',
        noPolicy,
        `acs:ram::${mgmt}:user/no-policy`,
        mgmt,
        BIND,
        { AccountId: member, SecureMobilePhone: phone, VerificationCode: '123456' },
        'NoPermission',
        403,
        '2022-04-19',
      );
      // caller rule
      await refused(
        'popPost',
        ha.boot.root,
        `acs:ram::${mgmt}:root`,
        mgmt,
        SEND,
        { AccountId: member, SecureMobilePhone: phone },
        'CallerIdentityError',
        409,
        '2022-04-19',
      );
      await refused(
        'core',
        ha.boot.root,
        `acs:ram::${mgmt}:root`,
        mgmt,
        BIND,
        { AccountId: member, SecureMobilePhone: phone, VerificationCode: '123456' },
        'CallerIdentityError',
        409,
        '2022-04-19',
      );
      await refused(
        'product',
        standalone.admin,
        standalone.admin.arn,
        standalone.accountId,
        SEND,
        { AccountId: member, SecureMobilePhone: phone },
        'CallerIdentityError',
        409,
        '2020-03-31',
      );
      // business and validation errors
      await refused(
        'core',
        ha.boot.admin,
        ha.boot.admin.principal,
        mgmt,
        SEND,
        { AccountId: member, SecureMobilePhone: '86-13900001234' },
        'InvalidParameter.MobileCountryCode',
        409,
        '2022-04-19',
      );
      await refused(
        'popGet',
        ha.boot.admin,
        ha.boot.admin.principal,
        mgmt,
        SEND,
        { SecureMobilePhone: phone },
        'MissingParameter.AccountId',
        400,
        '2022-04-19',
      );
      await refused(
        'product',
        ha.boot.admin,
        ha.boot.admin.principal,
        mgmt,
        SEND,
        { AccountId: mgmt, SecureMobilePhone: phone },
        'AccountTypeMismatch',
        409,
        '2020-03-31',
      );

      const sent = await callVia('core', ha.host, ha.boot.admin, SEND, { AccountId: member, SecureMobilePhone: phone });
      const code = (await waitForSms(ha, phone)).code;
      await refused(
        'product',
        ha.boot.admin,
        ha.boot.admin.principal,
        mgmt,
        SEND,
        { AccountId: member, SecureMobilePhone: phone },
        'SendValidateCodeExceedsLimitForAccount',
        409,
        '2020-03-31',
      );
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      await refused(
        'popPost',
        ha.boot.admin,
        ha.boot.admin.principal,
        mgmt,
        BIND,
        { AccountId: member, SecureMobilePhone: phone, VerificationCode: wrong },
        'Invalid.VerificationCode',
        409,
        '2022-04-19',
      );
      const bound = await callVia('core', ha.host, ha.boot.admin, BIND, {
        AccountId: member,
        SecureMobilePhone: phone,
        VerificationCode: code,
      });
      await refused(
        'core',
        ha.boot.admin,
        ha.boot.admin.principal,
        mgmt,
        BIND,
        { AccountId: member, SecureMobilePhone: phone, VerificationCode: code },
        'AccountSecureMobileAlreadyExists',
        409,
        '2022-04-19',
      );

      const events = await ha.app.store.audit.recent(100);
      const byRequest = new Map(events.map((e) => [e.request_id, e]));
      for (const x of expected) {
        const e = byRequest.get(x.requestId);
        expect(e, `${x.action} ${x.code}`).toBeDefined();
        expect(e).toMatchObject({
          action: x.action,
          version: x.version,
          principal_arn: x.arn,
          caller_account_id: x.caller,
          access_key_id: x.accessKeyId,
          result_code: x.code,
          phone_masked: x.phone,
          target_account_id: x.target,
          outbox_message_id: null,
        });
      }
      const sendOk = byRequest.get(sent.RequestId as string);
      expect(sendOk).toMatchObject({
        action: SEND,
        result_code: 'OK',
        principal_arn: ha.boot.admin.principal,
        phone_masked: masked,
        target_account_id: member,
      });
      expect(sendOk?.outbox_message_id).toEqual(expect.any(String));
      expect(byRequest.get(bound.RequestId as string)).toMatchObject({
        action: BIND,
        result_code: 'OK',
        phone_masked: masked,
        target_account_id: member,
      });

      // one record per call, no secrets: never the code, never an AccessKey secret, never the full number
      const ours = events.filter((e) => e.action === SEND || e.action === BIND);
      expect(ours).toHaveLength(expected.length + 2);
      const columns: Array<keyof AuditEvent> = [
        'id',
        'time',
        'request_id',
        'action',
        'version',
        'principal_arn',
        'caller_account_id',
        'access_key_id',
        'source_ip',
        'target_account_id',
        'phone_masked',
        'result_code',
        'outbox_message_id',
        'detail',
      ];
      const secrets = [
        ha.boot.admin.accessKeySecret,
        ha.boot.root.accessKeySecret,
        noPolicy.accessKeySecret,
        standalone.admin.accessKeySecret,
      ];
      for (const e of ours) {
        expect(Object.keys(e).sort()).toEqual([...columns].sort());
        for (const [k, v] of Object.entries(e)) {
          expect(String(v), k).not.toBe(code);
          expect(String(v), k).not.toBe(wrong);
          for (const s of secrets) expect(String(v), k).not.toContain(s);
          expect(String(v), k).not.toContain('2025550123');
          // free-text columns cannot carry it even as a substring (IDs, times are random/numeric)
          if (['action', 'version', 'principal_arn', 'source_ip', 'phone_masked', 'result_code'].includes(k)) {
            expect(String(v), k).not.toContain(code);
          }
        }
      }
    } finally {
      await ha.close();
    }
  });
});
