/**
 * Response envelopes the official clients understand (wire-protocol.md §3.3, §3.5, §6, §7.5–7.6).
 *
 * Success: 200, JSON, `RequestId` first and never a `Code` field (pop-core treats any Code outside
 * its OK set as an error). Error: the catalog status and `{RequestId, HostId, Code, Message,
 * Recommend}` — pop-core reads only the body, openapi-core only the status, so both must agree.
 */
import { messageOf, statusOf, type ApiFailure } from '../errors/catalog.js';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';

/** 200 with `{RequestId, ...fields}`; a `Code` or `RequestId` in `fields` is dropped. */
export function successResponse(requestId: string, fields: Record<string, unknown>): WireResponse {
  const body: Record<string, unknown> = { RequestId: requestId };
  for (const [key, value] of Object.entries(fields)) {
    if (key !== 'Code' && key !== 'RequestId') body[key] = value;
  }
  return {
    status: 200,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-acs-request-id': requestId },
    body: JSON.stringify(body),
  };
}

/** The troubleshooting link Alibaba's gateway puts in `Recommend`. */
export function recommendUrl(code: string, requestId: string): string {
  return (
    `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=ResourceManager&` +
    `requestId=${requestId}`
  );
}

/** Catalog status; `x-acs-retry-after` (whole ms) only when the failure names a retry delay. */
export function errorResponse(requestId: string, hostId: string, f: ApiFailure): WireResponse {
  const headers: Record<string, string> = { 'content-type': JSON_CONTENT_TYPE, 'x-acs-request-id': requestId };
  if (f.retryAfterMs !== undefined && Number.isFinite(f.retryAfterMs)) {
    headers['x-acs-retry-after'] = String(Math.max(0, Math.ceil(f.retryAfterMs)));
  }
  const body = {
    RequestId: requestId,
    HostId: hostId,
    Code: f.code,
    Message: messageOf(f),
    Recommend: f.recommend ? `${f.recommend} ${recommendUrl(f.code, requestId)}` : recommendUrl(f.code, requestId),
    ...(f.accessDeniedDetail ? { AccessDeniedDetail: f.accessDeniedDetail } : {}),
  };
  return { status: statusOf(f.code), headers, body: JSON.stringify(body) };
}
