/**
 * The web console at GET /_resdir/console/: static files from src/console/ and the front-end
 * library (Preact + htm) from node_modules, all served by resdir itself — the page loads nothing
 * from elsewhere, which its Content-Security-Policy enforces — plus the JSON endpoints it reads.
 * Same guard as every /_resdir/ endpoint.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { repoPath } from '../lib/repo-root.js';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { registerConsoleApi, type ConsoleApiDeps } from './console-api.js';
import { registerConsoleFeed } from './console-feed.js';
import { registerConsoleIdentities } from './console-identities.js';
import { cookieAsBearer, registerConsoleLogin } from './console-login.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** src/console/, from src/http/ (tests) and from dist/http/ (the built server) alike. */
const ASSET_DIR = repoPath('src', 'console');

function vendorFiles(): Map<string, string> {
  const require = createRequire(import.meta.url);
  // The ES module builds sit beside each package's CommonJS entry point.
  const beside = (pkg: string, file: string) => path.join(path.dirname(require.resolve(pkg)), file);
  return new Map([
    ['vendor/preact.mjs', beside('preact', 'preact.mjs')],
    ['vendor/hooks.mjs', beside('preact/hooks', 'hooks.mjs')],
    ['vendor/htm.mjs', beside('htm', 'htm.mjs')],
  ]);
}

function assetFiles(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + e.name;
    if (e.isDirectory()) for (const [k, v] of assetFiles(path.join(dir, e.name), `${rel}/`)) out.set(k, v);
    else if (TYPES[path.extname(e.name)]) out.set(rel, path.join(dir, e.name));
  }
  return out;
}

/** The policy allows the page's own origin only, plus the one inline script: its import map. */
function contentSecurityPolicy(indexHtml: string): string {
  const map = /<script type="importmap">([\s\S]*?)<\/script>/.exec(indexHtml)?.[1] ?? '';
  const hash = createHash('sha256').update(map, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    `script-src 'self' 'sha256-${hash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The /_resdir/ guard, preceded by the console's token cookie (console-login.ts). */
export type ConsoleGuard = onRequestHookHandler[];

export function registerConsoleRoutes(
  app: FastifyInstance,
  deps: ConsoleApiDeps,
  adminGuard: onRequestHookHandler,
): void {
  const guard: ConsoleGuard = [cookieAsBearer, adminGuard];
  const files = new Map([...assetFiles(ASSET_DIR), ...vendorFiles()]);
  const contents = new Map<string, Buffer>();
  for (const [name, file] of files) contents.set(name, fs.readFileSync(file));
  const csp = contentSecurityPolicy(contents.get('index.html')?.toString('utf8') ?? '');

  app.get('/_resdir/console', { onRequest: guard }, async (_req, reply) => reply.redirect('/_resdir/console/'));
  app.get('/_resdir/console/*', { onRequest: guard }, async (req, reply) => {
    const name = (req.params as { '*': string })['*'] || 'index.html';
    const body = contents.get(name);
    if (!body) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    return reply
      .type(TYPES[path.extname(name)] ?? 'application/octet-stream')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', csp)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(body);
  });

  registerConsoleLogin(app);
  registerConsoleApi(app, deps, guard);
  registerConsoleIdentities(app, deps, guard);
  registerConsoleFeed(app, deps, guard);
}
