import { describe, expect, it } from 'vitest';
import { isErrorNotification, normaliseAction, toRequest } from './payload.js';

describe('isErrorNotification', () => {
  it('recognises data.error + data.error_message on INIT and data_exchange, with or without screen', () => {
    for (const action of ['INIT', 'data_exchange'] as const) {
      // Meta's documented shape has no screen.
      const request = toRequest({ version: '3.0', action, flow_token: 't', data: { error: 'invalid-screen-transition', error_message: 'Screen X is not reachable' } });
      expect(isErrorNotification(request)).toBe(true);
      expect(isErrorNotification(toRequest({ ...request, screen: 'S' }))).toBe(true);
    }
  });

  it('treats BACK with error-looking data as an ordinary BACK, which still needs its screen', () => {
    const back = { version: '3.0', action: 'BACK', flow_token: 't', data: { error: 'e', error_message: 'm' } };
    expect(() => toRequest(back)).toThrow(/screen/);
    expect(isErrorNotification(toRequest({ ...back, screen: 'S' }))).toBe(false);
  });

  it('is false for ping and for ordinary requests, even with a form field named error', () => {
    expect(isErrorNotification(toRequest({ version: '3.0', action: 'ping' }))).toBe(false);
    expect(isErrorNotification(toRequest({ version: '3.0', action: 'data_exchange', screen: 'S', flow_token: 't', data: { error: 'x' } }))).toBe(false);
    expect(isErrorNotification(toRequest({ version: '3.0', action: 'INIT', flow_token: 't' }))).toBe(false);
  });
});

describe('toRequest', () => {
  it('keeps unknown extra fields the platform may add', () => {
    const body = { version: '4.0', action: 'INIT', flow_token: 't', user_locale: 'pt_BR', something_new: 1 };
    expect(toRequest(body)).toEqual(body);
  });
});

describe('actions in either letter case', () => {
  it('accepts the seed\'s lower case and upper case, and returns Meta\'s spelling', () => {
    const cases: [string, string][] = [
      ['init', 'INIT'], ['INIT', 'INIT'], ['Init', 'INIT'],
      ['back', 'BACK'], ['BACK', 'BACK'],
      ['data_exchange', 'data_exchange'], ['DATA_EXCHANGE', 'data_exchange'],
      ['ping', 'ping'], ['PING', 'ping'],
    ];
    for (const [sent, seen] of cases) {
      const request = toRequest({ version: '3.0', action: sent, flow_token: 't', screen: 'S', data: {} });
      expect(request.action, sent).toBe(seen);
    }
    expect(normaliseAction('navigate')).toBeUndefined();
    expect(normaliseAction(1)).toBeUndefined();
  });

  it('applies the per-action rules after normalising: back needs a screen, init does not', () => {
    expect(() => toRequest({ version: '3.0', action: 'back', flow_token: 't' })).toThrow(/a BACK request needs a "screen" string/);
    expect(toRequest({ version: '3.0', action: 'init', flow_token: 't', user_locale: 'de_DE' })).toEqual({ version: '3.0', action: 'INIT', flow_token: 't', user_locale: 'de_DE' });
    const notification = toRequest({ version: '3.0', action: 'DATA_EXCHANGE', flow_token: 't', data: { error: 'e', error_message: 'm' } });
    expect(isErrorNotification(notification)).toBe(true);
  });

  it('names the accepted actions when one is unknown, and leaves the input untouched', () => {
    expect(() => toRequest({ version: '3.0', action: 'navigate', flow_token: 't' })).toThrow(/ping, INIT, BACK, data_exchange \(in any letter case\)/);
    const input = { version: '3.0', action: 'init', flow_token: 't' };
    toRequest(input);
    expect(input.action).toBe('init');
  });
});
