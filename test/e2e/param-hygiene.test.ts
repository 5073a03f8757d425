/**
 * NUL characters and unpaired surrogates are refused in every parameter, protocol or operation,
 * with the parameter's invalid-value code and before any lookup: on PostgreSQL (which cannot store
 * NUL in text) as on SQLite. An AccessKeyId that cannot name a key is answered as an unknown key.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';
import { coreClient } from '../support/clients.js';
import { refusedWith } from '../support/sdk-error.js';
import { pct } from '../../src/protocol/canonical.js';
import { v1StringToSign } from '../../src/protocol/signers/v1.js';

let h: Harness;
beforeAll(async () => {
  h = await startResdir();
});
afterAll(async () => {
  await h.close();
});

const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A V1 HMAC-SHA1 signed GET whose every parameter is given verbatim (any value, NUL included). */
function signedV1Url(params: Record<string, string>, secret: string): string {
  const query = Object.entries(params)
    .map(([k, v]) => `${pct(k)}=${pct(v)}`)
    .join('&');
  const toSign = v1StringToSign({ method: 'GET', url: `/?${query}`, headers: [], body: Buffer.alloc(0) });
  const signature = createHmac('sha1', `${secret}&`)
    .update(toSign ?? '', 'utf8')
    .digest('base64');
  return `${h.url}/?${query}&Signature=${pct(signature)}`;
}

function v1Params(overrides: Record<string, string>): Record<string, string> {
  return {
    Action: 'GetAccount',
    Version: '2022-04-19',
    Format: 'JSON',
    AccessKeyId: h.boot.admin.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    Timestamp: now(),
    AccountId: h.boot.member.accountId,
    ...overrides,
  };
}

async function answer(url: string): Promise<{ status: number; code: string; message: string }> {
  const res = await fetch(url);
  const body = (await res.json()) as { Code: string; Message: string };
  return { status: res.status, code: body.Code, message: body.Message };
}

describe('NUL and unpaired surrogates', () => {
  it('an unsigned AccessKeyId holding a NUL is refused as an invalid AccessKeyId, not looked up', async () => {
    const url =
      `${h.url}/?Action=GetAccount&Version=2022-04-19&AccessKeyId=%00x&SignatureMethod=HMAC-SHA1&` +
      `SignatureVersion=1.0&SignatureNonce=n1&Timestamp=${pct(now())}&Signature=x&` +
      `AccountId=${h.boot.member.accountId}`;
    const a = await answer(url);
    expect(a).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(a.message).toContain('"AccessKeyId"');
  });

  it('a correctly signed request whose SignatureNonce holds a NUL is refused, and the key still works', async () => {
    const a = await answer(
      signedV1Url(v1Params({ SignatureNonce: `n\u0000${randomUUID()}` }), h.boot.admin.accessKeySecret),
    );
    expect(a).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(a.message).toContain('"SignatureNonce"');
    // The same signer with a clean nonce is served: the refusal was the NUL, not the signature.
    const ok = await fetch(signedV1Url(v1Params({}), h.boot.admin.accessKeySecret));
    expect(ok.status).toBe(200);
  });

  it('a signed operation parameter holding a NUL gets that parameter’s own code', async () => {
    const a = await answer(
      signedV1Url(
        v1Params({ Action: 'GetUser', Version: '2015-05-01', UserName: 'rd-admin\u0000' }),
        h.boot.admin.accessKeySecret,
      ),
    );
    expect(a).toMatchObject({ status: 400, code: 'InvalidParameter.UserName.InvalidChars' });
  });

  it('RAM free text (Comments, Description, DisplayName) holding a NUL is refused and nothing is created', async () => {
    const ram = coreClient(h.host, h.boot.root);
    const cases: Array<[string, Record<string, string>, string]> = [
      ['CreateUser', { UserName: 'nul-comments', Comments: 'a\u0000b' }, 'InvalidParameter'],
      ['CreateUser', { UserName: 'nul-display', DisplayName: 'a\u0000b' }, 'InvalidParameter.DisplayName.InvalidChars'],
      ['CreateGroup', { GroupName: 'nul-group', Comments: '\u0000' }, 'InvalidParameter'],
      [
        'CreatePolicy',
        { PolicyName: 'nul-policy', Description: 'x\u0000', PolicyDocument: POLICY },
        'InvalidParameter',
      ],
    ];
    for (const [action, params, code] of cases) {
      const e = await refusedWith(ram.call(action, params, '2015-05-01'), code, 400);
      expect(e.data.Message).toMatch(/contains a NUL character/);
    }
    await refusedWith(ram.call('GetUser', { UserName: 'nul-comments' }, '2015-05-01'), 'EntityNotExist.User');
    await refusedWith(ram.call('GetUser', { UserName: 'nul-display' }, '2015-05-01'), 'EntityNotExist.User');
  });

  it('percent-encoded unpaired surrogates never decode into a parameter', async () => {
    for (const bad of ['%ED%A0%80', '%ED%B0%80', 'a%ED%A0%BDb']) {
      const a = await answer(
        `${h.url}/?Action=GetAccount&Version=2022-04-19&AccessKeyId=${h.boot.admin.accessKeyId}&` +
          `SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&SignatureNonce=${bad}&Timestamp=${pct(now())}&` +
          `Signature=x`,
      );
      expect(a).toMatchObject({ status: 400, code: 'InvalidParameter' });
    }
  });

  it('an AccessKeyId of impossible shape is answered as unknown', async () => {
    for (const id of ['a b', 'x'.repeat(200), 'LTAI5t/../x', 'é']) {
      const a = await answer(signedV1Url(v1Params({ AccessKeyId: id }), 'whatever'));
      expect(a, id).toMatchObject({ status: 404, code: 'InvalidAccessKeyId.NotFound' });
    }
  });

  it('nothing above was logged as an internal error', () => {
    expect(h.logs.join('')).not.toContain('internal error');
  });
});

const POLICY = JSON.stringify({
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: 'ram:GetUser', Resource: '*' }],
});
