/** Replicas (and restarts) on one database must share the master key; a mismatch stops start-up. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { checkMasterKey } from '../../src/config/master-key-check.js';
import { keyringFrom } from '../../src/lib/keyring.js';
import { openStore } from '../../src/store/open.js';

describe('master key check', () => {
  it('the first key is recorded; the same key passes again; another key is refused', async () => {
    const { store } = await openStore('sqlite::memory:');
    try {
      const key = randomBytes(32);
      await checkMasterKey(store.meta, keyringFrom(key));
      await checkMasterKey(store.meta, keyringFrom(Buffer.from(key)));
      await expect(checkMasterKey(store.meta, keyringFrom(randomBytes(32)))).rejects.toThrow(
        /every replica must use the same key/,
      );
    } finally {
      await store.close();
    }
  });

  it('createApp refuses a database set up under another master key', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-keycheck-'));
    const settings = loadSettings(
      {},
      { RESDIR_PORT: '0', RESDIR_DATA_DIR: dir, RESDIR_DATABASE_URL: `sqlite:${path.join(dir, 'r.db')}` },
    );
    const quiet = new Writable({ write: (_c, _e, cb) => cb() });
    try {
      const first = await createApp({ settings, masterKey: randomBytes(32), logStream: quiet });
      await first.close();
      await expect(createApp({ settings, masterKey: randomBytes(32), logStream: quiet })).rejects.toThrow(
        /not the one this database was set up with/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
