/**
 * Each Resource Directory operation lists the official API's parameters in its spec; the
 * 2020-03-31 list must equal the official SDK's request model, and every official parameter is
 * either declared by the input schema (implemented) or refused by name.
 */
import { describe, expect, it } from 'vitest';
import { rmModels } from '../support/clients.js';
import { resourceDirectoryOperations } from '../../src/operations/resourcedirectory/index.js';

describe('official parameters of the Resource Directory operations', () => {
  it.each(resourceDirectoryOperations.map((op) => ({ op, name: op.action })))(
    '$name: the 2020-03-31 list equals the SDK request model',
    ({ op }) => {
      const model = rmModels[`${op.action}Request`] as { names(): Record<string, string> } | undefined;
      const sdk = model ? Object.values(model.names()).sort() : [];
      expect(op.officialParams?.['2020-03-31'], `${op.action} declares no officialParams`).toBeDefined();
      expect([...(op.officialParams?.['2020-03-31'] ?? [])].sort()).toEqual(sdk);
    },
  );

  it.each(resourceDirectoryOperations.map((op) => ({ op, name: op.action })))(
    '$name: every official parameter is implemented or refused by name',
    ({ op }) => {
      const declared = new Set(Object.keys(op.input.properties));
      for (const name of Object.values(op.officialParams ?? {}).flat()) {
        const r = op.bind({ [name]: 'x' });
        if (declared.has(name)) continue;
        expect(r.ok, `${op.action} accepted ${name}`).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('UnsupportedParameter');
          expect(r.error.message).toContain(`"${name}"`);
        }
        const listForm = op.bind({ [`${name}.1.Key`]: 'k' });
        expect(!listForm.ok && listForm.error.code === 'UnsupportedParameter').toBe(true);
      }
    },
  );
});
