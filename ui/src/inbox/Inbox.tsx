// The simulated phones' chats. Business messages arrive live (server-sent events); tapping a flow
// message's button opens the flow through the sandbox's session routes (so the sandbox calls the
// endpoint with real encryption) in the phone's flow sheet; a completion closes the sheet and the
// reply bubble appears.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, getJson, postJson } from '../api.js';
import type { TemplateWire } from '../api.js';
import type { PhoneDriver, PhoneState } from '../phone/driver.js';
import { FlowSheet, PhoneFrame } from '../phone/Phone.js';
import { bubbleOf } from './message-view.js';
import type { ChatMessageWire } from './message-view.js';
import { remoteDriver, stateOfWire } from './remote.js';
import type { SessionWire } from './remote.js';
import { useSandboxEvents } from './useSandboxEvents.js';
import './inbox.css';

interface PhoneWire {
  wa_id: string;
  name: string | null;
  last_message_at: string | null;
}

interface OpenSession {
  state: PhoneState;
  driver: PhoneDriver;
  wire: SessionWire;
  source?: unknown;
}

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

function Ticks({ status }: { status: string }) {
  if (status === 'read') return <span class="ticks is-read">✓✓</span>;
  if (status === 'delivered') return <span class="ticks">✓✓</span>;
  if (status === 'failed') return <span class="ticks is-failed">!</span>;
  return <span class="ticks">✓</span>;
}

function ReplyFields({ reply }: { reply: Record<string, unknown> }) {
  const entries = Object.entries(reply).filter(([k]) => k !== 'flow_token');
  return (
    <dl class="reply-fields">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Inbox() {
  const [phones, setPhones] = useState<PhoneWire[]>([]);
  const [waId, setWaId] = useState<string | undefined>(new URLSearchParams(location.search).get('wa_id') ?? undefined);
  const [messages, setMessages] = useState<ChatMessageWire[]>([]);
  const [templates, setTemplates] = useState<TemplateWire[]>([]);
  const [business, setBusiness] = useState('');
  const [open, setOpen] = useState<OpenSession | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [newNumber, setNewNumber] = useState('');
  const chatEnd = useRef<HTMLDivElement>(null);

  const loadPhones = useCallback(async () => {
    const list = (await getJson<{ data: PhoneWire[] }>('/_sandbox/ui/phones')).data;
    setPhones(list);
    setWaId((current) => current ?? list[0]?.wa_id);
  }, []);

  const loadChat = useCallback(async () => {
    if (waId === undefined) return;
    try {
      const chat = await getJson<{ messages: ChatMessageWire[] }>(`/_sandbox/phones/${encodeURIComponent(waId)}/chat`);
      setMessages(chat.messages);
      if (chat.messages.some((m) => m.type === 'template')) setTemplates((await api.listTemplates()).waba_templates);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [waId]);

  useEffect(() => {
    void loadPhones().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    void getJson<{ business_number: string }>('/_sandbox/ui/config').then((c) => setBusiness(c.business_number), () => undefined);
  }, [loadPhones]);
  useEffect(() => {
    void loadChat();
  }, [loadChat]);
  useEffect(() => {
    chatEnd.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);

  useSandboxEvents('', ['message.sent', 'message.received', 'message.status', 'session.changed'], (name, data) => {
    if (name === 'message.sent' && !phones.some((p) => p.wa_id === data.to)) void loadPhones();
    const concerns = [data.to, data.from, data.recipient, data.wa_id].includes(waId);
    if (concerns) void loadChat();
  });

  const tap = async (m: ChatMessageWire): Promise<void> => {
    if (waId === undefined) return;
    setError(undefined);
    try {
      const opened = await postJson<{ session: SessionWire }>(`/_sandbox/phones/${encodeURIComponent(waId)}/messages/${encodeURIComponent(m.id)}/open`);
      let source: unknown;
      try {
        source = await api.flowJson(opened.session.flow_id);
      } catch {
        source = undefined;
      }
      const version = String((source as { version?: unknown } | undefined)?.version ?? '7.3');
      const close = (): void => {
        setOpen(undefined);
        void loadChat();
      };
      const driver = remoteDriver(
        opened.session,
        version,
        (state, wire) => {
          // A completion closes the sheet; the reply bubble arrives in the chat.
          if (wire.status === 'completed') return close();
          setOpen((o) => (o === undefined ? o : { ...o, state, wire }));
        },
        close,
      );
      if (opened.session.status === 'completed') return close();
      setOpen({ state: stateOfWire(opened.session, version, false), driver, wire: opened.session, source });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      void loadChat();
    }
  };

  const addPhone = async (): Promise<void> => {
    try {
      await postJson('/_sandbox/phones', { wa_id: newNumber });
      setNewNumber('');
      setWaId(newNumber.replace(/^\+/, ''));
      await loadPhones();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div class="inbox">
      <aside class="inbox-phones card">
        <h2>Phones</h2>
        <ul>
          {phones.map((p) => (
            <li key={p.wa_id}>
              <button type="button" class={p.wa_id === waId ? 'is-active' : ''} data-testid={`phone-${p.wa_id}`} onClick={() => setWaId(p.wa_id)}>
                <span class="avatar">{(p.name ?? p.wa_id).slice(0, 1)}</span>
                <span>
                  <b>{p.name ?? `+${p.wa_id}`}</b>
                  <small class="muted">{p.name === null ? '' : `+${p.wa_id}`}</small>
                </span>
              </button>
            </li>
          ))}
        </ul>
        {phones.length === 0 && <p class="muted">No simulated phones yet. Send a message to a number through the API, or add one:</p>}
        <form
          class="add-phone"
          onSubmit={(e) => {
            e.preventDefault();
            void addPhone();
          }}
        >
          <input placeholder="+4915112345678" value={newNumber} onInput={(e) => setNewNumber((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit">Add</button>
        </form>
      </aside>
      <section class="inbox-phone">
        <PhoneFrame testId="inbox-phone">
          <div class="chat-head">
            <span class="avatar is-business">B</span>
            <span>
              <b>Business</b>
              <small>{business === '' ? '' : `+${business}`}</small>
            </span>
          </div>
          <div class="chat" data-testid="chat">
            {waId === undefined && <div class="chat-note">Pick a phone.</div>}
            {messages.map((m) => {
              const b = bubbleOf(m, templates);
              const mine = m.direction === 'inbound';
              return (
                <div key={m.id} class={`bubble ${mine ? 'is-mine' : 'is-theirs'}`} data-testid="bubble" data-message-id={m.id} data-direction={m.direction}>
                  {b.header !== undefined && <div class="bubble-header">{b.header}</div>}
                  {b.reply !== undefined ? (
                    <div class="bubble-reply" data-testid="reply-bubble">
                      <div class="reply-title">📋 {b.body}</div>
                      <ReplyFields reply={b.reply} />
                    </div>
                  ) : (
                    <div class="bubble-body">{b.body}</div>
                  )}
                  {b.footer !== undefined && <div class="bubble-footer">{b.footer}</div>}
                  <div class="bubble-meta">
                    {b.tag !== undefined && <span class="bubble-tag">{b.tag}</span>}
                    {time(m.created_at)}
                    {mine ? null : null}
                    {!mine ? null : <Ticks status={m.status} />}
                  </div>
                  {b.buttons.map((text, i) => (
                    <div key={i} class="bubble-cta is-static">
                      {text}
                    </div>
                  ))}
                  {b.cta !== undefined && (
                    <button type="button" class="bubble-cta" data-testid="cta" disabled={!b.cta.enabled} title={b.cta.reason} onClick={() => void tap(m)}>
                      ☰ {b.cta.text}
                    </button>
                  )}
                </div>
              );
            })}
            <div ref={chatEnd} />
          </div>
          {open !== undefined && <FlowSheet state={open.state} driver={open.driver} source={open.source} businessName="the business" />}
        </PhoneFrame>
        {error !== undefined && (
          <div class="error-text" role="alert" data-testid="inbox-error">
            {error}
          </div>
        )}
      </section>
      <aside class="inbox-side card">
        <h2>Session</h2>
        {open === undefined ? (
          <p class="muted">Tap a flow message's button to open it. Its endpoint calls appear here and in the dashboard.</p>
        ) : (
          <div data-testid="session-panel">
            <p>
              <code>{open.wire.id}</code> · {open.wire.status} · screen <b>{open.wire.screen.id}</b>
            </p>
            <p class="muted">flow {open.wire.flow_id} · token {open.wire.flow_token}</p>
            {open.wire.endpoint_uri !== null && <p class="muted">endpoint {open.wire.endpoint_uri}</p>}
            <ol class="exchanges">
              {open.wire.exchanges.map((x, i) => (
                <li key={i}>
                  <span class={`pill ${x.status === 200 && x.error === undefined ? 'ok' : 'bad'}`}>{x.status === 0 ? 'no answer' : x.status}</span> {x.action}
                  {x.screen === undefined ? '' : ` · ${x.screen}`} · {x.latency_ms} ms{x.error === undefined ? '' : ` · ${x.error}`}
                </li>
              ))}
            </ol>
          </div>
        )}
      </aside>
    </div>
  );
}
