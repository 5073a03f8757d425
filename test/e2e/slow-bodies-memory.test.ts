/**
 * Memory stays bounded and comes back under slow uploads: resdir runs as a child process, and its
 * resident set size (Linux /proc) is sampled before, during and after hundreds of uploads that
 * each announce and send most of a large body and then stall. Request bodies held in memory are
 * bounded by RESDIR_HTTP_BODY_BUFFER_BYTES (set small here), so the process never grows by more
 * than a generous margin over its baseline, and a normal call is served once the stalled uploads
 * are cut. Only memory bounds are asserted, never how long anything takes.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startChild, type Child } from '../support/child.js';

const MiB = 1024 * 1024;
const UPLOADS = 300;
/** Each upload: Content-Length just under the 1 MiB body limit; all of it but the last bytes sent. */
const ANNOUNCED = 1000 * 1024;
const SENT = 900 * 1024;
/** 300 stalled uploads offer ~264 MiB: far beyond the margin, had every body been buffered. */
const MARGIN = 64 * MiB;

let dataDir: string;
let child: Child | undefined;
beforeAll(async () => {
  ensureBuilt();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-slow-memory-'));
  child = await startChild({
    RESDIR_PORT: '0',
    RESDIR_DATA_DIR: dataDir,
    RESDIR_MASTER_KEY: randomBytes(32).toString('base64'),
    RESDIR_LIMITS: 'off',
    RESDIR_LOG_LEVEL: 'warn',
    RESDIR_HTTP_REQUEST_TIMEOUT_MS: '3000',
    RESDIR_HTTP_HEADERS_TIMEOUT_MS: '1000',
    RESDIR_HTTP_MAX_CONNECTIONS: '1000',
    RESDIR_HTTP_BODY_BUFFER_BYTES: String(4 * MiB),
  });
}, 120_000);
afterAll(() => {
  if (child && child.proc.exitCode === null) child.proc.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The child's resident set size in bytes. */
const rss = (): number => {
  const status = fs.readFileSync(`/proc/${child!.proc.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)![1]) * 1024;
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens a connection that announces ANNOUNCED bytes, sends SENT, and waits; resolves with the answer. */
function stalledUpload(port: number, body: Buffer): Promise<string> {
  const s = net.connect(port, '127.0.0.1');
  let answer = '';
  s.on('data', (d) => (answer += d.toString('latin1')));
  s.on('error', () => undefined);
  s.write(
    'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      `Content-Length: ${ANNOUNCED}\r\n\r\n`,
  );
  s.write(body);
  return new Promise((resolve) => s.on('close', () => resolve(answer)));
}

// Linux only (/proc); the store plays no part, so the PostgreSQL project skips it.
describe.skipIf(process.platform !== 'linux' || process.env.RESDIR_TEST_DATABASE === 'postgres')(
  'memory under slow uploads',
  () => {
    it('stays within a margin of the baseline while uploads stall, and after they are cut', async () => {
      const url = child!.url;
      for (let i = 0; i < 30; i++) await (await fetch(`${url}/_resdir/health`)).arrayBuffer();
      await pause(500);
      const baseline = rss();

      const body = Buffer.alloc(SENT, 'a');
      const port = Number(new URL(url).port);
      const answers = Array.from({ length: UPLOADS }, () => stalledUpload(port, body));
      let settled = false;
      const all = Promise.all(answers).then((a) => {
        settled = true;
        return a;
      });
      let peak = 0;
      while (!settled) {
        peak = Math.max(peak, rss());
        await pause(50);
      }
      const statuses = (await all).map((a) => /^HTTP\/1\.1 (\d{3})/.exec(a)?.[1] ?? 'closed');
      // Each stalled upload was refused for the shared buffer (503) or cut by the request timeout (408).
      expect(statuses.filter((s) => !['503', '408', 'closed'].includes(s))).toEqual([]);
      expect(statuses).toContain('503');

      expect((await fetch(`${url}/_resdir/health`)).status).toBe(200);
      const after = rss();
      const report = `baseline ${baseline / MiB} MiB, peak ${peak / MiB} MiB, after ${after / MiB} MiB`;
      expect(peak - baseline, report).toBeLessThan(MARGIN);
      expect(after - baseline, report).toBeLessThan(MARGIN);
    });
  },
);
