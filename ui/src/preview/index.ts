// waflow/preview: the `<waflow-phone>` element. Importing the module in a browser defines the
// element (for <script type="module"> and import maps); bundlers that drop side-effect imports
// can call defineWaflowPhone() instead.
import { WaflowPhoneElement } from './element.js';

export { WaflowPhoneElement };
export { EndpointError } from '../../../src/runtime/errors.js';
export type { ExchangeRequest } from '../../../src/runtime/index.js';
export type { WaflowCompleteDetail, WaflowEndpoint, WaflowErrorDetail, WaflowNavigateDetail } from './events.js';

/** Defines the element under `tag` (default `waflow-phone`) unless that name is taken. */
export function defineWaflowPhone(tag = 'waflow-phone'): void {
  if (typeof customElements === 'undefined') throw new Error('<waflow-phone> needs a browser: there is no customElements registry here');
  if (customElements.get(tag) === undefined) customElements.define(tag, tag === 'waflow-phone' ? WaflowPhoneElement : class extends WaflowPhoneElement {});
}

// Server-side imports (SSR, Node) get the exports without a definition.
if (typeof customElements !== 'undefined') defineWaflowPhone();
