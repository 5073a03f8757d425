/**
 * The bench's one table: load rows (req/s, p50, p99), ratio rows, start-up and memory rows, and
 * micro-benchmarks, each a line with a name, a value, its unit and a detail.
 */
import type { Measurement } from './load.js';

export interface Row {
  name: string;
  value: string;
  unit: string;
  p50: string;
  p99: string;
  detail: string;
}

export const fmt = (n: number | undefined, digits = 2): string =>
  n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : 'n/a';

const statusText = (m: Measurement): string =>
  Object.entries(m.statuses)
    .map(([code, n]) => `${code}:${n}`)
    .join(' ') + (m.errors ? ` err:${m.errors}` : '');

/** A load row; `m` undefined (the run could not happen) prints n/a with the reason. */
export function loadRow(name: string, m: Measurement | undefined, why = ''): Row {
  if (!m) return { name, value: 'n/a', unit: 'req/s', p50: 'n/a', p99: 'n/a', detail: why };
  const detail = [`${m.requests} requests`, statusText(m), why].filter(Boolean).join(', ');
  return { name, value: fmt(m.rps, 0), unit: 'req/s', p50: fmt(m.p50), p99: fmt(m.p99), detail };
}

/** `a / b` as `1.23x`; n/a when either side is missing or b is zero. */
export function ratioRow(name: string, a: number | undefined, b: number | undefined, detail = ''): Row {
  const ok = a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0;
  return { name, value: ok ? `${fmt(a / b)}x` : 'n/a', unit: 'ratio', p50: '', p99: '', detail };
}

export function valueRow(name: string, value: number | undefined, unit: string, detail = '', digits = 0): Row {
  return { name, value: fmt(value, digits), unit, p50: '', p99: '', detail };
}

export function renderTable(rows: readonly (Row | 'gap')[]): string {
  const head: Row = { name: 'row', value: 'value', unit: 'unit', p50: 'p50 ms', p99: 'p99 ms', detail: 'detail' };
  const real = rows.filter((r): r is Row => r !== 'gap');
  const keys = ['name', 'value', 'unit', 'p50', 'p99', 'detail'] as const;
  const widths = keys.map((k) => Math.max(head[k].length, ...real.map((r) => r[k].length)));
  const line = (r: Row): string =>
    keys
      .map((k, i) =>
        k === 'value' || k === 'p50' || k === 'p99' ? r[k].padStart(widths[i]!) : r[k].padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows) out.push(r === 'gap' ? '' : line(r));
  return out.join('\n');
}
