/**
 * RAM console logins through the official @alicloud/ram20150501 SDK: login profiles checked against
 * the password policy, ChangePassword by the user itself, the password policy, and the account alias
 * — with documented errors, and no password ever in a response, a log line or the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ramClient, ramModels as M } from '../support/clients.js';
import { dumpTables } from '../support/db-rows.js';
import { type Harness, startResdir } from '../support/harness.js';
import { addAccountWithDirectory, addRamUser } from '../support/principals.js';
import { refusedWith } from '../support/sdk-error.js';

let h: Harness;
let root: ReturnType<typeof ramClient>;
beforeAll(async () => {
  h = await startResdir(
    process.env.RESDIR_TEST_DATABASE === 'postgres'
      ? {}
      : { env: { RESDIR_DATABASE_URL: `sqlite:${process.env.TMPDIR ?? '/tmp'}/resdir-logins-${process.pid}.db` } },
  );
  root = ramClient(h.host, h.boot.root);
});
afterAll(() => h.close());

const FIRST = 'Correct-Horse-1';
const SECOND = 'Battery-Staple-2';

describe('login profiles and the password policy', () => {
  it('the policy governs new passwords; a user changes its own; passwords stay secret', async () => {
    const u = await addRamUser(h, { name: 'console-user' });
    const policy = await root.getPasswordPolicy();
    expect(policy.body.passwordPolicy).toMatchObject({ minimumPasswordLength: 8, requireNumbers: false });

    const set = await root.setPasswordPolicy(
      new M.SetPasswordPolicyRequest({ minimumPasswordLength: 12, requireNumbers: true, requireSymbols: true }),
    );
    expect(set.body.passwordPolicy).toMatchObject({ minimumPasswordLength: 12, requireNumbers: true });
    await refusedWith(
      root.createLoginProfile(new M.CreateLoginProfileRequest({ userName: 'console-user', password: 'short1!' })),
      'InvalidParameter.Password',
      400,
    );
    await refusedWith(
      root.createLoginProfile(
        new M.CreateLoginProfileRequest({ userName: 'console-user', password: 'no-digits-at-all' }),
      ),
      'InvalidParameter.Password',
      400,
    );
    const made = await root.createLoginProfile(
      new M.CreateLoginProfileRequest({ userName: 'console-user', password: FIRST, passwordResetRequired: true }),
    );
    expect(made.body.loginProfile).toMatchObject({
      userName: 'console-user',
      passwordResetRequired: true,
      MFABindRequired: false,
    });
    await refusedWith(
      root.createLoginProfile(new M.CreateLoginProfileRequest({ userName: 'console-user', password: FIRST })),
      'EntityAlreadyExists.User.LoginProfile',
      409,
    );

    const self = ramClient(h.host, u);
    await refusedWith(
      self.changePassword(new M.ChangePasswordRequest({ oldPassword: 'Wrong-Password-9', newPassword: SECOND })),
      'InvalidParameter.OldPassword',
      400,
    );
    await refusedWith(
      self.changePassword(new M.ChangePasswordRequest({ oldPassword: FIRST, newPassword: 'weak' })),
      'InvalidParameter.Password',
      400,
    );
    await self.changePassword(new M.ChangePasswordRequest({ oldPassword: FIRST, newPassword: SECOND }));
    const got = await root.getLoginProfile(new M.GetLoginProfileRequest({ userName: 'console-user' }));
    expect(got.body.loginProfile).toMatchObject({ passwordResetRequired: false });
    await refusedWith(
      self.changePassword(new M.ChangePasswordRequest({ oldPassword: FIRST, newPassword: 'Third-Pass-33' })),
      'InvalidParameter.OldPassword',
      400,
    );

    await root.updateLoginProfile(new M.UpdateLoginProfileRequest({ userName: 'console-user', MFABindRequired: true }));
    const after = await root.getLoginProfile(new M.GetLoginProfileRequest({ userName: 'console-user' }));
    expect(after.body.loginProfile).toMatchObject({ MFABindRequired: true, passwordResetRequired: false });
    await root.deleteLoginProfile(new M.DeleteLoginProfileRequest({ userName: 'console-user' }));
    await refusedWith(
      root.getLoginProfile(new M.GetLoginProfileRequest({ userName: 'console-user' })),
      'EntityNotExist.User.LoginProfile',
      404,
    );

    const everything = JSON.stringify(await dumpTables(h.app.settings.databaseUrl)) + h.logs.join('');
    for (const pw of [FIRST, SECOND]) expect(everything).not.toContain(pw);
  });

  it('documented errors', async () => {
    await refusedWith(
      root.getLoginProfile(new M.GetLoginProfileRequest({ userName: 'ghost' })),
      'EntityNotExist.User',
      404,
    );
    await refusedWith(
      root.updateLoginProfile(new M.UpdateLoginProfileRequest({ userName: 'ghost', password: SECOND })),
      'EntityNotExist.User',
      404,
    );
    await refusedWith(
      root.setPasswordPolicy(new M.SetPasswordPolicyRequest({ minimumPasswordLength: 4 })),
      'InvalidParameter.PasswordPolicy',
      400,
    );
    await refusedWith(
      root.setPasswordPolicy(new M.SetPasswordPolicyRequest({ maxLoginAttemps: 99 })),
      'InvalidParameter.PasswordPolicy',
      400,
    );
    await refusedWith(
      ramClient(h.host, h.boot.root).changePassword(
        new M.ChangePasswordRequest({ oldPassword: 'a', newPassword: 'b' }),
      ),
      'EntityNotExist.User.LoginProfile',
      404,
    );
  });
});

describe('account alias', () => {
  it('defaults to the account ID; set, taken by another account, cleared', async () => {
    const uid = h.boot.managementAccountId;
    expect((await root.getAccountAlias()).body.accountAlias).toBe(uid);
    await root.setAccountAlias(new M.SetAccountAliasRequest({ accountAlias: 'acme-prod' }));
    expect((await root.getAccountAlias()).body.accountAlias).toBe('acme-prod');
    await refusedWith(
      root.setAccountAlias(new M.SetAccountAliasRequest({ accountAlias: '-bad' })),
      'InvalidParameter.AccountAlias',
      400,
    );
    await root.clearAccountAlias();
    expect((await root.getAccountAlias()).body.accountAlias).toBe(uid);
  });

  it('an alias held by another account is refused', async () => {
    const other = await addAccountWithDirectory(h);
    const otherRam = ramClient(h.host, other.root);
    await otherRam.setAccountAlias(new M.SetAccountAliasRequest({ accountAlias: 'shared-name' }));
    await refusedWith(
      root.setAccountAlias(new M.SetAccountAliasRequest({ accountAlias: 'shared-name' })),
      'EntityAlreadyExists.AccountAlias',
      409,
    );
  });
});
