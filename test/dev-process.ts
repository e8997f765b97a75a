// `waflow dev` as a user starts it, for the tests that run against it: a real process from the
// sources, and the credentials and ids read from what it prints, as a person copies them.
import { join, resolve } from 'node:path';
import { startServer } from './runtimes/processes.js';
import type { ServerProcess } from './runtimes/processes.js';

const ROOT = resolve(import.meta.dirname, '..');

export interface DevCredentials {
  url: string;
  apiKey: string;
  partnerKey: string;
  partnerId: string;
  wabaAccountId: string;
  partnerUser: string;
  wabaId: string;
  phoneNumberId: string;
}

/** Reads the keys and ids with the labels `waflow dev` prints them under. */
export function readGuide(url: string, text: string): DevCredentials {
  const value = (pattern: RegExp, what: string): string => {
    const found = pattern.exec(text)?.[1];
    if (found === undefined) throw new Error(`waflow dev did not print ${what}:\n${text}`);
    return found;
  };
  return {
    url,
    apiKey: value(/^\s*API key:\s+(\S+)/m, 'the API key'),
    partnerKey: value(/^\s*partner API key:\s+(\S+)/m, 'the partner API key'),
    partnerId: value(/partner id:\s+(\S+)/, 'the partner id'),
    wabaAccountId: value(/WABA account id:\s+(\S+)/, 'the WABA account id'),
    partnerUser: value(/"username":\s*"([^"]+)"/, 'the partner user'),
    wabaId: value(/WABA id:\s+(\S+)/, 'the WABA id'),
    phoneNumberId: value(/phone number id:\s+(\S+)/, 'the phone number id'),
  };
}

/** Starts `waflow dev --port 0 --data-dir <dataDir> ...args` and waits for its whole start-up guide. */
export async function startWaflowDev(dataDir: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<{ dev: ServerProcess; creds: DevCredentials }> {
  const dev = await startServer(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/bin.ts'), 'dev', '--port', '0', '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), DATABASE_URL: '', ...env },
    timeoutMs: 120_000,
    port: 'stdout',
    listening: /listening on http:\/\/127\.0\.0\.1:(\d+)[\s\S]*Press Ctrl\+C to stop\./,
  });
  return { dev, creds: readGuide(dev.url, dev.output()) };
}
