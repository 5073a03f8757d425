import { describe, expect, it } from 'vitest';
import { evaluate, globMatch } from '../../src/auth/policy/evaluate.js';
import { SYSTEM_POLICIES } from '../../src/auth/policy/document.js';

const full = SYSTEM_POLICIES['AliyunResourceDirectoryFullAccess']!;
const ro = SYSTEM_POLICIES['AliyunResourceDirectoryReadOnlyAccess']!;

describe('policy evaluation', () => {
  it('globs', () => {
    expect(globMatch('resourcemanager:*', 'resourcemanager:BindSecureMobilePhone', true)).toBe(true);
    expect(globMatch('ResourceManager:get*', 'resourcemanager:GetAccount', true)).toBe(true);
    expect(globMatch('resourcemanager:Get?ccount', 'resourcemanager:GetAccount', true)).toBe(true);
    expect(globMatch('ram:*', 'resourcemanager:GetAccount', true)).toBe(false);
    expect(globMatch('acs:x:*', 'acs:y:1', false)).toBe(false);
  });
  it('FullAccess allows every resourcemanager action; ReadOnly only Get/List', () => {
    expect(evaluate([full], 'resourcemanager:SendVerificationCodeForBindSecureMobilePhone', '*')).toBe('allow');
    expect(evaluate([ro], 'resourcemanager:GetAccount', '*')).toBe('allow');
    expect(evaluate([ro], 'resourcemanager:BindSecureMobilePhone', '*')).toBe('implicit-deny');
    expect(evaluate([], 'resourcemanager:GetAccount', '*')).toBe('implicit-deny');
  });
  it('an explicit Deny beats an Allow', () => {
    const deny = { Version: '1' as const, Statement: [{ Effect: 'Deny' as const, Action: 'resourcemanager:BindSecureMobilePhone', Resource: '*' }] };
    expect(evaluate([full, deny], 'resourcemanager:BindSecureMobilePhone', 'acs:resourcemanager::1:account/*')).toBe('explicit-deny');
    expect(evaluate([full, deny], 'resourcemanager:GetAccount', '*')).toBe('allow');
  });
});
