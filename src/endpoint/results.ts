// Helper constructors for handler results, and the one place they become wire responses.
import type { CompletionResponse, ScreenResponse } from '../data-channel/index.js';
import type { CompleteResult, InvalidFlowTokenResult, NextScreenResult, ShowErrorResult } from './types.js';

// nextScreen and showError type their data from where they are called. In a handler of
// `createFlowEndpoint<F>`, the handler's result type R comes in as the call's contextual type
// (TypeScript infers a type parameter found only in the return type from it), and `data` is then
// typed as the data of that screen, so an object literal gets TypeScript's excess-property check:
// an undeclared field, a wrong type or an unknown screen does not compile. Elsewhere R stays
// `never` and `data` is inferred from the argument, as before.

/** The `nextScreen` members of a contextual result type R for screen S. */
type ScreenMatch<R, S extends string> = Extract<R, { screen: S; data: unknown }>;
/** The data R expects for screen S; never when R expects no such screen (or there is no R). */
type ExpectedData<R, S extends string> = [ScreenMatch<R, S>] extends [never] ? never : ScreenMatch<R, S> extends { data: infer D extends Record<string, unknown> } ? D : never;
type ExpectedScreens<R> = [ScreenMatch<R, string>] extends [never] ? string : ScreenMatch<R, string> extends { screen: infer S extends string } ? S : string;
type Expects<R, S extends string> = [ExpectedData<R, S>] extends [never] ? false : true;

/** The `showError` data a contextual result type R accepts; never without one. */
type ErrorMatch<R> = Extract<R, { errorMessage: string }>;
type ExpectedErrorData<R> = [ErrorMatch<R>] extends [never] ? never : ErrorMatch<R> extends { data?: infer D extends Record<string, unknown> } ? D : never;

/** Show `screen` next with `data` (typed from the flow in a handler of `createFlowEndpoint<F>`). */
export function nextScreen<S extends ExpectedScreens<R>, D extends Record<string, unknown>, R = never>(
  screen: S,
  data: Expects<R, S> extends true ? NoInfer<ExpectedData<R, S>> : D,
): Expects<R, S> extends true ? R : NextScreenResult<S, D> {
  return { screen, data } as Expects<R, S> extends true ? R : NextScreenResult<S, D>;
}

/** Stay on the current screen and show `message` to the user, with data for that screen. */
export function showError<D extends Record<string, unknown> = Record<string, unknown>, R = never>(
  message: string,
  data?: [ExpectedErrorData<R>] extends [never] ? D : NoInfer<ExpectedErrorData<R>>,
): [ExpectedErrorData<R>] extends [never] ? ShowErrorResult<D> : R {
  return (data === undefined ? { errorMessage: message } : { errorMessage: message, data }) as [ExpectedErrorData<R>] extends [never] ? ShowErrorResult<D> : R;
}

/** Close the flow; `params` are sent back to the chat together with the flow token. */
export function complete(params: Record<string, unknown> = {}): CompleteResult {
  return { complete: params };
}

/**
 * End this flow token: the endpoint answers HTTP 427 with `{"error_msg": message}`, and the phone
 * shows `message` (e.g. "This order was already placed") and disables the message's button.
 * Without a message the phone shows its generic error.
 */
export function invalidFlowToken(message?: string): InvalidFlowTokenResult {
  if (message === undefined) return { invalidFlowToken: {} };
  if (typeof message !== 'string' || message.trim() === '') {
    throw new TypeError('invalidFlowToken(message): message must be a non-empty string, the text the phone shows');
  }
  return { invalidFlowToken: { message } };
}

/** A handler result, normalised: what to send, and whether it completes the flow or ends its token. */
export type ResolvedResult =
  | { kind: 'screen'; response: ScreenResponse }
  | { kind: 'error'; response: ScreenResponse }
  | { kind: 'complete'; response: CompletionResponse }
  | { kind: 'invalid-token'; message: string | undefined };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns what a handler returned into a wire response, or a description of why it cannot.
 * `currentScreen` is where an error message is shown.
 */
export function resolveResult(
  result: unknown,
  flowToken: string,
  currentScreen: string | undefined,
): ResolvedResult | { kind: 'invalid'; reason: string } {
  if (!isRecord(result)) return { kind: 'invalid', reason: `handler returned ${result === null ? 'null' : typeof result}, expected an object` };
  if ('invalidFlowToken' in result) {
    const ended = result.invalidFlowToken;
    const message = isRecord(ended) ? ended.message : undefined;
    if (!isRecord(ended) || (message !== undefined && (typeof message !== 'string' || message === ''))) {
      return { kind: 'invalid', reason: 'invalidFlowToken(message): message must be a non-empty string' };
    }
    return { kind: 'invalid-token', message };
  }
  if ('complete' in result) {
    if (!isRecord(result.complete)) return { kind: 'invalid', reason: 'complete(params): params must be an object' };
    const params = { ...result.complete, flow_token: flowToken };
    return { kind: 'complete', response: { screen: 'SUCCESS', data: { extension_message_response: { params } } } };
  }
  if ('errorMessage' in result) {
    if (typeof result.errorMessage !== 'string') return { kind: 'invalid', reason: 'errorMessage must be a string' };
    if (currentScreen === undefined) {
      return { kind: 'invalid', reason: 'showError() needs a current screen, and this request has none (use nextScreen on INIT)' };
    }
    const extra = result.data === undefined ? {} : result.data;
    if (!isRecord(extra)) return { kind: 'invalid', reason: 'showError data must be an object' };
    return { kind: 'error', response: { screen: currentScreen, data: { ...extra, error_message: result.errorMessage } } };
  }
  if (typeof result.screen === 'string' && isRecord(result.data)) {
    const data = result.data;
    // A hand-written completion ({ screen: 'SUCCESS', data: { extension_message_response } }).
    if (result.screen === 'SUCCESS' && isRecord(data.extension_message_response)) {
      const ext = data.extension_message_response;
      const params = isRecord(ext.params) ? { ...ext.params, flow_token: flowToken } : { flow_token: flowToken };
      return { kind: 'complete', response: { screen: 'SUCCESS', data: { extension_message_response: { params } } } };
    }
    return { kind: 'screen', response: { screen: result.screen, data } };
  }
  return { kind: 'invalid', reason: 'expected { screen, data }, { errorMessage }, complete(params) or invalidFlowToken(message)' };
}
