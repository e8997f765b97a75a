// Test scripts: a JSON array of steps a person takes (see README-script.md), checked up front
// and then run on a FlowTester, producing a transcript of what each step left on screen.
import type { ComponentSummary, FieldErrorSummary, FooterSummary } from './view.js';
import type { FlowTester } from './flow-tester.js';

export type ScriptStep =
  | { fill: Record<string, unknown> }
  | { pick: Record<string, string> }
  | { check: Record<string, string[]> }
  | { uncheck: Record<string, string[]> }
  | { toggle: string[] }
  | { tap: string | null }
  | { back: true }
  | { expect: ScriptExpectation };

export interface ScriptExpectation {
  screen?: string;
  /** Partial match against the completion's response_json. */
  completion?: Record<string, unknown>;
  /** Partial match of field values by name or label. */
  fields?: Record<string, unknown>;
}

export const STEP_KINDS = ['fill', 'pick', 'check', 'uncheck', 'toggle', 'tap', 'back', 'expect'] as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a parsed script; the message names the step (1-based) and what is wrong with it. */
export function parseScript(value: unknown): { ok: true; steps: ScriptStep[] } | { ok: false; message: string } {
  if (!Array.isArray(value)) return { ok: false, message: 'the script must be a JSON array of steps, e.g. [{ "fill": { "email": "a@b.co" } }, { "tap": null }]' };
  const steps: ScriptStep[] = [];
  for (const [index, raw] of value.entries()) {
    const parsed = parseStep(raw);
    if (typeof parsed === 'string') return { ok: false, message: `step ${index + 1}: ${parsed}` };
    steps.push(parsed);
  }
  return { ok: true, steps };
}

function parseStep(raw: unknown): ScriptStep | string {
  if (!isObject(raw)) return `must be an object with one of ${STEP_KINDS.join(', ')}`;
  const keys = Object.keys(raw);
  if (keys.length !== 1) return `must have exactly one key (one of ${STEP_KINDS.join(', ')}), found ${keys.length === 0 ? 'none' : keys.join(', ')}`;
  const kind = keys[0] as string;
  const arg = raw[kind];
  switch (kind) {
    case 'fill':
      if (!isObject(arg) || Object.keys(arg).length === 0) return '"fill" takes an object of field name or label to value, e.g. { "email": "a@b.co" }';
      return { fill: arg };
    case 'pick': {
      if (!isObject(arg) || Object.keys(arg).length === 0) return '"pick" takes an object of field to option id or title, e.g. { "seats": "2" }';
      for (const [field, option] of Object.entries(arg)) if (typeof option !== 'string') return `"pick" option for "${field}" must be a string (an option id or title)`;
      return { pick: arg as Record<string, string> };
    }
    case 'check':
    case 'uncheck': {
      if (!isObject(arg) || Object.keys(arg).length === 0) return `"${kind}" takes an object of field to option ids or titles, e.g. { "extras": ["helmet"] }`;
      const out: Record<string, string[]> = {};
      for (const [field, options] of Object.entries(arg)) {
        const list = typeof options === 'string' ? [options] : options;
        if (!Array.isArray(list) || list.length === 0 || !list.every((o) => typeof o === 'string')) return `"${kind}" options for "${field}" must be a string or a non-empty array of strings`;
        out[field] = list as string[];
      }
      return kind === 'check' ? { check: out } : { uncheck: out };
    }
    case 'toggle': {
      const list = typeof arg === 'string' ? [arg] : arg;
      if (!Array.isArray(list) || list.length === 0 || !list.every((n) => typeof n === 'string' && n !== '')) return '"toggle" takes an OptIn name or label, or an array of them';
      return { toggle: list as string[] };
    }
    case 'tap':
      if (arg !== null && (typeof arg !== 'string' || arg === '')) return '"tap" takes a label or name, or null for the Footer';
      return { tap: arg };
    case 'back':
      if (arg !== true) return '"back" takes true';
      return { back: true };
    case 'expect':
      return parseExpectation(arg);
    default:
      return `unknown step "${kind}"; steps are ${STEP_KINDS.join(', ')}`;
  }
}

function parseExpectation(arg: unknown): ScriptStep | string {
  const allowed = ['screen', 'completion', 'fields'];
  if (!isObject(arg) || Object.keys(arg).length === 0) return '"expect" takes an object with screen, completion and/or fields';
  const unknown = Object.keys(arg).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) return `"expect" does not know ${unknown.map((k) => `"${k}"`).join(', ')}; use ${allowed.join(', ')}`;
  const expectation: ScriptExpectation = {};
  if (arg.screen !== undefined) {
    if (typeof arg.screen !== 'string' || arg.screen === '') return '"expect.screen" must be a screen id';
    expectation.screen = arg.screen;
  }
  if (arg.completion !== undefined) {
    if (!isObject(arg.completion)) return '"expect.completion" must be an object (matched partially)';
    expectation.completion = arg.completion;
  }
  if (arg.fields !== undefined) {
    if (!isObject(arg.fields)) return '"expect.fields" must be an object of field name or label to value';
    expectation.fields = arg.fields;
  }
  return { expect: expectation };
}

export interface TranscriptStep {
  /** 1-based; 0 is the first screen, before any step. */
  step: number;
  action: string;
  input?: unknown;
  screen: string;
  components: { type: string; name?: string; label?: string; value?: unknown }[];
  errors: FieldErrorSummary[];
  footer: FooterSummary | undefined;
  /** Why the step failed. */
  error?: string;
}

export interface Transcript {
  ok: boolean;
  steps: TranscriptStep[];
  /** The step that failed, when one did. */
  failedStep?: number;
  completion: Record<string, unknown> | null;
  exchanges: { action: string; screen?: string; status: number; latencyMs: number }[];
}

function stepKind(step: ScriptStep): string {
  return Object.keys(step)[0] as string;
}

function brief(component: ComponentSummary): TranscriptStep['components'][number] {
  const out: TranscriptStep['components'][number] = { type: component.type };
  if (component.name !== undefined) out.name = component.name;
  if (component.label !== undefined) out.label = component.label;
  if (component.value !== undefined) out.value = component.value;
  return out;
}

export function transcriptEntry(tester: FlowTester, step: number, action: string, input?: unknown): TranscriptStep {
  const snap = tester.snapshot();
  const entry: TranscriptStep = { step, action, screen: snap.screen, components: snap.components.map(brief), errors: snap.errors, footer: snap.footer };
  if (input !== undefined) entry.input = input;
  return entry;
}

async function runStep(tester: FlowTester, step: ScriptStep): Promise<void> {
  if ('fill' in step) for (const [field, value] of Object.entries(step.fill)) await tester.fill(field, value);
  else if ('pick' in step) for (const [field, option] of Object.entries(step.pick)) await tester.pick(field, option);
  else if ('check' in step) for (const [field, options] of Object.entries(step.check)) await tester.check(field, ...options);
  else if ('uncheck' in step) for (const [field, options] of Object.entries(step.uncheck)) await tester.uncheck(field, ...options);
  else if ('toggle' in step) for (const field of step.toggle) await tester.toggle(field);
  else if ('tap' in step) await tester.tap(step.tap);
  else if ('back' in step) await tester.back();
  else {
    const { screen, completion, fields } = step.expect;
    if (screen !== undefined) tester.expectScreen(screen);
    for (const [field, value] of Object.entries(fields ?? {})) tester.expectField(field, value);
    if (completion !== undefined) tester.expectCompletion(completion);
  }
}

/** Runs every step, stopping at the first that fails; the transcript says which and why. */
export async function runScript(tester: FlowTester, steps: readonly ScriptStep[]): Promise<Transcript> {
  const entries: TranscriptStep[] = [transcriptEntry(tester, 0, 'start')];
  let failedStep: number | undefined;
  for (const [index, step] of steps.entries()) {
    const kind = stepKind(step);
    const input = (step as Record<string, unknown>)[kind];
    try {
      await runStep(tester, step);
      entries.push(transcriptEntry(tester, index + 1, kind, input));
    } catch (error) {
      const entry = transcriptEntry(tester, index + 1, kind, input);
      entry.error = error instanceof Error ? error.message : String(error);
      entries.push(entry);
      failedStep = index + 1;
      break;
    }
  }
  const transcript: Transcript = {
    ok: failedStep === undefined,
    steps: entries,
    completion: tester.completion ?? null,
    exchanges: tester.exchanges.map((e) => ({ action: e.action, ...(e.screen !== undefined ? { screen: e.screen } : {}), status: e.status, latencyMs: Math.round(e.latencyMs * 10) / 10 })),
  };
  if (failedStep !== undefined) transcript.failedStep = failedStep;
  return transcript;
}
