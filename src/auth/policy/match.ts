/**
 * Glob match with `*` (any run, also empty) and `?` (exactly one character), optionally
 * case-insensitive. Greedy two-pointer matching with backtracking to the last `*`: O(|pattern| ×
 * |value|) at worst, never exponential (patterns come from user-written policies).
 */
export function globMatch(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const v = caseInsensitive ? value.toLowerCase() : value;
  let pi = 0;
  let vi = 0;
  let star = -1; // position in p after the last '*'
  let mark = 0; // position in v that the last '*' has consumed up to
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || (p[pi] !== '*' && p[pi] === v[vi]))) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = ++pi;
      mark = vi;
    } else if (star >= 0) {
      pi = star;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
