import { describe, expect, it } from 'vitest';
import {
  ApiError,
  CLOUD_ERROR_CODES,
  cloudErrorBody,
  onPremiseErrorBody,
  parseApiError,
  partnerErrorBody,
  statusForCode,
  validationErrorBody,
} from './errors.js';

// A Flows management error as the Graph API writes it (Flows API error codes page).
const publishFailed = {
  error: {
    message: 'Publishing failed',
    type: 'OAuthException',
    code: 139002,
    error_subcode: 4016015,
    is_transient: false,
    error_user_title: 'Flow has validation errors',
    error_user_msg: 'You need to fix all validation errors before publishing.',
    fbtrace_id: 'AjJ2nJc8KEmQ7bQpYf9xK3Z',
  },
};

// An On-Premise error answer: an `errors` array and `meta`.
const onPremiseBlocked = {
  errors: [{ code: 2068, title: 'Flow is blocked', details: 'The flow is blocked and cannot be sent.' }],
  meta: { api_status: 'stable', version: '2.53.1' },
};

describe('parseApiError', () => {
  it('reads a Cloud (Graph) error body', () => {
    const error = parseApiError(400, publishFailed, 'cloud');
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 139002,
      subcode: 4016015,
      hostingType: 'cloud',
      type: 'OAuthException',
      fbtraceId: 'AjJ2nJc8KEmQ7bQpYf9xK3Z',
      details: 'You need to fix all validation errors before publishing.',
      isFlowError: true,
    });
    expect(error.message).toBe('HTTP 400, code 139002: Publishing failed (You need to fix all validation errors before publishing.)');
  });

  it('prefers error_data.details, and parses a raw text body', () => {
    const body = JSON.stringify(cloudErrorBody({ code: 131009, message: '(#131009) Parameter value is not valid', details: 'flow_cta is too long' }));
    const error = parseApiError(400, body, 'cloud');
    expect(error).toMatchObject({ code: 131009, details: 'flow_cta is too long', isFlowError: false });
  });

  it('reads an On-Premise error body, keeping every error', () => {
    const two = { ...onPremiseBlocked, errors: [...onPremiseBlocked.errors, { code: 1009, title: 'Parameter value is not valid' }] };
    const error = parseApiError(403, two, 'on-premise');
    expect(error).toMatchObject({ status: 403, code: 2068, subcode: undefined, hostingType: 'on-premise', isFlowError: true });
    expect(error.errors).toHaveLength(2);
    expect(error.message).toBe('HTTP 403, code 2068: Flow is blocked (The flow is blocked and cannot be sent.)');
  });

  it('accepts a numeric code written as a string', () => {
    expect(parseApiError(400, { errors: [{ code: '1008', title: 'Required parameter is missing' }] }, 'on-premise').code).toBe(1008);
  });

  it('still gives an ApiError with the status for bodies of no known shape', () => {
    for (const body of ['<html>Bad gateway</html>', '', { ok: false }, { errors: [] }, null]) {
      const error = parseApiError(502, body, 'cloud');
      expect(error).toMatchObject({ status: 502, code: undefined });
      expect(error.message).toContain('HTTP 502');
    }
  });

  it('scrubs the secrets from everything taken from the body', () => {
    const key = 'sk-test-abc123SECRET';
    const echoed = { error: { message: `Invalid key ${key}`, code: 0, error_data: { details: `header was ${key}` }, fbtrace_id: 'x' } };
    const error = parseApiError(401, echoed, 'cloud', [key]);
    expect(error.message).not.toContain(key);
    expect(error.details).not.toContain(key);
    expect(error.message).toContain('[redacted]');
    const onPremise = parseApiError(401, { errors: [{ code: 1005, title: `Access denied for ${key}`, details: key }] }, 'on-premise', [key]);
    expect(JSON.stringify({ m: onPremise.message, e: onPremise.errors })).not.toContain(key);
  });
});

describe('error bodies for the sandbox', () => {
  it('answers contract violations in the Cloud shape', () => {
    const missing = validationErrorBody('cloud', [{ path: 'to', kind: 'missing', message: 'to is required.' }]);
    expect(missing).toMatchObject({ error: { code: CLOUD_ERROR_CODES.REQUIRED_PARAMETER_MISSING, error_data: { details: 'to is required.' } } });
    const invalid = validationErrorBody('cloud', [
      { path: 'a', kind: 'invalid', message: 'a is wrong.' },
      { path: 'b', kind: 'invalid', message: 'b is wrong.' },
    ]);
    expect(invalid).toMatchObject({ error: { code: 131009, error_data: { details: 'a is wrong. b is wrong.' } } });
    expect(parseApiError(400, invalid, 'cloud').code).toBe(131009);
  });

  it('answers contract violations in the On-Premise shape, one error per issue', () => {
    const body = validationErrorBody('on-premise', [
      { path: 'to', kind: 'missing', message: 'to is required.' },
      { path: 'type', kind: 'invalid', message: 'type is wrong.' },
    ]);
    expect(body).toEqual(
      onPremiseErrorBody([
        { code: 1008, title: 'Required parameter is missing', details: 'to is required.' },
        { code: 1009, title: 'Parameter value is not valid', details: 'type is wrong.' },
      ]),
    );
  });

  it('maps blocked and throttled flows to 403 and 429', () => {
    expect(statusForCode(132068)).toBe(403);
    expect(statusForCode(2069)).toBe(429);
    expect(statusForCode(139002)).toBe(400);
  });
});

describe('errors of the Partner API and Graph, with the operation and a hint', () => {
  it("reads the Partner API's envelope, alone or relaying Meta's error with its code", () => {
    const alone = parseApiError(403, partnerErrorBody(403, 'Partner has no access to this WABA account'), 'partner', [], 'flows.list');
    expect(alone).toMatchObject({ status: 403, dialect: 'partner', hostingType: 'cloud', operation: 'flows.list', code: undefined });
    expect(alone.message).toBe('flows.list: HTTP 403: Partner has no access to this WABA account');
    expect(alone.hint).toMatch(/X-API-Key/);
    const relayed = partnerErrorBody(400, 'Publishing Flow failed', { message: 'Publishing Flow failed', type: 'OAuthException', code: 139002, error_subcode: 4016011 });
    const error = parseApiError(400, JSON.stringify(relayed), 'partner', [], 'flows.publish');
    expect(error).toMatchObject({ code: 139002, subcode: 4016011, operation: 'flows.publish' });
    expect(error.hint).toMatch(/validation_errors/);
    expect(parseApiError(404, { detail: 'Not found.' }, 'partner').message).toBe('HTTP 404: Not found.');
  });

  it('hints at the credential of the surface that refused it, never echoing it', () => {
    const token = 'EAAG-secret-token-123';
    const graph = cloudErrorBody({ code: 190, message: `Invalid OAuth access token - Cannot parse access token ${token}` });
    const error = parseApiError(401, graph, 'meta', [token], 'messages.send');
    expect(error.hint).toMatch(/access token/);
    expect(`${error.message} ${error.hint ?? ''}`).not.toContain(token);
    expect(parseApiError(401, graph, 'cloud').hint).toBeUndefined(); // no operation: the raw parse
    expect(parseApiError(401, graph, 'cloud', [], 'messages.send').hint).toMatch(/D360-API-KEY/);
  });

  it('names what to do for a flow in the wrong status, a template not approved, and a blocked flow', () => {
    const draft = parseApiError(400, cloudErrorBody({ code: 139002, message: 'Only a DRAFT flow can be published' }), 'meta', [], 'flows.publish');
    expect(draft.hint).toMatch(/only a DRAFT flow/);
    expect(parseApiError(400, cloudErrorBody({ code: 132001, message: 'Template name does not exist' }), 'meta', [], 'messages.send').hint).toMatch(/APPROVED/);
    expect(parseApiError(403, cloudErrorBody({ code: 132068, message: 'Flow is blocked' }), 'cloud', [], 'messages.send').hint).toMatch(/BLOCKED/);
    expect(parseApiError(400, cloudErrorBody({ code: 131009, message: 'Parameter value is not valid' }), 'meta', [], 'messages.send').hint).toBeUndefined();
  });

  it('answers contract violations on the Partner API in its envelope, with the Graph error inside', () => {
    const body = validationErrorBody('partner', [{ path: 'name', kind: 'missing', message: 'name is required.' }]) as ReturnType<typeof partnerErrorBody>;
    expect(body.meta).toMatchObject({ success: false, http_code: 400, developer_message: 'name is required.' });
    expect(body.error?.code).toBe(CLOUD_ERROR_CODES.REQUIRED_PARAMETER_MISSING);
  });
});
