import { describe, expect, it } from 'vitest';
import { complete, nextScreen, resolveResult, showError } from './results.js';

describe('resolveResult', () => {
  it('turns nextScreen into a screen response', () => {
    expect(resolveResult(nextScreen('A', { x: 1 }), 'tok', 'B')).toEqual({ kind: 'screen', response: { screen: 'A', data: { x: 1 } } });
  });

  it('puts showError on the current screen as data.error_message, keeping extra data', () => {
    expect(resolveResult(showError('no', { hint: 'h' }), 'tok', 'B')).toEqual({ kind: 'error', response: { screen: 'B', data: { hint: 'h', error_message: 'no' } } });
    expect(resolveResult(showError('no'), 'tok', undefined)).toMatchObject({ kind: 'invalid' });
  });

  it('adds the flow token to completion params, overriding a different one', () => {
    expect(resolveResult(complete({ a: 1, flow_token: 'spoof' }), 'tok', 'B')).toEqual({
      kind: 'complete',
      response: { screen: 'SUCCESS', data: { extension_message_response: { params: { a: 1, flow_token: 'tok' } } } },
    });
    const handWritten = { screen: 'SUCCESS', data: { extension_message_response: { params: { b: 2 } } } };
    expect(resolveResult(handWritten, 'tok', 'B')).toMatchObject({ kind: 'complete', response: { data: { extension_message_response: { params: { b: 2, flow_token: 'tok' } } } } });
  });

  it('rejects anything else with a reason', () => {
    for (const bad of [null, 3, 'x', [], { screen: 'A' }, { errorMessage: 5 }, { complete: 'x' }]) {
      expect(resolveResult(bad, 'tok', 'B')).toMatchObject({ kind: 'invalid', reason: expect.any(String) });
    }
  });
});
