/**
 * Single changes to captured requests (wire-protocol.md §4.3): signed content must break the
 * signature; re-encoding, reordering, header case/padding and unsigned headers must not.
 */
import { describe, expect, it } from 'vitest';
import { parseRpcRequest, type WireRequest } from '../../src/protocol/request.js';
import { parseAcs3Authorization, verifyAcs3 } from '../../src/protocol/signers/acs3.js';
import { verifyV1 } from '../../src/protocol/signers/v1.js';
import { pct } from '../../src/protocol/canonical.js';
import {
  bump,
  headerOf,
  isAcs3,
  joinRaw,
  loadVectors,
  mapHeader,
  mapPiece,
  pieceName,
  splitRaw,
  wireOf,
  withHeaders,
  withUrl,
  type Vector,
} from './fixtures.js';

const vectors = loadVectors();

const verifierOf =
  (v: Vector) =>
  (w: WireRequest, secret = v.credentials.accessKeySecret) =>
    (isAcs3(v) ? verifyAcs3 : verifyV1)(w, secret);

/** For V1 form bodies the body is "just another query string"; rewrite it the same way. */
function mapFormBody(w: WireRequest, v: Vector, f: (text: string) => string): WireRequest {
  const form = (headerOf(w, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded');
  if (isAcs3(v) || !form || w.body.length === 0) return w;
  return { ...w, body: Buffer.from(f(w.body.toString('utf8')), 'utf8') };
}

describe.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
  const wire = wireOf(v);
  const verify = verifierOf(v);
  const { path, pieces } = splitRaw(wire.url);

  describe('must fail verification', () => {
    it('each query value changed by one character', () => {
      const targets = pieces.map((p, i) => [pieceName(p), i] as const).filter(([name]) => name !== 'Signature');
      for (const [name, i] of targets) {
        expect(verify(withUrl(wire, joinRaw(path, mapPiece(pieces, i, bump)))), name).toBe(false);
      }
    });

    it('each signed header value changed by one character', () => {
      if (!isAcs3(v)) return; // V1 signs no headers
      const names = (v.signing.signedHeaders ?? '').split(';');
      expect(names.length).toBeGreaterThanOrEqual(7);
      for (const name of names) expect(verify(mapHeader(wire, name, bump)), name).toBe(false);
    });

    it('the method changed', () => {
      expect(verify({ ...wire, method: wire.method === 'GET' ? 'POST' : 'GET' })).toBe(false);
    });

    it('one body byte changed', () => {
      if (wire.body.length === 0) return;
      const body = Buffer.from(wire.body);
      const at = body.indexOf('=') + 1; // first byte of the first value: a literal alphanumeric
      body[at] = body[at] === 0x31 ? 0x32 : 0x31;
      expect(verify({ ...wire, body })).toBe(false);
    });

    it('the secret changed', () => {
      expect(verify(wire, bump(v.credentials.accessKeySecret))).toBe(false);
      expect(verify(wire, '')).toBe(false);
    });

    it('the Signature itself changed', () => {
      if (isAcs3(v)) {
        const changed = mapHeader(wire, 'authorization', (a) =>
          a.replace(/Signature=(.)/, (_m, c: string) => `Signature=${c === 'a' ? 'b' : 'a'}`),
        );
        expect(verify(changed)).toBe(false);
        const upper = mapHeader(wire, 'authorization', (a) =>
          a.replace(/Signature=(\w+)/, (_m, s: string) => `Signature=${s.toUpperCase()}`),
        );
        expect(verify(upper)).toBe(false);
        return;
      }
      const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
      const i = pieces.findIndex((p) => pieceName(p) === 'Signature');
      const changed =
        i >= 0
          ? withUrl(wire, joinRaw(path, mapPiece(pieces, i, flip)))
          : mapFormBody(wire, v, (t) =>
              t.replace(/Signature=(.)/, (_m, c: string) => `Signature=${c === 'A' ? 'B' : 'A'}`),
            );
      expect(changed).not.toEqual(wire);
      expect(verify(changed)).toBe(false);
    });
  });

  describe('must still verify (and parse to the same call)', () => {
    const original = parseRpcRequest(wire);
    const same = (w: WireRequest) => {
      expect(verify(w)).toBe(true);
      const parsed = parseRpcRequest(w);
      expect(parsed).toEqual(original);
    };

    it('query reordered', () => {
      same(withUrl(wire, joinRaw(path, [...pieces].reverse())));
      same(mapFormBody(wire, v, (t) => t.split('&').reverse().join('&')));
    });

    it('~ sent as %7E', () => {
      same(mapFormBody(withUrl(wire, wire.url.replace(/~/g, '%7E')), v, (t) => t.replace(/~/g, '%7E')));
    });

    it('everything pct()-encoded canonically, and lower-case hex escapes', () => {
      const canonical = pieces.map((p) =>
        p
          .split('=')
          .map((s) => pct(decodeURIComponent(s)))
          .join('='),
      );
      same(withUrl(wire, joinRaw(path, canonical)));
      const lower = (s: string) => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
      same(mapFormBody(withUrl(wire, lower(wire.url)), v, lower));
    });

    it('header-name case changed', () => {
      same(
        withHeaders(
          wire,
          wire.headers.map(([n, val]) => [n.toUpperCase(), val] as const),
        ),
      );
      same(
        withHeaders(
          wire,
          wire.headers.map(([n, val]) => [n.replace(/(^|-)(\w)/g, (m) => m.toUpperCase()), val] as const),
        ),
      );
    });

    it('header values padded with spaces', () => {
      same(
        withHeaders(
          wire,
          wire.headers.map(([n, val]) => [n, `  ${val} \t`] as const),
        ),
      );
    });

    it('unsigned headers changed, added or removed', () => {
      const signed = new Set(isAcs3(v) ? (v.signing.signedHeaders ?? '').split(';') : []);
      const unsigned = wire.headers.filter(
        ([n]) => !signed.has(n.toLowerCase()) && n.toLowerCase() !== 'authorization',
      );
      expect(unsigned.some(([n]) => n.toLowerCase() === 'user-agent')).toBe(true);
      // V1 clients also send x-acs-action / x-acs-version, unsigned: they must not matter either.
      const changed = withHeaders(wire, [
        ...wire.headers.map(
          ([n, val]) =>
            [n, unsigned.some(([u]) => u === n) && !/^(content-type|host)$/i.test(n) ? bump(val) : val] as const,
        ),
        ['x-unsigned-extra', 'whatever'] as const,
      ]);
      same(changed);
      same(
        withHeaders(
          wire,
          wire.headers.filter(([n]) => !/^(user-agent|connection|accept)$/i.test(n)),
        ),
      );
    });
  });
});

describe('mutation coverage', () => {
  it('the edge vectors exercise ~ and escapes', () => {
    expect(vectors.filter((v) => v.request.url.includes('~')).length).toBeGreaterThanOrEqual(4);
    expect(vectors.filter((v) => /%[0-9A-F]{2}/.test(v.request.url)).length).toBeGreaterThan(20);
  });

  it('SignedHeaders of every ACS3 vector parse', () => {
    for (const v of vectors.filter(isAcs3)) {
      const auth = parseAcs3Authorization(headerOf(wireOf(v), 'authorization') ?? '');
      expect(auth.ok && auth.value.signedHeadersRaw).toBe(v.signing.signedHeaders);
    }
  });
});
