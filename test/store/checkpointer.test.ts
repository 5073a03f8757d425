/**
 * WAL checkpoints run off the request path: automatic checkpoints are off, and once the WAL holds
 * more than a megabyte a worker thread copies it back into the database file on its own connection.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/ports.js';
import { auditEvent, T0 } from './fixtures.js';

describe('WAL checkpoints', () => {
  let store: Store | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await store?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a grown WAL is copied into the database file by the checkpoint thread, not by a commit', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-checkpoint-'));
    const file = path.join(dir, 'resdir.db');
    store = (await openStore(`sqlite:${file}`)).store;
    const before = fs.statSync(file).size;
    const detail = 'x'.repeat(2_000);
    for (let i = 0; i < 1_500; i++) await store.audit.append(auditEvent({ time: T0 + i, detail }));
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(1024 * 1024);
    // No commit checkpointed: the rows are in the WAL only.
    expect(fs.statSync(file).size).toBe(before);
    const deadline = Date.now() + 15_000;
    while (fs.statSync(file).size < before + 2_000_000 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(fs.statSync(file).size).toBeGreaterThan(before + 2_000_000);
  });

  it('under writes that never pause, the WAL is still restarted: its file stays bounded', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-checkpoint-'));
    const file = path.join(dir, 'resdir.db');
    store = (await openStore(`sqlite:${file}`)).store;
    const detail = 'x'.repeat(2_000);
    // 240 MB of rows, 16 appends always in flight. Without the restart the WAL only grows (it
    // outgrew the rows themselves: over 500 MB for 160 MB of rows); with it, it is cut back to
    // journal_size_limit (64 MiB) each time it restarted beyond that.
    const goal = 120_000;
    let written = 0;
    const lane = async () => {
      while (written < goal) await store!.audit.append(auditEvent({ time: T0 + written++, detail }));
    };
    await Promise.all(Array.from({ length: 16 }, lane));
    expect(fs.statSync(`${file}-wal`).size).toBeLessThan(goal * 2_000);
  });
});
