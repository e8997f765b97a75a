// The builder's fix worker: validates the editor's text with safe fixes off the page's thread
// (fixes.ts posts the jobs and falls back to the page when this cannot load).
import { validateFlow } from '../../../src/flow-json/index.js';
import type { FixRequest, FixResponse } from './fixes.js';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<FixRequest>) => void) | null;
  postMessage(message: FixResponse): void;
};

scope.onmessage = (e) => {
  const { id, text, options } = e.data;
  try {
    scope.postMessage({ id, result: validateFlow(text, { ...options, fixes: true }) });
  } catch (error) {
    // validateFlow never throws by contract; should it, the page gets no fixes for this text.
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
