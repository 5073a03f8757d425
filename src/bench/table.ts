/** Formats benchmark measurements as a plain-text table with resdir/baseline ratios. */
import type { Measurement } from './load.js';

export interface Scenario {
  name: string;
  resdir: Measurement;
  baseline: Measurement;
}

const fmt = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const ratio = (a: number, b: number): string => (b > 0 ? `${fmt(a / b, 2)}x` : 'n/a');

function row(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (i < 2 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
    .join('  ');
}

const statusText = (m: Measurement): string =>
  Object.entries(m.statuses)
    .map(([code, n]) => `${code}:${n}`)
    .join(' ') + (m.errors ? ` err:${m.errors}` : '');

export function renderTable(scenarios: readonly Scenario[]): string {
  const head = ['scenario', 'target', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'statuses'];
  const rows: string[][] = [];
  for (const s of scenarios) {
    for (const [target, m] of [
      ['resdir', s.resdir],
      ['baseline', s.baseline],
    ] as const) {
      rows.push([s.name, target, String(m.requests), fmt(m.rps, 0), fmt(m.p50), fmt(m.p99), statusText(m)]);
    }
    rows.push([
      s.name,
      'resdir/baseline',
      '',
      ratio(s.resdir.rps, s.baseline.rps),
      ratio(s.resdir.p50, s.baseline.p50),
      ratio(s.resdir.p99, s.baseline.p99),
      '',
    ]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const lines = [row(head, widths), widths.map((w) => '-'.repeat(w)).join('  ')];
  scenarios.forEach((_, i) => {
    for (const r of rows.slice(i * 3, i * 3 + 3)) lines.push(row(r, widths));
    if (i < scenarios.length - 1) lines.push('');
  });
  return lines.join('\n');
}
