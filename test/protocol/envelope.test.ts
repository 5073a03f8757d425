import { describe, expect, it } from 'vitest';
import { errorResponse, successResponse } from '../../src/protocol/envelope.js';
import { failure } from '../../src/errors/catalog.js';

const RID = '11111111-2222-3333-4444-555555555555';

describe('successResponse', () => {
  it('is 200 JSON with RequestId first and never a Code', () => {
    const res = successResponse(RID, {
      Code: 'OK',
      ExpirationDate: '2025-01-01T00:05:00.000Z',
      RequestId: 'spoofed',
      Account: { AccountId: '1' },
    });
    expect(res.status).toBe(200);
    expect(res.headers).toEqual({ 'content-type': 'application/json;charset=utf-8', 'x-acs-request-id': RID });
    expect(Object.keys(JSON.parse(res.body) as object)).toEqual(['RequestId', 'ExpirationDate', 'Account']);
    expect(JSON.parse(res.body)).toEqual({
      RequestId: RID,
      ExpirationDate: '2025-01-01T00:05:00.000Z',
      Account: { AccountId: '1' },
    });
  });
});

describe('errorResponse', () => {
  it('carries the catalog status and the five gateway fields', () => {
    const res = errorResponse(RID, 'resourcemanager.aliyuncs.com', failure('InvalidAccessKeyId.NotFound'));
    expect(res.status).toBe(404);
    expect(res.headers).toEqual({ 'content-type': 'application/json;charset=utf-8', 'x-acs-request-id': RID });
    const body = JSON.parse(res.body) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['RequestId', 'HostId', 'Code', 'Message', 'Recommend']);
    expect(body).toEqual({
      RequestId: RID,
      HostId: 'resourcemanager.aliyuncs.com',
      Code: 'InvalidAccessKeyId.NotFound',
      Message: 'Specified access key is not found.',
      Recommend:
        `https://api.aliyun.com/troubleshoot?q=InvalidAccessKeyId.NotFound&product=ResourceManager&` +
        `requestId=${RID}`,
    });
  });

  it('uses a specific message and sends x-acs-retry-after in ms when set', () => {
    const res = errorResponse(RID, 'h', failure('ServiceUnavailable', 'try later', 1500));
    expect(res.status).toBe(503);
    expect(res.headers['x-acs-retry-after']).toBe('1500');
    expect((JSON.parse(res.body) as { Message: string }).Message).toBe('try later');
    expect(errorResponse(RID, 'h', failure('SignatureDoesNotMatch')).headers['x-acs-retry-after']).toBeUndefined();
  });
});
