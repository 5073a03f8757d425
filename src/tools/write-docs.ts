// `npm run docs`: regenerates docs/errors.md and docs/operations.md from the code.
import fs from 'node:fs';
import { errorsMarkdown, operationsMarkdown } from './docs.js';

fs.mkdirSync('docs', { recursive: true });
fs.writeFileSync('docs/errors.md', errorsMarkdown());
fs.writeFileSync('docs/operations.md', operationsMarkdown());
console.log('wrote docs/errors.md and docs/operations.md');
