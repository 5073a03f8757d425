import { describe, expect, it } from 'vitest';
import { effectiveStatus, targetTypeOf } from '../../src/domain/directory/control-policy-rules.js';

describe('control policy switch', () => {
  it('a Pending status reads as its end state once the delay has passed, not before', () => {
    expect(effectiveStatus({ status: 'PendingEnable', changedAt: 1000 }, 5999, 5000)).toBe('PendingEnable');
    expect(effectiveStatus({ status: 'PendingEnable', changedAt: 1000 }, 6000, 5000)).toBe('Enabled');
    expect(effectiveStatus({ status: 'PendingDisable', changedAt: 1000 }, 5999, 5000)).toBe('PendingDisable');
    expect(effectiveStatus({ status: 'PendingDisable', changedAt: 1000 }, 6000, 5000)).toBe('Disabled');
    expect(effectiveStatus({ status: 'PendingEnable', changedAt: null }, 0, 5000)).toBe('Enabled');
    expect(effectiveStatus({ status: 'Disabled', changedAt: null }, 0, 0)).toBe('Disabled');
    expect(effectiveStatus({ status: 'Enabled', changedAt: 1 }, 0, 0)).toBe('Enabled');
  });

  it('tells members from folders by the shape of the ID', () => {
    expect(targetTypeOf('1234567890123456')).toBe('Account');
    expect(targetTypeOf('r-abc123')).toBe('Folder');
    expect(targetTypeOf('fd-AbCdEf1234')).toBe('Folder');
  });
});
