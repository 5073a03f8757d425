import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorsMarkdown, operationsMarkdown } from '../src/tools/docs.js';
import { ERROR_CATALOG, isErrorCode } from '../src/errors/catalog.js';
import { ALL_OPERATIONS } from '../src/operations/registry.js';

describe('generated docs and the error catalog', () => {
  it('docs/errors.md matches the catalog (run npm run docs)', () => {
    expect(fs.readFileSync('docs/errors.md', 'utf8')).toBe(errorsMarkdown());
  });
  it('docs/operations.md matches the operation specs (run npm run docs)', () => {
    expect(fs.readFileSync('docs/operations.md', 'utf8')).toBe(operationsMarkdown());
  });
  it('every declared error code exists in the catalog with a 4xx/5xx status', () => {
    for (const op of ALL_OPERATIONS) for (const c of op.errors) expect(isErrorCode(c), `${op.action}: ${c}`).toBe(true);
    for (const [code, e] of Object.entries(ERROR_CATALOG)) {
      expect(e.status, code).toBeGreaterThanOrEqual(400);
      expect(e.status, code).toBeLessThan(600);
      expect(e.message.length, code).toBeGreaterThan(10);
    }
  });
  it('every operation has the RAM action and the versions of its product', () => {
    const products = {
      ResourceManager: { prefix: 'resourcemanager', versions: ['2020-03-31', '2022-04-19'] },
      Ram: { prefix: 'ram', versions: ['2015-05-01'] },
      Sts: { prefix: 'sts', versions: ['2015-04-01'] },
      Actiontrail: { prefix: 'actiontrail', versions: ['2020-07-06'] },
    } as const;
    for (const op of ALL_OPERATIONS) {
      const p = products[op.product];
      expect(op.ramAction, op.action).toBe(`${p.prefix}:${op.action}`);
      // Every version of the product, or a subset where Alibaba retired an operation (2020-only ones).
      expect(op.versions.length, op.action).toBeGreaterThan(0);
      expect(p.versions, op.action).toEqual(expect.arrayContaining([...op.versions]));
    }
    expect(ALL_OPERATIONS.filter((op) => op.product === 'Actiontrail').map((op) => op.action)).toEqual([
      'LookupEvents',
    ]);
  });
});
