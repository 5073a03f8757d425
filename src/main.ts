// `npm start`: serve with settings from the environment (flags go through `npx resdir serve`).
import { runServe } from './cli/serve.js';

await runServe({});
