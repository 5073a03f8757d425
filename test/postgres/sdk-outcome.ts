/** What a client saw from a call through the official SDKs: 200, or the HTTP status with the error Code. */
import { createRequire } from 'node:module';
import type { Creds } from '../support/clients.js';

const require = createRequire(import.meta.url);
const Core = require('@alicloud/openapi-core');
const Dara = require('@darabonba/typescript');
const PopCore = require('@alicloud/pop-core');

/**
 * Hundreds of parallel calls to replicas in this very process queue behind each other on the
 * event loop; the SDKs' default 3 to 5 s read timeouts would then fail calls that the server is
 * about to answer. These clients wait up to 30 s.
 */
const TIMEOUT_MS = 30_000;

function coreCall(host: string, creds: Creds, action: string, query: Record<string, string>): Promise<unknown> {
  const OpenApi = Core.default ?? Core;
  const client = new OpenApi(new Core.$OpenApiUtil.Config({ ...creds, endpoint: host, protocol: 'http' }));
  const params = new Core.$OpenApiUtil.Params({
    action,
    version: '2022-04-19',
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const req = new Core.$OpenApiUtil.OpenApiRequest({ query: Core.OpenApiUtil.query(query) });
  return client.callApi(params, req, new Dara.RuntimeOptions({ readTimeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS }));
}

function popCall(url: string, creds: Creds, action: string, params: Record<string, string>): Promise<unknown> {
  const RPCClient = PopCore.RPCClient ?? PopCore;
  return new RPCClient({ ...creds, endpoint: url, apiVersion: '2022-04-19' }).request(action, params, {
    method: 'POST',
    timeout: TIMEOUT_MS,
  });
}

export interface Outcome {
  status: number;
  code?: string;
  message?: string;
  /** The success body (openapi-core's `body`, pop-core's answer), when the caller asked for it. */
  body?: Record<string, unknown>;
}

/** Normalizes success and error shapes of openapi-core and pop-core; a transport failure is rethrown. */
export async function outcome(call: Promise<unknown>, keepBody = false): Promise<Outcome> {
  try {
    const r = (await call) as Record<string, unknown>;
    if (keepBody) return { status: 200, body: (r.body ?? r) as Record<string, unknown> };
    return { status: 200 };
  } catch (e) {
    const x = e as {
      statusCode?: number;
      data?: { Code?: string; Message?: string };
      entry?: { response?: { statusCode?: number } };
    };
    const status = x.statusCode ?? x.entry?.response?.statusCode;
    if (status === undefined || x.data?.Code === undefined) throw e;
    return { status, code: x.data.Code, message: x.data.Message ?? '' };
  }
}

/** Calls an action on one replica, alternating between the ACS3 (openapi-core) and V1 (pop-core) clients by `i`. */
export function callOn(
  r: { host: string; url: string },
  creds: Creds,
  i: number,
  action: string,
  params: Record<string, string>,
  keepBody = false,
): Promise<Outcome> {
  return outcome(
    i % 2 === 0 ? coreCall(r.host, creds, action, params) : popCall(r.url, creds, action, params),
    keepBody,
  );
}

export const parallel = <T>(n: number, f: (i: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: n }, (_, i) => f(i)));

export const tally = (xs: Outcome[]): Record<string, number> => {
  const t: Record<string, number> = {};
  for (const x of xs) t[x.code ?? String(x.status)] = (t[x.code ?? String(x.status)] ?? 0) + 1;
  return t;
};

/** `1-20255501NN`: valid US numbers, distinct for distinct n < 100. */
export const usPhone = (n: number): string => `1-20255501${String(n).padStart(2, '0')}`;
