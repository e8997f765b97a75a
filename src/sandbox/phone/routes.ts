// The HTTP API that drives simulated phones without a browser, plus the sandbox-only inspector
// routes of webhooks/ and health/ (the core gives route registration to phone/ only).
import type { SandboxContext } from '../context.js';
import type { Router } from '../router.js';
import { json } from '../router.js';
import { flowHealthReport } from '../health/report.js';
import { listDeliveries } from '../webhooks/deliveries.js';
import type { DeliveryStatus } from '../webhooks/deliveries.js';
import { dispatcherOf } from '../webhooks/dispatcher.js';
import { chatMessages, createPhone, DEFAULT_PHONE_LOCALE, getPhone, PhoneError } from './chat.js';
import { registerCompletionRoutes } from './completions.js';
import { registerPickRoute } from './pick-route.js';
import { advanceStatus, receivedInfo } from './receiver.js';
import { act, findSession, openFlowMessage, sessionView } from './sessions.js';
import type { SessionAction } from './sessions.js';
import { eventStream } from './stream.js';

function problem(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, status);
}

async function body(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PhoneError('INVALID_INPUT', 'the request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PhoneError('INVALID_INPUT', 'the request body must be a JSON object');
  return value as Record<string, unknown>;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new PhoneError('INVALID_INPUT', `${what} must be a non-empty string`);
  return value;
}

type Handler = (req: Request, params: Record<string, string>, ctx: SandboxContext) => Promise<Response>;

/** Turns PhoneErrors into 4xx answers; anything else is the router's 500. */
function guarded(handler: Handler): Handler {
  return async (req, params, ctx) => {
    try {
      return await handler(req, params, ctx);
    } catch (error) {
      if (error instanceof PhoneError) return problem(error.status, error.code, error.message);
      throw error;
    }
  };
}

function actionFrom(kind: string, input: Record<string, unknown>): SessionAction {
  switch (kind) {
    case 'fill':
      if (!('value' in input)) throw new PhoneError('INVALID_INPUT', 'fill needs { "name", "value" }');
      return { kind: 'fill', name: text(input.name, 'name'), value: input.value };
    case 'select':
    case 'unselect':
      return { kind, name: text(input.name, 'name'), optionId: text(input.option_id ?? input.value, 'option_id') };
    case 'activate':
      return { kind: 'activate', ref: text(input.ref ?? input.name, 'ref') };
    case 'submit':
      return { kind: 'submit' };
    default:
      return { kind: 'back' };
  }
}

const ACTIONS = ['fill', 'select', 'unselect', 'submit', 'back', 'activate'] as const;
const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed', 'dead'];

export function registerPhoneRoutes(router: Router): void {
  router.add(
    'POST',
    '/_sandbox/phones',
    guarded(async (req, _params, ctx) => {
      const { phone, created } = await createPhone(ctx.store, await body(req));
      return json({ phone: { id: phone.id, wa_id: phone.waId, name: phone.name ?? null, locale: phone.locale ?? DEFAULT_PHONE_LOCALE, created_at: phone.createdAt } }, created ? 201 : 200);
    }),
  );

  router.add(
    'GET',
    '/_sandbox/phones/:waId/chat',
    guarded(async (_req, params, ctx) => {
      const phone = await getPhone(ctx.store, params.waId ?? '');
      const messages = await chatMessages(ctx.store, phone.id);
      // Looking at the chat reads what was delivered to it.
      for (const m of messages) {
        if (m.direction !== 'outbound' || m.status !== 'delivered') continue;
        const info = await receivedInfo(ctx.store, m.id);
        const hostingType = info?.hostingType ?? (m.payload.messaging_product === 'whatsapp' ? 'cloud' : ctx.config.hostingType);
        const businessPhoneId = (await ctx.store.query<{ business_phone_id: string }>('SELECT business_phone_id FROM chats WHERE id = $1', [m.chatId]))[0]?.business_phone_id ?? '';
        if (await advanceStatus(ctx, { id: m.id, chatId: m.chatId, businessPhoneId, recipient: phone.waId, hostingType }, 'read')) m.status = 'read';
      }
      return json({
        phone: { id: phone.id, wa_id: phone.waId, name: phone.name ?? null },
        messages: messages.map((m) => ({
          id: m.id,
          direction: m.direction,
          type: m.type,
          status: m.status,
          business_number: m.businessNumber,
          context_message_id: m.contextMessageId,
          created_at: m.createdAt,
          payload: m.payload,
          ...(m.cta === undefined ? {} : { cta: { text: m.cta.text, enabled: m.cta.enabled, ...(m.cta.disabledReason === undefined ? {} : { disabled_reason: m.cta.disabledReason }) } }),
        })),
      });
    }),
  );

  router.add(
    'POST',
    '/_sandbox/phones/:waId/messages/:messageId/open',
    guarded(async (_req, params, ctx) => {
      const live = await openFlowMessage(ctx, params.waId ?? '', params.messageId ?? '');
      return json({ session_id: live.id, session: sessionView(live) }, 201);
    }),
  );

  router.add(
    'GET',
    '/_sandbox/sessions/:id',
    guarded(async (_req, params, ctx) => json({ session: sessionView(await findSession(ctx, params.id ?? '')) })),
  );

  for (const kind of ACTIONS) {
    router.add(
      'POST',
      `/_sandbox/sessions/:id/${kind}`,
      guarded(async (req, params, ctx) => {
        const action = actionFrom(kind, await body(req));
        const { result, live } = await act(ctx, params.id ?? '', action);
        const view = sessionView(live);
        const ok = result.ok;
        return json({ ok, ...(ok ? {} : { reason: 'reason' in result ? result.reason : (result as { error: string }).error }), result, session: view }, ok ? 200 : 422);
      }),
    );
  }

  router.add('GET', '/_sandbox/events', async (req, _params, ctx) => eventStream(ctx, req));
  registerCompletionRoutes(router);
  registerPickRoute(router);

  router.add(
    'GET',
    '/_sandbox/webhooks/deliveries',
    guarded(async (req, _params, ctx) => {
      const q = new URL(req.url).searchParams;
      const status = q.get('status') ?? undefined;
      if (status !== undefined && !DELIVERY_STATUSES.includes(status as DeliveryStatus)) {
        throw new PhoneError('INVALID_INPUT', `status must be one of ${DELIVERY_STATUSES.join(', ')}`);
      }
      const limitText = q.get('limit');
      const limit = limitText === null ? undefined : Number(limitText);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new PhoneError('INVALID_INPUT', 'limit must be a positive integer');
      const deliveries = await listDeliveries(ctx.store, {
        ...(status === undefined ? {} : { status: status as DeliveryStatus }),
        ...(q.get('message_id') === null ? {} : { messageId: q.get('message_id') as string }),
        ...(q.get('kind') === null ? {} : { eventKind: q.get('kind') as string }),
        ...(limit === undefined ? {} : { limit }),
      });
      return json({
        data: deliveries.map((d) => ({
          id: d.id,
          url: d.url,
          kind: d.eventKind,
          message_id: d.messageId,
          status: d.status,
          attempt_count: d.attemptCount,
          next_attempt_at: d.nextAttemptAt,
          created_at: d.createdAt,
          delivered_at: d.deliveredAt,
          body: JSON.parse(d.body) as unknown,
          attempts: d.attempts.map((a) => ({
            attempt: a.attempt,
            started_at: a.startedAt,
            latency_ms: a.durationMs,
            status: a.responseStatus,
            error: a.error,
            response_excerpt: a.responseExcerpt,
          })),
        })),
      });
    }),
  );

  router.add(
    'POST',
    '/_sandbox/webhooks/deliveries/:id/redeliver',
    guarded(async (_req, params, ctx) => {
      const rows = await ctx.store.query<{ url: string; event_kind: string; body: string; message_id: string | null }>('SELECT url, event_kind, body, message_id FROM webhook_deliveries WHERE id = $1', [params.id ?? '']);
      const row = rows[0];
      if (row === undefined) throw new PhoneError('NOT_FOUND', `no webhook delivery ${params.id ?? ''}`);
      const dispatcher = dispatcherOf(ctx);
      if (dispatcher === undefined) throw new PhoneError('CONFLICT', 'the webhook dispatcher is not running');
      // The same bytes again, as WhatsApp occasionally delivers a webhook twice.
      const copy = await dispatcher.enqueueRaw({ url: row.url, eventKind: row.event_kind, body: row.body, ...(row.message_id === null ? {} : { messageId: row.message_id }) });
      return json({ id: copy.id, status: copy.status }, 202);
    }),
  );

  router.add(
    'GET',
    '/_sandbox/flows/:id/health',
    guarded(async (req, params, ctx) => {
      const q = new URL(req.url).searchParams;
      const report = await flowHealthReport(ctx, params.id ?? '', { check: q.get('check') === 'true' });
      return json(report);
    }),
  );
}
