import { describe, expect, it } from 'vitest';
import { bubbleOf, fillPlaceholders } from './message-view.js';
import type { ChatMessageWire } from './message-view.js';

const base = { id: 'wamid.1', status: 'delivered', created_at: '2025-01-01T00:00:00Z', context_message_id: null } as const;

describe('chat bubbles', () => {
  it('shows a flow message with its header, body, footer and CTA', () => {
    const m: ChatMessageWire = {
      ...base,
      direction: 'outbound',
      type: 'interactive',
      payload: { interactive: { type: 'flow', header: { type: 'text', text: 'Hi' }, body: { text: 'Tell us' }, footer: { text: 'Takes 1 min' }, action: { name: 'flow' } } },
      cta: { text: 'Give feedback', enabled: false, disabled_reason: 'expired' },
    };
    expect(bubbleOf(m, [])).toEqual({ header: 'Hi', body: 'Tell us', footer: 'Takes 1 min', buttons: [], cta: { text: 'Give feedback', enabled: false, reason: 'expired' } });
  });

  it('fills a template from its definition and the sent parameters', () => {
    const m: ChatMessageWire = {
      ...base,
      direction: 'outbound',
      type: 'template',
      payload: { template: { name: 'promo', language: { code: 'en' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] } },
    };
    const templates = [
      { id: 't1', name: 'promo', language: 'en', status: 'APPROVED', components: [{ type: 'BODY', text: 'Hello {{1}}!' }, { type: 'FOOTER', text: 'Reply STOP' }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Later' }] }] },
    ];
    expect(bubbleOf(m, templates)).toMatchObject({ body: 'Hello Ana!', footer: 'Reply STOP', buttons: ['Later'], tag: 'template' });
  });

  it('parses a flow reply and keeps named placeholders', () => {
    const m: ChatMessageWire = {
      ...base,
      direction: 'inbound',
      type: 'interactive',
      payload: { interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"flow_token":"t","rating":"5"}' } } },
    };
    expect(bubbleOf(m, []).reply).toEqual({ flow_token: 't', rating: '5' });
    expect(fillPlaceholders('Hi {{name}} {{2}}', [{ type: 'text', text: 'a' }, { type: 'text', text: 'b', parameter_name: 'name' }])).toBe('Hi b b');
  });
});
