/**
 * Reads request bodies into memory under two bounds: each body at most the body limit (413), and
 * all the bodies being received at once at most a shared budget of bytes (503 ServiceUnavailable,
 * and the connection is closed). Without the shared budget, many slow uploads that each stay under
 * the body limit pile up in memory until their request timeout, and the allocator keeps that
 * memory after they are cut. A body's bytes count against the budget from the moment they arrive
 * until the body is complete, refused, or its connection is gone.
 */
import type { IncomingMessage } from 'node:http';

/** The error a body reader fails with when the shared budget is spent. */
export class BodyBudgetExceeded extends Error {
  readonly statusCode = 503;
  readonly code = 'RESDIR_BODY_BUDGET';
  constructor(budget: number) {
    super(`The server is receiving more than ${budget} bytes of request bodies at once. Retry later.`);
  }
}

/** A body larger than the per-request limit (mapped to Request.BodyTooLarge). */
export class BodyTooLarge extends Error {
  readonly statusCode = 413;
}

/** A body that is not what its headers announced, or whose connection went away half-way. */
export class BodyUnreadable extends Error {
  readonly statusCode = 400;
}

/** The bytes of request bodies held at once, across all connections. */
export class BodyBudget {
  private held = 0;
  constructor(readonly maxBytes: number) {}

  /** Takes `n` bytes of the budget; false (and nothing taken) when they do not fit. */
  take(n: number): boolean {
    if (this.held + n > this.maxBytes) return false;
    this.held += n;
    return true;
  }

  give(n: number): void {
    this.held -= n;
  }

  /** Bytes held right now (for tests and metrics). */
  get bytesHeld(): number {
    return this.held;
  }
}

/**
 * A Fastify content-type parser body reader: resolves with the whole body as one Buffer, or fails
 * with BodyTooLarge, BodyUnreadable (also for a stream error) or BodyBudgetExceeded.
 */
export function readBody(
  payload: IncomingMessage,
  limit: number,
  budget: BodyBudget,
  done: (err: Error | null, body?: Buffer) => void,
): void {
  const announced = Number(payload.headers['content-length']);
  const tooLarge = () => new BodyTooLarge(`The request body is larger than ${limit} bytes.`);
  if (announced > limit) {
    done(tooLarge());
    return;
  }
  let chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  const finish = (err: Error | null, body?: Buffer): void => {
    if (finished) return;
    finished = true;
    budget.give(received);
    chunks = [];
    payload.removeListener('data', onData);
    payload.removeListener('end', onEnd);
    payload.removeListener('error', onError);
    payload.removeListener('close', onClose);
    done(err, body);
  };
  function onData(chunk: Buffer): void {
    if (received + chunk.length > limit) finish(tooLarge());
    else if (!budget.take(chunk.length)) finish(new BodyBudgetExceeded(budget.maxBytes));
    else {
      received += chunk.length;
      chunks.push(chunk);
    }
  }
  function onEnd(): void {
    if (!Number.isNaN(announced) && received !== announced)
      finish(new BodyUnreadable('the body length does not match Content-Length'));
    else finish(null, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
  }
  function onError(e: Error): void {
    finish(new BodyUnreadable(`the request body could not be read (${e.message})`));
  }
  /** The connection went away (e.g. cut by the request timeout) before the body was complete. */
  function onClose(): void {
    finish(new BodyUnreadable('the connection closed before the request body was complete'));
  }
  payload.on('data', onData);
  payload.on('end', onEnd);
  payload.on('error', onError);
  payload.on('close', onClose);
  payload.resume();
}
