/**
 * The benchmark's request signer (src/bench/sign.ts) against the captured
 * @alicloud/resourcemanager20200331 request (vector rm20200331_default_ak_SendVerificationCodeForBindSecureMobilePhone,
 * wire-protocol.md §4.1 worked example): same URL, same signed headers, same signature.
 */
import { describe, expect, it } from 'vitest';
import { acsDate, signAcs3, signV1 } from '../../src/bench/sign.js';
import { parseRpcRequest } from '../../src/protocol/request.js';
import { verifyV1 } from '../../src/protocol/signers/v1.js';

describe('bench ACS3 signer', () => {
  it('reproduces the official SDK request byte for byte in its signed parts', () => {
    const r = signAcs3({
      host: '127.0.0.1:39289',
      action: 'SendVerificationCodeForBindSecureMobilePhone',
      version: '2020-03-31',
      params: { AccountId: '1386606283480000', SecureMobilePhone: '1-2025550123' },
      accessKeyId: 'LTAI5tTestKeyId0000000000',
      accessKeySecret: 'TestSecret0000000000000000000000',
      date: '2026-11-29T09:47:50Z',
      nonce: '49610377f3c9b4e5291eb213e3af226914ce988e9e802057bf10638dffa67615',
    });
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/?AccountId=1386606283480000&SecureMobilePhone=1-2025550123');
    expect(r.headers['x-acs-content-sha256']).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(r.headers.authorization).toBe(
      'ACS3-HMAC-SHA256 ' +
        'Credential=LTAI5tTestKeyId0000000000,SignedHeaders=host;x-acs-action;x-acs-content-sha256;' +
        'x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,' +
        'Signature=809cf8d926f6d65ba6ab630b248a2098e0f945968432a81bcf5302eab610367d',
    );
  });

  it('uses a fresh nonce per request and the SDK date format', () => {
    const input = { host: 'h:1', action: 'A', version: 'V', params: {}, accessKeyId: 'k', accessKeySecret: 's' };
    expect(signAcs3(input).headers['x-acs-signature-nonce']).not.toBe(signAcs3(input).headers['x-acs-signature-nonce']);
    expect(acsDate(Date.UTC(2026, 10, 29, 9, 47, 50, 123))).toBe('2026-11-29T09:47:50Z');
  });

  it('signs V1 requests that resdir parses and verifies, and only with the right secret', () => {
    const r = signV1({
      host: 'h:1',
      action: 'SendVerificationCodeForBindSecureMobilePhone',
      version: '2020-03-31',
      params: { AccountId: '1386606283480000', SecureMobilePhone: '65-91234567', ClientToken: 'a b+c/é' },
      accessKeyId: 'LTAI5tTestKeyId0000000000',
      accessKeySecret: 'TestSecret0000000000000000000000',
    });
    expect(r.method).toBe('GET');
    const wire = { method: r.method, url: r.path, headers: Object.entries(r.headers), body: Buffer.alloc(0) };
    const parsed = parseRpcRequest(wire);
    expect(parsed.ok && parsed.value.params.ClientToken).toBe('a b+c/é');
    expect(parsed.ok && parsed.value.credentials.scheme).toBe('V1-HMAC-SHA1');
    expect(verifyV1(wire, 'TestSecret0000000000000000000000')).toBe(true);
    expect(verifyV1(wire, 'TestSecret0000000000000000000001')).toBe(false);
  });
});
