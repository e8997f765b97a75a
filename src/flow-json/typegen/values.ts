// The TypeScript type of a value in an action's payload, as the endpoint or the webhook receives
// it: `${...}` strings are typed by the validator's own inference (flow-types.ts), so typegen and
// the validator never disagree about what `${form.x}` holds. A key is optional when the client may
// leave it out: the runtime drops values that resolve to nothing, as WhatsApp leaves untouched
// optional fields out of the payload (src/runtime/rules.ts).
import type { ExprType } from '../expressions/index.js';
import { inferType, toReference } from '../expressions/index.js';
import type { ReferenceNode } from '../expressions/index.js';
import { formFieldsOf, parseCached, typeEnvOf } from '../validate/flow-types.js';
import { isRecord } from '../validate/json-type.js';
import type { ActionNode, ComponentNode, FlowModel, ScreenNode } from '../validate/model.js';
import { ts, union } from './ts-type.js';
import type { TsField, TsType } from './ts-type.js';

/** Which action a payload belongs to: media fields arrive differently at the endpoint and in response_json. */
export type PayloadUse = 'data_exchange' | 'navigate' | 'complete';

interface Typed {
  readonly type: TsType;
  /** The key may be missing from what arrives. */
  readonly optional: boolean;
}

interface At {
  readonly model: FlowModel;
  readonly screen: ScreenNode;
  readonly action: ActionNode;
  readonly use: PayloadUse;
}

const MAX_DEPTH = 32;

/** A PhotoPicker/DocumentPicker file in a data_exchange payload (src/media/types.ts FlowMediaItem). */
const EXCHANGE_MEDIA: TsType = {
  kind: 'object',
  fields: [
    { name: 'media_id', type: ts.string, optional: false },
    { name: 'cdn_url', type: ts.string, optional: false },
    { name: 'file_name', type: ts.string, optional: false },
    {
      name: 'encryption_metadata',
      optional: false,
      type: {
        kind: 'object',
        fields: ['encrypted_hash', 'iv', 'encryption_key', 'hmac_key', 'plaintext_hash'].map((name) => ({ name, type: ts.string, optional: false })),
      },
    },
  ],
};

/** The same file in response_json, as Cloud API media (webhooks/media.ts). */
const RESPONSE_MEDIA: TsType = {
  kind: 'object',
  fields: ['file_name', 'mime_type', 'sha256', 'id'].map((name) => ({ name, type: ts.string, optional: false })),
};

const MEDIA_PICKERS = new Set(['PhotoPicker', 'DocumentPicker']);

/** An expression type as TypeScript: integers are numbers, a declaration without properties an open object. */
export function exprToTs(type: ExprType): TsType {
  switch (type.kind) {
    case 'string':
      return type.enum ? union(type.enum.map((value) => ({ kind: 'literal', value }))) : ts.string;
    case 'number':
    case 'integer':
      return ts.number;
    case 'boolean':
      return ts.boolean;
    case 'unknown':
      return ts.unknown;
    case 'array':
      return { kind: 'array', items: exprToTs(type.items) };
    case 'object': {
      const fields = Object.entries(type.fields).map(([name, t]) => ({ name, type: exprToTs(t), optional: false }));
      return fields.length === 0 && type.open ? { kind: 'object', fields: [], open: true } : { kind: 'object', fields, ...(type.open ? { open: true } : {}) };
    }
  }
}

/** The type of an action's `payload` object; an action without one sends `{}`. */
export function payloadType(model: FlowModel, screen: ScreenNode, action: ActionNode, use: PayloadUse): TsType {
  const payload = action.value['payload'];
  if (payload === undefined) return { kind: 'object', fields: [] };
  if (!isRecord(payload)) return { kind: 'object', fields: [], open: true };
  return objectType(payload, { model, screen, action, use }, 0);
}

function objectType(value: Readonly<Record<string, unknown>>, at: At, depth: number): TsType {
  const fields: TsField[] = [];
  for (const [name, v] of Object.entries(value)) {
    const typed = valueType(v, at, depth + 1);
    fields.push({ name, type: typed.type, optional: typed.optional });
  }
  return { kind: 'object', fields };
}

function valueType(value: unknown, at: At, depth: number): Typed {
  if (depth > MAX_DEPTH) return { type: ts.unknown, optional: true };
  if (typeof value === 'string') return value.includes('${') ? dynamicType(value, at) : { type: { kind: 'literal', value }, optional: false };
  if (typeof value === 'number' || typeof value === 'boolean') return { type: { kind: 'literal', value }, optional: false };
  if (Array.isArray(value)) {
    const items = value.map((v) => valueType(v, at, depth + 1).type);
    return { type: { kind: 'array', items: items.length === 0 ? ts.unknown : union(items) }, optional: false };
  }
  if (isRecord(value)) return { type: objectType(value, at, depth), optional: false };
  // null (Flows have no null type) or anything else the validator reports.
  return { type: ts.unknown, optional: true };
}

function dynamicType(source: string, at: At): Typed {
  const parsed = parseCached(at.model, source);
  if (!parsed.ok) return { type: ts.unknown, optional: true };
  const ast = parsed.value;
  if (ast.kind === 'static') return { type: { kind: 'literal', value: ast.text }, optional: false };
  if (ast.kind === 'expression' && ast.form === 'reference' && ast.expression.kind === 'reference') return referenceType(ast.expression, at);
  // Templates and nested expressions always evaluate to a value.
  return { type: exprToTs(inferType(ast, typeEnvOf(at.model, at.screen)).type), optional: false };
}

function referenceType(node: ReferenceNode, at: At): Typed {
  const resolved = typeEnvOf(at.model, at.screen).resolve(toReference(node));
  const type = resolved.ok ? exprToTs(resolved.type) : ts.unknown;
  // Another screen's values may not exist yet (spec: "value may be empty").
  const global = node.screen !== undefined;
  if (node.scope === 'data') return { type, optional: global };
  const owner = global ? at.model.screenById.get(node.screen) : at.screen;
  const name = node.path[0]?.key;
  const field = owner !== undefined && typeof name === 'string' && node.path.length === 1 ? formFieldsOf(owner).get(name) : undefined;
  if (field === undefined) return { type, optional: true };
  const media = MEDIA_PICKERS.has(field.type) && at.use !== 'navigate' ? { kind: 'array' as const, items: at.use === 'complete' ? RESPONSE_MEDIA : EXCHANGE_MEDIA } : undefined;
  return { type: media ?? type, optional: global || !alwaysSent(field, at.action) };
}

/**
 * Whether a form value is always in the payload: read by the input's own on-select-action, or a
 * required input that is always shown, read by a Footer (which stays disabled until required
 * inputs are filled). Anything else may be untouched, hidden, or in an If/Switch branch not taken.
 */
function alwaysSent(field: ComponentNode, action: ActionNode): boolean {
  // An input's own on-select-action fires with the value just chosen.
  if (action.component === field && action.property === 'on-select-action') return true;
  if (!requiresInput(field) || field.branches.length > 0) return false;
  const visible = field.value['visible'];
  return (visible === undefined || visible === true) && action.component?.type === 'Footer';
}

/** `required: true`, or a picker that needs at least one file (pickers have no `required`). */
function requiresInput(field: ComponentNode): boolean {
  const min = field.value[field.type === 'PhotoPicker' ? 'min-uploaded-photos' : 'min-uploaded-documents'];
  return field.value['required'] === true || (MEDIA_PICKERS.has(field.type) && typeof min === 'number' && min >= 1);
}
