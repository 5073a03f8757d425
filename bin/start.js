#!/usr/bin/env node
// `npm start`: runs the built server (dist/main.js, one bundle) in this process. It rebuilds first
// (tsc, then scripts/bundle.mjs) only when dist/main.js is missing or a file under src/ (or
// tsconfig.json) is newer than it, so a started-again server does not pay for a compile.
// Contract: never starts a stale build.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const main = path.join(root, 'dist', 'main.js');

/** Newest modification time (ms) of any file under `dir`, recursively. */
function newest(dir) {
  let latest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) latest = Math.max(latest, newest(p));
    else latest = Math.max(latest, fs.statSync(p).mtimeMs);
  }
  return latest;
}

function stale() {
  let built;
  try {
    built = fs.statSync(main).mtimeMs;
  } catch {
    return true;
  }
  const tsconfig = fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs;
  return Math.max(tsconfig, newest(path.join(root, 'src'))) > built;
}

if (stale()) {
  console.error('resdir: sources changed since the last build; building (tsc, then the bundle)…');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
    execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
  } catch {
    console.error('resdir: the build failed; not starting a stale server');
    process.exit(1);
  }
  // tsc leaves an unchanged output file alone; mark the build as current.
  const now = new Date();
  fs.utimesSync(main, now, now);
}
await import(pathToFileURL(main).href);
