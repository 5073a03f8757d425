/**
 * Every parameter of every operation has a bounded length in its schema, so that validation —
 * which runs before the resource ARN is built and before any policy is evaluated — refuses an
 * oversized value at once. The parameters that name the authorized entity carry their documented
 * limits exactly (kept here as data).
 */
import { describe, expect, it } from 'vitest';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ALL_OPERATIONS } from '../../src/operations/registry.js';

/** Documented longest value of the parameters that name an entity in a resource ARN. */
const LIMITS: Record<string, number> = {
  UserName: 64,
  NewUserName: 64,
  RoleName: 64,
  GroupName: 64,
  PolicyName: 128,
  AccountId: 16,
  RoleArn: 256,
};

const shapes = (ch: string, n: number) => [
  ch.repeat(n),
  `${'1'.repeat(n)}`,
  `acs:ram::1234567890123456:role/${'a'.repeat(n)}`,
];

describe('parameter lengths', () => {
  for (const op of ALL_OPERATIONS) {
    const props: Record<string, TSchema> = op.input.properties;
    it(`${op.product} ${op.action}: no parameter accepts 1,000,000 characters`, () => {
      for (const [name, schema] of Object.entries(props)) {
        for (const v of shapes('a', 1_000_000)) expect(Value.Check(schema, v), `${op.action}.${name}`).toBe(false);
        const bound = op.bind({ [name]: 'a'.repeat(1_000_000) });
        expect(bound.ok, `${op.action}.${name}`).toBe(false);
      }
    });
  }

  it('entity names carry their documented limits', () => {
    let checked = 0;
    for (const op of ALL_OPERATIONS) {
      const props: Record<string, TSchema> = op.input.properties;
      for (const [name, max] of Object.entries(LIMITS)) {
        const schema = props[name];
        if (!schema) continue;
        checked++;
        const valid = name === 'AccountId' ? '1'.repeat(max) : name === 'RoleArn' ? null : 'a'.repeat(max);
        if (valid !== null) expect(Value.Check(schema, valid), `${op.action}.${name} at ${max}`).toBe(true);
        const over = name === 'AccountId' ? '1'.repeat(max + 1) : 'a'.repeat(max + 1);
        expect(Value.Check(schema, over), `${op.action}.${name} over ${max}`).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(25);
  });
});
