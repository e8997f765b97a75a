import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Calendar } from '../../../examples/booking/calendar.js';
import { createBookingEndpoint } from '../../../examples/booking/endpoint.js';
import { generateKeyPair } from '../../data-channel/index.js';
import { createMemoryTokenStore } from '../../endpoint/index.js';
import { serveLocally } from '../../testing/serve.js';
import type { LocalServer } from '../../testing/serve.js';
import type { Transcript } from '../../testing/script.js';
import type { CliIo } from '../command.js';
import { parseRunArgs, runCommand } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'waflow-run-'));
copyFileSync(new URL('../../../examples/feedback-form.json', import.meta.url), join(dir, 'feedback.json'));
copyFileSync(new URL('../../../examples/booking/flow.json', import.meta.url), join(dir, 'booking.json'));

function script(name: string, steps: unknown): string {
  writeFileSync(join(dir, name), typeof steps === 'string' ? steps : JSON.stringify(steps, null, 2));
  return name;
}

async function run(argv: string[], env: CliIo['env'] = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCommand.run(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: dir, env });
  return { code, stdout, stderr };
}

const COMPLETE_FEEDBACK = [
  { pick: { 'Choose one:': 'Yes' } },
  { fill: { 'Leave a comment': 'Faster delivery' } },
  { tap: null },
  { expect: { screen: 'screen_feedback_two' } },
  { pick: { 'Purchase experience': '5', 'Delivery and setup': '4', 'Customer service': '★★★☆☆• Average (3/5)' } },
  { tap: 'Done' },
  { expect: { completion: { would_recommend: '1', customer_service_rating: '3' } } },
];

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('waflow run', () => {
  it('runs the feedback form to its completion and prints the transcript (exit 0)', async () => {
    const { code, stdout, stderr } = await run(['feedback.json', '--script', script('ok.json', COMPLETE_FEEDBACK), '--flow-token', 'cli-token']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const transcript = JSON.parse(stdout) as Transcript;
    expect(transcript.ok).toBe(true);
    expect(transcript.steps.map((s) => [s.step, s.action, s.screen])).toEqual([
      [0, 'start', 'screen_feedback_one'],
      [1, 'pick', 'screen_feedback_one'],
      [2, 'fill', 'screen_feedback_one'],
      [3, 'tap', 'screen_feedback_two'],
      [4, 'expect', 'screen_feedback_two'],
      [5, 'pick', 'screen_feedback_two'],
      [6, 'tap', 'screen_feedback_two'],
      [7, 'expect', 'screen_feedback_two'],
    ]);
    expect(transcript.steps[0]?.footer).toMatchObject({ label: 'Continue', enabled: false });
    expect(transcript.steps[2]?.components).toEqual([
      { type: 'TextSubheading', label: 'Would you recommend us to a friend?' },
      { type: 'RadioButtonsGroup', name: 'would_recommend', label: 'Choose one:', value: '1' },
      { type: 'TextSubheading', label: 'How could we do better?' },
      { type: 'TextArea', name: 'how_to_do_better_comment', label: 'Leave a comment', value: 'Faster delivery' },
    ]);
    expect(transcript.steps[2]?.footer).toEqual({ label: 'Continue', enabled: true });
    expect(transcript.completion).toEqual({
      flow_token: 'cli-token',
      purchase_experience_rating: '5',
      delivery_rating: '4',
      customer_service_rating: '3',
      would_recommend: '1',
      how_to_do_better: 'Faster delivery',
    });
  });

  it('stops at a failing step and says which and why (exit 1)', async () => {
    const steps = [{ fill: { 'Leave a comment': 'hm' } }, { tap: null }, { expect: { screen: 'screen_feedback_two' } }];
    const { code, stdout } = await run(['feedback.json', '--script', script('disabled.json', steps)]);
    expect(code).toBe(1);
    const transcript = JSON.parse(stdout) as Transcript;
    expect(transcript.ok).toBe(false);
    expect(transcript.failedStep).toBe(2);
    expect(transcript.steps).toHaveLength(3);
    expect(transcript.steps[2]?.error).toMatch(/tapping "Continue" did nothing: Required before continuing: fill in Choose one:/);
    expect(transcript.completion).toBeNull();
  });

  it('fails an expectation with what the screen shows (exit 1)', async () => {
    const steps = [...COMPLETE_FEEDBACK.slice(0, 6), { expect: { completion: { would_recommend: '0' } } }];
    const { code, stdout } = await run(['feedback.json', '--script', script('wrong-expect.json', steps)]);
    expect(code).toBe(1);
    const transcript = JSON.parse(stdout) as Transcript;
    expect(transcript.failedStep).toBe(7);
    expect(transcript.steps.at(-1)?.error).toMatch(/the completion does not match: would_recommend: expected "0", got "1"/);
    expect(transcript.completion).toMatchObject({ would_recommend: '1' });
  });

  it('starts on a given screen with --screen and --data', async () => {
    const steps = [{ pick: { purchase_experience_dropdown: '1', delivery_dropdown: '1', customer_service_dropdown: '1' } }, { tap: null }];
    const { code, stdout } = await run(['feedback.json', '--script', script('second.json', steps), '--screen', 'screen_feedback_two', '--data', '{"would_recommend":"0","how_to_do_better":"cheaper"}']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Transcript).completion).toMatchObject({ would_recommend: '0', how_to_do_better: 'cheaper', delivery_rating: '1' });
  });

  it('reports usage errors with exit 2', async () => {
    const ok = script('fine.json', COMPLETE_FEEDBACK);
    const cases: [string[], RegExp][] = [
      [['feedback.json'], /--script <steps.json> is required/],
      [['--script', ok], /no flow file given/],
      [['feedback.json', '--script', ok, '--bogus'], /Unknown option '--bogus'/],
      [['missing.json', '--script', ok], /cannot read flow missing.json: no such file or directory \(ENOENT\)/],
      [['feedback.json', '--script', 'nope.json'], /cannot read script nope.json: no such file or directory/],
      [['feedback.json', '--script', script('broken.json', '[\n  { "tap": null },\n  { "back": true ]\n]')], /broken\.json:3:18: invalid JSON: /],
      [['feedback.json', '--script', script('shape.json', [{ tap: null }, { jump: 1 }])], /shape\.json: step 2: unknown step "jump"/],
      [['feedback.json', '--script', script('two-keys.json', [{ tap: null, back: true }])], /step 1: must have exactly one key/],
      [['feedback.json', '--script', script('object.json', { steps: [] })], /must be a JSON array of steps/],
      [['feedback.json', '--script', script('pick-num.json', [{ pick: { seats: 2 } }])], /step 1: "pick" option for "seats" must be a string/],
      [['feedback.json', '--script', ok, '--data', '{"a":'], /--data:1:6: invalid JSON/],
      [['feedback.json', '--script', ok, '--data', '[1]'], /--data must be a JSON object/],
      [['feedback.json', '--script', ok, '--endpoint', 'http://127.0.0.1:9/'], /--endpoint needs --public-key/],
      [['feedback.json', '--script', ok, '--screen', 'NOPE'], /screen "NOPE" is not in this flow/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr, stdout } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr, argv.join(' ')).toMatch(message);
      expect(stdout).toBe('');
    }
  });

  it('prints help with exit 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('usage: waflow run <flow.json> --script <steps.json>');
  });

  it('parses --x=value forms', () => {
    expect(parseRunArgs(['f.json', '--script=s.json', '--flow-token=t', '--init'])).toEqual({ flow: 'f.json', script: 's.json', flowToken: 't', init: true });
    expect(parseRunArgs(['f.json', '--script', 's.json', '--init', '--screen', 'A'])).toMatch(/--init lets the endpoint choose/);
  });
});

describe('waflow run --endpoint', () => {
  const SECRET = 'cli-app-secret-73310';
  let server: LocalServer;
  const store = createMemoryTokenStore();

  beforeAll(async () => {
    const keys = await generateKeyPair();
    writeFileSync(join(dir, 'public.pem'), keys.publicKeyPem);
    const now = new Date(Date.UTC(2026, 11, 5, 16, 10));
    server = await serveLocally(createBookingEndpoint({ privateKey: keys.privateKeyPem, appSecret: SECRET, tokenStore: store, logger: { warn: () => undefined, error: () => undefined }, calendar: new Calendar(() => now) }));
  });
  afterAll(() => server.close());

  const BOOKING = [
    { pick: { service: 'colour', date: 'Mon 7 Dec' } },
    { pick: { time: '10:00' } },
    { tap: 'Continue' },
    { fill: { 'Full name': 'Rui Costa', Email: 'rui@example.com' } },
    { tap: null },
    { expect: { screen: 'SUMMARY' } },
    { tap: null },
    { expect: { completion: { service: 'colour', time: '10:00', name: 'Rui Costa' } } },
  ];

  it('books over real HTTP with INIT, signatures and the app secret from the environment', async () => {
    await store.issue('cli-book', { ttlSeconds: 600 });
    const argv = ['booking.json', '--init', '--script', script('book.json', BOOKING), '--endpoint', server.url, '--public-key', 'public.pem', '--app-secret-env', 'BOOKING_SECRET', '--flow-token', 'cli-book'];
    const { code, stdout, stderr } = await run(argv, { BOOKING_SECRET: SECRET });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const transcript = JSON.parse(stdout) as Transcript;
    expect(transcript.completion).toMatchObject({ flow_token: 'cli-book', service: 'colour', date: '2026-12-07', time: '10:00' });
    expect(transcript.exchanges.map((e) => [e.action, e.status])).toEqual([
      ['INIT', 200],
      ['data_exchange', 200],
      ['data_exchange', 200],
      ['data_exchange', 200],
      ['data_exchange', 200],
    ]);
    expect(stdout).not.toContain(SECRET);

    // Same token again: the store says completed, so INIT gets 427 and the run fails at the start.
    const again = await run(argv, { BOOKING_SECRET: SECRET });
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, failedStep: 0, exchanges: [{ action: 'INIT', status: 427 }] });
    expect(again.stdout).toMatch(/HTTP 427/);
  });

  it('names a missing app secret variable without printing any secret (exit 2)', async () => {
    const { code, stderr } = await run(['booking.json', '--init', '--script', script('book2.json', BOOKING), '--endpoint', server.url, '--public-key', 'public.pem', '--app-secret-env', 'UNSET_SECRET']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/the environment variable UNSET_SECRET is not set/);
  });

  it('refuses a public key file that is not a public key (exit 2)', async () => {
    writeFileSync(join(dir, 'private.pem'), (await generateKeyPair()).privateKeyPem);
    const { code, stderr } = await run(['booking.json', '--init', '--script', script('book4.json', BOOKING), '--endpoint', server.url, '--public-key', 'private.pem']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--public-key private\.pem: expected a public key PEM \("PUBLIC KEY" or "RSA PUBLIC KEY"\), found "RSA PRIVATE KEY"/);
    expect(stderr).not.toMatch(/MII/);
  });

  it('fails the run when the signature is wrong (432)', async () => {
    await store.issue('cli-432', { ttlSeconds: 600 });
    const { code, stdout } = await run(['booking.json', '--init', '--script', script('book3.json', BOOKING), '--endpoint', server.url, '--public-key', 'public.pem', '--app-secret-env', 'WRONG', '--flow-token', 'cli-432'], { WRONG: 'not-the-right-secret' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/HTTP 432/);
    expect(stdout).not.toContain('not-the-right-secret');
  });
});
