/**
 * No object literal on the Send/Bind request path starts with a spread and goes on
 * (`{ ...a, b }`, `{ ...a, ...b }`). On Node 20's V8 such a literal takes a slow path: measured
 * in isolation, `{ ...c, five more }` allocates ~1.7 KB and leaves ~0.6 KB to be promoted to the
 * old generation, against 58 bytes and nothing for the same object written out. On the Send path
 * that was about half of what a Send promoted (docs/hot-path.md, Measured). A spread that is not
 * first (`{ b, ...a }`), a lone spread (`{ ...a }`) and Object.assign are not affected.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The request path of Send and Bind: front, pipeline, domain, store. */
const ROOTS = [
  'src/protocol',
  'src/http/rpc.ts',
  'src/operations/define.ts',
  'src/operations/resourcedirectory/send-verification-code-for-bind-secure-mobile-phone.ts',
  'src/operations/resourcedirectory/bind-secure-mobile-phone.ts',
  'src/domain/verification',
  'src/store/hot',
];

function tsFiles(p: string): string[] {
  if (!fs.statSync(p).isDirectory()) return [p];
  return fs.readdirSync(p).flatMap((name) => tsFiles(path.join(p, name)));
}

/** path:line of each object literal that starts with a spread and has more members. */
function leadingSpreads(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const [first, ...rest] = node.properties;
      if (first && ts.isSpreadAssignment(first) && rest.length > 0) {
        found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('hot-path object literals', () => {
  it('finds the pattern it forbids', () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'spreads-'));
    const file = path.join(dir, 'sample.ts');
    fs.writeFileSync(file, 'const a = { x: 1 };\nexport const b = { ...a, y: 2 };\nexport const c = { y: 2, ...a };\n');
    expect(leadingSpreads(file)).toEqual([`${file}:2`]);
    fs.rmSync(dir, { recursive: true });
  });

  it('no literal on the Send/Bind path starts with a spread and goes on', () => {
    const offenders = ROOTS.flatMap(tsFiles).flatMap(leadingSpreads);
    expect(offenders, `write these out, put the spread later or use Object.assign:\n${offenders.join('\n')}`).toEqual(
      [],
    );
  });
});
