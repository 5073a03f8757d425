// `npm run docs`: regenerates docs/errors.md, docs/operations.md and docs/coverage.md from the code.
import fs from 'node:fs';
import { coverageMarkdown, coverageSummary } from '../coverage/coverage.js';
import { OperationRegistry } from '../operations/registry.js';
import { errorsMarkdown, operationsMarkdown } from './docs.js';
import { withCoverageTable } from './readme-blocks.js';

fs.mkdirSync('docs', { recursive: true });
fs.writeFileSync('docs/errors.md', errorsMarkdown());
fs.writeFileSync('docs/operations.md', operationsMarkdown());
fs.writeFileSync('docs/coverage.md', coverageMarkdown(new OperationRegistry()));
const readme = fs.readFileSync('README.md', 'utf8');
fs.writeFileSync('README.md', withCoverageTable(readme, coverageSummary(new OperationRegistry())));
console.log('wrote docs/errors.md, docs/operations.md, docs/coverage.md and the README coverage table');
