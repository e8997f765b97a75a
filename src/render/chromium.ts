// Finding and starting the Chromium that renders flows: playwright-core (an optional peer) drives
// a Chromium from options.chromiumPath, WAFLOW_CHROMIUM, the system's, or Playwright's own.
import { existsSync } from 'node:fs';
import type { Browser, BrowserType } from 'playwright-core';

export const INSTALL_HINT =
  'Rendering needs playwright-core (`npm i -D playwright-core`) and a Chromium (`apt-get install chromium` on Debian/Ubuntu, or `npx playwright install chromium`); ' +
  'WAFLOW_CHROMIUM (or --chromium) may point at any other Chromium or Chrome binary.';

/** playwright-core or a Chromium binary is missing; the message says how to install them. */
export class ChromiumMissingError extends Error {
  constructor(message: string) {
    super(`${message}. ${INSTALL_HINT}`);
    this.name = 'ChromiumMissingError';
  }
}

/** The system places tried after an explicit path and WAFLOW_CHROMIUM. */
export const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Headless, and nothing that reaches the network or needs a GPU or a user namespace. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type PlaywrightChromium = BrowserType;

async function loadPlaywright(): Promise<PlaywrightChromium> {
  try {
    return (await import('playwright-core')).chromium;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new ChromiumMissingError('the package playwright-core is not installed');
    throw error;
  }
}

/** The Chromium binary to start: the first that exists, in the documented order. */
export function findChromium(chromium: PlaywrightChromium, explicit: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const chosen = explicit ?? (env['WAFLOW_CHROMIUM'] === '' ? undefined : env['WAFLOW_CHROMIUM']);
  if (chosen !== undefined) {
    if (!existsSync(chosen)) throw new ChromiumMissingError(`no Chromium at ${chosen} (${explicit === undefined ? 'from WAFLOW_CHROMIUM' : 'the chromiumPath given'})`);
    return chosen;
  }
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system !== undefined) return system;
  // `npx playwright install chromium` puts one where playwright-core looks by default.
  let own: string | undefined;
  try {
    own = chromium.executablePath();
  } catch {
    own = undefined;
  }
  if (own !== undefined && own !== '' && existsSync(own)) return own;
  throw new ChromiumMissingError(`no Chromium found (tried WAFLOW_CHROMIUM, ${SYSTEM_CHROMIUMS.join(', ')} and Playwright's own browser)`);
}

export async function launchChromium(explicit?: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<Browser> {
  const chromium = await loadPlaywright();
  const executablePath = findChromium(chromium, explicit, env);
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (error) {
    // Playwright's launch log is long; its first line says what went wrong.
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`Chromium at ${executablePath} did not start: ${first}`);
  }
}
