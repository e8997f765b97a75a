// Flow sessions on simulated phones: tapping a flow message's button starts the headless runtime;
// a flow with an endpoint talks to it with real encryption under the business public key the
// sandbox holds (cached at open, as the client caches it; a 421 makes it refetch the key from the
// store and retry once); a 427 ends the session and disables that message's button; a completion
// becomes an inbound nfm_reply message from the phone, handed to the webhook dispatcher.
// Only open sessions stay in memory (registry.ts bounds them): the statement that records a
// session's end also stores its last view, and a finished session is read back from the store.
import { randomBytes } from 'node:crypto';
import { EndpointError, RuntimeError, startFlow } from '../../runtime/index.js';
import type { ActionResult, ExchangeRequest, FieldResult, FlowSession, RuntimeHost, ScreenView, SessionError } from '../../runtime/index.js';
import { httpEndpoint } from '../../testing/transport.js';
import type { ExchangeRecord } from '../../testing/transport.js';
import type { HostingType } from '../../api/types.js';
import type { Queryable, Store } from '../../store/index.js';
import type { MessageReceivedEvent } from '../events.js';
import { accountOf, markQueued, queueMessageWebhook, wakeDispatcher } from '../webhooks/outbox.js';
import type { WebhookAccount } from '../webhooks/envelope.js';
import type { SandboxContext } from '../context.js';
import { wamid } from '../ids.js';
import { recordSample } from '../health/samples.js';
import { unixSeconds } from '../webhooks/envelope.js';
import { DEFAULT_PHONE_LOCALE, disableCta, getPhone, insertInbound, PhoneError } from './chat.js';
import { flowCtaOf } from './flow-message.js';
import type { FlowCta } from './flow-message.js';
import { advanceStatus } from './receiver.js';
import type { ReceivedInfo } from './receiver.js';
import { mediaView, replyJsonOf, replyMedia } from './media-state.js';
import { SessionRegistry } from './registry.js';
import type { SessionLimits } from './registry.js';

export interface SessionChangedEvent {
  readonly sessionId: string;
  readonly waId: string;
  readonly messageId: string;
  readonly flowId: string;
  readonly status: FlowSession['status'];
  readonly screen: string;
  readonly error?: SessionError;
  readonly replyMessageId?: string;
  readonly at: Date;
}

declare module '../events.js' {
  interface SandboxEventMap {
    'session.changed': SessionChangedEvent;
  }
}

interface LiveSession {
  readonly id: string;
  readonly waId: string;
  readonly userPhoneId: string;
  readonly messageId: string;
  readonly chatId: string;
  readonly businessPhoneId: string;
  readonly businessNumber: string;
  readonly hostingType: HostingType;
  readonly cta: FlowCta;
  readonly endpointUri: string | undefined;
  /** The business account as webhooks name it, and the phone's name: read once, at open. */
  readonly account: WebhookAccount;
  readonly contactName: string | undefined;
  /** The phone's language, sent as `user_locale` with every endpoint request. */
  readonly userLocale: string;
  session: FlowSession | undefined;
  replyMessageId?: string;
  /** Completion and bookkeeping work started by the runtime's callbacks; awaited before answering. */
  work: Promise<void>;
  /** The latest MAX_EXCHANGES endpoint exchanges, oldest first. */
  readonly exchanges: ExchangeRecord[];
  readonly createdAt: Date;
  // registry.ts bookkeeping
  lastActiveMs: number;
  busy: number;
  closing: boolean;
  /** The final row (status and last view) is in the store. */
  finalSaved: boolean;
  /** What the stored row says (savedState()); an announcement that changes none of it writes nothing. */
  savedState?: string;
}

/** A finished session, read back from the store: its last view as the API showed it. */
export interface StoredSession {
  readonly id: string;
  readonly status: FlowSession['status'];
  readonly view: Readonly<Record<string, unknown>>;
}

/** What an action or a look-up finds: the open session, or what a finished one left. */
export type SessionRef = LiveSession | StoredSession;

export function isStored(ref: SessionRef): ref is StoredSession {
  return 'view' in ref;
}

export function statusOf(ref: SessionRef): FlowSession['status'] | undefined {
  return isStored(ref) ? ref.status : ref.session?.status;
}

/** A long-running session keeps its latest exchanges (the view shows them), not all of them. */
export const MAX_EXCHANGES = 100;

const registries = new WeakMap<Store, SessionRegistry<LiveSession>>();

function registry(ctx: SandboxContext): SessionRegistry<LiveSession> {
  let found = registries.get(ctx.store);
  if (found === undefined) {
    found = new SessionRegistry();
    registries.set(ctx.store, found);
  }
  return found;
}

/** Changes the registry's limits for this sandbox (tests; registry.ts has the defaults). */
export function setSessionLimits(ctx: SandboxContext, limits: Partial<SessionLimits>): void {
  const r = registry(ctx);
  r.limits = { ...r.limits, ...limits };
}

/** The sessions held in memory, with their status: all open, unless one is finishing right now. */
export function liveSessions(ctx: SandboxContext): { id: string; status: FlowSession['status'] | undefined }[] {
  return [...registry(ctx).values()].map((live) => ({ id: live.id, status: statusOf(live) }));
}

export function liveSessionCount(ctx: SandboxContext): number {
  return registry(ctx).size;
}

function inferHostingType(ctx: SandboxContext, payload: Record<string, unknown>): HostingType {
  // Cloud API message bodies carry messaging_product; On-Premise ones never do.
  if (payload.messaging_product === 'whatsapp') return 'cloud';
  return ctx.config.hostingType;
}

/** The Flow JSON of a flow already found in the message's account (openableFlow). */
function parseFlowJson(flowId: string, content: string | null): unknown {
  if (content === null) throw new PhoneError('CONFLICT', `flow ${flowId} has no Flow JSON yet; upload flow.json before opening it`);
  try {
    return JSON.parse(content) as unknown;
  } catch {
    throw new PhoneError('CONFLICT', `the Flow JSON of flow ${flowId} is not valid JSON`);
  }
}

export async function businessPublicKey(ctx: SandboxContext, businessPhoneId: string): Promise<string | undefined> {
  const rows = await ctx.store.query<{ public_key_pem: string }>('SELECT public_key_pem FROM business_public_keys WHERE phone_id = $1', [businessPhoneId]);
  return rows[0]?.public_key_pem;
}

/** The endpoint a flow talks to: endpoint_uri of the flow, or data_channel_uri in Flow JSON before 3.0. */
export function endpointOf(endpointUri: string | null | undefined, flowJson: unknown): string | undefined {
  if (typeof endpointUri === 'string' && endpointUri !== '') return endpointUri;
  const uri = typeof flowJson === 'object' && flowJson !== null ? (flowJson as Record<string, unknown>).data_channel_uri : undefined;
  return typeof uri === 'string' && uri !== '' ? uri : undefined;
}

function errorCodeOf(record: ExchangeRecord): string | undefined {
  if (record.error === undefined) return undefined;
  if (record.status === 0) return 'unreachable';
  if (record.status === 200) return 'decrypt-failed';
  return `http-${record.status}`;
}

/** A host whose exchange is the real encrypted HTTP call; the key is read now and cached. */
async function endpointHost(ctx: SandboxContext, live: Pick<LiveSession, 'cta' | 'endpointUri' | 'businessPhoneId' | 'userLocale' | 'exchanges'>, onComplete: (response: Record<string, unknown>) => void): Promise<RuntimeHost> {
  const uri = live.endpointUri;
  const complete = onComplete;
  if (uri === undefined) {
    return { complete, exchange: () => Promise.reject(new EndpointError(0, 'the flow has no endpoint_uri, so a data_exchange action has nowhere to go')) };
  }
  const pem = await businessPublicKey(ctx, live.businessPhoneId);
  if (pem === undefined) {
    return {
      complete,
      exchange: () => Promise.reject(new EndpointError(0, 'no business public key was uploaded for this number, so the phone cannot encrypt a request to the endpoint')),
    };
  }
  const onExchange = (record: ExchangeRecord): void => {
    const at = ctx.clock();
    const errorCode = errorCodeOf(record);
    live.exchanges.push({ ...record, latencyMs: Math.round(record.latencyMs) });
    if (live.exchanges.length > MAX_EXCHANGES) live.exchanges.splice(0, live.exchanges.length - MAX_EXCHANGES);
    ctx.background.track(
      (async () => {
        await recordSample(ctx.store, {
          flowId: live.cta.flowId,
          endpointUri: uri,
          action: record.action,
          at,
          ok: errorCode === undefined,
          latencyMs: record.latencyMs,
          ...(record.status === 0 ? {} : { httpStatus: record.status }),
          ...(errorCode === undefined ? {} : { errorCode }),
        });
        await ctx.events.emit('endpoint.exchange', { flowId: live.cta.flowId, endpointUri: uri, ok: errorCode === undefined, at });
      })(),
    );
  };
  const transport = httpEndpoint(uri, {
    publicKeyPem: pem,
    ...(ctx.config.appSecret === undefined ? {} : { appSecret: ctx.config.appSecret }),
    refetchPublicKey: async () => (await businessPublicKey(ctx, live.businessPhoneId)) ?? pem,
    userLocale: live.userLocale,
    onExchange,
  });
  return { complete, exchange: (request: ExchangeRequest) => transport.exchange(request) };
}

async function persist(ctx: SandboxContext, live: LiveSession, db: Queryable = ctx.store, completion?: Record<string, unknown>, finalView?: Record<string, unknown>): Promise<void> {
  const s = live.session;
  await db.query(
    `INSERT INTO phone_flow_sessions (id, message_id, user_phone_id, flow_id, flow_token, status, error, completion, reply_message_id, created_at, updated_at, final_view)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12::jsonb)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, error = EXCLUDED.error, completion = EXCLUDED.completion,
       reply_message_id = EXCLUDED.reply_message_id, updated_at = EXCLUDED.updated_at, final_view = EXCLUDED.final_view`,
    [
      live.id,
      live.messageId,
      live.userPhoneId,
      live.cta.flowId,
      live.cta.flowToken,
      completion !== undefined ? 'completed' : (s?.status ?? 'error'),
      s?.error === undefined ? null : JSON.stringify(s.error),
      completion !== undefined ? JSON.stringify(completion) : s?.completion === undefined ? null : JSON.stringify(replyJsonOf(live) ?? s.completion),
      live.replyMessageId ?? null,
      live.createdAt.toISOString(),
      ctx.clock().toISOString(),
      finalView === undefined ? null : JSON.stringify(finalView),
    ],
  );
}

/**
 * The columns of a session's row other than updated_at, as one string: a change of screen or a
 * filled field leaves them as they were, and then there is nothing to write.
 */
function savedState(live: LiveSession, final: boolean): string {
  const s = live.session;
  return JSON.stringify([s?.status ?? 'error', s?.error ?? null, s?.completion !== undefined, live.replyMessageId ?? null, final]);
}

/**
 * Whether the session has ended for good: closed, stopped, or completed with its reply sent (a
 * completion is announced once as the flow closes and again once the nfm_reply is committed).
 */
function finished(live: LiveSession): boolean {
  const status = live.session?.status;
  if (status === undefined || status === 'open') return false;
  return status !== 'completed' || live.replyMessageId !== undefined;
}

async function announce(ctx: SandboxContext, live: LiveSession): Promise<void> {
  const s = live.session;
  if (s === undefined) return;
  if (s.status === 'error' && s.error?.kind === 'flow-token-expired') {
    // WhatsApp disables the button of a flow message whose token the endpoint rejected (427); the
    // endpoint's own text (error_msg), when it sent one, is what the user reads.
    await disableCta(ctx.store, live.messageId, s.error.userMessage ?? s.error.message);
  }
  // The final row carries the last view; from then on the store answers for the session. A
  // completion is written by the transaction of its reply (sendReply), final view included, so
  // the moment between the flow closing and the reply being sent is not written on its own.
  const final = finished(live);
  const state = savedState(live, final);
  const replyPending = s.status === 'completed' && live.replyMessageId === undefined;
  if (state !== live.savedState && !replyPending) {
    await persist(ctx, live, ctx.store, undefined, final ? sessionView(live) : undefined);
    live.savedState = state;
  }
  if (final) {
    live.finalSaved = true;
    registry(ctx).remove(live);
  }
  await ctx.events.emit('session.changed', {
    sessionId: live.id,
    waId: live.waId,
    messageId: live.messageId,
    flowId: live.cta.flowId,
    status: s.status,
    screen: s.screen.id,
    ...(s.error === undefined ? {} : { error: s.error }),
    ...(live.replyMessageId === undefined ? {} : { replyMessageId: live.replyMessageId }),
    at: ctx.clock(),
  });
}

/** The flow closed with a completion: the phone sends the nfm_reply message to the business. */
async function sendReply(ctx: SandboxContext, live: LiveSession, completion: Record<string, unknown>): Promise<void> {
  // Picked files travel as Cloud API media ({ file_name, mime_type, sha256, id }): media-state.ts.
  const responseJson = await replyMedia(ctx, live, completion);
  const at = ctx.clock();
  const id = wamid(live.waId);
  live.replyMessageId = id;
  const payload: Record<string, unknown> = {
    context: { from: live.businessNumber, id: live.messageId },
    from: live.waId,
    id,
    timestamp: unixSeconds(at),
    type: 'interactive',
    interactive: {
      type: 'nfm_reply',
      // The reply's name differs by hosting type (seed, "Receiving Flow Response" and "Webhook Response").
      nfm_reply: { name: live.hostingType === 'cloud' ? 'flow' : 'galaxy_message', body: 'Sent', response_json: JSON.stringify(responseJson) },
    },
  };
  const event: MessageReceivedEvent = markQueued({
    messageId: id,
    chatId: live.chatId,
    businessPhoneId: live.businessPhoneId,
    from: live.waId,
    to: live.businessNumber,
    type: 'interactive',
    payload,
    hostingType: live.hostingType,
    at,
  });
  // The reply message, the session's completed row (with its last view when the flow has closed,
  // as it has by now) and the nfm_reply webhook commit together.
  const final = finished(live);
  await ctx.store.transaction(async (tx) => {
    await insertInbound(tx, { id, chatId: live.chatId, type: 'interactive', payload, contextMessageId: live.messageId, at });
    await persist(ctx, live, tx, responseJson, final ? sessionView(live) : undefined);
    await queueMessageWebhook(tx, ctx, event, { account: live.account, contactName: live.contactName });
  });
  live.savedState = savedState(live, final);
  if (final) live.finalSaved = true;
  wakeDispatcher(ctx);
  await ctx.events.emit('message.received', event);
}

/** What opening a message needs of the store, in one read: the phone, the message, what its send resolved. */
interface OpenRow {
  user_phone_id: string;
  display_name: string | null;
  locale: string | null;
  message_id: string | null;
  chat_id: string;
  payload: Record<string, unknown>;
  direction: string;
  chat_user_phone_id: string;
  business_phone_id: string;
  business_number: string;
  waba_id: string | null;
  disabled_reason: string | null;
  hosting_type: HostingType | null;
  flow_id: string | null;
  flow_mode: 'draft' | 'published' | null;
}

/** The phone, the business message on it and what its send resolved; the errors of getPhone and findOutbound. */
async function openTarget(ctx: SandboxContext, waId: string, messageId: string): Promise<{ phone: OpenRow; received: ReceivedInfo | undefined }> {
  const rows = await ctx.store.query<OpenRow>(
    `SELECT u.id AS user_phone_id, u.display_name, u.locale, m.id AS message_id, m.chat_id, m.payload, m.direction,
            c.user_phone_id AS chat_user_phone_id, c.business_phone_id, b.number AS business_number, b.waba_id,
            d.reason AS disabled_reason, r.hosting_type, r.flow_id, r.flow_mode
     FROM phones u
     LEFT JOIN messages m ON m.id = $2
     LEFT JOIN chats c ON c.id = m.chat_id
     LEFT JOIN phones b ON b.id = c.business_phone_id
     LEFT JOIN phone_disabled_ctas d ON d.message_id = m.id
     LEFT JOIN phone_received_messages r ON r.message_id = m.id
     WHERE u.number = $1 AND u.role = 'user'`,
    [waId, messageId],
  );
  const row = rows[0];
  if (row === undefined) {
    await getPhone(ctx.store, waId); // no such phone: throws its NOT_FOUND
    throw new PhoneError('NOT_FOUND', `no simulated phone ${waId}`);
  }
  if (row.message_id === null || row.chat_user_phone_id !== row.user_phone_id) throw new PhoneError('NOT_FOUND', `message ${messageId} is not in this phone's chat`);
  if (row.direction !== 'outbound') throw new PhoneError('INVALID_INPUT', `message ${messageId} was sent by the phone, not by the business`);
  const received = row.hosting_type === null ? undefined : { hostingType: row.hosting_type, flowId: row.flow_id ?? undefined, flowMode: row.flow_mode ?? undefined };
  return { phone: row, received };
}

/** The flow a message opens, checked as the platform does, and its Flow JSON: one read. */
async function openableFlow(ctx: SandboxContext, accountId: string, cta: FlowCta): Promise<{ endpointUri: string | null; flowJson: unknown }> {
  // Only a flow of the account that sent the message opens.
  const rows = await ctx.store.query<{ status: string; endpoint_uri: string | null; content: string | null }>(
    `SELECT f.status, f.endpoint_uri,
            (SELECT content FROM flow_assets a WHERE a.flow_id = f.id AND a.asset_type = 'FLOW_JSON' ORDER BY (a.name = 'flow.json') DESC, a.updated_at DESC LIMIT 1) AS content
     FROM flows f WHERE f.id = $1 AND f.account_id = $2`,
    [cta.flowId, accountId],
  );
  const flow = rows[0];
  if (flow === undefined) throw new PhoneError('NOT_FOUND', `flow ${cta.flowId} does not exist (was it deleted?)`);
  // Meta, "Flow Health and Monitoring": consumers cannot open previously sent messages of a Blocked flow.
  if (flow.status === 'BLOCKED') throw new PhoneError('CONFLICT', `flow ${cta.flowId} is BLOCKED: its messages cannot be opened until the endpoint recovers`);
  if (flow.status === 'DRAFT' && cta.mode !== 'draft') throw new PhoneError('CONFLICT', `flow ${cta.flowId} is still a DRAFT; publish it, or send the message with mode "draft"`);
  return { endpointUri: flow.endpoint_uri, flowJson: parseFlowJson(cta.flowId, flow.content) };
}

/** Taps the flow button of a business message on phone `waId`: starts a session. */
export async function openFlowMessage(ctx: SandboxContext, waId: string, messageId: string): Promise<LiveSession> {
  const { phone: message, received } = await openTarget(ctx, waId, messageId);
  if (message.disabled_reason !== null) throw new PhoneError('CONFLICT', `the button of message ${messageId} is disabled: ${message.disabled_reason}`);
  const found = await flowCtaOf(ctx.store, message.business_phone_id, message.payload);
  if (!found.ok) throw new PhoneError('INVALID_INPUT', found.reason);
  const cta: FlowCta = { ...found.cta };
  if (received?.flowId !== undefined) cta.flowId = received.flowId;
  if (received?.flowMode !== undefined) cta.mode = received.flowMode;
  const { flowJson, ...flow } = await openableFlow(ctx, message.business_phone_id, cta);
  const hostingType = received?.hostingType ?? inferHostingType(ctx, message.payload);
  const account = accountOf(message.business_phone_id, message.business_number, message.waba_id);

  const base = {
    id: `ps_${randomBytes(9).toString('hex')}`,
    waId,
    userPhoneId: message.user_phone_id,
    messageId,
    chatId: message.chat_id,
    businessPhoneId: message.business_phone_id,
    businessNumber: message.business_number,
    hostingType,
    cta,
    endpointUri: endpointOf(flow.endpointUri, flowJson),
    account,
    contactName: message.display_name ?? undefined,
    userLocale: message.locale ?? DEFAULT_PHONE_LOCALE,
    exchanges: [] as LiveSession['exchanges'],
    createdAt: ctx.clock(),
  };
  const live: LiveSession = { ...base, session: undefined, work: Promise.resolve(), lastActiveMs: ctx.clock().getTime(), busy: 1, closing: false, finalSaved: false };
  const host = await endpointHost(ctx, base, (responseJson) => {
    live.work = live.work.then(() => sendReply(ctx, live, responseJson)).then(() => announce(ctx, live));
  });
  if (cta.action === 'data_exchange' && base.endpointUri === undefined) {
    throw new PhoneError('CONFLICT', `the message starts flow ${cta.flowId} with data_exchange, but the flow has no endpoint_uri`);
  }
  try {
    live.session = await startFlow({
      flow: flowJson,
      flowToken: cta.flowToken,
      host,
      mode: cta.action === 'data_exchange' ? { action: 'data_exchange' } : { action: 'navigate', ...(cta.screen === undefined ? {} : { screen: cta.screen }), ...(cta.data === undefined ? {} : { data: cta.data }) },
    });
  } catch (error) {
    if (error instanceof RuntimeError) throw new PhoneError('CONFLICT', `the flow cannot be opened: ${error.message}`);
    throw error;
  }
  await makeRoom(ctx);
  registry(ctx).touch(live, ctx.clock().getTime());
  live.session.subscribe(() => {
    live.work = live.work.then(() => announce(ctx, live));
  });
  try {
    await advanceStatus(ctx, { id: messageId, chatId: message.chat_id, businessPhoneId: message.business_phone_id, recipient: waId, hostingType, account }, 'read');
    live.work = live.work.then(() => announce(ctx, live));
    await settle(live);
  } finally {
    await release(ctx, live);
  }
  return live;
}

async function settle(live: LiveSession): Promise<void> {
  // Work may chain more work (a completion announces a change); wait until it stops growing.
  let seen: Promise<void> | undefined;
  while (seen !== live.work) {
    seen = live.work;
    await seen;
  }
}

/**
 * Ends an action on `live`. A session that finished leaves the registry once its final row is
 * stored; announce() does both, and this catches one whose announcement failed (the store refused
 * a write), so a failure cannot pin it in memory.
 */
async function release(ctx: SandboxContext, live: LiveSession): Promise<void> {
  live.busy -= 1;
  const r = registry(ctx);
  if (!r.has(live)) return;
  if (live.session?.status === 'open') {
    r.touch(live, ctx.clock().getTime());
    return;
  }
  r.remove(live);
  if (live.finalSaved || live.session === undefined) return;
  try {
    await persist(ctx, live, ctx.store, undefined, sessionView(live));
    live.finalSaved = true;
  } catch (error) {
    ctx.log.error('could not store a finished flow session', { session: live.id, error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Closes what the registry says must go before one more session opens (idle too long, or the
 * least recently used idle ones over the cap), as a user closing the flow would: the close is
 * announced and stored like any other, with the session's last view.
 */
async function makeRoom(ctx: SandboxContext): Promise<void> {
  const r = registry(ctx);
  const now = ctx.clock().getTime();
  for (const live of r.pickToClose(now)) {
    const reason = now - live.lastActiveMs >= r.limits.idleMs ? 'idle' : 'capacity';
    ctx.log.info('closing an unused flow session', { session: live.id, reason });
    live.busy += 1;
    try {
      live.session?.close();
      await settle(live);
    } catch (error) {
      ctx.log.error('closing an unused flow session failed', { session: live.id, error: error instanceof Error ? error.message : String(error) });
    } finally {
      await release(ctx, live);
    }
  }
}

/** The open session `id` (for actions that need the running flow, such as a pick). */
export function getSession(ctx: SandboxContext, id: string): LiveSession {
  const live = registry(ctx).get(id);
  if (live === undefined || live.session === undefined) {
    throw new PhoneError('NOT_FOUND', `no open flow session ${id} (a finished one is read with GET /_sandbox/sessions/${id}; open sessions end when the sandbox restarts)`);
  }
  registry(ctx).touch(live, ctx.clock().getTime());
  return live;
}

/** The open session `id`, or the last view of a finished one from the store. */
export async function findSession(ctx: SandboxContext, id: string): Promise<SessionRef> {
  const live = registry(ctx).get(id);
  if (live !== undefined && live.session !== undefined) {
    registry(ctx).touch(live, ctx.clock().getTime());
    return live;
  }
  const rows = await ctx.store.query<{ status: FlowSession['status']; final_view: unknown }>('SELECT status, final_view FROM phone_flow_sessions WHERE id = $1', [id]);
  const row = rows[0];
  const view = typeof row?.final_view === 'string' ? (JSON.parse(row.final_view) as unknown) : row?.final_view;
  if (row !== undefined && typeof view === 'object' && view !== null) return { id, status: row.status, view: view as Record<string, unknown> };
  if (row !== undefined) throw new PhoneError('NOT_FOUND', `flow session ${id} ended when the sandbox stopped (open sessions live in its memory)`);
  throw new PhoneError('NOT_FOUND', `no flow session ${id}`);
}

function fieldErrors(components: ScreenView['components'], out: Record<string, string> = {}): Record<string, string> {
  for (const c of components) {
    if (c.name !== undefined && c.error !== undefined) out[c.name] = c.error;
    if (c.children !== undefined) fieldErrors(c.children, out);
  }
  return out;
}

/** The session as the HTTP API shows it (snake_case wire shape); a finished one as it was stored. */
export function sessionView(ref: SessionRef): Record<string, unknown> {
  if (isStored(ref)) return { ...ref.view };
  const live = ref;
  const s = live.session;
  if (s === undefined) throw new PhoneError('NOT_FOUND', `flow session ${live.id} did not start`);
  const fields = fieldErrors(s.screen.components);
  return {
    id: live.id,
    status: s.status,
    wa_id: live.waId,
    message_id: live.messageId,
    flow_id: live.cta.flowId,
    flow_token: live.cta.flowToken,
    flow_action: live.cta.action,
    hosting_type: live.hostingType,
    user_locale: live.userLocale,
    endpoint_uri: live.endpointUri ?? null,
    screen: s.screen,
    history: s.history,
    form: s.form,
    errors: {
      ...(s.error === undefined ? {} : { session: s.error }),
      ...(s.screen.errorMessage === undefined ? {} : { banner: s.screen.errorMessage }),
      ...(s.screen.footer?.disabledReason === undefined ? {} : { footer: s.screen.footer.disabledReason }),
      fields,
    },
    completion: s.completion === undefined ? null : { response_json: replyJsonOf(live) ?? s.completion, reply_message_id: live.replyMessageId ?? null },
    // Each picker of the screen: its files, an endpoint's message under each, a refused pick (pick.ts).
    media: mediaView(live),
    summary: s.status === 'completed' ? s.summary() : undefined,
    // The decrypted request and response, as the builder's endpoint log shows them.
    exchanges: live.exchanges.map((e) => ({ action: e.action, screen: e.screen, status: e.status, latency_ms: e.latencyMs, request: e.data, response: e.response, ...(e.error === undefined ? {} : { error: e.error }) })),
  };
}

export type SessionAction =
  | { kind: 'fill'; name: string; value: unknown }
  | { kind: 'select'; name: string; optionId: string }
  | { kind: 'unselect'; name: string; optionId: string }
  | { kind: 'submit' }
  | { kind: 'back' }
  | { kind: 'activate'; ref: string };

/**
 * What the runtime answers an action on a finished flow (session.ts refuse() and setValue()), for
 * a session that has left memory: the same words, so an answer does not depend on where it lives.
 */
function refusal(stored: StoredSession, action: SessionAction): FieldResult | ActionResult {
  const errors = stored.view.errors as { session?: { message?: unknown } } | undefined;
  const reason = stored.status === 'error' ? `the flow stopped: ${typeof errors?.session?.message === 'string' ? errors.session.message : 'error'}` : `the flow is ${stored.status}`;
  switch (action.kind) {
    case 'fill':
      return { ok: false, error: `the flow is ${stored.status}` };
    case 'select':
    case 'unselect':
      return { ok: false, error: reason };
    default:
      return { ok: false, reason };
  }
}

/** Runs one user action; resolves once the runtime and any completion work have settled. */
export async function act(ctx: SandboxContext, id: string, action: SessionAction): Promise<{ result: FieldResult | ActionResult; live: SessionRef }> {
  const found = await findSession(ctx, id);
  if (isStored(found)) return { result: refusal(found, action), live: found };
  const live = found;
  const s = live.session as FlowSession;
  live.busy += 1;
  try {
    let result: FieldResult | ActionResult;
    switch (action.kind) {
      case 'fill':
        result = s.setValue(action.name, action.value);
        break;
      case 'select':
        result = await s.select(action.name, action.optionId);
        break;
      case 'unselect':
        result = await s.unselect(action.name, action.optionId);
        break;
      case 'submit':
        result = await s.submit();
        break;
      case 'back':
        result = await s.back();
        break;
      case 'activate':
        result = await s.activate(action.ref);
        break;
    }
    await settle(live);
    return { result, live };
  } finally {
    await release(ctx, live);
  }
}
