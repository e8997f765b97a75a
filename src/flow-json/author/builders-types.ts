// The builders every version has, as types the generated Builders_<version> interfaces extend.
import type { field, t } from './data-model.js';
import type { complete, dataExchange, navigate, openUrl, raw, updateData } from './node.js';
import type { expr, ref } from './ref.js';

/** Action builders by name; each version's builders list the ones it has (update_data and open_url from 6.0). */
export interface ActionBuilders {
  readonly navigate: typeof navigate;
  readonly dataExchange: typeof dataExchange;
  readonly complete: typeof complete;
  readonly updateData: typeof updateData;
  readonly openUrl: typeof openUrl;
}

/** Helpers every version's builders carry. */
export interface CommonBuilders {
  /** Screen data declarations: t.string('Ana'), t.array(t.object({...})). */
  readonly t: typeof t;
  /** A screen data field written as Flow JSON has it. */
  readonly field: typeof field;
  /** Escape hatch: a value passed through exactly as written. */
  readonly raw: typeof raw;
  /** A nested expression: expr`'Hi ' ${data.name}`. */
  readonly expr: typeof expr;
  /** A reference written by hand: ref<string>('screen.WELCOME.data.name'). */
  readonly ref: typeof ref;
}
