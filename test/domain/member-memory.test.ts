/** MemberMemory: bounded, oldest out first; once full, one newcomer in ADMIT_ONE_IN gets in. */
import { expect, it } from 'vitest';
import { ADMIT_ONE_IN, MemberMemory } from '../../src/domain/directory/member-memory.js';
import type { MemberLookup } from '../../src/store/ports.js';

const found = (id: string): MemberLookup =>
  ({ accountExists: true, member: { account_id: id } as MemberLookup['member'], folderChain: [] }) as MemberLookup;
const missing: MemberLookup = { accountExists: true, member: undefined, folderChain: [] };

it('keeps found members up to its bound, then lets one newcomer in ADMIT_ONE_IN replace the oldest', () => {
  const m = new MemberMemory(3);
  for (const id of ['a', 'b', 'c']) m.set(id, found(id));
  for (let i = 1; i < ADMIT_ONE_IN; i++) m.set(`n${i}`, found(`n${i}`));
  expect(['a', 'b', 'c'].map((id) => m.get(id) !== undefined)).toEqual([true, true, true]);
  expect(m.get('n1')).toBeUndefined();
  m.set('last', found('last'));
  expect(m.get('last')?.member?.account_id).toBe('last');
  expect(m.get('a')).toBeUndefined(); // the oldest left
  expect(m.get('b')).toBeDefined();
});

it('a member already kept is always refreshed, and a lookup that found none forgets it', () => {
  const m = new MemberMemory(2);
  m.set('a', found('a'));
  m.set('b', found('b'));
  const fresh = found('a');
  m.set('a', fresh);
  expect(m.get('a')).toBe(fresh);
  m.set('b', missing);
  expect(m.get('b')).toBeUndefined();
  m.set('c', found('c')); // room again: admitted at once
  expect(m.get('c')).toBeDefined();
});
