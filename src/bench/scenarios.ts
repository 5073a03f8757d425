/**
 * The bench's measurements, one server at a time (each child is started, measured and stopped
 * before the next, so a server's background work never overlaps another's run). Every request is
 * pre-signed (V1) or pre-built before its run; every Send goes to a fresh phone number.
 */
import path from 'node:path';
import type { BootstrapInfo } from '../bootstrap.js';
import { type BenchServer, startServer } from './child.js';
import { newestCodes, type Target } from './inbox.js';
import { load, type Measurement } from './load.js';
import { presign } from './presign.js';
import { type SignedRequest, signV1 } from './sign.js';
import { rssMiB } from './startup.js';
import { startFlags } from './node-flags.js';
import { prefill } from './prefill.js';

export interface Ctx {
  connections: number;
  duration: number;
  warmup: number;
  logDir: string;
  log: (s: string) => void;
  /** Requests pre-signed per second of run (more are signed on demand). */
  rate: number;
  /** A fixed number of requests per run instead of warm-up + duration (quick runs: immune to a busy machine). */
  amount?: number;
}

export const runText = (ctx: Ctx): string =>
  ctx.amount !== undefined ? `${ctx.amount} requests` : `${ctx.warmup} s warm-up + ${ctx.duration} s`;

let phoneSeq = 90_000_000; // Singapore mobile numbers 9xxxxxxx: one fresh number per Send
const freshNumber = (): string => String(phoneSeq++);

export async function withServer<T>(
  ctx: Ctx,
  script: string,
  env: Record<string, string>,
  label: string,
  fn: (s: BenchServer) => Promise<T>,
  nodeFlags: readonly string[] = [],
): Promise<T> {
  const server = await startServer(script, env, path.join(ctx.logDir, `${label}.log`), 600_000, nodeFlags);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

/** Warm-up, then the measured run, both from one pre-signed stock. */
export async function timed(ctx: Ctx, url: string, make: (i: number) => SignedRequest): Promise<Measurement> {
  if (ctx.amount !== undefined) {
    const fixed = presign(ctx.amount, make);
    return load({ url, connections: ctx.connections, amount: ctx.amount, next: fixed.next });
  }
  const stock = presign(Math.ceil((ctx.warmup + ctx.duration) * ctx.rate), make);
  if (ctx.warmup > 0) await load({ url, connections: ctx.connections, duration: ctx.warmup, next: stock.next });
  const m = await load({ url, connections: ctx.connections, duration: ctx.duration, next: stock.next });
  if (stock.late() > 0) ctx.log(`${stock.late()} requests had to be signed during the run (raise the stock)`);
  return m;
}

/**
 * A fixed number of pre-built requests; the first tenth warms the server up unmeasured (as the
 * warm-up of the timed runs does), for resdir's Bind and better-auth's verify alike.
 */
async function counted(ctx: Ctx, url: string, requests: SignedRequest[]): Promise<Measurement> {
  let i = 0;
  const next = () => requests[i++]!;
  const warm = Math.floor(requests.length / 10);
  if (warm > 0) await load({ url, connections: ctx.connections, amount: warm, next });
  return load({ url, connections: ctx.connections, amount: requests.length - warm, next });
}

interface Creds {
  host: string;
  accessKeyId: string;
  accessKeySecret: string;
}
const credsOf = (url: string, boot: BootstrapInfo): Creds => ({
  host: url.replace(/^http:\/\//, ''),
  accessKeyId: boot.admin.accessKeyId,
  accessKeySecret: boot.admin.accessKeySecret,
});

const sendRequest = (c: Creds, accountId: string, phone: string, token: string): SignedRequest =>
  signV1({
    ...c,
    action: 'SendVerificationCodeForBindSecureMobilePhone',
    version: '2020-03-31',
    params: { AccountId: accountId, SecureMobilePhone: phone, ClientToken: token },
  });

/** A Send generator for a server: members round-robin, a fresh number and ClientToken each. */
export function sendMaker(url: string, boot: BootstrapInfo, members: readonly string[]) {
  const c = credsOf(url, boot);
  const run = Math.random().toString(36).slice(2, 8);
  return (i: number): SignedRequest =>
    sendRequest(c, members[i % members.length]!, `65-${freshNumber()}`, `bench-${run}-${i}`);
}

/** Runs `fn` over `items` with at most `width` in flight. */
async function each<T>(items: readonly T[], width: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

async function send(r: SignedRequest, url: string): Promise<number> {
  const res = await fetch(url + r.path, {
    method: r.method,
    headers: r.headers,
    ...(r.body !== undefined ? { body: r.body } : {}),
  });
  await res.arrayBuffer();
  return res.status;
}

export interface ResdirResult {
  send: Measurement;
  rssIdle?: number;
  rssAfter?: number;
  bind?: Measurement;
}

/**
 * resdir: Send for the configured duration; then, when `bindCount` > 0, one more code to a fresh
 * number for each of the first `bindCount` members (not measured), their codes read back from the
 * development inbox, and one Bind each (measured).
 */
export async function resdirRun(ctx: Ctx, env: Record<string, string>, label: string, bindCount: number) {
  return withServer(
    ctx,
    './resdir-server.bundle.js',
    env,
    label,
    async (s): Promise<ResdirResult> => {
      const { boot, url, database } = s.ready;
      if (!boot) throw new Error('resdir child sent no bootstrap');
      // The members are added from this process: the server's memory holds only what serving made.
      const count = Number(env.BENCH_MEMBERS ?? '1000');
      const members = await prefill(database, boot.member.accountId, count, Number(env.BENCH_AUDIT ?? '0'));
      const rssIdle = rssMiB(s.child.pid);
      ctx.log(`${label}: send, ${runText(ctx)}, ${ctx.connections} connections`);
      const m = await timed(ctx, url, sendMaker(url, boot, members));
      const rssAfter = rssMiB(s.child.pid);
      if (bindCount <= 0) return { send: m, rssIdle, rssAfter };
      const c = credsOf(url, boot);
      const targets: Target[] = members.slice(0, bindCount).map((accountId) => ({
        accountId,
        phone: `65-${freshNumber()}`,
      }));
      ctx.log(`${label}: one more code for ${targets.length} members, read back from the inbox`);
      await each(targets, 8, async (t) => {
        const status = await send(sendRequest(c, t.accountId, t.phone, `bench-bind-${t.phone}`), url);
        if (status !== 200) throw new Error(`a Send before Bind answered ${status}`);
      });
      const { codes } = await newestCodes(url, targets, targets.length, 300_000);
      const binds = targets
        .filter((t) => codes.has(t.accountId))
        .map((t) =>
          signV1({
            ...c,
            action: 'BindSecureMobilePhone',
            version: '2020-03-31',
            params: { AccountId: t.accountId, SecureMobilePhone: t.phone, VerificationCode: codes.get(t.accountId)! },
          }),
        );
      ctx.log(`${label}: bind, ${binds.length} requests`);
      return { send: m, rssIdle, rssAfter, bind: await counted(ctx, url, binds) };
    },
    startFlags(),
  );
}

/** A node:http server (baseline or floor): the same pre-signed Send requests, for the duration. */
export async function plainRun(ctx: Ctx, script: string, env: Record<string, string>, label: string) {
  return withServer(ctx, script, env, label, async (s) => {
    ctx.log(`${label}: ${runText(ctx)}`);
    const fake = { admin: { accessKeyId: 'LTAI5tBenchFloor000000000', accessKeySecret: 'x' } } as BootstrapInfo;
    return timed(ctx, s.ready.url, sendMaker(s.ready.url, fake, ['1000000000000001', '1000000000000002']));
  });
}

const peerPost = (p: string, body: unknown): SignedRequest => ({
  method: 'POST',
  path: p,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** better-auth: send-otp for the duration, then `verifyCount` fresh numbers sent a code and verified. */
export async function peerRun(ctx: Ctx, env: Record<string, string>, verifyCount: number) {
  return withServer(ctx, './peer-better-auth.js', env, 'better-auth', async (s) => {
    const url = s.ready.url;
    ctx.log(`better-auth: send-otp, ${runText(ctx)}`);
    const sendOtp = await timed(ctx, url, () =>
      peerPost('/api/auth/phone-number/send-otp', { phoneNumber: `+65${freshNumber()}` }),
    );
    const phones = Array.from({ length: verifyCount }, () => `+65${freshNumber()}`);
    await each(phones, 8, async (p) => {
      const status = await send(peerPost('/api/auth/phone-number/send-otp', { phoneNumber: p }), url);
      if (status !== 200) throw new Error(`better-auth send-otp answered ${status}`);
    });
    const verifies: SignedRequest[] = [];
    await each(phones, 8, async (p) => {
      const r = await fetch(`${url}/__bench/code?phone=${encodeURIComponent(p)}`);
      const { code } = (await r.json()) as { code: string | null };
      if (code)
        verifies.push(peerPost('/api/auth/phone-number/verify', { phoneNumber: p, code, disableSession: true }));
    });
    ctx.log(`better-auth: verify, ${verifies.length} requests`);
    return { sendOtp, verify: await counted(ctx, url, verifies) };
  });
}
