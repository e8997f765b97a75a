import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloudFlowsBody, cloudMessagesBody, PHONE_NUMBER_ID, SEED_ON_PREMISE_COMPLETION, seedCloudMessage, WABA_ID } from './fixtures.js';
import { parseWebhook } from './parse.js';
import type { FlowAlertEvent, FlowCompletionEvent, StatusEvent, WebhookEvent } from './types.js';

function only<K extends WebhookEvent['kind']>(events: WebhookEvent[], kind: K): Extract<WebhookEvent, { kind: K }> {
  expect(events).toHaveLength(1);
  expect(events[0]?.kind).toBe(kind);
  return events[0] as Extract<WebhookEvent, { kind: K }>;
}

describe('parseWebhook: flow completions', () => {
  it("reads the seed's On-Premise sample (galaxy_message) at the top level", () => {
    const c = only(parseWebhook(SEED_ON_PREMISE_COMPLETION), 'flow_completion');
    expect(c).toMatchObject({
      hostingType: 'on_premise',
      replyName: 'galaxy_message',
      messageId: '<MESSAGE_ID>',
      from: '<USER_ACCOUNT_NUMBER>',
      contextMessageId: 'gBGGEiRVVgBPAgm7FUgc73noXjo',
      flowToken: '<FLOW_TOKEN>',
      response: { flow_token: '<FLOW_TOKEN>', optional_param1: '<value1>', optional_param2: '<value2>' },
      timestamp: '<MESSAGE_SEND_TIMESTAMP>',
      pointer: '/messages/0',
    });
    expect(JSON.parse(c.responseJsonRaw)).toEqual(c.response);
    expect(c.phoneNumberId).toBeUndefined();
  });

  it('reads an On-Premise completion whose response_json is a string, with the contact name', () => {
    const m = { ...seedCloudMessage({ id: 'op-1', from: '4915112345678' }), interactive: { type: 'nfm_reply', nfm_reply: { name: 'galaxy_message', response_json: '{"flow_token":"t-9","rating":"5"}' } } };
    const c = only(parseWebhook({ contacts: [{ profile: { name: 'Ana' }, wa_id: '4915112345678' }], messages: [m] }), 'flow_completion');
    expect(c).toMatchObject({ hostingType: 'on_premise', flowToken: 't-9', response: { rating: '5' }, profileName: 'Ana', responseJsonRaw: '{"flow_token":"t-9","rating":"5"}' });
  });

  it("reads the seed's Cloud sample wrapped in the Cloud API envelope", () => {
    const body = cloudMessagesBody({ contacts: [{ profile: { name: 'Kerry' }, wa_id: '16505551234' }], messages: [seedCloudMessage()] });
    const c: FlowCompletionEvent = only(parseWebhook(body), 'flow_completion');
    expect(c).toEqual({
      kind: 'flow_completion',
      hostingType: 'cloud',
      pointer: '/entry/0/changes/0/value/messages/0',
      wabaId: WABA_ID,
      phoneNumberId: PHONE_NUMBER_ID,
      displayPhoneNumber: '15550783881',
      messageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdFRjNGQzU5',
      from: '16505551234',
      contextMessageId: 'gBGGEiRVVgBPAgm7FUgc73noXjo',
      flowToken: '<FLOW_TOKEN>',
      response: { flow_token: '<FLOW_TOKEN>', optional_param1: '<value1>', optional_param2: '<value2>' },
      responseJsonRaw: '{"flow_token":"<FLOW_TOKEN>","optional_param1":"<value1>","optional_param2":"<value2>"}',
      timestamp: '1764072000',
      replyName: 'flow',
      profileName: 'Kerry',
    });
  });

  it('reports a response_json that is not JSON clearly, without quoting the answers', () => {
    const events = parseWebhook(cloudMessagesBody({ messages: [seedCloudMessage({ id: 'm-bad', responseJson: '{"flow_token":"t","secret_answer": }' })] }));
    const u = only(events, 'unrecognized');
    expect(u.pointer).toBe('/entry/0/changes/0/value/messages/0/interactive/nfm_reply/response_json');
    expect(u.reason).toMatch(/^response_json of message m-bad is not valid JSON/);
    expect(u.reason).not.toContain('secret_answer');
  });

  it('reports a response_json holding something other than an object', () => {
    const u = only(parseWebhook(cloudMessagesBody({ messages: [seedCloudMessage({ responseJson: '[1,2]' })] })), 'unrecognized');
    expect(u.reason).toContain('must hold a JSON object; got an array');
  });

  it('keeps a completion without flow_token (its answers are not dropped)', () => {
    const c = only(parseWebhook(cloudMessagesBody({ messages: [seedCloudMessage({ response: { rating: '4' } })] })), 'flow_completion');
    expect(c.flowToken).toBeUndefined();
    expect(c.response).toEqual({ rating: '4' });
  });
});

describe('parseWebhook: other messages and statuses', () => {
  it('reads a text message as a message event', () => {
    const body = cloudMessagesBody({ messages: [{ from: '16505551234', id: 'wamid.T', timestamp: '1764072001', type: 'text', text: { body: 'hello' } }] });
    expect(only(parseWebhook(body), 'message')).toMatchObject({ type: 'text', text: 'hello', messageId: 'wamid.T', phoneNumberId: PHONE_NUMBER_ID });
  });

  it('reads an interactive reply that is not a flow (button_reply) as a message', () => {
    const body = cloudMessagesBody({ messages: [{ from: '1', id: 'w.B', timestamp: '1', type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'b', title: 'Yes' } } }] });
    expect(only(parseWebhook(body), 'message').type).toBe('interactive');
  });

  it('reads sent, delivered, read and failed statuses, with the errors of a failure', () => {
    const statuses = [
      { id: 'wamid.S', status: 'sent', timestamp: '1764072002', recipient_id: '16505551234', conversation: { id: 'c' }, pricing: { billable: true } },
      { id: 'wamid.S', status: 'delivered', timestamp: '1764072003', recipient_id: '16505551234' },
      { id: 'wamid.S', status: 'read', timestamp: '1764072004', recipient_id: '16505551234' },
      {
        id: 'wamid.F', status: 'failed', timestamp: '1764072005', recipient_id: '16505551234',
        errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'More than 24 hours have passed' } }],
      },
    ];
    const events = parseWebhook(cloudMessagesBody({ statuses })) as StatusEvent[];
    expect(events.map((e) => [e.kind, e.messageId, e.status])).toEqual([
      ['status', 'wamid.S', 'sent'], ['status', 'wamid.S', 'delivered'], ['status', 'wamid.S', 'read'], ['status', 'wamid.F', 'failed'],
    ]);
    expect(events[3]?.errors).toEqual([{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', details: 'More than 24 hours have passed' }]);
    expect(events[0]?.errors).toEqual([]);
    expect(events[0]?.recipientId).toBe('16505551234');
  });

  it('reads On-Premise statuses at the top level', () => {
    const events = parseWebhook({ statuses: [{ id: 'gBE', recipient_id: '4915', status: 'delivered', timestamp: '1764072006', type: 'message' }] });
    expect(only(events, 'status')).toMatchObject({ hostingType: 'on_premise', status: 'delivered', pointer: '/statuses/0' });
  });
});

describe('parseWebhook: the flows field', () => {
  it('reads a flow status change', () => {
    const body = cloudFlowsBody({ event: 'FLOW_STATUS_CHANGE', message: 'Flow Webhook 3 changed status from DRAFT to PUBLISHED', flow_id: '1097420589034000', old_status: 'DRAFT', new_status: 'PUBLISHED' });
    expect(only(parseWebhook(body), 'flow_status_change')).toEqual({
      kind: 'flow_status_change', hostingType: 'cloud', pointer: '/entry/0/changes/0/value', wabaId: WABA_ID, flowId: '1097420589034000',
      oldStatus: 'DRAFT', newStatus: 'PUBLISHED', message: 'Flow Webhook 3 changed status from DRAFT to PUBLISHED', time: 1764072000,
    });
  });

  it('reads each endpoint and client alert with its threshold, state and figures', () => {
    const alerts: Record<string, unknown>[] = [
      { event: 'ENDPOINT_ERROR_RATE', flow_id: 'f1', message: 'error rate 15%', error_rate: 15, threshold: 10, alert_state: 'ACTIVATED', errors: [{ error_type: 'TIMEOUT', error_rate: 15, error_count: 3 }] },
      { event: 'ENDPOINT_LATENCY', flow_id: 'f1', message: 'p90 7s', p50_latency: 6000, p90_latency: 7000, requests_count: 120, threshold: 5000, alert_state: 'ACTIVATED' },
      { event: 'ENDPOINT_AVAILABILITY', flow_id: 'f1', message: 'availability 80%', availability: 80, threshold: 90, alert_state: 'DEACTIVATED' },
      { event: 'CLIENT_ERROR_RATE', flow_id: 'f1', message: 'client errors 6%', error_rate: 6, threshold: 5, alert_state: 'ACTIVATED', errors: [] },
      { event: 'FLOW_VERSION_EXPIRY_WARNING', flow_id: 'f1', message: 'Flow JSON version 2.1 will expire' },
    ];
    for (const value of alerts) {
      const a: FlowAlertEvent = only(parseWebhook(cloudFlowsBody(value)), 'flow_alert');
      expect(a.alert).toBe(value.event);
      expect(a.flowId).toBe('f1');
      expect(a.threshold).toBe(value.threshold);
      expect(a.alertState).toBe(value.alert_state);
      expect(a.message).toBe(value.message);
      const { event: _e, flow_id: _f, message: _m, threshold: _t, alert_state: _s, ...figures } = value;
      expect(a.metrics).toEqual(figures);
    }
  });

  it('refuses a flows change without flow_id or event, saying which', () => {
    expect(only(parseWebhook(cloudFlowsBody({ event: 'ENDPOINT_LATENCY' })), 'unrecognized')).toMatchObject({ pointer: '/entry/0/changes/0/value/flow_id', reason: 'the ENDPOINT_LATENCY event has no flow_id' });
    expect(only(parseWebhook(cloudFlowsBody({ flow_id: '1' })), 'unrecognized').pointer).toBe('/entry/0/changes/0/value/event');
    expect(only(parseWebhook(cloudFlowsBody({ event: 'FLOW_STATUS_CHANGE', flow_id: '1' })), 'unrecognized').reason).toContain('no new_status');
  });
});

describe('parseWebhook: malformed parts become unrecognized events', () => {
  it.each([
    [null, ''],
    ['text', ''],
    [[1, 2], ''],
    [{}, ''],
    [{ object: 'page', entry: [] }, '/object'],
    [{ object: 'whatsapp_business_account', entry: {} }, '/entry'],
    [{ object: 'whatsapp_business_account', entry: [7] }, '/entry/0'],
    [{ object: 'whatsapp_business_account', entry: [{ changes: 'x' }] }, '/entry/0/changes'],
    [{ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages' }] }] }, '/entry/0/changes/0/value'],
    [{ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'account_update', value: {} }] }] }, '/entry/0/changes/0/field'],
    [{ messages: 'x' }, '/messages'],
    [{ messages: [{ from: '1', type: 'text' }] }, '/messages/0/id'],
    [{ messages: [{ id: 'a', type: 'text' }] }, '/messages/0/from'],
    [{ statuses: [{ id: 'a' }] }, '/statuses/0/status'],
  ])('%j → unrecognized at %s', (body, pointer) => {
    const u = only(parseWebhook(body), 'unrecognized');
    expect(u.pointer).toBe(pointer);
    expect(u.reason.length).toBeGreaterThan(10);
  });

  it('still reads the good parts of a body that has bad ones', () => {
    const body = cloudMessagesBody({ messages: [{ nope: true }, seedCloudMessage({ id: 'good' })], statuses: [{ id: 'x', status: 'read', timestamp: '1' }] });
    expect(parseWebhook(body).map((e) => e.kind)).toEqual(['unrecognized', 'flow_completion', 'status']);
  });

  it('returns nothing for an envelope with no entries', () => {
    expect(parseWebhook({ object: 'whatsapp_business_account', entry: [] })).toEqual([]);
  });
});

describe('parseWebhook never throws', () => {
  const kinds = new Set(['flow_completion', 'message', 'status', 'flow_status_change', 'flow_alert', 'unrecognized']);
  const check = (body: unknown) => {
    const events = parseWebhook(body);
    expect(Array.isArray(events)).toBe(true);
    for (const e of events) expect(kinds.has(e.kind)).toBe(true);
  };

  it('on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), check), { numRuns: 2000 });
  });

  it('on arbitrary JSON inside plausible envelopes', () => {
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    const message = fc.record({
      id: fc.oneof(fc.string(), anyJson), from: fc.oneof(fc.string(), anyJson), type: fc.constantFrom('interactive', 'text', 'image'),
      timestamp: anyJson, context: anyJson,
      interactive: fc.oneof(anyJson, fc.record({ type: fc.constant('nfm_reply'), nfm_reply: fc.oneof(anyJson, fc.record({ name: anyJson, response_json: fc.oneof(fc.string(), fc.json(), anyJson) })) })),
    }, { requiredKeys: [] });
    const value = fc.record({ metadata: anyJson, contacts: anyJson, messages: fc.oneof(anyJson, fc.array(message)), statuses: anyJson, event: anyJson, flow_id: anyJson }, { requiredKeys: [] });
    const envelope = fc.record({
      object: fc.constantFrom('whatsapp_business_account', 'x'),
      entry: fc.oneof(anyJson, fc.array(fc.record({ id: anyJson, time: anyJson, changes: fc.oneof(anyJson, fc.array(fc.record({ field: fc.constantFrom('messages', 'flows', 'other'), value: fc.oneof(anyJson, value) }, { requiredKeys: [] }))) }, { requiredKeys: [] }))),
    });
    fc.assert(fc.property(fc.oneof(envelope, value), check), { numRuns: 1000 });
  });
});
