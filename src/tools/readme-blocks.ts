/** The README's generated blocks, between `<!-- NAME:start -->` and `<!-- NAME:end -->` lines. */
export function replaceBlock(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->\n`;
  const end = `\n<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end, a);
  if (a < 0 || b < 0) throw new Error(`README.md has no ${name} block`);
  return text.slice(0, a + start.length) + body + text.slice(b);
}

/** The text of a generated block, or undefined when the README has none. */
export function readBlock(text: string, name: string): string | undefined {
  const start = `<!-- ${name}:start -->\n`;
  const a = text.indexOf(start);
  const b = text.indexOf(`\n<!-- ${name}:end -->`, a);
  return a < 0 || b < 0 ? undefined : text.slice(a + start.length, b);
}

export const withCoverageTable = (readme: string, table: string): string => replaceBlock(readme, 'coverage', table);
