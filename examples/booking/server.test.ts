// Boots the example server as a real process on an ephemeral port and books an appointment
// end to end with encrypted, signed requests, as WhatsApp would send them.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/data-channel/index.js';
import { PlatformClient } from '../../src/endpoint/test-kit.js';
import { validateFlow } from '../../src/flow-json/validate/index.js';

const SERVER = new URL('./server.ts', import.meta.url).pathname;
const PASSPHRASE = 'booking-passphrase-77';
const APP_SECRET = 'booking-app-secret-31';
const dir = mkdtempSync(join(tmpdir(), 'waflow-booking-'));
const keyPath = join(dir, 'private.pem');
let publicKeyPem: string;
const children: ChildProcess[] = [];

function boot(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string | undefined; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ child, url: undefined, stderr: `${stderr}\n(timeout)`, code: null }), 20_000);
    child.stdout?.on('data', () => {
      const url = /listening on (http:\/\/\S+?\/)/.exec(stdout)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({ child, url, stderr, code: null });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ child, url: undefined, stderr, code });
    });
  });
}

beforeAll(async () => {
  const keys = await generateKeyPair({ passphrase: PASSPHRASE });
  writeFileSync(keyPath, keys.privateKeyPem, { mode: 0o600 });
  publicKeyPem = keys.publicKeyPem;
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('examples/booking', () => {
  it('ships a Flow JSON the validator accepts', () => {
    const result = validateFlow(readFileSync(new URL('./flow.json', import.meta.url), 'utf8'));
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('books an appointment end to end against the running server', async () => {
    const { url, stderr } = await boot(['--port', '0', '--host', '127.0.0.1', '--private-key', keyPath], {
      PRIVATE_KEY_PASSPHRASE: PASSPHRASE,
      APP_SECRET,
    });
    expect(url, stderr).toBeDefined();
    const phone = await PlatformClient.create(url as string, publicKeyPem);
    const call = async (request: Parameters<PlatformClient['call']>[0]) => {
      const result = await phone.call(request, { appSecret: APP_SECRET });
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      return result.body as { screen: string; data: Record<string, unknown> };
    };
    const token = 'flow-token-e2e';

    expect((await call({ version: '3.0', action: 'ping' }) as unknown as { data: unknown }).data).toEqual({ status: 'active' });

    const first = await call({ version: '3.0', action: 'INIT', flow_token: token });
    expect(first.screen).toBe('APPOINTMENT');
    expect(first.data.is_time_enabled).toBe(false);
    const dates = first.data.dates as { id: string; title: string }[];
    expect(dates.length).toBe(7);
    const date = (dates[1] as { id: string }).id; // tomorrow or later: every time is still free

    const withTimes = await call({ version: '3.0', action: 'data_exchange', flow_token: token, screen: 'APPOINTMENT', data: { trigger: 'date_selected', date } });
    expect(withTimes.screen).toBe('APPOINTMENT');
    expect(withTimes.data.is_time_enabled).toBe(true);
    expect((withTimes.data.times as { id: string }[]).map((t) => t.id)).toContain('10:30');

    const details = await call({ version: '3.0', action: 'data_exchange', flow_token: token, screen: 'APPOINTMENT', data: { service: 'haircut', date, time: '10:30' } });
    expect(details).toMatchObject({ screen: 'DETAILS', data: { service: 'haircut', date, time: '10:30' } });
    expect(details.data.slot_label).toMatch(/^Haircut \(30 min\) on \w{3} \d{1,2} \w{3} at 10:30$/);

    const badEmail = await call({ version: '3.0', action: 'data_exchange', flow_token: token, screen: 'DETAILS', data: { service: 'haircut', date, time: '10:30', name: 'Ana Lima', email: 'nope' } });
    expect(badEmail).toEqual({ screen: 'DETAILS', data: { error_message: 'Please enter a valid email address.' } });

    const contact = { name: 'Ana Lima', email: 'ana@example.com', phone: '+351 912 345 678', notes: '' };
    const summary = await call({ version: '3.0', action: 'data_exchange', flow_token: token, screen: 'DETAILS', data: { service: 'haircut', date, time: '10:30', ...contact } });
    expect(summary).toMatchObject({ screen: 'SUMMARY', data: { contact: 'Ana Lima, ana@example.com, +351 912 345 678', ...contact } });

    const done = await call({ version: '3.0', action: 'data_exchange', flow_token: token, screen: 'SUMMARY', data: summary.data });
    expect(done.screen).toBe('SUCCESS');
    const params = (done.data.extension_message_response as { params: Record<string, unknown> }).params;
    expect(params).toMatchObject({ flow_token: token, service: 'haircut', date, time: '10:30', name: 'Ana Lima' });
    expect(params.booking_id).toMatch(/^BK-/);

    // The slot is gone: it no longer shows, and a second person cannot take it.
    const later = await call({ version: '3.0', action: 'data_exchange', flow_token: 'other', screen: 'APPOINTMENT', data: { trigger: 'date_selected', date } });
    expect((later.data.times as { id: string }[]).map((t) => t.id)).not.toContain('10:30');
    const taken = await call({ version: '3.0', action: 'data_exchange', flow_token: 'other', screen: 'SUMMARY', data: summary.data });
    expect(taken).toEqual({ screen: 'SUMMARY', data: { error_message: 'Sorry, someone just booked that time. Go back and pick another.' } });

    // Unsigned requests are refused because APP_SECRET is set.
    expect((await phone.call({ version: '3.0', action: 'ping' })).status).toBe(432);
  });

  it('exits with a clear message, and no secret, when the key is missing or the passphrase wrong', async () => {
    const missing = await boot(['--port', '0'], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--private-key');
    const wrong = await boot(['--port', '0', '--host', '127.0.0.1', '--private-key', keyPath], { PRIVATE_KEY_PASSPHRASE: 'not-the-passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('passphrase does not open');
    expect(wrong.stderr).not.toContain('not-the-passphrase');
  });
});
