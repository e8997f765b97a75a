import { describe, expect, it } from 'vitest';
import { messageOf } from './api.js';

describe('messageOf', () => {
  it('shows a Graph error with its code and details', () => {
    const body = {
      error: {
        message: 'Publishing Flow failed',
        type: 'OAuthException',
        code: 139002,
        error_data: { messaging_product: 'whatsapp', details: 'The flow has no Flow JSON yet; upload flow.json before publishing.' },
        error_user_title: 'Publishing Flow failed',
        error_user_msg: 'The flow has no Flow JSON yet; upload flow.json before publishing.',
        fbtrace_id: 'Atrace',
      },
    };
    expect(messageOf(body, 400)).toBe('Publishing Flow failed (#139002): The flow has no Flow JSON yet; upload flow.json before publishing.');
  });

  it('keeps the subcode and does not repeat a code the message already has', () => {
    expect(messageOf({ error: { message: 'Unsupported request.', code: 100, error_subcode: 33, error_data: { details: 'No flow with id 1.' } } }, 404)).toBe(
      'Unsupported request. (#100/33): No flow with id 1.',
    );
    expect(messageOf({ error: { message: '(#131009) Parameter value is not valid', code: 131009, error_data: { details: 'name must be "flow.json".' } } }, 400)).toBe(
      '(#131009) Parameter value is not valid: name must be "flow.json".',
    );
  });

  it('falls back to error_user_msg, then to the message alone', () => {
    expect(messageOf({ error: { message: 'Invalid parameter', code: 100, error_user_msg: 'Flow name should be unique.' } }, 400)).toBe('Invalid parameter (#100): Flow name should be unique.');
    expect(messageOf({ error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } }, 401)).toBe('Invalid OAuth access token. (#190)');
  });

  it('reads the sandbox, Partner API and On-Premise shapes', () => {
    expect(messageOf({ error: { code: 'NOT_FOUND', message: 'no flow 7' } }, 404)).toBe('no flow 7');
    expect(messageOf({ meta: { success: false, http_code: 403, developer_message: 'Partner key does not match.' } }, 403)).toBe('Partner key does not match.');
    expect(messageOf({ errors: [{ code: 1006, title: 'Resource not found', details: 'unknown template' }] }, 404)).toBe('Resource not found: unknown template');
    expect(messageOf({ reason: 'session expired' }, 409)).toBe('session expired');
  });

  it('answers the status when the body says nothing', () => {
    expect(messageOf(undefined, 502)).toBe('HTTP 502');
    expect(messageOf({ error: {} }, 500)).toBe('HTTP 500');
    expect(messageOf('<html>bad gateway</html>', 502)).toBe('HTTP 502');
    expect(messageOf('Not Found', 404)).toBe('HTTP 404: Not Found');
  });
});
