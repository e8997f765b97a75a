// The `flows` webhook field as platform-protocols.md §6.2 documents it, event by event: every
// documented field of the value reaches a typed field of the parsed event, and the alerts' error
// types are read case-insensitively with Meta's upper-case example names as aliases (§6.3).
import { describe, expect, it } from 'vitest';
import { cloudFlowsBody, WABA_ID } from './fixtures.js';
import { CLIENT_ERROR_TYPES, ENDPOINT_ERROR_TYPES, normalizeFlowErrorType } from './flow-errors.js';
import { parseWebhook } from './parse.js';
import type { FlowAlertEvent, FlowStatusChangeEvent, WebhookEvent } from './types.js';

function one<K extends WebhookEvent['kind']>(value: Record<string, unknown>, kind: K): Extract<WebhookEvent, { kind: K }> {
  const events = parseWebhook(cloudFlowsBody(value));
  expect(events.map((e) => e.kind)).toEqual([kind]);
  return events[0] as Extract<WebhookEvent, { kind: K }>;
}

const FLOW = '1097420589034000';

describe('FLOW_STATUS_CHANGE', () => {
  it('reads a creation: new_status DRAFT only, with the version warning', () => {
    const change: FlowStatusChangeEvent = one(
      { event: 'FLOW_STATUS_CHANGE', message: 'Flow Webhook 3 was created', flow_id: FLOW, new_status: 'DRAFT', warning: 'Flow JSON version 3.1 is frozen and will expire on 2026-01-01.' },
      'flow_status_change',
    );
    expect(change).toEqual({
      kind: 'flow_status_change',
      hostingType: 'cloud',
      pointer: '/entry/0/changes/0/value',
      wabaId: WABA_ID,
      flowId: FLOW,
      newStatus: 'DRAFT',
      message: 'Flow Webhook 3 was created',
      warning: 'Flow JSON version 3.1 is frozen and will expire on 2026-01-01.',
      time: 1764072000,
    });
  });

  it('reads each status the monitoring sets', () => {
    for (const [old, next] of [['PUBLISHED', 'THROTTLED'], ['THROTTLED', 'BLOCKED'], ['BLOCKED', 'THROTTLED'], ['PUBLISHED', 'DEPRECATED']]) {
      expect(one({ event: 'FLOW_STATUS_CHANGE', flow_id: FLOW, old_status: old, new_status: next }, 'flow_status_change')).toMatchObject({ oldStatus: old, newStatus: next });
    }
  });
});

describe('the alerts', () => {
  it('ENDPOINT_ERROR_RATE: threshold, state, overall rate and the breakdown by error type', () => {
    const a: FlowAlertEvent = one(
      {
        event: 'ENDPOINT_ERROR_RATE',
        message: 'The endpoint error rate crossed 10%',
        flow_id: FLOW,
        error_rate: 12.5,
        threshold: 10,
        alert_state: 'ACTIVATED',
        requests_count: 400,
        errors: [
          { error_type: 'TIMEOUT', error_rate: 7.5, error_count: 30 },
          { error_type: 'unexpected_http_status_code', error_rate: 5, error_count: 20 },
        ],
      },
      'flow_alert',
    );
    expect(a).toMatchObject({ alert: 'ENDPOINT_ERROR_RATE', alertState: 'ACTIVATED', threshold: 10, errorRate: 12.5, requestsCount: 400, message: 'The endpoint error rate crossed 10%' });
    expect(a.errors).toEqual([
      { errorType: 'TIMEOUT', code: 'timeout_error', errorRate: 7.5, errorCount: 30 },
      { errorType: 'unexpected_http_status_code', code: 'unexpected_http_status_code', errorRate: 5, errorCount: 20 },
    ]);
  });

  it('CLIENT_ERROR_RATE: the client error types, upper-case names included', () => {
    const a: FlowAlertEvent = one(
      {
        event: 'CLIENT_ERROR_RATE',
        message: 'The client error rate crossed 5%',
        flow_id: FLOW,
        error_rate: 5.2,
        threshold: 5,
        alert_state: 'ACTIVATED',
        errors: [
          { error_type: 'INVALID_SCREEN_TRANSITION', error_rate: 1.22, error_count: 2 },
          { error_type: 'PUBLIC_KEY_MISSING', error_rate: 3.98, error_count: 7 },
          { error_type: 'something-new', error_count: 1 },
          'not an entry',
        ],
      },
      'flow_alert',
    );
    expect(a).toMatchObject({ alert: 'CLIENT_ERROR_RATE', alertState: 'ACTIVATED', threshold: 5, errorRate: 5.2 });
    expect(a.errors).toEqual([
      { errorType: 'INVALID_SCREEN_TRANSITION', code: 'invalid-screen-transition', errorRate: 1.22, errorCount: 2 },
      { errorType: 'PUBLIC_KEY_MISSING', code: 'public-key-missing', errorRate: 3.98, errorCount: 7 },
      { errorType: 'something-new', errorCount: 1 },
    ]);
  });

  it('ENDPOINT_LATENCY: p50 and p90 in ms, the request count and the threshold in ms', () => {
    const a: FlowAlertEvent = one(
      { event: 'ENDPOINT_LATENCY', message: 'p90 latency crossed 7000 ms', flow_id: FLOW, p50_latency: 3000, p90_latency: 7100, requests_count: 1000, threshold: 7000, alert_state: 'ACTIVATED' },
      'flow_alert',
    );
    expect(a).toMatchObject({ alert: 'ENDPOINT_LATENCY', p50Latency: 3000, p90Latency: 7100, requestsCount: 1000, threshold: 7000, alertState: 'ACTIVATED' });
    expect(a.errors).toBeUndefined();
  });

  it('ENDPOINT_AVAILABILITY: the availability in percent, deactivated on recovery', () => {
    const a: FlowAlertEvent = one({ event: 'ENDPOINT_AVAILABILITY', message: 'availability back above 90%', flow_id: FLOW, availability: 95.5, threshold: 90, alert_state: 'DEACTIVATED' }, 'flow_alert');
    expect(a).toMatchObject({ alert: 'ENDPOINT_AVAILABILITY', availability: 95.5, threshold: 90, alertState: 'DEACTIVATED' });
  });

  it('FLOW_VERSION_EXPIRY_WARNING: the warning text, no alert state', () => {
    const a: FlowAlertEvent = one({ event: 'FLOW_VERSION_EXPIRY_WARNING', message: 'Flow JSON version 3.1 will expire soon', flow_id: FLOW, warning: 'Update the Flow to a newer version.' }, 'flow_alert');
    expect(a).toMatchObject({ alert: 'FLOW_VERSION_EXPIRY_WARNING', warning: 'Update the Flow to a newer version.', message: 'Flow JSON version 3.1 will expire soon' });
    expect(a.alertState).toBeUndefined();
    expect(a.metrics).toEqual({});
  });

  it('keeps figures of the wrong type out of the typed fields (they stay in metrics)', () => {
    const a: FlowAlertEvent = one({ event: 'ENDPOINT_LATENCY', flow_id: FLOW, p90_latency: '7000', requests_count: null, errors: 'none' }, 'flow_alert');
    expect(a.p90Latency).toBeUndefined();
    expect(a.requestsCount).toBeUndefined();
    expect(a.errors).toBeUndefined();
    expect(a.metrics).toEqual({ p90_latency: '7000', requests_count: null, errors: 'none' });
  });
});

describe('normalizeFlowErrorType', () => {
  it('maps every documented type to itself, in any case and with - or _', () => {
    for (const type of [...ENDPOINT_ERROR_TYPES, ...CLIENT_ERROR_TYPES]) {
      expect(normalizeFlowErrorType(type)).toBe(type);
      expect(normalizeFlowErrorType(type.toUpperCase().replace(/-/g, '_'))).toBe(type);
    }
  });

  it("reads Meta's example names as aliases, and returns undefined for unknown ones", () => {
    expect(normalizeFlowErrorType('TIMEOUT')).toBe('timeout_error');
    expect(normalizeFlowErrorType('CAPABILITY_ERROR')).toBe('missing_capability');
    expect(normalizeFlowErrorType('PUBLIC_KEY_SIGNATURE_VERIFICATION')).toBe('public-key-signiture-verification');
    expect(normalizeFlowErrorType('teapot')).toBeUndefined();
  });
});
