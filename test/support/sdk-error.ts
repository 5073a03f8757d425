/** The refusal an official openapi-core client threw: code, status and the parsed body. */
import { expect } from 'vitest';

export interface SdkError {
  name: string;
  code: string;
  statusCode?: number;
  message: string;
  data: { RequestId: string; Code: string; Message: string };
}

export async function refusedWith(p: Promise<unknown>, code: string, status?: number): Promise<SdkError> {
  const e = (await p.then(
    (v) => {
      throw new Error(
        `expected ${code}, but the call succeeded: ${JSON.stringify((v as { body?: unknown }).body ?? v)}`,
      );
    },
    (x: unknown) => x,
  )) as SdkError;
  expect(e.code, e.message).toBe(code);
  expect(e.data?.Code).toBe(code);
  if (status !== undefined) expect(e.statusCode).toBe(status);
  return e;
}
