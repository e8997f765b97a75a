// Turns stored completions into per-question results. The questions come from the Flow JSON: each
// key of the `complete` payload is traced to the field it reads (`${form.x}` on that screen,
// `${screen.S.form.x}` on screen S, or `${data.x}` back through the navigate payload that carried
// it), which gives its label and the option titles to count by. A picker's answer is a list of
// Cloud API media (`{ file_name, mime_type, sha256, id }`), shown and exported by file name.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Question {
  key: string;
  label: string;
  /** Option id → title, for selection fields. */
  options?: { id: string; title: string }[];
}

export interface QuestionResult extends Question {
  /** Per option (selection fields): how many responses chose it. */
  counts?: { id: string; title: string; count: number }[];
  /** Free-text answers (non-empty), newest last. */
  texts?: string[];
  answered: number;
}

interface Field {
  label: string;
  options?: { id: string; title: string }[];
}

function fieldsOf(screen: Json): Map<string, Field> {
  const out = new Map<string, Field>();
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const n of nodes) {
      if (!isObject(n)) continue;
      if (typeof n.name === 'string' && n.type !== 'Form') {
        const source = n['data-source'];
        const options = Array.isArray(source) ? source.filter(isObject).map((o) => ({ id: String(o.id), title: String(o.title ?? o.id) })) : undefined;
        const label = typeof n.label === 'string' ? n.label : typeof n.text === 'string' ? n.text : n.name;
        out.set(n.name, { label, ...(options === undefined ? {} : { options }) });
      }
      walk(n.children);
      walk(n.then);
      walk(n.else);
      if (isObject(n.cases)) for (const c of Object.values(n.cases)) walk(c);
    }
  };
  walk(isObject(screen.layout) ? screen.layout.children : undefined);
  return out;
}

/** Every action object in a screen (footer, links, selections), with the screen it sits on. */
function actionsOf(screen: Json): Json[] {
  const out: Json[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('on-') && key.endsWith('-action') && isObject(value)) out.push(value);
      else walk(value);
    }
  };
  walk(screen.layout);
  return out;
}

const FORM_REF = /^\$\{form\.([\w-]+)\}$/;
const DATA_REF = /^\$\{data\.([\w-]+)\}$/;
/** A global reference to another screen's field (Flow JSON 4.0+). */
const SCREEN_FORM_REF = /^\$\{screen\.([\w-]+)\.form\.([\w-]+)\}$/;

/** The questions a flow's completion answers, in payload order. */
export function questionsOf(flow: unknown): Question[] {
  const screens = isObject(flow) && Array.isArray(flow.screens) ? flow.screens.filter(isObject) : [];
  const fields = new Map(screens.map((s) => [String(s.id), fieldsOf(s)]));
  // Where a screen's data key came from: a form field on the screen that navigated to it.
  const carried = new Map<string, Field>();
  for (const s of screens) {
    for (const action of actionsOf(s)) {
      const next = isObject(action.next) ? action.next.name : undefined;
      if (action.name !== 'navigate' || typeof next !== 'string' || !isObject(action.payload)) continue;
      for (const [key, expr] of Object.entries(action.payload)) {
        const m = typeof expr === 'string' ? FORM_REF.exec(expr) : null;
        const field = m === null ? undefined : fields.get(String(s.id))?.get(m[1] ?? '');
        if (field !== undefined) carried.set(`${next}.${key}`, field);
      }
    }
  }
  const out: Question[] = [];
  const seen = new Set<string>();
  for (const s of screens) {
    for (const action of actionsOf(s)) {
      if (action.name !== 'complete' || !isObject(action.payload)) continue;
      for (const [key, expr] of Object.entries(action.payload)) {
        if (seen.has(key)) continue;
        seen.add(key);
        const text = typeof expr === 'string' ? expr : '';
        const form = FORM_REF.exec(text);
        const data = DATA_REF.exec(text);
        const global = SCREEN_FORM_REF.exec(text);
        const field =
          form !== null
            ? fields.get(String(s.id))?.get(form[1] ?? '')
            : data !== null
              ? carried.get(`${String(s.id)}.${data[1] ?? ''}`)
              : global !== null
                ? fields.get(global[1] ?? '')?.get(global[2] ?? '')
                : undefined;
        out.push({ key, label: field?.label ?? key, ...(field?.options === undefined ? {} : { options: field.options }) });
      }
    }
  }
  return out;
}

/** One file of a completion, as the response message carries it (Cloud API media). */
export interface MediaFile {
  file_name: string;
  mime_type: string;
  sha256?: string;
  id: string;
}

/** The value as a list of Cloud API media, or undefined when it is anything else. */
export function mediaFiles(value: unknown): MediaFile[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const ok = value.every((v) => isObject(v) && typeof v.id === 'string' && v.id !== '' && typeof v.file_name === 'string' && typeof v.mime_type === 'string');
  return ok ? (value as MediaFile[]) : undefined;
}

/** Where the app reads a completion's file (the sandbox's cookie-guarded media route). */
export function mediaHref(id: string): string {
  return `/_sandbox/ui/media/${encodeURIComponent(id)}`;
}

/** An answer as text: media by file name, strings as they are, anything else as JSON. */
export function answerText(value: unknown): string {
  if (value === undefined || value === null) return '';
  const files = mediaFiles(value);
  if (files !== undefined) return files.map((f) => f.file_name).join('; ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Counts per option and the free-text answers, per question; keys no question names are added as text. */
export function summarize(questions: readonly Question[], responses: readonly Json[]): QuestionResult[] {
  const all: Question[] = [...questions];
  for (const r of responses) for (const key of Object.keys(r)) if (key !== 'flow_token' && !all.some((q) => q.key === key)) all.push({ key, label: key });
  return all.map((q) => {
    const values = responses.map((r) => r[q.key]).filter((v) => v !== undefined && v !== null && v !== '');
    if (q.options !== undefined) {
      const counts = q.options.map((o) => ({ ...o, count: 0 }));
      for (const v of values.flatMap((x) => (Array.isArray(x) ? x : [x]))) {
        const hit = counts.find((c) => c.id === String(v));
        if (hit !== undefined) hit.count += 1;
        else counts.push({ id: String(v), title: String(v), count: 1 });
      }
      return { ...q, counts, answered: values.length };
    }
    return { ...q, texts: values.map(answerText), answered: values.length };
  });
}

/** CSV (RFC 4180) of the responses: when, who, the flow token, then one column per question key. */
export function toCsv(questions: readonly Question[], rows: readonly { wa_id: string; completed_at: string | null; response_json: Json }[]): string {
  const keys = questions.map((q) => q.key).filter((k) => k !== 'flow_token');
  for (const r of rows) for (const k of Object.keys(r.response_json)) if (k !== 'flow_token' && !keys.includes(k)) keys.push(k);
  const cell = (v: unknown): string => {
    const s = answerText(v);
    // A leading =, +, - or @ would run as a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [['completed_at', 'wa_id', 'flow_token', ...keys].map(cell).join(',')];
  for (const r of rows) lines.push([r.completed_at, r.wa_id, r.response_json.flow_token, ...keys.map((k) => r.response_json[k])].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
