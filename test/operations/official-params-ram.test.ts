/**
 * RAM operations that declare their official parameters: the 2015-05-01 list equals the SDK's
 * request model (an operation without a request model takes no parameters), and every official
 * parameter is implemented or refused by name.
 */
import { describe, expect, it } from 'vitest';
import { ramModels } from '../support/clients.js';
import { ramOperations } from '../../src/operations/ram/index.js';

const declared = ramOperations.filter((op) => op.officialParams?.['2015-05-01'] !== undefined);

describe('official parameters of the RAM operations', () => {
  it('the MFA, security preference, key use, diagnostic and tag operations declare them', () => {
    const names = new Set(declared.map((op) => op.action));
    for (const action of [
      'BindMFADevice',
      'CreateVirtualMFADevice',
      'DeleteVirtualMFADevice',
      'GetUserMFAInfo',
      'ListVirtualMFADevices',
      'UnbindMFADevice',
      'GetSecurityPreference',
      'SetSecurityPreference',
      'GetAccessKeyLastUsed',
      'DecodeDiagnosticMessage',
      'TagResources',
      'UntagResources',
      'ListTagResources',
    ])
      expect(names.has(action), action).toBe(true);
  });

  it.each(declared.map((op) => ({ op, name: op.action })))('$name: the list equals the SDK request model', ({ op }) => {
    const model = (ramModels as Record<string, unknown>)[`${op.action}Request`] as
      | { names(): Record<string, string> }
      | undefined;
    const sdk = model ? Object.values(model.names()).sort() : [];
    expect([...(op.officialParams?.['2015-05-01'] ?? [])].sort()).toEqual(sdk);
  });

  it.each(declared.map((op) => ({ op, name: op.action })))('$name: each is implemented or refused', ({ op }) => {
    const implemented = new Set(Object.keys(op.input.properties));
    for (const name of op.officialParams?.['2015-05-01'] ?? []) {
      if (implemented.has(name)) continue;
      const r = op.bind({ [name]: 'x' });
      expect(!r.ok && r.error.code === 'UnsupportedParameter', `${op.action} ${name}`).toBe(true);
    }
  });
});
