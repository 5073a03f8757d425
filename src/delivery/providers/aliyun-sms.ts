import { createRequire } from 'node:module';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import type { DeliveryRepo } from '../../store/ports.js';
import { PermanentSmsError, type ReceiptSink, type SmsMessage, type SmsProvider } from '../provider.js';

const require = createRequire(import.meta.url);

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  /** `host[:port]` or a URL `http(s)://host[:port]`; default dysmsapi.aliyuncs.com over HTTPS. */
  endpoint: string;
  /** Seconds between QuerySendDetails sweeps for messages awaiting a receipt; 0 = no polling. */
  receiptPollSeconds: number;
  readTimeoutMs?: number;
}

/** The slice of the official client resdir uses (`@alicloud/dysmsapi20170525`). */
interface DysmsClient {
  sendSms(req: unknown): Promise<{ body?: { code?: string; message?: string; bizId?: string } }>;
  querySendDetails(req: unknown): Promise<{
    body?: {
      code?: string;
      smsSendDetailDTOs?: { smsSendDetailDTO?: Array<{ outId?: string; sendStatus?: number; errCode?: string }> };
    };
  }>;
}

/**
 * How SendSms `Code`s are handled (docs/sms-providers.md). `permanent`: the message itself can
 * never be sent (the chain stops, the message fails). Every other code is retried — first through
 * the next provider of the chain, then later with backoff: flow control and quota limits clear
 * with time, and account or configuration faults (signature, template, balance, RAM) are the
 * operator's to fix while another provider may still deliver.
 */
export const ALIYUN_PERMANENT_CODES: ReadonlySet<string> = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.MOBILE_COUNT_OVER_LIMIT',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.SMS_CONTENT_ILLEGAL',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.INVALID_JSON_PARAM',
  'isv.INVALID_PARAMETERS',
]);

/** Provider message id of a message found by OutId (QuerySendDetails does not return the BizId). */
export const OUT_ID_PREFIX = 'OutId:';

/** Alibaba wants mainland numbers without +86 and others as country code + number, no plus. */
export const aliyunPhone = (e164: string): string => (e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, ''));

const SWEEP_PAGE = 50;

/** SendDate of QuerySendDetails: the day in China (UTC+8), yyyyMMdd. */
const chinaDay = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');

export function parseEndpoint(endpoint: string): { host: string; protocol: 'http' | 'https' } {
  const m = /^(https?):\/\/([^/]+)\/?$/.exec(endpoint);
  return m ? { protocol: m[1] as 'http' | 'https', host: m[2]! } : { protocol: 'https', host: endpoint };
}

/**
 * Alibaba Cloud SMS through the official SDK: SendSms with SignName, TemplateCode,
 * TemplateParam {"code": …} and OutId = our message id (SendSms is not idempotent; the OutId
 * makes a duplicate after a crash traceable, and a retry first looks the OutId up with
 * QuerySendDetails so a send whose answer was lost is not repeated). The BizId is the provider
 * message id (OUT_ID_PREFIX + our id when found by OutId). While
 * started, messages sent in the last 24 h that await a receipt are looked up with
 * QuerySendDetails (SendStatus 3 = delivered, 2 = undelivered with its ErrCode, 1 = waiting).
 */
export function aliyunSmsProvider(
  opts: AliyunSmsOptions,
  deps: { clock: Clock; delivery: DeliveryRepo; log: Logger },
): SmsProvider {
  const Dysms = require('@alicloud/dysmsapi20170525') as Record<string, new (x: unknown) => unknown> & {
    default: new (c: unknown) => DysmsClient;
  };
  const Core = require('@alicloud/openapi-core') as { $OpenApiUtil: { Config: new (x: unknown) => unknown } };
  const { host, protocol } = parseEndpoint(opts.endpoint);
  const client = new Dysms.default(
    new Core.$OpenApiUtil.Config({
      accessKeyId: opts.accessKeyId,
      accessKeySecret: opts.accessKeySecret,
      endpoint: host,
      protocol,
      readTimeout: opts.readTimeoutMs ?? 10_000,
      connectTimeout: 5_000,
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;
  // Sweeps walk the waiting messages in pages of SWEEP_PAGE by send time, one page per sweep,
  // then start over: messages that never get a receipt cannot starve newer ones.
  let cursor = 0;

  /** QuerySendDetails rows for a number on the China day of `at`, by BizId when known. */
  async function details(to: string, at: number, bizId?: string) {
    const res = await client.querySendDetails(
      new Dysms.QuerySendDetailsRequest!({
        phoneNumber: aliyunPhone(to),
        ...(bizId ? { bizId } : {}),
        sendDate: chinaDay(at),
        pageSize: 50,
        currentPage: 1,
      }),
    );
    if (res.body?.code !== 'OK') throw new Error(`QuerySendDetails answered ${res.body?.code ?? 'no Code'}`);
    return res.body.smsSendDetailDTOs?.smsSendDetailDTO ?? [];
  }

  async function sweep(sink: ReceiptSink): Promise<void> {
    const now = deps.clock.now();
    const waiting = await deps.delivery.awaitingReceipt(
      'aliyun-sms',
      Math.max(now - 86_400_000, cursor),
      now - 2_000,
      SWEEP_PAGE,
    );
    cursor = waiting.length < SWEEP_PAGE ? 0 : waiting.at(-1)!.sent_at + 1;
    for (const w of waiting) {
      // A message found by OutId after a lost answer has no BizId: OUT_ID_PREFIX + our id.
      const bizId = w.provider_message_id.startsWith(OUT_ID_PREFIX) ? undefined : w.provider_message_id;
      const dto = (await details(w.to_phone, w.sent_at, bizId)).find(
        (d) => d.outId === w.id || (bizId !== undefined && d.outId === undefined),
      );
      if (!dto || dto.sendStatus === 1) continue;
      sink({
        providerMessageId: w.provider_message_id,
        state: dto.sendStatus === 3 ? 'delivered' : 'undelivered',
        detail: dto.errCode ?? `SendStatus ${dto.sendStatus}`,
      });
    }
  }

  return {
    name: 'aliyun-sms',
    async send(m: SmsMessage) {
      const req = new Dysms.SendSmsRequest!({
        phoneNumbers: aliyunPhone(m.to),
        signName: opts.signName,
        templateCode: opts.templateCode,
        templateParam: JSON.stringify({ code: m.params.code }),
        outId: m.id,
      });
      let body: Awaited<ReturnType<typeof client.sendSms>>['body'];
      try {
        body = (await client.sendSms(req)).body;
      } catch (e) {
        // HTTP errors (4xx: credentials, signature, throttling; 5xx) and timeouts: retry.
        const err = e as { code?: string; statusCode?: number; name?: string; message?: string };
        throw new Error(
          `SendSms failed: ${err.code ?? err.name ?? 'error'}${err.statusCode ? ` (HTTP ${err.statusCode})` : ''}`,
        );
      }
      if (body?.code === 'OK' && body.bizId) return { providerMessageId: body.bizId };
      const code = body?.code ?? 'no Code';
      const why = `SendSms answered ${code}${body?.message ? `: ${body.message.slice(0, 200)}` : ''}`;
      if (ALIYUN_PERMANENT_CODES.has(code)) throw new PermanentSmsError(why, code);
      throw new Error(why);
    },
    async findSent(m) {
      // The send may have been accepted on the day of the Send or, around midnight in China, the next.
      const now = deps.clock.now();
      for (const at of chinaDay(now) === chinaDay(m.createdAt) ? [now] : [m.createdAt, now]) {
        if ((await details(m.to, at)).some((d) => d.outId === m.id)) return OUT_ID_PREFIX + m.id;
      }
      return undefined;
    },
    start(sink) {
      if (opts.receiptPollSeconds <= 0) return;
      timer = setInterval(() => {
        if (sweeping) return;
        sweeping = sweep(sink)
          .catch((e: unknown) =>
            deps.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'QuerySendDetails sweep failed'),
          )
          .finally(() => (sweeping = undefined));
      }, opts.receiptPollSeconds * 1000);
      timer.unref();
    },
    async close() {
      clearInterval(timer);
      await sweeping;
    },
  };
}
