import { describe, expect, it } from 'vitest';
import type { HostingType, ValidationIssue } from '../types.js';
import { sendMessage } from './messages.js';
import { seedCloudFlowMessage, seedOnPremiseFlowMessage, seedTemplateFlowMessage } from './seed-samples.js';

type Json = Record<string, unknown>;

function validate(body: unknown, hostingType: HostingType = 'cloud'): ValidationIssue[] {
  return sendMessage.validate({ params: {}, query: {}, body }, hostingType);
}

/** A deep copy of a sample with one change applied to it. */
function edit<T>(sample: T, change: (copy: Json) => void): Json {
  const copy = structuredClone(sample) as Json;
  change(copy);
  return copy;
}

function params(message: Json): Json {
  return ((message.interactive as Json).action as Json).parameters as Json;
}

const P = 'interactive.action.parameters';

function only(issues: ValidationIssue[]): ValidationIssue {
  expect(issues).toHaveLength(1);
  return issues[0] as ValidationIssue;
}

describe('messages.send validator: the seed samples', () => {
  it('accepts the Cloud flow message sample as it is', () => {
    expect(validate(seedCloudFlowMessage, 'cloud')).toEqual([]);
  });

  it('accepts the On-Premise galaxy_message sample as it is', () => {
    expect(validate(seedOnPremiseFlowMessage, 'on-premise')).toEqual([]);
  });

  it('accepts the template-with-flow-button sample on both hosting types', () => {
    expect(validate(seedTemplateFlowMessage, 'cloud')).toEqual([]);
    expect(validate(seedTemplateFlowMessage, 'on-premise')).toEqual([]);
  });
});

describe('messages.send validator: flow parameters', () => {
  it('rejects a flow_cta over 20 characters and names its length', () => {
    const issue = only(validate(edit(seedCloudFlowMessage, (m) => (params(m).flow_cta = 'Book your appointment now'))));
    expect(issue).toMatchObject({ path: `${P}.flow_cta`, kind: 'invalid' });
    expect(issue.message).toContain('at most 20 characters');
    expect(issue.message).toContain('25');
  });

  it('counts characters, not UTF-16 units: 20 accented letters pass', () => {
    expect(validate(edit(seedCloudFlowMessage, (m) => (params(m).flow_cta = 'ñ'.repeat(20))))).toEqual([]);
    expect(only(validate(edit(seedCloudFlowMessage, (m) => (params(m).flow_cta = 'ñ'.repeat(21)))))).toMatchObject({ path: `${P}.flow_cta` });
  });

  it('rejects emoji in flow_cta', () => {
    const issue = only(validate(edit(seedCloudFlowMessage, (m) => (params(m).flow_cta = 'Book 📅'))));
    expect(issue).toMatchObject({ path: `${P}.flow_cta`, kind: 'invalid' });
    expect(issue.message).toContain('emoji');
  });

  it('requires flow_cta', () => {
    expect(only(validate(edit(seedCloudFlowMessage, (m) => delete params(m).flow_cta)))).toMatchObject({ path: `${P}.flow_cta`, kind: 'missing' });
  });

  it('rejects data given as an empty object', () => {
    const issue = only(validate(edit(seedCloudFlowMessage, (m) => ((params(m).flow_action_payload as Json).data = {}))));
    expect(issue).toMatchObject({ path: `${P}.flow_action_payload.data`, kind: 'invalid' });
    expect(issue.message).toContain('non-empty');
  });

  it('rejects data that is not an object', () => {
    expect(only(validate(edit(seedCloudFlowMessage, (m) => ((params(m).flow_action_payload as Json).data = ['a']))))).toMatchObject({
      path: `${P}.flow_action_payload.data`,
    });
  });

  it('accepts a navigate payload without data', () => {
    expect(validate(edit(seedCloudFlowMessage, (m) => delete (params(m).flow_action_payload as Json).data))).toEqual([]);
  });

  it('requires flow_action_payload when flow_action is navigate', () => {
    const issue = only(validate(edit(seedCloudFlowMessage, (m) => delete params(m).flow_action_payload)));
    expect(issue).toMatchObject({ path: `${P}.flow_action_payload`, kind: 'missing' });
    expect(issue.message).toContain('navigate');
  });

  it('rejects a payload with data_exchange', () => {
    const issue = only(validate(edit(seedCloudFlowMessage, (m) => (params(m).flow_action = 'data_exchange'))));
    expect(issue).toMatchObject({ path: `${P}.flow_action_payload`, kind: 'invalid' });
    expect(issue.message).toContain('data_exchange');
  });

  it('accepts data_exchange without a payload', () => {
    const message = edit(seedCloudFlowMessage, (m) => {
      params(m).flow_action = 'data_exchange';
      delete params(m).flow_action_payload;
    });
    expect(validate(message)).toEqual([]);
  });

  it('requires the payload screen', () => {
    expect(only(validate(edit(seedCloudFlowMessage, (m) => delete (params(m).flow_action_payload as Json).screen)))).toMatchObject({
      path: `${P}.flow_action_payload.screen`,
      kind: 'missing',
    });
  });

  it('rejects an unknown flow_action and mode', () => {
    expect(only(validate(edit(seedCloudFlowMessage, (m) => (params(m).flow_action = 'open'))))).toMatchObject({ path: `${P}.flow_action` });
    expect(only(validate(edit(seedCloudFlowMessage, (m) => (params(m).mode = 'live'))))).toMatchObject({ path: `${P}.mode` });
  });

  it('requires flow_message_version "3"', () => {
    expect(only(validate(edit(seedCloudFlowMessage, (m) => delete params(m).flow_message_version)))).toMatchObject({
      path: `${P}.flow_message_version`,
      kind: 'missing',
    });
    expect(only(validate(edit(seedCloudFlowMessage, (m) => (params(m).flow_message_version = 3))))).toMatchObject({
      path: `${P}.flow_message_version`,
      kind: 'invalid',
    });
  });

  it('requires flow_id or flow_name, not both', () => {
    expect(only(validate(edit(seedCloudFlowMessage, (m) => delete params(m).flow_id)))).toMatchObject({ path: `${P}.flow_id`, kind: 'missing' });
    expect(only(validate(edit(seedCloudFlowMessage, (m) => (params(m).flow_name = 'booking'))))).toMatchObject({ path: `${P}.flow_id`, kind: 'invalid' });
    const byName = edit(seedCloudFlowMessage, (m) => {
      delete params(m).flow_id;
      params(m).flow_name = 'booking';
    });
    expect(validate(byName)).toEqual([]);
  });

  it('rejects an empty flow_token', () => {
    expect(only(validate(edit(seedCloudFlowMessage, (m) => (params(m).flow_token = ''))))).toMatchObject({ path: `${P}.flow_token` });
  });
});

describe('messages.send validator: envelope and hosting types', () => {
  it('requires messaging_product on Cloud only', () => {
    const without = edit(seedCloudFlowMessage, (m) => delete m.messaging_product);
    expect(only(validate(without, 'cloud'))).toMatchObject({ path: 'messaging_product', kind: 'missing' });
    const onPremise = edit(without, (m) => {
      (m.interactive as Json).type = 'galaxy_message';
    });
    expect(validate(onPremise, 'on-premise')).toEqual([]);
  });

  it('rejects the galaxy_message form on Cloud, and an empty action name there', () => {
    expect(only(validate(edit(seedCloudFlowMessage, (m) => ((m.interactive as Json).type = 'galaxy_message')), 'cloud'))).toMatchObject({
      path: 'interactive.type',
    });
    expect(only(validate(edit(seedCloudFlowMessage, (m) => (((m.interactive as Json).action as Json).name = '')), 'cloud'))).toMatchObject({
      path: 'interactive.action.name',
    });
  });

  it('rejects an unknown action name on On-Premise', () => {
    expect(only(validate(edit(seedOnPremiseFlowMessage, (m) => (((m.interactive as Json).action as Json).name = 'open')), 'on-premise'))).toMatchObject({
      path: 'interactive.action.name',
    });
  });

  it('requires to, type and a JSON object body', () => {
    expect(only(validate(edit(seedCloudFlowMessage, (m) => delete m.to)))).toMatchObject({ path: 'to', kind: 'missing' });
    expect(only(validate(edit(seedCloudFlowMessage, (m) => (m.type = 'sticker'))))).toMatchObject({ path: 'type', kind: 'invalid' });
    expect(only(validate(undefined))).toMatchObject({ path: 'body', kind: 'missing' });
    expect(only(validate([1, 2]))).toMatchObject({ path: 'body', kind: 'invalid' });
  });

  it('requires the interactive body text and limits the header to 60 characters', () => {
    expect(only(validate(edit(seedCloudFlowMessage, (m) => delete (m.interactive as Json).body)))).toMatchObject({ path: 'interactive.body', kind: 'missing' });
    expect(only(validate(edit(seedCloudFlowMessage, (m) => (((m.interactive as Json).header as Json).text = 'h'.repeat(61)))))).toMatchObject({
      path: 'interactive.header.text',
    });
  });

  it('checks text messages', () => {
    const text = { messaging_product: 'whatsapp', to: '4915112345678', type: 'text', text: { body: 'Hello' } };
    expect(validate(text)).toEqual([]);
    expect(only(validate({ ...text, text: {} }))).toMatchObject({ path: 'text.body', kind: 'missing' });
    expect(only(validate({ ...text, text: { body: 'x'.repeat(4097) } }))).toMatchObject({ path: 'text.body', kind: 'invalid' });
  });
});

describe('messages.send validator: template with a flow button', () => {
  const C = 'template.components[0]';
  function component(m: Json): Json {
    return ((m.template as Json).components as Json[])[0] as Json;
  }

  it('requires the template name and language code', () => {
    expect(only(validate(edit(seedTemplateFlowMessage, (m) => delete (m.template as Json).name)))).toMatchObject({ path: 'template.name' });
    expect(only(validate(edit(seedTemplateFlowMessage, (m) => ((m.template as Json).language = {}))))).toMatchObject({ path: 'template.language.code' });
  });

  it('accepts a flow button without flow_token (the platform then uses "unused")', () => {
    const message = edit(seedTemplateFlowMessage, (m) => delete ((component(m).parameters as Json[])[0]?.action as Json).flow_token);
    expect(validate(message)).toEqual([]);
  });

  it('rejects a bad index, a second parameter, a non-action parameter and non-object data', () => {
    expect(only(validate(edit(seedTemplateFlowMessage, (m) => (component(m).index = 'first'))))).toMatchObject({ path: `${C}.index` });
    expect(only(validate(edit(seedTemplateFlowMessage, (m) => (component(m).parameters as Json[]).push({ type: 'action', action: {} }))))).toMatchObject({
      path: `${C}.parameters`,
    });
    expect(only(validate(edit(seedTemplateFlowMessage, (m) => (((component(m).parameters as Json[])[0] as Json).type = 'text'))))).toMatchObject({
      path: `${C}.parameters[0].type`,
    });
    expect(
      only(validate(edit(seedTemplateFlowMessage, (m) => ((((component(m).parameters as Json[])[0] as Json).action as Json).flow_action_data = [1])))),
    ).toMatchObject({ path: `${C}.parameters[0].action.flow_action_data` });
  });
});
