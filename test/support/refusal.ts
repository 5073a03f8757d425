/** What the official clients surface for a refused call, checked the same way everywhere. */
import { expect } from 'vitest';

export const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

export interface SdkError {
  name: string;
  code: string;
  statusCode?: number;
  requestId?: string;
  message: string;
  data: { RequestId: string; HostId: string; Code: string; Message: string; Recommend: string };
  entry?: { response: { statusCode: number; headers: Record<string, string> } };
}

/**
 * Awaits a call that must be refused, and checks what the SDK surfaced: the code, the status
 * (statusCode for openapi-core / product SDK; the response entry for pop-core, which ignores the
 * status line) and the RequestId, parsed and consistent with the x-acs-request-id header.
 */
export async function expectRefusal(p: Promise<unknown>, code: string, status: number): Promise<SdkError> {
  const e = (await p.then(
    (v) => {
      throw new Error(`expected ${code} (${status}), but the call succeeded: ${JSON.stringify(v)}`);
    },
    (err: unknown) => err,
  )) as SdkError;
  expect(e.code, e.message).toBe(code);
  expect(e.data.Code).toBe(code);
  expect(e.data.RequestId).toMatch(UUID);
  expect(typeof e.data.Message).toBe('string');
  expect(e.data.Message.length).toBeGreaterThan(0);
  expect(typeof e.data.HostId).toBe('string');
  expect(e.data.Recommend).toContain(encodeURIComponent(code));
  if (e.entry) {
    // pop-core
    expect(e.name).toBe(`${code}Error`);
    expect(e.entry.response.statusCode).toBe(status);
    expect(e.entry.response.headers['x-acs-request-id']).toBe(e.data.RequestId);
  } else {
    expect(e.name).toBe(status >= 500 ? 'ServerError' : 'ClientError');
    expect(e.statusCode).toBe(status);
    expect(e.requestId).toBe(e.data.RequestId);
    expect(e.message).toContain(`code: ${status}`);
  }
  return e;
}
