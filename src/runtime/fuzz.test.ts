// Random user sessions over every example: whatever the sequence of taps and inputs, the runtime
// never throws and the session stays coherent.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startFlow } from './index.js';
import type { ComponentView, FlowSession, RuntimeHost } from './index.js';

const EXAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../examples');
const readExample = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Record<string, unknown>;

const FILES = ['feedback-form.json', 'navigation-payloads.json', 'conditional-if-switch.json', 'update-data.json', 'sign-up.json', 'all-inputs.json', 'data-exchange.json', 'booking/flow.json'];

type Step =
  | { kind: 'set'; field: number; value: unknown }
  | { kind: 'select' | 'unselect'; field: number; option: number }
  | { kind: 'submit' | 'back' }
  | { kind: 'activate'; ref: number };

const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('ana@example.com', '+351912345678', '1234', '2026-12-07', true, false, ['a'], { 'start-date': '2026-12-07', 'end-date': '2026-12-09' }),
  fc.integer(),
  fc.constant(undefined),
  fc.constant(null),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), field: fc.nat(30), value }),
  fc.record({ kind: fc.constantFrom('select' as const, 'unselect' as const), field: fc.nat(30), option: fc.nat(10) }),
  fc.record({ kind: fc.constantFrom('submit' as const, 'back' as const) }),
  fc.record({ kind: fc.constant('activate' as const), ref: fc.nat(5) }),
);

function inputs(views: readonly ComponentView[]): ComponentView[] {
  return views.flatMap((v) => [...(v.name !== undefined && v.type !== 'Form' && v.type !== 'NavigationList' ? [v] : []), ...inputs(v.children ?? [])]);
}

/** An endpoint that answers sensibly for the example flows, and sometimes fails. */
function host(flow: Record<string, unknown>, seed: number): RuntimeHost {
  let n = seed;
  const screens = (flow['screens'] as { id: string }[]).map((s) => s.id);
  return {
    exchange: (req) => {
      n = (n * 1103515245 + 12345) % 2147483648;
      if (n % 13 === 0) return Promise.reject(Object.assign(new Error('down'), { status: n % 2 === 0 ? 427 : 500 }));
      if (n % 7 === 0) return Promise.resolve({ screen: 'SUCCESS', data: { extension_message_response: { params: { flow_token: req.flowToken } } } });
      const next = req.action === 'INIT' ? screens[0] : screens[(screens.indexOf(req.screen ?? '') + 1) % screens.length];
      return Promise.resolve({ screen: next, data: {} });
    },
  };
}

function checkConsistent(s: FlowSession): void {
  expect(['open', 'completed', 'closed', 'error']).toContain(s.status);
  if (s.status === 'completed') expect(s.completion?.['flow_token']).toBe('fuzz');
  if (s.status === 'error') expect(s.error?.message).toBeTruthy();
  if (s.status === 'open') {
    expect(s.history.length).toBeGreaterThan(0);
    expect(s.screen.id).toBe(s.history[s.history.length - 1]);
    const footer = s.screen.footer;
    if (footer && !footer.enabled) expect(footer.disabledReason).toBeTruthy();
  }
}

describe('random sessions', () => {
  it.each(FILES)('%s never throws and stays consistent', async (file) => {
    const flow = readExample(file);
    const withEndpoint = file === 'data-exchange.json' || file.startsWith('booking/');
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), fc.nat(), async (steps, seed) => {
        const session = await startFlow({
          flow, flowToken: 'fuzz', host: host(flow, seed + 1), preview: true,
          mode: withEndpoint ? { action: 'data_exchange' } : { action: 'navigate' },
        });
        for (const st of steps) {
          const fields = inputs(session.screen.components);
          const f = fields.length ? fields[('field' in st ? st.field : 0) % fields.length] : undefined;
          switch (st.kind) {
            case 'set':
              if (f?.name) session.setValue(f.name, st.value);
              break;
            case 'select':
            case 'unselect': {
              if (!f?.name) break;
              const opts = f.options ?? [];
              const id = opts.length ? (opts[st.option % opts.length]?.id as string) : 'true';
              await session[st.kind](f.name, id);
              break;
            }
            case 'submit':
              await session.submit();
              break;
            case 'back':
              await session.back();
              break;
            case 'activate':
              await session.activate(['accepts_terms', 'accepts_terms.read-more', 'next_step.guide', 'next_step.review', 'Workshop location', 'x'][st.ref] as string);
              break;
          }
          checkConsistent(session);
        }
        session.summary();
      }),
      { numRuns: 60 },
    );
  });
});
