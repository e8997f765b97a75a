import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../types.js';
import { createTemplate, deleteTemplate, getTemplate, listTemplates } from './templates.js';
import { matchOperation } from './index.js';
import { seedCreateTemplate } from './seed-samples.js';

type Json = Record<string, unknown>;

function validate(body: unknown): ValidationIssue[] {
  return createTemplate.validate({ params: {}, query: {}, body }, 'cloud');
}

function edit(change: (copy: Json) => void): Json {
  const copy = structuredClone(seedCreateTemplate) as Json;
  change(copy);
  return copy;
}

function flowButton(t: Json): Json {
  return (((t.components as Json[])[1] as Json).buttons as Json[])[0] as Json;
}

const B = 'components[1].buttons[0]';

describe('templates.create validator', () => {
  it("accepts the seed's template request as it is, on both hosting types", () => {
    expect(validate(seedCreateTemplate)).toEqual([]);
    expect(createTemplate.validate({ params: {}, query: {}, body: seedCreateTemplate }, 'on-premise')).toEqual([]);
  });

  it('rejects a name with upper-case letters or spaces', () => {
    expect(validate(edit((t) => (t.name = 'Example Template')))).toEqual([expect.objectContaining({ path: 'name', kind: 'invalid' })]);
  });

  it('rejects an unknown category and requires the language', () => {
    expect(validate(edit((t) => (t.category = 'PROMOTION')))).toEqual([expect.objectContaining({ path: 'category' })]);
    expect(validate(edit((t) => delete t.language))).toEqual([expect.objectContaining({ path: 'language', kind: 'missing' })]);
  });

  it('requires exactly one body component', () => {
    expect(validate(edit((t) => (t.components as Json[]).splice(0, 1)))).toEqual([expect.objectContaining({ path: 'components', kind: 'missing' })]);
    expect(validate(edit((t) => (t.components as Json[]).push({ type: 'BODY', text: 'again' })))).toEqual([
      expect.objectContaining({ path: 'components', kind: 'invalid' }),
    ]);
  });

  it('requires a flow to open on a FLOW button', () => {
    expect(validate(edit((t) => delete flowButton(t).flow_id))).toEqual([expect.objectContaining({ path: `${B}.flow_id`, kind: 'missing' })]);
    expect(validate(edit((t) => (flowButton(t).flow_name = 'other')))).toEqual([expect.objectContaining({ path: `${B}.flow_id`, kind: 'invalid' })]);
  });

  it('requires navigate_screen for navigate, explicit or by default', () => {
    expect(validate(edit((t) => delete flowButton(t).navigate_screen))).toEqual([
      expect.objectContaining({ path: `${B}.navigate_screen`, kind: 'missing' }),
    ]);
    const byDefault = edit((t) => {
      delete flowButton(t).navigate_screen;
      delete flowButton(t).flow_action;
    });
    expect(validate(byDefault)).toEqual([expect.objectContaining({ path: `${B}.navigate_screen` })]);
  });

  it('accepts data_exchange without navigate_screen', () => {
    const exchange = edit((t) => {
      delete flowButton(t).navigate_screen;
      flowButton(t).flow_action = 'data_exchange';
    });
    expect(validate(exchange)).toEqual([]);
  });

  it('limits button text to 25 characters and allows one FLOW button', () => {
    expect(validate(edit((t) => (flowButton(t).text = 'x'.repeat(26))))).toEqual([expect.objectContaining({ path: `${B}.text` })]);
    const two = edit((t) => (((t.components as Json[])[1] as Json).buttons as Json[]).push({ ...flowButton(t) }));
    expect(validate(two)).toEqual([expect.objectContaining({ path: 'components', message: 'A template may have only one FLOW button.' })]);
  });

  it('rejects an unknown component type', () => {
    expect(validate(edit((t) => (t.components as Json[]).push({ type: 'CAROUSEL' })))).toEqual([
      expect.objectContaining({ path: 'components[2].type' }),
    ]);
  });
});

describe('templates.list and templates.get validators', () => {
  it('list takes no input; get needs the name', () => {
    expect(listTemplates.validate({ params: {}, query: {}, body: undefined }, 'cloud')).toEqual([]);
    expect(getTemplate.validate({ params: { templateName: 'example_template_name' }, query: {}, body: undefined }, 'cloud')).toEqual([]);
    expect(getTemplate.validate({ params: {}, query: {}, body: undefined }, 'cloud')).toEqual([
      expect.objectContaining({ path: 'params.templateName', kind: 'missing' }),
    ]);
  });
});

describe('templates on On-Premise', () => {
  it('refuses flow_name and flow_json buttons (Cloud API only) and keeps flow_id', () => {
    const onPrem = (body: unknown) => createTemplate.validate({ params: {}, query: {}, body }, 'on-premise');
    const byName = edit((t) => {
      delete flowButton(t).flow_id;
      flowButton(t).flow_name = 'feedback';
    });
    expect(onPrem(byName)).toEqual([expect.objectContaining({ path: `${B}.flow_name`, kind: 'invalid', message: expect.stringContaining('Cloud API feature') })]);
    expect(validate(byName)).toEqual([]);
    const byJson = edit((t) => {
      delete flowButton(t).flow_id;
      flowButton(t).flow_json = '{"version":"7.3","screens":[]}';
    });
    expect(onPrem(byJson)).toEqual([expect.objectContaining({ path: `${B}.flow_json`, kind: 'invalid' })]);
    expect(onPrem(seedCreateTemplate)).toEqual([]);
  });
});

describe('templates.delete', () => {
  const check = (params: Record<string, string>, query: Record<string, string>, dialect: 'cloud' | 'on-premise' | 'meta') =>
    deleteTemplate.validate({ params, query, body: undefined }, dialect === 'on-premise' ? 'on-premise' : 'cloud', dialect);

  it('needs the name, and takes hsm_id (a numeric id) on Graph only', () => {
    expect(check({ templateName: 'order_ready' }, {}, 'cloud')).toEqual([]);
    expect(check({}, {}, 'meta')).toEqual([expect.objectContaining({ path: 'params.templateName', kind: 'missing' })]);
    expect(check({ templateName: 'order_ready' }, { hsm_id: '1234567890' }, 'meta')).toEqual([]);
    expect(check({ templateName: 'order_ready' }, { hsm_id: 'abc' }, 'meta')).toEqual([expect.objectContaining({ path: 'query.hsm_id' })]);
    for (const dialect of ['cloud', 'on-premise'] as const) {
      expect(check({ templateName: 'order_ready' }, { hsm_id: '1234567890' }, dialect)).toEqual([
        expect.objectContaining({ path: 'query.hsm_id', message: expect.stringContaining('360dialog deletes every language of a name') }),
      ]);
    }
  });

  it('routes: the name in the path on 360dialog, in the query on Graph', () => {
    expect(matchOperation('DELETE', '/v1/configs/templates/order_ready', 'cloud')).toMatchObject({ operation: { id: 'templates.delete' }, params: { templateName: 'order_ready' } });
    expect(matchOperation('DELETE', '/v1/configs/templates/order_ready', 'on-premise')?.operation.id).toBe('templates.delete');
    expect(matchOperation('DELETE', '/9/message_templates', 'meta', { name: 'order_ready' })?.operation.id).toBe('templates.delete');
    const wire = deleteTemplate.wire?.meta?.request;
    const encoded = wire?.encode({ params: { wabaId: '9', templateName: 'order_ready' }, query: { hsm_id: '42' }, body: undefined });
    expect(encoded).toEqual({ params: { wabaId: '9' }, query: { hsm_id: '42', name: 'order_ready' }, body: undefined });
    expect(wire?.decode(encoded as NonNullable<typeof encoded>)).toEqual({ params: { wabaId: '9', templateName: 'order_ready' }, query: { hsm_id: '42' }, body: undefined });
  });
});
