/**
 * The one error the store throws on purpose: the database cannot be reached right now (refused or
 * lost connection, server shutting down or starting up, too many connections, statement timeout).
 *
 * Contract: when a store call rejects with this error, the database rolled back whatever the call
 * had not committed; nothing half-written survives. The caller answers 503 ServiceUnavailable and
 * the client may retry. The store reconnects by itself on later calls; nothing needs restarting.
 * Any other error escaping the store is a bug (500 InternalError).
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export const isStoreUnavailable = (e: unknown): e is StoreUnavailableError => e instanceof StoreUnavailableError;
