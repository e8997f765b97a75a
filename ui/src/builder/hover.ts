// Hover docs from the catalogue, on plain text and an offset like completion.ts: a property name
// shows what the property is (type, limits, default, required, versions); a component's `type`
// value shows the component (description, versions, required properties, per-screen limits); an
// action's `name` shows the action; a screen id where one goes shows that screen's title.
import { getActionSpec, getComponentSpec, getLayoutSpec } from '../../../src/flow-json/index.js';
import { actionDoc, componentDoc, propertyDoc } from './catalogue-docs.js';
import { readFlow, valueAt } from './flow-document.js';
import type { FlowDocumentOptions } from './flow-document.js';
import { childPlace, placeAt, propertiesOf } from './flow-places.js';
import { contextAt, stringValue } from './json-scan.js';

export interface HoverDoc {
  readonly from: number;
  readonly to: number;
  readonly title: string;
  readonly lines: readonly string[];
}

/** The doc for the character at `pos`, or undefined when the catalogue has nothing to say. */
export function hoverFlowJson(text: string, pos: number, options: FlowDocumentOptions = {}): HoverDoc | undefined {
  const ctx = contextAt(text, pos + 1);
  const token = ctx?.token;
  if (ctx === undefined || token === undefined || token.kind !== 'string') return undefined;
  const doc = readFlow(text, options);
  const place = placeAt(doc.root, ctx.path, doc.version);
  const word = stringValue(token.raw);
  const span = { from: token.from, to: token.to };

  if (ctx.where === 'key') {
    const prop = propertiesOf(place, doc.version)?.find((p) => p.name === word);
    if (prop === undefined) return undefined;
    const owner = place.kind === 'component' ? (place.spec?.type ?? 'component') : place.kind === 'action' ? (place.spec?.name ?? 'action') : place.kind;
    return { ...span, title: `${word} — property of ${owner}`, lines: propertyDoc(prop) };
  }

  const key = ctx.key;
  if (place.kind === 'component' && key === 'type') {
    const spec = getComponentSpec(word);
    return spec === undefined ? undefined : { ...span, title: `${word} — component`, lines: componentDoc(spec, doc.version) };
  }
  if (place.kind === 'action' && key === 'name') {
    const spec = getActionSpec(word);
    return spec === undefined ? undefined : { ...span, title: `${word} — action`, lines: actionDoc(spec, doc.version) };
  }
  if (key === undefined) return undefined;
  const layout = getLayoutSpec(word);
  if (layout !== undefined && key === 'type' && ctx.path[ctx.path.length - 1] === 'layout') {
    return { ...span, title: `${word} — layout`, lines: [layout.description] };
  }
  const here = childPlace(place, valueAt(doc.root, ctx.path), key, doc.version);
  if (here.kind === 'value' && here.spec.kind === 'string' && here.spec.format === 'screen-id') {
    const screen = doc.model().screenById.get(word);
    if (screen === undefined) return { ...span, title: `${word} — screen`, lines: ['No screen has this id.'] };
    const title = screen.value['title'];
    return { ...span, title: `${word} — screen ${screen.index + 1}`, lines: [typeof title === 'string' ? `Title: ${title}` : 'No title.', ...(screen.terminal ? ['Terminal screen.'] : [])] };
  }
  return undefined;
}
