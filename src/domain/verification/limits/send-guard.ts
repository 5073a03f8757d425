import type { DefenceSettings } from '../../../config/defence-settings.js';
import type { Phone } from '../../phone/phone.js';
import type { SendLimitPlan, SendRefusal } from '../../../store/hot-ports.js';
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

/** Breaker keys of a number: its calling code and its prefix. */
export const breakerKeys = (phone: Phone): Array<{ scope: 'country' | 'prefix'; subject: string }> => [
  { scope: 'country', subject: phone.callingCode },
  { scope: 'prefix', subject: prefixOf(phone.e164) },
];

/**
 * Plans every send limit for the store to claim inside the send transaction (SendLimitPlan fixes
 * the order: failure lock of the pair, breaker block, growing cooldown, the counters (phone/hour,
 * phone/day, member/day, principal/day, management/day, prefix/hour, IP/hour), then the breaker's
 * statistics), and turns the store's refusal into the caller's answer. Each claim is one guarded
 * statement; a refusal rolls the Send's writes back, so nothing is consumed and no limit can
 * overshoot under any concurrency or number of replicas.
 */
export class SendGuard {
  constructor(private readonly p: SendLimitPolicy) {}

  /** The limits to claim for `t` at `now`, or undefined when limits are off. */
  plan(t: SendTarget, now: number): SendLimitPlan | undefined {
    const p = this.p;
    if (!p.limits) return undefined;
    const breakerOn = p.breakerMinSends > 0;
    return {
      pair: pairSubject(t.accountId, t.phone.e164),
      breakerKeys: breakerOn ? breakerKeys(t.phone) : [],
      ...(p.resendCooldownSeconds > 0
        ? {
            backoff: {
              baseMs: p.resendCooldownSeconds * 1000,
              maxMs: Math.max(p.resendCooldownSeconds, p.resendCooldownMaxSeconds) * 1000,
              resetMs: p.resendCooldownResetSeconds * 1000,
            },
          }
        : {}),
      counters: this.counters(t)
        .filter((c) => c.limit > 0)
        .map((c) => ({ scope: c.scope, subject: c.subject, windowStart: windowStart(now, c.size), limit: c.limit })),
      ...(breakerOn
        ? {
            breaker: {
              windowStart: windowStart(now, p.breakerWindowSeconds * 1000),
              minSends: p.breakerMinSends,
              minBindPercent: p.breakerMinBindPercent,
            },
          }
        : {}),
    };
  }

  /** The answer to a refusal of the plan made for `t` at `now`. */
  refusal(r: SendRefusal, t: SendTarget, now: number): Refusal {
    const p = this.p;
    switch (r.kind) {
      case 'failure-lock':
        return limitRefusal(
          'failure-lock',
          'Too many wrong verification codes were entered for this member and mobile phone number; ' +
            `sending is locked until ${iso(r.until)}.`,
          r.until - now,
          now,
        );
      case 'breaker-blocked':
        return limitRefusal(
          'breaker',
          `Verification codes to numbers like this one are suspended until ${iso(r.until)}: ` +
            'too few of the codes recently sent there were used.',
          r.until - now,
          now,
        );
      case 'cooldown':
        return limitRefusal(
          'cooldown',
          `A verification code was sent to this number for this member less than ${Math.round(r.gapMs / 1000)} ` +
            `seconds ago. Retry in ${Math.ceil(r.waitMs / 1000)} seconds.`,
          r.waitMs,
          now,
        );
      case 'counter': {
        const c = this.counters(t).filter((x) => x.limit > 0)[r.index]!;
        const start = windowStart(now, c.size);
        return limitRefusal(c.scope, c.message, start + c.size - now, now);
      }
      case 'breaker': {
        const k = breakerKeys(t.phone)[r.keyIndex]!;
        const until = now + p.breakerBlockSeconds * 1000;
        return limitRefusal(
          'breaker',
          `Verification codes to numbers like this one are suspended until ${iso(until)}: ` +
            'too few of the codes recently sent there were used.',
          until - now,
          now,
          { scope: k.scope, subject: k.subject, until },
        );
      }
    }
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
        message:
          `At most ${p.maxSendsPerPhonePerHour} verification codes ` +
          'can be sent to one mobile phone number per hour.',
      },
      {
        scope: 'phone-day',
        subject: t.phone.e164,
        size: DAY_MS,
        limit: p.maxSendsPerPhonePerDay,
        message:
          `At most ${p.maxSendsPerPhonePerDay} verification codes ` +
          'can be sent to one mobile phone number per day (UTC).',
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
        message:
          `At most ${p.maxSendsPerPrincipalPerDay} verification codes ` +
          'can be sent by one RAM identity per day (UTC).',
      },
      {
        scope: 'management-day',
        subject: t.managementAccountId,
        size: DAY_MS,
        limit: p.maxSendsPerManagementAccountPerDay,
        message:
          `At most ${p.maxSendsPerManagementAccountPerDay} verification codes ` +
          'can be sent per management account per day (UTC).',
      },
      {
        scope: 'prefix-hour',
        subject: prefixOf(t.phone.e164),
        size: HOUR_MS,
        limit: p.maxSendsPerPrefixPerHour,
        message:
          `At most ${p.maxSendsPerPrefixPerHour} verification codes can be sent per hour ` +
          'to numbers that share all but their last 4 digits.',
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
}

/** Credits a successful bind to the breaker window in which its code was sent. */

const iso = (ms: number): string => new Date(ms).toISOString();
