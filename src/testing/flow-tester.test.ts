import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../data-channel/index.js';
import { createFlowEndpoint, invalidFlowToken, nextScreen } from '../endpoint/index.js';
import { FlowTester, FlowStepError } from './flow-tester.js';

const FEEDBACK_TEXT = readFileSync(new URL('../../examples/feedback-form.json', import.meta.url), 'utf8');
const FEEDBACK: unknown = JSON.parse(FEEDBACK_TEXT);

describe('FlowTester on the seed feedback form', () => {
  it('fills both screens and completes with the payload the complete action builds', async () => {
    const t = await FlowTester.start({ flow: FEEDBACK, flowToken: 'tok-1' });
    expect(t.screen).toEqual({ id: 'screen_feedback_one', title: 'Feedback 1 of 2', terminal: false });
    await t.pick('Choose one:', 'Yes'); // by label and option title
    await t.fill('Leave a comment', 'More colours please');
    expect(t.field('would_recommend').value).toBe('1');
    await t.tap();
    t.expectScreen('screen_feedback_two');
    expect(t.screen.title).toBe('Feedback 2 of 2');
    await t.pick('Purchase experience', '5'); // option id
    await t.pick('delivery and setup', '★★★★☆• Good (4/5)'); // label case-insensitively, option title
    await t.pick('customer_service_dropdown', '★★★☆☆• average (3/5)'); // title case-insensitively
    expect(t.completion).toBeUndefined();
    await t.tap('Done');
    expect(t.status).toBe('completed');
    expect(t.completion).toEqual({
      flow_token: 'tok-1',
      purchase_experience_rating: '5',
      delivery_rating: '4',
      customer_service_rating: '3',
      would_recommend: '1',
      how_to_do_better: 'More colours please',
    });
    t.expectCompletion({ delivery_rating: '4', would_recommend: '1' });
    expect(() => t.expectCompletion({ delivery_rating: '5' })).toThrow(/delivery_rating: expected "5", got "4"/);
    expect(t.exchanges).toEqual([]); // a navigate/complete flow never calls an endpoint
  });

  it('accepts the flow as text and chains steps fluently', async () => {
    const t = await FlowTester.start({ flow: FEEDBACK_TEXT });
    await t.pick('would_recommend', 'No').tap().expectScreen('screen_feedback_two')
      .pick('Purchase experience', '1').pick('Delivery and setup', '2').pick('Customer service', '3').tap('done');
    expect(t.completion).toMatchObject({ flow_token: 'waflow-test-flow-token', would_recommend: '0', purchase_experience_rating: '1' });
    expect(t.completion).not.toHaveProperty('how_to_do_better', 'x');
  });

  it('stops a chain at the first failing step and skips the rest', async () => {
    const t = await FlowTester.start({ flow: FEEDBACK });
    await expect(t.fill('Leave a comment', 'hi').tap().pick('Purchase experience', '5')).rejects.toThrow(/Required before continuing: fill in Choose one:/);
    expect(t.screen.id).toBe('screen_feedback_one');
    expect(t.field('how_to_do_better_comment').value).toBe('hi');
  });

  it('reports the footer, components and a disabled footer reason', async () => {
    const t = await FlowTester.start({ flow: FEEDBACK });
    expect(t.footer()).toEqual({ label: 'Continue', enabled: false, disabledReason: expect.stringContaining('Choose one:') as unknown });
    expect(t.components().map((c) => [c.type, c.name ?? null, c.label ?? null])).toEqual([
      ['TextSubheading', null, 'Would you recommend us to a friend?'],
      ['RadioButtonsGroup', 'would_recommend', 'Choose one:'],
      ['TextSubheading', null, 'How could we do better?'],
      ['TextArea', 'how_to_do_better_comment', 'Leave a comment'],
    ]);
    expect(t.field('Choose one:').options?.map((o) => o.title)).toEqual(['Yes', 'No']);
    await t.pick('would_recommend', '1');
    expect(t.footer()?.enabled).toBe(true);
  });

  it('goes back to the first screen with its answers kept', async () => {
    const t = await FlowTester.start({ flow: FEEDBACK });
    await t.pick('would_recommend', 'No').fill('Leave a comment', 'slow delivery').tap();
    expect(t.history).toEqual(['screen_feedback_one', 'screen_feedback_two']);
    await t.back();
    t.expectScreen('screen_feedback_one');
    expect(t.field('Leave a comment').value).toBe('slow delivery');
    expect(t.field('would_recommend').value).toBe('0');
    await t.back(); // back on the first screen closes the flow
    expect(t.status).toBe('closed');
  });

  it('names what is on screen when a field, an option or a screen does not match', async () => {
    const t = await FlowTester.start({ flow: FEEDBACK });
    await expect(t.fill('Email', 'a@b.co')).rejects.toThrow(/nothing named or labelled "Email"[\s\S]*RadioButtonsGroup name "would_recommend" "Choose one:"[\s\S]*Footer "Continue" \(disabled\)/);
    await expect(t.pick('would_recommend', 'Maybe')).rejects.toThrow(/no option with id or title "Maybe" in "would_recommend"; its options: 1 \("Yes"\), 0 \("No"\)/);
    await expect(t.fill('would_recommend', 'Yes')).rejects.toThrow(/is a RadioButtonsGroup; use pick\(\)/);
    await expect(t.check('would_recommend', 'Yes')).rejects.toThrow(/not a CheckboxGroup or ChipsSelector; use pick\(\)/);
    await expect(t.tap('Submit now')).rejects.toThrow(/nothing to tap named or labelled "Submit now"/);
    let thrown: unknown;
    try {
      t.expectScreen('screen_feedback_two');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).name).toBe('AssertionError');
    expect((thrown as Error).message).toMatch(/^expected screen screen_feedback_two, but screen screen_feedback_one \("Feedback 1 of 2"\) shows:\n {2}- TextSubheading "Would you recommend us to a friend\?"/);
  });

  it('reports a flow text that is not JSON with its line and column', async () => {
    await expect(FlowTester.start({ flow: '{\n  "version": "7.3",\n  "screens": [,]\n}' })).rejects.toThrow(/line 3, column 15/);
  });
});

const SIGN_UP = {
  version: '7.3',
  screens: [
    {
      id: 'SIGN_UP',
      title: 'Sign up',
      terminal: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextInput', name: 'first', label: 'Name', 'input-type': 'text', required: true },
          { type: 'TextInput', name: 'last', label: 'Name', 'input-type': 'text' },
          { type: 'TextInput', name: 'email', label: 'Email', 'input-type': 'email', required: true },
          { type: 'CheckboxGroup', name: 'extras', label: 'Extras', 'data-source': [{ id: 'helmet', title: 'Helmet' }, { id: 'lock', title: 'Lock' }, { id: 'lights', title: 'Lights' }] },
          { type: 'OptIn', name: 'terms', label: 'I agree to the terms', required: true },
          { type: 'EmbeddedLink', text: 'Read the terms', 'on-click-action': { name: 'open_url', url: 'https://example.com/terms' } },
          {
            type: 'Footer',
            label: 'Sign up',
            'on-click-action': { name: 'complete', payload: { first: '${form.first}', email: '${form.email}', extras: '${form.extras}', terms: '${form.terms}' } },
          },
        ],
      },
    },
  ],
};

describe('FlowTester lookups and inputs', () => {
  it('refuses an ambiguous label and lists the matches, but a name still works', async () => {
    const t = await FlowTester.start({ flow: SIGN_UP });
    await expect(t.fill('Name', 'Ana')).rejects.toThrow(/"Name" is ambiguous: it matches TextInput "first", TextInput "last"/);
    await t.fill('first', 'Ana');
    expect(t.field('first').value).toBe('Ana');
  });

  it('keeps rejected text in the field and shows its error, as the phone does', async () => {
    const t = await FlowTester.start({ flow: SIGN_UP });
    await t.fill('email', 'not-an-email');
    expect(t.errors()).toEqual([{ name: 'email', label: 'Email', message: expect.any(String) as unknown }]);
    expect(t.field('Email').value).toBe('not-an-email');
    expect(t.footer()?.enabled).toBe(false);
    await t.fill('Email', 'ana@example.com');
    expect(t.errors()).toEqual([]);
  });

  it('checks and unchecks options, toggles an OptIn, taps a link and completes', async () => {
    const t = await FlowTester.start({ flow: SIGN_UP });
    await t.fill('first', 'Ana').fill('email', 'ana@example.com').check('Extras', 'helmet', 'Lights', 'lock').uncheck('extras', 'Lock');
    expect(t.field('extras').value).toEqual(['helmet', 'lights']);
    await t.toggle('I agree to the terms');
    expect(t.field('terms').value).toBe(true);
    await t.toggle('terms');
    expect(t.field('terms').value).not.toBe(true);
    await t.toggle('terms');
    await t.tap('Read the terms');
    expect(t.openedUrls).toEqual(['https://example.com/terms']);
    await expect(t.toggle('Email')).rejects.toThrow(/is a TextInput; toggle\(\) works on an OptIn/);
    await t.tap('Sign up');
    expect(t.completion).toEqual({ flow_token: 'waflow-test-flow-token', first: 'Ana', email: 'ana@example.com', extras: ['helmet', 'lights'], terms: true });
  });

  it('fails a step when the flow needs an endpoint that was not given', async () => {
    await expect(FlowTester.start({ flow: SIGN_UP, init: true })).rejects.toThrow(/no endpoint|needs a host/);
  });

  it('throws FlowStepError with the reason when tapping a disabled footer', async () => {
    const t = await FlowTester.start({ flow: SIGN_UP });
    const error = await t.tap().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(FlowStepError);
    expect((error as Error).message).toMatch(/tapping "Sign up" did nothing: Required before continuing: fill in .*Name.*Email/);
  });
});

const ASK = {
  version: '7.3',
  data_api_version: '3.0',
  routing_model: { ASK: ['THANKS'], THANKS: [] },
  screens: [
    {
      id: 'ASK',
      title: 'Ask',
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextInput', name: 'question', label: 'Question', 'input-type': 'text', required: true },
          { type: 'Footer', label: 'Send', 'on-click-action': { name: 'data_exchange', payload: { question: '${form.question}' } } },
        ],
      },
    },
    {
      id: 'THANKS',
      title: 'Thanks',
      terminal: true,
      data: { echo: { type: 'string', __example__: 'x' } },
      layout: { type: 'SingleColumnLayout', children: [{ type: 'TextBody', text: '${data.echo}' }, { type: 'Footer', label: 'Close', 'on-click-action': { name: 'complete', payload: {} } }] },
    },
  ],
};

describe('FlowTester with a RuntimeHost of your own', () => {
  it('sends exchanges through it and records their status, including a failure', async () => {
    const seen: unknown[] = [];
    let fail = false;
    const completions: unknown[] = [];
    const host = {
      exchange: async (request: { action: string; screen?: string; data: Record<string, unknown> }) => {
        seen.push(request);
        if (fail) throw Object.assign(new Error('boom'), { status: 503 });
        return { screen: 'THANKS', data: { echo: `you asked: ${String(request.data.question)}` } };
      },
      complete: (json: Record<string, unknown>) => { completions.push(json); },
    };
    const t = await FlowTester.start({ flow: ASK, endpoint: host, flowToken: 'own' });
    await t.fill('Question', 'why?').tap('send').expectScreen('THANKS');
    expect(t.components()[0]?.label).toBe('you asked: why?');
    expect(seen).toEqual([{ action: 'data_exchange', screen: 'ASK', data: { question: 'why?' }, flowToken: 'own', version: '3.0' }]);
    await t.back();
    fail = true;
    await expect(t.tap()).rejects.toThrow(/ended the flow with an error: The endpoint answered HTTP 503[\s\S]*cause: boom/);
    expect(t.exchanges.map((e) => [e.action, e.screen, e.status, e.error ?? null])).toEqual([
      ['data_exchange', 'ASK', 200, null],
      ['data_exchange', 'ASK', 503, 'boom'],
    ]);
    expect(completions).toEqual([]);
  });
});

describe('FlowTester against a real endpoint: 427 with a text, and the phone\'s locale', () => {
  let keys: { privateKeyPem: string; publicKeyPem: string };
  beforeAll(async () => {
    keys = await generateKeyPair();
  });

  /** The endpoint behind ASK: ends the token for a repeated question, records each request's locale. */
  function askEndpoint(locales: (string | undefined)[]) {
    return createFlowEndpoint({
      privateKey: keys.privateKeyPem,
      logger: { warn: () => undefined, error: () => undefined },
      handlers: {
        dataExchange: {
          ASK: (ctx) => {
            locales.push(ctx.userLocale);
            if (ctx.data.question === 'again') return invalidFlowToken('This order was already placed');
            return nextScreen('THANKS', { echo: String(ctx.data.question) });
          },
        },
      },
    });
  }

  it('surfaces the endpoint\'s 427 text: the step fails with it, and the flow ends in that error', async () => {
    const t = await FlowTester.start({ flow: ASK, endpoint: { handler: askEndpoint([]), publicKeyPem: keys.publicKeyPem } });
    const error = await t.fill('Question', 'again').tap('Send').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(FlowStepError);
    expect((error as Error).message).toMatch(/tapping "Send" ended the flow with an error: The flow token is no longer valid \(HTTP 427\): the client shows "This order was already placed"/);
    expect((error as FlowStepError).sessionError).toEqual({
      kind: 'flow-token-expired',
      status: 427,
      userMessage: 'This order was already placed',
      message: 'The flow token is no longer valid (HTTP 427): the client shows "This order was already placed" and disables the button.',
    });
    expect(t.status).toBe('error');
    expect(t.error?.userMessage).toBe('This order was already placed');
    expect(t.exchanges.map((e) => [e.action, e.status, e.error ?? null])).toEqual([
      ['data_exchange', 427, 'the endpoint answered HTTP 427: the flow token is no longer valid; the phone shows "This order was already placed"'],
    ]);
    await expect(t.tap('Send')).rejects.toThrow(/the flow stopped|no longer valid/);
  });

  it('sends user_locale: en_US by default, the locale asked for, or the endpoint option\'s own', async () => {
    const locales: (string | undefined)[] = [];
    const handler = askEndpoint(locales);
    for (const options of [{}, { locale: 'pt_BR' }, { locale: 'pt_BR', endpointLocale: 'de_DE' }] as const) {
      const endpoint = { handler, publicKeyPem: keys.publicKeyPem, ...('endpointLocale' in options ? { userLocale: options.endpointLocale } : {}) };
      const t = await FlowTester.start({ flow: ASK, endpoint, ...('locale' in options ? { locale: options.locale } : {}) });
      await t.fill('Question', 'hi').tap('Send').expectScreen('THANKS');
    }
    expect(locales).toEqual(['en_US', 'pt_BR', 'de_DE']);
    await expect(FlowTester.start({ flow: ASK, endpoint: { handler, publicKeyPem: keys.publicKeyPem }, locale: '' })).rejects.toThrow(/locale must be a non-empty string/);
  });
});

describe('FlowTester on every input type (examples/all-inputs.json)', () => {
  const ALL = JSON.parse(readFileSync(new URL('../../examples/all-inputs.json', import.meta.url), 'utf8')) as unknown;

  it('fills a DatePicker and opens an OptIn\'s "read more" screen', async () => {
    const t = await FlowTester.start({ flow: ALL });
    await t.fill('When did you buy the bike?', '2024-03-05');
    expect(t.field('purchase_date').value).toBe('2024-03-05');
    await t.tap('I accept the service terms');
    t.expectScreen('TERMS');
    await t.back();
    expect(t.field('purchase_date').value).toBe('2024-03-05');
  });

  it('fills a range CalendarPicker found by its two labels', async () => {
    const t = await FlowTester.start({ flow: ALL, screen: 'SERVICE' });
    expect(t.field('stay').label).toBe('Drop-off / Pick-up');
    await t.fill('drop-off / pick-up', { 'start-date': '2026-12-03', 'end-date': '2026-12-05' });
    expect(t.field('stay').value).toEqual({ 'start-date': '2026-12-03', 'end-date': '2026-12-05' });
  });

  it('taps a NavigationList item by its title and an EmbeddedLink by its text', async () => {
    const t = await FlowTester.start({ flow: ALL, screen: 'MENU' });
    expect(t.field('next_step').options?.map((o) => o.id)).toEqual(['guide', 'review']);
    await t.tap('Read the drop-off guide');
    t.expectScreen('GUIDE');
    await t.tap('Review booking');
    t.expectScreen('REVIEW');
    await t.tap('workshop location');
    expect(t.openedUrls).toEqual(['https://example.com/workshop-map']);
    t.expectScreen('REVIEW');
  });
});
