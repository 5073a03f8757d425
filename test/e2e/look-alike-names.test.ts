/**
 * Names people can confuse: RAM user names are unique regardless of case, Resource Directory
 * account name prefixes too; display names are stored in NFC (a compatibility ideograph and its
 * canonical form are one name); control characters and bidirectional overrides are refused in
 * names and free text. Through the official SDK's generic client, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';
import { coreClient } from '../support/clients.js';
import { refusedWith } from '../support/sdk-error.js';
import { printable } from '../../src/cli/escape.js';

let h: Harness;
let ram: (action: string, params: Record<string, string>) => Promise<Record<string, unknown>>;
let rd: ReturnType<typeof coreClient>;
beforeAll(async () => {
  h = await startResdir();
  const root = coreClient(h.host, h.boot.root);
  ram = (action, params) => root.call(action, params, '2015-05-01');
  rd = coreClient(h.host, h.boot.admin);
});
afterAll(async () => {
  await h.close();
});

describe('RAM user names are unique regardless of case', () => {
  it('CreateUser and a rename to a name differing only by case are refused; a user may recase itself', async () => {
    await ram('CreateUser', { UserName: 'Alice' });
    await refusedWith(ram('CreateUser', { UserName: 'alice' }), 'EntityAlreadyExists.User', 409);
    await refusedWith(ram('CreateUser', { UserName: 'ALICE' }), 'EntityAlreadyExists.User', 409);
    await ram('CreateUser', { UserName: 'bob' });
    await refusedWith(ram('UpdateUser', { UserName: 'bob', NewUserName: 'aLiCe' }), 'EntityAlreadyExists.User', 409);
    await ram('UpdateUser', { UserName: 'Alice', NewUserName: 'alice' });
    const got = (await ram('GetUser', { UserName: 'alice' })) as { User: { UserName: string } };
    expect(got.User.UserName).toBe('alice');
    expect(h.logs.join('')).not.toContain('internal error');
  });
});

describe('control characters and bidirectional overrides', () => {
  const HOSTILE = ['evil\u202Etxt.exe', 'two\nlines', 'tab\there', 'nul-free\u0007bell', 'iso\u2066late', 'rlm\u200F'];
  it('are refused in RAM display names, comments and descriptions, and nothing is created', async () => {
    for (const [i, bad] of HOSTILE.entries()) {
      await refusedWith(
        ram('CreateUser', { UserName: `u-${i}`, DisplayName: bad }),
        'InvalidParameter.DisplayName.InvalidChars',
        400,
      );
      await refusedWith(ram('CreateUser', { UserName: `u-${i}`, Comments: bad }), 'InvalidParameter', 400);
      await refusedWith(ram('CreateGroup', { GroupName: `g-${i}`, Comments: bad }), 'InvalidParameter', 400);
      await refusedWith(
        ram('CreatePolicy', {
          PolicyName: `p-${i}`,
          Description: bad,
          PolicyDocument: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"*"}]}',
        }),
        'InvalidParameter',
        400,
      );
      await refusedWith(
        ram('UpdateUser', { UserName: 'bob', NewDisplayName: bad }),
        'InvalidParameter.NewDisplayName.InvalidChars',
        400,
      );
      await refusedWith(ram('GetUser', { UserName: `u-${i}` }), 'EntityNotExist.User', 404);
    }
  });

  it('are refused in Resource Directory display names', async () => {
    for (const bad of HOSTILE)
      await refusedWith(rd.call('CreateResourceAccount', { DisplayName: bad }), 'InvalidParameter.Account.DisplayName');
  });

  it('Resource Directory display names that differ only by a leading or trailing space are refused', async () => {
    for (const bad of ['look alike ', ' look alike'])
      await refusedWith(rd.call('CreateResourceAccount', { DisplayName: bad }), 'InvalidParameter.Account.DisplayName');
    const ok = (await rd.call('CreateResourceAccount', { DisplayName: 'look alike' })) as {
      Account: { AccountId: string };
    };
    await refusedWith(
      rd.call('UpdateAccount', { AccountId: ok.Account.AccountId, NewDisplayName: 'look alike ' }),
      'InvalidParameter.Account.DisplayName',
    );
  });

  it('plain international text is still accepted', async () => {
    await ram('CreateUser', { UserName: 'intl', DisplayName: 'Zoë 中文 😀', Comments: 'café — ok' });
  });
});

describe('Resource Directory names', () => {
  it('AccountNamePrefix is compared without case (account names are stored in lower case)', async () => {
    const first = (await rd.call('CreateResourceAccount', {
      DisplayName: 'prefix one',
      AccountNamePrefix: 'Team-A',
    })) as {
      Account: { AccountName: string };
    };
    expect(first.Account.AccountName).toMatch(/^team-a@/);
    await refusedWith(
      rd.call('CreateResourceAccount', { DisplayName: 'prefix two', AccountNamePrefix: 'team-a' }),
      'EntityAlreadyExists.ResourceDirectory.Account',
    );
  });

  it('display names are stored in NFC: a compatibility ideograph and its canonical form are one name', async () => {
    const compat = 'member \uF900'; // CJK COMPATIBILITY IDEOGRAPH-F900, canonically U+8C48
    const made = (await rd.call('CreateResourceAccount', { DisplayName: compat })) as {
      Account: { DisplayName: string };
    };
    expect(made.Account.DisplayName).toBe('member \u8C48');
    await refusedWith(
      rd.call('CreateResourceAccount', { DisplayName: 'member \u8C48' }),
      'InvalidParameter.Account.DisplayName.AlreadyUsed',
    );
  });
});

describe('the CLI escapes what it displays', () => {
  it('controls and bidirectional overrides become visible escapes; other text is unchanged', () => {
    expect(printable('acs:ram::1:user/evil\u202Etxt')).toBe('acs:ram::1:user/evil\\u{202e}txt');
    expect(printable('a\nb\u001b[31m')).toBe('a\\u{000a}b\\u{001b}[31m');
    expect(printable('Zoë 中文 😀')).toBe('Zoë 中文 😀');
  });
});
