import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The master key: RESDIR_MASTER_KEY when set, else `<data-dir>/master.key`, generated (mode 0600)
 * on first start. Returns the key and whether it was generated (production refuses that).
 */
export function loadMasterKey(fromEnv: string | undefined, dataDir: string): { key: Buffer; generated: boolean } {
  if (fromEnv) return { key: Buffer.from(fromEnv, 'base64'), generated: false };
  const file = path.join(dataDir, 'master.key');
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length < 32)
      throw new Error(`${file} holds fewer than 32 bytes of key material; delete it only if the store is empty`);
    return { key, generated: true };
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, generated: true };
}
