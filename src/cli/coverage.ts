import type { Command } from 'commander';
import { coverageRows } from '../coverage/coverage.js';
import { OperationRegistry } from '../operations/registry.js';

/** `resdir coverage [--json]`: every official operation of each served API, and whether resdir serves it. */
export function registerCoverageCommand(cmd: Command): void {
  cmd
    .description('list every official operation of each served API and whether resdir serves it')
    .option('--json', 'print an array of {"product","version","action","served"}')
    .action((opts: { json?: boolean }) => {
      const rows = coverageRows(new OperationRegistry());
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      const width = Math.max(...rows.map((r) => r.product.length + r.version.length + 1));
      for (const r of rows) {
        console.log(`${`${r.product} ${r.version}`.padEnd(width)}  ${r.served ? 'served ' : 'missing'}  ${r.action}`);
      }
      const served = rows.filter((r) => r.served).length;
      console.log(`\n${served} of ${rows.length} official operations served`);
    });
}
