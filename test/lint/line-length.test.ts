/**
 * No TypeScript line under src/, test/ or scripts/ is longer than 120 characters. Biome's
 * formatter keeps code within its lineWidth of 120 but neither wraps nor reports long strings and
 * comments, so this test does, listing every offender as path:line (length).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MAX = 120;
const ROOTS = ['src', 'test', 'scripts'];

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('line length', () => {
  it(`no .ts line under ${ROOTS.join('/, ')}/ is longer than ${MAX} characters`, () => {
    const offenders: string[] = [];
    for (const file of ROOTS.flatMap(tsFiles)) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // Characters as a reader counts them (code points), not UTF-16 units.
          const length = [...line].length;
          if (length > MAX) offenders.push(`${file}:${i + 1} (${length})`);
        });
    }
    expect(offenders, `lines longer than ${MAX} characters:\n${offenders.join('\n')}`).toEqual([]);
  });
});
