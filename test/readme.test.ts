/** Keeps README.md true: its SDK session runs, as written, against a live resdir. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startResdir, type Harness } from './support/harness.js';
import { writeBootstrapFile } from '../src/bootstrap.js';

let h: Harness;
beforeAll(async () => {
  h = await startResdir();
});
afterAll(async () => {
  await h.close();
});

it('the README session (send, inbox, bind, GetAccount) works', async () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  const block = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const file = writeBootstrapFile(h.dataDir, h.boot);
  const code = block!.replaceAll("'.resdir/bootstrap.json'", JSON.stringify(file)).replaceAll('127.0.0.1:8080', h.host);
  expect(code).toContain(h.host);
  const script = path.join(h.dataDir, 'readme-session.cjs');
  fs.writeFileSync(
    script,
    `(async () => {\n${code}\nconsole.log('README-OK');\n})().catch((e) => { console.error(e); process.exit(1); });\n`,
  );
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, NODE_PATH: path.resolve('node_modules') },
    timeout: 20_000,
  });
  expect(stdout).toContain('README-OK');
  expect(stdout).toContain('ResourceAccount');
  expect(stdout).toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
});
