import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { pino, type DestinationStream, type Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Settings } from './config/settings.js';
import { systemClock, type Clock } from './lib/clock.js';
import { keyringFrom, type Keyring } from './lib/keyring.js';
import { checkMasterKey } from './config/master-key-check.js';
import { openStore } from './store/open.js';
import type { Store } from './store/ports.js';
import { IdentityCache } from './domain/identity/identity-cache.js';
import { DirectoryService } from './domain/directory/directory.js';
import { FolderService } from './domain/directory/folders.js';
import { MemberService } from './domain/directory/members.js';
import { SecurePhoneVerification } from './domain/verification/secure-phone.js';
import type { OutboxWorker } from './delivery/worker.js';
import { buildProviders } from './delivery/providers/index.js';
import { createDelivery, type Delivery } from './delivery/wiring.js';
import { OperationRegistry } from './operations/registry.js';
import { identityServices } from './domain/ram/services.js';
import type { KeyUsageTracker } from './domain/ram/key-usage.js';
import { buildServer } from './http/server.js';
import { applyHttpLimits } from './http/limits.js';
import { BodyBudget } from './http/body-reader.js';
import { logDestination } from './lib/log-destination.js';
import { verificationMetrics } from './metrics/verification.js';
import { startDefenceSweep } from './domain/audit/retention.js';
import { registerSmsReceiptRoute } from './http/sms-receipts.js';
import { setupTls, type TlsSetup } from './tls/setup.js';
import { dualProtocol } from './http/dual-port.js';
import { registerAdminAccountRoute } from './http/admin-accounts.js';
import { lifecycleServices } from './domain/directory/services.js';
import { TagService } from './domain/directory/tags.js';
import { DelegationService } from './domain/directory/delegation.js';
import { MessageContactService } from './domain/directory/message-contacts.js';
import { MessageContactMembers } from './domain/directory/message-contact-members.js';
import { MessageContactCodes } from './domain/verification/message-contact-codes.js';
import { MessageContactConfirmation } from './domain/verification/message-contact-confirm.js';
import { registerMessageContactVerifyRoute } from './http/message-contact-verify.js';
import { repoPath } from './lib/repo-root.js';

export const VERSION: string = (JSON.parse(fs.readFileSync(repoPath('package.json'), 'utf8')) as { version: string })
  .version;

export interface AppOptions {
  settings: Settings;
  masterKey: Buffer;
  clock?: Clock;
  /** Where logs go (default stdout). Tests pass a capture stream. */
  logStream?: DestinationStream;
}

export interface App {
  settings: Settings;
  store: Store;
  keyring: Keyring;
  clock: Clock;
  log: Logger;
  server: FastifyInstance;
  worker: OutboxWorker;
  /** When each AccessKey was last used: kept in memory, written every 10 s and on close. */
  keyUsage: KeyUsageTracker;
  /** HTTPS on the API port (absent with RESDIR_TLS=off): the certificate's source and the local CA. */
  tls?: TlsSetup;
  /** Starts listening and delivering; resolves with the base URL. */
  start(): Promise<string>;
  /** Stops accepting requests, finishes in-flight sends, closes the store. */
  close(): Promise<void>;
}

/** The one place that constructs and wires resdir. */
export async function createApp(opts: AppOptions): Promise<App> {
  const { settings } = opts;
  const clock = opts.clock ?? systemClock;
  const destination = opts.logStream ?? (await logDestination());
  const log = pino({ level: settings.logLevel, base: { service: 'resdir' } }, destination);
  // First, so that a bad certificate file stops start-up before the store is touched.
  const tls = await setupTls(settings, clock.now());
  const dual = tls ? dualProtocol(tls.identity) : undefined;
  const { store } = await openStore(settings.databaseUrl, {
    poolSize: settings.dbPoolSize,
    statementTimeoutMs: settings.dbStatementTimeoutMs,
    onConnectionError: (e) => log.warn({ err: e }, 'database connection lost; reconnecting on demand'),
  });
  const keyring = keyringFrom(opts.masterKey);
  await checkMasterKey(store.meta, keyring).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });

  const delivery: Delivery = createDelivery(settings, {
    store,
    keyring,
    clock,
    log: log.child({ component: 'outbox' }),
    metrics,
    providers: buildProviders(settings, { store, clock, log }),
  });
  const worker = delivery.worker;
  const directory = new DirectoryService(store, clock);
  const observer = verificationMetrics(metrics);
  const { sms } = delivery;
  const verification = new SecurePhoneVerification(store, clock, keyring, settings, sms, observer);
  const identity = identityServices(store, clock, keyring);
  const lifecycle = lifecycleServices(store, clock, keyring, settings, sms, observer);
  const server = buildServer(
    log,
    {
      registry: new OperationRegistry(),
      store,
      keyring,
      clock,
      signatureWindowMs: settings.signatureWindowSeconds * 1000,
      identities: new IdentityCache(store, keyring),
      services: {
        directory,
        folders: new FolderService(store, clock),
        members: new MemberService(store, clock, directory),
        verification,
        site: settings.site,
        identity,
        callingCodes: { allowed: settings.allowedCallingCodes, denied: settings.deniedCallingCodes },
        auditTrail: store,
        lifecycle,
        tags: new TagService(store, clock),
        delegation: new DelegationService(store, clock, directory),
        messageContacts: new MessageContactService(store, clock, settings.messageContactDeletionSeconds * 1000),
        messageContactCodes: new MessageContactCodes(store, clock, keyring, settings, sms, observer),
        messageContactMembers: new MessageContactMembers(store, clock),
      },
      log,
    },
    {
      store,
      version: VERSION,
      smsProvider: settings.smsProvider,
      ...(settings.adminToken ? { adminToken: settings.adminToken } : {}),
      production: settings.mode === 'production',
    },
    metrics,
    dual,
    new BodyBudget(settings.httpBodyBufferBytes),
  );

  applyHttpLimits(server.server, settings);
  if (delivery.receiptIntake) registerSmsReceiptRoute(server, delivery.receiptIntake);
  registerMessageContactVerifyRoute(server, new MessageContactConfirmation(store, clock, keyring, settings));
  if (settings.mode === 'development')
    registerAdminAccountRoute(server, {
      store,
      keyring,
      clock,
      ...(settings.adminToken ? { adminToken: settings.adminToken } : {}),
    });

  let nonceSweep: NodeJS.Timeout | undefined;
  let defenceSweep: (() => void) | undefined;
  let tlsRenewal: NodeJS.Timeout | undefined;
  let deletionSweep: NodeJS.Timeout | undefined;
  return {
    settings,
    store,
    keyring,
    clock,
    log,
    server,
    worker,
    keyUsage: identity.keyUsage,
    ...(tls ? { tls } : {}),
    async start() {
      const url = await server.listen({ host: settings.host, port: settings.port });
      delivery.start();
      nonceSweep = setInterval(() => {
        store.nonces.purgeExpired(clock.now()).catch((e: unknown) => log.warn({ err: e }, 'nonce purge failed'));
        // Expired STS sessions are kept a day so that late callers still get InvalidSecurityToken.Expired.
        store.ram
          .purgeExpiredSessions(clock.now() - 86_400_000)
          .catch((e: unknown) => log.warn({ err: e }, 'STS session purge failed'));
      }, 60_000);
      nonceSweep.unref();
      defenceSweep = startDefenceSweep(store, clock, settings.auditRetentionDays, log);
      if (tls && dual) {
        // The local server certificate is re-issued well before its end (src/tls/setup.ts).
        tlsRenewal = setInterval(() => {
          tls.renewIfDue(clock.now()).then(
            (next) => {
              if (!next) return;
              dual.setIdentity(next);
              log.info({ notAfter: new Date(tls.notAfter).toISOString() }, 'TLS server certificate renewed');
            },
            (e: unknown) => log.warn({ err: e }, 'TLS server certificate renewal failed'),
          );
        }, 6 * 3_600_000);
        tlsRenewal.unref();
      }
      // Member deletions whose delay ran out are carried out even if nobody asks for their status.
      deletionSweep = setInterval(() => {
        lifecycle.deletion.settleDue().catch((e: unknown) => log.warn({ err: e }, 'member deletion sweep failed'));
        // Likewise confirmation mails whose confirmation or expiry time came.
        lifecycle.mail.settleDue().catch((e: unknown) => log.warn({ err: e }, 'confirmation mail sweep failed'));
      }, 1_000);
      deletionSweep.unref();
      // AccessKey last use is kept in memory and written every 10 s (and on close).
      identity.keyUsage.start(10_000, log);
      return url;
    },
    async close() {
      clearInterval(nonceSweep);
      clearInterval(tlsRenewal);
      clearInterval(deletionSweep);
      defenceSweep?.();
      // In-flight requests finish; keep-alive connections that stay open past a grace period are
      // cut, so shutdown never waits for the 72 s keep-alive timeout.
      const force = setTimeout(() => server.server.closeAllConnections(), 5_000);
      force.unref();
      await server.close();
      clearTimeout(force);
      await delivery.stop(); // finishes in-flight sends, then closes provider connections
      identity.keyUsage.stop();
      await identity.keyUsage.flush().catch((e: unknown) => log.warn({ err: e }, 'AccessKey last-use flush failed'));
      await store.close();
    },
  };
}
