// screen(id, options, body): a Flow JSON screen whose body gets typed references to its data and
// form fields. The runtime is one function for every version; Builders_<version> types it.
import type { DataModel } from './data-model.js';
import type { Payload } from './node.js';
import { ref } from './ref.js';
import type { Ref } from './ref.js';
import type { AuthoredScreen, ScreenBody, ScreenOptions } from './shape.js';

function refs(scope: 'data' | 'form', names: readonly string[]): Record<string, Ref> {
  return Object.fromEntries(names.map((n) => [n, ref(`${scope}.${n}`)]));
}

/** A screen: catalogued properties (title, terminal...) and `data` as given, the body as its SingleColumnLayout. */
export function buildScreen(id: string, options: Payload & ScreenOptions<DataModel, readonly string[]>, body: ScreenBody<DataModel, readonly string[], unknown>): AuthoredScreen {
  const { data, form, extra, ...props } = options;
  const built = typeof body === 'function' ? body({ data: refs('data', data === undefined ? [] : Object.keys(data)), form: refs('form', form ?? []) }) : body;
  const layout = Array.isArray(built) ? { type: 'SingleColumnLayout', children: built } : built;
  return { id, ...props, ...(data === undefined ? {} : { data }), layout, ...extra };
}
