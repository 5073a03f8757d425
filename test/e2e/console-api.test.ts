/**
 * The console's HTTP side without a browser: its files and JSON endpoints answer with the data the
 * SDK calls created, never a code or a secret, refuse hostile values with a 400 (never a 5xx),
 * stay behind the /_resdir/ guard, and the event stream reports a Send.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, waitForSms, type Harness } from '../support/harness.js';
import { coreClient, popClient, productClient, rmModels } from '../support/clients.js';

let h: Harness;
let code: string;
let memberId: string;
beforeAll(async () => {
  h = await startResdir();
  const core = coreClient(h.host, h.boot.admin);
  const created = await core.call('CreateResourceAccount', { DisplayName: 'console api member' });
  memberId = (created.Account as Record<string, string>).AccountId!;
  const admin = productClient(h.host, h.boot.admin);
  await admin.sendVerificationCodeForBindSecureMobilePhone(
    new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
      accountId: memberId,
      secureMobilePhone: '1-2025550166',
    }),
  );
  code = (await waitForSms(h, '1-2025550166')).code;
  await admin.bindSecureMobilePhone(
    new rmModels.BindSecureMobilePhoneRequest({
      accountId: memberId,
      secureMobilePhone: '1-2025550166',
      verificationCode: code,
    }),
  );
});
afterAll(async () => {
  await h.close();
});

const get = async (path: string) => {
  const res = await fetch(`${h.url}${path}`);
  return { status: res.status, text: await res.text(), headers: res.headers };
};
const json = async (path: string) => {
  const r = await get(path);
  expect(r.status, `${path}: ${r.text}`).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: the assertions check the JSON's shape
  return JSON.parse(r.text) as Record<string, any>;
};
const noCode = (text: string) => expect(new RegExp(`(?<![0-9])${code}(?![0-9])`).test(text)).toBe(false);
const noSecret = (text: string) => {
  expect(text).not.toContain(h.boot.admin.accessKeySecret);
  expect(text).not.toContain(h.boot.root.accessKeySecret);
};

describe('the console files', () => {
  it('serves the page, its modules and Preact from resdir, with a same-origin Content-Security-Policy', async () => {
    const page = await get('/_resdir/console/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self' 'sha256-/);
    expect(page.text).not.toMatch(/https?:\/\//);
    for (const f of ['app.js', 'ui.js', 'style.css', 'views/inbox.js', 'vendor/preact.mjs', 'vendor/hooks.mjs']) {
      const r = await get(`/_resdir/console/${f}`);
      expect(r.status, f).toBe(200);
      expect(r.text.length, f).toBeGreaterThan(100);
    }
    expect((await get('/_resdir/console/vendor/htm.mjs')).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await get('/_resdir/console/nope.js')).status).toBe(404);
    expect((await get('/_resdir/console/../admin.ts')).status).toBe(404);
    const bare = await fetch(`${h.url}/_resdir/console`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([302, '/_resdir/console/']);
  });
});

describe('the console JSON endpoints', () => {
  it('console: what the page needs to know', async () => {
    expect(await json('/_resdir/api/console')).toMatchObject({ inbox: true, smsProvider: 'inbox' });
  });

  it('directories: the tree and members the SDK created, the phone masked', async () => {
    const { directories } = await json('/_resdir/api/directories');
    expect(directories).toEqual([
      expect.objectContaining({ id: h.boot.resourceDirectoryId, rootFolderId: h.boot.rootFolderId, memberCount: 3 }),
    ]);
    const d = await json(`/_resdir/api/directories/${h.boot.resourceDirectoryId}`);
    expect(d.folders).toEqual([expect.objectContaining({ id: h.boot.rootFolderId, parentId: null })]);
    const m = d.members.find((x: { accountId: string }) => x.accountId === memberId);
    expect(m).toMatchObject({
      displayName: 'console api member',
      type: 'ResourceAccount',
      joinMethod: 'created',
      securePhone: '1-202****166',
    });
    const page = await json(`/_resdir/api/members/${memberId}`);
    expect(page.path).toEqual([{ id: h.boot.rootFolderId, name: expect.any(String) }]);
    expect(JSON.stringify([d, page])).not.toContain('2025550166');
    expect((await get('/_resdir/api/members/1234567890123456')).status).toBe(404);
    expect((await get('/_resdir/api/directories/rd-nope00')).status).toBe(404);
  });

  it('audit: filters, paging and one record by id, never a code', async () => {
    const bind = await json('/_resdir/api/audit?action=BindSecureMobilePhone');
    expect(bind.events).toHaveLength(1);
    expect(bind.events[0]).toMatchObject({ eventName: 'BindSecureMobilePhone', resourceName: memberId });
    noCode(JSON.stringify(bind));
    const byMember = await json(`/_resdir/api/audit?member=${memberId}&result=OK`);
    expect(byMember.events.map((e: { eventName: string }) => e.eventName).sort()).toEqual([
      'BindSecureMobilePhone',
      'SendVerificationCodeForBindSecureMobilePhone',
    ]);
    const first = await json('/_resdir/api/audit?limit=1');
    expect(first.events).toHaveLength(1);
    const second = await json(`/_resdir/api/audit?limit=1&next=${first.next}`);
    expect(second.events[0].eventId < first.events[0].eventId).toBe(true);
    const one = await json(`/_resdir/api/audit?eventId=${bind.events[0].eventId}`);
    expect(one.events).toEqual(bind.events);
    const principal = encodeURIComponent(h.boot.admin.principal);
    expect((await json(`/_resdir/api/audit?principal=${principal}`)).events.length).toBeGreaterThanOrEqual(3);
    const future = await json('/_resdir/api/audit?start=2999-01-01T00:00:00Z&end=2999-01-02T00:00:00Z');
    expect(future.events).toEqual([]);
  });

  it('identities: users, keys (IDs only), roles, groups and policies; never a secret', async () => {
    const ram = popClient(h.url, h.boot.root, '2015-05-01');
    await ram.call('CreateGroup', { GroupName: 'console-ops' }, 'POST');
    await ram.call('AddUserToGroup', { GroupName: 'console-ops', UserName: 'rd-admin' }, 'POST');
    await ram.call(
      'AttachPolicyToGroup',
      { GroupName: 'console-ops', PolicyType: 'System', PolicyName: 'AliyunResourceDirectoryFullAccess' },
      'POST',
    );
    const { accounts } = await json('/_resdir/api/accounts');
    expect(accounts.map((a: { id: string }) => a.id)).toContain(h.boot.managementAccountId);
    const ids = await json(`/_resdir/api/accounts/${h.boot.managementAccountId}/identities`);
    const admin = ids.users.find((u: { name: string }) => u.name === 'rd-admin');
    expect(admin.accessKeys).toEqual([
      expect.objectContaining({ accessKeyId: h.boot.admin.accessKeyId, status: 'Active' }),
    ]);
    expect(admin.policies).toEqual([
      expect.objectContaining({ type: 'System', name: 'AliyunResourceDirectoryFullAccess' }),
    ]);
    const policy = ids.policies.find((p: { name: string }) => p.name === 'AliyunResourceDirectoryFullAccess');
    expect(policy.document).toContain('resourcemanager:*');
    expect(ids.groups).toEqual([
      expect.objectContaining({
        name: 'console-ops',
        members: ['rd-admin'],
        policies: [expect.objectContaining({ name: 'AliyunResourceDirectoryFullAccess' })],
      }),
    ]);
    expect(admin.groups).toEqual(['console-ops']);
    expect(ids.rootAccessKeys).toEqual([expect.objectContaining({ accessKeyId: h.boot.root.accessKeyId })]);
    noSecret(JSON.stringify([accounts, ids]));
    expect((await get('/_resdir/api/accounts/1234567890123456/identities')).status).toBe(404);
  });

  it('outbox: status, attempts and provider of each message, never a code', async () => {
    const out = await json('/_resdir/api/outbox');
    const m = out.messages.find((x: { accountId: string }) => x.accountId === memberId);
    expect(m).toMatchObject({ to: '1-2025550166', status: 'sent', provider: 'inbox', attempts: 1 });
    expect(m.attemptLog).toEqual([expect.objectContaining({ provider: 'inbox', outcome: 'sent' })]);
    expect(out.counts.sent).toBeGreaterThanOrEqual(1);
    noCode(JSON.stringify(out));
    expect((await json('/_resdir/api/outbox?status=failed')).messages).toEqual([]);
  });

  it('directories: several directories, each with its own tree and members', async () => {
    const other = await seedSecondDirectory();
    const { directories } = await json('/_resdir/api/directories');
    expect(directories.map((d: { id: string }) => d.id)).toEqual([h.boot.resourceDirectoryId, other.rd]);
    const d = await json(`/_resdir/api/directories/${other.rd}`);
    expect(d.members).toEqual([
      expect.objectContaining({
        accountId: other.member,
        type: 'CloudAccount',
        joinMethod: 'invited',
        securePhone: null,
      }),
    ]);
    expect((await json(`/_resdir/api/members/${other.member}`)).path).toEqual([{ id: other.root, name: 'root' }]);
  });

  it('hostile values get a 400 (never a 5xx) and change nothing', async () => {
    const hostile = ['\u0000', 'x'.repeat(300), "' OR 1=1 --", '<script>', '%ff', '-1', '1e9'];
    const paths = (v: string) => {
      const e = encodeURIComponent(v);
      return [
        `/_resdir/api/directories/${e}`,
        `/_resdir/api/members/${e}`,
        `/_resdir/api/accounts/${e}/identities`,
        ...['action', 'principal', 'result', 'member', 'start', 'end', 'next', 'limit', 'eventId'].map(
          (p) => `/_resdir/api/audit?${p}=${e}`,
        ),
        ...['status', 'to', 'limit'].map((p) => `/_resdir/api/outbox?${p}=${e}`),
      ];
    };
    const before = await json('/_resdir/api/outbox');
    for (const v of hostile)
      for (const p of paths(v)) {
        const r = await get(p);
        expect(r.status, `${p} → ${r.status} ${r.text}`).toBeLessThan(500);
        // A path parameter past Fastify's length limit matches no route: the usual Alibaba-style 404.
        if (r.status !== 200) {
          const body = JSON.parse(r.text) as { message?: string; Message?: string };
          expect(body.message ?? body.Message, p).toEqual(expect.any(String));
        }
      }
    expect((await get('/_resdir/api/audit?limit=0')).status).toBe(400);
    expect((await get('/_resdir/api/audit?start=yesterday')).status).toBe(400);
    expect((await get('/_resdir/api/outbox?status=lost')).status).toBe(400);
    expect(await json('/_resdir/api/outbox')).toEqual(before);
  });

  it('every console path answers 403 to a remote client without the admin token', async () => {
    for (const url of [
      '/_resdir/console/',
      '/_resdir/console/app.js',
      '/_resdir/api/console',
      '/_resdir/api/directories',
      `/_resdir/api/members/${memberId}`,
      '/_resdir/api/audit',
      '/_resdir/api/accounts',
      `/_resdir/api/accounts/${h.boot.managementAccountId}/identities`,
      '/_resdir/api/outbox',
      '/_resdir/api/events',
    ]) {
      const r = await h.app.server.inject({ method: 'GET', url, remoteAddress: '203.0.113.9' });
      expect(r.statusCode, url).toBe(403);
    }
  });
});

describe('signing in with the admin token (for browsers, which cannot send the header)', () => {
  it('the form sets a cookie that the guard accepts as the token; a wrong one is refused', async () => {
    const t = await startResdir({ env: { RESDIR_ADMIN_TOKEN: 'console-test-token-0123456789' } });
    try {
      const remote = (url: string, cookie?: string) =>
        t.app.server.inject({ method: 'GET', url, remoteAddress: '203.0.113.9', headers: cookie ? { cookie } : {} });
      expect((await remote('/_resdir/api/directories')).statusCode).toBe(403);
      const form = await remote('/_resdir/console/login');
      expect([form.statusCode, form.body]).toEqual([200, expect.stringContaining('name="token"')]);
      const login = await t.app.server.inject({
        method: 'POST',
        url: '/_resdir/console/login',
        remoteAddress: '203.0.113.9',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'token=console-test-token-0123456789',
      });
      expect([login.statusCode, login.headers.location]).toEqual([303, '/_resdir/console/']);
      const cookie = String(login.headers['set-cookie']);
      expect(cookie).toMatch(/^resdir_admin_token=[^;]+; Path=\/_resdir\/; HttpOnly; SameSite=Strict/);
      const pair = cookie.split(';')[0]!;
      for (const url of ['/_resdir/console/', '/_resdir/api/directories', '/_resdir/api/console'])
        expect((await remote(url, pair)).statusCode, url).toBe(200);
      expect((await remote('/_resdir/api/directories', 'resdir_admin_token=wrong')).statusCode).toBe(403);
      // The cookie speaks for the console only, not for the other /_resdir/ endpoints.
      expect((await remote('/_resdir/metrics', pair)).statusCode).toBe(403);
    } finally {
      await t.close();
    }
  });
});

describe('the event stream', () => {
  it('reports a Send as `event: sms` (and the outbox change), with no data of its own', async () => {
    const ac = new AbortController();
    const res = await fetch(`${h.url}/_resdir/api/events`, { signal: ac.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let seen = '';
    const read = async (until: RegExp) => {
      const deadline = Date.now() + 5000;
      while (!until.test(seen) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += new TextDecoder().decode(value);
      }
    };
    await read(/retry: \d+/);
    const admin = productClient(h.host, h.boot.admin);
    await admin.sendVerificationCodeForBindSecureMobilePhone(
      new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
        accountId: h.boot.member.accountId,
        secureMobilePhone: '1-2025550167',
      }),
    );
    await read(/event: sms\ndata: \{\}\n\n[\s\S]*event: outbox|event: outbox[\s\S]*event: sms/);
    ac.abort();
    expect(seen).toMatch(/event: sms\ndata: \{\}\n\n/);
    expect(seen).toMatch(/event: outbox\ndata: \{\}\n\n/);
    expect(seen).not.toMatch(/\d{6}/);
  });
});

/** A second directory with an invited member, written through the store (no API creates directories). */
async function seedSecondDirectory() {
  const d = h.app.store.directory;
  const now = Date.now();
  const rd = 'rd-second';
  const root = 'r-second';
  const manager = '1000000000000077';
  const member = '1000000000000078';
  for (const id of [manager, member])
    await d.createAccount({
      id,
      account_name: `a${id}@example.aliyunid.com`,
      display_name: `a${id}`,
      secure_mobile_phone: null,
      secure_mobile_bound_at: null,
      created_at: now,
    });
  await d.createDirectory({ id: rd, management_account_id: manager, root_folder_id: root, created_at: now + 1 });
  await d.createFolder({ id: root, directory_id: rd, parent_id: null, name: 'root', created_at: now });
  await d.addMember({
    account_id: member,
    directory_id: rd,
    folder_id: root,
    type: 'CloudAccount',
    join_method: 'invited',
    status: 'CreateSuccess',
    display_name: 'invited one',
    join_time: now,
    modify_time: now,
  });
  return { rd, root, member };
}
