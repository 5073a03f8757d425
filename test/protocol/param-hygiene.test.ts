/** The text hygiene check on a parsed request: NUL and unpaired surrogates, AccessKeyId shape. */
import { describe, expect, it } from 'vitest';
import { checkParamHygiene, hasUnsafeText } from '../../src/protocol/param-hygiene.js';
import type { RpcRequest } from '../../src/protocol/request.js';

const rpc = (params: Record<string, string>, credentials: Partial<RpcRequest['credentials']> = {}): RpcRequest => ({
  method: 'POST',
  action: 'GetUser',
  version: '2015-05-01',
  params,
  credentials: {
    scheme: 'ACS3-HMAC-SHA256',
    accessKeyId: 'LTAI5tAbcdefghijklmnopqr',
    timestamp: '2026-12-02T00:00:00Z',
    nonce: 'n',
    ...credentials,
  },
});

describe('param hygiene', () => {
  it('finds NUL and unpaired surrogates, and only them', () => {
    for (const bad of ['\u0000', 'a\u0000', '\uD800', 'x\uDC00y', '\uDBFF\uDBFF\uDC00', '\uD83D'])
      expect(hasUnsafeText(bad), JSON.stringify(bad)).toBe(true);
    for (const good of ['', 'abc', '😀', '中文', '\uD83D\uDE00\uD83D\uDE00', '\t\n', '\u202E'])
      expect(hasUnsafeText(good), JSON.stringify(good)).toBe(false);
  });

  it('refuses an operation parameter with its own invalid-value code, naming it', () => {
    const f = checkParamHygiene(rpc({ UserName: 'a\uD800' }), {
      UserName: { invalid: 'InvalidParameter.UserName.InvalidChars' },
    });
    expect(f?.code).toBe('InvalidParameter.UserName.InvalidChars');
    expect(f?.message).toContain('"UserName"');
    expect(checkParamHygiene(rpc({ Comments: 'x\u0000' }), undefined)?.code).toBe('InvalidParameter');
    expect(checkParamHygiene(rpc({ 'a\u0000': 'x' }), undefined)?.code).toBe('InvalidParameter');
  });

  it('refuses protocol parameters, and AccessKeyIds no key can have', () => {
    expect(checkParamHygiene(rpc({}, { nonce: '\u0000' }), undefined)?.message).toContain('"SignatureNonce"');
    expect(checkParamHygiene(rpc({}, { securityToken: '\uDC00' }), undefined)?.message).toContain('"SecurityToken"');
    expect(checkParamHygiene(rpc({}, { accessKeyId: '\u0000x' }), undefined)?.code).toBe('InvalidParameter');
    for (const id of ['', 'a b', 'x'.repeat(129), 'é'])
      expect(checkParamHygiene(rpc({}, { accessKeyId: id }), undefined)?.code).toBe('InvalidAccessKeyId.NotFound');
    expect(checkParamHygiene(rpc({ UserName: 'ok' }, { accessKeyId: 'STS.NUabc' }), undefined)).toBeUndefined();
  });
});
