/**
 * The V8 settings a serving process runs with. Called once, before the app is created, by
 * `resdir serve` (so `npm start` and `node dist/main.js`) and by the bench's server child, so the
 * bench measures what users run. Tests that create an app in-process do not call it.
 *
 * Allocation-site pretenuring is turned off. Under load V8 judged some short-lived request objects
 * long-lived (the parsed query pairs, the parameter map: which one varies from run to run) and
 * allocated them straight into the old generation, which then grew by ~1.5 KB per request until
 * the next full collection. Without it RSS after the bench's load fell by 25–60 MiB, at the same
 * throughput (docs/hot-path.md, Memory under load). The flag is read at collection time, so
 * setting it at run time works; Node documents such changes as unsupported, and the bench shows
 * the effect.
 */
import v8 from 'node:v8';

export function tuneV8(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
