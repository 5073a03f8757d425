#!/usr/bin/env node
/**
 * Bundles the server entry (src/main.ts) into dist/main.js with esbuild, after `tsc` has built
 * dist/: loading one file instead of about a thousand modules is most of a fast start. Chunks that
 * are only imported on demand (PostgreSQL, TLS certificate issuing, …) go to dist/chunks/. The bench's
 * server child is bundled the same way, into dist/bench/.
 * Left outside the bundle: the native SQLite addon, pino (its transports load files by path) and
 * packages that are loaded by path or only when configured (SMS SDKs, certificate library, pg).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXTERNAL = [
  'better-sqlite3',
  'pino',
  'pino-pretty',
  'pg',
  '@alicloud/*',
  '@darabonba/*',
  '@peculiar/x509',
  'reflect-metadata',
  'tsyringe',
  'smpp',
];

/** What both bundles share. */
const options = {
  absWorkingDir: root,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // CommonJS packages inside an ES module bundle call require(): give them Node's.
  banner: {
    js: "import { createRequire as resdirRequire } from 'node:module';\nconst require = resdirRequire(import.meta.url);",
  },
  logLevel: 'warning',
  // Whitespace and comments out (names kept): the engine keeps the bundle's source for lazy
  // compilation, and one non-ASCII character in a comment would make all of it a two-byte string.
  minifyWhitespace: true,
  minifySyntax: true,
};

fs.rmSync(path.join(root, 'dist', 'chunks'), { recursive: true, force: true });
for (const f of ['main.js.map', 'main.js.LEGAL.txt']) fs.rmSync(path.join(root, 'dist', f), { force: true });
await build({
  ...options,
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  // Stack positions map back through dist/main.js.map (`node --enable-source-maps dist/main.js`).
  sourcemap: 'linked',
  legalComments: 'external',
});

// The bench's server child, bundled the same way, so that `npm run bench` measures the server as
// it runs from dist/main.js (one bundle), not as about a thousand modules.
fs.rmSync(path.join(root, 'dist', 'bench', 'chunks'), { recursive: true, force: true });
await build({
  ...options,
  entryPoints: { 'resdir-server.bundle': 'src/bench/resdir-server.ts' },
  outdir: 'dist/bench',
  legalComments: 'none',
});
