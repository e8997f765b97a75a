// The flow builder: the Flow JSON editor with the validator's diagnostics as you type (the
// platform's checks and the design-guidance lints; safe fixes once typing pauses), a version
// switch, the live phone preview beside it, open/save/publish through the sandbox's Flows API, and
// an interactive run with a flow token and initial data (in the page, or through the sandbox so a
// flow's endpoint is really called). Ctrl/⌘-S saves, Ctrl/⌘-Enter checks and previews the screen
// at the cursor (shortcuts.ts); the help line under the editor lists its keys.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { FLOW_JSON_VERSIONS, fixFlow, validateFlow } from '../../../src/flow-json/index.js';
import type { Diagnostic, Fix, FlowJsonVersion, Position, ValidateOptions } from '../../../src/flow-json/index.js';
import feedbackForm from '../../../examples/feedback-form.json?raw';
import { api, postJson } from '../api.js';
import type { FlowSummary, ValidationError } from '../api.js';
import { galleryStart } from '../gallery/open.js';
import { remoteDriver } from '../inbox/remote.js';
import type { SessionWire } from '../inbox/remote.js';
import type { PhoneDriver, PhoneState } from '../phone/driver.js';
import { FlowSheet, PhoneFrame } from '../phone/Phone.js';
import { Diagnostics } from './Diagnostics.js';
import type { EditorHandle } from './Editor.js';
import { applyFix, fixStart, useFixes } from './fixes.js';
import { pathAt } from './json-scan.js';
import { LazyEditor } from './LazyEditor.js';
import { offsetOf } from './position.js';
import { useShortcuts } from './shortcuts.js';
import { usePreview } from './usePreview.js';
import { ModeSwitch, type BuilderMode } from './visual/ModeSwitch.js';
import { Visual } from './visual/Visual.js';
import './builder.css';

/** The simulated phone the builder's sandbox runs go to. */
export const PREVIEW_WA_ID = '15550009999';

function parse(text: string): { flow?: unknown; error?: string } {
  try {
    return { flow: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `The Flow JSON does not parse: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function screenIds(flow: unknown): string[] {
  const screens = (flow as { screens?: { id?: unknown }[] } | undefined)?.screens;
  return Array.isArray(screens) ? screens.map((s) => s?.id).filter((id): id is string => typeof id === 'string') : [];
}

interface Saved {
  id: string;
  name: string;
  status: string;
  errors: ValidationError[];
}

interface Interactive {
  flowToken: string;
  dataText: string;
  screen: string;
  viaSandbox: boolean;
}

export function Builder() {
  // `/builder?gallery=<id>` opens a gallery flow instead of the seed's form (gallery/open.ts).
  const [opened] = useState(() => galleryStart(location.search));
  const [text, setText] = useState(opened.text ?? feedbackForm);
  const [version, setVersion] = useState<FlowJsonVersion | ''>('');
  const [mode, setMode] = useState<BuilderMode>('code');
  const [cursor, setCursor] = useState({ line: 1, column: 1 });
  const [name, setName] = useState(opened.name ?? 'feedback_form');
  const [endpoint, setEndpoint] = useState('');
  const [saved, setSaved] = useState<Saved | undefined>(undefined);
  const [flows, setFlows] = useState<FlowSummary[] | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(opened.note);
  const [inter, setInter] = useState<Interactive>({ flowToken: 'flow-token-preview', dataText: '{}', screen: '', viaSandbox: false });
  const [run, setRun] = useState<{ screen?: string; data?: Record<string, unknown> } | undefined>(undefined);
  const [remote, setRemote] = useState<{ state: PhoneState; driver: PhoneDriver; wire: SessionWire } | undefined>(undefined);
  const editor = useRef<EditorHandle | null>(null);
  /** Where to put the cursor once the editor shows a fixed text. */
  const jumpAfterFix = useRef<Position | undefined>(undefined);

  const parsed = useMemo(() => parse(text), [text]);
  // Every keystroke validates without fixes (milliseconds); the same validation with fixes comes
  // from useFixes once typing pauses, and replaces it only while it is for this very text.
  const options = useMemo<ValidateOptions>(() => ({ style: true, ...(version === '' ? {} : { version }) }), [version]);
  const checked = useMemo(() => validateFlow(text, options), [text, options]);
  const fixes = useFixes(text, options);
  const result = fixes.result ?? checked;
  const preview = usePreview({
    flow: parsed.flow,
    ...(parsed.error === undefined ? {} : { parseError: parsed.error }),
    ...(version === '' ? {} : { version }),
    ...(run === undefined ? {} : { start: run, flowToken: inter.flowToken }),
    enabled: remote === undefined,
  });

  const pick = (d: Diagnostic): void => {
    if (d.range !== undefined) editor.current?.jumpTo(d.range.start.line, d.range.start.column);
  };

  useEffect(() => {
    const at = jumpAfterFix.current;
    jumpAfterFix.current = undefined;
    if (at !== undefined) editor.current?.jumpTo(at.line, at.column);
  }, [text]);

  const fixOne = (d: Diagnostic, fix: Fix): void => {
    const fixed = applyFix(text, d, fix);
    if (fixed === undefined) {
      setMessage({ kind: 'error', text: `Could not apply "${fix.title}" to the current text.` });
      return;
    }
    jumpAfterFix.current = fixStart(fix);
    setText(fixed);
    setMessage({ kind: 'ok', text: `Applied: ${fix.title}.` });
  };

  const fixAll = (): void => {
    const out = fixFlow(text, options);
    if (out.applied === 0) {
      setMessage({ kind: 'error', text: 'No fix could be applied.' });
      return;
    }
    // fixFlow validated the fixed text with fixes already: no need to compute them again.
    fixes.remember(out.text, out.result);
    setText(out.text);
    setMessage({ kind: 'ok', text: `Applied ${out.applied} fix${out.applied === 1 ? '' : 'es'}.` });
  };

  const act = async (label: string, work: () => Promise<void>): Promise<void> => {
    setBusy(label);
    setMessage(undefined);
    try {
      await work();
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(undefined);
    }
  };

  const save = () =>
    act('Saving', async () => {
      let id = saved?.id;
      if (id === undefined) {
        id = (await api.createFlow({ name, categories: ['OTHER'], ...(endpoint === '' ? {} : { endpoint_uri: endpoint }) })).id;
      } else if (endpoint !== '') {
        await api.updateFlow(id, { endpoint_uri: endpoint });
      }
      const upload = await api.uploadFlowJson(id, text);
      const flow = await api.getFlow(id);
      setSaved({ id, name: flow.name, status: flow.status, errors: upload.validation_errors });
      // FLOW_JSON_WARNING entries are listed but block nothing (api/contract/flows.ts).
      const errors = upload.validation_errors.filter((e) => e.error_type !== 'FLOW_JSON_WARNING').length;
      const warnings = upload.validation_errors.length - errors;
      setMessage(
        errors === 0
          ? { kind: 'ok', text: `Saved flow ${id} (${flow.status})${warnings === 0 ? '' : `, with ${warnings} warning(s)`}.` }
          : { kind: 'error', text: `Saved flow ${id}, but the sandbox reports ${errors} validation error(s).` },
      );
    });

  const publish = () =>
    act('Publishing', async () => {
      if (saved === undefined) throw new Error('Save the flow before publishing it.');
      await api.publishFlow(saved.id);
      const flow = await api.getFlow(saved.id);
      setSaved({ ...saved, status: flow.status });
      setMessage({ kind: 'ok', text: `Flow ${saved.id} is ${flow.status}.` });
    });

  const openList = () =>
    act('Loading', async () => {
      setFlows((await api.listFlows()).data);
    });

  const open = (flow: FlowSummary) =>
    act('Opening', async () => {
      // Graph's list has no endpoint_uri: the flow itself has it.
      const [json, details] = await Promise.all([api.flowJson(flow.id), api.getFlow(flow.id)]);
      setText(`${JSON.stringify(json, null, 2)}\n`);
      setName(details.name);
      setEndpoint(details.endpoint_uri ?? '');
      setSaved({ id: details.id, name: details.name, status: details.status, errors: details.validation_errors ?? flow.validation_errors ?? [] });
      setFlows(undefined);
      setRun(undefined);
    });

  const startInteractive = () =>
    act('Starting', async () => {
      let data: Record<string, unknown>;
      try {
        const value = JSON.parse(inter.dataText === '' ? '{}' : inter.dataText) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
        data = value as Record<string, unknown>;
      } catch {
        throw new Error('The initial data must be a JSON object, e.g. {"name": "Ana"}.');
      }
      if (!inter.viaSandbox) {
        setRemote(undefined);
        setRun({ ...(inter.screen === '' ? {} : { screen: inter.screen }), data });
        return;
      }
      if (saved === undefined) throw new Error('Save the flow first: a run through the sandbox opens the saved flow.');
      const viaEndpoint = endpoint !== '' && inter.screen === '';
      const sent = await api.sendMessage({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: PREVIEW_WA_ID,
        type: 'interactive',
        interactive: {
          type: 'flow',
          body: { text: `Preview of ${saved.name}` },
          action: {
            name: 'flow',
            parameters: {
              flow_message_version: '3',
              flow_token: inter.flowToken,
              flow_id: saved.id,
              flow_cta: 'Open',
              mode: saved.status === 'DRAFT' ? 'draft' : 'published',
              flow_action: viaEndpoint ? 'data_exchange' : 'navigate',
              ...(viaEndpoint ? {} : { flow_action_payload: { screen: inter.screen || (screenIds(parsed.flow)[0] ?? ''), ...(Object.keys(data).length === 0 ? {} : { data }) } }),
            },
          },
        },
      });
      const messageId = sent.messages[0]?.id ?? '';
      const opened = await postJson<{ session: SessionWire }>(`/_sandbox/phones/${PREVIEW_WA_ID}/messages/${encodeURIComponent(messageId)}/open`);
      const flowVersion = version !== '' ? version : String((parsed.flow as { version?: unknown }).version ?? '7.3');
      const driver = remoteDriver(
        opened.session,
        flowVersion,
        (state, wire) => setRemote((r) => (r === undefined ? r : { ...r, state, wire })),
        () => setRemote(undefined),
      );
      setRemote({ state: { status: opened.session.status, screen: opened.session.screen, depth: opened.session.history.length, version: flowVersion, pending: false }, driver, wire: opened.session });
    });

  /** Ctrl/⌘-Enter: the validator's count in the status line, and the screen at the cursor on the phone. */
  const checkAndPreview = (): void => {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    const path = pathAt(text, offsetOf(text, cursor.line, cursor.column));
    const screen = path[0] === 'screens' && typeof path[1] === 'number' ? screenIds(parsed.flow)[path[1]] : undefined;
    const live = remote === undefined && run === undefined;
    if (live && screen !== undefined && preview.state !== undefined) preview.goTo(screen);
    const found = result.diagnostics.length === 0 ? 'No problems' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (F8: next one)`;
    setMessage({ kind: errors === 0 ? 'ok' : 'error', text: `${found}${live && screen !== undefined ? `; previewing ${screen}` : ''}.` });
  };
  useShortcuts({ save: () => busy === undefined && void save(), check: checkAndPreview });

  const phoneState = remote?.state ?? preview.state;
  const phoneDriver = remote?.driver ?? preview.driver;
  const ids = screenIds(parsed.flow);

  return (
    <div class="builder">
      <section class="builder-left">
        <div class="toolbar">
          <input class="tb-name" aria-label="Flow name" value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
          <input class="tb-endpoint" aria-label="Endpoint URI" placeholder="endpoint_uri (optional)" value={endpoint} onInput={(e) => setEndpoint((e.currentTarget as HTMLInputElement).value)} />
          <label class="tb-version">
            Version{' '}
            <select data-testid="version-select" value={version} onChange={(e) => setVersion((e.currentTarget as HTMLSelectElement).value as FlowJsonVersion | '')}>
              <option value="">as written{result.version === undefined ? '' : ` (${result.version})`}</option>
              {FLOW_JSON_VERSIONS.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void openList()} disabled={busy !== undefined}>
            Open…
          </button>
          <button type="button" data-testid="save" title="Save to the sandbox (Ctrl+S / ⌘S)" aria-keyshortcuts="Control+S Meta+S" onClick={() => void save()} disabled={busy !== undefined}>
            {saved === undefined ? 'Save to sandbox' : 'Save'}
          </button>
          <button type="button" data-testid="publish" onClick={() => void publish()} disabled={busy !== undefined || saved === undefined || saved.status !== 'DRAFT'}>
            Publish
          </button>
        </div>
        {flows !== undefined && (
          <div class="flow-picker">
            {flows.length === 0 ? <em>No flows in the sandbox yet.</em> : null}
            {flows.map((f) => (
              <button type="button" key={f.id} onClick={() => void open(f)}>
                {f.name} <small>{f.status}</small>
              </button>
            ))}
            <button type="button" onClick={() => setFlows(undefined)}>
              Cancel
            </button>
          </div>
        )}
        {(busy !== undefined || message !== undefined || saved !== undefined) && (
          <div class={`status-line ${message?.kind === 'error' ? 'is-error' : ''}`} data-testid="builder-status" role="status">
            {busy !== undefined ? `${busy}…` : message?.text}
            {saved !== undefined && busy === undefined && (
              <span class="saved-tag">
                {saved.id} · {saved.status}
              </span>
            )}
          </div>
        )}
        {saved !== undefined && saved.errors.length > 0 && (
          <ul class="server-errors" data-testid="server-errors">
            {saved.errors.map((e, i) => (
              <li key={i}>
                <button type="button" onClick={() => e.line_start !== undefined && editor.current?.jumpTo(e.line_start, e.column_start ?? 1)}>
                  <b>{e.error_type === 'FLOW_JSON_WARNING' ? `warning ${e.error}` : e.error}</b> {e.message} {e.line_start === undefined ? '' : `(line ${e.line_start})`}
                </button>
              </li>
            ))}
          </ul>
        )}
        <ModeSwitch mode={mode} onChange={setMode} />
        {mode === 'visual' ? (
          <Visual text={text} version={version === '' ? undefined : version} onChange={setText} onScreen={(id) => remote === undefined && run === undefined && preview.goTo(id)} />
        ) : (
          <LazyEditor text={text} diagnostics={result.diagnostics} version={version === '' ? undefined : version} onChange={setText} onCursor={setCursor} onFix={fixOne} handle={editor} describedBy="editor-keys" />
        )}
        <div class="ed-foot" hidden={mode === 'visual'}>
          <p class="ed-keys" id="editor-keys">
            <kbd>Ctrl/⌘ S</kbd> save · <kbd>Ctrl/⌘ Enter</kbd> check and preview the screen at the cursor · <kbd>Ctrl Space</kbd> complete · <kbd>F8</kbd> next problem · <kbd>Ctrl/⌘ Shift M</kbd> problems and fixes · <kbd>Ctrl/⌘ F</kbd> search · <kbd>Esc</kbd> then <kbd>Tab</kbd> leaves the editor
          </p>
          <div class="cursor-pos" data-testid="cursor">
            Ln {cursor.line}, Col {cursor.column}
          </div>
        </div>
        <Diagnostics diagnostics={result.diagnostics} onPick={pick} onFix={fixOne} onFixAll={fixAll} />
      </section>
      <section class="builder-right">
        <label class="preview-jump">
          Preview screen{' '}
          <select
            data-testid="preview-screen"
            value={remote === undefined && run === undefined ? (phoneState?.screen.id ?? '') : ''}
            disabled={remote !== undefined || run !== undefined}
            onChange={(e) => preview.goTo((e.currentTarget as HTMLSelectElement).value)}
          >
            {ids.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <PhoneFrame testId="builder-phone">
          <div class="chat-bg" />
          {phoneState !== undefined && phoneDriver !== undefined && preview.problem === undefined ? (
            <FlowSheet state={phoneState} driver={phoneDriver} source={parsed.flow} businessName="your business" />
          ) : (
            <div class="preview-problem" data-testid="preview-problem">
              {preview.problem ?? 'Starting the preview…'}
            </div>
          )}
        </PhoneFrame>
        {preview.completion !== undefined && remote === undefined && (
          <pre class="completion" data-testid="preview-completion">
            {JSON.stringify(preview.completion, null, 2)}
          </pre>
        )}
        <details class="interactive" open={run !== undefined || remote !== undefined}>
          <summary>Interactive run</summary>
          <label>
            Flow token
            <input data-testid="flow-token" value={inter.flowToken} onInput={(e) => setInter({ ...inter, flowToken: (e.currentTarget as HTMLInputElement).value })} />
          </label>
          <label>
            First screen
            <select value={inter.screen} onChange={(e) => setInter({ ...inter, screen: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">entry screen{endpoint === '' ? '' : ' (INIT through the endpoint)'}</option>
              {ids.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
          <label>
            Initial data (JSON)
            <textarea rows={3} data-testid="initial-data" value={inter.dataText} onInput={(e) => setInter({ ...inter, dataText: (e.currentTarget as HTMLTextAreaElement).value })} />
          </label>
          <label class="check">
            <input type="checkbox" checked={inter.viaSandbox} disabled={saved === undefined} onChange={(e) => setInter({ ...inter, viaSandbox: (e.currentTarget as HTMLInputElement).checked })} />
            Through the sandbox (calls the endpoint with real encryption)
          </label>
          <div class="row">
            <button type="button" data-testid="run-interactive" onClick={() => void startInteractive()} disabled={busy !== undefined}>
              Run
            </button>
            <button
              type="button"
              disabled={run === undefined && remote === undefined}
              onClick={() => {
                setRun(undefined);
                setRemote(undefined);
              }}
            >
              Back to live preview
            </button>
          </div>
        </details>
      </section>
    </div>
  );
}
