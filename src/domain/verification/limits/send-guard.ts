import type { Repos } from '../../../store/ports.js';
import type { DefenceSettings } from '../../../config/defence-settings.js';
import type { Phone } from '../../phone/phone.js';
import { DAY_MS, HOUR_MS, limitRefusal, pairSubject, prefixOf, windowStart, type Refusal } from './refusal.js';

/** The send limits the guard reads (a subset of Settings). */
export type SendLimitPolicy = Pick<
  DefenceSettings,
  | 'resendCooldownMaxSeconds'
  | 'resendCooldownResetSeconds'
  | 'maxSendsPerPhonePerHour'
  | 'maxSendsPerPhonePerDay'
  | 'maxSendsPerPrincipalPerDay'
  | 'maxSendsPerPrefixPerHour'
  | 'maxSendsPerIpPerHour'
  | 'breakerMinSends'
  | 'breakerMinBindPercent'
  | 'breakerWindowSeconds'
  | 'breakerBlockSeconds'
> & {
  limits: boolean;
  resendCooldownSeconds: number;
  maxSendsPerMemberPerDay: number;
  maxSendsPerManagementAccountPerDay: number;
};

/** Who sends what to whom: the subjects of every limit. */
export interface SendTarget {
  accountId: string;
  managementAccountId: string;
  principalArn: string;
  /** The caller's stable identity: renaming a user or naming a new role session keeps its count. */
  principalId: string;
  sourceIp: string;
  phone: Phone;
}

/** Counters without a limit of their own (breaker statistics) stop below this. */
const UNBOUNDED = 2_000_000_000;

/** Breaker keys of a number: its calling code and its prefix. */
export const breakerKeys = (phone: Phone): Array<{ scope: 'country' | 'prefix'; subject: string }> => [
  { scope: 'country', subject: phone.callingCode },
  { scope: 'prefix', subject: prefixOf(phone.e164) },
];

/**
 * Claims every send limit inside the send transaction, in a fixed order (so concurrent claims
 * lock rows in the same order): failure lock of the pair, breaker block, growing cooldown, the
 * counters (phone/hour, phone/day, member/day, principal/day, management/day, prefix/hour,
 * IP/hour), then the breaker's statistics. Each claim is one guarded statement; a refusal returns
 * and the caller rolls the transaction back, so nothing is consumed and no limit can overshoot
 * under any concurrency or number of replicas.
 */
export class SendGuard {
  constructor(private readonly p: SendLimitPolicy) {}

  async claim(tx: Repos, t: SendTarget, now: number): Promise<Refusal | undefined> {
    const p = this.p;
    if (!p.limits) return undefined;
    const pair = pairSubject(t.accountId, t.phone.e164);

    const lockedUntil = await tx.defence.pairLockedUntil(pair, now);
    if (lockedUntil !== undefined) {
      return limitRefusal(
        'failure-lock',
        `Too many wrong verification codes were entered for this member and mobile phone number; sending is locked until ${iso(lockedUntil)}.`,
        lockedUntil - now,
        now,
      );
    }
    const keys = breakerKeys(t.phone);
    if (p.breakerMinSends > 0) {
      const blocked = await tx.defence.blockedUntil(keys, now);
      if (blocked !== undefined) {
        return limitRefusal(
          'breaker',
          `Verification codes to numbers like this one are suspended until ${iso(blocked)}: too few of the codes recently sent there were used.`,
          blocked - now,
          now,
        );
      }
    }
    if (p.resendCooldownSeconds > 0) {
      const baseMs = p.resendCooldownSeconds * 1000;
      const maxMs = Math.max(baseMs, p.resendCooldownMaxSeconds * 1000);
      const b = await tx.defence.claimBackoff(pair, now, baseMs, maxMs, p.resendCooldownResetSeconds * 1000);
      if (b.waitMs > 0) {
        return limitRefusal(
          'cooldown',
          `A verification code was sent to this number for this member less than ${Math.round(b.gapMs / 1000)} seconds ago. Retry in ${Math.ceil(b.waitMs / 1000)} seconds.`,
          b.waitMs,
          now,
        );
      }
    }
    for (const c of this.counters(t)) {
      if (c.limit <= 0) continue;
      const start = windowStart(now, c.size);
      if ((await tx.limits.increment(c.scope, c.subject, start, c.limit)) === undefined) {
        return limitRefusal(c.scope, c.message, start + c.size - now, now);
      }
    }
    return p.breakerMinSends > 0 ? this.judgeBreaker(tx, keys, now) : undefined;
  }

  /** Every counted limit; scopes `member-day` and `management-day` keep their pre-issue-5 names. */
  private counters(t: SendTarget) {
    const p = this.p;
    return [
      {
        scope: 'phone-hour',
        subject: t.phone.e164,
        size: HOUR_MS,
        limit: p.maxSendsPerPhonePerHour,
        message: `At most ${p.maxSendsPerPhonePerHour} verification codes can be sent to one mobile phone number per hour.`,
      },
      {
        scope: 'phone-day',
        subject: t.phone.e164,
        size: DAY_MS,
        limit: p.maxSendsPerPhonePerDay,
        message: `At most ${p.maxSendsPerPhonePerDay} verification codes can be sent to one mobile phone number per day (UTC).`,
      },
      {
        scope: 'member-day',
        subject: t.accountId,
        size: DAY_MS,
        limit: p.maxSendsPerMemberPerDay,
        message: `At most ${p.maxSendsPerMemberPerDay} verification codes can be sent for one member per day (UTC).`,
      },
      {
        scope: 'principal-day',
        subject: t.principalId,
        size: DAY_MS,
        limit: p.maxSendsPerPrincipalPerDay,
        message: `At most ${p.maxSendsPerPrincipalPerDay} verification codes can be sent by one RAM identity per day (UTC).`,
      },
      {
        scope: 'management-day',
        subject: t.managementAccountId,
        size: DAY_MS,
        limit: p.maxSendsPerManagementAccountPerDay,
        message: `At most ${p.maxSendsPerManagementAccountPerDay} verification codes can be sent per management account per day (UTC).`,
      },
      {
        scope: 'prefix-hour',
        subject: prefixOf(t.phone.e164),
        size: HOUR_MS,
        limit: p.maxSendsPerPrefixPerHour,
        message: `At most ${p.maxSendsPerPrefixPerHour} verification codes can be sent per hour to numbers that share all but their last 4 digits.`,
      },
      {
        scope: 'ip-hour',
        subject: t.sourceIp,
        size: HOUR_MS,
        limit: p.maxSendsPerIpPerHour,
        message: `At most ${p.maxSendsPerIpPerHour} verification codes can be sent from one client address per hour.`,
      },
    ];
  }

  /**
   * Counts this send in the breaker window of its calling code and prefix; when at least
   * breakerMinSends codes were already sent there in the window and fewer than
   * breakerMinBindPercent % of them were bound, refuses and asks for a trip of that key.
   */
  private async judgeBreaker(
    tx: Repos,
    keys: ReturnType<typeof breakerKeys>,
    now: number,
  ): Promise<Refusal | undefined> {
    const p = this.p;
    const start = windowStart(now, p.breakerWindowSeconds * 1000);
    for (const k of keys) {
      const sent =
        ((await tx.limits.increment(`breaker-sent:${k.scope}`, k.subject, start, UNBOUNDED)) ?? UNBOUNDED) - 1;
      if (sent < p.breakerMinSends) continue;
      const bound = await tx.defence.counter(`breaker-bound:${k.scope}`, k.subject, start);
      if (bound * 100 < p.breakerMinBindPercent * sent) {
        const until = now + p.breakerBlockSeconds * 1000;
        return limitRefusal(
          'breaker',
          `Verification codes to numbers like this one are suspended until ${iso(until)}: too few of the codes recently sent there were used.`,
          until - now,
          now,
          { scope: k.scope, subject: k.subject, until },
        );
      }
    }
    return undefined;
  }
}

/** Credits a successful bind to the breaker window in which its code was sent. */
export async function creditBind(
  tx: Repos,
  p: Pick<SendLimitPolicy, 'breakerWindowSeconds'>,
  phone: Phone,
  codeCreatedAt: number,
): Promise<void> {
  const start = windowStart(codeCreatedAt, p.breakerWindowSeconds * 1000);
  for (const k of breakerKeys(phone))
    await tx.limits.increment(`breaker-bound:${k.scope}`, k.subject, start, UNBOUNDED);
}

const iso = (ms: number): string => new Date(ms).toISOString();
