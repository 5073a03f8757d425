#!/usr/bin/env -S node --max-semi-space-size=4 --v8-pool-size=1
// Entry point of the `resdir` command; the compiled CLI lives in dist/ (built by `npm ci` via `prepare`).
import '../dist/cli/main.js';
