// `npm start`: serve with settings from the environment (flags go through `npx resdir serve`).
import { runServe } from './cli/serve.js';

runServe({}).catch((e: unknown) => {
  console.error(`resdir: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
