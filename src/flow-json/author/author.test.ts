import { describe, expect, it } from 'vitest';
import { validateFlow } from '../validate/index.js';
import { builders, defineFlow, expr, raw, ref, toFlowJson } from './index.js';
import { AuthoringError } from './flow.js';

const { flow, screen, t, field, footer, navigate, dataExchange, complete, textBody, textInput, ifThen } = builders('7.3');

const welcome = screen('WELCOME', { title: 'Welcome', data: { name: t.string('Ana'), vip: t.boolean(true) }, form: ['email'] }, ({ data, form }) => [
  textBody({ text: expr`'Hello ' ${data.name}` }),
  textInput({ name: 'email', label: 'Email', 'input-type': 'email' }),
  ifThen({ condition: data.vip, then: [textBody({ text: 'Welcome back' })] }),
  footer({ label: 'Next', 'on-click-action': navigate('DONE', { email: form.email }) }),
]);
const done = screen('DONE', { title: 'Done', terminal: true, data: { email: field({ type: 'string', __example__: 'a@b.c' }) } }, ({ data }) => [
  footer({ label: 'Finish', 'on-click-action': complete({ email: data.email }) }),
]);

describe('toFlowJson', () => {
  it('writes references as ${...}, nested expressions with backticks, and no routing_model without an endpoint', () => {
    const json = toFlowJson(flow({ screens: [welcome, done] }));
    expect(json).toEqual({
      version: '7.3',
      screens: [
        {
          id: 'WELCOME',
          title: 'Welcome',
          data: { name: { type: 'string', __example__: 'Ana' }, vip: { type: 'boolean', __example__: true } },
          layout: {
            type: 'SingleColumnLayout',
            children: [
              { type: 'TextBody', text: "`'Hello ' ${data.name}`" },
              { type: 'TextInput', name: 'email', label: 'Email', 'input-type': 'email' },
              { type: 'If', condition: '${data.vip}', then: [{ type: 'TextBody', text: 'Welcome back' }] },
              { type: 'Footer', label: 'Next', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'DONE' }, payload: { email: '${form.email}' } } },
            ],
          },
        },
        {
          id: 'DONE',
          title: 'Done',
          terminal: true,
          data: { email: { type: 'string', __example__: 'a@b.c' } },
          layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'Finish', 'on-click-action': { name: 'complete', payload: { email: '${data.email}' } } }] },
        },
      ],
    });
    expect(validateFlow(json).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('derives routing_model from navigate and the next of dataExchange, by default with an endpoint', () => {
    const ask = screen('ASK', { title: 'Ask' }, [
      textBody({ text: 'Go on?' }),
      footer({ label: 'Send', 'on-click-action': dataExchange({ q: 'x' }, { next: ['WELCOME', 'DONE'] }) }),
    ]);
    const json = toFlowJson(flow({ data_api_version: '3.0', screens: [ask, welcome, done] }));
    expect(json.routing_model).toEqual({ ASK: ['WELCOME', 'DONE'], WELCOME: ['DONE'], DONE: [] });
    expect(Object.keys(json)).toEqual(['version', 'data_api_version', 'routing_model', 'screens']);
    // The hint is for routing only: the action is written without it.
    expect(JSON.stringify(json)).not.toContain('"next":["WELCOME"');
    expect(toFlowJson(flow({ data_api_version: '3.0', routing_model: 'none', screens: [welcome, done] })).routing_model).toBeUndefined();
    expect(toFlowJson(flow({ routing_model: 'auto', screens: [welcome, done] })).routing_model).toEqual({ WELCOME: ['DONE'], DONE: [] });
    expect(toFlowJson(flow({ routing_model: { WELCOME: [] }, screens: [welcome, done] })).routing_model).toEqual({ WELCOME: [] });
  });

  it('passes raw values and extra keys through as written', () => {
    const odd = screen('ODD', { title: 'Odd', extra: { future_flag: true } }, [raw({ type: 'FutureThing', x: 1 }), footer({ label: 'Done', 'on-click-action': raw({ name: 'complete', later: 1 }) })]);
    const json = toFlowJson(defineFlow('7.3', () => ({ screens: [odd], extra: { comment: 'kept' } })));
    expect(json).toMatchObject({ comment: 'kept', screens: [{ id: 'ODD', future_flag: true, layout: { children: [{ type: 'FutureThing', x: 1 }, { 'on-click-action': { name: 'complete', later: 1 } }] } }] });
    expect(String(ref('screen.WELCOME.data.name'))).toBe('${screen.WELCOME.data.name}');
  });

  it('says where a value is not JSON', () => {
    const bad = screen('BAD', { title: 'Bad' }, [textBody({ text: 'x', visible: raw(() => true) })]);
    expect(() => toFlowJson(flow({ screens: [bad] }))).toThrow(new AuthoringError('/screens/0/layout/children/0/visible', 'a function is not a JSON value'));
    expect(() => toFlowJson(flow({ screens: [bad] }))).toThrow('toFlowJson: at /screens/0/layout/children/0/visible: a function is not a JSON value');
  });
});
