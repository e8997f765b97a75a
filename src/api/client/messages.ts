// messages.*: an interactive flow message, a text, a template with a FLOW button. The message is
// written once in the Cloud API's shape, adjusted for On-Premise (no messaging_product, the seed's
// galaxy_message form, a deterministic language policy).
import { hostingOf } from '../types.js';
import { FLOW_MESSAGE_VERSION, sendMessage } from '../contract/index.js';
import type { InteractiveFlowMessage, SendMessageResponse, TemplateMessage, TextMessage } from '../contract/index.js';
import type { Caller } from './pipeline.js';
import type { ResolvedOptions } from './options.js';
import type { ApiClient } from './types.js';
import { pick } from './util.js';

export function messagesApi(resolved: ResolvedOptions, caller: Caller): ApiClient['messages'] {
  const hostingType = hostingOf(resolved.dialects.messages ?? 'cloud');
  const product = hostingType === 'cloud' ? { messagingProduct: 'whatsapp' as const } : {};
  const send = async (message: unknown, label: string, signal: AbortSignal | undefined): Promise<SendMessageResponse> =>
    (await caller.call(sendMessage, { json: message }, { label, signal })) as unknown as SendMessageResponse;

  return {
    async sendFlow(input, request) {
      const message: InteractiveFlowMessage = {
        ...product,
        recipientType: 'individual',
        to: input.to,
        type: 'interactive',
        interactive: {
          // The seed's On-Premise form: interactive type galaxy_message, action name "".
          type: hostingType === 'cloud' ? 'flow' : 'galaxy_message',
          ...(input.header === undefined ? {} : { header: typeof input.header === 'string' ? { type: 'text', text: input.header } : input.header }),
          body: { text: input.body },
          ...(input.footer === undefined ? {} : { footer: { text: input.footer } }),
          action: {
            name: hostingType === 'cloud' ? 'flow' : '',
            parameters: {
              flowMessageVersion: FLOW_MESSAGE_VERSION,
              ...pick(input, ['mode', 'flowToken', 'flowId', 'flowName']),
              flowCta: input.flowCta,
              ...pick(input, ['flowAction', 'flowActionPayload']),
            },
          },
        },
      };
      return send(message, 'messages.sendFlow', request?.signal);
    },

    async sendText(input, request) {
      const message: TextMessage = {
        ...product,
        recipientType: 'individual',
        to: input.to,
        type: 'text',
        text: { body: input.body, ...pick(input, ['previewUrl']) },
      };
      return send(message, 'messages.sendText', request?.signal);
    },

    async sendTemplate(input, request) {
      const language =
        typeof input.language === 'string'
          ? { code: input.language, ...(hostingType === 'on-premise' ? { policy: 'deterministic' as const } : {}) }
          : input.language;
      const components: NonNullable<TemplateMessage['template']['components']> = [...(input.components ?? [])];
      if (input.flowButton !== undefined) {
        const { index, flowToken, flowActionData } = input.flowButton;
        components.push({
          type: 'button',
          subType: 'flow',
          index: String(index),
          parameters: [{ type: 'action', action: { ...(flowToken === undefined ? {} : { flowToken }), ...(flowActionData === undefined ? {} : { flowActionData }) } }],
        });
      }
      const message: TemplateMessage = {
        ...product,
        recipientType: 'individual',
        to: input.to,
        type: 'template',
        template: { ...pick(input, ['namespace']), name: input.name, language, ...(components.length === 0 ? {} : { components }) },
      };
      return send(message, 'messages.sendTemplate', request?.signal);
    },
  };
}
