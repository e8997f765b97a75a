import type { FlowSession, StartOptions } from './types.js';
import { RuntimeError } from './errors.js';

export function startFlow(options: StartOptions): Promise<FlowSession> {
  return Promise.reject(new RuntimeError('INVALID_OPTIONS', `not implemented yet (${typeof options})`));
}
