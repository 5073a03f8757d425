/** Logs are readable lines on a terminal and JSON otherwise. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { logDestination } from '../../src/lib/log-destination.js';

function capture(): { stream: Writable; text(): string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString('utf8');
      cb();
    },
  });
  return { stream, text: () => out };
}

describe('log destination', () => {
  it('a terminal gets human-readable lines: level name, message, fields; no JSON', async () => {
    const c = capture();
    const log = pino({ base: { service: 'resdir' } }, await logDestination(true, c.stream));
    log.info({ action: 'GetAccount', status: 200 }, 'request');
    const line = c.text();
    expect(line).toMatch(/INFO/);
    expect(line).toContain('request');
    expect(line).toMatch(/action: "GetAccount"/);
    expect(() => JSON.parse(line)).toThrow();
  });

  it('anything else gets one JSON object per line', async () => {
    const c = capture();
    const log = pino({ base: { service: 'resdir' } }, await logDestination(false, c.stream));
    log.info({ action: 'GetAccount' }, 'request');
    expect(JSON.parse(c.text())).toMatchObject({ level: 30, msg: 'request', action: 'GetAccount', service: 'resdir' });
  });
});
