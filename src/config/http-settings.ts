/**
 * HTTP server limits: how long a client may take to send its headers and its whole request, how
 * long an idle keep-alive or silent connection is kept, how many connections are served at
 * once, and how many bytes of request bodies are held in memory at once. Merged into SETTING_DEFS (env + flag +
 * default), so `resdir serve --help` lists them.
 * A stalled or slow upload is cut once the request timeout runs out, releasing its socket and buffers.
 *
 * Import order: only settings.ts imports this module; SettingError is used at call time only.
 */
import { SettingError, type SettingDef, type Settings } from './settings.js';

export interface HttpSettings {
  /** The whole request (headers and body) must arrive within this; 408 and close otherwise. */
  httpRequestTimeoutMs: number;
  /** The headers must arrive within this (at most the request timeout). */
  httpHeadersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  httpKeepAliveTimeoutMs: number;
  /** A connection with no traffic at all for this long is closed. */
  httpConnectionTimeoutMs: number;
  /** Connections served at once; more are closed on arrival. */
  httpMaxConnections: number;
  /** Bytes of request bodies held in memory at once; a body that would go beyond is refused (503). */
  httpBodyBufferBytes: number;
}

const int =
  (min: number, max: number) =>
  (raw: string, name: string): number => {
    const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    throw new SettingError(
      `invalid setting ${name}=${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}`,
    );
  };

const def = <K extends keyof HttpSettings>(d: SettingDef<K>): SettingDef => d as unknown as SettingDef;

export const HTTP_SETTING_DEFS: readonly SettingDef[] = [
  def({
    key: 'httpRequestTimeoutMs',
    env: 'RESDIR_HTTP_REQUEST_TIMEOUT_MS',
    flag: 'http-request-timeout-ms',
    default: '30000',
    describe: 'ms a client has to send a whole request (headers and body); 408 and close after',
    parse: int(100, 600_000),
  }),
  def({
    key: 'httpHeadersTimeoutMs',
    env: 'RESDIR_HTTP_HEADERS_TIMEOUT_MS',
    flag: 'http-headers-timeout-ms',
    default: '10000',
    describe: 'ms a client has to send the request headers (at most the request timeout)',
    parse: int(100, 600_000),
  }),
  def({
    key: 'httpKeepAliveTimeoutMs',
    env: 'RESDIR_HTTP_KEEP_ALIVE_TIMEOUT_MS',
    flag: 'http-keep-alive-timeout-ms',
    default: '5000',
    describe: 'ms an idle keep-alive connection is kept open',
    parse: int(100, 600_000),
  }),
  def({
    key: 'httpConnectionTimeoutMs',
    env: 'RESDIR_HTTP_CONNECTION_TIMEOUT_MS',
    flag: 'http-connection-timeout-ms',
    default: '60000',
    describe: 'ms a connection may stay silent before it is closed',
    parse: int(100, 3_600_000),
  }),
  def({
    key: 'httpMaxConnections',
    env: 'RESDIR_HTTP_MAX_CONNECTIONS',
    flag: 'http-max-connections',
    default: '512',
    describe: 'connections served at once; more are closed on arrival',
    parse: int(1, 100_000),
  }),
  def({
    key: 'httpBodyBufferBytes',
    env: 'RESDIR_HTTP_BODY_BUFFER_BYTES',
    flag: 'http-body-buffer-bytes',
    default: String(64 * 1024 * 1024),
    describe: 'bytes of request bodies held in memory at once, all connections together; 503 beyond',
    parse: int(1024 * 1024, 4 * 1024 * 1024 * 1024),
  }),
];

/** Cross-setting rule, checked by loadSettings: headers cannot take longer than the whole request. */
export function checkHttpSettings(s: Settings): void {
  if (s.httpHeadersTimeoutMs > s.httpRequestTimeoutMs)
    throw new SettingError(
      `invalid setting RESDIR_HTTP_HEADERS_TIMEOUT_MS=${JSON.stringify(String(s.httpHeadersTimeoutMs))}: expected ` +
        `at most RESDIR_HTTP_REQUEST_TIMEOUT_MS (${s.httpRequestTimeoutMs})`,
    );
}
