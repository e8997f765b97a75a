import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sendMessage } from './contract/messages.js';
import { seedCloudFlowMessage, seedFlowMessageResponse } from './contract/seed-samples.js';
import { camelToSnake, fromWire, snakeToCamel, toWire } from './wire.js';

describe('key conversion', () => {
  it('converts between camelCase and snake_case', () => {
    expect(camelToSnake('flowActionPayload')).toBe('flow_action_payload');
    expect(camelToSnake('waId')).toBe('wa_id');
    expect(snakeToCamel('flow_message_version')).toBe('flowMessageVersion');
    expect(snakeToCamel('column_start')).toBe('columnStart');
  });

  it("lowers the seed's capitalised `Input` to `input`", () => {
    expect(fromWire(seedFlowMessageResponse)).toEqual({
      contacts: [{ input: '+447385946746', waId: '47385946746' }],
      messages: [{ id: 'gHTRETHRTHTRTH-av4Y' }],
      meta: { apiStatus: 'stable', version: '2.44.0.27' },
    });
  });
});

describe('toWire and fromWire', () => {
  it('round-trips the seed flow message, keeping the flow data as written', () => {
    const opaque = sendMessage.opaque?.request ?? [];
    const camel = fromWire(seedCloudFlowMessage, opaque) as { interactive: { action: { parameters: Record<string, unknown> } } };
    expect(camel.interactive.action.parameters.flowActionPayload).toEqual({
      screen: '<SCREEN_NAME>',
      data: { product_name: 'name', product_description: 'description', product_price: 100 },
    });
    expect(toWire(camel, opaque)).toEqual(seedCloudFlowMessage);
  });

  it('leaves user data under opaque paths untouched, inside arrays too', () => {
    const opaque = ['template.components[].parameters[].action.flow_action_data'];
    const wire = toWire(
      { template: { components: [{ subType: 'flow', parameters: [{ action: { flowToken: 't', flowActionData: { firstName: 'Ana', nested: { zipCode: 1 } } } }] }] } },
      opaque,
    );
    expect(wire).toEqual({
      template: { components: [{ sub_type: 'flow', parameters: [{ action: { flow_token: 't', flow_action_data: { firstName: 'Ana', nested: { zipCode: 1 } } } }] }] },
    });
  });

  it('drops undefined members and keeps null, arrays and primitives', () => {
    expect(toWire({ aB: undefined, cD: null, eF: [1, 'x', { gH: true }] })).toEqual({ c_d: null, e_f: [1, 'x', { g_h: true }] });
  });

  it('round-trips any camelCase object (property)', () => {
    const camelKey = fc.stringMatching(/^[a-z][a-z0-9]{0,5}([A-Z][a-z0-9]{0,5}){0,3}$/);
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string(), fc.boolean(), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(camelKey, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(fc.property(fc.dictionary(camelKey, value, { maxKeys: 5 }), (object) => {
      expect(fromWire(toWire(object))).toEqual(object);
    }));
  });

  it('round-trips any snake_case object (property)', () => {
    const snakeKey = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(_[a-z][a-z0-9]{0,5}){0,3}$/);
    fc.assert(fc.property(fc.dictionary(snakeKey, fc.dictionary(snakeKey, fc.integer(), { maxKeys: 3 }), { maxKeys: 5 }), (object) => {
      expect(toWire(fromWire(object))).toEqual(object);
    }));
  });
});
