/**
 * Repeated parameters (Name.N, Name.N.Field) are gathered in index order from the wire form, and
 * the tag rules hold at their boundaries.
 */
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { validateInput } from '../../src/operations/validate.js';
import { keysToRemove, tagFilter, tagsToSet } from '../../src/domain/directory/tag-rules.js';

const schema = Type.Object({
  Id: Type.Array(Type.String({ pattern: '^[0-9]+$' }), { maxItems: 3 }),
  Tag: Type.Optional(
    Type.Array(Type.Object({ Key: Type.Optional(Type.String()), Value: Type.Optional(Type.String()) }), {
      maxItems: 2,
    }),
  ),
});
const codes = { Id: { missing: 'MissingParameter.ResourceId', invalid: 'InvalidParameter.ResourceId' } } as const;
const run = (p: Record<string, string>) => validateInput(schema, codes, p);

describe('list parameters', () => {
  it('gathers entries in index order, with gaps, skipping empty ones', () => {
    const r = run({ 'Id.3': '3', 'Id.1': '1', 'Id.2': '', 'Tag.2.Key': 'b', 'Tag.1.Key': 'a', 'Tag.1.Value': '' });
    expect(r).toEqual({ ok: true, value: { Id: ['1', '3'], Tag: [{ Key: 'a', Value: '' }, { Key: 'b' }] } });
  });

  it('a required list without entries is missing; an optional one is absent', () => {
    expect(run({})).toMatchObject({ ok: false, error: { code: 'MissingParameter.ResourceId' } });
    expect(run({ 'Id.1': '' })).toMatchObject({ ok: false, error: { code: 'MissingParameter.ResourceId' } });
    expect(run({ 'Id.1': '7' })).toEqual({ ok: true, value: { Id: ['7'] } });
  });

  it.each([
    [{ Id: '1' }],
    [{ 'Id.0': '1' }],
    [{ 'Id.4': '1' }],
    [{ 'Id.x': '1' }],
    [{ 'Id.1.Key': '1' }],
    [{ 'Id.01': '1' }],
    [{ 'Id.1': 'abc' }],
    [{ 'Id.99999': '1' }],
  ])('refuses %j with the list code', (p) => {
    expect(run(p)).toMatchObject({ ok: false, error: { code: 'InvalidParameter.ResourceId' } });
  });

  it('refuses unknown fields, indexes past the maximum and a bare object list', () => {
    const cases: Array<Record<string, string>> = [
      { 'Tag.1.Colour': 'x' },
      { 'Tag.3.Key': 'x' },
      { Tag: 'k=v' },
      { 'Tag.1': 'x' },
    ];
    for (const p of cases) {
      expect(run({ 'Id.1': '1', ...p })).toMatchObject({ ok: false, error: { code: 'InvalidParameter' } });
    }
  });
});

describe('tag rules', () => {
  it('keys and values at their limits', () => {
    expect(tagsToSet([{ Key: 'k'.repeat(128), Value: 'v'.repeat(128) }]).ok).toBe(true);
    expect(tagsToSet([{ Key: '😀'.repeat(128) }]).ok).toBe(true);
    expect(tagsToSet([{ Key: 'k'.repeat(129) }])).toMatchObject({ error: { code: 'InvalidParameter.TagKey' } });
    expect(tagsToSet([{ Key: 'k', Value: 'v'.repeat(129) }])).toMatchObject({
      error: { code: 'InvalidParameter.TagValue' },
    });
    for (const Key of ['', 'aliyun', 'ALIYUNx', 'acs:k', 'HTTPS://x', 'a\u200bb', 'a\tb']) {
      expect(tagsToSet([{ Key }]), Key).toMatchObject({ error: { code: 'InvalidParameter.TagKey' } });
    }
    for (const Value of ['acs:x', 'Acs:x', 'x http://y']) {
      expect(tagsToSet([{ Key: 'k', Value }]), Value).toMatchObject({ error: { code: 'InvalidParameter.TagValue' } });
    }
    expect(tagsToSet([{ Key: 'k', Value: 'aliyun' }]).ok).toBe(true);
    expect(tagsToSet([{ Key: 'k' }, { Key: 'k' }])).toMatchObject({ error: { code: 'InvalidParameter.Tag' } });
    const many = Array.from({ length: 21 }, (_, i) => ({ Key: `k${i}` }));
    expect(tagsToSet(many)).toMatchObject({ error: { code: 'InvalidParameter.Tag' } });
  });

  it('filters keep an absent value absent; removal dedupes keys', () => {
    expect(tagFilter([{ Key: 'a' }, { Key: 'b', Value: '' }])).toEqual({
      ok: true,
      value: [{ key: 'a' }, { key: 'b', value: '' }],
    });
    expect(tagFilter(undefined)).toEqual({ ok: true, value: undefined });
    expect(tagFilter([{ Value: 'v' }])).toMatchObject({ error: { code: 'InvalidParameter.TagKey' } });
    expect(keysToRemove(['a', 'a', 'b'])).toEqual({ ok: true, value: ['a', 'b'] });
  });
});
