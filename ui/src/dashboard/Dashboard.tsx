// Per flow: stored completions (table, a bar chart per question, CSV export; picked photos as
// thumbnails and documents as download links, from the sandbox's media route), every endpoint
// request of each session with its status and latency, the endpoint health check with its
// diagnosis, and the webhook delivery log with its retries.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { api, getJson, postJson } from '../api.js';
import type { FlowSummary } from '../api.js';
import type { SessionWire } from '../inbox/remote.js';
import { useSandboxEvents } from '../inbox/useSandboxEvents.js';
import { QuestionChart } from './Charts.js';
import { answerText, mediaFiles, mediaHref, questionsOf, summarize, toCsv } from './questions.js';
import type { MediaFile, Question } from './questions.js';
import './dashboard.css';

interface ResponseRow {
  session_id: string;
  wa_id: string;
  completed_at: string | null;
  response_json: Record<string, unknown>;
}

interface SessionRow {
  id: string;
  wa_id: string;
  status: string;
  flow_token: string;
  created_at: string | null;
  error: { kind: string; message: string } | null;
}

interface Delivery {
  id: string;
  url: string;
  kind: string;
  message_id: string | null;
  status: string;
  attempt_count: number;
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
  attempts: { attempt: number; started_at: string; latency_ms: number | null; status: number | null; error: string | null }[];
}

interface Health {
  endpoint_uri: string | null;
  status: string;
  metrics: { requests_count: number; error_count: number; error_rate: number; /** Percent (0–100). */ availability: number | null; p50_latency: number | null; p90_latency: number | null };
  last_check: { ok: boolean; result: string; message?: string; http_status: number | null; latency_ms: number | null; checked_at: string } | null;
  active_alerts: unknown[];
}

const fmt = (iso: string | null): string => (iso === null ? '—' : new Date(iso).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' }));

function Section({ title, children, testId }: { title: string; children: ComponentChildren; testId?: string }) {
  return (
    <section class="dash-section card" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** A completion's files: images as thumbnails linking to the full picture, documents as downloads. */
function MediaCell({ files }: { files: MediaFile[] }) {
  return (
    <ul class="media-cell">
      {files.map((f) => (
        <li key={f.id} data-media-id={f.id}>
          {f.mime_type.startsWith('image/') ? (
            <a href={mediaHref(f.id)} target="_blank" rel="noopener" title={f.file_name}>
              <img class="media-thumb" src={mediaHref(f.id)} alt={f.file_name} loading="lazy" />
            </a>
          ) : (
            <a class="media-doc" href={mediaHref(f.id)} download={f.file_name}>
              📄 {f.file_name}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

export function Dashboard() {
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [flowId, setFlowId] = useState<string | undefined>(new URLSearchParams(location.search).get('flow_id') ?? undefined);
  const [questions, setQuestions] = useState<Question[]>([]);
  const [responses, setResponses] = useState<ResponseRow[]>([]);
  const [sessions, setSessions] = useState<SessionRow[]>([]);
  const [details, setDetails] = useState<Record<string, SessionWire | string>>({});
  const [health, setHealth] = useState<Health | undefined>(undefined);
  const [checking, setChecking] = useState(false);
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);

  const fail = (e: unknown): void => setError(e instanceof Error ? e.message : String(e));

  useEffect(() => {
    api.listFlows().then((r) => {
      setFlows(r.data);
      setFlowId((id) => id ?? r.data[0]?.id);
    }, fail);
  }, []);

  const load = useCallback(async () => {
    const d = await getJson<{ data: Delivery[] }>('/_sandbox/webhooks/deliveries?limit=50').catch(() => ({ data: [] as Delivery[] }));
    setDeliveries(d.data);
    if (flowId === undefined) return;
    const [flowJson, resp, sess, h] = await Promise.all([
      api.flowJson(flowId).catch(() => undefined),
      getJson<{ data: ResponseRow[] }>(`/_sandbox/ui/flows/${encodeURIComponent(flowId)}/responses`),
      getJson<{ data: SessionRow[] }>(`/_sandbox/ui/sessions?flow_id=${encodeURIComponent(flowId)}`),
      getJson<Health>(`/_sandbox/flows/${encodeURIComponent(flowId)}/health`).catch(() => undefined),
    ]);
    setQuestions(questionsOf(flowJson));
    setResponses(resp.data);
    setSessions(sess.data);
    setHealth(h);
    // Request logs live with the running session in the sandbox's memory.
    const entries = await Promise.all(
      sess.data.slice(0, 20).map(async (s) => {
        try {
          return [s.id, (await getJson<{ session: SessionWire }>(`/_sandbox/sessions/${encodeURIComponent(s.id)}`)).session] as const;
        } catch (e) {
          return [s.id, e instanceof Error ? e.message : String(e)] as const;
        }
      }),
    );
    setDetails(Object.fromEntries(entries));
  }, [flowId]);

  useEffect(() => {
    setError(undefined);
    void load().catch(fail);
  }, [load]);

  useSandboxEvents('', ['session.changed', 'message.received'], () => void load().catch(fail));

  const results = useMemo(() => summarize(questions, responses.map((r) => r.response_json)), [questions, responses]);

  const exportCsv = (): void => {
    const csv = toCsv(questions, responses);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `responses-${flowId ?? 'flow'}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const runCheck = async (): Promise<void> => {
    if (flowId === undefined) return;
    setChecking(true);
    try {
      setHealth(await getJson<Health>(`/_sandbox/flows/${encodeURIComponent(flowId)}/health?check=true`));
    } catch (e) {
      fail(e);
    } finally {
      setChecking(false);
    }
  };

  const keys = useMemo(() => {
    const out = questions.map((q) => q.key);
    for (const r of responses) for (const k of Object.keys(r.response_json)) if (k !== 'flow_token' && !out.includes(k)) out.push(k);
    return out;
  }, [questions, responses]);
  const titleOf = (key: string, value: unknown): string => {
    const q = questions.find((x) => x.key === key);
    const hit = q?.options?.find((o) => o.id === String(value));
    return hit?.title ?? answerText(value);
  };

  return (
    <div class="dash">
      <div class="dash-bar">
        <label>
          Flow{' '}
          <select data-testid="flow-select" value={flowId ?? ''} onChange={(e) => setFlowId((e.currentTarget as HTMLSelectElement).value)}>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} ({f.status})
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void load().catch(fail)}>
          Refresh
        </button>
        {error !== undefined && <span class="error-text">{error}</span>}
      </div>

      <Section title={`Responses (${responses.length})`} testId="responses">
        <div class="charts">
          {results.map((r) => (
            <QuestionChart key={r.key} result={r} />
          ))}
        </div>
        <div class="row-end">
          <button type="button" data-testid="export-csv" disabled={responses.length === 0} onClick={exportCsv}>
            Export CSV
          </button>
        </div>
        <div class="table-wrap">
          <table class="grid" data-testid="responses-table">
            <thead>
              <tr>
                <th>Completed</th>
                <th>Phone</th>
                {keys.map((k) => (
                  <th key={k}>{questions.find((q) => q.key === k)?.label ?? k}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {responses.map((r) => (
                <tr key={r.session_id}>
                  <td>{fmt(r.completed_at)}</td>
                  <td>+{r.wa_id}</td>
                  {keys.map((k) => {
                    const files = mediaFiles(r.response_json[k]);
                    return <td key={k}>{files === undefined ? titleOf(k, r.response_json[k]) : <MediaCell files={files} />}</td>;
                  })}
                </tr>
              ))}
              {responses.length === 0 && (
                <tr>
                  <td colSpan={keys.length + 2} class="muted">
                    No completed responses yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </Section>

      <Section title="Endpoint health" testId="health">
        {health === undefined ? (
          <p class="muted">No health report.</p>
        ) : health.endpoint_uri === null ? (
          <p class="muted">This flow has no endpoint.</p>
        ) : (
          <div class="health">
            <p>
              <code>{health.endpoint_uri}</code> · flow {health.status}
            </p>
            <p class="muted">
              {health.metrics.requests_count} requests · {health.metrics.error_count} errors · p50 {health.metrics.p50_latency ?? '—'} ms · p90 {health.metrics.p90_latency ?? '—'} ms
              {health.metrics.availability === null ? '' : ` · availability ${health.metrics.availability.toFixed(1)}%`}
            </p>
            <button type="button" data-testid="run-check" disabled={checking} onClick={() => void runCheck()}>
              {checking ? 'Checking…' : 'Run check'}
            </button>
            {health.last_check !== null && (
              <div class={`diagnosis ${health.last_check.ok ? 'is-ok' : 'is-bad'}`} data-testid="diagnosis">
                <b>{health.last_check.ok ? 'Healthy' : 'Unhealthy'}</b> · {health.last_check.result}
                {health.last_check.http_status === null ? '' : ` · HTTP ${health.last_check.http_status}`}
                {health.last_check.latency_ms === null ? '' : ` · ${Math.round(health.last_check.latency_ms)} ms`}
                {health.last_check.message === undefined ? null : <div>{health.last_check.message}</div>}
              </div>
            )}
          </div>
        )}
      </Section>

      <Section title={`Sessions and endpoint requests (${sessions.length})`} testId="endpoint-log">
        {sessions.length === 0 && <p class="muted">No sessions of this flow yet.</p>}
        {sessions.map((s) => {
          const d = details[s.id];
          return (
            <details key={s.id} class="session" open={typeof d === 'object' && d.exchanges.length > 0}>
              <summary>
                <code>{s.id}</code> · +{s.wa_id} · <span class={`pill ${s.status === 'completed' ? 'ok' : s.status === 'error' ? 'bad' : ''}`}>{s.status}</span> · {fmt(s.created_at)}
                {s.error === null ? '' : ` · ${s.error.message}`}
              </summary>
              {typeof d === 'string' ? (
                <p class="muted">{d}</p>
              ) : d === undefined ? null : d.exchanges.length === 0 ? (
                <p class="muted">No endpoint requests (a flow without data_exchange).</p>
              ) : (
                <table class="grid" data-testid="exchanges">
                  <thead>
                    <tr>
                      <th>#</th>
                      <th>Action</th>
                      <th>Screen</th>
                      <th>Status</th>
                      <th>Latency</th>
                      <th>Request / response (decrypted)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.exchanges.map((x, i) => (
                      <tr key={i} data-action={x.action} data-status={x.status}>
                        <td>{i + 1}</td>
                        <td>{x.action}</td>
                        <td>{x.screen ?? ''}</td>
                        <td>
                          <span class={`pill ${x.status === 200 && x.error === undefined ? 'ok' : 'bad'}`}>{x.status === 0 ? 'no answer' : x.status}</span>
                          {x.error === undefined ? '' : ` ${x.error}`}
                        </td>
                        <td>{x.latency_ms} ms</td>
                        <td>
                          {x.request === undefined && x.response === undefined ? (
                            <span class="muted">not recorded</span>
                          ) : (
                            <pre class="payload">{JSON.stringify({ request: x.request, response: x.response }, null, 2)}</pre>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </details>
          );
        })}
      </Section>

      <Section title={`Webhook deliveries (${deliveries.length})`} testId="webhooks">
        {deliveries.length === 0 ? (
          <p class="muted">No webhooks sent (start the sandbox with a webhook URL to receive them).</p>
        ) : (
          <table class="grid" data-testid="deliveries">
            <thead>
              <tr>
                <th>Created</th>
                <th>Kind</th>
                <th>URL</th>
                <th>Status</th>
                <th>Attempts</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} data-status={d.status} data-kind={d.kind}>
                  <td>{fmt(d.created_at)}</td>
                  <td>{d.kind}</td>
                  <td>
                    <code>{d.url}</code>
                  </td>
                  <td>
                    <span class={`pill ${d.status === 'delivered' ? 'ok' : d.status === 'pending' ? 'warn' : 'bad'}`}>{d.status}</span>
                    {d.next_attempt_at === null || d.status !== 'pending' ? '' : ` next ${fmt(d.next_attempt_at)}`}
                  </td>
                  <td>
                    {d.attempts.map((a) => (
                      <div key={a.attempt} class="attempt" data-attempt-status={a.status ?? 0}>
                        #{a.attempt} {a.status ?? 'no answer'} {a.latency_ms === null ? '' : `${a.latency_ms} ms`} {a.error ?? ''}
                      </div>
                    ))}
                  </td>
                  <td>
                    <button type="button" onClick={() => void postJson(`/_sandbox/webhooks/deliveries/${encodeURIComponent(d.id)}/redeliver`).then(() => load(), fail)}>
                      Redeliver
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
