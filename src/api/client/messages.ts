// messages.*: an interactive flow message, a text, a template with a FLOW button. The message is
// written once in the Cloud API's shape, adjusted for On-Premise (no messaging_product, the seed's
// galaxy_message form, a deterministic language policy).
import { ApiClientError, ApiError } from '../errors.js';
import { hostingOf } from '../types.js';
import { FLOW_MESSAGE_VERSION, sendMessage } from '../contract/index.js';
import type { InteractiveFlowMessage, SendMessageResponse, TemplateMessage, TextMessage } from '../contract/index.js';
import type { Caller } from './pipeline.js';
import type { ResolvedOptions } from './options.js';
import type { ApiClient, SendFlowOptions } from './types.js';
import { pick } from './util.js';

/** How long a flow token sendFlow issues in a token store stays valid: one day. */
export const DEFAULT_FLOW_TOKEN_TTL_SECONDS = 24 * 60 * 60;

/** Whether a failed send certainly did not reach the platform's outbox (so its token can go). */
function certainlyNotSent(error: unknown): boolean {
  if (error instanceof ApiError) return true;
  return error instanceof ApiClientError && (error.code === 'INVALID_OPTIONS' || error.code === 'INVALID_REQUEST' || error.code === 'UNSUPPORTED_OPERATION');
}

/**
 * Issues the message's flow token in the endpoint's store before the send (a new random one when
 * the input has none: unpredictable, as a flow token must be), so the endpoint accepts the first
 * request. Returns the token and an undo for a send the platform refused; after a network
 * failure or a timeout the message may have gone out, so the token is kept.
 */
async function issueToken(input: { flowToken?: string }, options: SendFlowOptions & { tokenStore: NonNullable<SendFlowOptions['tokenStore']> }): Promise<{ flowToken: string; undo(error: unknown): Promise<void> }> {
  // crypto is the Web Crypto global (browsers, edge runtimes, Node 19+): no node: import here.
  const flowToken = input.flowToken ?? globalThis.crypto.randomUUID();
  const store = options.tokenStore;
  await store.issue(flowToken, { ttlSeconds: options.tokenTtlSeconds ?? DEFAULT_FLOW_TOKEN_TTL_SECONDS, ...(options.tokenData === undefined ? {} : { data: options.tokenData }) });
  return {
    flowToken,
    async undo(error) {
      if (certainlyNotSent(error)) await store.revoke(flowToken).catch(() => undefined);
    },
  };
}

export function messagesApi(resolved: ResolvedOptions, caller: Caller): ApiClient['messages'] {
  const hostingType = hostingOf(resolved.dialects.messages ?? 'cloud');
  const product = hostingType === 'cloud' ? { messagingProduct: 'whatsapp' as const } : {};
  const send = async (message: unknown, label: string, signal: AbortSignal | undefined): Promise<SendMessageResponse> =>
    (await caller.call(sendMessage, { json: message }, { label, signal })) as unknown as SendMessageResponse;

  return {
    async sendFlow(given, request) {
      const issued = request?.tokenStore === undefined ? undefined : await issueToken(given, { ...request, tokenStore: request.tokenStore });
      const input = issued === undefined ? given : { ...given, flowToken: issued.flowToken };
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
      if (issued === undefined) return send(message, 'messages.sendFlow', request?.signal);
      try {
        return { ...(await send(message, 'messages.sendFlow', request?.signal)), flowToken: issued.flowToken };
      } catch (error) {
        await issued.undo(error);
        throw error;
      }
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

    async sendTemplate(given, request) {
      if (request?.tokenStore !== undefined && given.flowButton === undefined) {
        throw new ApiClientError('INVALID_REQUEST', 'messages.sendTemplate: tokenStore issues the FLOW button\'s token, so give flowButton ({ index, flowToken? }) too.');
      }
      const issued = request?.tokenStore === undefined || given.flowButton === undefined ? undefined : await issueToken(given.flowButton, { ...request, tokenStore: request.tokenStore });
      const input = issued === undefined || given.flowButton === undefined ? given : { ...given, flowButton: { ...given.flowButton, flowToken: issued.flowToken } };
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
      if (issued === undefined) return send(message, 'messages.sendTemplate', request?.signal);
      try {
        return { ...(await send(message, 'messages.sendTemplate', request?.signal)), flowToken: issued.flowToken };
      } catch (error) {
        await issued.undo(error);
        throw error;
      }
    },
  };
}
