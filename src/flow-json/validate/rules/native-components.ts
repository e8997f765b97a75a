import { FLOW_LIMITS } from '../../catalogue/index.js';
import { childPointer } from '../../diagnostics.js';
import { referenceNodes, toReference } from '../../expressions/index.js';
import { compareVersions } from '../../versions.js';
import { formFieldsOf, parseCached } from '../flow-types.js';
import { display, isRecord } from '../json-type.js';
import type { ActionNode, ComponentNode, FlowModel, ScreenNode } from '../model.js';
import type { Report, Rule } from '../rule.js';

const NATIVE = FLOW_LIMITS.mediaPickersPerScreen.types;
/** What follows an action's pointer for a value inside its payload. */
const PAYLOAD = '/payload/';

const MAX_PROPERTY: Readonly<Record<string, string>> = {
  PhotoPicker: 'max-uploaded-photos',
  DocumentPicker: 'max-uploaded-documents',
};

/**
 * Since 5.0 (changelog, Aug 2024) the response message carries up to 10 media files, 100 MB in all;
 * before, a complete payload held one picker allowing one file. Meta's error-code table still shows
 * only the older rule (flow-json.md §7.7 calls it the older docs). Our reading: below 5.0 the
 * one-picker, one-file rule; from 5.0 any pickers, as long as together they cannot hold more than
 * 10 files, counted from their max-uploaded-* (30 when unset). The 100 MB total depends on what is
 * picked, so the phone checks it when the flow completes, not the validator.
 */
const MULTI_MEDIA_RESPONSE_SINCE = '5.0';

/**
 * PhotoPicker and DocumentPicker values are media handles, not data: they cannot be initialised,
 * cannot travel in a navigate payload, must be a top-level string in complete / data_exchange
 * payloads, and a complete payload carries a limited number of files (see
 * MULTI_MEDIA_RESPONSE_SINCE). Meta's "Native Component Errors" and "On-click Action Errors":
 * developers.facebook.com/docs/whatsapp/flows/reference/error-codes and .../reference/media_upload
 */
export const nativeComponents: Rule = {
  id: 'native-components',
  codes: ['NATIVE_COMPONENT_IN_FORM_INIT_VALUES', 'INVALID_ON_CLICK_ACTION_PAYLOAD', 'COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN'],
  description: 'PhotoPicker and DocumentPicker values are used only where WhatsApp can carry media.',
  check({ model, report }) {
    for (const screen of model.screens) {
      checkInitValues(screen, report);
      checkPerScreen(screen, report);
      checkPayloads(model, screen, report);
    }
  },
};

function isNative(c: ComponentNode | undefined): c is ComponentNode {
  return c !== undefined && NATIVE.includes(c.type);
}

function checkInitValues(screen: ScreenNode, report: (r: Report) => void): void {
  const fields = formFieldsOf(screen);
  for (const form of screen.components) {
    if (form.type !== 'Form') continue;
    const init = form.value['init-values'];
    if (!isRecord(init)) continue;
    const natives = Object.keys(init).map((k) => fields.get(k)).filter(isNative);
    if (natives.length === 0) continue;
    const types = [...new Set(natives.map((c) => c.type))];
    report({
      code: 'NATIVE_COMPONENT_IN_FORM_INIT_VALUES',
      pointer: childPointer(form.pointer, 'init-values'),
      message: `Property 'init-values' should not contain values for components: [${types.join(', ')}]. Remove ${natives.map((c) => `'${display(c.value['name'])}'`).join(', ')}: media pickers always start empty.`,
    });
  }
}

function checkPerScreen(screen: ScreenNode, report: (r: Report) => void): void {
  const { max } = FLOW_LIMITS.mediaPickersPerScreen;
  const pickers = screen.components.filter((c) => NATIVE.includes(c.type));
  // Two of one type are component-limits' finding; this rule adds the mixed case.
  if (pickers.length <= max || new Set(pickers.map((c) => c.type)).size < 2) return;
  report({
    code: 'COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN',
    pointer: pickers[max]!.pointer,
    message: `You can only have a maximum of ${max} component of type ${NATIVE.join(' or ')} per screen; found ${pickers.length}. Move the others to their own screens.`,
  });
}

interface PickerUse {
  readonly picker: ComponentNode;
  readonly pointer: string;
  readonly topLevel: boolean;
}

function checkPayloads(model: FlowModel, screen: ScreenNode, report: (r: Report) => void): void {
  const uses = new Map<ActionNode, PickerUse[]>();
  for (const d of screen.dynamics) {
    const action = d.action;
    if (!action || !d.pointer.startsWith(action.pointer) || !d.pointer.startsWith(PAYLOAD, action.pointer.length)) continue;
    const parsed = parseCached(model, d.source);
    if (!parsed.ok) continue;
    const plain = parsed.value.kind === 'expression' && parsed.value.form === 'reference';
    const topLevel = plain && d.pointer.lastIndexOf('/') === action.pointer.length + PAYLOAD.length - 1;
    for (const node of referenceNodes(parsed.value)) {
      const ref = toReference(node);
      const first = ref.path[0];
      if (ref.scope !== 'form' || typeof first !== 'string') continue;
      const owner = ref.screen === undefined ? screen : model.screenById.get(ref.screen);
      const picker = owner ? formFieldsOf(owner).get(first) : undefined;
      if (!isNative(picker)) continue;
      const list = uses.get(action) ?? [];
      list.push({ picker, pointer: d.pointer, topLevel: topLevel && ref.path.length === 1 });
      uses.set(action, list);
    }
  }
  for (const [action, list] of uses) {
    if (action.name === 'navigate') {
      for (const u of list) {
        report({
          code: 'INVALID_ON_CLICK_ACTION_PAYLOAD',
          pointer: u.pointer,
          message: `The value of ${u.picker.type} component is not allowed in the payload of navigate action. Read it on a later screen with \${screen.${screen.id ?? '<id>'}.form.${display(u.picker.value['name'])}} instead.`,
        });
      }
      continue;
    }
    if (action.name !== 'complete' && action.name !== 'data_exchange') continue;
    for (const u of list) {
      if (!u.topLevel) {
        report({
          code: 'INVALID_ON_CLICK_ACTION_PAYLOAD',
          pointer: u.pointer,
          message: `The value of following components must be a top-level string in complete and data_exchange on-click-action payload: [${u.picker.type}]. Write it as "<key>": "\${form.${display(u.picker.value['name'])}}" directly in the payload.`,
        });
      }
    }
    if (action.name !== 'complete') continue;
    if (compareVersions(model.version, MULTI_MEDIA_RESPONSE_SINCE) >= 0) checkResponseFiles(action, list, report);
    else checkSingleFile(action, list, report);
  }
}

function maxFilesOf(picker: ComponentNode): { readonly property: string; readonly max: number; readonly explicit: boolean } {
  const property = MAX_PROPERTY[picker.type]!;
  const raw = picker.value[property];
  const fallback = picker.spec?.properties[property]?.default;
  return { property, max: typeof raw === 'number' ? raw : typeof fallback === 'number' ? fallback : 30, explicit: typeof raw === 'number' };
}

/** 5.0+: the pickers of one complete payload may together hold at most 10 files. */
function checkResponseFiles(action: ActionNode, list: readonly PickerUse[], report: (r: Report) => void): void {
  const limit = FLOW_LIMITS.maxMediaFilesInResponse;
  const pickers = [...new Set(list.map((u) => u.picker))];
  const counted = pickers.map((p) => ({ picker: p, ...maxFilesOf(p) }));
  const total = counted.reduce((sum, c) => sum + c.max, 0);
  if (total <= limit) return;
  const parts = counted.map((c) => `${c.picker.type} '${display(c.picker.value['name'])}' up to ${c.max}${c.explicit ? '' : ' (the default)'}`);
  report({
    code: 'INVALID_ON_CLICK_ACTION_PAYLOAD',
    pointer: childPointer(action.pointer, 'payload'),
    message: `The response message carries at most ${limit} media files, and the pickers in this complete payload can hold ${total}: ${parts.join(', ')}. Lower ${counted.map((c) => `'${c.property}'`).filter((p, i, all) => all.indexOf(p) === i).join(' and ')} so they add up to ${limit} or fewer, or send the files with data_exchange.`,
  });
}

/** Before 5.0: one picker, allowing one file. */
function checkSingleFile(action: ActionNode, list: readonly PickerUse[], report: (r: Report) => void): void {
  const pickers = [...new Set(list.map((u) => u.picker))];
  if (pickers.length > 1) {
    report({
      code: 'INVALID_ON_CLICK_ACTION_PAYLOAD',
      pointer: childPointer(action.pointer, 'payload'),
      message: `Complete action payload can contain either a single PhotoPicker or a single DocumentPicker component; it holds ${pickers.map((p) => `${p.type} '${display(p.value['name'])}'`).join(' and ')}. Send the others with data_exchange, or use Flow JSON ${MULTI_MEDIA_RESPONSE_SINCE} or later, whose response message carries up to ${FLOW_LIMITS.maxMediaFilesInResponse} files.`,
    });
  }
  for (const u of list) {
    const { property, max, explicit } = maxFilesOf(u.picker);
    if (max > 1) {
      report({
        code: 'INVALID_ON_CLICK_ACTION_PAYLOAD',
        pointer: u.pointer,
        message: `${u.picker.type} can only be used in complete action payload if value of property '${property}' doesn't exceed 1 (it is ${max}${explicit ? '' : ', the default'}). Set "${property}": 1 or send the files with data_exchange.`,
      });
    }
  }
}
