/** Identifier shapes and the pooled randomness behind them. */
import { describe, expect, it } from 'vitest';
import {
  newAccessKeyId,
  newAccessKeySecret,
  newAccountId,
  newDirectoryId,
  newFolderId,
  newRequestId,
  randomHex,
  timeOrderedId,
} from '../../src/lib/ids.js';

describe('ids', () => {
  it('keep their documented shapes', () => {
    for (let i = 0; i < 200; i++) {
      expect(newAccountId()).toMatch(/^[1-9]\d{15}$/);
      expect(newDirectoryId()).toMatch(/^rd-[a-z0-9]{6}$/);
      expect(newFolderId()).toMatch(/^fd-[A-Za-z0-9]{10}$/);
      expect(newAccessKeyId()).toMatch(/^LTAI5t[A-Za-z0-9]{18}$/);
      expect(newAccessKeySecret()).toMatch(/^[A-Za-z0-9]{30}$/);
      expect(newRequestId()).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    }
    expect(timeOrderedId(0x123)).toMatch(/^000000000123[0-9a-f]{16}$/);
  });

  it('never hand out the same pooled bytes twice, across refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) seen.add(randomHex(8)); // ~6 pool refills
    expect(seen.size).toBe(3000);
    expect(randomHex(4096)).toMatch(/^[0-9a-f]{8192}$/);
  });

  it('order time-ordered ids by their millisecond first', () => {
    expect(timeOrderedId(1000) < timeOrderedId(1001)).toBe(true);
  });

  it('draw every symbol of an alphabet', () => {
    const chars = new Set(
      Array.from({ length: 400 }, () => newAccessKeySecret())
        .join('')
        .split(''),
    );
    expect(chars.size).toBe(62);
  });
});
