import { describe, expect, it } from 'vitest';
import { readIndexedList, parseRpcRequest } from '../../src/protocol/request.js';
import { acs3CanonicalRequest, acs3StringToSign, verifyAcs3 } from '../../src/protocol/signers/acs3.js';
import { v1CanonicalizedQuery, v1StringToSign, verifyV1 } from '../../src/protocol/signers/v1.js';
import { isAcs3, loadVectors, VECTOR_DIR, wireOf } from './fixtures.js';

const vectors = loadVectors();

describe('captured signing vectors', () => {
  it(`all 52 vectors are present in ${VECTOR_DIR}`, () => {
    expect(vectors).toHaveLength(52);
    expect(vectors.filter(isAcs3)).toHaveLength(28);
  });

  describe.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const wire = wireOf(v);

    it('parses to the captured action, version and credentials', () => {
      const parsed = parseRpcRequest(wire);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const { action, version, credentials, method } = parsed.value;
      expect(method).toBe(v.request.method);
      expect(action).toBe(v.api.action);
      expect(version).toBe(v.api.version);
      expect(credentials.accessKeyId).toBe(v.credentials.accessKeyId);
      expect(credentials.securityToken).toBe(v.credentials.securityToken ?? undefined);
      expect(credentials.timestamp).toBe(v.signing.timestamp);
      expect(credentials.nonce).toBe(v.signing.nonce);
      expect(credentials.scheme).toBe(isAcs3(v) ? v.signing.scheme : 'V1-HMAC-SHA1');
      for (const name of ['Action', 'Signature', 'AccessKeyId', 'SignatureNonce', 'Timestamp', 'Format']) {
        expect(name in parsed.value.params).toBe(false);
      }
      expect(parsed.value.params.AccountId).toBe('1386606283480000');
    });

    it('verifies with the captured secret and not with another', () => {
      const verify = isAcs3(v) ? verifyAcs3 : verifyV1;
      expect(verify(wire, v.credentials.accessKeySecret)).toBe(true);
      expect(verify(wire, `${v.credentials.accessKeySecret}x`)).toBe(false);
      // The other scheme's verifier never accepts it.
      expect((isAcs3(v) ? verifyV1 : verifyAcs3)(wire, v.credentials.accessKeySecret)).toBe(false);
    });

    it('rebuilds the captured canonical strings', () => {
      if (isAcs3(v)) {
        expect(acs3CanonicalRequest(wire)).toBe(v.signing.canonicalRequest);
        expect(acs3StringToSign(wire)).toBe(v.signing.stringToSign);
      } else {
        expect(v1CanonicalizedQuery(wire)).toBe(v.signing.canonicalizedQueryString);
        expect(v1StringToSign(wire)).toBe(v.signing.stringToSign);
      }
    });
  });

  it('decodes special characters and repeat lists in the edge vectors', () => {
    const edges = vectors.filter((v) => /^edge_(core_(acs3|v1)|openapiclient_acs3|popcore_(get|post))$/.test(v.id));
    expect(edges).toHaveLength(5);
    for (const v of edges) {
      const parsed = parseRpcRequest(wireOf(v));
      if (!parsed.ok) throw new Error(`${v.id}: ${parsed.error.code}`);
      expect(parsed.value.params.SecureMobilePhone).toBe("a b*c~d!e'f(g)h+i/j:k=l&m%n中");
      expect(readIndexedList(parsed.value.params, 'Tag')).toEqual({
        ok: true,
        value: [
          { Key: 'k 1', Value: 'v*1' },
          { Key: 'k2', Value: '~' },
        ],
      });
    }
  });

  it('includes form-body operation parameters for both schemes', () => {
    for (const id of ['edge_core_acs3_formbody', 'edge_core_v1_formbody']) {
      const v = vectors.find((x) => x.id === id);
      if (!v) throw new Error(`missing vector ${id}`);
      const parsed = parseRpcRequest(wireOf(v));
      if (!parsed.ok) throw new Error(`${id}: ${parsed.error.code}`);
      expect({ ...parsed.value.params }).toEqual({
        AccountId: '1386606283480000',
        SecureMobilePhone: '1-2025550123',
        VerificationCode: '123456',
      });
    }
  });
});
