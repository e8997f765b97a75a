// Runs the CLI from the TypeScript sources (`tsx src/cli/bin.ts ...`): how `npm start` and the
// repository's scripts run it, so they never depend on a stale dist/.
import { runCli } from './run.js';

await runCli();
