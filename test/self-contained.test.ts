/**
 * The repository is self-contained: a fresh clone with nothing beside it runs every test, script and
 * build step. No source, test, script or configuration file names a path above the repository root.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src', 'test', 'bin', '.ci'];
const FILES = ['package.json', 'vitest.config.ts', 'tsconfig.json', 'tsconfig.test.json', 'biome.json'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (full === path.join('test', 'fixtures', 'vectors')) return [];
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** A path that climbs out of the repository into the shared folder beside it, or an absolute one. */
const OUTSIDE = [/\.\.\/shared\//, /['"]\.\.['"],\s*['"]shared['"]/, /['"`]\/work\//];

describe('self-contained repository', () => {
  it('no file reads the shared reference material beside the repository', () => {
    const offenders: string[] = [];
    for (const file of [...ROOTS.flatMap(walk), ...FILES]) {
      const text = readFileSync(file, 'utf8');
      for (const re of OUTSIDE) if (re.test(text)) offenders.push(`${file}: ${re}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the captured signing vectors live in the repository with their README', () => {
    const dir = path.join('test', 'fixtures', 'vectors');
    expect(readdirSync(path.join(dir, 'signing')).filter((f) => f.endsWith('.json'))).toHaveLength(52);
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('captured from the official clients');
  });
});
