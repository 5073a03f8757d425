import { describe, expect, it } from 'vitest';
import { loadSettings, SettingError } from '../../src/config/settings.js';

describe('settings', () => {
  it('defaults follow the contract', () => {
    const s = loadSettings({}, {});
    expect(s).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dataDir: './.resdir',
      databaseUrl: 'sqlite:./.resdir/resdir.db',
      site: 'intl',
      smsProvider: 'inbox',
      mode: 'development',
      limits: true,
      codeTtlSeconds: 600,
      codeMaxAttempts: 5,
      resendCooldownSeconds: 60,
      maxSendsPerMemberPerDay: 10,
      maxSendsPerManagementAccountPerDay: 100,
    });
  });
  it('a flag wins over the environment', () => {
    expect(loadSettings({ port: '9000' }, { RESDIR_PORT: '7000' }).port).toBe(9000);
    expect(loadSettings({}, { RESDIR_PORT: '7000' }).port).toBe(7000);
  });
  it.each([
    [{}, { RESDIR_PORT: '70000' }, /RESDIR_PORT="70000".*0 to 65535/],
    [{ port: 'x' }, {}, /--port="x"/],
    [{}, { RESDIR_SITE: 'mars' }, /RESDIR_SITE="mars".*intl, china/],
    [{}, { RESDIR_LIMITS: 'maybe' }, /on or off/],
    [{}, { RESDIR_MODE: 'production' }, /production mode needs a real SMS provider/],
    [{}, { RESDIR_DATABASE_URL: 'mysql://x' }, /RESDIR_DATABASE_URL/],
    [{}, { RESDIR_MASTER_KEY: 'c2hvcnQ=' }, /RESDIR_MASTER_KEY="\(hidden\)"/],
  ])('refuses a bad value with one clear line (%o %o)', (flags, env, pattern) => {
    let error: unknown;
    try {
      loadSettings(flags as Record<string, string>, env as NodeJS.ProcessEnv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingError);
    expect((error as Error).message).toMatch(pattern);
    expect((error as Error).message).not.toContain('\n');
  });
});
