/**
 * The coverage report: every official operation of each served API with `served` from the registry,
 * docs/coverage.md kept fresh, `resdir coverage --json`, and the answer to an official operation that
 * resdir does not serve yet.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageMarkdown, coverageRows, coverageSummary } from '../src/coverage/coverage.js';
import { readBlock } from '../src/tools/readme-blocks.js';
import { readOfficialApis } from '../src/coverage/official.js';
import { ALL_OPERATIONS, OperationRegistry } from '../src/operations/registry.js';
import { coreClient } from './support/clients.js';
import { type Harness, startResdir } from './support/harness.js';
import { refusedWith } from './support/sdk-error.js';

const registry = new OperationRegistry();

describe('coverage report', () => {
  it('docs/coverage.md matches the registry and the official lists (run npm run docs)', () => {
    expect(fs.readFileSync('docs/coverage.md', 'utf8')).toBe(coverageMarkdown(registry));
  });

  it("the README's coverage table matches (run npm run docs)", () => {
    expect(readBlock(fs.readFileSync('README.md', 'utf8'), 'coverage')).toBe(coverageSummary(registry));
  });

  it('lists each served API once, and every operation resdir serves is an official one', () => {
    const apis = readOfficialApis();
    expect(apis.map((a) => `${a.product} ${a.version}`)).toEqual([
      'ResourceManager 2020-03-31',
      'Ram 2015-05-01',
      'Sts 2015-04-01',
      'ResourceDirectoryMaster 2022-04-19',
      'Actiontrail 2020-07-06',
    ]);
    const official = new Set(apis.flatMap((a) => a.actions.map((x) => `${a.version} ${x}`)));
    for (const op of ALL_OPERATIONS) {
      for (const v of op.versions) expect(official.has(`${v} ${op.action}`), `${v} ${op.action}`).toBe(true);
    }
  });

  it('served comes from the registry: a registry without an operation reports it missing', () => {
    const rows = coverageRows(registry);
    const send = rows.find((r) => r.version === '2020-03-31' && r.action === 'BindSecureMobilePhone');
    expect(send?.served).toBe(true);
    const without = new OperationRegistry(ALL_OPERATIONS.filter((op) => op.action !== 'BindSecureMobilePhone'));
    const after = coverageRows(without).find((r) => r.version === '2020-03-31' && r.action === 'BindSecureMobilePhone');
    expect(after?.served).toBe(false);
    const servedCount = rows.filter((r) => r.served).length;
    expect(servedCount).toBe(ALL_OPERATIONS.reduce((n, op) => n + op.versions.length, 0));
  });

  it('resdir coverage --json prints {product, version, action, served} for every official operation', () => {
    const out = execFileSync(process.execPath, ['bin/resdir.js', 'coverage', '--json'], { encoding: 'utf8' });
    const rows = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(rows).toEqual(coverageRows(registry));
    expect(Object.keys(rows[0] ?? {})).toEqual(['product', 'version', 'action', 'served']);
  });
});

describe('an official operation resdir does not serve', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startResdir();
  });
  afterAll(() => h.close());

  it('answers InvalidAction.NotFound saying resdir does not implement it yet', async () => {
    const missing = coverageRows(registry).find((r) => !r.served && r.version === '2020-07-06');
    expect(missing).toBeDefined();
    const c = coreClient(h.host, h.boot.admin);
    const e = await refusedWith(c.call(missing!.action, {}, '2020-07-06'), 'InvalidAction.NotFound', 404);
    expect(e.data.Message).toContain(`resdir does not implement ${missing!.action}`);
  });

  it('an action that does not exist at all gets the plain not-found message', async () => {
    const c = coreClient(h.host, h.boot.admin);
    const e = await refusedWith(c.call('NoSuchActionAnywhere', {}, '2020-07-06'), 'InvalidAction.NotFound', 404);
    expect(e.data.Message).not.toContain('does not implement');
  });
});
