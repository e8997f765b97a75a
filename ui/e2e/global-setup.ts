// Builds ui/dist once before the browser suites when it is missing (vitest globalSetup).
import { ensureUiBuilt } from '../../src/sandbox/ui/index.js';

export async function setup(): Promise<void> {
  await ensureUiBuilt({ force: process.env.WAFLOW_UI_REBUILD === '1' });
}
