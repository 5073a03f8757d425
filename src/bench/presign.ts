/**
 * Requests signed before a run starts, so that the load generator (which shares the machine with
 * the server) spends no CPU on signing while it measures. `make(i)` builds request i; when a run
 * outlasts the pre-signed stock, further requests are signed on demand and counted.
 */
import type { SignedRequest } from './sign.js';

export interface Presigned {
  next(): SignedRequest;
  /** Requests that had to be signed during the run. */
  late(): number;
}

export function presign(count: number, make: (i: number) => SignedRequest): Presigned {
  const stock = Array.from({ length: count }, (_, i) => make(i));
  let i = 0;
  let late = 0;
  return {
    next() {
      if (i >= stock.length) {
        late++;
        return make(i++);
      }
      const r = stock[i]!;
      stock[i++] = undefined as unknown as SignedRequest; // let the sent ones go
      return r;
    },
    late: () => late,
  };
}
