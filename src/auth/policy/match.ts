/**
 * Glob match with `*` (any run, also empty) and `?` (exactly one character), optionally
 * case-insensitive. The pattern is cut at its `*` into segments: the first must match the start of
 * the value, the last its end, and the ones between are found leftmost-first, in order, without
 * ever going back (leftmost placement is always the best one for `*`-globs). A segment without `?`
 * is found with Knuth–Morris–Pratt, a segment with `?` with a bit-parallel shift-and scan, so a
 * match costs O(|value| × ⌈longest segment with ?/32⌉ + |pattern|) steps: linear in the value
 * whatever the pattern. `matcherSteps()` counts the steps, so that tests can check that bound.
 */

let steps = 0;

/** Steps taken by every match since the process started (one per character comparison or word). */
export function matcherSteps(): number {
  return steps;
}

/** Does `seg` (with `?`) match `v` at `at`? Only for fixed, anchored positions. */
function segmentAt(seg: string, v: string, at: number): boolean {
  if (at < 0 || at + seg.length > v.length) return false;
  for (let i = 0; i < seg.length; i++) {
    steps++;
    if (seg[i] !== '?' && seg[i] !== v[at + i]) return false;
  }
  return true;
}

/** Leftmost index ≥ from where the literal `seg` occurs in v[from, end), or -1 (KMP). */
function findLiteral(seg: string, v: string, from: number, end: number): number {
  const fail = new Int32Array(seg.length);
  for (let i = 1, k = 0; i < seg.length; i++) {
    while (k > 0 && seg[i] !== seg[k]) {
      steps++;
      k = fail[k - 1]!;
    }
    steps++;
    if (seg[i] === seg[k]) k++;
    fail[i] = k;
  }
  for (let i = from, k = 0; i < end; i++) {
    while (k > 0 && v[i] !== seg[k]) {
      steps++;
      k = fail[k - 1]!;
    }
    steps++;
    if (v[i] === seg[k]) k++;
    if (k === seg.length) return i - seg.length + 1;
  }
  return -1;
}

/** Leftmost index ≥ from where `seg` (with `?`) occurs in v[from, end), or -1 (shift-and). */
function findWithAny(seg: string, v: string, from: number, end: number): number {
  const words = Math.ceil(seg.length / 32);
  const any = new Uint32Array(words);
  const masks = new Map<string, Uint32Array>();
  for (let i = 0; i < seg.length; i++) if (seg[i] === '?') any[i >>> 5]! |= 1 << (i & 31);
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '?') continue;
    let m = masks.get(c);
    if (!m) {
      m = Uint32Array.from(any);
      masks.set(c, m);
    }
    m[i >>> 5]! |= 1 << (i & 31);
  }
  const last = seg.length - 1;
  const state = new Uint32Array(words);
  for (let i = from; i < end; i++) {
    const m = masks.get(v[i]!) ?? any;
    let carry = 1;
    for (let w = 0; w < words; w++) {
      steps++;
      const s = state[w]!;
      state[w] = ((s << 1) | carry) & m[w]!;
      carry = s >>> 31;
    }
    if ((state[last >>> 5]! >>> (last & 31)) & 1) return i - last;
  }
  return -1;
}

export function globMatch(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const v = caseInsensitive ? value.toLowerCase() : value;
  const segs = p.split('*');
  if (segs.length === 1) return p.length === v.length && segmentAt(p, v, 0);
  const head = segs[0]!;
  const tail = segs[segs.length - 1]!;
  if (head.length + tail.length > v.length) return false;
  if (!segmentAt(head, v, 0) || !segmentAt(tail, v, v.length - tail.length)) return false;
  let at = head.length;
  const end = v.length - tail.length;
  for (let i = 1; i < segs.length - 1; i++) {
    const seg = segs[i]!;
    if (seg.length === 0) continue;
    const found = seg.includes('?') ? findWithAny(seg, v, at, end) : findLiteral(seg, v, at, end);
    if (found < 0) return false;
    at = found + seg.length;
  }
  return true;
}
