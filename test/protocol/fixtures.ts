/**
 * Loading the captured signing vectors (test/fixtures/vectors/signing) and turning
 * them into WireRequests, plus single-change mutations for negative and invariance tests.
 * Loading throws when the directory is missing, so the importing test file fails rather than skips.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pct } from '../../src/protocol/canonical.js';
import type { WireRequest } from '../../src/protocol/request.js';

export interface Vector {
  id: string;
  api: { version: string; action: string };
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken: string | null };
  request: { method: string; url: string; headers: Array<[string, string]>; bodyBase64: string };
  signing: {
    scheme: string;
    timestamp: string;
    nonce: string;
    stringToSign: string;
    canonicalRequest?: string;
    canonicalQueryString?: string;
    canonicalizedQueryString?: string;
    signedHeaders?: string;
  };
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VECTOR_DIR = path.resolve(repoRoot, 'test', 'fixtures', 'vectors', 'signing');

export function loadVectors(): Vector[] {
  const files = readdirSync(VECTOR_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((f) => JSON.parse(readFileSync(path.join(VECTOR_DIR, f), 'utf8')) as Vector);
}

export const isAcs3 = (v: Vector): boolean => v.signing.scheme.startsWith('ACS3');

export function wireOf(v: Vector): WireRequest {
  return {
    method: v.request.method,
    url: v.request.url,
    headers: v.request.headers.map(([n, val]) => [n, val] as const),
    body: Buffer.from(v.request.bodyBase64, 'base64'),
  };
}

/** Change the last character of a string to a different one (empty → 'x'). */
export function bump(s: string): string {
  if (s === '') return 'x';
  const last = s[s.length - 1];
  return s.slice(0, -1) + (last === 'x' ? 'y' : 'x');
}

export const withUrl = (w: WireRequest, url: string): WireRequest => ({ ...w, url });
export const withHeaders = (w: WireRequest, headers: Array<readonly [string, string]>): WireRequest => ({
  ...w,
  headers,
});

export function splitRaw(url: string): { path: string; pieces: string[] } {
  const q = url.indexOf('?');
  if (q < 0) return { path: url, pieces: [] };
  return {
    path: url.slice(0, q),
    pieces: url
      .slice(q + 1)
      .split('&')
      .filter((p) => p !== ''),
  };
}

export const joinRaw = (p: string, pieces: string[]): string => (pieces.length ? `${p}?${pieces.join('&')}` : p);

/** Names of the raw query pieces, decoded (our vectors only use plain ASCII names). */
export const pieceName = (piece: string): string => decodeURIComponent(piece.split('=')[0] ?? '');

/** Replace the value of raw piece `i` by f(decoded value), re-encoded with pct(). */
export function mapPiece(pieces: string[], i: number, f: (value: string) => string): string[] {
  return pieces.map((piece, j) => {
    if (j !== i) return piece;
    const eq = piece.indexOf('=');
    const name = eq < 0 ? piece : piece.slice(0, eq);
    const value = eq < 0 ? '' : decodeURIComponent(piece.slice(eq + 1).replace(/\+/g, ' '));
    return `${name}=${pct(f(value))}`;
  });
}

/** Set every header named `name` (case-insensitive) to f(value). */
export function mapHeader(w: WireRequest, name: string, f: (v: string) => string): WireRequest {
  return withHeaders(
    w,
    w.headers.map(([n, v]) => [n, n.toLowerCase() === name ? f(v) : v] as const),
  );
}

export function headerOf(w: WireRequest, name: string): string | undefined {
  return w.headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

/** Deterministic PRNG (mulberry32) for the fuzz loops. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
