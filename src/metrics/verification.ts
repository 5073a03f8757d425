import { Counter, Histogram, type Registry } from 'prom-client';
import type { VerificationObserver } from '../domain/verification/observer.js';

/**
 * Prometheus metrics of the verification flow (GET /_resdir/metrics). Labels are closed sets;
 * no number, account, token or code ever becomes a label.
 */
export function verificationMetrics(registry: Registry): VerificationObserver {
  const sends = new Counter({
    name: 'resdir_verification_sends_total',
    help: 'Successful Sends by kind (sms, test-number, replay)',
    labelNames: ['kind'],
    registers: [registry],
  });
  const binds = new Counter({
    name: 'resdir_verification_binds_total',
    help: 'Successful Binds',
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'resdir_verification_refusals_total',
    help: 'Refused Sends and Binds by operation, error code and reason',
    labelNames: ['operation', 'code', 'reason'],
    registers: [registry],
  });
  const trips = new Counter({
    name: 'resdir_breaker_trips_total',
    help: 'SMS-pumping breaker trips by scope (country, prefix)',
    labelNames: ['scope'],
    registers: [registry],
  });
  const attempts = new Histogram({
    name: 'resdir_verification_attempts_per_code',
    help: 'Attempts a code took until it was bound (outcome=bound) or burned (outcome=burned)',
    labelNames: ['outcome'],
    buckets: [1, 2, 3, 4, 5, 10],
    registers: [registry],
  });
  return {
    sent: (kind) => sends.inc({ kind }),
    refused: (operation, code, reason) => refusals.inc({ operation, code, reason }),
    bound: (n) => {
      binds.inc();
      attempts.observe({ outcome: 'bound' }, n);
    },
    burned: (n) => attempts.observe({ outcome: 'burned' }, n),
    breakerTripped: (scope) => trips.inc({ scope }),
  };
}
