/**
 * The body reader keeps the shared budget exact: bytes count while a body is received and are
 * given back when it completes, is refused, or its connection goes away.
 */
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyBudget, BodyBudgetExceeded, BodyTooLarge, BodyUnreadable, readBody } from '../../src/http/body-reader.js';

function request(contentLength?: number): PassThrough & IncomingMessage {
  const s = new PassThrough() as PassThrough & IncomingMessage;
  (s as { headers: Record<string, string> }).headers =
    contentLength === undefined ? {} : { 'content-length': String(contentLength) };
  return s;
}

function read(req: IncomingMessage, limit: number, budget: BodyBudget) {
  return new Promise<{ err: Error | null; body?: Buffer }>((resolve) =>
    readBody(req, limit, budget, (err, body) => resolve({ err, body })),
  );
}

describe('readBody', () => {
  it('returns the body and gives its bytes back', async () => {
    const budget = new BodyBudget(100);
    const req = request(6);
    const r = read(req, 50, budget);
    req.write('abc');
    await new Promise((x) => setImmediate(x));
    expect(budget.bytesHeld).toBe(3);
    req.end('def');
    expect((await r).body?.toString()).toBe('abcdef');
    expect(budget.bytesHeld).toBe(0);
  });

  it('refuses a body beyond the shared budget, and others may then use it', async () => {
    const budget = new BodyBudget(10);
    const first = request(8);
    const a = read(first, 50, budget);
    first.write('12345678');
    await new Promise((x) => setImmediate(x));
    const second = request(8);
    const b = read(second, 50, budget);
    second.write('12345678');
    expect((await b).err).toBeInstanceOf(BodyBudgetExceeded);
    expect(budget.bytesHeld).toBe(8);
    first.end();
    expect((await a).body?.length).toBe(8);
    expect(budget.bytesHeld).toBe(0);
  });

  it('refuses a body over the limit, announced or not', async () => {
    const budget = new BodyBudget(100);
    expect((await read(request(60), 50, budget)).err).toBeInstanceOf(BodyTooLarge);
    const req = request();
    const r = read(req, 5, budget);
    req.write('123456');
    expect((await r).err).toBeInstanceOf(BodyTooLarge);
    expect(budget.bytesHeld).toBe(0);
  });

  it('gives the bytes back when the connection goes away or the length is wrong', async () => {
    const budget = new BodyBudget(100);
    const cut = request(50);
    const r = read(cut, 50, budget);
    cut.write('12345');
    await new Promise((x) => setImmediate(x));
    cut.destroy();
    expect((await r).err).toBeInstanceOf(BodyUnreadable);
    const short = request(9);
    const s = read(short, 50, budget);
    short.end('123');
    expect((await s).err).toBeInstanceOf(BodyUnreadable);
    expect(budget.bytesHeld).toBe(0);
  });
});
