/**
 * Keeps README.md true: its SDK session, saved VERBATIM under the file name the README gives and
 * run with the command it gives, works against a live resdir. The script runs in a fresh directory
 * holding `.resdir/bootstrap.json` (pointing at the test server) and a `node_modules` link to the
 * repository's, so its ESM imports resolve as they would after the README's `npm i`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startResdir, type Harness } from './support/harness.js';
import { writeBootstrapFile } from '../src/bootstrap.js';

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await startResdir();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-readme-'));
});
afterAll(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('the README session (send, inbox, bind, GetAccount) runs verbatim as the file it names', async () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## A complete session with the official SDK'));
  const command = /```sh\n[\s\S]*?^node (\S+\.mjs)$[\s\S]*?```/m.exec(section);
  expect(command, 'the README shows `node <file>.mjs`').not.toBeNull();
  const fileName = command![1]!;
  const block = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  expect(block).toBeDefined();
  expect(block).toContain(`// ${fileName}`);

  writeBootstrapFile(path.join(dir, '.resdir'), h.boot);
  fs.symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, fileName), block!);
  const { stdout } = await promisify(execFile)(process.execPath, [fileName], { cwd: dir, timeout: 20_000 });
  expect(stdout).toContain('ResourceAccount');
  expect(stdout).toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
  const bound = await fetch(`${h.url}/_resdir/sms?to=1-2025550123`);
  expect(((await bound.json()) as { messages: unknown[] }).messages).toHaveLength(1);
});
