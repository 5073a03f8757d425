/**
 * Micro-benchmarks of the front of the pipeline, in this process: parsing a signed request and
 * verifying its signature (the work every call does before it touches the store).
 */
import { performance } from 'node:perf_hooks';
import { parseRpcRequest, type WireRequest } from '../protocol/request.js';
import { verifyAcs3 } from '../protocol/signers/acs3.js';
import { verifyV1 } from '../protocol/signers/v1.js';
import { signAcs3, signV1, type SignInput } from './sign.js';

/** Microseconds per call of `fn` over about `ms` milliseconds (after a short warm-up). */
function perCall(fn: () => void, ms: number): number {
  for (let i = 0; i < 2000; i++) fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 500; i++) fn();
    n += 500;
    now = performance.now();
  }
  return ((now - start) * 1000) / n;
}

const INPUT: SignInput = {
  host: '127.0.0.1:8080',
  action: 'SendVerificationCodeForBindSecureMobilePhone',
  version: '2020-03-31',
  params: { AccountId: '1386606283480000', SecureMobilePhone: '65-91234567', ClientToken: 'bench-token-0001' },
  accessKeyId: 'LTAI5tBenchKeyId000000000',
  accessKeySecret: 'BenchSecret0000000000000000000',
};

const wire = (r: { method: string; path: string; headers: Record<string, string> }): WireRequest => ({
  method: r.method,
  url: r.path,
  headers: Object.entries(r.headers),
  body: Buffer.alloc(0),
});

export interface Micro {
  v1: number;
  acs3: number;
}

/** µs to parse and verify one V1 and one ACS3 request (each call gets a fresh request object). */
export function microFront(ms = 1000): Micro {
  const v1 = signV1(INPUT);
  const acs3 = signAcs3(INPUT);
  return {
    v1: perCall(() => {
      const w = wire(v1);
      if (!parseRpcRequest(w).ok || !verifyV1(w, INPUT.accessKeySecret)) throw new Error('V1 request does not verify');
    }, ms),
    acs3: perCall(() => {
      const w = wire(acs3);
      if (!parseRpcRequest(w).ok || !verifyAcs3(w, INPUT.accessKeySecret))
        throw new Error('ACS3 request does not verify');
    }, ms),
  };
}
