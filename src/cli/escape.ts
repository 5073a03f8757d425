/**
 * Text the CLI prints in a terminal comes from callers (principal ARNs, error details, provider
 * replies). Control characters (ESC sequences, newlines, NUL) and bidirectional marks/overrides
 * could rewrite or disguise what the operator sees, so each is shown as a visible `\u{…}` escape.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16).padStart(4, '0')}}`);
}
