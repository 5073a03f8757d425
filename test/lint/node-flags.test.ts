/**
 * `npm start` and `resdir` (bin/resdir.js) run node with the same flags (docs/hot-path.md: a small
 * young generation and two V8 helper threads keep a loaded server's RSS low), the bench reads
 * them from package.json, and node accepts them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startFlags } from '../../src/bench/node-flags.js';

describe('node flags of the serving commands', () => {
  const flags = startFlags();

  it('npm start passes some', () => {
    expect(flags).toContain('--max-semi-space-size=4');
  });

  it('bin/resdir.js runs node with the same flags', () => {
    const shebang = fs.readFileSync('bin/resdir.js', 'utf8').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${flags.join(' ')}`);
  });

  it('node accepts them', () => {
    const out = execFileSync(process.execPath, [
      ...flags,
      '-p',
      "require('node:v8').getHeapStatistics().total_heap_size > 0",
    ]);
    expect(out.toString().trim()).toBe('true');
  });
});
