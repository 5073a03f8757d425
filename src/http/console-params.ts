import type { FastifyReply } from 'fastify';

/**
 * Query and path values of the console's JSON endpoints. A value is a string of at most 256
 * printable characters (no control characters, which PostgreSQL would refuse as text); anything
 * else is answered 400 by the caller.
 */
export type Params = Record<string, unknown>;

const PRINTABLE = /^[^\p{Cc}]{0,256}$/u;

export class BadParam extends Error {
  constructor(
    readonly param: string,
    readonly hint: string,
  ) {
    super(`${param} ${hint}`);
  }
}

/** The value of `name`, or undefined when absent or empty; throws BadParam when it is not a printable string. */
export function optional(q: Params, name: string, pattern?: RegExp, hint = 'is malformed'): string | undefined {
  const v = q[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !PRINTABLE.test(v))
    throw new BadParam(name, 'must be printable text of at most 256 characters');
  if (pattern && !pattern.test(v)) throw new BadParam(name, hint);
  return v;
}

export function required(q: Params, name: string, pattern: RegExp, hint: string): string {
  const v = optional(q, name, pattern, hint);
  if (v === undefined) throw new BadParam(name, 'is required');
  return v;
}

export function wholeNumber(q: Params, name: string, min: number, max: number, dflt: number): number {
  const v = optional(q, name, /^\d{1,6}$/, `must be a whole number from ${min} to ${max}`);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (n < min || n > max) throw new BadParam(name, `must be a whole number from ${min} to ${max}`);
  return n;
}

/** Answers a BadParam as 400 `{error:'invalid-parameter', message}`; rethrows anything else. */
export function badRequest(reply: FastifyReply, e: unknown) {
  if (e instanceof BadParam) return reply.code(400).send({ error: 'invalid-parameter', message: e.message });
  throw e;
}

export const notFound = (reply: FastifyReply, what: string) =>
  reply.code(404).send({ error: 'not-found', message: `${what} does not exist` });

export const ACCOUNT_ID = /^\d{1,32}$/;
export const DIRECTORY_ID = /^rd-[A-Za-z0-9]{1,32}$/;
